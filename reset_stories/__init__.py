"""reset-stories: Markdown stories and podcast episodes to a static site and a podcast feed.

The package is split the way data flows, read → validate → model → render:

- ``problems``: the messages staff read when their content is wrong;
- ``yamltext``, ``fields``, ``sources``: reading files and normalising front matter once;
- ``model``: the typed, immutable catalogue everything downstream uses;
- ``audio``, ``artwork``: facts read from media files;
- ``catalog``: loading and cross-checking a whole project;
- ``feed``, ``pages``, ``notes``: rendering, engine-independent;
- ``plugin`` (MkDocs) and ``cli``: the two adapters. Only ``plugin`` imports mkdocs.
"""

__version__ = "0.1.0"
