"""Whatever staff write in front matter, the result is a build or a list of clear messages:
never a traceback. Front matter is generated at random (hypothesis), fields and values alike."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import BASE_FIXTURE, LATER, copy_project, load, plan_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reset_stories.content.loader import EPISODE_FIELDS, PERSON_FIELDS, STORY_FIELDS
from reset_stories.lint import check_plan

# What copy-paste from Word or a PDF brings along: controls, non-characters, half a character.
invisible = st.text(st.sampled_from("ab é\t\n\x00\x07\x0b\x0c\x1b\x7f\x85\x92\ud800\udfff\ufdd0\ufffe\uffff\U0001fffe"), max_size=12)
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**6, max_value=10**6), st.floats(allow_nan=False),
    st.text(max_size=40), invisible, st.dates(), st.datetimes(),
    st.sampled_from(["audio/01-primo.mp3", "../../etc/passwd", "/etc/passwd", "2024-02-30", "5 maggio", "00:20",
                     "mario-rossi", "anna-bianchi", "guest", "host", "01-primo.vtt", "https://example.org/",
                     "no", "yes", "true", "1:30:00", "", " ", "<script>x</script>", "ambiente"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["id", "role", "start", "title", "url", "image", "x"]) | st.text(max_size=8), inner, max_size=4)),
    max_leaves=8,
)


def front_matter(fields: tuple[str, ...]):
    keys = st.sampled_from(fields) | st.text(min_size=1, max_size=10)
    return st.dictionaries(keys, values, max_size=len(fields) + 2)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(BASE_FIXTURE, tmp_path_factory.mktemp("fuzz") / "project")


def load_and_render(project: Path) -> None:
    loaded = load(project, LATER)
    for problem in loaded.problems.items:
        assert problem.path and problem.message.strip(), problem
    if loaded.catalog is not None:
        plan = plan_of(loaded.catalog)
        check_plan(plan, loaded.catalog)


def write(path: Path, meta: dict, body: str = "Note.\n") -> None:
    text = yaml.safe_dump(meta, allow_unicode=True, default_flow_style=False) if meta else ""
    path.write_text(f"---\n{text}---\n{body}", encoding="utf-8")


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


# What staff write, and where: every kind of content file.
KINDS = {
    "episode": (EPISODE_FIELDS, "episodes/03-fuzz.md"),
    "story": (STORY_FIELDS, "content/storie/fuzz.md"),
    "person": (PERSON_FIELDS, "content/persone/fuzz.md"),
}


@pytest.mark.parametrize("kind", KINDS)
@FUZZ
@given(data=st.data())
def test_random_front_matter(project, kind, data):
    fields, where = KINDS[kind]
    path = project / where
    write(path, data.draw(front_matter(fields), label="front matter"))
    try:
        load_and_render(project)
    finally:
        path.unlink()


@FUZZ
@given(body=invisible)
def test_random_invisible_characters_in_a_body(project, body):
    path = project / "episodes/01-primo.md"
    original = path.read_bytes()
    try:
        path.write_bytes(original + body.encode("utf-8", errors="surrogatepass"))
        load_and_render(project)
    finally:
        path.write_bytes(original)


@FUZZ
@given(text=st.text(max_size=300))
def test_random_text_as_front_matter(project, text):
    path = project / "episodes/03-fuzz.md"
    try:
        path.write_bytes(f"---\n{text}\n---\nNote.\n".encode("utf-8", errors="replace"))
        load_and_render(project)
    finally:
        path.unlink(missing_ok=True)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(meta=front_matter(EPISODE_FIELDS))
def test_the_cli_never_shows_a_traceback_for_fuzzed_input(project, meta):
    """A few generated cases through the real command, for its exit code and its output."""
    from conftest import run_cli

    path = project / "episodes/03-fuzz.md"
    write(path, meta)
    try:
        result = run_cli("check", cwd=project)
    finally:
        path.unlink()
    assert result.returncode in (0, 1)
    assert "Traceback" not in result.stderr + result.stdout
