"""Searching what was said (issue 15), on the demo built by each engine, in headless Chromium: the
search box in the header finds words of the episode's transcript in other forms than those said
(Italian stems, accents left out), shows the moment (episode, time, the words around the match
highlighted), and following it opens the episode page at that moment with the player ready there
and the cue marked and in view; the index is loaded only once the visitor types, from the site
itself; by keyboard alone; axe-core finds nothing with the results open."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browsing import ENGINES, Recorded, served_site
from conftest import REPO, copy_project
from playwright.sync_api import Page

AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
EPISODE = "podcast/04-reset/"
# Said at 00:46.925 in the demo's fourth episode: "La registrazione originale sostituirà questo file."
LAST_CUE = "46.925"
FIELD = "#rs-search-field"
MOMENTS = ".rs-search__cue"


@pytest.fixture(scope="module", params=ENGINES)
def site_url(request, tmp_path_factory) -> Iterator[str]:
    engine = request.param
    project = copy_project(REPO, tmp_path_factory.mktemp(f"search-{engine}") / "demo")
    with served_site(project, "https://reset.example.org/", engine) as url:
        yield url


class Visit(Recorded):
    def index_requests(self) -> list[str]:
        return [url for url in self.requests if "/pagefind/" in url]


@pytest.fixture
def visit(browser, site_url) -> Iterator[Visit]:
    visit = Visit(browser, site_url)
    yield visit
    visit.context.close()


def search(page: Page, words: str) -> None:
    """``words`` typed into the search box from the keyboard ("/" goes to it), results settled."""
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == FIELD[1:]
    page.keyboard.type(words)
    page.wait_for_function(
        "words => document.querySelector('#rs-search-status').textContent.includes(words)", arg=words, timeout=15000,
    )


def moment(page: Page, href_end: str):
    return page.locator(f'{MOMENTS}[href$="{href_end}"]')


def test_a_phrase_said_in_other_words_opens_the_episode_at_that_moment(visit, site_url):
    page = visit.page
    page.goto(site_url + "programma/")
    page.wait_for_load_state("networkidle")
    assert visit.index_requests() == []  # nothing of the index before the visitor searches
    # Said: "la registrazione originale sostituirà"; typed: plural forms, no accent.
    search(page, "registrazioni originali sostituira")
    hit = moment(page, f"{EPISODE}#t={LAST_CUE}")
    assert hit.count() == 1
    group = page.locator(".rs-search__group", has=hit)
    assert group.locator(".rs-search__page").inner_text() == "RESET: una comunità di pratica per Siena"
    assert hit.locator(".rs-search__time").inner_text().endswith("00:46")
    assert hit.locator("mark").all_inner_texts() == ["registrazione", "originale", "sostituirà"]
    assert "La registrazione originale sostituirà questo file." in hit.inner_text()
    assert visit.index_requests() and all(url.startswith(site_url) for url in visit.index_requests())
    # By keyboard: down from the field to the results, to this moment, Enter.
    links = page.locator(".rs-search__panel a")
    target = links.evaluate_all("(links, href) => links.findIndex(a => a.href.endsWith(href))", f"{EPISODE}#t={LAST_CUE}")
    for _ in range(target + 1):
        page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href").endswith(f"#t={LAST_CUE}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector(".rs-player--ready")
    assert page.url == f"{site_url}{EPISODE}#t={LAST_CUE}"
    cue = page.locator(f'.rs-cue[data-rs-start="{LAST_CUE}"]')
    assert cue.get_attribute("aria-current") == "time"
    assert page.locator(".rs-cue[aria-current]").count() == 1
    # In view, in the page and in the transcript's own scroll box; its time link has the focus.
    assert page.evaluate(
        """cue => { const r = cue.getBoundingClientRect(), box = cue.closest('.rs-transcript').getBoundingClientRect();
                    return r.top >= 0 && r.bottom <= innerHeight && r.top >= box.top - 1 && r.bottom <= box.bottom + 1; }""",
        cue.element_handle(),
    )
    assert page.evaluate("document.activeElement.getAttribute('data-rs-seek')") == LAST_CUE
    # The player is ready at that moment: its clock and bar say 00:46, and play starts there.
    assert page.locator("[data-rs-current]").first.inner_text() == "00:46"
    page.locator("[data-rs-play]").first.click()
    page.wait_for_function("() => { const a = document.querySelector('.rs-player audio'); return !a.paused && a.currentTime >= 46.9; }", timeout=15000)
    assert visit.errors == [] and visit.elsewhere == []


@pytest.mark.parametrize(("typed", "said", "moments"), [
    ("testimonianze", "testimonianza", 3),  # plural for singular (Italian stems): said in each testimony
    ("andra", "andrà", 3),  # the accent left out
])
def test_italian_forms_and_accents_find_the_cues(visit, site_url, typed, said, moments):
    page = visit.page
    page.goto(site_url)
    search(page, typed)
    hits = page.locator(f'{MOMENTS}[href*="{EPISODE}#t="]')
    assert hits.count() >= moments
    assert said in hits.locator("mark").all_inner_texts()
    assert visit.errors == [] and visit.elsewhere == []


def test_italian_stop_words_are_left_out_of_a_query(visit, site_url):
    page = visit.page
    page.goto(site_url)
    search(page, "la testimonianza di Aldo")
    hit = moment(page, f"{EPISODE}#t=28.717")
    assert hit.count() == 1
    # "la" and "di" are neither sought nor marked: they are in every page.
    assert set(hit.locator("mark").all_inner_texts()) == {"Testimonianza", "Aldo", "testimonianza"}


def test_a_query_of_stop_words_alone_asks_for_a_precise_word_and_fetches_nothing(visit, site_url):
    page = visit.page
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    search(page, "di che")
    assert "parole troppo comuni per cercarle da sole" in page.locator("#rs-search-status").inner_text()
    assert page.locator(".rs-search__panel").is_visible()
    assert visit.index_requests() == []  # their part of the index is the largest there is
    # One more word, and the search runs.
    page.keyboard.type(" Aldo")
    page.wait_for_function("() => document.querySelector('#rs-search-status').textContent.includes('pagin')", timeout=15000)
    assert visit.index_requests()


def test_a_word_without_its_accent_finds_it(visit, site_url):
    page = visit.page
    page.goto(site_url)
    search(page, "citta")
    assert "Città" in page.locator(".rs-search__panel mark").all_inner_texts()


def test_more_results_on_request(visit, site_url):
    page = visit.page
    page.goto(site_url)
    search(page, "RESET")
    groups = page.locator(".rs-search__group")
    shown = groups.count()
    assert "altri risultati più sotto" in page.locator(".rs-search__summary").inner_text()
    page.locator(".rs-search__more").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("n => document.querySelectorAll('.rs-search__group').length > n", arg=shown)
    # The focus goes to the first page added, not lost with the button.
    assert page.evaluate("n => document.activeElement === document.querySelectorAll('.rs-search__group')[n].querySelector('a')", shown)
    assert f"{groups.count()} pagine" in page.locator("#rs-search-status").inner_text()


def test_nothing_found_is_said_and_escape_closes(visit, site_url):
    page = visit.page
    page.goto(site_url)
    search(page, "zzzzqqq")
    assert page.locator(".rs-search__summary").inner_text() == "Nessun risultato per «zzzzqqq»."
    page.keyboard.press("Escape")
    assert page.locator(".rs-search__panel").is_hidden()
    assert page.evaluate("document.activeElement.id") == FIELD[1:]


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_results_are_accessible(visit, site_url, scheme):
    page = visit.page
    page.goto(site_url + EPISODE)
    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    search(page, "registrazione originale")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    violations = [f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]
    assert violations == []


def test_a_phone_shows_the_results_on_the_screen(browser, site_url):
    visit = Visit(browser, site_url, viewport={"width": 390, "height": 844})
    try:
        page = visit.page
        page.goto(site_url)
        page.locator(FIELD).click()
        page.keyboard.type("registrazione originale")
        page.wait_for_selector(MOMENTS)
        box = page.locator(".rs-search__panel").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert visit.errors == []
    finally:
        visit.context.close()
