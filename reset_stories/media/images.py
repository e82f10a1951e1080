"""Image facts read with Pillow, and a cheap check that the image can be decoded at all.

A truncated or corrupt file, or one whose header claims billions of pixels, would otherwise fail
much later (making thumbnails, tagging audio) with a traceback. So the size is checked first,
from the header, and then the data: a JPEG decoded at an eighth of its size (draft mode, a few
milliseconds even at 3000 px), a PNG's chunks checked against their checksums.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image as PillowImage
from PIL import UnidentifiedImageError

from reset_stories.model import Image
from reset_stories.problems import PeopleFacingError

# Apple Podcasts artwork: square, 1400–3000 px, JPEG or PNG, RGB colour space.
MIN_SIDE = 1400
MAX_SIDE = 3000
_EXTENSIONS = {"JPEG": "jpg", "PNG": "png"}
_RGB_MODES = {"RGB", "RGBA"}
# Far more than a page or a podcast app needs (a 48-megapixel phone photo still fits); beyond
# this a file is a mistake or a decompression bomb, and decoding it would exhaust memory.
MAX_PIXELS = 50_000_000


class BadImage(PeopleFacingError):
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
    too_large = (
        "l'immagine è troppo grande{size} (al massimo {limit} milioni di pixel) — esportala di nuovo più piccola, "
        "per esempio 3000×3000 px."
    )
    try:
        with warnings.catch_warnings():
            # Pillow warns beyond 89 million pixels (and refuses beyond 179): the limit below is lower.
            warnings.simplefilter("ignore", PillowImage.DecompressionBombWarning)
            with PillowImage.open(path) as opened:
                kind, mode, (width, height) = opened.format, opened.mode, opened.size
                if kind not in _EXTENSIONS:
                    raise BadImage(f"l'immagine è in formato {kind} — salvala in JPEG o PNG.")
                if width * height > MAX_PIXELS:
                    size = f": {width}×{height} px, {width * height / 1_000_000:.0f} milioni di pixel".replace(".", ",")
                    raise BadImage(too_large.format(size=size, limit=MAX_PIXELS // 1_000_000))
                _decode(opened)
    except PillowImage.DecompressionBombError:
        raise BadImage(too_large.format(size="", limit=MAX_PIXELS // 1_000_000)) from None
    except UnidentifiedImageError:
        raise BadImage("il file non è un'immagine JPEG o PNG leggibile — esportala di nuovo in JPEG.") from None
    except BadImage:
        raise
    except Exception:  # noqa: BLE001 - whatever a decoder raises on bad data, the file is the problem
        raise BadImage(
            "il file dell'immagine è rovinato o incompleto (forse la copia o lo scaricamento si è interrotto) "
            "— esportala di nuovo in JPEG o PNG e sostituisci il file."
        ) from None
    return Image(path=path, extension=_EXTENSIONS[kind], width=width, height=height), mode


def _decode(opened: PillowImage.Image) -> None:
    """Raise if the image's data is truncated or corrupt, without decoding it in full."""
    if opened.format == "JPEG":
        opened.draft(None, (max(1, opened.width // 8), max(1, opened.height // 8)))
        opened.load()
    else:
        opened.verify()
