"""``check --remote``: the published audio, as podcast apps will fetch it.

Each enclosure URL is asked what apps ask: a HEAD request (answered 200, with the length and
type the feed promises) and a Range request (answered 206: apps and browsers seek with it, and
Apple requires it). Only the URLs of the feed are contacted.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from reset_stories.media.published import PublishedMedia
from reset_stories.model import Catalog, Episode
from reset_stories.problems import Problem
from reset_stories.site.urls import audio_url

TIMEOUT = 20  # seconds per request
# Names servers give the same types (Python and many hosts say audio/mp4 for .m4a).
_SAME_TYPE = {"audio/x-m4a": {"audio/x-m4a", "audio/mp4", "audio/m4a"}, "audio/mpeg": {"audio/mpeg", "audio/mp3"}}


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]


def check_remote(catalog: Catalog, media: PublishedMedia) -> list[Problem]:
    problems = []
    for episode in catalog.episodes:
        problems += _check_episode(catalog, episode, media.enclosure(episode).size)
    return problems


def _check_episode(catalog: Catalog, episode: Episode, size: int) -> list[Problem]:
    assert episode.audio is not None
    url = audio_url(catalog.site, episode)
    where = catalog.site.relative(episode.source)
    found = []

    def problem(message: str) -> None:
        found.append(Problem(where, "audio pubblicato", f"{url}: {message}"))

    head = _ask(url, "HEAD")
    if isinstance(head, str):
        problem(f"non risponde ({head}) — controlla l'indirizzo media_base_url e che il file sia caricato.")
        return found
    if head.status != 200:
        problem(f"il server risponde {head.status} invece di 200 — carica il file (è in {_upload_hint(catalog)}).")
        return found
    length = head.headers.get("content-length")
    if length != str(size):
        problem(f"il server dichiara {length or 'nessuna'} lunghezza, il feed {size} byte — carica di nuovo il file pubblicato ({_upload_hint(catalog)}).")
    kind = (head.headers.get("content-type") or "").split(";")[0].strip()
    if kind not in _SAME_TYPE.get(episode.audio.mime_type, {episode.audio.mime_type}):
        problem(f"il server lo serve come {kind or 'tipo sconosciuto'}, il feed come {episode.audio.mime_type} — correggi il Content-Type sul server.")
    ranged = _ask(url, "GET", {"Range": "bytes=0-1"})
    if isinstance(ranged, str) or ranged.status != 206:
        status = ranged if isinstance(ranged, str) else ranged.status
        problem(f"una richiesta Range ha avuto {status} invece di 206: le app non possono riprendere né saltare nell'audio — attiva le richieste Range (byte-range) sul server.")
    return found


def _ask(url: str, method: str, headers: dict[str, str] | None = None) -> Answer | str:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": "reset-stories check", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # the feed's own URLs
            if method == "GET":
                response.read(2)
            return Answer(response.status, {k.lower(): v for k, v in response.headers.items()})
    except urllib.error.HTTPError as error:
        return Answer(error.code, {k.lower(): v for k, v in error.headers.items()})
    except (urllib.error.URLError, OSError) as error:
        return str(getattr(error, "reason", error))


def _upload_hint(catalog: Catalog) -> str:
    folder = catalog.site.media_dir
    return catalog.site.relative(folder) + "/" if folder else "site/"
