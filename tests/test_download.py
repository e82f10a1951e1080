"""Downloading audio from another host: against a real local server that misbehaves on purpose."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import DATA
from httpfaults import Fault, FaultyServer

from reset_stories.importing.download import DownloadError, DownloadResult, _sniff, download
from reset_stories.problems import PeopleFacingError

MP3 = (DATA / "tone.mp3").read_bytes()
M4A = (DATA / "tone.m4a").read_bytes()
BIG = MP3 * 12  # several chunks: progress, and a cut in the middle
HTML = b"<!DOCTYPE html>\n<html><head><title>Accedi</title></head><body>" + b"<p>Accedi per ascoltare</p>" * 300 + b"</body></html>"


@pytest.fixture
def host():
    with FaultyServer() as server:
        server.files["/ep.mp3"] = (BIG, "audio/mpeg")
        yield server


def fetch(url: str, target: Path, **options) -> DownloadResult:
    options.setdefault("expected_length", None)
    options.setdefault("expected_type", "audio/mpeg")
    options.setdefault("backoff", 0.01)
    return download(url, target, **options)


def test_complete_download_is_byte_identical(host, tmp_path):
    calls = []
    target = tmp_path / "audio" / "ep.mp3"
    result = fetch(host.url("/ep.mp3"), target, expected_length=len(BIG), progress=lambda done, total: calls.append((done, total)))
    assert result == DownloadResult(target, len(BIG), "audio/mpeg", ())
    assert target.read_bytes() == BIG
    assert not (tmp_path / "audio" / "ep.mp3.part").exists()
    assert calls[0] == (0, len(BIG)) and calls[-1] == (len(BIG), len(BIG))
    assert len(calls) > 3 and [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert host.requests("/ep.mp3")[0].headers.get("range") is None


def test_an_existing_target_is_returned_untouched(host, tmp_path):
    target = tmp_path / "ep.mp3"
    target.write_bytes(MP3)
    result = fetch(host.url("/ep.mp3"), target, expected_length=len(MP3))
    assert result == DownloadResult(target, len(MP3), "audio/mpeg", ())
    assert target.read_bytes() == MP3
    assert host.seen == []


def test_resumes_after_a_dropped_connection(host, tmp_path):
    host.faults = [Fault(drop_after=100_000)]
    target = tmp_path / "ep.mp3"
    result = fetch(host.url("/ep.mp3"), target, expected_length=len(BIG))
    assert target.read_bytes() == BIG and result.size == len(BIG)
    first, second = host.requests("/ep.mp3")
    assert first.sent == 100_000 and "range" not in first.headers
    assert second.headers["range"] == "bytes=100000-" and second.headers["if-range"] == '"v1"'
    assert second.status == 206 and second.sent == len(BIG) - 100_000


def test_resumes_a_part_left_by_an_earlier_run(host, tmp_path):
    target = tmp_path / "ep.mp3"
    (tmp_path / "ep.mp3.part").write_bytes(BIG[:5000])
    calls = []
    fetch(host.url("/ep.mp3"), target, expected_length=len(BIG), progress=lambda done, total: calls.append(done))
    assert target.read_bytes() == BIG
    (only,) = host.requests("/ep.mp3")
    assert only.headers["range"] == "bytes=5000-" and only.sent == len(BIG) - 5000
    assert calls[0] == 5000


def test_a_part_of_another_version_of_the_file_is_not_continued(host, tmp_path):
    (tmp_path / "ep.mp3.part").write_bytes(b"\0" * 5000)
    (tmp_path / "ep.mp3.part.version").write_text('"v0"')  # the file has changed on the server since
    fetch(host.url("/ep.mp3"), tmp_path / "ep.mp3")
    assert (tmp_path / "ep.mp3").read_bytes() == BIG
    (only,) = host.requests("/ep.mp3")
    assert only.headers["range"] == "bytes=5000-" and only.headers["if-range"] == '"v0"' and only.status == 200
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ep.mp3"]


def test_the_version_of_a_part_is_kept_for_the_next_run(host, tmp_path):
    host.always = Fault(drop_after=3000)
    with pytest.raises(DownloadError):
        fetch(host.url("/ep.mp3"), tmp_path / "ep.mp3", retries=0)
    assert (tmp_path / "ep.mp3.part.version").read_text() == '"v1"'
    host.always = None
    fetch(host.url("/ep.mp3"), tmp_path / "ep.mp3")
    assert host.seen[-1].headers["if-range"] == '"v1"' and host.seen[-1].status == 206
    assert (tmp_path / "ep.mp3").read_bytes() == BIG
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ep.mp3"]


def test_a_complete_part_is_finished_without_a_body(host, tmp_path):
    (tmp_path / "ep.mp3.part").write_bytes(BIG)
    fetch(host.url("/ep.mp3"), tmp_path / "ep.mp3")
    assert (tmp_path / "ep.mp3").read_bytes() == BIG
    (only,) = host.requests("/ep.mp3")
    assert only.status == 416 and only.sent == 0


def test_a_server_that_ignores_range_starts_again_from_zero(host, tmp_path):
    (tmp_path / "ep.mp3.part").write_bytes(b"\0" * 7000)  # would corrupt the file if appended to
    host.always = Fault(ignore_range=True)
    fetch(host.url("/ep.mp3"), tmp_path / "ep.mp3")
    assert (tmp_path / "ep.mp3").read_bytes() == BIG
    (only,) = host.requests("/ep.mp3")
    assert only.headers["range"] == "bytes=7000-" and only.status == 200 and only.sent == len(BIG)


def test_retries_server_errors_then_succeeds(host, tmp_path):
    host.faults = [Fault(status=500), Fault(status=503)]
    fetch(host.url("/ep.mp3"), tmp_path / "ep.mp3", retries=2)
    assert (tmp_path / "ep.mp3").read_bytes() == BIG
    assert [s.status for s in host.requests("/ep.mp3")] == [500, 503, 200]


def test_too_many_requests_is_retried_after_the_pause_asked(host, tmp_path):
    host.faults = [Fault(status=429, headers={"Retry-After": "1"})]
    began = time.monotonic()
    fetch(host.url("/ep.mp3"), tmp_path / "ep.mp3", retries=1)
    assert time.monotonic() - began >= 1
    assert (tmp_path / "ep.mp3").read_bytes() == BIG


def test_something_far_too_large_is_not_an_episode(host, tmp_path):
    with pytest.raises(DownloadError, match="il file è troppo grande"):
        fetch(host.url("/ep.mp3"), tmp_path / "ep.mp3", max_size=100_000)
    assert not (tmp_path / "ep.mp3.part").exists()


def test_retries_exhausted_is_an_italian_error(host, tmp_path):
    host.always = Fault(status=502)
    url = host.url("/ep.mp3")
    with pytest.raises(DownloadError) as caught:
        fetch(url, tmp_path / "ep.mp3", retries=2)
    assert isinstance(caught.value, PeopleFacingError) and caught.value.url == url
    assert caught.value.message.startswith(f"{url}: download non riuscito dopo 3 tentativi (il server ha risposto 502)")
    assert "rilancia il comando" in caught.value.message
    assert len(host.requests("/ep.mp3")) == 3
    assert not (tmp_path / "ep.mp3").exists()


def test_a_cut_transfer_keeps_what_arrived_for_the_next_run(host, tmp_path):
    host.always = Fault(drop_after=1000)
    with pytest.raises(DownloadError) as caught:
        fetch(host.url("/ep.mp3"), tmp_path / "ep.mp3", retries=1)
    assert "la connessione si è interrotta dopo" in caught.value.message
    assert f"{tmp_path / 'ep.mp3.part'}: rilanciando il comando il download riprende da lì" in caught.value.message
    assert (tmp_path / "ep.mp3.part").read_bytes() == BIG[:2000]
    host.always = None
    fetch(host.url("/ep.mp3"), tmp_path / "ep.mp3")
    assert (tmp_path / "ep.mp3").read_bytes() == BIG
    assert host.seen[-1].headers["range"] == "bytes=2000-"


def test_a_stalled_server_times_out(host, tmp_path):
    host.always = Fault(stall=3)
    began = time.monotonic()
    with pytest.raises(DownloadError) as caught:
        fetch(host.url("/ep.mp3"), tmp_path / "ep.mp3", timeout=0.5, retries=1)
    assert time.monotonic() - began < 2.9
    assert "(il server non risponde (tempo scaduto))" in caught.value.message


def test_redirects_are_followed(host, tmp_path):
    host.redirects["/track/ep.mp3"] = (302, host.url("/moved"))
    host.redirects["/moved"] = (308, "/ep.mp3")
    fetch(host.url("/track/ep.mp3"), tmp_path / "ep.mp3")
    assert (tmp_path / "ep.mp3").read_bytes() == BIG


def test_redirects_to_local_files_are_refused(host, tmp_path):
    host.redirects["/evil.mp3"] = (302, "file:///etc/passwd")
    with pytest.raises(DownloadError):
        fetch(host.url("/evil.mp3"), tmp_path / "ep.mp3")
    assert not (tmp_path / "ep.mp3").exists()
    with pytest.raises(DownloadError, match="non è un indirizzo web"):
        fetch("file:///etc/passwd", tmp_path / "ep.mp3")


def test_an_html_page_instead_of_audio_is_an_error(host, tmp_path):
    host.files["/login.mp3"] = (HTML, "audio/mpeg")  # the header lies: the content decides
    with pytest.raises(DownloadError) as caught:
        fetch(host.url("/login.mp3"), tmp_path / "ep.mp3", retries=0)
    assert "invece dell'audio il server manda una pagina web (HTML)" in caught.value.message
    assert not (tmp_path / "ep.mp3").exists() and not (tmp_path / "ep.mp3.part").exists()


def test_a_wrong_header_on_real_audio_is_fine(host, tmp_path):
    host.files["/ep.m4a"] = (M4A, "text/html")
    result = fetch(host.url("/ep.m4a"), tmp_path / "ep.m4a", expected_type="audio/x-m4a")
    assert result.content_type == "audio/x-m4a" and result.warnings == ()


def test_not_found_is_not_retried(host, tmp_path):
    with pytest.raises(DownloadError) as caught:
        fetch(host.url("/missing.mp3"), tmp_path / "ep.mp3")
    assert "il server risponde 404 (non trovato)" in caught.value.message
    assert len(host.requests("/missing.mp3")) == 1


def test_length_and_type_mismatches_are_warnings(host, tmp_path):
    host.files["/ep.m4a"] = (M4A, "audio/x-m4a")
    result = fetch(host.url("/ep.m4a"), tmp_path / "ep.m4a", expected_length=123, expected_type="audio/mpeg")
    assert (tmp_path / "ep.m4a").read_bytes() == M4A
    assert result.warnings == (
        f"{host.url('/ep.m4a')}: il feed dichiara 123 byte, il file scaricato ne ha {len(M4A)} — succede spesso (molti servizi "
        "pubblicano lunghezze sbagliate): il nuovo feed userà la lunghezza vera.",
        f"{host.url('/ep.m4a')}: il feed lo dichiara audio/mpeg, ma il contenuto è audio/x-m4a — il nuovo feed userà il tipo vero.",
    )


def test_a_content_length_larger_than_the_body(host, tmp_path):
    # The connection closes before the promised length: resuming asks for the rest, and the
    # server's answer (416, "bytes */<size>") says the file was complete after all.
    host.faults = [Fault(length=len(BIG) + 500)]
    fetch(host.url("/ep.mp3"), tmp_path / "ep.mp3", retries=1)
    assert (tmp_path / "ep.mp3").read_bytes() == BIG
    assert [s.status for s in host.requests("/ep.mp3")] == [200, 416]
    # A server that always promises more than it sends, and ignores Range: a truncated file.
    host.always = Fault(length=len(BIG) + 500, ignore_range=True)
    with pytest.raises(DownloadError, match="la connessione si è interrotta"):
        fetch(host.url("/ep.mp3"), tmp_path / "other.mp3", retries=1)
    assert not (tmp_path / "other.mp3").exists()


def test_an_empty_file_is_an_error(host, tmp_path):
    host.files["/empty.mp3"] = (b"", "audio/mpeg")
    with pytest.raises(DownloadError, match="il server ha mandato un file vuoto"):
        fetch(host.url("/empty.mp3"), tmp_path / "ep.mp3")
    assert not (tmp_path / "ep.mp3").exists()


def test_sniffing():
    for name, kind in [("tone.mp3", "audio/mpeg"), ("no-xing.mp3", "audio/mpeg"), ("tone.m4a", "audio/x-m4a"), ("tone.ogg", "audio/ogg")]:
        assert _sniff((DATA / name).read_bytes()[:4096]) == kind, name
    frames = MP3[MP3.index(b"\xff\xfb") :]  # an MP3 without its ID3 tag: frames only
    assert _sniff(frames[:4096]) == "audio/mpeg"
    assert _sniff(b"\0" * 32 + frames[:4096]) == "audio/mpeg"
    assert _sniff(HTML[:4096]) is None
    assert _sniff(b"%PDF-1.7" + bytes(range(256)) * 10) is None


def test_a_folder_that_cannot_be_written(host, tmp_path):
    (tmp_path / "ep.mp3.part").mkdir()  # the .part cannot be opened as a file
    with pytest.raises(DownloadError, match=r"non posso scrivere .*ep\.mp3\.part .* controlla lo spazio libero sul disco e i permessi"):
        fetch(host.url("/ep.mp3"), tmp_path / "ep.mp3")
