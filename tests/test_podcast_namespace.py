"""The Podcasting 2.0 namespace and Apple's descriptions, in feeds built from real projects."""

from __future__ import annotations

import json
from email.utils import parsedate_to_datetime

import pytest
from conftest import (
    DATA,
    LATER,
    edit_front_matter,
    edit_podcast_settings,
    feed_of,
    load,
    plan_of,
    published_media,
)
from lxml import etree
from lxml import html as lxml_html

from reset_stories.content.settings import podcast_guid
from reset_stories.feed.descriptions import apple_description
from reset_stories.model import Chapter

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
}
SITE = "https://podcast.example.org/"


def catalog_of(project):
    loaded = load(project, LATER)
    assert loaded.catalog is not None, [str(p) for p in loaded.problems.items]
    return loaded.catalog


def channel_of(project):
    return etree.fromstring(feed_of(catalog_of(project))).find("channel")


def test_podcast_guid_follows_the_spec():
    # The spec's own examples.
    assert podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml") == "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    assert podcast_guid("http://podnews.net/rss/") == "9b024349-ccf0-5f69-a609-6b82873eab3c"
    assert podcast_guid("https://podnews.net/rss") == podcast_guid("podnews.net/rss")


def test_the_stored_guid_is_used_even_after_a_domain_move(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(SITE, "https://nuovo.example.org/"), encoding="utf-8")
    channel = channel_of(project)
    assert channel.findtext("podcast:guid", namespaces=NS) == "375e050f-7f52-5e9b-9cfc-9414515d1a5b"
    assert podcast_guid("https://nuovo.example.org/feed.xml") != "375e050f-7f52-5e9b-9cfc-9414515d1a5b"


def test_a_missing_guid_is_an_error_that_gives_the_value_to_store(project):
    edit_podcast_settings(project, guid=None)
    loaded = load(project)
    assert loaded.catalog is None
    [problem] = loaded.problems.errors
    assert (problem.path, problem.field) == ("mkdocs.yml", "podcast.guid")
    assert f"«guid: {podcast_guid(SITE + 'feed.xml')}»" in problem.message


def test_channel_elements(project):
    edit_podcast_settings(
        project,
        locked=True,
        location={"name": "Siena", "country": "it", "geo": "geo:43.3188,11.3308", "osm": "R41950", "rel": "subject"},
        license="CC-BY-4.0",
        funding=[{"url": "https://example.org/sostieni", "text": "Sostieni il podcast"}],
        complete=True,
        new_feed_url="https://nuovo.example.org/feed.xml",
    )
    channel = channel_of(project)
    locked = channel.find("podcast:locked", NS)
    assert (locked.text, locked.get("owner")) == ("yes", "stampa@example.org")
    location = channel.find("podcast:location", NS)
    assert location.text == "Siena"
    assert dict(location.attrib) == {"rel": "subject", "geo": "geo:43.3188,11.3308", "osm": "R41950", "country": "IT"}
    assert channel.findtext("podcast:license", namespaces=NS) == "CC-BY-4.0"
    funding = channel.find("podcast:funding", NS)
    assert (funding.text, funding.get("url")) == ("Sostieni il podcast", "https://example.org/sostieni")
    assert channel.find("podcast:updateFrequency", NS).get("complete") == "true"
    assert channel.findtext("itunes:complete", namespaces=NS) == "Yes"
    assert channel.findtext("itunes:new-feed-url", namespaces=NS) == "https://nuovo.example.org/feed.xml"
    # The hosts, at channel level, linked to their pages.
    [host] = channel.findall("podcast:person", NS)
    assert host.text == "Anna Bianchi"
    assert (host.get("role"), host.get("group"), host.get("href")) == ("host", "cast", SITE + "persone/anna-bianchi/")


def test_optional_channel_elements_are_left_out(project):
    channel = channel_of(project)
    for tag in ("locked", "location", "license", "funding", "updateFrequency", "trailer"):
        assert channel.find(f"podcast:{tag}", NS) is None, tag
    assert channel.find("itunes:complete", NS) is None


def test_item_people_restate_the_hosts(project):
    # Item-level persons replace the channel's in apps: an episode naming a guest restates the host.
    edit_front_matter(project / "episodes/02-secondo.md", people=["mario-rossi"])
    channel = channel_of(project)
    second, first = channel.findall("item")
    people = [(p.text, p.get("role")) for p in second.findall("podcast:person", NS)]
    assert people == [("Anna Bianchi", "host"), ("Mario Rossi", "guest")]
    # An episode that names the host itself does not repeat her.
    assert [(p.text, p.get("role")) for p in first.findall("podcast:person", NS)] == [("Anna Bianchi", "host")]


def test_italian_role_names_are_written_in_english_in_the_feed(project):
    edit_front_matter(project / "episodes/02-secondo.md", people=[{"id": "mario-rossi", "role": "Regista"}])
    edit_podcast_settings(project, hosts=[{"id": "anna-bianchi", "role": "conduttrice"}])
    channel = channel_of(project)
    second = channel.findall("item")[0]
    people = [(p.text, p.get("role"), p.get("group")) for p in second.findall("podcast:person", NS)]
    assert people == [("Anna Bianchi", "host", "cast"), ("Mario Rossi", "director", "creative direction")]


def test_item_chapters_transcripts_season_episode(project):
    catalog = catalog_of(project)
    plan = plan_of(catalog)
    item = etree.fromstring(plan.feed).find("channel/item[2]")
    assert item.findtext("podcast:episode", namespaces=NS) == "1"
    chapters = item.find("podcast:chapters", NS)
    assert chapters.get("type") == "application/json+chapters"
    url = chapters.get("url")
    assert url == SITE + "podcast/01-primo/01-primo.chapters.json"
    document = json.loads(plan.file(url.removeprefix(SITE)).content)
    assert document["version"] == "1.2.0"
    assert [(c["startTime"], c["title"]) for c in document["chapters"]] == [(0, "Apertura"), (1.5, "La risposta di Mario")]
    transcripts = {t.get("type"): t for t in item.findall("podcast:transcript", NS)}
    assert set(transcripts) == {"text/vtt", "application/x-subrip", "application/json", "text/html"}
    for transcript in transcripts.values():
        assert transcript.get("language") == "it"
        assert plan.file(transcript.get("url").removeprefix(SITE)) is not None
    assert transcripts["text/vtt"].get("rel") == "captions"
    assert transcripts["text/html"].get("rel") is None
    segments = json.loads(plan.file(transcripts["application/json"].get("url").removeprefix(SITE)).content)["segments"]
    assert segments[1] == {"speaker": "Mario Rossi", "startTime": 1.5, "endTime": 2.4, "body": "Grazie, Anna."}


def test_trailer_is_announced_at_channel_level(project):
    edit_front_matter(project / "episodes/02-secondo.md", type="trailer", season=1)
    channel = channel_of(project)
    [trailer] = channel.findall("podcast:trailer", NS)
    assert trailer.text == "Il secondo episodio"
    assert trailer.get("url") == SITE + "podcast/02-secondo/02-secondo.m4a"
    catalog = catalog_of(project)
    assert trailer.get("length") == str(published_media(catalog).enclosure(catalog.episode("02-secondo")).size)
    assert (trailer.get("type"), trailer.get("season")) == ("audio/x-m4a", "1")
    assert parsedate_to_datetime(trailer.get("pubdate")).isoformat() == "2024-02-20T18:30:00+01:00"


def test_description_keeps_apples_allow_list_and_chapter_times(project):
    episode = project / "episodes/01-primo.md"
    episode.write_text(
        episode.read_text(encoding="utf-8")
        + "\n## Un titolo\n\n> Una citazione con **grassetto** e <span>HTML</span>.\n\n![foto](https://example.org/x.jpg)\n\n- uno\n- due\n",
        encoding="utf-8",
    )
    item = channel_of(project).find("item[2]")
    description = item.findtext("description")
    fragment = lxml_html.fragment_fromstring(description, create_parent="div")
    assert {e.tag for e in fragment.iter()} - {"div"} <= {"p", "ul", "ol", "li", "a"}
    paragraphs = [p.text_content() for p in fragment.findall("p")]
    assert paragraphs[0] == "Il primo episodio di prova."
    assert "Un titolo" in paragraphs  # a heading became a paragraph
    assert "Una citazione con grassetto e HTML." in paragraphs
    assert paragraphs[-2:] == ["00:00:00 Apertura", "00:00:01 La risposta di Mario"]
    assert [li.text for li in fragment.iter("li")] == ["uno", "due"]
    assert fragment.find(".//a").get("href") == "https://example.org/"


def test_description_is_cut_at_4000_bytes_on_a_tag_boundary():
    notes = "".join(f"<p>Paragrafo {n} con qualche parola accentata: è già là.</p>" for n in range(200))
    chapters = (Chapter(0, "Inizio"), Chapter(60, "Fine"))
    description = apple_description("Riassunto & co.", notes, chapters)
    assert len(description.encode("utf-8")) <= 4000
    assert description.startswith("<p>Riassunto &amp; co.</p><p>Paragrafo 0 ")
    assert description.endswith("<p>00:00:00 Inizio</p><p>00:01:00 Fine</p>")
    assert description.count("<p>") == description.count("</p>")
    assert "&amp;amp;" not in description
    long_summary = "parola " * 700
    cut = apple_description(long_summary, "", ())
    assert len(cut.encode("utf-8")) <= 4000 and cut.endswith(" …</p>")


def test_description_is_cdata_escaped_once(project):
    edit_front_matter(project / "episodes/02-secondo.md", summary="Tom & Jerry <b>")
    feed = feed_of(catalog_of(project))
    assert b"<description><![CDATA[<p>Tom &amp; Jerry &lt;b&gt;</p>" in feed


def test_episode_image_over_a_chapter_image_is_published(project):
    import shutil

    shutil.copy(DATA / "cover.jpg", project / "episodes/capitolo.jpg")
    text = (project / "episodes/01-primo.md").read_text(encoding="utf-8")
    (project / "episodes/01-primo.md").write_text(text.replace("    title: Apertura\n", "    title: Apertura\n    image: capitolo.jpg\n"), encoding="utf-8")
    plan = plan_of(catalog_of(project))
    document = json.loads(plan.file("podcast/01-primo/01-primo.chapters.json").content)
    assert document["chapters"][0]["img"] == SITE + "podcast/01-primo/capitolo.jpg"
    assert {m.dest_uri: m.source.name for m in plan.media}["podcast/01-primo/capitolo.jpg"] == "capitolo.jpg"


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("location", {"name": "Siena", "country": "Italia"}, "non è un codice di paese"),
        ("location", {"name": "Siena", "geo": "43.3, 11.3"}, "non è una posizione"),
        ("location", {"country": "IT"}, "podcast.location.name: manca"),
        ("location", "Siena", "è su una riga sola"),
        ("funding", [{"url": "https://example.org/"}], "podcast.funding.text: manca"),
        ("hosts", ["nessuno"], "«nessuno» non è tra le persone del sito"),
        ("guid", "non-un-uuid", "non è un codice UUID"),
        ("new_feed_url", "feed.xml", "non è un indirizzo web"),
    ],
)
def test_wrong_podcasting_settings(project, setting, value, message):
    edit_podcast_settings(project, **{setting: value})
    loaded = load(project)
    assert loaded.catalog is None
    assert any(message in str(p) for p in loaded.problems.errors), [str(p) for p in loaded.problems.errors]
