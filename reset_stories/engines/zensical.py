"""The Zensical adapter: Zensical builds the tree ``generate`` writes (see publish/from_tree.py).

Zensical, by the authors of Material for MkDocs, reads mkdocs.yml and Material's templates but
runs no plugin of ours, so it is given the tree: every page as Markdown with its data in the
front matter, our templates and assets, the feed as a file. It runs in a child process (it is a
native extension that prints its own report), pinned in pyproject.toml.

What Zensical needs unlike MkDocs is kept here, in :func:`zensical_config`, and only here.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from reset_stories.problems import Problem

ENGINE = "zensical"
NAME = "Zensical"
log = logging.getLogger("reset_stories.engines.zensical")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


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
        raise EngineFailed([Problem("--engine", None, f"{NAME} non si avvia ({error.strerror or error}).")]) from None
    report = _ANSI.sub("", result.stdout + result.stderr)
    if result.returncode != 0:
        raise EngineFailed([Problem(
            "--engine", None,
            f"{NAME} si è fermato ({_last_line(report)}) — {_kept(report)}. Il motore predefinito "
            "(reset-stories build, senza --engine) costruisce lo stesso sito.",
        )])
    for line in report.splitlines():
        if line.startswith(("Warning:", "Error:")):
            log.warning(f"{NAME}: {line}")


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
