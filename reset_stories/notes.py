"""Show notes: Markdown rendered to HTML for the feed, where every link must be absolute.

The site renders the same Markdown through its engine; the feed cannot depend on an engine, so
it renders here with Python-Markdown and a fixed set of extensions.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

_EXTENSIONS = ["extra", "sane_lists", "admonition"]


class _AbsoluteLinks(Treeprocessor):
    """Turns relative ``href``/``src`` into absolute URLs against the episode page."""

    def __init__(self, md: markdown.Markdown, base_url: str):
        super().__init__(md)
        self.base_url = base_url

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value and not urlsplit(value).scheme and not value.startswith("#"):
                    element.set(attribute, urljoin(self.base_url, _page_target(value)))


def _page_target(link: str) -> str:
    # A link to another Markdown page means that page's URL, as on the site.
    path, _, fragment = link.partition("#")
    if path.endswith(".md"):
        path = path[: -len("index.md")] if path.endswith("index.md") else path[: -len(".md")] + "/"
    return f"{path}#{fragment}" if fragment else path


def render_notes(text: str, base_url: str) -> str:
    """HTML for Markdown ``text``, with links resolved against ``base_url``."""
    md = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
    md.treeprocessors.register(_AbsoluteLinks(md, base_url), "absolute_links", 0)
    return md.convert(text).strip()
