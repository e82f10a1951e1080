"""Findings as people read them: where, what is wrong, how to fix it, in Italian.

For anyone's feed a finding is placed by the feed's line and element (``riga 40, item/guid``) and
fixed in the feed (``Rule.fix``); for a feed reset-stories built (``Origin.ours``) it is placed in
the file staff change (the episode's content file, or mkdocs.yml for the channel) and fixed there
(``Rule.fix_ours`` when the rule has one). Findings of one rule with the same message in the same
file are one line, with how many other places have it and a few of their lines: a problem in every
item is one line, not ten thousand.

``--format json`` (:func:`as_json`) is for CI, and its shape is stable (documented in the README):
``{"feed", "errors", "warnings", "problems": [{"rule", "level", "message", "fix", "source",
"file", "element", "line", "lines", "count"}]}``.
"""

from __future__ import annotations

import json
import re
import string
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from reset_stories.lint.checking import Finding, Level, Rule
from reset_stories.problems import Problem, Severity

# How many other lines a grouped problem lists before "…".
SHOWN_LINES = 5
# The JSON shape's version: raised only when a field changes meaning or goes away.
JSON_VERSION = 1


@dataclass(frozen=True)
class Origin:
    """Where a feed comes from, for the report: ``feed`` is how it is named (a path, a URL);
    ``ours`` when reset-stories built it, with ``sources`` (an item's guid → the content file it
    comes from) and ``settings`` (where the channel's values are set)."""

    feed: str = "feed.xml"
    ours: bool = False
    sources: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    settings: str = "mkdocs.yml"


@dataclass(frozen=True)
class Line:
    """One distinct problem: the first place it was found, and how many places have it."""

    rule: Rule
    message: str
    fix: str
    file: str  # the feed, or (ours) the content file or mkdocs.yml
    element: str
    line: int | None
    lines: tuple[int, ...]  # every line it was found on, the first included, in order
    count: int

    @property
    def error(self) -> bool:
        return self.rule.level is Level.ERROR


def lines(findings: list[Finding], rules: Mapping[str, Rule], origin: Origin) -> list[Line]:
    """The findings as distinct problems, in the order of their first line (those without one first)."""
    groups: dict[tuple[str, str, str, str, str], list[Finding]] = {}
    for finding in findings:
        rule = rules[finding.rule]
        key = (rule.id, _fill(rule.problem, finding), _fix(rule, finding, origin), _file(finding, origin), finding.element)
        groups.setdefault(key, []).append(finding)
    result = []
    for (rule_id, message, fix, file, element), found in groups.items():
        numbers = tuple(sorted({f.line for f in found if f.line is not None}))
        result.append(Line(rules[rule_id], message, fix, file, element, found[0].line, numbers, len(found)))
    return sorted(result, key=lambda line: line.line or 0)


def _file(finding: Finding, origin: Origin) -> str:
    if not origin.ours:
        return origin.feed
    if finding.item is None:
        return origin.settings
    return origin.sources.get(finding.item, origin.feed)


def _fix(rule: Rule, finding: Finding, origin: Origin) -> str:
    return _fill(rule.fix_ours if origin.ours and rule.fix_ours else rule.fix, finding)


class _Blank(dict[str, str]):
    """A finding's values; a placeholder a check did not fill reads as "?" (never a crash)."""

    def __missing__(self, key: str) -> str:
        return "?"


def _fill(template: str, finding: Finding) -> str:
    try:
        return string.Formatter().vformat(template, (), _Blank((key, shown(value)) for key, value in finding.values))
    except (ValueError, IndexError, KeyError, AttributeError):  # a template that is not one
        return template


# Characters a value is never printed with: line breaks (a problem is one line), controls, and
# invisible or direction-changing marks (the line would read otherwise than it is).
_UNPRINTED = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
# A value longer than this is cut: the report says what is wrong, it need not repeat a whole description.
SHOWN_CHARACTERS = 300


def shown(value: str) -> str:
    """A value of the feed as a report prints it: on one line, every invisible character written
    as its code (``\\n``, ``\\u200b``), cut after :data:`SHOWN_CHARACTERS` characters."""
    cut = value[:SHOWN_CHARACTERS]
    if not cut.isprintable() or any(unicodedata.category(c) in _UNPRINTED for c in cut if not c.isascii()):
        cut = "".join(_escaped(c) for c in cut)
    return cut + ("…" if len(value) > SHOWN_CHARACTERS else "")


def _escaped(character: str) -> str:
    if character == " " or unicodedata.category(character) not in _UNPRINTED:
        return character
    return repr(character)[1:-1] if character.isascii() else f"\\u{ord(character):04x}"


# --- text ----------------------------------------------------------------------------------------


def text(found: list[Line], origin: Origin) -> str:
    """The report as lines of text: one per distinct problem (no end line: see :func:`summary`)."""
    return "\n".join(_text_line(line, origin) for line in found)


def _text_line(line: Line, origin: Origin) -> str:
    level = "errore" if line.error else "avviso"
    if origin.ours and line.file != origin.feed:
        where = f"{line.file} (feed, {line.element})" if line.element else line.file
    else:
        parts = [line.file] + ([f"riga {line.line}"] if line.line is not None else []) + ([line.element] if line.element else [])
        where = ", ".join(parts)
    return f"{where}: {level}: {_sentence(line)} [{line.rule.id}]"


def _sentence(line: Line) -> str:
    """The problem, its fix and where else it is, as one Italian sentence."""
    sentence = f"{line.message} — {line.fix}" if line.fix else line.message
    sentence = sentence.rstrip(". ")
    others = line.count - 1
    if others:
        sentence += f" ({_elsewhere(line, others)})"
    return sentence + "."


def _elsewhere(line: Line, others: int) -> str:
    where = "e in un altro punto" if others == 1 else f"e in altri {others} punti"
    rest = [n for n in line.lines if n != line.line]
    if not rest:
        return where
    shown = ", ".join(str(n) for n in rest[:SHOWN_LINES]) + ("…" if len(rest) > SHOWN_LINES else "")
    return f"{where}: {'riga' if len(rest) == 1 else 'righe'} {shown}"


def counts(found: list[Line]) -> tuple[int, int]:
    """Errors and warnings, counting every place (a line found 61 times counts 61)."""
    errors = sum(line.count for line in found if line.error)
    return errors, sum(line.count for line in found) - errors


def summary(found: list[Line], consequence: str) -> str:
    """The end line: how many errors and warnings, and what errors mean (``consequence``)."""
    errors, warnings = counts(found)
    warned = f"{warnings} {'avviso' if warnings == 1 else 'avvisi'}"
    if not errors:
        return "nessun errore" + (f", {warned}." if warnings else ".")
    said = f"{errors} {'errore' if errors == 1 else 'errori'}" + (f" e {warned}" if warnings else "")
    return f"{said}: {consequence}"


# --- JSON ----------------------------------------------------------------------------------------


def as_json(found: list[Line], origin: Origin) -> str:
    """The report for CI: see the module's docstring and the README for the shape."""
    errors, warnings = counts(found)
    document = {
        "version": JSON_VERSION,
        "feed": origin.feed,
        "errors": errors,
        "warnings": warnings,
        "problems": [
            {
                "rule": line.rule.id,
                "level": "error" if line.error else "warning",
                "message": line.message,
                "fix": line.fix,
                "source": line.rule.source,
                "file": line.file,
                "element": line.element,
                "line": line.line,
                "lines": list(line.lines),
                "count": line.count,
            }
            for line in found
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


# --- the build's problems ------------------------------------------------------------------------


def problems(found: list[Line], origin: Origin) -> list[Problem]:
    """The report as the build's problems (``Problems``): the file staff change, the feed's element."""
    result = []
    for line in found:
        severity = Severity.ERROR if line.error else Severity.WARNING
        at_feed = line.file == origin.feed
        field_name = f"feed {line.element}" if line.element else "feed"
        result.append(Problem(line.file, field_name, f"{_sentence(line)} [{line.rule.id}]", severity, line.line if at_feed else None))
    return result


# --- libxml2's words -----------------------------------------------------------------------------

# libxml2's English messages for the common ways a document is not XML, in Italian; a pattern's
# groups fill its translation.
_XML_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), words) for pattern, words in (
    (r"Opening and ending tag mismatch: ([^\s,]+) line (\d+) and ([^\s,]+)",
     "il tag <{0}> aperto alla riga {1} è chiuso da </{2}>: ogni tag va chiuso con il suo nome, nell'ordine inverso"),
    (r"Premature end of data in tag ([^\s,]+) line (\d+)",
     "il documento finisce prima che il tag <{0}> aperto alla riga {1} sia chiuso"),
    (r"EndTag: '</' not found", "il documento finisce senza chiudere i tag aperti"),
    (r"Couldn't find end of Start Tag ([^\s,]+)", "il tag <{0}> non è chiuso da >"),
    (r"Entity '([^']+)' not defined",
     "l'entità &{0}; non esiste in XML (che conosce solo &amp; &lt; &gt; &quot; &apos;): scrivi il carattere stesso o &#…;"),
    (r"xmlParseEntityRef: no name", "c'è una & da sola: in XML si scrive &amp;"),
    (r"EntityRef: expecting ';'", "un'entità non finisce con ;: una & da sola in XML si scrive &amp;"),
    (r"(?:PCDATA invalid Char value|Char 0x[0-9A-Fa-f]+ out of allowed range|invalid character in attribute value"
     r"|xmlParseCharRef: invalid xmlChar value)",
     "c'è un carattere che XML non ammette (un carattere di controllo, spesso copiato da un altro programma)"),
    (r"Input is not proper UTF-8|Document labelled UTF-16 but has UTF-8 content|Invalid bytes in character encoding",
     "i byte non sono nella codifica che il documento dichiara (di solito UTF-8): salva il file in UTF-8 "
     "o dichiara la codifica giusta nella prima riga"),
    (r"Unsupported encoding:? ?([^\s,]*)", "la codifica {0} non è supportata: usa UTF-8"),
    (r"Document is empty", "il documento è vuoto"),
    (r"Start tag expected, '<' not found", "il documento non comincia con un tag XML"),
    (r"Extra content at the end of the document", "c'è altro dopo la fine del documento (dopo </rss>)"),
    (r"XML declaration allowed only at the start of the document",
     "la dichiarazione <?xml …?> deve stare all'inizio del documento, senza niente prima"),
    (r"Attribute ([^\s,]+) redefined", "l'attributo {0} è scritto due volte nello stesso tag"),
    (r"AttValue: \" or ' expected", "il valore di un attributo non è tra virgolette"),
    (r"attributes construct error", "un attributo è scritto male (manca = o una virgoletta)"),
    (r"Specification mandates value for attribute ([^\s,]+)", "l'attributo {0} non ha un valore"),
    (r"StartTag: invalid element name|xmlParseStartTag: invalid element name",
     "c'è un < che non apre un tag: in un testo si scrive &lt;"),
    (r"Namespace prefix ([^\s,]+) (?:on|for) ([^\s,]+) is not defined",
     "il prefisso {0}: (in {0}:{1}) non è dichiarato: aggiungi xmlns:{0}=\"…\" a <rss>"),
    (r"Sequence '\]\]>' not allowed in content", "la sequenza ]]> non può stare in un testo: scrivi ]]&gt;"),
    (r"CData section not finished", "una sezione <![CDATA[ non è chiusa da ]]>"),
    (r"Comment not terminated", "un commento <!-- non è chiuso da -->"),
))


def xml_error(message: str) -> str:
    """libxml2's ``message`` in Italian; one it does not know, as it is and said to be so."""
    first = message.strip().split("\n")[0][:300]
    for pattern, words in _XML_ERRORS:
        match = pattern.search(first)
        if match:
            return words.format(*(group or "?" for group in match.groups()))
    return f"il lettore XML dice, in inglese, «{first or 'errore sconosciuto'}»"
