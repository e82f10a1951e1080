"""``check --remote --old-feed URL``: the move of a podcast from another host, checked as apps see it.

Two local servers: the old host (the old feed and its audio, misbehaving on demand) and the new
one (the built site, at site_url).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from httpfaults import FaultyServer
from webserver import free_port, serve

GUIDS = ("5f1d3b2a-0000-4000-8000-000000000001", "5f1d3b2a-0000-4000-8000-000000000002")


def old_feed(host: FaultyServer, project: Path, *, new_feed_url: str | None = None, extra_item: bool = False, podcast_guid: str | None = None) -> bytes:
    """The old host's feed of the fixture's two episodes, with their audio as it was there."""
    audio = project / "episodes" / "audio"
    host.files["/audio/01.mp3"] = ((audio / "01-primo.mp3").read_bytes(), "audio/mpeg")
    host.files["/audio/02.m4a"] = ((audio / "02-secondo.m4a").read_bytes(), "audio/x-m4a")
    items = [
        (GUIDS[0], "Il primo episodio", "/audio/01.mp3", "audio/mpeg", 0),
        (GUIDS[1], "Il secondo episodio", "/audio/02.m4a", "audio/x-m4a", 999),  # hosts often publish wrong lengths
    ]
    if extra_item:
        host.files["/audio/03.mp3"] = ((audio / "01-primo.mp3").read_bytes(), "audio/mpeg")
        items.append(("vecchio-3", "Un episodio dimenticato", "/audio/03.mp3", "audio/mpeg", 1))
    body = "".join(
        f'<item><title>{title}</title><guid isPermaLink="false">{guid}</guid>'
        f'<enclosure url="{host.url(path)}" length="{length}" type="{kind}"/></item>'
        for guid, title, path, kind, length in items
    )
    channel = (
        "<title>Voci di prova</title>"
        + (f"<itunes:new-feed-url>{new_feed_url}</itunes:new-feed-url>" if new_feed_url else "")
        + (f"<podcast:guid>{podcast_guid}</podcast:guid>" if podcast_guid else "")
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
        f'xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>{channel}{body}</channel></rss>'
    )
    host.files["/feed.xml"] = (xml.encode(), "application/rss+xml")
    return xml.encode()


@pytest.fixture
def moved(project):
    """The project built for a site at a local address; yields (project, new feed URL, old host)."""
    port = free_port()
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("https://podcast.example.org/", f"http://127.0.0.1:{port}/"), encoding="utf-8")
    assert run_cli("build", cwd=project).returncode == 0
    with serve(project / "site", port) as new_base, FaultyServer() as host:
        yield project, new_base + "feed.xml", host


def check(project: Path, host: FaultyServer):
    return run_cli("check", "--old-feed", host.url("/feed.xml"), cwd=project)


def test_a_permanent_redirect_to_the_new_feed(moved):
    project, new_feed, host = moved
    host.redirects["/feed.xml"] = (301, new_feed)
    result = check(project, host)
    assert result.returncode == 0, result.stderr
    assert f"Il vecchio feed {host.url('/feed.xml')} è reindirizzato in modo permanente (301) al nuovo {new_feed}." in result.stdout
    assert "Audio pubblicato verificato: 2 file come nel feed." in result.stdout  # --old-feed implies --remote
    # Through the old host's own permanent redirect first (http → https, say), with 308.
    host.redirects["/feed.xml"] = (308, "/rss")
    host.redirects["/rss"] = (301, new_feed)
    assert check(project, host).returncode == 0


def test_a_temporary_redirect_is_not_enough(moved):
    project, new_feed, host = moved
    host.redirects["/feed.xml"] = (302, new_feed)
    result = check(project, host)
    assert result.returncode == 1
    assert (
        f"{host.url('/feed.xml')}: vecchio feed: è reindirizzato con un codice temporaneo (302) verso {new_feed}: le app non "
        f"aggiornano l'indirizzo — usa un reindirizzamento permanente (301) verso {new_feed}."
    ) in result.stderr
    assert result.stderr.strip().endswith("il trasferimento del podcast non è ancora completo.")
    host.redirects["/feed.xml"] = (301, host.url("/altrove.xml"))
    result = check(project, host)
    assert result.returncode == 1 and "vecchio feed: risponde 404" in result.stderr


def test_the_old_feed_still_online_with_new_feed_url(moved):
    project, new_feed, host = moved
    old_feed(host, project, new_feed_url=new_feed)
    result = check(project, host)
    assert result.returncode == 0, result.stderr
    assert f"Il vecchio feed {host.url('/feed.xml')} indica il nuovo con itunes:new-feed-url." in result.stdout
    assert "Episodi del vecchio feed ritrovati con lo stesso guid e lo stesso audio: 2." in result.stdout
    assert "avviso" not in result.stderr  # the wrong length in the old feed does not matter: the file is the same
    # Both old enclosures were asked (HEAD), as apps that have not moved yet will.
    assert host.requests("/audio/01.mp3", "HEAD") and host.requests("/audio/02.m4a", "HEAD")
    # A host that refuses HEAD is asked for the first bytes instead.
    host.refuse_head = True
    host.files["/audio/02.m4a"] = (b"\0\0\0\x20ftypM4A " + b"\0" * 100, "audio/mp4")
    result = check(project, host)
    assert result.returncode == 0, result.stderr
    assert host.requests("/audio/02.m4a")[-1].headers["range"] == "bytes=0-1"
    assert "il vecchio audio è di 112 byte, il nostro originale di 17552" in result.stderr
    assert "Episodi del vecchio feed ritrovati con lo stesso guid e lo stesso audio: 1." in result.stdout


def test_the_old_feed_without_a_pointer_to_the_new_one(moved):
    project, new_feed, host = moved
    old_feed(host, project)
    result = check(project, host)
    assert result.returncode == 1
    assert (
        f"{host.url('/feed.xml')}: vecchio feed: risponde ancora 200 e non indica il nuovo feed: le app non sanno che il podcast "
        f"si è spostato — sul vecchio servizio imposta un reindirizzamento permanente (301) verso {new_feed}, oppure aggiungi al feed "
        f"<itunes:new-feed-url>{new_feed}</itunes:new-feed-url>."
    ) in result.stderr
    old_feed(host, project, new_feed_url="https://altrove.example.org/feed.xml")
    assert "itunes:new-feed-url indica https://altrove.example.org/feed.xml invece del nuovo feed" in check(project, host).stderr


def test_what_differs_between_the_old_episodes_and_ours(moved):
    project, new_feed, host = moved
    old_feed(host, project, new_feed_url=new_feed, extra_item=True, podcast_guid="11111111-2222-5333-8444-555555555555")
    host.files["/audio/01.mp3"] = (b"\xff\xfb" * 5000, "audio/mpeg")  # another version of the audio
    del host.files["/audio/02.m4a"]  # taken offline too early
    result = check(project, host)
    assert result.returncode == 1
    old = host.url("/feed.xml")
    assert (
        f"{old}: vecchio feed: l'episodio «Un episodio dimenticato» (vecchio-3) non è tra gli episodi pubblicati: le app lo "
        "toglierebbero agli ascoltatori"
    ) in result.stderr
    assert (
        f"{old}: vecchio feed: il suo podcast:guid è 11111111-2222-5333-8444-555555555555, il nuovo feed ha "
        "375e050f-7f52-5e9b-9cfc-9414515d1a5b — il podcast deve tenere lo stesso"
    ) in result.stderr
    assert (
        f"episodes/01-primo.md: avviso: vecchio audio: {host.url('/audio/01.mp3')}: il vecchio audio è di 10000 byte, il nostro "
        "originale di 24449 (pubblicato: "
    ) in result.stderr
    assert "con le informazioni dell'episodio scritte dentro, +" in result.stderr
    assert f"episodes/02-secondo.md: avviso: vecchio audio: {host.url('/audio/02.m4a')}: non risponde più (404)" in result.stderr
    assert "il vecchio audio è di 999 byte" not in result.stderr  # the old feed's lengths are not evidence
    assert "Traceback" not in result.stderr


def test_the_old_feed_unreachable_and_the_new_not_published(moved):
    project, new_feed, _ = moved
    (project / "site" / "feed.xml").unlink()
    result = run_cli("check", "--old-feed", f"http://127.0.0.1:{free_port()}/feed.xml", cwd=project)
    assert result.returncode == 1
    assert f"{new_feed}: nuovo feed: non risponde (404) — pubblica il sito prima di controllare il trasferimento." in result.stderr
    assert "vecchio feed: non risponde (" in result.stderr and "tienilo online" in result.stderr


def test_the_new_feed_given_as_the_old_one(moved):
    project, new_feed, _ = moved
    result = run_cli("check", "--old-feed", new_feed, cwd=project)
    assert result.returncode == 1
    assert f"{new_feed}: vecchio feed: è l'indirizzo del nuovo feed — scrivi dopo --old-feed l'indirizzo del feed sul vecchio servizio." in result.stderr
