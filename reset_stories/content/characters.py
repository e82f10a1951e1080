"""Characters no text of ours may contain: invisible controls and Unicode non-characters.

They usually arrive by copy-paste from Word or a PDF (a page break, a soft line break, a
mis-decoded quote), cannot be seen in an editor, and XML refuses most of them: the feed could not
be written. Every text read from staff goes through :func:`find_bad_character` at the boundary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# C0 controls but tab, newline and carriage return; DEL and the C1 controls; lone surrogates;
# the non-characters U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, …).
_BAD = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


@dataclass(frozen=True, slots=True)
class BadCharacter:
    """An unwanted character of a text: which one, and on which line of the text (from 1)."""

    code: str  # "U+0007"
    kind: str  # what it is, in Italian
    line: int = 1

    @classmethod
    def of(cls, point: int, line: int = 1) -> BadCharacter:
        if 0xD800 <= point <= 0xDFFF:
            kind = "metà di un carattere, rimasta sola"
        elif point <= 0x9F:
            kind = "un carattere di controllo"
        else:
            kind = "un codice che non è un carattere"
        return cls(code=f"U+{point:04X}", kind=kind, line=line)

    def message(self, where: str = "") -> str:
        """What is wrong and what to do, in Italian; ``where`` names the place ("nel testo ")."""
        return (
            f"contiene {where}un carattere invisibile non ammesso, {self.code} ({self.kind}) — cancellalo "
            "(di solito arriva copiando e incollando da Word o da un PDF: riscrivi a mano quel punto)."
        )


def find_bad_character(text: str) -> BadCharacter | None:
    """The first character of ``text`` no text may contain, or None."""
    found = _BAD.search(text)
    if found is None:
        return None
    return BadCharacter.of(ord(found.group()), line=text.count("\n", 0, found.start()) + 1)


def without_bad_characters(text: str) -> str:
    """``text`` without the characters no text may contain (for text read from elsewhere: an imported feed)."""
    return _BAD.sub("", text)
