"""Faults of the machine, not of the content — a full disk, a folder without permission — told
to staff as problems, never as tracebacks. Whatever failed, the previous site is intact: builds
write beside it (see atomic.py)."""

from __future__ import annotations

import errno
from pathlib import Path

from reset_stories.problems import Problem

_UNTOUCHED = "il sito precedente è intatto"


def describe_os_error(error: OSError, path: Path | None = None) -> Problem:
    """A problem for ``error``, at the file or folder at fault, saying what to do."""
    where = error.filename or (str(path) if path is not None else "disco")
    code = error.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        message = f"il disco è pieno: non è stato possibile scrivere qui — libera spazio e riprova ({_UNTOUCHED})."
    elif code in (errno.EACCES, errno.EPERM):
        message = (
            "permesso negato: questa cartella o questo file non si può scrivere (o leggere) — controlla i permessi, "
            f"oppure costruisci il sito in un'altra cartella con -d ({_UNTOUCHED})."
        )
    elif code == errno.EROFS:
        message = f"è su un disco di sola lettura — rendilo scrivibile, oppure costruisci il sito in un'altra cartella con -d ({_UNTOUCHED})."
    elif code in (errno.ENOTDIR, errno.EEXIST, errno.EISDIR):
        message = f"c'è un file dove serve una cartella (o viceversa) — spostalo o scegli un'altra cartella ({_UNTOUCHED})."
    elif code == errno.ENAMETOOLONG:
        message = "il nome è troppo lungo per il disco — accorcia il nome del file o della cartella."
    elif code == errno.ENOENT:
        message = f"non esiste (forse è stato spostato o cancellato durante la costruzione) — riprova ({_UNTOUCHED})."
    else:
        message = f"errore del sistema ({error.strerror or error}) — riprova; se si ripete, controlla il disco ({_UNTOUCHED})."
    return Problem(str(where), None, message)
