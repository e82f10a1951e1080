"""What the site publishes, engine-independent: page plans with their template data, media to copy.

An engine adapter turns a :class:`SitePlan` into its own pages and files. Template data are
plain strings, numbers, lists and dicts (never markup): templates escape every text they print.
URLs are site-relative ("podcast/04-reset/"); the engine makes them relative to each page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any
from collections.abc import Mapping

from . import layout
from .feed import build_feed, feed_url
from .formats import iso_duration, italian_date, italian_duration, italian_size
from .model import Catalog, Credit, Episode, EpisodeType, Person, ShowType, Story, Theme

_TYPE_LABELS = {EpisodeType.TRAILER: "Trailer", EpisodeType.BONUS: "Episodio bonus", EpisodeType.FULL: None}


@dataclass(frozen=True)
class PagePlan:
    """A page the site shows with one of the package's templates.

    ``markdown`` is the page's content when the page is generated; None when staff wrote the
    page in the docs folder and it only gets the template and data.
    """

    src_uri: str
    template: str
    context: Mapping[str, Any]
    title: str | None = None
    description: str | None = None
    markdown: str | None = None
    in_nav: bool = False  # section pages may be in the nav; items never are (it would make builds quadratic)


@dataclass(frozen=True)
class MediaPlan:
    """A file copied as is (audio, images): the engine copies it, never reads it into memory."""

    dest_uri: str
    source: Path


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[PagePlan, ...]
    media: tuple[MediaPlan, ...]
    feed_uri: str
    feed: bytes
    feed_url: str
    feed_title: str
    _by_uri: Mapping[str, PagePlan] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_uri", MappingProxyType({p.src_uri: p for p in self.pages}))

    def page(self, src_uri: str) -> PagePlan | None:
        return self._by_uri.get(src_uri)


def plan_site(catalog: Catalog) -> SitePlan:
    """Every page, file and the feed that ``catalog`` publishes."""
    planner = _Planner(catalog)
    return SitePlan(
        pages=tuple(planner.pages()),
        media=tuple(planner.media()),
        feed_uri=catalog.site.feed_uri,
        feed=build_feed(catalog),
        feed_url=feed_url(catalog),
        feed_title=catalog.show.title,
    )


class _Planner:
    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.site = catalog.site
        self.show = catalog.show
        self.subscribe = {
            "feed_url": feed_url(catalog),
            "podcast_url": self.site.page_url(self.site.podcast_index_uri),
            "show_title": self.show.title,
        }

    # --- pages -----------------------------------------------------------------------------

    def pages(self):
        yield self._podcast_page()
        for episode in self.catalog.episodes:
            yield self._episode_page(episode)
        yield self._index(layout.people_index(self.site), "people.html", "Persone", {
            "people": [self._person_card(p) for p in self.catalog.people.values()],
        })
        for person in self.catalog.people.values():
            yield self._person_page(person)
        yield self._index(layout.stories_index(self.site), "stories.html", "Storie", {
            "stories": [self._story_card(s) for s in self.catalog.stories],
            "themes": [self._theme_link(t) for t in self.site.themes],
        })
        for theme in self.site.themes:
            yield self._theme_page(theme)
        for story in self.catalog.stories:
            yield self._story_page(story)

    def _podcast_page(self) -> PagePlan:
        episodes = list(self.catalog.episodes)
        if self.show.type is ShowType.SERIAL:
            episodes.sort(key=lambda e: (e.season or 0, e.number or 0))
        return self._index(self.site.podcast_index_uri, "podcast.html", self.show.title, {
            "show": {
                "title": self.show.title,
                "description": self.show.description,
                "author": self.show.author,
                "artwork": self._artwork(),
            },
            "subscribe": self.subscribe,
            "episodes": [self._episode_card(e) for e in episodes],
        }, description=self.show.description)

    def _episode_page(self, episode: Episode) -> PagePlan:
        assert episode.audio is not None
        related = [s for s in self.catalog.stories if s.episode == episode.slug]
        return PagePlan(
            src_uri=layout.episode_page(self.site, episode),
            template="episode.html",
            title=episode.title,
            description=episode.summary,
            markdown=episode.notes,
            context={
                **self._episode_card(episode),
                "audio": {
                    "url": layout.episode_audio(self.site, episode),
                    "type": episode.audio.mime_type,
                    "size_label": italian_size(episode.audio.size),
                    "extension": episode.audio.extension.upper(),
                },
                "image": self._episode_image(episode),
                "people": [self._credit(credit) for credit in episode.people],
                "stories": [self._story_card(s) for s in related],
                "subscribe": self.subscribe,
            },
        )

    def _person_page(self, person: Person) -> PagePlan:
        return PagePlan(
            src_uri=person.src_uri,
            template="person.html",
            title=person.name,
            description=person.description,
            context={
                **self._person_card(person),
                "link": person.link,
                "episodes": [self._episode_card(e) for e in self.catalog.episodes_with(person.id)],
                "stories": [self._story_card(s) for s in self.catalog.stories_with(person.id)],
            },
        )

    def _story_page(self, story: Story) -> PagePlan:
        episode = self.catalog.episode(story.episode) if story.episode else None
        return PagePlan(
            src_uri=layout.story_page(story),
            template="story.html",
            title=story.title,
            description=story.summary,
            context={
                **self._story_card(story),
                "people": [self._person_card(self.catalog.people[p]) for p in story.people],
                "episode": self._episode_card(episode) if episode else None,
            },
        )

    def _theme_page(self, theme: Theme) -> PagePlan:
        return self._index(layout.theme_page(self.site, theme), "stories.html", theme.name.capitalize(), {
            "theme": theme.name,
            "stories": [self._story_card(s) for s in self.catalog.stories_about(theme)],
            "themes": [self._theme_link(t) for t in self.site.themes],
            "index_url": self.site.page_url(layout.stories_index(self.site)),
        }, in_nav=False)

    def _index(self, src_uri: str, template: str, title: str, context: dict[str, Any], *,
               description: str | None = None, in_nav: bool = True) -> PagePlan:
        """A section page: generated, unless staff wrote one (its text then introduces the list)."""
        written = (self.site.docs_dir / src_uri).is_file()
        return PagePlan(
            src_uri=src_uri,
            template=template,
            context=context,
            title=None if written else title,
            description=description,
            markdown=None if written else "",
            in_nav=in_nav,
        )

    # --- cards: what lists and pages show of each item -------------------------------------------

    def _episode_card(self, episode: Episode) -> dict[str, Any]:
        assert episode.audio is not None
        return {
            "title": episode.title,
            "url": self.site.page_url(layout.episode_page(self.site, episode)),
            "summary": episode.summary,
            "date": episode.date.date().isoformat(),
            "date_label": italian_date(episode.date),
            "duration_label": italian_duration(episode.audio.duration),
            "duration_iso": iso_duration(episode.audio.duration),
            "number": episode.number,
            "season": episode.season,
            "type_label": _TYPE_LABELS[episode.type],
        }

    def _person_card(self, person: Person) -> dict[str, Any]:
        return {
            "name": person.name,
            "url": self.site.page_url(person.src_uri),
            "organisation": person.organisation,
            "role": person.role,
            "description": person.description,
            "photo": self._photo(person),
        }

    def _credit(self, credit: Credit) -> dict[str, Any]:
        card = self._person_card(self.catalog.people[credit.person_id])
        card["role_label"] = credit.role.label if credit.role else None
        return card

    def _story_card(self, story: Story) -> dict[str, Any]:
        return {
            "title": story.title,
            "url": self.site.page_url(story.src_uri),
            "summary": story.summary,
            "date": story.date.date().isoformat(),
            "date_label": italian_date(story.date),
            "themes": [self._theme_link(t) for t in story.themes],
        }

    def _theme_link(self, theme: Theme) -> dict[str, Any]:
        return {
            "name": theme.name,
            "url": self.site.page_url(layout.theme_page(self.site, theme)),
            "count": len(self.catalog.stories_about(theme)),
        }

    def _artwork(self) -> dict[str, str]:
        return {"url": layout.show_artwork(self.site, self.show), "alt": f"Copertina del podcast «{self.show.title}»"}

    def _episode_image(self, episode: Episode) -> dict[str, str]:
        uri = layout.episode_image(self.site, episode)
        if uri is None:
            return self._artwork()
        return {"url": uri, "alt": f"Immagine dell'episodio «{episode.title}»"}

    def _photo(self, person: Person) -> dict[str, str] | None:
        if person.photo is None:
            return None
        return {"url": self._photo_uri(person), "alt": f"Foto di {person.name}"}

    def _photo_uri(self, person: Person) -> str:
        assert person.photo is not None
        if person.photo.is_relative_to(self.site.docs_dir):
            return person.photo.relative_to(self.site.docs_dir).as_posix()
        return layout.person_photo(self.site, person.id, person.photo.stem, person.photo.suffix.lstrip(".").lower())

    # --- media ---------------------------------------------------------------------------------

    def media(self):
        yield MediaPlan(layout.show_artwork(self.site, self.show), self.show.artwork.path)
        for episode in self.catalog.episodes:
            assert episode.audio is not None
            yield MediaPlan(layout.episode_audio(self.site, episode), episode.audio.path)
            image = layout.episode_image(self.site, episode)
            if image and episode.image:
                yield MediaPlan(image, episode.image.path)
        for person in self.catalog.people.values():
            if person.photo is not None and not person.photo.is_relative_to(self.site.docs_dir):
                yield MediaPlan(self._photo_uri(person), person.photo)
