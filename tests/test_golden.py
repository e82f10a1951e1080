"""Golden output: the base fixture's and the demo's whole built site, byte for byte.

A redesign must not change what is published. Each build's file tree is compared with the
committed manifest (path and SHA-256 of every file), and the base fixture's feed with a committed
copy, so that a deliberate change shows up as a reviewable diff. Regenerate deliberately with
``RESET_STORIES_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py``.

Material's and MkDocs's own files change with their versions: the manifest records them, and
when the installed versions differ only the files this package makes (feed, chapters,
transcripts, host settings) are compared.
"""

from __future__ import annotations

import hashlib
import os
from importlib.metadata import version
from pathlib import Path

import pytest
from conftest import BASE_FIXTURE, REPO, copy_project, run_cli

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("RESET_STORIES_UPDATE_GOLDEN") == "1"
ENGINE = f"mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}"
# What the package writes itself, whatever the engine's version: the feed, the hosts' settings,
# and each episode's files (chapters, transcripts, tagged audio).
OURS = ("feed.xml", "_headers")
EPISODE_FILES = (".json", ".vtt", ".srt", ".mp3", ".m4a")


def manifest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*")) if p.is_file()
    }


def read_manifest(path: Path) -> tuple[str, dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    engine = lines[0].removeprefix("# built with ")
    return engine, dict(reversed(line.split("  ", 1)) for line in lines[1:])


def write_manifest(path: Path, files: dict[str, str]) -> None:
    body = "".join(f"{digest}  {name}\n" for name, digest in files.items())
    path.write_text(f"# built with {ENGINE}\n{body}", encoding="utf-8")


def ours(files: dict[str, str]) -> dict[str, str]:
    return {
        name: digest for name, digest in files.items()
        if name in OURS or (name.startswith("podcast/") and name.endswith(EPISODE_FILES))
    }


@pytest.mark.parametrize("name", ["base", "demo"])
def test_the_built_site_is_the_golden_one(tmp_path, name):
    project = copy_project(BASE_FIXTURE if name == "base" else REPO, tmp_path / name)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("RESET_STORIES_", "SOURCE_DATE_EPOCH"))}
    result = run_cli("build", cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    built = manifest(site)
    golden_manifest = GOLDEN / f"{name}.sha256"
    golden_feed = GOLDEN / f"{name}-feed.xml"
    if UPDATE:
        write_manifest(golden_manifest, built)
        golden_feed.write_bytes((site / "feed.xml").read_bytes())
    assert (site / "feed.xml").read_bytes() == golden_feed.read_bytes()
    engine, expected = read_manifest(golden_manifest)
    if engine == ENGINE:
        assert built == expected
    else:  # another engine version: its own files may differ, ours may not
        assert ours(built) == ours(expected), f"golden built with {engine}, now {ENGINE}"
