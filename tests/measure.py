"""What the page budget test (tests/test_budget.py) and its benchmark (benchmarks/budget.py) share:
Lighthouse run on a page, offline, with Debian's Chromium; and what a page transfers before play.

The budget (issue 14): on the home, podcast, episode and story pages, Lighthouse (mobile) scores at
least 0.95 in each of its four categories, and an episode page transfers at most 150 KB before play.
The site is served as a static host serves it: text gzipped (``served_site(..., compress=True)``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from browsing import CHROMIUM
from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parent.parent
# Installed by the Makefile (npm ci in tests/browser), pinned by tests/browser/package-lock.json.
LIGHTHOUSE = REPO / "tests" / "browser" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MINIMUM = 0.95  # each category's score
EPISODE_BYTES = 150_000  # what an episode page may transfer before play
# The page types the budget covers, on the demo.
PAGES = {"home": "", "podcast": "podcast/", "episode": "podcast/04-reset/", "story": "storie/formazione/"}
AUDIO = (".mp3", ".m4a", ".mp4", ".aac", ".ogg", ".opus", ".wav")
# Chromium as the browser tests start it, headless. Even so, started by Lighthouse it looks up Google's
# hosts (accounts, android.clients, clients2, www: seen with strace): its DNS is held to 127.0.0.1, so
# nothing leaves the machine (a page's request to another host fails, as it would here anyway, and
# tests/test_visitors.py reports it).
CHROME_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-background-networking", "--disable-component-update",
    '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"',
]

# Performance hints about the host, not the site: how long browsers may cache (static hosts choose
# that, each its own way: GitHub Pages 10 minutes, Netlify none) and compression (the test server
# gzips as they do). Left out of the hints, which say what the site's own files could do better.
HOST_AUDITS = {"cache-insight", "uses-long-cache-ttl", "uses-text-compression"}


@dataclass
class Audit:
    id: str
    title: str
    score: float | None
    display: str
    where: list[str] = field(default_factory=list)  # the first files or elements it names

    def __str__(self) -> str:
        score = "n/a" if self.score is None else f"{self.score:.2f}"
        return f"{self.id} ({self.title}): {score}" + (f", {self.display}" if self.display else "") + (f" at {', '.join(self.where)}" if self.where else "")


@dataclass
class Report:
    """What Lighthouse says of one page: each category's score and the audits that lost it points."""

    url: str
    seconds: float
    scores: dict[str, float | None]
    failing: dict[str, list[Audit]] = field(default_factory=dict)
    # Performance's opportunities and diagnostics that failed: they weigh nothing in its score, but
    # say what slows the metrics down (render-blocking styles, unused JavaScript, main-thread work...).
    hints: list[Audit] = field(default_factory=list)
    bytes: int = 0  # Lighthouse's total-byte-weight (what it saw transferred)
    requests: int = 0
    warnings: list[str] = field(default_factory=list)
    # How fast Lighthouse found the CPU as the run began (its benchmark index; under 1000 it warns of
    # a slow CPU), and the machine's load average then: what tells a disturbed run from a slow page.
    benchmark_index: float = 0
    load: float = 0

    def below(self, minimum: float = MINIMUM) -> list[str]:
        """The categories under ``minimum``, each with the audits that failed in it."""
        lines = []
        for category, score in self.scores.items():
            if score is None or score < minimum:
                shown = "none" if score is None else f"{score:.2f}"
                lines.append(f"{category} {shown} < {minimum}:")
                lines += [f"    {audit}" for audit in self.failing.get(category, [])] or ["    (no single audit failed: the metrics together)"]
                if category == "performance":
                    lines += [f"    hint: {audit}" for audit in self.hints]
        return lines


def lighthouse(url: str, categories: tuple[str, ...] = CATEGORIES) -> Report:
    """Lighthouse's mobile report of ``url`` (its default: a mid-range phone, simulated slow 4G and CPU)."""
    assert LIGHTHOUSE.is_file(), "Lighthouse is needed: `make test` installs it (npm ci in tests/browser)"
    node = shutil.which("node")
    assert node, "Node.js is needed to run Lighthouse: `make test` installs npm, which brings it"
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as home:
        # Its own folder for Chromium's profile and any settings file it would write: nothing in ~.
        environment = {**os.environ, "CHROME_PATH": CHROMIUM, "HOME": home, "TMPDIR": home}
        command = [
            node, str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
            f"--only-categories={','.join(categories)}", "--no-enable-error-reporting",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        ]
        load = os.getloadavg()[0]
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300, check=False)
        seconds = time.perf_counter() - start
    assert result.returncode == 0 and result.stdout, f"Lighthouse failed on {url}:\n{result.stderr[-3000:]}"
    report = _read(json.loads(result.stdout), seconds)
    report.load = load
    return report


def _read(lhr: dict, seconds: float) -> Report:
    audits = lhr["audits"]

    def audit(id: str) -> Audit:
        found = audits[id]
        items = (found.get("details") or {}).get("items") or []
        where = [_where(item) for item in items[:3] if isinstance(item, dict) and _where(item)]
        return Audit(id, found["title"], found["score"], found.get("displayValue", ""), where)

    scores = {}
    failing = {}
    hints = []
    for name, category in lhr["categories"].items():
        scores[name] = category["score"]
        failing[name] = [audit(ref["id"]) for ref in category["auditRefs"] if ref["weight"] > 0 and _failed(audits[ref["id"]])]
        if name == "performance":
            hints = [
                audit(ref["id"]) for ref in category["auditRefs"]
                if ref["weight"] == 0 and ref["id"] not in HOST_AUDITS
                and audits[ref["id"]]["scoreDisplayMode"] == "metricSavings" and _failed(audits[ref["id"]])
            ]
    weight = audits.get("total-byte-weight", {})
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    return Report(
        url=lhr["finalDisplayedUrl"], seconds=seconds, scores=scores, failing=failing, hints=hints,
        bytes=int(weight.get("numericValue", 0)), requests=len(requests),
        warnings=lhr.get("runWarnings", []) + ([lhr["runtimeError"]["message"]] if "runtimeError" in lhr else []),
        benchmark_index=lhr["environment"].get("benchmarkIndex", 0),
    )


def _where(item: dict) -> str:
    """The file (its path) or the element (its CSS selector) an audit's item is about."""
    url = item.get("url")
    if isinstance(url, str) and url.startswith("http"):
        return "/" + url.split("/", 3)[-1]
    node = item.get("node")
    return node.get("selector", "") if isinstance(node, dict) else ""


def _failed(audit: dict) -> bool:
    """Failed as Lighthouse's report shows it: a binary audit not passed, a metric or an
    opportunity under 0.9 (its "pass" mark). Informative, manual and not applicable audits never fail."""
    if audit["scoreDisplayMode"] == "binary":
        return audit["score"] != 1
    if audit["scoreDisplayMode"] in ("numeric", "metricSavings"):
        return audit["score"] is not None and audit["score"] < 0.9
    return False


@dataclass
class Transfer:
    """What a first visit to a page transfers, response by response: bytes on the wire (encoded, headers
    included); and every URL it asked for, answered or not."""

    responses: dict[str, int]
    requested: list[str]
    players: list[str]  # the addresses of the page's audio (<audio> and its <source>s)

    @property
    def total(self) -> int:
        return sum(self.responses.values())

    @property
    def audio(self) -> list[str]:
        """What was asked of the page's audio, or of any audio file, before play."""
        return [url for url in self.requested if url in self.players or url.split("?")[0].split("#")[0].endswith(AUDIO)]

    def largest(self, count: int = 8) -> list[str]:
        return [f"{size / 1000:7.1f} KB {url}" for url, size in sorted(self.responses.items(), key=lambda item: -item[1])[:count]]


def transfer(browser: Browser, url: str) -> Transfer:
    """Open ``url`` with an empty cache in a phone-sized window, read it to the bottom (lazy images load)
    without pressing play, and count the bytes of every response as they crossed the network."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.evaluate("async () => { for (let y = 0; y < document.body.scrollHeight; y += innerHeight) { scrollTo(0, y); await new Promise(r => setTimeout(r, 100)); } }")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        players = page.eval_on_selector_all("audio, audio source", "elements => elements.map(e => e.src).filter(Boolean)")
        responses: dict[str, int] = {}
        for request in finished:
            sizes = request.sizes()
            responses[request.url] = responses.get(request.url, 0) + sizes["responseBodySize"] + sizes["responseHeadersSize"]
        return Transfer(responses, requested, players)
    finally:
        context.close()

