"""Site layout and show settings, read from the plugin's block in mkdocs.yml.

The engine adapter hands over plain values (the options as written, the site URL, the docs
folder); everything is checked here so that `check`, `build` and any future engine report the
same problems in the same words.

Each option is declared once, in ``PLUGIN_OPTIONS`` and ``SHOW_OPTIONS`` below (see
:mod:`reset_stories.content.options`): the readers here, the MkDocs adapter's ``Config`` class
and the README's tables (``tools/options_guide.py``) all follow those tables.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from reset_stories.content.credits import HOST, credit_reader
from reset_stories.content.fields import (
    MISSING,
    FieldReader,
    Invalid,
    read_bool,
    read_choice,
    read_description,
    read_email,
    read_list,
    read_relative_path,
    read_text,
    read_url,
    resolve_inside,
)
from reset_stories.content.fields import (
    show as show_value,
)
from reset_stories.content.options import (
    Option,
    known_names,
    names,
    under_current_names,
)
from reset_stories.content.vocabulary import category_choices, did_you_mean, find_category
from reset_stories.media import images
from reset_stories.model import (
    Category,
    Funding,
    Image,
    License,
    Link,
    Location,
    Look,
    Owner,
    Scheme,
    Show,
    ShowType,
    Site,
    Theme,
)
from reset_stories.problems import Problems
from reset_stories.site import look as site_look
from reset_stories.slugs import slugify

CONFIG_FILE = "mkdocs.yml"
PLUGIN_FIELD = "reset-stories"

PLATFORM_FIELDS = ("name", "url")
LOCATION_FIELDS = ("name", "country", "geo", "osm", "rel")
LICENSE_FIELDS = ("identifier", "url")
FUNDING_FIELDS = ("url", "text")
LOCATION_RELS = {"subject": "il luogo di cui parla il podcast", "creator": "il luogo dove il podcast è prodotto"}
# The namespace of Podcasting 2.0's podcast:guid (UUIDv5 of the feed URL without scheme).
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
OWNER_FIELDS = ("name", "email")
SHOW_TYPE_LABELS = {"episodic": "episodi indipendenti, il più recente per primo", "serial": "da ascoltare in ordine"}

# RESET's four themes; a site sets its own under `themes:`.
DEFAULT_TIMEZONE = ZoneInfo("Europe/Rome")
DEFAULT_THEMES = ("turismo culturale", "tecnologia/digitale", "innovazione sociale", "formazione")

G = TypeVar("G")  # what a group of fields builds (Location, Owner…)


@dataclass(frozen=True)
class _Reading:
    """What some readers need besides the value: the project's folder, where nested fields report
    their problems, and the feed's address (the podcast's guid is suggested from it)."""

    root: Path
    problems: Problems
    feed_url: str | None = None


def read_folder_name(value: object) -> str:
    """A folder's name, as written (MkDocs has already checked it is a text)."""
    if isinstance(value, str):
        return value
    raise Invalid(f"{show_value(value)} non è il nome di una cartella — scrivi il nome, per esempio «episodes».")


def read_themes(value: object) -> tuple[str, ...]:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise Invalid(f"{show_value(value)} non è un elenco di temi — scrivi per esempio «themes: [ambiente, scuola]».")


def read_media_url(value: object) -> str:
    try:
        url = read_url(value)
    except Invalid as error:
        raise Invalid(f"{error} È l'indirizzo da cui sono serviti i file audio.") from None
    return url if url.endswith("/") else url + "/"


# How many items a list page shows (the podcast page, the stories, a theme, a year, a person's
# page): a phone scrolls through 20 cards comfortably, and a page stays light whatever the archive.
DEFAULT_PAGE_SIZE = 20


def read_page_size(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise Invalid(
            f"{show_value(value)} non è un numero di elementi per pagina — scrivi un numero intero positivo, "
            f"per esempio «page_size: {DEFAULT_PAGE_SIZE}» (gli elenchi più lunghi continuano su altre pagine).",
        )
    return value


def _plain(reader: Callable[[object], Any]) -> Callable[[_Reading], Callable[[object], Any]]:
    return lambda _reading: reader


def _guid_missing(reading: _Reading) -> str:
    feed_url = reading.feed_url
    suggestion = f"«guid: {podcast_guid(feed_url)}»" if feed_url else "il codice che ti suggerisce il primo controllo con site_url"
    return (
        f"è l'identificativo permanente del podcast per le app (Podcasting 2.0) — scrivi {suggestion}, "
        "calcolato dall'indirizzo del feed, e non cambiarlo più, nemmeno se il sito cambia indirizzo."
    )


def _folder(name: str, help_it: str, default: str) -> Option:
    """A folder option: a plain name, with its default."""
    return Option(name, help_it, reader=_plain(read_folder_name), default=default, default_it=f"`{default}`")


# --- the site's look («look:» under «reset-stories:») ------------------------------------------
# Colours, logo, favicon and colour schemes, made into the theme's settings and a stylesheet by
# reset_stories.site.look. Paths are relative to mkdocs.yml, like the podcast's artwork.

SCHEME_LABELS = {
    "auto": "chiaro o scuro come preferisce chi visita, con un pulsante per cambiare",
    "light": "solo chiaro",
    "dark": "solo scuro",
}
LOGO_TYPES = (".svg", ".png", ".webp", ".jpg", ".jpeg")
FAVICON_TYPES = (".svg", ".png", ".ico")
# What a colour is for, in the messages about it.
_COLOUR_USES = {
    "primary": "è il colore dei collegamenti e dell'intestazione (con il testo bianco sopra)",
    "accent": "è il colore dei collegamenti sotto il puntatore e dei pulsanti attivi",
}


def _read_colour(name: str) -> Callable[[object], str]:
    def read(value: object) -> str:
        rgb = site_look.parse_colour(value) if isinstance(value, str) else None
        if rgb is None:
            raise Invalid(
                f"{show_value(value)} non è un colore — scrivilo in esadecimale e tra virgolette, "
                f'per esempio {name}: "#7a2016".',
            )
        better = site_look.too_light(rgb)
        if better is not None:
            ratio = f"{site_look.contrast(rgb, site_look.WHITE):.2f}".replace(".", ",")
            raise Invalid(
                f"«{site_look.hex_of(rgb)}» è troppo chiaro: {_COLOUR_USES[name]}, e su fondo bianco si legge male "
                f"(contrasto {ratio}:1; le regole di accessibilità WCAG AA chiedono almeno 4,5:1) — "
                f'scrivi {name}: "{site_look.hex_of(better)}", il colore più vicino che si legge bene, oppure uno più scuro.',
            )
        return site_look.hex_of(rgb)

    return read


def _read_look_image(what: str, types: tuple[str, ...]) -> Callable[[_Reading], Callable[[object], Path]]:
    def reader(reading: _Reading) -> Callable[[object], Path]:
        def read(value: object) -> Path:
            relative = read_relative_path(value)
            path = resolve_inside(reading.root, relative, reading.root)
            if path.suffix.lower() not in types:
                kinds = [kind.lstrip(".").upper() for kind in types if kind != ".jpeg"]
                listed = ", ".join(kinds[:-1]) + " o " + kinds[-1]
                raise Invalid(f'"{relative}" non è un\'immagine adatta per {what} — usa un file {listed}.')
            return path

        return read

    return reader


LOOK_OPTIONS: tuple[Option, ...] = (
    Option(
        "primary",
        "il colore principale, dell'intestazione e dei collegamenti: deve leggersi su fondo bianco (contrasto WCAG AA, "
        "almeno 4,5:1; se non basta, il controllo suggerisce il colore più vicino che va bene); le sue varianti e i "
        "colori del tema scuro sono calcolati da questo. In esadecimale e tra virgolette",
        reader=_plain(_read_colour("primary")), default_it="i colori del tema (indaco)", example='`"#7a2016"`',
    ),
    Option(
        "accent",
        "il colore di risalto: collegamenti sotto il puntatore, pulsanti attivi, la frase della trascrizione che "
        "si sta ascoltando; deve leggersi su fondo bianco come `primary`",
        reader=_plain(_read_colour("accent")), default_it="il colore principale", example='`"#996e28"`',
    ),
    Option(
        "logo", "il logo nell'intestazione, relativo a mkdocs.yml: SVG (meglio), PNG, WebP o JPEG",
        reader=_read_look_image("il logo", LOGO_TYPES), default_it="l'icona del tema",
        example="`content/immagini/logo.svg`",
    ),
    Option(
        "favicon", "l'icona del sito nella scheda del browser, relativa a mkdocs.yml: SVG, PNG o ICO",
        reader=_read_look_image("l'icona del sito", FAVICON_TYPES), default_it="il logo, se c'è",
        example="`content/immagini/favicon.png`",
    ),
    Option(
        "scheme",
        "`auto` (chiaro o scuro come preferisce chi visita, con un pulsante per cambiare), `light` (solo chiaro) "
        "o `dark` (solo scuro)",
        reader=_plain(read_choice({s.value: s for s in Scheme}, SCHEME_LABELS, "uno schema di colori")),
        default=Scheme.AUTO, default_it="`auto`",
    ),
)
LOOK_FIELDS = names(LOOK_OPTIONS)


def _read_look(reading: _Reading) -> Callable[[object], Look]:
    def build(fields: FieldReader) -> Look:
        values = {}
        for option in LOOK_OPTIONS:
            assert option.reader is not None
            if option.name in _COLOUR_USES and option.name in fields.meta and fields.meta[option.name] is None:
                # In YAML, «primary: #7a2016» is an empty value followed by a comment.
                fields.fail(option.name, f'è vuoto — scrivi il colore tra virgolette, per esempio {option.name}: "#7a2016" '
                                         "(senza virgolette il # e quel che segue sono un commento).")
            values[option.name] = fields.optional(option.name, option.reader(reading), option.default)
        return Look(**values)

    return _read_group(reading.problems, f"{PLUGIN_FIELD}.look", LOOK_FIELDS, build)


# The plugin's options (under «reset-stories:»), in the order their problems are reported.
# Folders are relative to mkdocs.yml (episodes) or to docs_dir (the sections).
PLUGIN_OPTIONS: tuple[Option, ...] = (
    _folder("episodes_dir", "la cartella degli episodi, accanto a `mkdocs.yml`", "episodes"),
    _folder("podcast_dir", "la cartella della sezione podcast dentro `content/` (e il suo indirizzo)", "podcast"),
    _folder("people_dir", "la cartella delle persone dentro `content/`", "persone"),
    _folder("stories_dir", "la cartella delle storie dentro `content/`", "storie"),
    Option(
        "themes", "i temi delle storie, un elenco: per esempio `themes: [ambiente, scuola]`",
        reader=_plain(read_themes), default=DEFAULT_THEMES, kind=list,
        default_it=", ".join(f"`{theme}`" for theme in DEFAULT_THEMES),
    ),
    Option(
        "podcast", "le impostazioni del podcast: i campi della tabella qui sopra",
        required=True, kind=dict,
        missing_it="scrivi sotto «reset-stories:» un blocco «podcast:» con title, description, author, owner, category e artwork (vedi il README).",
    ),
    Option(
        "page_size",
        "quanti episodi o storie mostra ogni pagina di un elenco (il podcast, le storie, un tema, un anno, una persona): "
        "gli elenchi più lunghi continuano su pagine numerate",
        reader=_plain(read_page_size), default=DEFAULT_PAGE_SIZE, kind=int, default_it=f"`{DEFAULT_PAGE_SIZE}`",
    ),
    Option(
        "media_base_url", "l'indirizzo da cui sono serviti i file audio, se non stanno nel sito (una CDN, uno spazio di archiviazione)",
        reader=_plain(read_media_url), default_it="nessuno: l'audio è pubblicato nel sito",
        example="`https://media.esempio.it/podcast/`",
    ),
    Option(
        "media_dir", "con `media_base_url`: la cartella, accanto a `mkdocs.yml`, dove la costruzione mette i file audio da caricare",
        reader=_plain(read_folder_name), default="site-media", default_it="`site-media`",
    ),
    Option(
        "look", "l'aspetto del sito: colori, logo, icona, tema chiaro e scuro; i campi sono nella tabella di «L'aspetto del sito», più sotto",
        reader=_read_look, default=Look(), kind=dict, default_it="i colori del tema, chiaro o scuro come preferisce chi visita",
    ),
)

# The show's fields (under «podcast:»), in the order they are read and their problems reported.
SHOW_OPTIONS: tuple[Option, ...] = (
    Option(
        "title", "il nome del podcast", reader=_plain(read_text), required=True,
        missing_it="scrivi il nome del podcast.",
    ),
    Option(
        "description", "di cosa parla (al massimo 4000 byte)", reader=_plain(read_description), required=True,
        missing_it="scrivi di cosa parla il podcast, in una o due frasi.",
    ),
    Option(
        "author", "chi firma il podcast", reader=_plain(read_text), required=True,
        missing_it="scrivi chi firma il podcast (per esempio l'ente).",
    ),
    Option(
        "owner", "`name` ed `email` di chi lo gestisce: Apple e Spotify scrivono lì per verificarlo",
        reader=lambda reading: _read_group(reading.problems, "podcast.owner", OWNER_FIELDS, _owner), required=True,
        missing_it="scrivi «owner:» e sotto, rientrati, «name:» e «email:» di chi gestisce il podcast.",
    ),
    Option(
        "language", "il codice della lingua (predefinito `it`)", reader=lambda _reading: _read_language, default="it",
        default_it="`it`",
    ),
    Option(
        "category", "una categoria di Apple Podcasts, in inglese, per esempio `Arts` o `Society & Culture > Documentary`",
        reader=lambda _reading: _read_category, required=True,
        missing_it="scrivi una categoria di Apple Podcasts, per esempio «Arts» o «Society & Culture > Documentary».",
    ),
    Option(
        "artwork", "la copertina, relativa a mkdocs.yml: JPEG o PNG, quadrata, tra 1400 e 3000 px, RGB",
        reader=lambda reading: _read_artwork(reading.root), required=True,
        missing_it="scrivi il percorso dell'immagine quadrata del podcast (JPEG, 1400–3000 px), relativo a mkdocs.yml.",
    ),
    Option(
        "explicit", "`true` o `false` (predefinito `false`)", reader=_plain(read_bool), default=False, default_it="`false`",
    ),
    Option(
        "type", "`episodic` (predefinito: il più recente per primo) o `serial` (da ascoltare in ordine; ogni episodio ha `number`)",
        reader=_plain(read_choice({t.value: t for t in ShowType}, SHOW_TYPE_LABELS, "un tipo di podcast")),
        default=ShowType.EPISODIC, default_it="`episodic`",
    ),
    Option("copyright", "la nota di copyright", reader=_plain(read_text)),
    Option(
        "timezone", "il fuso orario delle date (predefinito `Europe/Rome`)", reader=lambda _reading: _read_timezone,
        default=DEFAULT_TIMEZONE, default_it="`Europe/Rome`",
    ),
    Option(
        "guid",
        "l'identificativo permanente del podcast (Podcasting 2.0), calcolato una volta dall'indirizzo del feed: "
        "`check` ti dice quale scrivere la prima volta. Non cambiarlo più, nemmeno se il sito cambia indirizzo",
        reader=lambda _reading: _read_uuid, required=True, missing_it=_guid_missing,
    ),
    Option(
        "hosts",
        "chi conduce il podcast: un elenco di identificativi di persone (con `role` facoltativo, predefinito `host`)",
        reader=_plain(read_list(credit_reader(HOST))), default=(),
    ),
    Option(
        "locked", "`true` per chiedere alle piattaforme di non importare il feed senza conferma dell'`owner.email`",
        reader=_plain(read_bool),
    ),
    Option("new_feed_url", "il nuovo indirizzo del feed, se il podcast si trasferisce altrove", reader=_plain(read_url)),
    Option(
        "location",
        "il luogo del podcast: `name` (per esempio Siena), e facoltativi `country` (IT), `geo` (`geo:43.3188,11.3308`), "
        "`osm` (R41950), `rel` (`subject`: il luogo di cui parla; `creator`: dove è prodotto)",
        reader=lambda reading: _read_group(reading.problems, "podcast.location", LOCATION_FIELDS, _location),
    ),
    Option(
        "license", "la licenza dei contenuti, per esempio `CC-BY-4.0`; per una licenza propria: `identifier` e `url`",
        reader=lambda reading: _read_license(reading.problems),
    ),
    Option(
        "funding", "elenco di `url` e `text` per sostenere il podcast",
        reader=lambda reading: read_list(_read_group(reading.problems, "podcast.funding", FUNDING_FIELDS, _funding)),
        default=(),
    ),
    Option(
        "complete", "`true` quando la serie è conclusa e non usciranno altri episodi", reader=_plain(read_bool), default=False,
    ),
    Option("artwork_alt", "che cosa mostra la copertina, per chi non la vede", reader=_plain(read_text)),
    Option(
        "platforms",
        "il podcast sulle piattaforme, per i pulsanti «Ascolta su»: elenco di `name` e `url`, per esempio "
        "`- name: Apple Podcasts` e `url: https://podcasts.apple.com/…`",
        reader=lambda reading: read_list(_read_group(reading.problems, "podcast.platforms", PLATFORM_FIELDS, _platform)),
        default=(),
    ),
)

# Every name read under «reset-stories:» (former names too), and the show's fields' current names.
# (The readers below look the tables up when they run.)
SITE_OPTIONS = known_names(PLUGIN_OPTIONS)
SHOW_FIELDS = names(SHOW_OPTIONS)


def _plugin_option(name: str) -> Option:
    return next(option for option in PLUGIN_OPTIONS if option.name == name)


def written_options(options: Mapping[str, Any], problems: Problems | None = None) -> dict[Any, Any]:
    """The plugin's options as written, under their current names (former names reported to ``problems``)."""
    warn = None
    if problems is not None:
        def warn(old: str, message: str) -> None:
            problems.warn(CONFIG_FILE, f"{PLUGIN_FIELD}.{old}", message)
    return under_current_names(options, PLUGIN_OPTIONS, warn)


def written_show(options: Mapping[str, Any]) -> Mapping[Any, Any]:
    """The ``podcast:`` block as written, under the fields' current names ({} when it is not a block)."""
    podcast = written_options(options).get("podcast")
    return under_current_names(podcast, SHOW_OPTIONS) if isinstance(podcast, Mapping) else {}


def read_site(
    *,
    root: Path,
    docs_dir: Path,
    site_url: str | None,
    directory_urls: bool,
    options: Mapping[str, Any],
    problems: Problems,
) -> Site | None:
    """The project's layout; None when something essential (the site URL) is missing."""
    known, allowed = known_names(PLUGIN_OPTIONS), names(PLUGIN_OPTIONS)
    for key in options:
        if key not in known:
            better = did_you_mean(str(key), allowed, f"le opzioni ammesse sono: {', '.join(allowed)}.")
            problems.error(CONFIG_FILE, f"{PLUGIN_FIELD}.{key}", f"opzione sconosciuta — {better}")
    options = written_options(options, problems)
    # A wrong site URL is reported, and the content is still checked (only the feed needs the URL).
    url = (site_url or "").strip()
    if not url:
        problems.error(
            CONFIG_FILE, "site_url",
            "manca — il feed del podcast ha bisogno di indirizzi completi: scrivi l'indirizzo "
            "pubblico del sito, per esempio «site_url: https://www.esempio.it/».",
        )
    elif not re.match(r"^https?://[^/\s]+", url):
        problems.error(
            CONFIG_FILE, "site_url",
            f'"{url}" non è un indirizzo web completo — scrivi per esempio https://www.esempio.it/.',
        )
    reading = _Reading(root, problems)

    def option(name: str, field: str | None = None) -> Any:
        declared = _plugin_option(name)
        value = options.get(name)
        if value is None or declared.reader is None:
            return declared.default
        try:
            return declared.reader(reading)(value)
        except Invalid as error:
            problems.error(CONFIG_FILE, field or f"{PLUGIN_FIELD}.{name}", str(error))
            return declared.default

    themes = tuple(Theme(name=name, slug=slugify(name)) for name in option("themes") or DEFAULT_THEMES)
    root, docs_dir = root.resolve(), docs_dir.resolve()
    episodes_name = option("episodes_dir", "episodes_dir")
    episodes_dir = root / episodes_name
    if not episodes_dir.is_dir():
        problems.error(
            CONFIG_FILE, "episodes_dir",
            f"la cartella «{episodes_name}» degli episodi non esiste — creala "
            "accanto a mkdocs.yml o correggi il nome.",
        )
        return None
    media_url = option("media_base_url")
    look = option("look")  # a look with problems is the default one (they are reported)
    return Site(
        root=root,
        docs_dir=docs_dir,
        episodes_dir=episodes_dir,
        media_url=media_url,
        media_dir=root / option("media_dir") if media_url else None,
        url=url if url.endswith("/") else url + "/",
        directory_urls=directory_urls,
        podcast_section=option("podcast_dir").strip("/"),
        people_section=option("people_dir").strip("/"),
        stories_section=option("stories_dir").strip("/"),
        themes=themes,
        page_size=option("page_size"),
        look=look if isinstance(look, Look) else Look(),
    )


def podcast_guid(feed_url: str) -> str:
    """Podcasting 2.0's podcast:guid: UUIDv5 of the feed URL without its scheme and trailing slashes."""
    address = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", feed_url.strip()).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, address))


def read_show(settings: object, root: Path, problems: Problems, feed_url: str | None = None) -> Show | None:
    """The podcast's settings (``podcast:`` under the plugin), or None after reporting problems.

    ``feed_url`` is where the feed is published now: it gives the podcast:guid to store when
    the settings have none yet.
    """
    if not isinstance(settings, Mapping) or not settings:
        problems.error(CONFIG_FILE, "podcast", f"mancano le impostazioni del podcast — {_plugin_option('podcast').missing(None)}")
        return None

    def renamed(old: str, message: str) -> None:
        problems.warn(CONFIG_FILE, f"podcast.{old}", message)

    written = under_current_names(settings, SHOW_OPTIONS, renamed)
    fields = _PrefixedReader(written, problems, names(SHOW_OPTIONS), prefix="podcast")
    reading = _Reading(root, problems, feed_url)
    values: dict[str, Any] = {}
    for option in SHOW_OPTIONS:
        assert option.reader is not None
        read = option.reader(reading)
        if option.required:
            values[option.name] = fields.required(option.name, read, option.missing(reading))
        else:
            values[option.name] = fields.optional(option.name, read, option.default)
    if fields.failed:
        return None
    return Show(**values)


def _read_uuid(value: object) -> str:
    try:
        return str(uuid.UUID(str(value).strip()))
    except ValueError:
        raise Invalid(f"{show_value(value)} non è un codice UUID — scrivi il codice come 917393e3-1b1e-5cef-ace4-edaa54e1f810.") from None


def _read_group(problems: Problems, prefix: str, allowed: tuple[str, ...], build: Callable[[FieldReader], G]) -> Callable[[object], G]:
    """A reader for a group of fields under one setting (``location:``, each ``funding:`` entry)."""

    def read(value: object) -> G:
        if not isinstance(value, Mapping):
            name = prefix.split(".")[-1]
            raise Invalid(
                f"{show_value(value)} è su una riga sola — scrivi sotto «{name}:», su righe rientrate, "
                f"i campi {', '.join(f'«{field}: …»' for field in allowed)}."
            )
        fields = _PrefixedReader(value, problems, allowed, prefix=prefix)
        built = build(fields)
        return cast(G, MISSING) if fields.failed else built  # MISSING: see FieldReader.required

    return read


def _location(fields: FieldReader) -> Location:
    return Location(
        name=fields.required("name", read_text, "scrivi il nome del luogo, per esempio «name: Siena»."),
        country=fields.optional("country", _read_country, None),
        geo=fields.optional("geo", _read_geo, None),
        osm=fields.optional("osm", _read_osm, None),
        rel=fields.optional("rel", read_choice(dict(zip(LOCATION_RELS, LOCATION_RELS, strict=True)), LOCATION_RELS, "un tipo di luogo"), None),
    )


def _platform(fields: FieldReader) -> Link:
    return Link(
        name=fields.required("name", read_text, "scrivi il nome della piattaforma, per esempio «name: Apple Podcasts»."),
        url=fields.required("url", read_url, "scrivi l'indirizzo del podcast su quella piattaforma."),
    )


def _funding(fields: FieldReader) -> Funding:
    return Funding(
        url=fields.required("url", read_url, "scrivi l'indirizzo della pagina per sostenere il podcast."),
        text=fields.required("text", read_text, "scrivi il testo del collegamento, per esempio «Sostieni il podcast»."),
    )


def _read_license(problems: Problems) -> Callable[[object], License]:
    read_group = _read_group(
        problems, "podcast.license", LICENSE_FIELDS,
        lambda fields: License(
            identifier=fields.required("identifier", read_text, "scrivi il nome breve della licenza, per esempio CC-BY-4.0."),
            url=fields.optional("url", read_url, None),
        ),
    )

    def read(value: object) -> License:
        # A well-known licence is just its identifier; a custom one needs its text's address.
        return License(identifier=read_text(value)) if isinstance(value, str) else read_group(value)

    return read


def _read_country(value: object) -> str:
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z]{2}", value.strip()):
        return value.strip().upper()
    raise Invalid(f"{show_value(value)} non è un codice di paese — scrivi le due lettere ISO, per esempio IT.")


def _read_geo(value: object) -> str:
    text = str(value).strip() if isinstance(value, str) else ""
    if re.fullmatch(r"geo:-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?(,-?\d+(\.\d+)?)?(;[a-z0-9-]+=[^;]+)*", text):
        return text
    raise Invalid(f"{show_value(value)} non è una posizione — scrivi latitudine e longitudine così: geo:43.3188,11.3308.")


def _read_osm(value: object) -> str:
    text = str(value).strip() if isinstance(value, str) else ""
    if re.fullmatch(r"[NWR]\d+(#\d+)?", text):
        return text
    raise Invalid(f"{show_value(value)} non è un oggetto OpenStreetMap — scrivi il tipo (N, W o R) e il numero, per esempio R41950.")


class _PrefixedReader(FieldReader):
    """Reports fields as ``podcast.title`` in mkdocs.yml."""

    def __init__(self, meta: Mapping[Any, Any], problems: Problems, allowed: tuple[str, ...], prefix: str):
        self.prefix = prefix
        super().__init__(meta, CONFIG_FILE, problems, allowed)

    def fail(self, field: str | None, message: str) -> None:
        super().fail(f"{self.prefix}.{field}", message)


def _owner(fields: FieldReader) -> Owner:
    return Owner(
        name=fields.required("name", read_text, "scrivi il nome di chi gestisce il podcast."),
        email=fields.required("email", read_email, "scrivi l'email a cui Apple e Spotify scrivono per verificare il podcast."),
    )


def _read_language(value: object) -> str:
    if isinstance(value, str) and re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z]{2})?", value.strip()):
        return value.strip()
    raise Invalid(f"{show_value(value)} non è un codice di lingua — scrivi per esempio it (italiano) o en.")


def _read_category(value: object) -> Category:
    found = find_category(value) if isinstance(value, str) else None
    if found is None:
        better = did_you_mean(str(value), category_choices(), sentence=True)
        raise Invalid(
            f"{show_value(value)} non è una categoria di Apple Podcasts — scrivi una categoria dell'elenco di Apple "
            f"in inglese, per esempio «Arts» o «Society & Culture > Documentary».{better}"
        )
    return Category(name=found[0], subcategory=found[1])


def timezone_of(options: Mapping[str, Any]) -> ZoneInfo:
    """The show's time zone, or the default when it is missing or wrong (``check`` reports that)."""
    value = written_show(options).get("timezone")
    try:
        return _read_timezone(value) if value is not None else DEFAULT_TIMEZONE
    except Invalid:
        return DEFAULT_TIMEZONE


def _read_timezone(value: object) -> ZoneInfo:
    if isinstance(value, str):
        try:
            return ZoneInfo(value.strip())
        except (ZoneInfoNotFoundError, ValueError):
            pass
    better = did_you_mean(str(value), sorted(available_timezones()), sentence=True)
    raise Invalid(f"{show_value(value)} non è un fuso orario — scrivi per esempio Europe/Rome.{better}")


def _read_artwork(root: Path) -> Callable[[object], Image]:
    def read(value: object) -> Image:
        relative = read_relative_path(value)
        path = resolve_inside(root, relative, root)
        try:
            return images.check_artwork(path)
        except images.BadImage as error:
            raise Invalid(f'"{relative}": {error}') from None

    return read
