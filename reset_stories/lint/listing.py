"""The README's list of rules, generated from the table (:data:`reset_stories.lint.rules.RULES`)
so that anyone can look up a rule the report names::

    python -m reset_stories.lint.listing              # prints it
    python -m reset_stories.lint.listing --write README.md   # rewrites it between the README's markers

``tests/test_lint_rules.py`` checks that the README's list is the table's.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import string
import sys
from pathlib import Path

from reset_stories.lint.rules import RULES

_FAMILIES = (
    ("rss-", "RSS 2.0 e XML"),
    ("itunes-", "Apple Podcasts"),
    ("markup-", "HTML nelle descrizioni"),
    ("podcast-", "Podcasting 2.0"),
    ("file-", "I file a cui il feed rimanda (in un sito costruito)"),
    ("remote-", "Sui server (lint --remote, lint URL)"),
)
_URL = re.compile(r"https?://\S+")


class _Ellipsis(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "…"


def _cell(text: str) -> str:
    """``text`` (a rule's template) for a Markdown table's cell: values as «…», pipes escaped."""
    with contextlib.suppress(ValueError, IndexError, KeyError, AttributeError):  # a template that is not one: as it is
        text = string.Formatter().vformat(text, (), _Ellipsis())
    return text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;")


def _source(source: str) -> str:
    """A rule's source in Markdown: each of its parts (``;`` between them) a link, its words
    before the URL to the URL, what follows the URL (``(301), #section-15.4.9``) after the link."""
    return "; ".join(_part(part.strip()) for part in source.split("; ") if part.strip())


def _part(part: str) -> str:
    found = _URL.search(part)
    if found is None:
        return _cell(part)
    url = found.group(0).rstrip(".,;)")
    words = part[: found.start()].strip(" ,;:-—")
    after = part[found.start() + len(url):].strip()
    link = f"[{_cell(words or url)}]({url})"
    return f"{link} {_cell(after)}" if after else link


def markdown() -> str:
    """Every rule as Markdown tables, one per family, for the README (between its markers)."""
    parts = []
    for prefix, title in _FAMILIES:
        rules = sorted((rule for rule in RULES.values() if rule.id.startswith(prefix)), key=lambda rule: rule.id)
        if not rules:
            continue
        parts.append(f"#### {title}\n\n| regola | livello | che cosa non va — come si corregge | fonte |\n|---|---|---|---|")
        for rule in rules:
            text = f"{_cell(rule.problem)} — {_cell(rule.fix)}"
            if rule.fix_ours:
                text += f"<br>Con reset-stories: {_cell(rule.fix_ours)}"
            if rule.w3c:
                text += f"<br>Rispetto al validatore del W3C: {_cell(rule.w3c)}"
            parts.append(f"| `{rule.id}` | {rule.level.value} | {text} | {_source(rule.source)} |")
        parts.append("")
    others = sorted(rule.id for rule in RULES.values() if not rule.id.startswith(tuple(p for p, _ in _FAMILIES)))
    assert not others, f"rules of no family: {others}"
    return "\n".join(parts).strip() + "\n"


BEGIN, END = "<!-- rules: begin -->", "<!-- rules: end -->"


def write_readme(path: Path) -> bool:
    """Rewrite the list of rules between the markers of ``path``; False when it has none."""
    text = path.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        return False
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{BEGIN}\n{markdown()}{END}{tail}", encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    """``python -m reset_stories.lint.listing [--write README.md]``."""
    parser = argparse.ArgumentParser(prog="python -m reset_stories.lint.listing", description="The validator's rules, as the README lists them.")
    parser.add_argument("--write", type=Path, metavar="README", help="rewrite the list between the README's markers instead of printing it")
    args = parser.parse_args(argv)
    if args.write is None:
        sys.stdout.write(markdown())
        return 0
    if not write_readme(args.write):
        sys.stderr.write(f"{args.write}: no {BEGIN} … {END} markers\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
