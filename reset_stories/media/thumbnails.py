"""Small copies of the images pages show at 64–180 px: artwork is 1400–3000 px for podcast apps,
far too heavy for a phone that shows it as a thumbnail. Made once per image (see media/cache.py)."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from PIL import Image as PillowImage

from reset_stories.media.cache import MediaCache, fingerprint
from reset_stories.model import Catalog

SIDE = 360  # px: twice the largest size pages show, for high-density screens
_VERSION = 1


def thumbnail_uri(uri: str) -> str:
    """Where the small copy of the image published at ``uri`` goes."""
    return uri.rsplit(".", 1)[0] + f"-{SIDE}.jpg"


def make_thumbnails(catalog: Catalog, cache: MediaCache, *, write: bool) -> dict[Path, Path]:
    """A small JPEG of every image the pages show, by source path.

    Without ``write`` (``check``) nothing is made: each is where it will be kept once made.
    """
    sources = [catalog.show.artwork.path]
    sources += [e.image.path for e in catalog.shown_episodes if e.image]
    sources += [p.photo for p in catalog.people.values() if p.photo]
    made = {}
    for source in dict.fromkeys(sources):
        recipe = json.dumps({"version": _VERSION, "side": SIDE, "source": fingerprint(source)})
        if write:
            made[source] = cache.derived(recipe, "jpg", partial(_shrink, source))
        else:
            made[source] = cache.derived_path(recipe, "jpg")
    return made


def _shrink(source: Path, target: Path) -> None:
    with PillowImage.open(source) as image:
        small = image.convert("RGB")
        small.thumbnail((SIDE, SIDE), PillowImage.Resampling.LANCZOS)
        small.save(target, "JPEG", quality=82, optimize=True, progressive=True)
