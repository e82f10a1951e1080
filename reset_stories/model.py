"""The catalogue: typed, validated, immutable. Everything downstream of the loader reads this.

Names speak the domain (``episode.audio.duration``, ``show.owner.email``); RSS and iTunes tag
names live only in :mod:`reset_stories.feed`.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar
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


class Scheme(enum.Enum):
    """Which colour schemes the site offers: both, following the visitor's preference, or one."""

    AUTO = "auto"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True, slots=True)
class Look:
    """The site's look (``look:`` in mkdocs.yml): colours, logo, favicon, colour schemes."""

    primary: str | None = None  # "#rrggbb"; None: the theme's own colours
    accent: str | None = None  # "#rrggbb"; None: the primary colour
    logo: Path | None = None
    favicon: Path | None = None
    scheme: Scheme = Scheme.AUTO


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
    look: Look = Look()

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


@dataclass(frozen=True, slots=True)
class HomePage:
    """The site's home page (``index.md``) when staff switch on the editorial home (``layout: home``)."""

    src_uri: str
    title: str | None = None  # its own title, as written in its front matter


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
    home: HomePage | None = None  # the editorial home page, when staff ask for it

    def __post_init__(self) -> None:
        object.__setattr__(self, "people", MappingProxyType(dict(self.people)))

    def episode(self, slug: str) -> Episode | None:
        """An episode the site shows, by its slug or by the name of its file."""
        return self._episodes_by_slug.get(slug)

    def is_preview(self, item: Episode | Story) -> bool:
        """Whether the site shows ``item`` only as a preview (a draft or a scheduled item)."""
        return item.source in self._preview_sources

    # Cached: pages ask for these once per person, theme and story (a frozen dataclass allows it,
    # cached_property writing to the instance's __dict__ directly). Lists by person, theme and
    # episode are indexed once: a scan of every item for each card made planning quadratic
    # (at 1,000 stories, 12,000 theme links each scanned the 1,000 stories).
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
        return self._episodes_by_person.get(person_id, ())

    def stories_with(self, person_id: str) -> tuple[Story, ...]:
        return self._stories_by_person.get(person_id, ())

    def stories_about(self, theme: Theme) -> tuple[Story, ...]:
        return self._stories_by_theme.get(theme, ())

    def stories_on(self, episode: Episode) -> tuple[Story, ...]:
        """The published stories about ``episode`` (named by its slug or its file's name), newest first."""
        names = dict.fromkeys((episode.slug, episode.file_slug))
        if len(names) == 1:
            return self._stories_by_episode.get(episode.slug, ())
        found = {id(s) for name in names for s in self._stories_by_episode.get(name, ())}
        return tuple(s for s in self.stories if id(s) in found) if found else ()

    @cached_property
    def _episodes_by_slug(self) -> Mapping[str, Episode]:
        found: dict[str, Episode] = {}
        for episode in self.shown_episodes:  # the first one shown wins, whichever of its names matches
            found.setdefault(episode.slug, episode)
            found.setdefault(episode.file_slug, episode)
        return found

    @cached_property
    def _preview_sources(self) -> frozenset[Path]:
        return frozenset(item.source for item in self.previews)

    @cached_property
    def _episodes_by_person(self) -> Mapping[str, tuple[Episode, ...]]:
        return _grouped(((c.person_id for c in e.people), e) for e in self.shown_episodes)

    @cached_property
    def _stories_by_person(self) -> Mapping[str, tuple[Story, ...]]:
        return _grouped((s.people, s) for s in self.shown_stories)

    @cached_property
    def _stories_by_theme(self) -> Mapping[Theme, tuple[Story, ...]]:
        return _grouped((s.themes, s) for s in self.shown_stories)

    @cached_property
    def _stories_by_episode(self) -> Mapping[str, tuple[Story, ...]]:
        return _grouped(((s.episode,) if s.episode else (), s) for s in self.stories)

    @property
    def last_published(self) -> datetime | None:
        """When the published content last changed: the newest episode or story date."""
        dates = [items[0].date for items in (self.episodes, self.stories) if items]
        return max(dates) if dates else None


K = TypeVar("K")
V = TypeVar("V")


def _grouped(items: Iterable[tuple[Iterable[K], V]]) -> dict[K, tuple[V, ...]]:
    """Each key with the items that name it, in the items' order, each item once per key."""
    groups: dict[K, dict[int, V]] = {}
    for keys, item in items:
        for key in keys:
            groups.setdefault(key, {})[id(item)] = item
    return {key: tuple(found.values()) for key, found in groups.items()}
