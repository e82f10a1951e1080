"""Publishing with an engine that runs no plugin of ours (Zensical): the tree ``generate`` writes,
built by the engine, finished here, swapped in whole.

The steps, so that a failure at any point leaves the published site as it was:

1. the tree (publish/tree.py) is brought up to date in a work folder of the project's cache, kept
   between builds so that the engine's own cache (beside it) makes a rebuild cheaper; only files
   whose bytes changed are rewritten;
2. the engine builds it into ``site/`` inside the tree, removed first so that every page is
   written afresh and none outlives its source (a story turned back into a draft);
3. that folder is moved into a staging folder beside the site (see atomic.py), then checked and
   finished as the plugin finishes a page while MkDocs builds it: every page of the plan exists
   (an engine that skipped our pages would publish a site without episodes, silently), each
   page's content is cleaned by the one sanitizer, published media are links to the cache's copy;
   then the search index is made from it (publish/search.py);
4. the site is swapped in, then the uploads and the ledger are published beside it.
"""

from __future__ import annotations

import errno
import shutil
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from reset_stories import sanitize
from reset_stories.media.cache import place
from reset_stories.problems import PeopleFacingError
from reset_stories.publish import atomic
from reset_stories.publish.beside import publish_beside_site
from reset_stories.publish.release import Release
from reset_stories.publish.search import index_site, searching
from reset_stories.publish.tree import sync_tree
from reset_stories.site.urls import page_file

BUILT = "site"  # the engine's site_dir, inside the tree (Zensical refuses one outside it)


class MissingPages(PeopleFacingError):
    """The engine built a site without some of the plan's pages."""

    def __init__(self, engine: str, missing: list[str]):
        self.missing = missing
        shown = ", ".join(missing[:5]) + (f" e altre {len(missing) - 5}" if len(missing) > 5 else "")
        super().__init__(
            f"{engine} ha costruito il sito senza {len(missing)} pagine che dovevano esserci ({shown}): "
            "il motore non ha usato i modelli delle pagine — costruisci con il motore predefinito "
            "(reset-stories build) e segnala il problema a chi sviluppa lo strumento."
        )


def build_from_tree(
    release: Release, target: Path, *, engine: str, work: Path, config_name: str, config: Mapping[str, Any],
    templates: Iterable[Path], run_engine: Callable[[Path], None],
) -> bool:
    """Build ``release`` into ``target`` with ``run_engine`` (given the configuration file's path),
    the tree kept in ``work``; True when the ledger was updated. The engine's failures are
    ``run_engine``'s to raise."""
    assert release.catalog is not None and release.plan is not None  # a release with problems never builds
    sync_tree(release, work, config_name=config_name, config={**config, "site_dir": BUILT}, templates=templates)
    built = work / BUILT
    shutil.rmtree(built, ignore_errors=True)
    run_engine(work / config_name)
    staging = atomic.staging_for(target)
    try:
        site = staging / BUILT
        _move(built, site)
        finish_site(release, site, engine=engine)
        index_site(site, searching(release))
        atomic.swap_in(site, target)
    finally:
        atomic.discard(staging)
    return publish_beside_site(release)

__all__ = ["MissingPages", "build_from_tree", "finish_site", "page_file"]


def _move(source: Path, target: Path) -> None:
    """``source`` renamed to ``target``; copied where they are on different file systems (a site
    folder given with -d on another disk)."""
    try:
        source.rename(target)
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        shutil.copytree(source, target, copy_function=shutil.copy2)
        shutil.rmtree(source, ignore_errors=True)


# Where Zensical writes its own search index.
ENGINE_SEARCH_INDEX = "search.json"


def finish_site(release: Release, built: Path, *, engine: str) -> None:
    """Check and finish what the engine built (step 3 above)."""
    assert release.catalog is not None and release.plan is not None
    site = release.catalog.site
    missing: list[str] = []
    for page in release.plan.pages:
        path = built / page_file(site.page_url(page.src_uri))
        if not path.is_file():
            missing.append(page.src_uri)
            continue
        text = path.read_text(encoding="utf-8")
        cleaned = sanitize.rendered_page(text)
        if cleaned != text:
            path.unlink()  # a new file: never written through a link the engine may have made
            path.write_text(cleaned, encoding="utf-8")
    if missing:
        raise MissingPages(engine, missing)
    # The engine's own search index (one JSON of every page's text: tens of megabytes at a
    # thousand transcripts): the site's search is Pagefind's (search.py), nothing loads it.
    (built / ENGINE_SEARCH_INDEX).unlink(missing_ok=True)
    for media in release.plan.media:
        place(media.source, built / media.dest_uri)
