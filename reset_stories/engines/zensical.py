"""The Zensical adapter: Zensical builds the tree ``generate`` writes (see publish/from_tree.py).

Zensical, by the authors of Material for MkDocs, reads mkdocs.yml and Material's templates but
runs no plugin of ours, so it is given the tree: every page as Markdown with its data in the
front matter, our templates and assets, the feed as a file. It runs in a child process (it is a
native extension that prints its own report), pinned in pyproject.toml.

For a preview, ``zensical serve`` serves the tree and rebuilds it (and reloads the browser) when a
file of the tree changes: :func:`serve_tree` runs it and watches the project's own files, so that
the tree can be brought up to date when staff save one (publish/tree.py's ``sync_tree``).

What Zensical needs unlike MkDocs is kept here, in :func:`zensical_config`, and only here.
"""

from __future__ import annotations

import collections
import importlib.util
import logging
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from reset_stories.media.cache import FOLDER as CACHE_FOLDER
from reset_stories.problems import Problem

NAME = "Zensical"
# Where `build --engine zensical` keeps its tree between builds, with Zensical's own cache beside
# it (`.cache/` inside the tree): in the project's cache folder, which git ignores.
BUILD_FOLDER = CACHE_FOLDER / "zensical-build"
log = logging.getLogger("reset_stories.engines.zensical")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# The lines of Zensical's report staff are shown (the rest is its progress, in English).
_TOLD = ("Warning:", "Error:", "[error]")


class EngineFailed(Exception):
    """Zensical could not build the tree; ``problems`` say why, for people."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def zensical_config(config: dict[str, Any]) -> dict[str, Any]:
    """The standalone configuration (engines/mkdocs.standalone_config) as Zensical needs it.

    - ``theme.variant: classic``: Material's look (Zensical's own "modern" look is its default);
    - ``validation.anchors: ignore``: chapters and transcript cues link to moments of the audio
      (``#t=125``, a media fragment, not an anchor), which Zensical would report one by one;
      MkDocs reports anchors only at its "info" level. Our own check has already read every link.

    Zensical's own search dialog is not shown: our search box takes its place in the header
    (templates/partials/search.html, publish/search.py).
    """
    theme = dict(config.get("theme") or {})
    theme.setdefault("variant", "classic")
    validation = config.get("validation")
    validation = dict(validation) if isinstance(validation, dict) else {}
    validation["anchors"] = "ignore"
    return {**config, "theme": theme, "validation": validation}


def foreign_plugins(config: dict[str, Any]) -> list[str]:
    """The MkDocs plugins of the standalone configuration that Zensical will not run as MkDocs
    does: it runs no plugin, silently ignoring most and redoing a few its own way. Search is its own."""
    plugins = config.get("plugins") or []
    names = plugins if isinstance(plugins, dict) else [next(iter(p)) if isinstance(p, dict) else p for p in plugins]
    return [str(name) for name in names if name != "search"]


def check_installed() -> None:
    if importlib.util.find_spec("zensical") is None:
        raise EngineFailed([Problem(
            "--engine", None,
            f"{NAME} non è installato in questo ambiente — installalo con «pip install reset-stories» "
            "(lo porta con sé) oppure costruisci con il motore predefinito: reset-stories build.",
        )])


def run_zensical(config_file: Path) -> None:
    """Build the tree whose configuration is ``config_file``; its warnings are logged."""
    check_installed()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "--config-file", str(config_file)],
            cwd=config_file.parent, capture_output=True, text=True, check=False,
        )
    except OSError as error:
        raise _not_started(error) from None
    report = _ANSI.sub("", result.stdout + result.stderr)
    if result.returncode != 0:
        raise _stopped(report, "Il motore predefinito (reset-stories build, senza --engine) costruisce lo stesso sito.")
    for line in report.splitlines():
        _tell(line)


def serve_tree(
    config_file: Path, address: str, *, watched: Callable[[], Iterable[Path]], refresh: Callable[[], None],
    interval: float = 0.5,
) -> None:
    """Serve the tree whose configuration is ``config_file`` at ``address``, until Ctrl+C (or SIGTERM).

    Zensical's server rebuilds the site and reloads the browser when the tree changes;
    ``refresh`` brings the tree up to date, and is called when a file under ``watched`` (the
    project's own files and folders) changes. They are polled every ``interval`` seconds by size
    and modification time, which works on every system and file system.
    """
    check_installed()
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "zensical", "serve", "--config-file", str(config_file), "--dev-addr", address],
            cwd=config_file.parent, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, encoding="utf-8", errors="replace",
        )
    except OSError as error:
        raise _not_started(error) from None
    report = _Report(child)
    try:
        with _terminate_as_interrupt():
            seen = _fingerprints(watched())
            while child.poll() is None:
                time.sleep(interval)
                current = _fingerprints(watched())
                if current != seen:
                    seen = current
                    refresh()
    except KeyboardInterrupt:
        return  # stopped by staff: the child is stopped below
    finally:
        _stop(child)
        report.join(timeout=5)
    raise _stopped(report.text, "L'anteprima del motore predefinito (reset-stories serve, senza --engine) mostra lo stesso sito.")


def _not_started(error: OSError) -> EngineFailed:
    return EngineFailed([Problem("--engine", None, f"{NAME} non si avvia ({error.strerror or error}).")])


def _stopped(report: str, alternative: str) -> EngineFailed:
    """Zensical ended with a failure: its last line for staff, its whole report kept for developers."""
    return EngineFailed([Problem("--engine", None, f"{NAME} si è fermato ({_last_line(report)}) — {_kept(report)}. {alternative}")])


def _tell(line: str) -> None:
    if line.startswith(_TOLD):
        log.warning(f"{NAME}: {line}")


class _Report(threading.Thread):
    """Reads what Zensical's server prints: its warnings are logged, its last lines kept."""

    def __init__(self, child: subprocess.Popen[str]):
        super().__init__(daemon=True)
        self.child = child
        self.lines: collections.deque[str] = collections.deque(maxlen=200)
        self.start()

    def run(self) -> None:
        assert self.child.stdout is not None
        for raw in self.child.stdout:
            line = _ANSI.sub("", raw).rstrip()
            self.lines.append(line)
            _tell(line)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the preview as Ctrl+C does, cleanly (signals reach the main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stop(child: subprocess.Popen[str]) -> None:
    """Stop Zensical's server (a terminal's Ctrl+C may have stopped it already). Terminated, not
    interrupted: a child inherits an ignored SIGINT (from a shell's background job, say)."""
    if child.poll() is None:
        child.terminate()
    try:
        child.wait(timeout=5)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def _fingerprints(paths: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """The size and modification time of every file at or under ``paths``, hidden names skipped
    (editors' swap and backup files)."""
    found: dict[str, tuple[int, int]] = {}

    def note(path: Path) -> None:
        try:
            status = path.stat()
        except OSError:
            return  # gone meanwhile: its absence is the change
        found[str(path)] = (status.st_size, status.st_mtime_ns)

    for path in paths:
        if path.is_file():
            note(path)
            continue
        for current, folders, names in os.walk(path):
            folders[:] = [name for name in folders if not name.startswith(".")]
            for name in names:
                if not name.startswith("."):
                    note(Path(current) / name)
    return found


def _last_line(report: str) -> str:
    lines = [line.strip() for line in report.splitlines() if line.strip()]
    return lines[-1] if lines else "senza dire perché"


def _kept(report: str) -> str:
    """Where the engine's whole report is kept for developers."""
    details = Path(tempfile.gettempdir()) / "reset-stories-zensical.txt"
    try:
        details.write_text(report, encoding="utf-8")
    except OSError:
        return "rilancia il comando per vedere se si ripete"
    return f"il suo resoconto completo è in {details}"
