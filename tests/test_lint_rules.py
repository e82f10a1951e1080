"""Every rule of the validator, by its examples: ``tests/lint_examples/<rule-id>/`` holds at least
one ``bad*`` feed that breaks the rule and one ``good*`` feed (the nearest valid variant) that does
not. An example is a feed file (``bad.xml``), or a folder (``bad/``) that is a small built site:
its ``feed.xml`` with the files it names beside it, for the rules about those files. Rules checked
on the hosts (``remote-``) have a ``.json`` beside each example that says how real servers on
127.0.0.1 serve it (``remote_hosts.run_example``): for them only the rule under test is looked at,
since the feed's own rules are not what such an example is about."""

from __future__ import annotations

import json
import shutil
import string
from pathlib import Path

import pytest
from remote_hosts import run_example

from reset_stories.lint import Origin, find, lint_file, report
from reset_stories.lint.checking import Finding, Level
from reset_stories.lint.listing import BEGIN, END, markdown
from reset_stories.lint.rules import RULES

EXAMPLES = Path(__file__).parent / "lint_examples"
README = Path(__file__).parent.parent / "README.md"
FAMILIES = ("rss-", "itunes-", "markup-", "podcast-", "file-", "remote-")


def example_rules() -> list[str]:
    return sorted(RULES)


def examples(prefix: str) -> list[tuple[str, Path]]:
    """Each rule's examples whose name starts with ``prefix`` (``bad``, ``good``)."""
    found = []
    for folder in sorted(EXAMPLES.iterdir()):
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.name.startswith(prefix) and (path.suffix == ".xml" or path.is_dir()):
                    found.append((folder.name, path))
    return found


def findings(path: Path) -> list[Finding]:
    if path.is_dir():
        return lint_file(path / "feed.xml").findings
    if path.parent.name.startswith("remote-"):
        return remote_findings(path)
    return find(path.read_bytes())


def remote_findings(path: Path) -> list[Finding]:
    """A remote example's findings: the feed fetched from its hosts and its files asked there."""
    spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    if "secure" in spec and shutil.which("openssl") is None:
        pytest.skip("no openssl command to make a certificate with")
    return run_example(path)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def label(case: tuple[str, Path]) -> str:
    return f"{case[0]}/{case[1].name}"


# --- the table ---------------------------------------------------------------------------------


@pytest.mark.parametrize("rule_id", example_rules())
def test_every_rule_has_a_bad_and_a_good_example(rule_id):
    folder = EXAMPLES / rule_id
    assert folder.is_dir(), f"tests/lint_examples/{rule_id}/ is missing"
    names = [p.name for p in folder.iterdir() if p.suffix == ".xml" or p.is_dir()]
    assert any(n.startswith("bad") for n in names), f"{rule_id}: no bad example"
    assert any(n.startswith("good") for n in names), f"{rule_id}: no good example"
    if rule_id.startswith("remote-"):
        for name in names:
            assert (folder / name).with_suffix(".json").is_file(), f"{rule_id}/{name}: no .json saying how it is served"


def test_every_example_folder_names_a_rule():
    folders = {p.name for p in EXAMPLES.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders - set(RULES) == set()


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_says_where_it_comes_from_what_is_wrong_and_how_to_fix_it(rule_id):
    rule = RULES[rule_id]
    assert rule.id.startswith(FAMILIES) and rule.id == rule.id.lower() and " " not in rule.id
    assert isinstance(rule.level, Level)
    assert "https://" in rule.source or "http://" in rule.source, rule.source
    for text in (rule.problem, rule.fix):
        assert text.strip(), rule_id
    for text in (rule.problem, rule.fix, rule.fix_ours, rule.w3c):
        placeholders(text)  # a template str.format can read


# --- the examples ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", examples("bad"), ids=label)
def test_a_bad_example_breaks_its_rule(case):
    rule_id, path = case
    found = [f for f in findings(path) if f.rule == rule_id]
    assert found, f"{label(case)}: no finding of {rule_id} in {[f.rule for f in findings(path)]}"
    rule = RULES[rule_id]
    for finding in found:
        # Every value the rule's texts need is given by every report of the rule.
        missing = (placeholders(rule.problem) | placeholders(rule.fix) | placeholders(rule.fix_ours)) - set(finding.arguments)
        assert not missing, f"{label(case)}: {rule_id} reported without {sorted(missing)}"


@pytest.mark.parametrize("case", examples("good"), ids=label)
def test_a_good_example_keeps_its_rule(case):
    rule_id, path = case
    assert [f for f in findings(path) if f.rule == rule_id] == []


@pytest.mark.parametrize("case", examples("bad") + examples("good"), ids=label)
def test_every_example_reports_in_text_and_json(case):
    _, path = case
    origin = Origin(feed=path.name)
    lines = report.lines(findings(path), RULES, origin)
    text = report.text(lines, origin)
    assert len(text.splitlines()) == len(lines)
    assert "«?»" not in text, text
    document = json.loads(report.as_json(lines, origin))
    assert [p["rule"] for p in document["problems"]] == [line.rule.id for line in lines]


# --- the README's list of rules ----------------------------------------------------------------


def test_the_readmes_list_of_rules_is_the_table():
    """``python -m reset_stories.lint.listing --write README.md`` rewrites it."""
    text = README.read_text(encoding="utf-8")
    assert BEGIN in text and END in text
    listed = text.split(BEGIN, 1)[1].split(END, 1)[0]
    assert listed.strip() == markdown().strip(), "run: python -m reset_stories.lint.listing --write README.md"


# --- one problem, one finding ------------------------------------------------------------------

# Rules of different modules that could both answer one cause; which one reports what is decided in
# the modules (the comments at each skip) and written in the README.
OVERLAPS = (
    ("rss-channel-title", "itunes-text-too-long"), ("rss-item-title", "itunes-text-too-long"),
    ("rss-enclosure-type", "itunes-enclosure-type"), ("rss-enclosure-type", "itunes-enclosure-mp3-type"),
    ("rss-enclosure-url", "itunes-url-not-ascii"), ("rss-enclosure-url", "itunes-enclosure-https"),
    ("rss-enclosure-url", "itunes-enclosure-extension"), ("itunes-enclosure-type", "itunes-enclosure-extension"),
    ("rss-html-in-title", "markup-html-in-text"), ("rss-date", "podcast-date-rfc822"),
    ("rss-guid-url", "rss-misspelled-attribute"), ("itunes-url-not-ascii", "podcast-url"),
)
ITEM = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel><title>Voci dal Borgo</title><link>https://vocidalborgo.example.org/</link><description>Storie.</description>
<item>{item}</item></channel></rss>"""
# Feeds where two modules once answered the same cause.
CAUSES = {
    "an empty title": "<title> </title><description>Una storia.</description><guid isPermaLink=\"false\">a</guid>",
    "a type that is no MIME type": '<title>A</title><enclosure url="https://x.example/a.mp3" length="1" type="mp3"/>',
    "an accented file name": '<title>A</title><enclosure url="https://x.example/perché la fiera.mp3" length="1" type="audio/mpeg"/>',
    "a misspelled isPermaLink": '<title>A</title><guid ispermalink="false">6f1c2b0e-3a2d</guid>',
    "HTML in the title": "<title>&lt;b&gt;A&lt;/b&gt;</title><itunes:title>&lt;b&gt;A&lt;/b&gt;</itunes:title>",
    "a trailer's date": '<title>A</title></item><podcast:trailer pubdate="2024-06-20" url="https://x.example/t.mp3" length="1" '
                        'type="audio/mpeg">T</podcast:trailer><item><title>B</title>',
    "an ogg file": '<title>A</title><enclosure url="https://x.example/a.ogg" length="1" type="audio/ogg; codecs=opus"/>',
}


def same_cause(found: list[Finding]) -> list[tuple[str, str, int | None, str]]:
    """Pairs of :data:`OVERLAPS` reported on the same line and element (its attribute aside)."""
    at: dict[tuple[int | None, str], set[str]] = {}
    for finding in found:
        at.setdefault((finding.line, finding.element.split("@")[0]), set()).add(finding.rule)
    return [(a, b, line, element) for (line, element), rules in at.items() for a, b in OVERLAPS if {a, b} <= rules]


@pytest.mark.parametrize("case", [c for c in examples("bad") + examples("good") if not c[0].startswith("remote-")], ids=label)
def test_an_example_gives_one_finding_per_cause(case):
    assert same_cause(findings(case[1])) == []


@pytest.mark.parametrize("cause", sorted(CAUSES))
def test_a_cause_two_modules_see_is_reported_once(cause):
    found = find(ITEM.format(item=CAUSES[cause]).encode())
    assert found  # each is a problem
    assert same_cause(found) == [], [f.rule for f in found]


@pytest.mark.parametrize(("cause", "rule"), [
    ("an empty title", "rss-item-title"), ("a type that is no MIME type", "rss-enclosure-type"),
    ("an accented file name", "itunes-url-not-ascii"), ("a misspelled isPermaLink", "rss-misspelled-attribute"),
    ("HTML in the title", "rss-html-in-title"), ("a trailer's date", "podcast-date-rfc822"), ("an ogg file", "itunes-enclosure-type"),
])
def test_each_cause_is_found_by_the_rule_that_keeps_it(cause, rule):
    assert rule in [f.rule for f in find(ITEM.format(item=CAUSES[cause]).encode())]


def test_an_accented_file_name_is_said_for_what_it_is():
    found = [f.rule for f in find(ITEM.format(item=CAUSES["an accented file name"]).encode())]
    assert "itunes-url-not-ascii" in found and "rss-enclosure-url" not in found
    broken = [f.rule for f in find(ITEM.format(item='<title>A</title><enclosure url="https://" length="1" type="audio/mpeg"/>').encode())]
    assert "rss-enclosure-url" in broken
