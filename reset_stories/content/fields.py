"""Front-matter fields: turning raw YAML values into proper types, once, at the boundary.

A *reader* is a function ``value -> T`` that raises :class:`Invalid` with a message saying what
is wrong and what to write instead. :class:`FieldReader` applies readers to one file's front
matter, records every problem with its field name, and refuses unknown keys with a
"did you mean …?" so that typos never pass silently.
"""

from __future__ import annotations

import enum
import os
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Final, TypeVar, cast
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from reset_stories.content.characters import find_bad_character
from reset_stories.content.vocabulary import (
    APPLE_DESCRIPTION_BYTES,
    did_you_mean,
    unknown_keys,
)
from reset_stories.problems import PeopleFacingError, Problems
from reset_stories.site.labels import MONTHS

T = TypeVar("T")
D = TypeVar("D")  # a default, which may be of another type than what is read (None, ())



class Missing(enum.Enum):
    """The type of :data:`MISSING`: one member, so a type checker knows it from any value read."""

    MISSING = enum.auto()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = Missing.MISSING
"""What :meth:`FieldReader.required` gives for a field missing or wrong (the reader has then failed)."""


class Invalid(PeopleFacingError):
    """A value that cannot be used; the message is shown to staff as is."""


class InvalidItems(Invalid):
    """Several items of a list that cannot be used: one message each."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def show(value: object) -> str:
    """A raw value as staff wrote it, for messages: always between double quotes."""
    if isinstance(value, bool):
        value = "true" if value else "false"
    elif value is None:
        return "il valore vuoto"
    elif isinstance(value, (list, dict)):
        return "un elenco" if isinstance(value, list) else "un gruppo di campi"
    return f'"{value}"'



# --- readers -------------------------------------------------------------------------------

def refuse_bad_characters(text: str) -> str:
    """``text`` itself, or :class:`Invalid` if it holds a control character or a non-character."""
    bad = find_bad_character(text)
    if bad is not None:
        raise Invalid(bad.message())
    return text


def read_text(value: object) -> str:
    """A single line of plain text (titles, names)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise Invalid(f"{show(value)} non è un testo — scrivi il testo dopo i due punti, tra virgolette se contiene «:».")
    text = " ".join(refuse_bad_characters(str(value)).split())
    if not text:
        raise Invalid("è vuoto — scrivi il testo dopo i due punti.")
    return text


def read_paragraph(value: object) -> str:
    """Plain text that may span lines (summaries, descriptions); inner whitespace is kept tidy."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise Invalid(f"{show(value)} non è un testo — scrivi una o due frasi, senza elenchi.")
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", refuse_bad_characters(str(value)))]
    text = "\n\n".join(p for p in paragraphs if p)
    if not text:
        raise Invalid("è vuoto — scrivi una o due frasi.")
    return text


def read_description(value: object) -> str:
    """A paragraph short enough for podcast apps: Apple cuts descriptions at 4000 bytes."""
    text = read_paragraph(value)
    size = len(text.encode("utf-8"))
    if size > APPLE_DESCRIPTION_BYTES:
        raise Invalid(
            f"è troppo lungo ({size} byte; le app di podcast ne accettano al massimo {APPLE_DESCRIPTION_BYTES}, "
            f"circa {APPLE_DESCRIPTION_BYTES} caratteri) — accorcialo: i dettagli vanno nel testo sotto l'intestazione."
        )
    return text


def read_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise Invalid(f"{show(value)} non è un valore valido — scrivi false (per dire no) oppure true (per dire sì).")


def read_positive_int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise Invalid(f"{show(value)} non è un numero intero positivo — scrivi per esempio 4.")
    return value


def read_choice(choices: Mapping[str, T], labels: Mapping[str, str] | None = None, what: str = "un valore ammesso",
                where: str = "") -> Callable[[object], T]:
    """A reader accepting one of ``choices`` (keys as staff write them, case-insensitive).

    ``labels`` explain each choice in Italian; ``what`` names the kind of value in messages,
    ``where`` says where the choices are set, when staff can add to them.
    """

    def read(value: object) -> T:
        if isinstance(value, str) and value.strip().lower() in choices:
            return choices[value.strip().lower()]
        listed = ", ".join(f"{key} ({labels[key]})" if labels else key for key in choices)
        better = did_you_mean(value, choices, sentence=True) if isinstance(value, str) else ""
        raise Invalid(f"{show(value)} non è {what} — scrivi uno tra {listed}{where}.{better}")

    return read


def read_slug_reference(value: object) -> str:
    """An id or slug referring to another file (a person, an episode)."""
    if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
        raise Invalid(f"{show(value)} non è un identificativo — scrivi il nome del file senza «.md», per esempio mario-rossi.")
    text = refuse_bad_characters(str(value)).strip()
    if "," in text:
        items = ", ".join(part.strip() for part in text.split(","))
        raise Invalid(f"{show(value)} sono più nomi su una riga — scrivili come elenco tra parentesi quadre: [{items}].")
    return text


def read_relative_path(value: object) -> str:
    """A path relative to the file that names it; resolved and checked by the caller."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"{show(value)} non è un percorso — scrivi il nome del file, relativo a questo file, per esempio audio/episodio.mp3.")
    text = value.strip()
    bad = find_bad_character(text)
    code = bad.code if bad else next((f"U+{ord(c):04X}" for c in text if c in "\t\n\r"), None)
    if code:
        raise Invalid(f"contiene un carattere invisibile non ammesso in un nome di file ({code}) — cancellalo e scrivi solo il nome del file, per esempio audio/episodio.mp3.")
    if "://" in text:
        raise Invalid(f"{show(value)} è un indirizzo web — copia il file dentro la cartella del progetto e scrivi il suo percorso, per esempio audio/episodio.mp3.")
    if text.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:[\\/]", text):
        raise Invalid(
            f"{show(value)} è un percorso assoluto — copia il file dentro la cartella del progetto (per esempio in "
            "episodes/audio/) e scrivi il percorso relativo a questo file, per esempio audio/episodio.mp3."
        )
    return text


def resolve_inside(base: Path, relative: str, root: Path) -> Path:
    """``relative`` (from :func:`read_relative_path`) resolved against ``base``, kept inside ``root``.

    Symlinks are followed first, so a link pointing out of the project is refused too.
    """
    written = base / relative
    path = written.resolve()
    root = root.resolve()
    if not path.is_relative_to(root):
        if Path(os.path.normpath(written)).is_relative_to(root):
            raise Invalid(
                f'"{relative}" è un collegamento (alias) a un file fuori dal progetto — metti al suo posto una copia del file vero.'
            )
        raise Invalid(f'"{relative}" porta fuori dalla cartella del progetto — metti il file dentro il progetto e scrivi il percorso relativo.')
    if path.is_dir():
        raise Invalid(f'"{relative}" è una cartella — scrivi anche il nome del file, per esempio {relative.rstrip("/")}/episodio.mp3.')
    if not path.is_file():
        raise Invalid(f'il file "{relative}" non esiste — controlla il nome (maiuscole comprese) e la cartella; il percorso è relativo a questo file.')
    return path


def read_url(value: object) -> str:
    if isinstance(value, str):
        parts = urlsplit(refuse_bad_characters(value).strip())
        if parts.scheme in ("http", "https") and parts.netloc:
            return value.strip()
    raise Invalid(f"{show(value)} non è un indirizzo web — scrivi l'indirizzo completo, per esempio https://www.esempio.it/.")


def read_email(value: object) -> str:
    if isinstance(value, str):
        refuse_bad_characters(value)
    if isinstance(value, str) and re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value.strip()):
        return value.strip()
    raise Invalid(f"{show(value)} non è un indirizzo email — scrivi per esempio podcast@esempio.it.")


_DATE_HINT = "scrivi la data come 2024-05-05 (anno-mese-giorno), oppure 2024-05-05 10:30 con l'ora"


def read_moment(tz: ZoneInfo) -> Callable[[object], datetime]:
    """A reader for a date or a date-time, in ``tz`` unless an offset is written."""

    def read(value: object) -> datetime:
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, date):
            moment = datetime.combine(value, time())
        elif isinstance(value, str):
            moment = _parse_moment(value.strip())
        else:
            raise Invalid(f"{show(value)} non è una data — {_DATE_HINT}.")
        if moment.tzinfo is None:
            return moment.replace(tzinfo=tz)
        return moment.astimezone(tz)

    return read


def _guess_iso(text: str) -> str | None:
    """An ISO date for the usual Italian ways of writing one ("15/01/2024", "5 maggio 2024")."""
    numeric = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if numeric:
        day, month, year = (int(part) for part in numeric.groups())
    else:
        worded = re.fullmatch(r"(\d{1,2})\s+([a-zA-Z]+)\s+(\d{4})", text)
        if not worded or worded.group(2).lower() not in MONTHS:
            return None
        day, month, year = int(worded.group(1)), MONTHS.index(worded.group(2).lower()) + 1, int(worded.group(3))
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _parse_moment(text: str) -> datetime:
    guess = _guess_iso(text)
    if guess:
        raise Invalid(f'"{text}" non è scritta nel formato giusto — scrivi {guess} (anno-mese-giorno).')
    if not re.match(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$", text):
        raise Invalid(f'"{text}" non è una data — {_DATE_HINT}.')
    try:
        return datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        raise Invalid(f'"{text}" è una data che non esiste (controlla giorno e mese) — {_DATE_HINT}.') from None


def read_list(item: Callable[[object], T]) -> Callable[[object], tuple[T, ...]]:
    """A YAML list (or a single value, taken as a list of one) of items read by ``item``."""

    def read(value: object) -> tuple[T, ...]:
        values = value if isinstance(value, list) else [value]
        items, problems = [], []
        for position, raw in enumerate(values, start=1):
            try:
                items.append(item(raw))
            except Invalid as error:
                problems.append(f"elemento {position}: {error}")
        if problems:
            raise InvalidItems(problems)
        return tuple(items)

    return read


# --- applying readers to one file -------------------------------------------------------------

class FieldReader:
    """Reads the fields of one front-matter mapping, recording every problem with its line."""

    def __init__(
        self, meta: Mapping[Any, Any], rel: str, problems: Problems, allowed: Iterable[str],
        lines: Mapping[str, int] | None = None,
    ):
        self.meta = meta
        self.rel = rel
        self.problems = problems
        self.lines = lines or {}
        self.failed = False
        self._typos: dict[str, str] = {}  # suggested field → the misspelt key written instead
        self._check_keys(tuple(allowed))

    def required(self, name: str, reader: Callable[[object], T], hint: str) -> T:
        """A field that must be there; ``hint`` says what to write when it is missing.

        Returns :data:`MISSING` when the field is missing or wrong; the reader has then failed, and
        callers check :attr:`failed` before they use what it returned. The return type says ``T``
        for what callers may use; ``T | Missing`` would make every caller narrow values it never
        uses once the reader has failed.
        """
        value = self.meta.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if name in self._typos:
                self.failed = True  # already reported as a misspelt key: one problem, one message
            elif name in self.meta:
                self.fail(name, f"è vuoto — {hint}")
            else:
                self.fail(name, f"manca — {hint}")
            return cast(T, MISSING)
        return self._read(name, value, reader, cast(T, MISSING))

    def optional(self, name: str, reader: Callable[[object], T], default: D) -> T | D:
        value = self.meta.get(name)
        if value is None:
            return default
        # A wrong optional value is reported and read as the default, so later checks can go on.
        return self._read(name, value, reader, default)

    def fail(self, field: str | None, message: str) -> None:
        self.failed = True
        self.problems.error(self.rel, field, message, line=self.lines.get(field) if field else None)

    def warn(self, field: str | None, message: str) -> None:
        self.problems.warn(self.rel, field, message, line=self.lines.get(field) if field else None)

    def _read(self, name: str, value: object, reader: Callable[[object], T], fallback: D) -> T | D:
        try:
            result = reader(value)
        except InvalidItems as error:
            for message in error.messages:
                self.fail(name, message)
            return fallback
        except Invalid as error:
            self.fail(name, str(error))
            return fallback
        if result is MISSING:  # a nested reader already reported its own fields
            self.failed = True
            return fallback
        return result

    def _check_keys(self, allowed: tuple[str, ...]) -> None:
        for unknown in unknown_keys(self.meta, allowed, f"i campi ammessi sono: {', '.join(allowed)}."):
            if unknown.hint and unknown.hint not in self.meta:
                self._typos[unknown.hint] = unknown.key
            self.fail(unknown.key, f"campo sconosciuto — {unknown.better}")
