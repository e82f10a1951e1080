"""Transcripts: WebVTT or SRT in, every format podcast apps and the site need out.

Staff drop in one file (speakers written ``<v Nome Cognome>``, as the WebVTT spec and the
Podcasting 2.0 examples do); from it come WebVTT, SRT, the Podcast Index JSON, a standalone HTML
transcript and the transcript shown on the episode page. The parser is small and strict on
purpose: every problem names its line, which a general-purpose caption library does not.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from reset_stories import sanitize
from reset_stories.content.characters import find_bad_character
from reset_stories.content.timecodes import format_cue_time, format_timecode
from reset_stories.model import Cue, Transcript
from reset_stories.problems import PeopleFacingError


@dataclass(frozen=True)
class Format:
    """A published transcript format."""

    mime_type: str
    timed: bool  # a captions file, with times for every cue
    label: str  # as the episode page names it


# The start of each cue's id on the episode page (see cue_ids); the search reads the moment back
# from it (site/assets/search.js).
CUE_ID_PREFIX = "rs-t-"
# After a cue's id, the id of its voice's name, so that a search hit can name who speaks.
VOICE_ID_SUFFIX = "-voce"

# Published files, by the extension they get, in the order pages list them.
FORMATS = {
    "vtt": Format("text/vtt", True, "WebVTT"),
    "srt": Format("application/x-subrip", True, "SRT"),
    "html": Format("text/html", False, "HTML"),
    "json": Format("application/json", False, "JSON"),
}

_VTT_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_SRT_TIME = r"(\d{2,}):([0-5]\d):([0-5]\d),(\d{3})"
_VTT_TIMING = re.compile(rf"^{_VTT_TIME}[ \t]+-->[ \t]+{_VTT_TIME}(?:[ \t].*)?$")
_SRT_TIMING = re.compile(rf"^{_SRT_TIME}[ \t]*-->[ \t]*{_SRT_TIME}(?:[ \t].*)?$")
_STARTS_LIKE_TIME = re.compile(r"^\s*\d+:\d")
# Classes cannot contain the dot that separates them, nor the name start with a blank: each
# character has one way to match, so a line with no ">" costs linear time, not exponential.
_VOICE = re.compile(r"^<v(?:\.[^ \t>.]+)*[ \t]+([^ \t>][^>]*)>")


class BadTranscript(PeopleFacingError):
    """The transcript cannot be read; ``line`` is where (1-based), the message says what to fix."""


@dataclass
class _Block:
    first_line: int
    lines: list[str]


def read_transcript(path: Path) -> Transcript:
    """Parse a WebVTT or SRT file (told apart by content, not by name)."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadTranscript("la trascrizione non è in UTF-8 — salvala con codifica UTF-8.", line=None) from error
    if (bad := find_bad_character(text)) is not None:
        raise BadTranscript(bad.message("nella trascrizione "), line=bad.line)
    return Transcript(path=path, cues=parse_cues(text))


def parse_cues(text: str) -> tuple[Cue, ...]:
    """The cues of a WebVTT or SRT text, or :class:`BadTranscript` with the line at fault."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    blocks = _blocks(text)
    if not blocks:
        raise BadTranscript("la trascrizione è vuota — esporta di nuovo il file WebVTT (.vtt) o SRT (.srt).")
    cues = _vtt_cues(blocks) if blocks[0].lines[0].startswith("WEBVTT") else _srt_cues(blocks)
    if not cues:
        raise BadTranscript("la trascrizione non contiene battute — esporta di nuovo il file con il testo.")
    return tuple(cues)


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if current is None:
                current = _Block(number, [])
                blocks.append(current)
            current.lines.append(line.rstrip())
        else:
            current = None
    return blocks


def _vtt_cues(blocks: list[_Block]) -> list[Cue]:
    header = blocks[0].lines[0]
    if header != "WEBVTT" and not header.startswith(("WEBVTT ", "WEBVTT\t")):
        raise BadTranscript("la prima riga deve essere «WEBVTT» — correggila o esporta di nuovo il file.", line=blocks[0].first_line)
    cues = []
    for block in blocks[1:]:
        if block.lines[0].startswith(("NOTE", "STYLE", "REGION")) and "-->" not in block.lines[0]:
            continue
        # A cue may start with an identifier line; a line that starts like a time is the timing line, even mistyped.
        first = block.lines[0]
        timing_at = 0 if "-->" in first or _STARTS_LIKE_TIME.match(first) or len(block.lines) == 1 else 1
        cues.append(_cue(block, timing_at, _VTT_TIMING, "00:01:02.500 --> 00:01:05.000"))
    return _in_order(cues, blocks[1:])


def _srt_cues(blocks: list[_Block]) -> list[Cue]:
    cues = []
    for block in blocks:
        if not block.lines[0].strip().isdigit():
            raise BadTranscript(
                "non è un file WebVTT (manca «WEBVTT» in cima) né SRT (ogni battuta comincia con il suo numero) "
                "— esporta di nuovo la trascrizione in WebVTT (.vtt) o SRT (.srt).",
                line=block.first_line,
            )
        cues.append(_cue(block, 1, _SRT_TIMING, "00:01:02,500 --> 00:01:05,000"))
    return _in_order(cues, blocks)


def _cue(block: _Block, timing_at: int, pattern: re.Pattern[str], example: str) -> Cue:
    line = block.first_line + timing_at
    timing = block.lines[timing_at] if timing_at < len(block.lines) else ""
    match = pattern.match(timing.strip())
    if not match:
        raise BadTranscript(f"«{timing.strip()}» non è una riga di tempi valida — scrivila come {example}.", line=line)
    values = match.groups()
    start, end = _seconds(values[:4]), _seconds(values[4:])
    if end <= start:
        raise BadTranscript(f"la battuta finisce ({format_cue_time(end)}) prima di cominciare ({format_cue_time(start)}) — correggi i tempi.", line=line)
    payload = block.lines[timing_at + 1:]
    if not payload:
        raise BadTranscript("la battuta non ha testo — scrivi il testo sotto la riga dei tempi o cancella la battuta.", line=line)
    speaker, text = _speaker_and_text(" ".join(payload))
    return Cue(start=start, end=end, text=text, speaker=speaker)


def _seconds(parts: tuple[str | None, ...]) -> float:
    """Hours (optional in WebVTT), minutes, seconds, milliseconds: only the hours can be None."""
    hours, minutes, seconds, millis = cast("tuple[str | None, str, str, str]", parts)
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _speaker_and_text(payload: str) -> tuple[str | None, str]:
    voice = _VOICE.match(payload)
    speaker = " ".join(voice.group(1).split()) if voice else None
    text = html.unescape(_strip_tags(payload))
    return speaker, " ".join(text.split())


def _strip_tags(text: str) -> str:
    """``text`` without its ``<…>`` tags, in one pass (a ``<[^>]*>`` regex rescans the rest of the
    line from every "<" that has no ">" after it: quadratic on a long line)."""
    parts, at = [], 0
    while (opening := text.find("<", at)) >= 0 and (closing := text.find(">", opening)) >= 0:
        parts.append(text[at:opening])
        at = closing + 1
    parts.append(text[at:])
    return "".join(parts)


def _in_order(cues: list[Cue], blocks: list[_Block]) -> list[Cue]:
    cue_blocks = [b for b in blocks if not (b.lines[0].startswith(("NOTE", "STYLE", "REGION")) and "-->" not in b.lines[0])]
    for index in range(1, len(cues)):
        if cues[index].start < cues[index - 1].start:
            raise BadTranscript(
                f"questa battuta comincia ({format_cue_time(cues[index].start)}) prima della precedente "
                f"({format_cue_time(cues[index - 1].start)}) — metti le battute in ordine di tempo.",
                line=cue_blocks[index].first_line,
            )
    return cues


# --- outputs -------------------------------------------------------------------------------

def outputs(transcript: Transcript, title: str, language: str) -> dict[str, str]:
    """The transcript in every published format, by extension (see :data:`FORMATS`)."""
    return {
        "vtt": to_vtt(transcript),
        "srt": to_srt(transcript),
        "html": to_html(transcript, title, language),
        "json": to_json(transcript),
    }


def to_vtt(transcript: Transcript) -> str:
    lines = ["WEBVTT", ""]
    for cue in transcript.cues:
        lines.append(f"{format_cue_time(cue.start)} --> {format_cue_time(cue.end)}")
        text = _vtt_escape(cue.text)
        lines.append(f"<v {_vtt_escape(cue.speaker)}>{text}" if cue.speaker else text)
        lines.append("")
    return "\n".join(lines)


def to_srt(transcript: Transcript) -> str:
    lines = []
    for number, cue in enumerate(transcript.cues, start=1):
        lines.append(str(number))
        lines.append(f"{format_cue_time(cue.start, ',')} --> {format_cue_time(cue.end, ',')}")
        # SRT has no voice tag: the speaker's name leads the line, the usual convention.
        lines.append(f"{cue.speaker}: {cue.text}" if cue.speaker else cue.text)
        lines.append("")
    return "\n".join(lines)


def to_json(transcript: Transcript) -> str:
    """The Podcast Index JSON transcript."""
    segments = []
    for cue in transcript.cues:
        segment: dict[str, object] = {}
        if cue.speaker:
            segment["speaker"] = cue.speaker
        segment.update(startTime=round(cue.start, 3), endTime=round(cue.end, 3), body=cue.text)
        segments.append(segment)
    return json.dumps({"version": "1.0.0", "segments": segments}, ensure_ascii=False, indent=2) + "\n"


def to_html(transcript: Transcript, title: str, language: str) -> str:
    """A standalone HTML transcript, in the cite/time/p form of the Podcasting 2.0 examples."""
    body = []
    for cue in _turns(transcript):
        if cue.speaker:
            body.append(f"<cite>{_html_text(cue.speaker)}:</cite>")
        body.append(f"<time>{format_timecode(cue.start, with_hours=True)}</time>")
        body.append(f"<p>{_html_text(cue.text)}</p>")
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(sanitize.text(language))}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Trascrizione: {html.escape(sanitize.text(title))}</title>\n</head>\n<body>\n"
        + sanitize.transcript_html("\n".join(body))
        + "\n</body>\n</html>\n"
    )


def to_page_html(transcript: Transcript) -> str:
    """The transcript on the episode page: one paragraph per cue, readable without JavaScript.

    Each cue carries its times (``data-rs-start``/``data-rs-end``) so that the page's script can
    mark the cue being heard and seek the player when a time is clicked; the time is a link to
    ``#t=<seconds>``, which also shares that moment. Each cue's id (:func:`cue_ids`) is where site
    search finds the words said, and when (reset_stories/publish/search.py).
    """
    lines = ['<div class="rs-transcript">']
    for cue, anchor in zip(transcript.cues, cue_ids(transcript.cues), strict=True):
        speaker = (
            f'<strong class="rs-cue__speaker" id="{anchor}{VOICE_ID_SUFFIX}">{_html_text(cue.speaker)}</strong> '
            if cue.speaker else ""
        )
        lines.append(
            f'<p class="rs-cue" id="{anchor}" data-rs-start="{cue.start:g}" data-rs-end="{cue.end:g}">'
            f'<a class="rs-cue__time" href="#t={cue.start:g}" data-rs-seek="{cue.start:g}" '
            f'aria-label="Ascolta da {format_timecode(cue.start)}">{format_timecode(cue.start)}</a> '
            f"{speaker}{_html_text(cue.text)}</p>"
        )
    lines.append("</div>")
    return sanitize.transcript_html("\n".join(lines))


def cue_ids(cues: Iterable[Cue]) -> list[str]:
    """Each cue's id on the episode page: ``rs-t-`` and its start in seconds (``rs-t-125.5``), so
    that a search hit names the moment; a start repeated gets ``-2``, ``-3``… (ids are unique)."""
    ids: list[str] = []
    seen: dict[str, int] = {}
    for cue in cues:
        base = f"{CUE_ID_PREFIX}{cue.start:g}"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def _turns(transcript: Transcript) -> list[Cue]:
    """Consecutive cues of the same speaker merged into one turn, for reading.

    A turn's texts are joined once, at its end: adding each cue to the text so far would copy
    the whole turn again for every cue (quadratic when one voice speaks throughout).
    """
    runs: list[list[Cue]] = []
    for cue in transcript.cues:
        if runs and runs[-1][0].speaker == cue.speaker:
            runs[-1].append(cue)
        else:
            runs.append([cue])
    return [
        Cue(start=run[0].start, end=run[-1].end, text=" ".join(c.text for c in run), speaker=run[0].speaker)
        for run in runs
    ]


# Characters in one text node of the transcript's HTML, at most.
_TEXT_NODE = 8192


def _html_text(text: str) -> str:
    """``text`` escaped for HTML; a long one (a turn of one voice, a cue that never ends) in
    ``<span>`` pieces of at most :data:`_TEXT_NODE` characters, which readers show the same.

    The sanitizer (ammonia) takes time that grows with the square of a text node's length when
    it holds many "&": bounded nodes keep a transcript of any size linear, on the page too.
    """
    if len(text) <= _TEXT_NODE:
        return html.escape(text)
    return "".join(f"<span>{html.escape(text[at:at + _TEXT_NODE])}</span>" for at in range(0, len(text), _TEXT_NODE))


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
