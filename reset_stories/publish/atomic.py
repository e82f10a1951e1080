"""Atomic builds: a site is built beside the published one and swapped in only when complete.

A failure at any point — bad content, an exception, the process killed — leaves the previous
site as it was: the new one is written into a staging folder next to it (same file system),
and on success the two are exchanged in one step (Linux's renameat2 with RENAME_EXCHANGE; on
other systems, two renames in a row). A staging folder left by a killed build is removed by the
next build, once the process that made it is gone.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from pathlib import Path

from reset_stories.media.cache import readable_by_all

_OWNER = ".reset-stories-build"  # the building process's id, inside a staging folder
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staging_for(target: Path) -> Path:
    """A new, empty staging folder beside ``target``, after clearing any left by killed builds."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned(target)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-", dir=target.parent))
    readable_by_all(staging)
    (staging / _OWNER).write_text(str(os.getpid()), encoding="ascii")
    return staging


def swap_in(staging: Path, target: Path) -> None:
    """Make ``staging`` the site at ``target``, in one step; the previous site is then removed."""
    (staging / _OWNER).unlink(missing_ok=True)
    target = target.resolve()
    if not target.exists():
        staging.rename(target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous site
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    target.rename(old / target.name)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def remove_abandoned(target: Path) -> None:
    """Remove staging folders of builds that are no longer running (killed part-way)."""
    for folder in target.parent.glob(f".{target.name}.build-*"):
        owner = folder / _OWNER
        try:
            pid = int(owner.read_text(encoding="ascii"))
        except (OSError, ValueError):
            pid = None
        if pid is None or not _running(pid):
            shutil.rmtree(folder, ignore_errors=True)
    for folder in target.parent.glob(f".{target.name}.old-*"):
        shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically where the system can; False where it cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(second))
