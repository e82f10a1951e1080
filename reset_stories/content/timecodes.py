"""Times within an episode: "MM:SS" / "HH:MM:SS" as staff write them, seconds inside."""

from __future__ import annotations

import re

from reset_stories.content.fields import Invalid, show

_TIMECODE = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:[.,](\d{1,3}))?$")


def read_timecode(value: object) -> float:
    """Seconds from "MM:SS", "HH:MM:SS" (optionally ".mmm"), or a whole number of seconds.

    A number with a decimal point is refused: staff write 1.30 meaning 1 min 30 s, which YAML
    reads as 1.3 seconds. The message asks which was meant.
    """
    if isinstance(value, bool):
        raise Invalid(f"{show(value)} non è un tempo — scrivi minuti e secondi, per esempio \"02:30\", o ore, minuti e secondi, \"1:02:30\".")
    if isinstance(value, float):
        raise Invalid(_ambiguous(value, getattr(value, "written", None) or repr(value)))  # front matter keeps the text
    if isinstance(value, str) and re.fullmatch(r"\d+\.\d+", value.strip()):
        raise Invalid(_ambiguous(float(value), value.strip()))
    if isinstance(value, int) and value >= 0:
        return float(value)
    match = _TIMECODE.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise Invalid(f"{show(value)} non è un tempo — scrivi minuti e secondi, per esempio \"02:30\", o ore, minuti e secondi, \"1:02:30\".")
    hours, minutes, seconds, fraction = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + (int(fraction.ljust(3, "0")) / 1000 if fraction else 0.0)


def _ambiguous(value: float, written: str) -> str:
    """Why a number with a decimal point is not a time: "1.30" may be 1 min 30 s, or 1.3 seconds."""
    whole, _, decimals = written.lstrip("+").partition(".")
    cue = format_cue_time(value)
    as_seconds = f"; se intendevi proprio {written.replace('.', ',')} secondi, scrivi \"{cue.removeprefix('00:')}\""
    if value < 0 or not whole.isdigit() or len(decimals) != 2 or int(decimals) > 59 or "e" in written.lower():
        return (
            f"{written} non è un tempo: il punto non separa minuti e secondi — scrivi minuti e secondi tra virgolette, "
            f"per esempio \"02:30\"{as_seconds if value >= 0 else ''}."
        )
    minutes, seconds = int(whole), int(decimals)
    if minutes >= 60:
        meant, timecode = f"{minutes} minuti e {_seconds(seconds)}", format_timecode(minutes * 60 + seconds)
    else:
        meant, timecode = f"{_minutes(minutes)} e {_seconds(seconds)}", f"{minutes:02d}:{seconds:02d}"
    return f"{written} è ambiguo: intendevi {meant}? Allora scrivi \"{timecode}\", tra virgolette{as_seconds}."


def _minutes(count: int) -> str:
    return "1 minuto" if count == 1 else f"{count} minuti"


def _seconds(count: int) -> str:
    return "1 secondo" if count == 1 else f"{count} secondi"


def format_timecode(seconds: float, *, with_hours: bool = False) -> str:
    """"02:05", "1:02:05", or "00:02:05" when hours are asked for: whole seconds, rounded down."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if with_hours:
        return f"{hours:02d}:{minutes:02d}:{secs:02d}"
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def format_cue_time(seconds: float, separator: str = ".") -> str:
    """"00:01:02.500": the timestamp of WebVTT (separator ".") and SRT (separator ",")."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"
