"""RSS 2.0 (to be completed: see issue 16)."""

from __future__ import annotations

from reset_stories.lint.checking import Check, Indexed, Level, Rule

_RSS = "RSS 2.0, https://www.rssboard.org/rss-specification"

RULES: tuple[Rule, ...] = (
    Rule("rss-xml-well-formed", Level.ERROR, "XML 1.0, https://www.w3.org/TR/xml/#sec-well-formed",
         "il feed non è XML ben formato: {detail} (riga {line})",
         "correggi l'XML in quel punto: ogni app smette di leggere il feed al primo errore"),
    Rule("rss-root", Level.ERROR, _RSS + "#whatIsRss",
         "non è un feed RSS: il documento non è <rss> con un <channel>",
         "un podcast è un documento <rss version=\"2.0\"><channel>…</channel></rss>"),
)


class Checks:
    def __init__(self, check: Check) -> None:
        self.check = check

    def channel(self, channel: Indexed) -> None:
        pass

    def item(self, item: Indexed, channel: Indexed) -> None:
        pass

    def end(self, channel: Indexed) -> None:
        pass
