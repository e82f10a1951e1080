"""`reset-stories generate OUT`: a self-contained tree that plain `mkdocs build` turns into the site."""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, copy_project, load, plan_of, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

MKDOCS = Path(sys.executable).parent / "mkdocs"


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text[4:text.index("\n---\n", 4)])


def _plain(value: object) -> object:
    return json.loads(json.dumps(value, default=lambda v: dict(v) if hasattr(v, "items") else list(v)))


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("assets/")}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(REPO, tmp_path_factory.mktemp("generate") / "demo")
    result = run_cli("generate", "out", cwd=root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site `reset-stories build` makes of a fresh copy of the demo."""
    root = copy_project(REPO, tmp_path_factory.mktemp("build") / "demo")
    result = run_cli("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def standalone_site(demo: Path) -> Path:
    """Plain `mkdocs build` in OUT: no reset-stories plugin in its mkdocs.yml."""
    out = demo / "out"
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert all("reset-stories" not in p for p in config["plugins"])
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict"], cwd=out, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    return out / "site"


def test_the_tree_holds_every_page_with_the_data_the_plugin_puts_in_page_meta(demo: Path) -> None:
    out = demo / "out"
    loaded = load(demo)
    plan = plan_of(loaded.catalog)
    episodes = [page for page in plan.pages if page.template == "episode.html"]
    assert episodes
    for page in plan.pages:
        meta = _front_matter(out / "docs" / page.src_uri)
        assert meta["template"] == page.template
        assert meta["reset"] == _plain(page.context), page.src_uri
        if page.title is not None:
            assert meta["title"] == html.escape(page.title)
        if page.description is not None:
            assert meta["description"] == html.escape(page.description)
    for hidden in plan.hidden:
        assert not (out / "docs" / hidden).exists()
    assert (out / "docs" / "assets" / "reset-stories" / "reset-stories.css").is_file()
    assert (out / "overrides" / "episode.html").is_file()
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == "docs"
    assert config["theme"]["custom_dir"] == "overrides"
    assert config["theme"]["font"] is False
    assert config["extra"]["generator"] is False
    assert "assets/reset-stories/reset-stories.css" in config["extra_css"]
    assert "assets/reset-stories/reset-stories.js" in config["extra_javascript"]


def test_the_feed_is_the_one_build_publishes(demo: Path, built: Path) -> None:
    assert (demo / "out" / "docs" / "feed.xml").read_bytes() == (built / "feed.xml").read_bytes()
    assert (demo / "out" / "docs" / "_headers").read_bytes() == (built / "_headers").read_bytes()


def test_generating_twice_gives_the_same_bytes(demo: Path) -> None:
    first = _files(demo / "out")
    result = run_cli("generate", "again", cwd=demo)
    assert result.returncode == 0, result.stderr
    assert _files(demo / "again") == first


def test_plain_mkdocs_builds_the_same_pages(standalone_site: Path, built: Path, demo: Path) -> None:
    assert _pages(standalone_site) == _pages(built)
    plan = plan_of(load(demo).catalog)
    transcripts = 0
    for page in plan.pages:
        if page.template == "episode.html":
            uri = page.src_uri.removesuffix(".md") + "/index.html"
            text, built_text = (site.joinpath(uri).read_text(encoding="utf-8") for site in (standalone_site, built))
            assert "<audio" in text
            assert f'<link rel="alternate" type="application/rss+xml" title="{html.escape(plan.feed_title)}" href="{plan.feed_url}">' in text
            assert "<audio" in built_text
            has_transcript = 'class="rs-transcript"' in text
            assert has_transcript == ('class="rs-transcript"' in built_text), uri
            transcripts += has_transcript
    assert transcripts


def test_a_source_folder_is_refused(demo: Path) -> None:
    before = _files(demo / "content")
    result = run_cli("generate", "content", cwd=demo)
    assert result.returncode == 1
    assert "cartella dei contenuti" in result.stderr
    assert _files(demo / "content") == before


def test_a_folder_generate_did_not_write_is_refused(demo: Path) -> None:
    other = demo / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("generate", "other", cwd=demo)
    assert result.returncode == 1
    assert (other / "notes.txt").read_text(encoding="utf-8") == "mine"


@settings(max_examples=1000, deadline=None)
@given(st.dictionaries(
    # The keys are the template data's names, which our code chooses; the values are what staff wrote.
    st.from_regex(r"[a-z_]{1,12}", fullmatch=True),
    st.one_of(st.text(), st.lists(st.text(), max_size=3), st.integers(), st.booleans(), st.none()),
    max_size=5,
))
def test_page_data_written_in_front_matter_reads_back_as_engines_read_it(data):
    """Whatever text the template data holds (line breaks of every kind, quotes, "---" lines,
    indentation), MkDocs's own front-matter reader gives back exactly the data written."""
    from mkdocs.utils.meta import get_data

    from reset_stories.publish.tree import _with_front_matter

    page = _with_front_matter("Il testo.\n", {"reset": data}).decode()
    body, meta = get_data(page)
    assert meta == {"reset": data}
    assert body == "Il testo.\n"
