"""The RESET demo, built by the README's own command path, and its feed as podcast apps read it."""

from __future__ import annotations

import io
from datetime import datetime, time
from pathlib import Path

import feedparser
import frontmatter
import mutagen
import podcastparser
import pytest
from conftest import REPO, ROME, copy_project, run_cli
from lxml import html as lxml_html

from reset_stories.media.tagging import audio_span

FEED_URL = "https://reset.example.org/feed.xml"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, Path]:
    project = copy_project(REPO, tmp_path_factory.mktemp("demo") / "project")
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return project, project / "site"


def demo_episodes() -> list[tuple[Path, dict]]:
    """Every demo episode's front matter, read independently of the package."""
    return [(p, frontmatter.load(p).metadata) for p in sorted((REPO / "episodes").glob("*.md"))]


def test_demo_has_the_four_episodes_of_the_seed():
    episodes = demo_episodes()
    assert len(episodes) == 4
    reset = dict(episodes)[REPO / "episodes/04-reset.md"]
    assert {p["id"] for p in reset["people"]} == {"francesca-lazzeroni", "aldo-buzio", "miriam-grottanelli-de-santi"}


def test_feed_matches_every_episode_for_podcastparser(demo):
    _project, site = demo
    feed = (site / "feed.xml").read_bytes()
    parsed = podcastparser.parse(FEED_URL, io.BytesIO(feed))
    assert parsed["title"] == "Un Palazzo, una Città, un Territorio"
    by_guid = {e["guid"]: e for e in parsed["episodes"]}
    episodes = demo_episodes()
    assert len(by_guid) == len(episodes)
    for path, meta in episodes:
        item = by_guid[meta["guid"]]
        source_audio = path.parent / meta["audio"]
        [enclosure] = item["enclosures"]
        published = site / enclosure["url"].removeprefix("https://reset.example.org/")
        assert enclosure["file_size"] == published.stat().st_size
        # The published file is the source with tags: the audio itself is the same, byte for byte.
        start, end = audio_span(source_audio)
        tagged_start, tagged_end = audio_span(published)
        assert published.read_bytes()[tagged_start:tagged_end] == source_audio.read_bytes()[start:end]
        assert enclosure["mime_type"] == "audio/mpeg"
        assert enclosure["url"].isascii()
        assert item["total_time"] == round(mutagen.File(source_audio).info.length)
        expected_date = datetime.combine(meta["date"], time(), tzinfo=ROME)
        assert item["published"] == int(expected_date.timestamp())
        assert item["title"] == meta["title"]
        assert item["number"] == meta["number"]
    # Newest first.
    assert [e["published"] for e in parsed["episodes"]] == sorted((e["published"] for e in parsed["episodes"]), reverse=True)


def test_feed_matches_every_episode_for_feedparser(demo):
    _, site = demo
    doc = feedparser.parse((site / "feed.xml").read_bytes())
    assert not doc.bozo, doc.get("bozo_exception")
    assert doc.feed.language == "it"
    assert doc.feed.link == "https://reset.example.org/podcast/"
    by_id = {e.id: e for e in doc.entries}
    for path, meta in demo_episodes():
        entry = by_id[meta["guid"]]
        [enclosure] = entry.enclosures
        assert int(enclosure["length"]) == (site / enclosure["href"].removeprefix("https://reset.example.org/")).stat().st_size
        assert enclosure["type"] == "audio/mpeg"
        assert entry.itunes_duration == str(round(mutagen.File(path.parent / meta["audio"]).info.length))
        assert entry.published.endswith("+0200") or entry.published.endswith("+0100")


def test_reset_episode_page_shows_its_three_voices(demo):
    _, site = demo
    doc = lxml_html.fromstring((site / "podcast/04-reset/index.html").read_bytes())
    names = [a.text_content().strip() for a in doc.xpath("//a[contains(@class,'rs-person__name')]")]
    assert names == ["Francesca Lazzeroni", "Aldo Buzio", "Miriam Grottanelli De Santi"]
    text = doc.text_content()
    assert "AMAT" in text and "Ideazione" in text and "Siena Art Institute" in text
    assert "segnaposto" in text.lower()  # the placeholder audio says what it is


def test_demo_artwork_is_fit_for_apple(demo):
    from PIL import Image

    _, site = demo
    with Image.open(site / "podcast/copertina.jpg") as image:
        assert image.format == "JPEG" and image.mode == "RGB"
        assert image.width == image.height and 1400 <= image.width <= 3000


def test_demo_site_sections(demo):
    _, site = demo
    for path in ("index.html", "programma/index.html", "podcast/index.html", "storie/index.html",
                 "persone/index.html", "storie/temi/turismo-culturale/index.html"):
        assert (site / path).is_file(), path
    home = lxml_html.fromstring((site / "index.html").read_bytes())
    assert home.get("lang") == "it"
    # No Google Fonts: the demo asks no other host for anything at load time.
    assert not home.xpath("//link[contains(@href, 'fonts.googleapis') or contains(@href, 'fonts.gstatic')]")


def test_reset_episode_has_chapters_transcript_and_its_people_in_the_feed(demo):
    import json

    from lxml import etree

    _, site = demo
    ns = {"podcast": "https://podcastindex.org/namespace/1.0"}
    channel = etree.fromstring((site / "feed.xml").read_bytes()).find("channel")
    assert channel.findtext("podcast:guid", namespaces=ns) == "15e53c2d-a364-5795-82c7-05e6231a7096"
    location = channel.find("podcast:location", ns)
    assert (location.text, location.get("country")) == ("Siena", "IT")
    item = next(i for i in channel.findall("item") if i.findtext("link").endswith("/podcast/04-reset/"))
    assert [p.text for p in item.findall("podcast:person", ns)] == ["Francesca Lazzeroni", "Aldo Buzio", "Miriam Grottanelli De Santi"]
    chapters_url = item.find("podcast:chapters", ns).get("url")
    chapters = json.loads((site / chapters_url.removeprefix("https://reset.example.org/")).read_text(encoding="utf-8"))["chapters"]
    testimonies = [c["title"] for c in chapters if c["title"].startswith("Testimonianza")]
    assert testimonies == [
        "Testimonianza di Francesca Lazzeroni (AMAT)",
        "Testimonianza di Aldo Buzio (Ideazione)",
        "Testimonianza di Miriam Grottanelli De Santi (Siena Art Institute)",
    ]
    transcripts = {t.get("type") for t in item.findall("podcast:transcript", ns)}
    assert transcripts == {"text/vtt", "application/x-subrip", "application/json", "text/html"}
    # The transcript matches the placeholder audio: each testimony's cue starts inside its chapter.
    from reset_stories.content.transcripts import parse_cues

    cues = parse_cues((site / "podcast/04-reset/04-reset.vtt").read_text(encoding="utf-8"))
    duration = mutagen.File(REPO / "episodes/audio/04-reset.mp3").info.length
    assert cues[-1].end <= duration
    for chapter in chapters[1:4]:
        cue = next(c for c in cues if c.start >= chapter["startTime"])
        assert cue.text.startswith(chapter["title"].split(" (")[0])


def test_published_demo_mp3s_carry_their_tags(demo):
    from mutagen.id3 import ID3

    _, site = demo
    for path, meta in demo_episodes():
        slug = path.stem
        tags = ID3(site / f"podcast/{slug}/{slug}.mp3")
        assert str(tags["TIT2"]) == meta["title"]
        assert str(tags["TALB"]) == "Un Palazzo, una Città, un Territorio"
        assert str(tags["TPE1"]) == "Fondazione Monte dei Paschi di Siena"
        assert str(tags["TRCK"]) == str(meta["number"])
        assert tags.getall("WXXX")[0].url == f"https://reset.example.org/podcast/{slug}/"
        assert tags.getall("APIC")[0].data == (REPO / "episodes/copertina.jpg").read_bytes()
    reset = ID3(site / "podcast/04-reset/04-reset.mp3")
    titles = [str(c.sub_frames["TIT2"]) for c in sorted(reset.getall("CHAP"), key=lambda c: c.start_time)]
    assert titles[1:4] == [
        "Testimonianza di Francesca Lazzeroni (AMAT)",
        "Testimonianza di Aldo Buzio (Ideazione)",
        "Testimonianza di Miriam Grottanelli De Santi (Siena Art Institute)",
    ]
