"""ASCII slugs for URLs and published file names ("Un Palazzo, una Città" → un-palazzo-una-citta)."""

from __future__ import annotations

from slugify import slugify as _transliterate


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens; any Latin letter is transliterated, not dropped."""
    return _transliterate(text, lowercase=True, separator="-")


# A file name made from a title stays readable and far below file systems' 255-byte limit.
MAX_FILE_SLUG = 80


def file_slug(text: str) -> str:
    """:func:`slugify` cut to at most :data:`MAX_FILE_SLUG` characters, at a hyphen when there is one."""
    return _transliterate(text, lowercase=True, separator="-", max_length=MAX_FILE_SLUG, word_boundary=True, save_order=True)
