"""Site layout and show settings, read from the plugin's block in mkdocs.yml.

The engine adapter hands over plain values (the options as written, the site URL, the docs
folder); everything is checked here so that `check`, `build` and any future engine report the
same problems in the same words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from . import images
from .fields import (
    MISSING,
    FieldReader,
    Invalid,
    read_bool,
    read_choice,
    read_email,
    read_description,
    read_relative_path,
    read_text,
    resolve_inside,
    show as show_value,
)
from .model import Category, Owner, Show, ShowType, Site, Theme
from .problems import Problems
from .slugs import slugify
from .vocabulary import category_choices, find_category, suggest

CONFIG_FILE = "mkdocs.yml"

SITE_OPTIONS = ("episodes_dir", "podcast_dir", "people_dir", "stories_dir", "themes", "podcast")
SHOW_FIELDS = (
    "title", "description", "author", "owner", "language", "category",
    "artwork", "explicit", "type", "copyright", "timezone",
)
OWNER_FIELDS = ("name", "email")
SHOW_TYPE_LABELS = {"episodic": "episodi indipendenti, il più recente per primo", "serial": "da ascoltare in ordine"}

# RESET's four themes; a site sets its own under `themes:`.
DEFAULT_TIMEZONE = ZoneInfo("Europe/Rome")
DEFAULT_THEMES = ("turismo culturale", "tecnologia/digitale", "innovazione sociale", "formazione")


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
    return Site(
        root=root,
        docs_dir=docs_dir,
        episodes_dir=episodes_dir,
        url=url if url.endswith("/") else url + "/",
        directory_urls=directory_urls,
        podcast_section=options.get("podcast_dir", "podcast").strip("/"),
        people_section=options.get("people_dir", "persone").strip("/"),
        stories_section=options.get("stories_dir", "storie").strip("/"),
        themes=themes,
    )


def read_show(settings: object, root: Path, problems: Problems) -> Show | None:
    """The podcast's settings (``podcast:`` under the plugin), or None after reporting problems."""
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
    owner = fields.required("owner", _read_owner(problems), "scrivi «owner:» con «name:» e «email:» di chi gestisce il podcast.")
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
    if fields.failed:
        return None
    return Show(
        title=title, description=description, author=author, owner=owner, language=language,
        category=category, artwork=artwork, explicit=explicit, type=kind, copyright=copyright,
        timezone=timezone,
    )


class _PrefixedReader(FieldReader):
    """Reports fields as ``podcast.title`` in mkdocs.yml."""

    def __init__(self, meta: Mapping[Any, Any], problems: Problems, allowed: tuple[str, ...], prefix: str):
        self.prefix = prefix
        super().__init__(meta, CONFIG_FILE, problems, allowed)

    def fail(self, field: str, message: str) -> None:
        super().fail(f"{self.prefix}.{field}", message)


def _read_owner(problems: Problems):
    def read(value: object) -> Owner:
        if not isinstance(value, Mapping):
            raise Invalid(
                f"{show_value(value)} è su una riga sola — owner va scritto su due righe rientrate sotto «owner:», "
                "«name: …» e «email: …»."
            )
        fields = _PrefixedReader(value, problems, OWNER_FIELDS, prefix="podcast.owner")
        name = fields.required("name", read_text, "scrivi il nome di chi gestisce il podcast.")
        email = fields.required("email", read_email, "scrivi l'email a cui Apple e Spotify scrivono per verificare il podcast.")
        if fields.failed:
            # Already reported field by field; MISSING makes the show fail without a second message.
            return MISSING
        return Owner(name=name, email=email)

    return read


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


def _read_artwork(root: Path):
    def read(value: object) -> object:
        relative = read_relative_path(value)
        path = resolve_inside(root, relative, root)
        try:
            return images.check_artwork(path)
        except images.BadImage as error:
            raise Invalid(f'"{relative}": {error}') from None

    return read
