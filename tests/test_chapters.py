"""Chapters: times as staff write them, checked as a whole, published as Podcasting 2.0 JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reset_stories.content.chapters import chapter_problems, chapter_reader, to_json
from reset_stories.content.fields import Invalid
from reset_stories.content.timecodes import (
    format_cue_time,
    format_timecode,
    read_timecode,
)
from reset_stories.model import Chapter, Image

IMAGE = Image(Path("/x/capitolo.jpg"), "jpg", 1400, 1400)


def read(value):
    return chapter_reader(lambda raw: IMAGE)(value)


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [("00:00", 0.0), ("02:30", 150.0), ("1:02:30", 3750.0), ("01:02:30", 3750.0), ("00:20.228", 20.228), ("2:05", 125.0), (90, 90.0)],
)
def test_timecodes(raw, seconds):
    assert read_timecode(raw) == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("0.03", '0.03 è ambiguo: intendevi 0 minuti e 3 secondi? Allora scrivi "00:03", tra virgolette; '
                 'se intendevi proprio 0,03 secondi, scrivi "00:00.030".'),
        ("1.30", '1.30 è ambiguo: intendevi 1 minuto e 30 secondi? Allora scrivi "01:30", tra virgolette; '
                 'se intendevi proprio 1,30 secondi, scrivi "00:01.300".'),
        ("75.01", '75.01 è ambiguo: intendevi 75 minuti e 1 secondo? Allora scrivi "1:15:01", tra virgolette; '
                  'se intendevi proprio 75,01 secondi, scrivi "01:15.010".'),
        ("12.5", '12.5 non è un tempo: il punto non separa minuti e secondi — scrivi minuti e secondi tra virgolette, '
                 'per esempio "02:30"; se intendevi proprio 12,5 secondi, scrivi "00:12.500".'),
        ('"2.30"', '2.30 è ambiguo: intendevi 2 minuti e 30 secondi? Allora scrivi "02:30", tra virgolette; '
                   'se intendevi proprio 2,30 secondi, scrivi "00:02.300".'),
    ],
)
def test_decimal_numbers_are_ambiguous_times(front, expected):
    from reset_stories.content.sources import load_yaml

    with pytest.raises(Invalid) as refused:
        read_timecode(load_yaml(f"start: {front}")["start"])
    assert str(refused.value) == expected


@pytest.mark.parametrize("raw", ["02:61", "1:2:3", "mezzogiorno", "", True, -5, "00:00:00:00"])
def test_malformed_times(raw):
    with pytest.raises(Invalid, match="non è un tempo"):
        read_timecode(raw)


def test_formatting():
    assert format_timecode(20.9) == "00:20"
    assert format_timecode(3750) == "1:02:30"
    assert format_timecode(5, with_hours=True) == "00:00:05"
    assert format_cue_time(3750.5) == "01:02:30.500"
    assert format_cue_time(1.25, ",") == "00:00:01,250"


def test_a_chapter_is_read_whole():
    chapter = read({"start": "00:20", "title": "  Testimonianza  ", "url": "https://example.org/", "image": "c.jpg"})
    assert chapter == Chapter(20.0, "Testimonianza", "https://example.org/", IMAGE)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("00:20 Titolo", "non è un capitolo"),
        ({"title": "Senza inizio"}, "manca «start»"),
        ({"start": "00:20"}, "manca «title»"),
        ({"start": "00:20", "titel": "x"}, "campo sconosciuto «titel» — forse intendevi «title»?"),
        ({"start": "venti", "title": "x"}, "non è un tempo"),
        ({"start": "00:20", "title": "x", "url": "www.example.org"}, "non è un indirizzo web"),
    ],
)
def test_chapter_errors(value, message):
    with pytest.raises(Invalid, match=message):
        read(value)


def test_order_and_duration_problems():
    chapters = (Chapter(0, "A"), Chapter(30, "B"), Chapter(20, "C"), Chapter(20, "D"), Chapter(70, "E"))
    problems = chapter_problems(chapters, duration=60)
    assert problems == [
        "il capitolo 3 («C», 00:20) non comincia dopo il capitolo 2 (00:30) — metti i capitoli in ordine di tempo.",
        "il capitolo 4 («D», 00:20) non comincia dopo il capitolo 3 (00:20) — metti i capitoli in ordine di tempo.",
        "il capitolo 5 («E») comincia a 01:10, ma l'audio dura 01:00 — correggi start.",
    ]
    assert chapter_problems(chapters[:2], duration=None) == []


def test_podcasting_20_json():
    chapters = (Chapter(0, "Intro"), Chapter(20.228, "Voce", url="https://example.org/", image=IMAGE))
    document = json.loads(to_json(chapters, lambda image: "https://site/x.jpg", "Episodio", "Podcast"))
    assert document == {
        "version": "1.2.0",
        "title": "Episodio",
        "podcastName": "Podcast",
        "chapters": [
            {"startTime": 0, "title": "Intro"},
            {"startTime": 20.228, "title": "Voce", "img": "https://site/x.jpg", "url": "https://example.org/"},
        ],
    }
