"""Show notes: Markdown rendered to HTML for the feed, where every link must be absolute.

Raw HTML is allowed in Markdown: the result goes through the rich-HTML allow-list
(:func:`reset_stories.sanitize.rich_html`), so no script, handler or ``javascript:`` link
reaches the feed.

The site renders the same Markdown through its engine; the feed cannot depend on an engine, so
it renders here with Python-Markdown and a fixed set of extensions. Relative links resolve the
way the site resolves them: from the page's place among the docs (``podcast/<slug>.md``), with
links to ``.md`` files becoming the URL of that page.
"""

from __future__ import annotations

import posixpath
import threading
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from reset_stories import sanitize
from reset_stories.model import Site

_EXTENSIONS = ["extra", "sane_lists", "admonition"]


class _AbsoluteLinks(Treeprocessor):
    def __init__(self, md: markdown.Markdown):
        super().__init__(md)
        # Set before each document (see render_notes).
        self.site: Site | None = None
        self.src_uri = ""

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value:
                    element.set(attribute, self.absolute(value))

    def absolute(self, link: str) -> str:
        assert self.site is not None
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or link.startswith("#"):
            return link
        if link.startswith("/"):
            return urljoin(self.site.url, link)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(self.src_uri), parts.path))
        if path.endswith(".md"):
            path = self.site.page_url(path)
        return self.site.absolute(path) + (f"#{parts.fragment}" if parts.fragment else "")


_local = threading.local()


def _converter() -> tuple[markdown.Markdown, _AbsoluteLinks]:
    """This thread's Markdown converter, made on first use and reset between documents: making
    one costs about as much as converting a document (every extension is loaded and set up)."""
    converter: tuple[markdown.Markdown, _AbsoluteLinks] | None = getattr(_local, "converter", None)
    if converter is None:
        md = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
        links = _AbsoluteLinks(md)
        md.treeprocessors.register(links, "absolute_links", 0)
        converter = _local.converter = (md, links)
    return converter


def render_notes(text: str, site: Site, src_uri: str) -> str:
    """Safe HTML for Markdown ``text`` shown on the page built from ``src_uri``, with absolute links."""
    md, links = _converter()
    links.site, links.src_uri = site, src_uri
    # reset() forgets the previous document's references, footnotes and abbreviations.
    html = md.reset().convert(sanitize.text(text))
    return sanitize.rich_html(html).strip()
