"""(to be written by the "apple" helper: see issue 16). In the core's branch only: the old
linter's ``active_markup``, moved here unchanged so that its tests keep running; the lead takes
the apple helper's file."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from reset_stories import sanitize
from reset_stories.lint.checking import Check, Indexed, Rule

# Markup that runs code in a reader that shows a feed's HTML.
_ACTIVE_ELEMENTS = frozenset({"script", "iframe", "frame", "object", "embed", "applet"})
_URL_ATTRIBUTES = frozenset({
    "href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster", "background",
    "cite", "longdesc", "lowsrc", "dynsrc", "ping", "codebase", "manifest", "icon", "usemap",
})
_ACTIVE_SCHEMES = frozenset({"javascript", "data", "vbscript"})
_NESTED_MARKUP_DEPTH = 4  # markup written inside attribute values, looked into this deep
# HTML as feed writers make it (known tags in lower case, a few quoted attributes, http(s) links,
# no comment or character reference in a tag) cannot hold active markup, so the tokenizer (slow,
# pure Python) need not read it; anything else is read in full. A shortcut, not a rule: either
# way the answer is the same.
_PLAIN_TAGS = (
    "p|a|ul|ol|li|strong|em|b|i|u|s|br|hr|h[1-6]|blockquote|code|pre|span|div|sup|sub|small|figure|"
    "figcaption|table|thead|tbody|tfoot|tr|td|th|caption|dl|dt|dd|abbr|cite|q|mark|del|ins"
)
_PLAIN_VALUE = r'"(?:[^"<&]|&amp;)*+"'
_PLAIN_LINK = r'"https?://(?:[^"<&\s]|&amp;)*+"'
_PLAIN_HTML = re.compile(
    rf"(?:[^<]++|</(?:{_PLAIN_TAGS})>"
    rf"|<(?:{_PLAIN_TAGS})(?:[ \t\n\r\f]+(?:(?:rel|target|title|class|id|lang|dir|alt|width|height|start)={_PLAIN_VALUE}|href={_PLAIN_LINK}))*"
    r"[ \t\n\r\f]*/?>)*+"
)
_PLAIN_START_TAG = re.compile(r"<([a-z][a-z0-9]*)")

RULES: tuple[Rule, ...] = ()


class Checks:
    def __init__(self, check: Check) -> None:
        self.check = check

    def channel(self, channel: Indexed) -> None:
        pass

    def item(self, item: Indexed, channel: Indexed) -> None:
        pass

    def end(self, channel: Indexed) -> None:
        pass


def active_markup(html: str, depth: int = 0) -> list[str]:
    """What in ``html`` would run code in a reader, in Italian, each once, in document order.

    Read as a browser's tokenizer reads it (the standard library's, which decodes character
    references as HTML5 does): every tag counts wherever it stands, scheme spellings such as
    ``JaVaScRiPt:``, ``java&#x09;script:`` or `` javascript:`` are seen through, and markup
    written inside attribute values (which some parsers let out) is looked into too.
    """
    if "<" not in html or _PLAIN_HTML.fullmatch(html):
        return []
    scanner = _ActiveMarkup(depth)
    scanner.feed(html)
    scanner.close()
    return scanner.found


class _ActiveMarkup(HTMLParser):
    def __init__(self, depth: int):
        super().__init__(convert_charrefs=True)
        self.depth = depth
        self.found: list[str] = []

    def note(self, hazard: str) -> None:
        if hazard not in self.found:
            self.found.append(hazard)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _ACTIVE_ELEMENTS:
            self.note(f"un elemento <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.note(f"l'attributo {name} (su <{tag}>)")
            elif value and name in _URL_ATTRIBUTES:
                urls = value.split(",") if name in ("srcset", "ping") else [value]
                for url_scheme in sorted(_ACTIVE_SCHEMES & {sanitize.scheme(url) for url in urls}):
                    self.note(f"un indirizzo {url_scheme}: (nell'attributo {name} di <{tag}>)")
            if value and "<" in value and self.depth < _NESTED_MARKUP_DEPTH:
                for hazard in active_markup(value, self.depth + 1):
                    self.note(hazard)

    handle_startendtag = handle_starttag
