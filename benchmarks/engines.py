"""Benchmark: the same content built by each engine, side by side.

Run with the project's virtualenv:  .venv/bin/python benchmarks/engines.py [--episodes 300]

It prints figures; it asserts nothing. For the demo and for a project of N synthetic episodes,
each build runs in a fresh child process (wall time, and the peak resident memory of the process
tree's largest process):

- ``reset-stories build`` (MkDocs + Material, the plugin) and ``reset-stories build --engine
  zensical``: a first build (audio tagged, thumbnails made) and a rebuild with nothing changed;
- the engines alone on the tree ``reset-stories generate`` writes: plain ``mkdocs build`` and
  ``zensical build``, which is the floor each engine sets for rendering the same pages.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import _WRAPPER, REPO, project_with  # the benchmarks share the synthetic project

BIN = Path(sys.executable).parent
DEMO_FILES = ("mkdocs.yml", "published.yml", "content", "episodes")


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _WRAPPER, *command], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    return elapsed, int(result.stdout.split()[-1]) / 1024  # KiB → MiB on Linux


def demo_copy(root: Path) -> Path:
    root.mkdir()
    for name in DEMO_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    return root


def measure(project: Path) -> list[tuple[str, float, float]]:
    rows = []
    cli = str(BIN / "reset-stories")
    for engine in ("mkdocs", "zensical"):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        site = project / f"site-{engine}"
        first = timed([cli, "build", "--engine", engine, "-d", str(site)], project)
        again = timed([cli, "build", "--engine", engine, "-d", str(site)], project)
        rows.append((f"reset-stories build --engine {engine}: first", *first))
        rows.append((f"reset-stories build --engine {engine}: unchanged", *again))
    for engine, command in (("mkdocs", [str(BIN / "mkdocs"), "build", "-q"]), ("zensical", [str(BIN / "zensical"), "build"])):
        tree = project / f"tree-{engine}"
        timed([cli, "generate", "--engine", engine, str(tree)], project)
        rows.append((f"{engine} build alone, on the generated tree", *timed(command, tree)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=300)
    args = parser.parse_args()
    print(f"{'content / build':<58} {'wall s':>7} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for label, project in (
            ("the demo (4 episodes, 4 stories, 3 people)", demo_copy(Path(tmp) / "demo")),
            (f"{args.episodes} synthetic episodes", project_with(Path(tmp) / "synthetic", args.episodes, 0)),
        ):
            print(label)
            for name, elapsed, peak in measure(project):
                print(f"  {name:<56} {elapsed:>7.2f} {peak:>9.1f}")


if __name__ == "__main__":
    main()
