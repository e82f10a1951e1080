"""engines/rendered_pages.py: pages kept between MkDocs builds change no byte of the site.

On copies of the demo, after each kind of edit staff make (notes, a title, a page in the nav, the
settings, a story added or removed, a template of the site's own), a build that reuses the kept
pages gives exactly the site a build without them gives; a kept page is really what is served
when nothing changed, is dropped when its page changes, and a damaged one is rendered again.
"""

from __future__ import annotations

import re
import shutil
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, copy_project, edit_podcast_settings, run_cli

KEPT = Path(".cache") / "reset-stories" / "pages"
EPISODE = "episodes/01-episodio-1.md"
EPISODE_PAGE = "podcast/01-episodio-1/index.html"


def _build(root: Path) -> dict[str, bytes]:
    result = run_cli("build", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return {str(path.relative_to(root / "site")): path.read_bytes()
            for path in sorted((root / "site").rglob("*")) if path.is_file()}


def _cold(root: Path) -> dict[str, bytes]:
    shutil.rmtree(root / KEPT, ignore_errors=True)
    return _build(root)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _edit_notes(root: Path) -> None:
    (root / EPISODE).write_text((root / EPISODE).read_text(encoding="utf-8") + "\nUna frase aggiunta oggi.\n",
                                encoding="utf-8")


def _edit_title(root: Path) -> None:
    text = (root / EPISODE).read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("title:"))
    _replace(root / EPISODE, line, 'title: "Un titolo nuovo per il primo episodio"')


def _edit_nav_page(root: Path) -> None:
    _replace(root / "content" / "programma" / "temi.md", "title: I quattro temi prioritari", "title: I temi")


def _edit_settings(root: Path) -> None:
    _replace(root / "mkdocs.yml", "site_name: RESET", "site_name: RESET Siena")


def _edit_show(root: Path) -> None:
    edit_podcast_settings(root, title="Un titolo nuovo per il podcast")


def _add_story(root: Path) -> None:
    stories = root / "content" / "storie"
    source = next(path for path in sorted(stories.glob("*.md")) if path.name != "index.md")
    (stories / "una-storia-nuova.md").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")


def _remove_story(root: Path) -> None:
    (root / "content" / "storie" / "formazione.md").unlink()
    for page in (root / "content").rglob("*.md"):  # and the links to it, as staff would
        text = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"\[([^\]]*)\]\([^)]*storie/formazione\.md\)", r"\1", text), encoding="utf-8")


def _own_template(root: Path) -> None:
    overrides = root / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}Avviso per tutti{% endblock %}\n', encoding="utf-8")
    _replace(root / "mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: overrides\n")


EDITS: dict[str, Callable[[Path], None]] = {
    "nothing": lambda root: None,
    "an episode's notes": _edit_notes,
    "an episode's title": _edit_title,
    "a page in the nav": _edit_nav_page,
    "the site's settings": _edit_settings,
    "the show's settings": _edit_show,
    "a story added": _add_story,
    "a story removed": _remove_story,
    "a template of the site's own": _own_template,
}


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    root = copy_project(REPO, tmp_path / "demo")
    _build(root)
    assert any((root / KEPT).iterdir()), "the first build kept its pages"
    return root


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_build_with_kept_pages_is_the_build_without(demo: Path, edit: str) -> None:
    EDITS[edit](demo)
    warm = _build(demo)
    cold = _cold(demo)
    assert warm.keys() == cold.keys()
    different = [name for name in cold if warm[name] != cold[name]]
    assert different == [], f"after {edit}, kept pages changed {different}"


def _kept_page_of(root: Path, needle: bytes) -> Path:
    """The kept template output that contains ``needle``."""
    for path in sorted((root / KEPT).iterdir()):
        text = zlib.decompress(path.read_bytes())
        if b"<!doctype html>" in text and needle in text:
            return path
    raise AssertionError(f"no kept page contains {needle!r}")


def test_a_kept_page_is_what_an_unchanged_build_serves_and_an_edit_drops_it(demo: Path) -> None:
    page = _build(demo)[EPISODE_PAGE]
    title = page[page.index(b"<title>"):page.index(b"</title>")]
    kept = _kept_page_of(demo, title)
    marked = zlib.decompress(kept.read_bytes()).replace(b"</body>", b"<p>kept-marker</p></body>")
    kept.write_bytes(zlib.compress(marked))

    assert b"kept-marker" in _build(demo)[EPISODE_PAGE]
    _edit_notes(demo)
    rebuilt = _build(demo)[EPISODE_PAGE]
    assert b"kept-marker" not in rebuilt
    assert b"Una frase aggiunta oggi." in rebuilt
    assert not kept.exists(), "the page no build uses any more is removed"


def test_damaged_kept_pages_are_rendered_again(demo: Path) -> None:
    cold = _cold(demo)
    for number, path in enumerate(sorted((demo / KEPT).iterdir())):
        path.write_bytes(b"" if number % 3 == 0 else zlib.compress(b"{not json") if number % 3 == 1 else b"\x00garbage")
    assert _build(demo) == cold


def test_a_plugin_we_do_not_know_turns_the_keeping_off() -> None:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.plugins import PluginCollection

    from reset_stories.engines.rendered_pages import keeps_pages

    config = MkDocsConfig()
    config.plugins = PluginCollection()
    config.plugins["search"] = object()  # type: ignore[assignment]
    config.plugins["reset-stories"] = object()  # type: ignore[assignment]
    assert keeps_pages(config)
    config.plugins["macros"] = object()  # type: ignore[assignment]
    assert not keeps_pages(config)
