"""The `reset-stories` command as staff use it: help, new, check, build, serve."""

from __future__ import annotations

import re
import subprocess
import uuid

import frontmatter
import pytest
from conftest import CLI, edit_front_matter, run_cli
from previews import wait_for
from webserver import free_port

COMMANDS = ["build", "serve", "check", "new"]


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]])
def test_every_command_has_help(tmp_path, command):
    result = run_cli(*command, "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "Usage:" in result.stdout
    assert len(result.stdout.splitlines()) > 4


def test_usage_errors_exit_2(project):
    assert run_cli("new", "podcast", "x", cwd=project).returncode == 2
    assert run_cli("nonexistent", cwd=project).returncode == 2


def test_check_passes_on_good_content_and_builds_nothing(project):
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "2 episodi pubblicati" in result.stdout
    assert not (project / "site").exists()


def test_check_outside_a_site_says_where_to_run(tmp_path):
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "mkdocs.yml: il file non esiste — esegui il comando nella cartella del sito" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_plugin_is_explained(project):
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"  - reset-stories:.*?(?=\nnav:)", "", config.read_text(encoding="utf-8"), flags=re.S), encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert "manca «reset-stories»" in result.stderr


def test_new_episode_scaffolds_a_valid_draft(project):
    result = run_cli("new", "episode", "Un Palazzo, una Città", cwd=project)
    assert result.returncode == 0, result.stderr
    path = project / "episodes" / "un-palazzo-una-citta.md"
    assert "episodes/un-palazzo-una-citta.md" in result.stdout
    meta = frontmatter.load(path).metadata
    assert meta["title"] == "Un Palazzo, una Città"
    assert uuid.UUID(meta["guid"]).version == 4
    assert meta["draft"] is True
    # A fresh draft passes `check` (it is not published, so it needs no audio yet)…
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "bozze" in result.stdout
    # …and each new episode gets a guid of its own.
    run_cli("new", "episode", "Un altro episodio", cwd=project)
    other = frontmatter.load(project / "episodes" / "un-altro-episodio.md").metadata
    assert other["guid"] != meta["guid"]


def test_new_refuses_to_overwrite(project):
    assert run_cli("new", "person", "Mario Rossi", cwd=project).returncode == 1
    result = run_cli("new", "person", "Mario Rossi", cwd=project)
    assert "esiste già" in result.stderr
    assert frontmatter.load(project / "content/persone/mario-rossi.md")["organisation"] == "Associazione Esempio"


def test_new_story_and_person_are_valid(project):
    assert run_cli("new", "story", 'Il "nuovo" museo: un\'idea', cwd=project).returncode == 0
    assert run_cli("new", "person", "Zoë Ñúñez", cwd=project).returncode == 0
    story = frontmatter.load(project / "content/storie/il-nuovo-museo-un-idea.md")
    assert story["title"] == 'Il "nuovo" museo: un\'idea'
    person = project / "content/persone/zoe-nunez.md"
    assert frontmatter.load(person)["name"] == "Zoë Ñúñez"
    # A person page has no draft: it goes live, so the example biography must be replaced first.
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == (
        "content/persone/zoe-nunez.md:10: il testo contiene ancora la frase di esempio scritta da «reset-stories new» "
        "(«Scrivi qui la biografia.») — scrivi al suo posto il testo vero."
    )
    person.write_text(person.read_text(encoding="utf-8").replace("Scrivi qui la biografia.", "Zoë racconta Siena."), encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stderr


def test_a_published_episode_with_its_example_text_is_refused(project):
    assert run_cli("new", "episode", "Pronto a metà", cwd=project).returncode == 0
    path = project / "episodes/pronto-a-meta.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("draft: true", "# draft: true").replace("audio/pronto-a-meta.mp3", "audio/01-primo.mp3"), encoding="utf-8",
    )
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    later = ", oppure rimetti «draft: true» finché non è pronto."
    assert result.stderr.splitlines()[:2] == [
        "episodes/pronto-a-meta.md:5: summary: c'è ancora il testo di esempio scritto da «reset-stories new» "
        f"(«Una o due frasi che presentano l'episodio (testo semplice).») — scrivi al suo posto il testo vero{later}",
        "episodes/pronto-a-meta.md:19: il testo contiene ancora la frase di esempio scritta da «reset-stories new» "
        f"(«Scrivi qui le note dell'episodio, in Markdown.») — scrivi al suo posto il testo vero{later}",
    ]


def test_new_with_a_title_too_long_for_a_file_name(project):
    title = "Una storia lunghissima di Siena " * 10 + "x" * 100
    result = run_cli("new", "episode", title, cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    [path] = [p for p in (project / "episodes").glob("una-storia-*.md")]
    assert path.stem == "una-storia-lunghissima-di-siena-una-storia-lunghissima-di-siena-una-storia"
    assert len(path.stem) <= 80
    assert frontmatter.load(path)["title"] == " ".join(title.split())  # the title stays whole


def test_failed_build_keeps_the_previous_site(project):
    assert run_cli("build", cwd=project).returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    edit_front_matter(project / "episodes/01-primo.md", date="5 maggio", people=["nessuno"])
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    # Both problems of the same file are reported, each with its line.
    assert 'episodes/01-primo.md:3: date: "5 maggio" non è una data' in result.stderr
    assert "episodes/01-primo.md:8: people: «nessuno» non è tra le persone del sito" in result.stderr
    assert "2 problemi da correggere" in result.stderr
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in project.iterdir() if p.name.startswith(".site.")]  # no staging folder left behind


def test_successful_rebuild_replaces_the_site(project):
    assert run_cli("build", cwd=project).returncode == 0
    (project / "site" / "stale.txt").write_text("old")
    edit_front_matter(project / "episodes/01-primo.md", title="Titolo nuovo")
    assert run_cli("build", cwd=project).returncode == 0
    assert not (project / "site" / "stale.txt").exists()
    assert "Titolo nuovo" in (project / "site/podcast/01-primo/index.html").read_text(encoding="utf-8")


def test_serve_rebuilds_when_episodes_content_or_config_change(project):
    port = free_port()
    server = subprocess.Popen([str(CLI), "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        page = wait_for(f"{base}/podcast/01-primo/", lambda body: "Il primo episodio" in body)
        assert "livereload" in page  # the browser is told to reload after each rebuild
        feed = wait_for(f"{base}/feed.xml", lambda body: "<rss" in body)
        assert f"{base}/podcast/01-primo/01-primo.mp3" in feed  # the preview feed points at the preview
        edit_front_matter(project / "episodes/01-primo.md", title="Cambiato in episodes")
        wait_for(f"{base}/podcast/01-primo/", lambda body: "Cambiato in episodes" in body)
        edit_front_matter(project / "content/persone/mario-rossi.md", name="Mario Rossi Cambiato")
        wait_for(f"{base}/persone/mario-rossi/", lambda body: "Mario Rossi Cambiato" in body)
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("title: Voci di prova", "title: Voci cambiate"), encoding="utf-8")
        wait_for(f"{base}/podcast/", lambda body: "Voci cambiate" in body)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Traceback" not in output


def test_serve_with_drafts_previews_them_and_never_publishes_them(project):
    import shutil as sh

    sh.copy(project / "episodes/02-secondo.md", project / "episodes/03-bozza.md")
    edit_front_matter(project / "episodes/03-bozza.md", guid=str(uuid.uuid4()), title="Una bozza", draft=True)
    sh.copy(project / "episodes/02-secondo.md", project / "episodes/04-futuro.md")
    edit_front_matter(project / "episodes/04-futuro.md", guid=str(uuid.uuid4()), title="Il futuro", date="2099-03-01 10:00")
    port = free_port()
    server = subprocess.Popen([str(CLI), "serve", "--drafts", "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        draft = wait_for(f"{base}/podcast/03-bozza/", lambda body: "Una bozza" in body)
        assert "Anteprima: bozza, non pubblicata" in draft
        scheduled = wait_for(f"{base}/podcast/04-futuro/", lambda body: "Il futuro" in body)
        assert "Anteprima: sarà pubblicata il 1 marzo 2099" in scheduled
        assert "Una bozza" in wait_for(f"{base}/podcast/", lambda body: "Il futuro" in body)
        feed = wait_for(f"{base}/feed.xml", lambda body: "<rss" in body)
        assert "Una bozza" not in feed and "Il futuro" not in feed
    finally:
        server.terminate()
        server.communicate(timeout=30)
    # A site that is published never shows them, whatever the environment says.
    env = {**__import__("os").environ, "RESET_STORIES_DRAFTS": "1"}
    assert run_cli("build", cwd=project, env=env).returncode == 0
    assert not (project / "site/podcast/03-bozza").exists()
    assert not (project / "site/podcast/04-futuro").exists()


def test_check_writes_nothing_but_its_cache_of_facts_and_announces_the_built_sizes(project):
    before = {p.relative_to(project).as_posix() for p in project.rglob("*")}
    checked = run_cli("check", cwd=project)
    assert checked.returncode == 0, checked.stderr
    written = {p.relative_to(project).as_posix() for p in project.rglob("*")} - before
    # The facts of the audio, and what the content files hold (read again only when they change).
    assert written == {".cache", ".cache/reset-stories", ".cache/reset-stories/audio.json", ".cache/reset-stories/sources.json",
                       ".cache/reset-stories/feed-texts.json"}
    # The sizes check announces are those of the copies a build makes.
    assert run_cli("build", cwd=project).returncode == 0
    feed = (project / "site/feed.xml").read_text(encoding="utf-8")
    for line in checked.stdout.splitlines():
        if line.startswith("  episodes/01-primo.md"):
            assert " 57 KB come pubblicato" in line
    lengths = re.findall(r'length="(\d+)"', feed)
    assert sorted(int(n) for n in lengths) == sorted(
        p.stat().st_size for p in (project / "site/podcast").rglob("*") if p.suffix in (".mp3", ".m4a")
    )
