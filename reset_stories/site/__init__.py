"""The site, engine-independent: what pages exist, where everything lives, what they show.

:mod:`.urls` decides every published path (an episode's page, audio, chapters…); :mod:`.plan`
makes the :class:`~reset_stories.site.plan.SitePlan` an engine renders (pages with their template
data, media, data files, the feed); :mod:`.notes` renders show notes for the feed; :mod:`.labels`
holds the Italian dates, durations and sizes. ``templates/`` and ``assets/`` are what the pages
are rendered with.
"""

from pathlib import Path

SITE_DIR = Path(__file__).parent
TEMPLATES_DIR = SITE_DIR / "templates"
# Our stylesheet and scripts, by the site-relative path they are published at.
ASSETS = {"assets/reset-stories/reset-stories.css": SITE_DIR / "assets" / "reset-stories.css",
          "assets/reset-stories/player.css": SITE_DIR / "assets" / "player.css",
          "assets/reset-stories/reset-stories.js": SITE_DIR / "assets" / "reset-stories.js",
          "assets/reset-stories/zensical-search.js": SITE_DIR / "assets" / "zensical-search.js"}
# What every page loads, whatever the engine (the others are added by their engine's adapter).
# The player's styles are on every page: the home page and stories show an episode's player too.
PAGE_ASSETS = ("assets/reset-stories/reset-stories.css", "assets/reset-stories/player.css", "assets/reset-stories/reset-stories.js")
ZENSICAL_SEARCH_SCRIPT = "assets/reset-stories/zensical-search.js"
