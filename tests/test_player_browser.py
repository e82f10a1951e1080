"""The episode player as visitors use it, on the demo built by each engine, in headless Chromium
(Debian's, driven by Playwright): our controls over the native <audio> (play and pause, −15/+15/+30 s,
the progress bar by arrow keys, speed, chapter marks and the current chapter), the length shown before
play with nothing of the audio fetched, the position remembered on the visitor's device, the lock
screen's metadata (Media Session), accessibility (axe-core, every impact, both Material schemes), no
layout shift, the weight before play; and without JavaScript the browser's own player and the
download link."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import ENGINES, Recorded, served_site
from conftest import REPO, copy_project
from playwright.sync_api import Page

AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
EPISODE = "podcast/04-reset/"  # chapters and a transcript
PLAIN = "podcast/01-episodio-1/"  # neither
LENGTH = 54.111  # seconds: the demo's fourth episode, as the build read it
CHAPTERS = [
    (0, "Introduzione"),
    (20, "Testimonianza di Francesca Lazzeroni (AMAT)"),
    (28, "Testimonianza di Aldo Buzio (Ideazione)"),
    (37, "Testimonianza di Miriam Grottanelli De Santi (Siena Art Institute)"),
    (46, "Conclusione"),
]
AUDIO = ".rs-player audio"
PLAY = "[data-rs-play]"
RANGE = "[data-rs-range]"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module", params=ENGINES)
def demo(request, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The demo, built by each engine in turn for the address it is served at, and its project folder."""
    engine = request.param
    project = copy_project(REPO, tmp_path_factory.mktemp(f"player-{engine}") / "demo")
    with served_site(project, "https://reset.example.org/", engine) as url:
        yield url, project


@pytest.fixture(scope="module")
def site_url(demo) -> str:
    return demo[0]


class Visit(Recorded):
    """A page of the player, with every request it sent."""

    def open(self, url: str) -> Page:
        """The page at ``url``, once the player's script has taken over."""
        self.page.goto(url)
        self.page.wait_for_selector(".rs-player--ready")
        return self.page

    def audio_requests(self) -> list[str]:
        return [url for url in self.requests if url.endswith(".mp3")]


@pytest.fixture
def visit(browser, site_url) -> Iterator[Visit]:
    visit = Visit(browser, site_url)
    yield visit
    visit.context.close()
    assert visit.errors == []
    assert visit.elsewhere == []  # no request leaves the site's own host


def position(page: Page) -> float:
    """Where the player is: the audio's time, or where it will start (before play) as the bar shows it."""
    return float(page.input_value(RANGE))


def wait_playing(page: Page, beyond: float = 0) -> None:
    page.wait_for_function(f"(a => !a.paused && a.currentTime > {beyond})(document.querySelector('{AUDIO}'))")


def player_storage(page: Page) -> list[list[str]]:
    """What the player keeps in the visitor's localStorage: its own entries (the theme keeps the
    visitor's choice of colour scheme there too)."""
    return page.evaluate("Object.entries(localStorage).filter(([key]) => key.startsWith('reset-stories:'))")


def tab_to(page: Page, selector: str) -> None:
    """Tab through the page, as a keyboard user does, until ``selector`` has the focus."""
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches('{selector}')"):
            return
    pytest.fail(f"{selector} cannot be reached with Tab")


def test_the_length_shows_before_play_and_nothing_of_the_audio_is_fetched(visit, site_url):
    page = visit.open(site_url + EPISODE)
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("group", name="Lettore dell'episodio «RESET: una comunità di pratica per Siena»").is_visible()
    assert not page.is_visible(AUDIO)  # our controls replace the native ones…
    assert page.evaluate(f"document.querySelector('{AUDIO}').controls") is False
    assert page.get_attribute(AUDIO, "preload") == "none"  # …over the same <audio>
    assert page.inner_text(".rs-player__time") == "00:00 / 00:54"  # from the build, not from the audio
    assert page.get_attribute(RANGE, "aria-valuetext") == "0 secondi su 54 secondi"
    assert page.evaluate(f"document.querySelector('{AUDIO}').readyState") == 0
    assert visit.audio_requests() == []


def test_play_and_pause_from_the_keyboard(visit, site_url):
    page = visit.open(site_url + EPISODE)
    assert page.get_attribute(PLAY, "aria-label") == "Riproduci"
    tab_to(page, PLAY)
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # the focus shows
    page.keyboard.press("Enter")
    wait_playing(page)
    assert page.get_attribute(PLAY, "aria-label") == "Pausa"
    page.keyboard.press("Space")
    page.wait_for_function(f"document.querySelector('{AUDIO}').paused")
    # The label follows the audio's "pause" event, which comes a moment after `paused` is true.
    page.wait_for_function(f"document.querySelector('{PLAY}').getAttribute('aria-label') === 'Riproduci'", timeout=5000)
    assert visit.audio_requests() != []  # fetched once asked for


def test_the_skip_buttons(visit, site_url):
    page = visit.open(site_url + EPISODE)
    names = page.eval_on_selector_all("[data-rs-skip]", "buttons => buttons.map(b => b.getAttribute('aria-label'))")
    assert names == ["Indietro di 15 secondi", "Avanti di 15 secondi", "Avanti di 30 secondi"]
    # Before play: the bar moves, nothing is fetched; play starts there.
    page.click("[aria-label='Avanti di 30 secondi']")
    assert position(page) == 30
    assert page.inner_text("[data-rs-current]") == "00:30"
    assert visit.audio_requests() == []
    page.click(PLAY)
    wait_playing(page, beyond=30)
    page.click(PLAY)
    page.wait_for_function(f"document.querySelector('{AUDIO}').paused")
    heard = page.evaluate(f"document.querySelector('{AUDIO}').currentTime")
    for label, moved in (("Indietro di 15 secondi", -15), ("Avanti di 15 secondi", 0), ("Avanti di 30 secondi", 30)):
        page.click(f"[aria-label='{label}']")
        page.wait_for_function(f"Math.abs(document.querySelector('{AUDIO}').currentTime - {min(heard + moved, LENGTH)}) < 0.3")


def test_the_progress_bar_by_arrow_keys(visit, site_url):
    page = visit.open(site_url + EPISODE)
    assert page.get_attribute(RANGE, "aria-label") == "Posizione nell'episodio"
    tab_to(page, RANGE)
    page.keyboard.press("ArrowRight")
    assert position(page) == 15
    assert page.get_attribute(RANGE, "aria-valuetext") == "15 secondi su 54 secondi"
    page.keyboard.press("ArrowUp")
    assert position(page) == 30
    page.keyboard.press("ArrowLeft")
    assert position(page) == 15
    page.keyboard.press("Home")
    assert position(page) == 0
    assert page.get_attribute(RANGE, "aria-valuetext") == "0 secondi su 54 secondi"
    # Playing, the same keys move the audio.
    page.click(PLAY)
    wait_playing(page)
    page.focus(RANGE)
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"document.querySelector('{AUDIO}').currentTime >= 15")


def test_times_are_said_in_words_and_written_as_clocks(visit, site_url):
    """An hour-long episode, as a second player on the page (the demo's audio is short): the bar's
    value in Italian words for screen readers, the time as the chapters write it."""
    page = visit.open(site_url + EPISODE)
    page.evaluate("""(() => {
        const copy = document.querySelector('[data-rs-player]').cloneNode(true);
        copy.classList.remove('rs-player--ready');
        copy.dataset.rsDuration = '3725';  // 1 h 2 min 5 s
        copy.querySelector('[data-rs-range]').max = '3725';
        copy.id = 'long';
        document.querySelector('[data-rs-player]').after(copy);
    })()""")
    page.add_script_tag(url=page.get_attribute("script[src*='reset-stories.js']", "src"))  # it takes the new one
    page.wait_for_selector("#long.rs-player--ready")
    slider = page.locator(f"#long {RANGE}")
    assert slider.get_attribute("aria-valuetext") == "0 secondi su 1 ora 2 minuti 5 secondi"
    slider.focus()
    for key, said, shown in (
        ("ArrowRight", "15 secondi", "00:15"),
        ("PageUp", "1 minuto 15 secondi", "01:15"),
        ("PageUp", "2 minuti 15 secondi", "02:15"),
        ("ArrowLeft", "2 minuti", "02:00"),
        ("End", "1 ora 2 minuti 5 secondi", "1:02:05"),
    ):
        page.keyboard.press(key)
        assert slider.get_attribute("aria-valuetext") == f"{said} su 1 ora 2 minuti 5 secondi"
        assert page.inner_text("#long [data-rs-current]") == shown
    assert page.input_value(RANGE) == "0"  # the first player has not moved


def test_the_speed_applies(visit, site_url):
    page = visit.open(site_url + EPISODE)
    page.get_by_role("combobox", name="Velocità").select_option("1.5")
    page.click(PLAY)
    wait_playing(page)
    assert page.evaluate(f"document.querySelector('{AUDIO}').playbackRate") == 1.5


def test_chapter_marks_and_the_chapter_being_heard(visit, site_url):
    page = visit.open(site_url + EPISODE)
    # Each chapter after the first is a mark on the bar, where it starts along the track (which runs
    # from the thumb's centre at 0 to its centre at the end).
    track = page.evaluate(f"""(() => {{
        const range = document.querySelector('{RANGE}').getBoundingClientRect();
        const marks = [...document.querySelectorAll('.rs-player__mark')].filter(m => m.offsetParent !== null);
        return {{left: range.left, width: range.width, marks: marks.map(m => {{
            const box = m.getBoundingClientRect(); return box.left + box.width / 2; }})}};
    }})()""")
    inset = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize) / 2")  # half of a 1 rem thumb
    along = [(x - track["left"] - inset) / (track["width"] - 2 * inset) for x in track["marks"]]
    assert along == pytest.approx([start / LENGTH for start, _ in CHAPTERS[1:]], abs=0.01)
    # The chapter being heard is named, and follows the position.
    assert page.inner_text("[data-rs-chapter]") == "Introduzione"
    page.focus(RANGE)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # 30 s: the third chapter (from 28 s)
    assert page.inner_text("[data-rs-chapter]") == CHAPTERS[2][1]
    page.click("text=" + CHAPTERS[3][1])  # a chapter of the list below plays from there
    wait_playing(page, beyond=37)
    page.wait_for_function(f"document.querySelector('[data-rs-chapter]').textContent === {CHAPTERS[3][1]!r}")


def test_the_position_is_remembered_on_the_device(visit, site_url):
    page = visit.open(site_url + EPISODE)
    assert page.is_hidden("[data-rs-restart]")
    page.click(PLAY)
    wait_playing(page)
    page.focus(RANGE)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"document.querySelector('{AUDIO}').currentTime >= 30")
    page.click(PLAY)  # pause
    page.wait_for_function(f"document.querySelector('{AUDIO}').paused")
    stored = player_storage(page)
    assert [key for key, _ in stored] == [f"reset-stories:posizione:{site_url}{EPISODE}04-reset.mp3"]
    assert 30 <= float(stored[0][1]) < 33
    # Back on the page: it starts there, and says so (to screen readers too), with nothing fetched.
    visit.requests.clear()
    page.reload()
    page.wait_for_selector(".rs-player--ready")
    note = page.locator(".rs-player__status")
    assert note.get_attribute("role") == "status"
    assert note.inner_text() == f"Riprendi da 00:{stored[0][1]}"
    assert page.inner_text("[data-rs-current]") == f"00:{stored[0][1]}"
    assert page.is_visible("[data-rs-restart]")
    assert visit.audio_requests() == []
    page.click(PLAY)
    wait_playing(page, beyond=30)
    # Heard to the end, it is forgotten.
    page.focus(RANGE)
    page.keyboard.press("End")
    page.wait_for_function(f"document.querySelector('{AUDIO}').ended")
    assert player_storage(page) == []
    page.reload()
    page.wait_for_selector(".rs-player--ready")
    assert page.inner_text(".rs-player__status") == ""
    assert page.inner_text("[data-rs-current]") == "00:00"


def test_starting_over_from_the_note(visit, site_url):
    page = visit.open(site_url + EPISODE)
    page.evaluate(f"localStorage.setItem('reset-stories:posizione:{site_url}{EPISODE}04-reset.mp3', '40')")
    page.reload()
    page.wait_for_selector(".rs-player--ready")
    assert page.inner_text(".rs-player__status") == "Riprendi da 00:40"
    page.click("text=Ricomincia dall'inizio")
    assert position(page) == 0
    assert player_storage(page) == []
    assert page.is_hidden("[data-rs-restart]")


def test_the_transcript_follows_the_player(visit, site_url):
    page = visit.open(site_url + EPISODE)
    page.focus(RANGE)
    page.keyboard.press("ArrowRight")  # 15 s
    page.click(PLAY)
    wait_playing(page, beyond=15)
    page.wait_for_function("document.querySelector('.rs-cue[aria-current=time]') !== null")
    start, end = page.evaluate("(c => [+c.dataset.rsStart, +c.dataset.rsEnd])(document.querySelector('.rs-cue[aria-current=time]'))")
    assert start <= page.evaluate(f"document.querySelector('{AUDIO}').currentTime") + 0.5 and end > 15


def test_the_lock_screen_shows_the_episode(visit, site_url):
    page = visit.open(site_url + EPISODE)
    page.click(PLAY)
    wait_playing(page)
    page.wait_for_function("navigator.mediaSession.metadata !== null")
    metadata = page.evaluate("""(m => ({title: m.title, artist: m.artist, album: m.album,
        artwork: m.artwork.map(a => ({src: a.src, sizes: a.sizes, type: a.type}))}))(navigator.mediaSession.metadata)""")
    assert metadata == {
        "title": "RESET: una comunità di pratica per Siena",
        "artist": "Un Palazzo, una Città, un Territorio",
        "album": "Un Palazzo, una Città, un Territorio",
        "artwork": [
            {"src": f"{site_url}podcast/copertina-360.jpg", "sizes": "360x360", "type": "image/jpeg"},
            {"src": f"{site_url}podcast/copertina.jpg", "sizes": "1400x1400", "type": "image/jpeg"},
        ],
    }
    assert page.evaluate("navigator.mediaSession.playbackState") == "playing"
    for url in (image["src"] for image in metadata["artwork"]):  # each one is there
        with urllib.request.urlopen(url) as response:
            assert response.headers.get_content_type() == "image/jpeg"


def axe(page: Page, context: str = "document") -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        f"axe.run({context}, {{runOnly: {{type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}}}})"
    )
    return [f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_player_is_accessible_in_both_schemes(visit, demo, scheme):
    site_url, project = demo
    page = visit.open(site_url + EPISODE)
    # Colours are read at once, not halfway through the theme's colour transitions (axe read a
    # button mid-fade in one run in three on a loaded machine).
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    if scheme == "slate":
        # Material's dark scheme as a palette in mkdocs.yml gives it: its stylesheet (the demo sets no
        # palette), the scheme and the colours on <body>.
        if page.query_selector("link[href*='palette']") is None:
            # Zensical ships a modern look beside the classic one (Material's), which it is told to use.
            palette = min((project / "site" / "assets").rglob("palette.*.min.css"), key=lambda path: "modern" in path.parts)
            page.add_style_tag(path=str(palette))
        page.evaluate("""for (const [name, value] of [['scheme', 'slate'], ['primary', 'indigo'], ['accent', 'indigo']])
            document.body.setAttribute('data-md-color-' + name, value)""")
        assert page.evaluate("getComputedStyle(document.querySelector('.rs-player__bar')).backgroundColor") != "rgb(255, 255, 255)"
    if scheme == "default":
        assert axe(page) == []  # the whole page, every impact
    else:
        assert axe(page, "document.querySelector('.rs-player')") == []  # the player's colours
    # Playing, with the note of a remembered position and a chapter named.
    page.click(PLAY)
    wait_playing(page)
    page.evaluate("document.querySelector('.rs-player__status').textContent = 'Riprendi da 00:30'")
    page.evaluate("document.querySelector('[data-rs-restart]').hidden = false")
    assert axe(page, "document.querySelector('.rs-player')") == []


def test_nothing_moves_when_the_player_is_ready(browser, site_url):
    """The page keeps the player's space from the first paint: no layout shift (Lighthouse's CLS)."""
    for viewport in (PHONE, {"width": 1280, "height": 900}):
        visit = Visit(browser, site_url, viewport=viewport)
        try:
            visit.page.add_init_script("""
                window.__shifts = [];
                new PerformanceObserver(list => window.__shifts.push(...list.getEntries().map(e => e.value)))
                    .observe({type: 'layout-shift', buffered: true});
            """)
            page = visit.open(site_url + EPISODE)
            page.wait_for_load_state("networkidle")
            page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
            assert sum(page.evaluate("window.__shifts")) < 0.01
            assert visit.errors == []
        finally:
            visit.context.close()


def test_a_player_without_chapters_or_transcript(visit, site_url):
    page = visit.open(site_url + PLAIN)
    assert page.query_selector("[data-rs-chapter]") is None
    assert page.query_selector(".rs-player__mark") is None
    assert page.inner_text(".rs-player__time") == "00:00 / 00:14"
    page.click("[aria-label='Avanti di 15 secondi']")  # beyond the end: at the end
    assert page.inner_text("[data-rs-current]") == "00:14"
    page.focus(RANGE)
    page.keyboard.press("Home")
    page.click(PLAY)
    wait_playing(page, beyond=1)
    page.wait_for_function("document.querySelector('[data-rs-current]').textContent !== '00:00'")
    assert axe(page, "document.querySelector('.rs-player')") == []


def test_pages_without_a_player_are_untouched(visit, site_url):
    page = visit.page
    page.goto(site_url + "persone/")
    page.wait_for_load_state("networkidle")
    assert page.query_selector("[data-rs-player]") is None  # and no error (the fixture checks)


def test_without_javascript_the_native_player_and_the_download_work(browser, site_url):
    visit = Visit(browser, site_url, java_script_enabled=False)
    try:
        page = visit.page
        page.goto(site_url + EPISODE)
        assert page.get_attribute(AUDIO, "controls") is not None
        assert page.is_visible(AUDIO)
        assert not page.is_visible(".rs-player__bar")  # no control that cannot work
        download = page.locator(".rs-player a[download]")
        assert download.is_visible()
        assert download.inner_text() == "Scarica l'episodio (MP3, 530 KB)"
        with urllib.request.urlopen(site_url + EPISODE + download.get_attribute("href")) as response:
            assert response.headers.get_content_type() == "audio/mpeg"
        # The browser's own play button (at the left of its bar) fetches and plays the audio.
        box = page.locator(AUDIO).bounding_box()
        assert box is not None and box["height"] > 20 and box["width"] > 200
        with page.expect_request(lambda request: request.url.endswith("04-reset.mp3")):
            page.mouse.click(box["x"] + box["height"] / 2, box["y"] + box["height"] / 2)
        assert visit.errors == [] and visit.elsewhere == []
    finally:
        visit.context.close()


def test_an_audio_that_does_not_load_is_said(browser, site_url):
    visit = Visit(browser, site_url)
    try:
        page = visit.page
        page.route("**/*.mp3", lambda route: route.fulfill(status=404, body="non trovato"))
        visit.open(site_url + EPISODE)
        page.click(PLAY)
        page.wait_for_function("document.querySelector('.rs-player__status').textContent !== ''")
        assert page.inner_text(".rs-player__status").startswith("L'audio non si carica")
        assert page.get_attribute(PLAY, "aria-label") == "Riproduci"
        assert page.is_visible(".rs-player a[download]")
    finally:
        visit.context.close()
