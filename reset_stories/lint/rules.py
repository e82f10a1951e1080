"""Every rule the validator knows, from the modules that check them: one table, looked up by
identifier. The README's list of rules is generated from it:
``python -m reset_stories.lint.listing --write README.md`` (a test checks they agree)."""

from __future__ import annotations

from types import MappingProxyType

from reset_stories.lint import attached, itunes, markup, podcasting, remote, rss
from reset_stories.lint.checking import Rule

_ALL: tuple[Rule, ...] = (*rss.RULES, *itunes.RULES, *markup.RULES, *podcasting.RULES, *attached.RULES, *remote.RULES)
RULES = MappingProxyType({rule.id: rule for rule in _ALL})
assert len(RULES) == len(_ALL), "two rules share an identifier"

