"""The feed linter: a generated (or any) podcast feed checked against Apple's requirements and
the Podcasting 2.0 rules, before it is published.

Most rules already hold by construction, because the content was checked when it was read;
the linter looks at the XML itself, as an app would, so that nothing an app would reject gets
out — whatever changes in the code that writes it. Every problem says what to change.
"""

from __future__ import annotations

import functools
import io
import json
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import cast
from urllib.parse import SplitResult, unquote, urlsplit

from lxml import etree
from lxml import html as lxml_html

from reset_stories import sanitize
from reset_stories.content.transcripts import BadTranscript, parse_cues
from reset_stories.content.vocabulary import (
    APPLE_DESCRIPTION_BYTES,
    PERSON_ROLES,
    find_category,
)
from reset_stories.feed.descriptions import ALLOWED
from reset_stories.feed.extensions import ITUNES_NS, PODCAST_NS
from reset_stories.media import images
from reset_stories.model import Catalog
from reset_stories.problems import Problem, Severity
from reset_stories.site.plan import SitePlan

NS = {"itunes": ITUNES_NS, "podcast": PODCAST_NS, "atom": "http://www.w3.org/2005/Atom",
      "content": "http://purl.org/rss/1.0/modules/content/"}
APPLE_ENCLOSURE_TYPES = frozenset({"audio/mpeg", "audio/x-m4a", "audio/mp4", "video/quicktime", "video/mp4", "video/x-m4v", "application/pdf"})
APPLE_VALUE_LIMIT = 255  # characters: Apple's limit for a tag value unless another is given
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_RFC2822 = re.compile(rf"^(?:(?:{'|'.join(_DAYS)}), )?\d{{1,2}} (?:{'|'.join(_MONTHS)}) \d{{4}} \d{{2}}:\d{{2}}(?::\d{{2}})? (?:[+-]\d{{4}}|GMT|UT|[A-Z]{{3}})$")
_LANGUAGE = re.compile(r"^[a-zA-Z]{2,3}(?:-[a-zA-Z]{2,8})?$")
# A preview served from this machine is http: not worth a warning.
_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# Markup that runs code in a reader that shows a feed's HTML.
_ACTIVE_ELEMENTS = frozenset({"script", "iframe", "frame", "object", "embed", "applet"})
_URL_ATTRIBUTES = frozenset({
    "href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster", "background",
    "cite", "longdesc", "lowsrc", "dynsrc", "ping", "codebase", "manifest", "icon", "usemap",
})
_ACTIVE_SCHEMES = frozenset({"javascript", "data", "vbscript"})
_NESTED_MARKUP_DEPTH = 4  # markup written inside attribute values, looked into this deep
# HTML as feed writers make it (known tags in lower case, a few quoted attributes, http(s) links,
# no comment or character reference in a tag) cannot hold active markup, so the tokenizer (slow,
# pure Python) need not read it; anything else is read in full. A shortcut, not a rule: either
# way the answer is the same.
_PLAIN_TAGS = (
    "p|a|ul|ol|li|strong|em|b|i|u|s|br|hr|h[1-6]|blockquote|code|pre|span|div|sup|sub|small|figure|"
    "figcaption|table|thead|tbody|tfoot|tr|td|th|caption|dl|dt|dd|abbr|cite|q|mark|del|ins"
)
_PLAIN_VALUE = r'"(?:[^"<&]|&amp;)*+"'
_PLAIN_LINK = r'"https?://(?:[^"<&\s]|&amp;)*+"'
_PLAIN_HTML = re.compile(
    rf"(?:[^<]++|</(?:{_PLAIN_TAGS})>"
    rf"|<(?:{_PLAIN_TAGS})(?:[ \t\n\r\f]+(?:(?:rel|target|title|class|id|lang|dir|alt|width|height|start)={_PLAIN_VALUE}|href={_PLAIN_LINK}))*"
    r"[ \t\n\r\f]*/?>)*+"
)
_PLAIN_START_TAG = re.compile(r"<([a-z][a-z0-9]*)")
# An http(s) URL whose scheme and host need no parsing to be told apart.
_PLAIN_ABSOLUTE = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]*)?(?:[/?#]|\Z)")


class NotPublished:
    """A URL of this site where nothing will be published."""


class OutsideSite:
    """A URL of this site whose path leads out of the site's folder: never opened."""


@dataclass(frozen=True)
class FeedContext:
    """What the linter may look at besides the feed itself.

    ``local`` maps a public URL to the file that will be published there (its bytes, or the
    path of the file copied there), or None when it is not known; ``sources`` maps an item's
    guid to the content file it comes from, so that problems point at what staff can change.
    """

    where: str = "feed.xml"
    local: Callable[[str], bytes | Path | NotPublished | OutsideSite | None] = lambda url: None
    sources: Mapping[str, str] = field(default_factory=dict)
    settings: str = "mkdocs.yml"


def check_plan(plan: SitePlan, catalog: Catalog) -> list[Problem]:
    """Lint the feed a site plan publishes, with the files the plan will publish beside it."""
    site = catalog.site
    files = {f.dest_uri: f.content for f in plan.files}
    media = {m.dest_uri: m.source for m in plan.media}
    uploads = {m.dest_uri: m.source for m in plan.uploads}
    pages = {site.page_url(p.src_uri) for p in plan.pages}

    def local(url: str) -> bytes | Path | NotPublished | None:
        if site.media_url and url.startswith(site.media_url):
            upload = uploads.get(url[len(site.media_url):], NotPublished())
            return upload if not isinstance(upload, Path) or upload.is_file() else None
        if not url.startswith(site.url):
            return None
        uri = url[len(site.url):].split("#")[0]
        if uri in files:
            return files[uri]
        if uri in media:
            # `check` plans tagged copies it does not make: their size was worked out, not measured.
            return media[uri] if media[uri].is_file() else None
        # Pages and the docs folder's own files are MkDocs's to publish.
        if uri in pages or (site.docs_dir / uri).is_file():
            return None
        return NotPublished()

    sources = {e.guid: site.relative(e.source) for e in catalog.episodes}
    return lint_feed(plan.feed, FeedContext(where=site.feed_uri, local=local, sources=sources))


def lint_file(path: Path) -> list[Problem]:
    """Lint a feed file, e.g. one already published or built by another tool.

    When the feed sits in a built site (its self link's path matches where the file is), the
    files it names are looked for in that site too — only there: a URL whose path leads out of
    the site's folder (``../``, ``%2e%2e/``, a symbolic link pointing elsewhere) is reported and
    never opened.
    """
    feed = path.read_bytes()
    where = path.name
    local: Callable[[str], bytes | Path | NotPublished | OutsideSite | None] = _nowhere
    try:
        root_element: etree._Element | None = _parse(feed)  # once: the self link and the checks read the same tree
    except etree.XMLSyntaxError:
        root_element = None
    self_link = root_element.find("channel/atom:link[@rel='self']", NS) if root_element is not None else None
    if self_link is not None:
        href = self_link.get("href", "")
        url_path = _split(href).path.strip("/")
        resolved = path.resolve().as_posix()
        if url_path and resolved.endswith("/" + url_path):
            site_dir = Path(resolved[: -len(url_path)])
            root = href[: -len(url_path)] if href.endswith(url_path) else None

            def local(url: str) -> bytes | Path | NotPublished | OutsideSite | None:
                if root is None or not url.startswith(root):
                    return None
                return _in_site(site_dir, url[len(root):])

    context = FeedContext(where=where, local=local, settings=where)
    return lint_feed(feed, context) if root_element is None else _lint_tree(root_element, context)


def _nowhere(url: str) -> None:
    """No file stands for any URL: the feed is not in a built site."""
    return None


def _in_site(site_dir: Path, url_path: str) -> Path | NotPublished | OutsideSite | None:
    """The file of ``site_dir`` at ``url_path`` (a URL's path below the site's address), None for
    a page (a folder), or why it cannot be read. Nothing outside ``site_dir`` is ever opened."""
    relative = unquote(url_path.split("#")[0].split("?")[0])
    normal = posixpath.normpath(relative) if relative else "."
    if "\0" in normal or posixpath.isabs(normal) or normal == ".." or normal.startswith("../"):
        return OutsideSite()
    root = site_dir.resolve()
    try:
        target = (root / normal).resolve()  # follows symbolic links: where they lead must be inside too
    except (OSError, RuntimeError):  # a loop of symbolic links
        return NotPublished()
    if not target.is_relative_to(root):
        return OutsideSite()
    if target.is_dir():
        return None  # a page
    return target if target.is_file() else NotPublished()


def lint_feed(feed: bytes, context: FeedContext | None = None) -> list[Problem]:
    """Every problem of ``feed``, errors and warnings."""
    context = context or FeedContext()
    try:
        root = _parse(feed)
    except etree.XMLSyntaxError as error:
        return [Problem(context.where, None, f"il feed non è XML ben formato ({error.msg}), riga {error.lineno}.")]
    return _lint_tree(root, context)


def _parse(feed: bytes) -> etree._Element:
    """The feed's root element; no entity is expanded and nothing is fetched."""
    return etree.parse(io.BytesIO(feed), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()


def _lint_tree(root: etree._Element, context: FeedContext) -> list[Problem]:
    linter = _Linter(context)
    element = root.find("channel")
    if root.tag != "rss" or element is None:
        return [Problem(context.where, None, "non è un feed RSS: manca <rss><channel>.")]
    # Each element's children are read once into an index: a lookup in the channel (which holds
    # every item) costs the same at ten items as at ten thousand, so the whole check is linear.
    channel = _Indexed(element)
    linter.channel(channel)
    identities = []
    for element in channel.findall("item"):
        item = _Indexed(element)
        linter.item(item, channel)
        identities.append(_identity(item))  # the item's index goes: only what is compared is kept
    linter.subject = ""
    linter.uniqueness(identities)
    return linter.problems


def _identity(item: _Indexed) -> tuple[str, str]:
    """An item's guid and enclosure URL: what no other item may share."""
    enclosure = item.find("enclosure")
    return (item.findtext("guid") or "").strip(), enclosure.get("url", "") if enclosure is not None else ""


class _Indexed:
    """An element's children by tag, read once: ``find``, ``findtext`` and ``findall`` of a child's
    tag (``"guid"``, ``"itunes:image"``) answer as lxml's do, without scanning the children again."""

    def __init__(self, element: etree._Element):
        self.element = element
        self.children: dict[str, list[etree._Element]] = {}
        for child in element:
            if isinstance(child.tag, str):  # not a comment, processing instruction or entity
                self.children.setdefault(child.tag, []).append(child)

    def findall(self, tag: str, namespaces: Mapping[str, str] | None = None) -> list[etree._Element]:
        return self.children.get(_clark(tag), [])

    def find(self, tag: str, namespaces: Mapping[str, str] | None = None) -> etree._Element | None:
        found = self.children.get(_clark(tag))
        return found[0] if found else None

    def findtext(self, tag: str, namespaces: Mapping[str, str] | None = None) -> str | None:
        found = self.children.get(_clark(tag))
        return (found[0].text or "") if found else None


@functools.cache
def _clark(tag: str) -> str:
    """``itunes:image`` as lxml names it, ``{http://www.itunes.com/dtds/podcast-1.0.dtd}image``."""
    prefix, _, name = tag.rpartition(":")
    assert "/" not in tag and "[" not in tag, f"a child's tag, not a path: {tag}"
    return f"{{{NS[prefix]}}}{name}" if prefix else name


class _Linter:
    def __init__(self, context: FeedContext):
        self.context = context
        self.problems: list[Problem] = []
        # Names the episode in messages when they cannot point at its file.
        self.subject = ""

    # --- reporting ---------------------------------------------------------------------------

    def error(self, path: str, tag: str, message: str) -> None:
        self.problems.append(Problem(path, f"feed {tag}", self.subject + message))

    def warn(self, path: str, tag: str, message: str) -> None:
        self.problems.append(Problem(path, f"feed {tag}", self.subject + message, Severity.WARNING))

    # --- channel -----------------------------------------------------------------------------

    def channel(self, channel: _Indexed) -> None:
        at = self.context.settings
        for tag, what in (("title", "title"), ("description", "description"), ("language", "language")):
            if not (channel.findtext(tag) or "").strip():
                self.error(at, tag, f"manca: Apple lo richiede — scrivi podcast.{what} nelle impostazioni.")
        self.limit(at, "description", channel.findtext("description"), APPLE_DESCRIPTION_BYTES, "podcast.description")
        self.active_markup(at, channel, ("description", "itunes:summary"))
        self.length(at, "title", channel.findtext("title"), "podcast.title")
        language = channel.findtext("language")
        if language and not _LANGUAGE.match(language.strip()):
            self.error(at, "language", f'"{language}" non è un codice di lingua ISO 639 — scrivi per esempio it.')
        if not (channel.findtext("link") or "").strip():
            self.warn(at, "link", "manca l'indirizzo del sito: Apple lo raccomanda.")
        if not (channel.findtext("itunes:author", namespaces=NS) or "").strip():
            self.warn(at, "itunes:author", "manca l'autore: Apple lo raccomanda — scrivi podcast.author.")
        self.explicit(at, channel, required=True)
        self.category(at, channel)
        image = channel.find("itunes:image", NS)
        if image is None or not image.get("href"):
            self.error(at, "itunes:image", "manca la copertina: Apple la richiede — scrivi podcast.artwork.")
        else:
            self.artwork(at, "itunes:image", image.get("href", ""))
        kind = channel.findtext("itunes:type", namespaces=NS)
        if kind is not None and kind not in ("episodic", "serial"):
            self.error(at, "itunes:type", f'"{kind}" non è ammesso — scrivi podcast.type: episodic oppure serial.')
        self.date(at, "lastBuildDate", channel.findtext("lastBuildDate"), required=False)
        guid = channel.findtext("podcast:guid", namespaces=NS)
        if guid is not None and not _UUID.match(guid.strip()):
            self.error(at, "podcast:guid", f'"{guid}" non è un UUID — scrivi podcast.guid come indicato nel README.')
        locked = channel.findtext("podcast:locked", namespaces=NS)
        if locked is not None and locked not in ("yes", "no"):
            self.error(at, "podcast:locked", f'"{locked}" non è ammesso: il valore è yes oppure no.')
        self.podcast_urls(at, channel, item_level=False)
        self.people(at, channel)
        complete = channel.findtext("itunes:complete", namespaces=NS)
        if complete is not None and complete != "Yes":
            self.warn(at, "itunes:complete", f'"{complete}" non ha effetto: Apple riconosce solo Yes.')

    def category(self, at: str, channel: _Indexed) -> None:
        categories = channel.findall("itunes:category", NS)
        if not categories:
            self.error(at, "itunes:category", "manca la categoria: Apple la richiede — scrivi podcast.category.")
            return
        for category in categories:
            name = category.get("text", "")
            subs: list[str | None] = [c.get("text", "") for c in category.findall("itunes:category", NS)] or [None]
            for sub in subs:
                text = f"{name} > {sub}" if sub else name
                found = find_category(text)
                if found is None or found != (name, sub):
                    self.error(at, "itunes:category", f'"{text}" non è una categoria di Apple Podcasts (scritta esattamente) — correggi podcast.category.')

    # --- items -------------------------------------------------------------------------------

    def item(self, item: _Indexed, channel: _Indexed) -> None:
        guid = (item.findtext("guid") or "").strip()
        title = (item.findtext("title") or "").strip()
        at = self.context.sources.get(guid, self.context.where)
        name = f"l'episodio «{title or guid or '?'}»"
        self.subject = "" if guid in self.context.sources else f"episodio «{title or guid or '?'}»: "
        if not title:
            self.error(at, "title", f"{name} non ha titolo: Apple lo richiede — scrivi title.")
        self.length(at, "title", title, "title")
        if not guid:
            self.error(at, "guid", f"{name} non ha guid: senza, le app non lo riconoscono — scrivi guid.")
        self.enclosure(at, item, name)
        self.date(at, "pubDate", item.findtext("pubDate"), required=True, name=name)
        description = item.findtext("description")
        self.limit(at, "description", description, APPLE_DESCRIPTION_BYTES, "summary")
        if description:
            self.description_markup(at, description)
        self.active_markup(at, item, ("description", "content:encoded", "itunes:summary"))
        self.explicit(at, item, required=False)
        for tag in ("itunes:episode", "itunes:season"):
            value = item.findtext(tag, namespaces=NS)
            if value is not None and (_digits(value) or 0) <= 0:
                self.error(at, tag, f'"{value}" non è un numero intero positivo, come Apple richiede.')
        if channel.findtext("itunes:type", namespaces=NS) == "serial" and item.find("itunes:episode", NS) is None:
            self.error(at, "itunes:episode", f"{name} non ha numero: in un podcast serial ogni episodio deve averlo — scrivi number.")
        duration = item.findtext("itunes:duration", namespaces=NS)
        if duration is not None and not re.fullmatch(r"\d+(:\d{2}){0,2}", duration):
            self.error(at, "itunes:duration", f'"{duration}" non è una durata: scrivila in secondi.')
        image = item.find("itunes:image", NS)
        if image is not None:
            self.artwork(at, "itunes:image", image.get("href", ""))
        self.podcast_urls(at, item, item_level=True)
        self.chapters(at, item)
        self.transcripts(at, item)
        self.people(at, item)

    def enclosure(self, at: str, item: _Indexed, name: str) -> None:
        enclosure = item.find("enclosure")
        if enclosure is None:
            self.error(at, "enclosure", f"{name} non ha il file audio: Apple lo richiede — scrivi audio.")
            return
        url, length, kind = enclosure.get("url", ""), enclosure.get("length", ""), enclosure.get("type", "")
        if not _absolute(url):
            self.error(at, "enclosure", f'l\'indirizzo dell\'audio "{url}" non è completo (https://…).')
        elif not url.isascii():
            self.error(at, "enclosure", f'l\'indirizzo dell\'audio "{url}" contiene caratteri non ASCII: Apple lo rifiuta.')
        size = _digits(length)
        if (size or 0) <= 0:
            self.error(at, "enclosure", f'la lunghezza "{length}" non è il numero di byte del file.')
        if not kind:
            self.error(at, "enclosure", "manca il tipo (MIME) del file audio.")
        elif kind not in APPLE_ENCLOSURE_TYPES:
            self.warn(at, "enclosure", f"il formato {kind} non è tra quelli che Apple Podcasts riproduce (MP3, M4A): esporta l'episodio in MP3.")
        local = self.local(at, "enclosure", url)
        if isinstance(local, NotPublished):
            self.error(at, "enclosure", f"{url}: il file audio non c'è tra quelli del sito.")
        elif isinstance(local, Path) and size is not None and local.stat().st_size != size:
            self.error(at, "enclosure", f"la lunghezza dichiarata ({length} byte) non è quella del file pubblicato ({local.stat().st_size} byte).")

    def uniqueness(self, identities: list[tuple[str, str]]) -> None:
        """``identities``: each item's guid and enclosure URL (see :func:`_identity`)."""
        for index, tag in enumerate(("guid", "enclosure")):
            seen: dict[str, str] = {}
            for identity in identities:
                value = identity[index]
                if not value:
                    continue
                at = self.context.sources.get(identity[0], self.context.where)
                if value in seen:
                    self.error(at, tag, f'"{value}" è lo stesso di un altro episodio ({seen[value]}): ogni episodio deve avere il suo, o le app ne mostrano uno solo.')
                else:
                    seen[value] = at

    # --- shared rules ------------------------------------------------------------------------

    def explicit(self, at: str, parent: _Indexed, *, required: bool) -> None:
        value = parent.findtext("itunes:explicit", namespaces=NS)
        if value is None:
            if required:
                self.error(at, "itunes:explicit", "manca: Apple lo richiede — scrivi podcast.explicit: false (o true).")
        elif value not in ("true", "false"):
            self.error(at, "itunes:explicit", f'"{value}" non è più ammesso da Apple: il valore è true oppure false.')

    def date(self, at: str, tag: str, value: str | None, *, required: bool, name: str = "") -> None:
        if value is None:
            if required:
                self.error(at, tag, f"manca la data di {name or 'pubblicazione'} — scrivi date.")
            return
        try:
            parsedate_to_datetime(value)
        except (TypeError, ValueError):
            self.error(at, tag, f'"{value}" non è una data RFC 2822 (come "Thu, 20 Jun 2024 00:00:00 +0200").')
            return
        if not _RFC2822.match(value.strip()):
            self.error(at, tag, f'"{value}" non è scritta come RFC 2822 in inglese (come "Thu, 20 Jun 2024 00:00:00 +0200").')

    def limit(self, at: str, tag: str, value: str | None, limit: int, field_name: str) -> None:
        if value and len(value.encode("utf-8")) > limit:
            self.error(at, tag, f"è lungo {len(value.encode('utf-8'))} byte, oltre i {limit} che Apple accetta — accorcia {field_name}.")

    def length(self, at: str, tag: str, value: str | None, field_name: str) -> None:
        if value and len(value) > APPLE_VALUE_LIMIT:
            self.error(at, tag, f"è lungo {len(value)} caratteri, oltre i {APPLE_VALUE_LIMIT} che Apple accetta — accorcia {field_name}.")

    def description_markup(self, at: str, description: str) -> None:
        if _PLAIN_HTML.fullmatch(description) and set(_PLAIN_START_TAG.findall(description)) <= ALLOWED:
            return  # only allowed tags: the parser, which adds none but html, body and p, would find the same
        try:
            fragments = lxml_html.fragments_fromstring(description)
        except (etree.ParserError, ValueError, AssertionError):  # lxml asserts one <body> in a whole document
            return
        tags = {e.tag for f in fragments if not isinstance(f, str) for e in f.iter() if isinstance(e.tag, str)}
        extra = sorted(tags - ALLOWED)
        if extra:
            self.warn(at, "description", f"contiene tag HTML che Apple non mostra ({', '.join(extra)}): sono ammessi solo {', '.join(sorted(ALLOWED))}.")

    def active_markup(self, at: str, parent: _Indexed, tags: tuple[str, ...]) -> None:
        """Scripts, event handlers and javascript:/data:/vbscript: URLs in the HTML of ``tags``."""
        for tag in tags:
            for hazard in active_markup(parent.findtext(tag, namespaces=NS) or ""):
                self.error(at, tag, f"contiene {hazard}, codice che un'app o un sito che mostra il feed potrebbe eseguire — toglilo.")

    def artwork(self, at: str, tag: str, url: str) -> None:
        if not _absolute(url):
            self.error(at, tag, f'l\'indirizzo dell\'immagine "{url}" non è completo (https://…).')
        if not url.lower().endswith((".jpg", ".png")):
            self.error(at, tag, f'l\'indirizzo dell\'immagine "{url}" deve finire con .jpg o .png.')
        local = self.local(at, tag, url)
        if isinstance(local, NotPublished):
            self.error(at, tag, f"{url}: l'immagine non c'è tra quelle del sito.")
        elif isinstance(local, Path):
            try:
                images.check_artwork(local)
            except images.BadImage as error:
                self.error(at, tag, str(error))

    def podcast_urls(self, at: str, parent: _Indexed, *, item_level: bool) -> None:
        for element in parent.element.iterchildren(f"{{{PODCAST_NS}}}*"):
            for attribute in ("url", "href", "img"):
                value = element.get(attribute)
                if value is None:
                    continue
                tag = element.tag.split("}")[1]
                if not _absolute(value):
                    self.error(at, f"podcast:{tag}", f'l\'indirizzo "{value}" ({attribute}) non è completo: Podcasting 2.0 vuole indirizzi https:// completi.')
                elif value.startswith("http://") and _split(value).hostname not in _LOCAL_HOSTS:
                    self.warn(at, f"podcast:{tag}", f'l\'indirizzo "{value}" usa http: Podcasting 2.0 chiede https.')

    def people(self, at: str, parent: _Indexed) -> None:
        for person in parent.findall("podcast:person", NS):
            if not (person.text or "").strip():
                self.error(at, "podcast:person", "una persona senza nome: il nome non può essere vuoto.")
            role = person.get("role")
            if role is not None and role.strip().casefold() not in PERSON_ROLES:
                self.warn(at, "podcast:person", f'il ruolo "{role}" non è nella tassonomia di Podcast Index: le app potrebbero non mostrarlo.')

    def chapters(self, at: str, item: _Indexed) -> None:
        for element in item.findall("podcast:chapters", NS):
            url = element.get("url", "")
            content = self.content_of(at, "podcast:chapters", url)
            if content is None:
                continue
            try:
                document = json.loads(content)
                starts = [chapter["startTime"] for chapter in document["chapters"]]
                if not isinstance(document.get("version"), str) or any(not isinstance(s, (int, float)) for s in starts):
                    raise ValueError
            except (ValueError, KeyError, TypeError):
                self.error(at, "podcast:chapters", f"{url} non è un file di capitoli JSON valido (version, chapters[].startTime).")
                continue
            if starts != sorted(starts):
                self.error(at, "podcast:chapters", f"in {url} i capitoli non sono in ordine di tempo.")

    def transcripts(self, at: str, item: _Indexed) -> None:
        for element in item.findall("podcast:transcript", NS):
            url, kind = element.get("url", ""), element.get("type", "")
            content = self.content_of(at, "podcast:transcript", url)
            if content is None:
                continue
            problem = _transcript_problem(content, kind)
            if problem:
                self.error(at, "podcast:transcript", f"{url}: {problem}")

    def local(self, at: str, tag: str, url: str) -> bytes | Path | NotPublished | None:
        """What the site publishes at ``url`` (see :class:`FeedContext`); reports a URL that leads
        out of the site's folder, which is not read."""
        local = self.context.local(url)
        if isinstance(local, OutsideSite):
            self.error(at, tag, f"{url}: l'indirizzo porta fuori dalla cartella del sito — il file non è stato letto: correggi l'indirizzo.")
            return None
        return local

    def content_of(self, at: str, tag: str, url: str) -> bytes | None:
        """The bytes that will be published at ``url``; reports a file the site will not have."""
        local = self.local(at, tag, url)
        if local is None:
            return None
        if isinstance(local, NotPublished):
            self.error(at, tag, f"{url}: il file non c'è tra quelli del sito.")
            return None
        if isinstance(local, Path):
            if not local.is_file():
                self.error(at, tag, f"{url}: il file non c'è.")
                return None
            return local.read_bytes()
        return local


def _transcript_problem(content: bytes, kind: str) -> str | None:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return "non è in UTF-8."
    if kind in ("text/vtt", "application/x-subrip", "application/srt", "text/srt"):
        try:
            parse_cues(text)
        except BadTranscript as error:
            return f"riga {error.line}: {error}" if error.line else str(error)
    elif kind == "application/json":
        try:
            segments = json.loads(text)["segments"]
            if not all(isinstance(s.get("body"), str) and isinstance(s.get("startTime"), (int, float)) for s in segments):
                raise ValueError
        except (ValueError, KeyError, TypeError, AttributeError):
            return "non è una trascrizione JSON valida (segments[].startTime, body)."
    elif kind == "text/html" and not _html_text(text).strip():
        return "la trascrizione HTML è vuota: non contiene testo."
    return None


def _html_text(text: str) -> str:
    try:
        return str(cast(lxml_html.HtmlMixin, lxml_html.fromstring(text)).text_content())
    except (etree.ParserError, ValueError):  # nothing to parse: an empty document
        return ""


def active_markup(html: str, depth: int = 0) -> list[str]:
    """What in ``html`` would run code in a reader, in Italian, each once, in document order.

    Read as a browser's tokenizer reads it (the standard library's, which decodes character
    references as HTML5 does): every tag counts wherever it stands, scheme spellings such as
    ``JaVaScRiPt:``, ``java&#x09;script:`` or `` javascript:`` are seen through, and markup
    written inside attribute values (which some parsers let out) is looked into too.
    """
    if "<" not in html or _PLAIN_HTML.fullmatch(html):
        return []
    scanner = _ActiveMarkup(depth)
    scanner.feed(html)
    scanner.close()
    return scanner.found


class _ActiveMarkup(HTMLParser):
    def __init__(self, depth: int):
        super().__init__(convert_charrefs=True)
        self.depth = depth
        self.found: list[str] = []

    def note(self, hazard: str) -> None:
        if hazard not in self.found:
            self.found.append(hazard)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _ACTIVE_ELEMENTS:
            self.note(f"un elemento <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.note(f"l'attributo {name} (su <{tag}>)")
            elif value and name in _URL_ATTRIBUTES:
                urls = value.split(",") if name in ("srcset", "ping") else [value]
                for url_scheme in sorted(_ACTIVE_SCHEMES & {sanitize.scheme(url) for url in urls}):
                    self.note(f"un indirizzo {url_scheme}: (nell'attributo {name} di <{tag}>)")
            if value and "<" in value and self.depth < _NESTED_MARKUP_DEPTH:
                for hazard in active_markup(value, self.depth + 1):
                    self.note(hazard)

    handle_startendtag = handle_starttag


def _split(url: str) -> SplitResult:
    """``url``'s parts; one urlsplit refuses (a bracket left open in its host) has none."""
    try:
        return urlsplit(url)
    except ValueError:
        return SplitResult("", "", "", "", "")


def _digits(value: str) -> int | None:
    """The number ``value`` writes in digits, or None. Superscripts are digits to str.isdigit()
    but not to int(): such a value is no number (rather than a crash)."""
    if not value.isdigit():
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _absolute(url: str) -> bool:
    if _PLAIN_ABSOLUTE.match(url):
        return True
    parts = _split(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)

