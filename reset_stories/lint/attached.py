"""The files a feed names, when they can be read here: the audio's size, the artwork, chapters and
transcripts, as the site beside the feed (a built site, or the plan of one) publishes them.

Nothing is fetched: :class:`Files` says which local file (or bytes) stands for a URL. A feed that
is not in a built site has none, and these checks say nothing (``lint --remote`` asks the hosts
instead, in ``remote.py``). A URL whose path leads out of the site's folder is reported and never
opened: ``lint`` may be run on a feed someone else wrote.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html

from reset_stories.lint.checking import Check, Indexed, Level, Rule

_APPLE_ARTWORK = "Apple Podcasts, Artwork requirements, https://podcasters.apple.com/support/896-artwork-requirements"
_APPLE_FEED = "Apple Podcasts, Podcast RSS feed requirements, https://podcasters.apple.com/support/823-podcast-requirements"
_ENCLOSURE = "RSS 2.0, <enclosure>, https://www.rssboard.org/rss-specification#ltenclosuregtSubelementOfLtitemgt"
_CHAPTERS = ("Podcasting 2.0, JSON Chapters Format, "
             "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/chapters/jsonChapters.md")
_TRANSCRIPTS = ("Podcasting 2.0, Transcripts, "
                "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/transcripts/transcripts.md")
_NOT_FETCHED = "il W3C non legge i file a cui il feed rimanda: questo controllo va oltre"

RULES: tuple[Rule, ...] = (
    Rule("file-missing", Level.ERROR, _APPLE_FEED,
         "il file «{url}» non c'è tra quelli del sito",
         "pubblica il file a quell'indirizzo o correggi l'indirizzo nel feed: un'app che non lo trova salta "
         "l'episodio, la copertina, i capitoli o la trascrizione",
         "controlla che il file indicato nell'episodio (audio, image, transcript) o in mkdocs.yml esista",
         _NOT_FETCHED),
    Rule("file-outside-site", Level.ERROR, "RFC 3986, 5.2.4 Remove Dot Segments, https://www.rfc-editor.org/rfc/rfc3986#section-5.2.4",
         "l'indirizzo «{url}» porta fuori dalla cartella del sito: il file non è stato letto",
         "correggi l'indirizzo: deve portare a un file dentro il sito, senza ../ né collegamenti simbolici che escono",
         "", _NOT_FETCHED),
    Rule("file-enclosure-length", Level.ERROR, _ENCLOSURE,
         "la lunghezza dichiarata ({declared} byte) non è quella del file pubblicato ({actual} byte)",
         "scrivi in length la dimensione esatta del file in byte: le app la usano per scaricarlo e "
         "per la barra di avanzamento",
         "ricostruisci il sito con reset-stories build: la dimensione viene misurata a ogni costruzione",
         _NOT_FETCHED),
    Rule("file-artwork", Level.ERROR, _APPLE_ARTWORK,
         "l'immagine non è come Apple la chiede: {detail}",
         "usa un'immagine JPEG o PNG, quadrata, tra 1400×1400 e 3000×3000 px, in RGB",
         "sostituisci l'immagine indicata in podcast.artwork (mkdocs.yml) o in image (nell'episodio) con una così",
         _NOT_FETCHED),
    Rule("file-chapters-json", Level.ERROR, _CHAPTERS,
         "il file dei capitoli «{url}» non è JSON di capitoli valido (servono version e chapters[].startTime in secondi)",
         "scrivi il file come dice il formato JSON Chapters: {{\"version\": \"1.2.0\", \"chapters\": "
         "[{{\"startTime\": 0, \"title\": \"…\"}}]}}",
         "", _NOT_FETCHED),
    Rule("file-chapters-order", Level.ERROR, _CHAPTERS,
         "nel file dei capitoli «{url}» i capitoli non sono in ordine di tempo",
         "metti i capitoli in ordine di startTime crescente: le app li mostrano nell'ordine del file",
         "metti in ordine di tempo i capitoli (chapters) dell'episodio",
         _NOT_FETCHED),
    Rule("file-transcript-encoding", Level.ERROR, _TRANSCRIPTS,
         "la trascrizione «{url}» non è in UTF-8",
         "salva la trascrizione con codifica UTF-8",
         "salva in UTF-8 il file indicato in transcript nell'episodio",
         _NOT_FETCHED),
    Rule("file-transcript-cues", Level.ERROR, _TRANSCRIPTS,
         "la trascrizione «{url}» non si legge come {kind}: {detail}",
         "correggi il file in quel punto{advice}, o esportalo di nuovo come {kind} valido",
         "correggi in quel punto{advice} il file indicato in transcript nell'episodio",
         _NOT_FETCHED),
    Rule("file-transcript-json", Level.ERROR, _TRANSCRIPTS,
         "la trascrizione «{url}» non è JSON di trascrizione valido (servono segments[].startTime e body)",
         "scrivi il file come dice il formato JSON delle trascrizioni: {{\"version\": \"1.0.0\", \"segments\": "
         "[{{\"startTime\": 0, \"endTime\": 4.2, \"body\": \"…\"}}]}}",
         "", _NOT_FETCHED),
    Rule("file-transcript-empty", Level.ERROR, _TRANSCRIPTS,
         "la trascrizione «{url}» è vuota: non contiene testo",
         "pubblica la trascrizione con il suo testo, o togli l'elemento podcast:transcript",
         "", _NOT_FETCHED),
)

_CUES = {"text/vtt": "WebVTT", "application/x-subrip": "SRT", "application/srt": "SRT", "text/srt": "SRT"}


class NotPublished:
    """A URL of this site where nothing will be published."""


class OutsideSite:
    """A URL of this site whose path leads out of the site's folder: never opened."""


# What stands for a URL: the bytes published there, the file copied there, no file (NotPublished),
# a path that leaves the site (OutsideSite), or None when the URL is not this site's (or a page).
Local = Callable[[str], "bytes | Path | NotPublished | OutsideSite | None"]


def nowhere(url: str) -> None:
    """No file stands for any URL: the feed is not in a built site."""
    return None


@dataclass(frozen=True)
class Files:
    """What the checks may read besides the feed: ``local`` (see :data:`Local`)."""

    local: Local = nowhere


def in_site(site_dir: Path, url_path: str) -> Path | NotPublished | OutsideSite | None:
    """The file of ``site_dir`` at ``url_path`` (a URL's path below the site's address), None for
    a page (a folder), or why it cannot be read. Nothing outside ``site_dir`` is ever opened."""
    relative = unquote(url_path.split("#")[0].split("?")[0])
    normal = posixpath.normpath(relative) if relative else "."
    if "\0" in normal or posixpath.isabs(normal) or normal == ".." or normal.startswith("../"):
        return OutsideSite()
    root = site_dir.resolve()
    try:
        target = (root / normal).resolve()  # follows symbolic links: where they lead must be inside too
    except (OSError, RuntimeError, ValueError):  # a loop of symbolic links, a name the system refuses
        return NotPublished()
    if not target.is_relative_to(root):
        return OutsideSite()
    try:
        if target.is_dir():
            return None  # a page
        return target if target.is_file() else NotPublished()
    except OSError:  # a name too long for the system
        return NotPublished()


class Checks:
    def __init__(self, check: Check, files: Files | None = None) -> None:
        self.check = check
        self.local = (files or Files()).local

    def channel(self, channel: Indexed) -> None:
        self.artwork(channel.find("itunes:image"), "channel/itunes:image@href")
        image = channel.find("image")
        url = image.find("url") if image is not None else None
        if url is not None:
            self.found(url, "channel/image/url", (url.text or "").strip())
        self.images(channel, "channel")

    def item(self, item: Indexed, channel: Indexed) -> None:
        self.enclosure(item.find("enclosure"))
        self.artwork(item.find("itunes:image"), "item/itunes:image@href")
        for element in item.findall("podcast:chapters"):
            self.chapters(element)
        for element in item.findall("podcast:transcript"):
            self.transcript(element)
        self.images(item, "item")

    def end(self, channel: Indexed) -> None:
        pass

    # --- each kind of file ---------------------------------------------------------------------

    def enclosure(self, element: etree._Element | None) -> None:
        if element is None:
            return
        url, length = element.get("url", ""), element.get("length", "")
        local = self.found(element, "item/enclosure@url", url)
        if isinstance(local, Path):
            declared = _digits(length)
            try:
                actual = local.stat().st_size
            except OSError:
                return
            if declared is not None and declared != actual:
                self.check.report("file-enclosure-length", element, "item/enclosure@length", declared=declared, actual=actual)

    def artwork(self, element: etree._Element | None, where: str) -> None:
        if element is None:
            return
        local = self.found(element, where, element.get("href", ""))
        if isinstance(local, Path):
            from reset_stories.media import images  # here: Pillow and the media tools only for a file there is

            try:
                images.check_artwork(local)
            except images.BadImage as error:
                self.check.report("file-artwork", element, where, detail=_what(error.message).removeprefix("l'immagine "))
            except OSError:
                self.check.report("file-artwork", element, where, detail="il file non si legge")

    def images(self, parent: Indexed, at: str) -> None:
        """The other images a channel or an item names (Podcasting 2.0's, a person's picture):
        they must be there; Apple's size rules are for itunes:image only."""
        for element in parent.findall("podcast:image"):
            self.found(element, f"{at}/podcast:image@href", element.get("href", ""))
        for element in parent.findall("podcast:person"):
            if element.get("img"):
                self.found(element, f"{at}/podcast:person@img", element.get("img", ""))

    def chapters(self, element: etree._Element) -> None:
        url = element.get("url", "")
        content = self.content(element, "item/podcast:chapters@url", url)
        if content is None:
            return
        starts = _chapter_starts(content)
        if starts is None:
            self.check.report("file-chapters-json", element, "item/podcast:chapters@url", url=url)
        elif starts != sorted(starts):
            self.check.report("file-chapters-order", element, "item/podcast:chapters@url", url=url)

    def transcript(self, element: etree._Element) -> None:
        url, kind = element.get("url", ""), element.get("type", "").strip().lower()
        where = "item/podcast:transcript@url"
        content = self.content(element, where, url)
        if content is None:
            return
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.check.report("file-transcript-encoding", element, where, url=url)
            return
        if kind in _CUES and _blank_cues(text):
            self.check.report("file-transcript-empty", element, where, url=url)
        elif kind in _CUES:
            from reset_stories.content.transcripts import BadTranscript, parse_cues  # here: only for a file there is

            try:
                parse_cues(text)
            except BadTranscript as error:
                detail = _what(error.message)
                detail = f"alla riga {error.line}, {detail}" if error.line else detail
                advice = error.message.partition(" — ")[2].rstrip(". ")
                self.check.report(
                    "file-transcript-cues", element, where,
                    url=url, kind=_CUES[kind], detail=detail, advice=f" ({advice})" if advice else "",
                )
        elif kind == "application/json":
            segments = _segments(text)
            if segments is None:
                self.check.report("file-transcript-json", element, where, url=url)
            elif not any(body.strip() for body in segments):
                self.check.report("file-transcript-empty", element, where, url=url)
        elif kind in ("text/html", "text/plain") and not _text_of(text, kind).strip():
            self.check.report("file-transcript-empty", element, where, url=url)

    # --- what stands for a URL -----------------------------------------------------------------

    def found(self, element: etree._Element, where: str, url: str) -> bytes | Path | None:
        """What the site publishes at ``url``, or None; reports a missing file and a URL that leads
        out of the site's folder (which is not read)."""
        if not url:
            return None  # no address at all: the rule modules report it
        try:
            local = self.local(url)
        except (OSError, ValueError):
            return None
        if isinstance(local, OutsideSite):
            self.check.report("file-outside-site", element, where, url=url)
            return None
        if isinstance(local, NotPublished):
            self.check.report("file-missing", element, where, url=url)
            return None
        return local

    def content(self, element: etree._Element, where: str, url: str) -> bytes | None:
        """The bytes published at ``url``, or None (reported when the file is missing)."""
        local = self.found(element, where, url)
        if isinstance(local, Path):
            try:
                return local.read_bytes()
            except OSError:
                self.check.report("file-missing", element, where, url=url)
                return None
        return local


def _blank_cues(text: str) -> bool:
    """A WebVTT or SRT file with nothing in it, or a WebVTT header alone."""
    stripped = text.lstrip("\ufeff").strip()
    return not stripped or (stripped.startswith("WEBVTT") and "\n" not in stripped)


def _what(message: str) -> str:
    """What is wrong, from a message of ours that also says, after a dash, what to do."""
    return message.partition(" — ")[0].rstrip(". ")


def _chapter_starts(content: bytes) -> list[float] | None:
    """Each chapter's start, in the file's order, or None when the file is not JSON chapters."""
    try:
        document = json.loads(content)
        starts = [chapter["startTime"] for chapter in document["chapters"]]
    except (ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None
    if not isinstance(document.get("version"), str):
        return None
    if any(isinstance(start, bool) or not isinstance(start, (int, float)) for start in starts):
        return None
    return [float(start) for start in starts]


def _segments(text: str) -> list[str] | None:
    """The bodies of a JSON transcript's segments, or None when it is not one."""
    try:
        segments = json.loads(text)["segments"]
        bodies = []
        for segment in segments:
            start = segment.get("startTime")
            if not isinstance(segment.get("body"), str) or isinstance(start, bool) or not isinstance(start, (int, float)):
                return None
            bodies.append(segment["body"])
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        return None
    return bodies


def _text_of(text: str, kind: str) -> str:
    if kind == "text/plain":
        return text
    try:
        return str(cast(lxml_html.HtmlMixin, lxml_html.fromstring(text)).text_content())
    except (etree.ParserError, ValueError):  # nothing to parse: an empty document
        return ""


def _digits(value: str) -> int | None:
    """The number ``value`` writes in ASCII digits, or None: superscript, Arabic-Indic or
    full-width digits are digits to str.isdigit() but not numbers in a feed."""
    value = value.strip()
    return int(value) if value.isascii() and value.isdigit() else None
