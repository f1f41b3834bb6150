"""The settings model: one frozen dataclass whose fields are the `[tool.pyrs-build]` keys."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from pyrs_build.diagnostics import Diagnostic, DiagnosticError
from pyrs_build.settings.modules import ModuleOverride, did_you_mean, module_table_locator, parse_module_tables

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10 only
    import tomli as tomllib

_DOTTED_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
TABLE = "tool.pyrs-build"
CONFIG_PREFIX = "pyrs-build."  # config settings: pip install . -C pyrs-build.profile=dev


@dataclass(frozen=True)
class Settings:
    """What a package asks of pyrs-build. Field docs feed the JSON schema and the reference docs."""

    modules: tuple[str, ...] = field(
        default=(),
        metadata={"key": "modules", "doc": "Dotted import names of the modules to compile, e.g. 'pkg.pricing'."},
    )
    cache_dir: str | None = field(
        default=None,
        metadata={
            "key": "cache-dir",
            "doc": "Directory of the shared cargo target dir and crate cache "
            "(default: $PYRS_BUILD_CACHE_DIR, else the user cache dir).",
        },
    )
    on_type_mismatch: str = field(
        default="python",
        metadata={
            "key": "on-type-mismatch",
            "doc": "When an argument is not of the compiled type: 'python' runs the original Python "
            "function (same result as before compiling), 'error' raises TypeError naming the argument.",
            "enum": ["python", "error"],
            "per_module": True,
        },
    )
    on_unsupported: str = field(
        default="error",
        metadata={
            "key": "on-unsupported",
            "doc": "A function the compiler cannot translate: 'error' fails the build with its diagnostics "
            "(nothing changes silently); 'python' keeps that function in Python (compiled functions call it "
            "through the interpreter) and compiles the rest, printing one line per function kept.",
            "enum": ["error", "python"],
            "per_module": True,
        },
    )
    profile: str = field(
        default="release",
        metadata={
            "key": "profile",
            "doc": "Cargo profile for generated crates.",
            "enum": ["release", "dev"],
        },
    )
    module: tuple[ModuleOverride, ...] = field(
        default=(),
        metadata={
            "key": "module",
            "doc": "Per-module overrides: [[tool.pyrs-build.module]] tables with name = 'pkg.module' and any of "
            "the keys on-unsupported, on-type-mismatch.",
        },
    )
    abi3: bool = field(
        default=False,
        metadata={
            "key": "abi3",
            "doc": "Build against CPython's stable ABI (PyO3's abi3-py39): one cp39-abi3 wheel per platform that "
            "runs on CPython 3.9 and later, instead of one wheel per Python version.",
        },
    )

    parallel: bool = field(
        default=False,
        metadata={
            "key": "parallel",
            "doc": "Run fused array loops of 65536 elements or more on every core (rayon, GIL released). "
            "Elementwise results are identical to a serial run; off by default because a library's caller "
            "may already run its own threads.",
            "per_module": True,
        },
    )

    allocator: str = field(
        default="mimalloc",
        metadata={
            "key": "allocator",
            "doc": "Memory allocator of the compiled extension: 'mimalloc' keeps freed memory for reuse, so a "
            "function called in a loop gets its large result arrays without page faults (glibc's malloc "
            "returns them to the OS at every free: twice the time of a 10^6-element Black-Scholes call); "
            "'system' uses the platform's malloc and needs no C compiler for the build.",
            "enum": ["mimalloc", "system"],
            "per_module": True,
        },
    )

    def for_module(self, name: str) -> Settings:
        """The settings module `name` is built with: its [[tool.pyrs-build.module]] keys applied."""
        override = next((o for o in self.module if o.name == name), None)
        return replace(self, **dict(override.values)) if override else self


ENV_OVERRIDES = {"PYRS_BUILD_CACHE_DIR": "cache_dir", "PYRS_BUILD_PROFILE": "profile",
                 "PYRS_BUILD_ON_TYPE_MISMATCH": "on_type_mismatch", "PYRS_BUILD_ON_UNSUPPORTED": "on_unsupported"}


def settings_fields() -> list[Any]:
    return list(fields(Settings))


def load_settings(project_dir: Path, environ: Mapping[str, str] | None = None,
                  overrides: Mapping[str, str] | None = None) -> Settings:
    """Read `project_dir/pyproject.toml`, validate `[tool.pyrs-build]`, then apply the PYRS_BUILD_*
    environment variables, then `overrides` (config settings such as `-C pyrs-build.profile=dev`,
    keyed by setting name): the later wins."""
    pyproject = project_dir / "pyproject.toml"
    try:
        text = pyproject.read_text(encoding="utf-8")
    except OSError as exc:
        raise DiagnosticError([Diagnostic(str(pyproject), 0, 0, f"cannot read pyproject.toml: {exc}")]) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DiagnosticError([Diagnostic(str(pyproject), 0, 0, f"invalid TOML: {exc}")]) from exc
    return settings_from_pyproject(data, str(pyproject), text, os.environ if environ is None else environ,
                                   overrides)


def settings_from_pyproject(
    data: Mapping[str, Any], path: str, text: str = "", environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, str] | None = None,
) -> Settings:
    table = data.get("tool", {}).get("pyrs-build")
    if table is None:
        raise DiagnosticError(
            [Diagnostic(path, 0, 0, f"no [{TABLE}] table", help=f'add [{TABLE}] with modules = ["pkg.module"]')]
        )
    values = _validate_table(table, path, text)
    _apply_overrides(values, path, environ or {}, overrides or {})
    return Settings(**values)


def _apply_overrides(values: dict[str, Any], path: str, environ: Mapping[str, str],
                     overrides: Mapping[str, str]) -> None:
    """PYRS_BUILD_* variables over pyproject.toml, config settings over both (and over the
    per-module tables: what is set for the build wins everywhere)."""
    by_key = {f.metadata["key"]: f for f in settings_fields() if f.name not in ("modules", "module")}
    by_name = {f.name: f for f in by_key.values()}
    layers = [(f"environment variable {var}", by_name[name], environ.get(var)) for var, name in ENV_OVERRIDES.items()]
    problems = []
    for key, value in overrides.items():
        if key not in by_key:
            problems.append(Diagnostic(path, 0, 0, f"unknown config setting '{CONFIG_PREFIX}{key}'",
                                       did_you_mean(key, list(by_key))))
        else:
            layers.append((f"config setting {CONFIG_PREFIX}{key}", by_key[key], value))
    for where, spec, text in layers:
        if not text:
            continue
        value = _from_text(spec, text)
        error = _check_value(spec, value)
        if error:
            problems.append(Diagnostic(path, 0, 0, f"{where}: {error}"))
        values[spec.name] = value
        values["module"] = _without(values.get("module", ()), spec.name)
    if problems:
        raise DiagnosticError(problems)


def _from_text(spec: Any, text: str) -> Any:
    """A setting given as text (environment, config settings): booleans as true/false, 1/0."""
    if spec.type in (bool, "bool"):
        return {"true": True, "1": True, "false": False, "0": False}.get(text.strip().lower(), text)
    return text


def _without(overrides: tuple[ModuleOverride, ...], field_name: str) -> tuple[ModuleOverride, ...]:
    return tuple(replace(o, values=tuple(kv for kv in o.values if kv[0] != field_name)) for o in overrides)


def per_module_fields() -> dict[str, Any]:
    """The keys a [[tool.pyrs-build.module]] table may set, with their fields."""
    return {f.metadata["key"]: f for f in settings_fields() if f.metadata.get("per_module")}


def _validate_table(table: Mapping[str, Any], path: str, text: str) -> dict[str, Any]:
    by_key = {f.metadata["key"]: f for f in settings_fields()}
    problems: list[Diagnostic] = []
    values: dict[str, Any] = {}
    for key, value in table.items():
        spec = by_key.get(key)
        if spec is None:
            problems.append(_at_key(path, text, key, f"unknown key '{key}' in [{TABLE}]",
                                    did_you_mean(key, list(by_key))))
            continue
        if key == "module":
            modules = table.get("modules")
            listed = [m for m in modules if isinstance(m, str)] if isinstance(modules, list) else []
            values[spec.name], found = parse_module_tables(value, per_module_fields(), listed, _check_value,
                                                           module_table_locator(text), path)
            problems += found
            continue
        error = _check_value(spec, value)
        if error:
            problems.append(_at_key(path, text, key, f"[{TABLE}] {key}: {error}", spec.metadata["doc"]))
        else:
            values[spec.name] = tuple(value) if isinstance(value, list) else value
    if "modules" not in table:
        problems.append(_at_key(path, text, TABLE, f"[{TABLE}] needs 'modules'", 'modules = ["pkg.module"]'))
    if problems:
        raise DiagnosticError(problems)
    return values


def _check_value(spec: Any, value: Any) -> str | None:
    key = spec.metadata["key"]
    if key == "modules":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f"expected a list of strings, got {type(value).__name__}"
        if not value:
            return "expected at least one module"
        bad = [v for v in value if not _DOTTED_NAME.match(v)]
        if bad:
            return f"not a dotted import name: {bad[0]!r}"
        if len(set(value)) != len(value):
            return "a module is listed twice"
        return None
    if spec.type in (bool, "bool"):
        return None if isinstance(value, bool) else f"expected true or false, got {type(value).__name__}"
    if not isinstance(value, str):
        return f"expected a string, got {type(value).__name__}"
    allowed = spec.metadata.get("enum")
    if allowed and value not in allowed:
        return f"expected one of {', '.join(map(repr, allowed))}, got {value!r}"
    return None


def _at_key(path: str, text: str, key: str, message: str, help: str) -> Diagnostic:
    """Point at the line where `key` is written, when it can be found."""
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip()
        if stripped.startswith((f"{key} ", f"{key}=", f'"{key}"', f"[{key}]")):
            return Diagnostic(path, number, len(line) - len(stripped) + 1, message, help)
    return Diagnostic(path, 0, 0, message, help)
