"""feedgen extensions for what feedgen 1.0 lacks or gets wrong.

feedgen's own podcast extension writes itunes:explicit only as yes/no/clean (Apple now wants
true/false) and knows nothing of the Podcasting 2.0 namespace. These classes plug into
feedgen's extension mechanism (``register_extension``) instead of patching its output.
"""

from __future__ import annotations

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.util import xml_elem
from lxml import etree

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"


class AppleExtension(BaseExtension):
    """Channel: itunes:explicit as true/false, itunes:complete; the description as CDATA."""

    def __init__(self) -> None:
        self._explicit: bool | None = None
        self._complete = False

    def explicit(self, value: bool) -> None:
        self._explicit = value

    def complete(self, value: bool) -> None:
        self._complete = value

    def extend_ns(self) -> dict[str, str]:
        return {"itunes": ITUNES_NS}

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        channel = feed[0]
        _append_explicit(channel, self._explicit)
        if self._complete:
            xml_elem(f"{{{ITUNES_NS}}}complete", channel).text = "Yes"
        _description_as_cdata(channel)
        return feed


class AppleEntryExtension(BaseEntryExtension):
    """Item: itunes:explicit as true/false; the description as CDATA, like content:encoded.

    The description holds HTML (Apple's allow-list): in CDATA it is escaped once, as HTML, not a
    second time as XML text.
    """

    def __init__(self) -> None:
        self._explicit: bool | None = None

    def explicit(self, value: bool) -> None:
        self._explicit = value

    def extend_rss(self, item: etree._Element) -> etree._Element:
        _append_explicit(item, self._explicit)
        _description_as_cdata(item)
        return item


def _description_as_cdata(parent: etree._Element) -> None:
    """The description holds HTML: in CDATA it is escaped once, as HTML, not a second time as XML
    text. lxml refuses "]]>" in CDATA: such a description stays escaped, which readers treat alike."""
    description = parent.find("description")
    if description is not None and description.text and "]]>" not in description.text:
        description.text = etree.CDATA(description.text)


def _append_explicit(parent: etree._Element, value: bool | None) -> None:
    if value is not None:
        xml_elem(f"{{{ITUNES_NS}}}explicit", parent).text = "true" if value else "false"


class _PodcastElements:
    """Podcasting 2.0 elements to append, in the order they were added."""

    def __init__(self) -> None:
        self._elements: list[tuple[str, str | None, dict[str, str]]] = []

    def add(self, tag: str, text: str | None = None, **attributes: str | None) -> None:
        self._elements.append((tag, text, {k: v for k, v in attributes.items() if v is not None}))

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def _append_to(self, parent: etree._Element) -> None:
        for tag, text, attributes in self._elements:
            element = xml_elem(f"{{{PODCAST_NS}}}{tag}", parent)
            for name, value in attributes.items():
                element.set(name, value)
            element.text = text


class PodcastExtension(_PodcastElements, BaseExtension):
    """Channel-level Podcasting 2.0 elements (podcast:guid, podcast:person, …)."""

    def extend_rss(self, feed: etree._Element) -> etree._Element:
        self._append_to(feed[0])
        return feed


class PodcastEntryExtension(_PodcastElements, BaseEntryExtension):
    """Item-level Podcasting 2.0 elements (podcast:chapters, podcast:transcript, …)."""

    def extend_rss(self, item: etree._Element) -> etree._Element:
        self._append_to(item)
        return item
