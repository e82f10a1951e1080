"""A static web server on 127.0.0.1 for tests, with HTTP Range requests as real hosts answer them.

Browsers seek in audio with Range requests; Python's own http.server ignores them. On request
(``compress=True``) it also gzips text, as static hosts do (GitHub Pages, Netlify, nginx's
``gzip_static``): what the page budget measures is what visitors download from such a host.
"""

from __future__ import annotations

import gzip
import io
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# What static hosts compress: text. Images and audio are compressed already.
TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".vtt", ".srt", ".map", ".webmanifest")


class _RangeHandler(SimpleHTTPRequestHandler):
    compress = False

    def log_message(self, format: str, *args: object) -> None:  # the stdlib's parameter name
        pass

    def send_head(self):
        match = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", ""))
        path = Path(self.translate_path(self.path))
        if self.compress and not match and "gzip" in self.headers.get("Accept-Encoding", ""):
            text = path / "index.html" if path.is_dir() and self.path.split("?")[0].endswith("/") else path
            if text.is_file() and text.suffix in TEXT:
                return self._send_gzipped(text)
        if not match or not path.is_file():
            return super().send_head()
        size = path.stat().st_size
        first, last = match.groups()
        start = int(first) if first else max(0, size - int(last))
        end = min(int(last), size - 1) if first and last else size - 1
        if start >= size or start > end:
            self.send_error(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            return None
        handle = path.open("rb")
        handle.seek(start)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return _Limited(handle, end - start + 1)

    def _send_gzipped(self, path: Path) -> io.BytesIO:
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return io.BytesIO(body)


class _Limited:
    """A file object that reads at most ``left`` bytes (copyfile reads until EOF)."""

    def __init__(self, handle, left: int):
        self.handle, self.left = handle, left

    def read(self, size: int = -1) -> bytes:
        size = self.left if size < 0 else min(size, self.left)
        data = self.handle.read(size)
        self.left -= len(data)
        return data

    def close(self) -> None:
        self.handle.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serve(directory: Path, port: int = 0, compress: bool = False) -> Iterator[str]:
    """Serve ``directory``; yields the base URL (http://127.0.0.1:<port>/). ``compress``: gzip text
    for clients that accept it, as static hosts do."""
    handler = type("_Handler", (_RangeHandler,), {"compress": compress})
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
