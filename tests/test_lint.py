"""The validator as the build and the command use it: our feed passes, a feed an app would reject
stops the build with the file staff change, ``reset-stories lint`` on a built site, a file or a
URL, the report's lines and JSON. Each rule's own behaviour is tested by its examples
(tests/lint_examples, test_lint_rules.py)."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import subprocess
import time
from pathlib import Path

import pytest
import remote_hosts
from conftest import DATA, LATER, load, plan_of, run_cli
from lxml import etree

from reset_stories.lint import Files, Origin, check_plan, lint_feed, lint_file, plan_files, report
from reset_stories.lint.checking import Finding
from reset_stories.lint.markup import active_markup
from reset_stories.lint.rules import RULES
from reset_stories.problems import Severity
from reset_stories.site.plan import DataFile, MediaPlan

CONSEQUENCE = "le app potrebbero rifiutare questo feed o mostrarlo male."


@pytest.fixture
def built(project):
    catalog = load(project, LATER).catalog
    return catalog, plan_of(catalog)


def with_files(plan, **changes: bytes | None):
    """The plan with some of its data files changed (None: removed)."""
    files = {f.dest_uri: f.content for f in plan.files}
    for uri, content in changes.items():
        if content is None:
            del files[uri]
        else:
            files[uri] = content
    return dataclasses.replace(plan, files=tuple(DataFile(u, c) for u, c in files.items()))


def found(plan, catalog) -> set[tuple[str, str]]:
    """Each rule broken in the plan's feed, with the file staff would change."""
    sources = {e.guid: catalog.site.relative(e.source) for e in catalog.episodes}
    linted = lint_feed(plan.feed, Origin(feed="feed.xml", ours=True, sources=sources), Files(plan_files(plan, catalog)))
    return {(line.rule.id, line.file) for line in linted.lines()}


def test_the_generated_feed_passes(built):
    catalog, plan = built
    assert check_plan(plan, catalog) == []


def test_the_build_judges_dates_at_its_own_moment(built, monkeypatch):
    """The rules see the build's "now" (the loader's, which previews can move), never the clock."""
    from reset_stories.lint import attached

    seen = []
    monkeypatch.setattr(attached.Checks, "end", lambda self, channel: seen.append(self.check.now))
    catalog, plan = built
    check_plan(plan, catalog)
    assert seen == [catalog.now] and catalog.now == LATER


def test_the_files_the_feed_names_are_checked_and_placed_in_the_episode(built):
    catalog, plan = built
    changed = with_files(plan, **{
        "podcast/01-primo/01-primo.chapters.json": b'{"version": "1.2.0", "chapters": [{"startTime": 5}, {"startTime": 1}]}',
        "podcast/01-primo/01-primo.vtt": b"WEBVTT\n\n00:00.000 -> 00:01.000\nciao\n",
        "podcast/01-primo/01-primo.srt": None,
        "podcast/01-primo/01-primo.json": b'{"segments": [{"start": 1}]}',
        "podcast/01-primo/01-primo.html": b"<html><body> </body></html>",
    })
    assert found(changed, catalog) == {
        ("file-chapters-order", "episodes/01-primo.md"),
        ("file-transcript-cues", "episodes/01-primo.md"),
        ("file-missing", "episodes/01-primo.md"),
        ("file-transcript-json", "episodes/01-primo.md"),
        ("file-transcript-empty", "episodes/01-primo.md"),
    }


def test_the_enclosure_length_is_the_published_files(built):
    catalog, plan = built
    root = etree.fromstring(plan.feed)
    root.find("channel/item/enclosure").set("length", "12")
    changed = with_files(plan, **{plan.feed_uri: etree.tostring(root, xml_declaration=True, encoding="UTF-8")})
    assert found(changed, catalog) == {("file-enclosure-length", "episodes/02-secondo.md")}


def test_artwork_behind_the_feed_is_checked_and_placed_in_the_settings(built):
    catalog, plan = built
    media = tuple(MediaPlan(m.dest_uri, DATA / "small.jpg") if m.dest_uri == "podcast/copertina.jpg" else m for m in plan.media)
    [problem] = check_plan(dataclasses.replace(plan, media=media), catalog)
    assert (problem.path, problem.field, problem.severity) == ("mkdocs.yml", "feed channel/itunes:image@href", Severity.ERROR)
    assert "600×600 px" in problem.message and problem.message.endswith("[file-artwork]")
    assert "podcast.artwork" in problem.message  # the staff fix, not the neutral one


def test_not_xml_at_all(built):
    catalog, plan = built
    [problem] = check_plan(with_files(plan, **{plan.feed_uri: b"<rss><channel>"}), catalog)
    assert problem.severity is Severity.ERROR
    assert problem.message.startswith("il feed non è XML ben formato: il documento finisce prima che il tag <channel>")
    assert problem.message.endswith("[rss-xml-well-formed]")


def test_an_error_in_the_feed_stops_the_release_and_names_the_file_to_change(project, monkeypatch):
    """The whole chain as check and build run it (engine, release, driver, report), with an error
    every item's check reports: the release publishes nothing and each problem names its episode."""
    from reset_stories.engines import mkdocs as engine
    from reset_stories.lint import attached

    def wrong_length(self, item, channel):
        self.check.report("file-enclosure-length", item.find("enclosure"), "item/enclosure@length", declared=1, actual=2)

    monkeypatch.setattr(attached.Checks, "item", wrong_length)
    release = engine.load(str(project / "mkdocs.yml"))
    assert release.plan is None
    errors = [p for p in release.problems.errors if p.message.endswith("[file-enclosure-length]")]
    assert sorted(p.path for p in errors) == ["episodes/01-primo.md", "episodes/02-secondo.md"]
    assert {p.field for p in errors} == {"feed item/enclosure@length"}
    assert "reset-stories build" in errors[0].message  # the staff fix


@pytest.mark.skipif(not any(rule.startswith("itunes-") for rule in RULES), reason="needs the apple helper's itunes- rules (after the merge)")
def test_a_broken_rule_stops_check_and_build(project):
    # A title longer than Apple's 255 characters passes the content checks but not the feed's.
    from conftest import edit_front_matter

    edit_front_matter(project / "episodes/02-secondo.md", title="Titolo " * 40)
    for command in (["check"], ["build"]):
        result = run_cli(*command, cwd=project)
        assert result.returncode == 1, command
        assert any(line.startswith("episodes/02-secondo.md: feed item/title: ") and "[itunes-" in line
                   for line in result.stderr.splitlines()), result.stderr
    assert not (project / "site").exists()


# --- the command --------------------------------------------------------------------------------


def test_lint_command_checks_a_built_site(project):
    assert run_cli("build", cwd=project).returncode == 0
    feed = project / "site/feed.xml"
    result = run_cli("lint", str(feed), cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{feed}: nessun errore."
    (project / "site/podcast/01-primo/01-primo.srt").unlink()
    result = run_cli("lint", str(feed), cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if "[file-missing]" in line]
    assert line.startswith("feed.xml, riga ") and ", item/podcast:transcript@url: errore: il file «https://podcast.example.org/podcast/01-primo/01-primo.srt»" in line
    assert "Il primo episodio" not in line  # the line number says where: no episode's name
    assert result.stderr.splitlines()[-1] == f"{feed}: 1 errore: {CONSEQUENCE}"


def test_lint_command_json_for_ci(project):
    assert run_cli("build", cwd=project).returncode == 0
    (project / "site/podcast/01-primo/01-primo.srt").unlink()
    result = run_cli("lint", "--format", "json", "site/feed.xml", cwd=project)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert (document["version"], document["feed"], document["errors"]) == (1, "feed.xml", 1)
    [problem] = [p for p in document["problems"] if p["rule"] == "file-missing"]
    assert set(problem) == {"rule", "level", "message", "fix", "source", "file", "element", "line", "lines", "count"}
    assert (problem["level"], problem["element"], problem["count"]) == ("error", "item/podcast:transcript@url", 1)
    assert problem["lines"] == [problem["line"]] and isinstance(problem["line"], int)
    assert problem["source"].startswith("Apple Podcasts") and "https://" in problem["source"]


def test_lint_command_says_when_the_feed_cannot_be_read(project):
    result = run_cli("lint", "non-esiste.xml", cwd=project)
    assert result.returncode == 2
    assert "il file non-esiste.xml non esiste." in result.stderr and "Traceback" not in result.stderr


# --- the report ---------------------------------------------------------------------------------


def test_the_same_problem_everywhere_is_one_line_with_a_count():
    findings = [Finding("file-missing", 40 + 37 * n, "item/enclosure@url", f"g{n}", (("url", "https://x.example/a.mp3"),)) for n in range(61)]
    findings.append(Finding("file-missing", 30, "item/enclosure@url", "h", (("url", "https://x.example/b.mp3"),)))
    lines = report.lines(findings, RULES, Origin(feed="feed.xml"))
    assert [(line.line, line.count) for line in lines] == [(30, 1), (40, 61)]
    text = report.text(lines, Origin(feed="feed.xml")).splitlines()
    assert text[1].startswith("feed.xml, riga 40, item/enclosure@url: errore: il file «https://x.example/a.mp3» non c'è tra quelli del sito — ")
    assert text[1].endswith(" (e in altri 60 punti: righe 77, 114, 151, 188, 225…). [file-missing]")
    assert report.summary(lines, CONSEQUENCE) == f"62 errori: {CONSEQUENCE}"


def test_our_feed_is_reported_in_the_files_staff_change():
    findings = [
        Finding("file-missing", 12, "item/enclosure@url", "g1", (("url", "u"),)),
        Finding("file-missing", 50, "item/enclosure@url", "g2", (("url", "u"),)),
        Finding("file-artwork", 5, "channel/itunes:image@href", None, (("detail", "d"),)),
    ]
    origin = Origin(feed="feed.xml", ours=True, sources={"g1": "episodes/01.md", "g2": "episodes/02.md"})
    problems = [str(p) for p in report.problems(report.lines(findings, RULES, origin), origin)]
    assert problems[0] == ("mkdocs.yml: feed channel/itunes:image@href: l'immagine non è come Apple la chiede: d — sostituisci "
                           "l'immagine indicata in podcast.artwork (mkdocs.yml) o in image (nell'episodio) con una così. [file-artwork]")
    assert [p.split(":")[0] for p in problems[1:]] == ["episodes/01.md", "episodes/02.md"]


def test_a_rule_whose_values_are_missing_still_reads():
    lines = report.lines([Finding("file-missing", None, "", None, ())], RULES, Origin())
    assert "«?»" in report.text(lines, Origin())


@pytest.mark.parametrize(
    ("feed", "words"),
    [
        (b"<rss><channel></rss>", "il tag <channel> aperto alla riga 1 è chiuso da </rss>"),
        (b"<rss><channel><title>&nbsp;</title></channel></rss>", "l'entità &nbsp; non esiste in XML"),
        (b"<rss><channel><title>a & b</title></channel></rss>", "c'è una & da sola: in XML si scrive &amp;"),
        (b"<rss><channel><title>\x01</title></channel></rss>", "un carattere che XML non ammette"),
        (b'<?xml version="1.0" encoding="UTF-8"?><rss><channel><title>\xe0 </title></channel></rss>', "i byte non sono nella codifica"),
        (b"", "il documento è vuoto"),
        (b"<rss><channel><itunes:image/></channel></rss>", "il prefisso itunes: (in itunes:image) non è dichiarato"),
        (b"<rss></rss><rss/>", "c'è altro dopo la fine del documento"),
    ],
)
def test_libxml2s_errors_are_said_in_italian(feed, words):
    [finding] = lint_feed(feed).findings
    assert finding.rule == "rss-xml-well-formed"
    assert words in finding.arguments["detail"], finding.arguments


def test_an_unknown_libxml2_error_is_shown_as_it_is_and_said_to_be_english():
    assert report.xml_error("Something new happened, line 3") == "il lettore XML dice, in inglese, «Something new happened, line 3»"


# --- active markup (the function the sanitizer's tests use too) ------------------------------------


@pytest.mark.parametrize(
    "href",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "JaVaScRiPt&#58;alert(1)", "java&#x09;script:alert(1)", "java&Tab;script:alert(1)",
     "java\nscript:alert(1)", "   javascript:alert(1)", "&#x01;javascript:alert(1)", "&#106;avascript:alert(1)", "javascript&colon;alert(1)"],
)
def test_javascript_urls_are_seen_in_any_spelling(href):
    hazards = active_markup(f'<p><a href="{href}">clicca</a></p>')
    assert len(hazards) == 1 and "javascript:" in hazards[0], hazards


def test_markup_let_out_of_an_attribute_and_ordinary_html():
    assert any("onerror" in h for h in active_markup('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>'))
    assert active_markup('<p><a href="https://example.org/javascript:x">link</a> <img src="a.jpg" alt="javascript:"></p>') == []


# --- nothing outside the site is read ----------------------------------------------------------

SECRET = "SEGRETO-non-deve-uscire-42"


def test_lint_never_reads_outside_the_site_folder(project):
    assert run_cli("build", cwd=project).returncode == 0
    site = project / "site"
    (project / "secret.vtt").write_text(f"WEBVTT\n\n{SECRET}\n", encoding="utf-8")
    (project / "secret.jpg").write_text(SECRET, encoding="utf-8")
    (site / "podcast/01-primo/collegamento.vtt").symlink_to(project / "secret.vtt")
    feed = site / "feed.xml"
    urls = {
        "https://podcast.example.org/podcast/01-primo/01-primo.vtt": "https://podcast.example.org/podcast/../../secret.vtt",
        "https://podcast.example.org/podcast/01-primo/01-primo.srt": "https://podcast.example.org/%2e%2e/secret.vtt",
        "https://podcast.example.org/podcast/01-primo/01-primo.json": "https://podcast.example.org//" + str(project / "secret.vtt").lstrip("/"),
        "https://podcast.example.org/podcast/01-primo/01-primo.html": "https://podcast.example.org/podcast/01-primo/collegamento.vtt",
        "https://podcast.example.org/podcast/copertina.jpg": "https://podcast.example.org/podcast/%2E%2E%2F..%2Fsecret.jpg",
    }
    text = feed.read_text(encoding="utf-8")
    for old, new in urls.items():
        assert old in text
        text = text.replace(old, new)
    feed.write_text(text, encoding="utf-8")
    result = run_cli("lint", "--format", "json", str(feed), cwd=project)
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    refused = [p for p in json.loads(result.stdout)["problems"] if p["rule"] == "file-outside-site"]
    assert {(p["element"], p["message"].split("«")[1].split("»")[0]) for p in refused} == {
        *(("item/podcast:transcript@url", url) for url in list(urls.values())[:4]),
        ("channel/itunes:image@href", "https://podcast.example.org/podcast/%2E%2E%2F..%2Fsecret.jpg"),
        ("channel/image/url", "https://podcast.example.org/podcast/%2E%2E%2F..%2Fsecret.jpg"),
    }


def test_an_empty_html_transcript_is_a_problem_not_a_crash(project):
    assert run_cli("build", cwd=project).returncode == 0
    (project / "site/podcast/01-primo/01-primo.html").write_bytes(b"")
    linted = lint_file(project / "site/feed.xml")
    assert [(f.rule, f.element) for f in linted.findings] == [("file-transcript-empty", "item/podcast:transcript@url")]


def test_a_feed_outside_a_built_site_reads_no_file(tmp_path: Path, project):
    assert run_cli("build", cwd=project).returncode == 0
    copy = tmp_path / "altrove.xml"
    copy.write_bytes((project / "site/feed.xml").read_bytes())
    (project / "site/podcast/01-primo/01-primo.srt").unlink()
    assert lint_file(copy).findings == []


# --- lint URL and --remote: the real command against real hosts on 127.0.0.1 ---------------------------------


SERVED_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Storie di bottega</title>
    <link>{base}/</link>
    <atom:link href="{base}/feed.xml" rel="self" type="application/rss+xml"/>
    <description>Storie e persone del territorio senese.</description>
    <language>it</language>
    <generator>https://www.buzzsprout.com</generator>
    <itunes:author>Marco Bianchi</itunes:author>
    <itunes:owner><itunes:name>Marco Bianchi</itunes:name><itunes:email>marco@example.org</itunes:email></itunes:owner>
    <itunes:image href="{base}/art/cover.jpg"/>
    <itunes:category text="Society &amp; Culture"/>
    <itunes:explicit>false</itunes:explicit>
    <item>
      <title>Il palazzo e la piazza</title>
      <description>Una storia di piazza.</description>
      <guid isPermaLink="false">Buzzsprout-15021234</guid>
      <pubDate>Thu, 20 Jun 2024 06:00:00 +0200</pubDate>
      <enclosure url="{base}/{audio}" length="48000" type="audio/mpeg"/>
      <itunes:duration>1834</itunes:duration>
    </item>
  </channel>
</rss>
"""


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    made = remote_hosts.certificate(tmp_path_factory.mktemp("tls"))
    if made is None:
        pytest.skip("no openssl command to make a certificate with")
    return made


@contextlib.contextmanager
def podcast_host(tls, audio: str = "ep1.mp3", **routes: remote_hosts.Route):
    """An https host (its certificate trusted by the command run with :func:`lint_cli`) serving a
    complete feed at /feed.xml, its artwork and its audio at /ep1.mp3; ``routes`` change or add paths."""
    with remote_hosts.Host(tls=tls) as host:
        host.routes.update({
            "/feed.xml": remote_hosts.Route(SERVED_FEED.format(base=host.base, audio=audio).encode(), type="application/rss+xml"),
            "/art/cover.jpg": remote_hosts.Route(remote_hosts.jpeg(), type="image/jpeg"),
            "/ep1.mp3": remote_hosts.audio(remote_hosts.mp3(48_000)),
        })
        host.routes.update({"/" + path.replace("_", "."): route for path, route in routes.items()})
        yield host


def lint_cli(tls, *args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``reset-stories lint …`` in a fresh process that trusts the hosts' certificate."""
    return run_cli("lint", *args, cwd=cwd, env={**os.environ, "SSL_CERT_FILE": str(tls.cert)}, timeout=timeout)


def test_lint_url_of_a_good_feed_is_clean(tls, tmp_path):
    with podcast_host(tls) as host:
        result = lint_cli(tls, "--remote", host.url("/feed.xml"), cwd=tmp_path)
        assert (result.returncode, result.stdout.strip()) == (0, f"{host.url('/feed.xml')}: nessun errore."), result.stderr
        assert "Controllo dei file sui server" in result.stderr  # progress goes to stderr, never into the output
        assert host.requests("/ep1.mp3", "HEAD") and host.requests("/art/cover.jpg")


def test_lint_url_reports_the_redirect_and_the_hosts_answers_in_json(tls, tmp_path):
    with podcast_host(tls, audio="mancante.mp3", vecchio_xml=remote_hosts.redirect("/feed.xml", 301)) as host:
        result = lint_cli(tls, "--remote", "--format", "json", host.url("/vecchio.xml"), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)  # stdout is the JSON alone
    assert document["feed"] == host.url("/vecchio.xml")
    found = {p["rule"]: p for p in document["problems"]}
    assert set(found) == {"remote-feed-redirect-permanent", "remote-status"}
    assert found["remote-status"]["level"] == "error" and found["remote-status"]["element"] == "item/enclosure@url"
    assert host.url("/feed.xml") in found["remote-feed-redirect-permanent"]["message"]
    assert "Traceback" not in result.stderr


def test_lint_url_without_remote_fetches_only_the_feed(tls, tmp_path):
    with podcast_host(tls, audio="mancante.mp3") as host:
        result = lint_cli(tls, host.url("/feed.xml"), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert [seen.path for seen in host.seen] == ["/feed.xml"]


def test_lint_url_that_cannot_be_fetched_is_a_usage_error(tls, tmp_path):
    with podcast_host(tls) as host:
        missing = lint_cli(tls, host.url("/non-esiste.xml"), cwd=tmp_path)
        page = lint_cli(tls, host.url("/pagina.html"), cwd=tmp_path)
    for result in (missing, page):
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr and result.stdout == ""
    assert "404" in missing.stderr
    closed = lint_cli(tls, "https://127.0.0.1:9/feed.xml", cwd=tmp_path)  # the discard port: nobody answers
    assert closed.returncode == 2 and "Traceback" not in closed.stderr


def test_lint_of_a_file_asks_no_host(tls, tmp_path):
    with podcast_host(tls) as host:
        feed = tmp_path / "scaricato.xml"  # not where its self link says: no built site around it either
        feed.write_text(SERVED_FEED.format(base=host.base, audio="ep1.mp3"), encoding="utf-8")
        result = lint_cli(tls, str(feed), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert host.seen == []


def test_lint_remote_is_bounded_in_time_and_says_what_it_could_not_check(tls, tmp_path):
    with podcast_host(tls, ep1_mp3=remote_hosts.Route(remote_hosts.mp3(48_000), delay=30)) as host:
        started = time.monotonic()
        result = lint_cli(tls, "--remote", "--timeout", "2", host.url("/feed.xml"), cwd=tmp_path)
        elapsed = time.monotonic() - started
    assert elapsed < 15, elapsed
    assert result.returncode == 0, result.stderr  # a warning: what was not checked is neither right nor wrong
    [line] = [line for line in result.stderr.splitlines() if "[remote-not-checked]" in line]
    assert "avviso" in line and "2 secondi" in line
