"""The MkDocs adapter: the only module that imports mkdocs.

Event methods stay thin: the core loads and checks the content (:mod:`reset_stories.content.loader`)
and plans the site (:mod:`reset_stories.site.plan`); this module hands the plan to MkDocs as
generated files, page metadata and templates. ``build_site``/``serve_site``/``load`` serve the
CLI, so that it needs no mkdocs import of its own.
"""

from __future__ import annotations

import contextlib
import errno
import html
import logging
import os
import socket
import tempfile
import types
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import urlsplit

import jinja2
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import BaseConfigOption, Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils.yaml import yaml_load

from reset_stories import sanitize
from reset_stories.content import ledger, scaffold
from reset_stories.content.fields import Invalid, read_moment
from reset_stories.content.ledger import FILE as LEDGER_FILE
from reset_stories.content.ledger import Entry
from reset_stories.content.loader import Loaded, load_project
from reset_stories.content.options import Option
from reset_stories.content.scaffold import NewContent
from reset_stories.content.settings import (
    DEFAULT_TIMEZONE,
    PLUGIN_OPTIONS,
    read_site,
    timezone_of,
    written_show,
)
from reset_stories.content.sources import describe_deep_yaml, describe_yaml_error
from reset_stories.engines.config_errors import config_problems, installed_names
from reset_stories.engines.rendered_pages import (
    COMPILED_TEMPLATES,
    RenderedPages,
    Structure,
    caching_template_class,
    keep_conversion,
    keeps_pages,
)
from reset_stories.engines.rendered_pages import FOLDER_NAME as RENDERED_PAGES
from reset_stories.engines.theme import dress, speak_show_language, unwritten
from reset_stories.media.cache import FOLDER as CACHE_FOLDER
from reset_stories.media.cache import place
from reset_stories.model import Catalog
from reset_stories.problems import (
    NOTHING_PUBLISHED,
    PeopleFacingError,
    Problem,
    Problems,
    format_report,
)
from reset_stories.publish import atomic
from reset_stories.publish.beside import publish_beside_site
from reset_stories.publish.faults import describe_os_error
from reset_stories.publish.release import Release, prepare
from reset_stories.publish.search import SearchIndexFailed, index_later, index_site, searching
from reset_stories.site import ASSETS, PAGE_ASSETS, TEMPLATES_DIR, look
from reset_stories.site.plan import PagePlan, SitePlan, page_meta

PLUGIN_NAME = "reset-stories"
# What the kept rendered pages need of MkDocs (rendered_pages.py imports no engine).
_STRUCTURE = Structure(page=Page, table_of_contents=TableOfContents, anchor_link=AnchorLink)
# The commands that publish a site: they build atomically and record the publication.
PUBLISHING_COMMANDS = ("build", "gh-deploy")
# Preview settings, read only when serving (never by a build that publishes):
# an ISO date-time to preview the site as if it were that moment, and 1 to show drafts.
NOW_VARIABLE = "RESET_STORIES_NOW"
DRAFTS_VARIABLE = "RESET_STORIES_DRAFTS"
DEFAULT_ADDRESS = "127.0.0.1:8000"  # where a preview is served when no address is given
KEPT_PREVIEW = "l'anteprima mostra ancora l'ultima versione riuscita: correggi e salva."

log = logging.getLogger(f"mkdocs.plugins.{PLUGIN_NAME}")

T = TypeVar("T")


def _config_option(option: Option) -> BaseConfigOption[Any]:
    """What MkDocs checks of one of our options: only its type, so that a wrong one is told on its
    line (engines/config_errors.py). No default (the core applies them, and tells a former name
    from a current one); unknown names are left to the core, which reports them in Italian."""
    kinds: dict[type, Callable[[], BaseConfigOption[Any]]] = {
        str: lambda: c.Type(str), int: lambda: c.Type(int), list: lambda: c.ListOfItems(c.Type(str)), dict: lambda: c.Type(dict),
    }
    return c.Optional(kinds[option.kind]())


# The plugin's options, declared once in reset_stories.content.settings.PLUGIN_OPTIONS.
if TYPE_CHECKING:
    ResetStoriesConfig = Config
else:
    ResetStoriesConfig = types.new_class(
        "ResetStoriesConfig", (Config,),
        exec_body=lambda namespace: namespace.update(
            {"__module__": __name__} | {option.name: _config_option(option) for option in PLUGIN_OPTIONS},
        ),
    )


class ResetStoriesPlugin(BasePlugin[ResetStoriesConfig]):
    # Set by `reset-stories serve --drafts` for the whole preview: MkDocs makes a new plugin for
    # every rebuild, so the setting lives on the class (`mkdocs serve` users set RESET_STORIES_DRAFTS).
    serve_drafts: bool = False
    plan: SitePlan
    catalog: Catalog
    release: Release
    _command: str | None = None
    _publishing = False
    _stamped_build_date = False
    # A build is written into a staging folder and swapped in at the end (see atomic.py).
    _target: Path | None = None
    _staging: Path | None = None
    _built = False
    _rendered: RenderedPages | None = None
    ledger_written = False
    # Handed over by `reset-stories build`, which has just checked everything: not loaded again.
    prepared: Release | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        serving = _is_serving(self._command, config)
        publishing = not serving and self._command in PUBLISHING_COMMANDS
        public = _PublicSite.of(config, serving=serving)
        preview = _Preview.from_environment(self.config, serving=serving, drafts=self.serve_drafts)
        release = self.prepared
        if release is None:
            release = _guard(lambda: prepare(load_from(
                config, self.config, site_url=config.site_url, site_dir=public.site_dir, public_url=public.url,
                previews=preview.drafts, now=preview.now,
            ), write_media=True), PluginError)
        _log_warnings(release.problems)
        if release.plan is None or release.catalog is None:
            raise PluginError(format_report(release.problems.errors, KEPT_PREVIEW if serving else NOTHING_PUBLISHED))
        self.plan, self.catalog, self.release = release.plan, release.catalog, release
        self._publishing = publishing
        self._stamped_build_date = _stamp_build_date(release.catalog.last_published)
        if publishing or serving:
            # Built beside the site and swapped in when complete: a failed build (or, in a
            # preview, a failed rebuild) leaves the last good site in place.
            target = self._target = Path(config.site_dir)
            self._staging = _guard(lambda: atomic.staging_for(target), PluginError)
            config.site_dir = str(self._staging)
        # No request to any other host: Material would load Google Fonts (ruled a GDPR breach in the EU).
        config.theme["font"] = False
        _idle_theme_search(config)
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES_DIR))
        config.extra_javascript.extend(uri for uri in PAGE_ASSETS if uri.endswith(".js"))
        # Our stylesheet, with the site's colours; the look's schemes, logo and favicon, where the
        # owner's theme: says nothing else.
        config.extra_css.append(look.STYLESHEET)
        dress(config, look.theme_settings(release.catalog.site, release.catalog.show.language))
        return config

    @event_priority(100)  # before other plugins (search) read the theme's language
    def _speak_show_language(self, config: MkDocsConfig) -> MkDocsConfig:
        speak_show_language(config, written_show(self.config))
        return config

    on_config = CombinedEvent(_speak_show_language, on_config)  # type: ignore[assignment]

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Drafts and scheduled stories staff wrote among the pages: no page, search entry or sitemap entry.
        for src_uri in self.plan.hidden:
            if (hidden := files.get_file_from_path(src_uri)) is not None:
                files.remove(hidden)
        for page in self.plan.pages:
            if page.markdown is not None:
                _put(files, File.generated(config, page.src_uri, content=page.markdown, inclusion=_inclusion(page)))
            elif not page.in_nav and (written := files.get_file_from_path(page.src_uri)) is not None:
                written.inclusion = InclusionLevel.NOT_IN_NAV
        for media in self.plan.media:
            _put(files, _LinkedFile.generated(config, media.dest_uri, abs_src_path=str(media.source)))
        for uri in PAGE_ASSETS:  # the others are for other engines' pages
            _put(files, File.generated(config, uri, abs_src_path=str(ASSETS[uri])))
        for data in self.plan.files:
            _put(files, File.generated(config, data.dest_uri, content=data.content))
        # Pages whose inputs did not change are not converted or rendered again (rendered_pages.py).
        if keeps_pages(config):
            self._rendered = RenderedPages(self.catalog.site.root / CACHE_FOLDER / RENDERED_PAGES, _STRUCTURE)
        return files

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if self._rendered is not None:
            env.template_class = caching_template_class(self._rendered)
            # The templates compiled once, not on every build (Jinja checks each one's source).
            with contextlib.suppress(OSError):
                compiled = self._rendered.folder.parent / COMPILED_TEMPLATES
                compiled.mkdir(parents=True, exist_ok=True)
                env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(compiled))
            if env.cache is not None:  # templates loaded before now were made with the plain class
                env.cache.clear()
        return env

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self._rendered is not None:
            keep_conversion(page, self._rendered)
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        plan = self.plan.page(page.file.src_uri)
        if plan is not None:
            page.meta.update(page_meta(plan))
        return markdown

    def on_page_content(self, content: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Episode notes, stories and biographies pass the one sanitizer that cleans the feed's HTML
        # (pages staff write outside these sections may embed what they choose).
        plan = self.plan.page(page.file.src_uri)
        return sanitize.page_html(content) if plan is not None else content

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # The content was cleaned before the template (on_page_content): only its marks go.
        return self._advertise_feed(sanitize.unmarked(output))

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # Static templates such as 404.html are pages too.
        return self._advertise_feed(output_content) if template_name.endswith(".html") else output_content

    def _advertise_feed(self, output: str) -> str:
        link = (
            f'<link rel="alternate" type="application/rss+xml" '
            f'title="{html.escape(self.plan.feed_title)}" href="{html.escape(self.plan.feed_url)}">'
        )
        return output.replace("</head>", f"{link}\n</head>", 1)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        server.watch(str(self.catalog.site.episodes_dir))
        # MkDocs leaves every request waiting after a failed rebuild ("the server will appear
        # stuck") and prints a traceback: report the problems instead and keep serving the last
        # good site, which the failed build never touched (it was building beside it).
        server.builder = _keep_serving(server.builder, config.config_file_path)
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._unstamp_build_date()
        if self._rendered is not None:
            self._rendered.prune()
        self._built = True
        if not self._publishing and (staging := self._staging) is not None and (target := self._target) is not None:
            # The preview: the pages at once, their search index after (publish/search.py).
            _guard(lambda: atomic.swap_in(staging, target), PluginError)
            self._staging = None
            index_later(target, searching(self.release, preview=True), told=log.warning)
            return
        # The search index, from the pages just built, before they are swapped in (publish/search.py).
        site_dir = Path(config.site_dir)
        try:
            _guard(lambda: index_site(site_dir, searching(self.release)), PluginError)
        except SearchIndexFailed as error:
            raise PluginError(str(error)) from None

    def on_build_error(self, *, error: Exception) -> None:
        self._unstamp_build_date()
        self._built = False
        if not self._publishing and self._staging is not None:
            atomic.discard(self._staging)
            self._staging = None

    def on_shutdown(self) -> None:
        # After MkDocs's last word (strict mode may still fail a build after on_post_build).
        if self._staging is None or self._target is None:
            return
        if not self._built:
            atomic.discard(self._staging)
            return
        staging, target = self._staging, self._target
        self._staging = None
        try:
            atomic.swap_in(staging, target)
        except OSError as error:
            atomic.discard(staging)
            raise Abort(str(ProjectError([describe_os_error(error, target)]))) from None
        try:
            self.ledger_written = publish_beside_site(self.release)
            if self.ledger_written:
                log.info(f"{LEDGER_FILE} aggiornato: salvalo (commit) insieme ai contenuti.")
        except OSError as error:
            raise Abort(str(ProjectError([describe_os_error(error, self.catalog.site.root / LEDGER_FILE)]))) from None

    def _unstamp_build_date(self) -> None:
        if self._stamped_build_date:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self._stamped_build_date = False


def _is_serving(command: str | None, config: MkDocsConfig) -> bool:
    """Whether MkDocs is previewing: `serve`, or `serve --clean` (which announces itself as a build)."""
    if command == "serve":
        return True
    site_dir = Path(config.site_dir)
    host, port = config.dev_addr
    return (
        site_dir.name.startswith("mkdocs_") and site_dir.parent == Path(tempfile.gettempdir())
        and urlsplit(config.site_url or "").netloc == f"{host}:{port}"
    )


class _PublicSite:
    """The published site's address and folder, even while MkDocs serves a preview.

    `mkdocs serve` rewrites site_url to the preview's address (so the preview's feed can be
    tried in an app on this machine) and builds into a temporary folder. The ledger is about
    the public site: its URLs are what listeners' apps know, whatever address the preview runs on.
    """

    def __init__(self, url: str | None, site_dir: Path | None):
        self.url, self.site_dir = url, site_dir

    @classmethod
    def of(cls, config: MkDocsConfig, *, serving: bool) -> _PublicSite:
        if not serving:
            return cls(config.site_url, Path(config.site_dir))
        written = _written_config(config.config_file_path)
        root = Path(config.config_file_path).parent
        site_dir = written.get("site_dir")
        url = written.get("site_url")
        return cls(url if isinstance(url, str) else None, root / (site_dir if isinstance(site_dir, str) else "site"))


def _written_config(config_file: str) -> dict[str, Any]:
    """mkdocs.yml as written (MkDocs has already checked it: this only reads two values)."""
    try:
        with Path(config_file).open("rb") as stream:
            data = yaml_load(stream)
    except Exception:  # noqa: BLE001 - MkDocs reported any problem when it loaded the same file
        return {}
    return data if isinstance(data, dict) else {}


class _Preview:
    """What a preview shows: drafts, and the site as it will be at another moment."""

    def __init__(self, drafts: bool = False, now: datetime | None = None):
        self.drafts, self.now = drafts, now

    @classmethod
    def from_environment(cls, options: Mapping[str, Any], *, serving: bool, drafts: bool = False) -> _Preview:
        moment = os.environ.get(NOW_VARIABLE, "").strip()
        if not serving:
            if moment or os.environ.get(DRAFTS_VARIABLE) == "1":
                log.warning(
                    f"{NOW_VARIABLE} e {DRAFTS_VARIABLE} valgono solo per l'anteprima (serve): il sito costruito "
                    "pubblica ciò che è pubblicato adesso."
                )
            return cls()
        now = None
        if moment:
            zone = timezone_of(options) if options else DEFAULT_TIMEZONE
            try:
                now = read_moment(zone)(moment)
            except Invalid as error:
                raise PluginError(f"{NOW_VARIABLE}: {error}") from None
        return cls(drafts=drafts or os.environ.get(DRAFTS_VARIABLE) == "1", now=now)


def _keep_serving(builder: Callable[[], None], config_file: str) -> Callable[[], None]:
    def rebuild() -> None:
        # MkDocs reloads mkdocs.yml before each rebuild and tells its problems in English:
        # they are collected here and told in Italian instead.
        collect = _Collect()
        logger = logging.getLogger("mkdocs.config")
        logger.addHandler(collect)
        logger.propagate = False
        try:
            builder()
            _log_warnings(Problems(_config_problems(collect.records, config_file)))
        except (Abort, ConfigurationError, PluginError):
            # The content's problems were logged by the build that found them; a broken
            # mkdocs.yml is read again here to tell its problems with their lines.
            try:
                _load_config(config_file)
            except ProjectError as problem:
                log.error(format_report(problem.problems, KEPT_PREVIEW))
        except OSError as error:
            log.error(format_report([describe_os_error(error)], KEPT_PREVIEW))
        finally:
            logger.removeHandler(collect)
            logger.propagate = True

    return rebuild


class _LinkedFile(File):
    """A file published by hard link when it can be: no byte is read or written for it.

    Published audio comes from the cache (see media/tagging.py), so a rebuild of an unchanged episode
    costs a link, not a copy of the recording.
    """

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        place(Path(cast(str, self.abs_src_path)), Path(self.abs_dest_path))  # a file of ours always has a source


def _inclusion(page: PagePlan) -> InclusionLevel:
    return InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV


def _put(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning(f"{file.src_uri} è generato da {PLUGIN_NAME}: il file con lo stesso nome nella cartella dei contenuti è ignorato.")
        files.remove(existing)
    files.append(file)


def _stamp_build_date(moment: datetime | None) -> bool:
    """MkDocs stamps the sitemap with the build date; stamp it with the content's date instead.

    A SOURCE_DATE_EPOCH set by whoever runs the build wins. Returns whether it was set here.
    """
    if "SOURCE_DATE_EPOCH" in os.environ or moment is None:
        return False
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    return True


def _log_warnings(problems: Problems) -> None:
    for warning in problems.warnings:
        log.warning(warning.without_severity())


# --- the CLI's way in --------------------------------------------------------------------------

class ProjectError(PeopleFacingError):
    """The project cannot be checked or built; ``problems`` say why, for people."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(format_report(problems))


def load_from(
    config: MkDocsConfig, options: Mapping[str, Any], *, site_url: str | None, site_dir: Path | None,
    measure_loudness: bool = False, previews: bool = False, now: datetime | None = None, move_media: bool = False,
    public_url: str | None = None,
) -> Loaded:
    return load_project(
        root=Path(config.config_file_path).parent,
        docs_dir=Path(config.docs_dir),
        site_url=site_url,
        directory_urls=config.use_directory_urls,
        options={key: value for key, value in options.items() if value is not None},
        measure_loudness=measure_loudness,
        previews=previews,
        now=now,
        move_media=move_media,
        site_dir=site_dir,
        public_url=public_url,
    )


def load(
    config_file: str, *, site_dir: str | None = None, measure_loudness: bool = False, move_media: bool = False,
    write_media: bool = False,
) -> Release:
    """Read mkdocs.yml, check every content file and lint the feed, building nothing.

    ``site_dir`` is where the site would be published (default: mkdocs.yml's site_dir);
    ``write_media`` makes the tagged audio and thumbnails, for a build that follows.
    """
    config = _load_config(config_file)
    target = Path(site_dir) if site_dir is not None else Path(config.site_dir)
    return _guard(lambda: prepare(load_from(
        config, _options(config, config_file), site_url=config.site_url, site_dir=target,
        measure_loudness=measure_loudness, move_media=move_media,
    ), write_media=write_media), ProjectError)


def build_site(config_file: str, site_dir: str, release: Release) -> bool:
    """Build the site into ``site_dir``, atomically; True when the ledger was updated.

    ``release`` is what ``load`` just prepared from the same mkdocs.yml and site folder.
    """
    config = _load_config(config_file, site_dir=site_dir)
    plugin = cast(ResetStoriesPlugin, config.plugins[PLUGIN_NAME])
    plugin.prepared = release
    config.plugins.on_startup(command="build", dirty=False)
    try:
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, PluginError):
        # MkDocs has already logged what went wrong.
        raise ProjectError([Problem(Path(config_file).name, None, "la costruzione del sito si è fermata (vedi sopra).")]) from None
    except OSError as error:
        raise ProjectError([describe_os_error(error, Path(site_dir))]) from None
    return plugin.ledger_written


def serve_site(config_file: str, dev_addr: str | None, *, drafts: bool = False) -> None:
    """Live preview: rebuilds and reloads the browser when content, episodes or mkdocs.yml change.

    ``drafts`` also shows drafts and scheduled items (never in the feed).
    """
    ResetStoriesPlugin.serve_drafts = drafts
    address = dev_addr or DEFAULT_ADDRESS
    options: dict[str, Any] = {"dev_addr": dev_addr} if dev_addr else {}
    name = Path(config_file).name
    # Before building: a busy port is known at once, not after the first build.
    check_address(address)
    try:
        # livereload is passed explicitly: `mkdocs serve` 1.6.1 turns it off with click ≥ 8.2.
        mkdocs_serve(config_file, livereload=True, **options)
    except (Abort, PluginError, ConfigurationError):
        raise ProjectError([Problem(name, None, "l'anteprima si è fermata (vedi sopra).")]) from None
    except OSError as error:
        raise ProjectError([_address_problem(error, address)]) from None


def check_address(address: str, command: str = "reset-stories serve") -> None:
    """Raise a :class:`ProjectError` saying what to do when a preview's server cannot listen on
    ``address`` (written wrong, busy, not this machine's…); ``command`` starts a preview."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ProjectError([Problem(
            "serve", "--dev-addr",
            f"«{address}» non è un indirizzo per l'anteprima — scrivilo come IP:PORTA, per esempio {command} -a 127.0.0.1:8000",
        )])
    host = host.strip("[]")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the preview's server does
            probe.bind((host, int(port)))
    except OSError as error:
        raise ProjectError([_address_problem(error, address, command)]) from None


def _address_problem(error: OSError, address: str, command: str = "reset-stories serve") -> Problem:
    if error.errno == errno.EADDRINUSE:
        port = address.rpartition(":")[2]
        return Problem(
            "serve", "--dev-addr",
            f"l'indirizzo {address} è già in uso (forse c'è già un'anteprima aperta in un altro terminale) — "
            f"chiudila, oppure usa un'altra porta: {command} -a 127.0.0.1:{_next_port(port)}",
        )
    if error.errno in (errno.EADDRNOTAVAIL, errno.EACCES, errno.EPERM) or isinstance(error, socket.gaierror):
        return Problem(
            "serve", "--dev-addr",
            f"l'anteprima non può usare l'indirizzo {address} ({error.strerror or error}) — usa per esempio "
            f"{command} -a 127.0.0.1:8000 (le porte sotto 1024 sono riservate).",
        )
    return describe_os_error(error)


def _next_port(port: str) -> int:
    return int(port) + 1 if port.isdigit() and int(port) < 65535 else 8001


def load_preview(config_file: str, address: str, *, drafts: bool = False) -> Release:
    """The project as a preview at ``address`` shows it, for an engine serving a tree.

    As the MkDocs preview loads it: pages and feed point at the preview's address, the ledger is
    compared with the public site's; drafts with ``drafts`` (or RESET_STORIES_DRAFTS), the site
    at the moment of RESET_STORIES_NOW. The tagged audio is made.
    """
    config = _load_config(config_file)
    options = _options(config, config_file)
    try:
        preview = _Preview.from_environment(options, serving=True, drafts=drafts)
    except PluginError as error:
        raise ProjectError([Problem(NOW_VARIABLE, None, str(error).removeprefix(f"{NOW_VARIABLE}: "))]) from None
    # As `mkdocs serve` makes it: the preview's address, with the public site's path.
    mount = urlsplit(config.site_url or "/").path.strip("/")
    url = f"http://{address}/" + (f"{mount}/" if mount else "")
    return _guard(lambda: prepare(load_from(
        config, options, site_url=url, site_dir=Path(config.site_dir), public_url=config.site_url,
        previews=preview.drafts, now=preview.now,
    ), write_media=True), ProjectError)


def _idle_theme_search(config: MkDocsConfig) -> None:
    """Material's search plugin, listed in mkdocs.yml, kept in the configuration but doing nothing.

    The site's search is Pagefind's (publish/search.py) in the box our ``partials/search.html``
    draws; Material's header includes that partial only while its search plugin is listed and
    enabled, so the plugin stays. Its work goes: reading every page's HTML for a lunr index
    nothing loads (38 MB at a thousand hour-long transcripts, published, and seconds a build).
    """
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is None:
            continue
        for event, handlers in config.plugins.events.items():
            if event != "config":  # the one running now; its handler only reads settings
                handlers[:] = [h for h in handlers if getattr(h, "__self__", None) is not plugin]


def _guard(call: Callable[[], T], failure: type[Exception]) -> T:
    """``call()``, with a file-system fault (disk full, no permission…) told to staff, not traced back."""
    try:
        return call()
    except OSError as error:
        problem = describe_os_error(error)
        if failure is ProjectError:
            raise ProjectError([problem]) from None
        raise failure(format_report([problem])) from None


def restore_ledger(config_file: str, site_dir: str | None) -> tuple[tuple[Entry, ...] | None, Path]:
    """Rebuild published.yml from what else records the publication; (entries added, the site folder read)."""
    config = _load_config(config_file)
    target = Path(site_dir).resolve() if site_dir else Path(config.site_dir)
    root = Path(config.config_file_path).parent
    return _guard(lambda: ledger.restore_ledger(root, target), ProjectError), target


def new_content(config_file: str, now: datetime | None = None) -> NewContent:
    """What ``new`` needs: where files go, and today in the show's time zone."""
    config = _load_config(config_file)
    options = _options(config, config_file)
    problems = Problems()
    site = read_site(
        root=Path(config.config_file_path).parent, docs_dir=Path(config.docs_dir),
        site_url=config.site_url, directory_urls=config.use_directory_urls,
        options=options, problems=problems,
    )
    if site is None:
        raise ProjectError(problems.errors)
    return scaffold.new_content(site, options, now)


def _options(config: MkDocsConfig, config_file: str) -> Mapping[str, Any]:
    plugin = config.plugins.get(PLUGIN_NAME)
    if plugin is None:
        raise ProjectError([Problem(
            Path(config_file).name, "plugins",
            f"manca «{PLUGIN_NAME}» — aggiungilo all'elenco dei plugins, per esempio «plugins: [search, {PLUGIN_NAME}]».",
        )])
    options: Mapping[str, Any] = plugin.config
    return options


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, bool]] = []  # (message, is an error)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.getMessage(), record.levelno >= logging.ERROR))


def _text_of(config_file: str) -> str:
    try:
        return Path(config_file).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _config_problems(records: list[tuple[str, bool]], config_file: str) -> list[Problem]:
    return config_problems(records, Path(config_file), installed_names([k for k, _ in MkDocsConfig._schema]))


def _load_config(config_file: str, **overrides: Any) -> MkDocsConfig:
    name = Path(config_file).name
    if not Path(config_file).is_file():
        raise ProjectError([Problem(
            name, None,
            "il file non esiste — esegui il comando nella cartella del sito (quella che contiene mkdocs.yml) "
            "oppure indica il file con --config-file.",
        )])
    # MkDocs logs each configuration problem in English, then aborts: collect them as problems instead.
    collect = _Collect()
    logger = logging.getLogger("mkdocs.config")
    logger.addHandler(collect)
    logger.propagate = False
    try:
        config = load_config(config_file, **overrides)
    except RecursionError:
        line, message = describe_deep_yaml(_text_of(config_file))
        raise ProjectError([Problem(name, None, message, line=None if line is None else line + 1)]) from None
    except (Abort, ConfigurationError) as error:
        cause = error.__context__
        if isinstance(cause, yaml.YAMLError):
            line, message = describe_yaml_error(cause, text=_text_of(config_file))
            raise ProjectError([Problem(name, None, message, line=None if line is None else line + 1)]) from None
        if not any(is_error for _, is_error in collect.records):
            collect.records.append((str(error), True))
        config = None
    finally:
        logger.removeHandler(collect)
        logger.propagate = True
    problems = Problems(_config_problems(collect.records, config_file))
    if config is None or problems.errors:
        raise ProjectError(problems.sorted())
    _log_warnings(problems)
    return config


def standalone_config(config_file: str, release: Release) -> tuple[dict[str, Any], list[Path]]:
    """mkdocs.yml for ``generate``'s tree, and its template folders (ours, then the project's overrides).

    The project's configuration as written, without our plugin, with what the plugin applies at
    build time: the docs and overrides folders of the tree, our stylesheets and script, no Google
    Fonts, the theme's language and footer, the look's palette, logo and favicon, the heading links' title; the generated pages kept
    out of the nav (``not_in_nav``). ``site_dir`` is left to its default, inside the tree.
    """
    assert release.plan is not None  # a release with problems is not generated
    config = _load_config(config_file)
    plugin = cast(ResetStoriesPlugin, config.plugins[PLUGIN_NAME])
    speak_show_language(config, written_show(plugin.config))
    written = _written_config(config.config_file_path)
    written.pop("site_dir", None)
    written["docs_dir"] = "docs"
    plugins = written.get("plugins")
    if isinstance(plugins, dict):
        plugins.pop(PLUGIN_NAME, None)
    elif isinstance(plugins, list):
        written["plugins"] = [
            entry for entry in plugins
            if entry != PLUGIN_NAME and not (isinstance(entry, dict) and PLUGIN_NAME in entry)
        ]
    theme = written.get("theme")
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme if isinstance(theme, str) else "material"}
    theme["custom_dir"] = "overrides"
    theme["font"] = False
    if "language" in config.theme:
        theme.setdefault("language", config.theme["language"])
    assert release.catalog is not None
    theme.update(unwritten(theme, look.theme_settings(release.catalog.site, release.catalog.show.language)))
    written["theme"] = theme
    written["extra"] = {**(written.get("extra") or {}), "generator": config.extra.get("generator", False)}
    written["extra_javascript"] = [*(written.get("extra_javascript") or []), *(u for u in PAGE_ASSETS if u.endswith(".js"))]
    written["extra_css"] = [*(written.get("extra_css") or []), look.STYLESHEET]
    _set_permalink_title(written, config)
    hidden = [f"/{page.src_uri}" for page in release.plan.pages if not page.in_nav]
    if hidden:
        written["not_in_nav"] = "\n".join([*filter(None, [str(written.get("not_in_nav") or "").strip()]), *hidden]) + "\n"
    templates = [TEMPLATES_DIR]
    if config.theme.custom_dir:
        templates.append(Path(config.theme.custom_dir))
    return written, templates


def _set_permalink_title(written: dict[str, Any], config: MkDocsConfig) -> None:
    """The toc extension's permalink_title the plugin sets, written into the configuration."""
    extensions = written.get("markdown_extensions")
    for name in ("toc", "markdown.extensions.toc"):
        title = config.mdx_configs.get(name, {}).get("permalink_title")
        if title is None:
            continue
        if isinstance(extensions, dict):
            extensions[name] = {**(extensions.get(name) or {}), "permalink_title": title}
        elif isinstance(extensions, list):
            for index, entry in enumerate(extensions):
                if entry == name:
                    extensions[index] = {name: {"permalink_title": title}}
                elif isinstance(entry, dict) and name in entry:
                    entry[name] = {**(entry[name] or {}), "permalink_title": title}
