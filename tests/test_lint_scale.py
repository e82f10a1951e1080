"""The validator at scale: linear in the number of items, measured by the work it does (children
read, lookups, function calls), not by a clock: benchmarks/feed.py has the timings (10,000 items,
every rule module and the report together, in well under 2 s)."""

from __future__ import annotations

import collections
import sys
from typing import ClassVar

import pytest
from big_feed import podcast_feed
from lxml import etree

import reset_stories.lint as linting
from reset_stories.lint import Files, Origin, lint_feed
from reset_stories.lint.checking import Indexed, Level
from reset_stories.lint.rules import RULES


class _Counting(Indexed):
    """The driver's index of an element's children, counting what it reads and what is asked of it."""

    read: ClassVar[int] = 0  # children read, over every index made
    asked: ClassVar[collections.Counter[str]] = collections.Counter()  # lookups, by the indexed element's tag

    def __init__(self, element: etree._Element):
        super().__init__(element)
        _Counting.read += len(element)

    def findtext(self, tag):
        _Counting.asked[self.element.tag] += 1
        return super().findtext(tag)

    def find(self, tag):
        _Counting.asked[self.element.tag] += 1
        return super().find(tag)

    def findall(self, tag):
        _Counting.asked[self.element.tag] += 1
        return super().findall(tag)


def _every_file(url: str) -> bytes:
    """Some bytes behind every URL, so that the attached checks do their work too."""
    return b'{"version": "1.2.0", "chapters": [{"startTime": 0}]}' if url.endswith(".json") else b"WEBVTT\n\n00:00.000 --> 00:01.000\nx\n"


def work(monkeypatch, items: int, kind: str) -> tuple[int, int, int, int]:
    """Children read, lookups in the channel, lookups in the items and function calls (Python and
    C), to lint ``items`` items and group the findings into the report's lines."""
    monkeypatch.setattr(linting, "Indexed", _Counting)
    _Counting.read, _Counting.asked = 0, collections.Counter()
    feed = podcast_feed(items, kind=kind)
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        linted = lint_feed(feed, Origin(), Files(_every_file))
        linted.lines()
    finally:
        sys.setprofile(None)
    assert [f for f in linted.findings if RULES[f.rule].level is Level.ERROR] == []
    channel = etree.fromstring(feed).find("channel")
    # Each child of the channel and of every item is read once, into its parent's index.
    assert _Counting.read == len(channel) + sum(len(item) for item in channel.iterfind("item"))
    return _Counting.read, _Counting.asked["channel"], _Counting.asked["item"], calls


@pytest.mark.parametrize("kind", ["episodic", "serial"])
def test_lint_reads_each_element_once_and_looks_up_through_an_index(monkeypatch, kind):
    read_1000, channel_1000, items_1000, calls_1000 = work(monkeypatch, 1000, kind)
    read_2000, channel_2000, items_2000, calls_2000 = work(monkeypatch, 2000, kind)
    read_3000, channel_3000, items_3000, calls_3000 = work(monkeypatch, 3000, kind)
    assert 1.95 < read_2000 / read_1000 < 2.05 and 2.9 < read_3000 / read_1000 < 3.1
    # What an item asks of the channel is a lookup in the channel's index, not a scan of the
    # channel's children (every item): the same few lookups for each item, however many items.
    assert channel_3000 - channel_2000 == channel_2000 - channel_1000
    assert (channel_2000 - channel_1000) % 1000 == 0
    assert items_2000 == 2 * items_1000 and items_3000 == 3 * items_1000
    # Every function called (the report's grouping included) grows with the items, not faster:
    # the 1,000 more items cost the same number of calls each time, give or take 2 %.
    step_1, step_2 = calls_2000 - calls_1000, calls_3000 - calls_2000
    assert abs(step_2 - step_1) <= 0.02 * step_1, (calls_1000, calls_2000, calls_3000)
