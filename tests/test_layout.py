"""The package reads as its flow: modules import each other without cycles."""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "reset_stories"


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``path`` imports (at any depth of the file, type-only included)."""
    found = set()
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the package ``level - 1`` steps up
                base = ".".join([*package[: len(package) - node.level + 1], *([base] if base else [])])
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found |= {name for name in names if name in known}
    return found


def test_no_module_imports_itself_back():
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {name: imports_of(path, set(paths)) - {name} for name, path in paths.items()}
    cycles = []

    def visit(name: str, trail: list[str]) -> None:
        for target in sorted(graph[name]):
            if target in trail:
                cycles.append([*trail[trail.index(target):], target])
            elif len(trail) < 40:
                visit(target, [*trail, target])

    for start in sorted(graph):
        visit(start, [start])
    # A package's __init__ importing its own modules is not a cycle of the flow.
    real = {" → ".join(c) for c in cycles if not any(a.startswith(b + ".") or b.startswith(a + ".") for a, b in itertools.pairwise(c))}
    assert not real, sorted(real)[:5]
