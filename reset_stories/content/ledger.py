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

The ledger only grows: a replaced guid stays recorded (withdrawn, with the guid that replaced
it). So a ledger that lacks an episode recorded elsewhere — in the feed of the last build, or
in the version of ``published.yml`` committed to git — has been emptied, truncated or deleted
by accident: the run stops and says how to restore it (:func:`witnesses`, :func:`check_complete`).
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from lxml import etree

from reset_stories.content.sources import YamlProblem, load_yaml
from reset_stories.media.cache import readable_by_all
from reset_stories.problems import Problems
from reset_stories.site.urls import slug_of_audio

FILE = "published.yml"
RESTORE_COMMAND = "reset-stories restore-ledger"

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
    replaced_by: str | None = None  # the guid that took this one's place (replaces_guid)


@dataclass(frozen=True)
class Ledger:
    entries: tuple[Entry, ...] = ()

    def by_guid(self, guid: str) -> Entry | None:
        return self._by_guid.get(guid)

    # Asked once per episode: a lookup, not a scan (a frozen dataclass allows it, see model.Catalog).
    @cached_property
    def _by_guid(self) -> dict[str, Entry]:
        return {entry.guid: entry for entry in reversed(self.entries)}

    @cached_property  # asked once per episode too
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


def read_ledger(root: Path, problems: Problems, load: Callable[[str, str], Any] = load_yaml) -> Ledger:
    """``published.yml`` as recorded; an empty ledger when the project has none yet.

    A file that exists but records nothing is never written by a build (it always writes
    ``episodes:``): it has been emptied by accident, and is reported.
    """
    path = root / FILE
    if not path.is_file():
        return Ledger()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        problems.error(FILE, None, f"il registro non si può leggere come testo UTF-8 — {_RESTORE_HINT}")
        return Ledger()
    return parse_ledger(text, problems, load=load)


_RESTORE_HINT = (
    f"ripristinalo dal repository («git checkout {FILE}») o da una copia; se non ne hai, "
    f"«{RESTORE_COMMAND}» lo ricostruisce dal feed dell'ultima pubblicazione."
)


def parse_ledger(text: str, problems: Problems, where: str = FILE, load: Callable[[str, str], Any] = load_yaml) -> Ledger:
    """The ledger ``text`` records; ``load`` reads YAML as :func:`load_yaml` does (the loader's goes through its cache)."""
    try:
        data = load(text, "il registro")
    except YamlProblem as error:
        problems.error(
            where, None, f"il registro delle pubblicazioni è rovinato — non va scritto a mano: {_RESTORE_HINT} (Dettaglio: {error.message})",
            line=None if error.line is None else error.line + 1,
        )
        return Ledger()
    if not isinstance(data, dict) or "episodes" not in data:
        problems.error(
            where, None,
            f"il registro delle pubblicazioni è vuoto o incompleto (manca «episodes:»): senza, un episodio pubblicato "
            f"potrebbe sparire dal feed senza che nessuno se ne accorga — {_RESTORE_HINT}",
        )
        return Ledger()
    items = data.get("episodes") or []
    if not isinstance(items, list):
        items = [items]
    entries = []
    for number, item in enumerate(items, start=1):
        try:
            replaced_by = item.get("replaced_by")
            entries.append(Entry(
                guid=str(item["guid"]), slug=str(item["slug"]), enclosure=str(item["enclosure"]),
                first_published=datetime.fromisoformat(str(item["first_published"])),
                title=str(item.get("title", "")), withdrawn=item.get("withdrawn") is True,
                replaced_by=str(replaced_by) if replaced_by is not None else None,
            ))
        except (KeyError, TypeError, ValueError, AttributeError):
            problems.error(
                where, f"episodes[{number}]",
                f"la voce del registro è incompleta (servono guid, slug, enclosure, first_published) — {_RESTORE_HINT}",
            )
    return Ledger(tuple(entries))


# --- what else remembers the publication ------------------------------------------------------

@dataclass(frozen=True)
class Witness:
    """Episodes known to be published from another record than the ledger itself."""

    source: str  # as staff can find it: "site/feed.xml", "git: published.yml"
    entries: tuple[Entry, ...]
    fresh_start: str | None = None  # what to do instead when a new project was copied from an old one


def witnesses(root: Path, site_dir: Path | None) -> tuple[Witness, ...]:
    """What else records the publication: the feed of the last build in ``site_dir``, and the
    version of the ledger committed to git (when the project is a git repository)."""
    found = []
    if site_dir is not None:
        feed = site_dir / "feed.xml"
        entries = _entries_from_feed(feed)
        if entries:
            shown = _shown(feed, root)
            found.append(Witness(shown, entries, fresh_start=(
                f" Se invece stai cominciando un podcast nuovo da una copia di un altro progetto, cancella anche "
                f"la cartella del sito copiata ({shown.rsplit('/', 1)[0] if '/' in shown else shown})."
            )))
    committed = _committed_ledger(root)
    if committed:
        found.append(Witness(f"git ({FILE} nell'ultimo commit)", committed))
    return tuple(found)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _entries_from_feed(feed: Path) -> tuple[Entry, ...]:
    """The items of a feed built by this tool, as ledger entries (unreadable feeds give none)."""
    try:
        if not feed.is_file():
            return ()
        root = etree.parse(str(feed), etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)).getroot()
    except (OSError, etree.XMLSyntaxError):
        return ()
    entries = []
    for item in root.iterfind("channel/item"):
        guid = (item.findtext("guid") or "").strip()
        enclosure = item.find("enclosure")
        url = enclosure.get("url", "") if enclosure is not None else ""
        try:
            date = parsedate_to_datetime((item.findtext("pubDate") or "").strip())
        except (TypeError, ValueError):
            continue
        slug = slug_of_audio(url) or _slug_from_page(item.findtext("link") or "")
        if guid and url and slug:
            entries.append(Entry(guid=guid, slug=slug, enclosure=url, first_published=date, title=(item.findtext("title") or "").strip()))
    return tuple(entries)


def _slug_from_page(url: str) -> str | None:
    """The slug in an episode page's URL (``…/<slug>/`` or ``…/<slug>.html``)."""
    parts = [p for p in urlsplit(url).path.split("/") if p]
    return parts[-1].removesuffix(".html") if parts else None


def _committed_ledger(root: Path) -> tuple[Entry, ...]:
    """The ledger as committed at git's HEAD, when ``root`` is in a git work tree."""
    try:
        result = subprocess.run(
            ["git", "show", f"HEAD:./{FILE}"], cwd=root, capture_output=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    if result.returncode != 0:
        return ()
    try:
        text = result.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return ()
    return parse_ledger(text, Problems()).entries


def check_complete(ledger: Ledger, found: Iterable[Witness], problems: Problems) -> None:
    """Stop when another record knows of published episodes that the ledger does not."""
    recorded = ledger.guids
    for witness in found:
        missing = [e for e in witness.entries if e.guid not in recorded]
        if not missing:
            continue
        names = ", ".join(f"«{e.title}» ({e.guid})" for e in missing[:5])
        more = f" e altri {len(missing) - 5}" if len(missing) > 5 else ""
        what = "1 episodio pubblicato che risulta" if len(missing) == 1 else f"{len(missing)} episodi pubblicati che risultano"
        problems.error(
            FILE, None,
            f"non registra {what} in {witness.source}: {names}{more}. Il registro è stato svuotato, troncato o "
            f"cancellato: così un episodio pubblicato potrebbe sparire dal feed senza avviso — {_RESTORE_HINT}"
            + (witness.fresh_start or ""),
        )
        return  # one record is enough to say it; the restore brings back all of them


def restored(ledger: Ledger, found: Iterable[Witness]) -> tuple[Ledger, tuple[Entry, ...]]:
    """The ledger with every entry the other records know and it lacks; and those entries."""
    entries = list(ledger.entries)
    added = []
    known = set(ledger.guids)
    for witness in found:
        for entry in witness.entries:
            if entry.guid not in known:
                known.add(entry.guid)
                entries.append(entry)
                added.append(entry)
    entries.sort(key=lambda e: (e.first_published, e.guid))
    return Ledger(tuple(entries)), tuple(added)


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
    by_file: dict[str, Claim] = {}
    for each in claims:
        by_file.setdefault(each.file_slug, each)
    for entry in ledger.entries:
        claim = by_guid.get(entry.guid)
        if entry.withdrawn:
            continue
        if claim is None:
            _report_missing(entry, by_file.get(entry.slug), file_slugs, problems)
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


def _report_missing(entry: Entry, same_file: Claim | None, file_slugs: frozenset[str], problems: Problems) -> None:
    """An entry no episode file claims by its guid; ``same_file`` claims its slug, if one does."""
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
    by_guid = {claim.guid: claim for claim in claims}
    entries = []
    replaced = {c.replaces_guid: c.guid for c in by_guid.values() if c.replaces_guid}
    for entry in ledger.entries:
        if entry.guid in replaced and entry.guid not in published:
            # Its episode now has another guid: the new entry carries on, this one stays on record.
            entries.append(replace(entry, withdrawn=True, replaced_by=replaced[entry.guid]))
            continue
        claim = by_guid.get(entry.guid)
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


def restore_ledger(root: Path, site_dir: Path | None) -> tuple[Entry, ...] | None:
    """Bring back into ``published.yml`` every episode the other records know (the feed of the
    last build in ``site_dir``, git). Returns the entries added; None when no record was found."""
    found = witnesses(root, site_dir)
    if not found:
        return None
    ledger, added = restored(read_ledger(root, Problems()), found)
    if added or not (root / FILE).is_file():
        write_ledger(root, ledger)
    return added


def write_ledger(root: Path, ledger: Ledger) -> bool:
    """Write ``published.yml`` if it changed; True when it did."""
    path = root / FILE
    items = []
    for entry in ledger.entries:
        item: dict[str, str | bool] = {
            "guid": entry.guid, "slug": entry.slug, "enclosure": entry.enclosure,
            "first_published": entry.first_published.isoformat(), "title": entry.title,
        }
        if entry.withdrawn:
            item["withdrawn"] = True
        if entry.replaced_by:
            item["replaced_by"] = entry.replaced_by
        items.append(item)
    # Read back quickly (libyaml) first: a ledger that already says this is left as it is, without
    # the cost of writing a thousand entries in pure-Python YAML on every build.
    if _says(path, {"episodes": items}):
        return False
    text = _HEADER + yaml.safe_dump({"episodes": items}, allow_unicode=True, sort_keys=False, width=120)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    with tempfile.NamedTemporaryFile("w", dir=root, prefix=".published.", suffix=".part", delete=False, encoding="utf-8") as part:
        part.write(text)
    readable_by_all(Path(part.name))
    Path(part.name).replace(path)
    return True



_FastLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _says(path: Path, data: object) -> bool:
    """Whether the ledger at ``path`` holds exactly ``data`` (whatever its layout)."""
    try:
        return bool(yaml.load(path.read_text(encoding="utf-8"), Loader=_FastLoader) == data)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
