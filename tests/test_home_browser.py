"""The editorial home, the podcast page on a phone and a story that plays its episode, as visitors
meet them: a copy of the demo (with the show's platforms and a person's photo added, as staff would
write them), built by each engine and opened in headless Chromium (Debian's, through Playwright).

Every page asserted here is clean for axe-core (WCAG 2.1 A/AA, no violation of any impact) on a
phone and on a desktop, asks nothing of any host but the site's own, and logs no console error.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import ENGINES, Visit, served_site
from conftest import DATA, REPO, copy_project, edit_front_matter, edit_podcast_settings

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# Example platforms for the test only: the demo itself has none (its real addresses are not known).
PLATFORMS = [
    {"name": "Apple Podcasts", "url": "https://podcasts.apple.com/it/podcast/esempio/id1"},
    {"name": "Spotify", "url": "https://open.spotify.com/show/esempio"},
    {"name": "YouTube Music", "url": "https://music.youtube.com/playlist?list=esempio"},
    {"name": "Amazon Music", "url": "https://music.amazon.it/podcasts/esempio"},
    {"name": "Pocket Casts", "url": "https://pca.st/esempio"},
    {"name": "AntennaPod", "url": "https://antennapod.org/deeplink/subscribe?url=esempio"},
    {"name": "Overcast", "url": "https://overcast.fm/itunes1"},
]
# The pages this work changed, each with what it must show.
PAGES = {
    "home": "",
    "podcast": "podcast/",
    "story": "storie/formazione/",
    "stories": "storie/",
    "theme": "storie/temi/formazione/",
    "people": "persone/",
    "person": "persone/aldo-buzio/",
    "episode": "podcast/04-reset/",
}


@pytest.fixture(scope="module", params=ENGINES)
def engine(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def site_url(tmp_path_factory, engine) -> Iterator[str]:
    project = copy_project(REPO, tmp_path_factory.mktemp(f"home-{engine}") / "demo")
    edit_podcast_settings(project, platforms=PLATFORMS)
    people = project / "content" / "persone"
    shutil.copy(DATA / "small.jpg", people / "aldo-buzio.jpg")
    edit_front_matter(people / "aldo-buzio.md", photo="aldo-buzio.jpg", photo_alt="Aldo Buzio, in una foto di prova")
    edit_front_matter(project / "content" / "storie" / "formazione.md", people=["aldo-buzio"])
    with served_site(project, "https://reset.example.org/", engine) as url:
        yield url


@pytest.fixture
def visit(browser, site_url) -> Iterator:
    opened: list[Visit] = []

    def open_page(path: str, viewport: dict[str, int] = DESKTOP) -> Visit:
        opened.append(Visit(browser, site_url + path, site_url, viewport=viewport))
        return opened[-1]

    yield open_page
    for page in opened:
        assert page.errors == [] and page.elsewhere == [], (page.errors, page.elsewhere)
        page.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("kind", PAGES)
def test_the_pages_are_axe_clean_private_and_quiet(visit, kind, viewport):
    page = visit(PAGES[kind], viewport)
    assert page.response is not None and page.response.status == 200
    assert page.axe() == []
    assert all(page.images_loaded("img"))


def test_the_home_has_the_latest_episode_ready_to_play(visit):
    page = visit("").page
    latest = page.locator(".rs-home__latest")
    assert latest.locator(".rs-feature__title a").inner_text() == "RESET: una comunità di pratica per Siena"
    assert latest.locator("img.rs-feature__art").get_attribute("alt")
    audio = ".rs-home__latest .rs-player audio"
    assert page.evaluate(f"document.querySelector('{audio}').readyState") == 0  # nothing loaded before play
    page.evaluate(f"document.querySelector('{audio}').load()")
    page.wait_for_function(f"document.querySelector('{audio}').duration > 0")
    assert page.evaluate(f"document.querySelector('{audio}').duration") == pytest.approx(54.1, abs=0.5)
    page.evaluate(f"document.querySelector('{audio}').play()")
    page.wait_for_function(f"document.querySelector('{audio}').currentTime > 0.2")


def test_the_home_has_stories_with_their_themes_themes_into_the_archive_and_people(visit):
    page = visit("").page
    cards = page.locator(".rs-home .rs-grid > li")
    assert cards.count() == 3
    assert cards.first.locator("h3").inner_text() == "Una storia sulla formazione (titolo segnaposto)"
    assert cards.first.locator("a.md-tag").inner_text() == "formazione"
    tiles = page.locator(".rs-tiles a.rs-tile")
    assert [t.strip() for t in tiles.locator(".rs-tile__name").all_inner_texts()] == [
        "turismo culturale", "tecnologia/digitale", "innovazione sociale", "formazione",
    ]
    assert tiles.first.locator(".rs-tile__count").inner_text() == "1 storia"
    names = page.locator(".rs-home .rs-person__name").all_inner_texts()
    assert set(names) == {"Francesca Lazzeroni", "Aldo Buzio", "Miriam Grottanelli De Santi"}
    assert page.locator(".rs-home img.rs-person__photo").get_attribute("alt") == "Aldo Buzio, in una foto di prova"
    page.get_by_role("link", name="formazione 1 storia").click()
    page.wait_for_load_state()
    assert page.url.endswith("/storie/temi/formazione/")
    assert page.locator("h1").first.inner_text() == "Formazione"
    assert page.locator(".rs-card h3").all_inner_texts() == ["Una storia sulla formazione (titolo segnaposto)"]


def test_on_a_phone_the_podcast_page_shows_an_episode_on_the_first_screen(visit):
    page = visit("podcast/", PHONE).page
    first = page.locator(".rs-podcast .rs-cards > li").first.bounding_box()
    assert first is not None
    assert first["y"] >= 0 and first["y"] + first["height"] <= PHONE["height"], first
    # The platforms' marks are there too, shipped with the site; their names stay for screen readers.
    for platform in PLATFORMS:
        link = page.locator(".rs-listen").get_by_role("link", name=platform["name"], exact=True)
        assert link.get_attribute("href") == platform["url"]
        box = link.bounding_box()
        assert box is not None and box["y"] < PHONE["height"] and box["width"] >= 44 and box["height"] >= 44


ICONS = """icons => Promise.all(icons.map(async icon => {
    const url = getComputedStyle(icon).backgroundImage.replace(/^url\\("(.*)"\\)$/, "$1");
    const response = await fetch(url);
    const box = icon.getBoundingClientRect();
    return {url, ok: response.ok, type: response.headers.get("content-type"), shown: box.width > 0 && box.height > 0,
            hidden: icon.getAttribute("aria-hidden")};
}))"""


def test_the_platform_icons_are_the_site_s_own(visit, site_url):
    page = visit("podcast/").page
    icons = page.eval_on_selector_all(".rs-listen .rs-icon, .rs-platforms .rs-icon", ICONS)
    assert len(icons) == 2 * len(PLATFORMS) + 1
    for icon in icons:
        assert icon["url"].startswith(f"{site_url}assets/reset-stories/icons/"), icon
        assert icon["ok"] and icon["type"] == "image/svg+xml" and icon["shown"] and icon["hidden"] == "true", icon
    assert {Path(icon["url"]).name for icon in icons} == {
        "apple-podcasts.svg", "spotify.svg", "youtube-music.svg", "amazon-music.svg", "pocket-casts.svg",
        "antennapod.svg", "overcast.svg", "rss.svg",
    }
    # Each button is named by its words only (the mark is hidden from screen readers).
    assert page.locator(".rs-platforms").get_by_role("link", name="Spotify", exact=True).count() == 1
    # The feed's address is easy to copy; the bar's feed link leads to it.
    page.locator(".rs-listen").get_by_role("link", name="Feed RSS").click()
    page.wait_for_function("location.hash === '#rs-subscribe'")
    assert page.input_value("#rs-feed-url") == f"{site_url}feed.xml"


def test_a_story_shows_its_people_with_photos_and_plays_its_episode(visit):
    page = visit("storie/formazione/", PHONE).page
    photo = page.locator(".rs-story img.rs-person__photo")
    assert photo.get_attribute("alt") == "Aldo Buzio, in una foto di prova"
    assert page.evaluate("document.querySelector('.rs-story img.rs-person__photo').naturalWidth") > 0
    episode = page.locator(".rs-story__episode")
    assert episode.locator(".rs-feature__title a").inner_text() == "RESET: una comunità di pratica per Siena"
    audio = ".rs-story__episode audio"
    page.evaluate(f"document.querySelector('{audio}').load()")
    page.wait_for_function(f"document.querySelector('{audio}').duration > 0")
