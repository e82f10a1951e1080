"""The built site speaks Italian throughout: no English word of the theme or of MkDocs is left."""

from __future__ import annotations

import json
import re
from pathlib import Path

import material
import pytest
from conftest import BASE_FIXTURE, REPO, copy_project, run_cli
from lxml import html as lxml_html

from reset_stories.engines.theme import permalink_title, theme_language

# What MkDocs and Material write in English whatever the language, and every word of Material's
# English interface (its own translation file): none of them may reach a visitor.
MKDOCS_ENGLISH = ("404 - Not found", "Not found", "Made with", "Material for MkDocs", "Permanent link")
_NOT_WORDS = {"language", "direction", "blog.categories.in"}
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


def material_english() -> set[str]:
    source = (Path(material.__file__).parent / "templates/partials/languages/en.html").read_text(encoding="utf-8")
    return {
        value for key, value in re.findall(r'^\s*"([^"]+)": "(.*)",?$', source, re.MULTILINE)
        if key not in _NOT_WORDS and not key.startswith("search.config.")
    }


ENGLISH = set(MKDOCS_ENGLISH) | material_english()


def english_on(page: Path) -> list[str]:
    """The English interface words a visitor can see or hear on ``page``."""
    doc = lxml_html.fromstring(page.read_bytes())
    said: list[str] = []
    for element in doc.iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        said += [element.text or "", element.tail or ""]
        said += [element.get(name) or "" for name in ATTRIBUTES]
    found = []
    for text in (" ".join(t.split()) for t in said):
        found += [english for english in ENGLISH if text == english or (" " in english and english in text)]
    return found


def build(project: Path) -> Path:
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Path:
    return build(copy_project(REPO, tmp_path_factory.mktemp("demo") / "project"))


def test_the_deny_list_knows_the_theme_words():
    assert {"Skip to content", "Back to top", "Search", "Type to start searching", "Tabs"} <= ENGLISH


def test_no_english_interface_word_on_any_demo_page(demo_site):
    pages = sorted(demo_site.rglob("*.html"))
    assert len(pages) > 20
    leftovers = {page.relative_to(demo_site).as_posix(): found for page in pages if (found := english_on(page))}
    assert leftovers == {}


def test_the_404_page_is_italian(demo_site):
    doc = lxml_html.fromstring((demo_site / "404.html").read_bytes())
    assert doc.get("lang") == "it"
    assert [h.text_content() for h in doc.iter("h1")] == ["Pagina non trovata"]
    assert doc.xpath("//a[.='Vai alla pagina iniziale']/@href") == ["/."]


def test_heading_links_and_tabs_are_named_in_italian(demo_site):
    doc = lxml_html.fromstring((demo_site / "index.html").read_bytes())
    assert set(doc.xpath("//a[@class='headerlink']/@title")) == {"Collegamento a questa sezione"}
    assert doc.xpath("//nav[contains(@class,'md-tabs')]/@aria-label") == ["Sezioni del sito"]
    assert "Material for MkDocs" not in doc.xpath("string(//footer)")


def test_a_site_that_names_no_language_gets_the_show_s(tmp_path):
    project = copy_project(BASE_FIXTURE, tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  language: it\n", "")
    config.write_text(text + "markdown_extensions:\n  - toc:\n      permalink: true\n", encoding="utf-8")
    site = build(project)
    doc = lxml_html.fromstring((site / "index.html").read_bytes())
    assert doc.get("lang") == "it"
    assert set(doc.xpath("//a[@class='headerlink']/@title")) == {"Collegamento a questa sezione"}
    assert {page.name: english_on(page) for page in site.rglob("*.html") if english_on(page)} == {}
    # The search stems Italian: its index is the Italian one.
    assert list(json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))["languages"]) == ["it"]


def test_what_the_site_owner_wrote_wins(tmp_path):
    project = copy_project(BASE_FIXTURE, tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  language: it\n", "  language: en\n")
    config.write_text(
        text + "extra:\n  generator: true\nmarkdown_extensions:\n  - toc:\n      permalink: true\n      permalink_title: Link\n",
        encoding="utf-8",
    )
    doc = lxml_html.fromstring((build(project) / "index.html").read_bytes())
    assert doc.get("lang") == "en"
    assert set(doc.xpath("//a[@class='headerlink']/@title")) == {"Link"}
    assert "Material for MkDocs" in doc.xpath("string(//footer)")


@pytest.mark.parametrize(("show", "expected"), [
    ("it", "it"), ("it-IT", "it"), ("pt-BR", "pt-BR"), ("pt-PT", "pt"), (None, "it"), ("xx", None),
])
def test_theme_language_follows_the_show(show, expected):
    assert theme_language(show, {"it", "en", "pt", "pt-BR"}) == expected


def test_permalink_title_by_language():
    assert permalink_title("it-IT") == "Collegamento a questa sezione"
    assert permalink_title("de") is None
