"""The same content builds byte-identical sites under any locale and time zone of the machine."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from conftest import BASE_FIXTURE, REPO, copy_project, run_cli


def tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(site.rglob("*")) if p.is_file()}


def italian_locale(folder: Path) -> dict[str, str]:
    """An it_IT.UTF-8 locale compiled into a private folder (no root needed)."""
    subprocess.run(["localedef", "-i", "it_IT", "-f", "UTF-8", str(folder / "it_IT.UTF-8")], check=True, capture_output=True)
    return {"LOCPATH": str(folder), "LANG": "it_IT.UTF-8", "LC_ALL": "it_IT.UTF-8"}


def build_under(source: Path, where: Path, environment: dict[str, str]) -> dict[str, str]:
    project = copy_project(source, where)
    env = {**os.environ, **environment}
    env.pop("SOURCE_DATE_EPOCH", None)
    result = run_cli("build", cwd=project, env=env)
    assert result.returncode == 0, result.stderr
    return tree(project / "site")


def test_locale_and_time_zone_change_nothing(tmp_path):
    locales = tmp_path / "locales"
    locales.mkdir()
    italian = {**italian_locale(locales), "TZ": "America/New_York"}
    plain = {"LANG": "C", "LC_ALL": "C", "TZ": "UTC"}
    for name, source in (("base", BASE_FIXTURE), ("demo", REPO)):
        one = build_under(source, tmp_path / f"{name}-it", italian)
        two = build_under(source, tmp_path / f"{name}-c", plain)
        assert one == two, name
        assert "feed.xml" in one and "sitemap.xml.gz" in one
