"""An episode's show notes as HTML and its Apple description, kept between builds.

They are most of what the feed costs to make (Python-Markdown and the sanitizer, about 0.8 ms an
episode), and they depend only on a few of the episode's values and on the code that makes them.
Each is kept under a digest of exactly those values (the site's address and URL style, the page,
the notes, the summary, the chapters), in the project's cache folder beside the audio facts; the
whole file counts only for the same making code (this package's version and the text of the
modules that make them, Python-Markdown's and nh3's versions). Nothing here may change a byte of
the feed: a value is either made now or was made from the same inputs by the same code.
"""

from __future__ import annotations

import hashlib
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import reset_stories
from reset_stories import sanitize
from reset_stories.feed import descriptions
from reset_stories.media.cache import code_identity, read_kept, write_json
from reset_stories.model import Chapter, Site
from reset_stories.site import notes

_INDEX = "feed-texts.json"
_FORMAT = 1


# The code that makes the texts, this module included: texts kept by other code are made again.
_MAKER = code_identity(
    (notes, sanitize, descriptions, sys.modules[__name__]),
    f"{reset_stories.__version__}/{_FORMAT}/markdown-{version('Markdown')}/nh3-{version('nh3')}",
)


class FeedTexts:
    """Notes HTML and descriptions by the digest of what they are made of; ``folder`` None keeps
    nothing (every text is made)."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        # None yet, damaged or another code's: every text is made.
        self._stored: dict[str, Any] = read_kept(folder, _INDEX, ("maker", _MAKER), "texts") if folder else {}
        self._used: dict[str, list[str]] = {}  # what this build used: saved, and nothing else

    @staticmethod
    def key(site: Site, page_uri: str, notes: str, summary: str, chapters: tuple[Chapter, ...]) -> str:
        made_of = repr((site.url, site.directory_urls, page_uri, notes, summary, chapters))
        return hashlib.sha256(made_of.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str) -> tuple[str, str] | None:
        entry = self._stored.get(key)
        if isinstance(entry, list) and len(entry) == 2 and all(isinstance(text, str) for text in entry):
            self._used[key] = entry
            return entry[0], entry[1]
        return None

    def put(self, key: str, notes_html: str, description: str) -> None:
        self._used[key] = [notes_html, description]

    def save(self) -> None:
        if self.folder is None or self._used == self._stored:
            return
        write_json(self.folder, _INDEX, {"maker": _MAKER, "texts": self._used})
