"""One declaration per option: what an option of mkdocs.yml is called, how it is read, its default,
whether it is required, its help for staff (Italian) and its former names.

The tables themselves (the plugin's options and the show's fields under ``podcast:``) live in
:mod:`reset_stories.content.settings`, next to the readers they name. From them come the core's
checks (unknown names, missing fields, defaults), the MkDocs adapter's ``Config`` class and the
README's settings tables (``tools/options_guide.py``). No engine import here.

Renaming an option: give it its new ``name`` and list the old one in ``renamed_from``. A
mkdocs.yml that still uses the old name keeps working, with a warning that says what to rename.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Option:
    """One option of mkdocs.yml (under ``reset-stories:``, or a show's field under ``podcast:``)."""

    name: str
    # What to write, for the README's tables (Italian, Markdown).
    help_it: str
    # Given what reading needs (see settings._Reading), the reader of a written value: returns the
    # value for the model or raises fields.Invalid. None: read elsewhere (``podcast`` is a whole block).
    reader: Callable[[Any], Callable[[object], Any]] | None = None
    # The value when the option is not written (ignored when required).
    default: Any = None
    required: bool = False
    # When required and missing or empty: what to write (after «manca — »). A callable gets the
    # same reading context as ``reader`` (the podcast's guid is suggested from the feed's address).
    missing_it: str | Callable[[Any], str] = ""
    # What MkDocs checks first (top-level options only), so that a wrong type is reported on its
    # line: str (a text), int (a number), list (a list of texts) or dict (a block of settings).
    kind: type = str
    # The default as the README shows it (Italian, Markdown); None: no «predefinito» to show.
    default_it: str | None = None
    # A value to show in the README, e.g. "`Arts`".
    example: str | None = None
    # Former names, still read (with a warning to rename them).
    renamed_from: tuple[str, ...] = ()

    def missing(self, context: object) -> str:
        return self.missing_it(context) if callable(self.missing_it) else self.missing_it


def names(table: Iterable[Option]) -> tuple[str, ...]:
    """The options' current names, in the table's order."""
    return tuple(option.name for option in table)


def known_names(table: Iterable[Option]) -> tuple[str, ...]:
    """Every name read: the current ones, then the former ones."""
    table = tuple(table)
    return names(table) + tuple(old for option in table for old in option.renamed_from)


def renamed_message(old: str, new: str, *, both: bool) -> str:
    if both:
        return f"«{old}» è il vecchio nome di «{new}», che è già scritto: vale «{new}» — togli «{old}»."
    return f"«{old}» è il vecchio nome di «{new}»: rinominalo (scrivi «{new}:» al posto di «{old}:»)."


def under_current_names(
    written: Mapping[Any, Any], table: Iterable[Option], warn: Callable[[str, str], None] | None = None,
) -> dict[Any, Any]:
    """``written`` with every former name replaced by the current one, in the same order.

    ``warn(old_name, message)`` is told of each former name found. When both names are written,
    the current one wins.
    """
    current_of = {old: option.name for option in table for old in option.renamed_from}
    result: dict[Any, Any] = {}
    for key, value in written.items():
        new = current_of.get(key) if isinstance(key, str) else None
        if new is None:
            result[key] = value
            continue
        both = new in written
        if warn is not None:
            warn(key, renamed_message(key, new, both=both))
        if not both:
            result[new] = value
    return result
