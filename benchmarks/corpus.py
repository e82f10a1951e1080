"""The synthetic corpus the speed benchmarks build: N episodes, N stories, people, all valid.

Shapes as issue 13 measured them: each episode has its audio (a copy of a 3 s MP3), show notes of
a few paragraphs with links and emphasis, two people, three chapters, and every fifth episode a
WebVTT transcript; each story has two themes, a person and a related episode; 50 people with a
short biography. Deterministic: the same arguments write the same files.

    write_project(root, episodes=1000, stories=1000, people=50) -> root

``plain_pages`` gives the same texts as plain Markdown pages (title and body, no reset-stories
front matter), for the engines' own floor: plain MkDocs + Material or Zensical on the same words.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TONE = REPO / "tests" / "data" / "tone.mp3"
COVER = REPO / "tests" / "data" / "cover.jpg"
THEMES = ("ambiente", "scuola", "cultura", "impresa", "territorio")
START = datetime(2020, 1, 6, 9, 0)

CONFIG = """site_name: Corpus
site_url: https://corpus.example.org/
docs_dir: content
theme:
  name: material
  language: it
  font: false
plugins:
  - search
  - reset-stories:
      themes: [{themes}]
      podcast:
        title: Voci del corpus
        description: Un podcast sintetico per misurare la velocità.
        author: Ente di prova
        owner:
          name: Ufficio stampa
          email: stampa@example.org
        category: Society & Culture > Documentary
        artwork: episodes/copertina.jpg
        explicit: false
        copyright: © Ente di prova
        guid: 375e050f-7f52-5e9b-9cfc-9414515d1a5b
nav:
  - Home: index.md
  - Podcast: podcast/index.md
  - Storie: storie/index.md
  - Persone: persone/index.md
"""

TRANSCRIPT = """WEBVTT

00:00.000 --> 00:01.000
<v {first}>Benvenuti a questo episodio, il numero {n}.

00:01.000 --> 00:02.000
<v {second}>Grazie dell'invito: parliamo di sperimentazioni culturali.

00:02.000 --> 00:02.900
<v {first}>A presto.
"""


def person_id(n: int) -> str:
    return f"persona-{n:03d}"


def person_name(n: int) -> str:
    return f"Persona Numero {n}"


def notes(n: int) -> str:
    return (
        f"Nell'episodio {n} si parla di **innovazione culturale** e di come i progetti nascono dal territorio.\n\n"
        f"- un primo punto, con [un collegamento](https://example.org/episodi/{n});\n"
        "- un secondo punto, *in corsivo*;\n- un terzo punto.\n\n"
        "Un paragrafo conclusivo, abbastanza lungo da somigliare alle note vere di un episodio: chi parla, "
        "dove si è registrato, quali progetti vengono citati e dove trovarli.\n"
    )


def story_text(n: int) -> str:
    return (
        f"La storia {n} racconta un progetto della comunità.\n\n"
        "## Il contesto\n\nUn paragrafo sul contesto, con *qualche parola in corsivo* e un elenco:\n\n"
        "1. il primo passo;\n2. il secondo passo.\n\n## Che cosa è cambiato\n\nUn paragrafo finale.\n"
    )


def write_project(root: Path, *, episodes: int = 1000, stories: int = 1000, people: int = 50) -> Path:
    content, eps = root / "content", root / "episodes"
    for folder in (content / "persone", content / "storie", eps / "audio"):
        folder.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(CONFIG.format(themes=", ".join(THEMES)), encoding="utf-8")
    (content / "index.md").write_text("# Corpus\n\nUn sito sintetico.\n", encoding="utf-8")
    shutil.copyfile(COVER, eps / "copertina.jpg")
    for p in range(1, people + 1):
        (content / "persone" / f"{person_id(p)}.md").write_text(
            f"---\nname: {person_name(p)}\norganisation: Associazione {p}\nrole: Presidente\n---\n"
            f"Biografia di {person_name(p)}.\n", encoding="utf-8",
        )
    for n in range(1, episodes + 1):
        first, second = 1 + n % people, 1 + (n * 7) % people
        moment = START + timedelta(days=n)
        front = [
            "---", f"title: Episodio {n}", f"date: {moment:%Y-%m-%d %H:%M}", f"audio: audio/{n:05d}.mp3",
            f"summary: Il riassunto dell'episodio {n}.", f"guid: 00000000-0000-4000-8000-{n:012d}", f"number: {n}",
            "people:", f"  - id: {person_id(first)}", "    role: host", f"  - id: {person_id(second)}", "    role: guest",
            "chapters:", '  - start: "00:00"', "    title: Apertura", '  - start: "00:01"', "    title: Il racconto",
            '  - start: "00:02"', "    title: I saluti",
        ]
        if n % 5 == 0:
            front.append(f"transcript: {n:05d}.vtt")
            (eps / f"{n:05d}.vtt").write_text(
                TRANSCRIPT.format(n=n, first=person_name(first), second=person_name(second)), encoding="utf-8",
            )
        (eps / f"{n:05d}-episodio.md").write_text("\n".join([*front, "---", notes(n)]), encoding="utf-8")
        shutil.copyfile(TONE, eps / "audio" / f"{n:05d}.mp3")
    for n in range(1, stories + 1):
        moment = START + timedelta(days=n, hours=3)
        themes = f"[{THEMES[n % len(THEMES)]}, {THEMES[(n + 2) % len(THEMES)]}]"
        related = f"\nepisode: {1 + n % episodes:05d}-episodio" if episodes else ""
        (content / "storie" / f"storia-{n:05d}.md").write_text(
            f"---\ntitle: Storia {n}\ndate: {moment:%Y-%m-%d}\nsummary: Il riassunto della storia {n}.\n"
            f"themes: {themes}\npeople: [{person_id(1 + n % people)}]{related}\n---\n{story_text(n)}",
            encoding="utf-8",
        )
    return root


def plain_pages(*, episodes: int = 1000, stories: int = 1000, people: int = 50) -> Iterator[tuple[str, str]]:
    """(path under docs, Markdown) of the same texts as plain pages, for an engine alone."""
    yield "index.md", "# Corpus\n\nUn sito sintetico.\n"
    for p in range(1, people + 1):
        yield f"persone/{person_id(p)}.md", f"# {person_name(p)}\n\nBiografia di {person_name(p)}.\n"
    for n in range(1, episodes + 1):
        yield f"podcast/{n:05d}-episodio.md", f"# Episodio {n}\n\nIl riassunto dell'episodio {n}.\n\n{notes(n)}"
    for n in range(1, stories + 1):
        yield f"storie/storia-{n:05d}.md", f"# Storia {n}\n\n{story_text(n)}"
