"""``lint``: any podcast feed checked against every rule an app or a directory enforces.

The rules are RSS 2.0's (at least what the W3C Feed Validation Service checks), Apple Podcasts'
and the Podcasting 2.0 namespace's, each with an identifier, a level and its source
(:mod:`reset_stories.lint.rules`). :func:`find` walks a feed once and returns its findings;
the report words them (``report.py``). Any bytes in, findings out: never an exception, and time
in proportion to the feed's size.

What the rest of the package calls:

- :func:`check_plan`: the build's lint of the feed a site plan publishes, with the files the plan
  publishes beside it, as the build's problems (worded for staff: the content file, mkdocs.yml);
- :func:`lint_file`: a feed file, with the files of the built site it sits in when it sits in one;
- :func:`lint_feed`: a feed's bytes (e.g. fetched from its URL);
- :func:`examine`: the walk itself, for callers that add their own findings (``lint URL``,
  ``--remote``) to the same :class:`Check`.
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree

from reset_stories.lint import attached, itunes, markup, podcasting, report, rss
from reset_stories.lint.attached import Files, Local, NotPublished, OutsideSite, in_site, nowhere
from reset_stories.lint.checking import Check, Finding, Indexed
from reset_stories.lint.report import Line, Origin
from reset_stories.lint.rules import RULES

if TYPE_CHECKING:  # the build's types: `lint FILE` needs neither the model nor the site planner
    from reset_stories.model import Catalog
    from reset_stories.problems import Problem
    from reset_stories.site.plan import SitePlan

__all__ = [
    "MODULES", "Files", "Linted", "Local", "NotPublished", "Origin", "OutsideSite",
    "check_plan", "examine", "examine_file", "find", "lint_feed", "lint_file", "nowhere", "parse", "read", "site_files", "walk",
]

# The modules whose Checks walk the feed, in the order their findings are listed.
MODULES = (rss, itunes, markup, podcasting, attached)


@dataclass(frozen=True)
class Linted:
    """A feed's findings and where the feed comes from: what a report is made of."""

    findings: list[Finding]
    origin: Origin

    def lines(self) -> list[Line]:
        return report.lines(self.findings, RULES, self.origin)

    def problems(self) -> list[Problem]:
        return report.problems(self.lines(), self.origin)


def find(feed: bytes, *, ours: bool = False, files: Files | None = None, now: datetime | None = None) -> list[Finding]:
    """Every finding in ``feed`` (a document's bytes), in document order within each module;
    ``files`` says which local files stand for the URLs the feed names (none by default), ``now``
    the moment dates are judged against (see :class:`Check`)."""
    check = Check(RULES, ours=ours, now=now)
    examine(feed, check, files)
    return check.findings


def examine(feed: bytes, check: Check, files: Files | None = None) -> etree._Element | None:
    """Report ``feed``'s findings through ``check``; its root element, None when it is not XML."""
    root = read(feed, check)
    if root is not None:
        walk(root, check, files)
    return root


def read(feed: bytes, check: Check) -> etree._Element | None:
    """The feed's root element; None when it is not XML, reported through ``check`` in Italian."""
    try:
        return parse(feed)
    except etree.XMLSyntaxError as error:
        line = error.lineno if isinstance(error.lineno, int) and error.lineno > 0 else None
        check.report("rss-xml-well-formed", None, "", detail=report.xml_error(error.msg or ""))
        # No element to take the line from: the parser's, so that the report places it like any other.
        check.findings[-1] = dataclasses.replace(check.findings[-1], line=line)
        return None


def parse(feed: bytes) -> etree._Element:
    """The feed's root element; no entity is expanded, nothing is fetched."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.parse(io.BytesIO(feed), parser).getroot()


def walk(root: etree._Element, check: Check, files: Files | None = None) -> list[Finding]:
    """The findings of the feed whose root element is ``root``: each module's checks called on
    the channel, on every item in order, then at the end."""
    element = root.find("channel")
    if root.tag != "rss" or element is None:
        check.report("rss-root", root, root.tag if isinstance(root.tag, str) else "")
        return check.findings
    checks = [attached.Checks(check, files) if module is attached else module.Checks(check) for module in MODULES]
    channel = Indexed(element)
    for each in checks:
        each.channel(channel)
    for child in channel.findall("item"):
        item = Indexed(child)
        check.at_item((item.findtext("guid") or "").strip() or None)
        for each in checks:
            each.item(item, channel)
    check.at_item(None)
    for each in checks:
        each.end(channel)
    return check.findings


# --- what the build and the CLI call ---------------------------------------------------------------


def lint_feed(feed: bytes, origin: Origin | None = None, files: Files | None = None, *, now: datetime | None = None) -> Linted:
    """``feed``'s findings (``origin`` names it in the report; ``files`` and ``now``: see :func:`find`)."""
    origin = origin or Origin()
    return Linted(find(feed, ours=origin.ours, files=files, now=now), origin)


def lint_file(path: Path, *, now: datetime | None = None) -> Linted:
    """A feed file, e.g. one already published or built by another tool.

    When the feed sits in a built site (its self link's path matches where the file is), the
    files it names are looked for in that site too — only there: a URL whose path leads out of
    the site's folder (``../``, ``%2e%2e/``, a symbolic link pointing elsewhere) is reported and
    never opened.
    """
    check = Check(RULES, now=now)
    examine_file(path, path.read_bytes(), check)
    return Linted(check.findings, Origin(feed=path.name))


def examine_file(path: Path, feed: bytes, check: Check) -> etree._Element | None:
    """Report the findings of ``feed``, the bytes of the file at ``path``, through ``check``, with
    the files of the built site it sits in (see :func:`lint_file`); its root element, None when it
    is not XML."""
    root = read(feed, check)  # once: the self link and the checks read the same tree
    if root is not None:
        walk(root, check, Files(site_files(path, root)))
    return root


def site_files(path: Path, root: etree._Element) -> Local:
    """The files of the built site the feed at ``path`` (whose root element is ``root``) sits in,
    by URL (see :func:`lint_file`)."""
    self_link = next((link for link in root.iterfind("channel/{http://www.w3.org/2005/Atom}link") if link.get("rel") == "self"), None)
    if self_link is None:
        return nowhere
    href = self_link.get("href", "")
    try:
        url_path = urlsplit(href).path.strip("/")
    except ValueError:
        return nowhere
    resolved = path.resolve().as_posix()
    if not url_path or not resolved.endswith("/" + url_path) or not href.endswith(url_path):
        return nowhere
    site_dir = Path(resolved[: -len(url_path)])
    site_root = href[: -len(url_path)]

    def local(url: str) -> Path | NotPublished | OutsideSite | None:
        if not url.startswith(site_root):
            return None
        return in_site(site_dir, url[len(site_root):])

    return local


def check_plan(plan: SitePlan, catalog: Catalog) -> list[Problem]:
    """The build's lint: the feed a site plan publishes, with the files the plan will publish
    beside it, as problems worded for staff (the content file or mkdocs.yml to change)."""
    site = catalog.site
    origin = Origin(
        feed=site.feed_uri, ours=True,
        sources={e.guid: site.relative(e.source) for e in catalog.episodes}, settings="mkdocs.yml",
    )
    linted = lint_feed(plan.feed, origin, Files(plan_files(plan, catalog)), now=catalog.now)
    kept = [f for f in linted.findings if f.rule not in SAID_BY_THE_BUILD]
    return Linted(kept, origin).problems()


# Rules whose cause the build already reports in its own words, on the same episode file: the
# audio's format (media/quality: «il file è in formato Vorbis (Ogg): Apple Podcasts non lo
# riproduce») is the enclosure's type in our feed. One problem, one line for staff.
SAID_BY_THE_BUILD = frozenset({"itunes-enclosure-type"})


def plan_files(plan: SitePlan, catalog: Catalog) -> Local:
    """What the plan will publish at a URL of the site (or of its media host)."""
    site = catalog.site
    files = {f.dest_uri: f.content for f in plan.files}
    media = {m.dest_uri: m.source for m in plan.media}
    uploads = {m.dest_uri: m.source for m in plan.uploads}
    pages = {site.page_url(p.src_uri) for p in plan.pages}

    def local(url: str) -> bytes | Path | NotPublished | None:
        if site.media_url and url.startswith(site.media_url):
            upload = uploads.get(url[len(site.media_url):], NotPublished())
            return upload if not isinstance(upload, Path) or upload.is_file() else None
        if not url.startswith(site.url):
            return None
        uri = url[len(site.url):].split("#")[0]
        if uri in files:
            return files[uri]
        if uri in media:
            # `check` plans tagged copies it does not make: their size was worked out, not measured.
            return media[uri] if media[uri].is_file() else None
        # Pages and the docs folder's own files are MkDocs's to publish.
        if uri in pages or (site.docs_dir / uri).is_file():
            return None
        return NotPublished()

    return local
