"""Podcast hosts on 127.0.0.1, for ``lint URL`` and ``lint --remote``: real HTTP servers on real
ports that answer as real hosts do, faults included.

A :class:`Host` serves :class:`Route`\\ s by path: a file (with or without Range support, HEAD
refused, a lying Content-Length, a wrong Content-Type, gzip), a redirect (any status, to any
address, including non-ASCII ones as some hosts write them: raw UTF-8 bytes in ``Location``), a
stall before the answer, or a connection closed without one. Every request is recorded (method,
path, headers) so that tests can count what the client asked.

The helpers below build the routes of known hosts' habits (:func:`audio`, :func:`tracking_chain`…)
and bodies that look like the real thing (:func:`mp3`, :func:`jpeg`, :func:`png`).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import re
import ssl
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from httpfaults import LocalServer
from PIL import Image

from reset_stories.lint import parse
from reset_stories.lint.checking import Check, Finding, Rule
from reset_stories.lint.remote import check_remote, fetch_feed, report_fetch
from reset_stories.lint.rules import RULES


@dataclass(frozen=True)
class Route:
    """How one path answers. ``status`` 3xx with ``location``: a redirect. ``ranges``: Range
    requests answered 206 (else 200 with the whole body, as hosts behind some statistics scripts
    do). ``head``: HEAD answered (else ``head_status``, 405 by default). ``length``: the
    Content-Length announced instead of the true one. ``delay``: seconds before answering.
    ``close``: the connection closed without an answer. ``gzip``: the body sent gzipped when the
    client accepts it. ``busy``: the statuses (429, 503) the first requests of the path are
    answered with, in order, each with ``Retry-After: retry_after`` when given; then the route."""

    body: bytes = b""
    type: str = "audio/mpeg"
    status: int = 200
    location: str | None = None
    ranges: bool = True
    head: bool = True
    head_status: int = 405
    length: int | None = None
    delay: float = 0.0
    close: bool = False
    gzip: bool = False
    headers: tuple[tuple[str, str], ...] = ()
    busy: tuple[int, ...] = ()
    retry_after: str | None = None


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class Host(LocalServer):
    """A host on a free port of 127.0.0.1: ``with Host({path: Route}) as host: host.url(path)``.
    Routes may be added while it runs (``host.routes[path] = …``); unknown paths answer 404.
    ``tls``: a :class:`Certificate` to serve https with (see :func:`certificate`)."""

    routes: dict[str, Route] = field(default_factory=dict)
    tls: Certificate | None = None
    seen: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        context = None
        if self.tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(self.tls.cert, self.tls.key)
        self._listen(context)

    def requests(self, path: str, method: str | None = None) -> list[Seen]:
        with self._lock:
            return [s for s in self.seen if s.path == path and (method is None or s.method == method)]

    def _answer(self, handler: BaseHTTPRequestHandler, *, body: bool) -> None:
        seen = Seen(handler.command, handler.path, {k.lower(): v for k, v in handler.headers.items()})
        with self._lock:
            self.seen.append(seen)
        route = self.routes.get(handler.path.split("#")[0]) or self.routes.get(handler.path.split("?")[0])
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up: so be it
            if route is None:
                self._send(handler, 404, {"Content-Type": "text/html; charset=utf-8"}, b"<!DOCTYPE html><title>404</title>", body)
            else:
                self._respond(handler, seen, route, body=body)

    def _respond(self, handler: BaseHTTPRequestHandler, seen: Seen, route: Route, *, body: bool) -> None:
        if route.delay:
            time.sleep(route.delay)
        if route.close:
            handler.close_connection = True
            return
        asked = len(self.requests(seen.path))  # this request included
        if asked <= len(route.busy):
            wait = {"Retry-After": route.retry_after} if route.retry_after is not None else {}
            self._send(handler, route.busy[asked - 1], {"Content-Type": "text/plain", **wait}, b"riprova", body)
            return
        extra = dict(route.headers)
        if route.location is not None:
            # As a host writes it: bytes on the wire (UTF-8 for non-ASCII addresses); send_header encodes Latin-1.
            self._send(handler, route.status, {"Location": route.location.encode("utf-8").decode("latin-1"), **extra}, b"", body)
            return
        if not body and not route.head:
            self._send(handler, route.head_status, {"Content-Type": "text/plain"}, b"", False)
            return
        if route.status != 200:
            self._send(handler, route.status, {"Content-Type": "text/html; charset=utf-8", **extra}, b"<!DOCTYPE html><p>errore</p>", body)
            return
        data, status = route.body, 200
        headers = {"Content-Type": route.type, **({"Accept-Ranges": "bytes"} if route.ranges else {}), **extra}
        if route.gzip and "gzip" in seen.headers.get("accept-encoding", ""):
            data = gzip.compress(data, mtime=0)
            headers["Content-Encoding"] = "gzip"
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", seen.headers.get("range", ""))
        if match and route.ranges and not route.gzip:
            size = len(data)
            start = int(match.group(1))
            end = min(int(match.group(2)) if match.group(2) else size - 1, size - 1)
            if start >= size:
                self._send(handler, 416, {"Content-Range": f"bytes */{size}"}, b"", body)
                return
            data, status = data[start : end + 1], 206
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        self._send(handler, status, headers, data, body, length=route.length if status == 200 else None)

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, headers: dict[str, str], data: bytes, body: bool,
              length: int | None = None) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(length if length is not None else len(data)))
        handler.end_headers()
        if body:
            if length is not None and length != len(data):
                handler.close_connection = True  # a lying length: the connection cannot be reused
            handler.wfile.write(data)
            handler.wfile.flush()


@dataclass(frozen=True)
class Certificate:
    """A self-signed certificate for 127.0.0.1: the client trusts it when ``SSL_CERT_FILE`` names
    ``cert`` (OpenSSL reads it each time a default context is made)."""

    cert: Path
    key: Path


def certificate(folder: Path) -> Certificate | None:
    """A certificate made with the openssl command in ``folder``; None without openssl."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    try:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True, timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return Certificate(cert, key)


@contextlib.contextmanager
def hosts(*routes: dict[str, Route]) -> Iterator[list[Host]]:
    """Several hosts at once (a feed's host, its CDN, a statistics prefix): one per mapping."""
    with contextlib.ExitStack() as stack:
        yield [stack.enter_context(Host(dict(each))) for each in routes]


# --- bodies that look like the real thing --------------------------------------------------------------------

# An MPEG-1 Layer III frame header (128 kbps, 44.1 kHz) after an ID3v2 tag: what an MP3 starts with.
_ID3 = b"ID3\x04\x00\x00\x00\x00\x00\x0a" + b"\x00" * 10
_FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 413


def mp3(size: int = 48_000) -> bytes:
    """An MP3 of ``size`` bytes (its frames are silence; only its first bytes are ever read)."""
    data = _ID3 + _FRAME * (size // len(_FRAME) + 1)
    return data[:size]


def jpeg(width: int = 1400, height: int = 1400, mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (width, height), 0).save(buffer, "JPEG", quality=20)
    return buffer.getvalue()


def png(width: int = 1400, height: int = 1400) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def webp(width: int = 1400, height: int = 1400) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (0, 80, 160)).save(buffer, "WEBP")
    return buffer.getvalue()


CHAPTERS = b'{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Apertura"}, {"startTime": 95.5, "title": "Il palazzo"}]}'
VTT = b"WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nBenvenuti a Siena.\n"


def audio(body: bytes | None = None, **options: object) -> Route:
    """An MP3 as a well-behaved host serves it (nginx, S3 with the right type, Buzzsprout's CDN)."""
    options.setdefault("type", "audio/mpeg")
    return Route(body if body is not None else mp3(), **options)  # type: ignore[arg-type]


def redirect(location: str, status: int = 302) -> Route:
    return Route(status=status, location=location)


# --- the examples of the remote-* rules: tests/lint_examples/remote-*/ ------------------------------------------


def run_example(feed_file: Path, rules: Mapping[str, Rule] | None = None) -> list[Finding]:
    """``lint URL --remote`` on an example feed, as a user runs it: ``<name>.json`` beside
    ``<name>.xml`` describes the hosts that serve it (see below); the feed is fetched from them
    (:func:`fetch_feed`, :func:`report_fetch`) and every file it names is checked
    (:func:`check_remote`). Only the fetch's and the files' findings are returned: the feed's own
    rules are checked by :func:`reset_stories.lint.find` on the same file.

    The JSON: ``start``, the URL asked; ``routes`` (a plain http host) and ``secure`` (an https
    one, with a certificate trusted for the run) mapping paths to :class:`Route` fields, where
    ``body`` is ``feed`` (this XML), ``mp3:SIZE``, ``jpeg:WxH[:MODE]``, ``png:WxH``, ``webp:WxH``,
    ``chapters``, ``vtt``, ``html`` or ``text:…``; optional ``deadline`` in seconds. ``{host}`` and
    ``{secure}`` in the XML and in the JSON's strings stand for the hosts' ``127.0.0.1:port``.
    """
    spec = json.loads(feed_file.with_suffix(".json").read_text(encoding="utf-8"))
    xml = feed_file.read_text(encoding="utf-8")
    with contextlib.ExitStack() as stack:
        plain = stack.enter_context(Host())
        secure = None
        if spec.get("secure"):
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            made = certificate(folder)
            if made is None:
                raise RuntimeError("no openssl command to make a certificate with")
            secure = stack.enter_context(Host(tls=made))
            stack.enter_context(_trusting(made))
        names = {"{host}": plain.base.split("://")[1], "{secure}": secure.base.split("://")[1] if secure else "{secure}"}

        def fill(text: str) -> str:
            for key, value in names.items():
                text = text.replace(key, value)
            return text

        feed = fill(xml).encode("utf-8")
        plain.routes.update(_routes(spec.get("routes", {}), fill, feed))
        if secure is not None:
            secure.routes.update(_routes(spec["secure"], fill, feed))
        check = Check(rules if rules is not None else RULES)
        fetched = fetch_feed(fill(spec["start"]), timeout=10)
        report_fetch(fetched, check)
        check_remote(parse(fetched.body), check, base_url=fetched.url, deadline=float(spec.get("deadline", 30)))
        return check.findings


def _routes(spec: Mapping[str, Mapping[str, object]], fill: Callable[[str], str], feed: bytes) -> dict[str, Route]:
    routes = {}
    for path, fields in spec.items():
        values = {key: fill(value) if isinstance(value, str) else value for key, value in fields.items()}
        body = _body(str(values.pop("body", "")), feed)
        if "headers" in values:
            values["headers"] = tuple(dict(values["headers"]).items())  # type: ignore[call-overload]
        if "busy" in values:
            values["busy"] = tuple(values["busy"])  # type: ignore[arg-type]
        routes[fill(path)] = Route(body, **values)  # type: ignore[arg-type]
    return routes


def _body(kind: str, feed: bytes) -> bytes:
    name, _, argument = kind.partition(":")
    if name == "feed":
        return feed
    if name == "mp3":
        return mp3(int(argument))
    if name in ("jpeg", "png", "webp"):
        size, _, mode = argument.partition(":")
        width, _, height = size.partition("x")
        if name == "jpeg":
            return jpeg(int(width), int(height), mode or "RGB")
        return (png if name == "png" else webp)(int(width), int(height))
    if name == "chapters":
        return CHAPTERS
    if name == "vtt":
        return VTT
    if name == "html":
        return b"<!DOCTYPE html>\n<html lang=\"it\"><head><title>Condividi</title></head><body><p>Apri il file</p></body></html>"
    if name == "text":
        return argument.encode("utf-8")
    return b""


@contextlib.contextmanager
def _trusting(made: Certificate) -> Iterator[None]:
    """The certificate trusted while the example runs (OpenSSL reads SSL_CERT_FILE for each default context)."""
    before = os.environ.get("SSL_CERT_FILE")
    os.environ["SSL_CERT_FILE"] = str(made.cert)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SSL_CERT_FILE", None)
        else:
            os.environ["SSL_CERT_FILE"] = before
