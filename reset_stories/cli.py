"""The ``reset-stories`` command: build, serve, check, new.

A second adapter over the core. The engine is reached only through :mod:`reset_stories.engines.mkdocs`,
imported when a command needs it. Exit codes: 0 done, 1 content problems, 2 wrong usage.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

import click

from reset_stories.problems import NOTHING_PUBLISHED, Problem, Problems, format_report
from reset_stories.site.labels import italian_size

if TYPE_CHECKING:  # imported when a command needs it
    from reset_stories.lint import Linted
    from reset_stories.publish.release import Release

CONTENT_PROBLEMS = 1
log = logging.getLogger("reset_stories.cli")
# The engines that build the pages: the first is the default.
ENGINES = ("mkdocs", "zensical")

_config_option = click.option(
    "-f", "--config-file", default="mkdocs.yml", show_default=True,
    help="Il file di configurazione del sito.",
)


class _StaffGroup(click.Group):
    """Commands whose unforeseen failures are told to staff in a line, with the details kept for
    developers in a file: a traceback is not a message anyone writing content can act on."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort, SystemExit, KeyboardInterrupt):
            raise
        except Exception as error:  # noqa: BLE001 - the last resort, reported below
            import tempfile
            import traceback

            details = Path(tempfile.gettempdir()) / "reset-stories-errore.txt"
            try:
                details.write_text(traceback.format_exc(), encoding="utf-8")
                where = f"i dettagli per chi sviluppa lo strumento sono in {details}"
            except OSError:
                where = "rilancia il comando per vedere se si ripete"
            _fail(
                f"errore interno di reset-stories ({type(error).__name__}: {error}) — non è un problema dei tuoi file "
                f"che lo strumento sappia spiegare: {where}. Il sito pubblicato non è cambiato."
            )
            raise AssertionError("unreachable") from None


@click.group(cls=_StaffGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reset-stories")
def main() -> None:
    """reset-stories: storie ed episodi in Markdown → sito web e feed del podcast.

    Esegui i comandi nella cartella che contiene mkdocs.yml.
    """


@main.command()
@_config_option
@click.option("-d", "--site-dir", default="site", show_default=True, help="Dove scrivere il sito.")
@click.option(
    "--move-media", is_flag=True,
    help="Accetta che l'indirizzo dell'audio degli episodi già pubblicati cambi (dopo uno spostamento voluto).",
)
@click.option(
    "--engine", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
    help="Il motore che costruisce le pagine: MkDocs con Material, oppure Zensical. Il feed è lo stesso.",
)
def build(config_file: str, site_dir: str, move_media: bool, engine: str) -> None:
    """Controlla tutto, poi costruisce il sito e il feed.

    Se qualcosa non va, elenca ogni problema e non tocca il sito precedente: il nuovo sito
    prende il posto del vecchio solo quando è completo. Aggiorna published.yml, il registro
    degli episodi pubblicati.
    """
    from reset_stories.content.ledger import FILE as LEDGER_FILE  # not at the top: `lint` needs no ledger
    from reset_stories.engines import mkdocs

    _configure_logging()
    # Absolute, because MkDocs reads a relative site dir from mkdocs.yml's folder, not from here.
    target = Path(site_dir).resolve()
    # The MkDocs build reports the warnings itself: the check before it reports only what stops it.
    loaded = _load_or_exit(
        config_file, warnings=engine != "mkdocs", site_dir=str(target), move_media=move_media, write_media=True,
    )
    try:
        if engine == "mkdocs":
            ledger_written = mkdocs.build_site(config_file, str(target), loaded)
        else:
            ledger_written = _build_with_zensical(config_file, target, loaded)
    except mkdocs.ProjectError as error:
        _fail(str(error))
    catalog = loaded.catalog
    assert catalog is not None
    shown = Path(site_dir)
    click.echo(f"Sito pronto: {shown}/ (apri {shown / 'index.html'})")
    click.echo(
        f"Feed del podcast: {shown / catalog.site.feed_uri} — sarà pubblicato come "
        f"{catalog.site.absolute(catalog.site.feed_uri)}"
    )
    click.echo(
        f"Pubblicati: {_count(len(catalog.episodes), 'episodio', 'episodi')}, {_count(len(catalog.stories), 'storia', 'storie')}, "
        f"{_count(len(catalog.people), 'persona', 'persone')}."
    )
    if ledger_written:
        click.echo(f"Aggiornato {LEDGER_FILE}, il registro degli episodi pubblicati: salvalo (commit) con i contenuti.")


def _build_with_zensical(config_file: str, target: Path, loaded: Release) -> bool:
    """Zensical builds the tree ``generate`` writes; the publishing stage is the same as MkDocs's."""
    from reset_stories.engines import zensical
    from reset_stories.publish.faults import describe_os_error
    from reset_stories.publish.from_tree import MissingPages, build_from_tree
    from reset_stories.publish.search import SearchIndexFailed

    try:
        config, templates = _zensical_project(config_file, loaded)
        for name in zensical.foreign_plugins(config):
            click.echo(
                f"avviso: {Path(config_file).name}, plugins: {zensical.NAME} non esegue i plugin di MkDocs, e «{name}» "
                "sarà ignorato o fatto a modo suo — controlla il sito, oppure costruisci con il motore predefinito.",
                err=True,
            )
        assert loaded.catalog is not None
        return build_from_tree(
            loaded, target, engine=zensical.NAME, work=loaded.catalog.site.root / zensical.BUILD_FOLDER,
            config_name=Path(config_file).name,
            config=config, templates=templates, run_engine=zensical.run_zensical,
        )
    except zensical.EngineFailed as error:
        _fail(format_report(error.problems))
    except MissingPages as error:
        _fail(format_report([Problem("--engine", None, str(error))]))
    except SearchIndexFailed as error:
        _fail(format_report([Problem("ricerca", None, str(error))]))
    except OSError as error:
        _fail(format_report([describe_os_error(error, target)]))


@main.command()
@_config_option
@click.argument("out", type=click.Path(path_type=Path))
@click.option(
    "--engine", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
    help="Il motore per cui scrivere la configurazione.",
)
def generate(config_file: str, out: Path, engine: str) -> None:
    """Scrive in OUT un progetto autonomo, che si costruisce senza reset-stories.

    OUT/docs contiene le pagine (quelle generate con i loro dati nell'intestazione), il feed,
    l'audio e le immagini; OUT/overrides i modelli delle pagine; OUT/mkdocs.yml la configurazione
    senza il plugin. Costruiscilo con «mkdocs build» (o «zensical build», con --engine zensical)
    dentro OUT. OUT viene sostituita per intero.
    """
    from reset_stories.engines import mkdocs
    from reset_stories.publish.faults import describe_os_error
    from reset_stories.publish.outputs import check_tree
    from reset_stories.publish.tree import write_tree

    _configure_logging()
    target = out.resolve()
    loaded = _load_or_exit(config_file, write_media=True)
    assert loaded.catalog is not None
    refused = Problems([])
    check_tree(loaded.catalog.site, target, refused)
    _report_or_exit(refused.errors, "Non ho scritto niente.")
    try:
        config, templates = (
            _zensical_project(config_file, loaded) if engine == "zensical" else mkdocs.standalone_config(config_file, loaded)
        )
        write_tree(loaded, target, config_name="mkdocs.yml", config=config, templates=templates)
    except mkdocs.ProjectError as error:
        _fail(str(error))
    except OSError as error:
        _fail(format_report([describe_os_error(error, target)]))
    click.echo(f"Progetto autonomo pronto: {out}/ — costruiscilo con «{engine} build» in quella cartella.")


@main.command()
@_config_option
@click.option("-a", "--dev-addr", default=None, metavar="IP:PORTA", help="Indirizzo dell'anteprima (predefinito 127.0.0.1:8000).")
@click.option("--drafts", is_flag=True, help="Mostra anche bozze ed episodi programmati (mai nel feed).")
@click.option(
    "--engine", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
    help="Il motore che costruisce le pagine dell'anteprima: MkDocs con Material, oppure Zensical.",
)
def serve(config_file: str, dev_addr: str | None, drafts: bool, engine: str) -> None:
    """Anteprima dal vivo: ricostruisce e ricarica il browser a ogni modifica.

    Guarda i contenuti, gli episodi e mkdocs.yml. Ferma con Ctrl+C. Con --engine zensical
    l'anteprima è il sito come lo costruisce Zensical (reset-stories build --engine zensical).
    """
    from reset_stories.engines import mkdocs

    _configure_logging(verbose=True)
    try:
        if engine == "zensical":
            _serve_with_zensical(config_file, dev_addr or mkdocs.DEFAULT_ADDRESS, drafts)
            return
        _load_or_exit(config_file)
        mkdocs.serve_site(config_file, dev_addr, drafts=drafts)
    except mkdocs.ProjectError as error:
        # The address is not content: one line says what to do, without a count of problems.
        _fail("\n".join(map(str, error.problems)) if all(p.path == "serve" for p in error.problems) else str(error))


def _zensical_project(config_file: str, release: Release) -> tuple[dict[str, Any], list[Path]]:
    """The configuration and template folders of the tree Zensical builds (build and serve alike)."""
    from reset_stories.engines import mkdocs, zensical

    config, templates = mkdocs.standalone_config(config_file, release)
    return zensical.zensical_config(config), templates


def _serve_with_zensical(config_file: str, address: str, drafts: bool) -> None:
    """Zensical's server on the tree ``generate`` writes, kept in a work folder of the cache and
    brought up to date in place when staff save a file: Zensical rebuilds what changed and
    reloads the browser. A save with problems leaves the tree, so the preview, as it was."""
    from reset_stories.engines import mkdocs, zensical
    from reset_stories.media.cache import FOLDER as CACHE_FOLDER
    from reset_stories.publish import atomic
    from reset_stories.publish.faults import describe_os_error
    from reset_stories.publish.tree import sync_tree

    try:
        zensical.check_installed()
    except zensical.EngineFailed as error:
        _fail(format_report(error.problems))
    mkdocs.check_address(address, "reset-stories serve --engine zensical")
    release = _checked(lambda: mkdocs.load_preview(config_file, address, drafts=drafts))
    assert release.catalog is not None
    name = Path(config_file).name
    watched: list[Path] = []
    failing = False

    def write(release: Release) -> list[str]:
        assert release.catalog is not None
        site = release.catalog.site
        config, templates = _zensical_project(config_file, release)
        # The pages and the feed point at the preview, as in the MkDocs preview.
        config = {**config, "site_url": site.url}
        changed = sync_tree(release, work, config_name=name, config=config, templates=templates)
        watched[:] = [Path(config_file), site.docs_dir, site.episodes_dir, *templates]
        return changed

    def refresh() -> None:
        nonlocal failing
        try:
            fresh = mkdocs.load_preview(config_file, address, drafts=drafts)
            for warning in fresh.problems.warnings:
                log.warning(warning.without_severity())
            errors = fresh.problems.errors
            changed = write(fresh) if fresh.plan is not None else []
        except mkdocs.ProjectError as error:
            errors, changed = error.problems, []
        except OSError as error:
            errors, changed = [describe_os_error(error)], []
        if errors:
            log.error(format_report(errors, mkdocs.KEPT_PREVIEW))
        elif changed or failing:  # after a fix too, when it brings back the last good version
            log.info("Anteprima aggiornata.")
        failing = bool(errors)

    try:
        # Never the site folder: the preview publishes nothing, and writes no published.yml.
        work = atomic.staging_for(release.catalog.site.root / CACHE_FOLDER / "zensical-preview")
    except OSError as error:
        _fail(format_report([describe_os_error(error)]))
    try:
        write(release)
        log.info(
            f"Anteprima con {zensical.NAME}: {release.catalog.site.url} — si aggiorna da sola a ogni modifica "
            "salvata; fermala con Ctrl+C."
        )
        zensical.serve_tree(work / name, address, watched=lambda: watched, refresh=refresh)
        log.info("Anteprima fermata.")
    except zensical.EngineFailed as error:
        _fail(format_report(error.problems))
    except OSError as error:
        _fail(format_report([describe_os_error(error, work)]))
    finally:
        atomic.discard(work)


@main.command()
@_config_option
@click.option("--remote", is_flag=True, help="Controlla anche l'audio pubblicato in rete (media_base_url o il sito).")
@click.option(
    "--old-feed", metavar="URL", default=None,
    help="Dopo un trasferimento: controlla che il vecchio feed porti al nuovo e che i suoi episodi siano questi (implica --remote).",
)
def check(config_file: str, remote: bool, old_feed: str | None) -> None:
    """Controlla contenuti, impostazioni, feed e qualità dell'audio, senza costruire nulla.

    Esce con 1 se c'è un problema. Con --remote chiede a ogni file audio pubblicato ciò che
    chiedono le app (HEAD e Range) e confronta lunghezza e tipo con il feed. Con --old-feed URL
    controlla anche il trasferimento da un altro servizio: il vecchio feed deve reindirizzare (301)
    al nuovo o indicarlo con itunes:new-feed-url, e i suoi episodi devono avere qui lo stesso guid
    e lo stesso audio.
    """
    from reset_stories.media.quality import describe

    _configure_logging()
    loaded = _load_or_exit(config_file, measure_loudness=True)
    catalog, media = loaded.catalog, loaded.media
    assert catalog is not None and media is not None
    if remote or old_feed:
        from reset_stories.media.remote import check_move, check_remote

        found = check_remote(catalog, media)
        move = check_move(catalog, media, old_feed) if old_feed else None
        consequence = "il trasferimento del podcast non è ancora completo." if move else "l'audio pubblicato non è come lo promette il feed."
        _report_or_exit(found + (move.problems if move else []), consequence)
        click.echo(f"Audio pubblicato verificato: {_count(len(catalog.episodes), 'file', 'file')} come nel feed.")
        for note in move.notes if move else []:
            click.echo(note)
    click.echo("Audio degli episodi pubblicati:")
    for episode in catalog.episodes:
        assert episode.audio is not None
        click.echo(f"  {catalog.site.relative(episode.source)}: {describe(episode.audio, media.enclosure(episode).size)}")
    waiting = len(catalog.unpublished)
    click.echo(
        f"Tutto a posto: {_count(len(catalog.episodes), 'episodio pubblicato', 'episodi pubblicati')}"
        + (f" ({waiting} tra bozze e programmati)" if waiting else "")
        + f", {_count(len(catalog.stories), 'storia', 'storie')}, {_count(len(catalog.people), 'persona', 'persone')}."
    )


# How long `lint URL` waits for the feed, and `lint --remote` for all the files it names.
FEED_TIMEOUT = 30.0
REMOTE_TIMEOUT = 300.0
REMOTE_WORKERS = 8


@main.command()
@click.argument("feed")
@click.option("--remote", is_flag=True, help="Controlla anche sui loro server i file a cui il feed rimanda: audio, copertine, capitoli, trascrizioni.")
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: una riga per problema; json: per CI (forma descritta nel README).")
@click.option("--timeout", type=click.FloatRange(min=1), default=REMOTE_TIMEOUT, show_default=True,
              help="Con --remote: i secondi al massimo per tutti i controlli sui server.")
def lint(feed: str, remote: bool, output: str, timeout: float) -> None:
    """Controlla un feed podcast (FEED: il file XML o il suo indirizzo http(s)) con le regole di RSS 2.0, Apple e Podcasting 2.0.

    Se il feed sta in un sito costruito (per esempio site/feed.xml), controlla anche
    i file a cui rimanda: copertine, capitoli, trascrizioni. Esce con 0 se non ci sono errori
    (gli avvisi non contano), 1 se ce ne sono, 2 se FEED non si può leggere.
    """
    from reset_stories.lint import report

    linted = _lint_target(feed, remote=remote, timeout=timeout)
    found = linted.lines()
    errors, _ = report.counts(found)
    if output == "json":
        click.echo(report.as_json(found, linted.origin))
    else:
        if found:
            click.echo(report.text(found, linted.origin), err=True)
        ending = report.summary(found, "le app potrebbero rifiutare questo feed o mostrarlo male.")
        click.echo(f"{feed}: {ending}", err=bool(errors))
    if errors:
        sys.exit(CONTENT_PROBLEMS)


def _lint_target(feed: str, *, remote: bool, timeout: float) -> Linted:
    """The findings of ``feed`` (a path or an http(s) URL), with the remote checks if asked;
    a feed that cannot be read is a usage error (exit code 2)."""
    from datetime import UTC, datetime

    from reset_stories import lint as linting
    from reset_stories.lint import remote as remote_checks
    from reset_stories.lint.checking import Check
    from reset_stories.lint.rules import RULES

    check = Check(RULES, now=datetime.now(UTC))  # dates in the future are judged against this moment
    if feed.startswith(("http://", "https://")):
        try:
            fetched = remote_checks.fetch_feed(feed, timeout=FEED_TIMEOUT)
        except remote_checks.FetchFailed as error:
            raise click.BadParameter(f"{feed}: {error.message}", param_hint="FEED") from None
        remote_checks.report_fetch(fetched, check)
        body, base_url = fetched.body, fetched.url
    else:
        path = Path(feed)
        try:
            body = path.read_bytes()
        except OSError as error:
            reason = "non esiste" if isinstance(error, FileNotFoundError) else f"non si legge ({error.strerror or error})"
            raise click.BadParameter(f"il file {feed} {reason}.", param_hint="FEED") from None
        base_url = None
    origin = linting.Origin(feed=feed if base_url else Path(feed).name)
    # A file may sit in a built site, whose files it names are read there; a fetched feed has none.
    root = linting.examine(body, check) if base_url else linting.examine_file(Path(feed), body, check)
    if root is None:
        return linting.Linted(check.findings, origin)
    if remote:
        with _RemoteProgress() as progress:
            remote_checks.check_remote(
                root, check, base_url=base_url or "", progress=progress, deadline=timeout, workers=REMOTE_WORKERS,
            )
    return linting.Linted(check.findings, origin)


class _RemoteProgress:
    """A progress bar on stderr for the remote checks, made when the first count arrives."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=max(total, 1), label="Controllo dei file sui server", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(max(done - self.done, 0))
        self.done = max(done, self.done)

    def __enter__(self) -> _RemoteProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@main.command("import")
@click.argument("feed")
@click.option("-d", "--dir", "target", default=".", show_default=True, help="La cartella del progetto (nuova o esistente).")
@click.option("--site-url", default=None, help="L'indirizzo pubblico del nuovo sito (altrimenti un segnaposto da cambiare).")
@click.option("--no-audio", is_flag=True, help="Non scarica l'audio: ogni episodio dice quale file manca e da dove prenderlo.")
@click.option("--dry-run", is_flag=True, help="Mostra che cosa scriverebbe, senza scrivere nulla.")
def import_(feed: str, target: str, site_url: str | None, no_audio: bool, dry_run: bool) -> None:
    """Importa un podcast esistente dal suo feed RSS (FEED: un indirizzo web o un file).

    Crea un episodio per ogni elemento del feed, con guid, date, capitoli, trascrizioni e
    persone, e registra in published.yml gli episodi già pubblicati. Non sovrascrive mai un file:
    rilanciato, importa solo gli episodi nuovi.
    """
    from reset_stories.content.ledger import FILE as LEDGER_FILE  # not at the top: `lint` needs no ledger
    from reset_stories.importing import (
        FetchFailed,
        NotAFeed,
        WriteFailed,
        audio_downloader,
        fetch_bytes,
        layout_of,
        plan_import,
        read_feed,
        write_plan,
    )

    root = Path(target)
    fetch_audio = None if no_audio or dry_run else audio_downloader(_progress_line)
    feed_url = feed if feed.startswith(("http://", "https://")) else str(Path(feed).resolve())
    try:
        data = fetch_bytes(feed)
        read = read_feed(data, feed if feed.startswith(("http://", "https://")) else None)
    except (FetchFailed, NotAFeed) as error:
        _fail(f"{feed}: {error}")
    plan = plan_import(read, layout_of(root), feed_url=feed_url, site_url=site_url, audio=fetch_audio is not None)
    if site_url is not None and not plan.new_project:
        click.echo("avviso: --site-url non è stato usato: il progetto ha già il suo mkdocs.yml, che non viene cambiato.", err=True)
    for difference in plan.differences:
        click.echo(f"mkdocs.yml: {difference} (non cambiato: correggilo a mano se serve).")
    notes = list(plan.notes)
    if dry_run:
        for planned in plan.files:
            source = f" (da {planned.url})" if planned.url else ""
            click.echo(f"Scriverei {plan.relative(planned.path)}{source}")
        if plan.entries:
            click.echo(f"Scriverei {LEDGER_FILE} con {_count(len(plan.entries), 'episodio', 'episodi')} già pubblicati.")
    else:
        try:
            notes += write_plan(plan, fetch_file=fetch_bytes, fetch_audio=fetch_audio, report=click.echo)
        except WriteFailed as error:
            _fail(str(error))
    for note in notes:
        click.echo(f"avviso: {note}", err=True)
    if plan.skipped_known:
        click.echo(f"Già nel progetto: {_count(plan.skipped_known, 'episodio', 'episodi')} (saltati).")
    verb = "Importerei" if dry_run else "Importati"
    click.echo(f"{verb}: {_count(len(plan.imported), 'episodio', 'episodi')} su {read.count} elementi del feed.")
    if not plan.imported and not plan.skipped_known:
        _fail("nessun episodio importato: il feed non ha elementi con un file audio.")
    if not dry_run and plan.imported:
        click.echo("Poi: «reset-stories check» dice che cosa resta da completare.")


@main.command("restore-ledger")
@_config_option
@click.option("-d", "--site-dir", default=None, help="La cartella del sito dell'ultima pubblicazione (predefinita: site).")
def restore_ledger(config_file: str, site_dir: str | None) -> None:
    """Ricostruisce published.yml, il registro degli episodi pubblicati, se è stato perso.

    Riprende ogni episodio dal feed dell'ultima pubblicazione (site/feed.xml) e dalla versione
    salvata in git. Gli episodi già nel registro restano come sono.
    """
    from reset_stories.content.ledger import FILE as LEDGER_FILE  # not at the top: `lint` needs no ledger
    from reset_stories.engines import mkdocs as engine

    _configure_logging()
    try:
        added, target = engine.restore_ledger(config_file, site_dir)
    except engine.ProjectError as error:
        _fail(str(error))
    if added is None:
        _fail(
            f"{LEDGER_FILE}: non c'è niente da cui ricostruirlo: né {target / 'feed.xml'} né una versione salvata in git — "
            "se il sito è pubblicato altrove, copia il suo feed.xml in quella cartella e riprova."
        )
    if not added:
        click.echo(f"{LEDGER_FILE} registra già ogni episodio pubblicato: non è cambiato nulla.")
        return
    click.echo(f"{LEDGER_FILE} ricostruito: ripresi {_count(len(added), 'episodio', 'episodi')}:")
    for entry in added:
        click.echo(f"  «{entry.title}» ({entry.guid}), pubblicato il {entry.first_published.date().isoformat()}")
    click.echo("Controlla con «git diff published.yml», poi salvalo (commit) con i contenuti.")


@main.command()
@_config_option
@click.argument("kind", type=click.Choice(["episode", "story", "person"]))
@click.argument("title")
def new(config_file: str, kind: str, title: str) -> None:
    """Crea un nuovo episodio, una storia o una persona con l'intestazione giusta.

    KIND è episode, story o person; TITLE è il titolo (o il nome e cognome).
    Esempio: reset-stories new episode "Un Palazzo, una Città"
    """
    from reset_stories.content.scaffold import ScaffoldError, scaffold
    from reset_stories.engines import mkdocs as engine

    _configure_logging()
    try:
        where = engine.new_content(config_file)
        path, text = scaffold(kind, title, where)
    except engine.ProjectError as error:
        _fail(str(error))
    except ScaffoldError as error:
        _fail(str(error))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:
            out.write(text)
    except OSError as error:
        from reset_stories.publish.faults import describe_os_error

        _fail(str(describe_os_error(error, path)))
    click.echo(f"Creato {where.relative(path)}: apri il file e completa i campi.")


# --- helpers -----------------------------------------------------------------------------------

def _progress_line(name: str) -> Callable[[int, int | None], None]:
    """A download's progress on one line that rewrites itself, for people at a terminal (not logs)."""
    shown = sys.stderr.isatty()

    def progress(done: int, total: int | None) -> None:
        if not shown:
            return
        of = f" di {italian_size(total)}" if total else ""
        percent = f" ({done * 100 // total}%)" if total else ""
        end = "\n" if total and done >= total else ""
        click.echo(f"\r  {name}: {italian_size(max(done, 1))}{of}{percent}   ", err=True, nl=False)
        if end:
            click.echo("", err=True)

    return progress


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _load_or_exit(
    config_file: str, *, warnings: bool = True,
    site_dir: str | None = None, measure_loudness: bool = False, move_media: bool = False, write_media: bool = False,
) -> Release:
    from reset_stories.engines import mkdocs as engine

    return _checked(lambda: engine.load(
        config_file, site_dir=site_dir, measure_loudness=measure_loudness, move_media=move_media, write_media=write_media,
    ), warnings=warnings)


def _checked(load: Callable[[], Release], *, warnings: bool = True) -> Release:
    """What ``load`` loads, its problems reported; stop with exit code 1 if it cannot be published."""
    from reset_stories.engines import mkdocs as engine

    try:
        loaded = load()
    except engine.ProjectError as error:
        _fail(str(error))
    if warnings or loaded.problems.errors:
        _report(loaded.problems)
    if loaded.plan is None:
        sys.exit(CONTENT_PROBLEMS)
    return loaded


def _report(problems: Problems, consequence: str = NOTHING_PUBLISHED) -> None:
    """Every problem in file and line order, warnings among them; the summary when there are errors."""
    if problems.errors:
        click.echo(format_report(problems.sorted(), consequence), err=True)
    else:
        for warning in problems.warnings:
            click.echo(str(warning), err=True)


def _report_or_exit(found: list[Problem], consequence: str) -> None:
    """Report ``found``; stop with exit code 1 if any is an error."""
    problems = Problems(list(found))
    _report(problems, consequence)
    if problems.errors:
        sys.exit(CONTENT_PROBLEMS)


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(CONTENT_PROBLEMS)


class _StaffFormatter(logging.Formatter):
    _LEVELS: ClassVar[dict[int, str]] = {logging.WARNING: "avviso", logging.ERROR: "errore", logging.CRITICAL: "errore"}

    def format(self, record: logging.LogRecord) -> str:
        label = self._LEVELS.get(record.levelno)
        message = record.getMessage()
        return f"{label}: {message}" if label else message


class _KnownToCore(logging.Filter):
    """What MkDocs says in English and the core reports in Italian: unknown options of our plugin,
    links to missing or unpublished pages (reset_stories.content.links)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "Plugin 'reset-stories' option" in message and "Unrecognised configuration name" in message:
            return False
        return not (record.name == "mkdocs.structure.pages" and " contains a link " in message and (
            "is not found among documentation files" in message or "which is excluded from the built site" in message
        ))


def _configure_logging(verbose: bool = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_StaffFormatter())
    handler.addFilter(_KnownToCore())
    for name in ("mkdocs", "reset_stories"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.INFO if verbose else logging.WARNING)
        logger.propagate = False
