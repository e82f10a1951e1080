"""What the site publishes, engine-independent: page plans with their template data, files to write.

An engine adapter turns a :class:`SitePlan` into its own pages and files. Template data are
plain strings, numbers, lists and dicts (never markup): templates escape every text they print.
URLs are site-relative ("podcast/04-reset/"); the engine makes them relative to each page.

The one piece of markup made here is an episode's transcript, written into the page's Markdown
as an HTML block (escaped here), because only the page's content is indexed by site search.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from pathlib import Path
from types import MappingProxyType
from typing import Any

from reset_stories.content import chapters, transcripts
from reset_stories.content.timecodes import format_timecode
from reset_stories.feed import build_feed, feed_url
from reset_stories.feed.texts import FeedTexts
from reset_stories.media.published import PublishedMedia
from reset_stories.media.thumbnails import SIDE as THUMBNAIL_SIDE
from reset_stories.media.thumbnails import thumbnail_uri
from reset_stories.model import (
    Catalog,
    Credit,
    Episode,
    EpisodeType,
    HomePage,
    Image,
    Person,
    ShowType,
    Site,
    Story,
    Theme,
)
from reset_stories.site import ICONS_URI, look, urls
from reset_stories.site.labels import (
    iso_duration,
    italian_date,
    italian_duration,
    italian_size,
)

_TYPE_LABELS = {EpisodeType.TRAILER: "Trailer", EpisodeType.BONUS: "Episodio bonus", EpisodeType.FULL: None}

# The editorial home's lists stay short whatever the archive: the newest few, then a link to the whole list.
HOME_EPISODES = 3  # besides the latest, which is ready to play
HOME_STORIES = 3
HOME_PEOPLE = 6

# The platforms whose mark the site ships (site/assets/icons/<icon>.svg), by the name staff give them
# in `platforms:` (compared without case, spaces or punctuation); any other platform gets the generic mark.
PLATFORM_ICONS = {
    "applepodcasts": "apple-podcasts",
    "podcastsapple": "apple-podcasts",
    "spotify": "spotify",
    "youtubemusic": "youtube-music",
    "youtube": "youtube-music",
    "amazonmusic": "amazon-music",
    "pocketcasts": "pocket-casts",
    "antennapod": "antennapod",
    "overcast": "overcast",
    "rss": "rss",
}
GENERIC_PLATFORM_ICON = "podcast"


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
    # False for the pages a list continues on (its page 2, 3…): they have no text of their own,
    # and search finds each item on its own page.
    searchable: bool = True
    # The engine's sidebars the page goes without ("navigation", "toc"): the editorial home is full width.
    hide: tuple[str, ...] = ()


@dataclass(frozen=True)
class MediaPlan:
    """A file copied as is (audio, images): the engine copies it, never reads it into memory."""

    dest_uri: str
    source: Path


@dataclass(frozen=True)
class DataFile:
    """A file whose content is made here: the feed, chapters, transcripts, host settings."""

    dest_uri: str
    content: bytes


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[PagePlan, ...]
    media: tuple[MediaPlan, ...]
    files: tuple[DataFile, ...]
    uploads: tuple[MediaPlan, ...]  # audio for the media host (site.media_dir), when there is one
    # Pages staff wrote that the site must not publish (drafts, scheduled stories): no page, no
    # search or sitemap entry.
    hidden: tuple[str, ...]
    feed_uri: str
    feed_url: str
    feed_title: str
    _pages: Mapping[str, PagePlan] = field(init=False, repr=False)
    _files: Mapping[str, DataFile] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_pages", MappingProxyType({p.src_uri: p for p in self.pages}))
        object.__setattr__(self, "_files", MappingProxyType({f.dest_uri: f for f in self.files}))

    def page(self, src_uri: str) -> PagePlan | None:
        return self._pages.get(src_uri)

    def file(self, dest_uri: str) -> DataFile | None:
        return self._files.get(dest_uri)

    @property
    def feed(self) -> bytes:
        return self._files[self.feed_uri].content


def page_meta(plan: PagePlan) -> dict[str, Any]:
    """What a page's metadata (its front matter) gets: the template, its data under ``reset``,
    the title and description. Engines print titles and descriptions as HTML: escaped once here."""
    meta: dict[str, Any] = {"template": plan.template, "reset": plan.context}
    if plan.title is not None:
        meta["title"] = html.escape(plan.title)
    if plan.description is not None:
        meta["description"] = html.escape(plan.description)
    if not plan.searchable:
        meta["search"] = {"exclude": True}
    if plan.hide:
        meta["hide"] = list(plan.hide)
    return meta


# Static hosts that read a `_headers` file (Netlify, Cloudflare Pages, …) send these headers:
# web players on other sites may then fetch the feed, chapters and transcripts.
CORS_HEADERS = "  Access-Control-Allow-Origin: *\n"


def plan_site(catalog: Catalog, media: PublishedMedia, texts: FeedTexts | None = None) -> SitePlan:
    """Every page, file and the feed that ``catalog`` publishes (``texts``: see feed/texts.py)."""
    planner = _Planner(catalog, media)
    site = catalog.site
    files = [DataFile(site.feed_uri, build_feed(catalog, media, texts)), *planner.episode_files()]
    files.append(DataFile("_headers", f"/{site.feed_uri}\n{CORS_HEADERS}/{site.podcast_section}/*\n{CORS_HEADERS}".encode()))
    files.append(DataFile(look.STYLESHEET, look.stylesheet(site.look)))
    return SitePlan(
        pages=tuple(planner.pages()),
        media=tuple(planner.media()),
        files=tuple(files),
        uploads=tuple(planner.audio()) if site.media_url else (),
        hidden=tuple(
            item.src_uri for item in catalog.unpublished if isinstance(item, Story) and not catalog.is_preview(item)
        ),
        feed_uri=site.feed_uri,
        feed_url=feed_url(catalog),
        feed_title=catalog.show.title,
    )


class _Planner:
    def __init__(self, catalog: Catalog, media: PublishedMedia):
        self.catalog = catalog
        self.published = media
        self._theme_links: dict[Theme, dict[str, Any]] = {}
        self.site = catalog.site
        self.show = catalog.show
        self.subscribe = {
            "feed_url": feed_url(catalog),
            "podcast_url": self.site.page_url(self.site.podcast_index_uri),
            "show_title": self.show.title,
            "platforms": [{"name": p.name, "url": p.url, "icon": _platform_icon(p.name)} for p in self.show.platforms],
            "feed_icon": icon_uri("rss"),
        }
        self._episode_plans: dict[Path, PagePlan] = {}

    # --- pages -----------------------------------------------------------------------------

    def pages(self) -> Iterator[PagePlan]:
        # Lists continue on numbered pages (see _paginated): a person's two lists together.
        if self.catalog.home is not None:
            yield self._home_page(self.catalog.home)
        yield from self._paginated(self._podcast_page(), self.show.title, ("episodes",))
        for episode in self.catalog.shown_episodes:
            yield self._episode_plan(episode)
        yield self._index(urls.people_index(self.site), "people.html", "Persone", {
            "people": [self._person_card(p) for p in self.catalog.people.values()],
        })
        for person in self.catalog.people.values():
            yield from self._paginated(self._person_page(person), person.name, ("episodes", "stories"))
        yield from self._paginated(self._index(
            urls.stories_index(self.site), "stories.html", "Storie", self._story_list(self.catalog.shown_stories),
        ), "Storie", ("stories",))
        for theme in self.site.themes:
            yield from self._paginated(self._theme_page(theme), theme.name.capitalize(), ("stories",))
        for year in self._years:
            yield from self._paginated(self._year_page(year), _year_title(year), ("stories",))
        for story in self.catalog.shown_stories:
            yield self._story_page(story)

    def _podcast_page(self) -> PagePlan:
        episodes = list(self.catalog.shown_episodes)
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
            "social": self._social(self.site.podcast_index_uri, self.show.title, self.show.description, None, "website"),
        }, description=self.show.description)

    def _episode_page(self, episode: Episode) -> PagePlan:
        assert episode.audio is not None
        related = self.catalog.stories_on(episode)
        return PagePlan(
            src_uri=urls.episode_page(self.site, episode),
            template="episode.html",
            title=episode.title,
            description=episode.summary,
            markdown=_episode_markdown(episode),
            context={
                **self._episode_card(episode),
                "audio": {
                    # Site-relative on the site; absolute on a media host.
                    "url": urls.audio_url(self.site, episode) if self.site.media_url else urls.episode_audio(self.site, episode),
                    "type": episode.audio.mime_type,
                    "size_label": italian_size(self.published.enclosure(episode).size),
                    "extension": episode.audio.extension.upper(),
                },
                # The player shows the length before play, with nothing of the audio downloaded.
                "duration_seconds": round(episode.audio.duration, 3),
                "duration_clock": format_timecode(episode.audio.duration),
                "artwork": self._lock_screen_artwork(episode),
                "image": self._episode_image(episode),
                "chapters": [
                    {"start": round(c.start, 3), "time": format_timecode(c.start), "title": c.title, "url": c.url,
                     # where the chapter's mark goes on the player's bar, in % of its length
                     "at": round(100 * c.start / episode.audio.duration, 3) if episode.audio.duration else 0}
                    for c in episode.chapters
                ],
                "transcript": self._transcript_links(episode),
                "people": [self._credit(credit) for credit in episode.people],
                "stories": [self._story_card(s) for s in related],
                "subscribe": self.subscribe,
                "social": self._social(
                    urls.episode_page(self.site, episode), episode.title, episode.summary,
                    self._episode_image(episode), "article",
                ),
            },
        )

    def _episode_plan(self, episode: Episode) -> PagePlan:
        """An episode's page, made once: its data also make the episode ready to play on the home
        page and on its stories' pages."""
        plan = self._episode_plans.get(episode.source)
        if plan is None:
            plan = self._episode_plans[episode.source] = self._episode_page(episode)
        return plan

    def _playable(self, episode: Episode) -> dict[str, Any]:
        """An episode's page data as other pages show it ready to play (``rs.player``): all of it
        but its list of related stories, which grows with the archive and which they do not show."""
        return {key: value for key, value in self._episode_plan(episode).context.items() if key != "stories"}

    # --- the editorial home -------------------------------------------------------------------

    def _home_page(self, home: HomePage) -> PagePlan:
        """The home page staff wrote, with the programme around their text: the latest episode ready
        to play, the latest stories, the themes into the archive, the people. Published items
        only (never a draft or a scheduled item, not even in a preview); every list short."""
        episodes = self.catalog.episodes
        stories = self.catalog.stories
        return PagePlan(
            src_uri=home.src_uri,
            template="home.html",
            context={
                "episode": self._playable(episodes[0]) if episodes else None,
                "episodes": [self._episode_card(e) for e in episodes[1:HOME_EPISODES + 1]],
                "episodes_count": len(episodes),
                "podcast_url": self.site.page_url(self.site.podcast_index_uri),
                "show_title": self.show.title,
                "subscribe": self.subscribe,
                "stories": [self._story_card(s) for s in stories[:HOME_STORIES]],
                "stories_count": len(stories),
                "stories_url": self.site.page_url(urls.stories_index(self.site)),
                "themes": self._home_themes(stories),
                "people": [self._person_card(p) for p in self._home_people()[:HOME_PEOPLE]],
                "people_count": len(self.catalog.people),
                "people_url": self.site.page_url(urls.people_index(self.site)),
                "social": self._social(home.src_uri, home.title or self.show.title, self.show.description, None, "website"),
            },
            in_nav=True,
            hide=("navigation", "toc"),
        )

    def _home_themes(self, stories: Sequence[Story]) -> list[dict[str, Any]]:
        """The themes that published stories touch, each with its archive page and how many they are."""
        counts = {theme: 0 for theme in self.site.themes}
        for story in stories:
            for theme in story.themes:
                counts[theme] = counts.get(theme, 0) + 1
        return [{**self._theme_link(t), "count": n} for t, n in counts.items() if n]

    def _home_people(self) -> list[Person]:
        """The site's people, those who speak first: the hosts, then by their latest published
        episode or story, then the others by name."""
        people = self.catalog.people
        order: dict[str, None] = dict.fromkeys(c.person_id for c in self.show.hosts)
        items: list[Episode | Story] = sorted([*self.catalog.episodes, *self.catalog.stories], key=lambda i: i.date, reverse=True)
        for item in items:
            order.update(dict.fromkeys(c.person_id for c in item.people) if isinstance(item, Episode) else dict.fromkeys(item.people))
        order.update(dict.fromkeys(people))
        return [people[pid] for pid in order if pid in people]

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
                "social": self._social(person.src_uri, person.name, person.description, self._photo(person), "profile"),
            },
        )

    def _story_page(self, story: Story) -> PagePlan:
        episode = self.catalog.episode(story.episode) if story.episode else None
        return PagePlan(
            src_uri=urls.story_page(story),
            template="story.html",
            title=story.title,
            description=story.summary,
            context={
                **self._story_card(story),
                "people": [self._person_card(self.catalog.people[p]) for p in story.people],
                # The episode's page data: the story plays it.
                "episode": self._playable(episode) if episode else None,
                "social": self._social(story.src_uri, story.title, story.summary, None, "article"),
            },
        )

    def _theme_page(self, theme: Theme) -> PagePlan:
        return self._index(urls.theme_page(self.site, theme), "stories.html", theme.name.capitalize(), self._story_list(
            self.catalog.stories_about(theme), theme=theme.name, index_url=self.site.page_url(urls.stories_index(self.site)),
        ), in_nav=False)

    # --- lists on pages: years, pagination ------------------------------------------------------

    @cached_property
    def _years(self) -> dict[int, list[Story]]:
        """The stories of each year (in the show's time zone), the latest year first, newest first."""
        years: dict[int, list[Story]] = {}
        for story in self.catalog.shown_stories:
            years.setdefault(story.date.year, []).append(story)
        return dict(sorted(years.items(), reverse=True))

    def _story_list(self, stories: Iterable[Story], **context: Any) -> dict[str, Any]:
        """A list of stories' page data: their cards, and the ways into the archive (themes, years)."""
        return {
            **context,
            "stories": [self._story_card(s) for s in stories],
            "themes": self._archive_themes,
            "years": self._archive_years,
        }

    @cached_property
    def _archive_themes(self) -> list[dict[str, Any]]:
        return [self._theme_link(t) for t in self.site.themes]

    @cached_property
    def _archive_years(self) -> list[dict[str, Any]]:
        return [
            {"year": year, "url": self.site.page_url(urls.year_page(self.site, year)), "count": len(stories)}
            for year, stories in self._years.items()
        ]

    def _year_page(self, year: int) -> PagePlan:
        return self._index(urls.year_page(self.site, year), "stories.html", _year_title(year), self._story_list(
            self._years[year], year=year, index_url=self.site.page_url(urls.stories_index(self.site)),
        ), in_nav=False)

    def _paginated(self, first: PagePlan, title: str, lists: Sequence[str]) -> Iterator[PagePlan]:
        """``first``, a page whose ``lists`` (keys of its context) hold cards, and the pages they continue on.

        Each page shows ``site.page_size`` items of each list, in the lists' order; page 1 is
        ``first`` where it always was, the next ones at :func:`urls.list_page` (not in the nav nor
        in search), each titled "``title`` — pagina N". Every page's ``pages`` tells the template
        where it is (None when one page holds everything).
        """
        size = self.site.page_size
        count = max(1, *(math.ceil(len(first.context[key]) / size) for key in lists))
        if count == 1:
            yield replace(first, context={**first.context, "pages": None})
            return
        for number in range(1, count + 1):
            src_uri = urls.list_page(first.src_uri, number)
            context = {
                **first.context,
                **{key: first.context[key][(number - 1) * size:number * size] for key in lists},
                "pages": self._pagination(first.src_uri, number, count),
            }
            if number == 1:
                yield replace(first, context=context)
                continue
            page_title = f"{title} — pagina {number}"
            if "social" in context:
                context["social"] = {
                    **context["social"], "title": page_title, "url": self.site.absolute(self.site.page_url(src_uri)),
                }
            yield PagePlan(
                src_uri=src_uri, template=first.template, context=context, title=page_title,
                description=first.description, markdown="", in_nav=False, searchable=False,
            )

    def _pagination(self, first: str, number: int, count: int) -> dict[str, Any]:
        """Where page ``number`` of ``count`` is, for its navigation: the previous and next pages'
        URLs, and the numbered links (the first, the last, and two either side of this one; a
        gap, number None, stands for the pages between)."""

        def url(n: int) -> str:
            return self.site.page_url(urls.list_page(first, n))

        shown = {1, count, *range(max(1, number - 2), min(count, number + 2) + 1)}
        shown |= {n + 1 for n in shown if n + 2 in shown}  # no gap of a single page: its number instead
        links: list[dict[str, Any]] = []
        for n in sorted(shown):
            if links and n > links[-1]["number"] + 1:
                links.append({"number": None, "url": None, "current": False})
            links.append({"number": n, "url": url(n), "current": n == number})
        return {
            "number": number,
            "count": count,
            "previous": url(number - 1) if number > 1 else None,
            "next": url(number + 1) if number < count else None,
            "links": links,
        }

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
            "url": self.site.page_url(urls.episode_page(self.site, episode)),
            "summary": episode.summary,
            "date": episode.date.date().isoformat(),
            "date_label": italian_date(episode.date),
            "duration_label": italian_duration(episode.audio.duration),
            "duration_iso": iso_duration(episode.audio.duration),
            "number": episode.number,
            "season": episode.season,
            "type_label": _TYPE_LABELS[episode.type],
            "preview": self._preview_label(episode),
        }

    def _preview_label(self, item: Episode | Story) -> str | None:
        """What a preview shows on a draft or a scheduled item: it is not published."""
        if not self.catalog.is_preview(item):
            return None
        if item.draft:
            return "Anteprima: bozza, non pubblicata"
        return f"Anteprima: sarà pubblicata il {italian_date(item.date)}"

    def _person_card(self, person: Person) -> dict[str, Any]:
        return {
            "name": person.name,
            "url": self.site.page_url(person.src_uri),
            "organisation": person.organisation,
            "role": person.role,
            "description": person.description,
            "photo": self._photo(person),
            "initials": _initials(person.name),
        }

    def _credit(self, credit: Credit) -> dict[str, Any]:
        card = self._person_card(self.catalog.people[credit.person_id])
        card["role_label"] = credit.role.label
        return card

    def _story_card(self, story: Story) -> dict[str, Any]:
        return {
            "title": story.title,
            "url": self.site.page_url(story.src_uri),
            "summary": story.summary,
            "date": story.date.date().isoformat(),
            "date_label": italian_date(story.date),
            "themes": [self._theme_link(t) for t in story.themes],
            "preview": self._preview_label(story),
        }

    def _theme_link(self, theme: Theme) -> dict[str, Any]:
        """A theme's link, made once: every story card names its themes."""
        link = self._theme_links.get(theme)
        if link is None:
            link = self._theme_links[theme] = {
                "name": theme.name,
                "url": self.site.page_url(urls.theme_page(self.site, theme)),
                "count": len(self.catalog.stories_about(theme)),
            }
        return link

    def _image(self, uri: str, source: Path, alt: str) -> dict[str, str]:
        """An image as pages show it: its small copy (``url``), and the full one (``full``, for sharing)."""
        small = thumbnail_uri(uri) if source in self.published.thumbnails else uri
        return {"url": small, "full": uri, "alt": alt}

    def _artwork(self) -> dict[str, str]:
        alt = self.show.artwork_alt or f"Copertina del podcast «{self.show.title}»"
        return self._image(urls.show_artwork(self.site, self.show), self.show.artwork.path, alt)

    def _episode_image(self, episode: Episode) -> dict[str, str]:
        uri = urls.episode_image(self.site, episode)
        if uri is None or episode.image is None:
            return self._artwork()
        return self._image(uri, episode.image.path, episode.image_alt or f"Immagine dell'episodio «{episode.title}»")

    def _lock_screen_artwork(self, episode: Episode) -> list[dict[str, str]]:
        """The episode's image as phones show it beside their media controls (the Media Session API):
        each published copy with its real size and type, the small one first."""
        shown = self._episode_image(episode)
        image = episode.image if episode.image is not None and urls.episode_image(self.site, episode) else self.show.artwork
        copies = []
        if shown["url"] != shown["full"]:  # the thumbnail: a JPEG of at most SIDE px (artwork is square)
            side = min(THUMBNAIL_SIDE, image.width)
            copies.append({"url": shown["url"], "sizes": f"{side}x{side}", "type": "image/jpeg"})
        kind = "image/png" if image.extension == "png" else "image/jpeg"
        copies.append({"url": shown["full"], "sizes": f"{image.width}x{image.height}", "type": kind})
        return copies

    def _photo(self, person: Person) -> dict[str, str] | None:
        uri = urls.person_photo_uri(self.site, person)
        if uri is None or person.photo is None:
            return None
        return self._image(uri, person.photo, person.photo_alt or f"Foto di {person.name}")

    def _images(self) -> Iterator[tuple[Path, str]]:
        """Every image the pages show: (source, the URI it is published at)."""
        yield self.show.artwork.path, urls.show_artwork(self.site, self.show)
        for episode in self.catalog.shown_episodes:
            uri = urls.episode_image(self.site, episode)
            if uri and episode.image:
                yield episode.image.path, uri
        for person in self.catalog.people.values():
            uri = urls.person_photo_uri(self.site, person)
            if uri and person.photo:
                yield person.photo, uri

    def _social(self, src_uri: str, title: str, description: str | None, image: dict[str, str] | None, kind: str) -> dict[str, Any]:
        """Open Graph and Twitter card data: what a shared link shows. Every URL absolute."""
        image = image or self._artwork()
        return {
            "type": kind,
            "title": title,
            "description": description or self.show.description,
            "url": self.site.absolute(self.site.page_url(src_uri)),
            "image": self.site.absolute(image["full"]),
            "image_alt": image["alt"],
            "site_name": self.show.title,
        }

    def _transcript_links(self, episode: Episode) -> list[dict[str, str]]:
        if episode.transcript is None:
            return []
        return [
            {"url": urls.episode_transcript(self.site, episode, extension), "label": kind.label}
            for extension, kind in transcripts.FORMATS.items()
        ]

    # --- files made here -------------------------------------------------------------------------

    def episode_files(self) -> Iterator[DataFile]:
        site, show = self.site, self.show
        for episode in self.catalog.episodes:
            if episode.chapters:
                document = chapters.to_json(
                    episode.chapters, partial(_chapter_image_url, site, episode),
                    title=episode.title, show_title=show.title,
                )
                yield DataFile(urls.episode_chapters(site, episode), document.encode())
            if episode.transcript:
                for extension, text in transcripts.outputs(episode.transcript, episode.title, show.language).items():
                    yield DataFile(urls.episode_transcript(site, episode, extension), text.encode())

    # --- media ---------------------------------------------------------------------------------

    def audio(self) -> Iterator[MediaPlan]:
        """The tagged audio files, by the path they have on the site or on the media host."""
        for episode in self.catalog.episodes:
            yield MediaPlan(urls.episode_audio(self.site, episode), self.published.enclosure(episode).path)

    def media(self) -> Iterator[MediaPlan]:
        yield MediaPlan(urls.show_artwork(self.site, self.show), self.show.artwork.path)
        for uri, source in look.images(self.site):  # the logo and favicon, when outside the docs folder
            yield MediaPlan(uri, source)
        for source, uri in self._images():
            if source in self.published.thumbnails:
                yield MediaPlan(thumbnail_uri(uri), self.published.thumbnails[source])
        if self.site.media_url is None:
            yield from self.audio()
        for episode in self.catalog.episodes:
            image = urls.episode_image(self.site, episode)
            if image and episode.image:
                yield MediaPlan(image, episode.image.path)
            for chapter in episode.chapters:
                if chapter.image is not None:
                    yield MediaPlan(urls.chapter_image(self.site, episode, chapter.image), chapter.image.path)
        for person in self.catalog.people.values():
            photo_uri = urls.person_photo_uri(self.site, person)
            if photo_uri and person.photo and not person.photo.is_relative_to(self.site.docs_dir):
                yield MediaPlan(photo_uri, person.photo)


def icon_uri(icon: str) -> str:
    """Where the site publishes one of its icons (site/assets/icons/)."""
    return f"{ICONS_URI}/{icon}.svg"


def _platform_icon(name: str) -> str:
    """The icon of the platform staff call ``name``: its own mark, or the generic one."""
    folded = "".join(c for c in name.casefold() if c.isalnum())
    return icon_uri(PLATFORM_ICONS.get(folded, GENERIC_PLATFORM_ICON))


def _initials(name: str) -> str:
    """What stands in for a person's photo: the initials of their first and last names."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    if not words:
        return name[:1].upper()
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


def _year_title(year: int) -> str:
    return f"Storie del {year}"


def _episode_markdown(episode: Episode) -> str:
    """The episode page's content: the show notes, then the transcript (so that search finds it)."""
    parts = []
    if episode.notes.strip():
        parts.append(f"## Note dell'episodio\n\n{episode.notes.strip()}")
    if episode.transcript is not None:
        parts.append(f"## Trascrizione\n\n{transcripts.to_page_html(episode.transcript)}")
    return "\n\n".join(parts) + "\n" if parts else ""


def _chapter_image_url(site: Site, episode: Episode, image: Image) -> str:
    return site.absolute(urls.chapter_image(site, episode, image))
