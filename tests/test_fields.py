"""Field readers: each turns raw YAML into a proper type or says what to write instead."""

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from reset_stories.content.fields import (
    MISSING,
    FieldReader,
    Invalid,
    read_bool,
    read_list,
    read_moment,
    read_paragraph,
    read_positive_int,
    read_slug_reference,
    read_text,
    resolve_inside,
)
from reset_stories.problems import Problems

ROME = ZoneInfo("Europe/Rome")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (date(2024, 5, 5), datetime(2024, 5, 5, 0, 0, tzinfo=ROME)),
        ("2024-05-05", datetime(2024, 5, 5, 0, 0, tzinfo=ROME)),
        ("2024-05-05 10:30", datetime(2024, 5, 5, 10, 30, tzinfo=ROME)),
        ("2024-01-05T10:30:00", datetime(2024, 1, 5, 10, 30, tzinfo=ROME)),
        # A written offset wins, then the moment is shown in the show's zone.
        ("2024-05-05T08:30:00Z", datetime(2024, 5, 5, 10, 30, tzinfo=ROME)),
        (datetime(2024, 5, 5, 10, 30), datetime(2024, 5, 5, 10, 30, tzinfo=ROME)),
    ],
)
def test_dates_are_read_in_the_show_time_zone(raw, expected):
    moment = read_moment(ROME)(raw)
    assert moment == expected
    assert moment.tzinfo is not None
    assert moment.utcoffset() == expected.utcoffset()


def test_summer_and_winter_offsets_of_rome():
    assert read_moment(ROME)("2024-07-01").utcoffset() == timedelta(hours=2)
    assert read_moment(ROME)("2024-01-01").utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("5 maggio", '"5 maggio" non è una data — scrivi la data come 2024-05-05'),
        ("2024-02-30", '"2024-02-30" è una data che non esiste (controlla giorno e mese)'),
        ("maggio 2024", '"maggio 2024" non è una data'),
        (20240505, '"20240505" non è una data'),
    ],
)
def test_wrong_dates_say_how_to_write_them(raw, expected):
    with pytest.raises(Invalid) as error:
        read_moment(ROME)(raw)
    assert str(error.value).startswith(expected)
    assert "2024-05-05" in str(error.value)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("15/01/2024", "2024-01-15"), ("5.5.2024", "2024-05-05"), ("5 maggio 2024", "2024-05-05"), ("31 Dicembre 2023", "2023-12-31")],
)
def test_italian_ways_of_writing_a_date_get_the_iso_spelling(raw, iso):
    with pytest.raises(Invalid, match=f"non è scritta nel formato giusto — scrivi {iso} "):
        read_moment(ROME)(raw)


def test_booleans_accept_only_true_and_false():
    assert read_bool(True) is True and read_bool(False) is False
    for raw in ("no", "sì", "yes", 0, "false"):
        with pytest.raises(Invalid, match=r"scrivi false \(per dire no\) oppure true \(per dire sì\)"):
            read_bool(raw)


def test_text_is_tidied_and_must_not_be_empty():
    assert read_text("  Un   titolo\n su due righe ") == "Un titolo su due righe"
    assert read_text(2024) == "2024"
    assert read_paragraph("Primo  paragrafo\nsegue.\n\nSecondo.") == "Primo paragrafo segue.\n\nSecondo."
    for raw in ("   ", ["a"], True, {"a": 1}):
        with pytest.raises(Invalid):
            read_text(raw)


def test_positive_numbers():
    assert read_positive_int(4) == 4
    for raw in (0, -1, "4", 4.5, True):
        with pytest.raises(Invalid, match="numero intero positivo"):
            read_positive_int(raw)


def test_list_items_are_numbered_in_messages():
    with pytest.raises(Invalid, match=r"^elemento 2: "):
        read_list(read_positive_int)([1, "due"])
    assert read_list(read_positive_int)(3) == (3,)


def test_unknown_keys_are_errors_with_a_suggestion():
    problems = Problems()
    reader = FieldReader({"titel": "x", "sumary": "y", "zzz": 1}, "episodes/a.md", problems, ("title", "summary", "date"))
    assert reader.failed
    messages = [str(p) for p in problems.errors]
    assert "episodes/a.md: titel: campo sconosciuto — forse intendevi «title»?" in messages
    assert "episodes/a.md: sumary: campo sconosciuto — forse intendevi «summary»?" in messages
    assert "episodes/a.md: zzz: campo sconosciuto — i campi ammessi sono: title, summary, date." in messages


def test_a_misspelt_required_field_is_one_problem_not_two():
    problems = Problems()
    reader = FieldReader({"titel": "x"}, "episodes/a.md", problems, ("title",), lines={"titel": 2})
    assert reader.required("title", read_text, "scrivi il titolo.") is MISSING
    assert reader.failed
    assert [str(p) for p in problems.errors] == ["episodes/a.md:2: titel: campo sconosciuto — forse intendevi «title»?"]


def test_empty_is_not_the_same_as_missing():
    problems = Problems()
    reader = FieldReader({"title": None, "summary": "  "}, "episodes/a.md", problems, ("title", "summary"), lines={"title": 2, "summary": 3})
    reader.required("title", read_text, "scrivi il titolo.")
    reader.required("summary", read_text, "scrivi un riassunto.")
    assert [str(p) for p in problems.errors] == [
        "episodes/a.md:2: title: è vuoto — scrivi il titolo.",
        "episodes/a.md:3: summary: è vuoto — scrivi un riassunto.",
    ]


def test_several_names_on_one_line_are_explained():
    with pytest.raises(Invalid, match=r"sono più nomi su una riga — scrivili come elenco tra parentesi quadre: \[mario-rossi, anna-bianchi\]"):
        read_list(read_slug_reference)("mario-rossi, anna-bianchi")


def test_missing_required_field_says_what_to_write():
    problems = Problems()
    reader = FieldReader({}, "episodes/a.md", problems, ("title",))
    reader.required("title", read_text, "scrivi il titolo.")
    assert [str(p) for p in problems.errors] == ["episodes/a.md: title: manca — scrivi il titolo."]


def test_paths_stay_inside_the_project(tmp_path: Path):
    root = tmp_path / "progetto"
    (root / "episodes" / "audio").mkdir(parents=True)
    (root / "episodes" / "audio" / "a.mp3").write_bytes(b"x")
    (tmp_path / "fuori.mp3").write_bytes(b"x")
    base = root / "episodes"
    assert resolve_inside(base, "audio/a.mp3", root) == (base / "audio" / "a.mp3").resolve()
    with pytest.raises(Invalid, match="porta fuori dalla cartella del progetto"):
        resolve_inside(base, "../../fuori.mp3", root)
    (base / "audio" / "link.mp3").symlink_to(tmp_path / "fuori.mp3")
    with pytest.raises(Invalid, match="è un collegamento \\(alias\\) a un file fuori dal progetto"):
        resolve_inside(base, "audio/link.mp3", root)
    with pytest.raises(Invalid, match="non esiste"):
        resolve_inside(base, "audio/manca.mp3", root)
    with pytest.raises(Invalid, match="è una cartella — scrivi anche il nome del file"):
        resolve_inside(base, "audio", root)


@pytest.mark.parametrize("read", [read_text, read_paragraph, read_slug_reference])
@pytest.mark.parametrize(("raw", "code"), [("a\x07b", "U+0007 (un carattere di controllo)"), ("a\ufffeb", "U+FFFE (un codice che non è un carattere)"), ("a\ud800", "U+D800 (metà di un carattere, rimasta sola)")])
def test_text_readers_refuse_invisible_characters(read, raw, code):
    with pytest.raises(Invalid) as refused:
        read(raw)
    assert str(refused.value) == (
        f"contiene un carattere invisibile non ammesso, {code} — cancellalo "
        "(di solito arriva copiando e incollando da Word o da un PDF: riscrivi a mano quel punto)."
    )


def test_text_readers_keep_tabs_and_line_ends_as_whitespace():
    assert read_text("Uno\tdue\ntre") == "Uno due tre"
    assert read_paragraph("Uno\r\ndue\n\ntre") == "Uno due\n\ntre"
