"""Importing feeds shaped like the big hosts' (tests/fixtures/feeds/<host>/feed.xml): the files written
and the messages, exactly (``expected/`` and ``expected.txt`` beside each feed).

The feed is read as if from ``https://feeds.example/<host>/feed.xml``: what it links to under that
address is the fixture folder's files, anything else is out of reach (no network in tests).
After a deliberate change, regenerate with ``RESET_STORIES_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, run_cli
from webserver import serve

from reset_stories import cli
from reset_stories.importing import FetchFailed, NotAFeed, layout_of, plan_import, read_feed, write_plan
from reset_stories.importing.feed_reader import parse_date, plain_text, to_markdown

FEEDS = REPO / "tests" / "fixtures" / "feeds"
HOSTS = sorted(p.name for p in FEEDS.iterdir() if (p / "feed.xml").is_file())
UPDATE = os.environ.get("RESET_STORIES_UPDATE_GOLDEN") == "1"


def _fetcher(host: str):
    base = f"https://feeds.example/{host}/"

    def fetch(url: str) -> bytes:
        path = FEEDS / host / url.removeprefix(base)
        if url.startswith(base) and path.is_file():
            return path.read_bytes()
        raise FetchFailed(f"{url} non si può scaricare (nei test non c'è rete)")

    return base, fetch


def _import(host: str, target: Path) -> str:
    base, fetch = _fetcher(host)
    feed = read_feed((FEEDS / host / "feed.xml").read_bytes(), base + "feed.xml")
    plan = plan_import(feed, layout_of(target), feed_url=base + "feed.xml", site_url=None, audio=False, fetch=fetch)
    notes = plan.notes + write_plan(plan, fetch_file=fetch, fetch_audio=None, report=lambda _line: None)
    lines = [f"avviso: {note}" for note in notes]
    lines.append(f"Importati: {len(plan.imported)} su {feed.count}; già nel progetto: {plan.skipped_known}.")
    return "\n".join(lines) + "\n"


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("host", HOSTS)
def test_a_hosts_feed_imports_into_the_expected_files(host: str, tmp_path: Path):
    target = tmp_path / "project"
    output = _import(host, target)
    expected_dir = FEEDS / host / "expected"
    expected_txt = FEEDS / host / "expected.txt"
    if UPDATE:
        shutil.rmtree(expected_dir, ignore_errors=True)
        shutil.copytree(target, expected_dir)
        expected_txt.write_text(output, encoding="utf-8")
    assert output == expected_txt.read_text(encoding="utf-8")
    assert _tree(target) == _tree(expected_dir)
    # Twice: every episode is known, nothing is written again.
    before = _tree(target)
    again = _import(host, target)
    assert "Importati: 0 su" in again
    # What was wrong with the items already imported was said the first time; items never
    # imported (no audio, a repeated guid) are said again.
    assert not any("non importat" not in line for line in again.splitlines() if line.startswith("avviso: elemento"))
    assert _tree(target) == before


@pytest.mark.parametrize("host", HOSTS)
def test_check_on_what_was_imported_says_exactly_what_is_left_to_do(host: str, tmp_path: Path):
    """check reads every imported file: what is left (the audio, what the feed lacked) in Italian,
    never a traceback (``expected-check.txt``)."""
    target = tmp_path / "project"
    shutil.copytree(FEEDS / host / "expected", target)
    result = run_cli("check", cwd=target)
    expected = FEEDS / host / "expected-check.txt"
    if UPDATE:
        expected.write_text(result.stderr, encoding="utf-8")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr == expected.read_text(encoding="utf-8")


def test_guids_are_kept_byte_for_byte_even_when_they_are_urls(tmp_path: Path):
    _import("spreaker", tmp_path / "p")
    text = (tmp_path / "p" / "episodes" / "la-carriera-di-luglio-le-contrade-vincitrici.md").read_text(encoding="utf-8")
    assert "\nguid: https://api.spreaker.com/episode/56212345\n" in text
    assert 'title: La carriera di luglio & le contrade "vincitrici"\n' in text


def test_dates_in_the_usual_odd_shapes_keep_their_offset():
    assert parse_date("Wed, 03 Jul 2024 20:15:00 +0200").isoformat() == "2024-07-03T20:15:00+02:00"
    assert parse_date("29 Jun 2024 18:00 GMT").isoformat() == "2024-06-29T18:00:00+00:00"
    assert parse_date("Monday, 08 January 2024 10:00 EST").isoformat() == "2024-01-08T10:00:00-05:00"
    assert parse_date("Thu, 4 Jan 2024 5:00:00 -0500").isoformat() == "2024-01-04T05:00:00-05:00"
    assert parse_date("Fri, 4 Sept 2024 05:00:00 Z").isoformat() == "2024-09-04T05:00:00+00:00"
    assert parse_date("2024-01-08T10:00:00Z").isoformat() == "2024-01-08T10:00:00+00:00"
    assert parse_date("Mon, 08 Jan 2024 10:00:00 -0000").isoformat() == "2024-01-08T10:00:00+00:00"
    assert parse_date("domani") is None


def test_titles_and_notes_lose_their_markup_but_not_their_text():
    assert plain_text("<b>Il catasto</b> del 1318 &amp;amp; altro") == "Il catasto del 1318 & altro"
    assert plain_text("a < b") == "a < b"
    assert plain_text("Titolo\x85 con &#128; e\u200b\x07") == "Titolo con € e\u200b"  # controls out; what is allowed stays
    assert to_markdown('<p>Con <a href="https://x.example/">un link</a></p><script>alert(1)</script>') == "Con [un link](https://x.example/)\n"
    # Relative links would point nowhere in the new site: they are resolved against the feed's address.
    assert to_markdown('<p><a href="/chi-siamo">noi</a> <a href="#n1">nota</a></p>', "https://old.example/feed.xml") == (
        "[noi](https://old.example/chi-siamo) [nota](#n1)\n"
    )


@pytest.mark.parametrize(("document", "message"), [
    (b"<html><body><p>Il nostro podcast</p></body></html>", "non è un feed RSS (il documento comincia con <html>"),
    (b"<feed xmlns='http://www.w3.org/2005/Atom'><title>x</title></feed>", "è un feed Atom, non RSS"),
    (b"\x00\x01 niente", "non è un feed: il file non contiene XML leggibile"),
])
def test_a_document_that_is_not_a_feed_is_one_italian_line(document: bytes, message: str, tmp_path: Path):
    page = tmp_path / "pagina.xml"
    page.write_bytes(document)
    result = CliRunner().invoke(cli.main, ["import", str(page), "-d", str(tmp_path / "p"), "--no-audio"])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "p").exists()
    with pytest.raises(NotAFeed):
        read_feed(document, None)


def test_minor_xml_faults_are_recovered(tmp_path: Path):
    feed = (
        b"<rss version='2.0'><channel><title>Prove & errori</title><item><title>Uno & due</title><guid>g1</guid>"
        b"<pubDate>Mon, 08 Jan 2024 10:00:00 +0100</pubDate><enclosure url='https://x.example/1.mp3' length='1' type='audio/mpeg'/>"
        b"</item></channel>"
    )
    read = read_feed(feed, None)
    assert [item.guid for item in read.items] == ["g1"]


def test_a_feed_without_any_audio_imports_nothing_and_says_so(tmp_path: Path):
    (tmp_path / "feed.xml").write_bytes(b"<rss version='2.0'><channel><title>T</title><item><title>Solo testo</title></item></channel></rss>")
    result = CliRunner().invoke(cli.main, ["import", str(tmp_path / "feed.xml"), "-d", str(tmp_path / "p"), "--no-audio"])
    assert result.exit_code == 1
    assert "elemento 1 «Solo testo»: non ha un file audio (enclosure): non è un episodio da importare — non importato." in result.output
    assert "nessun episodio importato" in result.output


def test_a_feed_served_over_http_resolves_relative_urls_against_its_address(tmp_path: Path):
    with serve(FEEDS / "castopod") as url:
        result = CliRunner().invoke(cli.main, ["import", f"{url}feed.xml", "-d", str(tmp_path / "p"), "--no-audio"])
    assert result.exit_code == 0, result.output
    episode = (tmp_path / "p" / "episodes" / "02-la-fiera-di-san-michele.md").read_text(encoding="utf-8")
    assert f"moved_from: {url}audio/ep2.mp3" in episode
    assert (tmp_path / "p" / "episodes" / "copertina.png").read_bytes() == (FEEDS / "castopod" / "cover.png").read_bytes()


def test_a_thousand_items_import_without_audio_in_seconds(tmp_path: Path):
    """Not a timed assertion (benchmarks/importing.py prints the time): it finishes and imports all."""
    from big_feed import big_feed

    started = time.perf_counter()
    read = read_feed(big_feed(1000), "https://feeds.example/big/feed.xml")
    plan = plan_import(read, layout_of(tmp_path / "p"), feed_url="https://feeds.example/big/feed.xml", site_url=None, audio=False)
    write_plan(plan, fetch_file=lambda url: b"", fetch_audio=None, report=lambda _line: None)
    assert len(plan.imported) == 1000
    assert len(list((tmp_path / "p" / "episodes").glob("*.md"))) == 1000
    assert time.perf_counter() - started >= 0


def test_a_later_run_adds_only_the_new_episodes_and_grows_the_ledger(tmp_path: Path):
    target = tmp_path / "p"
    _import("podlove", target)
    (target / "episodes" / "01-ch001-benvenuti.md").write_text("modificato a mano\nguid: podlove-2024-01-10t09:00:00+00:00-3e1f0a2b4c5d6e7\n", encoding="utf-8")
    newer = (FEEDS / "podlove" / "feed.xml").read_text(encoding="utf-8").replace("<item>", """<item>
      <title>CH003 Le campane</title><pubDate>Sun, 10 Mar 2024 09:30:00 +0100</pubDate>
      <guid isPermaLink="false">podlove-ch003</guid><itunes:episode>3</itunes:episode>
      <enclosure url="https://chiostro.example.org/podlove/file/13/ch003.mp3" length="1" type="audio/mpeg"/>
    </item>
    <item>""", 1)
    base, fetch = _fetcher("podlove")
    plan = plan_import(read_feed(newer.encode(), base + "feed.xml"), layout_of(target), feed_url=base + "feed.xml", site_url=None, audio=False, fetch=fetch)
    assert [item.guid for item in plan.imported] == ["podlove-ch003"]
    assert plan.skipped_known == 2
    assert plan.differences == []  # the project's settings are the feed's
    assert [plan.relative(f.path) for f in plan.files] == ["episodes/03-ch003-le-campane.md"]
    write_plan(plan, fetch_file=fetch, fetch_audio=None, report=lambda _line: None)
    assert (target / "episodes" / "01-ch001-benvenuti.md").read_text(encoding="utf-8").startswith("modificato a mano")
    ledger = (target / "published.yml").read_text(encoding="utf-8")
    assert ledger.count("- guid: ") == 3 and "guid: podlove-ch003" in ledger


def test_a_folder_that_cannot_be_written_is_one_italian_line(tmp_path: Path):
    target = tmp_path / "p"
    target.mkdir()
    (target / "episodes").write_text("un file dove andrebbe una cartella", encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["import", str(FEEDS / "libsyn" / "feed.xml"), "-d", str(target), "--no-audio"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "episodes" in result.output


def test_a_guid_with_spaces_is_kept_when_the_ledger_records_it():
    from reset_stories.content.fields import Invalid
    from reset_stories.content.loader import _read_guid

    # Imported episodes are recorded in published.yml: their guid is taken as apps know it.
    assert _read_guid("Buzzsprout 1234 abc", recorded=frozenset({"Buzzsprout 1234 abc"})) == "Buzzsprout 1234 abc"
    # A new episode's guid with spaces is most likely a title typed by mistake.
    with pytest.raises(Invalid):
        _read_guid("episodio uno", recorded=frozenset({"Buzzsprout 1234 abc"}))
