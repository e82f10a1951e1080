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


PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
_SITE = "https://podcast.example.org"


def podcast_feed(items: int, *, kind: str = "episodic") -> bytes:
    """A feed of ``items`` episodes shaped like the ones reset-stories publishes, for the linter's
    benchmark and scale tests: each item has an enclosure, guid, pubDate, HTML description and
    content:encoded, iTunes fields, podcast:chapters and two podcast:person, every fifth three
    podcast:transcript. Valid: the linter finds nothing in it (no files behind its URLs)."""
    nsmap = {"itunes": ITUNES, "podcast": PODCAST, "atom": ATOM, "content": CONTENT}
    rss = etree.Element("rss", nsmap=nsmap, version="2.0")
    channel = etree.SubElement(rss, "channel")
    etree.SubElement(channel, "title").text = "Un podcast lungo"
    etree.SubElement(channel, "link").text = f"{_SITE}/podcast/"
    etree.SubElement(channel, "description").text = etree.CDATA("Diecimila episodi, uno alla settimana.")
    etree.SubElement(channel, f"{{{ATOM}}}link", href=f"{_SITE}/feed.xml", rel="self", type="application/rss+xml")
    etree.SubElement(channel, "generator").text = "reset-stories"
    etree.SubElement(channel, "language").text = "it"
    etree.SubElement(channel, "lastBuildDate").text = format_datetime(datetime(2026, 1, 5, 8, 0, tzinfo=UTC))
    etree.SubElement(channel, f"{{{ITUNES}}}author").text = "Redazione"
    category = etree.SubElement(channel, f"{{{ITUNES}}}category", text="Society & Culture")
    etree.SubElement(category, f"{{{ITUNES}}}category", text="Documentary")
    etree.SubElement(channel, f"{{{ITUNES}}}image", href=f"{_SITE}/podcast/copertina.jpg")
    etree.SubElement(channel, f"{{{ITUNES}}}type").text = kind
    etree.SubElement(channel, f"{{{ITUNES}}}explicit").text = "false"
    etree.SubElement(channel, f"{{{PODCAST}}}guid").text = "375e050f-7f52-5e9b-9cfc-9414515d1a5b"
    start = datetime(1990, 1, 4, 8, 0, tzinfo=UTC)
    for number in range(items, 0, -1):
        page = f"{_SITE}/podcast/{number:05d}/"
        item = etree.SubElement(channel, "item")
        etree.SubElement(item, "title").text = f"Puntata {number}: storie & persone"
        etree.SubElement(item, "link").text = page
        etree.SubElement(item, "description").text = etree.CDATA(
            f"<p>Il riassunto della puntata {number}.</p><ul><li>con <a href=\"https://example.org/{number}\">un link</a>;</li>"
            "<li>un secondo punto.</li></ul><p>00:00:00 Apertura</p><p>00:10:00 Il racconto</p><p>00:25:00 I saluti</p>"
        )
        etree.SubElement(item, f"{{{CONTENT}}}encoded").text = etree.CDATA(
            f"<p>Nella puntata {number} si parla di <strong>innovazione culturale</strong>.</p>\n<ul>\n"
            f"<li>con <a href=\"https://example.org/{number}\" rel=\"noopener\">un link</a>;</li>\n<li><em>in corsivo</em>.</li>\n</ul>\n"
            "<p>Un paragrafo conclusivo, abbastanza lungo da somigliare alle note vere di un episodio.</p>"
        )
        etree.SubElement(item, "guid", isPermaLink="false").text = f"00000000-0000-4000-8000-{number:012d}"
        etree.SubElement(item, "enclosure", url=f"{page}{number:05d}.mp3", length=str(20_000_000 + number), type="audio/mpeg")
        etree.SubElement(item, "pubDate").text = format_datetime(start + timedelta(days=3 * number))
        etree.SubElement(item, f"{{{ITUNES}}}duration").text = str(1500 + number % 600)
        etree.SubElement(item, f"{{{ITUNES}}}episode").text = str(number)
        etree.SubElement(item, f"{{{ITUNES}}}episodeType").text = "full"
        etree.SubElement(item, f"{{{ITUNES}}}image", href=f"{page}copertina.jpg")
        etree.SubElement(item, f"{{{ITUNES}}}explicit").text = "false"
        etree.SubElement(item, f"{{{PODCAST}}}episode").text = str(number)
        etree.SubElement(item, f"{{{PODCAST}}}chapters", url=f"{page}{number:05d}.chapters.json", type="application/json+chapters")
        if number % 5 == 0:
            for extension, mime in (("vtt", "text/vtt"), ("srt", "application/x-subrip"), ("html", "text/html")):
                etree.SubElement(item, f"{{{PODCAST}}}transcript", url=f"{page}{number:05d}.{extension}", type=mime, language="it")
        for role, person in (("host", 1 + number % 7), ("guest", 10 + number % 40)):
            etree.SubElement(
                item, f"{{{PODCAST}}}person", role=role, group="cast", href=f"{_SITE}/persone/persona-{person:03d}/",
            ).text = f"Persona Numero {person}"
    return etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True)
