"""The publication ledger: what has been published, so that nothing published is lost by accident.

Once an episode is in a feed, thousands of apps remember it by its guid and its enclosure URL;
dropping it deletes it from listeners' libraries. ``published.yml``, beside mkdocs.yml and
committed with the content, records for each episode once published its guid, the slug its
URLs were made from, its enclosure URL and when it was first published. ``build`` writes it;
every run checks the content against it. Each accidental change stops the run with a message
that says how to make the change on purpose:

- an episode gone, a draft, or dated in the future → ``withdrawn: true`` takes it out for good;
- a guid changed → ``replaces_guid: <the old guid>`` says the change is wanted;
- an enclosure URL changed → ``moved_from: <the old URL>`` says the audio moved on purpose
  (``reset-stories build --move-media`` accepts it for every episode, after a move of the host).

Renaming an episode's file or changing its title keeps its identity: the slug recorded here
keeps making its URLs.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import yaml

from .cache import readable_by_all
from .problems import Problems
from .sources import StrictLoader, describe_yaml_error

FILE = "published.yml"
# Set by `build --move-media`: every enclosure URL that changed is accepted as moved on purpose.
MOVE_MEDIA_VARIABLE = "RESET_STORIES_MOVE_MEDIA"

_HEADER = """\
# Registro delle pubblicazioni, scritto da «reset-stories build»: salvalo (commit) con i contenuti.
# Ogni episodio pubblicato resta qui con il suo guid e l'indirizzo del suo audio, così nessuna
# modifica fatta per errore può toglierlo dal feed o cambiarne l'identità nelle app.
# Per ritirare un episodio il cui file non c'è più, scrivi «withdrawn: true» sotto il suo guid.
"""


@dataclass(frozen=True)
class Entry:
    guid: str
    slug: str
    enclosure: str
    first_published: datetime
    title: str
    withdrawn: bool = False


@dataclass(frozen=True)
class Ledger:
    entries: tuple[Entry, ...] = ()

    def by_guid(self, guid: str) -> Entry | None:
        return next((e for e in self.entries if e.guid == guid), None)

    @property
    def guids(self) -> frozenset[str]:
        return frozenset(e.guid for e in self.entries)


@dataclass(frozen=True)
class Claim:
    """What an episode says about its own publication, read from its front matter."""

    guid: str
    file_slug: str  # from the file name, as staff see it
    rel: str  # for messages
    line: Callable[[str], int | None]
    withdrawn: bool = False
    replaces_guid: str | None = None
    moved_from: str | None = None


def read_ledger(root: Path, problems: Problems) -> Ledger:
    path = root / FILE
    if not path.is_file():
        return Ledger()
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as error:
        line, _ = describe_yaml_error(error)
        problems.error(
            FILE, None,
            "il registro delle pubblicazioni è rovinato — non va scritto a mano: ripristinalo dal repository "
            "(git checkout published.yml).",
            line=None if line is None else line + 1,
        )
        return Ledger()
    except (OSError, UnicodeDecodeError):
        problems.error(FILE, None, "il registro non si può leggere come testo UTF-8 — ripristinalo dal repository (git checkout published.yml).")
        return Ledger()
    entries = []
    for number, item in enumerate((data or {}).get("episodes") or [], start=1):
        try:
            entries.append(Entry(
                guid=str(item["guid"]), slug=str(item["slug"]), enclosure=str(item["enclosure"]),
                first_published=datetime.fromisoformat(str(item["first_published"])),
                title=str(item.get("title", "")), withdrawn=item.get("withdrawn") is True,
            ))
        except (KeyError, TypeError, ValueError):
            problems.error(
                FILE, f"episodes[{number}]",
                "la voce del registro è incompleta (servono guid, slug, enclosure, first_published) — "
                "ripristina il file dal repository (git checkout published.yml): non va scritto a mano.",
            )
    return Ledger(tuple(entries))


def check(
    ledger: Ledger, claims: Iterable[Claim], published: Mapping[str, tuple[str, str]], file_slugs: frozenset[str],
    problems: Problems, *, readable: frozenset[str], move_media: bool = False,
) -> None:
    """Stop every accidental change to what the ledger records.

    ``claims`` are every episode file read far enough to know its guid; ``published`` maps
    the guid of each episode that this run would publish to (slug, enclosure URL);
    ``file_slugs`` are the slugs of every episode file, readable or not; ``readable`` the guids
    of the episodes read without problems (the others' problems are reported on their own).
    """
    claims = list(claims)
    by_guid = {claim.guid: claim for claim in claims}
    for entry in ledger.entries:
        claim = by_guid.get(entry.guid)
        if entry.withdrawn:
            continue
        if claim is None:
            _report_missing(entry, claims, file_slugs, problems)
            continue
        if claim.withdrawn or entry.guid not in readable:
            continue
        if entry.guid not in published:
            problems.error(
                claim.rel, None,
                f"è stato pubblicato il {entry.first_published.date().isoformat()}: con una bozza (draft) o una data "
                "futura sparirebbe dal feed e dalle app di chi lo ha già scaricato — togli draft o rimetti la data; "
                "per ritirarlo davvero scrivi «withdrawn: true».",
                line=claim.line("draft") or claim.line("date"),
            )
            continue
        enclosure = published[entry.guid][1]
        if enclosure != entry.enclosure and not move_media and claim.moved_from != entry.enclosure:
            problems.error(
                claim.rel, "audio",
                f"l'indirizzo dell'audio cambierebbe da {entry.enclosure} a {enclosure}: le app lo scaricherebbero di "
                "nuovo, o lo perderebbero — se non è voluto, rimetti com'era il file audio (formato, nome) e "
                f"media_base_url; se l'audio è stato spostato apposta, scrivi «moved_from: {entry.enclosure}».",
                line=claim.line("audio"),
            )
    for claim in claims:
        previous = ledger.by_guid(claim.guid)
        if previous and previous.withdrawn and previous.slug != claim.file_slug and not claim.withdrawn:
            problems.error(
                claim.rel, "guid",
                f"è il guid dell'episodio ritirato «{previous.title}»: un guid non si riusa mai — "
                "«reset-stories new episode» ne scrive uno nuovo.",
                line=claim.line("guid"),
            )


def _report_missing(entry: Entry, claims: list[Claim], file_slugs: frozenset[str], problems: Problems) -> None:
    same_file = next((c for c in claims if c.file_slug == entry.slug), None)
    if same_file is not None:
        if same_file.replaces_guid != entry.guid:
            problems.error(
                same_file.rel, "guid",
                f"era {entry.guid} quando l'episodio è stato pubblicato: con un guid nuovo le app lo vedrebbero come "
                f"un altro episodio — rimetti «guid: {entry.guid}»; se vuoi davvero che sia un episodio nuovo, "
                f"aggiungi «replaces_guid: {entry.guid}».",
                line=same_file.line("guid"),
            )
        return
    if entry.slug in file_slugs:
        return  # the file is there but could not be read: its own problems are reported
    problems.error(
        FILE, None,
        f"l'episodio «{entry.title}» (guid {entry.guid}), pubblicato il {entry.first_published.date().isoformat()}, "
        f"non c'è più: sparirebbe dal feed e dalle app degli ascoltatori — ripristina il suo file "
        f"(episodes/{entry.slug}.md); per ritirarlo davvero scrivi «withdrawn: true» sotto il suo guid in {FILE}.",
    )


def updated(ledger: Ledger, claims: Iterable[Claim], published: Mapping[str, tuple[str, str, datetime, str]]) -> Ledger:
    """The ledger after a successful build: new episodes recorded, deliberate changes written down.

    ``published`` maps each published guid to (slug, enclosure URL, date, title).
    """
    claims = {claim.guid: claim for claim in claims}
    entries = []
    replaced = {c.replaces_guid for c in claims.values() if c.replaces_guid}
    for entry in ledger.entries:
        if entry.guid in replaced:
            continue  # its episode now has another guid: the new entry carries on
        claim = claims.get(entry.guid)
        if entry.guid in published:
            slug, enclosure, _, title = published[entry.guid]
            entries.append(replace(entry, enclosure=enclosure, title=title, withdrawn=False))
        elif claim is not None and claim.withdrawn:
            entries.append(replace(entry, withdrawn=True))
        else:
            entries.append(entry)
    recorded = {e.guid for e in entries}
    for guid, (slug, enclosure, date, title) in published.items():
        if guid not in recorded:
            entries.append(Entry(guid=guid, slug=slug, enclosure=enclosure, first_published=date, title=title))
    entries.sort(key=lambda e: (e.first_published, e.guid))
    return Ledger(tuple(entries))


def write_ledger(root: Path, ledger: Ledger) -> bool:
    """Write ``published.yml`` if it changed; True when it did."""
    path = root / FILE
    items = []
    for entry in ledger.entries:
        item = {
            "guid": entry.guid, "slug": entry.slug, "enclosure": entry.enclosure,
            "first_published": entry.first_published.isoformat(), "title": entry.title,
        }
        if entry.withdrawn:
            item["withdrawn"] = True
        items.append(item)
    text = _HEADER + yaml.safe_dump({"episodes": items}, allow_unicode=True, sort_keys=False, width=120)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    with tempfile.NamedTemporaryFile("w", dir=root, prefix=".published.", suffix=".part", delete=False, encoding="utf-8") as part:
        part.write(text)
    readable_by_all(Path(part.name))
    os.replace(part.name, path)
    return True


def move_media_accepted() -> bool:
    return os.environ.get(MOVE_MEDIA_VARIABLE) == "1"
