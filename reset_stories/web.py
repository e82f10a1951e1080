"""What every part of reset-stories that talks HTTP shares: the import's download
(``importing/download.py``), ``check --remote`` (``media/remote.py``) and ``lint URL`` /
``lint --remote`` (``lint/remote.py``).

Here, at the package's top and importing only the standard library, because the three live in
packages that should not import one another (``lint`` must not load the importer or the media
tools to read one header), and because a rule shared is then worded once: which redirects may be
followed (only to web addresses: a feed must never make us read a local file), how a byte range
and ``Retry-After`` are read, which media types name the same audio, and the Italian words for a
network failure and an HTTP status (never the library's English).
"""

from __future__ import annotations

import http.client
import re
import socket
import ssl
import urllib.error
import urllib.request
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import IO
from urllib.parse import urlsplit

WEB_SCHEMES = frozenset({"http", "https"})


# --- redirects ---------------------------------------------------------------------------------------


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """Every 3xx is the answer: the caller follows redirects itself (recording them, refusing
    other schemes), or checks the redirect as such."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class WebRedirectsOnly(urllib.request.HTTPRedirectHandler):
    """Redirects are followed (tracking services, http → https), but only to web addresses: an
    enclosure must never be able to read a local file (file://) or reach an FTP server."""

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: http.client.HTTPMessage, newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme not in WEB_SCHEMES:
            raise urllib.error.HTTPError(newurl, code, f"redirect to {newurl}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


# --- headers -----------------------------------------------------------------------------------------


def content_range(value: str) -> tuple[int | None, int | None]:
    """``bytes 100-199/1000`` → (100, 1000); ``bytes */1000`` → (None, 1000); the total may be ``*``."""
    match = re.fullmatch(r"\s*bytes\s+(?:([0-9]+)-[0-9]+|\*)/([0-9]+|\*)\s*", value)
    if not match:
        return None, None
    start, total = match.groups()
    return (int(start) if start else None), (int(total) if total != "*" else None)


def retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """The seconds a ``Retry-After`` header asks to wait (RFC 9110 §10.2.3: a number of seconds or
    an HTTP date); None when it says nothing readable. Never negative."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit():
        return float(value)
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


# --- media types -------------------------------------------------------------------------------------

# Names hosts, old servers (Apache's and IIS's mime tables) and feeds give the same audio, by the
# name the family is known as.
_AUDIO_NAMES = {
    "audio/mp3": "audio/mpeg", "audio/mpeg3": "audio/mpeg", "audio/x-mpeg": "audio/mpeg", "audio/x-mp3": "audio/mpeg",
    "audio/x-mpeg-3": "audio/mpeg", "audio/mpg": "audio/mpeg", "audio/x-mpg": "audio/mpeg",
    "audio/mp4": "audio/x-m4a", "audio/m4a": "audio/x-m4a", "audio/aac": "audio/x-m4a", "audio/x-aac": "audio/x-m4a",
    "video/mp4": "audio/x-m4a", "audio/vorbis": "audio/ogg", "audio/opus": "audio/ogg", "audio/x-wav": "audio/wav",
    "audio/x-flac": "audio/flac",
}


def audio_family(mime_type: str) -> str:
    """The audio a media type names, whatever name it goes by: ``audio/mp3`` → ``audio/mpeg``,
    ``audio/mp4`` → ``audio/x-m4a``; any other type as it is (lower case, without parameters)."""
    kind = mime_type.split(";")[0].strip().lower()
    return _AUDIO_NAMES.get(kind, kind)


# --- Italian words for what went wrong ---------------------------------------------------------------

STATUS_MEANINGS = {
    400: "richiesta non valida", 401: "serve l'accesso", 403: "accesso negato", 404: "non trovato", 405: "metodo non ammesso",
    410: "rimosso", 429: "troppe richieste", 451: "non disponibile per motivi legali", 500: "errore del server",
    501: "non implementato", 502: "errore del server intermedio", 503: "servizio non disponibile",
    504: "il server intermedio non ha avuto risposta",
}


def failure_reason(error: BaseException, timeout: float | None = None) -> str:
    """Why a request failed, in Italian, without the library's English text (``timeout``: the
    seconds that were waited, to say so)."""
    cause = getattr(error, "reason", error) if isinstance(error, urllib.error.URLError) else error
    if isinstance(cause, TimeoutError | socket.timeout) or "timed out" in str(cause):
        return f"il server non risponde entro {timeout:.0f} secondi" if timeout else "il server non risponde (tempo scaduto)"
    if isinstance(cause, socket.gaierror):
        return "il nome del server non esiste (DNS)"
    if isinstance(cause, ConnectionRefusedError):
        return "il server rifiuta la connessione"
    if isinstance(cause, ssl.SSLCertVerificationError):
        return "il certificato HTTPS del server non è valido (scaduto, di un altro nome o non firmato da un'autorità riconosciuta)"
    if isinstance(cause, ssl.SSLError):
        return "la connessione HTTPS non riesce (il server non parla HTTPS correttamente)"
    if isinstance(cause, http.client.RemoteDisconnected | ConnectionError | http.client.IncompleteRead):
        return "la connessione si è interrotta (il server ha chiuso la connessione senza rispondere per intero)"
    if isinstance(cause, http.client.HTTPException):
        return "il server risponde in modo non conforme a HTTP"
    if isinstance(cause, ValueError | UnicodeError):
        return "l'indirizzo non è valido"
    return "connessione non riuscita"
