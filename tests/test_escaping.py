"""Markup written in any front-matter field or setting is text everywhere: pages, feed, search.

(Show notes and page bodies are Markdown, where HTML written on purpose is kept.)
"""

from __future__ import annotations

import json

from conftest import edit_front_matter, edit_podcast_settings, run_cli
from lxml import etree
from lxml import html as lxml_html

NEEDLE = "<script>alert(1)</script>"
HOSTILE = f'Tom & "Jerry" {NEEDLE} l\'ultimo'


def test_every_text_field_is_escaped_everywhere(project):
    edit_podcast_settings(project, title=f"Voci {HOSTILE}", description=f"Descrizione {HOSTILE}", author=f"Ente {HOSTILE}", copyright=f"© {HOSTILE}")
    edit_front_matter(project / "content/persone/mario-rossi.md", name=f"Mario {HOSTILE}", organisation=HOSTILE, role=HOSTILE, description=HOSTILE)
    edit_front_matter(project / "content/storie/prima-storia.md", title=f"Storia {HOSTILE}", summary=HOSTILE)
    edit_front_matter(
        project / "episodes/01-primo.md", title=f"Episodio {HOSTILE}", summary=HOSTILE,
        chapters=[{"start": "00:00", "title": f"Capitolo {HOSTILE}"}],
    )
    vtt = project / "episodes/01-primo.vtt"
    vtt.write_text("WEBVTT\n\n00:00.000 --> 00:01.000\n<v Anna Bianchi>Testo &lt;script&gt;alert(1)&lt;/script&gt; &amp; co\n", encoding="utf-8")
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    scanned = 0
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert NEEDLE not in text, path
            assert "&amp;amp;" not in text, path  # escaped once, not twice
            scanned += 1
    assert scanned > 10
    # Seen as a reader sees it: the text, with its quotes and ampersand.
    page = lxml_html.fromstring((site / "podcast/01-primo/index.html").read_bytes())
    assert page.findtext(".//h1") == f"Episodio {HOSTILE}"
    assert page.findtext(".//title").startswith(f"Episodio {HOSTILE}")
    assert f"Capitolo {HOSTILE}" in page.text_content()
    assert "Testo <script>alert(1)</script> & co" in page.text_content()
    assert not page.xpath("//script[contains(., 'alert')]")
    person = lxml_html.fromstring((site / "persone/mario-rossi/index.html").read_bytes())
    assert person.findtext(".//h1").strip() == f"Mario {HOSTILE}"
    channel = etree.parse(str(site / "feed.xml")).getroot().find("channel")
    assert channel.findtext("title") == f"Voci {HOSTILE}"
    assert channel.findtext("{http://www.itunes.com/dtds/podcast-1.0.dtd}author") == f"Ente {HOSTILE}"
    item = next(i for i in channel.findall("item") if i.findtext("guid").endswith("1"))
    assert item.findtext("title") == f"Episodio {HOSTILE}"
    description = lxml_html.fragment_fromstring(item.findtext("description"), create_parent="div")
    assert description.findtext("p") == HOSTILE and description.find(".//script") is None
    # Data files keep the text exactly; the WebVTT escapes it as WebVTT does.
    chapters = json.loads((site / "podcast/01-primo/01-primo.chapters.json").read_text(encoding="utf-8"))
    assert chapters["chapters"][0]["title"] == f"Capitolo {HOSTILE}"
    assert "&lt;script&gt;" in (site / "podcast/01-primo/01-primo.vtt").read_text(encoding="utf-8")
    transcript = lxml_html.fromstring((site / "podcast/01-primo/01-primo.html").read_bytes())
    assert not transcript.xpath("//script")
