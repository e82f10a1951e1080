"""The bad-input corpus: every way content can be wrong, and exactly what staff are told.

Each folder under ``tests/fixtures/bad/<case>/`` is one case. It holds:

- an *overlay*: files copied over a fresh copy of ``tests/fixtures/base/`` at the same relative
  paths (``episodes/01-primo.md``, ``mkdocs.yml``, ``content/persone/…``). Odd inputs (a Latin-1
  file, an empty or fake MP3) are committed as files with exactly those bytes;
- ``expected.txt``: the problem lines ``reset-stories check`` prints on stderr, in order — every
  line before the final summary line. A freshly generated uuid4 (the tool suggests a new guid) is
  written ``<uuid>``: the runner replaces every uuid4 in the real output with ``<uuid>`` first;
- optional ``delete.txt``: paths (relative to the project, one per line) removed from the copy;
- optional ``symlinks.txt``: lines ``link_path<TAB>target``; the runner creates each symlink
  (replacing a file already there). The target may be absolute, e.g. ``/etc/passwd``;
- optional ``known-bug.txt``: for a case where the tool breaks a rule this runner checks (no
  summary line, a traceback, a wrong exit code), what it does wrong. The case is then expected
  to fail (``xfail``, strict): once the tool is fixed, pytest reports XPASS as a failure, and the
  file must be deleted and ``expected.txt`` regenerated. (A message that is merely badly worded
  is not marked: its ``expected.txt`` holds what the tool prints, and is regenerated once fixed.)

Where the output names the temporary copy of the project (MkDocs' own messages do), the runner
writes ``<project>`` in its place.

For every case the real CLI runs as a subprocess (``reset-stories check -f <copy>/mkdocs.yml``)
and must exit with 1, print no traceback, print exactly the expected problem lines and end with
the summary line counting the errors. A few cases also run ``build`` over a site built from the
base project and check that the previous site is left byte for byte as it was.

Regenerating the expected output after an intentional change to the messages::

    RESET_STORIES_UPDATE_EXPECTED=1 .venv/bin/python -m pytest tests/test_bad_input.py

writes what the tool prints now into each ``expected.txt`` instead of comparing (exit code,
traceback and summary are still checked). Read the diff (``git diff tests/fixtures/bad``) before
committing it: every line is a message staff will read.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BASE = REPO / "tests" / "fixtures" / "base"
BAD = REPO / "tests" / "fixtures" / "bad"
CLI = Path(sys.executable).parent / "reset-stories"

EXPECTED = "expected.txt"
DELETE = "delete.txt"
SYMLINKS = "symlinks.txt"
KNOWN_BUG = "known-bug.txt"
CASE_FILES = {EXPECTED, DELETE, SYMLINKS, KNOWN_BUG}
UPDATE = os.environ.get("RESET_STORIES_UPDATE_EXPECTED") == "1"

UUID4 = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\b", re.IGNORECASE)
SUMMARY = re.compile(
    r"^(?P<count>\d+) (?P<noun>problema|problemi) da correggere: "
    r"non è stato pubblicato nulla, il sito precedente è intatto\.$"
)

CASES = sorted(p.name for p in BAD.iterdir() if p.is_dir()) if BAD.is_dir() else []


def _case_param(case: str):
    bug = BAD / case / KNOWN_BUG
    if bug.is_file():
        reason = " ".join(bug.read_text(encoding="utf-8").split())
        return pytest.param(case, id=case, marks=pytest.mark.xfail(reason=reason, strict=True))
    return pytest.param(case, id=case)


# Cases also run through `build`, over a site already built from the base project.
BUILD_CASES = [
    "yaml-syntax-error",
    "not-utf8",
    "audio-missing-file",
    "duplicate-guid",
    "artwork-too-small",
    "site-url-missing",
    "many-problems-at-once",
    "invisible-characters-raw",
    "images-broken",
    "yaml-deeply-nested",
]


# --- preparing a case ----------------------------------------------------------------------------

def copy_base(target: Path) -> Path:
    shutil.copytree(BASE, target, symlinks=True)
    return target


def apply_case(case: str, project: Path) -> None:
    """Overlay the case's files on ``project``, then delete and link what the case says."""
    folder = BAD / case
    for source in sorted(folder.rglob("*")):
        rel = source.relative_to(folder)
        if rel.as_posix() in CASE_FILES or source.is_dir():
            continue
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink() or target.exists():
            target.unlink()
        shutil.copyfile(source, target, follow_symlinks=False)
    for rel in _lines(folder / DELETE):
        target = project / rel
        assert target.is_file() or target.is_symlink(), f"{case}/{DELETE}: {rel} is not in the project"
        target.unlink()
    for line in _lines(folder / SYMLINKS):
        link, _, destination = line.partition("\t")
        assert destination, f"{case}/{SYMLINKS}: expected «link<TAB>target», got {line!r}"
        path = project / link
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.exists():
            path.unlink()
        path.symlink_to(destination)


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("RESET_STORIES_NOW", None)
    return subprocess.run(
        [str(CLI), *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8",
        timeout=300, check=False,
    )


def problem_lines(stderr: str, project: Path) -> tuple[list[str], str | None]:
    """The problem lines (uuid4s and the project's folder masked) and the summary line, if any.

    Without a summary line (a bug: see the tests), every line counts as a problem line.
    """
    text = stderr.replace(str(project), "<project>")
    lines = [UUID4.sub("<uuid>", line) for line in text.splitlines()]
    assert lines, "nothing printed on stderr"
    if SUMMARY.match(lines[-1]):
        return lines[:-1], lines[-1]
    return lines, None


def assert_failed_cleanly(result: subprocess.CompletedProcess[str]) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 1, f"exit code {result.returncode}\n{output}"


def is_warning(line: str) -> bool:
    """Warnings are listed but not counted: ``path: avviso: …`` (or MkDocs' own ``avviso: …``)."""
    return line.startswith("avviso: ") or ": avviso: " in line


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# --- the tests -----------------------------------------------------------------------------------

def test_corpus_is_there():
    assert len(CASES) >= 30, CASES
    for case in CASES:
        assert (BAD / case / EXPECTED).is_file() or UPDATE, f"{case}: {EXPECTED} is missing"


@pytest.mark.parametrize("case", [_case_param(case) for case in CASES])
def test_check_reports_bad_input(case: str, tmp_path: Path):
    project = copy_base(tmp_path / "project")
    apply_case(case, project)

    result = run_cli("check", "-f", str(project / "mkdocs.yml"), cwd=tmp_path)

    assert_failed_cleanly(result)
    assert result.stdout == "", f"check printed on stdout:\n{result.stdout}"
    lines, summary = problem_lines(result.stderr, project)
    expected_file = BAD / case / EXPECTED
    if UPDATE:
        expected_file.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    else:
        expected = expected_file.read_text(encoding="utf-8").splitlines()
        assert lines == expected
    found = SUMMARY.match(summary or "")
    assert found, f"the last line is not the summary:\n{result.stderr}"
    errors = [line for line in lines if not is_warning(line)]
    count = int(found["count"])
    assert count == len(errors), f"the summary counts {count} problems, {len(errors)} are listed"
    assert found["noun"] == ("problema" if count == 1 else "problemi")
    assert count >= 1


@pytest.mark.parametrize("case", BUILD_CASES)
def test_failed_build_leaves_previous_site_untouched(case: str, tmp_path: Path):
    project = copy_base(tmp_path / "project")
    site = tmp_path / "site"
    first = run_cli("build", "-f", str(project / "mkdocs.yml"), "-d", str(site), cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    before = tree_digest(site)
    assert "index.html" in before and "feed.xml" in before, sorted(before)

    apply_case(case, project)
    result = run_cli("build", "-f", str(project / "mkdocs.yml"), "-d", str(site), cwd=tmp_path)

    assert_failed_cleanly(result)
    _, summary = problem_lines(result.stderr, project)
    assert summary is not None, result.stderr
    assert tree_digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"], "a staging folder was left behind"


def test_build_cases_exist():
    missing = [case for case in BUILD_CASES if case not in CASES]
    assert not missing, missing
