"""``check --remote``: the published audio, as podcast apps will fetch it.

Each enclosure URL is asked what apps ask: a HEAD request (answered 200, with the length and
type the feed promises) and a Range request (answered 206: apps and browsers seek with it, and
Apple requires it). Only the URLs of the feed are contacted.

With ``--old-feed`` (:func:`check_move`), the podcast's move from another host is checked too:
the old feed must send apps to the new one, and its episodes must be ours, with the same guids
and the same audio. Then the old feed's URLs are contacted as well.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin

from lxml import etree

from reset_stories.feed.extensions import ITUNES_NS, PODCAST_NS
from reset_stories.media.published import PublishedMedia
from reset_stories.model import Catalog, Episode
from reset_stories.problems import Problem, Severity
from reset_stories.site.urls import audio_url
from reset_stories.web import NoRedirects, audio_family, failure_reason

TIMEOUT = 20  # seconds per request


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
    if audio_family(kind) != audio_family(episode.audio.mime_type):  # Python and many hosts say audio/mp4 for .m4a
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
        return failure_reason(error, TIMEOUT)


def _upload_hint(catalog: Catalog) -> str:
    folder = catalog.site.media_dir
    return catalog.site.relative(folder) + "/" if folder else "site/"


# --- the move from another host: ``check --remote --old-feed URL`` -----------------------------------

MAX_HOPS = 5
MAX_FEED_BYTES = 50 * 1024 * 1024  # the largest feeds (thousands of episodes) are a few MB
_PERMANENT, _TEMPORARY = (301, 308), (302, 303, 307)


@dataclass(frozen=True)
class MoveReport:
    """What ``check --remote --old-feed`` found: ``problems`` (for the report), and ``notes``, the
    lines that say what was verified."""

    problems: list[Problem]
    notes: list[str]


@dataclass(frozen=True)
class _Page:
    status: int
    headers: dict[str, str]
    body: bytes


_no_redirects = urllib.request.build_opener(NoRedirects)  # the 3xx itself is the answer to check


def check_move(catalog: Catalog, media: PublishedMedia, old_feed: str) -> MoveReport:
    """Check that the podcast moved from ``old_feed`` to this site's feed as apps need it.

    The old feed must send apps to the new one: a permanent redirect (301 or 308) to it, or, while
    it still answers 200, an ``<itunes:new-feed-url>`` naming it. When the old feed can be read, its
    episodes are matched by guid to the published ones: each must still be published, and its old
    audio must be the same as ours (the same length as our original file, which the published copy
    exceeds only by the episode's information written into it, and the same type).
    """
    new_feed = catalog.site.absolute(catalog.site.feed_uri)
    problems: list[Problem] = []
    notes: list[str] = []

    def problem(message: str, severity: Severity = Severity.ERROR) -> None:
        problems.append(Problem(old_feed, "vecchio feed", message, severity))

    if old_feed.strip() == new_feed:
        problem("è l'indirizzo del nuovo feed — scrivi dopo --old-feed l'indirizzo del feed sul vecchio servizio.")
        return MoveReport(problems, notes)
    new = _ask(new_feed, "GET")
    if isinstance(new, str) or new.status != 200:
        status = new if isinstance(new, str) else new.status
        problems.append(Problem(new_feed, "nuovo feed", f"non risponde ({status}) — pubblica il sito prima di controllare il trasferimento."))
    feed = _follow_old_feed(old_feed, new_feed, problem, notes)
    if feed is None:
        return MoveReport(problems, notes)
    channel = feed.find("channel")
    if channel is None:
        problem("non è un feed RSS (manca <channel>) — controlla l'indirizzo del vecchio feed.")
        return MoveReport(problems, notes)
    moved_to = (channel.findtext(f"{{{ITUNES_NS}}}new-feed-url") or "").strip()
    if moved_to == new_feed:
        notes.append(f"Il vecchio feed {old_feed} indica il nuovo con itunes:new-feed-url.")
    elif moved_to:
        problem(f"itunes:new-feed-url indica {moved_to} invece del nuovo feed {new_feed} — correggilo sul vecchio servizio.")
    else:
        problem(
            f"risponde ancora 200 e non indica il nuovo feed: le app non sanno che il podcast si è spostato — sul vecchio servizio "
            f"imposta un reindirizzamento permanente (301) verso {new_feed}, oppure aggiungi al feed "
            f"<itunes:new-feed-url>{new_feed}</itunes:new-feed-url>."
        )
    old_guid = next((e.text.strip() for e in channel if _local_name(e) == "guid" and e.text and _is_podcast_ns(e)), None)
    if old_guid and old_guid != catalog.show.guid:
        problem(
            f"il suo podcast:guid è {old_guid}, il nuovo feed ha {catalog.show.guid} — il podcast deve tenere lo stesso: "
            f"scrivi «guid: {old_guid}» nelle impostazioni del podcast (mkdocs.yml)."
        )
    _compare_episodes(catalog, media, channel, problem, problems, notes)
    return MoveReport(problems, notes)


def _follow_old_feed(old_feed: str, new_feed: str, problem: Callable[..., None], notes: list[str]) -> etree._Element | None:
    """Follow the old feed's permanent redirects; the feed it still serves (parsed), if any."""
    url = old_feed
    for _ in range(MAX_HOPS):
        page = _get_once(url)
        if isinstance(page, str):
            problem(f"non risponde ({page}) — le app che lo seguono ancora non sapranno dove è andato il podcast: tienilo online.")
            return None
        if page.status in _PERMANENT:
            url = urljoin(url, page.headers.get("location", ""))
            if url == new_feed:
                notes.append(f"Il vecchio feed {old_feed} è reindirizzato in modo permanente ({page.status}) al nuovo {new_feed}.")
                return None
            continue
        if page.status in _TEMPORARY:
            problem(
                f"è reindirizzato con un codice temporaneo ({page.status}) verso {urljoin(url, page.headers.get('location', ''))}: "
                f"le app non aggiornano l'indirizzo — usa un reindirizzamento permanente (301) verso {new_feed}."
            )
            return None
        if page.status != 200:
            problem(
                f"risponde {page.status}: le app che lo seguono ancora non sapranno dove è andato il podcast — "
                f"rimettilo online con un reindirizzamento permanente (301) verso {new_feed}."
            )
            return None
        try:
            return etree.fromstring(page.body, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))
        except etree.XMLSyntaxError as error:
            problem(f"non è un feed leggibile ({error}) — controlla l'indirizzo del vecchio feed.")
            return None
    problem(f"porta a {url} invece che al nuovo feed {new_feed} — il reindirizzamento permanente (301) deve portare a {new_feed}.")
    return None


def _compare_episodes(
    catalog: Catalog, media: PublishedMedia, channel: etree._Element,
    problem: Callable[..., None], problems: list[Problem], notes: list[str],
) -> None:
    published = {episode.guid: episode for episode in catalog.episodes}
    same = 0
    for item in channel.iterfind("item"):
        title = (item.findtext("title") or "").strip() or "senza titolo"
        guid = (item.findtext("guid") or "").strip()
        enclosure = item.find("enclosure")
        if enclosure is None:
            continue  # not an episode apps download
        episode = published.get(guid)
        if episode is None:
            problem(
                f"l'episodio «{title}» ({guid or 'senza guid'}) non è tra gli episodi pubblicati: le app lo toglierebbero "
                "agli ascoltatori — importalo con il suo guid, oppure controlla che non sia una bozza o programmato."
            )
            continue
        found = _compare_audio(catalog, media, episode, enclosure)
        problems.extend(found)
        same += not found
    notes.append(f"Episodi del vecchio feed ritrovati con lo stesso guid e lo stesso audio: {same}.")


def _compare_audio(catalog: Catalog, media: PublishedMedia, episode: Episode, enclosure: etree._Element) -> list[Problem]:
    assert episode.audio is not None
    where = catalog.site.relative(episode.source)
    old_url = (enclosure.get("url") or "").strip()
    ours, published = episode.audio, media.enclosure(episode).size
    found: list[Problem] = []

    def differs(message: str, severity: Severity = Severity.WARNING) -> None:
        found.append(Problem(where, "vecchio audio", f"{old_url}: {message}", severity))

    head = _ask(old_url, "HEAD")
    if isinstance(head, Answer) and head.status in (403, 405, 501):  # hosts that refuse HEAD: the first bytes
        head = _ask(old_url, "GET", {"Range": "bytes=0-1"})
    length: int | None = None  # only what the old host answers: the lengths in feeds are often wrong
    kind = (enclosure.get("type") or "").strip()
    if isinstance(head, str) or head.status not in (200, 206):
        status = head if isinstance(head, str) else head.status
        differs(
            f"non risponde più ({status}): chi non ha ancora il nuovo feed non può scaricarlo — lascia il vecchio audio "
            "online finché le app non sono passate al nuovo feed (qualche settimana)."
        )
    else:
        total = head.headers.get("content-range", "").rpartition("/")[2] if head.status == 206 else head.headers.get("content-length", "")
        length = int(total) if total.isdigit() else None
        kind = (head.headers.get("content-type") or kind).split(";")[0].strip()
    if length is not None and length != ours.size:
        differs(
            f"il vecchio audio è di {length} byte, il nostro originale di {ours.size} (pubblicato: {published}, con le informazioni "
            f"dell'episodio scritte dentro, {published - ours.size:+d} byte) — non è lo stesso file: se non l'hai sostituito apposta, "
            "importa di nuovo l'episodio."
        )
    if kind and audio_family(kind) != audio_family(ours.mime_type):
        differs(f"il vecchio audio è {kind}, il nuovo {ours.mime_type} — le app lo accettano, ma controlla che sia l'audio giusto.")
    return found


def _get_once(url: str) -> _Page | str:
    """GET ``url`` without following redirects."""
    request = urllib.request.Request(url, headers={"User-Agent": "reset-stories check"})
    try:
        with _no_redirects.open(request, timeout=TIMEOUT) as response:  # the URL staff gave
            return _Page(response.status, _lower(response.headers), response.read(MAX_FEED_BYTES))
    except urllib.error.HTTPError as error:
        with error:
            return _Page(error.code, _lower(error.headers), b"")
    except (urllib.error.URLError, OSError, ValueError) as error:
        return failure_reason(error, TIMEOUT)


def _lower(headers: Message) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


def _local_name(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _is_podcast_ns(element: etree._Element) -> bool:
    # The namespace's URI, and the older GitHub alias some hosts still write.
    return etree.QName(element).namespace in (PODCAST_NS, "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md")
