"""The staff's daily loop, on a copy of the real demo with its publication history.

build → serve → read the pages and their audio from the running preview → edit an episode, a
story, a person → see each change → break a file and keep the last good preview → fix it →
build again. Also `serve --drafts`, `mkdocs serve`, a busy port, and preview settings that must
never reach what a build publishes.
"""

from __future__ import annotations

import os
import socket
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import CLI, REPO, copy_project, edit_front_matter, run_cli
from lxml import etree
from previews import fetch, fetch_bytes, preview, wait_for
from search_index import searchable_text

MKDOCS = Path(sys.executable).parent / "mkdocs"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the shipped demo, published.yml included."""
    project = copy_project(REPO, tmp_path / "demo")
    assert (project / "published.yml").is_file()
    return project


def ledger_guids(project: Path) -> set[str]:
    data = yaml.safe_load((project / "published.yml").read_text(encoding="utf-8"))
    return {entry["guid"] for entry in data["episodes"]}


def feed_titles(feed: bytes) -> list[str]:
    return [item.findtext("title") for item in etree.fromstring(feed).iter("item")]


def test_the_staff_loop_on_the_demo(demo):
    first = run_cli("build", cwd=demo)
    assert first.returncode == 0, first.stderr
    recorded = ledger_guids(demo)
    with preview([str(CLI), "serve"], demo) as running:
        home = wait_for(running.url(), lambda body: "RESET" in body)
        assert "livereload" in home
        episode = wait_for(running.url("podcast/04-reset/"), lambda body: "RESET" in body)
        assert "04-reset.mp3" in episode
        # The audio the page plays is served, and it is the tagged copy the feed announces.
        audio = fetch_bytes(running.url("podcast/04-reset/04-reset.mp3"))
        assert audio is not None and audio[:3] == b"ID3"
        feed = fetch_bytes(running.url("feed.xml"))
        assert feed is not None
        enclosure = next(etree.fromstring(feed).iter("enclosure"))
        assert int(enclosure.get("length")) == len(audio)

        edit_front_matter(demo / "episodes/04-reset.md", title="RESET: titolo cambiato in anteprima")
        wait_for(running.url("podcast/04-reset/"), lambda body: "titolo cambiato in anteprima" in body)
        edit_front_matter(demo / "content/storie/formazione.md", title="Formazione, storia cambiata")
        wait_for(running.url("storie/formazione/"), lambda body: "Formazione, storia cambiata" in body)
        edit_front_matter(demo / "content/persone/aldo-buzio.md", name="Aldo Buzio Cambiato")
        wait_for(running.url("persone/aldo-buzio/"), lambda body: "Aldo Buzio Cambiato" in body)

        # A mistake while writing: the preview says what is wrong, in Italian, and keeps the last good site.
        story = demo / "content/storie/formazione.md"
        good = story.read_text(encoding="utf-8")
        story.write_text(good.replace("title: Formazione, storia cambiata", 'title: "Formazione rotta'), encoding="utf-8")
        running.wait_for_output("content/storie/formazione.md:")
        running.wait_for_output("l'anteprima mostra ancora l'ultima versione riuscita")
        started = time.monotonic()
        kept = fetch(running.url("storie/formazione/"), timeout=10)
        assert kept is not None and "Formazione, storia cambiata" in kept  # the last good page, at once
        assert time.monotonic() - started < 10
        story.write_text(good.replace("Formazione, storia cambiata", "Formazione, corretta"), encoding="utf-8")
        wait_for(running.url("storie/formazione/"), lambda body: "Formazione, corretta" in body)
    output = running.output
    assert "Traceback" not in output
    assert "virgolette aperte e mai chiuse" in output

    second = run_cli("build", cwd=demo)
    assert second.returncode == 0, second.stderr
    assert ledger_guids(demo) == recorded  # the same episodes, with the same identities
    built = (demo / "site/podcast/04-reset/index.html").read_text(encoding="utf-8")
    assert "titolo cambiato in anteprima" in built
    assert "RESET: titolo cambiato in anteprima" in feed_titles((demo / "site/feed.xml").read_bytes())


def test_a_broken_mkdocs_yml_while_serving_keeps_the_preview(demo):
    config = demo / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    with preview([str(CLI), "serve"], demo) as running:
        wait_for(running.url("podcast/"), lambda body: "Un Palazzo" in body)
        config.write_text(good.replace("site_name: RESET", "site_name: [RESET"), encoding="utf-8")
        running.wait_for_output("mkdocs.yml")
        running.wait_for_output("l'anteprima mostra ancora l'ultima versione riuscita")
        assert "Un Palazzo" in (fetch(running.url("podcast/"), timeout=10) or "")
        config.write_text(good.replace("title: Un Palazzo, una Città, un Territorio", "title: Un Palazzo cambiato"), encoding="utf-8")
        wait_for(running.url("podcast/"), lambda body: "Un Palazzo cambiato" in body)
    assert "Traceback" not in running.output


def test_serve_with_drafts_on_the_demo_and_a_published_build_without_them(demo):
    made = run_cli("new", "story", "Una storia in bozza", cwd=demo)
    assert made.returncode == 0, made.stderr
    draft = demo / "content/storie/una-storia-in-bozza.md"
    assert "draft: true" in draft.read_text(encoding="utf-8")
    scheduled = demo / "content/storie/programmata.md"
    scheduled.write_text(
        "---\ntitle: Una storia programmata\ndate: 2099-01-01\nsummary: Uscirà più avanti.\n---\n\nTesto.\n",
        encoding="utf-8",
    )
    with preview([str(CLI), "serve", "--drafts"], demo) as running:
        page = wait_for(running.url("storie/una-storia-in-bozza/"), lambda body: "Una storia in bozza" in body)
        assert "Anteprima: bozza, non pubblicata" in page
        later = wait_for(running.url("storie/programmata/"), lambda body: "Una storia programmata" in body)
        assert "Anteprima: sarà pubblicata il 1 gennaio 2099" in later
    assert "Traceback" not in running.output

    # Without --drafts, the preview is the site as it will be published.
    with preview([str(CLI), "serve"], demo) as running:
        wait_for(running.url("storie/"), lambda body: "Storie" in body)
        assert fetch(running.url("storie/una-storia-in-bozza/")) is None

    # A build that publishes never shows them, whatever the environment says.
    env = {**os.environ, "RESET_STORIES_DRAFTS": "1", "RESET_STORIES_NOW": "2100-01-01"}
    built = run_cli("build", cwd=demo, env=env)
    assert built.returncode == 0, built.stderr
    assert "valgono solo per l'anteprima" in built.stderr
    site = demo / "site"
    assert not (site / "storie/una-storia-in-bozza").exists()
    assert not (site / "storie/programmata").exists()
    everything = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.suffix in (".html", ".xml", ".json"))
    for hidden in ("una-storia-in-bozza", "Una storia in bozza", "programmata", "Una storia programmata"):
        assert hidden not in everything, hidden
    searchable = searchable_text(site)
    for hidden in ("una-storia-in-bozza", "Una storia in bozza", "programmata", "Una storia programmata"):
        assert hidden not in searchable, hidden


def test_a_preview_moment_never_reaches_what_a_build_publishes(demo):
    episode = demo / "episodes/04-reset.md"
    future = demo / "episodes/05-futuro.md"
    future.write_text(episode.read_text(encoding="utf-8"), encoding="utf-8")
    edit_front_matter(future, guid="0b7d5a0e-9b8e-4d37-9d54-2f2b3c4d5e6f", title="Un episodio futuro", date="2099-06-01 10:00")
    env = {**os.environ, "RESET_STORIES_NOW": "2100-01-01 10:00"}
    with preview([str(CLI), "serve"], demo, env=env) as running:
        wait_for(running.url("podcast/05-futuro/"), lambda body: "Un episodio futuro" in body)
    built = run_cli("build", cwd=demo, env=env)
    assert built.returncode == 0, built.stderr
    assert "Un episodio futuro" not in feed_titles((demo / "site/feed.xml").read_bytes())
    assert "0b7d5a0e-9b8e-4d37-9d54-2f2b3c4d5e6f" not in ledger_guids(demo)
    assert not (demo / "site/podcast/05-futuro").exists()
    again = run_cli("build", cwd=demo)  # and the next ordinary build is not blocked by it
    assert again.returncode == 0, again.stderr


def test_mkdocs_serve_works_on_the_demo(demo):
    with preview([str(MKDOCS), "serve", "--livereload"], demo) as running:
        page = wait_for(running.url("podcast/04-reset/"), lambda body: "RESET" in body)
        assert "04-reset.mp3" in page
        assert (fetch_bytes(running.url("podcast/04-reset/04-reset.mp3")) or b"")[:3] == b"ID3"
    assert "Traceback" not in running.output
    assert "cambierebbe" not in running.output


def test_a_busy_port_gets_one_clear_line(demo):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("serve", "-a", f"127.0.0.1:{port}", cwd=demo, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"serve: --dev-addr: l'indirizzo 127.0.0.1:{port} è già in uso (forse c'è già un'anteprima aperta in un altro "
        f"terminale) — chiudila, oppure usa un'altra porta: reset-stories serve -a 127.0.0.1:{port + 1}"
    )
