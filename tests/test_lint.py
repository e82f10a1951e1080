"""The feed linter, on feeds broken on purpose: every rule an app enforces, with what to change."""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DATA, LATER, load, plan_of, run_cli
from lxml import etree

from reset_stories.feed.lint import FeedContext, check_plan, lint_feed, lint_file
from reset_stories.problems import Severity
from reset_stories.site.plan import DataFile, MediaPlan

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
}


@pytest.fixture
def built(project):
    catalog = load(project, LATER).catalog
    return catalog, plan_of(catalog)


def lint_changed(built, change: Callable[[etree._Element], None]) -> list[str]:
    """Lint the plan's feed after ``change`` edits its XML."""
    catalog, plan = built
    root = etree.fromstring(plan.feed)
    change(root)
    files = {f.dest_uri: f.content for f in plan.files}
    files[plan.feed_uri] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    changed = dataclasses.replace(plan, files=tuple(DataFile(u, c) for u, c in files.items()))
    return [str(p) for p in check_plan(changed, catalog)]


def set_text(path: str, value: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        for element in root.xpath(path, namespaces=NS):
            element.text = value
    return change


def set_attribute(path: str, name: str, value: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        for element in root.xpath(path, namespaces=NS):
            element.set(name, value)
    return change


def remove(path: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        for element in root.xpath(path, namespaces=NS):
            element.getparent().remove(element)
    return change


def test_the_generated_feed_passes(built):
    catalog, plan = built
    assert check_plan(plan, catalog) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (set_text("channel/itunes:explicit", "yes"), 'mkdocs.yml: feed itunes:explicit: "yes" non è più ammesso da Apple: il valore è true oppure false.'),
        (remove("channel/itunes:image"), "mkdocs.yml: feed itunes:image: manca la copertina: Apple la richiede — scrivi podcast.artwork."),
        (set_attribute("channel/itunes:category", "text", "Arte"), 'mkdocs.yml: feed itunes:category: "Arte > Documentary" non è una categoria di Apple Podcasts'),
        (remove("channel/language"), "mkdocs.yml: feed language: manca: Apple lo richiede — scrivi podcast.language nelle impostazioni."),
        (set_text("channel/description", "è" * 2001), "mkdocs.yml: feed description: è lungo 4002 byte, oltre i 4000 che Apple accetta — accorcia podcast.description."),
        (set_text("channel/item[1]/pubDate", "mar, 20 feb 2024 18:30:00 +0100"), 'episodes/02-secondo.md: feed pubDate: "mar, 20 feb 2024 18:30:00 +0100" non è scritta come RFC 2822 in inglese'),
        (set_text("channel/item[1]/pubDate", "2024-02-20"), 'episodes/02-secondo.md: feed pubDate: "2024-02-20" non è una data RFC 2822'),
        (set_text("channel/item[2]/guid", "5f1d3b2a-0000-4000-8000-000000000002"), "feed guid: \"5f1d3b2a-0000-4000-8000-000000000002\" è lo stesso di un altro episodio (episodes/02-secondo.md)"),
        (set_attribute("channel/item[2]/enclosure", "url", "https://podcast.example.org/podcast/02-secondo/02-secondo.m4a"), "è lo stesso di un altro episodio (episodes/02-secondo.md)"),
        (set_attribute("channel/item[1]/enclosure", "length", "12"), "episodes/02-secondo.md: feed enclosure: la lunghezza dichiarata (12 byte) non è quella del file pubblicato"),
        (set_attribute("channel/item[1]/enclosure", "type", "audio/ogg"), "avviso: feed enclosure: il formato audio/ogg non è tra quelli che Apple Podcasts riproduce"),
        (set_attribute("channel/item[2]/podcast:chapters", "url", "capitoli.json"), 'episodes/01-primo.md: feed podcast:chapters: l\'indirizzo "capitoli.json" (url) non è completo'),
        (set_attribute("channel/item[2]/podcast:person", "href", "http://podcast.example.org/persone/anna-bianchi/"), "avviso: feed podcast:person: l'indirizzo \"http://podcast.example.org/persone/anna-bianchi/\" usa http"),
        (set_text("channel/item[2]/description", "<p>x</p>" * 600), "episodes/01-primo.md: feed description: è lungo 4800 byte"),
        (set_text("channel/item[2]/description", "<p><b>grassetto</b></p>"), "avviso: feed description: contiene tag HTML che Apple non mostra (b)"),
        (set_text("channel/podcast:guid", "abc"), 'mkdocs.yml: feed podcast:guid: "abc" non è un UUID'),
    ],
)
def test_each_rule(built, change, expected):
    problems = lint_changed(built, change)
    assert any(expected in p for p in problems), problems


def test_serial_show_without_numbers_is_reported_once_per_episode(built):
    def serial_without_numbers(root):
        set_text("channel/itunes:type", "serial")(root)
        remove("channel/item/itunes:episode")(root)
    problems = lint_changed(built, serial_without_numbers)
    assert sum("non ha numero" in p for p in problems) == 2


def test_chapters_and_transcripts_must_exist_and_parse(built):
    catalog, plan = built
    files = {f.dest_uri: f.content for f in plan.files}
    files["podcast/01-primo/01-primo.chapters.json"] = b'{"version": "1.2.0", "chapters": [{"startTime": 5}, {"startTime": 1}]}'
    files["podcast/01-primo/01-primo.vtt"] = b"WEBVTT\n\n00:00.000 -> 00:01.000\nciao\n"
    del files["podcast/01-primo/01-primo.srt"]
    files["podcast/01-primo/01-primo.json"] = b'{"segments": [{"start": 1}]}'
    changed = dataclasses.replace(plan, files=tuple(DataFile(u, c) for u, c in files.items()))
    problems = [str(p) for p in check_plan(changed, catalog)]
    assert "episodes/01-primo.md: feed podcast:chapters: in https://podcast.example.org/podcast/01-primo/01-primo.chapters.json i capitoli non sono in ordine di tempo." in problems
    assert any("01-primo.vtt: riga 3: «00:00.000 -> 00:01.000» non è una riga di tempi valida" in p for p in problems)
    assert any("01-primo.srt: il file non c'è tra quelli del sito." in p for p in problems)
    assert any("01-primo.json: non è una trascrizione JSON valida" in p for p in problems)


def test_artwork_behind_the_feed_is_checked(built):
    catalog, plan = built
    media = tuple(MediaPlan(m.dest_uri, DATA / "small.jpg") if m.dest_uri == "podcast/copertina.jpg" else m for m in plan.media)
    problems = [str(p) for p in check_plan(dataclasses.replace(plan, media=media), catalog)]
    assert problems == ["mkdocs.yml: feed itunes:image: l'immagine è 600×600 px — deve essere tra 1400×1400 e 3000×3000 px."]


def test_not_xml_at_all(built):
    catalog, plan = built
    files = tuple(DataFile(f.dest_uri, b"<rss><channel>" if f.dest_uri == plan.feed_uri else f.content) for f in plan.files)
    [problem] = check_plan(dataclasses.replace(plan, files=files), catalog)
    assert "il feed non è XML ben formato" in str(problem)
    assert problem.severity is Severity.ERROR


def test_lint_command_checks_a_built_site(project):
    assert run_cli("build", cwd=project).returncode == 0
    feed = project / "site/feed.xml"
    result = run_cli("lint", str(feed), cwd=project)
    assert result.returncode == 0, result.stderr
    assert "nessun errore" in result.stdout
    feed.write_text(feed.read_text(encoding="utf-8").replace("<itunes:explicit>false</itunes:explicit>", "<itunes:explicit>no</itunes:explicit>"), encoding="utf-8")
    (project / "site/podcast/01-primo/01-primo.srt").unlink()
    result = run_cli("lint", str(feed), cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert 'feed.xml: feed itunes:explicit: "no" non è più ammesso da Apple: il valore è true oppure false.' in lines
    assert any("episodio «Il primo episodio»: https://podcast.example.org/podcast/01-primo/01-primo.srt: il file non c'è" in line for line in lines)
    assert lines[-1].endswith("le app potrebbero rifiutare questo feed o mostrarlo male.")


def test_a_broken_rule_stops_check_and_build(project, tmp_path: Path):
    # A title longer than Apple's 255 characters passes the content checks but not the feed's.
    from conftest import edit_front_matter

    edit_front_matter(project / "episodes/02-secondo.md", title="Titolo " * 40)
    for command in (["check"], ["build"]):
        result = run_cli(*command, cwd=project)
        assert result.returncode == 1, command
        assert "episodes/02-secondo.md: feed title: è lungo 279 caratteri, oltre i 255 che Apple accetta — accorcia title." in result.stderr
    assert not (project / "site").exists()


# --- active markup in any feed ------------------------------------------------------------------

ACTIVE = "codice che un'app o un sito che mostra il feed potrebbe eseguire — toglilo."


def hand_made_feed(channel_description: str, item_description: str, content: str = "", summary: str = "") -> bytes:
    """A feed another tool could have written, with the HTML given (as XML text, escaped once)."""
    def text(tag: str, value: str) -> str:
        return f"<{tag}>{html.escape(value)}</{tag}>" if value else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<title>Altro podcast</title><link>https://altro.example/</link><language>it</language>"
        + text("description", channel_description)
        + "<item><title>Episodio ostile</title><guid>e1</guid>"
        '<enclosure url="https://altro.example/e1.mp3" length="10" type="audio/mpeg"/>'
        "<pubDate>Tue, 20 Feb 2024 18:30:00 +0100</pubDate>"
        + text("description", item_description) + text("content:encoded", content) + text("itunes:summary", summary)
        + "</item></channel></rss>"
    ).encode()


def active_problems(feed: bytes) -> list[str]:
    problems = lint_feed(feed, FeedContext(where="feed.xml", settings="feed.xml"))
    return [str(p) for p in problems if ACTIVE in p.message]


def test_scripts_handlers_and_script_urls_are_reported_with_the_episode_named():
    feed = hand_made_feed(
        channel_description='Il podcast <script src="https://x.example/a.js"></script>',
        item_description='<p>Ciao <img src=x onerror=alert(1)></p><svg onload=alert(2)></svg>',
        content='<a href="data:text/html;base64,PHNjcmlwdD4=">a</a> <iframe src="https://x.example/"></iframe>',
        summary='<a href="vbscript:msgbox(1)">b</a>',
    )
    assert active_problems(feed) == [
        f"feed.xml: feed description: contiene un elemento <script>, {ACTIVE}",
        f"feed.xml: feed description: episodio «Episodio ostile»: contiene l'attributo onerror (su <img>), {ACTIVE}",
        f"feed.xml: feed description: episodio «Episodio ostile»: contiene l'attributo onload (su <svg>), {ACTIVE}",
        f"feed.xml: feed content:encoded: episodio «Episodio ostile»: contiene un indirizzo data: (nell'attributo href di <a>), {ACTIVE}",
        f"feed.xml: feed content:encoded: episodio «Episodio ostile»: contiene un elemento <iframe>, {ACTIVE}",
        f"feed.xml: feed itunes:summary: episodio «Episodio ostile»: contiene un indirizzo vbscript: (nell'attributo href di <a>), {ACTIVE}",
    ]


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "JaVaScRiPt&#58;alert(1)",
        "java&#x09;script:alert(1)",
        "java&Tab;script:alert(1)",
        "java\nscript:alert(1)",
        "   javascript:alert(1)",
        "&#x01;javascript:alert(1)",
        "&#106;avascript:alert(1)",
        "&#0000106avascript:alert(1)",
        "javascript&colon;alert(1)",
    ],
)
def test_javascript_urls_are_seen_in_any_spelling(href):
    for cdata in (False, True):
        item = f'<p><a href="{href}">clicca</a></p>'
        feed = hand_made_feed("Un podcast.", item)
        if cdata:
            feed = feed.replace(html.escape(item).encode(), f"<![CDATA[{item}]]>".encode())
        assert active_problems(feed) == [
            f"feed.xml: feed description: episodio «Episodio ostile»: contiene un indirizzo javascript: (nell'attributo href di <a>), {ACTIVE}",
        ], (href, cdata)


def test_markup_let_out_of_an_attribute_and_scripts_after_the_document_are_seen():
    feed = hand_made_feed(
        "Un podcast.",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
        content="<html><body><p>x</p></body></html><script>alert(2)</script>",
    )
    assert active_problems(feed) == [
        f"feed.xml: feed description: episodio «Episodio ostile»: contiene l'attributo onerror (su <img>), {ACTIVE}",
        f"feed.xml: feed content:encoded: episodio «Episodio ostile»: contiene un elemento <script>, {ACTIVE}",
    ]


def test_ordinary_html_and_text_are_not_active():
    feed = hand_made_feed(
        "Parliamo di javascript: un linguaggio. E di on-line.",
        '<p><a href="https://example.org/javascript:x">link</a> <a href="mailto:a@example.org">posta</a> '
        '<img src="https://example.org/a.jpg" alt="javascript:"></p>',
        content="<p>Un'immagine <img src=\"relativa.jpg\" title=\"onload\"></p>",
    )
    assert active_problems(feed) == []


# --- nothing outside the site is read ----------------------------------------------------------

SECRET = "SEGRETO-non-deve-uscire-42"


def test_lint_never_reads_outside_the_site_folder(project):
    assert run_cli("build", cwd=project).returncode == 0
    site = project / "site"
    (project / "secret.vtt").write_text(f"WEBVTT\n\n{SECRET}\n", encoding="utf-8")
    (project / "secret.jpg").write_text(SECRET, encoding="utf-8")
    (site / "podcast/01-primo/collegamento.vtt").symlink_to(project / "secret.vtt")
    feed = site / "feed.xml"
    urls = {
        "https://podcast.example.org/podcast/01-primo/01-primo.vtt": "https://podcast.example.org/podcast/../../secret.vtt",
        "https://podcast.example.org/podcast/01-primo/01-primo.srt": "https://podcast.example.org/%2e%2e/secret.vtt",
        "https://podcast.example.org/podcast/01-primo/01-primo.json": "https://podcast.example.org//" + str(project / "secret.vtt").lstrip("/"),
        "https://podcast.example.org/podcast/01-primo/01-primo.html": "https://podcast.example.org/podcast/01-primo/collegamento.vtt",
        "https://podcast.example.org/podcast/copertina.jpg": "https://podcast.example.org/podcast/%2E%2E%2F..%2Fsecret.jpg",
    }
    text = feed.read_text(encoding="utf-8")
    for old, new in urls.items():
        assert old in text
        text = text.replace(old, new)
    feed.write_text(text, encoding="utf-8")
    result = run_cli("lint", str(feed), cwd=project)
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    refused = "l'indirizzo porta fuori dalla cartella del sito — il file non è stato letto: correggi l'indirizzo."
    lines = result.stderr.splitlines()
    for url in list(urls.values())[:4]:
        assert f"feed.xml: feed podcast:transcript: episodio «Il primo episodio»: {url}: {refused}" in lines, url
    assert f"feed.xml: feed itunes:image: https://podcast.example.org/podcast/%2E%2E%2F..%2Fsecret.jpg: {refused}" in lines


def test_an_empty_html_transcript_is_a_problem_not_a_crash(project):
    assert run_cli("build", cwd=project).returncode == 0
    (project / "site/podcast/01-primo/01-primo.html").write_bytes(b"")
    problems = [str(p) for p in lint_file(project / "site/feed.xml")]
    assert problems == [
        "feed.xml: feed podcast:transcript: episodio «Il primo episodio»: "
        "https://podcast.example.org/podcast/01-primo/01-primo.html: la trascrizione HTML è vuota: non contiene testo.",
    ]
