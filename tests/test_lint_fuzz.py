"""Any bytes in, a report out: the validator never raises, whatever a feed, its chapters or its
transcripts hold, and the report renders every finding (text, JSON, the build's problems).

Feeds are generated (hypothesis) from random bytes and from valid feeds mutated: elements dropped,
duplicated or nested deep, texts and attributes replaced by odd Unicode, digits of other scripts,
huge values, markup; then their bytes cut, overwritten or spliced. The files behind the feed's URLs
are random too."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from big_feed import podcast_feed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from reset_stories.lint import Files, NotPublished, Origin, OutsideSite, find, lint_feed, report
from reset_stories.lint.checking import Finding
from reset_stories.lint.rules import RULES
from reset_stories.problems import Problem

EXAMPLES = Path(__file__).parent / "lint_examples"
BASE = podcast_feed(12)
# Feeds as real hosts write them (the rules' examples that are feed files): more shapes to mutate.
SEEDS = [BASE, *(p.read_bytes() for p in sorted([*EXAMPLES.glob("*/good*.xml"), *EXAMPLES.glob("*/good*/feed.xml")])[:30])]
WEIRD = [
    "", " ", "\t\n", "0", "-1", "1.5", "1e9", "²", "³", "¹²", "\u0663", "\u06f3", "\uff11", "\u0967", "\U0001d7d9", "\u2167",
    "00:07:74", "1:30:00", "99:99:99", "yes", "no", "clean", "serial", "Yes", "true", "Z", "GMT", "CET",
    "Thu, 20 Jun 2024 00:00:00 +0200", "Fri, 20 Jun 2024 00:00:00 XYZ", "Mon, 31 Feb 2024 00:00:00 +0000", "2024-06-20",
    "https://x.example/a.jpg?v=1", "cover.jpeg", "javascript:alert(1)", "https://[::1/", "http://[x", "//x", "https://exämple.org/a.mp3",
    "<html onclick=x />", "<p onclick='x'>a</p>", "<script>x</script>", "<!-- x -->", "<a href='java&#x09;script:x'>x</a>",
    "x" * 300, "é" * 5000, "\ufffd", "\u2028", "\u200b", "\u202e", "&amp;", "]]>", "%", "{}", "{0}", "{url}", "{{", "}",
    "00000000-0000-4000-8000-000000000000", "text/vtt", "application/json", "text/html", "audio/mpeg", "audio/mp3",
]
ATTRIBUTES = ["url", "href", "length", "type", "text", "role", "img", "isPermaLink", "rel", "language", "version", "geo", "osm"]
JUNK = [b"", b"\x00", b"\xff\xfe", b"<", b"]]>", b"&", b"&xx;", b"<!DOCTYPE x [<!ENTITY e 'x'>]>", b"</channel>", b"<item>", b"\xc3",
        b"<![CDATA[", b"<?xml version='1.0'?>", b'<x xmlns:p="urn:p"><p:y/></x>']
CONTENTS = [
    b"", b" ", b"\xff", b"<!-- -->", b"<html></html>", b"<p>\xc2\xb2</p>", b"WEBVTT\n\n00:00.000 --> 00:01.000\nciao\n",
    b"WEBVTT\n\n99:99.999 --> 00:00.000\n", b"1\n00:00:00,000 --> 00:00:01,000\nx\n", b'{"segments": [{"startTime": "x"}]}',
    b'{"segments": 3}', b"null", b"[]", b'{"version": "1.2.0", "chapters": [{"startTime": 1e400}]}', b'{"segments": [{"startTime": true, "body": "x"}]}',
    b'{"version": "1.2.0", "chapters": [{"startTime": 5}, {"startTime": 0}]}', b'{"chapters": [{}]}', b"\x00" * 8, b"[" * 100_000,
]


def local_for(contents: list[bytes]):
    """Something for every URL, chosen by it: bytes that may be anything, no file, or a path out of the site."""
    def local(url: str) -> bytes | NotPublished | OutsideSite | None:
        choice = sum(url.encode("utf-8", "surrogatepass")) % (len(contents) + 3)
        if choice < len(contents):
            return contents[choice]
        return (NotPublished(), OutsideSite(), None)[choice - len(contents)]
    return local


@st.composite
def mutated_feeds(draw: st.DrawFn) -> bytes:
    """A valid feed with elements dropped, duplicated or nested, values made odd; then its bytes cut,
    overwritten or spliced."""
    root = etree.fromstring(draw(st.sampled_from(SEEDS)), etree.XMLParser(resolve_entities=False))
    elements = list(root.iter())
    odd = st.sampled_from(WEIRD) | st.text(max_size=20).map(lambda t: "".join(c for c in t if c.isprintable()))
    for _ in range(draw(st.integers(0, 6))):
        element = elements[draw(st.integers(0, len(elements) - 1))]
        parent = element.getparent()
        action = draw(st.sampled_from(["text", "attribute", "remove", "duplicate", "nest", "huge"]))
        if not isinstance(element.tag, str):
            continue
        if action == "text":
            element.text = draw(odd)
        elif action == "attribute":
            element.set(draw(st.sampled_from(ATTRIBUTES)), draw(odd))
        elif action == "huge":
            element.text = draw(st.sampled_from(["9" * 5000, "x" * 200_000, "<p>" * 20_000, "²" * 1000]))
        elif parent is None:
            continue
        elif action == "remove":
            parent.remove(element)
        elif action == "duplicate":
            for _ in range(draw(st.integers(1, 3))):
                parent.append(copy.deepcopy(element))
        else:  # nest: the element inside itself, deep
            inner = element
            for _ in range(draw(st.sampled_from([2, 50, 300]))):
                inner = etree.SubElement(inner, element.tag, dict(element.attrib))
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


def assert_reported(findings: list[Finding], origins: list[Origin]) -> None:
    """Every finding names a known rule, and every report of them renders."""
    assert all(isinstance(f, Finding) and f.rule in RULES for f in findings)
    for origin in origins:
        lines = report.lines(findings, RULES, origin)
        text = report.text(lines, origin)
        assert len(text.splitlines()) == len(lines)
        assert all(line.message.strip() and line.fix.strip() for line in lines)
        assert json.loads(report.as_json(lines, origin))["errors"] == report.counts(lines)[0]
        assert all(isinstance(p, Problem) and p.message.strip() for p in report.problems(lines, origin))
        report.summary(lines, "x")


ORIGINS = [Origin(), Origin(feed="feed.xml", ours=True, sources={"00000000-0000-4000-8000-000000000007": "episodes/7.md"})]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(feed=mutated_feeds(), contents=st.lists(st.sampled_from(CONTENTS) | st.binary(max_size=40), min_size=1, max_size=4))
def test_a_mutated_feed_gets_a_report_never_a_traceback(feed, contents):
    for files in (None, Files(local_for(contents))):
        assert_reported(find(feed, files=files), ORIGINS)
        assert_reported(find(feed, ours=True, files=files), ORIGINS)


@FUZZ
@given(feed=st.binary(max_size=400) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_random_bytes_get_a_report_never_a_traceback(feed):
    assert_reported(find(feed), ORIGINS)


SMALL = podcast_feed(3)
PLACES = sorted({etree.QName(element).text for element in etree.fromstring(SMALL).iter() if element.tag not in ("rss", "channel")})


@pytest.mark.parametrize("tag", PLACES)
def test_any_value_anywhere_gets_a_report_never_a_traceback(tag):
    """Every odd value as the text and as every attribute of every kind of element, in turn."""
    local = local_for(CONTENTS)
    for value in WEIRD:
        for attribute in (None, *ATTRIBUTES):
            root = etree.fromstring(SMALL)
            for element in root.iter(tag):
                if attribute is None:
                    element.text = value
                else:
                    element.set(attribute, value)
            feed = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            assert_reported(find(feed, files=Files(local)), ORIGINS[:1])


def test_nesting_deeper_than_the_parser_allows_is_a_finding():
    deep = b"<rss><channel><item>" + b"<x>" * 100_000 + b"</x>" * 100_000 + b"</item></channel></rss>"
    findings = lint_feed(deep).findings
    assert [f.rule for f in findings] == ["rss-xml-well-formed"]
