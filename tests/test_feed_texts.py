"""feed/texts.py: the notes HTML and Apple descriptions kept between builds change no byte of the
feed, are made again for what changed, and are ignored when damaged or made by other code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, copy_project, edit_front_matter, load, published_media

from reset_stories.feed import build_feed, texts
from reset_stories.feed.texts import FeedTexts
from reset_stories.site import notes as notes_module


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    return copy_project(REPO, tmp_path / "demo")


def _counting_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The notes rendered by Python-Markdown from now on, by page."""
    rendered: list[str] = []
    real = notes_module.render_notes

    def render(text, site, src_uri):
        rendered.append(src_uri)
        return real(text, site, src_uri)

    monkeypatch.setattr("reset_stories.feed.render_notes", render)
    return rendered


def _feed(root: Path, folder: Path | None) -> bytes:
    catalog = load(root).catalog
    kept = FeedTexts(folder)
    feed = build_feed(catalog, published_media(catalog), kept)
    kept.save()
    return feed


def test_kept_texts_give_the_same_feed_and_are_not_made_again(demo, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    made_now = _feed(demo, None)
    rendered = _counting_renders(monkeypatch)
    assert _feed(demo, folder) == made_now
    episodes = len(load(demo).catalog.episodes)
    assert len(rendered) == episodes
    assert (folder / "feed-texts.json").is_file()
    rendered.clear()
    assert _feed(demo, folder) == made_now
    assert rendered == []  # every text came from the kept file


def test_a_changed_episode_is_made_again_and_only_it(demo, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    _feed(demo, folder)
    episode = sorted((demo / "episodes").glob("04-*.md"))[0]
    text = episode.read_text(encoding="utf-8")
    episode.write_text(text.rstrip("\n") + "\n\nUna riga aggiunta alle note.\n", encoding="utf-8")
    rendered = _counting_renders(monkeypatch)
    feed = _feed(demo, folder)
    assert len(rendered) == 1
    assert b"Una riga aggiunta alle note." in feed
    assert feed == _feed(demo, None)
    edit_front_matter(episode, summary="Un riassunto nuovo.")
    expected = _feed(demo, None)
    rendered.clear()
    assert _feed(demo, folder) == expected
    assert len(rendered) == 1


@pytest.mark.parametrize("content", ["{not json", "[]", '{"maker": "other code", "texts": {}}'])
def test_a_damaged_or_foreign_file_is_ignored(demo, tmp_path, content):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "feed-texts.json").write_text(content, encoding="utf-8")
    assert _feed(demo, folder) == _feed(demo, None)


def test_texts_made_by_other_code_are_not_used(demo, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    _feed(demo, folder)
    stored = json.loads((folder / "feed-texts.json").read_text(encoding="utf-8"))
    for key in stored["texts"]:
        stored["texts"][key] = ["<p>vecchio</p>", "vecchio"]
    (folder / "feed-texts.json").write_text(json.dumps(stored), encoding="utf-8")
    monkeypatch.setattr(texts, "_MAKER", stored["maker"] + "-changed")
    assert b"vecchio" not in _feed(demo, folder)
