"""Loading a whole project into a :class:`~reset_stories.model.Catalog`, reporting every problem.

Each file is read on its own (one bad file never hides the others), then the cross-references
between files are checked: people named in episodes and stories exist, guids and slugs are
unique, a story's episode exists.
"""

from __future__ import annotations

import dataclasses
import os
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from reset_stories.content.chapters import chapter_problems, chapter_reader
from reset_stories.content.credits import GUEST, credit_reader
from reset_stories.content.fields import (
    FieldReader,
    Invalid,
    Missing,
    read_bool,
    read_choice,
    read_description,
    read_list,
    read_moment,
    read_paragraph,
    read_positive_int,
    read_relative_path,
    read_slug_reference,
    read_text,
    read_url,
    resolve_inside,
)
from reset_stories.content.fields import (
    show as show_value,
)
from reset_stories.content.ledger import (
    Claim,
    Ledger,
    Witness,
    check_complete,
    read_ledger,
    witnesses,
)
from reset_stories.content.ledger import check as check_ledger
from reset_stories.content.ledger import updated as updated_ledger
from reset_stories.content.links import check_links
from reset_stories.content.scaffold import placeholder_problems
from reset_stories.content.settings import (
    CONFIG_FILE,
    DEFAULT_TIMEZONE,
    SITE_OPTIONS,
    read_show,
    read_site,
    written_options,
)
from reset_stories.content.source_cache import SourceCache
from reset_stories.content.sources import Source
from reset_stories.content.timecodes import format_timecode
from reset_stories.content.transcripts import BadTranscript, read_transcript
from reset_stories.content.vocabulary import did_you_mean, suggest
from reset_stories.media import audio, images, quality
from reset_stories.media.cache import FOLDER as CACHE_FOLDER
from reset_stories.media.cache import MediaCache
from reset_stories.model import (
    AudioFacts,
    Catalog,
    Credit,
    Episode,
    EpisodeType,
    HomePage,
    Person,
    ShowType,
    Site,
    Story,
    Transcript,
)
from reset_stories.problems import Problems
from reset_stories.publish.outputs import MEDIA_FIELD, SITE_FIELD, check_outputs
from reset_stories.site import urls
from reset_stories.slugs import slugify

EPISODE_FIELDS = (
    "title", "date", "audio", "summary", "guid", "number", "season", "type",
    "explicit", "image", "image_alt", "people", "chapters", "transcript", "draft",
    "withdrawn", "replaces_guid", "moved_from",
)
PERSON_FIELDS = ("name", "organisation", "role", "description", "photo", "photo_alt", "link")
STORY_FIELDS = ("title", "date", "summary", "themes", "people", "episode", "draft")
EPISODE_TYPE_LABELS = {"full": "episodio normale", "trailer": "anteprima del podcast", "bonus": "contenuto extra"}
# The home page (content/index.md) may ask for the editorial home with `layout: home`; its other
# fields are the engine's (title, description, hide…) and are left to it.
HOME_PAGE = "index.md"
HOME_LAYOUT_FIELD = "layout"
HOME_LAYOUTS = {
    "home": "la pagina iniziale con il tuo testo, l'ultimo episodio, le storie, i temi e le persone",
    "page": "solo il tuo testo, come le altre pagine",
}

T = TypeVar("T")


@dataclass(frozen=True)
class Loaded:
    """The outcome of loading: a catalogue when there are no errors, and every problem found.

    ``ledger`` is ``published.yml`` as a build of this catalogue will leave it (new episodes
    recorded, deliberate changes written down); loading only computes it, publishing writes it.
    """

    catalog: Catalog | None
    problems: Problems
    ledger: Ledger | None = None


def load_project(
    *,
    root: Path,
    docs_dir: Path,
    site_url: str | None,
    directory_urls: bool,
    options: Mapping[str, Any],
    now: datetime | None = None,
    measure_loudness: bool = False,
    previews: bool = False,
    move_media: bool = False,
    site_dir: Path | None = None,
    public_url: str | None = None,
) -> Loaded:
    """Read settings and every content file of the project at ``root``; write only the cache of facts.

    A problem in the settings does not stop the content from being checked: one run lists
    every problem. Only a missing episodes folder leaves nothing to check. ``measure_loudness``
    (for ``check``) adds each episode's loudness to the quality report.

    Every input is explicit: ``now`` (default: the real time) decides what is published,
    ``previews`` shows drafts and scheduled items on the site (never in the feed),
    ``move_media`` accepts every changed enclosure URL (``build --move-media``), and
    ``site_dir`` is where the site is published: it must not be a source folder, and the feed
    of its last build tells what was published if ``published.yml`` was lost. ``public_url``
    is the site's public address when ``site_url`` is a preview's: the ledger protects the
    public URLs, whatever address the preview runs on.
    """
    problems = Problems()
    site = read_site(
        root=root, docs_dir=docs_dir, site_url=site_url, directory_urls=directory_urls,
        options=options, problems=problems,
    )
    feed_url = site.absolute(site.feed_uri) if site is not None and site.url.startswith(("http://", "https://")) else None
    # Under its current name, whatever name staff wrote it under (read_site warns about former ones).
    show = read_show(written_options(options).get("podcast"), root, problems, feed_url)
    if site is None:
        return Loaded(None, problems)
    zone = show.timezone if show else DEFAULT_TIMEZONE
    rules = _Rules(
        timezone=zone,
        serial=show is not None and show.type is ShowType.SERIAL,
        # A misspelt option may be the themes themselves: then stories' themes cannot be judged.
        themes_checked=bool(options.get("themes")) or all(key in SITE_OPTIONS for key in options),
    )
    moment = (now or datetime.now(zone)).astimezone(zone)
    if site_dir is not None:
        check_outputs(site, site_dir, problems)
    if any(p.path == SITE_FIELD or p.field == MEDIA_FIELD for p in problems.errors):
        return Loaded(None, problems)  # never read or write anything near a misplaced output
    cache = MediaCache(site.root / CACHE_FOLDER)
    sources = SourceCache(site.root / CACHE_FOLDER)
    content = _load_content(
        site, rules, moment, problems, cache, sources, hosts=show.hosts if show else (),
        move_media=move_media, witnessed=witnesses(site.root, site_dir),
        public=dataclasses.replace(site, url=_with_slash(public_url)) if public_url else site,
    )
    check_links(
        site, [*content["episodes"], *content["stories"], *content["unpublished"]], moment, problems,
        previews=content["previews"] if previews else (),
    )
    if not previews:
        content["previews"] = ()
    if measure_loudness and not quality.loudness_available():
        problems.warn(CONFIG_FILE, None, "il volume degli episodi non è stato misurato: serve ffmpeg (sudo apt-get install ffmpeg).")
    sources.save()
    if show is None or problems.errors:
        cache.save()
        return Loaded(None, problems)
    ledger = content.pop("ledger")
    catalog = Catalog(site=site, show=show, now=moment, **content)
    if measure_loudness:
        catalog = _with_loudness(catalog, cache, problems)
    cache.save()  # the facts read: loading writes nothing else
    return Loaded(catalog, problems, ledger)


def _with_loudness(catalog: Catalog, cache: MediaCache, problems: Problems) -> Catalog:
    """The catalogue with each published episode's loudness measured, and warned about."""
    episodes = []
    for episode in catalog.episodes:
        assert episode.audio is not None
        audio = cache.loudness(episode.audio, quality.measure_loudness)
        for message in quality.loudness_warnings(audio):
            problems.warn(catalog.site.relative(episode.source), "audio", message)
        episodes.append(dataclasses.replace(episode, audio=audio))
    return dataclasses.replace(catalog, episodes=tuple(episodes))


@dataclass(frozen=True)
class _Rules:
    """What checking content needs from the settings."""

    timezone: ZoneInfo
    serial: bool
    themes_checked: bool


def _load_content(
    site: Site, rules: _Rules, now: datetime, problems: Problems, cache: MediaCache, sources: SourceCache,
    hosts: tuple[Credit, ...],
    *, move_media: bool, witnessed: tuple[Witness, ...], public: Site,
) -> dict[str, Any]:
    _report_broken_links(site, problems)
    people_files = _markdown_files(site.docs_dir / site.people_section)
    episode_files = _markdown_files(site.episodes_dir, recursive=False)
    # Cross-references are checked against every file that exists, valid or not, so that a
    # file with a problem of its own never makes the files naming it fail too.
    _check_episode_names(episode_files, site, problems)
    people = {p.id: p for p in (_load_person(path, site, sources, problems) for path in people_files) if p}
    ledger = read_ledger(site.root, problems, load=sources.load_yaml)
    check_complete(ledger, witnessed, problems)
    known = _Known(
        site=site,
        rules=rules,
        ledger=ledger,
        probe=lambda path: cache.facts(path, audio.probe),
        sources=sources,
        person_ids=frozenset(p.stem for p in people_files),
        person_names=frozenset(p.name.casefold() for p in people.values()),
        episode_slugs=frozenset(slugify(p.stem) for p in episode_files),
    )
    for host in hosts:
        known.check_person(host.person_id, lambda message: problems.error(CONFIG_FILE, "podcast.hosts", message))
    guids: dict[str, str] = {}
    claims: list[Claim] = []
    episodes = [e for e in (_load_episode(path, known, guids, claims, problems) for path in episode_files) if e]
    story_files = _markdown_files(site.docs_dir / site.stories_section)
    stories = [s for s in (_load_story(path, known, problems) for path in story_files) if s]
    _warn_about_unpublished_links(stories, episodes, now, site, problems)
    home = _read_home(site, sources, problems)

    published = sorted((e for e in episodes if e.is_published(now)), key=lambda e: (e.date, e.slug), reverse=True)
    _check_slugs_are_unique(published, site, problems)
    enclosures = {e.guid: (e.slug, urls.audio_url(public, e)) for e in published}
    check_ledger(
        ledger, claims, enclosures, known.episode_slugs, problems,
        readable=frozenset(e.guid for e in episodes), move_media=move_media,
    )
    published_stories = sorted((s for s in stories if s.is_published(now)), key=lambda s: (s.date, s.src_uri), reverse=True)
    unpublished = [e for e in episodes if not e.is_published(now)] + [s for s in stories if not s.is_published(now)]
    # What a preview may show: not withdrawn, and an episode needs its audio for its page.
    previewable = [
        item for item in unpublished
        if not (isinstance(item, Episode) and (item.withdrawn or item.audio is None))
    ]
    return {
        "previews": tuple(previewable),
        "episodes": tuple(published),
        "stories": tuple(published_stories),
        "people": dict(sorted(people.items(), key=lambda item: (item[1].name.casefold(), item[0]))),
        "unpublished": tuple(unpublished),
        "home": home,
        "ledger": updated_ledger(ledger, claims, {e.guid: (*enclosures[e.guid], e.date, e.title) for e in published}),
    }


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _check_slugs_are_unique(episodes: list[Episode], site: Site, problems: Problems) -> None:
    """A renamed file keeps its first slug: a new file must not take it.

    (Two files whose names give the same slug are reported by _check_episode_names.)
    """
    renamed = {e.slug: e for e in episodes if e.slug != e.file_slug}
    for episode in episodes:
        other = renamed.get(episode.file_slug)
        if other is not None and other is not episode:
            problems.error(
                site.relative(episode.source), None,
                f"il suo indirizzo («{episode.slug}») è già di {site.relative(other.source)}, pubblicato con quel nome "
                "prima di essere rinominato — rinomina questo file.",
            )


@dataclass(frozen=True)
class _Known:
    """What exists in the project, for checking references between files."""

    site: Site
    rules: _Rules
    ledger: Ledger
    probe: Callable[[Path], AudioFacts]  # audio facts, through the cache
    sources: SourceCache  # what content files hold, through the cache
    person_ids: frozenset[str]
    person_names: frozenset[str]  # casefolded, to recognise speakers in transcripts
    episode_slugs: frozenset[str]

    def check_person(self, person_id: str, fail: Callable[[str], None]) -> None:
        """Report through ``fail`` a person id with no page in the people folder."""
        if person_id in self.person_ids:
            return
        page = self.site.relative(self.site.docs_dir / self.site.people_section / f"{person_id}.md")
        better = did_you_mean(person_id, self.person_ids, "crea la sua pagina con «reset-stories new person \"Nome Cognome\"».")
        fail(f"«{person_id}» non è tra le persone del sito ({page} non esiste) — {better}")

    def check_episode(self, slug: str, fields: FieldReader) -> None:
        if slug in self.episode_slugs:
            return
        better = did_you_mean(slug, self.episode_slugs, "scrivi il nome del file dell'episodio senza «.md».")
        fields.fail("episode", f"«{slug}» non è un episodio — {better}")


# --- people --------------------------------------------------------------------------------

def _load_person(path: Path, site: Site, sources: SourceCache, problems: Problems) -> Person | None:
    rel = site.relative(path)
    person_id = path.stem
    if slugify(person_id) != person_id:
        problems.error(
            rel, None,
            f"il nome del file è l'identificativo della persona e deve essere in minuscolo, senza spazi né accenti "
            f"— rinomina il file in «{slugify(person_id) or 'nome-cognome'}.md».",
        )
        return None
    source = sources.read(path, rel, problems)
    if source is None:
        return None
    fields = FieldReader(source.meta, rel, problems, PERSON_FIELDS, source.lines)
    name = fields.required("name", read_text, "scrivi nome e cognome, per esempio «name: Mario Rossi».")
    organisation = fields.optional("organisation", read_text, None)
    role = fields.optional("role", read_text, None)
    description = fields.optional("description", read_paragraph, None)
    photo = fields.optional("photo", _read_file(path.parent, site.root, images.inspect, images.BadImage), None)
    photo_alt = fields.optional("photo_alt", read_text, None)
    link = fields.optional("link", read_url, None)
    _check_placeholders(source, problems, has_draft=False)  # a person page has no draft: it goes live
    if fields.failed:
        return None
    return Person(
        id=person_id, src_uri=_src_uri(path, site), name=name, organisation=organisation,
        role=role, description=description, photo=photo.path if photo else None, photo_alt=photo_alt, link=link,
    )


# --- episodes ------------------------------------------------------------------------------

def _check_episode_names(paths: list[Path], site: Site, problems: Problems) -> None:
    first_by_slug: dict[str, Path] = {}
    for path in paths:
        slug = slugify(path.stem)
        if not slug:
            problems.error(site.relative(path), None, "il nome del file non contiene lettere o cifre — rinominalo, per esempio in 05-titolo.md.")
        elif slug in first_by_slug:
            problems.error(
                site.relative(path), None,
                f"il nome del file dà lo stesso indirizzo di {site.relative(first_by_slug[slug])} («{slug}») — rinomina uno dei due file.",
            )
        first_by_slug.setdefault(slug, path)


def _load_episode(
    path: Path, known: _Known, guids: dict[str, str], claims: list[Claim], problems: Problems,
) -> Episode | None:
    site = known.site
    rel = site.relative(path)
    source = known.sources.read(path, rel, problems)
    if source is None:
        return None
    fields = FieldReader(source.meta, rel, problems, EPISODE_FIELDS, source.lines)
    draft = fields.optional("draft", read_bool, False)
    withdrawn = fields.optional("withdrawn", read_bool, False)
    read_guid = partial(_read_guid, recorded=known.ledger.guids)
    replaces_guid = fields.optional("replaces_guid", read_guid, None)
    moved_from = fields.optional("moved_from", read_url, None)
    title = fields.required("title", read_text, 'scrivi il titolo dell\'episodio, per esempio «title: "Il titolo"».')
    date = fields.required("date", read_moment(known.rules.timezone), "scrivi la data di pubblicazione, per esempio «date: 2024-05-05».")
    summary = fields.required("summary", read_description, "scrivi una o due frasi che presentano l'episodio (testo semplice).")
    guid = fields.required(
        "guid", read_guid,
        f"ogni episodio ha bisogno di un identificativo permanente: scrivi «guid: {uuid.uuid4()}» (un codice nuovo, "
        "creato per te) e non cambiarlo mai più. «reset-stories new episode» lo scrive da sé.",
    )
    read_audio = _read_file(path.parent, site.root, known.probe, audio.NotAudio)
    if draft or withdrawn:
        facts: AudioFacts | None = _read_draft_audio(fields, read_audio)
    else:
        facts = fields.required(
            "audio", read_audio,
            "scrivi il percorso del file MP3, relativo a questo file, per esempio «audio: audio/episodio.mp3» "
            "(oppure «draft: true» se l'audio non c'è ancora).",
        )
    number = fields.optional("number", read_positive_int, None)
    season = fields.optional("season", read_positive_int, None)
    kind = fields.optional("type", read_choice({t.value: t for t in EpisodeType}, EPISODE_TYPE_LABELS, "un tipo di episodio"), EpisodeType.FULL)
    explicit = fields.optional("explicit", read_bool, None)
    image = fields.optional("image", _read_file(path.parent, site.root, images.check_artwork, images.BadImage), None)
    image_alt = fields.optional("image_alt", read_text, None)
    people = fields.optional("people", read_list(credit_reader(GUEST)), ())
    for credit in people:
        known.check_person(credit.person_id, lambda message: fields.fail("people", message))
    duration = facts.duration if isinstance(facts, AudioFacts) else None
    if isinstance(facts, AudioFacts):
        for message in quality.warnings_for(facts):
            fields.warn("audio", message)
    chapters = fields.optional("chapters", read_list(chapter_reader(_read_file(path.parent, site.root, images.inspect, images.BadImage))), ())
    for message in chapter_problems(chapters, duration):
        fields.fail("chapters", message)
    transcript = fields.optional("transcript", _read_file(path.parent, site.root, _read_transcript, BadTranscript), None)
    if transcript is not None:
        _check_transcript(transcript, duration, known, fields)
    if not isinstance(guid, Missing):  # read, though other fields may have failed
        claims.append(Claim(
            guid=guid, file_slug=slugify(path.stem), rel=rel, line=fields.lines.get,
            withdrawn=withdrawn, replaces_guid=replaces_guid, moved_from=moved_from,
        ))
        if guid in guids:
            fields.fail(
                "guid",
                f"è lo stesso di {guids[guid]}: ogni episodio deve avere il suo — se hai copiato il file, scrivi qui "
                f"«guid: {uuid.uuid4()}» (un codice nuovo).",
            )
        guids.setdefault(guid, rel)
    if not (draft or withdrawn):
        _check_placeholders(source, problems, has_draft=True)
    if known.rules.serial and number is None:
        fields.fail("number", "manca: in un podcast a serie (type: serial) ogni episodio ha il suo numero — scrivi per esempio «number: 1».")
    file_slug = slugify(path.stem)
    if fields.failed or not file_slug:
        return None
    recorded = known.ledger.by_guid(guid)
    return Episode(
        source=path, slug=recorded.slug if recorded else file_slug, file_slug=file_slug, withdrawn=withdrawn,
        title=title, date=date, summary=summary, guid=guid, notes=source.body,
        audio=facts, number=number, season=season, type=kind, explicit=explicit, image=image, image_alt=image_alt,
        people=people, chapters=chapters, transcript=transcript, draft=draft,
    )


def _read_transcript(path: Path) -> Transcript:
    try:
        return read_transcript(path)
    except BadTranscript as error:
        raise BadTranscript(f"riga {error.line}: {error}" if error.line else str(error)) from None


# A cue may end a little after the audio: encoders pad the last frame.
_CUE_END_TOLERANCE = 1.0


def _check_transcript(transcript: Transcript, duration: float | None, known: _Known, fields: FieldReader) -> None:
    if duration is not None:
        late = [cue for cue in transcript.cues if cue.start >= duration or cue.end > duration + _CUE_END_TOLERANCE]
        if late:
            first = late[0]
            more = {1: "", 2: " (e un'altra dopo)"}.get(len(late), f" (e altre {len(late) - 1} dopo)")
            fields.fail(
                "transcript",
                f"la battuta {format_timecode(first.start)}–{format_timecode(first.end)} va oltre la fine dell'audio "
                f"({format_timecode(duration)}){more} — la trascrizione è di un'altra versione dell'audio? "
                "Esportala di nuovo dall'audio di questo episodio.",
            )
    for speaker in transcript.speakers:
        # A speaker is known by name, or by the id their page would have (even a page with problems).
        if speaker.casefold() not in known.person_names and slugify(speaker) not in known.person_ids:
            fields.warn(
                "transcript",
                f"«{speaker}» parla nella trascrizione ma non è tra le persone del sito — crea la sua pagina "
                f"(reset-stories new person \"{speaker}\") o correggi il nome scritto dopo «<v».",
            )


def _read_draft_audio(fields: FieldReader, read_audio: Callable[[object], AudioFacts]) -> AudioFacts | None:
    """A draft may not be recorded yet: what its audio field names is checked, but only warned about."""
    value = fields.meta.get("audio")
    if value is None:
        return None
    try:
        return read_audio(value)
    except Invalid as error:
        fields.warn("audio", f"{error} Per ora è solo un avviso, perché l'episodio è una bozza (draft: true).")
        return None


def _read_guid(value: object, *, recorded: frozenset[str] = frozenset()) -> str:
    """A guid: one word. A guid the ledger already records is taken as it is, spaces and all: an
    episode imported from another host keeps the identity apps know it by, byte for byte."""
    if isinstance(value, str) and value.strip() and not any(c.isspace() for c in value.strip()):
        return value.strip()
    if isinstance(value, str) and value in recorded:
        return value
    raise Invalid(
        f"{show_value(value)} non è un identificativo valido — scrivi un codice senza spazi, per esempio «guid: {uuid.uuid4()}»."
    )


# --- stories -------------------------------------------------------------------------------

def _load_story(path: Path, known: _Known, problems: Problems) -> Story | None:
    site = known.site
    rel = site.relative(path)
    source = known.sources.read(path, rel, problems)
    if source is None:
        return None
    themes = {theme.name.casefold(): theme for theme in site.themes}
    fields = FieldReader(source.meta, rel, problems, STORY_FIELDS, source.lines)
    title = fields.required("title", read_text, 'scrivi il titolo della storia, per esempio «title: "Il titolo"».')
    date = fields.required("date", read_moment(known.rules.timezone), "scrivi la data della storia, per esempio «date: 2024-05-05».")
    summary = fields.required("summary", read_paragraph, "scrivi una o due frasi che presentano la storia (testo semplice).")
    story_themes = fields.optional(
        "themes",
        read_list(read_choice(themes, what="uno dei temi del sito", where=" (i temi si cambiano in mkdocs.yml, sotto «themes:»)")),
        (),
    ) if known.rules.themes_checked else ()
    people = fields.optional("people", read_list(read_slug_reference), ())
    episode = fields.optional("episode", read_slug_reference, None)
    draft = fields.optional("draft", read_bool, False)
    for person_id in people:
        known.check_person(person_id, lambda message: fields.fail("people", message))
    if episode:
        known.check_episode(episode, fields)
    if not draft:
        _check_placeholders(source, problems, has_draft=True)
    if fields.failed:
        return None
    return Story(
        source=path, src_uri=_src_uri(path, site), title=title, date=date, summary=summary,
        themes=tuple(dict.fromkeys(story_themes)), people=people, episode=episode, draft=draft,
    )


def _warn_about_unpublished_links(stories: list[Story], episodes: list[Episode], now: datetime, site: Site, problems: Problems) -> None:
    by_slug = {episode.file_slug: episode for episode in episodes}
    for story in stories:
        episode = by_slug.get(story.episode) if story.episode else None
        if episode is not None and story.is_published(now) and not episode.is_published(now):
            problems.warn(
                site.relative(story.source), "episode",
                f"l'episodio «{story.episode}» non è ancora pubblicato: il collegamento comparirà quando lo sarà.",
            )


# --- the home page ----------------------------------------------------------------------------

def _read_home(site: Site, sources: SourceCache, problems: Problems) -> HomePage | None:
    """The editorial home, if ``content/index.md`` asks for it (``layout: home``).

    Only its ``layout`` is read (and a misspelling of it): the page's other fields belong to the
    engine. A home page without front matter is an ordinary page.
    """
    path = site.docs_dir / HOME_PAGE
    try:
        with path.open("rb") as file:
            opening = file.read(64)
    except OSError:
        return None  # no home page (or an unreadable one, which the engine reports)
    if not opening.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"---"):
        return None
    rel = site.relative(path)
    source = sources.read(path, rel, problems)
    if source is None:
        return None
    # Any field but a misspelt «layout», which is refused with a "did you mean".
    allowed = [str(key) for key in source.meta if key == HOME_LAYOUT_FIELD or suggest(str(key), [HOME_LAYOUT_FIELD]) is None]
    fields = FieldReader(source.meta, rel, problems, [*allowed, HOME_LAYOUT_FIELD], source.lines)
    layout = fields.optional(HOME_LAYOUT_FIELD, _read_home_layout, "page")
    if fields.failed or layout != "home":
        return None
    title = source.meta.get("title")
    return HomePage(src_uri=HOME_PAGE, title=" ".join(title.split()) if isinstance(title, str) and title.strip() else None)


def _read_home_layout(value: object) -> str:
    if isinstance(value, str) and value.strip().lower() in HOME_LAYOUTS:
        return value.strip().lower()
    choices = " oppure ".join(f"«{HOME_LAYOUT_FIELD}: {name}» ({label})" for name, label in HOME_LAYOUTS.items())
    raise Invalid(f"{show_value(value)} non è un modo di impaginare la pagina iniziale — scrivi {choices}.")


# --- shared --------------------------------------------------------------------------------

def _read_file(base: Path, root: Path, inspect: Callable[[Path], T], failure: type[Exception]) -> Callable[[object], T]:
    """A reader for a file named relative to ``base``: found inside the project, then inspected."""

    def read(value: object) -> T:
        relative = read_relative_path(value)
        path = resolve_inside(base, relative, root)
        try:
            return inspect(path)
        except failure as error:
            raise Invalid(f'"{relative}": {error}') from None

    return read


def _check_placeholders(source: Source, problems: Problems, *, has_draft: bool) -> None:
    """Example text left by ``new`` in a file that goes live is an error: visitors would read it."""
    for field, line, message in placeholder_problems(source, has_draft):
        problems.error(source.rel, field, message, line=line)


def _markdown_files(folder: Path, *, recursive: bool = True) -> list[Path]:
    """Content files in ``folder``, in a fixed order; section index pages are not items."""
    if not folder.is_dir():
        return []
    found = folder.rglob("*.md") if recursive else folder.glob("*.md")
    return sorted(p for p in found if p.is_file() and p.name != "index.md" and not p.name.startswith((".", "_")))


def _report_broken_links(site: Site, problems: Problems) -> None:
    """A symlink to nothing would be skipped in silence (the file it stood for would vanish): report it."""
    broken: set[Path] = set()
    for folder in (site.docs_dir, site.episodes_dir):
        for parent, folders, files in os.walk(folder):  # symlinked folders are not followed: no loops
            folders[:] = [name for name in folders if not name.startswith(".")]
            # A link to nothing is not a folder, so it is among the files. Hidden ones are left alone:
            # editors keep such links as locks (Emacs's ".#episodio.md") while a file is being edited.
            links = (Path(parent) / name for name in files if not name.startswith("."))
            broken.update(link for link in links if link.is_symlink() and not link.exists())
    for path in sorted(broken):
        problems.error(
            site.relative(path), None,
            f"è un collegamento (alias) a «{os.readlink(path)}», che non esiste — metti al suo posto "  # noqa: PTH115 - the link as written, unnormalised
            "il file vero (una copia, non un collegamento) oppure cancella il collegamento.",
        )


def _src_uri(path: Path, site: Site) -> str:
    return path.relative_to(site.docs_dir).as_posix()
