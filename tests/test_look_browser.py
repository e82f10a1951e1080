"""The demo's look as visitors see it, built by each engine, in headless Chromium: every page type
in the light and in the dark scheme without any axe-core violation (colour contrast included, of
any impact), the scheme following the visitor's preference and the toggle, the colours of
``look:`` painted, no "Made with…" line, the logo and favicon served."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin
from urllib.request import urlopen

import pytest
import test_visitors
from browsing import ENGINES, Visit, served_site
from conftest import BASE_FIXTURE, REPO, copy_project
from test_visitors import PAGES

from reset_stories.site.look import parse_colour

SCHEMES = {"light": "default", "dark": "slate"}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module", params=ENGINES)
def engine(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def project(tmp_path_factory, engine) -> Path:
    return copy_project(REPO, tmp_path_factory.mktemp(f"look-{engine}") / "demo")


@pytest.fixture(scope="module")
def site_url(project, engine) -> Iterator[str]:
    with served_site(project, "https://reset.example.org/", engine) as url:
        yield url


def rgb(css: str) -> tuple[int, int, int]:
    """A computed colour, ``rgb(r, g, b)``."""
    r, g, b = (int(float(part)) for part in css[css.index("(") + 1:css.index(")")].split(",")[:3])
    return r, g, b


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("kind", PAGES)
def test_every_page_type_reads_well_in_both_schemes(browser, site_url, kind, scheme):
    visit = Visit(browser, site_url + PAGES[kind], site_url, color_scheme=scheme, viewport=PHONE)
    try:
        assert visit.page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
        assert visit.axe() == []
        assert "Made with" not in visit.page.inner_text("body")
        assert visit.errors == [] and visit.elsewhere == []
    finally:
        visit.close()


def test_the_colours_of_the_look_are_painted(browser, site_url, project):
    # mkdocs.yml's look: the header in the primary colour in both schemes; links in it on white,
    # lightened on the dark scheme's background (which is tinted with the primary's hue).
    primary = parse_colour("#7a2016")
    for scheme, link in (("light", primary), ("dark", None)):
        visit = Visit(browser, site_url + "podcast/04-reset/", site_url, color_scheme=scheme)
        try:
            header = visit.page.eval_on_selector(".md-header", "e => getComputedStyle(e).backgroundColor")
            assert rgb(header) == primary
            body = rgb(visit.page.eval_on_selector("body", "e => getComputedStyle(e).backgroundColor"))
            anchor = rgb(visit.page.eval_on_selector(".md-content a[href]", "e => getComputedStyle(e).color"))
            if link is not None:
                assert body == (255, 255, 255) and anchor == link
            else:
                assert sum(body) < 150 and anchor != primary and body[0] > body[2]  # dark, warm
        finally:
            visit.close()


def test_the_scheme_follows_the_preference_and_the_toggle(browser, site_url):
    visit = Visit(browser, site_url, site_url, color_scheme="dark")
    page = visit.page
    try:
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
        toggle = page.locator("label[title='Passa al tema chiaro']")
        toggle.click()
        page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
        # The choice is kept from page to page.
        page.goto(site_url + "podcast/")
        page.wait_for_load_state("networkidle")
        assert page.get_attribute("body", "data-md-color-scheme") == "default"
        assert page.locator("label[title='Passa al tema scuro']").is_visible()
        assert visit.errors == []
    finally:
        visit.close()


def test_the_logo_and_the_favicon_are_served(browser, site_url, project):
    visit = Visit(browser, site_url + "storie/formazione/", site_url)
    try:
        logo = visit.page.eval_on_selector(".md-header .md-logo img", "img => img.src")
        favicon = visit.page.eval_on_selector("link[rel=icon]", "link => link.href")
        loaded = visit.page.eval_on_selector(".md-header .md-logo img", "img => img.complete && img.naturalWidth > 0")
    finally:
        visit.close()
    assert loaded
    for url, source, kind in (
        (logo, project / "content/immagini/logo.svg", "image/svg+xml"),
        (favicon, project / "content/immagini/favicon.png", "image/png"),
    ):
        assert url.startswith(site_url)
        with urlopen(urljoin(site_url, url)) as response:
            assert response.headers.get_content_type() == kind
            assert response.read() == source.read_bytes()


@pytest.fixture(scope="module")
def plain_site_url(tmp_path_factory, engine) -> Iterator[str]:
    """The base fixture: no «look:», so the theme's own colours, in both schemes."""
    project = copy_project(BASE_FIXTURE, tmp_path_factory.mktemp(f"plain-{engine}") / "project")
    with served_site(project, "https://podcast.example.org/", engine) as url:
        yield url


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", ["", "podcast/", "podcast/02-secondo/"])
def test_without_a_look_both_schemes_read_well(browser, plain_site_url, path, scheme):
    visit = Visit(browser, plain_site_url + path, plain_site_url, color_scheme=scheme)
    try:
        assert visit.response is not None and visit.response.status == 200
        assert visit.page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
        assert visit.page.get_attribute("body", "data-md-color-primary") == "indigo"  # the theme's own
        assert visit.axe() == []
        assert "Made with" not in visit.page.inner_text("body")
    finally:
        visit.close()


def test_search_reads_well_in_the_dark(browser, site_url, engine):
    search = test_visitors.SEARCH[engine]
    visit = Visit(browser, site_url, site_url, color_scheme="dark")
    try:
        visit.page.keyboard.press(search["shortcut"])
        visit.page.keyboard.type("RESET")
        visit.page.locator(search["results"]).first.wait_for(timeout=10000)
        visit.page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
        assert visit.page.get_attribute("body", "data-md-color-scheme") == "slate"
        assert visit.axe() == []
    finally:
        visit.close()
