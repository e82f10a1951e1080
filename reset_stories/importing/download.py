"""Downloading an episode's audio from another host, as a podcast app would, but with care.

The file is streamed to ``<target>.part`` beside the target (constant memory), then renamed into
place in one step once complete and recognised as audio. An interrupted download is continued
with an HTTP ``Range`` request, in the same call (after a dropped connection) or in a later one (the
``.part`` file stays, with ``<target>.part.version``, the file's ETag or Last-Modified, sent as
``If-Range`` so that a file changed on the server meanwhile comes whole); a server that ignores
``Range`` makes it start again from zero. Connection
errors, timeouts and 5xx answers are retried a bounded number of times, with growing pauses.

What is checked, and how strictly:

- the content is audio: its first bytes are an ID3 tag or an MPEG frame (MP3), an ``ftyp`` box
  (M4A), ``OggS``… whatever the server's ``Content-Type`` says: hosts serve login or error pages
  with status 200 — that is an error;
- the file is complete: fewer bytes than the server's ``Content-Length`` (or an empty file) is a
  cut transfer, retried and then an error;
- the feed's length and type: many hosts publish wrong lengths (``0``, the length of an older
  version…), so a difference is a *warning* in the result, never an error.

An existing ``target`` is never fetched again nor overwritten: it is returned as it is.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from reset_stories.problems import PeopleFacingError
from reset_stories.web import STATUS_MEANINGS, WebRedirectsOnly, audio_family, content_range, failure_reason, retry_after

CHUNK = 64 * 1024
SNIFF_BYTES = 4096  # enough to recognise every format below, and to see an HTML page for what it is
MAX_SIZE = 4 * 1024**3  # no podcast episode is larger: a bigger answer is not an episode
MAX_PAUSE = 60.0  # seconds: the longest wait between two attempts, whatever Retry-After asks
USER_AGENT = "reset-stories (podcast import)"
_RETRY_STATUSES = {408, 425, 429}  # and every 5xx

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class DownloadResult:
    """The audio on disk: its ``path`` (the target), ``size`` in bytes, the ``content_type`` its
    content shows (``audio/mpeg``, ``audio/x-m4a``, ``audio/ogg``…), and ``warnings`` for staff
    (in Italian): what differs from what the feed announced."""

    path: Path
    size: int
    content_type: str
    warnings: tuple[str, ...] = ()


class DownloadError(PeopleFacingError):
    """A download that could not be done; the message says which URL and what to do."""

    def __init__(self, url: str, message: str):
        super().__init__(message)
        self.url = url


class _Garbage(DownloadError):
    """What arrived is not the audio (an HTML page, something huge): not worth resuming."""


def download(
    url: str,
    target: Path,
    *,
    expected_length: int | None,
    expected_type: str | None,
    progress: Progress | None = None,
    timeout: float = 30,
    retries: int = 3,
    backoff: float = 1.0,
    max_size: int = MAX_SIZE,
) -> DownloadResult:
    """Download ``url`` into ``target`` (see the module's docstring), or raise :class:`DownloadError`.

    ``expected_length`` and ``expected_type`` are what the feed announces (``None`` or ``0``: not
    announced). ``progress(done, total)`` is called as bytes arrive: ``total`` is ``None`` while
    unknown, and ``done`` starts from what an earlier attempt had already fetched (it goes back to
    0 if the server makes the download start again). ``timeout`` is in seconds, per connection and
    per read; ``retries`` is how many times a failed attempt is repeated, after pauses of
    ``backoff``, 2×, 4×… seconds.
    """
    if urlsplit(url).scheme not in ("http", "https"):
        raise DownloadError(url, f"{url}: non è un indirizzo web (http o https) — controlla l'indirizzo dell'audio nel feed.")
    if target.is_file():  # done before: never fetched again, never overwritten
        return _finish(url, target, target.stat().st_size, expected_length, expected_type, existing=True)
    part = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DownloadError(url, _unwritable(url, target.parent, error)) from None
    transfer = _Transfer(url, part, timeout, progress, max_size)
    failures = restarts = 0
    while True:
        try:
            size = transfer.attempt()
            break
        except _Garbage:
            transfer.discard()
            raise
        except _Restart:
            restarts += 1  # the .part no longer matched: once or twice is not a failure
            if restarts <= 2:
                continue
            failures += 1
            if failures > retries:
                raise DownloadError(url, _gave_up(url, "il server non riprende i download interrotti", failures, part)) from None
        except _Retry as error:
            failures += 1
            if failures > retries:
                raise DownloadError(url, _gave_up(url, error.reason, failures, part)) from None
            pause = backoff * 2 ** (failures - 1)
            if error.retry_after is not None:
                pause = max(pause, error.retry_after)
            time.sleep(min(pause, MAX_PAUSE))
        except OSError as error:  # writing here: the network's errors are _Retry
            raise DownloadError(url, _unwritable(url, part, error)) from None
    try:
        result = _finish(url, part, size, expected_length, expected_type, existing=False)
    except DownloadError:
        transfer.discard()  # not audio: nothing worth continuing
        raise
    if target.exists():  # appeared meanwhile (another run): keep it, as promised
        transfer.discard()
        return _finish(url, target, target.stat().st_size, expected_length, expected_type, existing=True)
    try:
        part.replace(target)  # atomic: the target is complete or absent
    except OSError as error:
        raise DownloadError(url, _unwritable(url, target, error)) from None
    transfer.discard()
    return DownloadResult(target, result.size, result.content_type, result.warnings)


# --- one attempt --------------------------------------------------------------------------------------


class _Retry(Exception):
    """An attempt failed in a way another attempt may not: ``reason`` is in Italian, for the message."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class _Restart(Exception):
    """The ``.part`` file was removed: start again from zero, now."""


_opener = urllib.request.build_opener(WebRedirectsOnly)


class _Transfer:
    def __init__(self, url: str, part: Path, timeout: float, progress: Progress | None, max_size: int):
        self.url, self.part, self.timeout, self.progress, self.max_size = url, part, timeout, progress, max_size
        # The version of the file the .part holds (its strong ETag, or Last-Modified), kept beside it
        # so that a later run resumes only the same version: sent as If-Range, a changed file comes whole.
        self.stamp = part.with_name(part.name + ".version")
        self.validator = self.stamp.read_text(encoding="utf-8").strip() or None if self.stamp.is_file() and part.is_file() else None

    def discard(self) -> None:
        """Forget the .part (complete and renamed, or not worth resuming)."""
        self.part.unlink(missing_ok=True)
        self.stamp.unlink(missing_ok=True)

    def attempt(self) -> int:
        """Fetch what is missing from the ``.part`` file; its complete size, or raise :class:`_Retry`."""
        offset = self.part.stat().st_size if self.part.is_file() else 0
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        if offset:
            headers["Range"] = f"bytes={offset}-"
            if self.validator:
                headers["If-Range"] = self.validator
        try:
            response = _opener.open(urllib.request.Request(self.url, headers=headers), timeout=self.timeout)
        except urllib.error.HTTPError as error:
            with contextlib.closing(error):
                return self._refused(error, offset)
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            raise _Retry(failure_reason(error)) from None
        with response:
            if response.status != 206 or not self.validator:
                self._remember(response.headers)
            if offset and response.status == 206:
                start, total = content_range(response.headers.get("Content-Range", ""))
                if start != offset:  # not the part asked for: start again from zero
                    self.part.unlink()
                    raise _Restart
            else:  # 200: the whole file (a server that ignores Range starts again from zero)
                offset, total = 0, None
            length = _int(response.headers.get("Content-Length"))
            if total is None and length is not None:
                total = offset + length
            return self._stream(response, offset, total)

    def _remember(self, headers: http.client.HTTPMessage) -> None:
        etag = headers.get("ETag")
        self.validator = etag if etag and not etag.startswith("W/") else headers.get("Last-Modified")
        if self.validator:
            self.stamp.write_text(self.validator, encoding="utf-8")
        else:
            self.stamp.unlink(missing_ok=True)

    def _refused(self, error: urllib.error.HTTPError, offset: int) -> int:
        if error.code == 416 and offset:
            # Nothing left after the offset: the .part is complete, or longer than the file now is.
            _, total = content_range(error.headers.get("Content-Range", ""))
            if total == offset:
                return offset
            self.part.unlink()
            raise _Restart
        if error.code >= 500 or error.code in _RETRY_STATUSES:
            raise _Retry(f"il server ha risposto {error.code}", retry_after(error.headers.get("Retry-After")))
        raise DownloadError(self.url, _refusal(self.url, error.code))

    def _stream(self, response: http.client.HTTPResponse, offset: int, total: int | None) -> int:
        if total is not None and total > self.max_size:
            raise _Garbage(self.url, _too_large(self.url, total))
        done = offset
        head = _read_head(self.part) if offset else b""
        sniffed = False
        self._report(done, total)
        with self.part.open("ab" if offset else "wb") as out:
            while True:
                try:
                    chunk = response.read(CHUNK)
                except (OSError, http.client.HTTPException) as error:
                    _flush(out)
                    raise _Retry(failure_reason(error)) from None
                if not chunk:
                    break
                out.write(chunk)
                done += len(chunk)
                if not sniffed and len(head) < SNIFF_BYTES:
                    head += chunk[: SNIFF_BYTES - len(head)]
                if not sniffed and len(head) >= SNIFF_BYTES:
                    sniffed = True
                    if _sniff(head) is None:  # an HTML page, say: no need to fetch all of it
                        raise _Garbage(self.url, _not_audio(self.url, head))
                if done > self.max_size:
                    raise _Garbage(self.url, _too_large(self.url, done))
                self._report(done, total)
            _flush(out)
        if total is not None and done < total:
            raise _Retry(f"la connessione si è interrotta dopo {done} byte su {total}")
        return done

    def _report(self, done: int, total: int | None) -> None:
        if self.progress is not None:
            self.progress(done, total)


def _flush(out: BinaryIO) -> None:
    out.flush()
    os.fsync(out.fileno())


# --- what was downloaded -----------------------------------------------------------------------------


def _finish(url: str, path: Path, size: int, expected_length: int | None, expected_type: str | None, *, existing: bool) -> DownloadResult:
    head = _read_head(path)
    if size == 0:
        raise DownloadError(url, _empty(url, path, existing))
    kind = _sniff(head)
    if kind is None:
        if existing:
            raise DownloadError(
                url, f"{path} esiste già ma non è un file audio — cancellalo e rilancia il comando: verrà scaricato di nuovo da {url}.",
            )
        raise DownloadError(url, _not_audio(url, head))
    warnings = []
    if expected_length and expected_length != size:
        warnings.append(
            f"{url}: il feed dichiara {expected_length} byte, il file scaricato ne ha {size} — succede spesso (molti servizi "
            "pubblicano lunghezze sbagliate): il nuovo feed userà la lunghezza vera."
        )
    if expected_type and audio_family(expected_type) != audio_family(kind):
        warnings.append(
            f"{url}: il feed lo dichiara {expected_type}, ma il contenuto è {kind} — il nuovo feed userà il tipo vero."
        )
    return DownloadResult(path, size, kind, tuple(warnings))


def _read_head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SNIFF_BYTES)


def _sniff(head: bytes) -> str | None:
    """The audio type the first bytes show, or ``None`` when they are not audio a podcast may hold."""
    if head.startswith(b"ID3"):
        return "audio/mpeg"  # an ID3v2 tag leads MP3s (and, rarely, ADTS AAC: mutagen tells them apart later)
    if head[4:8] == b"ftyp":
        return "audio/x-m4a"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if head.startswith(b"fLaC"):
        return "audio/flac"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "audio/wav"
    # An MPEG frame, possibly after a little padding: a frame header, and another right after it.
    for start in range(min(len(head), SNIFF_BYTES) - 3):
        length = _frame_length(head, start)
        if length is None:
            continue
        follows = _frame_length(head, start + length)
        if follows is not None or (start == 0 and start + length + 6 > len(head)):
            return "audio/aac" if (head[start + 1] >> 1) & 0b11 == 0 else "audio/mpeg"
    return None


_BITRATES = {  # kbps by (MPEG-1?, layer), for the indexes 1..14
    (True, 1): (32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (True, 2): (32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (True, 3): (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (False, 1): (32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (False, 2): (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (False, 3): (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}  # by the version bits


def _frame_length(head: bytes, start: int) -> int | None:
    """The length of the MPEG audio frame (or ADTS AAC frame) at ``head[start:]``, if one starts there."""
    header = head[start : start + 6]
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version, layer_bits = (header[1] >> 3) & 0b11, (header[1] >> 1) & 0b11
    if layer_bits == 0:  # ADTS AAC: 0xFFF sync, and the frame's length in the header
        if header[1] & 0xF0 != 0xF0 or len(header) < 6:
            return None
        length = ((header[3] & 0b11) << 11) | (header[4] << 3) | (header[5] >> 5)
        return length if length > 7 else None
    bitrate_index, rate_index = header[2] >> 4, (header[2] >> 2) & 0b11
    if version == 1 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    layer = 4 - layer_bits
    bitrate = _BITRATES[(version == 3, layer)][bitrate_index - 1] * 1000
    rate = _RATES[version][rate_index]
    padding = (header[2] >> 1) & 1
    if layer == 1:
        return (12 * bitrate // rate + padding) * 4
    samples = 144 if layer == 2 or version == 3 else 72
    return samples * bitrate // rate + padding


# --- the answers' headers ------------------------------------------------------------------------------


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


# --- messages for staff -------------------------------------------------------------------------------


def _gave_up(url: str, reason: str, attempts: int, part: Path) -> str:
    kept = (
        f" Quanto già scaricato è in {part}: rilanciando il comando il download riprende da lì." if part.is_file() and part.stat().st_size else ""
    )
    return (
        f"{url}: download non riuscito dopo {attempts} tentativi ({reason}) — controlla la connessione a internet e "
        f"rilancia il comando più tardi; se l'errore si ripete, apri l'indirizzo nel browser per vedere se il file c'è ancora.{kept}"
    )


def _refusal(url: str, status: int) -> str:
    name = STATUS_MEANINGS.get(status)
    return (
        f"{url}: il server risponde {status}{f' ({name})' if name else ''} invece di mandare il file — apri l'indirizzo nel browser: "
        "se il file non c'è più, scaricalo dal servizio che ospitava il podcast e copialo a mano al suo posto."
    )


def _not_audio(url: str, head: bytes) -> str:
    looks = head.lstrip()[:512].lower()
    what = "una pagina web (HTML)" if looks.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<")) else "un file che non è audio"
    return (
        f"{url}: invece dell'audio il server manda {what} — di solito è una pagina di accesso o di errore del vecchio "
        "servizio: apri l'indirizzo nel browser, poi scarica l'MP3 a mano e copialo nella cartella dell'episodio."
    )


def _empty(url: str, path: Path, existing: bool) -> str:
    if existing:
        return f"{path} esiste già ma è vuoto (0 byte) — cancellalo e rilancia il comando: verrà scaricato di nuovo da {url}."
    return f"{url}: il server ha mandato un file vuoto (0 byte) — riprova più tardi, o scarica il file a mano."


def _unwritable(url: str, path: Path, error: OSError) -> str:
    return (
        f"{url}: non posso scrivere {path} ({error.strerror or error}) — controlla lo spazio libero sul disco e i permessi "
        "della cartella, poi rilancia il comando."
    )


def _too_large(url: str, size: int) -> str:
    return f"{url}: il file è troppo grande ({size} byte) per essere l'audio di un episodio — controlla l'indirizzo nel feed."
