"""The core runs without MkDocs: the engine is a replaceable adapter (Material ends in 2027)."""

import subprocess
import sys

from conftest import REPO

BLOCKER = """
import importlib.abc, sys
class NoEngine(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('mkdocs', 'material'):
            raise ImportError(f'{name} is blocked in this test')
sys.meta_path.insert(0, NoEngine())
"""


def core_modules() -> list[str]:
    adapters = {"reset_stories.engines.mkdocs", "reset_stories.cli"}
    names = (
        ".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for p in (REPO / "reset_stories").rglob("*.py")
    )
    return sorted(name for name in names if name not in adapters)


def test_every_core_module_imports_and_builds_a_feed_without_mkdocs():
    modules = core_modules()
    assert {"reset_stories.content.loader", "reset_stories.feed", "reset_stories.lint", "reset_stories.content.transcripts"} <= set(modules)
    script = BLOCKER + f"""
import importlib
for name in {modules!r}:
    importlib.import_module(name)
try:
    import mkdocs
except ImportError:
    pass
else:
    raise SystemExit('the blocker did not block mkdocs')
sys.path.insert(0, {str(REPO / 'tests')!r})
from conftest import load
from reset_stories.feed import build_feed
from reset_stories.media.published import publish_media
from reset_stories.site.plan import plan_site
from pathlib import Path
loaded = load(Path({str(REPO)!r}))
media = publish_media(loaded.catalog, write=False)
plan = plan_site(loaded.catalog, media)
assert b'<item>' in build_feed(loaded.catalog, media)
assert any(p.template == 'episode.html' for p in plan.pages)
leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material'))
assert not leaked, leaked
print('ok')
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_only_the_adapter_imports_mkdocs():
    importers = sorted(
        p.relative_to(REPO).as_posix() for p in (REPO / "reset_stories").rglob("*.py")
        if any(line.lstrip().startswith(("import mkdocs", "from mkdocs")) for line in p.read_text(encoding="utf-8").splitlines())
    )
    assert importers == ["reset_stories/engines/mkdocs.py"]
