"""Reading front matter: YAML's surprises are neutralised, and every failure names its line."""

from pathlib import Path

import pytest

from reset_stories.problems import Problems
from reset_stories.sources import read_source


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
