"""No markup written in show notes or settings runs in a reader: the feed and the episode page go
through one allow-list (reset_stories.sanitize), and ordinary notes survive it intact."""

from __future__ import annotations

import dataclasses
import html
import io
from pathlib import Path

import feedparser
import markdown
import podcastparser
import pytest
from conftest import edit_podcast_settings, feed_of, load, run_cli
from lxml import etree
from lxml import html as lxml_html

from reset_stories import sanitize
from reset_stories.content.transcripts import to_page_html
from reset_stories.feed.descriptions import apple_description
from reset_stories.lint.markup import active_markup
from reset_stories.model import Chapter, Cue, Transcript

NS = {"content": "http://purl.org/rss/1.0/modules/content/", "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}

HOSTILE_NOTES = """
Prima <script>alert(1)</script> dopo.

Un'immagine <img src=x onerror=alert(2)> e un'altra <img src="https://example.org/a.jpg" alt="foto" onload="alert(3)">.

[uno](javascript:alert(4)) <a href="JaVaScRiPt&#58;alert(5)">due</a> <a href="java&#x09;script:alert(6)">tre</a>
<a href="   javascript:alert(7)">quattro</a> <a href="&#106;avascript:alert(8)">cinque</a>
<a href="data:text/html,&lt;script&gt;alert(9)&lt;/script&gt;">sei</a> <a href="vbscript:alert(10)">sette</a>

<svg onload=alert(11)><circle r="1"/></svg>

<iframe src="https://evil.example/"></iframe>

<form action="https://evil.example/"><input name="x"></form><style>body { display: none }</style>

<p onclick="alert(12)" style="position: fixed">Un paragrafo.</p>
"""

ORDINARY_NOTES = """
## Di cosa parliamo

Un testo con **grassetto**, *corsivo*, `codice` e [un collegamento](https://example.org/chi "Chi siamo").

- primo punto
- secondo punto

1. uno
2. due

> Una citazione.

Scrivi a [noi](mailto:stampa@example.org) o chiama il [numero](tel:+390577000000).
"""

# What Python-Markdown makes of the ordinary notes, after the allow-list: only rel="noopener" is added.
ORDINARY_HTML = """<h2>Di cosa parliamo</h2>
<p>Un testo con <strong>grassetto</strong>, <em>corsivo</em>, <code>codice</code> e <a href="https://example.org/chi" title="Chi siamo" rel="noopener">un collegamento</a>.</p>
<ul>
<li>primo punto</li>
<li>secondo punto</li>
</ul>
<ol>
<li>uno</li>
<li>due</li>
</ol>
<blockquote>
<p>Una citazione.</p>
</blockquote>
<p>Scrivi a <a href="mailto:stampa@example.org" rel="noopener">noi</a> o chiama il <a href="tel:+390577000000" rel="noopener">numero</a>.</p>"""

HOSTILE_TEXT = 'Tom & "Jerry" <b>grassetto</b> <script>alert(13)</script>'


def with_notes(project, notes: str) -> None:
    episode = project / "episodes/01-primo.md"
    episode.write_text(episode.read_text(encoding="utf-8") + notes, encoding="utf-8")


def html_fields(feed: bytes) -> dict[str, str]:
    """Every HTML a reader renders from the feed, by where it is."""
    channel = etree.fromstring(feed).find("channel")
    fields = {"channel description": channel.findtext("description")}
    for item in channel.findall("item"):
        for tag in ("description", "content:encoded", "itunes:summary"):
            value = item.findtext(tag, namespaces=NS)
            if value is not None:
                fields[f"{item.findtext('title')} {tag}"] = value
    return fields


def test_hostile_notes_and_show_description_never_reach_a_reader(project):
    with_notes(project, HOSTILE_NOTES + ORDINARY_NOTES)
    edit_podcast_settings(project, description=HOSTILE_TEXT)
    result = run_cli("build", cwd=project)  # the build lints its own feed: it must pass
    assert result.returncode == 0, result.stderr
    feed = (project / "site/feed.xml").read_bytes()
    fields = html_fields(feed)
    assert len(fields) == 5
    for where, value in fields.items():
        assert active_markup(value) == [], where
        fragment = lxml_html.fragment_fromstring(value, create_parent="div")
        for element in fragment.iter():
            assert element.tag not in ("script", "svg", "iframe", "form", "style", "input"), where
            assert not [name for name in element.attrib if name.startswith("on")], where
    item = etree.fromstring(feed).find("channel/item[2]")
    notes = item.findtext("content:encoded", namespaces=NS)
    assert "alert" not in notes and "javascript" not in notes.lower() and "evil" not in notes
    start = notes.index("<h2>")
    assert notes[start:] == ORDINARY_HTML
    assert notes[:start] == (
        "<p>Le note del <strong>primo</strong> episodio, con "
        '<a href="https://example.org/" rel="noopener">un collegamento</a>.</p>\n'
        "<p>Prima  dopo.</p>\n"
        '<p>Un\'immagine <img src="x"> e un\'altra <img src="https://example.org/a.jpg" alt="foto">.</p>\n'
        '<p><a rel="noopener">uno</a> <a rel="noopener">due</a> <a rel="noopener">tre</a>\n'
        '<a rel="noopener">quattro</a> <a rel="noopener">cinque</a>\n'
        '<a rel="noopener">sei</a> <a rel="noopener">sette</a></p>\n'
        "<p></p>\n\n\n\n\n\n"  # the svg, iframe, form and style, gone with what they held
        "<p>Un paragrafo.</p>\n\n"
    )
    description = item.findtext("description")
    assert "alert" not in description and "javascript" not in description.lower()
    assert '<ul><li>primo punto</li><li>secondo punto</li></ul>' in description
    assert '<p>Di cosa parliamo</p>' in description  # a heading, as a paragraph
    assert '<a href="https://example.org/chi">un collegamento</a>' in description
    assert "<p>uno due tre quattro cinque sei sette</p>" in description  # links refused, text kept


def test_the_show_description_is_shown_as_text_by_real_clients(project):
    edit_podcast_settings(project, description=HOSTILE_TEXT)
    feed = feed_of(load(project).catalog)
    escaped = html.escape(HOSTILE_TEXT, quote=False)
    # Exactly as the episodes' descriptions: HTML in CDATA, the text escaped once, as HTML.
    assert f"<description><![CDATA[{escaped}]]></description>".encode() in feed
    assert b"<script>" not in feed
    parsed = feedparser.parse(feed)
    assert parsed.feed.subtitle_detail.type == "text/html"
    assert parsed.feed.subtitle == escaped
    # What a reader renders from that HTML is the text itself, tags shown, not obeyed.
    assert lxml_html.fragment_fromstring(parsed.feed.subtitle, create_parent="div").text_content() == HOSTILE_TEXT
    gpodder = podcastparser.parse("https://podcast.example.org/feed.xml", io.BytesIO(feed))
    assert gpodder["description"] == escaped


def test_control_characters_in_notes_never_reach_the_xml_writer(project):
    catalog = load(project).catalog
    hostile = "Note\x00 con\x01 controlli\x0b\x1f e non-caratteri \ufffe\uffff\ufdd0 e fine riga\r.\n\nFine."
    first = next(e for e in catalog.episodes if e.slug == "01-primo")
    changed = dataclasses.replace(first, notes=hostile, summary="Riassunto\x02 sporco\uffff.")
    episodes = tuple(changed if e is first else e for e in catalog.episodes)
    feed = feed_of(dataclasses.replace(catalog, episodes=episodes))
    item = etree.fromstring(feed).find("channel/item[2]")
    assert item.findtext("content:encoded", namespaces=NS) == "<p>Note con controlli e non-caratteri  e fine riga.</p>\n<p>Fine.</p>"
    assert item.findtext("description").startswith("<p>Riassunto sporco.</p><p>Note con controlli e non-caratteri e fine riga.</p><p>Fine.</p>")


def test_apple_description_passes_its_allow_list_whatever_html_comes_in():
    notes = (
        '<h3 onclick="x()">Titolo</h3><p>Vedi <a href=" JAVASCRIPT:alert(1)">qui</a> e '
        '<a href="https://example.org/" target="_blank" onmouseover="x()">là</a>.</p>'
        "<script>alert(2)</script><ul><li><b>uno</b></li></ul>"
    )
    description = apple_description("Riassunto", notes, (Chapter(0, "Inizio"),))
    assert description == (
        "<p>Riassunto</p><p>Titolo</p>"
        '<p>Vedi qui e <a href="https://example.org/">là</a>.</p>'
        "<ul><li>uno</li></ul><p>00:00:00 Inizio</p>"
    )


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ('<a href="https://example.org/" target="_blank">x</a>', '<a href="https://example.org/" target="_blank" rel="noopener">x</a>'),
        ('<img src="data:image/png;base64,AAAA" alt="a">', '<img alt="a">'),
        ('<img src="mailto:a@example.org" alt="a">', '<img alt="a">'),
        ('<img src="foto.jpg" alt="a">', '<img src="foto.jpg" alt="a">'),
        ('<a href="ftp://example.org/">x</a>', '<a rel="noopener">x</a>'),
        ('<td style="text-align: right; background: url(javascript:alert(1))">1</td>', "1"),
        ('<table><tr><td style="text-align: right; background: url(x)">1</td></tr></table>',
         '<table><tbody><tr><td style="text-align:right">1</td></tr></tbody></table>'),
        ("<p>a<!-- commento --> b</p>", "<p>a b</p>"),
        ("<details><summary>Più</summary><p>testo</p></details>", "<details><summary>Più</summary><p>testo</p></details>"),
    ],
)
def test_rich_policy(dirty, clean):
    assert sanitize.rich_html(dirty) == clean


def test_text_drops_what_xml_cannot_carry():
    assert sanitize.text("a\x00b\x08c\x0bd\x1fe\ufffef\uffffg\ufdd0h\ud800i\tj\nk") == "abcdefghi\tj\nk"


def test_page_html_on_what_the_engine_renders_from_hostile_notes():
    # The site's Markdown extensions (mkdocs.yml), then the transcript as the episode page adds it.
    transcript = Transcript(Path("x.vtt"), (Cue(1.5, 3, "Ciao <a>", "Anna Bianchi"), Cue(3, 4, "e poi", None)))
    text = "## Note dell'episodio\n\n" + HOSTILE_NOTES + ORDINARY_NOTES + '\n!!! note "Da sapere"\n    Un avviso.\n'
    text += "\n## Trascrizione\n\n" + to_page_html(transcript)
    rendered = markdown.markdown(text, extensions=["admonition", "attr_list", "md_in_html", "toc"],
                                 extension_configs={"toc": {"permalink": True}})
    assert "onerror" in rendered and "<script>" in rendered  # what reaches the page without the allow-list
    page = sanitize.page_html(rendered)
    assert active_markup(page) == []
    assert "alert" not in page and "javascript" not in page.lower()
    tree = lxml_html.fragment_fromstring(page, create_parent="div")
    assert tree.xpath("//h2/@id") == ["note-dellepisodio", "di-cosa-parliamo", "trascrizione"]
    assert tree.xpath("//a[@class='headerlink']/@href")[:1] == ["#note-dellepisodio"]
    assert tree.xpath("//div[@class='admonition note']/p[@class='admonition-title']/text()") == ["Da sapere"]
    [cue] = tree.xpath("//p[@class='rs-cue'][1]")
    assert dict(cue.attrib) == {"class": "rs-cue", "id": "rs-t-1.5", "data-rs-start": "1.5", "data-rs-end": "3"}
    # Search finds who speaks (publish/search.py): the voice's name is an anchor of the cue.
    assert cue.xpath("strong/@id") == ["rs-t-1.5-voce"]
    [time] = cue.findall("a")
    assert dict(time.attrib) == {
        "class": "rs-cue__time", "href": "#t=1.5", "data-rs-seek": "1.5", "aria-label": "Ascolta da 00:01", "rel": "noopener",
    }
    assert cue.text_content() == "00:01 Anna Bianchi Ciao <a>"
    # (the site's Markdown, without sane_lists, makes one list of the two)
    assert [li.text_content().strip() for li in tree.iter("li")] == ["primo punto", "secondo punto", "uno", "due"]
    assert tree.xpath("//a[text()='un collegamento']/@href") == ["https://example.org/chi"]
    assert tree.xpath("//blockquote/p/text()") == ["Una citazione."]
    assert [e.tag for e in tree.xpath("//p[contains(., 'Un testo con')]/*")] == ["strong", "em", "code", "a"]
    assert sanitize.page_html(page) == page  # deterministic and stable
