"""Writes the examples of the ``file-`` rules (and of the two rules of a document that is no feed):
each a small built site, the feed (``feed.xml``, whose self link says where the site is) with the
files it names beside it, as ``reset-stories lint site/feed.xml`` finds them.

Run from the repository:  .venv/bin/python tests/lint_examples/make_file_examples.py
The output is committed; the script is kept so that the examples can be read as what they differ in.
Two styles of self-hosted podcast: a WordPress site with Blubrry PowerPress (audio under
wp-content/uploads, an HTML transcript), and a site reset-stories built (chapters JSON, WebVTT,
SRT, JSON and HTML transcripts).
"""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"
AUDIO = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + bytes(186)  # 200 bytes that start like an MP3

WORDPRESS = "https://www.radiovalle.example/"
OURS = "https://podcast.example.org/"


def wordpress(item: str, cover: str = "wp-content/uploads/2024/01/copertina.jpg") -> str:
    """A feed as WordPress with Blubrry PowerPress writes it (generator comment, itunes:summary, CDATA)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:atom="http://www.w3.org/2005/Atom"
\txmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
\txmlns:podcast="https://podcastindex.org/namespace/1.0"
>
<channel>
\t<title>Radio Valle &#8211; Voci dal territorio</title>
\t<atom:link href="{WORDPRESS}feed.xml" rel="self" type="application/rss+xml" />
\t<link>{WORDPRESS}</link>
\t<description>Storie e voci della valle, ogni due settimane.</description>
\t<lastBuildDate>Tue, 14 May 2024 07:30:12 +0000</lastBuildDate>
\t<language>it-IT</language>
\t<generator>https://wordpress.org/?v=6.5.3</generator>
\t<!-- podcast_generator="Blubrry PowerPress/11.8.2" mode="advanced" feedslug="feed" Blubrry PowerPress Podcasting plugin for WordPress (https://www.blubrry.com/powerpress/) -->
\t<itunes:summary>Storie e voci della valle, ogni due settimane.</itunes:summary>
\t<itunes:author>Associazione Radio Valle</itunes:author>
\t<itunes:explicit>false</itunes:explicit>
\t<itunes:image href="{WORDPRESS}{cover}" />
\t<itunes:owner>
\t\t<itunes:name>Associazione Radio Valle</itunes:name>
\t\t<itunes:email>redazione@radiovalle.example</itunes:email>
\t</itunes:owner>
\t<itunes:category text="Society &amp; Culture" />
\t<podcast:locked>no</podcast:locked>
\t<podcast:guid>b3c1c5a4-2f7e-5a0e-9d6c-2f4f0c8a9e11</podcast:guid>
\t<item>
\t\t<title>Il mulino di Ponte Nuovo</title>
\t\t<link>{WORDPRESS}2024/05/14/il-mulino-di-ponte-nuovo/</link>
\t\t<pubDate>Tue, 14 May 2024 07:30:00 +0000</pubDate>
\t\t<guid isPermaLink="false">{WORDPRESS}?p=1287</guid>
\t\t<description><![CDATA[<p>La storia del mulino raccontata da chi ci ha lavorato.</p>]]></description>
\t\t<itunes:summary><![CDATA[La storia del mulino raccontata da chi ci ha lavorato.]]></itunes:summary>
\t\t<itunes:duration>00:24:31</itunes:duration>
\t\t<itunes:explicit>false</itunes:explicit>
{item}
\t</item>
</channel>
</rss>
"""


def ours(item: str) -> str:
    """A feed as reset-stories writes it (podcast:chapters and four podcast:transcript)."""
    return f"""<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0" version="2.0">
  <channel>
    <title>Un Palazzo, una Città, un Territorio</title>
    <link>{OURS}</link>
    <description>Il podcast di RESET.</description>
    <atom:link href="{OURS}feed.xml" rel="self" type="application/rss+xml"/>
    <language>it</language>
    <itunes:author>RESET</itunes:author>
    <itunes:category text="Arts"/>
    <itunes:explicit>false</itunes:explicit>
    <itunes:image href="{OURS}podcast/copertina.jpg"/>
    <itunes:type>episodic</itunes:type>
    <podcast:guid>5f1d3b2a-0000-4000-8000-000000000001</podcast:guid>
    <item>
      <title>Il primo episodio</title>
      <link>{OURS}podcast/01-primo/</link>
      <description>&lt;p&gt;Le note del primo episodio.&lt;/p&gt;</description>
      <guid isPermaLink="false">5f1d3b2a-0000-4000-8000-000000000002</guid>
      <enclosure url="{OURS}podcast/01-primo/01-primo.mp3" length="{len(AUDIO)}" type="audio/mpeg"/>
      <pubDate>Tue, 20 Feb 2024 18:30:00 +0100</pubDate>
      <itunes:duration>1520</itunes:duration>
{item}
    </item>
  </channel>
</rss>
"""


def site(name: str, feed: str, files: dict[str, bytes | Path]) -> None:
    """``tests/lint_examples/<name>/``: the feed and its files."""
    folder = HERE / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / "feed.xml").write_text(feed, encoding="utf-8")
    for path, content in files.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        else:
            target.write_bytes(content)


def wp_enclosure(length: int = len(AUDIO), path: str = "wp-content/uploads/2024/05/RV-012-mulino.mp3") -> str:
    return f'\t\t<enclosure url="{WORDPRESS}{path}" length="{length}" type="audio/mpeg" />'


WP_FILES: dict[str, bytes | Path] = {
    "wp-content/uploads/2024/01/copertina.jpg": DATA / "cover.jpg",
    "wp-content/uploads/2024/05/RV-012-mulino.mp3": AUDIO,
}
OUR_COVER: dict[str, bytes | Path] = {"podcast/copertina.jpg": DATA / "cover.jpg", "podcast/01-primo/01-primo.mp3": AUDIO}
VTT = "WEBVTT\n\n00:00.000 --> 00:04.200\n<v Anna>Benvenuti a Palazzo Sansedoni.\n\n00:04.200 --> 00:09.000\n<v Marco>Grazie.\n"
CHAPTERS = '{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Apertura"}, {"startTime": 95.5, "title": "Il cortile"}]}'


def transcript(kind: str, name: str) -> str:
    return f'      <podcast:transcript url="{OURS}podcast/01-primo/{name}" type="{kind}" language="it"/>'


def chapters(name: str = "01-primo.chapters.json") -> str:
    return f'      <podcast:chapters url="{OURS}podcast/01-primo/{name}" type="application/json+chapters"/>'


def main() -> None:
    # file-missing: the audio is not where the enclosure says (a WordPress upload deleted)
    site("file-missing/good", wordpress(wp_enclosure()), WP_FILES)
    site("file-missing/bad", wordpress(wp_enclosure()), {k: v for k, v in WP_FILES.items() if not k.endswith(".mp3")})
    site("file-missing/bad-2", ours(transcript("text/vtt", "01-primo.vtt")), OUR_COVER)
    site("file-missing/good-2", ours('      <podcast:person role="host" img="https://podcast.example.org/persone/anna-bianchi.jpg">Anna Bianchi</podcast:person>'), {
        **OUR_COVER, "persone/anna-bianchi.jpg": DATA / "small.jpg",
    })
    site("file-missing/bad-3", ours('      <podcast:person role="host" img="https://podcast.example.org/persone/anna-bianchi.jpg">Anna Bianchi</podcast:person>'), OUR_COVER)
    # file-enclosure-length: PowerPress keeps the size of a file since replaced
    site("file-enclosure-length/good", wordpress(wp_enclosure()), WP_FILES)
    site("file-enclosure-length/bad", wordpress(wp_enclosure(length=31_337_012)), WP_FILES)
    # file-outside-site: a path that climbs out of the site
    site("file-outside-site/good", ours(transcript("text/vtt", "01-primo.vtt")), {**OUR_COVER, "podcast/01-primo/01-primo.vtt": VTT.encode()})
    site("file-outside-site/bad", ours(transcript("text/vtt", "../../../segreto.vtt")), OUR_COVER)
    site("file-outside-site/bad-2", ours(transcript("text/vtt", "%2e%2e/%2e%2e/%2e%2e/segreto.vtt")), OUR_COVER)
    # file-artwork: Apple's 1400-3000 px, square, RGB
    site("file-artwork/good", wordpress(wp_enclosure()), WP_FILES)
    site("file-artwork/bad", wordpress(wp_enclosure()), {**WP_FILES, "wp-content/uploads/2024/01/copertina.jpg": DATA / "small.jpg"})
    site("file-artwork/bad-2", wordpress(wp_enclosure()), {**WP_FILES, "wp-content/uploads/2024/01/copertina.jpg": DATA / "cmyk.jpg"})
    site("file-artwork/bad-3", wordpress(wp_enclosure()), {**WP_FILES, "wp-content/uploads/2024/01/copertina.jpg": DATA / "wide.jpg"})
    # file-chapters-json and file-chapters-order
    site("file-chapters-json/good", ours(chapters()), {**OUR_COVER, "podcast/01-primo/01-primo.chapters.json": CHAPTERS.encode()})
    site("file-chapters-json/bad", ours(chapters()), {**OUR_COVER, "podcast/01-primo/01-primo.chapters.json": b'{"chapters": [{"startTime": 0}]}'})
    site("file-chapters-json/bad-2", ours(chapters()), {**OUR_COVER, "podcast/01-primo/01-primo.chapters.json": b'{"version": "1.2.0", "chapters": [{"startTime": "1:35"}]}'})
    site("file-chapters-order/good", ours(chapters()), {**OUR_COVER, "podcast/01-primo/01-primo.chapters.json": CHAPTERS.encode()})
    site("file-chapters-order/bad", ours(chapters()), {
        **OUR_COVER,
        "podcast/01-primo/01-primo.chapters.json": b'{"version": "1.2.0", "chapters": [{"startTime": 95.5, "title": "Il cortile"}, {"startTime": 0, "title": "Apertura"}]}',
    })
    # transcripts
    site("file-transcript-encoding/good", ours(transcript("text/vtt", "01-primo.vtt")), {**OUR_COVER, "podcast/01-primo/01-primo.vtt": VTT.encode()})
    site("file-transcript-encoding/bad", ours(transcript("text/vtt", "01-primo.vtt")), {**OUR_COVER, "podcast/01-primo/01-primo.vtt": VTT.replace("Benvenuti", "Città").encode("latin-1")})
    site("file-transcript-cues/good", ours(transcript("application/x-subrip", "01-primo.srt")), {
        **OUR_COVER, "podcast/01-primo/01-primo.srt": b"1\n00:00:00,000 --> 00:00:04,200\nAnna: Benvenuti.\n",
    })
    site("file-transcript-cues/bad", ours(transcript("text/vtt", "01-primo.vtt")), {
        **OUR_COVER, "podcast/01-primo/01-primo.vtt": VTT.replace("00:00.000 --> 00:04.200", "00:00.000 -> 00:04.200").encode(),
    })
    site("file-transcript-cues/bad-2", ours(transcript("application/x-subrip", "01-primo.srt")), {
        **OUR_COVER, "podcast/01-primo/01-primo.srt": b"1\n00:00:00.000 --> 00:00:04.200\nAnna: Benvenuti.\n",
    })
    site("file-transcript-empty/bad-3", ours(transcript("text/vtt", "01-primo.vtt")), {**OUR_COVER, "podcast/01-primo/01-primo.vtt": b"WEBVTT\n\n"})
    site("file-transcript-json/good", ours(transcript("application/json", "01-primo.json")), {
        **OUR_COVER, "podcast/01-primo/01-primo.json": b'{"version": "1.0.0", "segments": [{"speaker": "Anna", "startTime": 0, "endTime": 4.2, "body": "Benvenuti."}]}',
    })
    site("file-transcript-json/bad", ours(transcript("application/json", "01-primo.json")), {
        **OUR_COVER, "podcast/01-primo/01-primo.json": b'{"version": "1.0.0", "segments": [{"start": 0, "end": 4.2, "text": "Benvenuti."}]}',
    })
    site("file-transcript-empty/good", wordpress(wp_enclosure() + f'\n\t\t<podcast:transcript url="{WORDPRESS}wp-content/uploads/2024/05/RV-012-trascrizione.html" type="text/html" />'), {
        **WP_FILES, "wp-content/uploads/2024/05/RV-012-trascrizione.html": b"<html><body><p><cite>Anna:</cite> Benvenuti al mulino.</p></body></html>",
    })
    site("file-transcript-empty/bad", wordpress(wp_enclosure() + f'\n\t\t<podcast:transcript url="{WORDPRESS}wp-content/uploads/2024/05/RV-012-trascrizione.html" type="text/html" />'), {
        **WP_FILES, "wp-content/uploads/2024/05/RV-012-trascrizione.html": b"",
    })
    site("file-transcript-empty/bad-2", ours(transcript("application/json", "01-primo.json")), {
        **OUR_COVER, "podcast/01-primo/01-primo.json": b'{"version": "1.0.0", "segments": [{"startTime": 0, "endTime": 4.2, "body": " "}]}',
    })


if __name__ == "__main__":
    main()
