"""What a build publishes in place of the sources: tagged copies of the audio, and thumbnails.

Made by the publishing stage, never by loading: ``check`` asks only what they will be (the feed
must announce each copy's exact size) and writes nothing; ``build`` and ``serve`` make them into
the cache, from which the site links or copies them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from reset_stories.media.cache import FOLDER as CACHE_FOLDER
from reset_stories.media.cache import MediaCache
from reset_stories.media.tagging import PublishedAudio, publish_audio
from reset_stories.media.thumbnails import make_thumbnails
from reset_stories.model import Catalog, Episode


@dataclass(frozen=True)
class PublishedMedia:
    audio: Mapping[str, PublishedAudio] = field(default_factory=dict)  # by episode slug
    thumbnails: Mapping[Path, Path] = field(default_factory=dict)  # image source → its small copy

    def __post_init__(self) -> None:
        object.__setattr__(self, "audio", MappingProxyType(dict(self.audio)))
        object.__setattr__(self, "thumbnails", MappingProxyType(dict(self.thumbnails)))

    def enclosure(self, episode: Episode) -> PublishedAudio:
        """What the feed points to for a published ``episode``: its tagged copy. A draft shown in a
        preview (never in the feed) plays its source."""
        found = self.audio.get(episode.slug)
        if found is not None:
            return found
        assert episode.audio is not None  # a previewed episode has its audio
        return PublishedAudio(episode.audio.path, episode.audio.size)


def publish_media(catalog: Catalog, *, write: bool) -> PublishedMedia:
    """The tagged audio and thumbnails of ``catalog``: made into the cache when ``write``."""
    cache = MediaCache(catalog.site.root / CACHE_FOLDER)
    media = PublishedMedia(
        audio=publish_audio(catalog, cache, write=write),
        thumbnails=make_thumbnails(catalog, cache, write=write),
    )
    if write:
        # What no build uses any more is forgotten, so that the cache does not grow for ever.
        cache.keep_only({a.path for a in media.audio.values()} | set(media.thumbnails.values()))
    return media
