"""The site plan, engine-independent: which pages exist, in which order, with which data."""

from __future__ import annotations

from conftest import edit_front_matter, load, plan_of


def plan(project):
    loaded = load(project)
    assert loaded.catalog is not None, [str(p) for p in loaded.problems.items]
    return plan_of(loaded.catalog)


def test_pages_media_and_feed_are_planned(project):
    site = plan(project)
    uris = {p.src_uri: p.template for p in site.pages}
    assert uris["podcast/index.md"] == "podcast.html"
    assert uris["podcast/01-primo.md"] == "episode.html"
    assert uris["persone/mario-rossi.md"] == "person.html"
    assert uris["storie/prima-storia.md"] == "story.html"
    assert uris["storie/temi/ambiente.md"] == "stories.html"
    media = {m.dest_uri: m.source for m in site.media}
    assert set(media) == {
        "podcast/copertina.jpg", "podcast/copertina-360.jpg",
        "podcast/01-primo/01-primo.mp3", "podcast/02-secondo/02-secondo.m4a",
    }
    assert media["podcast/copertina.jpg"] == project / "episodes/copertina.jpg"
    # Pages show a small copy of the artwork; apps get the full one.
    from PIL import Image

    with Image.open(media["podcast/copertina-360.jpg"]) as small:
        assert small.size == (360, 360) and small.format == "JPEG"
    # Audio is published from its tagged copy in the cache, never from the file staff dropped in.
    assert media["podcast/01-primo/01-primo.mp3"].parent == project / ".cache/reset-stories/published"
    assert site.uploads == ()
    # Staff pages keep their text (markdown None); generated pages bring their own.
    assert site.page("persone/mario-rossi.md").markdown is None
    assert site.page("podcast/01-primo.md").markdown.startswith("## Note dell'episodio\n\nLe note del **primo** episodio")
    assert site.feed.startswith(b"<?xml")
    assert site.file("_headers").content == b"/feed.xml\n  Access-Control-Allow-Origin: *\n/podcast/*\n  Access-Control-Allow-Origin: *\n"


def test_serial_shows_list_episodes_in_order(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("explicit: false", "explicit: false\n        type: serial"), encoding="utf-8")
    edit_front_matter(project / "episodes/01-primo.md", number=2)
    edit_front_matter(project / "episodes/02-secondo.md", number=1)
    titles = [e["title"] for e in plan(project).page("podcast/index.md").context["episodes"]]
    assert titles == ["Il secondo episodio", "Il primo episodio"]  # by number, not by date
    edit_front_matter(project / "episodes/01-primo.md", number=1)
    edit_front_matter(project / "episodes/02-secondo.md", number=2)
    titles = [e["title"] for e in plan(project).page("podcast/index.md").context["episodes"]]
    assert titles == ["Il primo episodio", "Il secondo episodio"]


def test_episodic_shows_list_newest_first(project):
    titles = [e["title"] for e in plan(project).page("podcast/index.md").context["episodes"]]
    assert titles == ["Il secondo episodio", "Il primo episodio"]


def test_a_staff_written_section_page_is_kept_as_introduction(project):
    (project / "content/podcast").mkdir()
    (project / "content/podcast/index.md").write_text("Benvenuti nel podcast.\n", encoding="utf-8")
    page = plan(project).page("podcast/index.md")
    assert page.markdown is None  # the staff text stays; the template adds the list
    assert page.title is None
    assert len(page.context["episodes"]) == 2
