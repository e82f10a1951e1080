"""The podcast feed: RSS 2.0 with Apple's iTunes namespace, written with feedgen.

RSS and iTunes tag names live here and nowhere else. Two feedgen 1.0 traps are avoided on
purpose: the channel ``<link>`` is the *last* link added (so the self link goes first), and the
second positional argument of ``itunes_category()`` is ``replace`` (so keywords are used).
feedgen 1.0 only knows yes/no/clean for ``itunes:explicit``; Apple now wants true/false, which
:class:`AppleExtension` writes through feedgen's extension mechanism.
"""

from __future__ import annotations

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from . import layout
from .model import Catalog, Episode
from .notes import render_notes

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
GENERATOR = "reset-stories"


class AppleExtension(BaseExtension):
    """Channel-level Apple tags that feedgen's podcast extension writes wrongly or not at all."""

    def __init__(self) -> None:
        self._explicit: bool | None = None

    def explicit(self, value: bool) -> None:
        self._explicit = value

    def extend_ns(self) -> dict[str, str]:
        return {"itunes": ITUNES_NS}

    def extend_rss(self, feed):
        _append_explicit(feed[0], self._explicit)
        return feed


class AppleEntryExtension(BaseEntryExtension):
    """Item-level counterpart of :class:`AppleExtension`."""

    def __init__(self) -> None:
        self._explicit: bool | None = None

    def explicit(self, value: bool) -> None:
        self._explicit = value

    def extend_rss(self, item):
        _append_explicit(item, self._explicit)
        return item


def _append_explicit(parent, value: bool | None) -> None:
    if value is not None:
        xml_elem(f"{{{ITUNES_NS}}}explicit", parent).text = "true" if value else "false"


def feed_url(catalog: Catalog) -> str:
    return catalog.site.absolute(catalog.site.feed_uri)


def build_feed(catalog: Catalog) -> bytes:
    """The feed of the catalogue's published episodes, newest first, as UTF-8 bytes."""
    site, show = catalog.site, catalog.show
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("apple", AppleExtension, AppleEntryExtension)

    artwork = site.absolute(layout.show_artwork(site, show))
    podcast_page = site.absolute(site.page_url(site.podcast_index_uri))
    fg.title(show.title)
    fg.description(show.description)
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
    fg.apple.explicit(show.explicit)

    for episode in catalog.episodes:
        _add_item(fg, catalog, episode)
    return fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)


def _add_item(fg: FeedGenerator, catalog: Catalog, episode: Episode) -> None:
    site = catalog.site
    assert episode.audio is not None
    page_url = site.absolute(site.page_url(layout.episode_page(site, episode)))
    fe = fg.add_entry(order="append")
    fe.title(episode.title)
    fe.guid(episode.guid, permalink=False)
    fe.link(href=page_url)
    fe.pubDate(episode.date)
    fe.description(episode.summary)
    notes = render_notes(episode.notes, site, layout.episode_page(site, episode))
    if notes:
        # lxml refuses "]]>" inside CDATA; such notes go out escaped instead, which readers treat the same.
        fe.content(notes, type="CDATA" if "]]>" not in notes else None)
    fe.enclosure(
        url=site.absolute(layout.episode_audio(site, episode)),
        length=str(episode.audio.size),
        type=episode.audio.mime_type,
    )
    fe.podcast.itunes_duration(round(episode.audio.duration))
    fe.podcast.itunes_episode_type(episode.type.value)
    if episode.number is not None:
        fe.podcast.itunes_episode(episode.number)
    if episode.season is not None:
        fe.podcast.itunes_season(episode.season)
    image = layout.episode_image(site, episode)
    if image:
        fe.podcast.itunes_image(site.absolute(image))
    fe.apple.explicit(catalog.show.explicit if episode.explicit is None else episode.explicit)
