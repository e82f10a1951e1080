"""What the browser tests and the page benchmark share: a project built for the local address it
is served at (as `reset-stories serve` does), and Debian's Chromium watched for console errors and
for requests to any other host."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright
from webserver import serve

from reset_stories.cli import ENGINES  # the browser tests run on each

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-background-networking", "--disable-component-update",
    "--autoplay-policy=no-user-gesture-required", "--mute-audio",
]
CLI = Path(sys.executable).parent / "reset-stories"


@contextmanager
def served_site(project: Path, public_url: str, engine: str = ENGINES[0]) -> Iterator[str]:
    """Build ``project`` (a copy: its mkdocs.yml is rewritten) with ``engine`` for a local address and serve it."""
    # The server holds its port from the start: a port only probed as free could be taken by
    # another connection during the build.
    with serve(project / "site") as url:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace(public_url, url), encoding="utf-8")
        # --move-media: the audio's address changes with the site's, on purpose.
        result = subprocess.run([str(CLI), "build", "--move-media", "--engine", engine], cwd=project, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        yield url


@contextmanager
def chromium() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: `make test` installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Watched:
    """A page's console errors, and the requests it sends anywhere but ``origin``."""

    def __init__(self, page: Page, origin: str):
        self.page = page
        self.errors: list[str] = []
        self.elsewhere: list[str] = []
        page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: self.elsewhere.append(request.url) if not request.url.startswith((origin, "data:", "blob:")) else None)
