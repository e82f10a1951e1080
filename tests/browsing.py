"""What the browser tests and the page benchmark share: a project built for the local address it
is served at (as `reset-stories serve` does), and Debian's Chromium watched for console errors and
for requests to any other host."""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

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
def served_site(project: Path, public_url: str, engine: str = ENGINES[0], compress: bool = False) -> Iterator[str]:
    """Build ``project`` (a copy: its mkdocs.yml is rewritten) with ``engine`` for a local address and serve it
    (``compress``: text gzipped, as static hosts send it)."""
    # The server holds its port from the start: a port only probed as free could be taken by
    # another connection during the build.
    with serve(project / "site", compress=compress) as url:
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


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (name == "src" and tag in ("img", "script", "audio", "source")) or (tag == "link" and name == "href")):
                self.links.append(value)


def crawl(site_url: str) -> tuple[set[str], list[str]]:
    """Every URL of the site reached by following links from ``site_url``, and the broken ones."""
    seen: set[str] = set()
    queue = [site_url]
    broken = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except OSError as error:
            broken.append(f"{url}: {error}")
            continue
        if kind != "text/html":
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for link in parser.links:
            target = urljoin(url, link).split("#")[0]
            if target.startswith(site_url) and target not in seen:
                queue.append(target)
    return seen, broken


# axe-core, which `make test` installs with npm (tests/browser/), and the rules every page must pass.
AXE = Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class Visit(Watched):
    """A page opened in a fresh context (``context``: Playwright's options, such as ``viewport``,
    ``color_scheme`` or ``java_script_enabled``), with what it asked for and what went wrong."""

    def __init__(self, browser: Browser, url: str, origin: str, **context: object):
        self.context = browser.new_context(**context)
        super().__init__(self.context.new_page(), origin)
        self.response = self.page.goto(url)
        self.page.wait_for_load_state("networkidle")

    def axe(self, best_practices: bool = False) -> list[str]:
        """axe-core's violations of WCAG 2.2 A/AA (and of its best practices), whatever their impact."""
        self.page.add_script_tag(path=str(AXE))
        tags = WCAG + ["best-practice"] * best_practices
        result = self.page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
        return [f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]

    def images_loaded(self, selector: str) -> list[bool]:
        """Whether each image loads (lazy ones are asked for now, as scrolling would)."""
        return self.page.eval_on_selector_all(selector, """images => Promise.all(images.map(i => {
            i.loading = "eager";
            return i.decode().then(() => i.naturalWidth > 0, () => false);
        }))""")

    def close(self) -> None:
        self.context.close()


class Recorded(Watched):
    """A page in a fresh context (its own localStorage), with every request it sent."""

    def __init__(self, browser: Browser, origin: str, **context: object):
        self.context = browser.new_context(**context)
        super().__init__(self.context.new_page(), origin)
        self.requests: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
