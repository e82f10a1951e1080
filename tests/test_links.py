"""Broken links in what staff write are problems, in Italian, with file, line and link."""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import (
    LATER,
    REPO,
    copy_project,
    edit_front_matter,
    load,
    plugin_options,
    run_cli,
)

from reset_stories.content.links import Link, find_links
from reset_stories.content.loader import load_project


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def messages(root: Path, **kwargs) -> list[str]:
    return [str(p) for p in load(root, **kwargs).problems.sorted() if "collegamento" in p.message or "immagine" in p.message]


def test_links_images_and_definitions_are_found_outside_code():
    text = (
        "---\ntitle: \"[no](front.md)\"\n---\n"
        "Vedi [la storia](../storie/a.md) e ![foto](img/a.jpg \"titolo\").\n"
        "`[non](codice.md)` ma [sì](b.md#sezione) e [con [parentesi]](c(1).md)\n"
        "```\n[non](recinto.md)\n```\n"
        "[rif]: <d e.md>\n[^nota]: una nota\n"
    )
    assert find_links(text) == [
        Link("../storie/a.md", 4), Link("img/a.jpg", 4, image=True),
        Link("b.md#sezione", 5), Link("c(1).md", 5), Link("d e.md", 9),
    ]


def test_broken_links_are_errors_with_file_line_and_a_suggestion(project):
    append(project / "content/index.md", "\nLeggi [la storia](storie/prima-stora.md).\n\n![Una foto](foto.jpg)\n")
    append(project / "episodes/01-primo.md", "\nE [la storia](../storie/non-esiste.md) e [un'altra](storie/prima-storia.md).\n")
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines == [
        "content/index.md:5: il collegamento «storie/prima-stora.md» porta alla pagina content/storie/prima-stora.md, "
        "che non esiste — forse intendevi «storie/prima-storia.md»?",
        "content/index.md:7: l'immagine «foto.jpg» porta al file content/foto.jpg, che non esiste — "
        "correggi il percorso (parte dalla cartella di questo file) o togli il collegamento.",
        "episodes/01-primo.md:21: il collegamento «../storie/non-esiste.md» (dalla pagina podcast/01-primo.md: "
        "i percorsi partono da lì) porta alla pagina content/storie/non-esiste.md, che non esiste — correggi il percorso: "
        "nelle note di un episodio, una storia è per esempio «../storie/nome.md».",
        "episodes/01-primo.md:21: il collegamento «storie/prima-storia.md» (dalla pagina podcast/01-primo.md: "
        "i percorsi partono da lì) porta alla pagina content/podcast/storie/prima-storia.md, che non esiste — "
        "forse intendevi «../storie/prima-storia.md»?",
        "4 problemi da correggere: non è stato pubblicato nulla, il sito precedente è intatto.",
    ]
    # Nothing in English from MkDocs about the same links.
    assert "Doc file" not in result.stderr


def test_links_to_generated_pages_and_files_work(project):
    (project / "content/foto.jpg").write_bytes((project / "episodes/copertina.jpg").read_bytes())
    append(project / "content/index.md", (
        "\n[podcast](podcast/index.md) [episodio](podcast/02-secondo.md#note) [storie](storie/index.md) "
        "[tema](storie/temi/ambiente.md) [persone](persone/index.md) [Anna](persone/anna-bianchi.md) "
        "![foto](foto.jpg) [feed](feed.xml) [sezione](#su) [web](https://example.org/x.md) [posta](mailto:a@b.it) "
        "[cartella](storie/) [assoluto](/storie/nulla.md)\n"
    ))
    assert messages(project) == []


def test_a_link_to_a_draft_or_scheduled_page_would_not_work(project):
    story = project / "content/storie/prima-storia.md"
    edit_front_matter(project / "episodes/02-secondo.md", draft=True)
    append(project / "content/index.md", "\n[storia](storie/prima-storia.md) e [episodio](podcast/02-secondo.md)\n")
    edit_front_matter(story, date="2031-05-05", episode=None)
    assert messages(project) == [
        "content/index.md:5: il collegamento «storie/prima-storia.md» porta a «La prima storia» "
        "(content/storie/prima-storia.md), che sarà pubblicata il 5 maggio 2031: il collegamento non funzionerebbe — "
        "togli il collegamento per ora, o rimettilo quando la pagina sarà pubblicata.",
        "content/index.md:5: il collegamento «podcast/02-secondo.md» porta a «Il secondo episodio» "
        "(episodes/02-secondo.md), che è una bozza (draft: true): il collegamento non funzionerebbe — "
        "togli il collegamento per ora, o rimettilo quando la pagina sarà pubblicata.",
    ]
    # A preview that shows drafts and scheduled pages (serve --drafts) has those pages: the links work.
    assert preview_messages(project) == []


def preview_messages(root: Path) -> list[str]:
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    loaded = load_project(
        root=root, docs_dir=root / config["docs_dir"], site_url=config["site_url"], directory_urls=True,
        options=plugin_options(root / "mkdocs.yml"), now=LATER, previews=True,
    )
    return [str(p) for p in loaded.problems.items if "collegamento" in p.message]


def test_a_draft_s_broken_link_is_only_a_warning(project):
    story = project / "content/storie/prima-storia.md"
    edit_front_matter(story, draft=True, episode=None)
    edit_front_matter(project / "episodes/02-secondo.md", draft=True)
    append(story, "\n[manca](manca.md)\n\n[sé](prima-storia.md) e [un'altra bozza](../podcast/02-secondo.md)\n")
    line = story.read_text(encoding="utf-8").splitlines().index("[manca](manca.md)") + 1
    [problem] = [p for p in load(project).problems.items if "collegamento" in p.message]
    assert str(problem) == (
        f"content/storie/prima-storia.md:{line}: avviso: il collegamento «manca.md» porta alla pagina content/storie/manca.md, "
        "che non esiste — correggi il percorso (parte dalla cartella di questo file) o togli il collegamento. "
        "(per ora è solo un avviso: questa pagina non è ancora pubblicata)"
    )


def test_the_demo_s_links_all_work(tmp_path):
    project = copy_project(REPO, tmp_path / "demo")
    assert messages(project) == []
