"""Italian labels for the site: dates, durations and sizes, independent of the machine's locale."""

from __future__ import annotations

from datetime import datetime

MONTHS = (
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
    "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
)


def italian_date(moment: datetime) -> str:
    """"5 maggio 2024"."""
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def italian_duration(seconds: float) -> str:
    """"45 s", "12 min 5 s", "1 h 2 min": whole seconds, largest units first."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


def iso_duration(seconds: float) -> str:
    """An ISO 8601 duration for ``<time datetime>``: "PT1H2M5S"."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{secs}S"


def italian_size(size: int) -> str:
    """"2,4 MB", "512 KB": decimal units, Italian decimal comma."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1000))} KB"
