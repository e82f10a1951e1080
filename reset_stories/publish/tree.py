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
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Iterable, Mapping
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
# Front matter as MkDocs reads it (mkdocs.utils.meta): a YAML block between --- lines at the top.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


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
    assert release.catalog is not None and release.plan is not None  # a release with problems is not written
    plan, site = release.plan, release.catalog.site
    docs = folder / DOCS
    hidden = set(plan.hidden)
    for source, uri in _files_under(site.docs_dir):
        if uri not in hidden:
            _copy(source, _inside(docs, uri))
    for page in plan.pages:
        text = page.markdown if page.markdown is not None else _read_page(site.docs_dir / page.src_uri)
        _write(_inside(docs, page.src_uri), _with_front_matter(text, page_meta(page)))
    for media in plan.media:
        place(media.source, _inside(docs, media.dest_uri))
    for uri, source in ASSETS.items():
        _copy(source, _inside(docs, uri))
    for data in plan.files:
        _write(_inside(docs, data.dest_uri), data.content)
    _write(_inside(folder / OVERRIDES, "main.html"), _feed_link_template(plan.feed_title, plan.feed_url))
    for template_folder in templates:
        for source, uri in _files_under(template_folder):
            _copy(source, _inside(folder / OVERRIDES, uri))
    _write(_inside(folder, config_name), _yaml(config).encode("utf-8"))


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


def _inside(root: Path, uri: str) -> Path:
    """``root/uri``, its folder made; never a path outside ``root``."""
    target = Path(os.path.normpath(root / uri))
    if not target.is_relative_to(root) or target == root:
        raise ValueError(f"{uri!r} is not a path inside {root}")
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def _write(target: Path, content: bytes) -> None:
    # Never through a hard link to the cache's copy of a file.
    target.unlink(missing_ok=True)
    target.write_bytes(content)


def _copy(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    shutil.copyfile(source, target)


def _read_page(path: Path) -> str:
    # As MkDocs reads a page: UTF-8, a byte order mark dropped.
    return path.read_text(encoding="utf-8-sig")


def _with_front_matter(markdown: str, meta: Mapping[str, Any]) -> bytes:
    """``markdown`` with ``meta`` merged over its own front matter, as the plugin merges page metadata."""
    written: dict[str, Any] = {}
    body = markdown
    if (match := _FRONT_MATTER.match(markdown)) is not None:
        try:
            data = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict):
            written, body = data, markdown[match.end():]
    return f"---\n{_yaml({**written, **meta})}---\n{body}".encode()


class _Dumper(yaml.SafeDumper):
    """Safe YAML, with texts of several lines written as blocks (|), as people write them."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


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
