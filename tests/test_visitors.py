"""The demo site as visitors meet it, built by each engine (MkDocs + Material, Zensical), in
headless Chromium (Debian's, driven by Playwright): every page type accessible (axe-core, WCAG 2.2
A/AA: no violation of any impact; on the pages of the budget, issue 14 — home, podcast, episode,
story — axe's best-practice rules too), no request to any host but the site's own, no console
error, no broken internal link, the search finding pages, and the episode player working by mouse
and by keyboard. Lighthouse's scores and the episode page's weight: tests/test_budget.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browsing import ENGINES, Visit, crawl, served_site
from conftest import REPO, copy_project
from playwright.sync_api import Browser, Locator

# Every page type the site has.
PAGES = {
    "home": "",
    "programme": "programma/",
    "programme page": "programma/temi/",
    "podcast": "podcast/",
    "episode": "podcast/04-reset/",
    "story list": "storie/",
    "theme": "storie/temi/formazione/",
    "year": "storie/anni/2024/",
    "story": "storie/formazione/",
    "people": "persone/",
    "person": "persone/aldo-buzio/",
    "not found": "404.html",
}
# The search box is ours on both engines (templates/partials/search.html, assets/search.js; the
# index is Pagefind's, made by the publishing stage): "/" goes to its field, as on Material's sites.
SEARCH = {engine: {"shortcut": "/", "results": ".rs-search__panel a"} for engine in ENGINES}
# The page budget's pages (issue 14; tests/test_budget.py): no axe-core violation at all there, its
# best-practice rules included (a dialog without a name, headings that skip a level...).
BUDGET = ("home", "podcast", "episode", "story")
SCREENSHOTS = os.environ.get("RESET_STORIES_SCREENSHOTS")  # a folder: `make screenshots` sets it


@pytest.fixture(scope="module", params=ENGINES)
def engine(request) -> str:
    """Every test runs on the site each engine builds."""
    return request.param


@pytest.fixture(scope="module")
def site_url(tmp_path_factory, engine) -> Iterator[str]:
    """The demo, built for the address it is served at (as `reset-stories serve` does)."""
    project = copy_project(REPO, tmp_path_factory.mktemp(f"visitors-{engine}") / "demo")
    with served_site(project, "https://reset.example.org/", engine) as url:
        yield url


@pytest.mark.parametrize("kind", PAGES)
def test_every_page_type_is_accessible_private_and_clean(browser, site_url, kind):
    visit = Visit(browser, site_url + PAGES[kind], site_url)
    try:
        assert visit.response is not None and visit.response.status in (200, 404 if kind == "not found" else 200)
        assert visit.page.get_attribute("html", "lang") == "it"
        violations = visit.axe(best_practices=kind in BUDGET)
        assert violations == [], "axe-core: " + "; ".join(violations)
        images = visit.page.eval_on_selector_all("img", "images => images.filter(i => !i.alt).map(i => i.src)")
        assert images == []  # every image says what it shows
        assert visit.errors == []
        assert visit.elsewhere == []
    finally:
        visit.close()


def open_search(browser: Browser, site_url: str, engine: str) -> tuple[Visit, Locator]:
    """The home page with a search for "RESET" typed from the keyboard, and the result links, once settled."""
    search = SEARCH[engine]
    visit = Visit(browser, site_url, site_url)
    visit.page.keyboard.press(search["shortcut"])
    visit.page.keyboard.type("RESET")
    results = visit.page.locator(search["results"])
    results.first.wait_for(timeout=10000)
    # Both fade their results in: judge the colours visitors read, once settled.
    visit.page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    return visit, results


def test_search_finds_pages(browser, site_url, engine):
    visit, results = open_search(browser, site_url, engine)
    try:
        found = {urlsplit(href)._replace(query="", fragment="").geturl() for href in results.evaluate_all("links => links.map(a => a.href)")}
        assert f"{site_url}podcast/04-reset/" in found
        assert visit.errors == [] and visit.elsewhere == []
    finally:
        visit.close()


def test_search_is_accessible(browser, site_url, engine):
    visit, _ = open_search(browser, site_url, engine)
    try:
        assert visit.axe() == []
    finally:
        visit.close()


def test_the_episode_player_works(browser, site_url, engine):
    visit = Visit(browser, site_url + "podcast/04-reset/", site_url)
    page = visit.page
    try:
        audio = ".rs-player audio"
        # Nothing is downloaded before play; the metadata loads when asked.
        assert page.evaluate(f"document.querySelector('{audio}').readyState") == 0
        page.evaluate(f"document.querySelector('{audio}').load()")
        page.wait_for_function(f"document.querySelector('{audio}').duration > 0")
        assert page.evaluate(f"document.querySelector('{audio}').duration") == pytest.approx(54.1, abs=0.5)
        # A chapter: the player goes there and marks it.
        page.click("text=Testimonianza di Aldo Buzio (Ideazione)")
        page.wait_for_function(f"document.querySelector('{audio}').currentTime >= 28")
        page.wait_for_function("document.querySelectorAll('.rs-chapter')[2].getAttribute('aria-current') === 'time'")
        # The transcript follows: the cue being heard is marked.
        page.wait_for_function("document.querySelectorAll('.rs-cue')[2].getAttribute('aria-current') === 'time'")
        # Speed, and a link to the moment.
        page.select_option("[data-rs-speed]", "1.5")
        assert page.evaluate(f"document.querySelector('{audio}').playbackRate") == 1.5
        visit.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.click("[data-rs-share]")
        page.wait_for_function("document.querySelector('.rs-player__status').textContent.includes('#t=')")
        status = page.text_content(".rs-player__status")
        assert f"{site_url}podcast/04-reset/#t=" in status
        assert visit.errors == [] and visit.elsewhere == []
        if SCREENSHOTS and engine == "mkdocs":  # the README shows the default engine's page
            page.evaluate(f"document.querySelector('{audio}').pause()")
            page.set_viewport_size({"width": 1280, "height": 1300})
            page.evaluate("window.scrollTo(0, 0)")
            page.mouse.move(0, 0)
            page.wait_for_timeout(600)  # the header title fades as the page scrolls
            page.screenshot(path=str(Path(SCREENSHOTS) / "episode-page.png"), full_page=False)
    finally:
        visit.close()


# What the first screen must show, by page and screen (issue 14): what the page is for, not the
# theme's chrome. The README's screenshots are these screens (`make screenshots`).
SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
FIRST_SCREEN = {
    ("home", "phone"): "h1",
    ("home", "desktop"): ".rs-home__latest",  # the latest episode
    ("podcast", "phone"): ".rs-cards > li",  # an episode
    ("podcast", "desktop"): ".rs-cards > li",
    ("episode", "phone"): "[data-rs-play]",
    ("episode", "desktop"): "[data-rs-play]",
}


@pytest.mark.parametrize(("kind", "screen"), list(FIRST_SCREEN))
def test_the_first_screen_shows_what_the_page_is_for(browser, site_url, engine, kind, screen):
    visit = Visit(browser, site_url + PAGES[kind], site_url, viewport=SCREENS[screen])
    try:
        page = visit.page
        selector = FIRST_SCREEN[kind, screen]
        box = page.locator(selector).first.bounding_box()
        assert box is not None, f"{selector} is not shown"
        assert box["y"] >= 0 and box["y"] + min(box["height"], 60) <= SCREENS[screen]["height"], (selector, box)
        if SCREENSHOTS and engine == "mkdocs":  # the README shows the default engine's pages
            page.mouse.move(0, 0)
            page.screenshot(path=str(Path(SCREENSHOTS) / f"{kind}-{screen}.png"), full_page=False)
    finally:
        visit.close()


def test_the_player_works_from_the_keyboard(browser, site_url):
    visit = Visit(browser, site_url + "podcast/04-reset/", site_url)
    page = visit.page
    try:
        target = "Testimonianza di Miriam Grottanelli De Santi (Siena Art Institute)"
        for _ in range(80):  # Tab through the page, as a keyboard user does
            page.keyboard.press("Tab")
            if target in (page.evaluate("document.activeElement.textContent") or ""):
                break
        else:
            pytest.fail("the chapter links cannot be reached with Tab")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none"  # the focus is visible
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelector('.rs-player audio').currentTime >= 37")
        assert visit.errors == []
    finally:
        visit.close()


def test_without_javascript_nothing_is_lost(browser, site_url):
    visit = Visit(browser, site_url + "podcast/04-reset/", site_url, java_script_enabled=False)
    try:
        assert "Testimonianza di Francesca Lazzeroni, AMAT" in visit.page.inner_text(".rs-transcript")
        assert visit.page.is_visible(".rs-player audio[controls]")  # the browser's own player
        assert not visit.page.is_visible("[data-rs-bar]")  # and no control that cannot work
    finally:
        visit.close()


def test_no_internal_link_is_broken(site_url):
    seen, broken = crawl(site_url)
    assert broken == []
    assert len(seen) > 30
    assert any(urlsplit(u).path.endswith(".mp3") for u in seen)
