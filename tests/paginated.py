"""What the pagination tests share: a synthetic project whose lists are long enough to continue on
other pages (benchmarks/corpus.py: all valid, deterministic), and what the plan says of it."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, module_at

# 45 episodes and 45 stories: with the default page size (20), three pages of each list.
EPISODES = STORIES = 45
PEOPLE = 5
PUBLIC_URL = "https://corpus.example.org/"


def write_corpus(root: Path, *, episodes: int = EPISODES, stories: int = STORIES, people: int = PEOPLE,
                 settings: str = "") -> Path:
    """A project at ``root`` with ``episodes`` episodes and ``stories`` stories (episode N dated
    2020-01-06 + N days: the newest is the last); ``settings`` are lines added under «reset-stories:»
    (e.g. "page_size: 5")."""
    module_at(REPO / "benchmarks" / "corpus.py").write_project(root, episodes=episodes, stories=stories, people=people)
    if settings:
        config = root / "mkdocs.yml"
        lines = "".join(f"      {line}\n" for line in settings.splitlines())
        text = config.read_text(encoding="utf-8").replace("  - reset-stories:\n", f"  - reset-stories:\n{lines}")
        config.write_text(text, encoding="utf-8")
    return root
