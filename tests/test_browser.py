"""The episode page as each engine builds it, in a real browser (Debian's Chromium, driven by
Playwright): chapters seek the player, the transcript follows the audio, a shared #t= link starts
there, and without JavaScript the transcript is still there to read."""

from __future__ import annotations

import pytest
from browsing import ENGINES, Watched, served_site
from conftest import BASE_FIXTURE, copy_project
from playwright.sync_api import Page

PLAYER = ".rs-player audio"


@pytest.fixture(scope="module", params=ENGINES)
def base_url(request, tmp_path_factory) -> str:
    """The fixture project built by each engine in turn."""
    engine = request.param
    project = copy_project(BASE_FIXTURE, tmp_path_factory.mktemp(f"browser-{engine}") / "project")
    with served_site(project, "https://podcast.example.org/", engine) as url:
        yield url


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context()
    watched = Watched(context.new_page(), base_url)
    yield watched.page
    context.close()
    assert watched.errors == []
    assert watched.elsewhere == []  # no request leaves the site's own host


def current(page: Page, selector: str) -> list[int]:
    """Indexes of the elements marked as being heard."""
    return page.evaluate(
        f"[...document.querySelectorAll('{selector}')].flatMap((e, i) => e.getAttribute('aria-current') === 'time' ? [i] : [])"
    )


def test_the_audio_is_not_downloaded_before_play(page, base_url):
    page.goto(base_url + "podcast/01-primo/")
    assert page.get_attribute(PLAYER, "preload") == "none"
    assert page.evaluate(f"document.querySelector('{PLAYER}').readyState") == 0


def test_a_chapter_click_seeks_and_plays(page, base_url):
    page.goto(base_url + "podcast/01-primo/")
    page.click("text=La risposta di Mario")
    page.wait_for_function(f"document.querySelector('{PLAYER}').currentTime >= 1.5")
    assert page.evaluate(f"!document.querySelector('{PLAYER}').paused")
    page.wait_for_function("document.querySelectorAll('.rs-chapter[aria-current]').length === 1")
    assert current(page, ".rs-chapter") == [1]
    assert page.url.endswith("#t=1.5")


def test_the_transcript_follows_the_audio(page, base_url):
    page.goto(base_url + "podcast/01-primo/")
    page.click(".rs-cue >> nth=0 >> a")
    page.wait_for_function("document.querySelector('.rs-cue[aria-current]') !== null")
    assert current(page, ".rs-cue") == [0]
    # Playing on, the mark moves to the cue being heard.
    page.wait_for_function(f"document.querySelector('{PLAYER}').currentTime > 2.45")
    page.wait_for_function("document.querySelectorAll('.rs-cue')[2].getAttribute('aria-current') === 'time'")
    assert current(page, ".rs-cue") == [2]


def test_a_shared_moment_starts_there(page, base_url):
    page.goto(base_url + "podcast/01-primo/#t=1.5")
    page.wait_for_function(f"document.querySelector('{PLAYER}').readyState >= 1")
    assert page.evaluate(f"document.querySelector('{PLAYER}').currentTime") == pytest.approx(1.5, abs=0.05)
    assert page.evaluate(f"document.querySelector('{PLAYER}').paused")  # it waits for the listener


def test_without_javascript_the_transcript_is_there(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "podcast/01-primo/")
    assert [line for line in page.inner_text(".rs-transcript").splitlines() if line] == [
        "00:00 Anna Bianchi Benvenuti a Voci di prova, un podcast & altro.",
        "00:01 Mario Rossi Grazie, Anna.",
        "00:02 Senza voce: continua chi parlava.",
    ]
    assert page.is_visible("text=00:01 La risposta di Mario")
    context.close()
