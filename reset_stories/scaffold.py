"""``new``: a content file with the right front matter, ready for staff to fill in.

New episodes and stories start as drafts, so that a half-written file never reaches the feed.
Every episode gets a fresh guid here, once; it must never change afterwards.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .ledger import read_ledger
from .model import Site
from .problems import Problems
from .settings import timezone_of
from .slugs import slugify


class ScaffoldError(ValueError):
    """The file cannot be created; the message says why."""


@dataclass(frozen=True)
class NewContent:
    """Where new files go and what they start from."""

    site: Site
    today: datetime
    used_guids: frozenset[str] = frozenset()  # in the ledger or in an episode: never given again

    def relative(self, path: Path) -> str:
        return self.site.relative(path)

    def fresh_guid(self) -> str:
        while (guid := str(uuid.uuid4())) in self.used_guids:
            pass  # a uuid4 collision is all but impossible; a reused guid must be impossible
        return guid


def new_content(site: Site, options: Mapping[str, Any], now: datetime | None = None) -> NewContent:
    zone = timezone_of(options)
    used = read_ledger(site.root, Problems()).guids | _guids_in(site.episodes_dir)
    return NewContent(site=site, today=(now or datetime.now(zone)).astimezone(zone), used_guids=used)


def _guids_in(folder: Path) -> frozenset[str]:
    """Every guid written in an episode file, read loosely: even files with problems count."""
    found = set()
    for path in folder.glob("*.md"):
        match = _GUID_LINE.search(path.read_text(encoding="utf-8", errors="replace"))
        if match:
            found.add(match.group(1).strip("'\""))
    return frozenset(found)


_GUID_LINE = re.compile(r"^guid:\s*(\S+)", re.MULTILINE)


def scaffold(kind: str, title: str, where: NewContent) -> tuple[Path, str]:
    """The path and text of a new ``kind`` file ("episode", "story", "person") titled ``title``."""
    title = " ".join(title.split())
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f'"{title}" non contiene lettere o cifre: scrivi un titolo, per esempio "Il mio episodio".')
    site = where.site
    folder = {
        "episode": site.episodes_dir,
        "story": site.docs_dir / site.stories_section,
        "person": site.docs_dir / site.people_section,
    }[kind]
    path = folder / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{where.relative(path)} esiste già: scegli un altro titolo o modifica quel file.")
    text = {"episode": _episode, "story": _story, "person": _person}[kind](title, slug, where)
    return path, text


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar: quotes, colons and accents are safe.
    return json.dumps(text, ensure_ascii=False)


def _episode(title: str, slug: str, where: NewContent) -> str:
    return f"""---
title: {_quoted(title)}
date: {where.today.date().isoformat()}  # giorno di pubblicazione; con l'ora: {where.today.date().isoformat()} 10:00
audio: audio/{slug}.mp3  # il file audio, relativo a questo file
summary: >-
  Una o due frasi che presentano l'episodio (testo semplice).
guid: {where.fresh_guid()}  # identificativo permanente: non cambiarlo mai
# number: 1
# season: 1
# type: full  # full, trailer oppure bonus
# explicit: false
# image: immagine-episodio.jpg  # quadrata, JPEG, 1400-3000 px
# people:
#   - id: nome-cognome
#     role: guest
draft: true  # togli questa riga quando l'episodio è pronto per il feed
---

Scrivi qui le note dell'episodio, in Markdown.
"""


def _story(title: str, slug: str, where: NewContent) -> str:
    themes = "\n".join(f"#   - {theme.name}" for theme in where.site.themes)
    return f"""---
title: {_quoted(title)}
date: {where.today.date().isoformat()}
summary: >-
  Una o due frasi che presentano la storia (testo semplice).
# themes:  # uno o più tra:
{themes}
# people:
#   - nome-cognome
# episode: nome-del-file-dell-episodio
draft: true  # togli questa riga quando la storia è pronta
---

Scrivi qui la storia, in Markdown.
"""


def _person(title: str, slug: str, where: NewContent) -> str:
    return f"""---
name: {_quoted(title)}
# organisation: Ente o azienda
# role: Ruolo o professione
# description: Una riga che presenta la persona.
# photo: {slug}.jpg
# link: https://www.esempio.it/
---

Scrivi qui la biografia.
"""
