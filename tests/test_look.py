"""The site's look (``look:`` in mkdocs.yml): settings read and checked once, in Italian; every
colour pair of the generated stylesheet readable (WCAG AA) in both schemes; the theme settings
each engine gets, where the owner wrote none; the logo, favicon and stylesheet published, the same
bytes every time; no "Made with…" unless the owner asks for it. (tests/test_look_browser.py sees
the same in a browser.)"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import BASE_FIXTURE, REPO, copy_project, load, module_at, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from reset_stories.model import Look, Scheme
from reset_stories.site import look as site_look
from reset_stories.site.look import (
    CONTRAST_PAIRS,
    WHITE,
    blend,
    colours,
    contrast,
    hex_of,
    parse_colour,
    stylesheet,
    theme_settings,
    too_light,
)

SUMMARY = re.compile(r"^\d+ problem[ai] da correggere: non è stato pubblicato nulla, il sito precedente è intatto\.$")
DEMO_PRIMARY, DEMO_ACCENT = "#7a2016", "#996e28"


def with_look(project: Path, block: str, extra: str = "") -> Path:
    """The project's mkdocs.yml with ``block`` (indented lines) as its ``look:``, and ``extra`` at the end."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "      themes: [ambiente, scuola]\n"
    assert anchor in text
    config.write_text(text.replace(anchor, anchor + block, 1) + extra, encoding="utf-8")
    return project


def schemes_of(css: str) -> dict[str, dict[str, str]]:
    """The custom properties the stylesheet sets, by scheme, read from its text."""
    found: dict[str, dict[str, str]] = {}
    for selector, body in re.findall(r"^([^{\n]+)\{\n(.*?)^\}", css, re.MULTILINE | re.DOTALL):
        scheme = "slate" if "slate" in selector else "default"
        properties = dict(re.findall(r"^\s*(--[\w-]+):\s*([^;]+);", body, re.MULTILINE))
        if properties:
            found[scheme] = properties
    return found


def painted(properties: dict[str, str], name: str, under: tuple[int, int, int] = WHITE) -> tuple[int, int, int]:
    value = properties[name]
    rgb = parse_colour(value[:7])
    assert rgb is not None, value
    return blend(rgb, int(value[7:], 16) / 255, under) if len(value) == 9 else rgb


# --- colours --------------------------------------------------------------------------------

def test_contrast_is_wcag_s():
    assert contrast((0, 0, 0), WHITE) == pytest.approx(21)
    assert contrast(WHITE, WHITE) == pytest.approx(1)
    # The lightest grey that passes on white is #767676; #777777 does not.
    assert contrast(parse_colour("#767676"), WHITE) > 4.5 > contrast(parse_colour("#777777"), WHITE)
    assert parse_colour("#AbC") == (0xAA, 0xBB, 0xCC) == parse_colour("aabbcc")
    assert parse_colour("rosso") is None and parse_colour("#12345") is None


@pytest.mark.parametrize("colour", ["#d6aa62", "#526cfe", "#ff0000", "#00ff00", "#ffff00", "#eeeeee", "#ffffff"])
def test_a_colour_too_light_is_answered_with_the_nearest_that_passes(colour):
    rgb = parse_colour(colour)
    better = too_light(rgb)
    assert better is not None
    assert contrast(better, WHITE) >= 4.5
    # Nearest: the same hue, and a touch lighter would not pass.
    lightness = site_look._lightness(better)
    lighter = site_look._with_lightness(better, lightness + 0.004)
    assert contrast(lighter, WHITE) < 4.5
    if rgb not in ((255, 255, 255), (238, 238, 238)):
        assert abs(site_look.hue_of(better) - site_look.hue_of(rgb)) <= 2


def test_a_colour_that_reads_well_is_kept():
    assert too_light(parse_colour(DEMO_PRIMARY)) is None and too_light(parse_colour(DEMO_ACCENT)) is None


def check_every_pair(css: str) -> None:
    schemes = schemes_of(css)
    assert set(schemes) == {"default", "slate"}
    for properties in schemes.values():
        for pair in CONTRAST_PAIRS:
            background = painted(properties, pair.background)
            text = painted(properties, pair.text, background)
            assert contrast(text, background) >= pair.minimum, (pair, properties)


def test_the_demo_s_colours_read_well_in_both_schemes():
    css = colours(Look(primary=DEMO_PRIMARY, accent=DEMO_ACCENT)).decode()
    check_every_pair(css)
    light, dark = schemes_of(css)["default"], schemes_of(css)["slate"]
    assert light["--md-primary-fg-color"] == dark["--md-primary-fg-color"] == DEMO_PRIMARY  # the header, in both
    assert light["--md-typeset-a-color"] == DEMO_PRIMARY and light["--md-accent-fg-color"] == DEMO_ACCENT
    # The dark scheme: a background of the primary's hue, links and accents lightened in their hue.
    assert dark["--md-hue"] == f"{site_look.hue_of(parse_colour(DEMO_PRIMARY))}deg"
    assert dark["--md-typeset-a-color"] != DEMO_PRIMARY and dark["--md-accent-fg-color"] != DEMO_ACCENT
    assert abs(site_look.hue_of(parse_colour(dark["--md-typeset-a-color"])) - site_look.hue_of(parse_colour(DEMO_PRIMARY))) <= 2


@settings(max_examples=150, deadline=None)
@given(st.tuples(*[st.integers(0, 255)] * 3), st.tuples(*[st.integers(0, 255)] * 3) | st.none())
def test_any_colours_that_pass_the_check_give_a_readable_site(primary, accent):
    # Whatever staff write, once it passes the settings' check (here: its suggestion), every pair passes.
    primary_hex = hex_of(too_light(primary) or primary)
    accent_hex = None if accent is None else hex_of(too_light(accent) or accent)
    check_every_pair(colours(Look(primary=primary_hex, accent=accent_hex)).decode())


def test_the_check_of_pairs_finds_a_pair_that_reads_badly():
    schemes = site_look.palettes(parse_colour(DEMO_PRIMARY), parse_colour(DEMO_ACCENT))
    assert site_look.failing_pairs(schemes["default"]) == [] == site_look.failing_pairs(schemes["slate"])
    broken = {**schemes["slate"], "--md-typeset-a-color": DEMO_PRIMARY}  # dark red links on the dark background
    [(pair, ratio)] = site_look.failing_pairs(broken)
    assert pair.text == "--md-typeset-a-color" and ratio < 4.5


def test_a_primary_alone_gives_every_colour():
    css = schemes_of(colours(Look(primary=DEMO_PRIMARY)).decode())
    assert css["default"]["--md-accent-fg-color"] == DEMO_PRIMARY
    light = parse_colour(css["default"]["--md-primary-fg-color--light"])
    dark = parse_colour(css["default"]["--md-primary-fg-color--dark"])
    assert site_look.luminance(dark) < site_look.luminance(parse_colour(DEMO_PRIMARY)) < site_look.luminance(light)
    assert css["default"]["--md-primary-bg-color"] == "#ffffff"


def test_without_a_primary_the_theme_keeps_its_colours_and_both_schemes(tmp_path):
    assert schemes_of(colours(Look()).decode()) == {}
    catalog = load(copy_project(BASE_FIXTURE, tmp_path / "p")).catalog
    palette = theme_settings(catalog.site)
    assert palette == {"palette": [
        {"media": "(prefers-color-scheme: light)", "scheme": "default",
         "toggle": {"icon": "material/brightness-4", "name": "Passa al tema scuro"}},
        {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
         "toggle": {"icon": "material/brightness-7", "name": "Passa al tema chiaro"}},
    ]}


def test_the_toggle_speaks_the_show_s_language(tmp_path):
    site = load(copy_project(BASE_FIXTURE, tmp_path / "p")).catalog.site
    names = [entry["toggle"]["name"] for entry in theme_settings(site, "en-GB")["palette"]]
    assert names == ["Switch to dark mode", "Switch to light mode"]
    assert theme_settings(site, "xx") == theme_settings(site)  # Italian, when there is no translation


@pytest.mark.parametrize(("scheme", "expected"), [("light", "default"), ("dark", "slate")])
def test_one_scheme_is_one_palette_without_a_toggle(tmp_path, scheme, expected):
    project = with_look(copy_project(BASE_FIXTURE, tmp_path / "p"), f'      look:\n        primary: "#123456"\n        scheme: {scheme}\n')
    site = load(project).catalog.site
    assert site.look.scheme is Scheme(scheme)
    assert theme_settings(site) == {"palette": [{"scheme": expected, "primary": "custom", "accent": "custom"}]}


# --- settings -------------------------------------------------------------------------------

def test_the_demo_s_look_is_read(tmp_path):
    site = load(copy_project(REPO, tmp_path / "demo")).catalog.site
    root = tmp_path / "demo"
    assert site.look == Look(
        primary=DEMO_PRIMARY, accent=DEMO_ACCENT, logo=(root / "content/immagini/logo.svg").resolve(),
        favicon=(root / "content/immagini/favicon.png").resolve(), scheme=Scheme.AUTO,
    )
    assert theme_settings(site)["logo"] == "immagini/logo.svg"
    assert theme_settings(site)["favicon"] == "immagini/favicon.png"
    assert list(site_look.images(site)) == []  # inside the docs folder: the engine publishes them


BAD_LOOK = (
    '      look:\n        primary: "#d6aa62"\n        accent: #996e28\n        logo: nessuno.svg\n'
    "        favicon: mkdocs.yml\n        scheme: scuro\n        colore: rosso\n"
)


def test_every_wrong_look_setting_is_told_in_italian(project):
    with_look(project, BAD_LOOK)
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stdout == ""
    lines = result.stderr.splitlines()
    assert SUMMARY.match(lines[-1]) and lines[-1].startswith("6 problemi")
    assert lines[:-1] == [
        "mkdocs.yml: reset-stories.look.colore: campo sconosciuto — i campi ammessi sono: primary, accent, logo, favicon, scheme.",
        "mkdocs.yml: reset-stories.look.primary: «#d6aa62» è troppo chiaro: è il colore dei collegamenti e dell'intestazione "
        "(con il testo bianco sopra), e su fondo bianco si legge male (contrasto 2,15:1; le regole di accessibilità WCAG AA "
        'chiedono almeno 4,5:1) — scrivi primary: "#996e28", il colore più vicino che si legge bene, oppure uno più scuro.',
        'mkdocs.yml: reset-stories.look.accent: è vuoto — scrivi il colore tra virgolette, per esempio accent: "#7a2016" '
        "(senza virgolette il # e quel che segue sono un commento).",
        'mkdocs.yml: reset-stories.look.logo: il file "nessuno.svg" non esiste — controlla il nome (maiuscole comprese) e la '
        "cartella; il percorso è relativo a questo file.",
        'mkdocs.yml: reset-stories.look.favicon: "mkdocs.yml" non è un\'immagine adatta per l\'icona del sito — usa un file '
        "SVG, PNG o ICO.",
        'mkdocs.yml: reset-stories.look.scheme: "scuro" non è uno schema di colori — scrivi uno tra auto (chiaro o scuro come '
        "preferisce chi visita, con un pulsante per cambiare), light (solo chiaro), dark (solo scuro).",
    ]
    # The README shows staff the same words the check prints.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert lines[1] in readme


def test_the_suggested_colour_passes_the_check(project):
    with_look(project, '      look:\n        primary: "#996e28"\n        accent: "#996E28"\n')
    result = run_cli("check", cwd=project)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("block", "expected"), [
    ("      look:\n        primary: rosso\n",
     'mkdocs.yml: reset-stories.look.primary: "rosso" non è un colore — scrivilo in esadecimale e tra virgolette, per esempio primary: "#7a2016".'),
    ("      look: rosso\n", "mkdocs.yml:12: reset-stories.look: deve essere un gruppo di impostazioni rientrate sotto il nome, non un testo."),
    ("      look: 3\n", "mkdocs.yml:12: reset-stories.look: deve essere un gruppo di impostazioni rientrate sotto il nome, non un numero."),
])
def test_a_look_written_wrong_says_what_to_write(project, block, expected):
    with_look(project, block)
    result = run_cli("check", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == expected


# --- what is published ----------------------------------------------------------------------

def test_the_look_is_published_by_both_engines(project):
    # A logo outside the docs folder is published beside our assets; the favicon is the logo.
    shutil.copy(REPO / "content/immagini/logo.svg", project / "episodes" / "marchio.svg")
    with_look(project, '      look:\n        primary: "#7a2016"\n        logo: episodes/marchio.svg\n')
    for engine in ("mkdocs", "zensical"):
        out = project / f"site-{engine}"
        result = run_cli("build", "--engine", engine, "-d", out.name, cwd=project)
        assert result.returncode == 0, result.stderr
        for role in ("logo", "favicon"):  # the favicon is the logo
            assert (out / f"assets/reset-stories/{role}.svg").read_bytes() == (project / "episodes/marchio.svg").read_bytes()
        css = (out / site_look.STYLESHEET).read_bytes()
        assert css == stylesheet(Look(primary="#7a2016"))
        page = (out / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<link rel="icon" href="(\./)?assets/reset-stories/favicon\.svg">', page)
        assert re.search(r'<img src="(\./)?assets/reset-stories/logo\.svg"', page)
        assert re.search(r'href="(\./)?assets/reset-stories/reset-stories\.css"', page)
        assert 'data-md-color-primary="custom"' in page
        assert "Made with" not in page


def test_made_with_only_when_the_owner_wants_it(project):
    with_look(project, "", extra="extra:\n  generator: true\n")
    for engine, words in (("mkdocs", "Material for MkDocs"), ("zensical", "Zensical")):
        out = project / f"site-{engine}"
        result = run_cli("build", "--engine", engine, "-d", out.name, cwd=project)
        assert result.returncode == 0, result.stderr
        footer = (out / "index.html").read_text(encoding="utf-8")
        assert "Made with" in footer and words in footer


def test_a_theme_the_owner_wrote_wins(project):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  font: false\n", "  font: false\n  palette:\n    primary: teal\n  favicon: proprio.png\n", 1,
    )
    config.write_text(text, encoding="utf-8")
    with_look(project, '      look:\n        primary: "#7a2016"\n        logo: episodes/copertina.jpg\n')
    for engine in ("mkdocs", "zensical"):
        result = run_cli("generate", "--engine", engine, f"out-{engine}", cwd=project)
        assert result.returncode == 0, result.stderr
        written = yaml.safe_load((project / f"out-{engine}" / "mkdocs.yml").read_text(encoding="utf-8"))
        assert written["theme"]["palette"] == {"primary": "teal"}
        assert written["theme"]["favicon"] == "proprio.png"
        assert written["theme"]["logo"] == "assets/reset-stories/logo.jpg"  # not written: from look
        assert written["extra_css"][-1] == site_look.STYLESHEET
    # The plugin, at build time, the same.
    result = run_cli("build", cwd=project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert 'data-md-color-primary="teal"' in page and "data-md-color-media" not in page
    assert '<link rel="icon" href="proprio.png">' in page
    assert '<img src="assets/reset-stories/logo.jpg"' in page


def test_the_same_look_gives_the_same_bytes():
    look = Look(primary=DEMO_PRIMARY, accent=DEMO_ACCENT)
    assert stylesheet(look) == stylesheet(look)
    # The demo's placeholder logo and favicon are what the tool draws: the SVG byte for byte, the
    # PNG pixel for pixel (another Pillow or zlib may compress or resample it a shade differently).
    tool = module_at(REPO / "tools" / "make_look_images.py")
    assert tool.svg().encode() == (REPO / "content/immagini/logo.svg").read_bytes()
    assert tool.png() == tool.png()
    drawn = Image.open(io.BytesIO(tool.png()))
    committed = Image.open(REPO / "content/immagini/favicon.png")
    assert drawn.size == committed.size == (64, 64) and drawn.mode == committed.mode == "RGBA"
    assert max(abs(a - b) for a, b in zip(drawn.tobytes(), committed.tobytes(), strict=True)) <= 3
