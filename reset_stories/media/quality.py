"""The audio quality report: what podcast apps recommend, and how loud each episode is.

Loudness is measured with Debian's ffmpeg (its ``ebur128`` filter: EBU R 128 integrated
loudness and true peak), when ffmpeg is on the PATH; it decodes the whole file, so ``check``
does it once per version of the file (the result is cached) and ``build`` does not.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from reset_stories.model import AudioFacts, Loudness
from reset_stories.site.labels import italian_duration, italian_size

# Podcast loudness targets (LUFS), the usual ones (Apple's, AES TD1008): stereo −16, mono −19.
TARGET_STEREO = -16.0
TARGET_MONO = -19.0
TOLERANCE = 2.0  # LU either side before a warning
MAX_TRUE_PEAK = -1.0  # dBTP
MIN_BITRATE = {1: 64_000, 2: 128_000}  # bits per second, for MP3
LARGE_BITRATE = 330_000  # beyond 320 kbps the file is larger than speech ever needs
SAMPLE_RATES = (44_100, 48_000)


def warnings_for(facts: AudioFacts) -> list[str]:
    """Everything in the audio below what podcast apps recommend, worded for staff."""
    found = []
    if facts.extension in ("ogg", "opus"):
        found.append(f"il file è in formato {facts.codec} (Ogg): Apple Podcasts non lo riproduce — esporta l'episodio in MP3.")
    if not facts.duration_exact:
        found.append(
            "la durata è stimata: il file MP3 non ha l'intestazione Xing/VBRI che dice quanto dura esattamente "
            "— esportalo di nuovo (per esempio con LAME) perché le app mostrino la durata giusta."
        )
    if facts.codec == "MP3" and facts.channels in MIN_BITRATE and 0 < facts.bitrate < MIN_BITRATE[facts.channels] * 0.95:
        wanted = MIN_BITRATE[facts.channels] // 1000
        found.append(f"la qualità è bassa: {facts.bitrate // 1000} kbps — esporta almeno a {wanted} kbps ({_channels(facts.channels)}).")
    if facts.sample_rate and facts.sample_rate not in SAMPLE_RATES:
        found.append(f"la frequenza di campionamento è {_khz(facts.sample_rate)} — esporta a 44,1 kHz o 48 kHz.")
    if facts.channels > 2:
        found.append(f"l'audio ha {facts.channels} canali — esportalo mono o stereo.")
    if facts.duration > 0 and facts.size * 8 / facts.duration > LARGE_BITRATE:
        rate = round(facts.size * 8 / facts.duration / 1000)
        found.append(
            f"il file è molto grande per la sua durata ({italian_size(facts.size)} per {italian_duration(facts.duration)}, "
            f"{rate} kbps) — per la voce bastano 64 kbps mono o 128 kbps stereo: gli ascoltatori scaricano meno."
        )
    return found


def loudness_warnings(facts: AudioFacts) -> list[str]:
    """How far an episode's measured loudness is from the podcast targets, if it is."""
    found = []
    if facts.loudness is not None:
        target = target_for(facts)
        level = facts.loudness.integrated
        if abs(level - target) > TOLERANCE:
            direction = "basso" if level < target else "alto"
            found.append(
                f"il volume è troppo {direction}: {_number(level)} LUFS, l'obiettivo per un podcast {_channels(facts.channels)} "
                f"è {_number(target)} LUFS — normalizza l'audio (per esempio con il filtro loudnorm di ffmpeg)."
            )
        if facts.loudness.true_peak > MAX_TRUE_PEAK:
            found.append(
                f"i picchi arrivano a {_number(facts.loudness.true_peak)} dBTP, oltre {_number(MAX_TRUE_PEAK)}: "
                "in alcune app il suono può distorcere — abbassa i picchi (limiter) a -1 dBTP."
            )
    return found


def describe(facts: AudioFacts, published_size: int | None = None) -> str:
    """One line of facts: "MP3, 64 kbps, mono, 44,1 kHz, 54 s, 433 KB, -19,0 LUFS".

    ``published_size``: the size of the copy the feed and the site offer (tagged with title and
    artwork, so larger than the source); shown as the size, with the source's beside it.
    """
    parts = [facts.codec or facts.extension.upper()]
    if facts.bitrate:
        parts.append(f"{round(facts.bitrate / 1000)} kbps")
    if facts.channels:
        parts.append(_channels(facts.channels))
    if facts.sample_rate:
        parts.append(_khz(facts.sample_rate))
    parts.append(italian_duration(facts.duration))
    if published_size is None or published_size == facts.size:
        parts.append(italian_size(facts.size))
    else:
        # The size listeners download (the tagged copy), as the page and the feed say it.
        parts.append(f"{italian_size(published_size)} come pubblicato (originale {italian_size(facts.size)})")
    if facts.loudness is not None:
        parts.append(f"{_number(facts.loudness.integrated)} LUFS (obiettivo {_number(target_for(facts))})")
    return ", ".join(parts)


def target_for(facts: AudioFacts) -> float:
    return TARGET_MONO if facts.channels == 1 else TARGET_STEREO


def measure_loudness(path: Path) -> Loudness | None:
    """EBU R 128 integrated loudness and true peak, with ffmpeg; None without ffmpeg or on failure."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return None
    result = subprocess.run(
        [ffmpeg, "-nostats", "-hide_banner", "-nostdin", "-i", str(path), "-filter_complex", "ebur128=peak=true", "-f", "null", "-"],
        capture_output=True, text=True, check=False,
    )
    summary = result.stderr.rpartition("Summary:")[2]
    integrated = re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary)
    peak = re.search(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS", summary)
    if result.returncode != 0 or not integrated or not peak:
        return None
    return Loudness(integrated=float(integrated.group(1)), true_peak=float(peak.group(1)))


def loudness_available() -> bool:
    return shutil.which("ffmpeg") is not None


def _channels(channels: int) -> str:
    return {1: "mono", 2: "stereo"}.get(channels, f"{channels} canali")


def _khz(rate: int) -> str:
    return f"{rate / 1000:g} kHz".replace(".", ",")


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")
