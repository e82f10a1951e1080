"""``lint`` loads only what it reads a feed with: ``reset-stories lint FILE`` is timed from a
fresh process (issue 16: 10,000 items in under 2 s), so the build's modules (the importer, the
feed builder, the site planner, the model) and Pillow must not come with it."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

from reset_stories.feed.descriptions import ALLOWED as BUILD_ALLOWED
from reset_stories.lint.markup import ALLOWED as LINT_ALLOWED

NOT_NEEDED = ("reset_stories.importing", "reset_stories.feed", "reset_stories.site.plan", "reset_stories.model",
              "reset_stories.content.transcripts", "reset_stories.media.images", "PIL")


def test_linting_a_feed_loads_none_of_the_build_s_modules():
    script = f"""
import sys
sys.path.insert(0, {str(REPO)!r})
from reset_stories.lint import find, lint_file, remote, report
from reset_stories.lint.rules import RULES
find(b'<rss version="2.0"><channel><title>t</title><item><description>&lt;b&gt;x&lt;/b&gt;</description></item></channel></rss>')
print(sorted(m for m in sys.modules if m.startswith({NOT_NEEDED!r})))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_apple_s_description_tags_are_the_build_s():
    """markup.py keeps its own copy of the list (not to import the feed builder): the same set."""
    assert LINT_ALLOWED == BUILD_ALLOWED
