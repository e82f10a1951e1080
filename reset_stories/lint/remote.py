"""``lint URL`` and ``lint --remote``: a published feed fetched, and the files it names asked what apps ask.

:func:`fetch_feed` fetches a feed as an app subscribes to it: redirects followed one by one and
recorded (their count, their kind, a fall from https to http), the body decompressed, its size
bounded. :func:`report_fetch` turns what the fetch showed into findings, the feed's own
``atom:link rel="self"`` compared with the address it was found at (apps subscribe to the former). :func:`check_remote`
asks every file the feed names what podcast apps and directories ask:

- the audio (``<enclosure>``): a ``HEAD`` request (Apple requires servers to accept it, and apps
  and directories check a file with it; a host that refuses it is asked with ``GET`` and ``Range``
  instead, and reported), then ``GET`` with
  ``Range: bytes=0-1``, as Apple's player does first: the answer must be ``206`` with a
  ``Content-Range`` (RFC 9110 §14; Apple requires byte-range support). The size served is
  compared with the feed's ``length``, the type served with the feed's ``type``;
- the artwork (``itunes:image``): its first 64 KB (a Range request), enough for Pillow to read
  the format, the size in pixels and the colour mode from the header without decoding the image;
  a ``podcast:image`` that declares its ``width`` or ``height`` is read the same way, to compare;
  other images (the RSS ``<image>``, a ``podcast:person``'s ``img``) are asked only whether they are there;
- the files of ``podcast:alternateEnclosure`` (each ``podcast:source`` with a web address) as the
  audio is, for HEAD and Range (their length and type describe the alternate enclosure as a whole);
- chapters (``podcast:chapters``): read whole (bounded) and parsed as JSON;
- transcripts (``podcast:transcript``): their first kilobyte, for the type they are served as.

**Lengths.** The feed's ``length`` is what an app shows and reserves before downloading; the
download itself uses the size the server sends. A feed written by its host knows the exact size,
but hosts rewrite ID3 tags after publishing and dynamic ad insertion (Megaphone, Acast, Spotify)
serves a slightly different file to every listener. So a difference up to
:data:`LENGTH_TOLERANCE` (1 %) is accepted; a larger one is a warning, never an error (apps play
the file whatever the feed says; RSS 2.0 asks for the size in bytes, W3C does not fetch it).

**Busy hosts.** A host answering 429 or 503 is asked once more, after the pause its
``Retry-After`` asks for (a second when it says none), if the pause is at most
:data:`RETRY_WAIT` and ends before the deadline; otherwise, or if it is still busy, its answer is
reported as it is (``remote-status``).

**Bounds.** Each URL is asked once, however many items name it; ``workers`` threads ask at once;
each request has its own timeout and the whole check the ``deadline``: what was not asked by then
is a finding of its own (``remote-not-checked``), and the call returns at the deadline even if a
host is still answering. Findings come in the feed's order, whatever order the answers arrive in.

**What the fetch cannot show** (said here, not found): a host's answer to other clients (user
agents, countries), and a TLS certificate that this machine's trust store accepts but an app's
does not. What the feed's text shows (an enclosure written http://, a URL with non-ASCII
characters, a length that is no number) is for the feed's own rules: here only what the hosts
answer, so that no problem is reported twice.
"""

from __future__ import annotations

import concurrent.futures
import http.client
import io
import json
import time
import urllib.error
import urllib.request
import warnings
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import IO
from urllib.parse import quote, urljoin, urlsplit

from lxml import etree

from reset_stories.lint.checking import PODCAST_LEGACY_NS, Check, Indexed, Level, Rule, name, split_url
from reset_stories.problems import PeopleFacingError
from reset_stories.web import STATUS_MEANINGS, NoRedirects, audio_family, content_range, failure_reason, retry_after

REQUEST_TIMEOUT = 20.0  # seconds, for one connection or one read: a host slower than this loses listeners anyway
MAX_HOPS = 10  # redirects followed before giving up (urllib's and most apps' own limit is 10 to 20)
MANY_HOPS = 5  # more than this is reported: each hop costs a round trip, and some apps give up sooner
LENGTH_TOLERANCE = 0.01  # see the module's docstring
IMAGE_BYTES = 64 * 1024  # enough for Pillow to read a JPEG's or PNG's header, EXIF included, in nearly all artwork
CHAPTERS_LIMIT = 4 * 1024 * 1024  # a chapters file of several hours with images is a few hundred KB
TRANSCRIPT_BYTES = 1024
SNIFF_BYTES = 512  # what a web page shows of itself in its first bytes
USER_AGENT = "reset-stories lint (podcast validator)"
ARTWORK_SIZES = (1400, 3000)  # pixels, per side: Apple's minimum and maximum
RETRY_WAIT = 30.0  # seconds: the longest Retry-After waited for, once (a host asking for more is reported busy)
RETRY_DEFAULT = 1.0  # seconds, when a busy host does not say how long to wait
_BUSY = frozenset({429, 503})  # "too many requests", "unavailable for now": asked once more
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
# The media types W3C's validator accepts for a feed (feedvalidator/mediaTypes.py, FEED_TYPES, RSS ones).
# (atom+xml and rdf+xml it accepts too, but warns about them for an RSS 2.0 feed: so here.)
FEED_TYPES = frozenset({"application/rss+xml", "application/xml", "text/xml"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHAPTERS_TYPES = frozenset({"application/json+chapters", "application/json"})
# Names servers and feeds give the same transcript format.
_TRANSCRIPT_SAME = {"application/x-subrip": "application/srt", "text/srt": "application/srt", "application/x-srt": "application/srt",
                    "text/json": "application/json", "text/x-vtt": "text/vtt"}

# Apple's technical requirements: a feed publicly addressable, servers that accept HTTP HEAD and
# byte-range requests, ASCII-only file names and URLs.
_APPLE_REQUIREMENTS = "Apple Podcasts, «Podcast RSS feed requirements», https://podcasters.apple.com/support/823-podcast-requirements"
_HTTPS = ("Apple, App Transport Security, https://developer.apple.com/documentation/security/preventing-insecure-network-connections; "
          "W3C Mixed Content, https://www.w3.org/TR/mixed-content/")
_APPLE_ARTWORK = "Apple Podcasts, «Artwork requirements», https://podcasters.apple.com/support/896-artwork-requirements"
_RFC9110 = "RFC 9110 (HTTP Semantics), https://www.rfc-editor.org/rfc/rfc9110"
_RSS_ENCLOSURE = "RSS 2.0, <enclosure>, https://www.rssboard.org/rss-specification#ltenclosuregtSubelementOfLtitemgt"
_P20 = "Podcasting 2.0, https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/tags/"
_W3C_MEDIA = "W3C Feed Validation Service, UnexpectedContentType (feedvalidator/mediaTypes.py), https://validator.w3.org/feed/docs/warning/UnexpectedContentType.html"
_NOT_W3C = "W3C non scarica i file nominati dal feed: questo controllo va oltre."
_MEDIA_OURS = (
    "pubblica di nuovo il sito; se in mkdocs.yml c'è media_base_url (sotto reset-stories:), carica di nuovo i file della "
    "cartella media_dir (site-media/) a quell'indirizzo"
)

RULES: tuple[Rule, ...] = (
    # --- the feed's own address (``lint URL``) ---
    Rule("remote-feed-redirect-permanent", Level.WARNING, _RFC9110 + "#section-15.4.2 (301), #section-15.4.9 (308)",
         "l'indirizzo del feed «{url}» è reindirizzato in modo permanente ({status}) a «{location}»: le app seguono il "
         "reindirizzamento e aggiornano l'abbonamento",
         "usa «{location}» nei link di iscrizione e nelle directory (Apple Podcasts Connect, Spotify, Podcast Index); lascia "
         "il reindirizzamento attivo per chi è iscritto al vecchio indirizzo",
         "scrivi in site_url (mkdocs.yml) l'indirizzo a cui il sito è pubblicato davvero: il feed è alla sua radice (feed.xml)",
         _NOT_W3C),
    Rule("remote-feed-redirect-temporary", Level.WARNING, _RFC9110 + "#section-15.4.3 (302), #section-15.4.8 (307)",
         "l'indirizzo del feed «{url}» è reindirizzato in modo temporaneo ({status}) a «{location}»: le app continuano a "
         "chiedere il vecchio indirizzo e non aggiornano l'abbonamento",
         "se il feed si è spostato per sempre usa un reindirizzamento permanente (301 o 308), oppure pubblica il feed "
         "direttamente all'indirizzo a cui le app sono iscritte",
         "", _NOT_W3C),
    Rule("remote-feed-not-https", Level.WARNING, _HTTPS,
         "il feed è servito senza HTTPS («{url}»): chi sta sulla stessa rete può leggerlo o alterarlo, le app iOS lo caricano "
         "solo con un'eccezione alle regole di sicurezza e le pagine https non possono leggerlo",
         "servi il feed da un indirizzo https:// (il servizio di hosting o un certificato gratuito, per esempio Let's Encrypt) "
         "e reindirizza in modo permanente (301) il vecchio indirizzo http:// al nuovo",
         "scrivi site_url in mkdocs.yml con https:// e pubblica il sito su un server con HTTPS", _NOT_W3C),
    Rule("remote-feed-self-link", Level.WARNING, "RSS Advisory Board, RSS Best Practices Profile, "
         "https://www.rssboard.org/rss-profile#namespace-elements-atom-link; Atom, RFC 4287, "
         "https://www.rfc-editor.org/rfc/rfc4287#section-4.2.7.2",
         "il feed dice di essere a «{self_link}» (<atom:link rel=\"self\">), ma è stato scaricato da «{url}»: le app e le "
         "directory si iscrivono all'indirizzo del link self",
         "scrivi in <atom:link rel=\"self\" href=\"…\"> l'indirizzo a cui il feed è davvero pubblicato («{url}»)",
         "scrivi in site_url (mkdocs.yml) l'indirizzo a cui il sito è pubblicato davvero: il link self è costruito da lì",
         "W3C confronta il link self con l'indirizzo che gli si dà da controllare (SelfDoesntMatchLocation), senza seguire "
         "i reindirizzamenti; qui con l'indirizzo finale, dopo i reindirizzamenti, perché è lì che il feed è davvero"),
    Rule("remote-feed-type", Level.WARNING, _W3C_MEDIA,
         "il feed è servito come «{served}», che non è un tipo di feed: alcune app e i browser non lo riconoscono come feed",
         "configura il server perché serva il feed come application/rss+xml (oppure application/xml o text/xml)",
         "configura il server del sito perché serva i file .xml come application/rss+xml o application/xml", ""),
    # --- redirects, for the feed and for every file it names ---
    Rule("remote-redirect-chain", Level.WARNING, _RFC9110 + "#section-15.4",
         "per arrivare a «{url}» servono {count} reindirizzamenti (oltre {limit}): ogni passaggio rallenta l'ascolto e "
         "alcune app rinunciano prima",
         "togli i passaggi inutili: di solito sono servizi di statistiche concatenati (prefissi di misurazione); punta "
         "direttamente all'indirizzo finale o a un solo prefisso",
         "", _NOT_W3C),
    Rule("remote-redirect-downgrade", Level.WARNING, _HTTPS,
         "«{url}» è reindirizzato da https a http («{location}»): il file arriva senza protezione, i lettori nelle pagine "
         "https lo bloccano (contenuto misto) e le app iOS lo scaricano solo con un'eccezione alle regole di sicurezza",
         "fai in modo che ogni reindirizzamento porti a un indirizzo https://, o punta direttamente al file finale in https",
         _MEDIA_OURS, _NOT_W3C),
    Rule("remote-redirect-not-ascii", Level.ERROR, _APPLE_REQUIREMENTS + "; " + _RFC9110 + "#section-10.2.2 (Location è un URI)",
         "il reindirizzamento da «{url}» porta a un indirizzo con caratteri non ASCII («{location}»): Apple accetta solo "
         "indirizzi ASCII e molte app non lo seguono",
         "nel reindirizzamento scrivi l'indirizzo con i caratteri speciali codificati (%C3%A8 invece di è), o rinomina il file "
         "senza lettere accentate né spazi",
         "", _NOT_W3C),
    # --- every file the feed names ---
    Rule("remote-unreachable", Level.ERROR, _APPLE_REQUIREMENTS,
         "{what} «{url}» non si può scaricare: {reason}",
         "controlla l'indirizzo nel feed e che il server sia raggiungibile da internet (aprilo nel browser da un'altra rete)",
         _MEDIA_OURS, _NOT_W3C),
    Rule("remote-status", Level.ERROR, _RFC9110 + "#section-15",
         "il server risponde {status} ({meaning}) per {what} «{url}», invece di mandare il file",
         "carica il file all'indirizzo scritto nel feed, o correggi l'indirizzo; se il server lo nega (401, 403) rendilo "
         "pubblico: le app non hanno credenziali",
         _MEDIA_OURS, _NOT_W3C),
    Rule("remote-served-html", Level.ERROR, _RFC9110 + "#section-8.3",
         "per {what} «{url}» il server manda una pagina web («{served}»): di solito è una pagina di accesso o di errore, "
         "non il file",
         "controlla che l'indirizzo porti al file stesso e non a una pagina che lo mostra (un lettore, un link di condivisione "
         "di Dropbox o Google Drive); rendi il file pubblico",
         _MEDIA_OURS, _NOT_W3C),
    # --- the audio ---
    Rule("remote-head-refused", Level.ERROR, _APPLE_REQUIREMENTS + "; " + _RFC9110 + "#section-9.3.2",
         "il server di «{url}» rifiuta le richieste HEAD ({status}): Apple richiede che le accetti, e le app e le directory "
         "che controllano il file con HEAD lo credono assente",
         "abilita HEAD sul server (con S3 o una CDN: nelle regole dell'URL firmato o della cache, oltre a GET)",
         "", _NOT_W3C),
    Rule("remote-range-unsupported", Level.ERROR, _APPLE_REQUIREMENTS + "; " + _RFC9110 + "#section-14",
         "il server di «{url}» non accetta richieste Range (byte-range): a «Range: bytes=0-1» risponde {answer} invece di 206 "
         "con Content-Range; Apple lo richiede e senza Range le app non possono saltare nell'audio né riprendere un download",
         "abilita le richieste byte-range sul server (è l'impostazione predefinita di Apache, nginx, S3 e delle CDN: "
         "spesso la disattiva un servizio di statistiche o uno script che serve il file)",
         "", _NOT_W3C),
    Rule("remote-length-mismatch", Level.WARNING, _RSS_ENCLOSURE,
         "la lunghezza nel feed ({declared} byte) non è quella del file servito da «{url}» ({served} byte)",
         "scrivi in length la dimensione esatta del file in byte (quella che il server manda come Content-Length)",
         _MEDIA_OURS,
         "W3C controlla solo che length sia un numero; qui si confronta con il file, con una tolleranza dell'1% (tag ID3 "
         "riscritti dall'hosting, pubblicità inserite dinamicamente)"),
    Rule("remote-enclosure-type", Level.WARNING, _RSS_ENCLOSURE,
         "il file audio «{url}» è servito come «{served}», ma il feed lo dichiara «{declared}»: alcune app e i lettori web "
         "si fidano del tipo servito",
         "configura il server perché serva il file con il tipo giusto (audio/mpeg per .mp3, audio/x-m4a o audio/mp4 per "
         ".m4a), o correggi type nel feed se è il feed a sbagliare",
         "configura il server (o la CDN di media_base_url) perché serva .mp3 come audio/mpeg e .m4a come audio/mp4", _NOT_W3C),
    # --- artwork ---
    Rule("remote-image-type", Level.ERROR, _APPLE_ARTWORK,
         "la copertina «{url}» è servita come «{served}» e il suo contenuto è {content}: Apple accetta solo JPEG "
         "(image/jpeg) e PNG (image/png)",
         "salva la copertina come JPEG (.jpg) o PNG (.png) e servila come image/jpeg o image/png",
         "scrivi in artwork (mkdocs.yml, reset-stories: podcast:) un file JPEG o PNG, e configura il server perché lo serva "
         "come image/jpeg o image/png", _NOT_W3C),
    Rule("remote-artwork-size", Level.ERROR, _APPLE_ARTWORK,
         "la copertina «{url}» è di {width}×{height} pixel: Apple la vuole quadrata, tra {low}×{low} e {high}×{high}",
         "esporta la copertina quadrata, per esempio di 3000×3000 pixel",
         "", _NOT_W3C),
    Rule("remote-image-dimensions", Level.WARNING, _P20 + "image.md (width, height)",
         "l'immagine «{url}» è di {width}×{height} pixel, ma il feed dichiara {declared}: le app scelgono tra le immagini "
         "dalle misure dichiarate e possono mostrare quella sbagliata",
         "scrivi in width e height le misure vere dell'immagine in pixel, o togli gli attributi",
         "", _NOT_W3C),
    Rule("remote-artwork-cmyk", Level.ERROR, _APPLE_ARTWORK,
         "la copertina «{url}» è in CMYK (colori da stampa): Apple la vuole in RGB e molte app la mostrano con colori sbagliati",
         "esporta la copertina in RGB (nel programma di grafica, il metodo colore RGB, come fa «Esporta per il web»)",
         "", _NOT_W3C),
    # --- chapters and transcripts ---
    Rule("remote-chapters-type", Level.WARNING, _P20 + "chapters.md",
         "il file dei capitoli «{url}» è servito come «{served}» invece di application/json+chapters (o application/json)",
         "configura il server perché serva i file dei capitoli (.json) come application/json",
         "", _NOT_W3C),
    Rule("remote-chapters-invalid", Level.ERROR, _P20 + "chapters.md",
         "il file dei capitoli «{url}» non è un documento JSON di capitoli: {detail}",
         "pubblica all'indirizzo un file JSON con \"version\" e l'elenco \"chapters\", come descrive il formato Podcasting 2.0",
         "", _NOT_W3C),
    Rule("remote-transcript-type", Level.WARNING, _P20 + "transcript.md",
         "la trascrizione «{url}» è servita come «{served}», ma il feed la dichiara «{declared}»: le app scelgono come "
         "leggerla dal tipo",
         "configura il server perché serva la trascrizione con il tipo dichiarato (text/vtt per .vtt, application/x-subrip "
         "per .srt), o correggi type nel feed",
         "", _NOT_W3C),
    # --- bounds ---
    # Not a rule of an app: the check's own time limit. Its source says so, and names the requirements the files were
    # to be checked against.
    Rule("remote-not-checked", Level.WARNING, "nessuna regola esterna: è il limite di tempo di reset-stories lint --remote "
         "(opzione --timeout); i file si controllano secondo " + _APPLE_REQUIREMENTS,
         "non c'è stato il tempo di controllare {what} «{url}»: il tempo a disposizione ({deadline}) è finito prima",
         "rilancia il controllo con più tempo, o quando i server rispondono più in fretta",
         "", ""),
)


# --- fetching the feed: ``lint URL`` ---------------------------------------------------------------------


@dataclass(frozen=True)
class Fetched:
    body: bytes  # the feed's bytes (decompressed)
    url: str  # the final URL after redirects
    redirects: tuple[tuple[int, str], ...]  # each (status, location) followed, in order
    content_type: str
    not_ascii: tuple[tuple[str, str], ...] = ()  # (from, location) of each redirect to a non-ASCII address
    requested: str = ""  # the URL asked for (the first one)


class FetchFailed(PeopleFacingError):
    """The feed could not be fetched; the message (Italian) says what failed and what to do."""

    def __init__(self, url: str, message: str):
        super().__init__(message)
        self.url = url


def fetch_feed(url: str, *, timeout: float = 30.0, limit: int = 64 * 1024 * 1024) -> Fetched:
    """The feed at ``url``, as an app subscribing to it fetches it (see the module's docstring),
    or :class:`FetchFailed`. ``timeout`` bounds each connection and read; ``limit`` the feed's
    size, compressed or not."""
    url = url.strip()
    if _scheme(url) not in ("http", "https"):
        raise FetchFailed(url, f"«{url}» non è un indirizzo web: scrivi l'indirizzo completo del feed, con https://.")
    until = time.monotonic() + timeout * (MAX_HOPS + 2)
    answer = _exchange(url, "GET", {"Accept-Encoding": "gzip, deflate"}, read=limit + 1, until=until, timeout=timeout)
    if isinstance(answer, _Failure):
        raise FetchFailed(url, _feed_failure(url, answer))
    if not 200 <= answer.status < 300:
        raise FetchFailed(url, (
            f"Il feed «{answer.url}» risponde {answer.status} ({_meaning(answer.status)}) invece di mandare il feed: apri "
            "l'indirizzo nel browser per controllarlo; se il podcast si è spostato, usa il nuovo indirizzo."
        ))
    if len(answer.body) > limit:
        raise FetchFailed(url, f"Il feed «{answer.url}» è più grande di {_size(limit)}: non è un feed, o è troppo grande per le app.")
    body = _decompress(answer.headers.get("content-encoding", ""), answer.body, limit)
    if body is None:
        raise FetchFailed(url, (
            f"Il feed «{answer.url}» è compresso in modo illeggibile o supera {_size(limit)} una volta "
            "decompresso: controlla la configurazione della compressione sul server."
        ))
    return Fetched(body, answer.url, answer.redirects, answer.headers.get("content-type", ""), answer.not_ascii, url)


def report_fetch(fetched: Fetched, check: Check) -> None:
    """Findings about the fetch of the feed itself (redirects, type, https): at the channel."""
    check.at_item(None)
    start = fetched.requested or fetched.url  # fetch_feed fills requested
    previous = start
    for status, location in fetched.redirects:
        rule = "remote-feed-redirect-permanent" if status in _PERMANENT else "remote-feed-redirect-temporary"
        check.report(rule, None, "", url=previous, status=status, location=location)
        previous = location
    _report_hops(check, None, "", start, fetched.redirects, fetched.not_ascii)
    if _scheme(fetched.url) != "https":
        check.report("remote-feed-not-https", None, "", url=fetched.url)
    served = _base_type(fetched.content_type)
    if served not in FEED_TYPES:
        check.report("remote-feed-type", None, "", served=served or "nessun tipo")
    link = _self_link(fetched.body)
    if link is not None and _same_address(link.get("href") or "", fetched.url) is False:
        check.report("remote-feed-self-link", link, name(link) + "@href", self_link=(link.get("href") or "").strip(),
                     url=fetched.url)


def _self_link(body: bytes) -> etree._Element | None:
    """The channel's first ``<atom:link rel="self">``, read only as far as the first item (a
    feed's channel elements come first): the feed is not parsed twice."""
    try:
        for _, element in etree.iterparse(io.BytesIO(body), events=("start",), resolve_entities=False, no_network=True,
                                          huge_tree=True):
            if element.tag == "item":
                return None
            if isinstance(element, etree._Element) and element.tag == _ATOM_LINK and element.get("rel") == "self":
                parent = element.getparent()
                if parent is not None and parent.tag == "channel":
                    return element
    except etree.XMLSyntaxError:
        return None  # the feed's own rule (rss-xml-well-formed) says it
    return None


_ATOM_LINK = "{http://www.w3.org/2005/Atom}link"


def _same_address(written: str, fetched: str) -> bool | None:
    """Whether ``written`` names the address ``fetched`` (scheme and host in any case, a default port
    written or not); None when ``written`` is no web address (rss-url says it)."""
    first, second = split_url(written.strip()), split_url(fetched)
    if first.scheme.lower() not in ("http", "https") or not first.netloc:
        return None
    try:
        ports = (first.port or _DEFAULT_PORTS[first.scheme.lower()], second.port or _DEFAULT_PORTS.get(second.scheme.lower(), 0))
    except ValueError:
        return False  # a port that is no number: not where the feed was found
    return (first.scheme.lower(), (first.hostname or "").rstrip("."), ports[0], first.path or "/", first.query) == (
        second.scheme.lower(), (second.hostname or "").rstrip("."), ports[1], second.path or "/", second.query)


_DEFAULT_PORTS = {"http": 80, "https": 443}


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.0f} MB"
    return f"{max(count // 1024, 1)} KB"


def _feed_failure(url: str, failure: _Failure) -> str:
    where = f"Il feed «{url}»" + (f" (reindirizzato a «{failure.url}»)" if failure.url != url else "")
    return f"{where} non si può scaricare: {failure.reason} — {failure.advice or _advice(failure.reason)}"


def _decompress(encoding: str, body: bytes, limit: int) -> bytes | None:
    """``body`` without its Content-Encoding (gzip or deflate), at most ``limit`` bytes; None if unreadable."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        return None
    try:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 32 if encoding != "deflate" else zlib.MAX_WBITS)
        out = inflater.decompress(body, limit + 1)
    except zlib.error:
        if encoding != "deflate":
            return None
        try:  # "deflate" as many servers send it: raw, without the zlib header
            inflater = zlib.decompressobj(-zlib.MAX_WBITS)
            out = inflater.decompress(body, limit + 1)
        except zlib.error:
            return None
    return out if len(out) <= limit else None


# --- one exchange, redirects followed one by one ----------------------------------------------------------


@dataclass(frozen=True)
class _Answer:
    url: str  # the final URL
    status: int
    headers: Mapping[str, str]  # names in lower case
    body: bytes
    redirects: tuple[tuple[int, str], ...]
    not_ascii: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _Failure:
    url: str  # where it failed
    reason: str  # Italian
    redirects: tuple[tuple[int, str], ...] = ()
    not_ascii: tuple[tuple[str, str], ...] = ()
    advice: str = ""
    late: bool = False  # failed because the deadline came: not checked, rather than unreachable


# Every 3xx is the answer: _exchange follows redirects itself, records them and refuses schemes
# other than http and https (an enclosure must never read a local file).
_opener = urllib.request.build_opener(NoRedirects)


def _exchange(url: str, method: str, headers: Mapping[str, str], *, read: int, until: float,
              timeout: float = REQUEST_TIMEOUT) -> _Answer | _Failure:
    """Ask ``url`` (``read``: the most body bytes to read), following redirects; never raises."""
    redirects: list[tuple[int, str]] = []
    odd: list[tuple[str, str]] = []
    seen = {url}
    current = url
    retried = False
    while True:
        if _scheme(current) not in ("http", "https"):
            if redirects:
                return _Failure(current, "il reindirizzamento porta a un indirizzo che non è web (http o https)", tuple(redirects),
                                tuple(odd), "il reindirizzamento sul server deve portare a un indirizzo https://.")
            return _Failure(current, "non è un indirizzo web (http o https)", advice="scrivi l'indirizzo completo, con https://.")
        left = until - time.monotonic()
        if left <= 0:
            return _Failure(current, "il tempo a disposizione è finito", tuple(redirects), tuple(odd), late=True)
        answer = _once(_ascii(current), method, headers, read=read, until=until, timeout=min(timeout, left))
        if not isinstance(answer, str) and answer[0] in _BUSY and not retried:
            retried = True  # once: a host still busy after its own pause is reported as it answers
            wait = _busy_wait(answer[1], until)
            if wait is not None:
                time.sleep(wait)
                continue
        if isinstance(answer, str):
            # A request cut short by the deadline (its timeout was what was left) says nothing of the host.
            late = left < timeout and time.monotonic() >= until - 0.05
            return _Failure(current, answer, tuple(redirects), tuple(odd), _advice(answer), late)
        status, answered, body = answer
        location = answered.get("location", "").strip()
        if status not in _REDIRECTS or not location:
            return _Answer(current, status, answered, body, tuple(redirects), tuple(odd))
        location = _header_text(location)
        following = _resolve(current, location)
        if not location.isascii():
            odd.append((current, following))
        redirects.append((status, following))
        if following in seen:
            return _Failure(current, "i reindirizzamenti girano in tondo (tornano a un indirizzo già visitato)", tuple(redirects), tuple(odd),
                            "correggi i reindirizzamenti sul server: devono arrivare a un indirizzo che risponde, senza tornare indietro.")
        if len(redirects) > MAX_HOPS:
            return _Failure(current, f"più di {MAX_HOPS} reindirizzamenti di seguito", tuple(redirects), tuple(odd),
                            "togli i reindirizzamenti inutili: le app rinunciano dopo pochi passaggi.")
        seen.add(following)
        current = following
        if status == 303 and method != "HEAD":
            method = "GET"


def _busy_wait(headers: Mapping[str, str], until: float) -> float | None:
    """The pause a busy host (429, 503) asks for before asking again (its ``Retry-After``, else
    :data:`RETRY_DEFAULT`); None when it asks for more than :data:`RETRY_WAIT` or than the time left
    leaves for the request itself."""
    wait = retry_after(headers.get("retry-after"))
    wait = RETRY_DEFAULT if wait is None else wait
    if wait > RETRY_WAIT or time.monotonic() + wait >= until - 1.0:
        return None
    return wait


def _once(url: str, method: str, headers: Mapping[str, str], *, read: int, until: float,
          timeout: float) -> tuple[int, dict[str, str], bytes] | str:
    """One request without following redirects: status, headers and up to ``read`` body bytes,
    or the reason it failed (Italian)."""
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity", **headers})
    response: IO[bytes]
    try:
        response = _opener.open(request, timeout=timeout)
        status = response.status  # type: ignore[attr-defined]
    except urllib.error.HTTPError as error:
        response, status = error, error.code
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError, UnicodeError) as error:
        return failure_reason(error, timeout)
    try:
        answered = {key.lower(): value for key, value in response.headers.items()}  # type: ignore[attr-defined]
        body = _read(response, read, until) if method != "HEAD" and status not in _REDIRECTS else b""
    except (OSError, http.client.HTTPException, ValueError) as error:
        return failure_reason(error, timeout)
    finally:
        response.close()
    return status, answered, body


def _read(response: IO[bytes], limit: int, until: float) -> bytes:
    """Up to ``limit`` bytes of the body, in chunks; TimeoutError at the deadline (a part is not the file)."""
    chunks = []
    left = limit
    while left > 0:
        if time.monotonic() >= until:
            raise TimeoutError
        chunk = response.read(min(left, 256 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _ascii(url: str) -> str:
    """``url`` with whatever is not ASCII in its path and query percent-encoded (as browsers do)."""
    if url.isascii():
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return url  # refused by the request itself, as an address that is not valid
    safe = "/:;=?&@!$'()*+,%~#[]"
    return parts._replace(path=quote(parts.path, safe=safe), query=quote(parts.query, safe=safe),
                          fragment="").geturl()


def _header_text(value: str) -> str:
    """A header as the server wrote it: http.client reads headers as Latin-1, servers write UTF-8."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def _advice(reason: str) -> str:
    if "DNS" in reason:
        return "controlla di aver scritto bene l'indirizzo e la connessione a internet."
    if "certificato" in reason or "HTTPS" in reason:
        return "il certificato del server va rinnovato o corretto: avvisa chi gestisce il server."
    return "controlla la connessione a internet e riprova più tardi; se l'errore si ripete, avvisa chi gestisce il server."


def _meaning(status: int) -> str:
    if status in STATUS_MEANINGS:
        return STATUS_MEANINGS[status]
    if 500 <= status < 600:
        return "errore del server"
    if 300 <= status < 400:
        return "reindirizzamento senza indirizzo"
    return "risposta inattesa"


def _scheme(url: str) -> str:
    """``url``'s scheme, lower case; "" when it cannot be parsed (``http://[::1/``)."""
    try:
        return urlsplit(url).scheme
    except ValueError:
        return ""


def _resolve(base: str, url: str) -> str:
    """``url`` read against ``base``; as it is when either cannot be parsed."""
    try:
        return urljoin(base, url.strip())
    except ValueError:
        return url.strip()


def _base_type(value: str) -> str:
    return value.split(";")[0].strip().lower()


def _report_hops(check: Check, element: etree._Element | None, where: str, start: str,
                 redirects: tuple[tuple[int, str], ...], not_ascii: tuple[tuple[str, str], ...]) -> None:
    """What every chain of redirects may break: its length, a fall to http, non-ASCII addresses."""
    if len(redirects) > MANY_HOPS:
        check.report("remote-redirect-chain", element, where, url=redirects[-1][1], count=len(redirects), limit=MANY_HOPS)
    previous = start
    for _, location in redirects:
        if _scheme(previous) == "https" and _scheme(location) == "http":
            check.report("remote-redirect-downgrade", element, where, url=previous, location=location)
        previous = location
    for origin, location in not_ascii:
        check.report("remote-redirect-not-ascii", element, where, url=origin, location=location)


# --- the files a feed names: ``lint --remote`` -----------------------------------------------------------

_WHAT = {"audio": "il file audio", "artwork": "la copertina", "image": "l'immagine", "sized": "l'immagine",
         "chapters": "il file dei capitoli", "transcript": "la trascrizione", "source": "il file alternativo"}


@dataclass(frozen=True)
class _Target:
    """One URL the feed names, where it names it."""

    kind: str  # a key of _WHAT
    url: str  # as written
    element: etree._Element
    where: str
    item: str | None  # the item's guid, as the driver names it (None: the channel)


@dataclass(frozen=True)
class _Facts:
    """What a host answered about one URL (the judging is done later, in the feed's order)."""

    url: str  # the URL asked, resolved
    failure: str | None = None
    redirects: tuple[tuple[int, str], ...] = ()
    not_ascii: tuple[tuple[str, str], ...] = ()
    status: int = 0
    content_type: str = ""
    size: int | None = None  # the whole file's size as served
    head_refused: int | None = None
    range_answer: str | None = None  # how a Range request was answered, when not as it should be
    head: bytes = b""  # the first bytes
    image: tuple[str, int, int, str] | None = None  # format, width, height, mode
    chapters_problem: str | None = None
    late: bool = False  # the deadline came before the answer


def check_remote(root: etree._Element, check: Check, *, base_url: str,
                 progress: Callable[[int, int], None] | None = None,
                 deadline: float = 300.0, workers: int = 4) -> None:
    """Ask every file the feed whose root is ``root`` names what apps ask (see the module's
    docstring), and report what is wrong through ``check``. ``base_url``: the feed's URL, against
    which relative URLs are read; ``progress(done, total)`` as each URL is answered; ``deadline``
    in seconds for the whole check; ``workers`` requests at once."""
    targets = _targets(root)
    keys = [(target.kind, _resolve(base_url, target.url)) for target in targets]
    urls = list(dict.fromkeys(keys))  # each URL asked once, however many elements name it
    total = len(urls)
    until = time.monotonic() + deadline
    facts: dict[tuple[str, str], _Facts] = {}
    if total:
        executor = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="lint-remote")
        try:
            futures = {executor.submit(_ask, kind, url, until): (kind, url) for kind, url in urls}
            done = 0
            try:
                for future in concurrent.futures.as_completed(futures, timeout=max(0.0, until - time.monotonic())):
                    facts[futures[future]] = future.result()
                    done += 1
                    if progress is not None:
                        progress(done, total)
            except concurrent.futures.TimeoutError:
                pass  # what is not answered now is reported as not checked
        finally:
            executor.shutdown(wait=False, cancel_futures=True)
    for target, key in zip(targets, keys, strict=True):
        check.at_item(target.item)
        found = facts.get(key)
        if found is None or found.late:
            check.report("remote-not-checked", target.element, target.where, what=_WHAT[target.kind], url=target.url,
                         deadline=_seconds(deadline))
        else:
            _judge(check, target, found)
    check.at_item(None)


def _seconds(value: float) -> str:
    return "1 secondo" if value == 1 else f"{value:g} secondi"


def _targets(root: etree._Element) -> list[_Target]:
    """The URLs the feed names, in the feed's order: the channel's images, then each item's files."""
    found: list[_Target] = []
    element = root.find("channel")
    if element is None:
        return found
    channel = Indexed(element)
    _images(channel, None, found)
    image = channel.find("image")
    if image is not None:
        url = Indexed(image).find("url")
        if url is not None and (url.text or "").strip():
            found.append(_Target("image", url.text or "", url, name(url), None))
    for child in channel.findall("item"):
        item = Indexed(child)
        guid = (item.findtext("guid") or "").strip() or None
        enclosure = item.find("enclosure")
        if enclosure is not None and (enclosure.get("url") or "").strip():
            found.append(_Target("audio", enclosure.get("url") or "", enclosure, name(enclosure) + "@url", guid))
        _images(item, guid, found)
        for alternate in item.findall("podcast:alternateEnclosure"):
            for source in alternate.iterchildren(_PODCAST_SOURCE, *_LEGACY_SOURCES):
                uri = (source.get("uri") or "").strip()
                if uri and _scheme(uri) in ("http", "https", ""):  # ipfs:, magnet: and the like are not asked over the web
                    found.append(_Target("source", uri, source, name(source) + "@uri", guid))
        for tag, kind in (("podcast:chapters", "chapters"), ("podcast:transcript", "transcript")):
            for each in item.findall(tag):
                if (each.get("url") or "").strip():
                    found.append(_Target(kind, each.get("url") or "", each, name(each) + "@url", guid))
    return found


def _images(parent: Indexed, guid: str | None, found: list[_Target]) -> None:
    for each in parent.findall("itunes:image"):
        if (each.get("href") or "").strip():
            found.append(_Target("artwork", each.get("href") or "", each, name(each) + "@href", guid))
    for each in parent.findall("podcast:image"):
        if (each.get("href") or "").strip():
            # With its size declared, its header is read to compare (as the artwork's is).
            kind = "sized" if each.get("width") is not None or each.get("height") is not None else "image"
            found.append(_Target(kind, each.get("href") or "", each, name(each) + "@href", guid))
    for each in parent.findall("podcast:person"):
        if (each.get("img") or "").strip():
            found.append(_Target("image", each.get("img") or "", each, name(each) + "@img", guid))


_PODCAST_SOURCE = "{https://podcastindex.org/namespace/1.0}source"
_LEGACY_SOURCES = tuple(f"{{{uri}}}source" for uri in sorted(PODCAST_LEGACY_NS))


def _ask(kind: str, url: str, until: float) -> _Facts:
    """The facts about ``url`` for a file of ``kind``; never raises (a worker's exception would
    lose the URL's findings)."""
    try:
        if kind in ("audio", "source"):
            return _ask_audio(url, until)
        if kind == "chapters":
            return _ask_chapters(url, until)
        if kind == "transcript":
            return _ask_first(url, until, TRANSCRIPT_BYTES)
        return _ask_image(url, until, read_header=kind in ("artwork", "sized"))
    except Exception:  # noqa: BLE001 — a bug here must cost one URL's check, not the whole report
        return _Facts(url, failure="il controllo non è riuscito per un errore interno di reset-stories")


def _failed(url: str, answer: _Failure) -> _Facts:
    return _Facts(url, failure=answer.reason, redirects=answer.redirects, not_ascii=answer.not_ascii, late=answer.late)


def _ask_audio(url: str, until: float) -> _Facts:
    head = _exchange(url, "HEAD", {}, read=0, until=until)
    if isinstance(head, _Failure):
        return _failed(url, head)
    refused = head.status if head.status >= 400 else None  # refused HEAD, if GET works (below)
    # As Apple's player asks first. A 206 sends 2 bytes; a 200 sends the whole file, of which the
    # first bytes show a web page for what it is.
    ranged = _exchange(url if refused else head.url, "GET", {"Range": "bytes=0-1"}, read=SNIFF_BYTES, until=until)
    if refused is not None:
        if isinstance(ranged, _Failure):
            return _failed(url, ranged)
        if ranged.status >= 400:  # not a refused HEAD: the file is not there
            return _Facts(url, redirects=ranged.redirects, not_ascii=ranged.not_ascii, status=ranged.status)
        main = ranged
    elif isinstance(ranged, _Failure) and ranged.late:
        return _failed(url, ranged)
    elif isinstance(ranged, _Failure):
        return _Facts(url, redirects=head.redirects, not_ascii=head.not_ascii, status=head.status,
                      content_type=head.headers.get("content-type", ""), size=_length(head.headers),
                      range_answer=f"con un errore ({ranged.reason})")
    else:
        main = head
    start, total = content_range(ranged.headers.get("content-range", ""))
    range_answer = None
    if ranged.status != 206:
        range_answer = f"{ranged.status} con il file intero" if ranged.status == 200 else str(ranged.status)
    elif start != 0 or total is None:
        range_answer = "206 senza un Content-Range valido"
    # The file's size: from Content-Range (the authority), else HEAD's or a whole answer's Content-Length.
    size = total if ranged.status == 206 else None
    if size is None and refused is None and head.status == 200:
        size = _length(head.headers)
    elif size is None and ranged.status == 200:
        size = _length(ranged.headers)
    return _Facts(url, redirects=main.redirects, not_ascii=main.not_ascii, status=main.status,
                  content_type=main.headers.get("content-type", "") or ranged.headers.get("content-type", ""), size=size,
                  head_refused=refused, range_answer=range_answer, head=ranged.body)


def _ask_first(url: str, until: float, count: int) -> _Facts:
    answer = _exchange(url, "GET", {"Range": f"bytes=0-{count - 1}"}, read=count, until=until)
    if isinstance(answer, _Failure):
        return _failed(url, answer)
    return _Facts(url, redirects=answer.redirects, not_ascii=answer.not_ascii, status=answer.status,
                  content_type=answer.headers.get("content-type", ""), head=answer.body)


def _ask_image(url: str, until: float, *, read_header: bool) -> _Facts:
    facts = _ask_first(url, until, IMAGE_BYTES if read_header else 16)
    if facts.failure or facts.status >= 400 or not read_header:
        return facts
    return replace(facts, image=_image_header(facts.head))


def _image_header(head: bytes) -> tuple[str, int, int, str] | None:
    """Format, width, height and mode from an image's first bytes; None when Pillow cannot tell
    from them (not an image, or a header larger than what was read)."""
    from PIL import Image  # here: Pillow is only needed by --remote

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DecompressionBombWarning: only the header is read
            with Image.open(io.BytesIO(head)) as image:
                return image.format or "", image.width, image.height, image.mode
    except Exception:  # noqa: BLE001 — Pillow raises many kinds on bytes that are not (all of) an image
        return None


def _ask_chapters(url: str, until: float) -> _Facts:
    answer = _exchange(url, "GET", {}, read=CHAPTERS_LIMIT + 1, until=until)
    if isinstance(answer, _Failure):
        return _failed(url, answer)
    facts = _Facts(url, redirects=answer.redirects, not_ascii=answer.not_ascii, status=answer.status,
                   content_type=answer.headers.get("content-type", ""), head=answer.body[:64])
    if answer.status >= 400:
        return facts
    return replace(facts, chapters_problem=_chapters_problem(answer.body))


def _chapters_problem(body: bytes) -> str | None:
    if len(body) > CHAPTERS_LIMIT:
        return f"è più grande di {CHAPTERS_LIMIT // (1024 * 1024)} MB"
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return "non è JSON leggibile (UTF-8)"
    if not isinstance(document, dict) or not isinstance(document.get("chapters"), list):
        return "manca l'elenco \"chapters\""
    if not all(isinstance(chapter, dict) and isinstance(chapter.get("startTime"), int | float) and not isinstance(chapter.get("startTime"), bool)
               for chapter in document["chapters"]):
        return "un capitolo non ha startTime (i secondi da cui comincia)"
    return None


def _length(headers: Mapping[str, str]) -> int | None:
    value = headers.get("content-length", "").strip()
    return int(value) if value.isascii() and value.isdigit() else None


# --- judging, in the feed's order ---------------------------------------------------------------------------


def _judge(check: Check, target: _Target, facts: _Facts) -> None:
    element, where, what = target.element, target.where, _WHAT[target.kind]
    _report_hops(check, element, where, facts.url, facts.redirects, facts.not_ascii)
    if facts.failure is not None:
        check.report("remote-unreachable", element, where, what=what, url=target.url, reason=facts.failure)
        return
    if not 200 <= facts.status < 300:
        check.report("remote-status", element, where, what=what, url=target.url, status=facts.status, meaning=_meaning(facts.status))
        return
    served = _base_type(facts.content_type)
    declared = _base_type(element.get("type") or "")
    if (served in _HTML_TYPES or _looks_html(facts.head)) and declared not in _HTML_TYPES:
        check.report("remote-served-html", element, where, what=what, url=target.url, served=served or "nessun tipo")
        return
    if target.kind == "audio":
        _judge_audio(check, target, facts, served, declared)
    elif target.kind == "source":
        _judge_source(check, target, facts)
    elif target.kind == "sized":
        _judge_dimensions(check, target, facts)
    elif target.kind == "artwork":
        _judge_artwork(check, target, facts, served)
    elif target.kind == "chapters":
        if served not in _CHAPTERS_TYPES:
            check.report("remote-chapters-type", element, where, url=target.url, served=served or "nessun tipo")
        if facts.chapters_problem:
            check.report("remote-chapters-invalid", element, where, url=target.url, detail=facts.chapters_problem)
    elif target.kind == "transcript" and declared and _transcript_type(served) != _transcript_type(declared):
        check.report("remote-transcript-type", element, where, url=target.url, served=served or "nessun tipo", declared=declared)


def _judge_audio(check: Check, target: _Target, facts: _Facts, served: str, declared: str) -> None:
    element, where = target.element, target.where
    if facts.head_refused is not None:
        check.report("remote-head-refused", element, where, url=target.url, status=facts.head_refused)
    if facts.range_answer is not None:
        check.report("remote-range-unsupported", element, where, url=target.url, answer=facts.range_answer)
    length = (element.get("length") or "").strip()
    if facts.size is not None and length.isascii() and length.isdigit() and int(length) > 0:
        declared_size = int(length)
        if abs(declared_size - facts.size) > LENGTH_TOLERANCE * max(facts.size, 1):
            check.report("remote-length-mismatch", element, where, url=target.url, declared=declared_size, served=facts.size)
    if served and declared and audio_family(served) != audio_family(declared):
        check.report("remote-enclosure-type", element, where, url=target.url, served=served, declared=declared)


def _judge_source(check: Check, target: _Target, facts: _Facts) -> None:
    """An alternate enclosure's file is played as the enclosure is: HEAD and Range the same (its
    length and type describe the alternate enclosure as a whole, and are not compared)."""
    if facts.head_refused is not None:
        check.report("remote-head-refused", target.element, target.where, url=target.url, status=facts.head_refused)
    if facts.range_answer is not None:
        check.report("remote-range-unsupported", target.element, target.where, url=target.url, answer=facts.range_answer)


def _judge_dimensions(check: Check, target: _Target, facts: _Facts) -> None:
    """A podcast:image's declared width and height against the image's own (when its header was
    readable; a declared value that is no number is podcast-number's)."""
    if facts.image is None:
        return
    _, width, height, _ = facts.image
    declared = [(attribute, real, (target.element.get(attribute) or "").strip())
                for attribute, real in (("width", width), ("height", height))]
    wrong = [(attribute, value) for attribute, real, value in declared
             if value.isascii() and value.isdigit() and int(value) != real]
    if wrong:
        shown = " e ".join(f"{attribute}={value}" for attribute, value in wrong)
        check.report("remote-image-dimensions", target.element, name(target.element) + "@" + wrong[0][0], url=target.url,
                     width=width, height=height, declared=shown)


def _judge_artwork(check: Check, target: _Target, facts: _Facts, served: str) -> None:
    element, where = target.element, target.where
    magic = "JPEG" if facts.head.startswith(b"\xff\xd8\xff") else "PNG" if facts.head.startswith(b"\x89PNG\r\n\x1a\n") else ""
    if served not in ("image/jpeg", "image/png") or not magic:
        content = magic or (f"in formato {facts.image[0]}" if facts.image and facts.image[0] else "in un formato non riconosciuto")
        check.report("remote-image-type", element, where, url=target.url, served=served or "nessun tipo", content=content)
        if not magic:
            return
    if facts.image is None:
        return  # the header is beyond what was read: the size is not cheaply readable, and not guessed
    _, width, height, mode = facts.image
    low, high = ARTWORK_SIZES
    if width != height or not low <= width <= high:
        check.report("remote-artwork-size", element, where, url=target.url, width=width, height=height, low=low, high=high)
    if mode == "CMYK":
        check.report("remote-artwork-cmyk", element, where, url=target.url)


def _looks_html(head: bytes) -> bool:
    start = head.lstrip()[:15].lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _transcript_type(value: str) -> str:
    return _TRANSCRIPT_SAME.get(value, value)
