"""Benchmark: the demo's build time and what each page type weighs in a browser before play.

Run with the project's virtualenv:  .venv/bin/python benchmarks/pages.py

It prints figures; it asserts nothing. The demo is built (timed) for a local address and served
on 127.0.0.1; headless Chromium (Debian's) opens each page type with an empty cache and sums
the bytes of every response it receives, the way a first visit does: the HTML, styles, scripts,
images and the search index; the audio stays out (preload="none") until the visitor presses play.
The local server sends everything uncompressed; web hosts gzip text, which the second column shows.
"""

from __future__ import annotations

import gzip
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from browsing import CLI, chromium, served_site  # noqa: E402
from conftest import copy_project  # noqa: E402

PAGES = {"home": "", "podcast": "podcast/", "episode": "podcast/04-reset/", "stories": "storie/", "story": "storie/formazione/", "person": "persone/aldo-buzio/"}


def _sizes(response) -> tuple[str, int, int]:  # a Playwright response
    """The response's URL, its bytes, and its bytes as a web host sends text: gzipped (not images)."""
    body = response.body()
    text = not response.url.endswith((".jpg", ".png", ".mp3", ".m4a"))
    return response.url, len(body), len(gzip.compress(body)) if text else len(body)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = copy_project(REPO, Path(tmp) / "demo")
        for label in ("first build (cold cache)", "second build (warm cache)"):
            start = time.perf_counter()
            subprocess.run([str(CLI), "build"], cwd=project, check=True, capture_output=True)
            print(f"{label:<28} {time.perf_counter() - start:6.2f} s")
        with served_site(project, "https://reset.example.org/") as url, chromium() as browser:
            print(f"\n{'page':<10} {'requests':>8} {'KB before play':>15} {'KB gzipped':>11} {'audio bytes':>12}")
            for name, path in PAGES.items():
                context = browser.new_context()
                page = context.new_page()
                sizes: list[tuple[str, int, int]] = []
                page.on("response", lambda response, sizes=sizes: sizes.append(_sizes(response)))
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                audio = sum(size for address, size, _ in sizes if address.endswith((".mp3", ".m4a")))
                total = sum(size for _, size, _ in sizes)
                zipped = sum(size for _, _, size in sizes)
                print(f"{name:<10} {len(sizes):>8} {total / 1000:>15.1f} {zipped / 1000:>11.1f} {audio:>12}")
                context.close()


if __name__ == "__main__":
    main()
