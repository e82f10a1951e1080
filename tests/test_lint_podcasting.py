"""The Podcasting 2.0 rules (reset_stories.lint.podcasting): each rule's good and bad example feeds
(tests/lint_examples/podcast-*/), what one feed may hold that no example shows (legacy namespace,
live items, odd digits), and that no input makes the checks raise."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from reset_stories.lint import find, podcasting
from reset_stories.lint.checking import PODCAST_NS, Finding
from reset_stories.lint.rules import RULES

EXAMPLES = Path(__file__).parent / "lint_examples"
OURS = [rule.id for rule in podcasting.RULES]


def podcast_findings(feed: bytes) -> list[Finding]:
    return [f for f in find(feed) if f.rule.startswith("podcast-")]


def rules_of(feed: bytes) -> set[str]:
    return {f.rule for f in podcast_findings(feed)}


def examples(kind: str) -> list[tuple[str, Path]]:
    return [(rule, path) for rule in OURS for path in sorted((EXAMPLES / rule).glob(f"{kind}*.xml"))]


def test_every_rule_has_a_good_and_a_bad_example() -> None:
    for rule in OURS:
        assert rule.startswith("podcast-"), rule
        assert sorted((EXAMPLES / rule).glob("bad*.xml")), f"{rule}: no bad example"
        assert sorted((EXAMPLES / rule).glob("good*.xml")), f"{rule}: no good example"
    assert {p.name for p in EXAMPLES.glob("podcast-*")} == set(OURS), "an example folder without its rule"


@pytest.mark.parametrize(("rule", "path"), examples("bad"), ids=lambda v: v if isinstance(v, str) else v.name)
def test_a_bad_example_breaks_its_rule(rule: str, path: Path) -> None:
    assert rule in rules_of(path.read_bytes())


@pytest.mark.parametrize(("rule", "path"), examples("good"), ids=lambda v: v if isinstance(v, str) else v.name)
def test_a_good_example_breaks_no_podcasting_rule(rule: str, path: Path) -> None:
    # Stronger than "not its own rule": the nearest valid variant is valid for the whole namespace.
    assert podcast_findings(path.read_bytes()) == []


def test_every_finding_words_its_rule() -> None:
    """Each report gives every value its rule's texts need, and the texts read as Italian should."""
    seen = set()
    for _, path in examples("bad"):
        for finding in podcast_findings(path.read_bytes()):
            rule = RULES[finding.rule]
            for text in (rule.problem, rule.fix, rule.fix_ours):
                worded = text.format(**finding.arguments)
                assert not re.search(r"\b(di|a|da|su) (il|lo|la|i|gli|le|l')\b", worded), worded
            assert finding.element.startswith(("channel", "item", "rss@")), finding
            assert finding.line is not None, finding
            seen.add(finding.rule)
    assert seen == set(OURS)


def test_rules_are_sourced_and_levelled() -> None:
    for rule in podcasting.RULES:
        assert "https://" in rule.source, rule.id
        assert rule.problem and rule.fix, rule.id
        assert rule.problem[0].islower() or rule.problem[0] in "«<{", rule.id  # the report adds the place before it


def feed(channel: str = "", item: str = "", ns: str = PODCAST_NS, items: int = 1) -> bytes:
    body = "".join(f"<item><guid>{n}</guid>{item}</item>" for n in range(items))
    return (f'<rss version="2.0" xmlns:podcast="{ns}"><channel><title>t</title>{channel}{body}'
            "</channel></rss>").encode()


def test_the_legacy_namespace_is_reported_once_and_its_tags_are_still_checked() -> None:
    legacy = "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md"
    found = podcast_findings(feed("<podcast:guid>nope</podcast:guid>", "<podcast:season>one</podcast:season>",
                                  ns=legacy, items=3))
    assert [f.rule for f in found].count("podcast-namespace-legacy") == 1
    assert [f.rule for f in found].count("podcast-number") == 3
    assert "podcast-guid-uuid" in {f.rule for f in found}


@pytest.mark.parametrize(("uri", "rule"), [
    ("https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md", "podcast-namespace-legacy"),
    ("http://podcastindex.org/namespace/1.0", "podcast-namespace-unknown"),  # not the spec's: apps need not read it
])
def test_a_legacy_namespace_declared_on_one_element_is_found(uri: str, rule: str) -> None:
    found = podcast_findings(feed(item=f'<p:season xmlns:p="{uri}">one</p:season>'))
    assert [f.rule for f in found] == [rule, "podcast-number"]  # and its tags are still checked


def test_a_live_item_holds_what_an_item_holds() -> None:
    live = ('<podcast:liveItem status="live" start="2024-06-20T21:00:00Z">'
            '<podcast:contentLink href="https://example.org/live">Live</podcast:contentLink>'
            "<podcast:transcript url=\"https://example.org/t.vtt\"/>"
            "<podcast:guid>4f3a2d7e-6c1b-5a9d-8e2f-1b3c5d7e9f01</podcast:guid>"
            "</podcast:liveItem>")
    found = podcast_findings(feed(live))
    assert {f.item for f in found} == {None}  # a live item without guid: the channel's
    live_guid = live.replace("</podcast:liveItem>", "<guid>live-1</guid></podcast:liveItem>")
    assert {f.item for f in podcast_findings(feed(live_guid))} == {"live-1"}
    assert {(f.rule, f.element) for f in found} == {
        ("podcast-transcript-type", "channel/podcast:liveItem/podcast:transcript@type"),
        ("podcast-tag-placement", "channel/podcast:liveItem/podcast:guid"),
    }


def test_tags_inside_other_tags_are_checked_where_they_stand() -> None:
    value = ('<podcast:value type="lightning" method="keysend">'
             '<podcast:valueRecipient type="node" address="abc" split="ninety" fee="maybe"/>'
             '<podcast:valueTimeSplit startTime="60" duration="30"><podcast:remoteItem/></podcast:valueTimeSplit>'
             "</podcast:value>")
    found = {(f.rule, f.element) for f in podcast_findings(feed(item=value))}
    assert ("podcast-number", "item/podcast:value/podcast:valueRecipient@split") in found
    assert ("podcast-boolean", "item/podcast:value/podcast:valueRecipient@fee") in found
    assert ("podcast-attribute-required", "item/podcast:value/podcast:valueTimeSplit/podcast:remoteItem@feedGuid") in found


@pytest.mark.parametrize("digits", ["\u00b2", "\u0663", "\uff13", "1\u00b9", "\u2167", "-1", "1e3", " 7 ", ""])
def test_only_ascii_digits_are_numbers_and_none_crashes(digits: str) -> None:
    found = podcast_findings(feed(item=f"<podcast:season>{digits}</podcast:season><podcast:soundbite "
                                       f'startTime="{digits}" duration="30"/>'))
    rules = [f.rule for f in found]
    if digits.strip().isascii() and digits.strip().isdigit():
        assert rules == []
    elif not digits:
        assert rules == ["podcast-text-empty", "podcast-attribute-required"]
    else:
        assert rules == ["podcast-number", "podcast-number"]


def test_an_unknown_tag_names_the_nearest_one() -> None:
    (found,) = podcast_findings(feed(item='<podcast:Transcript url="https://e.org/t.vtt" type="text/vtt"/>'))
    assert found.rule == "podcast-tag-unknown"
    assert found.arguments == {"tag": "Transcript", "near": "transcript"}


def test_a_country_is_an_iso_code_in_either_case() -> None:
    for country, wrong in (("IT", False), ("it", False), ("Italy", True), ("ITA", True), ("UK", True), ("", True)):
        found = rules_of(feed(f'<podcast:location country="{country}">Siena</podcast:location>'))
        assert ("podcast-location-country" in found) is wrong, country


def test_a_long_value_is_quoted_short() -> None:
    (found,) = podcast_findings(feed(f"<podcast:guid>{'x' * 10_000}</podcast:guid>"))
    assert len(found.arguments["value"]) <= 80


def test_an_http_address_of_this_machine_is_fine() -> None:
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert rules_of(feed(item=f'<podcast:chapters url="http://{host}/c.json" type="application/json+chapters"/>')) == set()
    assert rules_of(feed(item='<podcast:chapters url="http://[::1/c.json" type="application/json+chapters"/>')) == {
        "podcast-url"}


_ATTRIBUTES = ("url", "type", "href", "img", "role", "group", "country", "geo", "osm", "rel", "start", "status",
               "pubdate", "length", "season", "split", "default", "aspect-ratio", "owner", "uri", "protocol")
_ODD = ("", " ", "\u00b2", "\u0663", "\uff13", "http://[", "geo:", "R", "-", "9" * 400, "é" * 300, "T", "0000-00-00",
        "true", "yes", "\u202e", "%", "::", "//x", "a@b")


def test_no_input_makes_the_checks_raise() -> None:
    """Random podcast: tags (known, unknown, misplaced) with odd attribute values and texts."""
    chooser = random.Random(16)
    tags = [*podcasting.TAGS, "Guid", "unknownTag", "transcripts"]
    for _ in range(300):
        parts = []
        for _ in range(chooser.randint(1, 6)):
            tag = chooser.choice(tags)
            attributes = " ".join(f'{a}="{chooser.choice(_ODD)}"' for a in chooser.sample(_ATTRIBUTES, 4))
            inner = chooser.choice(["", "<podcast:source/>", "<podcast:valueRecipient/>", "<podcast:remoteItem/>"])
            text = chooser.choice(_ODD).replace("&", "")
            parts.append(f"<podcast:{tag} {attributes}>{text}{inner}</podcast:{tag}>")
        chunk = "".join(parts)
        found = find(feed(chunk, chunk, items=2))
        for finding in found:  # and every finding can be worded
            rule = RULES[finding.rule]
            rule.problem.format(**finding.arguments)
            rule.fix.format(**finding.arguments)


@pytest.mark.parametrize(("tag", "rule"), [
    ('podcast:image href="https://e.org/i.jpg" type="a/b;{spaces};"', None),
    ('podcast:locked owner="a@{dots} "', "podcast-locked-owner"),
    ('podcast:location geo="geo:1,1{params};"', "podcast-location-geo"),
    ('podcast:image href="https://e.org/i.jpg" aspect-ratio="1 /{spaces}"', "podcast-image-aspect-ratio"),
    ('podcast:updateFrequency rrule="{rules}"', "podcast-rrule"),
])
def test_long_values_are_read_once(tag: str, rule: str | None) -> None:
    """Values built to make a backtracking pattern take quadratic time: each is read in one pass."""
    n = 100_000
    element = tag.format(spaces=" " * n, dots="." * n, params=";a=b" * n, rules="FREQ=DAILY;" * n)
    name = element.split()[0]
    found = rules_of(feed(f"<{element}>yes</{name}>"))
    assert found == ({rule} if rule else set())


def test_ten_thousand_items_cost_in_proportion() -> None:
    """Each item reads only its own tags: the findings grow with the items, one set per item."""
    item = ('<podcast:season>one</podcast:season><podcast:person role="x">A</podcast:person>'
            '<podcast:transcript url="/t.vtt"/>')
    few, many = podcast_findings(feed(item=item, items=10)), podcast_findings(feed(item=item, items=10_000))
    assert len(many) == 1000 * len(few) == 40_000


# --- the value block, soundbites, live items, alternate enclosures, persons, transcripts, licences ---


@pytest.mark.parametrize(("block", "unlisted"), [
    ('<podcast:value type="lightning" method="keysend"><podcast:valueRecipient type="node" address="a" split="1"/></podcast:value>', []),
    ('<podcast:value type="Lightning" method="AMP"><podcast:valueRecipient type="Wallet" address="a" split="1"/></podcast:value>', []),
    ('<podcast:value type="lightning" method="lnaddress"><podcast:valueRecipient type="lnaddress" address="a@b.example" split="1"/>'
     "</podcast:value>", []),
    ('<podcast:value type="bitcoin" method="default"><podcast:valueRecipient type="wallet" address="bc1q" split="1"/></podcast:value>', []),
    ('<podcast:value type="paypal" method="keysend"><podcast:valueRecipient type="node" address="a" split="1"/></podcast:value>', ["type"]),
    ('<podcast:value type="lightning" method="bolt11"><podcast:valueRecipient type="email" address="a" split="1"/></podcast:value>',
     ["method", "type"]),
])
def test_the_value_block_s_type_and_method_are_the_namespace_s_slugs(block: str, unlisted: list[str]) -> None:
    found = [f.element.rpartition("@")[2] for f in podcast_findings(feed(block)) if f.rule == "podcast-value-unlisted"]
    assert found == unlisted


@pytest.mark.parametrize(("duration", "warned"), [("15", False), ("120", False), ("60.5", False), ("14.99", True),
                                                  ("120.5", True), ("0", True), ("9" * 400, True), ("\u00b9\u2075", False)])
def test_a_soundbite_outside_15_to_120_seconds_is_a_warning(duration: str, warned: bool) -> None:
    rules = rules_of(feed(item=f'<podcast:soundbite startTime="1" duration="{duration}"/>'))
    assert ("podcast-soundbite-duration" in rules) is warned
    if duration.startswith("\u00b9"):
        assert "podcast-number" in rules  # superscript digits are no number: said once, by podcast-number


@pytest.mark.parametrize(("start", "end", "reported"), [
    ("2024-06-20T10:00:00+02:00", "2024-06-20T09:00:00+02:00", True),
    ("2024-06-20T10:00:00+02:00", "2024-06-20T08:00:00Z", True),  # the same moment: not after
    ("2024-06-20T10:00:00+02:00", "2024-06-20T08:30:00Z", False),
    ("2024-06-20T10:00:00", "2024-06-20T10:00:00+02:00", True),  # no zone: read as UTC, not an exception
    ("2024-06-20", "2024-06-21", False),
    ("2024-06-20T10:00:00+02:00", "", False),  # no end: nothing to compare
    ("2024-06-20T10:00:00+02:00", "2024-13-40T00:00:00Z", False),  # podcast-date-iso8601's
])
def test_a_live_item_must_end_after_it_starts(start: str, end: str, reported: bool) -> None:
    live = (f'<podcast:liveItem status="pending" start="{start}" end="{end}"><title>Live</title><guid>l</guid>'
            '<podcast:contentLink href="https://e.org/live">x</podcast:contentLink></podcast:liveItem>')
    assert ("podcast-live-end" in rules_of(feed(live))) is reported


def test_only_one_alternate_enclosure_is_the_default_and_it_is_said_once() -> None:
    alternate = ('<podcast:alternateEnclosure type="audio/mpeg" default="{}"><podcast:source uri="https://e.org/{}.mp3"/>'
                 "</podcast:alternateEnclosure>")
    three = "".join(alternate.format("true", n) for n in range(3))
    found = [f for f in podcast_findings(feed(item=three, items=2)) if f.rule == "podcast-alternate-default"]
    assert [f.arguments["count"] for f in found] == ["3", "3"]  # once per item
    one = alternate.format("true", 1) + alternate.format("false", 2) + alternate.format("maybe", 3)
    assert "podcast-alternate-default" not in rules_of(feed(item=one))


@pytest.mark.parametrize(("attributes", "expected"), [
    ('role="host" group="cast"', None), ('role="Host" group="Cast"', None), ('role="host"', None),
    ('role="host" group="writing"', "cast"), ('role="producer" group="cast"', "creative direction"),
    ('role="nobody" group="cast"', None),  # podcast-person-role's
    ('role="host" group="nowhere"', None),  # podcast-person-group's
])
def test_a_person_s_role_belongs_to_the_group_written_beside_it(attributes: str, expected: str | None) -> None:
    found = [f for f in podcast_findings(feed(item=f"<podcast:person {attributes}>Ada</podcast:person>"))
             if f.rule == "podcast-person-role-group"]
    assert [f.arguments["expected"] for f in found] == ([expected] if expected else [])


@pytest.mark.parametrize(("language", "reported"), [("it", False), ("it-IT", False), ("ita", False), ("x-dialetto", False),
                                                    ("italiano", True), ("it_IT", True), ("", True), ("\uff49\uff54", True)])
def test_a_transcript_s_language_is_a_language_code(language: str, reported: bool) -> None:
    transcript = f'<podcast:transcript url="https://e.org/t.vtt" type="text/vtt" language="{language}"/>'
    assert ("podcast-transcript-language" in rules_of(feed(item=transcript))) is reported


@pytest.mark.parametrize(("name", "known"), [("MIT", True), ("0BSD", True), ("mpl-2.0", True), ("CC-BY-NC-SA-3.0-IGO", True),
                                             ("GPL-2.0", True), ("cc", True), ("CC BY 4.0", False), ("Tutti i diritti riservati", False)])
def test_any_spdx_licence_is_known_by_name(name: str, known: bool) -> None:
    assert ("podcast-license-url" in rules_of(feed(f"<podcast:license>{name}</podcast:license>"))) is not known


def test_the_spdx_list_is_shipped_whole_and_pinned() -> None:
    from reset_stories.lint import spdx

    assert len(spdx.IDENTIFIERS) > 600 and len(set(spdx.IDENTIFIERS)) == len(spdx.IDENTIFIERS)
    assert spdx.VERSION in RULES["podcast-license-url"].source
    assert {"Apache-2.0", "CC-BY-4.0", "EUPL-1.2", "Unlicense"} <= set(spdx.IDENTIFIERS)
