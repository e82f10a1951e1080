"""Where each published thing lives on the site, as site-relative paths.

One place decides these paths, so the pages, the feed and the engine adapter always agree.
Published file names are ASCII and derived from slugs, never from what staff typed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from reset_stories.model import Episode, Image, Person, Show, Site, Story, Theme
from reset_stories.slugs import slugify


def page_file(url: str) -> str:
    """The file a site-relative page URL is served from: ``a/`` is ``a/index.html``."""
    return f"{url}index.html" if url == "" or url.endswith("/") else url


def episode_page(site: Site, episode: Episode) -> str:
    """The Markdown source URI of the episode's generated page."""
    return f"{site.podcast_section}/{episode.slug}.md"


def episode_audio(site: Site, episode: Episode) -> str:
    """The audio's path, the same on the site or under the media URL: it never changes with hosting."""
    assert episode.audio is not None
    return f"{site.podcast_section}/{episode.slug}/{episode.slug}.{episode.audio.extension}"


def slug_of_audio(url: str) -> str | None:
    """The slug in a URL made by :func:`episode_audio` (``…/<slug>/<slug>.<ext>``), or None when
    the URL is not of that shape (audio published by another tool)."""
    parts = [part for part in urlsplit(url).path.split("/") if part]
    if len(parts) >= 2 and parts[-1].rsplit(".", 1)[0] == parts[-2] and slugify(parts[-2]) == parts[-2]:
        return parts[-2]
    return None


def audio_url(site: Site, episode: Episode) -> str:
    """The enclosure URL: on the media host when there is one, else on the site."""
    return (site.media_url or site.url) + episode_audio(site, episode)


def episode_image(site: Site, episode: Episode) -> str | None:
    return _image(f"{site.podcast_section}/{episode.slug}", episode.image) if episode.image else None


def episode_chapters(site: Site, episode: Episode) -> str:
    return f"{site.podcast_section}/{episode.slug}/{episode.slug}.chapters.json"


def episode_transcript(site: Site, episode: Episode, extension: str) -> str:
    """The transcript published in one format: "vtt", "srt", "json" or "html"."""
    return f"{site.podcast_section}/{episode.slug}/{episode.slug}.{extension}"


def chapter_image(site: Site, episode: Episode, image: Image) -> str:
    return _image(f"{site.podcast_section}/{episode.slug}", image)


def show_artwork(site: Site, show: Show) -> str:
    # Named after the source file: apps cache artwork by URL, so a new file means a new URL.
    return _image(site.podcast_section, show.artwork)


def person_photo_uri(site: Site, person: Person) -> str | None:
    """Where a person's photo is published: where it already is when it is among the docs."""
    if person.photo is None:
        return None
    if person.photo.is_relative_to(site.docs_dir):
        return person.photo.relative_to(site.docs_dir).as_posix()
    extension = person.photo.suffix.lstrip(".").lower()
    return f"{site.people_section}/{person.id}/{slugify(person.photo.stem) or 'foto'}.{extension}"


def theme_page(site: Site, theme: Theme) -> str:
    return f"{site.stories_section}/temi/{theme.slug}.md"


def year_page(site: Site, year: int) -> str:
    """The archive of the stories of one year."""
    return f"{site.stories_section}/anni/{year}.md"


def list_page(first: str, number: int) -> str:
    """Page ``number`` of a list whose first page is ``first`` (a source URI), counting from 1.

    The first page is the list's own page, where it always was; the others follow it under
    ``pagina/``: "podcast/index.md" → "podcast/pagina/2.md" (published at podcast/pagina/2/),
    "persone/aldo-buzio.md" → "persone/aldo-buzio/pagina/2.md". A page's URL depends only on its
    number: a new item moves items from page to page, never a page.
    """
    if number == 1:
        return first
    stem = first.removesuffix(".md")
    folder = stem.removesuffix("/index") if stem.endswith("/index") else stem
    return f"{folder}/pagina/{number}.md" if folder != "index" else f"pagina/{number}.md"


def stories_index(site: Site) -> str:
    return f"{site.stories_section}/index.md"


def people_index(site: Site) -> str:
    return f"{site.people_section}/index.md"


def story_page(story: Story) -> str:
    return story.src_uri


def _image(folder: str, image: Image) -> str:
    return f"{folder}/{slugify(image.path.stem) or 'immagine'}.{image.extension}"
