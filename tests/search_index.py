"""What the site's search finds, read from Pagefind's index as the tests see it (publish/search.py):
every record of the main index and of the archive, each by the address a hit opens."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from reset_stories.publish.search import ARCHIVE_FOLDER, INDEX_FOLDER


def records(site: Path) -> list[dict]:
    """Every record (a page, or a transcript's segment) of ``site``'s indexes; ``address`` is
    what a hit opens (a segment's is its episode's page), site-relative without the leading /."""
    found = []
    for folder in (INDEX_FOLDER, ARCHIVE_FOLDER):
        for fragment in sorted((site / folder / "fragment").glob("*.pf_fragment")):
            data = gzip.decompress(fragment.read_bytes())  # gzipped JSON after a signature
            record = json.loads(data[data.index(b"{"):])
            record["address"] = record["meta"].get("url", record["url"]).lstrip("/")
            found.append(record)
    return found


def searchable_text(site: Path) -> str:
    """Everything the search can find or show, as one text."""
    return "\n".join(f"{r['address']}\n{r['meta'].get('title', '')}\n{r['content']}" for r in records(site))
