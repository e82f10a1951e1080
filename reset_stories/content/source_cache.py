"""What reading a content file yields, kept between runs: an unchanged file is not parsed again.

Parsing front matter with the pure-Python YAML loader is the dearest part of loading a project
(about 0.7 ms a file, 1.4 s for 2,000 files), and staff change one file at a time. A file read
without problems is kept by its fingerprint (size, modification time, inode: the conventions of
:mod:`reset_stories.media.cache`, in the same folder), with what the reading made of it: the
front matter, the body, the lines of the fields. A file with problems is never kept: it is read
again on every run, so its messages are always those of the code that runs.

Nothing here may change a result. An entry counts only for the same fingerprint and the same
reading code (the package's version, this format, PyYAML's version and the text of the modules
that read); a file modified less than :data:`_SETTLING` before it was read, or while it was read,
is not kept (a file system may record times too coarsely to tell two quick edits apart); values
that JSON cannot hold exactly are not kept; an unreadable or foreign cache is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
import time
from collections.abc import Mapping
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

import reset_stories
from reset_stories.content import characters, sources
from reset_stories.content.sources import Source, WrittenNumber, load_yaml, read_source
from reset_stories.media.cache import code_identity, fingerprint, read_kept, write_json
from reset_stories.problems import Problems

_INDEX = "sources.json"
_FORMAT = 1  # bump when what is stored changes shape
_SETTLING = 2_000_000_000  # ns: FAT records modification times to 2 s


# What a stored reading depends on besides the file: a change to any of it reads every file again.
_READER = code_identity(
    (sources, characters, sys.modules[__name__]),
    f"{reset_stories.__version__}/{_FORMAT}/pyyaml-{yaml.__version__}/frontmatter-{version('python-frontmatter')}",
)


class SourceCache:
    """Readings of content files by path and fingerprint, in ``folder``/sources.json."""

    def __init__(self, folder: Path):
        self.folder = folder
        # No cache yet, a damaged one or another code's: every file is read.
        self._stored: dict[str, Any] = read_kept(folder, _INDEX, ("reader", _READER), "sources")
        self._kept: dict[str, Any] = {}  # what this run read: saved, and nothing else
        self.parsed = 0  # files read and parsed by this run (the others came from the cache)

    def read(self, path: Path, rel: str, problems: Problems) -> Source | None:
        """:func:`~reset_stories.content.sources.read_source`, from the cache while the file is unchanged."""
        key = str(path)
        try:
            before = fingerprint(path)
        except OSError:
            before = None  # read_source says what is wrong
        entry = self._stored.get(key)
        if before is not None and isinstance(entry, dict) and entry.get("fingerprint") == before:
            source = _source_from(entry, path, rel)
            if source is not None:
                self._kept[key] = entry
                return source
        started = time.time_ns()
        self.parsed += 1
        source = read_source(path, rel, problems)
        if source is not None and before is not None and _settled(path, before, started):
            stored = _source_to(source, before)
            if stored is not None:
                self._kept[key] = stored
        return source

    def load_yaml(self, text: str, subject: str) -> Any:
        """:func:`~reset_stories.content.sources.load_yaml`, from the cache for a text read before.

        For a whole YAML file such as the ledger (a thousand episodes take a second to parse):
        kept by the digest of its text, so no file time is involved.
        """
        key = "text:" + hashlib.sha256(f"{subject}\n{text}".encode()).hexdigest()
        entry = self._stored.get(key)
        if isinstance(entry, dict) and "data" in entry:
            try:
                data = _decode(entry["data"])
            except (KeyError, TypeError, ValueError, RecursionError):
                pass  # damaged: parse again
            else:
                self._kept[key] = entry
                return data
        self.parsed += 1
        data = load_yaml(text, subject)  # a YamlProblem is not kept: it is told again next time
        with contextlib.suppress(_Unstorable, RecursionError):  # then parsed again next time
            self._kept[key] = {"data": _encode(data)}
        return data

    def save(self) -> None:
        """Write what this run read, if it differs from what was stored (atomically, in a fixed order)."""
        if self._kept == self._stored:
            return
        write_json(self.folder, _INDEX, {"reader": _READER, "sources": self._kept})
        self._stored = dict(self._kept)


def _settled(path: Path, before: str, started: int) -> bool:
    """Whether the file was the same before and after it was read, and old enough to be told from its next edit."""
    try:
        after = fingerprint(path)
    except OSError:
        return False
    modified = int(before.split(":")[1])  # size:mtime_ns:inode
    return after == before and started - modified > _SETTLING


# --- front matter values as JSON, exactly ------------------------------------------------------
# YAML gives str, int, bool, None, WrittenNumber, lists and dicts (whose keys may be any of the
# scalars). JSON objects stand only for the two that JSON cannot say: a mapping as its pairs (its
# keys keep their types and order) and a written number with its text.


class _Unstorable(Exception):
    """A value JSON cannot hold exactly (a set or a date from an explicit YAML tag): not kept."""


def _encode(value: object) -> object:
    if isinstance(value, WrittenNumber):
        return {"number": value.written}
    if isinstance(value, dict):
        return {"mapping": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if value is None or type(value) in (str, int, bool):
        return value
    raise _Unstorable


def _decode(value: object) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, dict):
        if "number" in value:
            return WrittenNumber(value["number"])
        return {_decode(k): _decode(v) for k, v in value["mapping"]}
    return value


def _source_to(source: Source, mark: str) -> dict[str, Any] | None:
    try:
        meta = _encode(source.meta)
    except (_Unstorable, RecursionError):
        return None
    return {
        "fingerprint": mark, "meta": meta, "body": source.body,
        "lines": [[name, line] for name, line in source.lines.items()], "body_line": source.body_line,
    }


def _source_from(entry: Mapping[str, Any], path: Path, rel: str) -> Source | None:
    """The reading an entry holds; None when the entry is damaged (the file is then read again)."""
    try:
        meta = _decode(entry["meta"])
        lines = {str(name): int(line) for name, line in entry["lines"]}
        body, body_line = entry["body"], entry["body_line"]
    except (KeyError, TypeError, ValueError, RecursionError):
        return None
    if not isinstance(meta, dict) or not isinstance(body, str) or type(body_line) is not int:
        return None
    return Source(path=path, rel=rel, meta=meta, body=body, lines=lines, body_line=body_line)
