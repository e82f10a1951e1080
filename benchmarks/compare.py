"""Benchmark: reset-stories beside plain MkDocs + Material, its peer and Zensical, on one corpus (issue 13).

Run with the project's virtualenv (the peer needs the ``bench`` extra: ``pip install -e '.[bench]'``):

    .venv/bin/python benchmarks/compare.py [--n 1000] [--skip-peer]

It prints figures; it asserts nothing. The synthetic corpus (benchmarks/corpus.py) is built at two
sizes, N/2 and N episodes with as many stories (50 people at both), each build in a fresh process
(wall time, and the peak resident memory of the largest process it ran). One table per size:

- plain MkDocs + Material: the same texts as plain pages, kept out of the nav (``not_in_nav``, so the
  nav stays small as ours does), the same theme settings, the search plugin. The baseline: 1.0;
- reset-stories build: a first build (no .cache, no published.yml), a rebuild with nothing changed,
  and a rebuild after editing one episode's notes;
- reset-stories build --engine zensical: first and unchanged; ``zensical build`` alone on the plain
  pages, first (Zensical's own cache empty) and unchanged (its cache warm): that engine's floor;
- the peer a MkDocs user would pick: Material's blog plugin + mkdocs-rss-plugin, the episodes as
  blog posts (date, category, an excerpt), the stories and people as plain pages out of the nav,
  ``plugins: [search, blog, rss]`` with the feed made of the posts and listing every one
  (``--skip-peer`` leaves it out: it is the slowest build);
- the live preview: from saving one edited file to the edited page being served over HTTP, for
  ``reset-stories serve``, ``reset-stories serve --engine zensical`` and plain ``mkdocs serve`` on
  the plain pages; the note gives the time from starting the server to its first page.

"× plain" is each row's time (or memory) over the plain build's: for a reload, against the whole
plain build, which is what a reload must not exceed (issue 13). Then the growth between the sizes:
milliseconds per item (episodes + stories) at each, "flat" when the larger size costs no more than
10% more per item. Last, two figures for the feed: the feed of N episodes built and linted in this
process (the best of three), and ``reset-stories lint`` of a generated feed of 10,000 items.

Temporary folders and every process started are removed and stopped at the end, on Ctrl+C too.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import _WRAPPER, CLI, REPO  # the benchmarks share the measuring wrapper
from corpus import START, THEMES, notes, plain_pages, write_project

sys.path.insert(0, str(REPO / "tests"))
from big_feed import podcast_feed

BIN = CLI.parent
PEOPLE = 50
BIG_FEED_ITEMS = 10_000
SERVE_TIMEOUT = 900.0  # seconds for a server's first page, or for a reload, before giving up
POLL = 0.05  # seconds between two requests while waiting for a page
PEER = "Material blog + mkdocs-rss-plugin (peer)"

PLAIN_CONFIG = """site_name: Corpus
site_url: https://corpus.example.org/
docs_dir: {docs}
theme:
  name: material
  language: it
  font: false
plugins:
{plugins}
nav:
{nav}
not_in_nav: |
  /persone/
  /podcast/
  /storie/
"""

PEER_PLUGINS = """  - search
  - blog
  - rss:
      match_path: "blog/posts/.*"
      date_from_meta:
        as_creation: date
      categories:
        - categories
      use_git: false
      length: {episodes}
"""

POST = """---
date: {date}
categories:
  - {category}
---
# Episodio {n}

Il riassunto dell'episodio {n}.

<!-- more -->

{notes}"""


@dataclass(frozen=True)
class Row:
    label: str
    wall: float | None  # seconds; None when it failed or was not measured
    peak: float | None = None  # MiB
    note: str = ""


# --- the projects ---------------------------------------------------------------------------------


def write_plain(root: Path, size: int) -> Path:
    """The corpus's texts as plain pages for MkDocs + Material (and Zensical), out of the nav."""
    for path, text in plain_pages(episodes=size, stories=size, people=PEOPLE):
        write_text(root / "content" / path, text)
    plugins = "  - search\n"
    write_text(root / "mkdocs.yml", PLAIN_CONFIG.format(docs="content", plugins=plugins, nav="  - Home: index.md"))
    return root


def write_peer(root: Path, size: int) -> Path:
    """The corpus for Material's blog + mkdocs-rss-plugin: episodes as posts, the rest as pages."""
    for path, text in plain_pages(episodes=0, stories=size, people=PEOPLE):
        write_text(root / "docs" / path, text)
    write_text(root / "docs" / "blog" / "index.md", "# Podcast\n")
    for n in range(1, size + 1):
        post = POST.format(date=f"{START + timedelta(days=n):%Y-%m-%d}", category=THEMES[n % len(THEMES)], n=n, notes=notes(n))
        write_text(root / "docs" / "blog" / "posts" / f"{n:05d}-episodio.md", post)
    nav = "  - Home: index.md\n  - Podcast: blog/index.md"
    write_text(root / "mkdocs.yml", PLAIN_CONFIG.format(docs="docs", plugins=PEER_PLUGINS.format(episodes=size), nav=nav))
    return root


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def append_marker(path: Path, marker: str) -> None:
    """Edit a page or an episode as staff would: one more sentence at the end of its text."""
    with path.open("a", encoding="utf-8") as file:
        file.write(f"\n\nUna frase aggiunta: {marker}.\n")


# --- processes --------------------------------------------------------------------------------------


def stop_group(child: subprocess.Popen[bytes]) -> None:
    """Stop ``child`` and every process it started (its own session): politely, then by force."""
    for sig, wait in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, sig)
        try:
            child.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@contextlib.contextmanager
def started(command: list[str], cwd: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``command`` running in its own session (so its children can all be stopped), output to ``log``."""
    with log.open("wb") as out:
        child = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield child
        finally:
            stop_group(child)


def timed(label: str, command: list[str], cwd: Path, *, accept: tuple[int, ...] = (0,), note: str = "") -> Row:
    """Run ``command`` in a fresh process; its wall time and the peak memory of its largest process."""
    log = cwd / f".compare-{time.monotonic_ns()}.log"
    begin = time.perf_counter()
    with started([sys.executable, "-c", _WRAPPER, *command], cwd, log) as child:
        code = child.wait()
    wall = time.perf_counter() - begin
    output = log.read_text(encoding="utf-8", errors="replace").split()
    log.unlink()
    if code not in accept or not output:
        return Row(label, None, note=f"failed (exit {code}): {' '.join(output[-12:])}")
    return Row(label, wall, int(output[-1]) / 1024, note)  # KiB → MiB on Linux


def group_peak(pgid: int) -> float:
    """The largest peak resident memory (VmHWM) among the live processes of group ``pgid``, in MiB."""
    peak = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            if int((proc / "stat").read_text().rsplit(")", 1)[1].split()[2]) != pgid:
                continue
            status = (proc / "status").read_text()
            peak = max(peak, next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")))
    return peak / 1024


# --- the live preview -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def page_text(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, shows: Callable[[str], bool], child: subprocess.Popen[bytes]) -> float | None:
    """Seconds until ``url`` answers with a text that ``shows`` accepts; None if the server stopped or it took too long."""
    begin = time.perf_counter()
    while time.perf_counter() - begin < SERVE_TIMEOUT:
        text = page_text(url)
        if text is not None and shows(text):
            return time.perf_counter() - begin
        if child.poll() is not None:
            return None
        time.sleep(POLL)
    return None


def reload_time(label: str, command: list[str], project: Path, edited: Path, page: str) -> Row:
    """Start a preview server, wait for ``page``, save ``edited`` and time until the page shows the edit."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page}"
    marker = f"modifica{time.monotonic_ns()}"
    log = project.parent / f"serve-{port}.log"
    with started([*command, "-a", f"127.0.0.1:{port}"], project, log) as child:
        ready = wait_for(url, lambda _text: True, child)
        if ready is None:
            return Row(label, None, note=f"failed: no page ({' '.join(log.read_text(errors='replace').split()[-12:])})")
        time.sleep(1.0)  # the watcher settles before the save
        append_marker(edited, marker)
        reload = wait_for(url, lambda text: marker in text, child)
        peak = group_peak(child.pid)
    if reload is None:
        return Row(label, None, note="failed: the edit never showed")
    return Row(label, reload, peak, f"first page after {ready:.1f} s")


# --- one size -----------------------------------------------------------------------------------------


def measure_size(root: Path, size: int, *, peer: bool) -> list[Row]:
    """Every row of one size's table, the plain build first."""
    ours = write_project(root / "ours", episodes=size, stories=size, people=PEOPLE)
    plain = write_plain(root / "plain", size)
    return [
        *measure_builds(ours, plain, size),
        *measure_zensical(root, size),
        measure_peer(root, size) if peer else Row(PEER, None, note="left out (--skip-peer)"),
        *measure_previews(ours, plain, size),
    ]


def measure_builds(ours: Path, plain: Path, size: int) -> list[Row]:
    """Plain MkDocs + Material, then reset-stories: first build, unchanged, one episode edited."""
    cli = str(CLI)
    rows = [
        timed("plain MkDocs + Material (the baseline)", [str(BIN / "mkdocs"), "build", "-q"], plain),
        timed("reset-stories build: first (no .cache)", [cli, "build"], ours),
        timed("reset-stories build: unchanged", [cli, "build"], ours),
    ]
    append_marker(ours / "episodes" / f"{size:05d}-episodio.md", "una modifica")
    return [*rows, timed("reset-stories build: one episode edited", [cli, "build"], ours)]


def measure_previews(ours: Path, plain: Path, size: int) -> list[Row]:
    """The reload after one save: reset-stories serve (each engine), and mkdocs serve on the plain pages."""
    name = f"{size // 2 or 1:05d}-episodio"
    episode, page = ours / "episodes" / f"{name}.md", f"podcast/{name}/"
    cli = str(CLI)
    return [
        reload_time("reset-stories serve: reload", [cli, "serve"], ours, episode, page),
        reload_time("mkdocs serve (plain pages): reload", [str(BIN / "mkdocs"), "serve"], plain,
                    plain / "content" / "podcast" / f"{name}.md", page),
        reload_time("reset-stories serve --engine zensical: reload", [cli, "serve", "--engine", "zensical"], ours, episode, page),
    ]


def measure_zensical(root: Path, size: int) -> list[Row]:
    """Zensical through reset-stories (a fresh project: no .cache), and alone on the plain pages."""
    ours = write_project(root / "ours-zensical", episodes=size, stories=size, people=PEOPLE)
    plain = write_plain(root / "plain-zensical", size)
    ours_command, alone = [str(CLI), "build", "--engine", "zensical"], [str(BIN / "zensical"), "build"]
    return [
        timed("reset-stories build --engine zensical: first", ours_command, ours),
        timed("reset-stories build --engine zensical: unchanged", ours_command, ours),
        timed("zensical build alone (plain pages): first", alone, plain),
        timed("zensical build alone (plain pages): unchanged", alone, plain),
    ]


def measure_peer(root: Path, size: int) -> Row:
    if importlib.util.find_spec("mkdocs_rss_plugin") is None:
        return Row(PEER, None, note="mkdocs-rss-plugin is not installed: pip install -e '.[bench]'")
    return timed(PEER, [str(BIN / "mkdocs"), "build", "-q"], write_peer(root / "peer", size))


# --- the feed -------------------------------------------------------------------------------------------


def feed_time(project: Path) -> tuple[int, float, float]:
    """Episodes, then seconds to build the feed and to lint it (best of three), for a built project,
    with the texts its builds kept (.cache/reset-stories/feed-texts.json), as a build makes it: the
    lint is the build's own (``check_plan``: every rule module, the files the plan publishes read)."""
    from reset_stories.engines.mkdocs import load
    from reset_stories.feed import build_feed
    from reset_stories.feed.texts import FeedTexts
    from reset_stories.lint import check_plan
    from reset_stories.media.cache import FOLDER

    release = load(str(project / "mkdocs.yml"))
    catalog, media, plan = release.catalog, release.media, release.plan
    assert catalog is not None and media is not None and plan is not None
    built, linted = [], []
    for _ in range(3):
        begin = time.perf_counter()
        build_feed(catalog, media, FeedTexts(catalog.site.root / FOLDER))
        middle = time.perf_counter()
        check_plan(plan, catalog)
        built.append(middle - begin)
        linted.append(time.perf_counter() - middle)
    return len(catalog.episodes), min(built), min(linted)


def big_lint(root: Path) -> Row:
    feed = root / "big-feed.xml"
    # The feed benchmarks/feed.py measures too (shaped like ours: every rule module has work to do);
    # its warnings (dates in the future, numbered titles) leave the exit code 0, an error would make it 1.
    feed.write_bytes(podcast_feed(BIG_FEED_ITEMS))
    return timed(f"reset-stories lint, {BIG_FEED_ITEMS:,} items", [str(CLI), "lint", str(feed)], root, accept=(0, 1))


# --- output -----------------------------------------------------------------------------------------------


def ratio(value: float | None, base: float | None) -> str:
    return f"{value / base:.2f}" if value is not None and base else "—"


def figure(value: float | None, digits: int) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def print_table(size: int, rows: list[Row]) -> None:
    base = rows[0]
    print(f"\n{size} episodes + {size} stories + {PEOPLE} people")
    print(f"  {'build':<50} {'wall s':>7} {'× plain':>7} {'peak MiB':>8} {'× plain':>7}  note")
    for row in rows:
        if row.label.endswith("serve: reload"):
            print("  live preview, from saving one file to the new page served:")
        print(f"  {row.label:<50} {figure(row.wall, 2):>7} {ratio(row.wall, base.wall):>7} "
              f"{figure(row.peak, 0):>8} {ratio(row.peak, base.peak):>7}  {row.note}".rstrip())


def print_growth(small: int, large: int, before: list[Row], after: list[Row]) -> None:
    print(f"\ngrowth from {2 * small} to {2 * large} items (episodes + stories): ms per item at each size, the extra ms")
    print("per extra item (marginal), and the per-item cost at the larger size over the smaller's (flat: within 10%)")
    print(f"  {'build':<50} {'at ' + str(2 * small):>8} {'at ' + str(2 * large):>8} {'marginal':>8}  per item")
    for one, two in zip(before, after, strict=True):
        if one.wall is None or two.wall is None:
            continue
        per_small, per_large = 1000 * one.wall / (2 * small), 1000 * two.wall / (2 * large)
        marginal = 1000 * (two.wall - one.wall) / (2 * (large - small))
        change = per_large / per_small
        verdict = "flat" if 0.9 <= change <= 1.1 else f"{'grows' if change > 1 else 'falls'} ×{change:.2f}"
        print(f"  {one.label:<50} {per_small:>8.2f} {per_large:>8.2f} {marginal:>8.2f}  {verdict}")


def print_feed(feeds: list[tuple[int, float, float]], lint: Row) -> None:
    print("\nthe feed (in this process, best of three)")
    for episodes, built, linted in feeds:
        print(f"  {episodes} episodes: built in {built:.3f} s, linted in {linted:.3f} s, together {built + linted:.3f} s")
    print(f"  {lint.label} (a fresh process): {figure(lint.wall, 2)} s, peak {figure(lint.peak, 0)} MiB {lint.note}".rstrip())


# --- the run ----------------------------------------------------------------------------------------------


def interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="episodes (and stories) of the larger size; the smaller is half")
    parser.add_argument("--skip-peer", action="store_true", help="leave out Material blog + mkdocs-rss-plugin")
    args = parser.parse_args()
    if args.n < 2:
        parser.error("--n must be at least 2: the smaller size is half of it")
    sys.stdout.reconfigure(line_buffering=True)  # each table as soon as it is measured
    sizes = (args.n // 2, args.n)
    signal.signal(signal.SIGTERM, interrupt)  # stopped from outside: clean up as on Ctrl+C
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material's notice, in every build's output
    print(f"reset-stories compare: {sizes[0]} and {sizes[1]} episodes (as many stories), each build in a fresh process")
    if args.skip_peer:
        print("the peer (Material blog + mkdocs-rss-plugin) is left out (--skip-peer)")
    tables, feeds = [], []
    with tempfile.TemporaryDirectory(prefix="reset-stories-compare-") as tmp:
        try:
            for size in sizes:
                rows = measure_size(Path(tmp) / f"n{size}", size, peer=not args.skip_peer)
                print_table(size, rows)
                tables.append(rows)
                feeds.append(feed_time(Path(tmp) / f"n{size}" / "ours"))
            print_growth(*sizes, *tables)
            print_feed(feeds, big_lint(Path(tmp)))
        except KeyboardInterrupt:
            print("\nstopped: temporary folders removed, servers stopped", file=sys.stderr)
            sys.exit(130)


if __name__ == "__main__":
    main()
