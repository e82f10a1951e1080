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
# The icons pages show (podcast platforms, the feed), shipped with the site: no request elsewhere.
ICONS_URI = "assets/reset-stories/icons"
_ICONS = {f"{ICONS_URI}/{path.name}": path for path in sorted((SITE_DIR / "assets" / "icons").glob("*.svg"))}
# Our stylesheets, in the order they apply: published as one file with the site's colours at the
# end (site/look.py's `stylesheet`, a file of the plan), because every stylesheet in the head
# delays the first paint. The player's styles are on every page: the home page and stories show
# an episode's player too.
STYLESHEET_SOURCES = (SITE_DIR / "assets" / "reset-stories.css", SITE_DIR / "assets" / "player.css",
                      SITE_DIR / "assets" / "pages.css", SITE_DIR / "assets" / "search.css")
# Our scripts and icons, by the site-relative path they are published at.
ASSETS = {"assets/reset-stories/reset-stories.js": SITE_DIR / "assets" / "reset-stories.js",
          "assets/reset-stories/search.js": SITE_DIR / "assets" / "search.js",
          **_ICONS}
# What every site has, whatever the engine (the others are added by their engine's adapter): the
# scripts every page loads (the player's; the search box's, publish/search.py), and the icons.
PAGE_ASSETS = ("assets/reset-stories/reset-stories.js", "assets/reset-stories/search.js", *_ICONS)
