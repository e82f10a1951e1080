"""Pages rendered by MkDocs, kept between builds: a page whose inputs did not change is not
rendered again.

MkDocs converts every page's Markdown and renders it through the theme's templates on every build
and on every reload of ``serve``; at a thousand episodes that is most of a build (Python-Markdown,
then Material's ``base.html``, for 2,000 pages), although a day's edit changes a handful of pages.
Both results are kept in ``.cache/reset-stories/pages/``:

- the Markdown's HTML (with its table of contents, title and anchors), named by a digest of the
  Markdown, the page's address, the Markdown settings and every file's address (links between
  pages are resolved against them). A conversion that warned (a broken link…) is not kept, so that
  its warning is given again by every build;
- the template's output, named by a digest of everything the templates can read:

- the site: the configuration, the navigation (titles and addresses), the theme's and our
  templates (by name, size and modification time), the code and the versions that render;
- the page: its address, title, content, table of contents, metadata (our template data included),
  the previous and next pages, and whatever other plugins added to its template context.

The same digest can only name the same output, so a kept page is used as it is and the site is
byte-identical to one rendered in full (tests/test_rendered_pages.py builds both and compares).
A page whose context holds something this module cannot describe is rendered, never guessed;
so is everything when a plugin we do not know of is in use (it may feed templates from
anywhere). After a successful build, pages no build used any more are removed.

The keeping is an optimisation and nothing more: an unreadable or damaged file is a page to
render, a cache that cannot be written is a build that is not faster.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from importlib.metadata import PackageNotFoundError, distribution, version
from pathlib import Path
from typing import Any

import jinja2

import reset_stories
from reset_stories.media.cache import code_identity

FOLDER_NAME = "pages"
COMPILED_TEMPLATES = "templates"  # Jinja's own cache of compiled templates, beside the pages
_SUFFIX = ".html.z"
# Plugins whose work reaches templates only through what the digest covers (the page's content,
# metadata, the configuration). Any other plugin turns the keeping off for the build.
KNOWN_PLUGINS = frozenset({"reset-stories", "search", "material/search", "tags", "material/tags"})
# What MkDocs itself puts in every page's context; the rest comes from plugins (on_page_context).
_OWN_CONTEXT = frozenset({"nav", "pages", "base_url", "config", "page"})
# Configuration the pages do not show (the output folder is a fresh staging folder every build),
# or described on its own below.
_NOT_RENDERED = frozenset({"site_dir", "nav", "plugins", "theme"})
_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


class _Unkeyable(TypeError):
    """A value whose effect on a page cannot be told from a description of it."""


@dataclass(frozen=True)
class Structure:
    """MkDocs's classes this module works with, handed over by the adapter (engines/mkdocs.py, the
    one module that imports MkDocs): its page, and a page's table of contents and entries in it."""

    page: type[Any]
    table_of_contents: Callable[[list[Any]], Any]
    anchor_link: Callable[[str, str, int], Any]


class RenderedPages:
    """The kept pages of one build: read by digest, written when rendered, pruned when done."""

    def __init__(self, folder: Path, structure: Structure):
        self.folder = folder
        self.structure = structure
        self._used: set[str] = set()
        self._site: str | None = None
        self._markdown_settings: str | None = None
        self._folder_made = False

    def convert(self, page: Any, config: Any, files: Any) -> None:
        """``page.render(config, files)``: the Markdown's HTML and what MkDocs learns with it, kept
        or made (and then kept)."""
        if self._markdown_settings is None:
            self._markdown_settings = markdown_digest(config, files)
        described = [self._markdown_settings, page.file.src_uri, page.url, page.markdown]
        key = hashlib.sha256(json.dumps(described, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()
        self._used.add(key)
        kept = self._read(key)
        if kept is not None and _restore(page, kept, files, self.structure):
            return
        warnings = _Warnings()
        with warnings.listening():
            self.structure.page.render(page, config, files)
        if not warnings.heard:
            self._write(key, json.dumps(_conversion(page), ensure_ascii=False))

    def render(self, template: jinja2.Template, context: Mapping[str, Any], render: Any) -> str:
        """The output of ``render(context)`` for a page, kept or made (and then kept)."""
        key = self._key(template, context)
        if key is None:
            output: str = render(context)
            return output
        self._used.add(key)
        kept = self._read(key)
        if kept is not None:
            return kept
        output = render(context)
        self._write(key, output)
        return output

    def prune(self) -> None:
        """Remove the pages this build did not use: they belong to inputs that are gone."""
        try:
            kept = list(self.folder.iterdir())
        except OSError:
            return
        for path in kept:
            unused = path.name.endswith(_SUFFIX) and path.name[: -len(_SUFFIX)] not in self._used
            if unused or path.name.endswith(".part"):  # a .part: left by a build that was stopped
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)

    def _key(self, template: jinja2.Template, context: Mapping[str, Any]) -> str | None:
        page = context.get("page")
        if not isinstance(page, self.structure.page):
            return None  # the theme's own templates (404.html, sitemap.xml): few and quick
        try:
            if self._site is None:
                self._site = site_digest(context["config"], context["nav"], context.get("pages") or ())
            described = {
                "site": self._site,
                "template": template.name,
                "page": _page(page),
                "context": {name: value for name, value in context.items() if name not in _OWN_CONTEXT},
            }
            text = json.dumps(described, sort_keys=True, ensure_ascii=False, default=_plain)
        except (_Unkeyable, ValueError, KeyError):
            return None
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def _read(self, key: str) -> str | None:
        # A kept file starts with its own name: one that does not was not written for this key.
        try:
            text = zlib.decompress((self.folder / f"{key}{_SUFFIX}").read_bytes()).decode("utf-8")
        except (OSError, zlib.error, UnicodeDecodeError):
            return None
        named, _, kept = text.partition("\n")
        return kept if named == key else None

    def _write(self, key: str, output: str) -> None:
        # Under a name of this process's own, renamed into place: a reader never finds half a file.
        # (Not tempfile's: its random names cost more than the writing, thousands of times a build.)
        part = self.folder / f"{key}.{os.getpid()}.part"
        try:
            if not self._folder_made:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._folder_made = True
            part.write_bytes(zlib.compress(f"{key}\n{output}".encode("utf-8", "surrogatepass"), 1))
            part.replace(self.folder / f"{key}{_SUFFIX}")
        except OSError:
            with contextlib.suppress(OSError):
                part.unlink(missing_ok=True)


def keep_conversion(page: Any, pages: RenderedPages) -> None:
    """Make ``page`` convert its Markdown through ``pages`` (MkDocs calls ``page.render``)."""
    page.render = functools.partial(pages.convert, page)


def keeps_pages(config: Any) -> bool:
    """Whether every plugin of ``config`` is one whose effect on templates the digest covers."""
    return all(name in KNOWN_PLUGINS for name in config.plugins)


def caching_template_class(pages: RenderedPages) -> type[jinja2.Template]:
    """A Jinja template class whose top-level ``render`` goes through ``pages``.

    Only MkDocs calls a template's ``render``: Jinja renders parents, includes and imports through
    their render functions, so the theme's own template tree is untouched.
    """

    class KeptTemplate(jinja2.Template):
        def render(self, *args: Any, **kwargs: Any) -> str:
            context = dict(*args, **kwargs)
            return pages.render(self, context, lambda given: jinja2.Template.render(self, given))

    return KeptTemplate


def site_digest(config: Any, nav: Any, pages: Iterable[Any]) -> str:
    """What every page's rendering may read beyond the page itself."""
    described = {
        "code": _RENDERER,
        "config": {name: config[name] for name in sorted(config) if name not in _NOT_RENDERED},
        "plugins": {name: dict(plugin.config) for name, plugin in config.plugins.items()},
        "theme": {"name": config.theme.name, "options": dict(config.theme), "templates": _templates(config.theme.dirs)},
        "nav": [_nav_item(item) for item in nav.items],
        # Templates of the site's own (theme.custom_dir) may list any page: their titles and addresses.
        "pages": [(file.page.url, file.page.title) for file in pages if file.page is not None]
        if config.theme.custom_dir else None,
    }
    text = json.dumps(described, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def markdown_digest(config: Any, files: Any) -> str:
    """What converting any page's Markdown depends on besides the page."""
    described = {
        "code": _RENDERER,
        "markdown": [config.markdown_extensions, config.mdx_configs],
        "urls": config.use_directory_urls,
        "validation": dict(config.validation),
        "files": sorted((file.src_uri, file.url, file.inclusion.name) for file in files),
    }
    text = json.dumps(described, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _conversion(page: Any) -> dict[str, Any]:
    return {
        "content": page.content, "toc": [_anchor(link) for link in page.toc], "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": {file.src_uri: links for file, links in (page.links_to_anchors or {}).items()},
    }


def _restore(page: Any, kept: str, files: Any, structure: Structure) -> bool:
    """Set on ``page`` what its conversion made; False when the kept text is not one."""
    try:
        made = json.loads(kept)
        links = {files.get_file_from_path(src_uri): anchors for src_uri, anchors in made["links"].items()}
        if None in links:
            return False
        page.content = made["content"]
        page.toc = structure.table_of_contents([_link(entry, structure) for entry in made["toc"]])
        if page.toc.items:
            page.toc.items[0].active = True  # as MkDocs's get_toc does
        page._title_from_render = made["title"]
        page.present_anchor_ids = set(made["anchors"])
        if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:  # as Page.render does
            page.links_to_anchors = links
    except (ValueError, KeyError, TypeError, IndexError):
        return False
    return True


def _link(entry: list[Any], structure: Structure) -> Any:
    title, anchor_id, level, children = entry
    link = structure.anchor_link(title, anchor_id, level)
    link.children = [_link(child, structure) for child in children]
    return link


class _Warnings(logging.Handler):
    """Whether MkDocs warned while converting a page."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.heard = False

    def emit(self, record: logging.LogRecord) -> None:
        self.heard = True

    @contextlib.contextmanager
    def listening(self) -> Iterator[None]:
        logger = logging.getLogger("mkdocs")
        logger.addHandler(self)
        try:
            yield
        finally:
            logger.removeHandler(self)


def _page(page: Any) -> dict[str, Any]:
    neighbours = {"previous": page.previous_page, "next": page.next_page}
    return {
        "url": page.url, "src": page.file.src_uri, "title": page.title, "content": page.content,
        "toc": [_anchor(link) for link in page.toc], "meta": page.meta, "canonical": page.canonical_url,
        "edit": page.edit_url, "home": page.is_homepage,
        "neighbours": {side: (other.url, other.title) if other is not None else None for side, other in neighbours.items()},
    }


def _anchor(link: Any) -> list[Any]:
    return [link.title, link.id, link.level, [_anchor(child) for child in link.children]]


def _nav_item(item: Any) -> list[Any]:
    return [type(item).__name__, getattr(item, "title", None), getattr(item, "url", None),
            [_nav_item(child) for child in getattr(item, "children", None) or ()]]


def _templates(dirs: Iterable[str]) -> list[tuple[str, int, int]]:
    """Every template file by name, size and modification time; Material's own by its version
    (in _RENDERER): its ten thousand icons would take a second to list."""
    found = []
    for folder in dirs:
        if any(Path(folder).resolve().is_relative_to(material) for material in _MATERIAL):
            continue
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                stat = path.stat()
                found.append((str(path), stat.st_size, stat.st_mtime_ns))
    return found


def _plain(value: Any) -> Any:
    """A JSON description of a value found in a page's context, or _Unkeyable."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if isinstance(value, (tuple, list)):
        return list(value)
    if isinstance(value, Path):
        return str(value)
    described = repr(value)
    if _ADDRESS.search(described) or described.startswith("<"):
        raise _Unkeyable(type(value).__qualname__)
    return f"{type(value).__qualname__}:{described}"


# Where Material is installed (its templates are told apart by its version), if it is: read from
# its distribution's record, without importing it.
try:
    _MATERIAL = [Path(str(distribution("mkdocs-material").locate_file("material"))).resolve()]
except PackageNotFoundError:
    _MATERIAL = []
_RENDERER = code_identity(
    (sys.modules[__name__],),
    f"{reset_stories.__version__}/mkdocs-{version('mkdocs')}/material-{version('mkdocs-material')}"
    f"/jinja2-{version('Jinja2')}",
)
