"""A release: what a loaded project will publish, once the feed has passed the linter.

Both adapters (the MkDocs plugin, the CLI's ``check``) go through :func:`prepare`, so a feed
that an app would reject stops ``check``, ``build`` and ``mkdocs build`` alike. Only a release
that will be published (``write_media``) makes its tagged audio and thumbnails: ``check`` asks
what they will be, and writes nothing but its cache of facts.
"""

from __future__ import annotations

from dataclasses import dataclass

from reset_stories.content.ledger import Ledger
from reset_stories.content.loader import Loaded
from reset_stories.feed.texts import FeedTexts
from reset_stories.lint import check_plan
from reset_stories.media.cache import FOLDER as CACHE_FOLDER
from reset_stories.media.published import PublishedMedia, publish_media
from reset_stories.model import Catalog
from reset_stories.problems import Problems
from reset_stories.site.plan import SitePlan, plan_site


@dataclass(frozen=True)
class Release:
    catalog: Catalog | None
    plan: SitePlan | None  # None when there are errors
    problems: Problems
    media: PublishedMedia | None = None  # the tagged audio and thumbnails the plan publishes
    ledger: Ledger | None = None  # published.yml as a build leaves it: written after the swap


def prepare(loaded: Loaded, *, write_media: bool) -> Release:
    problems = loaded.problems
    catalog = loaded.catalog
    if catalog is None:
        return Release(None, None, problems)
    media = publish_media(catalog, write=write_media)
    texts = FeedTexts(catalog.site.root / CACHE_FOLDER)
    plan = plan_site(catalog, media, texts)
    texts.save()
    for problem in check_plan(plan, catalog):
        problems.add(problem)
    return Release(catalog, None if problems.errors else plan, problems, media, loaded.ledger)
