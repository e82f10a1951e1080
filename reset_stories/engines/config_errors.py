"""MkDocs's configuration errors, told to staff in Italian: which option, what is wrong, what to write.

MkDocs checks mkdocs.yml itself and logs one English line per problem ("Config value 'theme':
Unrecognised theme name: 'materail'. …"). The adapter hands those lines here; each becomes a
:class:`~reset_stories.problems.Problem` on mkdocs.yml, with the line of the option when it can be
found and a "did you mean" when the wrong name is close to a right one. A message not recognised
keeps MkDocs's words inside an Italian sentence that says where to look. No engine import: the
names to suggest (options, plugins, extensions) are passed in or read from installed packages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points
from pathlib import Path

import markdown

from reset_stories.content.vocabulary import did_you_mean
from reset_stories.problems import Problem, Severity

GUIDE = "https://www.mkdocs.org/user-guide/configuration/"
OUR_PLUGIN = "reset-stories"

_RECORD = re.compile(r"Config value '(?P<option>[^']*)': (?P<text>.*)", re.DOTALL)
_PLUGIN_OPTION = re.compile(r"Plugin '(?P<plugin>[^']+)' option '(?P<option>[^']+)': (?P<text>.*)", re.DOTALL)
_UNKNOWN_NAME = re.compile(r"Unrecognised configuration name: (?P<name>.+)")
_TYPE = re.compile(r"Expected type: (?P<expected>.+) but received: (?P<received>.+)")
_ITEMS = re.compile(r"Expected a (?P<kind>list|dict) of items, but a (?P<received>.+) was given\.")
_STRING = re.compile(r"Expected a string, got (?P<received>.+)")
_NAV = re.compile(r"Expected nav to be a list, got .*", re.DOTALL)
_NAV_ITEM = re.compile(r"Expected nav item to be (?:a string or dict|a dict of size 1), got .*", re.DOTALL)
_THEME = re.compile(r"Unrecognised theme name: '(?P<name>[^']*)'\. The available installed themes are: (?P<themes>.*)")
_PATH = re.compile(r"The path '(?P<path>.+)' isn't an existing (?P<kind>directory|file)\.")
_CUSTOM_DIR = re.compile(r"The path set in custom_dir \('(?P<path>.+)'\) does not exist\.")
_EXTENSION = re.compile(r"Failed to load extension '(?P<name>[^']+)'\.\n(?:.*\n)*?(?P<error>\w+): (?P<detail>.*)\Z")
_PLUGIN = re.compile(r'The "(?P<name>[^"]+)" plugin is not installed')

_TYPE_NAMES = {
    "str": "un testo", "int": "un numero", "float": "un numero con la virgola", "bool": "«true» o «false»",
    "list": "un elenco (una voce per riga, con «- » davanti)", "dict": "un gruppo di impostazioni rientrate sotto il nome",
    "NoneType": "vuoto", "tuple": "un elenco",
}
_REQUIRED = {
    "site_name": "scrivi il nome del sito, per esempio «site_name: RESET».",
    "site_url": "scrivi l'indirizzo pubblico del sito, per esempio «site_url: https://www.esempio.it/».",
}
_NAV_EXAMPLE = "per esempio «- Home: index.md» o «- storie/index.md»"


@dataclass(frozen=True)
class Names:
    """The right names, for "did you mean": MkDocs's options, installed plugins and extensions."""

    options: Collection[str] = ()
    plugins: Collection[str] = ()
    extensions: Collection[str] = ()


@dataclass(frozen=True)
class _Said:
    field: str | None
    message: str
    culprit: str | None = None  # the wrong name as written, to find its line
    error: bool | None = None  # None: as MkDocs judged it


def installed_names(options: Collection[str] = ()) -> Names:
    """``options`` with the plugins and Markdown extensions installed in this Python."""
    return Names(options=tuple(options), plugins=_installed("mkdocs.plugins"), extensions=_installed("markdown.extensions"))


@cache
def _installed(group: str) -> tuple[str, ...]:
    names = {entry.name for entry in entry_points(group=group)}
    # Material's plugins are written without their "material/" prefix.
    return tuple(sorted(names | {name.split("/", 1)[1] for name in names if name.startswith("material/")}))


def config_problems(
    records: list[tuple[str, bool]], config_file: Path, names: Names = Names(),
) -> list[Problem]:
    """Problems on ``config_file`` for MkDocs's log ``records`` (message, is_error), in Italian.

    MkDocs only warns about an unknown option name: here it is an error (a misspelt option is
    silently ignored otherwise). Warnings about our own plugin's options are left out: the core
    reports those itself.
    """
    try:
        source = config_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        source = ""
    problems = []
    for message, is_error in records:
        said = describe_record(message, names, root=config_file.resolve().parent)
        if said is None:
            continue
        error = is_error if said.error is None else said.error
        line = find_line(source, said.field, said.culprit)
        problems.append(Problem(config_file.name, said.field, said.message, Severity.ERROR if error else Severity.WARNING, line))
    return problems


def describe_record(message: str, names: Names = Names(), *, root: Path | None = None) -> _Said | None:
    """One MkDocs log line, in Italian; None for what the core reports itself."""
    match = _RECORD.fullmatch(message.strip())
    if match is None:
        return _Said(None, _fallback(message.strip()))
    return describe(match["option"], match["text"], names, root=root)


def describe(option: str, text: str, names: Names = Names(), *, root: Path | None = None) -> _Said | None:
    """MkDocs's English ``text`` about ``option`` of mkdocs.yml, said in Italian."""
    text = text.strip()
    plugin_option = _PLUGIN_OPTION.fullmatch(text) if option == "plugins" else None
    if plugin_option is not None:
        # As staff write it: Material's plugins without their "material/" prefix.
        plugin = plugin_option["plugin"].split(" #")[0].removeprefix("material/")
        key = plugin_option["option"]
        if plugin == OUR_PLUGIN and _UNKNOWN_NAME.fullmatch(plugin_option["text"]):
            return None
        said = describe(key, plugin_option["text"], Names(), root=root)
        assert said is not None
        field = f"{plugin}.{key}"
        if _UNKNOWN_NAME.fullmatch(plugin_option["text"]):
            return _Said(field, f"il plugin «{plugin}» non ha questa opzione — controlla come è scritta o toglila.", key, True)
        return _Said(field, said.message, said.culprit)
    for pattern, say in _SAYINGS:
        match = pattern.fullmatch(text)
        if match is not None:
            return say(option, match, names, root)
    return _Said(option, _fallback(text, option))


def _fallback(text: str, option: str | None = None) -> str:
    anchor = f"#{option.replace('_', '-')}" if option and option.isidentifier() else ""
    return f"impostazione non valida (MkDocs dice: «{text}») — correggila seguendo la guida {GUIDE}{anchor}"


def _type_name(text: str, expected: bool = False) -> str:
    said = {**_TYPE_NAMES, "int": "un numero intero"} if expected else _TYPE_NAMES
    names = [said.get(name, name) for name in re.findall(r"<class '(?:[\w.]*\.)?(\w+)'>", text)]
    return " o ".join(dict.fromkeys(names)) or text


def _unknown_name(option: str, match: re.Match[str], names: Names, root: Path | None) -> _Said:
    name = match["name"]
    better = did_you_mean(name, names.options, f"controlla come è scritta o toglila (le impostazioni possibili: {GUIDE}).")
    return _Said(name, f"impostazione sconosciuta — {better}", name, True)


def _wrong_type(option: str, match: re.Match[str], names: Names, root: Path | None) -> _Said:
    return _Said(option, f"deve essere {_type_name(match['expected'], expected=True)}, non {_type_name(match['received'])}.")


def _wrong_items(option: str, match: re.Match[str], names: Names, root: Path | None) -> _Said:
    return _Said(option, f"deve essere {_TYPE_NAMES[match['kind']]}, non {_type_name(match['received'])}.")


def _not_a_string(option: str, match: re.Match[str], names: Names, root: Path | None) -> _Said:
    return _Said(option, f"deve essere un testo, non {_type_name(match['received'])}.")


def _nav(option: str, match: re.Match[str], names: Names, root: Path | None) -> _Said:
    return _Said(option, f"deve essere un elenco di pagine, una per riga con «- » davanti, {_NAV_EXAMPLE}.")


def _nav_item(option: str, match: re.Match[str], names: Names, root: Path | None) -> _Said:
    return _Said(
        option,
        f"ogni voce è una riga con «- » davanti: il percorso di una pagina o «Titolo: percorso», {_NAV_EXAMPLE} "
        "(una sezione: «- Titolo:» e sotto, rientrate, le sue voci).",
    )


def _url(option: str, match: re.Match[str], names: Names, root: Path | None) -> _Said:
    return _Said(option, "non è un indirizzo web completo — deve cominciare con https:// (o http://), per esempio «https://www.esempio.it/».")


def _theme(option: str, match: re.Match[str], names: Names, root: Path | None) -> _Said:
    name, themes = match["name"], [t.strip() for t in match["themes"].split(",")]
    better = did_you_mean(name, themes, "scrivi «material».")
    return _Said(option, f"«{name}» non è un tema installato — {better} (temi installati: {', '.join(themes)})", name)


def _theme_type(option: str, match: re.Match[str], names: Names, root: Path | None) -> _Said:
    return _Said(option, "scrivi il nome del tema («theme: material») o, rientrate sotto «theme:», le sue impostazioni con «name: material».")


def _no_theme_name(option: str, match: re.Match[str], names: Names, root: Path | None) -> _Said:
    return _Said(option, "manca il nome del tema — scrivi sotto «theme:», rientrato, «name: material».")


def _path(option: str, match: re.Match[str], names: Names, root: Path | None) -> _Said:
    path = _shown(match["path"], root)
    what = "la cartella" if match["kind"] == "directory" else "il file"
    return _Said(option, f"{what} «{path}» non esiste — correggi il nome (il percorso è relativo a mkdocs.yml) o crea{'la' if match['kind'] == 'directory' else 'lo'}.")


def _custom_dir(option: str, match: re.Match[str], names: Names, root: Path | None) -> _Said:
    path = _shown(match["path"], root)
    return _Said(f"{option}.custom_dir", f"la cartella «{path}» non esiste — correggi il nome (il percorso è relativo a mkdocs.yml) o creala.", "custom_dir")


def _extension(option: str, match: re.Match[str], names: Names, root: Path | None) -> _Said:
    name = match["name"]
    if match["error"] == "ModuleNotFoundError":
        better = did_you_mean(name, names.extensions, "controlla il nome, o toglila dall'elenco.")
        return _Said(option, f"«{name}» non è un'estensione di Markdown installata — {better}", name)
    unknown = re.fullmatch(r"'([^']+)'", match["detail"]) if match["error"] == "KeyError" else None
    if unknown is not None:
        key = unknown[1]
        better = did_you_mean(key, _extension_options(name), "controlla come è scritta o toglila.")
        return _Said(f"{option}.{name}", f"l'estensione «{name}» non ha l'opzione «{key}» — {better}", key)
    return _Said(
        option,
        f"l'estensione «{name}» non accetta queste opzioni (dice: «{match['error']}: {match['detail']}») — "
        "controlla le opzioni scritte sotto il suo nome.",
        name,
    )


def _extension_options(name: str) -> list[str]:
    """The options a Markdown extension accepts, as Python-Markdown reports them."""
    try:
        return list(markdown.Markdown().build_extension(name, {}).getConfigs())
    except Exception:  # noqa: BLE001 - any extension may fail in its own way: then no suggestion
        return []


def _plugin(option: str, match: re.Match[str], names: Names, root: Path | None) -> _Said:
    name = match["name"]
    better = did_you_mean(name, names.plugins, "controlla il nome, o toglilo dall'elenco.")
    return _Said(option, f"il plugin «{name}» non è installato — {better}", name)


def _required(option: str, match: re.Match[str], names: Names, root: Path | None) -> _Said:
    return _Said(option, f"manca — {_REQUIRED.get(option, 'è obbligatoria: scrivila in mkdocs.yml.')}")


def _shown(path: str, root: Path | None) -> str:
    if root is not None and Path(path).is_relative_to(root):
        return Path(path).relative_to(root).as_posix()
    return path


_Saying = Callable[[str, re.Match[str], Names, "Path | None"], _Said]
_SAYINGS: list[tuple[re.Pattern[str], _Saying]] = [
    (_UNKNOWN_NAME, _unknown_name),
    (_TYPE, _wrong_type),
    (_ITEMS, _wrong_items),
    (_STRING, _not_a_string),
    (_NAV, _nav),
    (_NAV_ITEM, _nav_item),
    (re.compile(r"The URL isn't valid, it should include the http:// \(scheme\)|Unable to parse the URL\."), _url),
    (_THEME, _theme),
    (re.compile(r"No theme name set\."), _no_theme_name),
    (re.compile(r"Invalid type <class '\w+'>\. Expected a string or key/value pairs\."), _theme_type),
    (_PATH, _path),
    (_CUSTOM_DIR, _custom_dir),
    (_EXTENSION, _extension),
    (_PLUGIN, _plugin),
    (re.compile(r"Required configuration not provided\."), _required),
]


def find_line(source: str, field: str | None, culprit: str | None = None) -> int | None:
    """The line (from 1) of ``field`` (dotted: ``theme.custom_dir``) in the YAML ``source``,
    narrowed to the line naming ``culprit`` when there is one."""
    lines = [line.split(" #")[0] for line in source.splitlines()]
    start, found = 0, None
    for depth, part in enumerate(field.split(".") if field else ()):
        keys = [rf"\s*(?:-\s*)?{re.escape(part)}\s*:"]
        if depth == 0:
            keys.insert(0, rf"{re.escape(part)}\s*:")  # a top-level option first
        found = next((i for key in keys for i in range(start, len(lines)) if re.match(key, lines[i])), None)
        if found is None:
            break
        start = found
    if culprit:
        word = re.compile(rf"(?<![\w.-]){re.escape(culprit)}(?![\w.-])")
        found = next((i for i in range(start, len(lines)) if word.search(lines[i])), found)
    return None if found is None else found + 1
