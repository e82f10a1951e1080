"""Audio done right: exact facts, tagged published files with untouched audio, a cache that
never reads an unchanged file twice, the quality report, and audio on a media host."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import mutagen
import pytest
from conftest import DATA, edit_front_matter, run_cli
from mutagen.id3 import ID3
from mutagen.mp4 import MP4
from webserver import free_port, serve

from reset_stories.media import audio, quality
from reset_stories.media.tagging import audio_span


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mdat(path: Path) -> bytes:
    """The audio of an MP4 file: the content of its mdat box."""
    data = path.read_bytes()
    offset = 0
    while offset < len(data):
        size = int.from_bytes(data[offset:offset + 4], "big")
        kind = data[offset + 4:offset + 8]
        header = 8
        if size == 1:
            size, header = int.from_bytes(data[offset + 8:offset + 16], "big"), 16
        if kind == b"mdat":
            return data[offset + header:offset + size]
        offset += size
    raise AssertionError("no mdat box")


@pytest.fixture
def built(project):
    sources = {p: digest(p) for p in (project / "episodes").rglob("*") if p.is_file()}
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    return project, project / "site", sources


# --- probing ------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "codec", "bitrate", "rate", "channels", "exact"),
    [("tone.mp3", "MP3", 64, 44100, 1, True), ("no-xing.mp3", "MP3", 64, 44100, 1, False), ("22khz.mp3", "MP3", 64, 22050, 1, True), ("tone.ogg", "Vorbis", 70, 44100, 1, True)],
)
def test_facts(name, codec, bitrate, rate, channels, exact):
    facts = audio.probe(DATA / name)
    assert (facts.codec, round(facts.bitrate / 1000), facts.sample_rate, facts.channels, facts.duration_exact) == (codec, bitrate, rate, channels, exact)


def test_truncated_files_are_refused(tmp_path: Path):
    for name in ("tone.mp3", "tone.m4a"):
        data = (DATA / name).read_bytes()
        cut = tmp_path / name
        cut.write_bytes(data[: len(data) // 2])
        with pytest.raises(audio.NotAudio, match="troncato"):
            audio.probe(cut)


# --- published files carry their metadata, the audio untouched ------------------------------------

def test_published_mp3_carries_tags_chapters_and_artwork(built):
    project, site, _ = built
    published = site / "podcast/01-primo/01-primo.mp3"
    tags = ID3(published)
    assert tags.version[:2] == (2, 3)
    assert str(tags["TIT2"]) == "Il primo episodio"
    assert str(tags["TPE1"]) == "Ente di prova"  # the show's author
    assert str(tags["TALB"]) == "Voci di prova"  # the show
    assert str(tags["TRCK"]) == "1"
    assert str(tags["TCON"]) == "Podcast"
    assert str(tags["TDRC"]) == "2024-01-15"  # written as ID3v2.3's TYER + TDAT, read back by mutagen as one date
    assert tags.getall("WXXX")[0].url == "https://podcast.example.org/podcast/01-primo/"
    [picture] = tags.getall("APIC")
    assert picture.data == (project / "episodes/copertina.jpg").read_bytes()
    assert picture.mime == "image/jpeg" and picture.type == 3
    [toc] = tags.getall("CTOC")
    assert toc.child_element_ids == ["chp0", "chp1"]
    chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert [(c.start_time, c.end_time, str(c.sub_frames["TIT2"])) for c in chapters] == [
        (0, 1500, "Apertura"), (1500, 3000, "La risposta di Mario"),
    ]
    assert chapters[1].sub_frames.getall("WXXX")[0].url == "https://example.org/mario"
    assert mutagen.File(published).info.length == pytest.approx(3.0)


def test_published_audio_payload_is_byte_identical(built):
    project, site, _ = built
    source, published = project / "episodes/audio/01-primo.mp3", site / "podcast/01-primo/01-primo.mp3"
    start, end = audio_span(source)
    tagged_start, tagged_end = audio_span(published)
    assert published.read_bytes()[tagged_start:tagged_end] == source.read_bytes()[start:end]
    assert tagged_start > 0  # a tag was written before the audio
    assert mdat(site / "podcast/02-secondo/02-secondo.m4a") == mdat(project / "episodes/audio/02-secondo.m4a")


def test_an_existing_tag_is_replaced_not_stacked(project, tmp_path: Path):
    source = project / "episodes/audio/01-primo.mp3"
    old = ID3()
    from mutagen.id3 import TIT2

    old.add(TIT2(encoding=3, text="Titolo vecchio dello studio"))
    old.save(source)
    payload = source.read_bytes()[slice(*audio_span(source))]
    assert run_cli("build", cwd=project).returncode == 0
    published = project / "site/podcast/01-primo/01-primo.mp3"
    assert str(ID3(published)["TIT2"]) == "Il primo episodio"
    assert published.read_bytes()[slice(*audio_span(published))] == payload


def test_published_m4a_carries_tags(built):
    _, site, _ = built
    tags = MP4(site / "podcast/02-secondo/02-secondo.m4a").tags
    assert tags["\xa9nam"] == ["Il secondo episodio"]
    assert tags["\xa9alb"] == ["Voci di prova"]
    assert tags["\xa9ART"] == ["Ente di prova"]
    assert tags["\xa9gen"] == ["Podcast"]
    assert tags["trkn"] == [(2, 0)]
    assert tags["purl"] == ["https://podcast.example.org/podcast/02-secondo/"]
    assert len(tags["covr"]) == 1


def test_the_files_staff_dropped_in_are_not_modified(built):
    _, _, sources = built
    assert {p: digest(p) for p in sources} == sources


def test_the_enclosure_length_is_the_published_file(built):
    from lxml import etree

    _, site, _ = built
    for item in etree.parse(str(site / "feed.xml")).getroot().iter("item"):
        enclosure = item.find("enclosure")
        published = site / enclosure.get("url").removeprefix("https://podcast.example.org/")
        assert int(enclosure.get("length")) == published.stat().st_size


# --- the cache -----------------------------------------------------------------------------------

def test_an_unchanged_file_is_never_read_again(built):
    """After a build, the audio's bytes are replaced behind the cache's back (same size, same
    modification time): the rebuild publishes what it published before, so it read none of them."""
    project, site, _ = built
    source = project / "episodes/audio/01-primo.mp3"
    first = (site / "podcast/01-primo/01-primo.mp3").read_bytes()
    cached = sorted((project / ".cache/reset-stories/published").iterdir())
    made = {p: p.stat().st_mtime_ns for p in cached}
    status = source.stat()
    source.write_bytes(b"\0" * status.st_size)
    os.utime(source, ns=(status.st_atime_ns, status.st_mtime_ns))
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (site / "podcast/01-primo/01-primo.mp3").read_bytes() == first
    # Not tagged again either: the cached copies are the same files.
    assert {p: p.stat().st_mtime_ns for p in cached} == made
    # Published by hard link from the cache when site and cache share a file system.
    assert (site / "podcast/01-primo/01-primo.mp3").samefile(next(p for p in cached if p.suffix == ".mp3"))


def test_a_changed_file_is_read_again(built):
    project, _, _ = built
    source = project / "episodes/audio/01-primo.mp3"
    shutil.copy(DATA / "22khz.mp3", source)
    result = run_cli("check", cwd=project)
    assert result.returncode == 0
    assert "episodes/01-primo.md: MP3, 64 kbps, mono, 22,05 kHz" in result.stdout
    source.write_bytes(b"non audio " * 100)
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert "il file non contiene audio MP3 o M4A" in result.stderr


def test_the_cache_lives_outside_the_source_folders(built):
    project, _, _ = built
    assert (project / ".cache/reset-stories/audio.json").is_file()
    assert not any(".cache" in p.parts for p in (project / "episodes").rglob("*"))
    assert not any(".cache" in p.parts for p in (project / "content").rglob("*"))


# --- the quality report ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("low-bitrate.mp3", "la qualità è bassa: 32 kbps — esporta almeno a 64 kbps (mono)."),
        ("22khz.mp3", "la frequenza di campionamento è 22,05 kHz — esporta a 44,1 kHz o 48 kHz."),
        ("no-xing.mp3", "la durata è stimata"),
        ("quiet.mp3", "il volume è troppo basso: -62,2 LUFS, l'obiettivo per un podcast mono è -19,0 LUFS"),
    ],
)
def test_check_warns_about_audio_below_recommendations(project, name, expected):
    shutil.copy(DATA / name, project / "episodes/audio/01-primo.mp3")
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stderr  # warnings do not stop anything
    assert f"episodes/01-primo.md:4: avviso: audio: {expected}" in result.stderr or f"episodes/01-primo.md: avviso: audio: {expected}" in result.stderr


def test_ogg_is_accepted_with_a_warning(project):
    shutil.copy(DATA / "tone.ogg", project / "episodes/audio/02-secondo.ogg")
    edit_front_matter(project / "episodes/02-secondo.md", audio="audio/02-secondo.ogg")
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "avviso: audio: il file è in formato Vorbis (Ogg): Apple Podcasts non lo riproduce" in result.stderr
    # Said once, by the audio check: the feed's type (itunes-enclosure-type) is the same problem.
    assert "[itunes-enclosure-type]" not in result.stderr
    assert result.stderr.count("Apple Podcasts non lo riproduce") == 1


def test_a_file_far_too_large_for_its_length(project):
    source = project / "episodes/audio/01-primo.mp3"
    from mutagen.id3 import PRIV

    tag = ID3()
    tag.add(PRIV(owner="studio", data=b"\0" * 400_000))  # e.g. a huge embedded project file
    tag.save(source)
    warnings = quality.warnings_for(audio.probe(source))
    assert any(w.startswith("il file è molto grande per la sua durata (426 KB per 3 s, 1135 kbps)") for w in warnings)


def test_check_prints_the_quality_report_with_loudness(project):
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "episodes/01-primo.md: MP3, 64 kbps, mono, 44,1 kHz, 3 s, 57 KB come pubblicato (originale 24 KB), -19,0 LUFS (obiettivo -19,0)" in result.stdout
    assert "avviso" not in result.stderr


# --- a media host ---------------------------------------------------------------------------------

def with_media_host(project: Path, url: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  - reset-stories:\n", f"  - reset-stories:\n      media_base_url: {url}\n")
    config.write_text(text, encoding="utf-8")


def test_audio_on_a_media_host(project):
    with_media_host(project, "https://cdn.example.org/voci/")
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    site, media = project / "site", project / "site-media"
    assert not list(site.rglob("*.mp3")) and not list(site.rglob("*.m4a"))
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert 'url="https://cdn.example.org/voci/podcast/01-primo/01-primo.mp3"' in feed
    uploaded = media / "podcast/01-primo/01-primo.mp3"
    assert f'length="{uploaded.stat().st_size}"' in feed
    assert str(ID3(uploaded)["TIT2"]) == "Il primo episodio"  # tags still come from the local files
    page = (site / "podcast/01-primo/index.html").read_text(encoding="utf-8")
    assert 'src="https://cdn.example.org/voci/podcast/01-primo/01-primo.mp3"' in page


def test_check_remote_verifies_a_local_server(project):
    port = free_port()
    with_media_host(project, f"http://127.0.0.1:{port}/")
    assert run_cli("build", cwd=project).returncode == 0
    media = project / "site-media"
    with serve(media, port):
        result = run_cli("check", "--remote", cwd=project)
        assert result.returncode == 0, result.stderr
        assert "Audio pubblicato verificato: 2 file come nel feed." in result.stdout
        # A file not uploaded, and one uploaded in an old version.
        (media / "podcast/02-secondo/02-secondo.m4a").unlink()
        published = media / "podcast/01-primo/01-primo.mp3"
        published.unlink()  # it is a hard link to the cache: replace it, do not write through it
        published.write_bytes(b"\xff" * 100)
        result = run_cli("check", "--remote", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"episodes/02-secondo.md: audio pubblicato: http://127.0.0.1:{port}/podcast/02-secondo/02-secondo.m4a: il server risponde 404" in result.stderr
    assert "episodes/01-primo.md: audio pubblicato" in result.stderr and "il server dichiara 100 lunghezza" in result.stderr
    assert result.stderr.strip().endswith("l'audio pubblicato non è come lo promette il feed.")


def test_check_remote_wants_range_requests(project):
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    port = free_port()
    with_media_host(project, f"http://127.0.0.1:{port}/")
    assert run_cli("build", cwd=project).returncode == 0
    # Python's own server ignores Range: as some misconfigured hosts do.
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(SimpleHTTPRequestHandler, directory=str(project / "site-media")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = run_cli("check", "--remote", cwd=project)
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 1
    assert "una richiesta Range ha avuto 200 invece di 206" in result.stderr
