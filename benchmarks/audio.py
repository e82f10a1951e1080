"""Benchmark: peak memory and time to probe, tag and publish a small and a large audio file.

Run with the project's virtualenv:  .venv/bin/python benchmarks/audio.py [--large-mb 200]

It prints figures; it asserts nothing. Each case runs in a child process that imports the
package, probes the file (mutagen reads headers only), writes the tagged copy (the tag, then the
audio streamed in 1 MiB pieces) and places it in a site folder (a hard link, or a streamed
copy across file systems); the child reports its own peak resident memory. A first row with no
file shows what importing the package alone costs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TONE = REPO / "tests" / "data" / "tone.mp3"

_CHILD = """
import resource, sys, time
from pathlib import Path
from reset_stories.media import audio
from reset_stories.media.cache import place
from reset_stories.media.tagging import Tags, write_tagged
source, site, tagged = Path(sys.argv[1]) if sys.argv[1] else None, Path(sys.argv[2]), Path(sys.argv[3])
start = time.perf_counter()
if source:
    facts = audio.probe(source)
    tags = Tags(title="Episodio", artist="Ente", album="Podcast", date="2024-06-20", url="https://example.org/",
                artwork=sys.argv[4], artwork_mime="image/jpeg", track=1, chapters=((0, 1000, "Inizio", None),))
    write_tagged(source, facts.extension, tags, tagged)
    place(tagged, site / "episodio.mp3")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.perf_counter() - start)
"""


def make_mp3(target: Path, megabytes: float) -> None:
    """A valid MP3 stream of about ``megabytes`` MB: the test tone's frames over and over."""
    tone = TONE.read_bytes()
    with target.open("wb") as out:
        while out.tell() < megabytes * 1_000_000:
            out.write(tone)


def measure(source: Path | None, work: Path) -> tuple[float, float]:
    site = work / "site"
    site.mkdir(exist_ok=True)
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(source or ""), str(site), str(work / "tagged.mp3"), str(REPO / "episodes/copertina.jpg")],
        capture_output=True, text=True, check=True,
    )
    peak_kib, seconds = result.stdout.split()
    return int(peak_kib) / 1024, float(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large-mb", type=float, default=200)
    args = parser.parse_args()
    print(f"{'case':<28} {'file MB':>8} {'peak MiB':>9} {'seconds':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        peak, seconds = measure(None, work)
        print(f"{'import only':<28} {'-':>8} {peak:>9.1f} {seconds:>8.2f}")
        for label, megabytes in (("small MP3", 1), ("large MP3", args.large_mb)):
            source = work / f"{megabytes}.mp3"
            make_mp3(source, megabytes)
            peak, seconds = measure(source, work)
            print(f"{label:<28} {source.stat().st_size / 1e6:>8.1f} {peak:>9.1f} {seconds:>8.2f}")
            source.unlink()


if __name__ == "__main__":
    main()
