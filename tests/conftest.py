"""Shared test helpers: real projects copied to a temporary folder, the real CLI, the core loader."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
BASE_FIXTURE = REPO / "tests" / "fixtures" / "base"
DATA = REPO / "tests" / "data"
CLI = Path(sys.executable).parent / "reset-stories"
ROME = ZoneInfo("Europe/Rome")
# Far enough in the future that every dated fixture and demo item is published.
LATER = datetime(2030, 1, 1, tzinfo=ROME)


def module_at(path: Path) -> ModuleType:
    """The Python module in the file at ``path`` (a tool or a benchmark: not a package)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def copy_project(source: Path, target: Path) -> Path:
    """A copy of the project at ``source`` (mkdocs.yml, content/, episodes/) in ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "published.yml", "content", "episodes"):
        item = source / name
        if item.is_dir():
            shutil.copytree(item, target / name, symlinks=True)
        elif item.exists():
            shutil.copy2(item, target / name)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the base fixture project."""
    return copy_project(BASE_FIXTURE, tmp_path / "project")


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False,
    )


def plugin_options(config_file: Path) -> dict:
    """The reset-stories block of a mkdocs.yml, read without MkDocs."""
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and "reset-stories" in entry:
            return entry["reset-stories"] or {}
    return {}


def load(root: Path, now: datetime = LATER):
    """Load the project at ``root`` through the core, as the plugin does (returns catalog.Loaded)."""
    from reset_stories.content.loader import load_project

    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    return load_project(
        root=root,
        docs_dir=root / config.get("docs_dir", "docs"),
        site_url=config.get("site_url"),
        directory_urls=config.get("use_directory_urls", True),
        options=plugin_options(root / "mkdocs.yml"),
        now=now,
    )


def edit_front_matter(path: Path, **changes: object) -> None:
    """Rewrite some front-matter fields of ``path`` (None removes a field)."""
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.safe_load(front)
    for key, value in changes.items():
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = value
    path.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body, encoding="utf-8")


def edit_podcast_settings(project: Path, **changes: object) -> None:
    """Rewrite settings under ``podcast:`` in the project's mkdocs.yml (None removes one)."""
    path = project / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    options = next(e["reset-stories"] for e in config["plugins"] if isinstance(e, dict) and "reset-stories" in e)
    for key, value in changes.items():
        if value is None:
            options["podcast"].pop(key, None)
        else:
            options["podcast"][key] = value
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def published_media(catalog):
    """The tagged audio and thumbnails a build of ``catalog`` publishes (made into its cache)."""
    from reset_stories.media.published import publish_media

    return publish_media(catalog, write=True)


def feed_of(catalog) -> bytes:
    """The feed a build of ``catalog`` publishes."""
    from reset_stories.feed import build_feed

    return build_feed(catalog, published_media(catalog))


def plan_of(catalog):
    """The site plan a build of ``catalog`` publishes."""
    from reset_stories.site.plan import plan_site

    return plan_site(catalog, published_media(catalog))


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, driven by Playwright, for a module's browser tests (tests/browsing.py)."""
    from browsing import AXE, chromium

    assert AXE.is_file(), "axe-core is needed: `make test` installs it (npm ci in tests/browser)"
    with chromium() as launched:
        yield launched
