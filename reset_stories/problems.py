"""Problems in content, worded for the staff who write it.

Every check in the package reports through a :class:`Problems` collector instead of raising,
so that one run lists every problem at once. Messages are Italian: they say what is wrong and
what to write instead.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.Enum):
    ERROR = "errore"
    WARNING = "avviso"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in one place: ``path`` (relative to the project), ``field``, message."""

    path: str
    field: str | None
    message: str
    severity: Severity = Severity.ERROR
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        prefix = "" if self.severity is Severity.ERROR else "avviso: "
        if self.field:
            return f"{where}: {prefix}{self.field}: {self.message}"
        return f"{where}: {prefix}{self.message}"

    def without_severity(self) -> str:
        """The problem for a log that shows its level itself."""
        return str(Problem(self.path, self.field, self.message, Severity.ERROR, self.line))

    @property
    def sort_key(self) -> tuple[str, int]:
        return (self.path, self.line or 0)


class PeopleFacingError(ValueError):
    """The base of every error people can fix: ``message`` is shown as is (Italian for staff).

    ``line`` says where, when known (each subclass says how it counts). The reader that catches
    it turns it into a :class:`Problem` with the file and the field it was reading.
    """

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Problems:
    """Collects problems during a run, so that it fails once, at the end, with all of them."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, field: str | None, message: str, *, line: int | None = None) -> None:
        self.items.append(Problem(path, field, message, Severity.ERROR, line))

    def warn(self, path: str, field: str | None, message: str, *, line: int | None = None) -> None:
        self.items.append(Problem(path, field, message, Severity.WARNING, line))

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        # Stable sort: within a file, problems keep the order the checks found them in.
        return sorted(self.items, key=lambda p: p.sort_key)


NOTHING_PUBLISHED = "non è stato pubblicato nulla, il sito precedente è intatto."


def format_report(problems: list[Problem], consequence: str = NOTHING_PUBLISHED) -> str:
    """The text printed when a build stops: every problem (warnings too), then what it means."""
    lines = [str(p) for p in problems]
    count = sum(1 for p in problems if p.severity is Severity.ERROR)
    noun = "problema" if count == 1 else "problemi"
    lines.append(f"{count} {noun} da correggere: {consequence}")
    return "\n".join(lines)
