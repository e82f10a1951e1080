"""The one sanitizer for every HTML that leaves the build: an allow-list, by ammonia (nh3).

Staff write show notes in Markdown, where raw HTML is allowed; whatever they (or a pasted
snippet) put there reaches the episode page and the feed only through one of these policies:

- :func:`rich_html`: the show notes in ``content:encoded`` — headings, lists, links, emphasis,
  code, tables, quotes, images with an http(s) or relative ``src``; no script, style, iframe,
  object or form, no ``on*`` attribute, links only to http, https, mailto, tel or relative URLs;
- :func:`page_html`: an episode page's content as the engine rendered it (the notes and the
  transcript): the rich policy plus the classes, ids and ``data-rs-*``/``aria-label``
  attributes of the site's own markup;
- :func:`apple_html`: Apple's description allow-list (p, ol, ul, li, a);
- :func:`transcript_html`: the transcript's own markup (``class``, ``data-rs-*``,
  ``aria-label``, relative links such as ``#t=…``).

Every policy also drops the characters XML cannot carry (C0 controls other than tab and newline,
U+FFFE/U+FFFF and the other non-characters), as :func:`text` does for plain text, so that the
feed writer never refuses the build.
"""

from __future__ import annotations

import re

import nh3

# C0 controls but tab and newline, lone surrogates, and the non-characters of the first plane
# (U+FFFE and U+FFFF are what XML refuses; those of the other planes are valid XML, and listing
# them here would make this scan several times slower on a long transcript).
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
# What a browser ignores when it reads a URL's scheme: C0 controls and spaces around it, tabs
# and newlines anywhere in it.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
IMAGE_SCHEMES = frozenset({"http", "https"})
# Elements dropped with everything inside them (any other unknown element keeps its text).
_DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "template", "noscript", "iframe", "frame", "frameset", "noframes", "object",
    "embed", "applet", "form", "select", "textarea", "button", "svg", "math", "title", "xmp", "noembed",
})
_RICH_TAGS = frozenset({
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "div", "span", "blockquote", "q", "cite",
    "ul", "ol", "li", "dl", "dt", "dd", "a", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark",
    "small", "sub", "sup", "abbr", "code", "pre", "kbd", "samp", "var", "time", "figure", "figcaption",
    "img", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "details", "summary",
})
_CELL = frozenset({"colspan", "rowspan", "scope", "align", "style"})
_RICH_ATTRIBUTES = {
    "*": {"title", "lang", "dir"},
    "a": {"href", "hreflang", "target"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "th": set(_CELL),
    "td": set(_CELL),
    "col": {"span"},
    "colgroup": {"span"},
}
_TRANSCRIPT_TAGS = frozenset({"div", "p", "a", "strong", "span", "cite", "time"})
# Each cue's id is where search finds the words said (content/transcripts.py, cue_ids).
_TRANSCRIPT_ATTRIBUTES = {"*": {"class", "aria-label"}, "a": {"href"}, "p": {"id"}, "strong": {"id"}}
_TRANSCRIPT_DATA = frozenset({"data-rs-"})


def text(value: str) -> str:
    """``value`` without the characters XML cannot carry."""
    return _FORBIDDEN.sub("", value)


def scheme(url: str) -> str | None:
    """The scheme of ``url`` as a browser reads it (lower case), or None for a relative URL.

    ``url`` is an attribute's value with its character references already decoded.
    """
    url = _URL_IGNORED.sub("", url).strip(_C0_AND_SPACE)
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else None


def _only_safe_images(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and scheme(value) not in (None, *IMAGE_SCHEMES):
        return None
    return value


def _rich_cleaner(attributes: dict[str, set[str]], generic_attribute_prefixes: set[str] | None = None) -> nh3.Cleaner:
    """Policy (a), with the attributes given: links get rel="noopener" (with a target too)."""
    return nh3.Cleaner(
        tags=set(_RICH_TAGS),
        clean_content_tags=set(_DROPPED_WITH_CONTENT),
        attributes=attributes,
        attribute_filter=_only_safe_images,
        url_schemes=set(LINK_SCHEMES),
        link_rel="noopener",
        filter_style_properties={"text-align"},
        generic_attribute_prefixes=generic_attribute_prefixes,
    )


_RICH = _rich_cleaner(_RICH_ATTRIBUTES)
# The page also carries the site's own markup: ids and classes (headings, admonitions), the transcript's.
_PAGE = _rich_cleaner(
    {**_RICH_ATTRIBUTES, "*": _RICH_ATTRIBUTES["*"] | {"class", "id", "aria-label"}},
    generic_attribute_prefixes=set(_TRANSCRIPT_DATA),
)
_APPLE = nh3.Cleaner(
    tags={"p", "ol", "ul", "li", "a"},
    clean_content_tags=set(_DROPPED_WITH_CONTENT),
    attributes={"a": {"href"}},
    url_schemes=set(LINK_SCHEMES),
    link_rel=None,
)
_TRANSCRIPT = nh3.Cleaner(
    tags=set(_TRANSCRIPT_TAGS),
    clean_content_tags=set(_DROPPED_WITH_CONTENT),
    attributes=_TRANSCRIPT_ATTRIBUTES,
    generic_attribute_prefixes=set(_TRANSCRIPT_DATA),
    url_schemes=set(),  # relative links only ("#t=…"), without a Python callback per attribute
    link_rel=None,
)


def rich_html(html: str) -> str:
    """Show notes for ``content:encoded`` (policy a)."""
    return _RICH.clean(text(html))


def page_html(html: str) -> str:
    """An episode page's content as the engine rendered it: notes and transcript (policies a + c)."""
    return _PAGE.clean(text(html))


def apple_html(html: str) -> str:
    """Apple's description allow-list: p, ol, ul, li and links (policy b)."""
    return _APPLE.clean(text(html))


def transcript_html(html: str) -> str:
    """The transcript's markup, in the standalone file and on the page (policy c)."""
    return _TRANSCRIPT.clean(text(html))


# Where a page's content starts and ends in the rendered page: our templates put it between these
# (the `content` macro in templates/reset-stories/macros.html), so that a page an engine rendered
# without our plugin (Zensical) can be cleaned after the build, as the plugin cleans it before.
CONTENT_START = "<!--reset-stories:content-->"
CONTENT_END = "<!--/reset-stories:content-->"


def rendered_page(page: str) -> str:
    """A whole rendered page with its content (between the marks) cleaned as :func:`page_html`
    cleans it, and the marks removed. From the first start mark to the last end mark: a mark
    written into the content itself cannot end the cleaned part early."""
    start, end = page.find(CONTENT_START), page.rfind(CONTENT_END)
    if start < 0 or end < start:
        return unmarked(page)
    inner = page[start + len(CONTENT_START):end]
    return page[:start] + page_html(inner) + unmarked(page[end + len(CONTENT_END):])


def unmarked(page: str) -> str:
    """``page`` without the content marks (its content already cleaned, as the plugin does)."""
    return page.replace(CONTENT_START, "").replace(CONTENT_END, "")
