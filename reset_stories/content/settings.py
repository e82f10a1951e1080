"""Site layout and show settings, read from the plugin's block in mkdocs.yml.

The engine adapter hands over plain values (the options as written, the site URL, the docs
folder); everything is checked here so that `check`, `build` and any future engine report the
same problems in the same words.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
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
from reset_stories.content.vocabulary import category_choices, find_category, suggest
from reset_stories.media import images
from reset_stories.model import (
    Category,
    Funding,
    Image,
    License,
    Link,
    Location,
    Owner,
    Show,
    ShowType,
    Site,
    Theme,
)
from reset_stories.problems import Problems
from reset_stories.slugs import slugify

CONFIG_FILE = "mkdocs.yml"

SITE_OPTIONS = ("episodes_dir", "podcast_dir", "people_dir", "stories_dir", "themes", "podcast", "media_base_url", "media_dir")
SHOW_FIELDS = (
    "title", "description", "author", "owner", "language", "category",
    "artwork", "explicit", "type", "copyright", "timezone",
    "guid", "hosts", "locked", "new_feed_url", "location", "license", "funding", "complete",
    "artwork_alt", "platforms",
)
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
    for key in options:
        if key not in SITE_OPTIONS:
            hint = suggest(str(key), SITE_OPTIONS)
            better = f"forse intendevi «{hint}»?" if hint else f"le opzioni ammesse sono: {', '.join(SITE_OPTIONS)}."
            problems.error(CONFIG_FILE, f"reset-stories.{key}", f"opzione sconosciuta — {better}")
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
    themes = tuple(Theme(name=name, slug=slugify(name)) for name in options.get("themes") or DEFAULT_THEMES)
    root, docs_dir = root.resolve(), docs_dir.resolve()
    episodes_dir = root / options.get("episodes_dir", "episodes")
    if not episodes_dir.is_dir():
        problems.error(
            CONFIG_FILE, "episodes_dir",
            f"la cartella «{options.get('episodes_dir', 'episodes')}» degli episodi non esiste — creala "
            "accanto a mkdocs.yml o correggi il nome.",
        )
        return None
    media_url = options.get("media_base_url")
    if media_url is not None:
        try:
            media_url = read_url(media_url)
            media_url = media_url if media_url.endswith("/") else media_url + "/"
        except Invalid as error:
            problems.error(CONFIG_FILE, "reset-stories.media_base_url", f"{error} È l'indirizzo da cui sono serviti i file audio.")
            media_url = None
    return Site(
        root=root,
        docs_dir=docs_dir,
        episodes_dir=episodes_dir,
        media_url=media_url,
        media_dir=root / options.get("media_dir", "site-media") if media_url else None,
        url=url if url.endswith("/") else url + "/",
        directory_urls=directory_urls,
        podcast_section=options.get("podcast_dir", "podcast").strip("/"),
        people_section=options.get("people_dir", "persone").strip("/"),
        stories_section=options.get("stories_dir", "storie").strip("/"),
        themes=themes,
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
        problems.error(
            CONFIG_FILE, "podcast",
            "mancano le impostazioni del podcast — scrivi sotto «reset-stories:» un blocco «podcast:» "
            "con title, description, author, owner, category e artwork (vedi il README).",
        )
        return None
    fields = _PrefixedReader(settings, problems, SHOW_FIELDS, prefix="podcast")
    title = fields.required("title", read_text, "scrivi il nome del podcast.")
    description = fields.required("description", read_description, "scrivi di cosa parla il podcast, in una o due frasi.")
    author = fields.required("author", read_text, "scrivi chi firma il podcast (per esempio l'ente).")
    owner = fields.required(
        "owner", _read_group(problems, "podcast.owner", OWNER_FIELDS, _owner),
        "scrivi «owner:» e sotto, rientrati, «name:» e «email:» di chi gestisce il podcast.",
    )
    language = fields.optional("language", _read_language, "it")
    category = fields.required("category", _read_category, "scrivi una categoria di Apple Podcasts, per esempio «Arts» o «Society & Culture > Documentary».")
    artwork = fields.required("artwork", _read_artwork(root), "scrivi il percorso dell'immagine quadrata del podcast (JPEG, 1400–3000 px), relativo a mkdocs.yml.")
    explicit = fields.optional("explicit", read_bool, False)
    kind = fields.optional(
        "type",
        read_choice({t.value: t for t in ShowType}, SHOW_TYPE_LABELS, "un tipo di podcast"),
        ShowType.EPISODIC,
    )
    copyright = fields.optional("copyright", read_text, None)
    timezone = fields.optional("timezone", _read_timezone, DEFAULT_TIMEZONE)
    suggestion = f"«guid: {podcast_guid(feed_url)}»" if feed_url else "il codice che ti suggerisce il primo controllo con site_url"
    guid = fields.required(
        "guid", _read_uuid,
        f"è l'identificativo permanente del podcast per le app (Podcasting 2.0) — scrivi {suggestion}, "
        "calcolato dall'indirizzo del feed, e non cambiarlo più, nemmeno se il sito cambia indirizzo.",
    )
    hosts = fields.optional("hosts", read_list(credit_reader(HOST)), ())
    locked = fields.optional("locked", read_bool, None)
    new_feed_url = fields.optional("new_feed_url", read_url, None)
    location = fields.optional("location", _read_group(problems, "podcast.location", LOCATION_FIELDS, _location), None)
    license = fields.optional("license", _read_license(problems), None)
    funding = fields.optional("funding", read_list(_read_group(problems, "podcast.funding", FUNDING_FIELDS, _funding)), ())
    complete = fields.optional("complete", read_bool, False)
    artwork_alt = fields.optional("artwork_alt", read_text, None)
    platforms = fields.optional("platforms", read_list(_read_group(problems, "podcast.platforms", PLATFORM_FIELDS, _platform)), ())
    if fields.failed:
        return None
    return Show(
        title=title, description=description, author=author, owner=owner, language=language,
        category=category, artwork=artwork, explicit=explicit, type=kind, copyright=copyright,
        timezone=timezone, guid=guid, hosts=hosts, locked=locked, new_feed_url=new_feed_url,
        location=location, license=license, funding=funding, complete=complete,
        artwork_alt=artwork_alt, platforms=platforms,
    )


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
        hint = suggest(str(value), category_choices())
        better = f" Forse intendevi «{hint}»?" if hint else ""
        raise Invalid(
            f"{show_value(value)} non è una categoria di Apple Podcasts — scrivi una categoria dell'elenco di Apple "
            f"in inglese, per esempio «Arts» o «Society & Culture > Documentary».{better}"
        )
    return Category(name=found[0], subcategory=found[1])


def timezone_of(options: Mapping[str, Any]) -> ZoneInfo:
    """The show's time zone, or the default when it is missing or wrong (``check`` reports that)."""
    podcast = options.get("podcast")
    value = podcast.get("timezone") if isinstance(podcast, Mapping) else None
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
    hint = suggest(str(value), sorted(available_timezones()))
    better = f" Forse intendevi «{hint}»?" if hint else ""
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
