"""The site folder (and the media folder) can never be, hold or sit in a source folder: a build
there is refused before anything is read or written, and nothing staff wrote is touched."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import run_cli

MKDOCS = Path(sys.executable).parent / "mkdocs"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("target", "expected"), [
    ("episodes", "la cartella del sito «episodes» è la cartella degli episodi (episodes)"),
    ("content", "la cartella del sito «content» è la cartella dei contenuti (content)"),
    ("content/storie", "la cartella del sito «content/storie» sta dentro la cartella dei contenuti (content)"),
    ("episodes/site", "la cartella del sito «episodes/site» sta dentro la cartella degli episodi (episodes)"),
    (".", "la cartella del sito «.» è la cartella del progetto (quella di mkdocs.yml)"),
    ("..", "contiene la cartella del progetto (quella di mkdocs.yml)"),
])
def test_a_site_folder_over_the_sources_is_refused(project, target, expected):
    before = snapshot(project)
    result = run_cli("build", "-d", target, cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("site_dir: la cartella del sito «"), result.stderr
    assert expected in result.stderr, result.stderr
    assert "scegli una cartella che contenga solo il sito" in result.stderr
    assert snapshot(project) == before  # nothing deleted, nothing written


def test_mkdocs_build_into_a_source_is_refused_too(project):
    before = snapshot(project / "episodes")
    result = __import__("subprocess").run(
        [str(MKDOCS), "build", "-d", "episodes"], cwd=project, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert "è la cartella degli episodi" in result.stderr
    assert snapshot(project / "episodes") == before


def test_a_symlink_to_a_source_is_that_source(project):
    (project / "out").symlink_to(project / "content")
    result = run_cli("build", "-d", "out", cwd=project)
    assert result.returncode == 1
    assert "è la cartella dei contenuti (content)" in result.stderr


def test_a_folder_holding_other_files_is_not_replaced(project, tmp_path):
    documents = tmp_path / "documenti"
    documents.mkdir()
    (documents / "lettera.txt").write_text("importante", encoding="utf-8")
    result = run_cli("build", "-d", str(documents), cwd=project)
    assert result.returncode == 1
    assert "contiene già file che non sono un sito costruito" in result.stderr
    assert (documents / "lettera.txt").read_text(encoding="utf-8") == "importante"
    # A folder a build made before is replaced, as always.
    assert run_cli("build", "-d", str(tmp_path / "sito"), cwd=project).returncode == 0
    assert run_cli("build", "-d", str(tmp_path / "sito"), cwd=project).returncode == 0


def test_a_site_folder_that_is_a_file_is_refused(project):
    (project / "sito").write_text("non una cartella", encoding="utf-8")
    result = run_cli("build", "-d", "sito", cwd=project)
    assert result.returncode == 1
    assert "la cartella del sito «sito» è un file, non una cartella" in result.stderr
    assert (project / "sito").read_text(encoding="utf-8") == "non una cartella"


def test_a_media_folder_in_the_sources_is_refused(project):
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - reset-stories:\n", "  - reset-stories:\n      media_base_url: https://media.example.org/\n      media_dir: episodes/audio\n", 1,
        ),
        encoding="utf-8",
    )
    before = snapshot(project / "episodes")
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert "mkdocs.yml: reset-stories.media_dir: la cartella dell'audio da caricare «episodes/audio» sta dentro la cartella degli episodi" in result.stderr
    assert snapshot(project / "episodes") == before
