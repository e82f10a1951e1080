"""reset-stories: Markdown stories and podcast episodes to a static site and a podcast feed.

The package is laid out the way data flows, *read → model → plan → render → publish*, with the
engines at the edge:

- ``content/``: reading and checking what staff write — front matter, settings, credits, chapters,
  transcripts, links, the publication ledger — and ``content.loader``, which loads a project;
- ``media/``: facts from audio and images, tagged audio, thumbnails, the cache, loudness;
- ``model``: the typed, immutable catalogue everything downstream reads;
- ``site/``: the site plan (pages, URLs, template data), templates and assets;
- ``feed/``: the podcast feed (feedgen and its extensions);
- ``lint/``: the validator for any podcast feed (ours at every build, anyone's with ``reset-stories
  lint``): RSS 2.0 as the W3C validator reads it, Apple Podcasts, Podcasting 2.0, the files the feed
  names (in a built site, or on their hosts with ``--remote``), one rule table with sources;
- ``sanitize``: the one HTML allow-list for everything that leaves the build;
- ``web``: what the package's HTTP clients share (import, ``check --remote``, ``lint --remote``);
- ``publish/``: what a build produces, written atomically, never over the sources, and the site's
  search index (Pagefind, from the built pages, with an archive of older transcripts);
- ``engines/``: MkDocs (the only code that imports mkdocs), and ``cli``: the command;
- ``problems``, ``slugs``: the messages staff read, and the ASCII slugs of names.
"""

__version__ = "0.1.0"
