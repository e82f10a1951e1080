#!/bin/sh
# Regenerates the small media files the tests use (committed; tests never need these tools).
# Needs Debian's ffmpeg and lame, and Pillow (any virtualenv of the project has it).
set -e
cd "$(dirname "$0")"
# 3 s of a 440 Hz tone, mono 44.1 kHz, CBR 64 kbps, with lame's Xing/Info header, at the mono
# podcast loudness (-19 LUFS), so that the quality report has nothing to say about it.
ffmpeg -loglevel error -y -f lavfi -i "sine=frequency=440:duration=3" -af "volume=3.2dB" -ac 1 -ar 44100 -f wav - \
  | lame --quiet --noreplaygain -m m -b 64 - tone.mp3
# 2 s of the same tone as AAC in an M4A container, at -16 LUFS (mutagen reads mono AAC as stereo).
ffmpeg -loglevel error -y -f lavfi -i "sine=frequency=440:duration=2" -af "volume=6.2dB" -ac 1 -ar 44100 -c:a aac -b:a 64k \
  -map_metadata -1 -fflags +bitexact -flags:a +bitexact tone.m4a
python3 - <<'PY'
from PIL import Image
Image.new("RGB", (1400, 1400), (120, 30, 30)).save("cover.jpg", quality=60)
Image.new("RGB", (600, 600), (30, 30, 120)).save("small.jpg", quality=60)
Image.new("RGB", (1600, 1400), (30, 120, 30)).save("wide.jpg", quality=60)
Image.new("CMYK", (1400, 1400), (0, 80, 80, 40)).save("cmyk.jpg", quality=60)
PY
# Audio below what podcast apps recommend, for the quality report.
ffmpeg -loglevel error -y -f lavfi -i "sine=frequency=440:duration=3" -ac 1 -ar 44100 -f wav - \
  | lame --quiet --noreplaygain -m m -b 32 - low-bitrate.mp3
ffmpeg -loglevel error -y -f lavfi -i "sine=frequency=440:duration=3" -ac 1 -ar 22050 -f wav - \
  | lame --quiet --noreplaygain -m m -b 64 --resample 22.05 - 22khz.mp3
# -t: no Xing/Info frame, so the duration can only be estimated.
ffmpeg -loglevel error -y -f lavfi -i "sine=frequency=440:duration=3" -ac 1 -ar 44100 -f wav - \
  | lame --quiet --noreplaygain -t -m m -b 64 - no-xing.mp3
ffmpeg -loglevel error -y -f lavfi -i "sine=frequency=440:duration=3" -af "volume=-40dB" -ac 1 -ar 44100 -f wav - \
  | lame --quiet --noreplaygain -m m -b 64 - quiet.mp3
ffmpeg -loglevel error -y -f lavfi -i "sine=frequency=440:duration=2" -ac 1 -ar 44100 -c:a libvorbis -q:a 2 \
  -fflags +bitexact -flags:a +bitexact tone.ogg
# Broken images (truncated, corrupt, absurdly large) for the bad-input tests.
python3 make_broken_images.py
