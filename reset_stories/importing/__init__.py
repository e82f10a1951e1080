"""``reset-stories import FEED``: an existing podcast's feed becomes a reset-stories project.

read → plan → write, like the rest of the package:

- :mod:`.feed_reader` reads the RSS (a file or a URL) with lxml, recovering from minor XML
  faults, into the show and its items; every problem of an item is a :class:`Note` naming the
  item, and the other items are imported anyway.
- :mod:`.writer` plans the files (mkdocs.yml for a new project, one Markdown file per episode,
  people pages, artwork, transcripts, the audio) and the entries that seed ``published.yml``,
  then creates the files that do not exist yet. Nothing is ever overwritten, and an item whose
  guid is already in the project (a file or the ledger) is skipped: importing twice is safe.
- Identities are kept exactly: each item's guid byte for byte, the show's ``podcast:guid``.
  Each episode records its old enclosure URL in ``moved_from`` and in the seeded ledger, so the
  first build publishes it at the new address as a deliberate move, never as a new episode.
- The audio is fetched through a seam, :func:`.writer.audio_downloader`, which uses
  :mod:`.download` (resumable, with retries, checking that what comes is audio; ``--no-audio`` skips it: each
  episode names the file it expects and ``check`` says that it is missing).
"""

from __future__ import annotations

from reset_stories.importing.feed_reader import Feed, FetchFailed, NotAFeed, Note, fetch_bytes, read_feed
from reset_stories.importing.writer import AudioFetch, Plan, WriteFailed, audio_downloader, layout_of, plan_import, write_plan

__all__ = [
    "AudioFetch", "Feed", "FetchFailed", "NotAFeed", "Note", "Plan", "WriteFailed", "audio_downloader", "fetch_bytes",
    "layout_of", "plan_import", "read_feed", "write_plan",
]
