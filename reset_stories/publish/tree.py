"""``generate``: a self-contained project tree a static-site engine builds without our plugin.

The tree holds what the plugin hands the engine at build time, written as files:

- ``docs/``: the pages staff wrote (hidden drafts and scheduled items left out), every page of the
  plan as Markdown whose front matter holds exactly what the plugin puts in the page's metadata
  (``template``, ``title``, ``description``, the template data under ``reset``), the data files
  (feed, chapters, transcripts, ``_headers``), the media (hard-linked when they can be), our assets;
- ``overrides/``: our templates, with the project's own overrides on top;
- the engine's configuration (``mkdocs.yml``), made by the engine adapter and written here.

Deterministic: the same release gives byte-identical files (sorted keys, no timestamps). The tree
is written beside ``out`` and swapped in whole (see atomic.py); nothing is written outside it.
A tree an engine is serving is brought up to date in place instead (:func:`sync_tree`).
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import shutil
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from reset_stories.media.cache import place
from reset_stories.publish import atomic
from reset_stories.publish.outputs import TREE_MARK
from reset_stories.publish.release import Release
from reset_stories.site import ASSETS
from reset_stories.site.plan import page_meta

DOCS = "docs"
OVERRIDES = "overrides"
_SPARE = ".reset-stories-incoming"  # where a file of the tree is made before it is renamed into place
# Front matter as MkDocs reads it (mkdocs.utils.meta): a YAML block between --- lines at the top.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
# libyaml's reader where PyYAML has it, as MkDocs reads a page's front matter (safely).
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Linked:
    """A file of the media cache, hard-linked into the tree when it can be (else copied).

    Only the cache's files: through a link to a file staff wrote, an edit in the tree would change it.
    """

    source: Path


# What a file of the tree is made of: bytes to write, a file to copy, a file to link.
Content = bytes | Path | Linked


def write_tree(
    release: Release, out: Path, *, config_name: str, config: Mapping[str, Any], templates: Iterable[Path],
) -> None:
    """Write the tree for ``release`` into ``out``, replacing whatever a previous ``generate`` left.

    ``config`` is the engine's configuration, written as ``config_name``; ``templates`` are the
    template folders, the later ones winning over the earlier.
    """
    staging = atomic.staging_for(out)
    try:
        fill_tree(release, staging, config_name=config_name, config=config, templates=templates)
        (staging / TREE_MARK).write_text("reset-stories generate\n", encoding="utf-8")
        atomic.swap_in(staging, out)
    except BaseException:
        atomic.discard(staging)
        raise


def fill_tree(
    release: Release, folder: Path, *, config_name: str, config: Mapping[str, Any], templates: Iterable[Path],
) -> None:
    """Write the tree for ``release`` into ``folder``, an empty folder (see :func:`write_tree`)."""
    for path, content in dict(tree_files(release, config_name=config_name, config=config, templates=templates)).items():
        _put(folder, path, content)


def sync_tree(
    release: Release, folder: Path, *, config_name: str, config: Mapping[str, Any], templates: Iterable[Path],
) -> list[str]:
    """Make ``folder`` hold the tree for ``release``, in place; the paths changed, sorted.

    For an engine serving the tree while it changes (``serve --engine zensical``): a file is
    written only when its content changed, and appears whole (renamed into place), so that the
    engine's watcher sees only what changed and never half a file; files no longer in the tree
    are removed. What else the folder holds (the engine's site and cache) is left alone.
    """
    wanted = dict(tree_files(release, config_name=config_name, config=config, templates=templates))
    changed: list[str] = []
    # The files gone first: a folder may have become a file, or the other way round.
    for section in (DOCS, OVERRIDES):
        for current, _, names in os.walk(folder / section, topdown=False):
            here = Path(current)
            for name in names:
                path = (here / name).relative_to(folder).as_posix()
                if path not in wanted:
                    (folder / path).unlink()
                    changed.append(path)
            if here != folder / section and next(here.iterdir(), None) is None:
                here.rmdir()
    for path, content in wanted.items():
        if not _unchanged(folder / path, content):
            _put(folder, path, content)
            changed.append(path)
    return sorted(changed)


def tree_files(
    release: Release, *, config_name: str, config: Mapping[str, Any], templates: Iterable[Path],
) -> Iterator[tuple[str, Content]]:
    """The tree's files, as (path inside the tree, content), in writing order.

    A path may come more than once, the later content winning, as when written in turn: a page
    of the plan over the file staff wrote, generated files over pages of the same name.
    """
    assert release.catalog is not None and release.plan is not None  # a release with problems is not written
    plan, site = release.plan, release.catalog.site
    hidden = set(plan.hidden)
    for source, uri in _files_under(site.docs_dir):
        if uri not in hidden:
            yield _inside(DOCS, uri), source
    for page in plan.pages:
        text = page.markdown if page.markdown is not None else _read_page(site.docs_dir / page.src_uri)
        yield _inside(DOCS, page.src_uri), _with_front_matter(text, page_meta(page))
    for media in plan.media:
        yield _inside(DOCS, media.dest_uri), Linked(media.source)
    for uri, source in ASSETS.items():
        yield _inside(DOCS, uri), source
    for data in plan.files:
        yield _inside(DOCS, data.dest_uri), data.content
    yield _inside(OVERRIDES, "main.html"), _feed_link_template(plan.feed_title, plan.feed_url)
    for template_folder in templates:
        for source, uri in _files_under(template_folder):
            yield _inside(OVERRIDES, uri), source
    yield _inside(".", config_name), _yaml(config).encode("utf-8")


def _feed_link_template(title: str, url: str) -> bytes:
    """Every page's link to the feed (apps and browsers find the podcast by it), which the plugin
    adds at build time: Material's main.html with the link in its head. A project's own main.html wins."""
    def attribute(text: str) -> str:
        return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")  # no Jinja in the values
    link = f'<link rel="alternate" type="application/rss+xml" title="{attribute(title)}" href="{attribute(url)}">'
    return (
        "{#- The link to the podcast's feed, in every page's head (written by reset-stories generate). -#}\n"
        '{% extends "base.html" %}\n'
        f"{{% block extrahead %}}{{{{ super() }}}}{link}\n{{% endblock %}}\n"
    ).encode()


def _files_under(folder: Path) -> list[tuple[Path, str]]:
    """The files under ``folder`` with their forward-slash paths, sorted; hidden names skipped."""
    found: list[tuple[Path, str]] = []
    for current, folders, names in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                path = Path(current) / name
                found.append((path, path.relative_to(folder).as_posix()))
    return found


def _inside(section: str, uri: str) -> str:
    """``section/uri``, normalised; never a path outside ``section`` (``.``: the tree)."""
    path = posixpath.normpath(posixpath.join(section, uri))
    inside = path != section and (section == "." or path.startswith(f"{section}/"))
    if not inside or path == ".." or path.startswith(("../", "/")):
        raise ValueError(f"{uri!r} is not a path inside {section}")
    return path


def _unchanged(target: Path, content: Content) -> bool:
    """Whether ``target`` already holds ``content``: the same bytes, or the same size and
    modification time as the file it was copied or linked from (as make and rsync tell files)."""
    try:
        status = target.stat()
    except FileNotFoundError:
        return False
    if isinstance(content, bytes):
        return status.st_size == len(content) and target.read_bytes() == content
    source = (content.source if isinstance(content, Linked) else content).stat()
    return (status.st_size, status.st_mtime_ns) == (source.st_size, source.st_mtime_ns)


def _put(folder: Path, path: str, content: Content) -> None:
    """Write ``content`` at ``folder/path``, whole: made under a spare name at the top of ``folder``
    (which no engine reads), then renamed over what was there. Never through a hard link to the
    cache's copy of a file; copies keep their source's modification time (see :func:`_unchanged`)."""
    target = folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    spare = folder / _SPARE
    spare.unlink(missing_ok=True)
    if isinstance(content, bytes):
        spare.write_bytes(content)
    else:
        source = content.source if isinstance(content, Linked) else content
        if isinstance(content, Linked):
            place(source, spare)
        else:
            shutil.copyfile(source, spare)
        if not spare.samefile(source):
            status = source.stat()
            os.utime(spare, ns=(status.st_atime_ns, status.st_mtime_ns))
    spare.replace(target)


def _read_page(path: Path) -> str:
    # As MkDocs reads a page: UTF-8, a byte order mark dropped.
    return path.read_text(encoding="utf-8-sig")


def _with_front_matter(markdown: str, meta: Mapping[str, Any]) -> bytes:
    """``markdown`` with ``meta`` merged over its own front matter, as the plugin merges page metadata."""
    written: dict[str, Any] = {}
    body = markdown
    if (match := _FRONT_MATTER.match(markdown)) is not None:
        try:
            data = yaml.load(match.group(1), Loader=_Loader)
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict):
            written, body = data, markdown[match.end():]
    return f"---\n{_yaml({**written, **meta})}---\n{body}".encode()


# libyaml's emitter where PyYAML has it (every wheel does): the pure-Python one made writing the
# pages' front matter the slowest step of the tree at a thousand episodes.
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[valid-type,misc]  # chosen at import
    """Safe YAML, with texts of several lines written as blocks (|), as people write them."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    # Not a block when the text ends in blank lines: the block would keep them ("|+") and YAML then
    # closes the document with "...", which ends the front matter for the engines' readers.
    block = "\n" in text.rstrip("\n") and not text.endswith("\n\n")
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if block else None)


_Dumper.add_representer(str, _text)


def _yaml(data: Mapping[str, Any]) -> str:
    return yaml.dump(
        _plain(data), Dumper=_Dumper, allow_unicode=True, sort_keys=True, default_flow_style=False, width=1000,
    )


def _plain(value: Any) -> Any:
    """Template data as YAML can write it: mappings as dicts, sequences as lists."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
