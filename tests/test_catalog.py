"""Loading a whole project: what the catalogue holds, and the problems found across files."""

from __future__ import annotations

from conftest import edit_front_matter, load

from reset_stories.problems import Severity


def test_episode_with_chapters_and_transcript(project):
    catalog = load(project).catalog
    episode = next(e for e in catalog.episodes if e.slug == "01-primo")
    assert [(c.start, c.title) for c in episode.chapters] == [(0.0, "Apertura"), (1.5, "La risposta di Mario")]
    assert episode.transcript.speakers == ("Anna Bianchi", "Mario Rossi")
    assert len(episode.transcript.cues) == 3


def test_a_speaker_who_is_not_a_person_is_a_warning(project):
    vtt = project / "episodes/01-primo.vtt"
    vtt.write_text(vtt.read_text(encoding="utf-8").replace("<v.host Mario Rossi>", "<v Giulia Verdi>"), encoding="utf-8")
    loaded = load(project)
    assert loaded.catalog is not None  # a warning does not stop the build
    [warning] = loaded.problems.warnings
    assert warning.severity is Severity.WARNING
    assert str(warning) == (
        "episodes/01-primo.md:17: avviso: transcript: «Giulia Verdi» parla nella trascrizione ma non è tra le persone "
        'del sito — crea la sua pagina (reset-stories new person "Giulia Verdi") o correggi il nome scritto dopo «<v».'
    )


def test_hosts_must_be_people_of_the_site(project):
    from conftest import edit_podcast_settings

    edit_podcast_settings(project, hosts=[{"id": "anna-bianchi", "role": "co-host"}, "mario-rossi"])
    catalog = load(project).catalog
    assert [(h.person_id, h.role.role) for h in catalog.show.hosts] == [("anna-bianchi", "co-host"), ("mario-rossi", "host")]


def test_episode_people_without_a_role_are_guests(project):
    edit_front_matter(project / "episodes/02-secondo.md", people=["mario-rossi"])
    catalog = load(project).catalog
    episode = next(e for e in catalog.episodes if e.slug == "02-secondo")
    [credit] = episode.people
    assert (credit.role.role, credit.role.group, credit.role.label) == ("guest", "cast", "Ospite")
