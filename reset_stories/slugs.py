"""ASCII slugs for URLs and published file names ("Un Palazzo, una Città" → un-palazzo-una-citta)."""

from __future__ import annotations

from slugify import slugify as _transliterate


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens; any Latin letter is transliterated, not dropped."""
    return _transliterate(text, lowercase=True, separator="-")
