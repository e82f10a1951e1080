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


def test_lists_by_person_theme_and_episode_are_what_a_scan_gives(project):
    """The catalogue indexes its lists once (planning stays linear): the same lists, in the same order."""
    import dataclasses
    from datetime import timedelta

    catalog = load(project).catalog
    [story] = catalog.stories
    first, second = catalog.episodes[-1], catalog.episodes[0]
    renamed = dataclasses.replace(second, slug="vecchio-nome")  # published under a former name
    themes = catalog.site.themes
    stories = tuple(
        dataclasses.replace(
            story, src_uri=f"storie/s{n}.md", source=story.source.with_name(f"s{n}.md"), date=story.date - timedelta(days=n),
            themes=themes[n % len(themes):][:2], people=("mario-rossi", "anna-bianchi")[: n % 3],
            episode=(None, first.file_slug, renamed.slug, renamed.file_slug)[n % 4],
        )
        for n in range(12)
    )
    draft = dataclasses.replace(stories[5], src_uri="storie/bozza.md", source=story.source.with_name("bozza.md"), draft=True)
    catalog = dataclasses.replace(catalog, episodes=(renamed, first), stories=stories, previews=(draft,))
    shown = catalog.shown_stories
    assert draft in shown and catalog.is_preview(draft) and not any(catalog.is_preview(s) for s in stories)
    for theme in themes:
        assert catalog.stories_about(theme) == tuple(s for s in shown if theme in s.themes)
    for person in ("mario-rossi", "anna-bianchi", "nessuno"):
        assert catalog.stories_with(person) == tuple(s for s in shown if person in s.people)
        assert catalog.episodes_with(person) == tuple(
            e for e in catalog.shown_episodes if any(c.person_id == person for c in e.people)
        )
    for episode in (first, renamed):
        assert catalog.stories_on(episode) == tuple(s for s in stories if s.episode in (episode.slug, episode.file_slug))
        assert catalog.stories_on(episode)
    assert catalog.episode("vecchio-nome") is catalog.episode(renamed.file_slug) is renamed
    assert catalog.episode(first.file_slug) is first and catalog.episode("nessuno") is None
