"""Reading a Markdown file with YAML front matter, once, into plain Python values.

YAML 1.1 (what PyYAML speaks) turns ``no`` into ``False``, ``1:30`` into ``90`` and ``08`` into
an error; it also rejects an impossible date like ``2024-02-30`` with a bare ValueError. Staff
should not need to know any of that, so the loader here resolves only what YAML 1.2's core
schema does (``true``/``false``, decimal numbers, null) and leaves dates as text: the field
readers in :mod:`reset_stories.content.fields` turn text into dates with a message that says how to
write them. Repeated keys are refused instead of silently keeping the last one, and so are
anchors and aliases (``&name``/``*name``): staff never mean them, and a few lines of aliases can
stand for millions of values. Invisible control characters are refused with the line they are on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import yaml
from frontmatter.default_handlers import YAMLHandler

from reset_stories.content.characters import BadCharacter, find_bad_character
from reset_stories.problems import PeopleFacingError, Problems
from reset_stories.site.labels import italian_size

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class RefusedYaml(yaml.composer.ComposerError):
    """Something YAML allows that front matter must not use; ``problem`` says it in Italian."""


class StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, restricted to YAML 1.2 core scalars, unique keys, no anchors or aliases."""

    if TYPE_CHECKING:  # types-PyYAML leaves it unannotated

        def peek_event(self) -> yaml.Event: ...

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise RefusedYaml(None, None, _MARK_HINT.format(mark="*"), _python_mark(event))
        if getattr(event, "anchor", None) is not None:
            raise RefusedYaml(None, None, _MARK_HINT.format(mark="&"), _python_mark(event))
        return super().compose_node(parent, index)


def _python_mark(event: yaml.Event) -> yaml.error.Mark | None:
    """An event's mark: the pure-Python loader's kind (the stubs also allow libyaml's)."""
    return cast("yaml.error.Mark | None", event.start_mark)


_MARK_HINT = (
    "un valore comincia con «{mark}», che in YAML ha un significato speciale (ancore e alias) — "
    "metti il testo tra virgolette, per esempio title: \"{mark}Il titolo\""
)


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _INT, _FLOAT, _TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
StrictLoader.add_implicit_resolver(_INT, re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
StrictLoader.add_implicit_resolver(
    _FLOAT, re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"), list("-+0123456789.")
)


def _construct_decimal_int(loader: StrictLoader, node: yaml.ScalarNode) -> int:
    # SafeLoader reads a leading zero as octal: "08" would fail, "010" would be 8.
    return int(loader.construct_scalar(node), 10)


class WrittenNumber(float):
    """A decimal number that remembers how it was written: "1.30" is not "1.3" to someone timing a chapter."""

    written: str

    def __new__(cls, text: str) -> WrittenNumber:
        number = super().__new__(cls, text)
        number.written = text
        return number


def _construct_written_float(loader: StrictLoader, node: yaml.ScalarNode) -> float:
    return WrittenNumber(loader.construct_scalar(node))


class RepeatedKey(RefusedYaml):
    """A key written twice in one mapping."""


def _construct_unique_mapping(loader: StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise RepeatedKey(
                None, None,
                f'la chiave "{key}" è scritta due volte — tieni una sola riga «{key}:» e cancella l\'altra.',
                key_node.start_mark,
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


StrictLoader.add_constructor(_INT, _construct_decimal_int)
StrictLoader.add_constructor(_FLOAT, _construct_written_float)
StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_unique_mapping)


class YamlProblem(PeopleFacingError):
    """YAML that cannot be read: ``line`` (0-based, in the YAML text, when known) and an Italian message."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message, line)


def load_yaml(text: str, subject: str = "il file") -> Any:
    """``text`` read with :class:`StrictLoader`, or :class:`YamlProblem` saying in Italian what is wrong.

    Covers every way reading can fail: YAML errors (see :func:`describe_yaml_error`), invisible
    characters, refused anchors and aliases, and nesting so deep that Python's stack runs out.
    ``subject`` names the text in messages ("l'intestazione", "il registro").
    """
    return compose_yaml(text, subject)[0]


def compose_yaml(text: str, subject: str = "il file") -> tuple[Any, yaml.Node | None]:
    """``text`` read as :func:`load_yaml` reads it, with the node it was made from (where each value is written).

    One pass of the pure-Python parser makes the node, and the values are made from it: parsing
    the text a second time for the lines doubled the cost of reading front matter.
    """
    try:
        loader = StrictLoader(text)  # its reader refuses control characters already
        try:
            node = loader.get_single_node()
            return (None if node is None else loader.construct_document(node)), node
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        raise YamlProblem(*describe_yaml_error(error, subject, text)) from None
    except RecursionError:
        raise YamlProblem(*describe_deep_yaml(text, subject)) from None


def describe_deep_yaml(text: str, subject: str = "il file") -> tuple[int | None, str]:
    """Where and why YAML nested too deep to read (PyYAML hit RecursionError), in Italian.

    For readers that do not go through :func:`load_yaml` (MkDocs reading mkdocs.yml): catch
    RecursionError and report what this returns, as for :func:`describe_yaml_error`.
    """
    return _deep_line(text), (
        f"{subject} ha elenchi o gruppi di campi annidati uno dentro l'altro centinaia di volte: nessun contenuto "
        "ne ha bisogno — controlla il rientro delle righe e le parentesi [ ] e { } (forse il file è stato rovinato)."
    )


_DEEP = 50  # levels of nesting: front matter needs three or four


def _deep_line(text: str) -> int | None:
    """Where nesting in ``text`` first goes deeper than any content needs (the parser is not recursive)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=StrictLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > _DEEP:
                    return event.start_mark.line if event.start_mark else None  # the parser marks every event
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None
    return None


_HANDLER = YAMLHandler()  # finds and splits the front matter; compose_yaml reads it


@dataclass(frozen=True, slots=True)
class Source:
    """A content file as read: where it is, its front matter and its Markdown body."""

    path: Path
    rel: str  # path relative to the project, as messages show it
    meta: dict[str, Any]
    body: str
    lines: Mapping[str, int] = field(default_factory=dict)  # the line of each top-level field
    body_line: int = 1  # the line the body's first non-blank line is on


# A page of text is a few kilobytes; anything this large is not what staff meant to write.
MAX_BYTES = 2_000_000


def read_source(path: Path, rel: str, problems: Problems) -> Source | None:
    """Read ``path``; on any problem report it (with the YAML line) and return None."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            problems.error(
                rel, None,
                f"il file è di {italian_size(size)}: troppo per un testo — controlla di non aver salvato qui "
                "un altro file (audio, immagine, documento); i testi lunghi vanno divisi in più pagine.",
            )
            return None
        raw = path.read_bytes()
    except OSError as error:
        problems.error(rel, None, f"il file non si può leggere ({error.strerror}).")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.error(
            rel, None,
            "il file non è in UTF-8: salvalo con codifica UTF-8 (in VS Code: «Salva con codifica»).",
            line=line,
        )
        return None
    text = text.replace("\r\n", "\n")
    if not _HANDLER.detect(text.lstrip()):
        problems.error(
            rel, None,
            "manca l'intestazione (front matter): il file deve cominciare con una riga «---», "
            "poi i campi (per esempio «title: Il mio titolo»), poi un'altra riga «---».",
        )
        return None
    leading = len(text) - len(text.lstrip())
    opening_line = text[:leading].count("\n") + 1  # the line of the opening ---
    try:
        front, body = _HANDLER.split(text.lstrip())
    except ValueError:
        problems.error(rel, None, "l'intestazione non è chiusa: aggiungi una riga «---» dopo l'ultimo campo.")
        return None
    try:
        meta, node = compose_yaml(front, "l'intestazione")
    except YamlProblem as error:
        # The front matter handed to YAML starts with the newline after "---".
        problems.error(rel, None, error.message, line=None if error.line is None else opening_line + error.line)
        return None
    if meta is None:
        problems.error(rel, None, "l'intestazione è vuota — scrivi almeno i campi obbligatori tra le due righe «---».")
        return None
    if not isinstance(meta, dict):
        problems.error(
            rel, None,
            "l'intestazione deve contenere un campo per riga, «nome: valore» (per esempio «title: Il mio titolo»), "
            "senza trattini all'inizio delle righe.",
            line=opening_line + 1,
        )
        return None
    assert isinstance(node, yaml.MappingNode)  # meta is a dict: its node, a mapping
    # The body starts after the closing "---"; its line is that of its first non-blank character.
    body_offset = len(text) - len(body) + (len(body) - len(body.lstrip()))
    body_line = text.count("\n", 0, body_offset) + 1
    found = False
    for name, line, bad in _bad_characters(node, opening_line):
        problems.error(rel, name, bad.message() if name else bad.message("nel nome di un campo "), line=line)
        found = True
    if (in_body := find_bad_character(body.strip())) is not None:
        problems.error(rel, None, in_body.message("nel testo "), line=body_line + in_body.line - 1)
        found = True
    if found:
        return None
    return Source(
        path=path, rel=rel, meta=meta, body=body.strip() + "\n" if body.strip() else "",
        lines=_field_lines(node, opening_line), body_line=body_line,
    )


def _field_lines(node: yaml.MappingNode, opening_line: int) -> dict[str, int]:
    """Where each top-level field is written, so that every message can give its line."""
    return {
        str(key.value): opening_line + key.start_mark.line
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }


def _bad_characters(node: yaml.MappingNode, opening_line: int) -> Iterator[tuple[str | None, int, BadCharacter]]:
    """(field, line, character) for each top-level field holding an invisible character, once per field."""
    for key, value in node.value:
        name = str(key.value) if isinstance(key, yaml.ScalarNode) else None
        if name is not None and (bad := find_bad_character(name)) is not None:
            yield None, opening_line + key.start_mark.line, bad
            continue
        stack = [value]
        while stack:  # not recursive: nesting is bounded by the loader, but a stack costs nothing
            item = stack.pop()
            if isinstance(item, yaml.ScalarNode):
                if (bad := find_bad_character(item.value)) is not None:
                    yield name, opening_line + item.start_mark.line, bad
                    break
            elif isinstance(item, yaml.SequenceNode):
                stack.extend(reversed(item.value))
            elif isinstance(item, yaml.MappingNode):
                stack.extend(part for pair in reversed(item.value) for part in reversed(pair))


# PyYAML's wording, and what it usually means for someone writing front matter.
_YAML_HINTS = (
    ("while scanning a quoted scalar", "ci sono virgolette aperte e mai chiuse — chiudi le virgolette alla fine del testo"),
    ("mapping values are not allowed", "un testo contiene «: » — metti tutto il testo tra virgolette, per esempio title: \"Siena: la città\""),
    ("cannot start any token", "c'è un carattere che YAML non accetta all'inizio di un valore (una tabulazione, @ o `) — usa gli spazi per rientrare e metti il testo tra virgolette"),
    ("expected <block end>", "il rientro delle righe non è coerente — allinea le righe dello stesso elenco con lo stesso numero di spazi"),
    ("could not find expected ':'", "manca «:» dopo il nome di un campo — scrivi per esempio title: Il titolo"),
    ("while scanning an alias", "un valore comincia con «*» — metti il testo tra virgolette"),
    ("while scanning an anchor", "un valore comincia con «&» — metti il testo tra virgolette"),
)


def describe_yaml_error(error: yaml.YAMLError, subject: str = "il file", text: str | None = None) -> tuple[int | None, str]:
    """Where a YAML error is (0-based line in the YAML text) and what it means, in Italian.

    ``text`` (the YAML that was read) lets an invisible character be placed on its line.
    """
    if isinstance(error, yaml.reader.ReaderError):
        # PyYAML refuses most control characters outright, before parsing ("unicode"); bytes it
        # cannot decode come with the encoding it tried.
        if error.encoding not in (None, "unicode"):
            return None, f"{subject} non è in UTF-8: salvalo con codifica UTF-8 (in VS Code: «Salva con codifica»)."
        line = text.count("\n", 0, error.position) if text is not None and isinstance(error.character, int) else None
        if isinstance(error.character, int):
            return line, f"{subject} {BadCharacter.of(error.character).message()}"
        return line, f"{subject} non è in UTF-8: salvalo con codifica UTF-8 (in VS Code: «Salva con codifica»)."
    # An unclosed quote is noticed far below where it opened: point at the opening.
    scanning = str(getattr(error, "context", "") or "").startswith("while scanning")
    mark = (getattr(error, "context_mark", None) if scanning else None) or getattr(error, "problem_mark", None)
    line = mark.line if mark is not None else None
    if isinstance(error, RefusedYaml):
        return line, str(error.problem) if isinstance(error, RepeatedKey) else f"{subject} non si può leggere: {error.problem}."
    problem = str(getattr(error, "problem", None) or error)
    context = str(getattr(error, "context", None) or "")
    for marker, hint in _YAML_HINTS:
        if marker in problem or marker in context:
            return line, f"{subject} non è YAML valido: {hint}."
    return line, (
        f"{subject} non è YAML valido ({problem}) — controlla i due punti dopo ogni nome di campo, "
        "il rientro delle righe e metti tra virgolette i testi che contengono «:» o «#»."
    )
