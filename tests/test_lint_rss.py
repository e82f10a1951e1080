"""The RSS 2.0 rules (reset_stories/lint/rss.py) and RFC 822 dates (reset_stories/lint/dates.py).

Every rule has feeds in tests/lint_examples/<rule>/ shaped like real hosts' (WordPress with
PowerPress, Libsyn, Buzzsprout, Podbean, Squarespace, Anchor): each bad*.xml must break the rule,
each good*.xml (the nearest valid variant) must not.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from reset_stories.lint import find, parse, rss, walk
from reset_stories.lint.checking import Check
from reset_stories.lint.dates import DateProblem, implausible, parse_rfc822
from reset_stories.lint.rules import RULES

TESTS = Path(__file__).parent
EXAMPLES = TESTS / "lint_examples"
RSS_RULES = [rule.id for rule in rss.RULES]


def rules_in(feed: bytes) -> set[str]:
    """The RSS 2.0 rules ``feed`` breaks (the feeds here are RSS, not all Apple-complete)."""
    return {finding.rule for finding in find(feed) if finding.rule.startswith("rss-")}


def examples(prefix: str) -> list[tuple[str, Path]]:
    return [(rule, path) for rule in RSS_RULES for path in sorted((EXAMPLES / rule).glob(f"{prefix}*.xml"))]


@pytest.mark.parametrize("rule", RSS_RULES)
def test_every_rule_has_a_bad_and_a_good_example(rule: str) -> None:
    folder = EXAMPLES / rule
    assert list(folder.glob("bad*.xml")), f"{rule}: no bad example"
    assert list(folder.glob("good*.xml")), f"{rule}: no good example"


@pytest.mark.parametrize(("rule", "path"), examples("bad"), ids=lambda value: getattr(value, "name", value))
def test_a_bad_example_breaks_its_rule(rule: str, path: Path) -> None:
    assert rule in rules_in(path.read_bytes())


@pytest.mark.parametrize(("rule", "path"), examples("good"), ids=lambda value: getattr(value, "name", value))
def test_a_good_example_keeps_its_rule(rule: str, path: Path) -> None:
    assert rule not in rules_in(path.read_bytes())


def test_every_rule_is_sourced_and_worded() -> None:
    for rule in rss.RULES:
        assert rule.id.startswith("rss-") and RULES[rule.id] is rule
        assert "http" in rule.source, rule.id
        assert rule.problem and rule.fix, rule.id
        assert "«{value}»" not in rule.problem or "{value}" in rule.problem


def test_every_finding_fills_its_rule_s_texts() -> None:
    for _rule, path in examples("bad"):
        for finding in find(path.read_bytes()):
            rule = RULES[finding.rule]
            for text in (rule.problem, rule.fix, rule.fix_ours):
                worded = text.format(**finding.arguments)
                assert "{" not in worded, (path, finding.rule)


@pytest.mark.parametrize("feed", sorted((TESTS / "golden").glob("*-feed.xml")), ids=lambda path: path.name)
def test_our_own_feeds_break_no_rss_rule(feed: Path) -> None:
    assert [f for f in find(feed.read_bytes()) if f.rule.startswith("rss-")] == []


def test_an_anchor_feed_is_only_warned_about_its_channel_author() -> None:
    findings = find((TESTS / "fixtures/feeds/anchor/feed.xml").read_bytes())
    assert [(f.rule, f.element) for f in findings if f.rule.startswith("rss-")] == [("rss-unknown-element", "channel/author")]


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "problem"), [
    ("Thu, 20 Jun 2024 08:00:00 +0200", None),
    ("20 Jun 2024 08:00 +0200", None),  # no weekday, no seconds
    ("Thu, 20 Jun 2024 06:00:00 Z", None),
    ("Thu, 20 Jun 2024 06:00:00 GMT", None),
    ("Thu, 20 Jun 2024 06:00:00 UT", None),
    ("Thu, 20 Jun 2024 02:00:00 EDT", None),
    ("  Thu, 20 Jun 2024 08:00:00 +0200\n", None),
    ("Thu, 20 Jun 24 08:00:00 +0200", DateProblem.OBSOLETE),
    ("Thu, 20 Jun 2024 06:00:00 A", DateProblem.OBSOLETE),
    ("thu, 20 jun 2024 08:00:00 +0200", DateProblem.OBSOLETE),
    ("Thu,  20 Jun 2024 08:00:00 +0200", DateProblem.OBSOLETE),
    ("Thu, 20 Jun 2024 08:00:00 +0200 (CEST)", DateProblem.OBSOLETE),
    ("Thu, 20 Jun 2024 08:00:00", DateProblem.OBSOLETE),
    ("Wed, 20 Jun 2024 08:00:00 +0200", DateProblem.WEEKDAY),
    ("Thu, 20 Jun 2024 08:00:00 CET", DateProblem.ZONE),
    ("Thu, 20 Jun 2024 08:00:00 XYZ", DateProblem.ZONE),
    ("Thu, 20 Jun 2024 08:00:00 J", DateProblem.ZONE),  # RFC 822 has no J
    ("Thu, 20 Jun 2024 08:00:00 +02:00", DateProblem.ZONE),
    ("Thu, 20 Jun 2024 08:00:00 +0260", DateProblem.ZONE),
    ("31 Feb 2024 08:00:00 +0200", DateProblem.IMPOSSIBLE),
    ("29 Feb 2023 08:00:00 +0200", DateProblem.IMPOSSIBLE),
    ("20 Jun 2024 24:00:00 +0200", DateProblem.IMPOSSIBLE),
    ("2024-06-20T08:00:00+02:00", DateProblem.FORMAT),
    ("Gio, 20 Giu 2024 08:00:00 +0200", DateProblem.FORMAT),
    ("Thursday, 20 June 2024 08:00:00 +0200", DateProblem.FORMAT),
    ("Thu, 20 Jun 2024 8:00:00 +0200", DateProblem.FORMAT),
    ("Thu, 20 Jun 024 08:00:00 +0200", DateProblem.FORMAT),
    ("Thu, \uff120 Jun 2024 08:00:00 +0200", DateProblem.FORMAT),  # full-width digit
    ("Thu, 20 Jun ٢٠٢٤ 08:00:00 +0200", DateProblem.FORMAT),  # Arabic-Indic digits
    ("Thu, 20 Jun 2024 08:00:0² +0200", DateProblem.FORMAT),  # superscript digit
    ("", DateProblem.FORMAT),
])
def test_dates_are_read_as_rss_and_w3c_read_them(text: str, problem: DateProblem | None) -> None:
    when, found = parse_rfc822(text)
    assert found is problem
    assert (when is None) == (problem in (DateProblem.FORMAT, DateProblem.ZONE, DateProblem.IMPOSSIBLE))


def test_a_date_keeps_its_zone_and_a_leap_second() -> None:
    assert parse_rfc822("Thu, 20 Jun 2024 02:00:00 EDT")[0] == datetime(2024, 6, 20, 6, tzinfo=UTC)
    assert parse_rfc822("30 Jun 2015 23:59:60 GMT") == (datetime(2015, 6, 30, 23, 59, 59, tzinfo=UTC), None)


def test_huge_or_odd_dates_are_answered_quickly() -> None:
    for text in ("1 Jan " + "9" * 100_000 + " 00:00 GMT", "(" * 50_000 + ")" * 50_000, "Mon, " * 20_000):
        assert parse_rfc822(text)[0] is None


def test_plausible_dates_are_after_1970_and_before_tomorrow() -> None:
    now = datetime(2024, 6, 20, 12, tzinfo=UTC)
    assert implausible(datetime(2024, 6, 21, 11, tzinfo=UTC), now) is None
    assert implausible(datetime(2024, 6, 22, tzinfo=UTC), now) == "future"
    assert implausible(datetime(1969, 12, 31, tzinfo=UTC), now) == "past"


def test_the_driver_may_say_when_now_is() -> None:
    feed = (EXAMPLES / "rss-date-future/good.xml").read_bytes()
    check = Check(RULES)
    check.now = datetime(2020, 1, 1, tzinfo=UTC)  # type: ignore[attr-defined]  # before the feed's dates
    assert "rss-date-future" in {f.rule for f in walk(parse(feed), check)}


# --- values, one at a time ----------------------------------------------------------------------


def feed_with(channel: str = "", item: str = "") -> bytes:
    """A valid feed with ``channel`` and ``item`` elements added."""
    return (
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>T</title>'
        "<link>https://a.example/</link><description>D</description>"
        '<atom:link href="https://a.example/feed.xml" rel="self" type="application/rss+xml"/>'
        f"{channel}<item><title>E</title>"
        '<guid isPermaLink="false">e-1</guid>'
        f"{item}</item></channel></rss>"
    ).encode()


def test_the_valid_feed_is_valid() -> None:
    assert rules_in(feed_with()) == set()


@pytest.mark.parametrize(("language", "valid"), [
    ("it", True), ("it-IT", True), ("IT-it", True), ("en-US", True), ("ita", True), ("zh-Hant-TW", True),
    ("iw", True), ("x-klingon", True), ("it_IT", False), ("italiano", False), ("ii-", False), ("", False),
    ("it-IT-", False), ("i", False), ("xx", False), ("it-ÏT", False),
])
def test_languages(language: str, valid: bool) -> None:
    assert ("rss-language" not in rules_in(feed_with(f"<language>{language}</language>"))) is valid


@pytest.mark.parametrize(("contact", "valid"), [
    ("redazione@esempio.it", True), ("redazione@esempio.it (Redazione)", True),
    ("Redazione &lt;redazione@esempio.it&gt;", True), ("nome.cognome+podcast@mail.esempio.co.uk", True),
    ("Redazione", False), ("redazione@esempio", False), ("redazione@@esempio.it", False),
    ("redazione@esempio.it, altro@esempio.it", False), ("", False),
])
def test_e_mail_addresses(contact: str, valid: bool) -> None:
    assert ("rss-email" not in rules_in(feed_with(f"<managingEditor>{contact}</managingEditor>"))) is valid


@pytest.mark.parametrize(("url", "valid"), [
    ("https://a.example/", True), ("http://a.example:8080/p?q=1&amp;r=2#f", True), ("ftp://a.example/x", True),
    ("mailto:redazione@a.example", True), ("https://a.example/%C3%A0", True),
    ("a.example", False), ("/episodio/", False), ("https://", False), ("http:///x", False),
    ("https://a.example/à", False), ("https://a.example/a b", False),
])
def test_links(url: str, valid: bool) -> None:
    assert ("rss-url" not in rules_in(feed_with(item=f"<link>{url}</link>"))) is valid


@pytest.mark.parametrize(("enclosure", "rules"), [
    ('url="https://a.example/e.mp3" length="1" type="audio/mpeg"', set()),
    ('url="https://a.example/e.mp3" length="0" type="audio/mpeg"', set()),
    ('url="http://a.example/e.mp3?x=1" length=" 12 " type="audio/x-m4a"', set()),
    ('url="ftp://a.example/e.mp3" length="1" type="audio/mpeg"', {"rss-enclosure-url"}),
    ('url="https://a.example/e.mp3" length="-1" type="audio/mpeg"', {"rss-enclosure-length"}),
    ('url="https://a.example/e.mp3" length="1²" type="audio/mpeg"', {"rss-enclosure-length"}),
    ('url="https://a.example/e.mp3" length="\uff11" type="audio/mpeg"', {"rss-enclosure-length"}),
    ('url="https://a.example/e.mp3" length="1" type="audio mpeg"', {"rss-enclosure-type"}),
    # Parameters are part of a MIME type (W3C's mime_re accepts them); a broken one is not.
    ('url="https://a.example/e.mp3" length="1" type="audio/mpeg; codecs=mp3"', set()),
    ('url="https://a.example/e.mp3" length="1" type="audio/mpeg; codecs"', {"rss-enclosure-type"}),
    ('url="https://a.example/e.mp3" length="1" type="audio/mpeg;"', {"rss-enclosure-type"}),
    ('url="https://a.example/e.mp3" type="audio/mpeg"', {"rss-missing-attribute"}),
])
def test_enclosures(enclosure: str, rules: set[str]) -> None:
    found = rules_in(feed_with(item=f"<enclosure {enclosure}/>"))
    assert {rule for rule in found if rule.startswith(("rss-enclosure", "rss-missing"))} == rules


@pytest.mark.parametrize(("guid", "rules"), [
    ('<guid isPermaLink="false">episodio-1</guid>', set()),
    ("<guid>https://a.example/episodio-1/</guid>", set()),
    ("<guid>urn:uuid:6f1c2b0e-3a2d-4c4e-9d1a-0c2f1b7e9a11</guid>", set()),
    ('<guid isPermaLink="true">tag:a.example,2024:1</guid>', set()),
    ("<guid>6f1c2b0e-3a2d-4c4e-9d1a-0c2f1b7e9a11</guid>", {"rss-guid-url"}),
    ('<guid isPermaLink="false">12345678</guid>', {"rss-guid-short"}),
    ('<guid isPermaLink="false">123456789</guid>', set()),
    ('<guid isPermaLink="false">\uff11\uff12</guid>', set()),  # full-width digits are no short number
    ('<guid isPermaLink="FALSE">episodio-1</guid>', {"rss-guid-permalink"}),
    ('<guid isPermaLink="false"> </guid>', {"rss-guid-empty"}),
    ("", {"rss-guid-missing"}),
])
def test_guids(guid: str, rules: set[str]) -> None:
    feed = feed_with(item=guid).replace(b'<guid isPermaLink="false">e-1</guid>', b"")
    assert {rule for rule in rules_in(feed) if rule.startswith("rss-guid")} == rules


@pytest.mark.parametrize(("title", "markup"), [
    ("Il cortile", None), ("1 &lt; 2", None), ("Tom &amp; Jerry", None), ("&lt;3 la radio", None),
    ("&lt;b&gt;Il cortile&lt;/b&gt;", "</b>"), ("Tom &amp;amp; Jerry", "&amp;"), ("L&amp;#39;ora", "&#39;"),
    ("a &lt;/x&gt; b", None),  # not an HTML tag
])
def test_html_in_titles(title: str, markup: str | None) -> None:
    findings = [f for f in find(feed_with(item=f"<title>{title}</title>").replace(b"<title>E</title>", b""))
                if f.rule == "rss-html-in-title"]
    assert [f.arguments["value"] for f in findings] == ([markup] if markup else [])


# --- any input, linear time ----------------------------------------------------------------------

ODD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title/><link>https://</link><description>  </description><language/><language>-</language>
<managingEditor/><webMaster>a@b@c</webMaster><pubDate/><lastBuildDate>\uff13</lastBuildDate><ttl>¹²</ttl><ttl>99999999999999999999999999</ttl>
<cloud port="٣"/><textInput/><skipHours><hour/><hour>²</hour><hour>-1</hour></skipHours><skipDays><day/></skipDays>
<image><width>٣</width><height>99999999999999999999999</height><url>x</url><link/></image>
<atom:link rel="self"/><category/><docs>:</docs><rating/>
<item/><item><title><b>x</b></title><enclosure/><enclosure url="" length="" type=""/><guid isPermaLink=""/><source/></item>
<item><guid>   </guid><enclosure url="https://a.example/%" length="1e3" type="audio/"/><pubDate>Mon, 32 Jan 2024 00:00 GMT</pubDate></item>
</channel></rss>
"""


def test_odd_values_give_findings_not_exceptions() -> None:
    found = rules_in(ODD.encode())
    assert {"rss-channel-title", "rss-channel-description", "rss-language", "rss-ttl", "rss-cloud-port",
            "rss-missing-attribute", "rss-textinput", "rss-skiphours-hour", "rss-skipdays-day",
            "rss-image-width", "rss-image-height", "rss-image-element", "rss-url", "rss-date",
            "rss-item-title-or-description", "rss-enclosure-count", "rss-enclosure-length",
            "rss-enclosure-type", "rss-guid-permalink", "rss-guid-empty", "rss-date-impossible",
            "rss-duplicate-element", "rss-unknown-element", "rss-category-empty"} <= found


@pytest.mark.parametrize("feed", [
    b"", b"<rss/>", b"<rss><channel/></rss>", b"<rss version='2.0'><channel><item/></channel></rss>",
    b"<rss><channel><!-- c --><?pi x?><item><!-- c --></item></channel><channel/></rss>",
    "<rss><channel><title>\u0085\ufffd</title></channel></rss>".encode(),
])
def test_tiny_and_broken_feeds_do_not_crash(feed: bytes) -> None:
    assert isinstance(find(feed), list)


def test_ten_thousand_items_sharing_a_guid_and_a_file() -> None:
    item = ('<item><title>T</title><guid isPermaLink="false">same</guid>'
            '<enclosure url="https://a.example/same.mp3" length="1" type="audio/mpeg"/>'
            "<pubDate>Tue, 20 Feb 2024 18:30:00 +0000</pubDate></item>")
    feed = ('<rss version="2.0"><channel><title>T</title><link>https://a.example/</link>'
            f"<description>D</description>{item * 10_000}</channel></rss>").encode()
    findings = [f for f in find(feed) if f.rule.startswith("rss-")]
    duplicates = [f for f in findings if f.rule in ("rss-guid-duplicate", "rss-enclosure-duplicate")]
    assert len(duplicates) == 2 * 9_999
    assert {f.arguments["first"] for f in duplicates} == {"1"}


# --- Dublin Core values (W3C: InvalidW3CDTFDate, InvalidLanguage) ---


DC_FEED = ('<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title><link>https://e.org/</link>'
           "<description>d</description>{channel}<item><title>i</title>{item}</item></channel></rss>")


@pytest.mark.parametrize(("value", "valid"), [
    ("2024", True), ("2024-06", True), ("2024-06-20", True), ("2024-06-20T08:00+02:00", True), ("2024-06-20T08:00:00.25Z", True),
    ("2024-06-20T08:00:00", False), ("2024-06-20 08:00:00Z", False), ("2024-02-30", False), ("2024-13", False),
    ("2024-06-20T24:00Z", False), ("2024-06-20T08:00+25:00", False), ("Thu, 20 Jun 2024 08:00:00 +0200", False),
    ("\uff12\uff10\uff12\uff14", False), ("\u0662\u0660\u0662\u0664-06-20", False), ("", False), ("2" * 5000, False),
])
def test_dc_date_is_read_as_w3c_dtf(value: str, valid: bool) -> None:
    for where in ("channel", "item"):
        feed = DC_FEED.format(**{"channel": "", "item": "", where: f"<dc:date>{value}</dc:date>"}).encode()
        assert ("rss-dc-date" not in rules_in(feed)) is valid


@pytest.mark.parametrize(("value", "valid"), [("it", True), ("it-IT", True), ("eng", True), ("Italiano", False),
                                              ("it_IT", False), ("", False), ("\uff49\uff54", False)])
def test_dc_language_is_a_language_code(value: str, valid: bool) -> None:
    feed = DC_FEED.format(channel=f"<dc:language>{value}</dc:language>", item="").encode()
    assert ("rss-dc-language" not in rules_in(feed)) is valid
