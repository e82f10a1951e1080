"""Benchmark: the page budget (issue 14) of the demo, side by side for each engine.

Run with the project's virtualenv:  .venv/bin/python benchmarks/budget.py [--engine mkdocs] [--runs 1]

It prints figures; it asserts nothing (tests/test_budget.py does). For the home, podcast, episode and
story pages of the demo, built by each engine and served as a static host serves it (text gzipped):
Lighthouse's four scores on its default mobile run (simulated slow 4G, 4x slower CPU), the seconds
each run took, what a first visit transfers before play (bytes on the wire, headers included, the
page read to its bottom) and in how many requests; then each audit that lost points. Lighthouse runs
offline with Debian's Chromium (tests/measure.py); `make test` installs it (npm ci in tests/browser).
The performance score moves with the load on the machine: run it on a quiet one, or with --runs 3
to see the spread.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from browsing import ENGINES, chromium, served_site  # noqa: E402
from conftest import copy_project  # noqa: E402
from measure import CATEGORIES, EPISODE_BYTES, MINIMUM, PAGES, Report, lighthouse, transfer  # noqa: E402

SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}


def measure(engine: str, runs: int) -> dict[str, tuple[list[Report], int, int]]:
    """Per page: Lighthouse's reports, the bytes transferred before play and the number of requests."""
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(REPO, Path(tmp) / "demo")
        with served_site(project, "https://reset.example.org/", engine, compress=True) as url:
            with chromium() as browser:
                visits = {name: transfer(browser, url + path) for name, path in PAGES.items()}
            for name, path in PAGES.items():
                reports = [lighthouse(url + path) for _ in range(runs)]
                results[name] = (reports, visits[name].total, len(visits[name].responses))
                print(f"  {engine} {name}: done", file=sys.stderr, flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ENGINES, action="append", help="only this engine (repeatable); default: each")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (the scores shown are each run's)")
    options = parser.parse_args()
    engines = options.engine or list(ENGINES)
    measured = {engine: measure(engine, options.runs) for engine in engines}

    print(f"Budget: each score >= {MINIMUM}; an episode page <= {EPISODE_BYTES / 1000:.0f} KB before play.")
    print("KB: bytes on the wire before play (gzipped, headers included); req: requests; s/run: seconds a Lighthouse run took.\n")
    width = max(5, 5 * options.runs - 1)  # a score per run: 0.97/0.95/0.99
    columns = " ".join(f"{SHORT[c]:>{width}}" for c in CATEGORIES) + f" {'KB':>6} {'req':>4} {'s/run':>6}"
    print(f"{'page':<9}" + "".join(f" | {engine:<{len(columns)}}" for engine in engines))
    print(f"{'':<9}" + "".join(f" | {columns}" for _ in engines))
    for name in PAGES:
        line = f"{name:<9}"
        for engine in engines:
            reports, size, requests = measured[engine][name]
            scores = " ".join(f"{'/'.join(_score(r.scores.get(c)) for r in reports):>{width}}" for c in CATEGORIES)
            seconds = sum(r.seconds for r in reports) / len(reports)
            line += f" | {scores} {size / 1000:>6.1f} {requests:>4} {seconds:>6.1f}"
        print(line)

    print("\nAudits that lost points (weighted in their category; performance: its metrics):")
    for engine in engines:
        for name in PAGES:
            reports = measured[engine][name][0]
            for run, report in enumerate(reports, 1):
                lost = [f"{category}: {audit}" for category, audits in report.failing.items() for audit in audits]
                if run == 1:  # what slows a page down hardly changes between runs
                    lost += [f"performance hint: {audit}" for audit in report.hints]
                label = f"{engine} {name}" + (f" (run {run})" if len(reports) > 1 else "")
                label += f" [load average {report.load:.1f}, Lighthouse's CPU benchmark index {report.benchmark_index:.0f}]"
                print(f"  {label}: " + ("none" if not lost else ""))
                for line in lost:
                    print(f"      {line}")
                for warning in report.warnings:
                    print(f"      warning: {warning.splitlines()[0][:160]}")


def _score(score: float | None) -> str:
    return "-" if score is None else f"{score:.2f}"


if __name__ == "__main__":
    main()
