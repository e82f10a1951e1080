"""The issue's "done when": the demo's published feed, imported into an empty folder and built again,
gives the same episodes to podcast apps (guids, titles, dates, audio, chapters, transcripts, people,
the show's podcast:guid), and importing again changes nothing."""

from __future__ import annotations

import json
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, copy_project, run_cli
from lxml import etree
from webserver import free_port, serve

from reset_stories import cli

P = "{https://podcastindex.org/namespace/1.0}"
IT = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory):
    project = copy_project(REPO, tmp_path_factory.mktemp("demo"))
    port = free_port()
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("https://reset.example.org/", f"http://127.0.0.1:{port}/"), encoding="utf-8")
    result = run_cli("build", "--move-media", cwd=project)
    assert result.returncode == 0, result.stderr
    with serve(project / "site", port) as url:
        yield url, project


def _import(*args: str, monkeypatch: pytest.MonkeyPatch, audio: bool = True):
    # The real command, with the real downloader (reset_stories.importing.download) against the local server.
    return CliRunner().invoke(cli.main, ["import", *args], catch_exceptions=False)


def _items(feed: Path, url: str) -> dict[str, dict[str, object]]:
    """What apps read of each item of ``feed``, its linked files read from the site beside it."""

    def linked(address: str | None) -> bytes:
        assert address and address.startswith(url)
        return (feed.parent / address.removeprefix(url)).read_bytes()

    channel = etree.parse(str(feed)).getroot().find("channel")
    assert channel is not None
    found = {}
    for item in channel.iterfind("item"):
        enclosure = item.find("enclosure")
        chapters = item.find(f"{P}chapters")
        chapter_list = None
        if chapters is not None:
            data = json.loads(linked(chapters.get("url")))
            chapter_list = [(c["startTime"], c["title"]) for c in data["chapters"]]
        transcript = next((t for t in item.iterfind(f"{P}transcript") if t.get("type") == "text/vtt"), None)
        found[item.findtext("guid")] = {
            "title": item.findtext("title"),
            "link": item.findtext("link"),
            "enclosure": enclosure.get("url") if enclosure is not None else None,
            "date": parsedate_to_datetime(item.findtext("pubDate") or ""),
            "length": enclosure.get("length") if enclosure is not None else None,
            "type": enclosure.get("type") if enclosure is not None else None,
            "duration": item.findtext(f"{IT}duration"),
            "chapters": chapter_list,
            "transcript": linked(transcript.get("url")) if transcript is not None else None,
            "people": [(p.text, p.get("role"), p.get("group")) for p in item.iterfind(f"{P}person")],
            "number": item.findtext(f"{IT}episode"),
            "season": item.findtext(f"{IT}season"),
        }
    return found


def linked_file(site: Path, url: str, address: str) -> bytes:
    return (site / address.removeprefix(url)).read_bytes()


def test_the_demo_comes_back_the_same_through_import_and_build(demo_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    url, demo = demo_site
    target = tmp_path / "imported"
    result = _import(f"{url}feed.xml", "-d", str(target), "--site-url", url, monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert "Importati: 4 episodi su 4 elementi del feed." in result.output
    old_feed = demo / "site" / "feed.xml"
    old = _items(old_feed, url)

    built = run_cli("build", "-d", str(tmp_path / "site"), cwd=target)
    assert built.returncode == 0, built.stderr
    new_feed = tmp_path / "site" / "feed.xml"
    new = _items(new_feed, url)
    assert new.keys() == old.keys()
    for guid, before in old.items():
        after = new[guid]
        for key in ("title", "date", "type", "duration", "chapters", "transcript", "people", "number", "season"):
            assert after[key] == before[key], (guid, key)
    old_guid = etree.parse(str(old_feed)).getroot().findtext(f"channel/{P}guid")
    assert old_guid and etree.parse(str(new_feed)).getroot().findtext(f"channel/{P}guid") == old_guid
    # The audio downloaded is the demo's, byte for byte as published; each episode keeps the slug of
    # its old addresses, so the new build tags it the same way: same page, same enclosure, same length.
    for guid, before in old.items():
        after = new[guid]
        slug = Path(str(after["enclosure"])).stem
        downloaded = (target / "episodes" / "audio" / f"{slug}.mp3").read_bytes()
        assert downloaded == linked_file(demo / "site", url, str(before["enclosure"]))
        for key in ("link", "enclosure", "length"):
            assert after[key] == before[key], (guid, key)

    # The ledger protected the imported episodes from the first build, and recorded their move.
    ledger = (target / "published.yml").read_text(encoding="utf-8")
    assert ledger.count("guid: ") == 4 and url in ledger

    # Twice: nothing new, nothing touched.
    before_files = {p: p.read_bytes() for p in target.rglob("*") if p.is_file() and ".cache" not in p.parts}
    again = _import(f"{url}feed.xml", "-d", str(target), monkeypatch=monkeypatch)
    assert again.exit_code == 0, again.output
    assert "Già nel progetto: 4 episodi (saltati)." in again.output
    assert "Importati: 0 episodi su 4 elementi del feed." in again.output
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file() and ".cache" not in p.parts} == before_files


def test_without_audio_check_says_which_file_is_missing_and_where_it_was(demo_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    url, _ = demo_site
    target = tmp_path / "imported"
    result = _import(f"{url}feed.xml", "-d", str(target), "--no-audio", monkeypatch=monkeypatch, audio=False)
    assert result.exit_code == 0, result.output
    assert not any((target / "episodes" / "audio").iterdir())
    episode = (target / "episodes" / "04-reset.md").read_text(encoding="utf-8")
    assert f"moved_from: {url}podcast/04-reset/04-reset.mp3" in episode
    assert "guid: 9001eb54-c968-4583-b0bd-9643416d3c4b" in episode
    assert 'start: "00:00:20"' in episode
    assert (target / "episodes" / "04-reset.vtt").read_bytes().startswith(b"WEBVTT")
    assert (target / "content" / "persone" / "aldo-buzio.md").is_file()
    checked = run_cli("check", cwd=target)
    assert checked.returncode == 1
    assert "episodes/04-reset.md" in checked.stderr
    assert "audio/04-reset.mp3" in checked.stderr


def test_dry_run_writes_nothing(demo_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    url, _ = demo_site
    target = tmp_path / "imported"
    result = _import(f"{url}feed.xml", "-d", str(target), "--dry-run", monkeypatch=monkeypatch, audio=False)
    assert result.exit_code == 0, result.output
    assert "Scriverei mkdocs.yml" in result.output
    assert f"Scriverei episodes/audio/04-reset.mp3 (da {url}podcast/04-reset/04-reset.mp3)" not in result.output
    assert "Importerei: 4 episodi su 4 elementi del feed." in result.output
    assert not target.exists()


def test_into_the_demo_itself_reports_the_settings_that_differ_and_imports_nothing(demo_site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    url, _ = demo_site
    project = copy_project(REPO, tmp_path / "demo")
    config = (project / "mkdocs.yml").read_bytes()
    edited = config.replace(b"email: podcast@example.org", b"email: altro@example.org")
    (project / "mkdocs.yml").write_bytes(edited)
    result = _import(f"{url}feed.xml", "-d", str(project), "--no-audio", monkeypatch=monkeypatch, audio=False)
    assert result.exit_code == 0, result.output
    assert "mkdocs.yml: podcast.owner.email: in mkdocs.yml «altro@example.org», nel feed «podcast@example.org»" in result.output
    assert "Già nel progetto: 4 episodi (saltati)." in result.output
    assert (project / "mkdocs.yml").read_bytes() == edited
