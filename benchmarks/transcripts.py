"""Benchmark: time to read a WebVTT transcript and write every published format, at two sizes.

Run with the project's virtualenv:  .venv/bin/python benchmarks/transcripts.py [--sizes-mb 5 50]

It prints figures; it asserts nothing. The generated transcript is one cue a second, long runs
of one voice (the case that made the HTML transcript quadratic), with inline markup and
character references as caption tools export them. Time that grows with size by the same
factor as the size is linear.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from reset_stories.content import transcripts  # noqa: E402

LINE = "Una battuta di prova, con <i>qualche</i> parola in più &amp; un riferimento."


def write_vtt(target: Path, megabytes: float) -> int:
    """A WebVTT file of about ``megabytes`` MB; returns how many cues it holds."""
    cues = 0
    with target.open("w", encoding="utf-8") as out:
        out.write("WEBVTT\n\n")
        while out.tell() < megabytes * 1_000_000:
            s = cues
            speaker = "Anna Bianchi" if (cues // 100_000) % 2 == 0 else "Mario Rossi"
            out.write(f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.000 --> {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.900\n"
                      f"<v {speaker}>{LINE}\n\n")
            cues += 1
    return cues


def _read_into(read: list[transcripts.Transcript], path: Path) -> None:
    read.append(transcripts.read_transcript(path))


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes-mb", type=float, nargs=2, default=[5, 50])
    sizes = parser.parse_args().sizes_mb
    print(f"{'size':>8} {'cues':>9} {'read':>8} {'vtt':>7} {'srt':>7} {'json':>7} {'html':>7} {'page':>7}")
    with tempfile.TemporaryDirectory() as work:
        for megabytes in sizes:
            path = Path(work) / f"{megabytes:g}.vtt"
            cues = write_vtt(path, megabytes)
            read: list[transcripts.Transcript] = []
            read_time = timed(partial(_read_into, read, path))
            transcript = read[0]
            writes = [
                timed(partial(transcripts.to_vtt, transcript)),
                timed(partial(transcripts.to_srt, transcript)),
                timed(partial(transcripts.to_json, transcript)),
                timed(partial(transcripts.to_html, transcript, "Prova", "it")),
                timed(partial(transcripts.to_page_html, transcript)),
            ]
            print(f"{megabytes:>6g}MB {cues:>9,} {read_time:>7.2f}s " + " ".join(f"{t:>6.2f}s" for t in writes))


if __name__ == "__main__":
    main()
