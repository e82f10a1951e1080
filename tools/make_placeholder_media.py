#!/usr/bin/env python3
"""Regenerate the placeholder media of the reset-stories demo content.

Outputs (paths relative to the repository root):

* ``episodes/audio/<slug>.mp3`` for the four demo episodes: synthetic Italian
  speech (espeak-ng) encoded by lame as MP3, mono, 44.1 kHz, CBR 64 kbit/s,
  with lame's Xing/Info (LAME) header and no ID3 tags;
* ``episodes/04-reset.vtt``: the WebVTT transcript of episode 4, one cue per
  spoken segment, its times computed from the sample counts of the synthesised
  WAV data (not guessed).  A cue starts where the segment's speech begins and
  ends where it ends; every segment is then
  followed by SILENCE_SECONDS of silence, so the next segment starts at
  ``end + SILENCE_SECONDS`` and the file ends at the last ``end`` plus
  SILENCE_SECONDS.  Times refer to the source audio: a gapless-aware MP3
  decoder (one that honours the encoder delay stored in the LAME header)
  matches them exactly; one that ignores it plays everything a few tens of
  milliseconds later;
* ``episodes/copertina.jpg``: the show artwork, 1400x1400 RGB JPEG drawn
  with Pillow (no photographs, no logos, only local fonts).

All of it is placeholder material, to be replaced by the real recordings and
artwork.

How to run (Python 3.11; espeak-ng, lame and ffmpeg must be in /usr/bin):

    python3 -m venv /tmp/media-venv
    /tmp/media-venv/bin/pip install Pillow
    /tmp/media-venv/bin/python tools/make_placeholder_media.py

The output is deterministic for a given espeak-ng / lame / Pillow version:
running the script twice produces byte-identical files (the script prints a
SHA-256 for each file so this is easy to check).
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPISODES_DIR = ROOT / "episodes"
AUDIO_DIR = EPISODES_DIR / "audio"
ARTWORK = EPISODES_DIR / "copertina.jpg"

ESPEAK = "/usr/bin/espeak-ng"
LAME = "/usr/bin/lame"
FFMPEG = "/usr/bin/ffmpeg"
ESPEAK_ARGS = ["-v", "it", "-s", "150"]
# --noreplaygain: skip the ReplayGain analysis (not needed for a placeholder;
# the output is deterministic with or without it).
LAME_ARGS = ["--quiet", "-m", "m", "-b", "64", "--resample", "44.1", "--noreplaygain"]

SILENCE_SECONDS = 1.5

SHOW = "Un Palazzo, una Città, un Territorio"
PUBLISHER = "Fondazione Monte dei Paschi di Siena"


@dataclass(frozen=True)
class Episode:
    slug: str
    segments: tuple[str, ...]
    write_segments_file: bool = False


def _short_episode(number: int) -> Episode:
    return Episode(
        slug=f"0{number}-episodio-{number}",
        segments=(
            f"Audio segnaposto. Episodio {number} di {SHOW}, il podcast di {PUBLISHER}. "
            "La registrazione originale sostituirà questo file.",
        ),
    )


def _testimony(name: str, organisation: str) -> str:
    return f"Testimonianza di {name}, {organisation}. Segnaposto: qui andrà la sua testimonianza."


EPISODES: tuple[Episode, ...] = (
    _short_episode(1),
    _short_episode(2),
    _short_episode(3),
    Episode(
        slug="04-reset",
        segments=(
            # (1) intro
            f"Audio segnaposto. Questo è l'ultimo episodio di {SHOW}, il podcast di {PUBLISHER}. "
            "L'episodio racconta il progetto RESET, con le testimonianze di Francesca Lazzeroni, "
            "Aldo Buzio e Miriam Grottanelli De Santi.",
            # (2)-(4) testimonies
            _testimony("Francesca Lazzeroni", "AMAT"),
            _testimony("Aldo Buzio", "Ideazione"),
            _testimony("Miriam Grottanelli De Santi", "Siena Art Institute"),
            # (5) closing
            "Fine dell'audio segnaposto. La registrazione originale sostituirà questo file.",
        ),
        write_segments_file=True,
    ),
)


# --------------------------------------------------------------------------
# Audio
# --------------------------------------------------------------------------


def synthesise(text: str, workdir: Path) -> tuple[wave._wave_params, bytes]:
    """Speak ``text`` with espeak-ng; return the WAV parameters and PCM frames."""
    wav_path = workdir / "segment.wav"
    subprocess.run([ESPEAK, *ESPEAK_ARGS, "-w", str(wav_path), text], check=True)
    with wave.open(str(wav_path), "rb") as w:
        params = w.getparams()
        frames = w.readframes(params.nframes)
    if params.nchannels != 1 or params.sampwidth != 2:
        raise RuntimeError(f"unexpected espeak-ng output format: {params}")
    return params, frames


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    text: str


def build_episode_wav(episode: Episode, workdir: Path) -> tuple[bytes, list[Segment], float]:
    """Concatenate the segments, each followed by silence; return WAV bytes,
    segment timings (seconds) and total duration (seconds)."""
    rate: int | None = None
    pcm = bytearray()
    segments: list[Segment] = []
    for text in episode.segments:
        params, frames = synthesise(text, workdir)
        if rate is None:
            rate = params.framerate
        elif rate != params.framerate:
            raise RuntimeError("espeak-ng changed sample rate between segments")
        start_frames = len(pcm) // 2
        pcm += frames
        end_frames = len(pcm) // 2
        pcm += b"\x00\x00" * round(SILENCE_SECONDS * rate)
        segments.append(Segment(start_frames / rate, end_frames / rate, text))
    assert rate is not None
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(pcm))
    return buf.getvalue(), segments, (len(pcm) // 2) / rate


def normalise(wav: bytes) -> bytes:
    """Bring the speech to the mono podcast target, -19 LUFS, peaks under -1.5 dBTP (ffmpeg loudnorm).

    A linear gain (the level is measured first, then applied in a second pass), so the timing of
    every segment, and of the transcript, stays exactly as synthesised.
    """
    measured = subprocess.run(
        [FFMPEG, "-hide_banner", "-nostdin", "-f", "wav", "-i", "-", "-af",
         "loudnorm=I=-19:TP=-1.5:LRA=11:print_format=json", "-f", "null", "-"],
        input=wav, capture_output=True, check=True,
    ).stderr.decode()
    stats = json.loads(measured[measured.rindex("{"):measured.rindex("}") + 1])
    second = (
        f"loudnorm=I=-19:TP=-1.5:LRA=11:linear=true:measured_I={stats['input_i']}:measured_TP={stats['input_tp']}"
        f":measured_LRA={stats['input_lra']}:measured_thresh={stats['input_thresh']}:offset={stats['target_offset']}"
    )
    return subprocess.run(
        [FFMPEG, "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "wav", "-i", "-", "-af", second,
         "-ar", "44100", "-ac", "1", "-fflags", "+bitexact", "-flags:a", "+bitexact", "-f", "wav", "-"],
        input=wav, capture_output=True, check=True,
    ).stdout


def encode_mp3(wav: bytes, target: Path) -> None:
    tmp = target.with_suffix(".mp3.tmp")
    subprocess.run([LAME, *LAME_ARGS, "-", str(tmp)], input=normalise(wav), check=True)
    tmp.replace(target)


def _vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def write_transcript(path: Path, segments: list[Segment]) -> None:
    """The WebVTT transcript of what the placeholder voice says (no speaker: it is a synthetic voice)."""
    lines = ["WEBVTT", "", "NOTE Trascrizione dell'audio segnaposto: voce sintetica, non le persone citate.", ""]
    for s in segments:
        lines += [f"{_vtt_time(s.start)} --> {_vtt_time(s.end)}", s.text, ""]
    path.write_text("\n".join(lines), encoding="utf-8")


# --------------------------------------------------------------------------
# Artwork
# --------------------------------------------------------------------------

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def _font(size: int, bold: bool = False, serif: bool = False):
    from PIL import ImageFont

    family = "DejaVuSerif" if serif else "DejaVuSans"
    path = FONT_DIR / f"{family}{'-Bold' if bold else ''}.ttf"
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)  # Pillow >= 10.1


def make_artwork(target: Path) -> None:
    from PIL import Image, ImageDraw

    size = 1400
    top = (122, 32, 22)  # deep Siena red
    bottom = (58, 22, 14)  # dark brown
    img = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(img)
    for y in range(size):
        t = y / (size - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (size, y)], fill=colour)

    cream = (246, 236, 218)
    gold = (214, 170, 98)
    margin = 110

    # Thin frame.
    draw.rectangle([60, 60, size - 61, size - 61], outline=gold, width=4)

    # Small label above the title.
    label_font = _font(46, bold=True)
    draw.text((margin, 230), "PODCAST", font=label_font, fill=gold)

    # Title, one line per phrase.
    title_font = _font(128, bold=True, serif=True)
    y = 330
    for line in ("Un Palazzo,", "una Città,", "un Territorio"):
        draw.text((margin, y), line, font=title_font, fill=cream)
        y += 170

    # Rule and publisher.
    y += 50
    draw.rectangle([margin, y, margin + 260, y + 8], fill=gold)
    y += 60
    pub_font = _font(58)
    for line in ("Fondazione Monte dei Paschi", "di Siena"):
        draw.text((margin, y), line, font=pub_font, fill=cream)
        y += 76

    # Small "segnaposto" mark, bottom right.
    mark_font = _font(34, bold=True)
    text = "SEGNAPOSTO"
    left, top_, right, bottom_ = draw.textbbox((0, 0), text, font=mark_font)
    w, h = right - left, bottom_ - top_
    pad = 18
    x1 = size - 110
    y1 = size - 110
    x0 = x1 - w - 2 * pad
    y0 = y1 - h - 2 * pad
    draw.rectangle([x0, y0, x1, y1], outline=gold, width=3)
    draw.text((x0 + pad - left, y0 + pad - top_), text, font=mark_font, fill=gold)

    # Check nothing was drawn past the frame (title width).
    widest = max(draw.textlength(s, font=title_font) for s in ("Un Palazzo,", "una Città,", "un Territorio"))
    if margin + widest > size - 80:
        raise RuntimeError("title does not fit the artwork")

    tmp = target.with_suffix(".jpg.tmp")
    img.save(tmp, "JPEG", quality=85, optimize=True)
    tmp.replace(target)


# --------------------------------------------------------------------------


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    AUDIO_DIR.mkdir(parents=True, exist_ok=True)
    segment_report: list[str] = []
    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for episode in EPISODES:
            wav, segments, duration = build_episode_wav(episode, workdir)
            mp3 = AUDIO_DIR / f"{episode.slug}.mp3"
            encode_mp3(wav, mp3)
            size = mp3.stat().st_size
            total += size
            print(f"{mp3.relative_to(ROOT)}: {duration:.3f} s, {size} bytes, sha256 {sha256(mp3)}")
            if episode.write_segments_file:
                seg_path = ROOT / "episodes" / f"{episode.slug}.vtt"
                write_transcript(seg_path, segments)
                print(f"{seg_path.relative_to(ROOT)}: {len(segments)} cues")
                segment_report.append(f"# Segments of {episode.slug} (seconds, from the WAV sample counts;")
                segment_report.append(f"# each segment is followed by {SILENCE_SECONDS} s of silence):")
                for i, s in enumerate(segments, 1):
                    segment_report.append(f"#   {i}  start {s.start:8.3f}  end {s.end:8.3f}  {s.text}")
                segment_report.append(f"#   total duration {duration:.3f}")
    print(f"total MP3 size: {total} bytes")

    make_artwork(ARTWORK)
    print(f"{ARTWORK.relative_to(ROOT)}: {ARTWORK.stat().st_size} bytes, sha256 {sha256(ARTWORK)}")

    if segment_report:
        print()
        print("\n".join(segment_report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
