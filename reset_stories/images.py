"""Image facts read with Pillow (header only: the pixels are never decoded)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image as PillowImage
from PIL import UnidentifiedImageError

from .model import Image

# Apple Podcasts artwork: square, 1400–3000 px, JPEG or PNG, RGB colour space.
MIN_SIDE = 1400
MAX_SIDE = 3000
_EXTENSIONS = {"JPEG": "jpg", "PNG": "png"}
_RGB_MODES = {"RGB", "RGBA"}


class BadImage(ValueError):
    """The image cannot be used; the message says what to do."""


def inspect(path: Path) -> Image:
    """A JPEG or PNG image's facts, or :class:`BadImage`."""
    return _open(path)[0]


def check_artwork(path: Path) -> Image:
    """An image fit for podcast apps: JPEG/PNG, square, 1400–3000 px, RGB."""
    image, mode = _open(path)
    if image.width != image.height:
        raise BadImage(f"l'immagine è {image.width}×{image.height} px — deve essere quadrata, per esempio 3000×3000 px.")
    if not MIN_SIDE <= image.width <= MAX_SIDE:
        raise BadImage(f"l'immagine è {image.width}×{image.height} px — deve essere tra 1400×1400 e 3000×3000 px.")
    if mode not in _RGB_MODES:
        raise BadImage(f"l'immagine è in modalità colore {mode} — salvala in RGB (non CMYK né scala di grigi).")
    return image


def _open(path: Path) -> tuple[Image, str]:
    try:
        with PillowImage.open(path) as opened:
            kind, mode, (width, height) = opened.format, opened.mode, opened.size
    except (UnidentifiedImageError, OSError):
        raise BadImage("il file non è un'immagine JPEG o PNG leggibile — esportala di nuovo in JPEG.") from None
    if kind not in _EXTENSIONS:
        raise BadImage(f"l'immagine è in formato {kind} — salvala in JPEG o PNG.")
    return Image(path=path, extension=_EXTENSIONS[kind], width=width, height=height), mode
