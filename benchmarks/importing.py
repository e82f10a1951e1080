"""Benchmark: time to import a feed of 100 and of 1,000 episodes without audio (``import --no-audio``).

Run with the project's virtualenv:  .venv/bin/python benchmarks/importing.py [--items 100 1000]

It prints figures; it asserts nothing. The feed is generated (tests/big_feed.py): HTML show notes
converted to Markdown, one episode file each, the ledger seeded.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from big_feed import big_feed  # noqa: E402

from reset_stories.importing import layout_of, plan_import, read_feed, write_plan  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    for items in args.items:
        data = big_feed(items)
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            feed = read_feed(data, "https://feeds.example/big/feed.xml")
            read = time.perf_counter()
            plan = plan_import(feed, layout_of(Path(folder)), feed_url="https://feeds.example/big/feed.xml", site_url=None, audio=False)
            write_plan(plan, fetch_file=lambda _url: b"", fetch_audio=None, report=lambda _line: None)
            done = time.perf_counter()
        print(
            f"{items:>5} episodi ({len(data) / 1e6:.1f} MB di feed): letti in {read - started:.2f} s, "
            f"scritti in {done - read:.2f} s, in tutto {done - started:.2f} s"
        )


if __name__ == "__main__":
    main()
