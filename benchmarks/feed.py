"""Benchmark: the feed of 1,000 episodes built and linted, and ``lint`` of feeds of 1,000 to 10,000 items.

Run with the project's virtualenv:  .venv/bin/python benchmarks/feed.py [--episodes 1000] [--items 1000 2000 5000 10000] [--repeat 3]

It prints figures; it asserts nothing. Issue 13's targets: the feed of 1,000 episodes built and
linted in < 0.5 s; ``lint`` of a 10,000-item feed in < 2 s (issue 16: and linear).

- The build: the synthetic corpus (benchmarks/corpus.py: notes, two people, three chapters, every
  fifth episode a transcript) loaded in this process as the build loads it; ``build_feed`` the first
  time (cold: every show note through Markdown and the sanitizer) and again (a rebuild in the same
  process, as a preview does: the unchanged episodes' texts are reused); then the build's own lint
  (``check_plan``, with the files the plan publishes beside the feed).
- ``lint``: feeds shaped like ours (tests/big_feed.py ``podcast_feed``: enclosure, guid, pubDate,
  HTML description and content:encoded, iTunes fields, podcast:chapters/person, every fifth item
  three podcast:transcript), linted in this process (``lint_file``: every rule module, then the
  findings grouped into the report's lines) and through the command (``reset-stories lint FILE``,
  a fresh process: start-up and the printed report included).

Each figure is the best of ``--repeat`` runs, as wall time and as CPU time of this process (the
CPU figure is the one to trust on a machine shared with other work); the per-item cost shows
whether the time grows linearly.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))

import corpus  # noqa: E402
from big_feed import podcast_feed  # noqa: E402
from conftest import load, published_media  # noqa: E402

import reset_stories.feed  # noqa: E402
from reset_stories.feed import build_feed  # noqa: E402
from reset_stories.lint import check_plan, lint_file  # noqa: E402
from reset_stories.site.plan import plan_site  # noqa: E402

CLI = Path(sys.executable).parent / "reset-stories"
T = TypeVar("T")


def best(run: Callable[[], T], repeat: int, before: Callable[[], None] = lambda: None) -> tuple[float, float, T]:
    """The best wall and CPU seconds of ``repeat`` runs, and what the last run returned."""
    walls, cpus = [], []
    for _ in range(repeat):
        before()
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result


def child_seconds(command: list[str], repeat: int) -> tuple[float, float]:
    """The best wall and CPU seconds (user + system) of a command run ``repeat`` times."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        walls.append(time.perf_counter() - wall)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def forget_texts() -> None:
    """Make the next build cold: drop the show notes the last build kept for the next one."""
    reset_stories.feed._last_texts = {}


def build(episodes: int, repeat: int, folder: Path) -> None:
    root = corpus.write_project(folder / "corpus", episodes=episodes, stories=10, people=50)
    catalog = load(root).catalog
    media = published_media(catalog)
    cold_wall, cold_cpu, feed = best(lambda: build_feed(catalog, media), repeat, before=forget_texts)
    warm_wall, warm_cpu, _ = best(lambda: build_feed(catalog, media), repeat)
    plan = plan_site(catalog, media)
    lint_wall, lint_cpu, problems = best(lambda: check_plan(plan, catalog), repeat)
    print(f"Feed di {episodes} episodi ({len(feed) / 1e6:.1f} MB), {len(problems)} problemi (secondi, tempo reale / CPU):")
    print(f"  build_feed, prima volta:     {cold_wall:6.3f} / {cold_cpu:6.3f}   ({cold_cpu / episodes * 1000:.2f} ms di CPU per episodio)")
    print(f"  build_feed, ricostruzione:   {warm_wall:6.3f} / {warm_cpu:6.3f}")
    print(f"  lint della build (check_plan): {lint_wall:4.3f} / {lint_cpu:6.3f}")
    print(f"  costruito e controllato: {cold_wall + lint_wall:.3f} / {cold_cpu + lint_cpu:.3f} la prima volta, "
          f"{warm_wall + lint_wall:.3f} / {warm_cpu + lint_cpu:.3f} alla ricostruzione (obiettivo < 0.5 s)")


def lint(sizes: list[int], repeat: int, folder: Path) -> None:
    print("lint di un feed generato (secondi, tempo reale / CPU; per voce: CPU in ms):")
    for items in sizes:
        path = folder / f"feed-{items}.xml"
        path.write_bytes(podcast_feed(items))
        wall, cpu, lines = best(lambda path=path: lint_file(path).lines(), repeat)
        cli_wall, cli_cpu = child_seconds([str(CLI), "lint", str(path)], repeat)
        print(
            f"  {items:>6} voci ({path.stat().st_size / 1e6:5.1f} MB): lint_file {wall:6.3f} / {cpu:6.3f} "
            f"({cpu / items * 1000:.3f} ms per voce, {sum(line.count for line in lines)} problemi in {len(lines)} righe); "
            f"reset-stories lint {cli_wall:6.3f} / {cli_cpu:6.3f}"
        )
    print("  obiettivo: 10000 voci in < 2 s, tempo per voce costante")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--episodes", type=int, default=1000)
    parser.add_argument("--items", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        build(args.episodes, args.repeat, Path(folder))
        lint(args.items, args.repeat, Path(folder))


if __name__ == "__main__":
    main()
