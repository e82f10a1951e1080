"""The feed, built by the core from a real project, read back with XPath and real client parsers."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import podcastparser
from conftest import DATA, LATER, ROME, edit_front_matter, load, published_media
from conftest import feed_of as catalog_feed
from lxml import etree
from lxml import html as lxml_html

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
}


def feed_of(project: Path, now: datetime = LATER) -> bytes:
    loaded = load(project, now)
    assert loaded.catalog is not None, [str(p) for p in loaded.problems.items]
    return catalog_feed(loaded.catalog)


def published_size(project: Path, slug: str) -> int:
    catalog = load(project).catalog
    return published_media(catalog).enclosure(catalog.episode(slug)).path.stat().st_size


def xml(feed: bytes):
    return etree.fromstring(feed)


def test_channel(project):
    channel = xml(feed_of(project)).find("channel")
    assert channel.findtext("title") == "Voci di prova"
    # feedgen takes the channel <link> from the last link() call: it must be the podcast page, not the feed.
    assert channel.findtext("link") == "https://podcast.example.org/podcast/"
    [self_link] = channel.findall("atom:link", NS)
    assert self_link.get("rel") == "self"
    assert self_link.get("href") == "https://podcast.example.org/feed.xml"
    assert channel.findtext("language") == "it"
    assert channel.findtext("copyright") == "© Ente di prova"
    assert channel.findtext("itunes:author", namespaces=NS) == "Ente di prova"
    assert channel.findtext("itunes:owner/itunes:email", namespaces=NS) == "stampa@example.org"
    assert channel.findtext("itunes:owner/itunes:name", namespaces=NS) == "Ufficio stampa"
    assert channel.find("itunes:image", NS).get("href") == "https://podcast.example.org/podcast/copertina.jpg"
    assert channel.findtext("image/url") == "https://podcast.example.org/podcast/copertina.jpg"
    assert channel.findtext("image/link") == "https://podcast.example.org/podcast/"
    assert channel.findtext("itunes:type", namespaces=NS) == "episodic"
    # The subcategory survives (feedgen's second positional argument is `replace`, not the subcategory).
    [category] = channel.findall("itunes:category", NS)
    assert category.get("text") == "Society & Culture"
    assert [c.get("text") for c in category.findall("itunes:category", NS)] == ["Documentary"]
    # Apple's current values, not feedgen's yes/no.
    assert channel.xpath("itunes:explicit/text()", namespaces=NS) == ["false"]
    # No build clock: the feed changed when its newest episode was published.
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")) == datetime(2024, 2, 20, 18, 30, tzinfo=ROME)


def test_items_newest_first_with_exact_facts(project):
    channel = xml(feed_of(project)).find("channel")
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["Il secondo episodio", "Il primo episodio"]
    second, first = items
    guid = second.find("guid")
    assert guid.text == "5f1d3b2a-0000-4000-8000-000000000002" and guid.get("isPermaLink") == "false"
    assert second.findtext("link") == "https://podcast.example.org/podcast/02-secondo/"
    enclosure = second.find("enclosure")
    assert enclosure.get("url") == "https://podcast.example.org/podcast/02-secondo/02-secondo.m4a"
    # The length is the published file's: the tagged copy, not the source staff dropped in.
    assert enclosure.get("length") == str(published_size(project, "02-secondo"))
    assert published_size(project, "02-secondo") > (project / "episodes/audio/02-secondo.m4a").stat().st_size
    assert enclosure.get("type") == "audio/x-m4a"
    assert first.find("enclosure").get("type") == "audio/mpeg"
    assert first.findtext("itunes:duration", namespaces=NS) == "3"
    assert second.findtext("itunes:duration", namespaces=NS) == "2"
    assert parsedate_to_datetime(second.findtext("pubDate")) == datetime(2024, 2, 20, 18, 30, tzinfo=ROME)
    assert second.findtext("pubDate") == "Tue, 20 Feb 2024 18:30:00 +0100"
    assert second.findtext("itunes:episode", namespaces=NS) == "2"
    assert second.findtext("itunes:episodeType", namespaces=NS) == "full"
    assert second.xpath("itunes:explicit/text()", namespaces=NS) == ["false"]
    assert second.findtext("description") == "<p>Il secondo episodio di prova.</p><p>Le note del secondo episodio.</p>"


def test_show_notes_are_html_in_cdata_with_absolute_links(project):
    episode = project / "episodes/01-primo.md"
    episode.write_text(
        episode.read_text(encoding="utf-8") + "\nVedi [la storia](../storie/prima-storia.md) e [il sito](/chi-siamo/).\n",
        encoding="utf-8",
    )
    feed = feed_of(project)
    assert b"<content:encoded><![CDATA[<p>Le note del <strong>primo</strong> episodio" in feed
    item = xml(feed).find("channel/item[2]")
    html = item.findtext("content:encoded", namespaces=NS)
    assert 'href="https://example.org/"' in html
    assert 'href="https://podcast.example.org/storie/prima-storia/"' in html
    assert 'href="https://podcast.example.org/chi-siamo/"' in html


def test_drafts_and_future_episodes_stay_out(project):
    edit_front_matter(project / "episodes/01-primo.md", draft=True)
    feed = feed_of(project)
    assert [i.findtext("title") for i in xml(feed).findall("channel/item")] == ["Il secondo episodio"]
    feed = feed_of(project, now=datetime(2024, 2, 20, 18, 29, tzinfo=ROME))
    assert xml(feed).findall("channel/item") == []
    feed = feed_of(project, now=datetime(2024, 2, 20, 18, 30, tzinfo=ROME))
    assert len(xml(feed).findall("channel/item")) == 1


def test_explicit_per_episode_and_serial_show(project):
    edit_front_matter(project / "episodes/02-secondo.md", explicit=True, type="bonus", season=2)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("explicit: false", "explicit: false\n        type: serial"), encoding="utf-8")
    channel = xml(feed_of(project)).find("channel")
    assert channel.findtext("itunes:type", namespaces=NS) == "serial"
    second, first = channel.findall("item")
    assert second.xpath("itunes:explicit/text()", namespaces=NS) == ["true"]
    assert first.xpath("itunes:explicit/text()", namespaces=NS) == ["false"]
    assert second.findtext("itunes:episodeType", namespaces=NS) == "bonus"
    assert second.findtext("itunes:season", namespaces=NS) == "2"


def test_markup_in_titles_and_summaries_is_text(project):
    hostile = 'Tom & Jerry <script>alert("x")</script> \'ciao\''
    edit_front_matter(project / "episodes/01-primo.md", title=hostile, summary=hostile)
    feed = feed_of(project)
    assert b"<script>" not in feed
    assert b"&amp;amp;" not in feed  # escaped once, not twice
    item = xml(feed).find("channel/item[2]")
    assert item.findtext("title") == hostile
    # The description is HTML in CDATA: the summary is its first paragraph, as text.
    description = lxml_html.fragment_fromstring(item.findtext("description"), create_parent="div")
    assert description.findtext("p") == hostile
    assert description.find(".//script") is None
    parsed = podcastparser.parse("https://podcast.example.org/feed.xml", io.BytesIO(feed))
    assert parsed["episodes"][1]["title"] == hostile


def test_notes_containing_the_cdata_terminator_stay_well_formed(project):
    episode = project / "episodes/01-primo.md"
    episode.write_text(episode.read_text(encoding="utf-8") + "\nUn codice: `a]]>b`.\n", encoding="utf-8")
    item = xml(feed_of(project)).find("channel/item[2]")
    assert "a]]&gt;b" in item.findtext("content:encoded", namespaces=NS)


def test_real_client_parsers_read_every_episode(project):
    feed = feed_of(project)
    parsed = podcastparser.parse("https://podcast.example.org/feed.xml", io.BytesIO(feed))
    assert parsed["title"] == "Voci di prova"
    assert parsed["link"] == "https://podcast.example.org/podcast/"
    assert parsed["cover_url"] == "https://podcast.example.org/podcast/copertina.jpg"
    assert [e["guid"] for e in parsed["episodes"]] == ["5f1d3b2a-0000-4000-8000-000000000002", "5f1d3b2a-0000-4000-8000-000000000001"]
    first = parsed["episodes"][1]
    [enclosure] = first["enclosures"]
    assert enclosure["file_size"] == published_size(project, "01-primo")
    assert enclosure["mime_type"] == "audio/mpeg"
    assert first["total_time"] == 3
    assert first["published"] == int(datetime(2024, 1, 15, tzinfo=ROME).timestamp())

    doc = feedparser.parse(feed)
    assert not doc.bozo, doc.get("bozo_exception")
    assert doc.feed.title == "Voci di prova"
    assert not doc.feed.itunes_explicit  # feedparser maps only "yes" to True; "false" reads as not explicit
    entries = doc.entries
    assert [e.id for e in entries] == [e["guid"] for e in parsed["episodes"]]
    assert entries[0].enclosures[0]["length"] == str(published_size(project, "02-secondo"))
    assert entries[0].itunes_duration == "2"


def test_rfc2822_dates_are_english_under_an_italian_locale(project, tmp_path):
    # Build a real it_IT.UTF-8 locale in a private folder (no root needed), then build the feed under it.
    locales = tmp_path / "locales"
    locales.mkdir()
    subprocess.run(["localedef", "-i", "it_IT", "-f", "UTF-8", str(locales / "it_IT.UTF-8")], check=True, capture_output=True)
    script = (
        "import locale, sys; locale.setlocale(locale.LC_ALL, '');"
        "import datetime; print(datetime.date(2024, 2, 20).strftime('%a %b'), file=sys.stderr);"
        "from conftest import load, feed_of;"
        f"sys.stdout.buffer.write(feed_of(load(__import__('pathlib').Path({str(project)!r})).catalog))"
    )
    env = {**os.environ, "LOCPATH": str(locales), "LC_ALL": "it_IT.UTF-8", "PYTHONPATH": str(Path(__file__).parent)}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, check=True)
    assert result.stderr.decode().strip() == "mar feb"  # the locale really is Italian in that process
    pub_dates = xml(result.stdout).xpath("channel/item/pubDate/text()")
    assert pub_dates == ["Tue, 20 Feb 2024 18:30:00 +0100", "Mon, 15 Jan 2024 00:00:00 +0100"]


def test_episode_image_and_non_ascii_file_names(project):
    import shutil

    shutil.copy(DATA / "cover.jpg", project / "episodes/Immagine Città.JPG")
    (project / "episodes/01-primo.md").rename(project / "episodes/01 Città è bella.md")
    edit_front_matter(project / "episodes/01 Città è bella.md", image="Immagine Città.JPG")
    item = xml(feed_of(project)).find("channel/item[2]")
    enclosure = item.find("enclosure").get("url")
    assert enclosure == "https://podcast.example.org/podcast/01-citta-e-bella/01-citta-e-bella.mp3"
    assert item.findtext("link") == "https://podcast.example.org/podcast/01-citta-e-bella/"
    # Apple wants .jpg or .png at the end of the URL; the name is ASCII, from the source file's name.
    assert item.find("itunes:image", NS).get("href") == "https://podcast.example.org/podcast/01-citta-e-bella/immagine-citta.jpg"
