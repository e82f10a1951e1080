"""The linter at scale and on any bytes: linear in the number of items (measured by the work it
does, not by a clock: benchmarks/feed.py has the timings), and a report, never a traceback,
whatever a feed, its chapters or its transcripts hold."""

from __future__ import annotations

import collections
from typing import ClassVar

import pytest
from big_feed import podcast_feed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from reset_stories.feed import lint
from reset_stories.feed.lint import FeedContext, NotPublished, OutsideSite, lint_feed
from reset_stories.problems import Problem


class _Counting(lint._Indexed):
    """The linter's index of an element's children, counting what it reads and what is asked of it."""

    read: ClassVar[int] = 0  # children read, over every index made
    asked: ClassVar[collections.Counter[str]] = collections.Counter()  # lookups, by the indexed element's tag

    def __init__(self, element: etree._Element):
        super().__init__(element)
        _Counting.read += len(element)

    def findtext(self, tag, namespaces=None):
        _Counting.asked[self.element.tag] += 1
        return super().findtext(tag, namespaces)

    def find(self, tag, namespaces=None):
        _Counting.asked[self.element.tag] += 1
        return super().find(tag, namespaces)

    def findall(self, tag, namespaces=None):
        _Counting.asked[self.element.tag] += 1
        return super().findall(tag, namespaces)


def work(monkeypatch, items: int, kind: str) -> tuple[int, int, int]:
    """Children read, lookups in the channel and lookups in the items, to lint ``items`` items."""
    monkeypatch.setattr(lint, "_Indexed", _Counting)
    _Counting.read, _Counting.asked = 0, collections.Counter()
    feed = podcast_feed(items, kind=kind)
    assert lint_feed(feed) == []
    channel = etree.fromstring(feed).find("channel")
    # Each child of the channel and of every item is read once, into its parent's index.
    assert _Counting.read == len(channel) + sum(len(item) for item in channel.iterfind("item"))
    return _Counting.read, _Counting.asked["channel"], _Counting.asked["item"]


@pytest.mark.parametrize("kind", ["episodic", "serial"])
def test_lint_reads_each_element_once_and_looks_up_through_an_index(monkeypatch, kind):
    read_1000, channel_1000, items_1000 = work(monkeypatch, 1000, kind)
    read_2000, channel_2000, items_2000 = work(monkeypatch, 2000, kind)
    assert 1.95 < read_2000 / read_1000 < 2.05
    # What an item asks of the channel (its itunes:type) is a lookup in the channel's index, not a
    # scan of the channel's children (every item): the same few lookups for each item.
    assert (channel_2000 - channel_1000) % 1000 == 0
    assert 1 <= (channel_2000 - channel_1000) // 1000 <= 2
    assert items_2000 == 2 * items_1000


# --- any bytes in, a report out --------------------------------------------------------------------

BASE = podcast_feed(40)
WEIRD = [
    "", " ", "0", "-1", "1.5", "²", "³", "\u0663", "\uff11", "00:07:74", "1:30:00", "yes", "clean", "serial", "Yes", "Z",
    "Thu, 20 Jun 2024 00:00:00 +0200", "Fri, 20 Jun 2024 00:00:00 XYZ", "Mon, 31 Feb 2024 00:00:00 +0000", "2024-06-20",
    "https://x.example/a.jpg?v=1", "cover.jpeg", "javascript:alert(1)", "https://[::1/", "http://[x", "//x", "https://exämple.org/a.mp3",
    "<html onclick=x />", "<html><body></body><body></body></html>", "<p onclick='x'>a</p>", "<script>x</script>", "<!-- x -->",
    "<a href='java&#x09;script:x'>x</a>", "<div><h2>t</h2></div>", "x" * 300, "\ufffd", "\u2028", "&amp;", "]]>",
]
ATTRIBUTES = ["url", "href", "length", "type", "text", "role", "img", "isPermaLink", "rel", "language"]
JUNK = [b"", b"\x00", b"\xff\xfe", b"<", b"]]>", b"&", b"&xx;", b"<!DOCTYPE x [<!ENTITY e 'x'>]>", b"</channel>", b"<item>", b"\xc3"]
CONTENTS = [
    b"", b" ", b"\xff", b"<!-- -->", b"<html></html>", b"<p>\xc2\xb2</p>", b"WEBVTT\n\n00:00.000 --> 00:01.000\nciao\n",
    b"WEBVTT\n\n99:99.999 --> 00:00.000\n", b"1\n00:00:00,000 --> 00:00:01,000\nx\n", b'{"segments": [{"startTime": "x"}]}',
    b'{"segments": 3}', b"null", b"[]", b'{"version": "1.2.0", "chapters": [{"startTime": 1e400}]}',
    b'{"version": "1.2.0", "chapters": [{"startTime": 5}, {"startTime": 0}]}', b'{"chapters": [{}]}', b"\x00" * 8,
]


def _local(url: str, contents: list[bytes]) -> bytes | NotPublished | OutsideSite | None:
    """Something for every URL, chosen by it: bytes that may be anything, or no file."""
    choice = sum(url.encode("utf-8", "surrogatepass")) % (len(contents) + 3)
    if choice < len(contents):
        return contents[choice]
    return (NotPublished(), OutsideSite(), None)[choice - len(contents)]


@st.composite
def broken_feeds(draw: st.DrawFn) -> bytes:
    """The base feed with some elements' texts and attributes made weird or removed, then its bytes
    cut, overwritten or spliced."""
    root = etree.fromstring(BASE)
    elements = list(root.iter())
    for _ in range(draw(st.integers(0, 4))):
        element = elements[draw(st.integers(0, len(elements) - 1))]
        action = draw(st.sampled_from(["text", "attribute", "remove"]))
        if action == "text":
            element.text = draw(st.sampled_from(WEIRD) | st.text(max_size=20).map(lambda t: "".join(c for c in t if c.isprintable())))
        elif action == "attribute":
            element.set(draw(st.sampled_from(ATTRIBUTES)), draw(st.sampled_from(WEIRD)))
        elif element.getparent() is not None:
            element.getparent().remove(element)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["cut", "overwrite", "splice"]))
        if action == "cut":
            data = data[:at]
        elif action == "overwrite":
            junk = draw(st.binary(min_size=1, max_size=8))
            data = data[:at] + junk + data[at + len(junk):]
        else:
            data = data[:at] + draw(st.sampled_from(JUNK) | st.binary(max_size=6)) + data[at:]
    return data


SMALL = podcast_feed(5)
PLACES = sorted({
    etree.QName(element).text
    for element in etree.fromstring(SMALL).iter()
    if element.tag not in ("rss", "channel", "item")
})


@pytest.mark.parametrize("tag", PLACES)
def test_any_value_anywhere_gets_a_report_never_a_traceback(tag):
    """Every weird value as the text and as every attribute of every kind of element, in turn."""
    for value in WEIRD:
        for attribute in (None, *ATTRIBUTES):
            root = etree.fromstring(SMALL)
            for element in root.iter(tag):
                if attribute is None:
                    element.text = value
                else:
                    element.set(attribute, value)
            feed = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            problems = lint_feed(feed, FeedContext(local=lambda url: _local(url, CONTENTS)))
            assert all(isinstance(p, Problem) for p in problems), (tag, attribute, value)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(feed=broken_feeds(), contents=st.lists(st.sampled_from(CONTENTS) | st.binary(max_size=40), min_size=1, max_size=4))
def test_any_feed_gets_a_report_never_a_traceback(feed, contents):
    context = FeedContext(where="feed.xml", local=lambda url: _local(url, contents), sources={"00000000-0000-4000-8000-000000000007": "episodes/7.md"})
    for problems in (lint_feed(feed), lint_feed(feed, context)):
        assert isinstance(problems, list)
        for problem in problems:
            assert isinstance(problem, Problem) and problem.message.strip()


def test_a_description_that_is_a_whole_html_document_is_reported_on_not_a_crash():
    root = etree.fromstring(BASE)
    root.find("channel/item/description").text = "<html onclick=x />"
    problems = [str(p) for p in lint_feed(etree.tostring(root))]
    assert any("onclick" in p for p in problems), problems
