"""The site's search index, made by the publishing stage from the built site (Pagefind).

Whatever engine rendered the pages, the index is made the same way, from the same HTML: in the
staging folder, after the last page is written and before the site is swapped in (the MkDocs
plugin's ``on_post_build``, ``publish/from_tree.py`` for Zensical). A failed index is a failed
build: the published site stays as it was.

What is indexed: each page's ``<article>`` (the page's own content in Material's and Zensical's
layouts, without header, navigation and footer), minus the player's controls, the subscribe box
and the headings' permalinks. An episode's transcript is indexed apart, in segments of
consecutive cues (:data:`SEGMENT_WORDS` words) written for Pagefind from the built page and
removed after, each with the episode's title and address as its own: a search then fetches the
few segments it shows, never whole transcripts. Each cue has an id naming its start
(``content/transcripts.py``, ``cue_ids``) and its voice's name one too: Pagefind keeps every
element with an id as an anchor with its position among the words, so the search script
(``site/assets/search.js``) can tell which cue a match falls in, who speaks, and link to that
moment (``#t=<start>``). Pages that should not be found (the 404 page, a list's pages after the
first, which have no text of their own) are left out of the mirror of the site Pagefind reads
(hard links, in a work folder inside the site): nothing of the site is renamed while it reads, and
the new index takes the old one's place in one rename. Drafts and scheduled items are not in a
published build, so not in its index. At scale, the oldest transcripts are indexed apart, in an
archive kept between builds (see :data:`ARCHIVE_STEP`).

Pagefind writes the index in fragments (a few KB each) that the visitor's browser fetches only
for the words searched; its output is deterministic (named by content hashes, the same bytes for
the same pages). The user interfaces it also writes are removed: the site has its own search box.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import json
import os
import shutil
import subprocess
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import html as lxml_html
from lxml.etree import _Element

from reset_stories.media.cache import FOLDER as CACHE_FOLDER
from reset_stories.model import Catalog
from reset_stories.problems import PeopleFacingError
from reset_stories.publish.release import Release
from reset_stories.site.urls import episode_page, page_file

# Where the index is published, inside the site.
INDEX_FOLDER = "pagefind"
# What Pagefind reads of each page: the article, which both engines' layouts give the page's content.
ROOT_SELECTOR = "article"
# Inside it, what is not the page's text: the player's controls, the subscribe box, the headings'
# permalinks (¶), the cues' times (the moment is the cue's id), Material's "edit"/"view" buttons.
# The transcript is indexed apart, in segments (see _segment_documents).
IGNORED = (".rs-player", ".rs-subscribe", ".headerlink", ".rs-cue__time", ".md-content__button", ".md-source-file",
           ".rs-transcript")
# A transcript is indexed in segments of consecutive cues of about this many words: a search
# fetches the segments it shows, not whole transcripts (an hour's is some 60 KB gzipped).
SEGMENT_WORDS = 400
# Where the index is made, inside the site (its disk: hard links), removed after; and where in it
# the transcripts' segments are written for Pagefind.
_WORK = ".rs-search"
_SEGMENTS = ".rs-search-segments"
# Changes when the segments are written differently: segments kept by an older version are not used.
_SEGMENTS_VERSION = b"1"
# The archive: the transcripts of the oldest episodes, by whole steps of this many episodes with a
# transcript, indexed apart (ARCHIVE_FOLDER) and merged into the main index by the visitor's
# browser (MERGED names it). Pagefind cannot add to an index: every build indexes everything
# again, and a thousand hour-long transcripts take it some twenty seconds. The archive is made
# again only when a step fills or an archived transcript changes; a day's build indexes the
# pages and the newest transcripts (fewer than ARCHIVE_STEP). One archive, not many: every index
# merged costs each query one more fragment of the index (Pagefind's are some 25 KB).
ARCHIVE_STEP = 100
ARCHIVE_FOLDER = "pagefind-archive"
# In the main index's folder: the indexes the search script merges with it.
MERGED = "reset-stories.json"
# Marks a kept archive complete (written last), and names the folders where one is being made.
_COMPLETE = ".complete"
_MAKING = "making-"
# What Pagefind writes that the site does not use: its own user interfaces.
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
           "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")

# What Pagefind says when no page has anything to index.
_NOTHING_TO_INDEX = "not able to build an index"


class SearchIndexFailed(PeopleFacingError):
    """The search index could not be made: the build fails, the published site stays as it was."""


# The engines' page for a missing address.
NOT_FOUND_PAGE = "404.html"


def unsearched(release: Release) -> list[str]:
    """The site's files search must not find: the 404 page and the pages the plan keeps out of
    search (a list's pages after the first: the items are found on their own pages)."""
    assert release.catalog is not None and release.plan is not None
    site = release.catalog.site
    return [NOT_FOUND_PAGE, *(page_file(site.page_url(page.src_uri)) for page in release.plan.pages if not page.searchable)]


@dataclass(frozen=True)
class Searching:
    """What an index is made of besides the built pages: the ``language`` of the show (``it``,
    ``it-IT``: Pagefind's stemming follows it), the site files search must not find (``hidden``),
    the episode pages oldest first (``episodes``: the archive takes the oldest) and the folder
    where both indexes and the transcripts' segments are kept between builds (``cache``; None:
    made every time)."""

    language: str
    hidden: tuple[str, ...] = ()
    episodes: tuple[str, ...] = ()
    cache: Path | None = None


def searching(release: Release, *, preview: bool = False) -> Searching:
    """What the index of ``release``'s site is made of; the preview (drafts too) keeps its own."""
    assert release.catalog is not None
    catalog = release.catalog
    return Searching(
        catalog.show.language, tuple(unsearched(release)), tuple(_episode_pages(catalog)),
        catalog.site.root / CACHE_FOLDER / ("search-preview" if preview else "search"),
    )


def index_site(site: Path, searching: Searching, *, archive_step: int = ARCHIVE_STEP) -> Path:
    """Index the built ``site`` (a folder of HTML pages) for search (see :class:`Searching`);
    returns the main index's folder.

    The transcripts of the oldest whole ``archive_step`` of the episodes are indexed apart, in
    the archive (:data:`ARCHIVE_FOLDER`). Both indexes are kept in the cache and made again only
    when what they hold changes; each page's transcript segments are kept there too. The index's bytes depend only on
    the pages: a build with a cache writes what one without writes.
    """
    executable = _executable()
    language, cache = searching.language.split("-")[0].lower() or "it", searching.cache
    work = site / _WORK
    shutil.rmtree(work, ignore_errors=True)
    pages = {
        page.relative_to(site).as_posix(): page for page in sorted(site.rglob("*.html"))
        if page.relative_to(site).parts[0] != _WORK and page.relative_to(site).as_posix() not in searching.hidden
    }
    segments = _Segments(cache / "segments" if cache else None, language)
    contents = _Digest(language, executable)  # of what the main index is made of
    found = {}
    for name, page in pages.items():
        content = page.read_bytes()
        digest = hashlib.sha256(content).digest()  # once: it names the page in both digests
        contents.add(name, [digest])
        found[name] = segments.of(content, name, digest)
    with_transcripts = [name for name in dict.fromkeys(searching.episodes) if found.get(name)]
    archived = set(with_transcripts[: len(with_transcripts) // archive_step * archive_step])
    archive = {name: docs for name, docs in found.items() if name in archived}
    recent = {name: docs for name, docs in found.items() if docs and name not in archived}
    for name, docs in sorted(recent.items()):
        contents.add(name, docs)

    def mirror(folder: Path) -> None:
        # Pagefind reads a mirror of the pages to find (hard links: no page is copied, and none
        # of the site is renamed or hidden while it reads, so a preview serves every page
        # throughout) with the newest transcripts' segments.
        for name, page in pages.items():
            _link(page, folder / name)
        _write(folder / _SEGMENTS, recent)

    # Without a cache, both are made in the work folder, gone with it.
    main = _Bundle(cache / "main" if cache else work / "main", executable, language, keep=cache is not None)
    older = _Bundle(cache / "archive" if cache else work / "archive", executable, language, keep=cache is not None)
    try:
        main.start(contents.key(), mirror)
        if archive:
            archived_contents = _Digest(language, executable)
            for name, docs in sorted(archive.items()):
                archived_contents.add(name, docs)
            older.start(archived_contents.key(), lambda folder: _write(folder, archive))
        made, bundle = main.finish(), older.finish()
        if made is not None:
            shutil.copytree(made, work / INDEX_FOLDER, copy_function=_link, ignore=shutil.ignore_patterns(_COMPLETE, *_UNUSED))
            merged = [f"../{ARCHIVE_FOLDER}/"] if bundle is not None else []
            (work / INDEX_FOLDER / MERGED).write_text(json.dumps({"merge": merged}) + "\n", encoding="utf-8")
        if bundle is not None:
            shutil.copytree(bundle, work / ARCHIVE_FOLDER, copy_function=_link, ignore=shutil.ignore_patterns(_COMPLETE, *_UNUSED))
        # The new indexes take the old ones' places (each in one rename), then the old go.
        for folder in (INDEX_FOLDER, ARCHIVE_FOLDER):
            if (site / folder).exists():
                (site / folder).rename(work / f"old-{folder}")
            if (work / folder).is_dir():
                (work / folder).rename(site / folder)
    finally:
        main.stop()
        older.stop()
        shutil.rmtree(work, ignore_errors=True)
    segments.prune()
    return site / INDEX_FOLDER


def _episode_pages(catalog: Catalog) -> list[str]:
    """The site files of the episodes the site shows, oldest first (the archive's order)."""
    site = catalog.site
    shown = sorted(catalog.shown_episodes, key=lambda e: (e.date, e.slug))
    return [page_file(site.page_url(episode_page(site, episode))) for episode in shown]


class _Segments:
    """Each page's transcript as the documents Pagefind indexes (:func:`_segment_documents`), kept
    in ``folder`` under a digest of the page's bytes: reading and parsing a thousand episode pages
    takes seconds; hashing them, a fraction of one."""

    def __init__(self, folder: Path | None, language: str):
        self.folder = folder
        self.language = language
        self.used: set[str] = set()

    def of(self, content: bytes, relative: str, digest: bytes) -> list[str]:
        """The segments of the page whose bytes are ``content`` (their sha256 ``digest``), at
        ``relative`` in the site."""
        if b'class="rs-cue"' not in content:
            return []
        key = hashlib.sha256(b"\0".join([_SEGMENTS_VERSION, self.language.encode(), relative.encode(), digest])).hexdigest()
        self.used.add(key)
        kept = self.folder / key if self.folder else None
        if kept is not None:
            with contextlib.suppress(OSError, ValueError, zlib.error):
                return list(json.loads(zlib.decompress(kept.read_bytes())))
        documents = _segment_documents(content.decode("utf-8", errors="replace"), relative, self.language)
        if kept is not None:
            with contextlib.suppress(OSError):
                kept.parent.mkdir(parents=True, exist_ok=True)
                partial = kept.with_name(f"{key}.{os.getpid()}.{threading.get_ident()}.part")
                partial.write_bytes(zlib.compress(json.dumps(documents).encode("utf-8")))
                partial.replace(kept)
        return documents

    def prune(self) -> None:
        """Drop kept segments no page of this build has (a page changed, or is gone)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            if entry.name not in self.used and not entry.name.endswith(".part"):
                entry.unlink(missing_ok=True)


class _Digest:
    """A digest of what an index is made of: each page's (or transcript's) name and documents,
    with the language and Pagefind's identity (an index made by another version is made again)."""

    def __init__(self, language: str, executable: Path):
        self.hash = hashlib.sha256(b"\0".join([_SEGMENTS_VERSION, language.encode(), _executable_identity(executable)]))

    def add(self, name: str, documents: Iterable[str | bytes]) -> None:
        self.hash.update(f"\0{name}\0".encode())
        for document in documents:
            data = document.encode("utf-8") if isinstance(document, str) else document
            self.hash.update(f"{len(data)}\0".encode())
            self.hash.update(data)

    def key(self) -> str:
        return self.hash.hexdigest()


class _Bundle:
    """One Pagefind index (the main one, or the archive), made in ``folder`` from what ``fill``
    writes there, or, with ``keep``, taken from ``folder`` when a build before made it of the same
    contents (its digest names it; every other one there is then dropped). Two are made at once,
    on two cores: ``start`` both, then ``finish`` both."""

    def __init__(self, folder: Path, executable: Path, language: str, *, keep: bool):
        self.folder = folder
        self.executable = executable
        self.language = language
        self.keep = keep
        self.making: subprocess.Popen[str] | None = None
        self.bundle: Path | None = None
        self.work: Path | None = None

    def start(self, key: str, fill: Callable[[Path], None]) -> None:
        self.bundle = self.folder / key
        if self.keep and (self.bundle / _COMPLETE).is_file():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self.work = Path(tempfile.mkdtemp(prefix=_MAKING, dir=self.folder))
        fill(self.work / "pages")
        self.making = _start(self.executable, ["--site", str(self.work / "pages"), "--output-path", str(self.work / "bundle")], self.language)

    def finish(self) -> Path | None:
        """The index's folder (None: none, or nothing to index), once Pagefind has made it if it had to."""
        if self.making is not None:
            assert self.bundle is not None and self.work is not None
            _check(self.making)
            self.making = None
            made = self.work / "bundle"
            if not made.is_dir():  # nothing to index
                self.bundle = None
                return None
            (made / _COMPLETE).write_text("", encoding="utf-8")
            shutil.rmtree(self.bundle, ignore_errors=True)  # an incomplete one, left by a build that stopped
            with contextlib.suppress(OSError):  # or another build made the same meanwhile: as good
                made.rename(self.bundle)
        if self.keep and self.folder.is_dir():
            for entry in self.folder.iterdir():
                if entry != self.bundle and not entry.name.startswith(_MAKING):
                    shutil.rmtree(entry, ignore_errors=True)
        return self.bundle

    def stop(self) -> None:
        """Pagefind stopped if it still runs (the other index failed), its work folder removed."""
        if self.making is not None and self.making.poll() is None:
            self.making.kill()
            self.making.wait()
        if self.work is not None:
            shutil.rmtree(self.work, ignore_errors=True)


class _Later:
    """The preview's index, made in the background after each rebuild (:func:`index_later`)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pending: tuple[Callable[[], object], Callable[[str], None]] | None = None
        self.running = False

    def ask(self, request: tuple[Callable[[], object], Callable[[str], None]]) -> None:
        with self.lock:
            self.pending = request
            if self.running:
                return  # the worker takes it when done with the one before
            self.running = True
        threading.Thread(target=self.work, name="reset-stories-search", daemon=True).start()

    def work(self) -> None:
        while True:
            with self.lock:
                request, self.pending = self.pending, None
                if request is None:
                    self.running = False
                    return
            make, told = request
            try:
                make()
            except SearchIndexFailed as error:
                told(f"la ricerca dell'anteprima non è aggiornata: {error}")
            except OSError:
                pass  # the preview swapped in a newer build meanwhile: its own index follows


_LATER = _Later()


def index_later(site: Path, searching: Searching, *, told: Callable[[str], None]) -> None:
    """Index the preview's ``site`` in the background, as :func:`index_site` would (``told`` gets a
    failure, in Italian): the preview shows a rebuilt page at once,
    its search follows a moment later, since indexing a large site takes longer than rebuilding
    one page. A request made while one runs is made after it (only the latest: each rebuild asks
    again)."""
    _LATER.ask((functools.partial(index_site, site, searching), told))


def _segment_documents(text: str, relative: str, language: str) -> list[str]:
    """The transcript of the episode page ``text`` (at ``relative`` in the site) as documents of
    about :data:`SEGMENT_WORDS` words for Pagefind: the cues as the page has them (ids, voices),
    with the page's title and address as their own (Pagefind's ``title`` and ``url`` metadata),
    so that a hit is the episode's. None when the page has no transcript."""
    article = next(lxml_html.fromstring(text).iter("article"), None)
    if article is None:
        return []
    cues = [
        cue for cue in article.iter("p")
        if cue.get("class") == "rs-cue" and (box := cue.getparent()) is not None and box.get("class") == "rs-transcript"
    ]
    if not cues:
        return []
    heading = next(article.iter("h1"), None)
    title = " ".join(_text(heading).replace("\u00b6", "").split()) if heading is not None else ""
    url = "/" + (relative[: -len("index.html")] if relative == "index.html" or relative.endswith("/index.html") else relative)
    return [
        f'<!DOCTYPE html>\n<html lang="{html.escape(language)}"><head><meta charset="utf-8"><title></title></head>'
        f'<body><article><span data-pagefind-meta="title[data-title], url[data-url]" '
        f'data-title="{html.escape(title)}" data-url="{html.escape(url)}"></span>'
        f"<div>{''.join(lxml_html.tostring(cue, encoding='unicode') for cue in group)}</div></article></body></html>\n"
        for group in _segments(cues)
    ]


def _write(folder: Path, documents: dict[str, list[str]]) -> None:
    """Each page's segments as files of ``folder`` (``podcast/x/index-1.html``…) for Pagefind."""
    for relative, segments in documents.items():
        for number, document in enumerate(segments, start=1):
            target = folder / f"{relative.removesuffix('.html')}-{number}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(document, encoding="utf-8")


def _link(source: Path | str, target: Path | str) -> None:
    """``target`` made a hard link to ``source`` (its folder too): the cache and the mirror are on
    the site's disk, so thousands of files are placed in a moment; a copy where links fail."""
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _segments(cues: list[_Element]) -> Iterator[list[_Element]]:
    group: list[_Element] = []
    words = 0
    for cue in cues:
        group.append(cue)
        words += len(_text(cue).split())
        if words >= SEGMENT_WORDS:
            yield group
            group, words = [], 0
    if group:
        yield group


def _text(element: _Element) -> str:
    return "".join(str(part) for part in element.itertext())


def _start(executable: Path, where: list[str], language: str) -> subprocess.Popen[str]:
    command = [
        str(executable), *where, "--root-selector", ROOT_SELECTOR, "--exclude-selectors", ", ".join(IGNORED),
        "--force-language", language, "--silent",
    ]
    try:
        return subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace",
        )
    except OSError as error:
        raise SearchIndexFailed(
            f"Non riesco ad avviare Pagefind, che prepara la ricerca del sito ({error.strerror or error}): "
            "reinstalla lo strumento (pip install -e .) e riprova. Il sito pubblicato non è stato toccato."
        ) from None


def _check(running: subprocess.Popen[str]) -> None:
    stdout, stderr = running.communicate()
    if running.returncode != 0 and _NOTHING_TO_INDEX in stdout + stderr:
        return  # a site without a page to find: no index, and the search box says so
    if running.returncode != 0:
        said = " ".join((stderr or stdout).split())[:300]
        raise SearchIndexFailed(
            f"Pagefind non è riuscito a preparare la ricerca del sito ({said or 'nessun messaggio'}): "
            "il sito pubblicato non è stato toccato. Se il problema resta, segnalalo a chi sviluppa lo strumento."
        )


@functools.cache
def _executable_identity(executable: Path) -> bytes:
    """What names this Pagefind: a kept archive made by another version is made again."""
    status = executable.stat()
    return f"{executable}:{status.st_size}:{status.st_mtime_ns}".encode()


def _executable() -> Path:
    """Pagefind's program, which the ``pagefind_bin`` package ships for this system."""
    try:
        import pagefind_bin  # type: ignore[import-untyped]

        return Path(pagefind_bin.get_executable())
    except (ImportError, FileNotFoundError):
        raise SearchIndexFailed(
            "Manca Pagefind, che prepara la ricerca del sito: installalo con «pip install -e .» "
            "nella cartella dello strumento (è tra le sue dipendenze) e riprova."
        ) from None
