"""Labels for the site (Italian, locale-independent) and ASCII slugs."""

from datetime import datetime

import pytest

from reset_stories.site.labels import (
    iso_duration,
    italian_date,
    italian_duration,
    italian_size,
)
from reset_stories.slugs import slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Un Palazzo, una Città", "un-palazzo-una-citta"),
        ("Un Palazzo, una Città, un Territorio", "un-palazzo-una-citta-un-territorio"),
        ("L'innovazione è già qui!", "l-innovazione-e-gia-qui"),
        ("Perché «RESET»? 2023–2024", "perche-reset-2023-2024"),
        ("Straße, œuvre, Łódź", "strasse-oeuvre-lodz"),
    ],
)
def test_slugs_are_ascii(title, slug):
    assert slugify(title) == slug
    assert slugify(title).isascii()


def test_italian_dates_do_not_depend_on_the_locale():
    assert italian_date(datetime(2024, 5, 5)) == "5 maggio 2024"
    assert italian_date(datetime(2022, 10, 31)) == "31 ottobre 2022"


@pytest.mark.parametrize(
    ("seconds", "label", "iso"),
    [(54.1, "54 s", "PT54S"), (60, "1 min", "PT1M0S"), (725.6, "12 min 6 s", "PT12M6S"), (3720, "1 h 2 min", "PT1H2M0S"), (7200, "2 h", "PT2H0S")],
)
def test_durations(seconds, label, iso):
    assert italian_duration(seconds) == label
    assert iso_duration(seconds) == iso


def test_sizes():
    assert italian_size(433_422) == "433 KB"
    assert italian_size(24_500_000) == "24,5 MB"
