"""Audio facts read from the file's content with mutagen: type, exact size, duration, quality.

Only headers are read (mutagen seeks; the Xing/Info or VBRI frame gives an MP3's exact length),
so a long recording costs a few kilobytes of I/O, never its size in memory. What the content
is decides the type: a file named .mp3 that holds something else is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mutagen
from mutagen.aac import AAC
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4
from mutagen.oggopus import OggOpus
from mutagen.oggvorbis import OggVorbis

from reset_stories.model import AudioFacts
from reset_stories.problems import PeopleFacingError

# What podcast apps accept, by the type mutagen recognises in the content:
# (mime type, published extension, codec, played by Apple Podcasts)
_FORMATS: dict[type, tuple[str, str, str, bool]] = {
    MP3: ("audio/mpeg", "mp3", "MP3", True),
    MP4: ("audio/x-m4a", "m4a", "AAC", True),
    OggVorbis: ("audio/ogg", "ogg", "Vorbis", False),
    OggOpus: ("audio/ogg", "opus", "Opus", False),
}
# Extensions staff may give each kind of content.
_EXTENSIONS = {"mp3": {"mp3"}, "m4a": {"m4a", "mp4", "aac"}, "ogg": {"ogg", "oga"}, "opus": {"opus", "ogg"}}
# An MP3's frame count is in a Xing ("Xing" or "Info") or VBRI frame within its first frame.
_LENGTH_FRAMES = (b"Xing", b"Info", b"VBRI")


class NotAudio(PeopleFacingError):
    """The file is not audio a podcast app can play; the message says what it is instead."""


def probe(path: Path) -> AudioFacts:
    """Read the facts of the audio at ``path``, or raise :class:`NotAudio` with a reason."""
    size = path.stat().st_size
    if size == 0:
        raise NotAudio("il file audio è vuoto (0 byte) — copia di nuovo il file MP3 originale.")
    recognised = _recognise(path)
    kind = type(recognised)
    if kind is AAC:
        raise NotAudio(
            "il file contiene audio AAC senza contenitore (ADTS), che le app di podcast non leggono bene "
            "— esportalo in MP3, oppure in AAC dentro un file .m4a."
        )
    if recognised is None and _is_mp4_container(path):
        _check_mp4_complete(path, size)  # raises for a cut file, the usual reason mutagen cannot read it
    if recognised is None or kind not in _FORMATS:
        raise NotAudio(
            "il file non contiene audio MP3 o M4A (è un altro tipo di file, qualunque sia l'estensione, "
            "oppure è rovinato) — esporta di nuovo l'episodio in MP3."
        )
    mime_type, extension, codec, _ = _FORMATS[kind]
    written = path.suffix.lower().lstrip(".")
    if written not in _EXTENSIONS[extension]:
        raise NotAudio(
            f"il file si chiama .{written} ma contiene audio {codec} (.{extension}) — esportalo di nuovo "
            f"nel formato giusto, oppure rinominalo in .{extension}."
        )
    info: Any = recognised.info  # FileType declares None; each format sets its own StreamInfo
    duration = float(getattr(info, "length", 0.0) or 0.0)
    if duration <= 0:
        raise NotAudio("il file audio non contiene suono (durata zero) — esporta di nuovo l'episodio in MP3.")
    exact = True
    if kind is MP3:
        exact = _has_length_frame(path, info.frame_offset)
        _check_not_truncated(path, size, info.frame_offset)
    elif kind is MP4:
        _check_mp4_complete(path, size)
    return AudioFacts(
        path=path, size=size, mime_type=mime_type, extension=extension, duration=duration,
        codec=codec, bitrate=int(getattr(info, "bitrate", 0) or 0),
        sample_rate=int(getattr(info, "sample_rate", 0) or 0), channels=int(getattr(info, "channels", 0) or 0),
        duration_exact=exact,
    )


def _recognise(path: Path) -> mutagen.FileType | None:
    """mutagen's reading of the file; by content alone when the name misleads it (AAC named .mp3)."""
    try:
        found: mutagen.FileType | None = mutagen.File(path)
        return found
    except mutagen.MutagenError:
        pass
    for kind in (MP4, AAC, OggVorbis, OggOpus):
        try:
            return kind(path)
        except mutagen.MutagenError:
            continue
    return None


def _has_length_frame(path: Path, frame_offset: int) -> bool:
    with path.open("rb") as audio:
        audio.seek(frame_offset)
        first_frame = audio.read(200)
    return any(marker in first_frame for marker in _LENGTH_FRAMES)


def _check_not_truncated(path: Path, size: int, frame_offset: int) -> None:
    """An MP3 whose Xing frame counts more bytes than the file has was cut short (a failed copy)."""
    with path.open("rb") as audio:
        audio.seek(frame_offset)
        frame = audio.read(200)
    for marker in (b"Xing", b"Info"):
        at = frame.find(marker)
        if at < 0 or len(frame) < at + 8:
            continue
        flags = int.from_bytes(frame[at + 4: at + 8], "big")
        if flags & 0x1 and flags & 0x2:  # frames and bytes are both present
            declared = int.from_bytes(frame[at + 12: at + 16], "big")
            # Tolerance: tags after the audio (ID3v1, APE) are not counted, a last frame may be short.
            if declared and size - frame_offset < declared * 0.98:
                raise NotAudio(
                    f"il file MP3 è troncato: contiene {size - frame_offset} byte di audio ma ne dovrebbe avere "
                    f"{declared} — copia di nuovo il file completo."
                )


def _is_mp4_container(path: Path) -> bool:
    with path.open("rb") as audio:
        return audio.read(8)[4:8] == b"ftyp"


def _check_mp4_complete(path: Path, size: int) -> None:
    """An M4A whose top-level boxes run past the end of the file was cut short."""
    offset = 0
    with path.open("rb") as audio:
        while offset < size:
            audio.seek(offset)
            header = audio.read(16)
            if len(header) < 8:
                break
            box = int.from_bytes(header[:4], "big")
            if box == 1 and len(header) >= 16:
                box = int.from_bytes(header[8:16], "big")
            elif box == 0:
                box = size - offset
            if box < 8 or offset + box > size:
                raise NotAudio("il file M4A è troncato: la sua ultima parte manca — copia di nuovo il file completo.")
            offset += box
