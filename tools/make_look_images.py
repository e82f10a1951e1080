#!/usr/bin/env python3
"""Regenerate the demo's placeholder logo and favicon (``content/immagini/``).

One drawing, two files: ``logo.svg`` (the header's logo) and ``favicon.png`` (64×64, drawn by
Pillow at 16 times the size and scaled down), in the colours of the show's artwork
(``episodes/copertina.jpg``: deep Siena red, gold, cream). A geometric "R" for RESET, no font, so
that the mark is the same on every machine. Placeholders, to be replaced by the foundation's own.

    .venv/bin/python tools/make_look_images.py

Deterministic: running it twice writes byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "content" / "immagini"

RED, GOLD, CREAM = "#7a2016", "#d6aa62", "#f6ecda"
SIZE = 48  # the drawing's units
# The "R": a stem, a bowl (a ring closed on the left by the stem) and a leg.
STEM = (15, 10, 20.5, 34)
BOWL = {"left": 15, "top": 10, "bottom": 24, "right": 26, "hole_left": 20.5, "hole_top": 14.5, "hole_bottom": 19.5}
LEG = ((21, 22.5), (26.5, 22.5), (34, 34), (28, 34))
RULE = (15, 37.5, 34, 40)  # the gold rule under the letter, as on the artwork


def svg() -> str:
    b = BOWL
    outer_r = (b["bottom"] - b["top"]) / 2
    inner_r = (b["hole_bottom"] - b["hole_top"]) / 2
    bowl = (
        f"M{b['left']} {b['top']}H{b['right']}A{outer_r:g} {outer_r:g} 0 0 1 {b['right']} {b['bottom']}H{b['left']}Z"
        f"M{b['hole_left']} {b['hole_top']}V{b['hole_bottom']}H{b['right']}"
        f"A{inner_r:g} {inner_r:g} 0 0 0 {b['right']} {b['hole_top']}Z"
    )
    stem = f"M{STEM[0]} {STEM[1]}H{STEM[2]}V{STEM[3]}H{STEM[0]}Z"
    leg = "M" + "L".join(f"{x:g} {y:g}" for x, y in LEG) + "Z"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" width="{SIZE}" height="{SIZE}">\n'
        "<!-- Segnaposto: il marchio di RESET, da sostituire con quello della Fondazione. -->\n"
        "<title>RESET</title>\n"
        f'<rect x="1.5" y="1.5" width="45" height="45" rx="8" fill="{RED}" stroke="{GOLD}" stroke-width="3"/>\n'
        f'<path fill="{CREAM}" fill-rule="evenodd" d="{bowl}"/>\n'
        f'<path fill="{CREAM}" d="{stem}{leg}"/>\n'
        f'<rect x="{RULE[0]}" y="{RULE[1]}" width="{RULE[2] - RULE[0]:g}" height="{RULE[3] - RULE[1]:g}" fill="{GOLD}"/>\n'
        "</svg>\n"
    )


def png(size: int = 64) -> bytes:
    import io

    from PIL import Image, ImageDraw

    scale = size * 16 / SIZE
    big = size * 16

    def s(*values: float) -> list[float]:
        return [v * scale for v in values]

    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(s(0, 0, SIZE, SIZE), radius=8 * scale, fill=GOLD)
    draw.rounded_rectangle(s(3, 3, SIZE - 3, SIZE - 3), radius=6.5 * scale, fill=RED)
    b = BOWL
    outer_r = (b["bottom"] - b["top"]) / 2
    inner_r = (b["hole_bottom"] - b["hole_top"]) / 2
    middle = (b["top"] + b["bottom"]) / 2
    draw.rectangle(s(b["left"], b["top"], b["right"], b["bottom"]), fill=CREAM)
    draw.ellipse(s(b["right"] - outer_r, middle - outer_r, b["right"] + outer_r, middle + outer_r), fill=CREAM)
    draw.rectangle(s(b["hole_left"], b["hole_top"], b["right"], b["hole_bottom"]), fill=RED)
    draw.ellipse(s(b["right"] - inner_r, middle - inner_r, b["right"] + inner_r, middle + inner_r), fill=RED)
    draw.rectangle(s(*STEM), fill=CREAM)
    draw.polygon([tuple(s(x, y)) for x, y in LEG], fill=CREAM)
    draw.rectangle(s(*RULE), fill=GOLD)
    small = image.resize((size, size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    small.save(out, "PNG", optimize=True)
    return out.getvalue()


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    (FOLDER / "logo.svg").write_text(svg(), encoding="utf-8")
    (FOLDER / "favicon.png").write_bytes(png())


if __name__ == "__main__":
    main()
