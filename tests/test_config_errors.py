"""A broken mkdocs.yml is told to staff in Italian: the line, the option, what to write instead."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from reset_stories.engines.config_errors import (
    Names,
    config_problems,
    describe,
    find_line,
)

SUMMARY = "1 problema da correggere: non è stato pubblicato nulla, il sito precedente è intatto."

BROKEN = {
    "theme name": (
        ("name: material", "name: materail"),
        "mkdocs.yml:5: theme: «materail» non è un tema installato — forse intendevi «material»? "
        "(temi installati: mkdocs, readthedocs, material)",
    ),
    "nav type": (
        ("nav:\n  - Home: index.md\n  - Podcast: podcast/index.md\n  - Storie: storie/index.md\n  - Persone: persone/index.md\n", "nav: 3\n"),
        "mkdocs.yml:25: nav: deve essere un elenco di pagine, una per riga con «- » davanti, "
        "per esempio «- Home: index.md» o «- storie/index.md».",
    ),
    "site_url without scheme": (
        ("site_url: https://podcast.example.org/", "site_url: podcast.example.org"),
        "mkdocs.yml:2: site_url: non è un indirizzo web completo — deve cominciare con https:// (o http://), "
        "per esempio «https://www.esempio.it/».",
    ),
    "YAML syntax": (
        ("site_name: Prova", "site_name: [Prova"),
        "mkdocs.yml:2: il file non è YAML valido (expected ',' or ']', but got ':') — controlla i due punti dopo "
        "ogni nome di campo, il rientro delle righe e metti tra virgolette i testi che contengono «:» o «#».",
    ),
    "misspelt option": (
        ("site_url:", "site_nmae: Prova\nsite_url:"),
        "mkdocs.yml:2: site_nmae: impostazione sconosciuta — forse intendevi «site_name»?",
    ),
    "unknown extension": (
        ("nav:", "markdown_extensions:\n  - admonition\n  - attr_lists\nnav:"),
        "mkdocs.yml:27: markdown_extensions: «attr_lists» non è un'estensione di Markdown installata — "
        "forse intendevi «attr_list»?",
    ),
    "unknown extension option": (
        ("nav:", "markdown_extensions:\n  - toc:\n      permalnk: true\nnav:"),
        "mkdocs.yml:27: markdown_extensions.toc: l'estensione «toc» non ha l'opzione «permalnk» — "
        "forse intendevi «permalink»?",
    ),
    "unknown plugin": (
        ("  - search\n", "  - serch\n"),
        "mkdocs.yml:9: plugins: il plugin «serch» non è installato — forse intendevi «search»?",
    ),
    "our option's type": (
        ("      themes: [ambiente, scuola]\n", "      themes: [ambiente, scuola]\n      episodes_dir: 3\n"),
        "mkdocs.yml:12: reset-stories.episodes_dir: deve essere un testo, non un numero.",
    ),
    "our number option's type": (
        ("      themes: [ambiente, scuola]\n", "      themes: [ambiente, scuola]\n      page_size: 2.5\n"),
        "mkdocs.yml:12: reset-stories.page_size: deve essere un numero intero, non un numero con la virgola.",
    ),
    "missing docs folder": (
        ("docs_dir: content", "docs_dir: contenuti"),
        "mkdocs.yml:3: docs_dir: la cartella «contenuti» non esiste — correggi il nome "
        "(il percorso è relativo a mkdocs.yml) o creala.",
    ),
}


def break_config(project: Path, old: str, new: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_check_says_what_is_wrong_in_italian(project, case):
    (old, new), expected = BROKEN[case]
    break_config(project, old, new)
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [expected, SUMMARY]
    assert result.stdout == ""


def test_build_stops_with_the_same_words_and_builds_nothing(project):
    (old, new), expected = BROKEN["theme name"]
    break_config(project, old, new)
    result = run_cli("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [expected, SUMMARY]
    assert not (project / "site").exists()


def test_unknown_names_come_with_the_error(project):
    # MkDocs stops checking at its first error; the unknown names it found on the way come too.
    for case in ("site_url without scheme", "misspelt option"):
        (old, new), _ = BROKEN[case]
        break_config(project, old, new)
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert [line.split(":")[:2] for line in result.stderr.splitlines()[:-1]] == [
        ["mkdocs.yml", "2"], ["mkdocs.yml", "3"],
    ]
    assert result.stderr.splitlines()[-1] == "2 problemi da correggere: non è stato pubblicato nulla, il sito precedente è intatto."


def test_an_unknown_message_keeps_mkdocs_words_in_an_italian_sentence():
    said = describe("repo_url", "Something new went wrong.")
    assert said is not None
    assert said.message == (
        "impostazione non valida (MkDocs dice: «Something new went wrong.») — correggila seguendo la guida "
        "https://www.mkdocs.org/user-guide/configuration/#repo-url"
    )


def test_our_plugin_s_unknown_options_are_left_to_the_core():
    message = "Config value 'plugins': Plugin 'reset-stories' option 'episode_dir': Unrecognised configuration name: episode_dir"
    assert config_problems([(message, False)], Path("mkdocs.yml")) == []


def test_another_plugin_s_unknown_option_is_an_error_on_its_line(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - search:\n      lnag: it\n", encoding="utf-8")
    message = "Config value 'plugins': Plugin 'material/search' option 'lnag': Unrecognised configuration name: lnag"
    [problem] = config_problems([(message, False)], config, Names())
    assert str(problem) == "mkdocs.yml:4: search.lnag: il plugin «search» non ha questa opzione — controlla come è scritta o toglila."


def test_type_names_are_said_in_italian():
    said = describe("use_directory_urls", "Expected type: <class 'bool'> but received: <class 'str'>")
    assert said is not None and said.message == "deve essere «true» o «false», non un testo."


@pytest.mark.parametrize(("field", "culprit", "line"), [
    ("theme", None, 2), ("theme.custom_dir", None, 4), ("plugins", "serch", 6), ("reset-stories.podcast", None, 8), ("nope", None, None),
])
def test_find_line(field, culprit, line):
    source = "site_name: x\ntheme:\n  name: material\n  custom_dir: over\nplugins:\n  - serch  # a comment\n  - reset-stories:\n      podcast: {}\n"
    assert find_line(source, field, culprit) == line


def test_a_mkdocs_yml_nested_thousands_deep_is_a_message(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "extra:\n  x: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "mkdocs.yml" in result.stderr and "annidati uno dentro l'altro centinaia di volte" in result.stderr


def test_a_mkdocs_yml_not_in_utf8_says_so(project):
    config = project / "mkdocs.yml"
    config.write_bytes(config.read_text(encoding="utf-8").replace("Voci di prova", "Voci di città").encode("latin-1"))
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert "mkdocs.yml: il file non è in UTF-8: salvalo con codifica UTF-8" in result.stderr
