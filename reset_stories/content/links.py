"""Links between the pages staff write: each one must lead to a page or file the site publishes.

Every Markdown source is checked: each page in the docs folder, and each episode's notes, which
the site shows on the episode's page (``<podcast>/<slug>.md``), so their links start from there.
Relative targets resolve as the engine resolves them (from the page's place among the docs); a
``.md`` target must be a page of the site (written, or made by the tool), any other target with a
file extension a file in the docs folder. Links to a page that is not published (a draft, a
scheduled date, a withdrawn episode) are broken on the published site too, and reported as such,
except in a preview that shows those pages. Web addresses, ``mailto:``, links within the page
(``#…``), site-absolute paths (``/…``) and links without an extension (``../storie/``) are not
checked: the engine leaves those as written.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from reset_stories.content.vocabulary import suggest, you_meant
from reset_stories.model import Episode, Site, Story
from reset_stories.problems import Problems
from reset_stories.site import urls
from reset_stories.site.labels import italian_date


@dataclass(frozen=True, slots=True)
class Link:
    target: str  # as written
    line: int  # from 1, in the file
    image: bool = False


# [text](target "title") and ![alt](target): text with one level of nested brackets; the
# target in <…> or bare (with balanced parentheses); an optional title.
_INLINE = re.compile(
    r"(?<!\\)(?P<bang>!?)\[(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*\]"
    r"\(\s*(?:<(?P<angled>[^<>\n]*)>|(?P<bare>(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+))"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
# [label]: target — a reference definition (not a footnote, [^1]: …).
_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)(?:[^\[\]\\]|\\.)+\]:\s*(?:<(?P<angled>[^<>\n]*)>|(?P<bare>\S+))")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).*?(?<!`)(?P=ticks)(?!`)")


def find_links(text: str) -> list[Link]:
    """Every link and image in the Markdown ``text``, with its line; code and front matter skipped."""
    links = []
    for number, line in _prose_lines(text):
        line = _CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
        for match in _INLINE.finditer(line):
            links.append(Link(_target(match), number, image=bool(match["bang"])))
        if (definition := _DEFINITION.match(line)) is not None:
            links.append(Link(_target(definition), number))
    return links


def _target(match: re.Match[str]) -> str:
    return (match["angled"] if match["angled"] is not None else re.sub(r"\\(.)", r"\1", match["bare"])).strip()


def _prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) for every line outside the front matter and fenced code blocks."""
    lines = text.replace("\r\n", "\n").removeprefix("\ufeff").split("\n")
    start = 0
    if lines and lines[0].rstrip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        start = 0 if end is None else end + 1
    fence: str | None = None
    for index in range(start, len(lines)):
        line = lines[index]
        opening = _FENCE.match(line)
        if fence is None and opening is not None:
            fence = opening["fence"]
        elif fence is not None:
            if opening is not None and opening["fence"][0] == fence[0] and len(opening["fence"]) >= len(fence) \
                    and not line.strip().lstrip(fence[0]):
                fence = None
        else:
            yield index + 1, line


# --- the project ---------------------------------------------------------------------------

def check_links(
    site: Site,
    items: Iterable[Episode | Story],
    now: datetime,
    problems: Problems,
    *,
    previews: Collection[Episode | Story] = (),
) -> None:
    """Report every broken link in the project's Markdown.

    ``items`` are every episode and story loaded, published or not; ``previews`` the unpublished
    ones a preview shows (``serve --drafts``), whose pages then exist. A broken link is an error;
    in a page that is not published itself, a warning (it is not on the site yet).
    """
    items = list(items)
    shown = {id(item) for item in previews}
    hidden = {_page_of(site, item): item for item in items if not item.is_published(now) and id(item) not in shown}
    files = _docs_files(site.docs_dir)
    pages = ({uri for uri in files if uri.endswith(".md")} | set(_generated_pages(site, items, now, shown))) - set(hidden)
    targets = _Targets(files | {site.feed_uri}, pages, hidden, now)
    for uri in sorted(uri for uri in files if uri.endswith(".md")):
        _check_file(site, site.docs_dir / uri, uri, targets, problems, notes=False, draft=uri in hidden)
    for episode in (item for item in items if isinstance(item, Episode)):
        uri = _page_of(site, episode)
        _check_file(site, episode.source, uri, targets, problems, notes=True, draft=uri in hidden)


@dataclass(frozen=True)
class _Targets:
    files: Collection[str]  # every file in the docs folder, docs-relative
    pages: Collection[str]  # every page the site publishes
    hidden: Mapping[str, Episode | Story]  # pages written but not published
    now: datetime


def _check_file(site: Site, path: Path, src_uri: str, targets: _Targets, problems: Problems, *, notes: bool, draft: bool) -> None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return  # reported where the file is read as content
    rel = site.relative(path)
    report = problems.warn if draft else problems.error
    for link in find_links(text):
        message = _broken(site, link, src_uri, targets, notes=notes, draft=draft)
        if message is not None:
            if draft:
                message += " (per ora è solo un avviso: questa pagina non è ancora pubblicata)"
            report(rel, None, message, line=link.line)


def _broken(site: Site, link: Link, src_uri: str, targets: _Targets, *, notes: bool, draft: bool) -> str | None:
    """What is wrong with ``link`` on the page ``src_uri``, or None when it works or is not checked.

    An unpublished page may link to other unpublished pages: they may well come out together.
    """
    parts = urlsplit(link.target)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = unquote(parts.path)
    if path.endswith("/") or not posixpath.splitext(path)[1]:
        return None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    what = "l'immagine" if link.image else "il collegamento"
    where = f"«{link.target}» (dalla pagina {src_uri}: i percorsi partono da lì)" if notes else f"«{link.target}»"
    if resolved == ".." or resolved.startswith("../"):
        return f"{what} {where} esce dalla cartella dei contenuti — {_instead(site, resolved, src_uri, targets, notes)}"
    hidden = targets.hidden.get(resolved)
    if hidden is not None and draft:
        return None
    if hidden is not None:
        return (
            f"{what} {where} porta a «{hidden.title}» ({site.relative(hidden.source)}), che "
            f"{_why_unpublished(hidden, targets.now)}: il collegamento non funzionerebbe — togli il collegamento "
            "per ora, o rimettilo quando la pagina sarà pubblicata."
        )
    if resolved in targets.pages or (not resolved.endswith(".md") and resolved in targets.files):
        return None
    missing = site.relative(site.docs_dir / resolved)
    noun = "alla pagina" if resolved.endswith(".md") else "al file"
    return f"{what} {where} porta {noun} {missing}, che non esiste — {_instead(site, resolved, src_uri, targets, notes)}"


def _instead(site: Site, resolved: str, src_uri: str, targets: _Targets, notes: bool) -> str:
    choices = sorted(targets.pages if resolved.endswith(".md") else (f for f in targets.files if not f.endswith(".md")))
    hint = _closest(resolved, choices)
    if hint is not None:
        return you_meant(_relative(hint, src_uri))
    if notes:
        example = _relative(f"{site.stories_section}/nome.md", src_uri)
        return f"correggi il percorso: nelle note di un episodio, una storia è per esempio «{example}»."
    return "correggi il percorso (parte dalla cartella di questo file) o togli il collegamento."


def _relative(target: str, src_uri: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(src_uri) or ".")


def _closest(resolved: str, choices: list[str]) -> str | None:
    """The existing path most like ``resolved``: by its file name first (folders share too much)."""
    by_name: dict[str, list[str]] = {}
    for choice in choices:
        by_name.setdefault(posixpath.basename(choice), []).append(choice)
    name = suggest(posixpath.basename(resolved), by_name)
    if name is None:
        return None
    return suggest(resolved, by_name[name]) or by_name[name][0]


def _why_unpublished(item: Episode | Story, now: datetime) -> str:
    episode = isinstance(item, Episode)
    if isinstance(item, Episode) and item.withdrawn:
        return "è stato ritirato (withdrawn: true)"
    if item.draft:
        return "è una bozza (draft: true)"
    if isinstance(item, Episode) and item.audio is None:
        return "non ha ancora l'audio"
    return f"sarà {'pubblicato' if episode else 'pubblicata'} il {italian_date(item.date)}"


def _page_of(site: Site, item: Episode | Story) -> str:
    return urls.episode_page(site, item) if isinstance(item, Episode) else urls.story_page(item)


def _generated_pages(site: Site, items: list[Episode | Story], now: datetime, shown: set[int]) -> Iterator[str]:
    """The pages the tool makes (not written in the docs folder)."""
    yield site.podcast_index_uri
    yield urls.stories_index(site)
    yield urls.people_index(site)
    for theme in site.themes:
        yield urls.theme_page(site, theme)
    for item in items:
        if isinstance(item, Episode) and (item.is_published(now) or id(item) in shown):
            yield urls.episode_page(site, item)
        elif isinstance(item, Story) and (item.is_published(now) or id(item) in shown):
            yield urls.year_page(site, item.date.year)  # the archive of the year's stories


def _docs_files(docs_dir: Path) -> set[str]:
    """Every file in the docs folder the engine publishes (hidden files and folders are not)."""
    if not docs_dir.is_dir():
        return set()
    return {
        path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(docs_dir).parts)
    }
