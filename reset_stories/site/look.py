"""The site's look, engine-independent: colours, logo, favicon and colour schemes from ``look:``.

From the few colours staff write (``look.primary``, ``look.accent``) this module derives every
colour the theme needs, for the light scheme and for the dark one, and checks each pair a
visitor reads (text on its background) against WCAG AA: :data:`CONTRAST_PAIRS` is that list,
declared once; :func:`palettes` makes colours that pass it, :func:`too_light` tells staff the
nearest colour that passes when theirs cannot. The result is a stylesheet (:func:`stylesheet`,
published as :data:`STYLESHEET`) setting Material's CSS custom properties, which Zensical's
classic look shares, and the theme settings an engine adapter applies where the site owner wrote
none of their own (:func:`theme_settings`: the palette with its two schemes following the
visitor's preference, the logo, the favicon).

Deterministic: the same settings give the same bytes. No engine import.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reset_stories.model import Look, Scheme, Site
from reset_stories.site import STYLESHEET_SOURCES

# Where the one stylesheet of ours every page loads is published (site/__init__.py's ASSETS beside it).
STYLESHEET = "assets/reset-stories/reset-stories.css"
# Where a logo or favicon kept outside the docs folder is published.
IMAGES_FOLDER = "assets/reset-stories"

# WCAG 2.1 AA: text (1.4.3); our derived colours keep a small margin over it, so that a browser
# rounding a colour differently never takes a pair below the line.
TEXT_CONTRAST = 4.5
_MARGIN = 0.1

WHITE = (255, 255, 255)
# Material's light scheme: black text at 87% on white (its --md-default-* defaults).
LIGHT_BACKGROUND = WHITE
# Material's dark scheme ("slate") is tinted by a hue: its background is hsl(hue, 15%, 14%).
_SLATE_SATURATION, _SLATE_LIGHTNESS = 0.15, 0.14

Rgb = tuple[int, int, int]


# --- colours ------------------------------------------------------------------------------

_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")


def parse_colour(text: str) -> Rgb | None:
    """``#rrggbb`` or ``#rgb`` (the ``#`` may be left out), or None."""
    match = _HEX.fullmatch(text.strip())
    if match is None:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def hex_of(rgb: Rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def luminance(rgb: Rgb) -> float:
    """WCAG 2.1's relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: Rgb, b: Rgb) -> float:
    """WCAG 2.1's contrast ratio, from 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def blend(colour: Rgb, alpha: float, background: Rgb) -> Rgb:
    """``colour`` at ``alpha`` over ``background``, as a browser paints it."""
    return tuple(round(c * alpha + b * (1 - alpha)) for c, b in zip(colour, background, strict=True))  # type: ignore[return-value]


def hue_of(rgb: Rgb) -> int:
    h, _, _ = colorsys.rgb_to_hls(*(v / 255 for v in rgb))
    return round(h * 360) % 360


def _with_lightness(rgb: Rgb, lightness: float) -> Rgb:
    h, _, s = colorsys.rgb_to_hls(*(v / 255 for v in rgb))
    r, g, b = colorsys.hls_to_rgb(h, min(max(lightness, 0.0), 1.0), s)
    return round(r * 255), round(g * 255), round(b * 255)


def _lightness(rgb: Rgb) -> float:
    return colorsys.rgb_to_hls(*(v / 255 for v in rgb))[1]


def slate_background(hue: int) -> Rgb:
    r, g, b = colorsys.hls_to_rgb(hue / 360, _SLATE_LIGHTNESS, _SLATE_SATURATION)
    return round(r * 255), round(g * 255), round(b * 255)


def nearest_passing(colour: Rgb, background: Rgb, minimum: float) -> Rgb:
    """``colour`` itself when it has ``minimum`` contrast on ``background``; else the colour of the
    same hue and saturation, darker or lighter (away from the background), nearest to it that has."""
    if contrast(colour, background) >= minimum:
        return colour
    start = _lightness(colour)
    step = -0.002 if luminance(background) > 0.18 else 0.002
    for n in range(1, 501):
        candidate = _with_lightness(colour, start + step * n)
        if contrast(candidate, background) >= minimum:
            return candidate
    return (0, 0, 0) if step < 0 else WHITE


def too_light(colour: Rgb) -> Rgb | None:
    """None when ``colour`` can be read as text on the light scheme's background; else the nearest
    colour that can (what staff are told to write instead)."""
    if contrast(colour, LIGHT_BACKGROUND) >= TEXT_CONTRAST:
        return None
    return nearest_passing(colour, LIGHT_BACKGROUND, TEXT_CONTRAST)


# --- the palettes ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Pair:
    """Text in one colour on a background of another, which must reach ``minimum`` contrast."""

    text: str  # a CSS custom property
    background: str
    minimum: float
    where: str  # what a visitor reads in these colours


# Every pair of our colours a visitor reads, in both schemes (Material's and Zensical's classic
# look use them so).
CONTRAST_PAIRS: tuple[Pair, ...] = (
    Pair("--md-primary-bg-color", "--md-primary-fg-color", TEXT_CONTRAST, "the header, the tabs, the current page's number"),
    Pair("--md-primary-bg-color--light", "--md-primary-fg-color", TEXT_CONTRAST, "the search field's placeholder in the header"),
    Pair("--md-primary-bg-color", "--md-primary-fg-color--dark", TEXT_CONTRAST, "the repository's link in the header"),
    Pair("--md-typeset-a-color", "--md-default-bg-color", TEXT_CONTRAST, "links in the text"),
    Pair("--md-accent-fg-color", "--md-default-bg-color", TEXT_CONTRAST, "links under the pointer or focused"),
    Pair("--md-accent-bg-color", "--md-accent-fg-color", TEXT_CONTRAST, "buttons under the pointer or focused"),
)


def _alpha_hex(rgb: Rgb, alpha: float) -> str:
    return hex_of(rgb) + f"{round(alpha * 255):02x}"


def _on(background: Rgb) -> Rgb:
    """The text on ``background``: white when it reads well there, else black."""
    return WHITE if contrast(WHITE, background) >= TEXT_CONTRAST else (0, 0, 0)


def _header_text_light(primary: Rgb) -> str:
    """The header's secondary text: white made as transparent as it can be while still readable."""
    for percent in range(70, 101, 5):
        if contrast(blend(WHITE, percent / 100, primary), primary) >= TEXT_CONTRAST + _MARGIN:
            return _alpha_hex(WHITE, percent / 100) if percent < 100 else hex_of(WHITE)
    return hex_of(WHITE)


def palettes(primary: Rgb, accent: Rgb) -> dict[str, dict[str, str]]:
    """The CSS custom properties of the light (``default``) and dark (``slate``) schemes.

    ``primary`` and ``accent`` have passed :func:`too_light`: as text on white they pass, and so
    does white text on them. The dark scheme keeps the header in the primary colour and gets
    links and accents lightened, in the same hue, until they read on its background.
    """
    target = TEXT_CONTRAST + _MARGIN
    light_variant = _with_lightness(primary, _lightness(primary) + 0.08)
    dark_variant = _with_lightness(primary, _lightness(primary) - 0.08)
    header = {
        "--md-primary-fg-color": hex_of(primary),
        "--md-primary-fg-color--light": hex_of(light_variant),
        "--md-primary-fg-color--dark": hex_of(dark_variant),
        "--md-primary-bg-color": hex_of(_on(primary)),
        "--md-primary-bg-color--light": _header_text_light(primary),
    }
    light = {
        **header,
        "--md-default-bg-color": hex_of(LIGHT_BACKGROUND),
        "--md-typeset-a-color": hex_of(primary),
        "--md-accent-fg-color": hex_of(accent),
        "--md-accent-fg-color--transparent": _alpha_hex(accent, 0.1),
        "--md-accent-bg-color": hex_of(_on(accent)),
        "--md-accent-bg-color--light": _alpha_hex(_on(accent), 0.7),
    }
    hue = hue_of(primary)
    background = slate_background(hue)
    link = nearest_passing(primary, background, target)
    dark_accent = nearest_passing(accent, background, target)
    dark = {
        **header,
        "--md-hue": f"{hue}deg",
        "--md-default-bg-color": hex_of(background),
        "--md-typeset-a-color": hex_of(link),
        "--md-accent-fg-color": hex_of(dark_accent),
        "--md-accent-fg-color--transparent": _alpha_hex(dark_accent, 0.1),
        "--md-accent-bg-color": hex_of(background if contrast(background, dark_accent) >= target else _on(dark_accent)),
        "--md-accent-bg-color--light": _alpha_hex(background, 0.7),
    }
    return {"default": light, "slate": dark}


def resolve(palette: Mapping[str, str], name: str, under: Rgb | None = None) -> Rgb:
    """The colour a property of ``palette`` paints, its transparency blended over ``under``."""
    value = palette[name].lstrip("#")
    rgb = parse_colour(value[:6])
    assert rgb is not None
    if len(value) == 8:
        return blend(rgb, int(value[6:], 16) / 255, under or WHITE)
    return rgb


def failing_pairs(palette: Mapping[str, str]) -> list[tuple[Pair, float]]:
    """The pairs of ``palette`` below their minimum contrast, with the contrast they have."""
    failing = []
    for pair in CONTRAST_PAIRS:
        background = resolve(palette, pair.background)
        ratio = contrast(resolve(palette, pair.text, background), background)
        if ratio < pair.minimum:
            failing.append((pair, ratio))
    return failing


# --- what is published ----------------------------------------------------------------------

def stylesheet(look: Look) -> bytes:
    """The stylesheet every page loads after the theme's: ours (site/__init__.py's
    STYLESHEET_SOURCES), then the colours of ``look`` in each scheme."""
    ours = b"".join(source.read_bytes().rstrip(b"\n") + b"\n\n" for source in STYLESHEET_SOURCES)
    return ours + colours(look)


def colours(look: Look) -> bytes:
    """The colours of ``look`` in each scheme, as CSS."""
    lines = ["/* reset-stories: the site's colours, made from «look:» in mkdocs.yml (do not edit). */"]
    if look.primary is not None:
        primary = parse_colour(look.primary)
        accent = parse_colour(look.accent or look.primary)
        assert primary is not None and accent is not None  # checked by the settings' reader
        schemes = palettes(primary, accent)
        # The build checks its own colours: a pair below WCAG AA here is a bug of this module.
        assert not any(failing_pairs(scheme) for scheme in schemes.values()), schemes
        # The light scheme on the root too, for the pages no scheme is set on; the dark one wins
        # where it is set (later, same specificity as the theme's own rules, which come first).
        for selector, scheme in ((':root, [data-md-color-scheme="default"]', "default"), ('[data-md-color-scheme="slate"]', "slate")):
            lines.append(f"{selector} {{")
            lines.extend(f"  {name}: {value};" for name, value in schemes[scheme].items())
            lines.append("}")
    return ("\n".join(lines) + "\n").encode()


def image_uri(site: Site, source: Path, role: str) -> str:
    """Where the logo or favicon (``role``) is published: its own address when it is inside the docs
    folder (the engine publishes it with the pages' files), else under our assets, named by its role."""
    if source.is_relative_to(site.docs_dir):
        return source.relative_to(site.docs_dir).as_posix()
    return f"{IMAGES_FOLDER}/{role}{source.suffix.lower()}"


def _images(look: Look) -> dict[str, Path]:
    """The logo and favicon, by role (the favicon is the logo when only a logo is given)."""
    found = {"logo": look.logo, "favicon": look.favicon or look.logo}
    return {role: source for role, source in found.items() if source is not None}


def images(site: Site) -> Iterator[tuple[str, Path]]:
    """The logo and favicon we publish: (the URI, the source file). Those inside the docs folder
    are published by the engine with the pages' files."""
    for role, source in _images(site.look).items():
        if not source.is_relative_to(site.docs_dir):
            yield image_uri(site, source, role), source


# The palette's toggle: the icon shows the scheme it switches to; its name says so, in the show's
# language (Italian when it is none of these).
_TOGGLE_ICONS = {"default": "material/brightness-4", "slate": "material/brightness-7"}
_TOGGLE_NAMES = {
    "it": {"default": "Passa al tema scuro", "slate": "Passa al tema chiaro"},
    "en": {"default": "Switch to dark mode", "slate": "Switch to light mode"},
}
_MEDIA = {"default": "(prefers-color-scheme: light)", "slate": "(prefers-color-scheme: dark)"}
_SCHEMES = {Scheme.AUTO: ("default", "slate"), Scheme.LIGHT: ("default",), Scheme.DARK: ("slate",)}


def theme_settings(site: Site, language: str = "it") -> dict[str, Any]:
    """The theme settings ``look`` asks of a Material-like engine (``palette``, ``logo``,
    ``favicon``): an adapter applies each one the site owner did not write in ``theme:``.
    ``language`` is the show's, for the name of the schemes' toggle."""
    names = _TOGGLE_NAMES.get(language.split("-")[0].lower(), _TOGGLE_NAMES["it"])
    look = site.look
    entries = []
    schemes = _SCHEMES[look.scheme]
    for scheme in schemes:
        entry: dict[str, Any] = {}
        if len(schemes) > 1:
            entry["media"] = _MEDIA[scheme]
        entry["scheme"] = scheme
        if look.primary is not None:
            entry["primary"] = "custom"
            entry["accent"] = "custom"
        if len(schemes) > 1:
            entry["toggle"] = {"icon": _TOGGLE_ICONS[scheme], "name": names[scheme]}
        entries.append(entry)
    settings: dict[str, Any] = {"palette": entries}
    for role, source in _images(look).items():
        settings[role] = image_uri(site, source, role)
    return settings
