"""Lists that stay small: the podcast, stories, theme, year and person pages continue on numbered
pages with stable URLs, newest first; the feed, the search and the items' pages are unchanged.

On the plan (unit), then on real builds of a synthetic project with each engine.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from conftest import BASE_FIXTURE, LATER, copy_project, edit_front_matter, load, plan_of, run_cli
from lxml import html as lxml_html
from paginated import write_corpus
from search_index import records
from test_site import broken_links, tree_digest

from reset_stories.cli import ENGINES
from reset_stories.content.settings import DEFAULT_PAGE_SIZE
from reset_stories.site import urls


def plan(project: Path):
    loaded = load(project, LATER)
    assert loaded.catalog is not None, [str(p) for p in loaded.problems.items]
    return plan_of(loaded.catalog)


def pages_of(site_plan, first: str) -> list:
    """The pages of the list whose first page is ``first``, in order."""
    found = []
    number = 1
    while (page := site_plan.page(urls.list_page(first, number))) is not None:
        found.append(page)
        number += 1
    return found


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "project")


@pytest.fixture(scope="module")
def corpus_plan(corpus):
    return plan(corpus)


# --- the plan ----------------------------------------------------------------------------------

def test_the_default_page_size_serves_a_phone():
    assert DEFAULT_PAGE_SIZE == 20


def test_list_pages_follow_the_first_under_pagina():
    assert urls.list_page("podcast/index.md", 1) == "podcast/index.md"
    assert urls.list_page("podcast/index.md", 2) == "podcast/pagina/2.md"
    assert urls.list_page("storie/temi/ambiente.md", 3) == "storie/temi/ambiente/pagina/3.md"
    assert urls.list_page("storie/anni/2024.md", 2) == "storie/anni/2024/pagina/2.md"
    assert urls.list_page("persone/aldo-buzio.md", 2) == "persone/aldo-buzio/pagina/2.md"
    assert urls.list_page("index.md", 2) == "pagina/2.md"


def test_the_podcast_page_continues_on_numbered_pages_newest_first(corpus_plan):
    pages = pages_of(corpus_plan, "podcast/index.md")
    assert [p.src_uri for p in pages] == ["podcast/index.md", "podcast/pagina/2.md", "podcast/pagina/3.md"]
    assert [len(p.context["episodes"]) for p in pages] == [20, 20, 5]
    titles = [card["title"] for p in pages for card in p.context["episodes"]]
    assert titles == [f"Episodio {n}" for n in range(45, 0, -1)]  # every episode once, newest first
    first, second, third = pages
    # Page 1 stays where it was, in the nav and in search; the others are neither.
    assert first.in_nav and first.searchable and first.title == "Voci del corpus"
    assert [(p.in_nav, p.searchable, p.markdown) for p in (second, third)] == [(False, False, "")] * 2
    assert second.title == "Voci del corpus — pagina 2"
    assert second.context["social"]["url"] == "https://corpus.example.org/podcast/pagina/2/"
    assert second.context["social"]["title"] == "Voci del corpus — pagina 2"
    assert first.context["social"]["url"] == "https://corpus.example.org/podcast/"
    assert second.context["pages"] == {
        "number": 2, "count": 3, "previous": "podcast/", "next": "podcast/pagina/3/",
        "links": [
            {"number": 1, "url": "podcast/", "current": False},
            {"number": 2, "url": "podcast/pagina/2/", "current": True},
            {"number": 3, "url": "podcast/pagina/3/", "current": False},
        ],
    }
    assert first.context["pages"]["previous"] is None and third.context["pages"]["next"] is None


def test_the_stories_themes_years_and_people_continue_too(corpus_plan):
    stories = pages_of(corpus_plan, "storie/index.md")
    assert [len(p.context["stories"]) for p in stories] == [20, 20, 5]
    assert [c["title"] for p in stories for c in p.context["stories"]] == [f"Storia {n}" for n in range(45, 0, -1)]
    assert stories[1].title == "Storie — pagina 2"
    # Each theme has 18 of the 45 stories: one page at the default size.
    for theme in ("ambiente", "scuola", "cultura", "impresa", "territorio"):
        [page] = pages_of(corpus_plan, f"storie/temi/{theme}.md")
        assert page.context["pages"] is None and len(page.context["stories"]) == 18
    # All 45 stories are of 2020.
    years = pages_of(corpus_plan, "storie/anni/2020.md")
    assert [p.title for p in years] == ["Storie del 2020", "Storie del 2020 — pagina 2", "Storie del 2020 — pagina 3"]
    assert years[0].template == "stories.html" and years[0].context["year"] == 2020 and not years[0].in_nav
    # A person's episodes and stories continue together: page N shows the N-th slice of each.
    person = corpus_plan.page("persone/persona-001.md")
    assert person.context["pages"] is None  # 18 episodes and 9 stories fit on one page


def test_a_person_with_long_lists_continues_both_together(tmp_path):
    project = write_corpus(tmp_path / "p", episodes=45, stories=12, people=1, settings="page_size: 10")
    pages = pages_of(plan(project), "persone/persona-001.md")
    assert [p.src_uri for p in pages][:2] == ["persone/persona-001.md", "persone/persona-001/pagina/2.md"]
    assert [(len(p.context["episodes"]), len(p.context["stories"])) for p in pages] == [(10, 10), (10, 2), (10, 0), (10, 0), (5, 0)]
    assert pages[0].markdown is None  # staff wrote it: their text stays on page 1
    assert pages[1].title == "Persona Numero 1 — pagina 2" and pages[1].template == "person.html"


def test_the_numbered_links_stay_few_however_many_pages(tmp_path):
    project = write_corpus(tmp_path / "p", episodes=45, stories=0, people=2, settings="page_size: 2")
    pages = pages_of(plan(project), "podcast/index.md")
    assert len(pages) == 23

    def numbers(page):
        return [link["number"] for link in page.context["pages"]["links"]]

    assert numbers(pages[0]) == [1, 2, 3, None, 23]
    assert numbers(pages[3]) == [1, 2, 3, 4, 5, 6, None, 23]  # no gap of a single page
    assert numbers(pages[11]) == [1, None, 10, 11, 12, 13, 14, None, 23]
    assert numbers(pages[22]) == [1, None, 21, 22, 23]


def test_page_urls_are_a_function_of_their_number_only(tmp_path):
    project = write_corpus(tmp_path / "p", episodes=40, stories=0, people=2)
    before = pages_of(plan(project), "podcast/index.md")
    write_corpus(project, episodes=41, stories=0, people=2)  # a new episode comes out
    after = pages_of(plan(project), "podcast/index.md")
    assert [p.src_uri for p in after[:2]] == [p.src_uri for p in before]
    assert after[2].src_uri == "podcast/pagina/3.md"
    # Everything shifts one place: the last of page 1 is now the first of page 2.
    assert after[1].context["episodes"][0]["title"] == before[0].context["episodes"][-1]["title"] == "Episodio 21"


def test_a_list_that_fits_has_one_page(tmp_path):
    project = write_corpus(tmp_path / "p", episodes=20, stories=21, people=2)
    site_plan = plan(project)
    [podcast] = pages_of(site_plan, "podcast/index.md")
    assert podcast.context["pages"] is None and len(podcast.context["episodes"]) == 20
    assert len(pages_of(site_plan, "storie/index.md")) == 2


def test_staff_text_stays_on_the_first_page_only(tmp_path):
    project = write_corpus(tmp_path / "p", episodes=25, stories=0, people=2)
    (project / "content/podcast").mkdir()
    (project / "content/podcast/index.md").write_text("# Il nostro podcast\n\nBenvenuti.\n", encoding="utf-8")
    first, second = pages_of(plan(project), "podcast/index.md")
    assert (first.markdown, first.title) == (None, None)  # the staff text and its title
    assert (second.markdown, second.title) == ("", "Voci del corpus — pagina 2")


def test_year_archives_list_each_years_stories_latest_year_first(tmp_path):
    project = write_corpus(tmp_path / "p", episodes=3, stories=6, people=2)
    for n in (2, 5):
        edit_front_matter(project / f"content/storie/storia-{n:05d}.md", date="2019-12-30")
    site_plan = plan(project)
    index = site_plan.page("storie/index.md")
    assert index.context["years"] == [
        {"year": 2020, "url": "storie/anni/2020/", "count": 4},
        {"year": 2019, "url": "storie/anni/2019/", "count": 2},
    ]
    assert [c["title"] for c in site_plan.page("storie/anni/2019.md").context["stories"]] == ["Storia 5", "Storia 2"]
    assert site_plan.page("storie/temi/ambiente.md").context["years"] == index.context["years"]


def test_staff_may_link_to_a_year_archive(tmp_path):
    project = write_corpus(tmp_path / "p", episodes=1, stories=2, people=1)
    home = project / "content/index.md"
    home.write_text("[Il 2020](storie/anni/2020.md) e [il 2019](storie/anni/2019.md)\n", encoding="utf-8")
    loaded = load(project, LATER)
    assert [(p.field, "storie/anni/2019.md" in p.message) for p in loaded.problems.errors] == [(None, True)]


def test_the_demo_and_the_base_fixture_fit_on_one_page(tmp_path):
    for source in (BASE_FIXTURE, Path(__file__).resolve().parent.parent):
        site_plan = plan(copy_project(source, tmp_path / source.name))
        assert not [p.src_uri for p in site_plan.pages if "/pagina/" in p.src_uri]
        assert site_plan.page("podcast/index.md").context["pages"] is None


def test_without_directory_urls_list_pages_are_html_files(tmp_path):
    project = write_corpus(tmp_path / "p", episodes=25, stories=0, people=2)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    first, second = pages_of(plan(project), "podcast/index.md")
    assert first.context["pages"]["next"] == "podcast/pagina/2.html"
    assert second.context["pages"]["previous"] == "podcast/"


@pytest.mark.parametrize(("written", "message"), [
    ("0", '"0" non è un numero di elementi per pagina'),
    ("-3", '"-3" non è un numero di elementi per pagina'),
    ("true", '"true" non è un numero di elementi per pagina'),
])
def test_a_wrong_page_size_is_told_in_italian(tmp_path, written, message):
    project = write_corpus(tmp_path / "p", episodes=1, stories=0, people=1, settings=f"page_size: {written}")
    loaded = load(project, LATER)
    [problem] = loaded.problems.errors
    assert problem.field == "reset-stories.page_size"
    assert message in problem.message and "per esempio «page_size: 20»" in problem.message


def test_a_page_size_that_is_not_a_number_is_told_on_its_line(tmp_path):
    project = write_corpus(tmp_path / "p", episodes=1, stories=0, people=1, settings="page_size: venti")
    result = run_cli("check", cwd=project)
    assert result.returncode != 0
    said = r"mkdocs\.yml:\d+: reset-stories\.page_size: deve essere un numero intero, non un testo\."
    assert re.search(said, result.stderr + result.stdout)
    assert "Traceback" not in result.stderr


# --- real builds, with each engine -------------------------------------------------------------

@pytest.fixture(scope="module", params=ENGINES)
def built(request, tmp_path_factory) -> Path:
    """The corpus built by each engine."""
    project = write_corpus(tmp_path_factory.mktemp(f"built-{request.param}") / "project")
    result = run_cli("build", "--engine", request.param, cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def doc(site: Path, path: str):
    return lxml_html.fromstring((site / path).read_bytes())


def targets(path: str, hrefs: list[str]) -> list[str]:
    """Where the links of the page at ``path`` lead, site-relative (engines write "./x/" or "x/")."""
    return [urljoin(f"https://site/{path}", href).removeprefix("https://site/") for href in hrefs]


def test_built_pages_have_an_accessible_navigation(built):
    page = doc(built, "podcast/pagina/2/index.html")
    assert page.findtext(".//title").startswith("Voci del corpus — pagina 2")
    assert page.findtext(".//h1").strip() == "Voci del corpus — pagina 2"
    [nav] = page.xpath("//nav[@aria-label='Paginazione']")
    assert nav.xpath(".//a[@aria-current='page']/text()") == ["2"]
    [previous] = nav.xpath(".//a[@rel='prev']")
    [following] = nav.xpath(".//a[@rel='next']")
    assert (previous.get("aria-label"), following.get("aria-label")) == ("Pagina precedente", "Pagina successiva")
    assert "Precedente" in previous.text_content() and "Successiva" in following.text_content()
    here = "podcast/pagina/2/"
    assert targets(here, [previous.get("href"), following.get("href")]) == ["podcast/", "podcast/pagina/3/"]
    assert targets(here, page.xpath("//head/link[@rel='prev']/@href")) == ["podcast/"]
    assert targets(here, page.xpath("//head/link[@rel='next']/@href")) == ["podcast/pagina/3/"]
    # Page 2 begins with the 21st newest episode; it does not repeat page 1's introduction.
    assert page.xpath("//ul[@class='rs-cards']/li[1]//h3/a/text()") == ["Episodio 25"]
    assert not page.xpath("//*[@class='rs-subscribe']")
    # Page 1, where it always was, links to page 2.
    first = doc(built, "podcast/index.html")
    assert targets("podcast/", first.xpath("//nav[@aria-label='Paginazione']//a[@rel='next']/@href")) == ["podcast/pagina/2/"]
    assert first.xpath("//*[@class='rs-subscribe']")


def test_built_year_pages_are_linked_from_the_stories_page(built):
    stories = doc(built, "storie/index.html")
    assert targets("storie/", stories.xpath("//nav[@aria-label='Anni']//a/@href")) == ["storie/anni/2020/"]
    year = doc(built, "storie/anni/2020/pagina/3/index.html")
    assert year.xpath("//ul[@class='rs-cards']/li//h3/a/text()") == [f"Storia {n}" for n in range(5, 0, -1)]
    assert year.xpath("//nav[@aria-label='Anni']//strong[@aria-current='page']/text()") == ["2020"]


def test_generated_list_pages_stay_out_of_the_nav(built):
    for path in ("index.html", "podcast/index.html", "podcast/pagina/2/index.html", "storie/anni/2020/index.html"):
        assert not doc(built, path).xpath("//nav[contains(@class,'md-nav')]//a[contains(@href,'pagina') or contains(@href,'anni')]")


def test_the_feed_search_and_sitemap_keep_every_item(built):
    feed = feedparser.parse((built / "feed.xml").read_bytes())
    assert len(feed.entries) == 45
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    for n in range(1, 46):
        assert f"/podcast/{n:05d}-episodio/</loc>" in sitemap
        assert f"/storie/storia-{n:05d}/</loc>" in sitemap
    found = {record["address"] for record in records(built)}
    assert {f"podcast/{n:05d}-episodio/" for n in range(1, 46)} <= found
    assert not [location for location in found if "pagina/" in location]  # list pages add no search entry


def test_built_paginated_site_has_no_broken_links(built):
    assert broken_links(built) == []


def test_pagination_leaves_the_feed_as_it_was(tmp_path):
    """The same project with one page per list and with many: the same feed, byte for byte."""
    feeds = []
    for settings in ("page_size: 1000", "page_size: 3"):
        project = write_corpus(tmp_path / settings.split()[-1], episodes=12, stories=4, people=2, settings=settings)
        result = run_cli("build", cwd=project)
        assert result.returncode == 0, result.stderr
        feeds.append((project / "site/feed.xml").read_bytes())
        pages = sorted(p.relative_to(project / "site").as_posix() for p in (project / "site").rglob("pagina/*/index.html"))
        paginated = [
            "persone/persona-001/pagina/2/index.html", "persone/persona-002/pagina/2/index.html",
            "podcast/pagina/2/index.html", "podcast/pagina/3/index.html", "podcast/pagina/4/index.html",
            "storie/anni/2020/pagina/2/index.html", "storie/pagina/2/index.html",
        ]
        assert pages == ([] if settings == "page_size: 1000" else paginated)
    assert feeds[0] == feeds[1]


@pytest.mark.parametrize("engine", ENGINES)
def test_paginated_builds_are_byte_identical(tmp_path, engine):
    project = write_corpus(tmp_path / "p", episodes=12, stories=7, people=2, settings="page_size: 3")
    for name in ("one", "two"):
        result = run_cli("build", "--engine", engine, "-d", str(tmp_path / name), cwd=project)
        assert result.returncode == 0, result.stderr
    one = tree_digest(tmp_path / "one")
    assert "podcast/pagina/4/index.html" in one
    assert one == tree_digest(tmp_path / "two")
