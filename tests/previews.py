"""The live preview as staff run it: a real `serve` process on a real port, read over HTTP."""

from __future__ import annotations

import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from webserver import free_port


def fetch_bytes(url: str, timeout: float = 5) -> bytes | None:
    """The body at ``url``; None when the server does not answer (yet) or answers an error."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read()
    except (OSError, urllib.error.URLError):
        return None


def fetch(url: str, timeout: float = 5) -> str | None:
    body = fetch_bytes(url, timeout)
    return None if body is None else body.decode("utf-8")


def wait_for(url: str, predicate: Callable[[str], bool], timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and predicate(body):
            return body
        time.sleep(0.5)
    raise AssertionError(f"{url} never satisfied the condition")


class Preview:
    """A running preview: its base URL, and everything it printed so far."""

    def __init__(self, process: subprocess.Popen[str], base: str):
        self.process = process
        self.base = base
        self._lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self._lines)

    def url(self, path: str = "") -> str:
        return f"{self.base}/{path}"

    def wait_for_output(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.output:
                return
            time.sleep(0.2)
        raise AssertionError(f"the preview never printed {text!r}:\n{self.output}")

    def stop(self) -> str:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=30)
        self._reader.join(timeout=10)
        return self.output


@contextmanager
def preview(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Iterator[Preview]:
    """Run ``command`` (a serve command, without its address) on a free port until the block ends."""
    port = free_port()
    process = subprocess.Popen(
        [*command, "-a", f"127.0.0.1:{port}"], cwd=cwd, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    running = Preview(process, f"http://127.0.0.1:{port}")
    try:
        yield running
    finally:
        running.stop()
