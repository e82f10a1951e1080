"""Reading front matter: YAML's surprises are neutralised, and every failure names its line."""

from pathlib import Path

import pytest

from reset_stories.content.sources import read_source
from reset_stories.problems import Problems


def read(tmp_path: Path, text: str | bytes):
    path = tmp_path / "episodio.md"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems = Problems()
    return read_source(path, "episodes/episodio.md", problems), problems


def test_yaml_11_surprises_stay_as_written(tmp_path):
    source, problems = read(tmp_path, "---\nexplicit: no\nstart: 1:30:00\nnumber: 08\nwhen: 2024-05-05\n---\nNote\n")
    assert problems.items == []
    # "no" is not False, "1:30:00" is not 5400, "08" is not octal, dates stay text for the field readers.
    assert source.meta == {"explicit": "no", "start": "1:30:00", "number": 8, "when": "2024-05-05"}
    assert source.body == "Note\n"


def test_true_false_and_numbers_are_typed(tmp_path):
    source, _ = read(tmp_path, "---\ndraft: true\nnumber: 4\nrate: 1.5\n---\n")
    assert source.meta == {"draft": True, "number": 4, "rate": 1.5}


def test_yaml_syntax_error_gives_the_line_in_the_file(tmp_path):
    text = "---\ntitle: Buono\nsummary: \"non chiusa\n---\nNote\n"
    source, problems = read(tmp_path, "\n" + text)  # a blank line before the front matter shifts everything by one
    assert source is None
    [problem] = problems.errors
    assert problem.path == "episodes/episodio.md"
    assert problem.line == 4  # where the unclosed quote opens, not where PyYAML notices it
    assert "virgolette aperte e mai chiuse" in problem.message


def test_bad_indentation_points_at_its_line(tmp_path):
    _, problems = read(tmp_path, "---\ntitle: Buono\npeople:\n  - id: mario\n   role: guest\n---\n")
    [problem] = problems.errors
    assert problem.line == 5


def test_repeated_key_is_refused_with_its_line(tmp_path):
    _, problems = read(tmp_path, "---\ntitle: Uno\nsummary: x\ntitle: Due\n---\n")
    [problem] = problems.errors
    assert 'la chiave "title" è scritta due volte' in problem.message
    assert problem.line == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Solo testo, senza intestazione.\n", "manca l'intestazione"),
        ("---\n---\nNote\n", "l'intestazione è vuota"),
        ("---\n- una\n- lista\n---\n", "senza trattini all'inizio delle righe"),
    ],
)
def test_missing_empty_or_non_mapping_front_matter(tmp_path, text, expected):
    source, problems = read(tmp_path, text)
    assert source is None
    [problem] = problems.errors
    assert expected in problem.message


def test_non_utf8_file_is_reported_with_its_line(tmp_path):
    source, problems = read(tmp_path, "---\ntitle: Città\n---\n".encode("latin-1"))
    assert source is None
    [problem] = problems.errors
    assert "UTF-8" in problem.message and problem.line == 2


def test_byte_order_mark_and_windows_line_ends_are_accepted(tmp_path):
    source, problems = read(tmp_path, "\ufeff---\r\ntitle: Città\r\n---\r\nNote\r\n".encode("utf-8"))
    assert problems.items == []
    assert source.meta == {"title": "Città"}
    assert source.body == "Note\n"


def test_a_file_far_too_large_to_be_text_is_refused(tmp_path):
    source, problems = read(tmp_path, "---\ntitle: Enorme\n---\n" + "parola " * 400_000)
    assert source is None
    [problem] = problems.errors
    assert problem.message.startswith("il file è di 2,8 MB: troppo per un testo")


INVISIBLE_HINT = "cancellalo (di solito arriva copiando e incollando da Word o da un PDF: riscrivi a mano quel punto)."


@pytest.mark.parametrize(
    ("front", "field", "line", "character"),
    [
        ('title: "Ciao\\amondo"', "title", 2, "U+0007 (un carattere di controllo)"),
        ('title: "x\\x1b"', "title", 2, "U+001B (un carattere di controllo)"),
        ('title: "x\\x85"', "title", 2, "U+0085 (un carattere di controllo)"),
        ('title: "x\\uFFFE"', "title", 2, "U+FFFE (un codice che non è un carattere)"),
        ('title: "x\\uFDD0"', "title", 2, "U+FDD0 (un codice che non è un carattere)"),
        ('title: "x\\U0001FFFF"', "title", 2, "U+1FFFF (un codice che non è un carattere)"),
        ('title: "x\\ud800"', "title", 2, "U+D800 (metà di un carattere, rimasta sola)"),
        ('title: x\nchapters:\n  - start: "00:00"\n    title: "a\\vb"', "chapters", 5, "U+000B (un carattere di controllo)"),
    ],
)
def test_invisible_characters_in_front_matter_are_refused_with_field_and_line(tmp_path, front, field, line, character):
    source, problems = read(tmp_path, f"---\n{front}\n---\nNote\n")
    assert source is None
    [problem] = problems.errors
    assert (problem.field, problem.line) == (field, line)
    assert problem.message == f"contiene un carattere invisibile non ammesso, {character} — {INVISIBLE_HINT}"


def test_pyyaml_refuses_raw_control_characters_in_italian(tmp_path):
    source, problems = read(tmp_path, "---\ntitle: Uno\nsummary: Ciao\x07mondo\n---\nNote\n")
    assert source is None
    [problem] = problems.errors
    assert problem.line == 3
    assert problem.message == (
        f"l'intestazione contiene un carattere invisibile non ammesso, U+0007 (un carattere di controllo) — {INVISIBLE_HINT}"
    )


def test_invisible_characters_in_the_body_are_refused_with_their_line(tmp_path):
    source, problems = read(tmp_path, "---\ntitle: Uno\n---\n\nPrima riga.\nSeconda\x0criga.\n")
    assert source is None
    [problem] = problems.errors
    assert (problem.field, problem.line) == (None, 6)
    assert problem.message == (
        f"contiene nel testo un carattere invisibile non ammesso, U+000C (un carattere di controllo) — {INVISIBLE_HINT}"
    )


def test_tabs_and_line_ends_are_not_invisible_characters(tmp_path):
    source, problems = read(tmp_path, '---\ntitle: "a\\tb"\n---\nUna\triga.\r\nAltra.\n')
    assert problems.items == []
    assert source.body_line == 4


@pytest.mark.parametrize(
    ("front", "line", "mark"),
    [
        ("a: &x [1, 2]\nb: *x", 2, "&"),
        ("title: *grassetto*", 2, "*"),
        ("title: &Anna", 2, "&"),
    ],
)
def test_anchors_and_aliases_are_refused(tmp_path, front, line, mark):
    source, problems = read(tmp_path, f"---\n{front}\n---\n")
    assert source is None
    [problem] = problems.errors
    assert problem.line == line
    assert f"un valore comincia con «{mark}»" in problem.message
    assert "metti il testo tra virgolette" in problem.message


def test_billion_laughs_is_refused_without_expanding(tmp_path):
    lines = ['a: &a ["ah", "ah", "ah", "ah", "ah", "ah", "ah", "ah", "ah"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(9)]
    source, problems = read(tmp_path, "---\n" + "\n".join(lines) + "\n---\n")
    assert source is None
    [problem] = problems.errors
    assert "ancore e alias" in problem.message


@pytest.mark.parametrize("nested", ["[" * 5000 + "]" * 5000, "{a: " * 3000 + "1" + "}" * 3000])
def test_front_matter_nested_thousands_deep_is_refused(tmp_path, nested):
    source, problems = read(tmp_path, f"---\ntitle: Uno\nsummary: {nested}\n---\n")
    assert source is None
    [problem] = problems.errors
    assert problem.line == 3
    assert problem.message.startswith("l'intestazione ha elenchi o gruppi di campi annidati uno dentro l'altro centinaia di volte")


def test_load_yaml_reports_every_failure_as_a_yaml_problem():
    from reset_stories.content.sources import YamlProblem, load_yaml

    assert load_yaml("a: 1\nb: [x]\n") == {"a": 1, "b": ["x"]}
    with pytest.raises(YamlProblem) as deep:
        load_yaml("episodes: " + "[" * 5000 + "]" * 5000, "il registro")
    assert deep.value.line == 0 and deep.value.message.startswith("il registro ha elenchi")
    with pytest.raises(YamlProblem) as invisible:
        load_yaml("a: 1\nb: x\x07\n", "il registro")
    assert invisible.value.line == 1 and "U+0007" in invisible.value.message
    with pytest.raises(YamlProblem) as alias:
        load_yaml("a: &x 1\nb: *x\n")
    assert alias.value.line == 0


def test_decimal_numbers_remember_how_they_were_written(tmp_path):
    source, _ = read(tmp_path, "---\nstart: 1.30\n---\n")
    assert source.meta["start"] == 1.3
    assert source.meta["start"].written == "1.30"
