"""The podcast feed: RSS 2.0 with Apple's iTunes tags and the Podcasting 2.0 namespace, via feedgen.

RSS, iTunes and podcast:* tag names live in this package and nowhere else. Two feedgen 1.0 traps
are avoided on purpose: the channel ``<link>`` is the *last* link added (so the self link goes
first), and the second positional argument of ``itunes_category()`` is ``replace`` (so keywords
are used). What feedgen lacks is added through its extension mechanism (:mod:`.extensions`).
"""

from __future__ import annotations

import html
from email.utils import format_datetime

from feedgen.feed import FeedGenerator

from reset_stories import sanitize
from reset_stories.content.chapters import MIME_TYPE as CHAPTERS_TYPE
from reset_stories.content.transcripts import FORMATS as TRANSCRIPT_FORMATS
from reset_stories.feed.descriptions import apple_description
from reset_stories.feed.extensions import (
    AppleEntryExtension,
    AppleExtension,
    PodcastEntryExtension,
    PodcastExtension,
)
from reset_stories.feed.texts import FeedTexts
from reset_stories.media.published import PublishedMedia
from reset_stories.model import Catalog, Credit, Episode, EpisodeType, Person
from reset_stories.site import urls
from reset_stories.site.notes import render_notes

GENERATOR = "reset-stories"
COMPLETE_LABEL = "Serie completa: non usciranno altri episodi."

def feed_url(catalog: Catalog) -> str:
    return catalog.site.absolute(catalog.site.feed_uri)


def build_feed(catalog: Catalog, media: PublishedMedia, texts: FeedTexts | None = None) -> bytes:
    """The feed of the catalogue's published episodes, newest first, as UTF-8 bytes.

    ``media`` gives each enclosure's exact size: its tagged copy's, not the source's; ``texts``
    lends the notes and descriptions made by earlier builds (see texts.py).
    """
    site, show = catalog.site, catalog.show
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("apple", AppleExtension, AppleEntryExtension)
    fg.register_extension("podcastindex", PodcastExtension, PodcastEntryExtension)

    artwork = site.absolute(urls.show_artwork(site, show))
    podcast_page = site.absolute(site.page_url(site.podcast_index_uri))
    fg.title(show.title)
    # RSS descriptions are HTML: the show's text is escaped as HTML, then carried in CDATA (see
    # AppleExtension), exactly as the episodes' are, so that readers show "<b>" rather than obey it.
    fg.description(html.escape(sanitize.text(show.description), quote=False))
    fg.link(href=feed_url(catalog), rel="self", type="application/rss+xml")
    fg.link(href=podcast_page, rel="alternate")  # added last: it becomes the channel <link>
    fg.language(show.language)
    if show.copyright:
        fg.copyright(show.copyright)
    fg.generator(GENERATOR)
    # A build-time clock would make every build differ: the feed changed when its newest episode did.
    fg.lastBuildDate(catalog.episodes[0].date if catalog.episodes else catalog.now)

    # RSS's own <image> is what older readers show; Apple and most apps read itunes:image.
    fg.image(url=artwork, title=show.title, link=podcast_page)
    fg.podcast.itunes_author(show.author)
    fg.podcast.itunes_owner(name=show.owner.name, email=show.owner.email)
    fg.podcast.itunes_image(artwork)
    category = {"cat": show.category.name}
    if show.category.subcategory:
        category["sub"] = show.category.subcategory
    fg.podcast.itunes_category(**category)
    fg.podcast.itunes_type(show.type.value)
    if show.new_feed_url:
        fg.podcast.itunes_new_feed_url(show.new_feed_url)
    fg.apple.explicit(show.explicit)
    fg.apple.complete(show.complete)
    _add_podcast_channel(fg.podcastindex, catalog, media)

    kept = texts if texts is not None else FeedTexts(None)
    for episode in catalog.episodes:
        _add_item(fg, catalog, media, episode, kept)
    feed: bytes = fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return feed


def _add_podcast_channel(podcast: PodcastExtension, catalog: Catalog, media: PublishedMedia) -> None:
    show, site = catalog.show, catalog.site
    podcast.add("guid", show.guid)
    if show.locked is not None:
        podcast.add("locked", "yes" if show.locked else "no", owner=show.owner.email)
    for host in show.hosts:
        _add_person(podcast, catalog, host)
    if show.location:
        location = show.location
        podcast.add("location", location.name, rel=location.rel, geo=location.geo, osm=location.osm, country=location.country)
    if show.license:
        podcast.add("license", show.license.identifier, url=show.license.url)
    for funding in show.funding:
        podcast.add("funding", funding.text, url=funding.url)
    if show.complete:
        podcast.add("updateFrequency", COMPLETE_LABEL, complete="true")
    for trailer in (e for e in catalog.episodes if e.type is EpisodeType.TRAILER):
        assert trailer.audio is not None
        podcast.add(
            "trailer", trailer.title,
            pubdate=format_datetime(trailer.date),
            url=urls.audio_url(site, trailer),
            length=str(media.enclosure(trailer).size),
            type=trailer.audio.mime_type,
            season=str(trailer.season) if trailer.season else None,
        )


def _add_person(podcast: PodcastExtension | PodcastEntryExtension, catalog: Catalog, credit: Credit) -> None:
    site = catalog.site
    person: Person = catalog.people[credit.person_id]
    photo = urls.person_photo_uri(site, person)
    podcast.add(
        "person", person.name,
        role=credit.role.role, group=credit.role.group,
        img=site.absolute(photo) if photo else None,
        href=site.absolute(site.page_url(person.src_uri)),
    )


def _add_item(
    fg: FeedGenerator, catalog: Catalog, media: PublishedMedia, episode: Episode,
    texts: FeedTexts,
) -> None:
    site, show = catalog.site, catalog.show
    assert episode.audio is not None
    page_uri = urls.episode_page(site, episode)
    page_url = site.absolute(site.page_url(page_uri))
    key = FeedTexts.key(site, page_uri, episode.notes, episode.summary, episode.chapters)
    made = texts.get(key)
    if made is None:
        notes = render_notes(episode.notes, site, page_uri)
        made = (notes, apple_description(episode.summary, notes, episode.chapters))
        texts.put(key, *made)
    notes, description = made
    fe = fg.add_entry(order="append")
    fe.title(episode.title)
    fe.guid(episode.guid, permalink=False)
    fe.link(href=page_url)
    fe.pubDate(episode.date)
    fe.description(description)
    if notes:
        # lxml refuses "]]>" inside CDATA; such notes go out escaped instead, which readers treat the same.
        fe.content(notes, type="CDATA" if "]]>" not in notes else None)
    fe.enclosure(
        url=urls.audio_url(site, episode),
        length=str(media.enclosure(episode).size),  # the published, tagged file: not the source
        type=episode.audio.mime_type,
    )
    fe.podcast.itunes_duration(round(episode.audio.duration))
    fe.podcast.itunes_episode_type(episode.type.value)
    if episode.number is not None:
        fe.podcast.itunes_episode(episode.number)
    if episode.season is not None:
        fe.podcast.itunes_season(episode.season)
    image = urls.episode_image(site, episode)
    if image:
        fe.podcast.itunes_image(site.absolute(image))
    fe.apple.explicit(show.explicit if episode.explicit is None else episode.explicit)

    podcast = fe.podcastindex
    if episode.season is not None:
        podcast.add("season", str(episode.season))
    if episode.number is not None:
        podcast.add("episode", str(episode.number))
    if episode.chapters:
        podcast.add("chapters", url=site.absolute(urls.episode_chapters(site, episode)), type=CHAPTERS_TYPE)
    if episode.transcript:
        for extension, kind in TRANSCRIPT_FORMATS.items():
            podcast.add(
                "transcript",
                url=site.absolute(urls.episode_transcript(site, episode, extension)),
                type=kind.mime_type, language=show.language, rel="captions" if kind.timed else None,
            )
    for credit in episode_people(catalog, episode):
        _add_person(podcast, catalog, credit)


def episode_people(catalog: Catalog, episode: Episode) -> tuple[Credit, ...]:
    """The people of an episode for apps: item-level persons replace the channel's, so the hosts
    are restated on every episode that names anyone (unless the episode names them itself)."""
    if not episode.people:
        return ()
    named = {credit.person_id for credit in episode.people}
    return tuple(h for h in catalog.show.hosts if h.person_id not in named) + episode.people
