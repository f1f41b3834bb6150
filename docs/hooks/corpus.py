"""What the test corpus (`tests/cases/**/*.py`) calls: the functions and methods every case
module uses, with its own imports resolved ('np.exp' -> 'numpy.exp')."""

from __future__ import annotations

import ast
from pathlib import Path

from pyrs_build.frontend.imports import ImportTable

CASES = Path(__file__).resolve().parents[2] / "tests" / "cases"


def case_files() -> list[Path]:
    return sorted(CASES.rglob("*.py"))


def called_names(path: Path) -> set[str]:
    """Qualified functions, builtins and constants used in one case module, and methods and attributes as 'x.sum()', 'x.shape'."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imports = ImportTable.from_module(tree)
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Name, ast.Attribute)):
            qualified = imports.qualified(node)
            if qualified:
                names.add(qualified)
        if isinstance(node, ast.Name) and node.id not in imports.names:
            names.add(node.id)  # builtins (a local of the same name does no harm: it is only a superset check)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and imports.qualified(node.func) is None:
            names.add(f"x.{node.func.attr}()")
        if isinstance(node, ast.Attribute) and imports.qualified(node) is None:
            names.add(f"x.{node.attr}")
    return names


def corpus_names() -> dict[str, list[Path]]:
    """Name -> the case files using it."""
    used: dict[str, list[Path]] = {}
    for path in case_files():
        for name in called_names(path):
            used.setdefault(name, []).append(path)
    return used
