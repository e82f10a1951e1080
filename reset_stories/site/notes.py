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
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from reset_stories import sanitize
from reset_stories.model import Site

_EXTENSIONS = ["extra", "sane_lists", "admonition"]


class _AbsoluteLinks(Treeprocessor):
    def __init__(self, md: markdown.Markdown, site: Site, src_uri: str):
        super().__init__(md)
        self.site = site
        self.src_uri = src_uri

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value:
                    element.set(attribute, self.absolute(value))

    def absolute(self, link: str) -> str:
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or link.startswith("#"):
            return link
        if link.startswith("/"):
            return urljoin(self.site.url, link)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(self.src_uri), parts.path))
        if path.endswith(".md"):
            path = self.site.page_url(path)
        return self.site.absolute(path) + (f"#{parts.fragment}" if parts.fragment else "")


def render_notes(text: str, site: Site, src_uri: str) -> str:
    """Safe HTML for Markdown ``text`` shown on the page built from ``src_uri``, with absolute links."""
    md = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
    md.treeprocessors.register(_AbsoluteLinks(md, site, src_uri), "absolute_links", 0)
    return sanitize.rich_html(md.convert(sanitize.text(text))).strip()
