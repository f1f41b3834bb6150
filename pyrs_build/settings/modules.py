"""`[[tool.pyrs-build.module]]`: per-module overrides of the package-wide policies.

```toml
[tool.pyrs-build]
modules = ["pkg.fast", "pkg.mixed"]
on-unsupported = "error"

[[tool.pyrs-build.module]]
name = "pkg.mixed"
on-unsupported = "python"
```

The overridable keys are the settings fields marked `per_module` in the model; `name` must be one
of `modules`. An array of tables (rather than `[tool.pyrs-build.module."pkg.mixed"]`) keeps the
dotted name a value, so TOML needs no quoting and the JSON schema stays a plain list of objects."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from pyrs_build.diagnostics import Diagnostic

MODULE_TABLE = "[[tool.pyrs-build.module]]"


@dataclass(frozen=True)
class ModuleOverride:
    """The keys one `[[tool.pyrs-build.module]]` entry sets, by settings field name."""

    name: str
    values: tuple[tuple[str, str], ...]

    def get(self, field_name: str) -> str | None:
        return dict(self.values).get(field_name)


def did_you_mean(key: str, allowed: list[str]) -> str:
    """`did you mean 'x'? allowed keys: ...` (the hint only when a key is close enough)."""
    close = difflib.get_close_matches(key, allowed, n=1)
    listed = f"allowed keys: {', '.join(sorted(allowed))}"
    return f"did you mean '{close[0]}'? {listed}" if close else listed


def parse_module_tables(value: Any, per_module: Mapping[str, Any], modules: list[str],
                        check_value: Callable[[Any, Any], str | None], locate: Callable[[int, str], tuple[int, int]],
                        path: str) -> tuple[tuple[ModuleOverride, ...], list[Diagnostic]]:
    """Validate the array of tables; `per_module` maps each overridable key to its settings field,
    `locate(index, key)` gives the (line, col) of a key in the index-th table (0, 0 if not found)."""
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        line, col = locate(0, "")
        return (), [Diagnostic(path, line, col, f"{MODULE_TABLE} must be an array of tables",
                               f'write {MODULE_TABLE} then name = "pkg.module" and the keys to override')]
    overrides: list[ModuleOverride] = []
    problems: list[Diagnostic] = []
    seen: set[str] = set()
    allowed = ["name", *per_module]
    for index, entry in enumerate(value):
        values: list[tuple[str, str]] = []
        for key, item in entry.items():
            line, col = locate(index, key)
            if key == "name":
                continue
            spec = per_module.get(key)
            if spec is None:
                problems.append(Diagnostic(path, line, col, f"unknown key '{key}' in {MODULE_TABLE}",
                                           did_you_mean(key, allowed)))
                continue
            error = check_value(spec, item)
            if error:
                problems.append(Diagnostic(path, line, col, f"{MODULE_TABLE} {key}: {error}", spec.metadata["doc"]))
            else:
                values.append((spec.name, item))
        name = entry.get("name")
        line, col = locate(index, "name")
        if not isinstance(name, str):
            problems.append(Diagnostic(path, line, col, f"{MODULE_TABLE} needs name = \"pkg.module\"",
                                       "name one of the modules listed in 'modules'"))
        elif name not in modules:
            close = difflib.get_close_matches(name, modules, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            problems.append(Diagnostic(path, line, col, f"{MODULE_TABLE} name '{name}' is not in 'modules'",
                                       f"{hint}listed modules: {', '.join(modules) or 'none'}"))
        elif name in seen:
            problems.append(Diagnostic(path, line, col, f"{MODULE_TABLE} for '{name}' is given twice",
                                       "merge the two tables"))
        else:
            seen.add(name)
            overrides.append(ModuleOverride(name, tuple(values)))
    return tuple(overrides), problems


def module_table_locator(text: str) -> Callable[[int, str], tuple[int, int]]:
    """(line, col) of `key` inside the index-th `[[tool.pyrs-build.module]]` of the pyproject text."""
    lines = text.splitlines()
    headers = [n for n, line in enumerate(lines) if line.strip().replace(" ", "") == MODULE_TABLE]

    def locate(index: int, key: str) -> tuple[int, int]:
        if index >= len(headers):
            return 0, 0
        start = headers[index]
        for number in range(start + 1, len(lines)):
            stripped = lines[number].lstrip()
            if stripped.startswith("["):
                break
            if key and stripped.startswith((f"{key} ", f"{key}=", f'"{key}"')):
                return number + 1, len(lines[number]) - len(stripped) + 1
        return start + 1, 1

    return locate
