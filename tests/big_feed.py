"""A large, realistic feed for the importer's benchmark and its scale test (no files behind it)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from lxml import etree

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
CONTENT = "http://purl.org/rss/1.0/modules/content/"


def big_feed(items: int) -> bytes:
    """An RSS feed of ``items`` episodes with HTML show notes, numbers and durations, newest first."""
    rss = etree.Element("rss", nsmap={"itunes": ITUNES, "content": CONTENT}, version="2.0")
    channel = etree.SubElement(rss, "channel")
    etree.SubElement(channel, "title").text = "Un podcast lungo"
    etree.SubElement(channel, "description").text = "Mille episodi."
    etree.SubElement(channel, f"{{{ITUNES}}}author").text = "Redazione"
    etree.SubElement(channel, f"{{{ITUNES}}}category", text="Arts")
    start = datetime(2010, 1, 4, 8, 0, tzinfo=UTC)
    for number in range(items, 0, -1):
        item = etree.SubElement(channel, "item")
        etree.SubElement(item, "title").text = f"Puntata {number}: storie &amp; persone"
        etree.SubElement(item, "guid", isPermaLink="false").text = f"big-{number:05d}"
        etree.SubElement(item, "pubDate").text = format_datetime(start + timedelta(days=7 * number))
        etree.SubElement(item, "enclosure", url=f"https://media.example.org/{number}.mp3", length=str(1_000_000 + number), type="audio/mpeg")
        etree.SubElement(item, "description").text = f"La puntata numero {number}."
        etree.SubElement(item, f"{{{CONTENT}}}encoded").text = etree.CDATA(
            f"<p>La puntata <strong>{number}</strong>, con <a href='https://www.example.org/{number}'>un link</a>.</p>"
            "<ul><li>uno</li><li>due</li></ul>" * 3
        )
        etree.SubElement(item, f"{{{ITUNES}}}episode").text = str(number)
        etree.SubElement(item, f"{{{ITUNES}}}duration").text = "00:30:00"
    return etree.tostring(rss, xml_declaration=True, encoding="UTF-8")
