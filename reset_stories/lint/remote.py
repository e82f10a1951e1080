"""(to be written by the "remote" helper: see issue 16). In the core's branch: stand-ins with the
interface the driver and the CLI call, raising NotImplementedError; the lead takes the remote
helper's file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from reset_stories.lint.checking import Check, Indexed, Rule
from reset_stories.problems import PeopleFacingError

RULES: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class Fetched:
    """A feed fetched from its URL: its bytes, the URL it was found at after redirects, each
    redirect, and the Content-Type the server gave."""

    body: bytes
    url: str
    redirects: tuple[object, ...]
    content_type: str


class FetchFailed(PeopleFacingError):
    """The feed could not be fetched (the message says why, in Italian)."""


def fetch_feed(url: str, *, timeout: float) -> Fetched:
    raise NotImplementedError("the remote helper's fetch_feed")


def report_fetch(fetched: Fetched, check: Check) -> None:
    raise NotImplementedError("the remote helper's report_fetch")


def check_remote(
    root: etree._Element,
    check: Check,
    *,
    base_url: str | None,
    progress: Callable[[int, int], None],
    deadline: float,
    workers: int,
) -> None:
    raise NotImplementedError("the remote helper's check_remote")


class Checks:
    def __init__(self, check: Check) -> None:
        self.check = check

    def channel(self, channel: Indexed) -> None:
        pass

    def item(self, item: Indexed, channel: Indexed) -> None:
        pass

    def end(self, channel: Indexed) -> None:
        pass
