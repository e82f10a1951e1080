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

from reset_stories.content.ledger import read_ledger
from reset_stories.content.settings import timezone_of
from reset_stories.content.sources import Source
from reset_stories.model import Site
from reset_stories.problems import PeopleFacingError, Problems
from reset_stories.slugs import file_slug

# The example text ``new`` writes for staff to replace, defined once: the templates below use it,
# and content/loader.py refuses it in anything that would go live (see :func:`placeholder_in`).
EPISODE_SUMMARY = "Una o due frasi che presentano l'episodio (testo semplice)."
EPISODE_NOTES = "Scrivi qui le note dell'episodio, in Markdown."
STORY_SUMMARY = "Una o due frasi che presentano la storia (testo semplice)."
STORY_TEXT = "Scrivi qui la storia, in Markdown."
BIOGRAPHY = "Scrivi qui la biografia."
# In the person template as comments: still example text if a line is uncommented as it is.
PERSON_ORGANISATION = "Ente o azienda"
PERSON_ROLE = "Ruolo o professione"
PERSON_DESCRIPTION = "Una riga che presenta la persona."
EXAMPLE_LINK = "https://www.esempio.it/"
# Sentences are found anywhere in a text; the short examples only as a whole value.
PLACEHOLDERS = (EPISODE_SUMMARY, EPISODE_NOTES, STORY_SUMMARY, STORY_TEXT, BIOGRAPHY)
PLACEHOLDER_VALUES = (PERSON_ORGANISATION, PERSON_ROLE, PERSON_DESCRIPTION, EXAMPLE_LINK)
_PLACEHOLDER = re.compile(
    "|".join(r"\s+".join(map(re.escape, sentence.split())) for sentence in PLACEHOLDERS), re.IGNORECASE,
)


def placeholder_in(text: str) -> tuple[str, int] | None:
    """The example text ``new`` wrote still in ``text``, and its line in ``text`` (from 1); or None."""
    if " ".join(text.split()).casefold() in {value.casefold() for value in PLACEHOLDER_VALUES}:
        return text.strip(), 1
    found = _PLACEHOLDER.search(text)
    if found is None:
        return None
    return " ".join(found.group().split()), text.count("\n", 0, found.start()) + 1


def placeholder_problems(source: Source, has_draft: bool) -> list[tuple[str | None, int | None, str]]:
    """(field or None for the text, line, message) for each example text still in a file that goes live.

    ``has_draft``: the file can be kept back with ``draft: true`` (episodes, stories), so say so.
    """
    later = ", oppure rimetti «draft: true» finché non è pronto" if has_draft else ""
    found: list[tuple[str | None, int | None, str]] = []
    for name, value in source.meta.items():
        if isinstance(value, str) and (leftover := placeholder_in(value)):
            found.append((
                str(name), source.lines.get(str(name)),
                f"c'è ancora il testo di esempio scritto da «reset-stories new» («{leftover[0]}») — "
                f"scrivi al suo posto il testo vero{later}.",
            ))
    if leftover := placeholder_in(source.body):
        found.append((
            None, source.body_line + leftover[1] - 1,
            f"il testo contiene ancora la frase di esempio scritta da «reset-stories new» («{leftover[0]}») — "
            f"scrivi al suo posto il testo vero{later}.",
        ))
    return found


class ScaffoldError(PeopleFacingError):
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
    slug = file_slug(title)  # the title itself stays whole in the front matter
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
  {EPISODE_SUMMARY}
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

{EPISODE_NOTES}
"""


def _story(title: str, slug: str, where: NewContent) -> str:
    themes = "\n".join(f"#   - {theme.name}" for theme in where.site.themes)
    return f"""---
title: {_quoted(title)}
date: {where.today.date().isoformat()}
summary: >-
  {STORY_SUMMARY}
# themes:  # uno o più tra:
{themes}
# people:
#   - nome-cognome
# episode: nome-del-file-dell-episodio
draft: true  # togli questa riga quando la storia è pronta
---

{STORY_TEXT}
"""


def _person(title: str, slug: str, where: NewContent) -> str:
    return f"""---
name: {_quoted(title)}
# organisation: {PERSON_ORGANISATION}
# role: {PERSON_ROLE}
# description: {PERSON_DESCRIPTION}
# photo: {slug}.jpg
# link: {EXAMPLE_LINK}
---

{BIOGRAPHY}
"""
