"""Reading a podcast feed someone else made: the show and its items, with every problem noted.

Feeds in the wild are messy (HTML in titles, odd dates, relative URLs, missing guids). Each
item is read on its own: a problem is noted with the item's position and title, and the item is
imported when what is left is enough (an audio file); never an exception for one bad item.
Only a document that is not an RSS feed at all raises :class:`NotAFeed`.
"""

from __future__ import annotations

import html
import json
import re
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import etree

from reset_stories.content.characters import without_bad_characters
from reset_stories.problems import PeopleFacingError

TIMEOUT = 30.0  # seconds, for every request
MAX_SUMMARY_BYTES = 4000
USER_AGENT = "reset-stories-import/1 (+https://podcastindex.org/namespace/1.0)"

_NAMESPACES = {
    "itunes": ("http://www.itunes.com/dtds/podcast-1.0.dtd", "http://www.itunes.com/DTDs/Podcast-1.0.dtd"),
    "podcast": (
        "https://podcastindex.org/namespace/1.0",
        "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md",
        "http://podcastindex.org/namespace/1.0",
    ),
    "content": ("http://purl.org/rss/1.0/modules/content/",),
    "psc": ("http://podlove.org/simple-chapters", "http://podlove.org/simple-chapters/"),
    "atom": ("http://www.w3.org/2005/Atom",),
    "": ("",),
}


class NotAFeed(PeopleFacingError):
    """The document cannot be read as an RSS feed; the message says why, in Italian."""


class FetchFailed(PeopleFacingError):
    """A file could not be fetched; the message says which and why."""


Fetch = Callable[[str], bytes]


def fetch_bytes(location: str, timeout: float = TIMEOUT) -> bytes:
    """The bytes at ``location``: an http(s) URL, a file:// URL or a local path."""
    parts = urlsplit(location)
    if parts.scheme in ("http", "https"):
        request = urllib.request.Request(location, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                data: bytes = response.read()
                return data
        except (OSError, ValueError) as error:
            raise FetchFailed(f"{location} non si può scaricare ({_reason(error)})") from None
    path = Path(parts.path) if parts.scheme == "file" else Path(location)
    try:
        return path.read_bytes()
    except OSError as error:
        raise FetchFailed(f"{location} non si può leggere ({error.strerror or error})") from None


def _reason(error: BaseException) -> str:
    code = getattr(error, "code", None)
    if code is not None:
        return f"il server risponde {code}"
    reason = getattr(error, "reason", None)
    return str(reason or error) or type(error).__name__


# --- what a feed holds ------------------------------------------------------------------------

@dataclass(frozen=True)
class Note:
    """A problem found while importing, for staff: where (the feed or an item) and what."""

    where: str
    message: str
    guid: str | None = None  # the item's, so that notes on items already imported are not repeated

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class FeedPerson:
    name: str
    role: str  # as written in the feed (the Podcast Index taxonomy), lowercase
    href: str | None = None
    img: str | None = None


@dataclass(frozen=True)
class FeedChapter:
    start: float  # seconds
    title: str
    url: str | None = None


@dataclass(frozen=True)
class Enclosure:
    url: str
    length: int | None
    type: str | None


@dataclass
class FeedItem:
    position: int  # from 1, in the feed's order
    title: str
    guid: str
    date: datetime | None
    enclosure: Enclosure
    summary: str
    notes: str  # Markdown
    number: int | None = None
    season: int | None = None
    type: str | None = None  # full, trailer, bonus
    explicit: bool | None = None
    image: str | None = None
    people: list[FeedPerson] = field(default_factory=list)
    chapters: list[FeedChapter] = field(default_factory=list)
    chapters_url: str | None = None  # Podcasting 2.0 JSON chapters, fetched only for the items imported
    transcript: str | None = None  # the URL of a VTT or SRT file
    transcript_format: str | None = None  # "vtt" or "srt"

    @property
    def label(self) -> str:
        return f"elemento {self.position} «{self.title}»"


@dataclass
class FeedShow:
    title: str | None = None
    description: str | None = None
    author: str | None = None
    owner_name: str | None = None
    owner_email: str | None = None
    language: str | None = None
    category: str | None = None  # "Arts" or "Society & Culture > Documentary"
    artwork: str | None = None
    explicit: bool | None = None
    type: str | None = None
    copyright: str | None = None
    guid: str | None = None  # podcast:guid, exactly as written
    locked: bool | None = None
    location: dict[str, str] | None = None
    license: str | dict[str, str] | None = None
    funding: list[dict[str, str]] = field(default_factory=list)
    complete: bool = False
    people: list[FeedPerson] = field(default_factory=list)


@dataclass
class Feed:
    show: FeedShow
    items: list[FeedItem]
    notes: list[Note]
    count: int  # items in the feed, imported or not


# --- reading ----------------------------------------------------------------------------------

def read_feed(data: bytes, base_url: str | None) -> Feed:
    """The show and items of the RSS document ``data``; ``base_url`` resolves relative URLs.

    Nothing is fetched here: JSON chapters are read by :func:`load_chapters`, for the items imported.
    """
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        root = None
    if root is None or not isinstance(root.tag, str):
        raise NotAFeed("non è un feed: il file non contiene XML leggibile — controlla l'indirizzo (deve essere quello del feed RSS del podcast, non della sua pagina web).")
    if etree.QName(root).localname == "feed":
        raise NotAFeed("è un feed Atom, non RSS: i podcast usano RSS — cerca l'indirizzo del feed RSS del podcast (spesso finisce in .rss, .xml o /feed).")
    channel = root.find("channel")
    if etree.QName(root).localname != "rss" or channel is None:
        raise NotAFeed(
            f"non è un feed RSS (il documento comincia con <{etree.QName(root).localname}>, non con <rss> e <channel>) — "
            "controlla l'indirizzo: deve essere quello del feed del podcast, non della sua pagina web."
        )
    base = base_url or _self_link(channel)
    notes: list[Note] = []
    show = _read_show(channel, base, notes)
    items: list[FeedItem] = []
    seen: dict[str, int] = {}
    elements = channel.findall("item")
    for position, element in enumerate(elements, start=1):
        first_note = len(notes)
        try:
            item = _read_item(element, position, base, notes)
        except Exception as error:  # noqa: BLE001 - one unforeseen item never stops the others
            notes.append(Note(f"elemento {position}", f"non si è potuto leggere ({type(error).__name__}: {error}): non importato."))
            continue
        if item is None:
            continue
        notes[first_note:] = [replace(note, guid=item.guid) for note in notes[first_note:]]
        if item.guid in seen:
            notes.append(Note(item.label, f"ha lo stesso guid dell'elemento {seen[item.guid]} ({item.guid}): le app lo vedono come lo stesso episodio — non importato.", item.guid))
            continue
        seen[item.guid] = position
        items.append(item)
    return Feed(show=show, items=items, notes=notes, count=len(elements))


def _self_link(channel: etree._Element) -> str | None:
    for link in _all(channel, "atom", "link"):
        if link.get("rel") == "self" and link.get("href", "").startswith(("http://", "https://")):
            return link.get("href")
    return None


def _all(element: etree._Element, prefix: str, name: str) -> list[etree._Element]:
    found: list[etree._Element] = []
    for uri in _NAMESPACES[prefix]:
        found.extend(element.findall(f"{{{uri}}}{name}" if uri else name))
    return found


def _first(element: etree._Element, prefix: str, name: str) -> etree._Element | None:
    found = _all(element, prefix, name)
    return found[0] if found else None


def _joined(element: etree._Element) -> str:
    return "".join(str(part) for part in element.itertext())


def _text(element: etree._Element, prefix: str, name: str) -> str | None:
    """The text of the first such child, whitespace collapsed; None when missing or empty."""
    child = _first(element, prefix, name)
    if child is None:
        return None
    text = " ".join(_joined(child).split())
    return text or None


def _raw(element: etree._Element, prefix: str, name: str) -> str | None:
    child = _first(element, prefix, name)
    if child is None:
        return None
    text = _joined(child).strip()
    return text or None


_TAG = re.compile(r"<[A-Za-z/!][^>]*>")
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|ul|ol|h[1-6]|tr|td|blockquote)\b[^>]*>", re.I)


def plain_text(text: str) -> str:
    """Text without HTML tags or entities, on one line (titles, summaries)."""
    if "<" in text and _TAG.search(text):
        text = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", text, flags=re.S | re.I)
        text = _TAG.sub("", _BLOCK_TAG.sub(" ", text))  # a block ends a word; inline markup does not
    for _ in range(2):  # entities escaped twice (&amp;amp;) are common in exported feeds
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return " ".join(without_bad_characters(text).split())


def _first_paragraph(text: str) -> str:
    """The first paragraph of an HTML description (hosts put the whole show notes there): the summary."""
    parts = [p for p in re.split(r"</p\s*>|<br\s*/?>\s*<br\s*/?>", text, flags=re.I) if plain_text(p)]
    return parts[0] if parts else text


def _clip(text: str, limit: int = MAX_SUMMARY_BYTES) -> tuple[str, bool]:
    if len(text.encode("utf-8")) <= limit:
        return text, False
    cut = text.encode("utf-8")[: limit - 4].decode("utf-8", errors="ignore")
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return cut.rstrip(" ,;:.") + "…", True


def _url(value: str | None, base: str | None) -> str | None:
    if not value or not value.strip():
        return None
    value = value.strip()
    if urlsplit(value).scheme in ("http", "https"):
        return value
    if base:
        return urljoin(base, value)
    return None


def _bool(value: str | None) -> bool | None:
    if value is None:
        return None
    folded = value.strip().lower()
    if folded in ("yes", "true", "explicit", "1"):
        return True
    if folded in ("no", "false", "clean", "0"):
        return False
    return None


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        number = int(value.strip())
    except ValueError:
        return None
    return number if number > 0 else None


def _read_show(channel: etree._Element, base: str | None, notes: list[Note]) -> FeedShow:
    show = FeedShow()
    show.title = plain_text(_raw(channel, "", "title") or "") or None
    description = _raw(channel, "itunes", "summary") or _raw(channel, "", "description")
    if description:
        show.description, clipped = _clip(plain_text(description))
        if clipped:
            notes.append(Note("feed", f"la descrizione del podcast supera {MAX_SUMMARY_BYTES} byte: è stata accorciata."))
    show.author = _text(channel, "itunes", "author")
    owner = _first(channel, "itunes", "owner")
    if owner is not None:
        show.owner_name = _text(owner, "itunes", "name")
        show.owner_email = _text(owner, "itunes", "email")
    show.author = show.author or show.owner_name
    language = _text(channel, "", "language")
    if language:
        show.language = language.lower().split("-")[0] if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z]{2})?", language) else None
    category = _first(channel, "itunes", "category")
    if category is not None and category.get("text"):
        sub = _first(category, "itunes", "category")
        name = html.unescape(category.get("text", ""))
        show.category = f"{name} > {html.unescape(sub.get('text', ''))}" if sub is not None and sub.get("text") else name
    image = _first(channel, "itunes", "image")
    artwork = image.get("href") if image is not None else None
    artwork = artwork or _text(_first(channel, "", "image") or channel, "", "url")
    show.artwork = _url(artwork, base)
    show.explicit = _bool(_text(channel, "itunes", "explicit"))
    kind = (_text(channel, "itunes", "type") or "").lower()
    show.type = kind if kind in ("episodic", "serial") else None
    show.copyright = _text(channel, "", "copyright")
    show.guid = _raw(channel, "podcast", "guid")
    show.locked = _bool(_text(channel, "podcast", "locked"))
    location = _first(channel, "podcast", "location")
    if location is not None and (name := " ".join(_joined(location).split())):
        show.location = {"name": name, **{key: location.get(key, "") for key in ("geo", "osm", "rel", "country") if location.get(key)}}
    license_element = _first(channel, "podcast", "license")
    if license_element is not None and (identifier := (license_element.text or "").strip()):
        show.license = {"identifier": identifier, "url": license_element.get("url", "")} if license_element.get("url") else identifier
    for funding in _all(channel, "podcast", "funding"):
        url = _url(funding.get("url"), base)
        if url:
            show.funding.append({"url": url, "text": " ".join(_joined(funding).split()) or url})
    show.complete = _bool(_text(channel, "itunes", "complete")) is True
    show.people = _people(channel, base)
    return show


def _people(element: etree._Element, base: str | None) -> list[FeedPerson]:
    people = []
    for person in _all(element, "podcast", "person"):
        name = plain_text(_joined(person))
        if name:
            # Podcasting 2.0: without a role, a person is the host.
            role = " ".join((person.get("role") or "host").lower().split())
            people.append(FeedPerson(name=name, role=role, href=_url(person.get("href"), base), img=_url(person.get("img"), base)))
    return people


def _read_item(element: etree._Element, position: int, base: str | None, notes: list[Note]) -> FeedItem | None:
    title = plain_text(_raw(element, "", "title") or _raw(element, "itunes", "title") or "")
    where = f"elemento {position} «{title}»" if title else f"elemento {position}"
    enclosure_element = _first(element, "", "enclosure")
    enclosure_url = _url(enclosure_element.get("url") if enclosure_element is not None else None, base)
    if enclosure_url is None:
        why = "ha un indirizzo dell'audio relativo e il feed è un file locale" if enclosure_element is not None and enclosure_element.get("url") else "non ha un file audio (enclosure)"
        notes.append(Note(where, f"{why}: non è un episodio da importare — non importato."))
        return None
    assert enclosure_element is not None
    if not title:
        title = f"Episodio {position}"
        notes.append(Note(where, f"non ha un titolo: importato come «{title}» — scrivi il titolo vero nel suo file."))
        where = f"elemento {position} «{title}»"
    guid_element = _first(element, "", "guid")
    guid = guid_element.text if guid_element is not None and guid_element.text and guid_element.text.strip() else None
    if guid is None:
        guid = enclosure_url
        notes.append(Note(where, f"non ha un guid: uso l'indirizzo del suo audio ({enclosure_url}), come fanno le app in questo caso."))
    elif guid != guid.strip():
        guid = guid.strip()  # apps compare the trimmed text; the loader would refuse the spaces
    date = _date(_text(element, "", "pubDate"), where, notes)
    raw_summary = _raw(element, "itunes", "summary") or _raw(element, "itunes", "subtitle") or _first_paragraph(_raw(element, "", "description") or "")
    summary, clipped = _clip(plain_text(raw_summary))
    if clipped:
        notes.append(Note(where, f"il riassunto supera {MAX_SUMMARY_BYTES} byte: è stato accorciato."))
    if not summary:
        notes.append(Note(where, "non ha una descrizione: il campo summary resta da scrivere."))
    body = _raw(element, "content", "encoded") or _raw(element, "", "description") or _raw(element, "itunes", "summary") or ""
    item = FeedItem(
        position=position, title=title, guid=guid, date=date,
        enclosure=Enclosure(
            url=enclosure_url, length=_int(enclosure_element.get("length")),
            type=(enclosure_element.get("type") or "").strip().lower() or None,
        ),
        summary=summary, notes=to_markdown(body, base),
        number=_int(_text(element, "itunes", "episode")) or _int(_text(element, "podcast", "episode")),
        season=_int(_text(element, "itunes", "season")) or _int(_text(element, "podcast", "season")),
        explicit=_bool(_text(element, "itunes", "explicit")),
    )
    kind = (_text(element, "itunes", "episodeType") or "").lower()
    if kind in ("full", "trailer", "bonus"):
        item.type = kind
    elif kind:
        notes.append(Note(where, f"itunes:episodeType «{kind}» non è full, trailer o bonus: importato come episodio normale."))
    image = _first(element, "itunes", "image")
    item.image = _url(image.get("href") if image is not None else None, base)
    item.people = _people(element, base)
    link = _first(element, "podcast", "chapters")
    item.chapters_url = _url(link.get("url") if link is not None else None, base)
    if item.chapters_url is None:
        item.chapters = _simple_chapters(element, where, base, notes)
    _transcript(item, element, base, notes)
    return item


_MONTHS = {
    "january": "Jan", "february": "Feb", "march": "Mar", "april": "Apr", "june": "Jun", "july": "Jul",
    "august": "Aug", "september": "Sep", "sept": "Sep", "october": "Oct", "november": "Nov", "december": "Dec",
}
_WEEKDAY = re.compile(r"^\s*[A-Za-z]+\.?,?\s+(?=\d)")


def parse_date(text: str) -> datetime | None:
    """A pubDate as feeds write it: RFC 2822, and the usual odd variants (ISO 8601, no weekday or a
    wrong one, full month names, no seconds, ``Z``/``UT``/``GMT``/US zones). Keeps its offset;
    None when it cannot be read, or has no time zone at all."""
    text = " ".join(text.split())
    iso = text.replace("Z", "+00:00") if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ][\d:.]+(Z|[+-]\d{2}:?\d{2})", text) else None
    if iso:
        try:
            return datetime.fromisoformat(iso)
        except ValueError:
            return None
    cleaned = _WEEKDAY.sub("", text)
    cleaned = re.sub(r"\b([A-Za-z]{4,})\b", lambda m: _MONTHS.get(m.group(1).lower(), m.group(1)), cleaned)
    cleaned = re.sub(r"(?<![:\d])(\d{1,2}:\d{2})(?=\s|$)", r"\1:00", cleaned)  # no seconds
    cleaned = re.sub(r"\s(Z|UTC)$", " +0000", cleaned)
    for candidate in (text, cleaned):
        try:
            moment = parsedate_to_datetime(candidate)
        except (TypeError, ValueError, IndexError):
            continue
        if moment.tzinfo is None:  # "-0000": UTC, as RFC 5322 says, with no information on the place
            moment = moment.replace(tzinfo=UTC)
        return moment
    return None


def _date(text: str | None, where: str, notes: list[Note]) -> datetime | None:
    if not text:
        notes.append(Note(where, "non ha una data di pubblicazione (pubDate): il campo date resta da scrivere nel suo file."))
        return None
    moment = parse_date(text)
    if moment is None:
        notes.append(Note(where, f"la data «{text}» non si riesce a leggere: il campo date resta da scrivere nel suo file."))
    return moment


def _seconds(value: object) -> float | None:
    """Seconds from a number or a "HH:MM:SS(.mmm)" / "MM:SS" string."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if value >= 0 else None
    if not isinstance(value, str):
        return None
    parts = value.strip().split(":")
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        return None
    if not 1 <= len(numbers) <= 3 or any(n < 0 for n in numbers):
        return None
    total = 0.0
    for number in numbers:
        total = total * 60 + number
    return total


def load_chapters(item: FeedItem, fetch: Fetch) -> list[Note]:
    """Read the item's Podcasting 2.0 JSON chapters into ``item.chapters``; notes on what failed."""
    url = item.chapters_url
    if url is None:
        return []
    chapters: list[FeedChapter] = []
    try:
        data = json.loads(fetch(url))
        for entry in data.get("chapters", []):
            start = _seconds(entry.get("startTime"))
            if start is None or entry.get("toc") is False:
                continue
            chapters.append(FeedChapter(start=start, title=plain_text(str(entry.get("title") or "")) or "Capitolo", url=_url(entry.get("url"), url)))
    except FetchFailed as error:
        return [Note(item.label, f"i capitoli non sono stati importati: {error}.", item.guid)]
    except (ValueError, AttributeError, TypeError):
        return [Note(item.label, f"i capitoli ({url}) non sono un file JSON di capitoli Podcasting 2.0: non importati.", item.guid)]
    item.chapters = sorted(chapters, key=lambda c: c.start)
    return []


def _simple_chapters(element: etree._Element, where: str, base: str | None, notes: list[Note]) -> list[FeedChapter]:
    """Podlove Simple Chapters (``psc:chapters``), written in the feed itself."""
    chapters: list[FeedChapter] = []
    for group in _all(element, "psc", "chapters"):
        for entry in _all(group, "psc", "chapter"):
            start = _seconds(entry.get("start"))
            if start is None:
                notes.append(Note(where, f"il capitolo «{entry.get('title', '')}» ha un inizio illeggibile («{entry.get('start')}»): non importato."))
                continue
            chapters.append(FeedChapter(start=start, title=plain_text(entry.get("title") or "") or "Capitolo", url=_url(entry.get("href"), base)))
    chapters.sort(key=lambda c: c.start)
    return chapters


_TRANSCRIPT_TYPES = {"text/vtt": "vtt", "application/x-subrip": "srt", "application/srt": "srt", "text/srt": "srt"}


def _transcript(item: FeedItem, element: etree._Element, base: str | None, notes: list[Note]) -> None:
    found: list[tuple[str, str]] = []
    others: list[str] = []
    for link in _all(element, "podcast", "transcript"):
        url = _url(link.get("url"), base)
        if not url:
            continue
        kind = _TRANSCRIPT_TYPES.get((link.get("type") or "").lower()) or (
            "vtt" if urlsplit(url).path.endswith(".vtt") else "srt" if urlsplit(url).path.endswith(".srt") else None
        )
        if kind:
            found.append((kind, url))
        else:
            others.append(link.get("type") or url)
    if found:
        item.transcript_format, item.transcript = sorted(found, key=lambda f: f[0] != "vtt")[0]
    elif others:
        notes.append(Note(item.label, f"la trascrizione è solo in formato {', '.join(others)}: si importano WebVTT e SRT — non importata."))


# --- show notes -------------------------------------------------------------------------------

def to_markdown(body: str, base: str | None = None) -> str:
    """Show notes as Markdown: HTML converted with markdownify, plain text kept as it is.

    Relative links and images are made absolute against ``base`` (the feed's address): in the new
    site they would point nowhere.
    """
    from markdownify import markdownify  # imported here: only importing needs it

    body = body.strip()
    if not body:
        return ""
    if not _TAG.search(body):
        return without_bad_characters(html.unescape(body)) + "\n"
    body = re.sub(r"<(script|style|iframe|object|form)\b.*?</\1\s*>", "", body, flags=re.S | re.I)
    if base:
        body = _ATTRIBUTE_URL.sub(lambda m: f"{m.group(1)}={m.group(2)}{_absolute(m.group(3), base)}{m.group(2)}", body)
    text: str = markdownify(body, heading_style="ATX", bullets="-", escape_misc=False)
    text = re.sub(r"\n{3,}", "\n\n", without_bad_characters(text)).strip()
    return text + "\n" if text else ""


_ATTRIBUTE_URL = re.compile(r"""\b(href|src)=(["'])(.*?)\2""", re.I | re.S)


def _absolute(url: str, base: str) -> str:
    if not url or url.startswith("#") or urlsplit(url).scheme:
        return url  # absolute, mailto:, tel:, or a fragment
    return urljoin(base, html.unescape(url))


def people_of(items: Iterable[FeedItem], show: FeedShow) -> list[FeedPerson]:
    """Everyone named in the show and its items, once by name (the first href and img found win)."""
    found: dict[str, FeedPerson] = {}
    for person in [*show.people, *(p for item in items for p in item.people)]:
        known = found.get(person.name.casefold())
        if known is None:
            found[person.name.casefold()] = person
        else:
            found[person.name.casefold()] = replace(known, href=known.href or person.href, img=known.img or person.img)
    return list(found.values())
