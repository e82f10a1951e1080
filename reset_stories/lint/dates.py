"""RFC 822 dates as RSS 2.0 uses them (``pubDate``, ``lastBuildDate``), read the way the W3C Feed
Validation Service reads them; shared by every check module that meets such a date.

:func:`parse_rfc822` answers ``(when, problem)``:

- ``(datetime, None)``: a date in RFC 2822's preferred form (``Thu, 20 Jun 2024 08:00:00 +0200``;
  the weekday and the seconds may be left out; the zone is ``+hhmm``/``-hhmm``, ``GMT``, ``UT``,
  ``Z`` or a US name such as ``EST``);
- ``(datetime, DateProblem.OBSOLETE)``: readable, but in a form RFC 822 allowed and RFC 2822
  made obsolete (two-digit year, military zone letter, lower-case names, extra spaces, comments,
  no zone): W3C warns, since some readers get it wrong;
- ``(datetime, DateProblem.WEEKDAY)``: the weekday written is not the date's;
- ``(None, DateProblem.FORMAT | ZONE | IMPOSSIBLE)``: not a date, an unknown zone (``CET``,
  ``XYZ``), or a date that does not exist (31 Feb, 25:00).

The returned datetime is time-zone aware (UTC when the zone says nothing, as RFC 2822 reads
``-0000`` and the military letters). Whether a date is plausible (not in the future, not before
1970) is the caller's to decide: :func:`implausible` does it against a given "now". Any text in,
an answer out: never an exception, and time in proportion to the text.
"""

from __future__ import annotations

import enum
import functools
import re
from datetime import UTC, datetime, timedelta, timezone

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NUMBERS = {month: number for number, month in enumerate(MONTHS, start=1)}
# The zone names RFC 822 defines besides numeric offsets (section 5.1), in hours from UTC.
_NAMED_ZONES = {
    "UT": 0, "GMT": 0, "Z": 0,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}
# RFC 822's military letters (all but J); RFC 2822 (section 4.3) says their offsets were
# published with the wrong sign and reads them all as -0000: the time is UTC, the zone unknown.
_MILITARY = frozenset("ABCDEFGHIKLMNOPQRSTUVWXYZ")
# The parts of a date, ASCII only: Arabic-Indic or full-width digits are digits to Unicode, not to RFC 822.
_SHAPE = re.compile(
    r"(?:(?P<weekday>[A-Za-z]+)\s*,\s*)?(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)\s+(?P<year>\d+)"
    r"\s+(?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d))?(?:\s+(?P<zone>\S+))?",
    re.ASCII,
)
# The form RFC 2822 prefers, read first: nearly every date is written so.
_PREFERRED = re.compile(
    rf"(?:(?P<weekday>{'|'.join(DAYS)}), )?(?P<day>\d{{1,2}}) (?P<month>{'|'.join(MONTHS)}) (?P<year>\d{{4}})"
    rf" (?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d))? (?P<zone>[+-]\d{{4}}|{'|'.join(_NAMED_ZONES)})",
    re.ASCII,
)
_COMMENT = re.compile(r"\([^()]*\)")
_NUMERIC_ZONE = re.compile(r"[+-]\d{4}", re.ASCII)
# Comments are removed innermost first; deeper nesting than this is not a date anyway.
_COMMENT_DEPTH = 8


class DateProblem(enum.Enum):
    FORMAT = "format"
    ZONE = "zone"
    IMPOSSIBLE = "impossible"
    WEEKDAY = "weekday"
    OBSOLETE = "obsolete"


def parse_rfc822(text: str) -> tuple[datetime | None, DateProblem | None]:
    """``text`` read as an RSS date (see the module's docstring)."""
    value = text.strip()
    preferred = _PREFERRED.fullmatch(value)
    if preferred is not None:
        return _date(preferred, int(preferred["year"]), obsolete=False)
    if "(" in value:
        value = _without_comments(value)
    match = _SHAPE.fullmatch(value)
    if match is None:
        return None, DateProblem.FORMAT
    parts = match.groupdict()
    weekday, month_name = parts["weekday"], parts["month"]
    if weekday is not None and weekday.capitalize() not in DAYS:
        return None, DateProblem.FORMAT
    if month_name.capitalize() not in MONTHS:
        return None, DateProblem.FORMAT
    if len(parts["year"]) not in (2, 4):
        return None, DateProblem.FORMAT
    year = int(parts["year"])
    if len(parts["year"]) == 2:
        year += 2000 if year < 50 else 1900  # RFC 2822, section 4.3
    # Not in the preferred form (read above), yet readable: obsolete.
    return _date(match, year, obsolete=True)


def _date(match: re.Match[str], year: int, *, obsolete: bool) -> tuple[datetime | None, DateProblem | None]:
    """The date ``match`` reads (its year given), or why there is none."""
    weekday, zone = match["weekday"], match["zone"]
    offset = _offset(zone)
    if offset is None:
        return None, DateProblem.ZONE
    second = min(int(match["second"] or 0), 59)  # a leap second (60) is a real time
    try:
        when = datetime(year, _MONTH_NUMBERS[match["month"].capitalize()], int(match["day"]),
                        int(match["hour"]), int(match["minute"]), second, tzinfo=offset)
    except ValueError:
        return None, DateProblem.IMPOSSIBLE
    if weekday is not None and DAYS[when.weekday()] != weekday.capitalize():
        return when, DateProblem.WEEKDAY
    return when, DateProblem.OBSOLETE if obsolete else None


def implausible(when: datetime, now: datetime) -> str | None:
    """``"future"`` for a date after tomorrow (W3C's margin for clocks and zones), ``"past"``
    for one before 1970 (before any feed), else None."""
    if when > now + timedelta(days=1):
        return "future"
    if when.year < 1970:
        return "past"
    return None


def _without_comments(value: str) -> str:
    for _ in range(_COMMENT_DEPTH):
        stripped = _COMMENT.sub(" ", value)
        if stripped == value:
            break
        value = stripped
    return value.strip()


@functools.lru_cache(maxsize=256)
def _offset(zone: str | None) -> timezone | None:
    """The zone's offset; UTC for an absent zone or a military letter; None for an unknown one."""
    if zone is None:
        return UTC
    upper = zone.upper()
    if upper in _NAMED_ZONES:
        return timezone(timedelta(hours=_NAMED_ZONES[upper]))
    if len(upper) == 1 and upper in _MILITARY:
        return UTC
    if _NUMERIC_ZONE.fullmatch(zone):
        hours, minutes = int(zone[1:3]), int(zone[3:5])
        if hours > 23 or minutes > 59:
            return None
        sign = -1 if zone[0] == "-" else 1
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    return None
