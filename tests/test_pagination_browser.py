"""Paginated lists as visitors meet them, built by each engine, in headless Chromium: a project
whose lists are long enough (45 episodes, 45 stories, 20 to a page) has list pages that axe-core
finds accessible (no serious or critical violation), a pagination navigation that works, and no
broken link. The demo's lists fit on one page (tests/test_visitors.py visits it)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import ENGINES, Visit, crawl, served_site
from paginated import PUBLIC_URL, write_corpus

# A folder: screenshots of a list's page 2 on a phone and a desktop are kept there.
SCREENSHOTS = os.environ.get("RESET_STORIES_SCREENSHOTS")
PHONE = {"width": 390, "height": 844}
# The visitors' browser: Chromium, with axe-core at hand.
PAGES = ("podcast/", "podcast/pagina/2/", "storie/pagina/3/", "storie/anni/2020/", "storie/anni/2020/pagina/2/")


@pytest.fixture(scope="module", params=ENGINES)
def engine(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def site_url(tmp_path_factory, engine) -> Iterator[str]:
    project = write_corpus(tmp_path_factory.mktemp(f"paginated-{engine}") / "project")
    with served_site(project, PUBLIC_URL, engine) as url:
        yield url


@pytest.mark.parametrize("path", PAGES)
def test_list_pages_are_accessible_and_clean(browser, site_url, path):
    visit = Visit(browser, site_url + path, site_url)
    try:
        assert visit.response is not None and visit.response.status == 200
        assert visit.axe() == []
        assert visit.page.locator("nav[aria-label='Paginazione'] [aria-current='page']").count() == 1
        assert visit.errors == [] and visit.elsewhere == []
    finally:
        visit.close()


def test_the_pagination_links_lead_through_the_list(browser, site_url):
    visit = Visit(browser, site_url + "podcast/", site_url)
    page = visit.page
    pagination = "nav[aria-label='Paginazione']"
    try:
        assert page.text_content(f"{pagination} [aria-current='page']").strip() == "1"
        page.click(f"{pagination} a[rel='next']")
        page.wait_for_url(site_url + "podcast/pagina/2/")
        # Page 2 begins with the 21st newest episode (episode N is the N-th oldest of 45).
        assert page.text_content(".rs-cards > li:first-child h3").strip() == "Episodio 25"
        assert page.text_content(f"{pagination} [aria-current='page']").strip() == "2"
        assert page.title().startswith("Voci del corpus — pagina 2")
        page.click(f"{pagination} a[aria-label='Pagina 3']")
        page.wait_for_url(site_url + "podcast/pagina/3/")
        assert page.locator(".rs-cards > li").count() == 5
        assert page.locator(f"{pagination} a[rel='next']").count() == 0  # the last page
        # From the keyboard: Tab reaches the previous page's link, Enter follows it.
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.getAttribute('rel')") == "prev":
                break
        else:
            pytest.fail("the previous page's link cannot be reached with Tab")
        page.keyboard.press("Enter")
        page.wait_for_url(site_url + "podcast/pagina/2/")
        assert visit.errors == [] and visit.elsewhere == []
    finally:
        visit.close()


def test_the_stories_page_leads_to_the_years(browser, site_url):
    visit = Visit(browser, site_url + "storie/", site_url)
    try:
        visit.page.click("nav[aria-label='Anni'] a:text-is('2020')")
        visit.page.wait_for_url(site_url + "storie/anni/2020/")
        assert visit.page.text_content("h1").strip() == "Storie del 2020"
        assert visit.page.text_content(".rs-cards > li:first-child h3").strip() == "Storia 45"
    finally:
        visit.close()


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_the_pagination_fits_the_screen(browser, site_url, engine, viewport):
    visit = Visit(browser, site_url + "podcast/pagina/2/", site_url, viewport=viewport)
    page = visit.page
    try:
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        for box in page.locator("nav[aria-label='Paginazione'] a").evaluate_all("links => links.map(a => a.getBoundingClientRect().height)"):
            assert box >= 24  # a target a finger can hit (WCAG 2.5.8)
        if SCREENSHOTS:
            page.locator("nav[aria-label='Paginazione']").scroll_into_view_if_needed()
            name = f"pagination-{engine}-{'phone' if viewport == PHONE else 'desktop'}.png"
            page.screenshot(path=str(Path(SCREENSHOTS) / name), full_page=False)
    finally:
        visit.close()


def test_no_internal_link_is_broken(site_url):
    seen, broken = crawl(site_url)
    assert broken == []
    assert {f"{site_url}podcast/pagina/3/", f"{site_url}storie/anni/2020/pagina/3/"} <= seen
    assert sum(url.endswith(".mp3") for url in seen) == 45
