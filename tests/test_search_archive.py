"""The search index's archive (publish/search.py, issue 15 at scale): the transcripts of the oldest
episodes indexed apart, kept between builds and merged by the visitor's browser. On a real build
of a synthetic project whose episodes each say a word no other says, indexed with a small archive
step: what the archive holds, that keeping it changes no byte of what is published, that it is
made again when what it holds changes (and only then), and in Chromium that one search finds
words of archived and recent transcripts alike and opens the episode at the moment."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import Recorded
from conftest import run_cli
from paginated import PUBLIC_URL, write_corpus
from webserver import serve

from reset_stories.publish.search import ARCHIVE_FOLDER, INDEX_FOLDER, MERGED, Searching, index_site

# The corpus gives every fifth episode a transcript: episodes 5, 10, 15, 20, 25.
EPISODES = 25
TRANSCRIBED = (5, 10, 15, 20, 25)
# A word each transcript says and nothing else does (made up, so no stem is shared).
SAID = {5: "zanfurlo", 10: "brevandite", 15: "cospitrano", 20: "dulvemaro", 25: "fregolindo"}
STEP = 2  # the oldest four transcripts archived, the newest one not


def episode_file(n: int) -> str:
    return f"podcast/{n:05d}-episodio/index.html"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = write_corpus(tmp_path_factory.mktemp("archive") / "corpus", episodes=EPISODES, stories=2, people=3)
    for n, word in SAID.items():
        vtt = root / "episodes" / f"{n:05d}.vtt"
        vtt.write_text(vtt.read_text(encoding="utf-8").replace("A presto.", f"A presto, con {word}."), encoding="utf-8")
    result = run_cli("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture
def site(built, tmp_path) -> Path:
    """A copy of the built site, to index as each test wants."""
    copy = tmp_path / "site"
    copy_tree(built, copy)
    return copy


def copy_tree(source: Path, target: Path) -> None:
    for path in sorted(source.rglob("*")):
        if path.is_file() and not path.relative_to(source).parts[0].startswith(INDEX_FOLDER):
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(path.read_bytes())


def searching(cache: Path | None) -> Searching:
    return Searching("it", ("404.html",), tuple(episode_file(n) for n in range(1, EPISODES + 1)), cache)


def records(bundle: Path) -> list[dict]:
    found = []
    for fragment in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes())
        found.append(json.loads(data[data.index(b"{"):]))
    return found


def words_of(bundle: Path) -> str:
    return " ".join(record["content"] for record in records(bundle))


def published(site: Path) -> dict[str, str]:
    """Every file of both indexes, by path in the site: what is published."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in (INDEX_FOLDER, ARCHIVE_FOLDER) for p in sorted((site / folder).rglob("*")) if p.is_file()
    }


def kept_archives(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "archive").iterdir())


def test_the_archive_holds_the_oldest_transcripts_and_the_main_index_the_rest(site, tmp_path):
    index_site(site, searching(tmp_path / "cache"), archive_step=STEP)
    archived, main = words_of(site / ARCHIVE_FOLDER), words_of(site / INDEX_FOLDER)
    for n in (5, 10, 15, 20):
        assert SAID[n] in archived and SAID[n] not in main, n
    assert SAID[25] in main and SAID[25] not in archived
    # The archive holds transcripts only, each segment with its episode's title and address.
    assert {record["meta"]["url"] for record in records(site / ARCHIVE_FOLDER)} == {f"/podcast/{n:05d}-episodio/" for n in (5, 10, 15, 20)}
    assert {record["meta"]["title"] for record in records(site / ARCHIVE_FOLDER)} == {f"Episodio {n}" for n in (5, 10, 15, 20)}
    # The main index keeps every page, and names the archive for the search script to merge.
    assert any(record["url"] == "/podcast/00010-episodio/" for record in records(site / INDEX_FOLDER))
    assert json.loads((site / INDEX_FOLDER / MERGED).read_text(encoding="utf-8")) == {"merge": [f"../{ARCHIVE_FOLDER}/"]}


def test_without_a_whole_step_there_is_no_archive(site):
    index_site(site, searching(None), archive_step=len(TRANSCRIBED) + 1)
    assert not (site / ARCHIVE_FOLDER).exists()
    assert json.loads((site / INDEX_FOLDER / MERGED).read_text(encoding="utf-8")) == {"merge": []}
    assert all(SAID[n] in words_of(site / INDEX_FOLDER) for n in TRANSCRIBED)


def test_what_is_kept_between_builds_changes_no_byte_and_spares_the_archive(site, tmp_path):
    cache = tmp_path / "cache"
    index_site(site, searching(None), archive_step=STEP)
    without = published(site)
    index_site(site, searching(cache), archive_step=STEP)
    assert published(site) == without
    (archive,) = kept_archives(cache)
    (main,) = sorted((cache / "main").iterdir())
    made = [(kept.stat().st_ino, (kept / ".complete").stat().st_mtime_ns) for kept in (archive, main)]
    kept_segments = sorted(p.name for p in (cache / "segments").iterdir())
    assert len(kept_segments) == len(TRANSCRIBED)
    # A second build: the same bytes, both indexes taken as they were (not made again).
    index_site(site, searching(cache), archive_step=STEP)
    assert published(site) == without
    assert kept_archives(cache) == [archive] and sorted((cache / "main").iterdir()) == [main]
    assert [(kept.stat().st_ino, (kept / ".complete").stat().st_mtime_ns) for kept in (archive, main)] == made
    # A page changed: the main index is made again, the archive is not.
    page = site / "storie/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<p>Una riga nuova.</p></article>", 1), encoding="utf-8")
    index_site(site, searching(cache), archive_step=STEP)
    assert kept_archives(cache) == [archive] and sorted((cache / "main").iterdir()) != [main]
    assert (archive.stat().st_ino, (archive / ".complete").stat().st_mtime_ns) == made[0]
    assert "Una riga nuova" in words_of(site / INDEX_FOLDER)
    page.write_text(page.read_text(encoding="utf-8").replace("<p>Una riga nuova.</p>", "", 1), encoding="utf-8")
    index_site(site, searching(cache), archive_step=STEP)
    assert sorted(p.name for p in (cache / "segments").iterdir()) == kept_segments
    # Damaged kept segments are made again from the page, not trusted.
    for entry in (cache / "segments").iterdir():
        entry.write_bytes(b"rovinato")
    index_site(site, searching(cache), archive_step=STEP)
    assert published(site) == without


def test_an_archived_transcript_changed_makes_the_archive_again(site, tmp_path):
    cache = tmp_path / "cache"
    index_site(site, searching(cache), archive_step=STEP)
    (before,) = kept_archives(cache)
    page = site / episode_file(10)
    page.write_text(page.read_text(encoding="utf-8").replace(SAID[10], "quarzodilo"), encoding="utf-8")
    index_site(site, searching(cache), archive_step=STEP)
    (after,) = kept_archives(cache)  # the old one is gone
    assert after != before
    archived = words_of(site / ARCHIVE_FOLDER)
    assert "quarzodilo" in archived and SAID[10] not in archived
    # The same as an index made from nothing.
    fresh = tmp_path / "fresh"
    copy_tree(site, fresh)
    index_site(fresh, searching(None), archive_step=STEP)
    assert published(fresh) == published(site)


def test_a_failing_index_leaves_nothing_half_made(site, tmp_path, monkeypatch):
    """Pagefind failing on the main index while it makes the archive: the archive's Pagefind is
    stopped, no work folder is left, no index is kept, the site keeps the index it had."""
    from reset_stories.publish import search

    cache = tmp_path / "cache"
    index_site(site, searching(None), archive_step=STEP)
    before = published(site)
    real = search._check
    calls: list[int] = []

    def failing(running):
        calls.append(running.pid)
        if len(calls) == 1:  # the main index's, the first waited for
            running.kill()
            running.wait()
            raise search.SearchIndexFailed("Pagefind non è riuscito")
        real(running)

    monkeypatch.setattr(search, "_check", failing)
    with pytest.raises(search.SearchIndexFailed):
        index_site(site, searching(cache), archive_step=STEP)
    assert len(calls) == 1  # the archive's Pagefind was stopped, not waited for
    for folder in ("main", "archive"):
        assert list((cache / folder).iterdir()) == [], folder
    assert not (site / ".rs-search").exists()
    assert published(site) == before


@pytest.fixture
def served(site, tmp_path) -> Iterator[str]:
    index_site(site, searching(tmp_path / "cache"), archive_step=STEP)
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("n", [5, 25], ids=["archived", "recent"])
def test_one_search_finds_archived_and_recent_transcripts(browser, served, n):
    visit = Recorded(browser, served)
    try:
        page = visit.page
        page.goto(served + "podcast/")
        page.keyboard.press("/")
        page.keyboard.type(SAID[n])
        page.wait_for_function("w => document.querySelector('#rs-search-status').textContent.includes(w)", arg=SAID[n], timeout=15000)
        moments = page.locator(".rs-search__cue")
        assert moments.count() == 1
        href = moments.first.get_attribute("href") or ""
        assert re.search(rf"/podcast/{n:05d}-episodio/#t=2(\.0+)?$", href), href
        # Both indexes were asked, and nothing else but this site.
        asked = " ".join(visit.requests)
        assert f"/{INDEX_FOLDER}/{MERGED}" in asked and f"/{ARCHIVE_FOLDER}/" in asked
        # (The site was built for its public address, which Material asks for its sitemap.)
        assert [url for url in visit.elsewhere if not url.startswith(PUBLIC_URL)] == []
        moments.first.click()
        page.wait_for_url(re.compile(rf"{n:05d}-episodio/#t="))
        page.wait_for_function("() => document.querySelector('.rs-cue[aria-current=time]') !== null", timeout=10000)
        assert SAID[n] in page.locator(".rs-cue[aria-current=time]").inner_text()
    finally:
        visit.context.close()


def test_indexing_touches_nothing_of_the_site_but_its_indexes(site, tmp_path):
    """Pagefind reads a mirror of the pages: no page is renamed, moved or rewritten while it
    reads (the preview serves the same folder meanwhile), and no work file is left behind."""

    def snapshot() -> dict[str, tuple[int, int]]:
        return {
            p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in sorted(site.rglob("*"))
            if p.is_file() and p.relative_to(site).parts[0] not in (INDEX_FOLDER, ARCHIVE_FOLDER)
        }

    before = snapshot()
    assert "404.html" in before and "podcast/pagina/2/index.html" in before
    index_site(site, searching(tmp_path / "cache"), archive_step=STEP)
    index_site(site, searching(tmp_path / "cache"), archive_step=STEP)
    assert snapshot() == before
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == []
