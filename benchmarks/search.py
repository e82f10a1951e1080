"""Benchmark: site search at scale (issue 15): the index's time and size, and what a query transfers.

Run with the project's virtualenv:  .venv/bin/python benchmarks/search.py [--episodes 1000] [--cues 200]

It prints figures; it asserts nothing. The synthetic corpus (benchmarks/corpus.py) with every
episode given a transcript of ``--cues`` cues of 25 words (200 cues: 5,000 words, some 35 minutes
of speech). The words follow Zipf's law, as speech does: the most frequent are Italian's function
words (di, e, il, che…), then a few dozen words of the show's subject (cultura, comunità…), then
20,000 made-up words; so the index holds as many distinct words as a real archive and each is
said about as often as its rank says.

The project is built once with `reset-stories build` (which makes the index, its archive and
keeps them in .cache); then the index alone (publish/search.py, the step the publishing stage
runs) is made again on the built site in the situations a user meets: from nothing (no cache:
a first build); unchanged (a build with nothing new); a new episode; the worst daily build, 99
transcripts newer than the archive; an archived transcript corrected. Then, in headless Chromium
on the site served from 127.0.0.1, what each query fetches: the first of a visit (with
Pagefind's program, its entry files and both indexes' metadata), then single queries (the most
frequent word of the subject, a phrase, a rare word, a query of stop words only). Pagefind's index
files are gzipped by Pagefind; its scripts as hosts send them. Beside them, what the alternative
a user would pick transfers: Material's own search, whose one JSON index holds every page's text.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))
from browsing import chromium, served_site  # noqa: E402
from corpus import person_name, write_project  # noqa: E402

from reset_stories.publish.search import ARCHIVE_FOLDER, ARCHIVE_STEP, INDEX_FOLDER, Searching, index_site  # noqa: E402

SYLLABLES = ("ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ra", "se", "ti", "vo", "za", "sco", "tra",
             "pre", "gli", "zio", "ne", "to", "re", "ma", "sta")
# Italian's most frequent words, most frequent first (function words: the search leaves them out).
FUNCTION = ["di", "e", "il", "che", "la", "a", "in", "per", "un", "è", "non", "una", "i", "le", "si", "con", "del", "da", "della", "ma", "lo", "gli", "al", "ci", "come", "sono", "questo", "se", "più", "anche", "nel", "dei", "alla", "ne", "tutto", "io", "quando", "o", "ti", "delle", "era", "così", "poi", "noi"]
# The show's subject: frequent, but each far less than a function word.
SUBJECT = ["comunità", "cultura", "progetto", "territorio", "persone", "città", "lavoro", "palazzo", "fondazione", "innovazione", "giovani", "sperimentazione", "pratiche", "arte", "musei", "biblioteca", "quartiere", "memoria", "racconto", "formazione"]
QUERIES = ("comunità", "sperimentazione nel territorio", "{rare}", "di che")


def vocabulary(size: int = 20_000) -> list[str]:
    """The words by rank: function words, the subject's, then ``size`` made-up ones."""
    chance = random.Random(15)
    made: set[str] = set()
    while len(made) < size:
        made.add("".join(chance.choice(SYLLABLES) for _ in range(chance.randint(2, 4))))
    return [*FUNCTION, *SUBJECT, *sorted(made)]


def add_transcripts(root: Path, episodes: int, cues: int, people: int) -> tuple[int, str]:
    """Every episode's transcript: ``cues`` cues inside the corpus's 3 s audio, words drawn by
    Zipf's law; returns the words written and a rare word (said a few dozen times in all)."""
    words, chance, written = vocabulary(), random.Random(42), 0
    weights = list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))
    step = 2900 // cues  # milliseconds
    for n in range(1, episodes + 1):
        first, second = person_name(1 + n % people), person_name(1 + (n * 7) % people)
        said = chance.choices(words, cum_weights=weights, k=25 * cues)
        written += len(said)
        lines = ["WEBVTT", ""]
        for c in range(cues):
            lines += [f"00:{c * step // 1000:02d}.{c * step % 1000:03d} --> 00:{(c + 1) * step // 1000:02d}.{(c + 1) * step % 1000:03d}",
                      f"<v {first if c % 2 == 0 else second}>{' '.join(said[c * 25:(c + 1) * 25]).capitalize()}.", ""]
        (root / "episodes" / f"{n:05d}.vtt").write_text("\n".join(lines), encoding="utf-8")
        page = root / "episodes" / f"{n:05d}-episodio.md"
        text = page.read_text(encoding="utf-8")
        if "\ntranscript:" not in text:
            page.write_text(text.replace("\nchapters:", f"\ntranscript: {n:05d}.vtt\nchapters:", 1), encoding="utf-8")
    return written, words[len(FUNCTION) + len(SUBJECT) + 15_000]


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def episode_pages(site: Path, episodes: int) -> tuple[str, ...]:
    return tuple(f"podcast/{n:05d}-episodio/index.html" for n in range(1, episodes + 1))


def timed(label: str, site: Path, searching: Searching, step: int = ARCHIVE_STEP) -> None:
    start = time.perf_counter()
    index_site(site, searching, archive_step=step)
    took = time.perf_counter() - start
    archived = (site / ARCHIVE_FOLDER).is_dir()
    print(f"  {label:<58} {took:7.2f} s{'' if archived else '   (no archive)'}")


def measure_index(site: Path, episodes: int) -> None:
    pages = episode_pages(site, episodes)
    with tempfile.TemporaryDirectory() as scratch:
        cache = Path(scratch) / "cache"
        print("making the index alone on the built site (wall time; 2 cores):")
        timed("no cache: a first build", site, Searching("it", ("404.html",), pages, None))
        timed("first build keeping what it makes", site, Searching("it", ("404.html",), pages, cache))
        timed("unchanged", site, Searching("it", ("404.html",), pages, cache))
        # A new episode: a copy of the last one's page under a new address, with other words.
        last = site / pages[-1]
        new = site / "podcast" / "nuovo-episodio" / "index.html"
        new.parent.mkdir()
        new.write_text(last.read_text(encoding="utf-8").replace("Episodio", "Episodio nuovo"), encoding="utf-8")
        with_new = (*pages, "podcast/nuovo-episodio/index.html")
        timed(f"a new episode ({episodes + 1} transcripts, 1 outside the archive)", site, Searching("it", ("404.html",), with_new, cache))
        shutil.rmtree(new.parent)
        # The worst daily build: the archive as it was, 99 transcripts newer than it.
        worst = max(1, episodes - (ARCHIVE_STEP - 1))
        timed(f"the archive made of the oldest {worst} (once)", site, Searching("it", ("404.html",), pages, cache), step=worst)
        timed(f"the worst daily build: {episodes - worst} transcripts outside the archive", site,
              Searching("it", ("404.html",), pages, cache), step=worst)
        # A correction to an archived transcript: the archive is made again.
        first = site / pages[0]
        first.write_text(first.read_text(encoding="utf-8").replace("Grazie", "Grazie mille", 1).replace("</p>", " corretto.</p>", 1), encoding="utf-8")
        timed("an archived transcript corrected", site, Searching("it", ("404.html",), pages, cache))
    for folder in (INDEX_FOLDER, ARCHIVE_FOLDER):
        if (site / folder).is_dir():
            size, count = folder_size(site / folder)
            fragments, _ = folder_size(site / folder / "fragment")
            print(f"  {folder}/: {size / 1024 / 1024:.1f} MB in {count} files, of which fragments {fragments / 1024 / 1024:.1f} MB")


def measure_queries(site_url: str, queries: tuple[str, ...]) -> None:
    with chromium() as browser:
        page = browser.new_page()
        fetched: list[tuple[str, int, int]] = []

        def record(response) -> None:  # a Playwright response
            if f"/{INDEX_FOLDER}/" in response.url or f"/{ARCHIVE_FOLDER}/" in response.url or response.url.endswith("search.js"):
                body = response.body()
                packed = body if response.url.endswith((".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter")) else gzip.compress(body)
                fetched.append((response.url, len(body), len(packed)))

        page.on("response", record)
        page.goto(site_url + "podcast/")
        page.wait_for_load_state("networkidle")
        print("what a query fetches (KB; as hosts send it):")
        for number, query in enumerate(queries):
            fetched.clear()
            page.fill("#rs-search-field", "")
            page.fill("#rs-search-field", query)
            page.wait_for_function("q => document.querySelector('#rs-search-status').textContent.includes(q)", arg=query, timeout=120000)
            page.wait_for_load_state("networkidle")
            found = page.locator("#rs-search-status").inner_text()
            sent = sum(f[2] for f in fetched)
            kind = "first query of a visit (with the program)" if number == 0 else "query"
            program = sum(f[2] for f in fetched if not f[0].endswith((".pf_fragment", ".pf_index")))
            print(f"  «{query}» ({kind}): {len(fetched)} requests, {sent / 1024:.1f} KB"
                  + (f": program and metadata (once a visit) {program / 1024:.1f} KB, the query {(sent - program) / 1024:.1f} KB"
                     if number == 0 else "") + f" — {found}")
            for url, _size, packed in sorted(fetched, key=lambda f: -f[2])[:3]:
                print(f"      {'/'.join(url.rsplit('/', 3)[-3:])}: {packed / 1024:.1f} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--episodes", type=int, default=1000)
    parser.add_argument("--cues", type=int, default=200)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = write_project(Path(tmp) / "corpus", episodes=arguments.episodes, stories=100, people=50)
        said, rare = add_transcripts(root, arguments.episodes, arguments.cues, 50)
        print(f"{arguments.episodes} episodes, each with a transcript of {arguments.cues} cues; {said:,} words said in all")
        start = time.perf_counter()
        with served_site(root, "https://corpus.example.org/") as url:
            print(f"reset-stories build (pages, feed, index): {time.perf_counter() - start:.1f} s")
            site = root / "site"
            html = list(site.rglob("*.html"))
            print(f"site: {len(html)} pages, {sum(p.stat().st_size for p in html) / 1024 / 1024:.1f} MB of HTML")
            lunr = site / "search" / "search_index.json"  # no longer built (engines/mkdocs.py _idle_theme_search)
            if lunr.is_file():
                data = lunr.read_bytes()
                print(f"the alternative, Material's search: one index fetched whole at the first query, "
                      f"{len(data) / 1024 / 1024:.1f} MB ({len(gzip.compress(data)) / 1024 / 1024:.1f} MB gzipped)")
            measure_queries(url, tuple(q.format(rare=rare) for q in QUERIES))
            measure_index(site, arguments.episodes)


if __name__ == "__main__":
    main()
