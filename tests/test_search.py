"""The search index (publish/search.py, issue 15), as real builds make it with each engine: every
page a visitor can find, each transcript cue an anchor named by its moment, the page's furniture
left out; the 404 page, a list's later pages, drafts and scheduled items never in it; the same
bytes every build; a failed index fails the build in Italian and leaves the published site."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from pathlib import Path

import pytest
from conftest import CLI, REPO, copy_project, run_cli
from lxml import html as lxml_html
from paginated import write_corpus
from previews import preview, wait_for

from reset_stories.cli import ENGINES
from reset_stories.content.transcripts import cue_ids, to_page_html
from reset_stories.model import Cue, Transcript
from reset_stories.publish.search import INDEX_FOLDER, Searching, index_site

EPISODE = "/podcast/04-reset/"


def records(site: Path) -> dict[str, dict]:
    """Every page Pagefind keeps, by URL: its text, title and anchors (fragments are gzipped JSON
    after a signature)."""
    found = {}
    for fragment in sorted((site / INDEX_FOLDER / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        found[record["url"]] = record
    return found


def index_tree(site: Path) -> dict[str, str]:
    folder = site / INDEX_FOLDER
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(project: Path, *args: str, env: dict[str, str] | None = None) -> Path:
    result = run_cli("build", *args, cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module", params=ENGINES)
def demo_site(request, tmp_path_factory) -> Path:
    project = copy_project(REPO, tmp_path_factory.mktemp(f"index-{request.param}") / "demo")
    return build(project, "--engine", request.param)


def test_every_page_is_found_and_every_cue_is_an_anchor(demo_site):
    found = records(demo_site)
    for url in ("/", "/programma/", "/podcast/", EPISODE, "/storie/formazione/", "/persone/aldo-buzio/"):
        assert url in found, url
    assert "/404.html" not in found
    episode = found[EPISODE]
    assert episode["meta"]["title"] == "RESET: una comunità di pratica per Siena"
    page = lxml_html.parse(str(demo_site / EPISODE.strip("/") / "index.html"))
    cues = page.xpath("//p[@class='rs-cue']")
    assert len(cues) == 5
    # Each cue's id names its start. The transcript is indexed apart from the page, in segments
    # that carry the episode's title and address; Pagefind keeps each cue with its words and position.
    assert [c.get("id") for c in cues] == [f"rs-t-{c.get('data-rs-start')}" for c in cues]
    assert "Fine dell'audio segnaposto" not in episode["content"]
    segments = [record for record in found.values() if record["meta"].get("url") == EPISODE]
    assert segments and all(s["meta"]["title"] == episode["meta"]["title"] for s in segments)
    anchors = {}
    for segment in segments:
        words = segment["content"].split()
        for anchor in segment["anchors"]:
            said = anchor["text"].split()
            assert words[anchor["location"]:anchor["location"] + len(said)] == said
            anchors[anchor["id"]] = anchor
    assert sorted(anchors) == sorted(c.get("id") for c in cues)
    assert anchors["rs-t-46.925"]["text"] == "Fine dell'audio segnaposto. La registrazione originale sostituirà questo file."
    assert not list(demo_site.glob(".rs-search-segments*"))  # written for Pagefind only
    # The text of the page, not its furniture: no player controls, no permalinks, no cue times.
    assert "Copia il link a questo momento" not in episode["content"]
    assert "¶" not in episode["content"] and "¶" not in found["/programma/"]["meta"]["title"]
    assert not re.search(r"\b00:46\b", anchors["rs-t-46.925"]["text"])
    # Pagefind's own interfaces are not published: the site has its box.
    assert not list((demo_site / INDEX_FOLDER).glob("pagefind-*ui*"))
    assert (demo_site / INDEX_FOLDER / "pagefind.js").is_file()


def test_the_same_content_gives_the_same_index_bytes(tmp_path, demo_site):
    again = build(copy_project(REPO, tmp_path / "again"), "--engine", "zensical" if "zensical" in str(demo_site) else "mkdocs")
    assert index_tree(again) == index_tree(demo_site)


def test_a_lists_later_pages_are_not_indexed(tmp_path):
    site = build(write_corpus(tmp_path / "corpus", episodes=12, stories=3, people=2, settings="page_size: 5"))
    assert (site / "podcast/pagina/2/index.html").is_file()
    found = records(site)
    assert "/podcast/" in found
    assert not [url for url in found if "/pagina/" in url]
    # Left out of the index only: the pages are published, and the index's work folder is gone.
    assert (site / "podcast/pagina/2/index.html").is_file() and not (site / ".rs-search").exists()


def test_drafts_and_scheduled_items_are_never_indexed(tmp_path):
    demo = copy_project(REPO, tmp_path / "demo")
    assert run_cli("new", "story", "Una storia in bozza", cwd=demo).returncode == 0
    (demo / "content/storie/programmata.md").write_text(
        "---\ntitle: Una storia programmata\ndate: 2099-01-01\nsummary: Uscirà più avanti.\n---\n\nTesto segretissimo.\n",
        encoding="utf-8",
    )
    # The preview shows them, and its search finds them: the preview indexes what it shows (in
    # the background, after the pages)...
    with preview([str(CLI), "serve", "--drafts"], demo) as running:
        wait_for(running.url("storie/programmata/"), lambda body: "Una storia programmata" in body)
        wait_for(running.url(f"{INDEX_FOLDER}/pagefind-entry.json"), lambda body: '"languages"' in body)
    # ...in its own folder: a published build, whatever the environment says, never has them.
    env = {**os.environ, "RESET_STORIES_DRAFTS": "1", "RESET_STORIES_NOW": "2100-01-01"}
    site = build(demo, env=env)
    everything = json.dumps(records(site), ensure_ascii=False)
    for hidden in ("bozza", "programmata", "segretissimo"):
        assert hidden not in everything, hidden


def test_a_failed_index_fails_the_build_in_italian_and_keeps_the_site(tmp_path):
    demo = copy_project(REPO, tmp_path / "demo")
    site = build(demo)
    before = index_tree(site)
    # A Pagefind that fails: a package of the same name first on the path.
    fake = tmp_path / "fake" / "pagefind_bin"
    fake.mkdir(parents=True)
    program = fake / "pagefind"
    program.write_text("#!/bin/sh\necho 'Error: disco pieno' >&2\nexit 3\n", encoding="utf-8")
    program.chmod(0o755)
    (fake / "__init__.py").write_text(f"def get_executable():\n    return {str(program)!r}\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(fake.parent), os.environ.get("PYTHONPATH", "")])}
    (demo / "content/programma/index.md").write_text("# Cambiato\n\nNuovo testo.\n", encoding="utf-8")
    for engine in ENGINES:
        result = run_cli("build", "--engine", engine, cwd=demo, env=env)
        assert result.returncode != 0
        assert "Pagefind non è riuscito a preparare la ricerca del sito (Error: disco pieno)" in result.stderr
        assert "Traceback" not in result.stderr + result.stdout
        assert index_tree(site) == before
        assert "Nuovo testo" not in (site / "programma/index.html").read_text(encoding="utf-8")


def test_a_site_with_nothing_to_find_has_no_index_and_no_error(tmp_path):
    (tmp_path / "404.html").write_text("<html lang='it'><body><article><h1>Non c'è</h1></article></body></html>", encoding="utf-8")
    index_site(tmp_path, Searching("it", hidden=("404.html",)))
    assert not (tmp_path / INDEX_FOLDER / "pagefind.js").exists()
    assert (tmp_path / "404.html").is_file()



def test_cue_ids_name_the_moment_and_are_unique():
    cues = [Cue(0, 1, "a", None), Cue(125.5, 126, "b", "Anna"), Cue(125.5, 127, "c", None), Cue(125.5, 128, "d", None)]
    assert cue_ids(cues) == ["rs-t-0", "rs-t-125.5", "rs-t-125.5-2", "rs-t-125.5-3"]
    page = lxml_html.fromstring(to_page_html(Transcript(Path("x.vtt"), tuple(cues))))
    assert page.xpath("//p/@id") == cue_ids(cues)
    assert page.xpath("//strong/@id") == ["rs-t-125.5-voce"]
