"""One declaration per option: the table in content/settings.py drives the core, MkDocs and the README."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, module_at

from reset_stories.content.options import Option, under_current_names
from reset_stories.content.settings import PLUGIN_OPTIONS, SHOW_OPTIONS
from reset_stories.engines.mkdocs import ResetStoriesConfig
from reset_stories.model import Show


def _options_guide():
    return module_at(REPO / "tools" / "options_guide.py")


def test_the_readme_tables_are_what_the_table_declares():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme == _options_guide().guide(readme), "README.md is out of date: run tools/options_guide.py"


def test_mkdocs_knows_the_plugin_options_and_nothing_else():
    assert [name for name, _ in ResetStoriesConfig._schema] == [option.name for option in PLUGIN_OPTIONS]


def test_mkdocs_applies_no_default_so_the_core_can_tell_what_was_written():
    config = ResetStoriesConfig()
    config.load_dict({"episode_dir": "puntate"})
    errors, warnings = config.validate()
    assert errors == []
    # The unknown (or former) name stays for the core; MkDocs's English warning is filtered out.
    assert [key for key, _ in warnings] == ["episode_dir"]
    assert config["episode_dir"] == "puntate"
    assert all(config[option.name] is None for option in PLUGIN_OPTIONS)


def test_every_field_of_the_show_is_declared_once():
    declared = [option.name for option in SHOW_OPTIONS]
    assert sorted(declared) == sorted(field.name for field in dataclasses.fields(Show))


def test_names_are_unique_including_former_ones():
    for table in (PLUGIN_OPTIONS, SHOW_OPTIONS):
        every = [name for option in table for name in (option.name, *option.renamed_from)]
        assert len(every) == len(set(every))


def test_required_options_say_what_to_write_and_optional_ones_have_no_such_text():
    for option in (*PLUGIN_OPTIONS, *SHOW_OPTIONS):
        assert bool(option.missing_it) == option.required, option.name


def test_former_names_are_moved_in_place_and_reported():
    table = (Option("episodes_dir", "…", renamed_from=("episode_dir",)), Option("themes", "…"))
    said = []
    moved = under_current_names({"themes": [], "episode_dir": "x", "other": 1}, table, lambda old, message: said.append((old, message)))
    assert list(moved.items()) == [("themes", []), ("episodes_dir", "x"), ("other", 1)]
    assert said == [("episode_dir", "«episode_dir» è il vecchio nome di «episodes_dir»: rinominalo (scrivi «episodes_dir:» al posto di «episode_dir:»).")]


def test_when_both_names_are_written_the_current_one_wins():
    table = (Option("episodes_dir", "…", renamed_from=("episode_dir",)),)
    said = []
    moved = under_current_names({"episode_dir": "old", "episodes_dir": "new"}, table, lambda old, message: said.append(message))
    assert moved == {"episodes_dir": "new"}
    assert said == ["«episode_dir» è il vecchio nome di «episodes_dir», che è già scritto: vale «episodes_dir» — togli «episode_dir»."]


# The real CLI, with two options renamed in the table as a future release would rename them.
RENAMED_CLI = """
import dataclasses, sys
from reset_stories.content import settings

def renamed(table, name, old):
    return tuple(dataclasses.replace(o, renamed_from=(old,)) if o.name == name else o for o in table)

settings.PLUGIN_OPTIONS = renamed(settings.PLUGIN_OPTIONS, "episodes_dir", "episode_dir")
settings.SHOW_OPTIONS = renamed(settings.SHOW_OPTIONS, "artwork", "image")
from reset_stories.cli import main
main()
"""


def run_renamed_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    return subprocess.run(
        [sys.executable, "-c", RENAMED_CLI, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False,
    )


@pytest.fixture
def old_names(project: Path) -> Path:
    """The base project written with the former names: episodes in «puntate», named by episode_dir."""
    (project / "episodes").rename(project / "puntate")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - reset-stories:\n" in text and "        artwork: episodes/" in text
    text = text.replace("  - reset-stories:\n", "  - reset-stories:\n      episode_dir: puntate\n", 1)
    text = text.replace("        artwork: episodes/", "        image: puntate/", 1)
    config.write_text(text, encoding="utf-8")
    return project


RENAME_WARNINGS = [
    "mkdocs.yml: avviso: podcast.image: «image» è il vecchio nome di «artwork»: rinominalo (scrivi «artwork:» al posto di «image:»).",
    (
        "mkdocs.yml: avviso: reset-stories.episode_dir: «episode_dir» è il vecchio nome di «episodes_dir»: rinominalo "
        "(scrivi «episodes_dir:» al posto di «episode_dir:»)."
    ),
]


def test_a_former_name_still_works_with_a_warning_to_rename_it(old_names):
    result = run_renamed_cli("check", cwd=old_names)
    assert result.returncode == 0, result.stderr
    assert sorted(line for line in result.stderr.splitlines() if "vecchio nome" in line) == RENAME_WARNINGS
    assert "Unrecognised" not in result.stderr and "Traceback" not in result.stderr


def test_a_site_built_under_former_names_is_the_site_built_under_current_ones(old_names, tmp_path):
    built = run_renamed_cli("build", cwd=old_names)
    assert built.returncode == 0, built.stderr
    # A build tells its warnings through MkDocs's log, which names their level first.
    assert sorted(line for line in built.stderr.splitlines() if "vecchio nome" in line) == [
        "avviso: " + line.replace(": avviso:", ":", 1) for line in RENAME_WARNINGS
    ]
    assert "Unrecognised" not in built.stderr
    # The same project under the current names builds the same feed.
    current = tmp_path / "current"
    subprocess.run(["cp", "-r", str(old_names), str(current)], check=True)
    config = current / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("episode_dir:", "episodes_dir:").replace("image: puntate/", "artwork: puntate/")
    config.write_text(text, encoding="utf-8")
    rebuilt = run_renamed_cli("build", cwd=current)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "vecchio nome" not in rebuilt.stderr
    assert (current / "site" / "feed.xml").read_bytes() == (old_names / "site" / "feed.xml").read_bytes()
