"""Faults of the machine — a full disk, a read-only folder — on real file systems.

Each test runs the real CLI inside a private mount namespace (``unshare``, as root or as a
user with user namespaces) where it mounts a small tmpfs: a disk that really fills up, a
folder that really is read-only. Whatever fails, the message is Italian, there is no
traceback, the previous site is intact and no staging folder is left behind.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import CLI

UNSHARE = shutil.which("unshare")


def _namespaces_work() -> bool:
    if UNSHARE is None:
        return False
    probe = subprocess.run([UNSHARE, "-rm", "true"], capture_output=True, check=False)
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(not _namespaces_work(), reason="no mount namespaces here (unshare -rm)")

# Runs inside the namespace: mounts, runs the CLI, reports what happened as JSON.
_SCRIPT = textwrap.dedent("""
    import hashlib, json, subprocess, sys
    from pathlib import Path

    cli, project, disk, size, mode = sys.argv[1:6]
    disk = Path(disk)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)], check=True)

    def build(target):
        done = subprocess.run([cli, "build", "-d", str(target)], cwd=project, capture_output=True, text=True)
        return {"code": done.returncode, "stdout": done.stdout, "stderr": done.stderr}

    def snapshot(folder):
        return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.rglob("*")) if p.is_file()}

    site = disk / "site"
    if mode == "project-read-only":  # before the first build: its cache and ledger must be written
        subprocess.run(["mount", "--bind", project, project], check=True)
        subprocess.run(["mount", "-o", "remount,bind,ro", project], check=True)
    first = build(site)
    before = snapshot(site) if site.is_dir() else {}
    if mode == "read-only":
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    second = build(site)
    print(json.dumps({
        "first": first, "second": second, "before": before, "after": snapshot(site) if site.is_dir() else {},
        "left": sorted(p.name for p in disk.iterdir() if p.name != "site"),
    }))
""")


def run_in_namespace(project: Path, disk: Path, size: str, mode: str) -> dict:
    disk.mkdir()
    done = subprocess.run(
        [UNSHARE, "-rm", sys.executable, "-c", _SCRIPT, str(CLI), str(project), str(disk), size, mode],
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_full_disk_leaves_the_previous_site_intact(project, tmp_path):
    # Room for one site (about 3 MB) but not for the new one built beside it.
    result = run_in_namespace(project, tmp_path / "disk", "4500k", "full")
    assert result["first"]["code"] == 0, result["first"]["stderr"]
    second = result["second"]
    assert second["code"] == 1
    assert "Traceback" not in second["stderr"]
    assert "il disco è pieno: non è stato possibile scrivere qui — libera spazio e riprova (il sito precedente è intatto)." in second["stderr"]
    assert result["after"] == result["before"]
    assert result["left"] == []  # no staging folder left on the full disk


def test_a_read_only_site_folder_is_told_and_left_as_it_was(project, tmp_path):
    result = run_in_namespace(project, tmp_path / "disk", "20m", "read-only")
    assert result["first"]["code"] == 0, result["first"]["stderr"]
    second = result["second"]
    assert second["code"] == 1
    assert "Traceback" not in second["stderr"]
    assert "è su un disco di sola lettura — rendilo scrivibile, oppure costruisci il sito in un'altra cartella con -d" in second["stderr"]
    assert result["after"] == result["before"]


def test_a_read_only_project_is_told(project, tmp_path):
    result = run_in_namespace(project, tmp_path / "disk", "20m", "project-read-only")
    first = result["first"]
    assert first["code"] == 1
    assert "Traceback" not in first["stderr"]
    assert f"{project}/.cache" in first["stderr"]
    assert "è su un disco di sola lettura — rendilo scrivibile, oppure costruisci il sito in un'altra cartella con -d" in first["stderr"]
    assert result["after"] == {}  # nothing published
