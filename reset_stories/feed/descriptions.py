"""Item descriptions for podcast apps: Apple's HTML allow-list, at most 4000 bytes.

The full show notes go to content:encoded (through the rich allow-list). The description is the
summary, then the notes reduced to p/ol/ul/li/a (headings become paragraphs, other markup keeps
only its text), then the chapter timestamps ("00:00:00 Titolo", the form apps parse when a feed
has no chapters file). Whole blocks are dropped from the end of the notes until it fits, so the
cut always falls on a tag boundary. Every block passes Apple's allow-list
(:func:`reset_stories.sanitize.apple_html`) before it is measured, whatever HTML came in.
"""

from __future__ import annotations

import html

from lxml import html as lxml_html
from lxml.etree import _Element

from reset_stories import sanitize
from reset_stories.content.timecodes import format_timecode
from reset_stories.content.vocabulary import APPLE_DESCRIPTION_BYTES
from reset_stories.lint.markup import ALLOWED as ALLOWED  # Apple's tags: one list, the linter's
from reset_stories.model import Chapter

_CONTAINERS = frozenset({"div", "blockquote", "section", "article", "figure", "details", "dl", "table", "thead", "tbody", "tfoot"})
_DROPPED = frozenset({"script", "style", "template", "img", "audio", "video", "iframe", "hr", "br"})


def apple_description(summary: str, notes_html: str, chapters: tuple[Chapter, ...], limit: int = APPLE_DESCRIPTION_BYTES) -> str:
    head = [_paragraph(summary)]
    tail = [_paragraph(f"{format_timecode(c.start, with_hours=True)} {c.title}") for c in chapters]
    middle = sanitised_blocks(notes_html)
    budget = limit - _size(head) - _size(tail)
    kept = []
    for block in middle:
        if _size([block]) > budget:
            break
        kept.append(block)
        budget -= _size([block])
    blocks = head + kept + tail
    if _size(blocks) > limit:  # only when the summary and chapters alone are too long
        blocks = _shorten(head + tail, limit)
    return "".join(blocks)


def sanitised_blocks(notes_html: str) -> list[str]:
    """The notes as top-level blocks of allowed tags only."""
    notes_html = sanitize.rich_html(notes_html)
    if not notes_html.strip():
        return []
    blocks: list[str] = []
    for node in lxml_html.fragments_fromstring(notes_html):
        if isinstance(node, str):
            if node.strip():
                blocks.append(_paragraph(node.strip()))
            continue
        blocks.extend(_blocks_of(node))
    return [block for block in map(sanitize.apple_html, blocks) if block]


def _paragraph(text: str) -> str:
    return f"<p>{html.escape(sanitize.text(text), quote=False)}</p>"


def _blocks_of(element: _Element) -> list[str]:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _DROPPED:
        return [_paragraph(element.tail.strip())] if element.tail and element.tail.strip() else []
    if tag in ("ul", "ol"):
        items = "".join(f"<li>{_inline(li)}</li>" for li in element if getattr(li, "tag", None) == "li")
        return [f"<{tag}>{items}</{tag}>"] if items else []
    if tag in _CONTAINERS:
        blocks = []
        if element.text and element.text.strip():
            blocks.append(_paragraph(element.text.strip()))
        for child in element:
            blocks.extend(_blocks_of(child))
            if child.tail and child.tail.strip():
                blocks.append(_paragraph(child.tail.strip()))
        return blocks
    content = _inline(element)  # any other block (a heading, pre, dt, dd, a caption, a row…) becomes a paragraph
    return [f"<p>{content}</p>"] if content.strip() else []


def _inline(element: _Element) -> str:
    """The inside of a block: text, escaped, with links kept and every other tag unwrapped."""
    parts = [html.escape(element.text or "", quote=False)]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "a" and (href := child.get("href")):
            parts.append(f'<a href="{html.escape(href)}">{_inline(child)}</a>')
        elif tag in ("ul", "ol"):
            items = "".join(f"<li>{_inline(li)}</li>" for li in child if getattr(li, "tag", None) == "li")
            parts.append(f"<{tag}>{items}</{tag}>")
        elif tag not in _DROPPED:
            parts.append(_inline(child))
        parts.append(html.escape(child.tail or "", quote=False))
    return " ".join("".join(parts).split())


def _size(blocks: list[str]) -> int:
    return sum(len(block.encode("utf-8")) for block in blocks)


def _shorten(blocks: list[str], limit: int) -> list[str]:
    """Drop whole blocks from the end; a single block left too long loses words from its end."""
    while len(blocks) > 1 and _size(blocks) > limit:
        blocks = blocks[:-1]
    block = blocks[0]
    if _size([block]) <= limit:
        return blocks
    text = html.unescape(block[len("<p>"): -len("</p>")])
    words = text.split(" ")
    while words and len(_paragraph(f"{' '.join(words)} …").encode()) > limit:
        words.pop()
    return [_paragraph(f"{' '.join(words)} …")]
