"""Turning a read feed into the files of a project: planned first, then written, never overwriting.

A plan is the list of files an import would create (text made now, or a URL to fetch), the
ledger entries to seed and the notes for staff. ``--dry-run`` prints it; otherwise every file is
created with ``open(..., "x")``: a file that exists is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reset_stories.content.ledger import FILE as LEDGER_FILE
from reset_stories.content.ledger import Entry, Ledger, read_ledger, write_ledger
from reset_stories.content.settings import podcast_guid
from reset_stories.content.vocabulary import find_role
from reset_stories.importing.download import DownloadError, download
from reset_stories.importing.feed_reader import (
    Feed,
    FeedItem,
    FeedShow,
    Fetch,
    FetchFailed,
    Note,
    fetch_bytes,
    load_chapters,
    people_of,
)
from reset_stories.problems import PeopleFacingError, Problems
from reset_stories.site.urls import slug_of_audio
from reset_stories.slugs import file_slug, slugify

SITE_URL_PLACEHOLDER = "https://podcast.example.org/"

# Audio: (URL, target file, expected length, expected type) → warnings; raises FetchFailed.
AudioFetch = Callable[[str, Path, "int | None", "str | None"], "tuple[str, ...]"]
# For each file being downloaded (by its name), what to tell of its progress: (bytes so far, total).
Progress = Callable[[str], Callable[[int, "int | None"], None]]


def audio_downloader(progress: Progress | None = None) -> AudioFetch:
    """The audio downloader (:mod:`reset_stories.importing.download`: resumable, retried, checked).

    The importer only ever calls the returned function, so tests and ``--no-audio`` need no network.
    """

    def fetch(url: str, target: Path, length: int | None, kind: str | None) -> tuple[str, ...]:
        try:
            result = download(
                url, target, expected_length=length, expected_type=kind,
                progress=progress(target.name) if progress is not None else None,
            )
        except DownloadError as error:
            raise FetchFailed(str(error)) from None
        return result.warnings

    return fetch


@dataclass(frozen=True)
class Planned:
    """One file an import creates: ``text`` written as it is, or fetched from ``url``."""

    path: Path
    text: str | None = None
    url: str | None = None
    audio: tuple[int | None, str | None] | None = None  # expected (length, type) when it is an episode's audio
    unless_missing: tuple[Path, str] | None = None  # (a file planned before, the text to write if it could not be)
    if_failed: str = "scaricalo a mano e salvalo con questo nome."  # what to do when it cannot be fetched


@dataclass
class Plan:
    root: Path
    files: list[Planned] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    imported: list[FeedItem] = field(default_factory=list)
    skipped_known: int = 0
    differences: list[str] = field(default_factory=list)  # an existing project's settings against the feed's
    new_project: bool = False

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


@dataclass(frozen=True)
class Layout:
    """Where an import writes, in a new or an existing project."""

    root: Path
    docs_dir: Path
    episodes_dir: Path
    people_dir: Path
    podcast: dict[str, Any] | None  # the existing project's podcast block; None for a new project


def layout_of(root: Path) -> Layout:
    """The folders of the project at ``root``, read from its mkdocs.yml when there is one."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return Layout(root, root / "content", root / "episodes", root / "content" / "persone", None)
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    options: dict[str, Any] = {}
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "reset-stories" in entry:
            options = entry["reset-stories"] or {}
    docs = root / str(config.get("docs_dir", "docs"))
    return Layout(
        root=root, docs_dir=docs, episodes_dir=root / str(options.get("episodes_dir", "episodes")),
        people_dir=docs / str(options.get("people_dir", "persone")), podcast=dict(options.get("podcast") or {}),
    )


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs's own tags (!!python/name, !ENV): read them as plain values."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def known_guids(layout: Layout) -> frozenset[str]:
    """Guids already in the project: in an episode file (read loosely) or in the ledger."""
    found = set(read_ledger(layout.root, Problems()).guids)
    if layout.episodes_dir.is_dir():
        for path in layout.episodes_dir.glob("*.md"):
            text = path.read_text(encoding="utf-8", errors="replace")
            match = re.search(r"^guid:[ \t]*(.+?)[ \t]*(?:#.*)?$", text, re.MULTILINE)
            if match:
                value = match.group(1)
                try:
                    loaded = yaml.safe_load(value)
                except yaml.YAMLError:
                    loaded = value
                found.add(str(loaded).strip())
    return frozenset(found)


def plan_import(
    feed: Feed, layout: Layout, *, feed_url: str, site_url: str | None, audio: bool, fetch: Fetch = fetch_bytes,
) -> Plan:
    """What importing ``feed`` into ``layout`` would write; ``fetch`` reads the JSON chapters of the
    items imported (the other linked files are fetched when written)."""
    known = known_guids(layout)
    # Items already in the project are left alone: what was wrong with them was said the first time.
    plan = Plan(root=layout.root, notes=[n for n in feed.notes if n.guid not in known], new_project=layout.podcast is None)
    taken = {slugify(p.stem) for p in layout.episodes_dir.glob("*.md")} if layout.episodes_dir.is_dir() else set()
    people_ids = _plan_people(feed, layout, plan)
    for item in feed.items:
        if item.guid in known:
            plan.skipped_known += 1
            continue
        plan.notes.extend(load_chapters(item, fetch))
        slug = _unique(_slug(item), taken)
        taken.add(slugify(slug))
        _plan_episode(item, slug, layout, plan, people_ids, audio=audio, show_artwork=feed.show.artwork)
        plan.imported.append(item)
    if layout.podcast is None:
        _plan_new_project(feed.show, layout, plan, feed_url=feed_url, site_url=site_url, hosts=[
            people_ids[p.name.casefold()] for p in feed.show.people if p.name.casefold() in people_ids
        ])
    else:
        plan.differences = _differences(feed.show, layout.podcast)
    return plan


def _slug(item: FeedItem) -> str:
    # A feed made by reset-stories publishes each episode's audio as <slug>/<slug>.<ext>: keeping
    # that slug keeps the episode's old page and audio addresses on the new site as well.
    kept = slug_of_audio(item.enclosure.url)
    if kept is not None:
        return kept
    base = file_slug(item.title) or "episodio"
    return f"{item.number:02d}-{base}" if item.number is not None else base


def _unique(slug: str, taken: set[str]) -> str:
    candidate, counter = slug, 2
    while slugify(candidate) in taken:  # ``taken``: the slugs of the files there and planned
        candidate, counter = f"{slug}-{counter}", counter + 1
    return candidate


def _extension(url: str, kind: str | None, default: str, known: dict[str, str]) -> str:
    if kind and kind in known:
        return known[kind]
    suffix = Path(url.split("?", 1)[0]).suffix.lower().lstrip(".")
    return suffix if suffix in known.values() else default


_AUDIO_TYPES = {"audio/mpeg": "mp3", "audio/mp3": "mp3", "audio/x-m4a": "m4a", "audio/mp4": "m4a", "audio/m4a": "m4a", "audio/aac": "m4a", "audio/ogg": "ogg", "audio/opus": "opus"}
_IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png"}


def _plan_people(feed: Feed, layout: Layout, plan: Plan) -> dict[str, str]:
    """Person ids by casefolded name; a page is planned for each person without one."""
    ids: dict[str, str] = {}
    for person in people_of([*feed.items], feed.show):
        person_id = slugify(person.name)
        if not person_id:
            continue
        ids[person.name.casefold()] = person_id
        path = layout.people_dir / f"{person_id}.md"
        if path.exists() or any(f.path == path for f in plan.files):
            continue
        meta: dict[str, Any] = {"name": person.name}
        if person.href:
            meta["link"] = person.href
        text = _front_matter(meta) + "\n"
        if person.img:
            photo = layout.people_dir / f"{person_id}.{_extension(person.img, None, 'jpg', _IMAGE_TYPES)}"
            plan.files.append(Planned(photo, url=person.img, if_failed=(
                f"se vuoi la foto, scaricala, salvala con questo nome e scrivi «photo: {photo.name}» in {plan.relative(path)}."
            )))
            # The page names the photo only if it could be fetched: a missing photo would stop every build.
            plan.files.append(Planned(path, text=_front_matter({**meta, "photo": photo.name}) + "\n", unless_missing=(photo, text)))
        else:
            plan.files.append(Planned(path, text=text))
    return ids


def _plan_episode(
    item: FeedItem, slug: str, layout: Layout, plan: Plan, people_ids: dict[str, str], *, audio: bool, show_artwork: str | None,
) -> None:
    folder = layout.episodes_dir
    extension = _extension(item.enclosure.url, item.enclosure.type, "mp3", _AUDIO_TYPES)
    audio_path = folder / "audio" / f"{slug}.{extension}"
    meta: dict[str, Any] = {"title": item.title}
    if item.date is not None:
        meta["date"] = item.date.isoformat(sep=" ")
    meta["audio"] = f"audio/{slug}.{extension}"
    meta["summary"] = item.summary or None
    meta["guid"] = item.guid
    if item.number is not None:
        meta["number"] = item.number
    if item.season is not None:
        meta["season"] = item.season
    if item.type:
        meta["type"] = item.type
    if item.explicit is not None:
        meta["explicit"] = item.explicit
    if item.image and item.image != show_artwork:  # most hosts repeat the show's artwork in every item
        image_name = f"{slug}.{_extension(item.image, None, 'jpg', _IMAGE_TYPES)}"
        meta["image"] = image_name
        plan.files.append(Planned(folder / image_name, url=item.image))
    people = []
    for person in item.people:
        person_id = people_ids.get(person.name.casefold())
        if person_id is None:
            continue
        role = find_role(person.role)
        if role is None:
            plan.notes.append(Note(item.label, f"il ruolo «{person.role}» di {person.name} non è nella tassonomia di Podcast Index: scritto «guest» — correggilo se serve."))
        people.append({"id": person_id, "role": role.role if role else "guest"})
    if people:
        meta["people"] = people
    if item.chapters:
        meta["chapters"] = [
            {"start": _Quoted(_timecode(c.start)), "title": c.title, **({"url": c.url} if c.url else {})}
            for c in item.chapters
        ]
    if item.transcript and item.transcript_format:
        name = f"{slug}.{item.transcript_format}"
        meta["transcript"] = name
        plan.files.append(Planned(folder / name, url=item.transcript))
    meta["moved_from"] = item.enclosure.url
    text = _front_matter(meta)
    comment = (
        "  # l'audio originale è all'indirizzo di moved_from"
        + ("" if audio else ": scaricalo e salvalo qui (importato con --no-audio)")
    )
    text = text.replace(f"\naudio: {meta['audio']}\n", f"\naudio: {meta['audio']}{comment}\n", 1)
    text = text.replace("\nmoved_from: ", "\n# L'indirizzo dell'audio nel feed di prima: così la prima pubblicazione accetta il nuovo indirizzo.\nmoved_from: ", 1)
    if item.date is None:
        text = text.replace("\naudio: ", "\n# date: scrivi qui la data di pubblicazione (il feed non ne aveva una leggibile)\naudio: ", 1)
    if not item.summary:
        text = text.replace("\nsummary: null\n", "\n# summary: scrivi qui una o due frasi sull'episodio (il feed non ne aveva)\n", 1)
    plan.files.append(Planned(folder / f"{slug}.md", text=text + "\n" + item.notes))
    if audio:
        plan.files.append(Planned(audio_path, url=item.enclosure.url, audio=(item.enclosure.length, item.enclosure.type)))
    if item.date is not None:
        plan.entries.append(Entry(guid=item.guid, slug=slugify(slug), enclosure=item.enclosure.url, first_published=item.date, title=item.title))


def _timecode(seconds: float) -> str:
    """"HH:MM:SS", with milliseconds when the chapter starts between two seconds."""
    millis = round(seconds * 1000)
    whole, rest = divmod(millis, 1000)
    hours, left = divmod(whole, 3600)
    text = f"{hours:02d}:{left // 60:02d}:{left % 60:02d}"
    return f"{text}.{rest:03d}" if rest else text


class _Quoted(str):
    """A string always written in double quotes (times: YAML 1.1 reads 00:01:30 as a number)."""

    __slots__ = ()


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"'))


def _front_matter(meta: dict[str, Any]) -> str:
    dumped: str = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return "---\n" + dumped + "---\n"


def show_settings(show: FeedShow, *, artwork: str | None, hosts: list[str]) -> dict[str, Any]:
    """The podcast block of mkdocs.yml that says what the feed's channel says."""
    podcast: dict[str, Any] = {}
    for key, value in (
        ("title", show.title), ("description", show.description), ("author", show.author),
    ):
        if value:
            podcast[key] = value
    owner = {k: v for k, v in (("name", show.owner_name), ("email", show.owner_email)) if v}
    if owner:
        podcast["owner"] = owner
    extra: tuple[tuple[str, Any], ...] = (
        ("language", show.language), ("category", show.category), ("artwork", artwork), ("explicit", show.explicit),
        ("type", show.type), ("copyright", show.copyright), ("guid", show.guid), ("locked", show.locked),
        ("location", show.location), ("license", show.license), ("funding", show.funding or None),
        ("complete", show.complete or None), ("hosts", hosts or None),
    )
    for key, extra_value in extra:
        if extra_value is not None:
            podcast[key] = extra_value
    return podcast


def _plan_new_project(show: FeedShow, layout: Layout, plan: Plan, *, feed_url: str, site_url: str | None, hosts: list[str]) -> None:
    artwork = None
    if show.artwork:
        name = f"copertina.{_extension(show.artwork, None, 'jpg', _IMAGE_TYPES)}"
        artwork = f"{layout.episodes_dir.name}/{name}"
        plan.files.append(Planned(layout.episodes_dir / name, url=show.artwork))
    else:
        plan.notes.append(Note("feed", "non ha una copertina (itunes:image): il campo artwork in mkdocs.yml resta da scrivere."))
    podcast = show_settings(show, artwork=artwork, hosts=hosts)
    for key, what in (("title", "il nome del podcast"), ("description", "la descrizione"), ("author", "l'autore (itunes:author)"),
                      ("category", "la categoria di Apple (itunes:category)")):
        if key not in podcast:
            plan.notes.append(Note("feed", f"non ha {what}: il campo {key} in mkdocs.yml resta da scrivere."))
    if "email" not in podcast.get("owner", {}):
        plan.notes.append(Note("feed", "non ha l'email del proprietario (itunes:owner): il campo owner.email in mkdocs.yml resta da scrivere."))
    guid_comment = "# L'identificativo del podcast, ripreso dal feed di prima: non cambiarlo mai."
    if show.guid is None and feed_url.startswith(("http://", "https://")):
        # Podcasting 2.0: a show without podcast:guid is known to the indexes by the one computed from
        # its feed's address, the old one: the show keeps it when it moves.
        podcast["guid"] = podcast_guid(feed_url)
        guid_comment = "# L'identificativo del podcast, calcolato dall'indirizzo del feed di prima (come fanno gli indici): non cambiarlo mai."
        plan.notes.append(Note("feed", f"non ha podcast:guid: in mkdocs.yml è scritto quello calcolato dal suo indirizzo ({podcast['guid']}), che il podcast tiene anche dopo il trasloco."))
    elif show.guid is None:
        plan.notes.append(Note("feed", "non ha podcast:guid e non è stato letto da un indirizzo web: scrivi in mkdocs.yml quello calcolato dall'indirizzo del feed di prima (o quello che «reset-stories check» propone, se il podcast è nuovo per le app)."))
    config: dict[str, Any] = {
        "site_name": show.title or "Podcast",
        "site_url": site_url or SITE_URL_PLACEHOLDER,
        "docs_dir": layout.docs_dir.name,
        "theme": {"name": "material", "language": show.language or "it", "font": False},
        "plugins": ["search", {"reset-stories": {"podcast": podcast}}],
    }
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)
    site_comment = (
        "# Segnaposto: scrivi qui l'indirizzo pubblico del sito (il feed ne ha bisogno), poi «reset-stories check».\n"
        if site_url is None else "# L'indirizzo pubblico del sito: il nuovo feed sarà qui, in feed.xml.\n"
    )
    text = text.replace("\nsite_url: ", f"\n{site_comment}site_url: ", 1)
    if "guid" in podcast:
        text = text.replace("\n      guid: ", f"\n      {guid_comment}\n      guid: ", 1)
    header = f"# Creato da «reset-stories import» dal feed {feed_url}.\n"
    plan.files.insert(0, Planned(layout.root / "mkdocs.yml", text=header + text))
    index = f"# {show.title or 'Podcast'}\n\n{show.description or ''}\n".replace("\n\n\n", "\n")
    plan.files.insert(1, Planned(layout.docs_dir / "index.md", text=index))


def _differences(show: FeedShow, podcast: dict[str, Any]) -> list[str]:
    """An existing project's podcast settings that say something else than the feed, in Italian."""
    wanted = show_settings(show, artwork=None, hosts=[])
    found = []
    for key, value in wanted.items():
        if key in ("artwork", "hosts"):
            continue
        current = podcast.get(key)
        if isinstance(value, dict) and isinstance(current, dict):
            for sub, sub_value in value.items():
                if current.get(sub) != sub_value:
                    found.append(f"podcast.{key}.{sub}: in mkdocs.yml {_shown(current.get(sub))}, nel feed {_shown(sub_value)}")
        elif current != value:
            found.append(f"podcast.{key}: in mkdocs.yml {_shown(current)}, nel feed {_shown(value)}")
    return found


def _shown(value: object) -> str:
    if value is None:
        return "manca"
    if isinstance(value, bool):
        return "«true»" if value else "«false»"
    text = str(value)
    return f"«{text[:80]}…»" if len(text) > 80 else f"«{text}»"


# --- writing ----------------------------------------------------------------------------------

def write_plan(plan: Plan, *, fetch_file: Callable[[str], bytes], fetch_audio: AudioFetch | None, report: Callable[[str], None]) -> list[Note]:
    """Create every planned file that does not exist yet, and seed the ledger; notes on what failed.

    A file-system fault (disk full, no permission) stops the import with :class:`WriteFailed`: the
    files already written stay, and a second run carries on from there.
    """
    notes: list[Note] = []
    for planned in plan.files:
        try:
            note = _write(plan, planned, fetch_file, fetch_audio, report)
        except OSError as error:
            from reset_stories.publish.faults import describe_os_error

            raise WriteFailed(str(describe_os_error(error, planned.path))) from None
        if note is not None:
            notes.append(note)
    if plan.new_project:
        (plan.root / "episodes" / "audio").mkdir(parents=True, exist_ok=True)
    if plan.entries:
        problems = Problems()
        ledger = read_ledger(plan.root, problems)
        if problems.errors:
            notes.append(Note(LEDGER_FILE, "non si può leggere, quindi non è stato aggiornato: " + "; ".join(p.message for p in problems.errors)))
        else:
            known = ledger.guids
            entries = [*ledger.entries, *(e for e in plan.entries if e.guid not in known)]
            entries.sort(key=lambda e: (e.first_published, e.guid))
            try:
                write_ledger(plan.root, Ledger(tuple(entries)))
            except OSError as error:
                from reset_stories.publish.faults import describe_os_error

                raise WriteFailed(str(describe_os_error(error, plan.root / LEDGER_FILE))) from None
    return notes


class WriteFailed(PeopleFacingError):
    """The project's folder cannot be written; the message says where and what to do."""


def _write(
    plan: Plan, planned: Planned, fetch_file: Callable[[str], bytes], fetch_audio: AudioFetch | None, report: Callable[[str], None],
) -> Note | None:
    shown = plan.relative(planned.path)
    if planned.path.exists():
        return Note(shown, "esiste già: non è stato toccato.")
    planned.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if planned.audio is not None:
            assert fetch_audio is not None and planned.url is not None
            report(f"Scarico {planned.url} → {shown}")
            warnings = fetch_audio(planned.url, planned.path, *planned.audio)
            return Note(shown, "; ".join(warnings)) if warnings else None
        text = planned.text
        if planned.unless_missing is not None and not planned.unless_missing[0].exists():
            text = planned.unless_missing[1]
        data = text.encode("utf-8") if text is not None else fetch_file(planned.url or "")
    except FetchFailed as error:
        return Note(shown, f"non scritto: {error} — {planned.if_failed}")
    with planned.path.open("xb") as out:
        out.write(data)
    return None
