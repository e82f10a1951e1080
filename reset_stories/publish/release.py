"""A release: what a loaded project will publish, once the feed has passed the linter.

Both adapters (the MkDocs plugin, the CLI's ``check``) go through :func:`prepare`, so a feed
that an app would reject stops ``check``, ``build`` and ``mkdocs build`` alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from reset_stories.content.loader import Loaded
from reset_stories.feed.lint import check_plan
from reset_stories.model import Catalog
from reset_stories.problems import Problems
from reset_stories.site.plan import SitePlan, plan_site


@dataclass(frozen=True)
class Release:
    catalog: Catalog | None
    plan: SitePlan | None  # None when there are errors
    problems: Problems


def prepare(loaded: Loaded) -> Release:
    problems = loaded.problems
    if loaded.catalog is None:
        return Release(None, None, problems)
    plan = plan_site(loaded.catalog)
    for problem in check_plan(plan, loaded.catalog):
        problems.add(problem)
    if problems.errors:
        return Release(loaded.catalog, None, problems)
    return Release(loaded.catalog, plan, problems)
