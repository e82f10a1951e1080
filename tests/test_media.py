"""Audio and artwork facts come from the files' content, never from their names."""

import shutil
from pathlib import Path

import mutagen
import pytest
from conftest import DATA

from reset_stories.media import audio, images


def test_mp3_facts_are_exact():
    facts = audio.probe(DATA / "tone.mp3")
    assert facts.size == (DATA / "tone.mp3").stat().st_size
    assert facts.mime_type == "audio/mpeg"
    assert facts.extension == "mp3"
    assert facts.duration == pytest.approx(mutagen.File(DATA / "tone.mp3").info.length)
    assert facts.duration == pytest.approx(3.0, abs=0.05)


def test_m4a_facts_come_from_the_content():
    facts = audio.probe(DATA / "tone.m4a")
    assert (facts.mime_type, facts.extension, facts.codec) == ("audio/x-m4a", "m4a", "AAC")
    assert facts.duration == pytest.approx(2.0, abs=0.1)
    assert facts.sample_rate == 44100


def test_a_file_named_mp3_that_holds_aac_is_refused(tmp_path: Path):
    misnamed = tmp_path / "episodio.mp3"
    shutil.copy(DATA / "tone.m4a", misnamed)
    with pytest.raises(audio.NotAudio, match=r"si chiama \.mp3 ma contiene audio AAC \(\.m4a\)"):
        audio.probe(misnamed)
    # Named for what it is, the same file is fine.
    renamed = misnamed.rename(tmp_path / "episodio.m4a")
    assert audio.probe(renamed).extension == "m4a"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "vuoto"),
        (b"Questo non e' un MP3, e' un file di testo.\n" * 20, "non contiene audio MP3 o M4A"),
        (b"%PDF-1.4\n" + bytes(range(256)) * 4, "non contiene audio MP3 o M4A"),
    ],
)
def test_what_is_not_audio_is_refused(tmp_path: Path, content: bytes, expected: str):
    path = tmp_path / "episodio.mp3"
    path.write_bytes(content)
    with pytest.raises(audio.NotAudio, match=expected):
        audio.probe(path)


def test_artwork_rules():
    cover = images.check_artwork(DATA / "cover.jpg")
    assert (cover.width, cover.height, cover.extension) == (1400, 1400, "jpg")
    with pytest.raises(images.BadImage, match="tra 1400×1400 e 3000×3000"):
        images.check_artwork(DATA / "small.jpg")
    with pytest.raises(images.BadImage, match="deve essere quadrata"):
        images.check_artwork(DATA / "wide.jpg")
    with pytest.raises(images.BadImage, match="CMYK"):
        images.check_artwork(DATA / "cmyk.jpg")
    with pytest.raises(images.BadImage, match="non è un'immagine"):
        images.check_artwork(DATA / "tone.mp3")


BROKEN = "il file dell'immagine è rovinato o incompleto (forse la copia o lo scaricamento si è interrotto) — esportala di nuovo in JPEG o PNG e sostituisci il file."


@pytest.mark.parametrize("name", ["truncated.jpg", "truncated.png", "corrupt.jpg", "corrupt.png"])
@pytest.mark.parametrize("read", [images.inspect, images.check_artwork])
def test_truncated_or_corrupt_images_are_refused_when_read(name, read):
    with pytest.raises(images.BadImage) as refused:
        read(DATA / name)
    assert str(refused.value) == BROKEN


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Beyond Pillow's own limit: it refuses to open the file at all.
        ("bomb.png", "l'immagine è troppo grande (al massimo 50 milioni di pixel) — esportala di nuovo più piccola, per esempio 3000×3000 px."),
        # Below Pillow's limit (it would only warn) but far beyond any use: refused before decoding.
        ("huge.png", "l'immagine è troppo grande: 10000×10000 px, 100 milioni di pixel (al massimo 50 milioni di pixel) — esportala di nuovo più piccola, per esempio 3000×3000 px."),
    ],
)
def test_images_claiming_absurd_sizes_are_refused_before_decoding(name, expected, recwarn):
    with pytest.raises(images.BadImage) as refused:
        images.inspect(DATA / name)
    assert str(refused.value) == expected
    assert not [w for w in recwarn if "decompression bomb" in str(w.message)]


def test_the_quality_line_shows_the_published_size_beside_the_source_size():
    from reset_stories.media.quality import describe

    facts = audio.probe(DATA / "tone.mp3")
    assert describe(facts).endswith(", 3 s, 24 KB")
    assert describe(facts, published_size=facts.size) == describe(facts)
    assert describe(facts, published_size=530_000).endswith(", 3 s, 530 KB come pubblicato (originale 24 KB)")


@pytest.mark.parametrize("name", ["tone.mp3", "tone.m4a", "tone.ogg"])
def test_the_size_of_a_tagged_copy_is_known_without_keeping_one(tmp_path: Path, name: str):
    from reset_stories.media.tagging import Tags, tagged_size, write_tagged

    source = DATA / name
    extension = {"tone.mp3": "mp3", "tone.m4a": "m4a", "tone.ogg": "ogg"}[name]
    tags = Tags(
        title="Un titolo con àccenti", artist="Autore", album="Podcast", date="2024-05-05",
        url="https://example.org/podcast/x/", artwork=str(DATA / "cover.jpg"), artwork_mime="image/jpeg",
        track=3, chapters=((0, 1000, "Introduzione", None), (1000, 2000, "Seconda parte", "https://example.org/")),
    )
    made = tmp_path / f"copy.{extension}"
    write_tagged(source, extension, tags, made)
    assert tagged_size(source, extension, tags) == made.stat().st_size
    assert list(tmp_path.iterdir()) == [made]  # working it out left nothing behind
