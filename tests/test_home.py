"""The editorial home page, switched on by «layout: home» in content/index.md: what the plan gives
it (the latest published episode ready to play, the latest stories with their themes, the themes
into the archive, the people), sections that disappear when empty, drafts and scheduled items never
shown, lists that stay short, the switch checked; and the data that make a story play its episode.

On the plan of the base fixture and of a synthetic corpus, and through the real `check` and
`build` commands.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from conftest import BASE_FIXTURE, LATER, ROME, edit_front_matter, load, plan_of, plugin_options, run_cli
from lxml import html as lxml_html
from paginated import write_corpus

from reset_stories.content.loader import load_project
from reset_stories.site import ASSETS, PAGE_ASSETS
from reset_stories.site.plan import HOME_EPISODES, HOME_PEOPLE, HOME_STORIES, PLATFORM_ICONS, _platform_icon, page_meta

HOME = "---\ntitle: Benvenuti\nlayout: home\n---\n# Benvenuti\n\nIl nostro programma, in breve.\n"


def switch_on(project: Path, text: str = HOME) -> Path:
    (project / "content" / "index.md").write_text(text, encoding="utf-8")
    return project


def plan(project: Path, now: datetime = LATER, *, previews: bool = False):
    if previews:
        import yaml

        config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
        loaded = load_project(
            root=project, docs_dir=project / "content", site_url=config["site_url"], directory_urls=True,
            options=plugin_options(project / "mkdocs.yml"), now=now, previews=True,
        )
    else:
        loaded = load(project, now)
    assert loaded.catalog is not None, [str(p) for p in loaded.problems.items]
    return plan_of(loaded.catalog)


@pytest.fixture
def home_project(project: Path) -> Path:
    return switch_on(project)


# --- the switch ---------------------------------------------------------------------------------

def test_the_home_is_an_ordinary_page_until_staff_switch_it_on(project):
    site_plan = plan(project)  # content/index.md without front matter
    assert site_plan.page("index.md") is None
    switch_on(project, "---\ntitle: Benvenuti\nlayout: page\n---\n# Benvenuti\n")
    assert plan(project).page("index.md") is None


def test_layout_home_makes_the_home_page_full_width_with_its_own_title(home_project):
    site_plan = plan(home_project)
    home = site_plan.page("index.md")
    assert home is not None and home.template == "home.html"
    assert home.markdown is None and home.title is None  # staff's text and title stay theirs
    meta = page_meta(home)
    assert meta["template"] == "home.html" and meta["hide"] == ["navigation", "toc"]
    assert home.context["social"]["title"] == "Benvenuti"
    assert home.context["social"]["url"] == "https://podcast.example.org/"


@pytest.mark.parametrize(("written", "expected"), [
    ("layout: homepage", 'content/index.md:3: layout: "homepage" non è un modo di impaginare la pagina iniziale — '
                         "scrivi «layout: home» (la pagina iniziale con il tuo testo, l'ultimo episodio, le storie, i temi e le persone) "
                         "oppure «layout: page» (solo il tuo testo, come le altre pagine)."),
    ("layuot: home", "content/index.md:3: layuot: campo sconosciuto — forse intendevi «layout»?"),
])
def test_a_wrong_switch_is_an_italian_error_naming_file_field_and_what_to_write(project, written, expected):
    switch_on(project, f"---\ntitle: Benvenuti\n{written}\n---\n# Benvenuti\n")
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert expected in result.stderr.splitlines()
    assert "Traceback" not in result.stderr


def test_the_home_page_keeps_the_engine_s_own_fields(project):
    switch_on(project, "---\ntitle: Benvenuti\ndescription: Il sito di prova.\nlayout: home\n---\n# Benvenuti\n")
    loaded = load(project)
    assert loaded.catalog is not None and not loaded.problems.errors
    assert loaded.catalog.home is not None and loaded.catalog.home.title == "Benvenuti"


# --- what the home shows ----------------------------------------------------------------------

def test_the_latest_episode_is_ready_to_play_with_its_page_data(home_project):
    site_plan = plan(home_project)
    home = site_plan.page("index.md").context
    latest = site_plan.page("podcast/02-secondo.md").context
    # The episode page's own data, so that the shared player macro renders it; not its related
    # stories, a list that grows with the archive.
    assert home["episode"] == {key: value for key, value in latest.items() if key != "stories"}
    assert home["episode"]["audio"]["url"] == "podcast/02-secondo/02-secondo.m4a"
    assert home["episode"]["image"]["url"]
    assert [card["title"] for card in home["episodes"]] == ["Il primo episodio"]
    assert home["episodes_count"] == 2
    assert home["podcast_url"] == "podcast/"


def test_stories_themes_and_people(home_project):
    home = plan(home_project).page("index.md").context
    [story] = home["stories"]
    assert story["title"] == "La prima storia" and story["url"] == "storie/prima-storia/"
    assert [(t["name"], t["url"]) for t in story["themes"]] == [("ambiente", "storie/temi/ambiente/")]
    # Only the themes stories touch, each into its archive page, with how many stories it has.
    assert home["themes"] == [{"name": "ambiente", "url": "storie/temi/ambiente/", "count": 1}]
    assert (home["stories_count"], home["stories_url"]) == (1, "storie/")
    # The host first, then who spoke most recently; with their photo or their initials.
    assert [(p["name"], p["initials"]) for p in home["people"]] == [("Anna Bianchi", "AB"), ("Mario Rossi", "MR")]
    assert (home["people_count"], home["people_url"]) == (2, "persone/")


def test_empty_sections_disappear_on_a_project_without_episodes_stories_or_people(home_project):
    for folder in ("content/storie", "content/persone"):
        shutil.rmtree(home_project / folder)
    for episode in (home_project / "episodes").glob("*.md"):
        episode.unlink()
    config = home_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("        hosts: [anna-bianchi]\n", ""), encoding="utf-8")
    home = plan(home_project).page("index.md").context
    assert (home["episode"], home["episodes"], home["stories"], home["themes"], home["people"]) == (None, [], [], [], [])
    # Built for real: only the text staff wrote.
    result = run_cli("build", cwd=home_project)
    assert result.returncode == 0, result.stderr
    doc = lxml_html.fromstring((home_project / "site" / "index.html").read_bytes())
    [home_div] = doc.find_class("rs-home")
    assert not home_div.xpath(".//section") and not home_div.xpath(".//audio")
    assert "Il nostro programma, in breve." in home_div.text_content()


def test_drafts_and_scheduled_items_never_appear_not_even_in_a_preview(home_project):
    episodes = home_project / "episodes"
    shutil.copy(episodes / "02-secondo.md", episodes / "03-bozza.md")
    edit_front_matter(episodes / "03-bozza.md", title="Una bozza", guid="5f1d3b2a-0000-4000-8000-000000000003", draft=True, date="2025-01-01")
    shutil.copy(episodes / "02-secondo.md", episodes / "04-futuro.md")
    edit_front_matter(episodes / "04-futuro.md", title="Un episodio futuro", guid="5f1d3b2a-0000-4000-8000-000000000004", date="2029-12-01")
    stories = home_project / "content" / "storie"
    shutil.copy(stories / "prima-storia.md", stories / "bozza.md")
    edit_front_matter(stories / "bozza.md", title="Una storia in bozza", draft=True, themes=["scuola"], date="2025-01-01")
    shutil.copy(stories / "prima-storia.md", stories / "futura.md")
    edit_front_matter(stories / "futura.md", title="Una storia futura", themes=["scuola"], date="2029-12-01")
    now = datetime(2029, 1, 1, tzinfo=ROME)
    for previews in (False, True):
        site_plan = plan(home_project, now, previews=previews)
        home = site_plan.page("index.md").context
        shown = [home["episode"]["title"], *(c["title"] for c in home["episodes"]), *(c["title"] for c in home["stories"])]
        assert shown == ["Il secondo episodio", "Il primo episodio", "La prima storia"], previews
        assert [t["name"] for t in home["themes"]] == ["ambiente"]
        assert home["episodes_count"] == 2 and home["stories_count"] == 1
    # The preview does show them elsewhere: the home leaves them out on purpose.
    assert site_plan.page("podcast/03-bozza.md") is not None


def test_the_home_s_lists_stay_short_whatever_the_archive(tmp_path):
    corpus = switch_on(write_corpus(tmp_path / "corpus"))
    home = plan(corpus).page("index.md").context
    assert home["episode"]["title"] == "Episodio 45"
    assert [c["title"] for c in home["episodes"]] == [f"Episodio {n}" for n in range(44, 44 - HOME_EPISODES, -1)]
    assert [c["title"] for c in home["stories"]] == [f"Storia {n}" for n in range(45, 45 - HOME_STORIES, -1)]
    assert len(home["people"]) <= HOME_PEOPLE
    assert home["episodes_count"] == 45 and home["stories_count"] == 45


# --- a story plays its episode ----------------------------------------------------------------

def test_a_story_has_its_episode_s_page_data_and_its_people(project):
    site_plan = plan(project)
    story = site_plan.page("storie/prima-storia.md").context
    episode = site_plan.page("podcast/02-secondo.md").context
    assert [s["title"] for s in episode["stories"]] == ["La prima storia"]
    assert story["episode"] == {key: value for key, value in episode.items() if key != "stories"}
    assert story["episode"]["audio"]["url"] == "podcast/02-secondo/02-secondo.m4a"
    [person] = story["people"]
    assert (person["name"], person["initials"], person["photo"]) == ("Mario Rossi", "MR", None)


def test_a_person_s_photo_is_in_their_cards(project):
    people = project / "content" / "persone"
    shutil.copy(BASE_FIXTURE / "episodes" / "copertina.jpg", people / "mario.jpg")
    edit_front_matter(people / "mario-rossi.md", photo="mario.jpg", photo_alt="Mario Rossi al microfono")
    site_plan = plan(project)
    [person] = site_plan.page("storie/prima-storia.md").context["people"]
    assert person["photo"]["alt"] == "Mario Rossi al microfono" and person["photo"]["url"].startswith("persone/")


# --- platform icons ---------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "icon"), [
    ("Apple Podcasts", "apple-podcasts"), ("Spotify", "spotify"), ("YouTube Music", "youtube-music"),
    ("Amazon Music", "amazon-music"), ("Pocket Casts", "pocket-casts"), ("AntennaPod", "antennapod"),
    ("Overcast", "overcast"), ("RSS", "rss"), ("pocket-casts", "pocket-casts"), ("Castro", "podcast"),
])
def test_platforms_get_their_mark_or_the_generic_one(name, icon):
    assert _platform_icon(name) == f"assets/reset-stories/icons/{icon}.svg"


def test_every_icon_is_shipped_with_the_site():
    for icon in {*PLATFORM_ICONS.values(), "podcast"}:
        uri = f"assets/reset-stories/icons/{icon}.svg"
        assert uri in PAGE_ASSETS and ASSETS[uri].is_file()
        text = ASSETS[uri].read_text(encoding="utf-8")
        assert text.startswith("<svg xmlns=\"http://www.w3.org/2000/svg\"") and "http" not in text.replace("http://www.w3.org/2000/svg", "")


def test_the_platforms_are_in_the_subscribe_data_with_their_icons(project):
    from conftest import edit_podcast_settings

    edit_podcast_settings(project, platforms=[
        {"name": "Spotify", "url": "https://open.spotify.com/show/x"}, {"name": "Castro", "url": "https://castro.fm/x"},
    ])
    sub = plan(project).page("podcast/index.md").context["subscribe"]
    assert sub["platforms"] == [
        {"name": "Spotify", "url": "https://open.spotify.com/show/x", "icon": "assets/reset-stories/icons/spotify.svg"},
        {"name": "Castro", "url": "https://castro.fm/x", "icon": "assets/reset-stories/icons/podcast.svg"},
    ]
    assert sub["feed_icon"] == "assets/reset-stories/icons/rss.svg"
