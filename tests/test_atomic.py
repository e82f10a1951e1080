"""Atomic builds: whatever stops a build part-way — bad content, a failing build, the process
killed — the previous site stays complete; only a finished build replaces it."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CLI, DATA, run_cli

from reset_stories.publish import atomic


def tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


def many_episodes(project: Path, count: int) -> None:
    """Enough work that a build is still running when it is killed."""
    template = (project / "episodes/01-primo.md").read_text(encoding="utf-8")
    for n in range(3, count + 3):
        audio = project / f"episodes/audio/{n:04d}.mp3"
        audio.write_bytes((DATA / "tone.mp3").read_bytes())
        text = template.replace("01-primo.mp3", f"{n:04d}.mp3").replace("000000000001", f"{n:012d}")
        text = text.replace("title: Il primo episodio", f"title: Episodio {n}").replace("transcript: 01-primo.vtt\n", "")
        (project / f"episodes/{n:04d}-episodio.md").write_text(text, encoding="utf-8")


def test_a_killed_build_leaves_the_previous_site_complete(project):
    assert run_cli("build", cwd=project).returncode == 0
    before = tree(project / "site")
    many_episodes(project, 400)
    # Its output is not read: a pipe nobody reads would stop the build once full (warnings fill it).
    build = subprocess.Popen([str(CLI), "build"], cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Kill it while MkDocs is writing the new site into its staging folder.
    deadline = time.monotonic() + 120
    staging = None
    while time.monotonic() < deadline and build.poll() is None:
        staging = next(project.glob(".site.build-*"), None)
        if staging is not None and (staging / "podcast").is_dir():
            break
        time.sleep(0.05)
    assert build.poll() is None, "the build finished before it could be killed: give it more work"
    assert staging is not None
    build.send_signal(signal.SIGKILL)
    build.wait()
    assert tree(project / "site") == before  # the old site, whole
    assert staging.exists()  # the abandoned half-build is there…
    # …and the next build clears it away, then publishes in full.
    assert run_cli("build", cwd=project).returncode == 0
    assert not list(project.glob(".site.build-*"))
    assert (project / "site/podcast/0402-episodio/index.html").is_file()


def test_a_build_failing_inside_mkdocs_leaves_the_previous_site(project):
    import subprocess as sp

    assert run_cli("build", cwd=project).returncode == 0
    before = tree(project / "site")
    # A broken link makes `mkdocs build --strict` fail after the whole site was written.
    (project / "content/index.md").write_text("# Prova\n\n[rotto](non-esiste.md)\n", encoding="utf-8")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = sp.run([str(mkdocs), "build", "--strict"], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert tree(project / "site") == before
    assert not list(project.glob(".site.build-*"))


def test_mkdocs_build_is_atomic_too(project):
    import subprocess as sp

    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = sp.run([str(mkdocs), "build"], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert (project / "site/feed.xml").is_file()
    assert not list(project.glob(".site.build-*"))
    assert oct((project / "site").stat().st_mode & 0o777) == oct(0o777 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_swap_replaces_in_one_step(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "old.html").write_text("vecchio")
    staging = atomic.staging_for(target)
    (staging / "new.html").write_text("nuovo")
    atomic.swap_in(staging, target)
    assert sorted(p.name for p in target.iterdir()) == ["new.html"]
    assert not staging.exists()
    assert not list(tmp_path.glob(".site.*"))


def test_a_running_build_s_staging_folder_is_left_alone(tmp_path):
    target = tmp_path / "site"
    mine = atomic.staging_for(target)  # owned by this (running) process
    dead = tmp_path / ".site.build-dead"
    dead.mkdir()
    (dead / ".reset-stories-build").write_text("999999999")
    atomic.remove_abandoned(target)
    assert mine.exists() and not dead.exists()


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2 is Linux's")
def test_the_exchange_is_the_system_s(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "x").write_text("a")
    (second / "x").write_text("b")
    assert atomic._exchange(first, second)
    assert (first / "x").read_text() == "b" and (second / "x").read_text() == "a"
