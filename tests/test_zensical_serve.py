"""`reset-stories serve --engine zensical`: Zensical's own server on the generated tree, kept up to
date while staff edit, on a copy of the real demo with its publication history."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest
from conftest import CLI, REPO, copy_project, edit_front_matter, run_cli
from lxml import etree
from previews import Preview, fetch, fetch_bytes, wait_for
from webserver import free_port

from reset_stories.engines import mkdocs
from reset_stories.publish.tree import fill_tree, sync_tree

KEPT = "l'anteprima mostra ancora l'ultima versione riuscita"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the shipped demo, published.yml included."""
    project = copy_project(REPO, tmp_path / "demo")
    assert (project / "published.yml").is_file()
    return project


def start(demo: Path, *options: str) -> Preview:
    port = free_port()
    # As a command typed in a terminal: its own process group, which Ctrl+C reaches, and SIGINT's
    # default action (a test run launched in the background of a shell, as CI may be, ignores
    # SIGINT, and children inherit an ignored signal: Ctrl+C would then reach nobody).
    process = subprocess.Popen(
        [str(CLI), "serve", "--engine", "zensical", "-a", f"127.0.0.1:{port}", *options], cwd=demo,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    return Preview(process, f"http://127.0.0.1:{port}")


def stop_with_ctrl_c(running: Preview) -> str:
    """Ctrl+C, as staff stop it (the terminal sends SIGINT to the whole foreground group: our
    process and Zensical's server): the preview ends by itself, cleanly."""
    os.killpg(running.process.pid, signal.SIGINT)
    asked = time.monotonic()
    try:
        code = running.process.wait(timeout=60)  # a guard against a hang, not a measure
    except subprocess.TimeoutExpired:
        raise AssertionError(f"still running {time.monotonic() - asked:.0f} s after Ctrl+C:\n{running.output}") from None
    finally:
        running.stop()  # only if it did not stop
    output = running.output
    assert code == 0, output
    assert "Traceback" not in output
    assert "Anteprima fermata." in output
    return output


def work_folders(demo: Path) -> list[Path]:
    return list((demo / ".cache/reset-stories").glob(".zensical-preview*"))


def port_is_free(url: str) -> bool:
    port = int(url.rpartition(":")[2])
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def test_the_staff_loop_with_zensical(demo: Path) -> None:
    ledger = (demo / "published.yml").read_bytes()
    running = start(demo)
    try:
        page = wait_for(running.url("podcast/04-reset/"), lambda body: "RESET" in body, timeout=120)
        assert "Anteprima con Zensical: " + running.url() in running.output
        assert "04-reset.mp3" in page
        assert f'rel="canonical" href="{running.url("podcast/04-reset/")}"' in page  # the preview's address
        # The audio the page plays is served, and it is the tagged copy the preview's feed announces.
        audio = fetch_bytes(running.url("podcast/04-reset/04-reset.mp3"))
        assert audio is not None and audio[:3] == b"ID3"
        feed = fetch_bytes(running.url("feed.xml"))
        assert feed is not None
        enclosure = next(etree.fromstring(feed).iter("enclosure"))
        assert enclosure.get("url") == running.url("podcast/04-reset/04-reset.mp3")
        assert int(enclosure.get("length")) == len(audio)
        assert work_folders(demo)

        edit_front_matter(demo / "episodes/04-reset.md", title="RESET: titolo cambiato con Zensical")
        wait_for(running.url("podcast/04-reset/"), lambda body: "titolo cambiato con Zensical" in body, timeout=30)
        assert "titolo cambiato con Zensical" in (fetch(running.url("feed.xml")) or "")

        # A mistake while writing: the problem in Italian, and the last good page still served.
        story = demo / "content/storie/formazione.md"
        edit_front_matter(story, title="Formazione, storia cambiata")
        wait_for(running.url("storie/formazione/"), lambda body: "Formazione, storia cambiata" in body, timeout=30)
        good = story.read_text(encoding="utf-8")
        story.write_text(good.replace("title: Formazione, storia cambiata", 'title: "Formazione rotta'), encoding="utf-8")
        running.wait_for_output("content/storie/formazione.md:")
        running.wait_for_output(KEPT)
        assert "virgolette aperte e mai chiuse" in running.output
        kept = fetch(running.url("storie/formazione/"), timeout=10)
        assert kept is not None and "Formazione, storia cambiata" in kept
        story.write_text(good.replace("Formazione, storia cambiata", "Formazione, corretta"), encoding="utf-8")
        wait_for(running.url("storie/formazione/"), lambda body: "Formazione, corretta" in body, timeout=30)
    finally:
        output = stop_with_ctrl_c(running)
    assert "Anteprima aggiornata." in output
    assert (demo / "published.yml").read_bytes() == ledger  # a preview publishes nothing
    assert not (demo / "site").exists()
    assert not work_folders(demo)
    assert port_is_free(running.base)  # Zensical's server stopped with it


def test_drafts_come_and_go(demo: Path) -> None:
    made = run_cli("new", "story", "Una storia in bozza", cwd=demo)
    assert made.returncode == 0, made.stderr
    draft = demo / "content/storie/una-storia-in-bozza.md"
    running = start(demo, "--drafts")
    try:
        page = wait_for(running.url("storie/una-storia-in-bozza/"), lambda body: "Una storia in bozza" in body, timeout=120)
        assert "Anteprima: bozza, non pubblicata" in page
        draft.unlink()  # a file gone from the project is gone from the preview
        wait_for(running.url("storie/"), lambda body: "Una storia in bozza" not in body, timeout=30)
        assert fetch(running.url("storie/una-storia-in-bozza/")) is None
    finally:
        stop_with_ctrl_c(running)
    assert not work_folders(demo)


def test_a_busy_port_gets_one_clear_line(demo: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("serve", "--engine", "zensical", "-a", f"127.0.0.1:{port}", cwd=demo, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"serve: --dev-addr: l'indirizzo 127.0.0.1:{port} è già in uso (forse c'è già un'anteprima aperta in un altro "
        f"terminale) — chiudila, oppure usa un'altra porta: reset-stories serve --engine zensical -a 127.0.0.1:{port + 1}"
    )
    assert not work_folders(demo)


def _tree(release, folder: Path, config_file: Path) -> list[str]:
    config, templates = mkdocs.standalone_config(str(config_file), release)
    return sync_tree(release, folder, config_name="mkdocs.yml", config=config, templates=templates)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_sync_tree_writes_only_what_changed(demo: Path, tmp_path: Path) -> None:
    config_file = demo / "mkdocs.yml"
    release = mkdocs.load(str(config_file), write_media=True)
    tree = tmp_path / "tree"
    tree.mkdir()
    changed = _tree(release, tree, config_file)
    assert "docs/podcast/04-reset.md" in changed and "mkdocs.yml" in changed
    # The same files as the tree `generate` writes.
    filled = tmp_path / "filled"
    filled.mkdir()
    config, templates = mkdocs.standalone_config(str(config_file), release)
    fill_tree(release, filled, config_name="mkdocs.yml", config=config, templates=templates)
    assert _files(tree) == _files(filled)

    (tree / "site").mkdir()
    (tree / "site/index.html").write_text("the engine's", encoding="utf-8")  # not the tree's: left alone
    (tree / "docs/stray.md").write_text("# Gone\n", encoding="utf-8")
    before = {path: (tree / path).stat() for path in _files(tree)}
    assert _tree(release, tree, config_file) == ["docs/stray.md"]
    assert not (tree / "docs/stray.md").exists()
    assert (tree / "site/index.html").read_text(encoding="utf-8") == "the engine's"
    for path, status in before.items():
        if path != "docs/stray.md":
            now = (tree / path).stat()
            assert (now.st_ino, now.st_mtime_ns) == (status.st_ino, status.st_mtime_ns), path

    edit_front_matter(demo / "content/storie/formazione.md", title="Formazione, cambiata")
    (demo / "content/extra").mkdir()
    (demo / "content/extra/nuova.md").write_text("# Una pagina nuova\n", encoding="utf-8")
    changed = _tree(mkdocs.load(str(config_file), write_media=True), tree, config_file)
    assert "docs/storie/formazione.md" in changed and "docs/extra/nuova.md" in changed
    assert "Formazione, cambiata" in (tree / "docs/storie/formazione.md").read_text(encoding="utf-8")
    assert "docs/podcast/04-reset/04-reset.mp3" not in changed  # the same audio: not written again
    assert not any(path.startswith("docs/assets/") for path in changed)

    shutil.rmtree(demo / "content/extra")
    assert _tree(mkdocs.load(str(config_file), write_media=True), tree, config_file) == ["docs/extra/nuova.md"]
    assert not (tree / "docs/extra").exists()  # nor its folder
