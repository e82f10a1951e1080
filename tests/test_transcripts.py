"""Transcripts: WebVTT and SRT read strictly (every problem with its line), every format written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA
from lxml import html as lxml_html

from reset_stories.content.transcripts import (
    BadTranscript,
    parse_cues,
    read_transcript,
    to_html,
    to_json,
    to_page_html,
    to_srt,
    to_vtt,
)
from reset_stories.model import Cue, Transcript

VTT = DATA / "transcripts" / "voci.vtt"
SRT = DATA / "transcripts" / "voci.srt"


def test_webvtt_with_voices_ids_notes_styles_and_markup():
    cues = read_transcript(VTT).cues
    assert cues == (
        Cue(0.0, 1.5, "Benvenuti a Voci di prova, un podcast & altro.", "Anna Bianchi"),
        Cue(1.5, 2.4, "Grazie, Anna.", "Mario Rossi"),
        Cue(2.4, 2.9, "Senza voce: continua chi parlava.", None),
    )
    assert read_transcript(VTT).speakers == ("Anna Bianchi", "Mario Rossi")


def test_srt_is_told_apart_by_content():
    cues = read_transcript(SRT).cues
    assert [(c.start, c.end, c.speaker) for c in cues] == [(0.0, 1.5, "Anna Bianchi"), (1.5, 2.4, None)]
    assert cues[0].text == "Benvenuti a Voci di prova, un podcast & altro."


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("WEBVTTX\n\n00:00.000 --> 00:01.000\nCiao\n", 1, "la prima riga deve essere «WEBVTT»"),
        ("WEBVTT\n\n00:00.000 -> 00:01.000\nCiao\n", 3, "non è una riga di tempi valida"),
        ("WEBVTT\n\n\n00:00:01.000 --> 00:00:00.500\nCiao\n", 4, "finisce (00:00:00.500) prima di cominciare"),
        ("WEBVTT\n\n00:05.000 --> 00:06.000\nDopo\n\n00:01.000 --> 00:02.000\nPrima\n", 6, "prima della precedente"),
        ("WEBVTT\n\n00:00.000 --> 00:01.000\n", 3, "non ha testo"),
        ("WEBVTT\n\n00:00.000 --> 00:01,000\nvirgola\n", 3, "non è una riga di tempi valida"),
        ("1\n00:00:00.000 --> 00:00:01.000\nSRT con il punto\n", 2, "non è una riga di tempi valida"),
        ("Solo testo.\n", 1, "non è un file WebVTT"),
    ],
)
def test_every_malformed_transcript_names_its_line(text, line, message):
    with pytest.raises(BadTranscript) as error:
        parse_cues(text)
    assert error.value.line == line
    assert message in str(error.value)


def test_empty_and_non_utf8(tmp_path: Path):
    with pytest.raises(BadTranscript, match="vuota"):
        parse_cues("\n\n")
    latin = tmp_path / "t.vtt"
    latin.write_bytes("WEBVTT\n\n00:00.000 --> 00:01.000\nCittà\n".encode("latin-1"))
    with pytest.raises(BadTranscript, match="UTF-8"):
        read_transcript(latin)


def test_vtt_and_srt_outputs_read_back_the_same():
    transcript = read_transcript(VTT)
    assert parse_cues(to_vtt(transcript)) == transcript.cues
    from_srt = parse_cues(to_srt(transcript))
    # SRT has no voice tag: the speaker leads the line, "Nome: testo".
    assert [c.text for c in from_srt] == [
        "Anna Bianchi: Benvenuti a Voci di prova, un podcast & altro.",
        "Mario Rossi: Grazie, Anna.",
        "Senza voce: continua chi parlava.",
    ]
    assert [(c.start, c.end) for c in from_srt] == [(c.start, c.end) for c in transcript.cues]
    assert "&amp;" in to_vtt(transcript)  # escaped in the cue text, as WebVTT wants


def test_podcast_index_json():
    document = json.loads(to_json(read_transcript(VTT)))
    assert document["version"] == "1.0.0"
    assert document["segments"][0] == {"speaker": "Anna Bianchi", "startTime": 0.0, "endTime": 1.5, "body": "Benvenuti a Voci di prova, un podcast & altro."}
    assert "speaker" not in document["segments"][2]


def test_html_transcript_merges_turns_and_escapes():
    transcript = Transcript(Path("x.vtt"), (Cue(0, 1, "a <b>", "Anna"), Cue(1, 2, "c", "Anna"), Cue(3725, 3726, "d", "Mario")))
    doc = lxml_html.fromstring(to_html(transcript, "Titolo & co", "it"))
    assert doc.get("lang") == "it"
    assert doc.findtext(".//title") == "Trascrizione: Titolo & co"
    assert [e.text_content() for e in doc.xpath("//body/*")] == ["Anna:", "00:00:00", "a <b> c", "Mario:", "01:02:05", "d"]


def test_page_transcript_is_text_with_seek_links():
    html = to_page_html(Transcript(Path("x.vtt"), (Cue(12.5, 14, "<script>x</script>", "Anna"),)))
    assert "<script>x" not in html
    doc = lxml_html.fromstring(html)
    [cue] = doc.xpath("//p[@class='rs-cue']")
    assert (cue.get("data-rs-start"), cue.get("data-rs-end")) == ("12.5", "14")
    [link] = cue.xpath("a")
    assert (link.get("href"), link.get("data-rs-seek"), link.text) == ("#t=12.5", "12.5", "00:12")
    assert cue.text_content() == "00:12 Anna <script>x</script>"


def long_vtt(cues: int) -> str:
    """A WebVTT of ``cues`` cues, one a second: long runs of one voice, then a change of speaker."""
    lines = ["WEBVTT", ""]
    for n in range(cues):
        speaker = "Anna Bianchi" if n < cues // 2 else "Mario Rossi"
        lines += [f"{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}.000 --> {n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}.900",
                  f"<v {speaker}>Battuta <i>{n}</i> &amp; altro.", ""]
    return "\n".join(lines)


def test_a_long_transcript_is_read_and_written_whole():
    # 20,000 cues (about 1 MB): the reading and every output in one pass; the time is in benchmarks/transcripts.py.
    cues = parse_cues(long_vtt(20_000))
    assert len(cues) == 20_000
    assert cues[0] == Cue(0.0, 0.9, "Battuta 0 & altro.", "Anna Bianchi")
    assert cues[-1] == Cue(19_999.0, 19_999.9, "Battuta 19999 & altro.", "Mario Rossi")
    transcript = Transcript(Path("lungo.vtt"), cues)
    assert parse_cues(to_vtt(transcript)) == cues
    doc = lxml_html.fromstring(to_html(transcript, "Lungo", "it"))
    assert [c.text for c in doc.iter("cite")] == ["Anna Bianchi:", "Mario Rossi:"]  # two turns
    turns = [p.text_content() for p in doc.iter("p")]
    assert turns[0] == " ".join(f"Battuta {n} & altro." for n in range(10_000))
    assert turns[1].endswith("Battuta 19999 & altro.")
    # A long turn comes in bounded pieces (spans), shown as one text.
    assert {len(span.text) for span in doc.iter("span")} <= set(range(1, 8193))
    page = lxml_html.fromstring(to_page_html(transcript))
    assert len(page.xpath("//p[@class='rs-cue']")) == 20_000


@pytest.mark.parametrize(
    ("payload", "speaker", "text"),
    [
        # Lines that made the old patterns backtrack (exponential, quadratic): read as they are.
        ("<v" + ".a" * 5_000 + "!", None, "<v" + ".a" * 5_000 + "!"),
        ("a<" * 50_000, None, "a<" * 50_000),
        ("<v " + " " * 50_000 + "x" * 50_000, None, "<v " + "x" * 50_000),
        ("<v.loud.fast  Anna   Bianchi >Ciao <b>a</b> &lt;b&gt; <x", "Anna Bianchi", "Ciao a <b> <x"),
        ("a < b e c > d", None, "a d"),
    ],
)
def test_voices_and_tags_of_any_length(payload, speaker, text):
    [cue] = parse_cues(f"WEBVTT\n\n00:00.000 --> 00:01.000\n{payload}\n")
    assert (cue.speaker, cue.text) == (speaker, text)


def test_an_invisible_character_in_a_transcript_is_refused_with_its_line(tmp_path: Path):
    from reset_stories.content.transcripts import BadTranscript, read_transcript

    path = tmp_path / "t.vtt"
    path.write_text("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nCiao\x07 a tutti\n", encoding="utf-8")
    with pytest.raises(BadTranscript) as raised:
        read_transcript(path)
    assert raised.value.line == 4
    assert "U+0007" in str(raised.value)
