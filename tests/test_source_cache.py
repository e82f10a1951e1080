"""The cache of content files read: unchanged files are not parsed again, and it never changes a result."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from conftest import BASE_FIXTURE, REPO, copy_project, load, run_cli
from test_reproducible import tree

from reset_stories.content import source_cache
from reset_stories.content.source_cache import SourceCache
from reset_stories.content.sources import WrittenNumber, read_source
from reset_stories.media.cache import FOLDER
from reset_stories.problems import Problems

HOUR = 3600


def settle(project: Path) -> list[Path]:
    """Every Markdown file, last modified an hour ago (a file saved a moment ago is not kept yet); the
    stories, people and episodes among them (what loading reads as content)."""
    for path in [*project.glob("content/**/*.md"), *project.glob("episodes/*.md")]:
        os.utime(path, (time.time() - HOUR, time.time() - HOUR))
    return sorted(
        path for path in [*project.glob("content/*/*.md"), *project.glob("episodes/*.md")] if path.name != "index.md"
    )


def counting(monkeypatch) -> list[SourceCache]:
    """The caches loading makes, to count the files each run parsed."""
    made: list[SourceCache] = []
    original = SourceCache.__init__

    def init(self, folder):
        original(self, folder)
        made.append(self)

    monkeypatch.setattr(SourceCache, "__init__", init)
    return made


def test_a_second_load_parses_only_the_changed_file(project, monkeypatch):
    files = settle(project)
    made = counting(monkeypatch)
    first = load(project)
    assert made[-1].parsed == len(files)
    again = load(project)
    assert made[-1].parsed == 0
    assert again.catalog == first.catalog and again.problems == first.problems

    episode = project / "episodes/02-secondo.md"
    text = episode.read_text(encoding="utf-8")
    stat = episode.stat()
    episode.write_text(text.replace("title: Il secondo", "title: Un altro"), encoding="utf-8")  # the same size
    os.utime(episode, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))  # even one nanosecond later is another file
    changed = load(project)
    assert made[-1].parsed == 1
    [title] = [e.title for e in changed.catalog.episodes if e.source == episode]
    assert title == "Un altro episodio"


def test_a_file_saved_a_moment_ago_is_read_again_next_time(project, monkeypatch):
    """File systems may record times to the second or coarser: two quick edits could look alike."""
    files = settle(project)
    os.utime(files[0])  # now
    made = counting(monkeypatch)
    load(project)
    load(project)
    assert made[-1].parsed == 1


def test_another_version_of_the_reader_reads_every_file_again(project, monkeypatch):
    files = settle(project)
    made = counting(monkeypatch)
    load(project)
    monkeypatch.setattr(source_cache, "_READER", "0.0.0/another")
    load(project)
    assert made[-1].parsed == len(files)


@pytest.mark.parametrize("damage", [
    "{not json", "", "[]", '{"reader": 1}', "\x00\x01",
])
def test_a_damaged_cache_is_ignored(project, monkeypatch, damage):
    files = settle(project)
    expected = load(project)
    made = counting(monkeypatch)
    (project / FOLDER / "sources.json").write_text(damage, encoding="utf-8")
    loaded = load(project)
    assert made[-1].parsed == len(files)
    assert loaded.catalog == expected.catalog


def test_a_damaged_entry_is_read_again(project, monkeypatch):
    files = settle(project)
    expected = load(project)
    index = project / FOLDER / "sources.json"
    stored = json.loads(index.read_text(encoding="utf-8"))
    entries = list(stored["sources"].values())
    entries[0]["meta"] = {"mapping": [["title"]]}
    entries[1]["lines"] = "nothing"
    del entries[2]["body"]
    index.write_text(json.dumps(stored), encoding="utf-8")
    made = counting(monkeypatch)
    assert load(project).catalog == expected.catalog
    assert made[-1].parsed == 3 < len(files)


def test_front_matter_values_come_back_exactly(tmp_path):
    path = tmp_path / "episodio.md"
    path.write_text(
        "---\ntitle: Uno\n1: intero come chiave\nnull: ~\nfalse: falso\nstart: 1.30\nn: 7\nok: false\n"
        "list: [a, 2, {x: 1.0, y: [null]}]\ndate: 2024-02-30\n---\nTesto\n",
        encoding="utf-8",
    )
    os.utime(path, (time.time() - HOUR, time.time() - HOUR))
    fresh = read_source(path, "episodio.md", Problems())
    cache = SourceCache(tmp_path / "cache")
    cache.read(path, "episodio.md", Problems())
    cache.save()
    kept = SourceCache(tmp_path / "cache")
    source = kept.read(path, "episodio.md", Problems())
    assert kept.parsed == 0
    assert source == fresh

    def typed(value):
        if isinstance(value, dict):
            return [(typed(k), typed(v)) for k, v in value.items()]
        if isinstance(value, list):
            return [typed(v) for v in value]
        return (type(value), value, getattr(value, "written", None))

    assert typed(source.meta) == typed(fresh.meta)
    assert isinstance(source.meta["start"], WrittenNumber) and source.meta["start"].written == "1.30"


def test_values_json_cannot_hold_are_not_kept(tmp_path):
    path = tmp_path / "episodio.md"
    path.write_text("---\ntitle: Uno\nwhen: !!timestamp 2024-05-05\n---\n", encoding="utf-8")
    os.utime(path, (time.time() - HOUR, time.time() - HOUR))
    cache = SourceCache(tmp_path / "cache")
    first = cache.read(path, "episodio.md", Problems())
    cache.save()
    kept = SourceCache(tmp_path / "cache")
    assert kept.read(path, "episodio.md", Problems()) == first
    assert kept.parsed == 1


def test_the_cache_is_written_the_same_way_every_time(project):
    settle(project)
    load(project)
    index = project / FOLDER / "sources.json"
    written = index.read_bytes()
    index.unlink()
    load(project)
    assert index.read_bytes() == written


@pytest.mark.parametrize("source", [BASE_FIXTURE, REPO], ids=["base", "demo"])
def test_the_site_is_the_same_with_and_without_the_cache(tmp_path, source):
    project = copy_project(source, tmp_path / "project")
    settle(project)
    assert run_cli("build", cwd=project).returncode == 0
    without = tree(project / "site")
    assert (project / FOLDER / "sources.json").is_file()
    result = run_cli("build", cwd=project)  # every content file from the cache
    assert result.returncode == 0, result.stderr
    assert tree(project / "site") == without


def test_the_ledger_is_parsed_again_only_when_its_text_changes(tmp_path, monkeypatch):
    project = copy_project(REPO, tmp_path / "project")
    settle(project)
    made = counting(monkeypatch)
    first = load(project)
    assert made[-1].parsed >= 1
    assert load(project).ledger == first.ledger
    assert made[-1].parsed == 0
    ledger = project / "published.yml"
    ledger.write_text(ledger.read_text(encoding="utf-8").replace("episodes:", "episodes: [", 1), encoding="utf-8")
    broken = load(project)
    assert made[-1].parsed == 1
    assert broken.catalog is None and broken.problems.errors
