"""A web server on 127.0.0.1 that misbehaves on demand, as real podcast hosts sometimes do.

``FaultyServer`` serves fixed answers by path (files with Range support, redirects), and plays a
script of faults, one per request, before behaving: a 500, a connection dropped mid-body, a stall,
Range ignored, a lying Content-Length. Every request is recorded (method, path, headers, bytes of
body sent) so that tests can assert what the client asked and what travelled.
"""

from __future__ import annotations

import contextlib
import re
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    status: int = 0
    sent: int = 0  # bytes of body


@dataclass
class Fault:
    """What to do instead of behaving: ``status`` (an error answer), ``drop_after`` (bytes sent
    before closing the connection), ``stall`` (seconds to wait before the body), ``ignore_range``,
    ``length`` (a Content-Length to announce instead of the true one)."""

    status: int | None = None
    drop_after: int | None = None
    stall: float | None = None
    ignore_range: bool = False
    length: int | None = None
    headers: dict[str, str] = field(default_factory=dict)


class LocalServer:
    """A threaded HTTP/1.1 server on a free port of 127.0.0.1 (https with ``tls``) whose GET and
    HEAD requests go to ``_answer``; served while used as a context manager. ``base`` is its
    address, ``url(path)`` one of its pages."""

    base: str

    def _listen(self, tls: ssl.SSLContext | None = None) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # the stdlib's parameter name
                pass

            def do_GET(self) -> None:
                owner._answer(self, body=True)

            def do_HEAD(self) -> None:
                owner._answer(self, body=False)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self.base = f"{'https' if tls is not None else 'http'}://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def _answer(self, handler: BaseHTTPRequestHandler, *, body: bool) -> None:
        raise NotImplementedError

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


class FaultyServer(LocalServer):
    def __init__(self) -> None:
        self.files: dict[str, tuple[bytes, str]] = {}
        self.redirects: dict[str, tuple[int, str]] = {}
        self.faults: list[Fault] = []  # one per request, in order; then every request behaves
        self.always: Fault | None = None  # for every request, after the script
        self.refuse_head = False  # answer HEAD with 405, as some hosts do
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        self._listen()

    def requests(self, path: str, method: str = "GET") -> list[Seen]:
        return [s for s in self.seen if s.path == path and s.method == method]

    def _answer(self, handler: BaseHTTPRequestHandler, *, body: bool) -> None:
        seen = Seen(handler.command, handler.path, {k.lower(): v for k, v in handler.headers.items()})
        with self._lock:
            self.seen.append(seen)
            fault = self.faults.pop(0) if self.faults else (self.always or Fault())
        if self.refuse_head and not body:
            fault = Fault(status=405)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up: so be it
            self._respond(handler, seen, fault, body=body)

    def _respond(self, handler: BaseHTTPRequestHandler, seen: Seen, fault: Fault, *, body: bool) -> None:
        def head(status: int, headers: dict[str, str]) -> None:
            seen.status = status
            handler.send_response(status)
            for name, value in {**headers, **fault.headers}.items():
                handler.send_header(name, value)
            handler.end_headers()

        if fault.status is not None:
            message = f"errore {fault.status}".encode()
            head(fault.status, {"Content-Length": str(len(message)), "Content-Type": "text/plain"})
            if body:
                handler.wfile.write(message)
            return
        if seen.path in self.redirects:
            code, location = self.redirects[seen.path]
            head(code, {"Location": location, "Content-Length": "0"})
            return
        if seen.path not in self.files:
            head(404, {"Content-Length": "0"})
            return
        data, kind = self.files[seen.path]
        size, start, status = len(data), 0, 200
        headers = {"Content-Type": kind, "Accept-Ranges": "bytes", "ETag": '"v1"'}
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", seen.headers.get("range", ""))
        changed = seen.headers.get("if-range", headers["ETag"]) != headers["ETag"]  # If-Range: the rest of the same version only
        if match and not fault.ignore_range and not changed:
            start = int(match.group(1))
            end = int(match.group(2)) if match.group(2) else size - 1
            if start >= size:
                head(416, {"Content-Range": f"bytes */{size}", "Content-Length": "0"})
                return
            end = min(end, size - 1)
            data = data[start : end + 1]
            status = 206
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        headers["Content-Length"] = str(fault.length if fault.length is not None else len(data))
        head(status, headers)
        if not body:
            return
        if fault.stall:
            time.sleep(fault.stall)
        if fault.drop_after is not None:
            data = data[: fault.drop_after]
        handler.wfile.write(data)
        handler.wfile.flush()
        seen.sent = len(data)
        if fault.drop_after is not None or fault.length is not None:
            handler.close_connection = True
