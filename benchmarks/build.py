"""Benchmark: build time and peak memory of a real build, small and with many/large episodes.

Run with the project's virtualenv:  .venv/bin/python benchmarks/build.py [--episodes 300] [--big-mb 200]

It prints figures; it asserts nothing. Each build runs `reset-stories build` in a child process,
whose peak resident memory (ru_maxrss) is read when it ends. The big-file case shows that a
large recording is probed and copied without being read into memory: peak memory stays about
the same while the file grows.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BASE = REPO / "tests" / "fixtures" / "base"
CLI = Path(sys.executable).parent / "reset-stories"

EPISODE = """---
title: Episodio {n}
date: 2023-01-01 {hour:02d}:{minute:02d}
audio: audio/{name}
summary: Il riassunto dell'episodio {n}.
guid: 00000000-0000-4000-8000-{n:012d}
number: {n}
people: [mario-rossi]
---
Le note dell'episodio {n}.
"""


def project_with(root: Path, episodes: int, big_mb: int) -> Path:
    shutil.copytree(BASE, root)
    tone = (REPO / "tests/data/tone.mp3").read_bytes()
    for n in range(3, episodes + 3):
        (root / "episodes/audio" / f"{n:04d}.mp3").write_bytes(tone)
        (root / "episodes" / f"{n:04d}-episodio.md").write_text(
            EPISODE.format(n=n, hour=(n // 60) % 24, minute=n % 60, name=f"{n:04d}.mp3"), encoding="utf-8"
        )
    if big_mb:
        # MP3 frames repeated: a valid stream of the requested size (its Xing header still says 3 s).
        big = root / "episodes/audio/grande.mp3"
        with big.open("wb") as out:
            while out.tell() < big_mb * 1_000_000:
                out.write(tone)
        (root / "episodes/99-grande.md").write_text(
            EPISODE.format(n=9999, hour=23, minute=59, name="grande.mp3"), encoding="utf-8"
        )
    return root


# Runs the build in a grandchild and reports that one process's peak memory, so each case is
# measured alone (RUSAGE_CHILDREN in this process would keep the largest peak of all cases).
_WRAPPER = """
import resource, subprocess, sys
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stderr.write(result.stderr)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(result.returncode)
"""


def measure(project: Path) -> tuple[float, float]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(CLI), "build", "-d", str(project / "site")],
        cwd=project, capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(result.stderr)
    return elapsed, int(result.stdout.split()[-1]) / 1024  # KiB → MiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=300)
    parser.add_argument("--big-mb", type=int, default=200)
    args = parser.parse_args()
    cases = [("base fixture (2 episodes)", 0, 0), (f"{args.episodes} episodes", args.episodes, 0),
             (f"2 episodes + one {args.big_mb} MB MP3", 0, args.big_mb)]
    print(f"{'case':<36} {'build s':>8} {'peak MiB':>9}")
    for label, episodes, big in cases:
        with tempfile.TemporaryDirectory() as tmp:
            elapsed, peak = measure(project_with(Path(tmp) / "p", episodes, big))
        print(f"{label:<36} {elapsed:>8.2f} {peak:>9.1f}")


if __name__ == "__main__":
    main()
