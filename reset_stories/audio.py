"""Audio facts read from the file's content with mutagen: type, exact size, duration.

Only headers are read (mutagen seeks; the Xing/Info frame gives an MP3's exact length), so a
long recording costs a few kilobytes of I/O, never its size in memory.
"""

from __future__ import annotations

from pathlib import Path

import mutagen
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis

from .model import AudioFacts

# What podcast apps accept, by the type mutagen recognises in the content.
# (mime type, published extension, played by Apple Podcasts)
_FORMATS: dict[type, tuple[str, str, bool]] = {
    MP3: ("audio/mpeg", "mp3", True),
    MP4: ("audio/x-m4a", "m4a", True),
    OggVorbis: ("audio/ogg", "ogg", False),
    OggOpus: ("audio/ogg", "opus", False),
}


class NotAudio(ValueError):
    """The file is not audio a podcast app can play; the message says what it is instead."""


def probe(path: Path) -> AudioFacts:
    """Read the facts of the audio at ``path``, or raise :class:`NotAudio` with a reason."""
    size = path.stat().st_size
    if size == 0:
        raise NotAudio("il file audio è vuoto (0 byte) — copia di nuovo il file MP3 originale.")
    try:
        recognised = mutagen.File(path)
    except mutagen.MutagenError:
        recognised = None
    kind = type(recognised)
    if recognised is None or kind not in _FORMATS:
        raise NotAudio(
            "il file non contiene audio MP3 o M4A (è un altro tipo di file, qualunque sia l'estensione, "
            "oppure è rovinato) — esporta di nuovo l'episodio in MP3."
        )
    mime_type, extension, _ = _FORMATS[kind]
    duration = float(getattr(recognised.info, "length", 0.0) or 0.0)
    if duration <= 0:
        raise NotAudio("il file audio non contiene suono (durata zero) — esporta di nuovo l'episodio in MP3.")
    return AudioFacts(path=path, size=size, mime_type=mime_type, extension=extension, duration=duration)


def plays_in_apple_podcasts(facts: AudioFacts) -> bool:
    return any(ext == facts.extension and apple for _, ext, apple in _FORMATS.values())
