"""The catalogue: typed, validated, immutable. Everything downstream of the loader reads this.

Names speak the domain (``episode.audio.duration``, ``show.owner.email``); RSS and iTunes tag
names live only in :mod:`reset_stories.feed`.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from zoneinfo import ZoneInfo

from reset_stories.content.vocabulary import PersonRole


class EpisodeType(enum.Enum):
    FULL = "full"
    TRAILER = "trailer"
    BONUS = "bonus"


class ShowType(enum.Enum):
    EPISODIC = "episodic"
    SERIAL = "serial"


@dataclass(frozen=True, slots=True)
class Loudness:
    """EBU R 128 measurements of a whole episode."""

    integrated: float  # LUFS
    true_peak: float  # dBTP


@dataclass(frozen=True, slots=True)
class AudioFacts:
    """What the audio file really is, read from its content (never from its name)."""

    path: Path
    size: int  # bytes
    mime_type: str
    extension: str  # canonical, for the published file name: "mp3", "m4a", …
    duration: float  # seconds
    codec: str = ""  # "MP3", "AAC", "Vorbis", "Opus"
    bitrate: int = 0  # bits per second (the average, for VBR)
    sample_rate: int = 0  # Hz
    channels: int = 0
    duration_exact: bool = True  # False when an MP3 has no Xing/VBRI frame and its length is estimated
    loudness: Loudness | None = None  # measured by `check`, when ffmpeg is there


@dataclass(frozen=True, slots=True)
class Image:
    path: Path
    extension: str  # "jpg" or "png"
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class Chapter:
    start: float  # seconds from the start of the audio
    title: str
    url: str | None = None
    image: Image | None = None


@dataclass(frozen=True, slots=True)
class Cue:
    """One timed line of a transcript."""

    start: float
    end: float
    text: str  # plain text
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Transcript:
    path: Path  # the file staff wrote (WebVTT or SRT)
    cues: tuple[Cue, ...]

    @property
    def speakers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.speaker for c in self.cues if c.speaker))


@dataclass(frozen=True, slots=True)
class Owner:
    name: str
    email: str


@dataclass(frozen=True, slots=True)
class Category:
    name: str
    subcategory: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    """Where the show is from or about (Podcasting 2.0 location)."""

    name: str
    country: str | None = None  # ISO 3166-1 alpha-2, upper case
    geo: str | None = None  # RFC 5870 geo URI
    osm: str | None = None  # OpenStreetMap object: N/W/R and its id
    rel: str | None = None  # "subject" (what the show is about) or "creator" (where it is made)


@dataclass(frozen=True, slots=True)
class License:
    identifier: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Funding:
    url: str
    text: str


@dataclass(frozen=True, slots=True)
class Link:
    """A named link: the show on a podcast platform."""

    name: str
    url: str


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    slug: str


@dataclass(frozen=True, slots=True)
class Show:
    """The podcast itself: the settings under ``podcast:`` in mkdocs.yml."""

    title: str
    description: str
    author: str
    owner: Owner
    language: str
    category: Category
    artwork: Image
    explicit: bool
    type: ShowType
    copyright: str | None
    timezone: ZoneInfo
    guid: str  # Podcasting 2.0 podcast:guid, stored once in the settings: a domain move keeps it
    locked: bool | None = None
    new_feed_url: str | None = None
    location: Location | None = None
    license: License | None = None
    funding: tuple[Funding, ...] = ()
    complete: bool = False  # a finished series: no more episodes will come
    hosts: tuple[Credit, ...] = ()
    artwork_alt: str | None = None  # what the artwork shows, for people who cannot see it
    platforms: tuple[Link, ...] = ()  # the show on Apple Podcasts, Spotify, …


@dataclass(frozen=True, slots=True)
class Site:
    """Where things are and where they go: the project's layout and the public address."""

    root: Path  # the folder holding mkdocs.yml
    docs_dir: Path
    episodes_dir: Path
    url: str  # site_url, always ending with "/"
    directory_urls: bool
    podcast_section: str = "podcast"
    people_section: str = "persone"
    stories_section: str = "storie"
    themes: tuple[Theme, ...] = ()
    page_size: int = 20  # items on each page of a list; longer lists continue on numbered pages
    media_url: str | None = None  # where audio is served when not from the site (a CDN), ends with "/"
    media_dir: Path | None = None  # with media_url: where the build puts the audio to upload there

    def relative(self, path: Path) -> str:
        """A path as staff see it in messages: relative to the project, with forward slashes."""
        try:
            return Path(os.path.abspath(path)).relative_to(self.root).as_posix()  # noqa: PTH100 - resolve() would follow links
        except ValueError:
            return path.as_posix()

    def page_url(self, src_uri: str) -> str:
        """The site-relative URL MkDocs gives the page built from ``src_uri``."""
        stem = src_uri[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return f"{stem}/" if self.directory_urls else f"{stem}.html"

    def absolute(self, url: str) -> str:
        return self.url + url

    @property
    def feed_uri(self) -> str:
        # At the root: Material for MkDocs fetches "sitemap.xml" next to every rel=alternate link
        # of a page (the feed's autodiscovery link is one), and the site's sitemap is at the root.
        return "feed.xml"

    @property
    def podcast_index_uri(self) -> str:
        return f"{self.podcast_section}/index.md"


@dataclass(frozen=True, slots=True)
class Credit:
    """A person in an episode, with the role they have in it (from the Podcast Index taxonomy)."""

    person_id: str
    role: PersonRole


@dataclass(frozen=True, slots=True)
class Episode:
    source: Path
    slug: str  # makes its URLs: the one recorded when first published, whatever the file is called now
    title: str
    date: datetime  # aware, in the show's time zone
    summary: str
    guid: str
    notes: str  # Markdown
    audio: AudioFacts | None  # None only for drafts not yet recorded
    number: int | None = None
    season: int | None = None
    type: EpisodeType = EpisodeType.FULL
    explicit: bool | None = None  # None: as the show
    image: Image | None = None
    image_alt: str | None = None
    people: tuple[Credit, ...] = ()
    chapters: tuple[Chapter, ...] = ()
    transcript: Transcript | None = None
    draft: bool = False
    withdrawn: bool = False  # taken out of the feed on purpose, after publication
    file_slug: str = ""  # from the file's name: how stories refer to the episode

    def is_published(self, now: datetime) -> bool:
        return not self.draft and not self.withdrawn and self.audio is not None and self.date <= now


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    src_uri: str  # the page in docs_dir, e.g. "persone/mario-rossi.md"
    name: str
    organisation: str | None = None
    role: str | None = None
    description: str | None = None
    photo: Path | None = None
    photo_alt: str | None = None
    link: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    source: Path
    src_uri: str  # the page in docs_dir, e.g. "storie/formazione.md"
    title: str
    date: datetime
    summary: str
    themes: tuple[Theme, ...] = ()
    people: tuple[str, ...] = ()
    episode: str | None = None  # slug of the related episode
    draft: bool = False

    def is_published(self, now: datetime) -> bool:
        return not self.draft and self.date <= now


@dataclass(frozen=True)
class Catalog:
    """The content a build publishes, checked for consistency, in publishing order.

    Content only: what a build makes from it (tagged audio, thumbnails, the ledger) belongs to
    the publishing stage (:mod:`reset_stories.media.published`, :mod:`reset_stories.publish.release`).
    """

    site: Site
    show: Show
    now: datetime
    episodes: tuple[Episode, ...]  # published only, newest first (by number for serial shows)
    stories: tuple[Story, ...]  # published only, newest first
    people: Mapping[str, Person]  # by id, sorted by name
    unpublished: tuple[Episode | Story, ...] = ()  # drafts and future-dated, for `check`
    # `serve --drafts`: drafts and scheduled items shown on the preview site, never in the feed.
    previews: tuple[Episode | Story, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "people", MappingProxyType(dict(self.people)))

    def episode(self, slug: str) -> Episode | None:
        """An episode the site shows, by its slug or by the name of its file."""
        return next((e for e in self.shown_episodes if slug in (e.slug, e.file_slug)), None)

    # Cached: pages ask for these once per person, theme and story (a frozen dataclass allows it,
    # cached_property writing to the instance's __dict__ directly).
    @cached_property
    def shown_episodes(self) -> tuple[Episode, ...]:
        """The episodes the site shows: the published ones, and in a preview drafts and scheduled ones."""
        previews = [e for e in self.previews if isinstance(e, Episode)]
        return tuple(sorted((*self.episodes, *previews), key=lambda e: (e.date, e.slug), reverse=True))

    @cached_property
    def shown_stories(self) -> tuple[Story, ...]:
        previews = [s for s in self.previews if isinstance(s, Story)]
        return tuple(sorted((*self.stories, *previews), key=lambda s: (s.date, s.src_uri), reverse=True))

    def episodes_with(self, person_id: str) -> tuple[Episode, ...]:
        return tuple(e for e in self.shown_episodes if any(c.person_id == person_id for c in e.people))

    def stories_with(self, person_id: str) -> tuple[Story, ...]:
        return tuple(s for s in self.shown_stories if person_id in s.people)

    def stories_about(self, theme: Theme) -> tuple[Story, ...]:
        return tuple(s for s in self.shown_stories if theme in s.themes)

    @property
    def last_published(self) -> datetime | None:
        """When the published content last changed: the newest episode or story date."""
        dates = [items[0].date for items in (self.episodes, self.stories) if items]
        return max(dates) if dates else None
