"""Times within an episode: "MM:SS" / "HH:MM:SS" as staff write them, seconds inside."""

from __future__ import annotations

import re

from .fields import Invalid, show

_TIMECODE = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:[.,](\d{1,3}))?$")


def read_timecode(value: object) -> float:
    """Seconds from "MM:SS", "HH:MM:SS" (optionally ".mmm"), or a plain number of seconds."""
    if isinstance(value, bool):
        raise Invalid(f"{show(value)} non è un tempo — scrivi minuti e secondi, per esempio \"02:30\", o ore, minuti e secondi, \"1:02:30\".")
    if isinstance(value, (int, float)) and value >= 0:
        return float(value)
    match = _TIMECODE.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise Invalid(f"{show(value)} non è un tempo — scrivi minuti e secondi, per esempio \"02:30\", o ore, minuti e secondi, \"1:02:30\".")
    hours, minutes, seconds, fraction = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + (int(fraction.ljust(3, "0")) / 1000 if fraction else 0.0)


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
