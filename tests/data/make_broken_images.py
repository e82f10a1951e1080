"""Regenerates the broken images the tests use (committed; run with any virtualenv of the project).

Each one is a way an image can reach us that Pillow cannot decode, or should not: cut short by
an interrupted copy, damaged in the middle, or a header claiming an absurd number of pixels.
"""

import io
import random
import struct
import zlib
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
random.seed(9)
picture = Image.effect_noise((128, 128), 60).convert("RGB")  # noise: data that does not compress away


def encoded(kind: str) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, kind, **({"quality": 80} if kind == "JPEG" else {}))
    return buffer.getvalue()


def damaged(data: bytes) -> bytes:
    """``data`` with random bytes over a stretch of the middle (a JPEG decoder shrugs at mere bit flips)."""
    middle = bytearray(data)
    for index in range(len(data) // 2, len(data) // 2 + 1024):
        middle[index] = random.randrange(256)
    return bytes(middle)


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    """A valid little PNG whose header claims ``width``×``height`` pixels."""
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")
    )


jpeg, png = encoded("JPEG"), encoded("PNG")
(HERE / "truncated.jpg").write_bytes(jpeg[: len(jpeg) // 2])
(HERE / "truncated.png").write_bytes(png[: len(png) // 2])
(HERE / "corrupt.jpg").write_bytes(damaged(jpeg))
(HERE / "corrupt.png").write_bytes(damaged(png))
(HERE / "bomb.png").write_bytes(png_header(50_000, 50_000))  # beyond Pillow's own limit: it refuses
(HERE / "huge.png").write_bytes(png_header(10_000, 10_000))  # between Pillow's warning and its limit
