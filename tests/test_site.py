"""End to end: the real CLI builds a small project with MkDocs + Material; we read the HTML."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import BASE_FIXTURE, copy_project, edit_front_matter, run_cli
from lxml import html as lxml_html


def build(project: Path, site: Path) -> None:
    result = run_cli("build", "-d", str(site), cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = copy_project(BASE_FIXTURE, tmp_path_factory.mktemp("base") / "project")
    site = project / "site"
    build(project, site)
    return site


def page(site: Path, path: str):
    return lxml_html.fromstring((site / path).read_bytes())


def resolve(site: Path, from_page: str, href: str) -> Path:
    """The file a relative link on ``from_page`` (a path under site/) points to."""
    target = (site / from_page).parent / href.split("#")[0]
    return target / "index.html" if href.endswith("/") or target.is_dir() else target


def test_build_reports_where_site_and_feed_are(tmp_path):
    project = copy_project(BASE_FIXTURE, tmp_path / "p")
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "site/" in result.stdout
    assert "site/feed.xml" in result.stdout
    assert "https://podcast.example.org/feed.xml" in result.stdout
    assert (project / "site/feed.xml").is_file()


def test_episode_page(site):
    doc = page(site, "podcast/02-secondo/index.html")
    assert doc.get("lang") == "it"
    assert doc.findtext(".//h1").strip() == "Il secondo episodio"
    [audio] = doc.xpath("//audio")
    assert audio.get("preload") in ("none", "metadata")
    assert audio.get("src") == "02-secondo.m4a"
    assert (site / "podcast/02-secondo/02-secondo.m4a").is_file()
    [download] = doc.xpath("//a[@download]")
    assert download.get("href") == "02-secondo.m4a"
    text = doc.text_content()
    assert "20 febbraio 2024" in text
    assert "2 s" in text
    assert "Le note del secondo episodio." in text
    # The people in it, linked to their pages, with their role in Italian.
    people = {a.text_content().strip(): a.get("href") for a in doc.xpath("//a[contains(@class, 'rs-person__name')]")}
    assert people == {"Anna Bianchi": "../../persone/anna-bianchi/", "Mario Rossi": "../../persone/mario-rossi/"}
    assert "(Conduzione)" in text
    for href in people.values():
        assert resolve(site, "podcast/02-secondo/index.html", href).is_file()
    # Artwork and how to subscribe.
    [art] = doc.xpath("//img[contains(@class, 'rs-artwork')]")
    assert resolve(site, "podcast/02-secondo/index.html", art.get("src")).is_file()
    assert art.get("alt")
    assert doc.xpath("//input[@id='rs-feed-url']/@value") == ["https://podcast.example.org/feed.xml"]
    # The story that names this episode links back from it.
    assert "La prima storia" in text


def test_podcast_page_lists_episodes_newest_first(site):
    doc = page(site, "podcast/index.html")
    titles = [a.text_content().strip() for a in doc.xpath("//li[contains(@class,'rs-card')]//h3/a")]
    assert titles == ["Il secondo episodio", "Il primo episodio"]
    assert "Un podcast di prova per i test." in doc.text_content()
    assert doc.xpath("//input[@id='rs-feed-url']/@value") == ["https://podcast.example.org/feed.xml"]


def test_person_page_lists_episodes_and_stories(site):
    doc = page(site, "persone/mario-rossi/index.html")
    text = doc.text_content()
    assert doc.findtext(".//h1").strip() == "Mario Rossi"
    assert "Presidente, Associazione Esempio" in text
    assert "Biografia di Mario Rossi." in text
    links = [a.text_content().strip() for a in doc.xpath("//li[contains(@class,'rs-card')]//h3/a")]
    assert links == ["Il secondo episodio", "La prima storia"]
    anna = page(site, "persone/anna-bianchi/index.html")
    assert [a.text_content().strip() for a in anna.xpath("//li[contains(@class,'rs-card')]//h3/a")] == ["Il secondo episodio", "Il primo episodio"]
    index = page(site, "persone/index.html")
    assert [a.text_content().strip() for a in index.xpath("//a[contains(@class,'rs-person__name')]")] == ["Anna Bianchi", "Mario Rossi"]


def test_story_page_links_people_episode_and_theme(site):
    doc = page(site, "storie/prima-storia/index.html")
    text = doc.text_content()
    assert "10 marzo 2024" in text
    assert "Il testo della storia." in text
    hrefs = {a.text_content().strip(): a.get("href") for a in doc.xpath("//div[contains(@class,'rs-story')]//a")}
    assert hrefs["Mario Rossi"] == "../../persone/mario-rossi/"
    assert hrefs["Il secondo episodio"] == "../../podcast/02-secondo/"
    assert hrefs["ambiente"] == "../temi/ambiente/"
    for href in hrefs.values():
        assert resolve(site, "storie/prima-storia/index.html", href).is_file()
    theme = page(site, "storie/temi/ambiente/index.html")
    assert "La prima storia" in theme.text_content()
    assert "Ancora nessuna storia su questo tema" in page(site, "storie/temi/scuola/index.html").text_content()
    assert "La prima storia" in page(site, "storie/index.html").text_content()


def test_every_page_advertises_the_feed(site):
    # Every page of the site (the standalone HTML transcripts are documents, not pages).
    pages = sorted(p for p in site.rglob("*.html") if p.name in ("index.html", "404.html"))
    assert len(pages) >= 10
    for path in pages:
        links = lxml_html.fromstring(path.read_bytes()).xpath("//head/link[@rel='alternate'][@type='application/rss+xml']")
        assert [link.get("href") for link in links] == ["https://podcast.example.org/feed.xml"], path


def test_items_are_not_in_the_nav(site):
    # MkDocs renders the whole nav into every page: items in it would make builds quadratic.
    doc = page(site, "index.html")
    nav_links = doc.xpath("//nav[contains(@class,'md-nav--primary')]//a/@href")
    assert nav_links, "the primary nav exists"
    assert not [h for h in nav_links if "02-secondo" in h or "mario-rossi" in h or "prima-storia" in h]
    assert any(h.endswith("podcast/") for h in nav_links)


def test_markup_in_content_is_escaped_on_pages(tmp_path):
    project = copy_project(BASE_FIXTURE, tmp_path / "p")
    hostile = 'Tom & Jerry <script>alert("x")</script>'
    edit_front_matter(project / "episodes/02-secondo.md", title=hostile, summary=hostile)
    edit_front_matter(project / "content/storie/prima-storia.md", title=hostile, summary=hostile)
    edit_front_matter(project / "content/persone/mario-rossi.md", name=hostile)
    site = project / "site"
    build(project, site)
    for path in ("podcast/02-secondo/index.html", "podcast/index.html", "storie/prima-storia/index.html",
                 "storie/index.html", "persone/mario-rossi/index.html", "persone/index.html"):
        raw = (site / path).read_text(encoding="utf-8")
        assert '<script>alert("x")</script>' not in raw, path
        assert "&amp;amp;" not in raw, path
        doc = lxml_html.fromstring(raw)
        assert hostile in doc.text_content(), path
    title = lxml_html.fromstring((site / "podcast/02-secondo/index.html").read_bytes()).findtext(".//title")
    assert title.startswith(hostile)


def tree_digest(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path):
    project = copy_project(BASE_FIXTURE, tmp_path / "p")
    build(project, tmp_path / "one")
    build(project, tmp_path / "two")
    one, two = tree_digest(tmp_path / "one"), tree_digest(tmp_path / "two")
    assert one == two
    assert "sitemap.xml.gz" in one and "feed.xml" in one


def test_mkdocs_build_works_directly(tmp_path):
    import subprocess
    import sys

    project = copy_project(BASE_FIXTURE, tmp_path / "p")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run([str(mkdocs), "build", "-d", str(tmp_path / "out")], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/feed.xml").is_file()
    assert (tmp_path / "out/podcast/01-primo/index.html").is_file()
    # Same plugin, same output as through our own command.
    build(project, tmp_path / "cli")
    assert tree_digest(tmp_path / "out") == tree_digest(tmp_path / "cli")


def test_mkdocs_build_stops_on_bad_content_without_traceback(tmp_path):
    import subprocess
    import sys

    project = copy_project(BASE_FIXTURE, tmp_path / "p")
    edit_front_matter(project / "episodes/01-primo.md", date="5 maggio")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run([str(mkdocs), "build"], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert 'episodes/01-primo.md:3: date: "5 maggio" non è una data — scrivi la data come 2024-05-05' in result.stderr


def test_staff_text_introduces_a_generated_list(tmp_path):
    project = copy_project(BASE_FIXTURE, tmp_path / "p")
    (project / "content/podcast").mkdir()
    (project / "content/podcast/index.md").write_text("# Il nostro podcast\n\nBenvenuti all'ascolto.\n", encoding="utf-8")
    build(project, project / "site")
    doc = page(project / "site", "podcast/index.html")
    assert [h.text_content().strip() for h in doc.xpath("//h1")] == ["Il nostro podcast"]
    text = doc.text_content()
    assert "Benvenuti all'ascolto." in text
    assert "Il primo episodio" in text and "Il secondo episodio" in text


def broken_links(site: Path) -> list[str]:
    """Every internal href/src in every page that points at no file of the site."""
    from urllib.parse import unquote, urlsplit

    broken = []
    for path in sorted(site.rglob("*.html")):
        doc = lxml_html.fromstring(path.read_bytes())
        for element, _attribute, link, _ in doc.iterlinks():
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path or element.tag == "form":
                continue
            # Root-relative links (the 404 page uses them) start from the site's root.
            base = site if parts.path.startswith("/") else path.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{path.relative_to(site)}: {link}")
    return broken


@pytest.mark.parametrize("directory_urls", [True, False])
def test_no_broken_internal_links(tmp_path, directory_urls):
    project = copy_project(BASE_FIXTURE, tmp_path / "p")
    if not directory_urls:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    build(project, project / "site")
    assert broken_links(project / "site") == []
    assert (project / "site/podcast/01-primo/01-primo.mp3").is_file()
    episode_page = project / "site" / ("podcast/01-primo/index.html" if directory_urls else "podcast/01-primo.html")
    assert episode_page.is_file()


def test_demo_has_no_broken_internal_links(tmp_path):
    from conftest import REPO

    project = copy_project(REPO, tmp_path / "demo")
    build(project, project / "site")
    assert broken_links(project / "site") == []


def test_episode_page_shows_chapters_and_transcript(site):
    doc = page(site, "podcast/01-primo/index.html")
    chapters = doc.xpath("//ol[contains(@class,'rs-chapters__list')]/li")
    assert [li.get("data-rs-start") for li in chapters] == ["0.0", "1.5"]
    links = [li.xpath("a[@data-rs-seek]")[0] for li in chapters]
    assert [(a.get("href"), a.text_content().strip()) for a in links] == [("#t=0.0", "00:00 Apertura"), ("#t=1.5", "00:01 La risposta di Mario")]
    assert chapters[1].xpath("a[@rel='noopener']/@href") == ["https://example.org/mario"]
    # The transcript is text on the page (readable without JavaScript), cue by cue, with its times.
    cues = doc.xpath("//div[@class='rs-transcript']/p[@class='rs-cue']")
    assert [(c.get("data-rs-start"), c.get("data-rs-end")) for c in cues] == [("0", "1.5"), ("1.5", "2.4"), ("2.4", "2.9")]
    assert cues[1].text_content() == "00:01 Mario Rossi Grazie, Anna."
    downloads = doc.xpath("//a[@download and contains(@href, '01-primo.') and not(contains(@href, '.mp3'))]/@href")
    assert sorted(downloads) == ["01-primo.html", "01-primo.json", "01-primo.srt", "01-primo.vtt"]
    for href in downloads:
        assert resolve(site, "podcast/01-primo/index.html", href).is_file()
    # The player's script is on the page.
    assert any(src.endswith("reset-stories.js") for src in doc.xpath("//script/@src"))


def test_transcripts_are_found_by_site_search(site):
    from search_index import records

    texts = [record["content"] for record in records(site) if record["address"] == "podcast/01-primo/"]
    assert any("Grazie, Anna." in text for text in texts)


def test_cors_headers_for_web_players(site):
    assert (site / "_headers").read_text(encoding="utf-8") == "/feed.xml\n  Access-Control-Allow-Origin: *\n/podcast/*\n  Access-Control-Allow-Origin: *\n"
    assert (site / "podcast/01-primo/01-primo.chapters.json").is_file()


def test_shared_links_show_title_summary_and_image(site):
    doc = page(site, "podcast/01-primo/index.html")
    meta = {m.get("property") or m.get("name"): m.get("content") for m in doc.xpath("//head/meta[@property or @name]")}
    assert meta["og:title"] == "Il primo episodio"
    assert meta["og:description"] == "Il primo episodio di prova."
    assert meta["og:url"] == "https://podcast.example.org/podcast/01-primo/"
    assert meta["og:image"] == "https://podcast.example.org/podcast/copertina.jpg"  # the full artwork
    assert meta["og:type"] == "article" and meta["twitter:card"] == "summary"
    person = {m.get("property"): m.get("content") for m in page(site, "persone/mario-rossi/index.html").xpath("//head/meta[@property]")}
    assert (person["og:title"], person["og:type"]) == ("Mario Rossi", "profile")
    story = {m.get("property"): m.get("content") for m in page(site, "storie/prima-storia/index.html").xpath("//head/meta[@property]")}
    assert story["og:description"] == "Una storia di prova."


def test_pages_show_small_images_and_say_what_they_show(site):
    doc = page(site, "podcast/01-primo/index.html")
    [art] = doc.xpath("//img[contains(@class,'rs-artwork')]")
    assert art.get("src") == "../copertina-360.jpg"
    assert art.get("alt") == "Copertina del podcast «Voci di prova»"


def test_alt_texts_and_platforms_from_the_settings(tmp_path):
    from conftest import edit_podcast_settings

    project = copy_project(BASE_FIXTURE, tmp_path / "p")
    edit_podcast_settings(
        project, artwork_alt="Un microfono rosso su fondo bianco",
        platforms=[{"name": "Apple Podcasts", "url": "https://podcasts.apple.com/it/podcast/id1"}, {"name": "Spotify", "url": "https://open.spotify.com/show/x"}],
    )
    build(project, project / "site")
    doc = page(project / "site", "podcast/index.html")
    assert doc.xpath("//img[contains(@class,'rs-artwork')]/@alt") == ["Un microfono rosso su fondo bianco"]
    platforms = {a.text_content().strip(): a.get("href") for a in doc.xpath("//ul[contains(@class,'rs-platforms')]//a")}
    assert platforms == {"Apple Podcasts": "https://podcasts.apple.com/it/podcast/id1", "Spotify": "https://open.spotify.com/show/x"}


def test_no_font_is_fetched_from_google_even_when_the_theme_asks(tmp_path):
    project = copy_project(BASE_FIXTURE, tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  font: false\n", "  font:\n    text: Roboto\n"), encoding="utf-8")
    build(project, project / "site")
    for path in (project / "site").rglob("*.html"):
        assert "fonts.googleapis.com" not in path.read_text(encoding="utf-8"), path
