"""`reset-stories build --engine zensical`: Zensical builds the site MkDocs builds, and the
publishing stage keeps its promises with it.

Real builds of copies of the real demo (with its published.yml), through the real command, no
mocks. They prove:

1. both engines build the same pages (the HTML files outside assets/), and every other file but
   the engines' own (:data:`ENGINE_OWN`) is byte-identical: the feed, the chapters, transcripts and
   other data files, the audio and images (links to the cache's copy in both); the sitemaps list
   the same addresses;
2. every page's content (its ``<article>``) is the same, element by element, once links are
   resolved against the page's address (Zensical writes ``./a`` where MkDocs writes ``a``): so the
   episode pages have the player, the download link, the chapters (``data-rs-seek``), the
   transcript cues (``data-rs-start``), the people; every page (404 too) has the feed's link and
   the same social meta tags in its head; no content mark is left in any page of either build;
   Zensical's pages request nothing from another host;
3. the one sanitizer cleans an episode's notes and a story as with MkDocs, a fake end mark
   written into the content included;
4. two Zensical builds of the same input, in different folders, give byte-identical sites;
5. a content error or a failing Zensical (a project template MiniJinja refuses, which Jinja
   accepts) stops the build with an Italian report and no traceback, leaving the previous site
   byte-identical and no staging folder beside it;
6. published.yml gains a new episode's entry exactly as with the default engine;
7. ``finish_site`` refuses a built site that lacks a page of the plan, naming it (the guard
   against an engine that silently skips our pages);
8. ``generate --engine zensical OUT`` and a plain ``python -m zensical build`` in OUT give the
   same pages, the same feed and media; without the publishing stage the pages are not cleaned
   (the content marks stay): cleaned by the sanitizer, they are the pages ``build`` publishes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
import yaml
from conftest import REPO, copy_project, load, run_cli
from lxml import etree
from search_index import searchable_text

from reset_stories import sanitize
from reset_stories.publish.from_tree import MissingPages, finish_site, page_file
from reset_stories.publish.release import Release, prepare

SITE_URL = "https://reset.example.org/"
# What each engine writes of its own beside our pages, and may differ: its theme's scripts and
# stylesheets (their names carry hashes), its search index, MkDocs's compressed sitemap. The
# sitemap.xml both write is compared by the addresses it lists. Our search index (pagefind/) is
# made from each engine's pages, whose markup differs.
ENGINE_OWN = {
    "mkdocs": ("assets/javascripts/", "assets/stylesheets/", "sitemap.xml.gz", "pagefind/"),
    "zensical": ("assets/javascripts/", "assets/stylesheets/", "pagefind/"),
}
MARK = "reset-stories:content"
# Elements whose links the browser fetches by itself (unlike <a>, which waits for a click).
FETCHED = {"link", "script", "img", "audio", "video", "source", "track", "iframe", "embed", "object", "style"}
# A stylesheet that fetches from an absolute address (fonts, images, other stylesheets).
OTHER_HOST_IN_CSS = re.compile(r"""(?:url\(|@import)\s*['"]?(?:https?:)?//""")
# Added to an episode's notes and to a story: none of it may reach a page.
HOSTILE = """

<script>alert(1)</script>

<iframe src="https://evil.example.com/"></iframe>

<p onclick="steal()">Clicca qui</p>

<!--/reset-stories:content--><script>x()</script>

Fine del testo.
"""
NEW_EPISODE = """---
title: "Un episodio nuovo"
date: 2024-08-20
audio: audio/05-nuovo.mp3
summary: Un episodio aggiunto dopo la pubblicazione dei primi quattro.
guid: 2d0f7a52-6a8c-4a53-9f5e-3b6a2c1e9d41
number: 5
season: 1
type: full
explicit: false
---
Le note dell'episodio nuovo.
"""


# --- helpers -----------------------------------------------------------------------------------

def build(root: Path, *args: str, engine: str = "zensical", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli("build", "--engine", engine, *args, cwd=root, env=env)


def built_copy(folder: Path, engine: str) -> Path:
    """A fresh copy of the demo in ``folder``, built with ``engine`` into its site/."""
    root = copy_project(REPO, folder)
    result = build(root, engine=engine)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return root


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def pages_of(site: Path) -> set[str]:
    """The pages: the HTML files outside assets/ (the transcript's .html data file among them)."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("assets/")}


def rendered_pages(site: Path) -> set[str]:
    """The pages the engine renders (the data files written as .html left out)."""
    return {page for page in pages_of(site) if page.endswith("index.html") or page == "404.html"}


def ours(site: Path, engine: str) -> set[str]:
    """Every file of the site but the engine's own."""
    return {
        p.relative_to(site).as_posix() for p in site.rglob("*")
        if p.is_file() and not p.relative_to(site).as_posix().startswith(ENGINE_OWN[engine])
    }


def parsed(site: Path, page: str, *, finish: bool = False) -> lxml.html.HtmlElement:
    """``page`` parsed, its links resolved against its public address; ``finish``: first cleaned
    by the sanitizer, as the publishing stage does (for a site built without it)."""
    text = (site / page).read_text(encoding="utf-8")
    root = lxml.html.fromstring(sanitize.rendered_page(text) if finish else text)
    base = SITE_URL + ("" if page == "index.html" else page.removesuffix("index.html"))
    root.make_links_absolute(base)
    # The player's artwork for the lock screen: "URL sizes type" triples, URLs lxml does not know
    # (each engine writes a page's relative URLs its own way: "./podcast/…" or "podcast/…").
    for player in root.xpath("//*[@data-rs-artwork]"):
        words = player.get("data-rs-artwork").split()
        player.set("data-rs-artwork", " ".join(urljoin(base, w) if i % 3 == 0 else w for i, w in enumerate(words)))
    return root


def canonical(element: etree._Element) -> list[tuple[object, ...]]:
    """Every node under ``element`` with its attributes and text, white space folded."""
    def folded(text: str | None) -> str:
        return " ".join((text or "").split())
    return [
        (node.tag if isinstance(node.tag, str) else "#comment", tuple(sorted(node.attrib.items())), folded(node.text), folded(node.tail))
        for node in element.iter()
    ]


def article(site: Path, page: str, *, finish: bool = False) -> list[tuple[object, ...]]:
    """The page's content, canonical; Zensical's skip-link target (an empty anchor) left out."""
    root = parsed(site, page, finish=finish)
    for node in root.xpath("//a[@id='__skip']"):
        node.drop_tree()
    found = root.xpath("//article")
    assert len(found) == 1, page
    return canonical(found[0])


def features(site: Path, page: str, *, finish: bool = False) -> dict[str, Any]:
    """What an episode page must have, and what every page has in its head."""
    root = parsed(site, page, finish=finish)
    return {
        "player": root.xpath("//audio/@src"),
        "downloads": root.xpath("//a[@download]/@href"),
        "chapters": [a.get("data-rs-seek") for chapter in root.find_class("rs-chapter") for a in chapter.iter("a")],
        "cues": [cue.get("data-rs-start") for cue in root.find_class("rs-cue")],
        "people": [a.get("href") for person in root.find_class("rs-person") for a in person.iter("a")],
        "feed": [(link.get("title"), link.get("href")) for link in root.xpath("/html/head/link[@rel='alternate'][@type='application/rss+xml']")],
        "social": sorted(
            (meta.get("property") or meta.get("name"), meta.get("content"))
            for meta in root.xpath("/html/head/meta[starts-with(@property, 'og:') or starts-with(@name, 'twitter:')]")
        ),
        "title": root.findtext(".//title"),
        "canonical": root.xpath("/html/head/link[@rel='canonical']/@href"),
    }


def requested_hosts(site: Path, page: str) -> set[str]:
    """The hosts a browser asks for something when it opens ``page``."""
    return {
        urlsplit(link).hostname or "" for element, _, link, _ in parsed(site, page).iterlinks()
        if element.tag in FETCHED and not link.startswith("data:")
    }


def sitemap(site: Path) -> set[str]:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return set(etree.parse(str(site / "sitemap.xml")).getroot().xpath("//s:loc/text()", namespaces=namespace))


def release_of(root: Path) -> Release:
    release = prepare(load(root), write_media=True)
    assert release.plan is not None, release.problems
    return release


def episode_pages() -> list[str]:
    return [f"podcast/{p.stem}/index.html" for p in sorted((REPO / "episodes").glob("*.md"))]


def leftovers(root: Path) -> list[Path]:
    """Staging folders left beside the site."""
    return [*root.glob(".site.build-*"), *root.glob(".site.old-*")]


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_copy(tmp_path_factory.mktemp("mkdocs") / "demo", "mkdocs") / "site"


@pytest.fixture(scope="module")
def zensical_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_copy(tmp_path_factory.mktemp("zensical") / "demo", "zensical")


@pytest.fixture(scope="module")
def zensical_site(zensical_root: Path) -> Path:
    return zensical_root / "site"


@pytest.fixture(scope="module")
def release(zensical_root: Path) -> Release:
    return release_of(zensical_root)


# --- 1. the same site ----------------------------------------------------------------------------

def test_both_engines_build_the_same_pages_feed_data_and_media(mkdocs_site: Path, zensical_site: Path, release: Release) -> None:
    assert release.plan is not None
    pages = pages_of(mkdocs_site)
    assert {"404.html", "index.html", *episode_pages()} <= pages
    assert pages_of(zensical_site) == pages
    assert ours(zensical_site, "zensical") == ours(mkdocs_site, "mkdocs")
    assert sitemap(zensical_site) == sitemap(mkdocs_site)
    assert len(sitemap(mkdocs_site)) > len(episode_pages())
    rendered = {page for page in pages if page == "404.html" or page.endswith("index.html")}
    same_bytes = ours(mkdocs_site, "mkdocs") - rendered - {"sitemap.xml"}
    for name in sorted(same_bytes):
        assert (zensical_site / name).read_bytes() == (mkdocs_site / name).read_bytes(), name
    # Among them, what the plan publishes: the feed, the data files, the audio and images, which
    # both engines publish as links to the cache's copy.
    data = {data.dest_uri for data in release.plan.files}
    assert {"feed.xml", "podcast/04-reset/04-reset.chapters.json", "podcast/04-reset/04-reset.vtt", "podcast/04-reset/04-reset.json"} <= data
    assert data <= same_bytes
    audio = [media for media in release.plan.media if media.dest_uri.endswith(".mp3")]
    assert len(audio) == len(episode_pages())
    for media in release.plan.media:
        assert media.dest_uri in same_bytes
        assert (zensical_site / media.dest_uri).samefile(media.source), media.dest_uri
        assert (mkdocs_site / media.dest_uri).read_bytes() == media.source.read_bytes()


# --- 2. the same pages -----------------------------------------------------------------------------

def test_every_page_has_the_same_content_with_both_engines(mkdocs_site: Path, zensical_site: Path) -> None:
    pages = rendered_pages(mkdocs_site)
    assert len(pages) == len(pages_of(mkdocs_site)) - 1  # all but the transcript's .html, compared byte for byte
    for page in sorted(pages):
        assert article(zensical_site, page) == article(mkdocs_site, page), page


def test_the_episode_pages_have_player_chapters_transcript_and_people(mkdocs_site: Path, zensical_site: Path, release: Release) -> None:
    assert release.plan is not None
    feed = etree.parse(str(zensical_site / "feed.xml")).getroot()
    enclosures = {item.findtext("guid"): item.find("enclosure").get("url") for item in feed.iter("item")}
    players = set()
    for page in episode_pages():
        found = features(zensical_site, page)
        assert found == features(mkdocs_site, page), page
        [player] = found["player"]
        players.add(player)
        assert player in found["downloads"], page
    assert players == set(enclosures.values())
    reset = features(zensical_site, "podcast/04-reset/index.html")
    assert reset["chapters"] == ["0.0", "20.0", "28.0", "37.0", "46.0"]
    assert len(reset["cues"]) == 5
    assert reset["cues"][0] == "0"
    assert reset["people"] == [f"{SITE_URL}persone/{slug}/" for slug in ("francesca-lazzeroni", "aldo-buzio", "miriam-grottanelli-de-santi")]
    assert {f"{SITE_URL}podcast/04-reset/04-reset.{kind}" for kind in ("vtt", "srt", "json")} <= set(reset["downloads"])
    assert ("og:title", "RESET: una comunità di pratica per Siena") in reset["social"]
    assert ("twitter:card", "summary") in reset["social"]


def test_every_page_links_to_the_feed_with_the_same_head(mkdocs_site: Path, zensical_site: Path, release: Release) -> None:
    assert release.plan is not None and release.catalog is not None
    feed_link = [(release.plan.feed_title, release.plan.feed_url)]
    assert release.plan.feed_url == f"{SITE_URL}feed.xml"

    def head(site: Path, page: str) -> dict[str, Any]:
        return {key: value for key, value in features(site, page).items() if key in ("feed", "social", "title", "canonical")}

    for page in sorted(rendered_pages(mkdocs_site)):
        found = head(zensical_site, page)
        assert found["feed"] == feed_link, page
        assert found == head(mkdocs_site, page), page
    # The pages of episodes, stories, people and the podcast have their social meta tags.
    shared = [
        page_file(release.catalog.site.page_url(page.src_uri)) for page in release.plan.pages
        if page.template in ("episode.html", "story.html", "person.html", "podcast.html")
    ]
    assert len(shared) == len(episode_pages()) + 4 + 3 + 1
    for page in shared:
        assert dict(head(zensical_site, page)["social"])["og:url"] == SITE_URL + page.removesuffix("index.html"), page


def test_no_content_mark_is_left_and_zensical_asks_no_other_host(mkdocs_site: Path, zensical_site: Path) -> None:
    own = urlsplit(SITE_URL).hostname
    for site in (mkdocs_site, zensical_site):
        for page in sorted(pages_of(site)):
            assert MARK not in (site / page).read_text(encoding="utf-8"), (site, page)
    for page in sorted(pages_of(zensical_site)):
        assert requested_hosts(zensical_site, page) <= {own}, page
    assert requested_hosts(zensical_site, "index.html") == {own}
    stylesheets = sorted(zensical_site.rglob("*.css"))
    assert stylesheets
    for stylesheet in stylesheets:  # nor do its stylesheets (fonts, images, imports from elsewhere)
        assert not OTHER_HOST_IN_CSS.search(stylesheet.read_text(encoding="utf-8")), stylesheet


# --- 3. the sanitizer --------------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_sanitizer_cleans_notes_and_stories_with_either_engine(tmp_path: Path, engine: str) -> None:
    root = copy_project(REPO, tmp_path / "demo")
    for source in (root / "episodes/04-reset.md", root / "content/storie/formazione.md"):
        with source.open("a", encoding="utf-8") as out:
            out.write(HOSTILE)
    result = build(root, engine=engine)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    for page in ("podcast/04-reset/index.html", "storie/formazione/index.html"):
        text = (site / page).read_text(encoding="utf-8")
        tree = lxml.html.fromstring(text)
        assert "alert(1)" not in text, page
        assert "x()" not in text, page
        assert MARK not in text, page
        assert not tree.xpath("//iframe"), page
        assert not [name for element in tree.iter() if isinstance(element.tag, str) for name in element.attrib if name.startswith("on")], page
        paragraphs = [" ".join(p.text_content().split()) for p in tree.xpath("//article//p")]
        assert "Clicca qui" in paragraphs, page
        assert "Fine del testo." in paragraphs, page  # what follows the fake mark is kept, cleaned
    index = searchable_text(site)
    assert "Clicca qui" in index
    for hostile in ("alert(1)", "<iframe", "onclick", "x()"):
        assert hostile not in index


# --- 4. reproducible ---------------------------------------------------------------------------------

def test_two_zensical_builds_give_the_same_bytes(tmp_path: Path, zensical_site: Path) -> None:
    again = built_copy(tmp_path / "elsewhere" / "demo", "zensical") / "site"
    first, second = files_of(zensical_site), files_of(again)
    assert sorted(second) == sorted(first)
    for name, content in second.items():
        assert content == first[name], name


def test_a_rebuild_with_the_kept_tree_gives_the_same_bytes_and_drops_what_is_gone(tmp_path: Path) -> None:
    """The tree and Zensical's cache are kept between builds (in .cache/): a rebuild gives the same
    bytes as the first build, and a story turned back into a draft leaves no page, no search entry
    and no sitemap entry behind."""
    root = built_copy(tmp_path / "demo", "zensical")
    first = files_of(root / "site")
    assert (root / ".cache" / "reset-stories" / "zensical-build" / ".cache").is_dir()  # Zensical's own, kept
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert files_of(root / "site") == first
    story = root / "content" / "storie" / "nuova.md"
    story.write_text("---\ntitle: Storia nuova\ndate: 2024-08-01\nsummary: Una prova.\n---\nTesto.\n", encoding="utf-8")
    assert build(root).returncode == 0
    assert (root / "site" / "storie" / "nuova" / "index.html").is_file()
    story.write_text(story.read_text(encoding="utf-8").replace("title:", "draft: true\ntitle:"), encoding="utf-8")
    assert build(root).returncode == 0
    assert not (root / "site" / "storie" / "nuova").exists()
    assert "storie/nuova" not in (root / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "storie/nuova" not in searchable_text(root / "site")
    story.unlink()
    assert build(root).returncode == 0
    assert files_of(root / "site") == first


# --- 5. atomic and safe ------------------------------------------------------------------------------

def test_a_content_error_leaves_the_previous_site(tmp_path: Path) -> None:
    root = built_copy(tmp_path / "demo", "zensical")
    before = files_of(root / "site")
    ledger = (root / "published.yml").read_bytes()
    episode = root / "episodes/02-episodio-2.md"
    episode.write_text(
        episode.read_text(encoding="utf-8").replace('title: "La Città (titolo segnaposto)"', 'title: "La Città (titolo segnaposto)'),
        encoding="utf-8",
    )
    result = build(root)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "episodes/02-episodio-2.md:2: l'intestazione non è YAML valido: ci sono virgolette aperte e mai chiuse" in result.stderr
    assert "non è stato pubblicato nulla, il sito precedente è intatto" in result.stderr
    assert files_of(root / "site") == before
    assert (root / "published.yml").read_bytes() == ledger
    assert leftovers(root) == []


def test_a_failing_zensical_leaves_the_previous_site(tmp_path: Path) -> None:
    root = built_copy(tmp_path / "demo", "zensical")
    before = files_of(root / "site")
    ledger = (root / "published.yml").read_bytes()
    # A project template with a method call: Jinja (MkDocs) runs it, MiniJinja (Zensical) refuses it.
    (root / "overrides").mkdir()
    (root / "overrides/main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}{{ super() }}{{ config.extra.get("a") }}{% endblock %}\n', encoding="utf-8",
    )
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["custom_dir"] = "overrides"
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    temp = tmp_path / "temp"
    temp.mkdir()
    result = build(root, env={**os.environ, "TMPDIR": str(temp)})
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert "--engine: Zensical si è fermato (" in result.stderr
    assert f"il suo resoconto completo è in {temp / 'reset-stories-zensical.txt'}" in result.stderr
    assert "non è stato pubblicato nulla, il sito precedente è intatto" in result.stderr
    assert "no method named get" in (temp / "reset-stories-zensical.txt").read_text(encoding="utf-8")
    assert files_of(root / "site") == before
    assert (root / "published.yml").read_bytes() == ledger
    assert leftovers(root) == []
    # The template is a good one for MkDocs: it is Zensical that stopped.
    with_mkdocs = build(root, "-d", "site-mkdocs", engine="mkdocs")
    assert with_mkdocs.returncode == 0, with_mkdocs.stderr


# --- 6. the ledger -----------------------------------------------------------------------------------

def test_published_yml_gains_a_new_episode_as_with_the_default_engine(tmp_path: Path) -> None:
    ledgers = {}
    for engine in ("mkdocs", "zensical"):
        root = copy_project(REPO, tmp_path / engine)
        shutil.copyfile(root / "episodes/audio/03-episodio-3.mp3", root / "episodes/audio/05-nuovo.mp3")
        (root / "episodes/05-nuovo.md").write_text(NEW_EPISODE, encoding="utf-8")
        result = build(root, engine=engine)
        assert result.returncode == 0, result.stderr
        assert "Aggiornato published.yml" in result.stdout
        ledgers[engine] = (root / "published.yml").read_bytes()
    assert ledgers["zensical"] == ledgers["mkdocs"]
    before = yaml.safe_load((REPO / "published.yml").read_text(encoding="utf-8"))["episodes"]
    after = yaml.safe_load(ledgers["zensical"])["episodes"]
    assert after[:-1] == before
    assert after[-1] == {
        "guid": "2d0f7a52-6a8c-4a53-9f5e-3b6a2c1e9d41", "slug": "05-nuovo",
        "enclosure": f"{SITE_URL}podcast/05-nuovo/05-nuovo.mp3", "first_published": "2024-08-20T00:00:00+02:00",
        "title": "Un episodio nuovo",
    }


# --- 7. every page of the plan, or nothing ------------------------------------------------------------

def test_finish_site_refuses_a_site_without_a_planned_page(tmp_path: Path, zensical_site: Path, release: Release) -> None:
    built = tmp_path / "built"
    shutil.copytree(zensical_site, built)
    finish_site(release, built, engine="Zensical")  # a whole site passes, unchanged
    assert files_of(built) == files_of(zensical_site)
    (built / "podcast/02-episodio-2/index.html").unlink()
    with pytest.raises(MissingPages) as raised:
        finish_site(release, built, engine="Zensical")
    assert raised.value.missing == ["podcast/02-episodio-2.md"]
    assert str(raised.value).startswith("Zensical ha costruito il sito senza 1 pagine che dovevano esserci (podcast/02-episodio-2.md)")


# --- 8. generate, then Zensical by hand -----------------------------------------------------------------

def test_generate_then_plain_zensical_builds_the_same_pages(tmp_path: Path, zensical_site: Path) -> None:
    root = copy_project(REPO, tmp_path / "demo")
    result = run_cli("generate", "--engine", "zensical", "out", cwd=root)
    assert result.returncode == 0, result.stderr
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}  # no reset-stories needed
    zensical = subprocess.run(
        [sys.executable, "-m", "zensical", "build"], cwd=root / "out", env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert zensical.returncode == 0, zensical.stdout + zensical.stderr
    site = root / "out" / "site"
    assert pages_of(site) == pages_of(zensical_site)
    assert files_of(site / "podcast").keys() == files_of(zensical_site / "podcast").keys()
    for name in ("feed.xml", "podcast/04-reset/04-reset.chapters.json", "podcast/04-reset/04-reset.mp3"):
        assert (site / name).read_bytes() == (zensical_site / name).read_bytes(), name
    # Built without the publishing stage, the pages are not cleaned and keep the content marks:
    # cleaned as it cleans them, they are the pages `build --engine zensical` publishes.
    assert MARK in (site / "podcast/04-reset/index.html").read_text(encoding="utf-8")
    for page in sorted(rendered_pages(site)):
        assert article(site, page, finish=True) == article(zensical_site, page), page
        assert features(site, page, finish=True) == features(zensical_site, page), page
