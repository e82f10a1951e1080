"""Where a build writes: never into, over or around what staff wrote.

A build replaces its site folder whole (see atomic.py) and adds files to the media folder. If
either were a source folder — ``content/``, ``episodes/``, the project itself — or held one, a
build would delete or pollute what staff wrote, and ``serve`` would rebuild forever. Such a
folder is refused before anything is read or written, with the reason.
"""

from __future__ import annotations

import os
from pathlib import Path

from reset_stories.content.settings import CONFIG_FILE
from reset_stories.model import Site
from reset_stories.problems import Problems

SITE_FIELD = "site_dir"
MEDIA_FIELD = "reset-stories.media_dir"
TREE_FIELD = "generate"
# What a folder built before holds at its top: such a folder may be replaced by a new build.
_BUILT_SITE_MARKS = ("index.html", "sitemap.xml", "feed.xml", "404.html")
# What a folder ``generate`` wrote before holds at its top (see publish/tree.py).
TREE_MARK = ".reset-stories-generated"
_TREE_MARKS = (TREE_MARK,)


def check_outputs(site: Site, site_dir: Path, problems: Problems) -> None:
    """Report a site folder (or media folder) that would overwrite, hold or sit in a source."""
    site_dir = _absolute(site_dir)
    _check_one(site, site_dir, SITE_FIELD, "la cartella del sito", problems, replaced_whole=True)
    if site.media_dir is not None:
        media_dir = _absolute(site.media_dir)
        _check_one(site, media_dir, MEDIA_FIELD, "la cartella dell'audio da caricare", problems, replaced_whole=False)
        if _overlap(media_dir, site_dir):
            problems.error(
                CONFIG_FILE, MEDIA_FIELD,
                f"«{_shown(media_dir, site)}» coincide con la cartella del sito o le sta dentro (o attorno) — "
                "scegli una cartella separata, per esempio «media_dir: site-media».",
            )


def check_tree(site: Site, folder: Path, problems: Problems) -> None:
    """Report a folder for ``generate`` that would overwrite, hold or sit in a source."""
    _check_one(
        site, _absolute(folder), TREE_FIELD, "la cartella del progetto autonomo", problems, replaced_whole=True,
        fix="scegli una cartella a parte, per esempio «reset-stories generate standalone».", marks=_TREE_MARKS,
    )


def _check_one(
    site: Site, folder: Path, field: str, what: str, problems: Problems, *, replaced_whole: bool,
    fix: str | None = None, marks: tuple[str, ...] = (),
) -> None:
    # The site folder comes from -d or from site_dir in mkdocs.yml: the message names the setting.
    where, name = (field, None) if field in (SITE_FIELD, TREE_FIELD) else (CONFIG_FILE, field)
    if fix is None:
        fix = (
            "scegli una cartella che contenga solo il sito, per esempio «-d site» (o «site_dir: site» in mkdocs.yml)."
            if field == SITE_FIELD else "scegli una cartella a parte, per esempio «media_dir: site-media»."
        )
    shown = _shown(folder, site)
    root = _absolute(site.root)
    if root.is_relative_to(folder):
        relation = "è" if folder == root else "contiene"
        problems.error(
            where, name,
            f"{what} «{shown}» {relation} la cartella del progetto (quella di mkdocs.yml): la costruzione la "
            f"cancellerebbe — {fix}",
        )
        return
    sources = {
        site.docs_dir: f"la cartella dei contenuti ({_shown(site.docs_dir, site)})",
        site.episodes_dir: f"la cartella degli episodi ({_shown(site.episodes_dir, site)})",
        site.root / ".git": "la cartella di git (.git)",
    }
    for source, source_name in sources.items():
        source = _absolute(source)
        if _overlap(folder, source):
            relation = "è" if folder == source else ("contiene" if source.is_relative_to(folder) else "sta dentro")
            problems.error(
                where, name,
                f"{what} «{shown}» {relation} {source_name}: la costruzione cancellerebbe o mescolerebbe i tuoi file — {fix}",
            )
            return
    if folder.exists() and not folder.is_dir():
        problems.error(where, name, f"{what} «{shown}» è un file, non una cartella — {fix}")
        return
    if replaced_whole and folder.is_dir() and not _holds_a_built_site(folder, marks or _BUILT_SITE_MARKS):
        problems.error(
            where, name,
            f"{what} «{shown}» contiene già file che non sono un sito costruito: la costruzione la sostituirebbe "
            f"per intero, cancellandoli — {fix}",
        )


def _holds_a_built_site(folder: Path, marks: tuple[str, ...]) -> bool:
    try:
        names = {entry.name for entry in os.scandir(folder)}
    except OSError:
        return True  # unreadable: the build will say so when it writes
    return not names or any(mark in names for mark in marks)


def _overlap(first: Path, second: Path) -> bool:
    return first.is_relative_to(second) or second.is_relative_to(first)


def _absolute(path: Path) -> Path:
    # Resolved through symlinks: a link named "site" pointing at content/ is content/.
    return Path(os.path.realpath(path))


def _shown(path: Path, site: Site) -> str:
    try:
        return path.relative_to(_absolute(site.root)).as_posix() or "."
    except ValueError:
        return path.as_posix()
