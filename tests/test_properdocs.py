"""ProperDocs, the continuation of MkDocs 1.6, runs the plugin as it is.

`properdocs` reads the `mkdocs.plugins` and `mkdocs.themes` entry points and redirects every
`mkdocs.*` import to its own `properdocs.*` modules (without installing a `mkdocs` package), so
our plugin and Material load unchanged. These tests run the real `properdocs` command on copies of
the demo: same site and feed as `reset-stories build`, same published.yml protections, a working
`properdocs serve`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import REPO, copy_project, run_cli
from lxml import etree
from previews import fetch_bytes, preview, wait_for

PROPERDOCS = Path(sys.executable).parent / "properdocs"
# The one line that differs: the page's <meta name="generator"> names the engine and its version.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def run_properdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PROPERDOCS), *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False,
    )


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def episode_slugs() -> list[str]:
    return sorted(p.stem for p in (REPO / "episodes").glob("*.md"))


def test_properdocs_build_makes_the_same_site_and_feed_as_reset_stories(tmp_path):
    ours = copy_project(REPO, tmp_path / "ours")
    theirs = copy_project(REPO, tmp_path / "theirs")
    built = run_cli("build", "-d", str(tmp_path / "site-reset-stories"), cwd=ours)
    assert built.returncode == 0, built.stderr
    result = run_properdocs("build", "-d", str(tmp_path / "site-properdocs"), cwd=theirs)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr

    site = tmp_path / "site-properdocs"
    slugs = episode_slugs()
    assert len(slugs) == 4
    for slug in slugs:
        assert "<audio" in (site / f"podcast/{slug}/index.html").read_text(encoding="utf-8")
        assert (site / f"podcast/{slug}/{slug}.mp3").read_bytes()[:3] == b"ID3"
    feed = (site / "feed.xml").read_bytes()
    assert feed == (tmp_path / "site-reset-stories/feed.xml").read_bytes()
    assert len(list(etree.fromstring(feed).iter("guid"))) == len(slugs)
    # Every other file is the same too, but for the generator line of the pages.
    expected = files_of(tmp_path / "site-reset-stories")
    made = files_of(site)
    assert sorted(made) == sorted(expected)
    for name, content in made.items():
        assert GENERATOR.sub(b"", content) == GENERATOR.sub(b"", expected[name]), name
    assert b"ProperDocs 1.6.7" in (site / "index.html").read_bytes()
    # published.yml is kept the same way.
    assert (theirs / "published.yml").read_bytes() == (ours / "published.yml").read_bytes()


def test_properdocs_build_keeps_the_published_yml_protections(tmp_path):
    demo = copy_project(REPO, tmp_path / "demo")
    first = run_properdocs("build", cwd=demo)
    assert first.returncode == 0, first.stderr
    site_before = files_of(demo / "site")
    ledger_before = (demo / "published.yml").read_bytes()

    (demo / "episodes/02-episodio-2.md").unlink()
    result = run_properdocs("build", cwd=demo)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert (
        "published.yml: l'episodio «La Città (titolo segnaposto)» (guid 3e20ddfc-2ef6-4260-b6c0-c696b5f2a460), "
        "pubblicato il 2024-04-20, non c'è più: sparirebbe dal feed e dalle app degli ascoltatori — ripristina "
        "il suo file (episodes/02-episodio-2.md)"
    ) in result.stderr
    assert "non è stato pubblicato nulla, il sito precedente è intatto" in result.stderr
    assert files_of(demo / "site") == site_before
    assert (demo / "published.yml").read_bytes() == ledger_before


def test_properdocs_serve_shows_the_episodes_their_audio_and_keeps_the_last_good_preview(tmp_path):
    demo = copy_project(REPO, tmp_path / "demo")
    # Unlike `mkdocs serve` 1.6.1 with a recent click, plain `properdocs serve` reloads the browser.
    with preview([str(PROPERDOCS), "serve"], demo) as running:
        page = wait_for(running.url("podcast/04-reset/"), lambda body: "RESET" in body)
        assert "04-reset.mp3" in page
        assert "livereload" in page
        audio = fetch_bytes(running.url("podcast/04-reset/04-reset.mp3"))
        assert audio is not None and audio[:3] == b"ID3"
        feed = fetch_bytes(running.url("feed.xml"))
        assert feed is not None
        enclosure = next(e for e in etree.fromstring(feed).iter("enclosure") if "04-reset" in e.get("url", ""))
        assert int(enclosure.get("length", "0")) == len(audio)

        # A mistake while writing: the Italian message, and the last good preview stays.
        story = demo / "content/storie/formazione.md"
        good = story.read_text(encoding="utf-8")
        story.write_text(good.replace('segnaposto)"', "segnaposto)", 1), encoding="utf-8")
        running.wait_for_output("content/storie/formazione.md:")
        running.wait_for_output("l'anteprima mostra ancora l'ultima versione riuscita")
        assert b"Una storia sulla formazione (titolo segnaposto)" in (fetch_bytes(running.url("storie/formazione/")) or b"")
        story.write_text(good.replace("(titolo segnaposto)", "(titolo corretto)", 1), encoding="utf-8")
        wait_for(running.url("storie/formazione/"), lambda body: "titolo corretto" in body)
    assert "Traceback" not in running.output
