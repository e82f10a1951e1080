"""The Apple Podcasts (itunes-*) and HTML (markup-*) rules of the validator: every rule's good and
bad example feeds, and the edge cases that must give findings, never exceptions."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from reset_stories.lint import find, itunes, markup
from reset_stories.lint.checking import ITUNES_NS, Level, Rule

EXAMPLES = Path(__file__).parent / "lint_examples"
OUR_RULES = [rule for rule in (*itunes.RULES, *markup.RULES)]


def rules_in(feed: bytes) -> list[str]:
    return [finding.rule for finding in find(feed)]


# --- the examples ------------------------------------------------------------------------------

@pytest.mark.parametrize("rule", [r.id for r in OUR_RULES])
def test_every_rule_has_a_good_and_a_bad_example(rule: str) -> None:
    folder = EXAMPLES / rule
    assert list(folder.glob("bad*.xml")), f"{rule}: no bad example"
    assert list(folder.glob("good*.xml")), f"{rule}: no good example"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("itunes-*/bad*.xml")) + sorted(EXAMPLES.glob("markup-*/bad*.xml")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_bad_example_breaks_its_rule(path: Path) -> None:
    assert path.parent.name in rules_in(path.read_bytes())


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("itunes-*/good*.xml")) + sorted(EXAMPLES.glob("markup-*/good*.xml")),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_good_example_keeps_its_rule(path: Path) -> None:
    assert path.parent.name not in rules_in(path.read_bytes())


def test_the_plain_example_breaks_no_apple_or_markup_rule() -> None:
    """The feed every example varies: none of these rules fires on it."""
    ours = {r.id for r in OUR_RULES}
    assert not ours & set(rules_in((EXAMPLES / "itunes-explicit-missing" / "good.xml").read_bytes()))


def test_no_folder_without_a_rule() -> None:
    ids = {r.id for r in OUR_RULES}
    folders = {p.name for p in EXAMPLES.iterdir() if p.name.startswith(("itunes-", "markup-"))}
    assert folders <= ids


# --- the rules' texts ----------------------------------------------------------------------------

@pytest.mark.parametrize("rule", OUR_RULES, ids=lambda r: r.id)
def test_rule_texts(rule: Rule) -> None:
    assert rule.id.startswith(("itunes-", "markup-"))
    assert rule.source and "http" in rule.source
    assert rule.problem and rule.fix
    assert isinstance(rule.level, Level)
    # Every placeholder is a plain name the checks give.
    for text in (rule.problem, rule.fix, rule.fix_ours):
        for _, field, _, _ in string.Formatter().parse(text):
            assert field is None or field.isidentifier(), (rule.id, field)


def test_every_report_fills_its_rules_texts() -> None:
    for path in sorted(EXAMPLES.glob("*/*.xml")):
        for finding in find(path.read_bytes()):
            rule = next((r for r in OUR_RULES if r.id == finding.rule), None)
            if rule is None:
                continue
            for text in (rule.problem, rule.fix, rule.fix_ours):
                text.format(**finding.arguments)  # a missing value raises KeyError


# --- edge cases ------------------------------------------------------------------------------------

def feed(channel: str = "", item: str = "", *, ns: str = ITUNES_NS) -> bytes:
    return (
        f'<rss version="2.0" xmlns:itunes="{ns}"><channel><title>Voci dal Borgo</title>'
        '<link>https://example.org/</link><description>d</description><language>it</language>'
        '<itunes:image href="https://example.org/c.jpg"/><itunes:category text="History"/>'
        '<itunes:explicit>false</itunes:explicit><itunes:author>A</itunes:author>'
        '<itunes:owner><itunes:name>A</itunes:name><itunes:email>a@example.org</itunes:email></itunes:owner>'
        f'{channel}<item><title>La fiera</title><guid isPermaLink="false">g1</guid>'
        '<enclosure url="https://example.org/a.mp3" length="1" type="audio/mpeg"/>'
        f'{item}</item></channel></rss>'
    ).encode()


@pytest.mark.parametrize("value", ["²", "٣", "\uff13", "¹²", "", " ", "1.5", "-1", "+1", "0", "00", "9" * 5000, "一"])
def test_numbers_that_are_not_positive_ascii_integers(value: str) -> None:
    found = rules_in(feed(item=f"<itunes:episode>{value}</itunes:episode><itunes:season>{value}</itunes:season>"))
    assert found.count("itunes-episode-invalid") == (0 if value == "9" * 5000 else 1)
    assert found.count("itunes-season-invalid") == found.count("itunes-episode-invalid")


@pytest.mark.parametrize("value, valid", [
    ("1830", True), ("30:30", True), ("00:30:30", True), ("1:02:03", True), ("00:29:29.375", True),
    ("00:07:74", False), ("07:60", False), ("1:2:3", False), ("", False), ("٣٠", False), ("1h30", False),
    ("1:00:00:00", False), ("30:", False), ("9" * 10000, True),
])
def test_durations(value: str, valid: bool) -> None:
    found = rules_in(feed(item=f"<itunes:duration>{value}</itunes:duration>"))
    assert ("itunes-duration-invalid" not in found) is valid


def test_a_wrong_namespace_is_reported_once_and_hides_no_missing_tag_twice() -> None:
    found = rules_in(feed(ns="http://www.itunes.com/DTDs/Podcast-1.0.dtd"))
    assert found.count("itunes-namespace") == 1
    # The tags are there, in a namespace Apple does not read: the cause is reported, not each effect.
    assert "itunes-image-missing" not in found and "itunes-category-missing" not in found


def test_itunes_tags_in_a_near_namespace_under_another_prefix() -> None:
    document = feed().replace(b"<itunes:author>A</itunes:author>", b'<i:author xmlns:i="http://www.itunes.com/dtds/podcast-1.0.dtd/">A</i:author>')
    assert rules_in(document).count("itunes-namespace") == 1


@pytest.mark.parametrize("value, rule", [
    ("true", None), ("false", None), ("yes", "itunes-explicit-legacy"), ("Clean", "itunes-explicit-legacy"),
    ("TRUE", "itunes-explicit-legacy"), ("maybe", "itunes-explicit-invalid"), ("", "itunes-explicit-invalid"),
])
def test_explicit_values(value: str, rule: str | None) -> None:
    found = [r for r in rules_in(feed(item=f"<itunes:explicit>{value}</itunes:explicit>")) if r.startswith("itunes-explicit")]
    assert found == ([rule] if rule else [])


@pytest.mark.parametrize("href, rule", [
    ("https://example.org/cover.jpg?v=1", None), ("https://example.org/cover.jpeg", None),
    ("https://example.org/COVER.PNG", None), ("https://example.org/cover.webp", "itunes-image-format"),
    ("https://example.org/cover", "itunes-image-format"), ("cover.jpg", "itunes-image-url"),
    ("https://[::1/cover.jpg", "itunes-image-url"), ("https://example.org/copertina è.jpg", "itunes-url-not-ascii"),
])
def test_episode_artwork_urls(href: str, rule: str | None) -> None:
    found = [r for r in rules_in(feed(item=f'<itunes:image href="{href}"/>')) if r.startswith(("itunes-image", "itunes-url"))]
    assert found == ([rule] if rule else [])


def test_the_audio_mp3_advice_is_to_write_the_type_not_to_export_again() -> None:
    rule = next(r for r in itunes.RULES if r.id == "itunes-enclosure-mp3-type")
    assert "audio/mpeg" in rule.fix and "non va esportato" in rule.fix


def test_categories_apple_reads_only_the_first() -> None:
    channel = ('<itunes:category text="Arts"><itunes:category text="Design"/><itunes:category text="Books"/></itunes:category>'
               '<itunes:category text="Comedy"/>')
    found = rules_in(feed(channel=channel))
    assert found.count("itunes-category-ignored") == 2  # Arts (with its subcategories) and Comedy, after History
    assert "itunes-category-unknown" not in found


def test_the_first_categorys_second_subcategory_is_ignored() -> None:
    document = feed().replace(b'<itunes:category text="History"/>',
                              b'<itunes:category text="Arts"><itunes:category text="Design"/><itunes:category text="Books"/></itunes:category>')
    assert rules_in(document).count("itunes-category-ignored") == 1


def test_a_subcategory_of_an_unknown_category_is_reported_once() -> None:
    document = feed().replace(b'<itunes:category text="History"/>',
                              b'<itunes:category text="Arts &amp; Entertainment"><itunes:category text="Design"/></itunes:category>')
    assert rules_in(document).count("itunes-category-unknown") == 1


def test_a_subcategory_under_the_wrong_category() -> None:
    document = feed().replace(b'<itunes:category text="History"/>',
                              b'<itunes:category text="Arts"><itunes:category text="Documentary"/></itunes:category>')
    assert rules_in(document).count("itunes-category-unknown") == 1


def test_serial_trailers_need_no_number() -> None:
    trailer = feed(channel="<itunes:type>serial</itunes:type>", item="<itunes:episodeType>trailer</itunes:episodeType>")
    full = feed(channel="<itunes:type>serial</itunes:type>")
    assert "itunes-serial-episode-missing" not in rules_in(trailer)
    assert "itunes-serial-episode-missing" in rules_in(full)


def test_one_finding_per_rule_and_element() -> None:
    description = '<description><![CDATA[<p onclick="a()"><a href="javascript:b()" onmouseover="c()">x</a><script>d()</script></p>]]></description>'
    findings = [f for f in find(feed(item=description)) if f.rule == "markup-active"]
    assert len(findings) == 1
    hazards = findings[0].arguments["hazards"]
    assert "onclick" in hazards and "javascript:" in hazards and "<script>" in hazards


def full_reading(html: str) -> list[str]:
    """What the tokenizer finds with no shortcut taken (the old linter's answer, which the
    shortcuts must keep)."""
    scanner = markup._ActiveMarkup(0)
    scanner.feed(html)
    scanner.close()
    return scanner.found


@pytest.mark.parametrize("html", [
    "", "plain text", "<p>ok</p>", '<a href="https://x">x</a>', "<p onclick='x()'>", "<script>x</script>",
    '<a href="JaVaScRiPt:alert(1)">x</a>', '<a href="java&#x09;script:alert(1)">x</a>', '<img src=x onerror=alert(1)>',
    '<a title="<img src=x onerror=alert(1)>">x</a>', "<iframe src='https://x'></iframe>", "<<<<>>>>", "<a href=",
    '<img srcset="a.jpg 1x, data:image/png;base64,AAA 2x">', "<!-- <script> -->", "<p>" * 5000,
])
def test_active_markup_answers_as_the_full_reading(html: str) -> None:
    assert markup.active_markup(html) == full_reading(html)


def test_active_markup_shortcuts_never_hide_what_the_tokenizer_finds() -> None:
    """The shortcuts (plain HTML, nothing active markup needs) against the full reading, on
    pieces of markup put together at random (seeded): tabs and character references inside
    schemes, markup nested in attribute values, upper case, broken tags."""
    pieces = [
        "<p>", "</p>", "<a ", "href=", "src=", '"https://x.org/a"', "'https://x.org/b'", '"javascript:x()"', "'jav&#x61;script:1'",
        "onclick=", '"x()"', ">", "/>", "<img ", "<script>", "<iframe ", "data=", "data-x=", '"data:text/html,1"', " ", "\t", "\n",
        "&amp;", "&lt;", "&#60;", "&amp;lt;", "<!-- ", " -->", "<b>", "style=", '"a:b"', "title=", '"<script>"',
        "'&lt;img src=x onerror=1&gt;'", "srcset=", '"a.jpg 1x, data:x 2x"', "<P>", "HREF=", "ONCLICK=", "=", '"', "'", "<", "on",
        "java", "script", ":", "&colon;", "&#58;", "&Tab;", "&#x6a;", "/", "&quot;", "<Iframe>", "online ", "&egrave;",
    ]
    generator = random.Random(16)
    for _ in range(3000):
        html = "".join(generator.choice(pieces) for _ in range(generator.randint(1, 14)))
        assert markup.active_markup(html) == full_reading(html), html


@pytest.mark.parametrize("document", [
    b'<rss version="2.0"><channel/></rss>',
    b'<rss version="2.0"><channel><item/></channel></rss>',
    b'<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><itunes:owner/>'
    b'<itunes:category/><itunes:image/><itunes:type/><itunes:new-feed-url/><item><enclosure/><itunes:episode/>'
    b'<itunes:duration/><itunes:image/><title/><description><![CDATA[<a href=]]></description></item></channel></rss>',
    b'<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><itunes:category text="a&gt;b&gt;c">'
    b'<itunes:category text="&gt;"><itunes:category text="x"/></itunes:category></itunes:category>'
    b'<itunes:owner><itunes:email>"a@b" &lt;,,&gt;</itunes:email></itunes:owner><item><enclosure url="https://[x" type=";"/>'
    b'<itunes:image href="http://a:99999999/x.jpg"/><description>' + b"&lt;a href=/x&gt;" * 1000 + b"</description></item></channel></rss>",
])
def test_odd_feeds_give_findings_not_exceptions(document: bytes) -> None:
    assert isinstance(find(document), list)


def test_relative_urls_are_found_in_any_quoting() -> None:
    assert markup.relative_url("<a href=/x>") == "/x"
    assert markup.relative_url("<img alt='' src='x.jpg'>") == "x.jpg"
    assert markup.relative_url('<a href="https://x/">') is None
    assert markup.relative_url('<a href="#capitoli">') is None
    assert markup.relative_url('<a href="//cdn.example.org/x">') == "//cdn.example.org/x"
    assert markup.relative_url("href=/x outside a tag") is None


def test_html_where_apple_reads_text() -> None:
    found = rules_in(feed(channel="<itunes:subtitle>&lt;b&gt;A&lt;/b&gt;</itunes:subtitle>"))
    assert "markup-html-in-text" in found
    assert "markup-html-in-text" not in rules_in(feed(channel="<itunes:subtitle>3 &lt; 4 &gt; 2</itunes:subtitle>"))
