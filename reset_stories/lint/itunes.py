"""(to be written: see issue 16)"""

from __future__ import annotations

from reset_stories.lint.checking import Check, Indexed, Rule

RULES: tuple[Rule, ...] = ()


class Checks:
    def __init__(self, check: Check) -> None:
        self.check = check

    def channel(self, channel: Indexed) -> None:
        pass

    def item(self, item: Indexed, channel: Indexed) -> None:
        pass

    def end(self, channel: Indexed) -> None:
        pass
