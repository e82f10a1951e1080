"""HTML inside a feed: what runs code, what Apple does not show, what no app can resolve, and
markup where only plain text is read.

Podcast apps and the web sites that show feeds render the HTML of ``description``,
``content:encoded`` and ``itunes:summary``. Scripts, event handlers and ``javascript:`` URLs
there run in whatever shows them; Apple shows only a few tags of an episode's description;
a relative link has no page to be relative to once the text is in an app. Elements Apple reads
as plain text (``itunes:subtitle``, ``itunes:author``…) show any tag as literal text.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from lxml import etree
from lxml import html as lxml_html

from reset_stories import sanitize
from reset_stories.lint.checking import Check, Indexed, Level, Rule, name

_APPLE_GUIDE = "Apple, «A Podcaster's Guide to RSS», https://help.apple.com/itc/podcasts_connect/#/itcb54353390"
_W3C_HTML = "W3C Feed Validation Service, src/feedvalidator/validators.py (HTMLValidator, absUrlMixin, nonhtml), https://github.com/w3c/feedvalidator"

RULES: tuple[Rule, ...] = (
    Rule(
        "markup-active", Level.ERROR,
        _W3C_HTML + "; HTML Living Standard, «Scripting», https://html.spec.whatwg.org/multipage/scripting.html",
        "l'HTML contiene {hazards}: codice che un'app o un sito che mostra il feed potrebbe eseguire",
        "togli dall'HTML script, attributi on… (onclick, onload…) e indirizzi javascript:, data: o vbscript:; "
        "per i link usa indirizzi https://",
        "",  # the build passes every HTML through the sanitizer's allow-list (reset_stories.sanitize)
        "più severo del W3C, che lo segnala come avviso (SecurityRisk): qui è un errore perché il codice "
        "arriva a chiunque mostri il feed, e nessuna descrizione ne ha bisogno",
    ),
    Rule(
        "markup-apple-tags", Level.WARNING, _APPLE_GUIDE + " (<description>: p, ol, ul, li, a)",
        "la descrizione contiene tag HTML che Apple Podcasts non mostra ({tags})",
        "nella descrizione usa solo {allowed}; il resto (grassetti, titoli, immagini) può stare in content:encoded",
        "",  # the build's descriptions pass Apple's allow-list (reset_stories.feed.descriptions)
        "il W3C non controlla l'elenco di Apple",
    ),
    Rule(
        "markup-relative-url", Level.WARNING, _W3C_HTML + " (ContainsRelRef)",
        "l'HTML contiene un indirizzo relativo («{url}»): in un'app non c'è una pagina da cui risolverlo",
        "scrivi l'indirizzo completo, con https:// e il nome del sito",
        "nelle note dell'episodio scrivi i link completi (https://…)",
        "come il W3C, che però guarda solo <a href> e <img src> e segnala anche i rimandi #… nella "
        "stessa pagina; qui anche src e href di ogni tag, e i #… non sono segnalati",
    ),
    Rule(
        "markup-html-in-text", Level.WARNING, _W3C_HTML + " (ContainsHTML; image.py and textInput.py: the descriptions of "
        "<image> and <textInput> are nonhtml); " + _APPLE_GUIDE + " («Use plain text»)",
        "contiene HTML («{tag}») dove Apple e le app leggono solo testo: il tag compare così com'è",
        "scrivi solo testo, senza tag HTML",
        "",
        "come il W3C, che guarda solo i tag di chiusura (</b>); qui anche quelli di apertura (<b>, <br/>). "
        "Il W3C avvisa anche per <itunes:summary>, che qui è letto come HTML: Apple vi accetta i link",
    ),
)

# The tags Apple shows in a description (the guide's list), and the build's allow-list too
# (reset_stories.feed.descriptions imports it): kept here so that lint need not import the feed builder.
ALLOWED = frozenset({"p", "ol", "ul", "li", "a"})

# Elements whose text apps render as HTML, and those they read as plain text.
_HTML_TAGS = ("description", "content:encoded", "itunes:summary")
_TEXT_TAGS_CHANNEL = ("itunes:subtitle", "itunes:author", "itunes:keywords", "itunes:title")
_TEXT_TAGS_ITEM = ("itunes:subtitle", "itunes:author", "itunes:keywords", "itunes:title")

# Markup that runs code in a reader that shows a feed's HTML.
_ACTIVE_ELEMENTS = frozenset({"script", "iframe", "frame", "object", "embed", "applet"})
_URL_ATTRIBUTES = frozenset({
    "href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster", "background",
    "cite", "longdesc", "lowsrc", "dynsrc", "ping", "codebase", "manifest", "icon", "usemap",
})
_ACTIVE_SCHEMES = frozenset({"javascript", "data", "vbscript"})
_NESTED_MARKUP_DEPTH = 4  # markup written inside attribute values, looked into this deep
# HTML as feed writers make it (known tags in lower case, quoted attributes that are no event
# handler, http(s) links, no comment or character reference in a tag) cannot hold active markup,
# so the tokenizer (slow, pure Python) need not read it; anything else is read in full. A
# shortcut, not a rule: either way the answer is the same.
_PLAIN_TAGS = (
    "p|a|ul|ol|li|strong|em|b|i|u|s|br|hr|h[1-6]|blockquote|code|pre|span|div|sup|sub|small|figure|"
    "figcaption|table|thead|tbody|tfoot|tr|td|th|caption|dl|dt|dd|abbr|cite|q|mark|del|ins|img|"
    "section|article|header|footer|aside|time|big|tt|kbd|samp|var|wbr|center|font"
)
_PLAIN_URL_ATTRIBUTES = "href|src"
# Any other attribute that is neither an event handler (on…) nor one that holds a URL.
_PLAIN_NAME = r"(?!on)(?!(?:{})=)[a-z][a-z0-9-]*".format("|".join(sorted({
    "href", "src", "srcset", "action", "formaction", "data", "poster", "background", "cite", "longdesc",
    "lowsrc", "dynsrc", "ping", "codebase", "manifest", "icon", "usemap",
})))
_PLAIN_VALUE = r"""(?:"(?:[^"<&]|&amp;)*+"|'(?:[^'<&]|&amp;)*+')"""
_PLAIN_LINK = r"""(?:"https?://(?:[^"<&\s]|&amp;)*+"|'https?://(?:[^'<&\s]|&amp;)*+')"""
_PLAIN_HTML = re.compile(
    rf"(?:[^<]++|</(?:{_PLAIN_TAGS})>"
    rf"|<(?:{_PLAIN_TAGS})(?:[ \t\n\r\f]+(?:{_PLAIN_NAME}={_PLAIN_VALUE}|(?:{_PLAIN_URL_ATTRIBUTES})={_PLAIN_LINK}))*"
    r"[ \t\n\r\f]*/?>)*+"
)
_PLAIN_START_TAG = re.compile(r"<([a-z][a-z0-9]*)")
# What any active markup needs somewhere in the text, as the tokenizer reads it: an active
# element's tag, an attribute named on… (attribute names follow a space, a slash or a quote), or
# an active scheme once tabs and newlines are gone (a browser ignores them in a URL). Character
# references are decoded as many times as markup nested in attribute values is looked into, so
# that text without any of these holds no active markup, however it is written. Looked for in
# the text in lower case (Unicode lower-casing turns no other character into these ASCII ones).
_ACTIVE_TAGS = tuple(f"<{tag}" for tag in sorted(_ACTIVE_ELEMENTS))
_ACTIVE_URLS = tuple(f"{scheme}:" for scheme in sorted(_ACTIVE_SCHEMES))
_HANDLER_HINT = re.compile(r"[\s'\"/]on")
_URL_IGNORED = re.compile(r"[\t\n\r]")
# A URL in an href or src attribute, quoted either way or not at all.
_LINK = re.compile(r"""<[a-zA-Z][^<>]*?\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_HAS_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# A tag of HTML written where only text is read: the common tags, opening or closing.
_TEXT_MARKUP = re.compile(
    r"</?(a|b|i|u|s|p|br|hr|em|strong|span|div|img|ul|ol|li|h[1-6]|font|small|sup|sub|blockquote|code|pre|table|tr|td|script|iframe)\b[^<>]*>",
    re.IGNORECASE,
)


class Checks:
    def __init__(self, check: Check) -> None:
        self.check = check

    def channel(self, channel: Indexed) -> None:
        self.check_html(channel)
        self.check_text(channel, _TEXT_TAGS_CHANNEL)
        owner = channel.find("itunes:owner")
        if owner is not None:
            self.check_text(Indexed(owner), ("itunes:name",))
        # RSS 2.0's <image> and <textInput> descriptions are plain text (a link's tooltip, a
        # label): W3C reads them as it reads titles (nonhtml).
        for tag in ("image", "textInput"):
            holder = channel.find(tag)
            if holder is not None:
                self.check_text(Indexed(holder), ("description",))

    def item(self, item: Indexed, channel: Indexed) -> None:
        self.check_html(item)
        self.check_text(item, _TEXT_TAGS_ITEM)

    def end(self, channel: Indexed) -> None:
        pass

    def check_html(self, parent: Indexed) -> None:
        """Active markup and relative URLs in every HTML element; Apple's tags in the description."""
        for tag in _HTML_TAGS:
            element = parent.find(tag)
            if element is None or not element.text:
                continue
            text = element.text
            hazards = active_markup(text)
            if hazards:
                self.check.report("markup-active", element, hazards=", ".join(hazards))
            relative = relative_url(text)
            if relative is not None:
                self.check.report("markup-relative-url", element, url=relative)
            if tag == "description":
                extra = apple_hidden_tags(text)
                if extra:
                    self.check.report("markup-apple-tags", element, tags=", ".join(extra), allowed=", ".join(sorted(ALLOWED)))

    def check_text(self, parent: Indexed, tags: tuple[str, ...]) -> None:
        """HTML in elements read as plain text."""
        for tag in tags:
            element = parent.find(tag)
            if element is None or not element.text or "<" not in element.text:
                continue
            found = _TEXT_MARKUP.search(element.text)
            if found:
                self.check.report("markup-html-in-text", element, name(element), tag=found.group(0)[:40])


def apple_hidden_tags(description: str) -> list[str]:
    """The tags of ``description`` Apple does not show, sorted, each once."""
    if "<" not in description:
        return []
    if _PLAIN_HTML.fullmatch(description):
        # Every tag is a known one, written plainly: the parser would find these and no other.
        return sorted(set(_PLAIN_START_TAG.findall(description)) - ALLOWED)
    try:
        fragments = lxml_html.fragments_fromstring(description)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, AssertionError):  # lxml asserts one <body> in a whole document
        return []
    tags = {e.tag for f in fragments if not isinstance(f, str) for e in f.iter() if isinstance(e.tag, str)}
    return sorted(tags - ALLOWED)


def relative_url(text: str) -> str | None:
    """The first relative URL of an href or src attribute in ``text``, or None. A link within
    the same page (``#…``) is not reported: it points at nothing, but breaks nothing either."""
    if "=" not in text:
        return None
    for match in _LINK.finditer(text):
        url = html.unescape(match.group(1) or match.group(2) or match.group(3) or "").strip()
        if url and not url.startswith("#") and not _HAS_SCHEME.match(url):
            return url[:200]
    return None


def active_markup(html: str, depth: int = 0) -> list[str]:
    """What in ``html`` would run code in a reader, in Italian, each once, in document order.

    Read as a browser's tokenizer reads it (the standard library's, which decodes character
    references as HTML5 does): every tag counts wherever it stands, scheme spellings such as
    ``JaVaScRiPt:``, ``java&#x09;script:`` or `` javascript:`` are seen through, and markup
    written inside attribute values (which some parsers let out) is looked into too.
    """
    if "<" not in html or not _may_run(html) or _PLAIN_HTML.fullmatch(html):
        return []
    scanner = _ActiveMarkup(depth)
    scanner.feed(html)
    scanner.close()
    return scanner.found


def _may_run(text: str) -> bool:
    """``text`` has what active markup needs (see ``_ACTIVE_TAGS``): False means it has none."""
    for _ in range(_NESTED_MARKUP_DEPTH + 2):
        lower = text.lower()
        if any(tag in lower for tag in _ACTIVE_TAGS) or _HANDLER_HINT.search(lower):
            return True
        if ":" in lower:
            joined = _URL_IGNORED.sub("", lower) if _URL_IGNORED.search(lower) else lower
            if any(url in joined for url in _ACTIVE_URLS):
                return True
        if "&" not in text:
            return False
        decoded = html.unescape(text)
        if decoded == text:
            return False
        text = decoded
    return True


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
        for attribute, value in attrs:
            if attribute.startswith("on"):
                self.note(f"l'attributo {attribute} (su <{tag}>)")
            elif value and attribute in _URL_ATTRIBUTES:
                urls = value.split(",") if attribute in ("srcset", "ping") else [value]
                for url_scheme in sorted(_ACTIVE_SCHEMES & {sanitize.scheme(url) for url in urls}):
                    self.note(f"un indirizzo {url_scheme}: (nell'attributo {attribute} di <{tag}>)")
            if value and "<" in value and self.depth < _NESTED_MARKUP_DEPTH:
                for hazard in active_markup(value, self.depth + 1):
                    self.note(hazard)

    handle_startendtag = handle_starttag
