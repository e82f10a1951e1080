"""Benchmark: site search at scale (issue 15): the index's time and size, and what a query transfers.

Run with the project's virtualenv:  .venv/bin/python benchmarks/search.py [--episodes 1000] [--cues 200]

It prints figures; it asserts nothing. The synthetic corpus (benchmarks/corpus.py) with every
episode given a transcript of ``--cues`` cues of about 25 words each (two voices, words drawn from
a vocabulary of 20,000 made-up words, so that the index holds as many distinct words as a real
archive), built once with `reset-stories build`; then the index alone is made again on the built
site (publish/search.py, the step the publishing stage runs), timed once (it takes minutes at the
largest sizes); its size on disk; and, in
headless Chromium (Debian's) on the site served from 127.0.0.1, the bytes of the index each
query fetches (a common word, a rare one, a phrase), the first query of a visit with the
search's script, Pagefind's program (WebAssembly) and the index's entry files, then one more
query in the same visit. Pagefind's index and fragments are gzipped by Pagefind itself; its
scripts are gzipped by web hosts, as the second column shows.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))
from browsing import chromium, served_site  # noqa: E402
from corpus import person_name, write_project  # noqa: E402

from reset_stories.publish.search import INDEX_FOLDER, index_site  # noqa: E402

SYLLABLES = ("ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ra", "se", "ti", "vo", "za", "sco", "tra",
             "pre", "gli", "zio", "ne", "to", "re", "ma", "sta")
COMMON = ("il", "la", "di", "che", "e", "un", "una", "per", "con", "non", "sono", "abbiamo", "cultura", "progetto",
          "comunità", "territorio", "sperimentazioni", "città", "persone", "lavoro")
QUERIES = ("comunità", "sperimentazione nel territorio", "zamepo")


def vocabulary(size: int = 20_000) -> list[str]:
    chance = random.Random(15)
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(chance.choice(SYLLABLES) for _ in range(chance.randint(2, 4))))
    return sorted(words)


def add_transcripts(root: Path, episodes: int, cues: int, people: int) -> int:
    """Every episode's transcript: ``cues`` cues inside the corpus's 3 s audio; the words written."""
    words, chance, written = vocabulary(), random.Random(42), 0
    step = 2900 // cues  # milliseconds
    for n in range(1, episodes + 1):
        first, second = person_name(1 + n % people), person_name(1 + (n * 7) % people)
        lines = ["WEBVTT", ""]
        for c in range(cues):
            said = [chance.choice(COMMON) if chance.random() < 0.4 else chance.choice(words) for _ in range(25)]
            written += len(said)
            lines += [f"00:{c * step // 1000:02d}.{c * step % 1000:03d} --> 00:{(c + 1) * step // 1000:02d}.{(c + 1) * step % 1000:03d}",
                      f"<v {first if c % 2 == 0 else second}>{' '.join(said).capitalize()}.", ""]
        (root / "episodes" / f"{n:05d}.vtt").write_text("\n".join(lines), encoding="utf-8")
        page = root / "episodes" / f"{n:05d}-episodio.md"
        text = page.read_text(encoding="utf-8")
        if "\ntranscript:" not in text:
            page.write_text(text.replace("\nchapters:", f"\ntranscript: {n:05d}.vtt\nchapters:", 1), encoding="utf-8")
    return written


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def measure_queries(site_url: str) -> None:
    with chromium() as browser:
        page = browser.new_page()
        fetched: list[tuple[str, int, int]] = []

        def record(response) -> None:  # a Playwright response
            if f"/{INDEX_FOLDER}/" in response.url or response.url.endswith("search.js"):
                body = response.body()
                packed = body if response.url.endswith((".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter")) else gzip.compress(body)
                fetched.append((response.url, len(body), len(packed)))

        page.on("response", record)
        page.goto(site_url + "podcast/")
        page.wait_for_load_state("networkidle")
        for number, query in enumerate(QUERIES):
            fetched.clear()
            page.fill("#rs-search-field", "")
            page.fill("#rs-search-field", query)
            page.wait_for_function("q => document.querySelector('#rs-search-status').textContent.includes(q)", arg=query, timeout=60000)
            page.wait_for_load_state("networkidle")
            found = page.locator("#rs-search-status").inner_text()
            raw, sent = sum(f[1] for f in fetched), sum(f[2] for f in fetched)
            kind = "first query of the visit" if number == 0 else "next query"
            print(f"  «{query}» ({kind}): {len(fetched)} requests, {raw / 1024:.1f} KB ({sent / 1024:.1f} KB as hosts send it) — {found}")
            for url, size, packed in sorted(fetched, key=lambda f: -f[2])[:4]:
                print(f"      {url.rsplit('/', 2)[-2:]}: {size / 1024:.1f} KB ({packed / 1024:.1f} KB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=1000)
    parser.add_argument("--cues", type=int, default=200)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = write_project(Path(tmp) / "corpus", episodes=arguments.episodes, stories=100, people=50)
        said = add_transcripts(root, arguments.episodes, arguments.cues, 50)
        print(f"{arguments.episodes} episodes, each with a transcript of {arguments.cues} cues; {said:,} words said in all")
        with served_site(root, "https://corpus.example.org/") as url:
            site = root / "site"
            pages = len(list(site.rglob("*.html")))
            html_bytes = sum(p.stat().st_size for p in site.rglob("*.html"))
            print(f"site: {pages} pages, {html_bytes / 1024 / 1024:.1f} MB of HTML")
            start = time.perf_counter()
            index_site(site, "it")
            took = time.perf_counter() - start
            size, count = folder_size(site / INDEX_FOLDER)
            fragments, _ = folder_size(site / INDEX_FOLDER / "fragment")
            print(f"index: made in {took:.2f} s; "
                  f"{size / 1024 / 1024:.1f} MB in {count} files, of which fragments {fragments / 1024 / 1024:.1f} MB")
            measure_queries(url)


if __name__ == "__main__":
    main()
