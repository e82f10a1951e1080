"""The validator's vocabulary: rules, findings, and the one call a check reports through.

A *rule* is one thing an app, a directory or a spec requires of a feed, with a stable identifier,
a level and its source; every rule lives in the ``RULES`` tuple of the module that checks it
(``rss.py``, ``itunes.py``, ``podcasting.py``, ``markup.py``, ``attached.py``, ``remote.py``), and
:mod:`reset_stories.lint.rules` gathers them into one table (the README's list is generated from
it). A *finding* is one place where a rule is broken. Checks never word messages themselves:
they report the rule, the element and the values its message needs; the report (``report.py``)
words it for whoever reads it: the neutral wording for anyone's feed, the staff wording (the
setting or front-matter field to change) for a feed reset-stories built.

A check module provides, besides ``RULES``, a class named ``Checks`` built once per feed with
the :class:`Check` it reports through, and called as the driver walks the feed once, in
document order::

    class Checks:
        def __init__(self, check: Check) -> None: ...
        def channel(self, channel: Indexed) -> None: ...           # the <channel>, before its items
        def item(self, item: Indexed, channel: Indexed) -> None: ...  # each <item>, in order
        def end(self, channel: Indexed) -> None: ...                # after the last item (uniqueness…)

Each method must cost time in proportion to what it reads (the whole check is linear: 10,000
items in well under 2 s), must never raise on any input (a value that cannot be read is a finding,
not an exception), and must not fetch anything (``remote.py`` alone does, when asked).
``attached.Checks`` alone takes a second argument, the local files that stand for the feed's URLs
(``attached.Files``): the driver gives it.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import SplitResult, urlsplit

from lxml import etree

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
# The URIs the Podcasting 2.0 namespace was published under before the canonical one: apps that
# know only the canonical URI see no podcast: tag under them. Read as the canonical namespace,
# so that every podcast: rule still applies, and reported (rule in podcasting.py).
PODCAST_LEGACY_NS = frozenset({
    "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md",
    "http://podcastindex.org/namespace/1.0",
})
NS = {
    "itunes": ITUNES_NS,
    "podcast": PODCAST_NS,
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "googleplay": "http://www.google.com/schemas/play-podcasts/1.0",
    "media": "http://search.yahoo.com/mrss/",
    "dc": "http://purl.org/dc/elements/1.1/",
}


class Level(enum.Enum):
    """An error: an app or a directory rejects the feed or mis-reads it. A warning: a
    recommendation (Apple's, a spec's "should"), or something apps read differently."""

    ERROR = "errore"
    WARNING = "avviso"


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule. Texts are Italian; ``problem``, ``fix`` and ``fix_ours`` are ``str.format``
    templates over the values a finding carries (every placeholder must be given by every report
    of the rule).

    - ``id``: stable, lower-case words joined by ``-``, prefixed by the module's family
      (``rss-``, ``itunes-``, ``podcast-``, ``markup-``, ``remote-``): what a user looks up.
    - ``source``: where the rule comes from, a spec's section or Apple's page, with its URL.
    - ``problem``: what is wrong, without where (the report says where).
    - ``fix``: how to fix it in the feed itself: neutral, for anyone's feed.
    - ``fix_ours``: how staff fix it in a reset-stories project (the setting in mkdocs.yml or
      the front-matter field); empty when the neutral fix says it already, or when our build
      cannot produce the problem.
    - ``w3c``: where this rule is deliberately stricter or looser than the W3C Feed Validation
      Service, and why; empty when W3C checks the same or has no such check.
    """

    id: str
    level: Level
    source: str
    problem: str
    fix: str
    fix_ours: str = ""
    w3c: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """Where one rule is broken: ``line`` in the feed (lxml's ``sourceline``), ``element`` as
    written there (``channel/itunes:image``, ``item/guid``, ``item/enclosure@length``), ``item``
    the item's guid (None for the channel) and the values the rule's texts need."""

    rule: str
    line: int | None
    element: str
    item: str | None
    values: tuple[tuple[str, str], ...]

    @property
    def arguments(self) -> dict[str, str]:
        return dict(self.values)


class Check:
    """What a check module reports through (see the module's docstring), for one feed."""

    def __init__(self, rules: Mapping[str, Rule], *, ours: bool = False, now: datetime | None = None):
        self.rules = rules
        # The feed is one reset-stories built: reports word fixes for staff (Rule.fix_ours).
        self.ours = ours
        # The moment a date is judged against (a pubDate in the future): given by the caller (the
        # build's "now", the command's clock); None when it gave none.
        self.now = now
        self.findings: list[Finding] = []
        self._item: str | None = None

    def at_item(self, guid: str | None) -> None:
        """The driver says which item the following findings belong to (None: the channel)."""
        self._item = guid

    def report(self, rule: str, element: etree._Element | Indexed | None, where: str = "", /, **values: object) -> None:
        """Rule ``rule`` is broken at ``element`` (``where`` names it when the element is absent
        or the problem is in an attribute: ``item/enclosure@length``, ``channel/itunes:image``);
        ``values`` fill the rule's texts (converted with ``str``)."""
        assert rule in self.rules, f"unknown rule {rule}"
        node = element.element if isinstance(element, Indexed) else element
        line = node.sourceline if node is not None else None
        self.findings.append(Finding(
            rule, line if isinstance(line, int) else None, where or (name(node) if node is not None else ""),
            self._item, tuple((key, str(value)) for key, value in values.items()),
        ))


class Indexed:
    """An element's children by tag, read once: ``find``, ``findtext`` and ``findall`` of a
    child's tag (``"guid"``, ``"itunes:image"``) answer as lxml's do without scanning the
    children again, so a lookup in the channel (which holds every item) costs the same at ten
    items as at ten thousand. Children in a legacy Podcasting 2.0 namespace are filed under the
    canonical one."""

    def __init__(self, element: etree._Element):
        self.element = element
        self.children: dict[str, list[etree._Element]] = {}
        for child in element:
            if isinstance(child.tag, str):  # not a comment, processing instruction or entity
                self.children.setdefault(canonical(child.tag), []).append(child)

    def findall(self, tag: str) -> list[etree._Element]:
        return self.children.get(clark(tag), [])

    def find(self, tag: str) -> etree._Element | None:
        found = self.children.get(clark(tag))
        return found[0] if found else None

    def findtext(self, tag: str) -> str | None:
        found = self.children.get(clark(tag))
        return (found[0].text or "") if found else None


@functools.cache
def clark(tag: str) -> str:
    """``itunes:image`` as lxml names it, ``{http://www.itunes.com/dtds/podcast-1.0.dtd}image``."""
    prefix, _, local = tag.rpartition(":")
    assert "/" not in tag and "[" not in tag, f"a child's tag, not a path: {tag}"
    return f"{{{NS[prefix]}}}{local}" if prefix else local


@functools.cache
def canonical(tag: str) -> str:
    """A tag in a legacy Podcasting 2.0 namespace, in the canonical one; any other as it is."""
    if tag.startswith("{"):
        uri, _, local = tag[1:].partition("}")
        if uri in PODCAST_LEGACY_NS:
            return f"{{{PODCAST_NS}}}{local}"
    return tag


_PREFIXES = {uri: prefix for prefix, uri in NS.items()} | dict.fromkeys(PODCAST_LEGACY_NS, "podcast")


def name(element: etree._Element) -> str:
    """``element`` as a reader finds it in the feed: ``item/itunes:image``, ``channel/title``."""
    parts = []
    node: etree._Element | None = element
    while node is not None and node.tag != "rss":
        tag = node.tag if isinstance(node.tag, str) else "?"
        if tag.startswith("{"):
            uri, _, local = tag[1:].partition("}")
            tag = f"{_PREFIXES.get(uri, node.prefix or '?')}:{local}"
        parts.append(tag)
        if tag == "item":
            break
        node = node.getparent()
    return "/".join(reversed(parts))


def split_url(url: str) -> SplitResult:
    """``url``'s parts; one urlsplit refuses (a bracket left open in its host) has none: a check
    never raises on a URL."""
    try:
        return urlsplit(url)
    except ValueError:
        return SplitResult("", "", "", "", "")
