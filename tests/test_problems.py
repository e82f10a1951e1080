"""The errors worded for people share one base: a ValueError with the message and, when known, a line."""

import pytest

from reset_stories.content.fields import Invalid, InvalidItems
from reset_stories.content.scaffold import ScaffoldError
from reset_stories.content.sources import YamlProblem
from reset_stories.content.transcripts import BadTranscript
from reset_stories.engines.mkdocs import ProjectError
from reset_stories.media.audio import NotAudio
from reset_stories.media.images import BadImage
from reset_stories.problems import PeopleFacingError, Problem


@pytest.mark.parametrize("error", [Invalid, InvalidItems, ScaffoldError, YamlProblem, BadTranscript, ProjectError, NotAudio, BadImage])
def test_every_people_facing_error_has_the_one_base(error):
    assert issubclass(error, PeopleFacingError)
    assert issubclass(error, ValueError)


def test_the_message_is_said_as_is_with_its_line():
    error = BadTranscript("manca il tempo — scrivi 00:01.000 --> 00:02.000.", line=3)
    assert (str(error), error.message, error.line) == ("manca il tempo — scrivi 00:01.000 --> 00:02.000.", error.message, 3)
    assert Invalid("è vuoto").line is None


def test_yaml_problem_keeps_its_line_first_signature():
    error = YamlProblem(2, "c'è un errore")
    assert (error.line, error.message, str(error)) == (2, "c'è un errore", "c'è un errore")


def test_several_items_are_one_message_each():
    error = InvalidItems(["primo", "secondo"])
    assert (error.messages, str(error)) == (["primo", "secondo"], "primo; secondo")


def test_a_project_error_carries_its_problems():
    problem = Problem("mkdocs.yml", "site_url", "manca")
    error = ProjectError([problem])
    assert error.problems == [problem]
    assert str(error).startswith("mkdocs.yml: site_url: manca")
