"""The publication ledger stops every accidental change to what is published, and lets the
deliberate version through."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
import yaml
from conftest import DATA, edit_front_matter, run_cli
from lxml import etree

FIRST = "5f1d3b2a-0000-4000-8000-000000000001"
SECOND = "5f1d3b2a-0000-4000-8000-000000000002"


def ledger(project: Path) -> dict[str, dict]:
    data = yaml.safe_load((project / "published.yml").read_text(encoding="utf-8"))
    return {entry["guid"]: entry for entry in data["episodes"]}


def feed_guids(project: Path) -> list[str]:
    return [g.text for g in etree.parse(str(project / "site/feed.xml")).getroot().iter("guid")]


def site_files(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}


@pytest.fixture
def published(project):
    """The base project, built once: both episodes are recorded as published."""
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Aggiornato published.yml" in result.stdout
    return project


def build_fails(project: Path, *expected: str) -> str:
    before = site_files(project)
    result = run_cli("build", cwd=project)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    for text in expected:
        assert text in result.stderr, result.stderr
    assert site_files(project) == before  # nothing published
    return result.stderr


def build_passes(project: Path) -> str:
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_first_build_records_what_it_published(published):
    entries = ledger(published)
    assert set(entries) == {FIRST, SECOND}
    assert entries[FIRST] == {
        "guid": FIRST, "slug": "01-primo",
        "enclosure": "https://podcast.example.org/podcast/01-primo/01-primo.mp3",
        "first_published": "2024-01-15T00:00:00+01:00", "title": "Il primo episodio",
    }
    # Unchanged content: the ledger is not rewritten.
    before = (published / "published.yml").stat().st_mtime_ns
    assert "published.yml" not in build_passes(published)
    assert (published / "published.yml").stat().st_mtime_ns == before


def test_a_deleted_episode_is_not_dropped_silently(published):
    (published / "episodes/01-primo.md").unlink()
    build_fails(
        published,
        f"published.yml: l'episodio «Il primo episodio» (guid {FIRST}), pubblicato il 2024-01-15, non c'è più: "
        "sparirebbe dal feed e dalle app degli ascoltatori — ripristina il suo file (episodes/01-primo.md); "
        "per ritirarlo davvero scrivi «withdrawn: true» sotto il suo guid in published.yml.",
    )
    # On purpose: marked withdrawn in the ledger.
    text = (published / "published.yml").read_text(encoding="utf-8")
    (published / "published.yml").write_text(text.replace("  title: Il primo episodio\n", "  title: Il primo episodio\n  withdrawn: true\n"), encoding="utf-8")
    build_passes(published)
    assert feed_guids(published) == [SECOND]
    assert ledger(published)[FIRST]["withdrawn"] is True


def test_a_published_episode_made_a_draft_or_future_is_stopped(published):
    edit_front_matter(published / "episodes/01-primo.md", draft=True)
    build_fails(published, "episodes/01-primo.md:", "è stato pubblicato il 2024-01-15: con una bozza (draft) o una data futura sparirebbe")
    edit_front_matter(published / "episodes/01-primo.md", draft=None, date="2099-01-01")
    build_fails(published, "episodes/01-primo.md:3: è stato pubblicato il 2024-01-15")


def test_withdrawn_takes_an_episode_out_on_purpose(published):
    edit_front_matter(published / "episodes/01-primo.md", withdrawn=True)
    build_passes(published)
    assert feed_guids(published) == [SECOND]
    assert not (published / "site/podcast/01-primo").exists()
    assert ledger(published)[FIRST]["withdrawn"] is True
    # Brought back, it keeps its identity.
    edit_front_matter(published / "episodes/01-primo.md", withdrawn=None)
    build_passes(published)
    assert feed_guids(published) == [SECOND, FIRST]
    assert "withdrawn" not in ledger(published)[FIRST]


def test_a_changed_guid_is_stopped_and_can_be_replaced_on_purpose(published):
    new = str(uuid.uuid4())
    edit_front_matter(published / "episodes/01-primo.md", guid=new)
    build_fails(published, f"episodes/01-primo.md:6: guid: era {FIRST} quando l'episodio è stato pubblicato", f"aggiungi «replaces_guid: {FIRST}»")
    edit_front_matter(published / "episodes/01-primo.md", replaces_guid=FIRST)
    build_passes(published)
    recorded = ledger(published)
    assert set(recorded) == {FIRST, new, SECOND}  # the ledger only grows: the old guid stays on record
    assert recorded[FIRST]["withdrawn"] is True and recorded[FIRST]["replaced_by"] == new
    assert FIRST not in feed_guids(published) and new in feed_guids(published)
    build_passes(published)  # and the next build accepts it as it is
    assert new in feed_guids(published)


def test_a_changed_enclosure_is_stopped_and_can_be_moved_on_purpose(published):
    # The studio sent an MP3 where there was an M4A: the published file's name changes with its type.
    shutil.copy(DATA / "tone.mp3", published / "episodes/audio/02-secondo.mp3")
    edit_front_matter(published / "episodes/02-secondo.md", audio="audio/02-secondo.mp3")
    old = "https://podcast.example.org/podcast/02-secondo/02-secondo.m4a"
    build_fails(published, f"episodes/02-secondo.md:4: audio: l'indirizzo dell'audio cambierebbe da {old} a https://podcast.example.org/podcast/02-secondo/02-secondo.mp3", f"«moved_from: {old}»")
    edit_front_matter(published / "episodes/02-secondo.md", moved_from=old)
    build_passes(published)
    assert ledger(published)[SECOND]["enclosure"] == "https://podcast.example.org/podcast/02-secondo/02-secondo.mp3"


def test_moving_every_episode_to_a_media_host(published):
    config = published / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - reset-stories:\n", "  - reset-stories:\n      media_base_url: https://cdn.example.org/\n"), encoding="utf-8")
    errors = build_fails(published, "l'indirizzo dell'audio cambierebbe")
    assert errors.count("l'indirizzo dell'audio cambierebbe") == 2
    result = run_cli("build", "--move-media", cwd=published)
    assert result.returncode == 0, result.stderr
    assert ledger(published)[SECOND]["enclosure"] == "https://cdn.example.org/podcast/02-secondo/02-secondo.m4a"


def test_renaming_a_file_or_its_title_keeps_its_identity(published):
    (published / "episodes/01-primo.md").rename(published / "episodes/01-il-primo-episodio.md")
    edit_front_matter(published / "episodes/01-il-primo-episodio.md", title="Un titolo nuovo")
    edit_front_matter(published / "content/storie/prima-storia.md", episode="01-il-primo-episodio")
    build_passes(published)
    feed = (published / "site/feed.xml").read_text(encoding="utf-8")
    assert "https://podcast.example.org/podcast/01-primo/01-primo.mp3" in feed  # the same enclosure
    assert "https://podcast.example.org/podcast/01-primo/</link>" in feed  # the same page
    assert "Un titolo nuovo" in (published / "site/podcast/01-primo/index.html").read_text(encoding="utf-8")
    assert ledger(published)[FIRST]["slug"] == "01-primo"
    # A new file may not take the address the renamed one keeps.
    shutil.copy(published / "episodes/02-secondo.md", published / "episodes/01-primo.md")
    edit_front_matter(published / "episodes/01-primo.md", guid=str(uuid.uuid4()))
    build_fails(published, "episodes/01-primo.md: il suo indirizzo («01-primo») è già di episodes/01-il-primo-episodio.md")


def test_a_withdrawn_guid_is_never_used_again(published):
    edit_front_matter(published / "episodes/01-primo.md", withdrawn=True)
    build_passes(published)
    shutil.copy(published / "episodes/02-secondo.md", published / "episodes/03-terzo.md")
    edit_front_matter(published / "episodes/03-terzo.md", guid=FIRST, title="Un altro")
    build_fails(published, "episodes/03-terzo.md:6: guid: è il guid dell'episodio ritirato «Il primo episodio»: un guid non si riusa mai")


def test_new_never_gives_a_guid_already_used(published, monkeypatch):
    from reset_stories.content.scaffold import NewContent

    catalog_site = __import__("conftest").load(published).catalog.site
    where = NewContent(site=catalog_site, today=__import__("conftest").LATER, used_guids=frozenset({FIRST}))
    fresh = "8c7f5b1e-0000-4000-8000-00000000abcd"
    given = iter([uuid.UUID(FIRST), uuid.UUID(fresh)])
    monkeypatch.setattr(uuid, "uuid4", lambda: next(given))
    assert where.fresh_guid() == fresh  # the used one was skipped


def test_new_knows_the_guids_of_the_ledger_and_of_the_episodes(published):
    from conftest import load

    from reset_stories.content.scaffold import new_content

    catalog = load(published).catalog
    where = new_content(catalog.site, {"podcast": {}})
    assert {FIRST, SECOND} <= where.used_guids


def test_mkdocs_build_records_and_checks_too(published):
    import subprocess
    import sys

    mkdocs = Path(sys.executable).parent / "mkdocs"
    (published / "episodes/02-secondo.md").unlink()
    result = subprocess.run([str(mkdocs), "build"], cwd=published, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "non c'è più: sparirebbe dal feed" in result.stderr


def test_a_damaged_ledger_is_reported(published):
    (published / "published.yml").write_text("episodes:\n- guid: x\n  slug: [\n", encoding="utf-8")
    build_fails(published, "published.yml:4: il registro delle pubblicazioni è rovinato — non va scritto a mano: ripristinalo")
    (published / "published.yml").write_text("episodes:\n- guid: x\n", encoding="utf-8")
    build_fails(published, "published.yml: episodes[1]: la voce del registro è incompleta")


# --- a lost ledger: emptied, truncated, corrupted or deleted ------------------------------------

LOST = "non registra 2 episodi pubblicati che risultano in site/feed.xml"


@pytest.mark.parametrize("damage", [
    pytest.param(lambda path: path.write_text("episodes: []\n", encoding="utf-8"), id="emptied-list"),
    pytest.param(lambda path: path.unlink(), id="deleted"),
])
def test_a_lost_ledger_is_noticed_from_the_last_feed_and_restored(published, damage):
    before = ledger(published)
    damage(published / "published.yml")
    (published / "episodes/02-secondo.md").unlink()  # the episode that would vanish silently
    stderr = build_fails(published, LOST, "«git checkout published.yml»", "«reset-stories restore-ledger»")
    assert "Primo" in stderr or FIRST in stderr
    restored = run_cli("restore-ledger", cwd=published)
    assert restored.returncode == 0, restored.stderr
    assert "ripresi 2 episodi" in restored.stdout
    after = ledger(published)
    assert {guid: (e["slug"], e["enclosure"]) for guid, e in after.items()} == {
        guid: (e["slug"], e["enclosure"]) for guid, e in before.items()
    }
    # Now the deleted episode is stopped as it always was.
    build_fails(published, "non c'è più: sparirebbe dal feed")


def test_an_empty_ledger_file_is_reported_even_without_other_records(project):
    (project / "published.yml").write_text("# svuotato\n", encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert "published.yml: il registro delle pubblicazioni è vuoto o incompleto (manca «episodes:»)" in result.stderr


def test_a_truncated_ledger_is_noticed(published):
    text = (published / "published.yml").read_text(encoding="utf-8")
    (published / "published.yml").write_text(text[: text.index("- guid", text.index("- guid") + 1)], encoding="utf-8")
    build_fails(published, "non registra 1 episodio pubblicato che risulta in site/feed.xml")


def test_the_ledger_committed_to_git_is_a_record_too(published):
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=published, check=True, capture_output=True,
                       env={**__import__("os").environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})

    git("init", "-q")
    git("add", "published.yml")
    git("commit", "-qm", "ledger")
    shutil.rmtree(published / "site")  # a fresh clone has no site
    (published / "published.yml").unlink()
    result = run_cli("build", cwd=published)
    assert result.returncode == 1
    assert "non registra 2 episodi pubblicati che risultano in git (published.yml nell'ultimo commit)" in result.stderr
    assert not (published / "site").exists()


def test_restore_ledger_with_nothing_to_restore_from_says_so(project):
    result = run_cli("restore-ledger", cwd=project)
    assert result.returncode == 1
    assert "non c'è niente da cui ricostruirlo" in result.stderr


def test_a_ledger_nested_thousands_deep_is_a_message(published):
    (published / "published.yml").write_text("episodes: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    build_fails(published, "published.yml", "il registro delle pubblicazioni è rovinato", "annidati uno dentro l'altro")
