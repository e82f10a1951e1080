"""What is kept between builds, outside the source folders: audio facts and published audio.

An audio file is known by its fingerprint (size, modification time, inode), as make and rsync
know files: while it is unchanged, its facts come from here and its tagged copy is reused, so
a rebuild reads no audio bytes. A changed file gets a new fingerprint and is read again.
The cache lives in ``.cache/reset-stories/`` beside mkdocs.yml (git-ignored); deleting it is
always safe.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

from reset_stories.model import AudioFacts, Loudness

FOLDER = Path(".cache") / "reset-stories"
_INDEX = "audio.json"
_VERSION = 2  # bump when what is stored changes shape


def readable_by_all(path: Path) -> None:
    """Give a temporary file or folder the permissions an ordinary one would have (tempfile makes
    them private), so that web servers can read what is published."""
    umask = os.umask(0)
    os.umask(umask)
    path.chmod((0o777 if path.is_dir() else 0o666) & ~umask)


def fingerprint(path: Path) -> str:
    status = path.stat()
    return f"{status.st_size}:{status.st_mtime_ns}:{status.st_ino}"


class MediaCache:
    """Audio facts by path and fingerprint, and published files by what they are made of."""

    def __init__(self, folder: Path):
        self.folder = folder
        # No cache yet, or one from another version: start afresh.
        self._index: dict[str, dict[str, Any]] = read_kept(folder, _INDEX, ("version", _VERSION), "audio")
        self._changed = False

    def facts(self, path: Path, probe: Callable[[Path], AudioFacts]) -> AudioFacts:
        """The facts of ``path``: from the cache while the file is unchanged, else from ``probe``."""
        key, mark = str(path), fingerprint(path)
        entry = self._index.get(key)
        if entry and entry.get("fingerprint") == mark:
            return _facts_from(entry["facts"], path)
        facts = probe(path)
        self._index[key] = {"fingerprint": mark, "facts": _facts_to(facts)}
        self._changed = True
        return facts

    def loudness(self, facts: AudioFacts, measure: Callable[[Path], Loudness | None]) -> AudioFacts:
        """``facts`` with their loudness, measured once per version of the file."""
        key = str(facts.path)
        entry = self._index.get(key)
        if entry is None or entry.get("fingerprint") != fingerprint(facts.path):
            return facts
        if "loudness" not in entry:
            measured = measure(facts.path)
            entry["loudness"] = dataclasses.asdict(measured) if measured else None
            self._changed = True
        stored = entry["loudness"]
        return dataclasses.replace(facts, loudness=Loudness(**stored) if stored else None)

    def derived_path(self, recipe: str, extension: str) -> Path:
        """Where the file that ``recipe`` describes is kept (it may not be made yet)."""
        name = hashlib.sha256(recipe.encode("utf-8")).hexdigest()[:32]
        return self.folder / "published" / f"{name}.{extension}"

    def derived(self, recipe: str, extension: str, make: Callable[[Path], None]) -> Path:
        """A file made by ``make`` from what ``recipe`` describes; made once, reused while unchanged."""
        target = self.derived_path(recipe, extension)
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=target.parent, suffix=f".{extension}.part", delete=False) as part:
                partial = Path(part.name)
            try:
                make(partial)
                readable_by_all(partial)
                partial.replace(target)  # atomic: a half-made file is never taken for a made one
            finally:
                partial.unlink(missing_ok=True)
        return target

    def keep_only(self, used: set[Path]) -> None:
        """Forget published files no build uses any more, so the cache does not grow for ever."""
        folder = self.folder / "published"
        if folder.is_dir():
            for file in folder.iterdir():
                if file not in used and not file.name.endswith(".part"):
                    file.unlink(missing_ok=True)

    def save(self) -> None:
        if not self._changed:
            return
        write_json(self.folder, _INDEX, {"version": _VERSION, "audio": self._index})
        self._changed = False


def code_identity(modules: Iterable[ModuleType], versions: str) -> str:
    """What a kept result depends on besides its inputs: ``versions`` and the text of the
    ``modules`` that make it. A change to any of them, or a module that cannot be read, makes a
    different identity, so nothing kept by other code is trusted."""
    digest = hashlib.sha256()
    for module in modules:
        try:
            digest.update(Path(module.__file__ or "").read_bytes())
        except OSError:
            digest.update(str(time.time_ns()).encode())
    return f"{versions}/{digest.hexdigest()[:16]}"


def read_kept(folder: Path, name: str, made_by: tuple[str, object], section: str) -> dict[str, Any]:
    """The ``section`` of ``folder``/``name``, a file of results kept between runs, when the same
    code wrote it (``made_by``: the key that names the code, and its identity; see
    :func:`code_identity`); empty when there is none yet, or it is damaged or another code's."""
    key, identity = made_by
    try:
        stored = json.loads((folder / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if isinstance(stored, dict) and stored.get(key) == identity and isinstance(stored.get(section), dict):
        kept: dict[str, Any] = stored[section]
        return kept
    return {}


def write_json(folder: Path, name: str, data: object) -> None:
    """Write ``data`` to ``folder``/``name`` in a fixed order, atomically: a reader finds the old
    file or the new one, never half of one (a half-written cache would be ignored, not trusted)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    with tempfile.NamedTemporaryFile("w", dir=folder, suffix=".part", delete=False, encoding="utf-8") as part:
        part.write(text)
    Path(part.name).replace(folder / name)


def _facts_to(facts: AudioFacts) -> dict[str, Any]:
    data = dataclasses.asdict(facts)
    data.pop("path")
    data.pop("loudness")
    return data


def _facts_from(data: dict[str, Any], path: Path) -> AudioFacts:
    return AudioFacts(path=path, **data)


def place(source: Path, target: Path) -> None:
    """Put ``source`` at ``target``: a hard link on the same file system, a streamed copy elsewhere."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and source.samefile(target):
        return
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
