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
first, which have no text of their own) are set aside while Pagefind reads the folder
(:func:`unsearched`). Drafts and scheduled items are not in a published build, so not in its index.

Pagefind writes the index in fragments (a few KB each) that the visitor's browser fetches only
for the words searched; its output is deterministic (named by content hashes, the same bytes for
the same pages). The user interfaces it also writes are removed: the site has its own search box.
"""

from __future__ import annotations

import contextlib
import html
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from lxml import html as lxml_html
from lxml.etree import _Element

from reset_stories.problems import PeopleFacingError
from reset_stories.publish.release import Release
from reset_stories.site.urls import page_file

# Where the index is published, inside the site.
INDEX_FOLDER = "pagefind"
# What Pagefind reads of each page: the article, which both engines' layouts give the page's content.
ROOT_SELECTOR = "article"
# Inside it, what is not the page's text: the player's controls, the subscribe box, the headings'
# permalinks (¶), the cues' times (the moment is the cue's id), Material's "edit"/"view" buttons.
# The transcript is indexed apart, in segments (see _write_segments).
IGNORED = (".rs-player", ".rs-subscribe", ".headerlink", ".rs-cue__time", ".md-content__button", ".md-source-file",
           ".rs-transcript")
# A transcript is indexed in segments of consecutive cues of about this many words: a search
# fetches the segments it shows, not whole transcripts (an hour's is some 60 KB gzipped).
SEGMENT_WORDS = 400
# Where the segments are written while Pagefind reads the site (removed after).
_SEGMENTS = ".rs-search-segments"
# What Pagefind writes that the site does not use: its own user interfaces.
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
           "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")

# What Pagefind says when no page has anything to index.
_NOTHING_TO_INDEX = "not able to build an index"


class SearchIndexFailed(PeopleFacingError):
    """The search index could not be made: the build fails, the published site stays as it was."""


# The engines' page for a missing address.
NOT_FOUND_PAGE = "404.html"
# What a page set aside is called while the folder is indexed.
_ASIDE = ".rs-unsearched"


def unsearched(release: Release) -> list[str]:
    """The site's files search must not find: the 404 page and the pages the plan keeps out of
    search (a list's pages after the first: the items are found on their own pages)."""
    assert release.catalog is not None and release.plan is not None
    site = release.catalog.site
    return [NOT_FOUND_PAGE, *(page_file(site.page_url(page.src_uri)) for page in release.plan.pages if not page.searchable)]


def index_site(site: Path, language: str, *, hidden: Iterable[str] = ()) -> Path:
    """Index the built ``site`` (a folder of HTML pages) for search in ``language`` (the show's,
    e.g. ``it`` or ``it-IT``: stemming follows it), without the files ``hidden`` (site-relative);
    returns the index's folder."""
    executable = _executable()
    output = site / INDEX_FOLDER
    shutil.rmtree(output, ignore_errors=True)
    segments = site / _SEGMENTS
    try:
        with _set_aside(site, hidden):
            _write_segments(site, segments, language)
            _run(executable, site, language)
    finally:
        shutil.rmtree(segments, ignore_errors=True)
    for name in _UNUSED:
        (output / name).unlink(missing_ok=True)
    return output


class _Later:
    """The preview's index, made in the background after each rebuild (:func:`index_later`)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pending: tuple[Path, str, tuple[str, ...], Callable[[str], None]] | None = None
        self.running = False

    def ask(self, request: tuple[Path, str, tuple[str, ...], Callable[[str], None]]) -> None:
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
            site, language, hidden, told = request
            try:
                index_site(site, language, hidden=hidden)
            except SearchIndexFailed as error:
                told(f"la ricerca dell'anteprima non è aggiornata: {error}")
            except OSError:
                pass  # the preview swapped in a newer build meanwhile: its own index follows


_LATER = _Later()


def index_later(site: Path, language: str, *, hidden: Iterable[str] = (), told: Callable[[str], None]) -> None:
    """Index the preview's ``site`` in the background, as :func:`index_site` would (``told`` gets a
    failure, in Italian): the preview shows a rebuilt page at once, its search follows a moment
    later, since indexing a large site takes longer than rebuilding one page. A request made while
    one runs is made after it (only the latest: each rebuild asks again)."""
    _LATER.ask((site, language, tuple(hidden), told))


@contextlib.contextmanager
def _set_aside(site: Path, files: Iterable[str]) -> Iterator[None]:
    """``files`` renamed (not .html: Pagefind reads only those) while the block runs, then put back."""
    moved: list[tuple[Path, Path]] = []
    try:
        for name in files:
            page = site / name
            if page.is_file():
                aside = page.with_name(page.name + _ASIDE)
                page.rename(aside)
                moved.append((aside, page))
        yield
    finally:
        for aside, page in moved:
            aside.rename(page)


def _write_segments(site: Path, folder: Path, language: str) -> None:
    """Each episode page's transcript as documents of :data:`SEGMENT_WORDS` words for Pagefind:
    the cues as the page has them (ids, voices), with the page's title and address as their own
    (Pagefind's ``title`` and ``url`` metadata), so that a hit is the episode's."""
    for page in sorted(site.rglob("*.html")):
        if folder in page.parents:
            continue
        text = page.read_text(encoding="utf-8", errors="replace")
        if 'class="rs-cue"' not in text:
            continue
        article = next(lxml_html.fromstring(text).iter("article"), None)
        if article is None:
            continue
        cues = [
            cue for cue in article.iter("p")
            if cue.get("class") == "rs-cue" and (box := cue.getparent()) is not None and box.get("class") == "rs-transcript"
        ]
        if not cues:
            continue
        heading = next(article.iter("h1"), None)
        title = " ".join(_text(heading).replace("\u00b6", "").split()) if heading is not None else ""
        relative = page.relative_to(site).as_posix()
        url = "/" + (relative[: -len("index.html")] if relative == "index.html" or relative.endswith("/index.html") else relative)
        for number, group in enumerate(_segments(cues), start=1):
            body = "".join(lxml_html.tostring(cue, encoding="unicode") for cue in group)
            target = folder / f"{relative.removesuffix('.html')}-{number}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(
                f'<!DOCTYPE html>\n<html lang="{html.escape(language)}"><head><meta charset="utf-8"><title></title></head>'
                f'<body><article><span data-pagefind-meta="title[data-title], url[data-url]" '
                f'data-title="{html.escape(title)}" data-url="{html.escape(url)}"></span>'
                f"<div>{body}</div></article></body></html>\n",
                encoding="utf-8",
            )


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


def _run(executable: Path, site: Path, language: str) -> None:
    command = [
        str(executable), "--site", str(site), "--output-subdir", INDEX_FOLDER,
        "--root-selector", ROOT_SELECTOR, "--exclude-selectors", ", ".join(IGNORED),
        "--force-language", language.split("-")[0].lower() or "it", "--silent",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False)
    except OSError as error:
        raise SearchIndexFailed(
            f"Non riesco ad avviare Pagefind, che prepara la ricerca del sito ({error.strerror or error}): "
            "reinstalla lo strumento (pip install -e .) e riprova. Il sito pubblicato non è stato toccato."
        ) from None
    if result.returncode != 0 and _NOTHING_TO_INDEX in result.stdout + result.stderr:
        return  # a site without a page to find: no index, and the search box says so
    if result.returncode != 0:
        said = " ".join((result.stderr or result.stdout).split())[:300]
        raise SearchIndexFailed(
            f"Pagefind non è riuscito a preparare la ricerca del sito ({said or 'nessun messaggio'}): "
            "il sito pubblicato non è stato toccato. Se il problema resta, segnalalo a chi sviluppa lo strumento."
        )


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
