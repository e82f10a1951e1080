"""Published audio carries its metadata: a tagged copy of each episode's file, frames untouched.

A file downloaded from the feed should say what it is: title, show, author, episode number,
date, a link to its page, the artwork, and its chapters (ID3 CHAP/CTOC). The files staff drop
in are never modified: the published copy is the new tag followed by the original audio,
streamed byte for byte (MP3), or the original with its metadata box rewritten (M4A). Copies
are made once per version of the source and of the tags (see :mod:`reset_stories.media.cache`).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any

from mutagen.id3 import (
    APIC,
    CHAP,
    CTOC,
    ID3,
    PCST,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TPE1,
    TRCK,
    WXXX,
    CTOCFlags,
    Frame,
)
from mutagen.mp4 import MP4, MP4Cover

from reset_stories.media.cache import MediaCache, fingerprint
from reset_stories.model import Catalog, Episode
from reset_stories.site import urls

GENRE = "Podcast"
_RECIPE_VERSION = 1  # bump when the tags written change
_CHUNK = 1 << 20  # stream in 1 MiB pieces: constant memory whatever the file's size


@dataclass(frozen=True, slots=True)
class PublishedAudio:
    """The file an episode's enclosure points to: a tagged copy of the source."""

    path: Path
    size: int


@dataclass(frozen=True)
class Tags:
    """The metadata written into a published file."""

    title: str
    artist: str
    album: str
    date: str  # ISO date
    url: str  # the episode's page
    artwork: str  # path of the JPEG/PNG to embed
    artwork_mime: str
    track: int | None = None
    chapters: tuple[tuple[int, int, str, str | None], ...] = ()  # start ms, end ms, title, url


def tags_for(catalog: Catalog, episode: Episode) -> Tags:
    site, show = catalog.site, catalog.show
    assert episode.audio is not None
    image = episode.image or show.artwork
    end = round(episode.audio.duration * 1000)
    starts = [round(c.start * 1000) for c in episode.chapters]
    chapters = tuple(
        (start, (starts[i + 1] if i + 1 < len(starts) else end), chapter.title, chapter.url)
        for i, (start, chapter) in enumerate(zip(starts, episode.chapters, strict=True))
    )
    return Tags(
        title=episode.title, artist=show.author, album=show.title, date=episode.date.date().isoformat(),
        url=site.absolute(site.page_url(urls.episode_page(site, episode))),
        artwork=str(image.path), artwork_mime="image/png" if image.extension == "png" else "image/jpeg",
        track=episode.number, chapters=chapters,
    )


def publish_audio(catalog: Catalog, cache: MediaCache, *, write: bool) -> dict[str, PublishedAudio]:
    """A tagged copy of every published episode's audio, by episode slug.

    Without ``write`` (``check``) no copy is made: the size each copy will have is worked out
    (the feed must announce it exactly), and its path is where it will be kept once made.
    """
    published = {}
    for episode in catalog.episodes:
        assert episode.audio is not None
        facts = episode.audio
        tags = tags_for(catalog, episode)
        recipe = json.dumps(
            {"version": _RECIPE_VERSION, "source": fingerprint(facts.path), "tags": asdict(tags),
             "artwork": fingerprint(Path(tags.artwork)), "kind": facts.extension},
            sort_keys=True,
        )
        if write:
            path = cache.derived(recipe, facts.extension, partial(write_tagged, facts.path, facts.extension, tags))
            published[episode.slug] = PublishedAudio(path=path, size=path.stat().st_size)
            continue
        path = cache.derived_path(recipe, facts.extension)
        size = path.stat().st_size if path.is_file() else tagged_size(facts.path, facts.extension, tags)
        published[episode.slug] = PublishedAudio(path=path, size=size)
    return published


def tagged_size(source: Path, extension: str, tags: Tags) -> int:
    """The size of the tagged copy of ``source``, worked out without keeping a copy."""
    if extension == "mp3":
        start, end = audio_span(source)
        return len(_id3_bytes(tags)) + end - start
    if extension != "m4a":
        return source.stat().st_size
    # An MP4's boxes move when its metadata changes: the copy is made in a scratch folder, measured, dropped.
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / f"copy.{extension}"
        write_tagged(source, extension, tags, target)
        return target.stat().st_size


def write_tagged(source: Path, extension: str, tags: Tags, target: Path) -> None:
    if extension == "mp3":
        _write_mp3(source, tags, target)
    elif extension == "m4a":
        _write_m4a(source, tags, target)
    else:
        shutil.copyfile(source, target)  # Ogg files are published as they are


# --- MP3: a new ID3v2.3 tag, then the original audio -------------------------------------------

def audio_span(path: Path) -> tuple[int, int]:
    """Where an MP3's audio is: after its ID3v2 tag, before an ID3v1 tag. (start, end) in bytes."""
    size = path.stat().st_size
    with path.open("rb") as audio:
        header = audio.read(10)
        start = 0
        if len(header) == 10 and header[:3] == b"ID3":
            length = (header[6] << 21) | (header[7] << 14) | (header[8] << 7) | header[9]
            start = 10 + length + (10 if header[5] & 0x10 else 0)  # the footer flag adds 10 bytes
        end = size
        if size - start >= 128:
            audio.seek(size - 128)
            if audio.read(3) == b"TAG":
                end = size - 128
    return start, end


def _write_mp3(source: Path, tags: Tags, target: Path) -> None:
    tag = _id3_bytes(tags)
    start, end = audio_span(source)
    with source.open("rb") as audio, target.open("wb") as out:
        out.write(tag)
        audio.seek(start)
        left = end - start
        while left:
            chunk = audio.read(min(_CHUNK, left))
            if not chunk:
                break
            out.write(chunk)
            left -= len(chunk)


def _id3_bytes(tags: Tags) -> bytes:
    """The tag alone: saved by mutagen into an empty file, then read back."""
    id3 = ID3()
    id3.add(TIT2(encoding=3, text=tags.title))
    id3.add(TPE1(encoding=3, text=tags.artist))
    id3.add(TALB(encoding=3, text=tags.album))
    id3.add(TDRC(encoding=3, text=tags.date))
    id3.add(TCON(encoding=3, text=GENRE))
    if tags.track is not None:
        id3.add(TRCK(encoding=3, text=str(tags.track)))
    id3.add(WXXX(encoding=3, desc="", url=tags.url))
    id3.add(PCST(value=1))
    id3.add(APIC(encoding=3, mime=tags.artwork_mime, type=3, desc="", data=Path(tags.artwork).read_bytes()))
    if tags.chapters:
        ids = [f"chp{number}" for number in range(len(tags.chapters))]
        id3.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                     sub_frames=[TIT2(encoding=3, text="Capitoli")]))
        for element_id, (start, end, title, url) in zip(ids, tags.chapters, strict=True):
            sub_frames: list[Frame] = [TIT2(encoding=3, text=title)]
            if url:
                sub_frames.append(WXXX(encoding=3, desc="", url=url))
            id3.add(CHAP(element_id=element_id, start_time=start, end_time=end, sub_frames=sub_frames))
    with tempfile.TemporaryDirectory() as folder:
        empty = Path(folder) / "tag.mp3"
        empty.write_bytes(b"")
        # ID3v2.3 is what most players and podcast apps read; no padding keeps outputs reproducible.
        id3.save(empty, v2_version=3, padding=lambda info: 0)
        return empty.read_bytes()


# --- M4A: the original file with its metadata box rewritten ------------------------------------

def _write_m4a(source: Path, tags: Tags, target: Path) -> None:
    shutil.copyfile(source, target)
    mp4: Any = MP4(target)  # mutagen declares .tags None on every file type
    if mp4.tags is None:
        mp4.add_tags()
    mp4.tags.clear()
    mp4.tags["\xa9nam"] = [tags.title]
    mp4.tags["\xa9ART"] = [tags.artist]
    mp4.tags["\xa9alb"] = [tags.album]
    mp4.tags["\xa9day"] = [tags.date]
    mp4.tags["\xa9gen"] = [GENRE]
    if tags.track is not None:
        mp4.tags["trkn"] = [(tags.track, 0)]
    mp4.tags["purl"] = [tags.url]
    mp4.tags["pcst"] = True
    image_format = MP4Cover.FORMAT_PNG if tags.artwork_mime == "image/png" else MP4Cover.FORMAT_JPEG
    mp4.tags["covr"] = [MP4Cover(Path(tags.artwork).read_bytes(), imageformat=image_format)]
    mp4.save(padding=lambda info: 0)
