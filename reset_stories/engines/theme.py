"""The site's own words (menus, buttons, labels) in the show's language, not the theme's English.

Material for MkDocs translates its interface when told the language (``theme.language``), but
defaults to English; MkDocs's ``toc`` extension titles every heading link "Permanent link"; and
Material signs every footer "Made with Material for MkDocs" (Zensical: "Made with Zensical"; both
leave it out when ``extra.generator`` is false, and the site owner who wants it writes
``extra.generator: true``). :func:`speak_show_language` sets, on a MkDocs configuration, whatever
the site owner left unset; :func:`dress` applies the look's palette, logo and favicon the same way.
It reads the configuration as mappings and attributes only: no engine import, so the choices
below stay engine-free.
"""

from __future__ import annotations

import warnings
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

DEFAULT_LANGUAGE = "it"
# The title of the link next to each heading (the toc extension's "permalink_title"), by language.
PERMALINK_TITLES = {"it": "Collegamento a questa sezione", "en": "Permanent link"}
# Material's language when a configuration names none.
_THEME_DEFAULT_LANGUAGE = "en"


def theme_language(show_language: object, available: Collection[str]) -> str | None:
    """The theme language for a show in ``show_language`` (``it``, ``it-IT``, ``pt-BR``…).

    ``available`` are the languages the theme speaks: the code itself when the theme has it,
    else its language without the region; None when the theme speaks neither.
    """
    code = show_language.strip() if isinstance(show_language, str) and show_language.strip() else DEFAULT_LANGUAGE
    for candidate in (code, code.split("-")[0].lower()):
        if candidate in available:
            return candidate
    return None


def permalink_title(language: str) -> str | None:
    return PERMALINK_TITLES.get(language.split("-")[0].lower())


def speak_show_language(config: Any, show_options: Mapping[str, Any]) -> None:
    """Fill in, on a MkDocs configuration, the interface settings the site owner did not write.

    - ``theme.language``: the show's language (``podcast.language``, default ``it``);
    - ``extra.generator``: false (no "Made with Material for MkDocs" in the footer);
    - the ``toc`` extension's ``permalink_title``: the heading links' title in that language.
    """
    language = _theme_language_of(config)
    if language is None:
        language = theme_language(show_options.get("language"), _theme_languages(config.theme.dirs))
        if language is not None:
            config.theme["language"] = language
    if "generator" not in config.extra:
        config.extra["generator"] = False
    title = permalink_title(language or _THEME_DEFAULT_LANGUAGE)
    toc = next((name for name in config.markdown_extensions if name in ("toc", "markdown.extensions.toc")), None)
    if toc is not None and title is not None:
        options = config.mdx_configs.setdefault(toc, {})
        options.setdefault("permalink_title", title)


def unwritten(written_theme: Mapping[str, Any], settings: Mapping[str, Any]) -> dict[str, Any]:
    """Of the theme ``settings`` the site's look asks for (site/look.py's ``theme_settings``: the
    palette, logo, favicon), those the site owner did not write under ``theme:`` themselves."""
    return {key: value for key, value in settings.items() if written_theme.get(key) in (None, "", [], {})}


def dress(config: Any, settings: Mapping[str, Any]) -> None:
    """Apply to a MkDocs configuration the look's theme ``settings`` its owner did not write."""
    for key, value in unwritten(_written_theme(config), settings).items():
        config.theme[key] = value


def _written_theme(config: Any) -> dict[str, Any]:
    """The ``theme:`` settings the site owner wrote in mkdocs.yml (not the theme's defaults)."""
    with warnings.catch_warnings():
        # The raw configuration is the only record of what the owner wrote rather than defaulted.
        warnings.simplefilter("ignore", DeprecationWarning)
        written = getattr(config, "user_configs", None)
    if written is None:
        return {}
    found: dict[str, Any] = {}
    for raw in written:
        theme = raw.get("theme")
        if isinstance(theme, Mapping):
            found.update(theme)
    return found


def _theme_language_of(config: Any) -> str | None:
    """The theme language the site owner wrote in mkdocs.yml, if any."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        has_record = getattr(config, "user_configs", None) is not None
    if not has_record:
        language = config.theme.get("language")
        return None if language in (None, _THEME_DEFAULT_LANGUAGE) else language
    language = _written_theme(config).get("language")
    return str(language) if language else None


def _theme_languages(dirs: list[str]) -> set[str]:
    """The languages a Material-like theme ships translations for (partials/languages/*.html)."""
    return {p.stem for d in dirs for p in (Path(d) / "partials" / "languages").glob("*.html")}
