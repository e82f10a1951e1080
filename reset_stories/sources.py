"""Reading a Markdown file with YAML front matter, once, into plain Python values.

YAML 1.1 (what PyYAML speaks) turns ``no`` into ``False``, ``1:30`` into ``90`` and ``08`` into
an error; it also rejects an impossible date like ``2024-02-30`` with a bare ValueError. Staff
should not need to know any of that, so the loader here resolves only what YAML 1.2's core
schema does (``true``/``false``, decimal numbers, null) and leaves dates as text: the field
readers in :mod:`reset_stories.fields` turn text into dates with a message that says how to
write them. Repeated keys are refused instead of silently keeping the last one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .formats import italian_size
from .problems import Problems

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, restricted to YAML 1.2 core scalars and unique keys."""


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


class RepeatedKey(yaml.constructor.ConstructorError):
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
StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_unique_mapping)


class _FrontMatter(YAMLHandler):
    def load(self, fm: str, **kwargs: object) -> Any:
        return yaml.load(fm, Loader=StrictLoader)


_HANDLER = _FrontMatter()


@dataclass(frozen=True, slots=True)
class Source:
    """A content file as read: where it is, its front matter and its Markdown body."""

    path: Path
    rel: str  # path relative to the project, as messages show it
    meta: dict[str, Any]
    body: str
    lines: Mapping[str, int] = field(default_factory=dict)  # the line of each top-level field


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
        meta = _HANDLER.load(front)
    except yaml.YAMLError as error:
        where, message = describe_yaml_error(error, "l'intestazione")
        # The front matter handed to YAML starts with the newline after "---".
        problems.error(rel, None, message, line=None if where is None else opening_line + where)
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
    return Source(
        path=path, rel=rel, meta=meta, body=body.strip() + "\n" if body.strip() else "",
        lines=_field_lines(front, opening_line),
    )


def _field_lines(front: str, opening_line: int) -> dict[str, int]:
    """Where each top-level field is written, so that every message can give its line."""
    node = yaml.compose(front, Loader=StrictLoader)
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(key.value): opening_line + key.start_mark.line
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }


# PyYAML's wording, and what it usually means for someone writing front matter.
_YAML_HINTS = (
    ("while scanning a quoted scalar", "ci sono virgolette aperte e mai chiuse — chiudi le virgolette alla fine del testo"),
    ("mapping values are not allowed", "un testo contiene «: » — metti tutto il testo tra virgolette, per esempio title: \"Siena: la città\""),
    ("cannot start any token", "c'è un carattere che YAML non accetta all'inizio di un valore (una tabulazione, @ o `) — usa gli spazi per rientrare e metti il testo tra virgolette"),
    ("expected <block end>", "il rientro delle righe non è coerente — allinea le righe dello stesso elenco con lo stesso numero di spazi"),
    ("could not find expected ':'", "manca «:» dopo il nome di un campo — scrivi per esempio title: Il titolo"),
    ("found undefined alias", "un valore comincia con «*» — metti il testo tra virgolette"),
)


def describe_yaml_error(error: yaml.YAMLError, subject: str = "il file") -> tuple[int | None, str]:
    """Where a YAML error is (0-based line in the YAML text) and what it means, in Italian."""
    # An unclosed quote is noticed far below where it opened: point at the opening.
    scanning = str(getattr(error, "context", "") or "").startswith("while scanning")
    mark = (getattr(error, "context_mark", None) if scanning else None) or getattr(error, "problem_mark", None)
    line = mark.line if mark is not None else None
    if isinstance(error, RepeatedKey):
        return line, str(error.problem)
    problem = str(getattr(error, "problem", None) or error)
    context = str(getattr(error, "context", None) or "")
    for marker, hint in _YAML_HINTS:
        if marker in problem or marker in context:
            return line, f"{subject} non è YAML valido: {hint}."
    return line, (
        f"{subject} non è YAML valido ({problem}) — controlla i due punti dopo ogni nome di campo, "
        "il rientro delle righe e metti tra virgolette i testi che contengono «:» o «#»."
    )
