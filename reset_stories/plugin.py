"""The MkDocs adapter: the only module that imports mkdocs.

Event methods stay thin: the core loads and checks the content (:mod:`reset_stories.catalog`)
and plans the site (:mod:`reset_stories.pages`); this module hands the plan to MkDocs as
generated files, page metadata and templates. ``build_site``/``serve_site``/``load`` serve the
CLI, so that it needs no mkdocs import of its own.
"""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import atomic, scaffold
from .cache import place
from .catalog import Loaded, load_project
from .config_errors import config_problems, installed_names
from .interface import speak_show_language
from .ledger import FILE as LEDGER_FILE
from .ledger import write_ledger
from .model import Catalog
from .pages import PagePlan, SitePlan
from .problems import Problem, Problems, format_report
from .release import Release, prepare
from .scaffold import NewContent
from .settings import read_site
from .sources import describe_yaml_error

PLUGIN_NAME = "reset-stories"
# The commands that publish a site: they build atomically and record the publication.
PUBLISHING_COMMANDS = ("build", "gh-deploy")
PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
ASSETS = {"assets/reset-stories/reset-stories.css": PACKAGE_DIR / "assets" / "reset-stories.css",
          "assets/reset-stories/reset-stories.js": PACKAGE_DIR / "assets" / "reset-stories.js"}

log = logging.getLogger(f"mkdocs.plugins.{PLUGIN_NAME}")


class ResetStoriesConfig(Config):
    # Folders, relative to mkdocs.yml (episodes) or to docs_dir (the sections).
    episodes_dir = c.Type(str, default="episodes")
    podcast_dir = c.Type(str, default="podcast")
    people_dir = c.Type(str, default="persone")
    stories_dir = c.Type(str, default="storie")
    themes = c.ListOfItems(c.Type(str), default=[])
    # Audio served from another host (a CDN): its base URL, and where the build puts the files to upload.
    media_base_url = c.Optional(c.Type(str))
    media_dir = c.Type(str, default="site-media")
    # The show's settings are checked by the core (reset_stories.settings), which words every
    # problem for staff and serves the CLI and any other engine the same way.
    podcast = c.Type(dict, default={})


class ResetStoriesPlugin(BasePlugin[ResetStoriesConfig]):
    plan: SitePlan
    catalog: Catalog
    _command: str | None = None
    _stamped_build_date = False
    # A build is written into a staging folder and swapped in at the end (see atomic.py).
    _target: Path | None = None
    _staging: Path | None = None
    _built = False
    ledger_written = False
    # Handed over by `reset-stories build`, which has just checked everything: not loaded again.
    prepared: Release | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # A site that is published never shows drafts, whatever the environment says.
        previews = None if self._command not in PUBLISHING_COMMANDS else False
        release = self.prepared or prepare(load_from(config, self.config, previews=previews))
        _log_warnings(release.problems)
        if release.plan is None or release.catalog is None:
            raise PluginError(format_report(release.problems.errors))
        self.plan, self.catalog = release.plan, release.catalog
        self._stamped_build_date = _stamp_build_date(release.catalog.last_published)
        if self._command in PUBLISHING_COMMANDS:
            self._target = Path(config.site_dir)
            self._staging = atomic.staging_for(self._target)
            config.site_dir = str(self._staging)
        # No request to any other host: Material would load Google Fonts (ruled a GDPR breach in the EU).
        config.theme["font"] = False
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(TEMPLATES_DIR))
        config.extra_css.append("assets/reset-stories/reset-stories.css")
        config.extra_javascript.append("assets/reset-stories/reset-stories.js")
        return config

    @event_priority(100)  # before other plugins (search) read the theme's language
    def _speak_show_language(self, config: MkDocsConfig) -> MkDocsConfig:
        speak_show_language(config, self.config.podcast)
        return config

    on_config = CombinedEvent(_speak_show_language, on_config)  # type: ignore[assignment]

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        for page in self.plan.pages:
            if page.markdown is not None:
                _put(files, File.generated(config, page.src_uri, content=page.markdown, inclusion=_inclusion(page)))
            elif not page.in_nav and (written := files.get_file_from_path(page.src_uri)) is not None:
                written.inclusion = InclusionLevel.NOT_IN_NAV
        for media in self.plan.media:
            _put(files, _LinkedFile.generated(config, media.dest_uri, abs_src_path=str(media.source)))
        for uri, source in ASSETS.items():
            _put(files, File.generated(config, uri, abs_src_path=str(source)))
        for data in self.plan.files:
            _put(files, File.generated(config, data.dest_uri, content=data.content))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        plan = self.plan.page(page.file.src_uri)
        if plan is not None:
            page.meta.update(_page_meta(plan))
        return markdown

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self._advertise_feed(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # Static templates such as 404.html are pages too.
        return self._advertise_feed(output_content) if template_name.endswith(".html") else output_content

    def _advertise_feed(self, output: str) -> str:
        link = (
            f'<link rel="alternate" type="application/rss+xml" '
            f'title="{html.escape(self.plan.feed_title)}" href="{html.escape(self.plan.feed_url)}">'
        )
        return output.replace("</head>", f"{link}\n</head>", 1)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
        server.watch(str(self.catalog.site.episodes_dir))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._unstamp_build_date()
        self._built = True

    def on_build_error(self, *, error: Exception) -> None:
        self._unstamp_build_date()
        self._built = False

    def on_shutdown(self) -> None:
        # After MkDocs's last word (strict mode may still fail a build after on_post_build).
        if self._staging is None or self._target is None:
            return
        if not self._built:
            atomic.discard(self._staging)
            return
        atomic.swap_in(self._staging, self._target)
        self.ledger_written = publish_beside_site(self.catalog, self.plan)

    def _unstamp_build_date(self) -> None:
        if self._stamped_build_date:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self._stamped_build_date = False


class _LinkedFile(File):
    """A file published by hard link when it can be: no byte is read or written for it.

    Published audio comes from the cache (see tags.py), so a rebuild of an unchanged episode
    costs a link, not a copy of the recording.
    """

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        place(Path(self.abs_src_path), Path(self.abs_dest_path))


def publish_beside_site(catalog: Catalog, plan: SitePlan) -> bool:
    """What a successful build also publishes: audio for the media host, the ledger. True if the
    ledger changed."""
    site = catalog.site
    if site.media_dir is not None:
        for upload in plan.uploads:
            place(upload.source, site.media_dir / upload.dest_uri)
    written = catalog.ledger is not None and write_ledger(site.root, catalog.ledger)
    if written:
        log.info(f"{LEDGER_FILE} aggiornato: salvalo (commit) insieme ai contenuti.")
    return written


def _page_meta(plan: PagePlan) -> dict[str, Any]:
    # MkDocs and Material print page titles and descriptions as HTML: escape them once here.
    meta: dict[str, Any] = {"template": plan.template, "reset": plan.context}
    if plan.title is not None:
        meta["title"] = html.escape(plan.title)
    if plan.description is not None:
        meta["description"] = html.escape(plan.description)
    return meta


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

class ProjectError(Exception):
    """The project cannot be checked or built; ``problems`` say why, for people."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(format_report(problems))


def load_from(
    config: MkDocsConfig, options: Mapping[str, Any], *, measure_loudness: bool = False, previews: bool | None = False,
) -> Loaded:
    return load_project(
        root=Path(config.config_file_path).parent,
        docs_dir=Path(config.docs_dir),
        site_url=config.site_url,
        directory_urls=config.use_directory_urls,
        options={key: value for key, value in options.items() if value is not None},
        measure_loudness=measure_loudness,
        previews=previews,
    )


def load(config_file: str, *, measure_loudness: bool = False) -> Release:
    """Read mkdocs.yml, check every content file and lint the feed, building nothing."""
    config = _load_config(config_file)
    return prepare(load_from(config, _options(config, config_file), measure_loudness=measure_loudness))


def build_site(config_file: str, site_dir: str, release: Release | None = None) -> bool:
    """Build the site into ``site_dir``, atomically; True when the ledger was updated.

    ``release`` is what ``load`` just prepared from the same mkdocs.yml, when the caller has it.
    """
    config = _load_config(config_file, site_dir=site_dir)
    config.plugins[PLUGIN_NAME].prepared = release
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    except (Abort, PluginError):
        # MkDocs has already logged what went wrong.
        raise ProjectError([Problem(Path(config_file).name, None, "la costruzione del sito si è fermata (vedi sopra).")]) from None
    finally:
        config.plugins.on_shutdown()
    return config.plugins[PLUGIN_NAME].ledger_written


def serve_site(config_file: str, dev_addr: str | None) -> None:
    """Live preview: rebuilds and reloads the browser when content, episodes or mkdocs.yml change."""
    options = {"dev_addr": dev_addr} if dev_addr else {}
    try:
        # livereload is passed explicitly: `mkdocs serve` 1.6.1 turns it off with click ≥ 8.2.
        mkdocs_serve(config_file, livereload=True, **options)
    except (Abort, PluginError, ConfigurationError):
        raise ProjectError([Problem(Path(config_file).name, None, "l'anteprima si è fermata (vedi sopra).")]) from None


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
    return plugin.config


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, bool]] = []  # (message, is an error)

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.getMessage(), record.levelno >= logging.ERROR))


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
    except (Abort, ConfigurationError) as error:
        cause = error.__context__
        if isinstance(cause, yaml.YAMLError):
            line, message = describe_yaml_error(cause)
            raise ProjectError([Problem(name, None, message, line=None if line is None else line + 1)]) from None
        if not any(is_error for _, is_error in collect.records):
            collect.records.append((str(error), True))
        config = None
    finally:
        logger.removeHandler(collect)
        logger.propagate = True
    problems = Problems(config_problems(collect.records, Path(config_file), installed_names([k for k, _ in MkDocsConfig._schema])))
    if config is None or problems.errors:
        raise ProjectError(problems.sorted())
    _log_warnings(problems)
    return config
