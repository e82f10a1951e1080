"""``lint``: any podcast feed checked against every rule an app or a directory enforces.

The rules are RSS 2.0's (at least what the W3C Feed Validation Service checks), Apple Podcasts'
and the Podcasting 2.0 namespace's, each with an identifier, a level and its source
(:mod:`reset_stories.lint.rules`). :func:`find` walks a feed once and returns its findings;
the report words them (``report.py``). Any bytes in, findings out: never an exception, and time
in proportion to the feed's size.
"""

from __future__ import annotations

import io

from lxml import etree

from reset_stories.lint import itunes, markup, podcasting, rss
from reset_stories.lint.checking import Check, Finding, Indexed
from reset_stories.lint.rules import RULES

# The modules whose Checks walk the feed, in the order their findings are listed.
MODULES = (rss, itunes, markup, podcasting)


def find(feed: bytes, *, ours: bool = False) -> list[Finding]:
    """Every finding in ``feed`` (a document's bytes), in document order within each module."""
    check = Check(RULES, ours=ours)
    try:
        root = parse(feed)
    except etree.XMLSyntaxError as error:
        check.report("rss-xml-well-formed", None, "", line=error.lineno or "?", detail=error.msg or "")
        return check.findings
    return walk(root, check)


def parse(feed: bytes) -> etree._Element:
    """The feed's root element; no entity is expanded, nothing is fetched."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.parse(io.BytesIO(feed), parser).getroot()


def walk(root: etree._Element, check: Check) -> list[Finding]:
    """The findings of the feed whose root element is ``root``: each module's checks called on
    the channel, on every item in order, then at the end."""
    element = root.find("channel")
    if root.tag != "rss" or element is None:
        check.report("rss-root", root, root.tag if isinstance(root.tag, str) else "")
        return check.findings
    checks = [module.Checks(check) for module in MODULES]
    channel = Indexed(element)
    for each in checks:
        each.channel(channel)
    for child in channel.findall("item"):
        item = Indexed(child)
        check.at_item((item.findtext("guid") or "").strip() or None)
        for each in checks:
            each.item(item, channel)
    check.at_item(None)
    for each in checks:
        each.end(channel)
    return check.findings
