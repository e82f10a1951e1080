"""Chapters: one list in the episode's front matter, read once, published as Podcasting 2.0 JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from reset_stories.content.fields import Invalid, read_text, read_url, show
from reset_stories.content.timecodes import format_timecode, read_timecode
from reset_stories.content.vocabulary import unknown_keys
from reset_stories.model import Chapter, Image

CHAPTER_FIELDS = ("start", "title", "url", "image")
MIME_TYPE = "application/json+chapters"


def chapter_reader(read_image: Callable[[object], Image]) -> Callable[[object], Chapter]:
    """A reader for one chapter (``start``, ``title``, optional ``url`` and ``image``)."""

    def read(value: object) -> Chapter:
        if not isinstance(value, Mapping):
            raise Invalid(
                f"{show(value)} non è un capitolo — scrivi ogni capitolo come «- start: \"02:30\"» "
                "e sotto, rientrato, «title: Il titolo»."
            )
        unknown = unknown_keys(value, CHAPTER_FIELDS, "un capitolo ha solo start, title, url e image.")
        if unknown:
            raise Invalid(f"campo sconosciuto «{unknown[0].key}» — {unknown[0].better}")
        if value.get("start") is None:
            raise Invalid("manca «start» — scrivi quando comincia il capitolo, per esempio start: \"02:30\".")
        if value.get("title") is None:
            raise Invalid("manca «title» — scrivi il titolo del capitolo.")
        return Chapter(
            start=read_timecode(value["start"]),
            title=read_text(value["title"]),
            url=read_url(value["url"]) if value.get("url") is not None else None,
            image=read_image(value["image"]) if value.get("image") is not None else None,
        )

    return read


def chapter_problems(chapters: tuple[Chapter, ...], duration: float | None) -> list[str]:
    """What is wrong with the chapters as a whole: their order, and starts past the audio's end."""
    problems = []
    for number in range(1, len(chapters)):
        before, chapter = chapters[number - 1], chapters[number]
        if chapter.start <= before.start:
            problems.append(
                f"il capitolo {number + 1} («{chapter.title}», {format_timecode(chapter.start)}) non comincia dopo "
                f"il capitolo {number} ({format_timecode(before.start)}) — metti i capitoli in ordine di tempo."
            )
    if duration is not None:
        for number, chapter in enumerate(chapters, start=1):
            if chapter.start >= duration:
                problems.append(
                    f"il capitolo {number} («{chapter.title}») comincia a {format_timecode(chapter.start)}, ma l'audio "
                    f"dura {format_timecode(duration)} — correggi start."
                )
    return problems


def to_json(chapters: tuple[Chapter, ...], absolute: Callable[[Image], str], title: str, show_title: str) -> str:
    """The Podcasting 2.0 chapters file (version 1.2.0); ``absolute`` gives each image's public URL."""
    items = []
    for chapter in chapters:
        item: dict[str, object] = {"startTime": round(chapter.start, 3), "title": chapter.title}
        if chapter.image is not None:
            item["img"] = absolute(chapter.image)
        if chapter.url:
            item["url"] = chapter.url
        items.append(item)
    document = {"version": "1.2.0", "title": title, "podcastName": show_title, "chapters": items}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
