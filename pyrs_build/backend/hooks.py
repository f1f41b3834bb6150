"""PEP 517 / PEP 660 hooks: setuptools does metadata, tags and wheel writing; before a wheel is
built, the flagged modules are built (or taken from the cache) and setuptools' build_ext copies
them in. Config settings `pyrs-build.<key>=<value>` override pyproject.toml and PYRS_BUILD_*
variables; every other config setting goes to setuptools."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from setuptools import build_meta

from pyrs_build.backend.compile import ProjectBuild, build_project, log
from pyrs_build.backend.plugin import modules_for_build
from pyrs_build.backend.wheel_tags import WheelTagError, bdist_wheel_options, check_wheel, with_build_options
from pyrs_build.cargo.build import CargoFailed
from pyrs_build.diagnostics import DiagnosticError
from pyrs_build.settings.model import CONFIG_PREFIX



def split_config_settings(config_settings: dict[str, Any] | None) -> tuple[dict[str, str], dict[str, Any] | None]:
    """Our `pyrs-build.*` settings (the last value when one is given twice), and the rest."""
    ours, rest = {}, {}
    for key, value in (config_settings or {}).items():
        if key.startswith(CONFIG_PREFIX):
            ours[key[len(CONFIG_PREFIX):]] = str(value[-1] if isinstance(value, list) else value)
        else:
            rest[key] = value
    return ours, (rest if config_settings is not None else None)


@contextmanager
def _compiled_modules(overrides: dict[str, str]) -> Iterator[ProjectBuild]:
    """Build the project's modules in the current directory; on user errors print them and exit
    1. If cargo fails, the generated code is at fault: say so, and where the crate is kept."""
    try:
        built = build_project(Path.cwd(), overrides)
    except DiagnosticError as exc:
        print(exc.render(), file=sys.stderr)
        print(f"pyrs-build: {len(exc.diagnostics)} error(s); no wheel was built", file=sys.stderr)
        raise SystemExit(1) from None
    except CargoFailed as exc:
        print(f"{exc.output[-4000:]}\npyrs-build: internal error: cargo failed on the generated Rust.\n"
              f"Unless RUSTFLAGS or a cargo config of yours caused it, this is a bug in pyrs-build, not in your "
              f"code. The generated crates are kept for the report: {exc.crate}", file=sys.stderr)
        raise SystemExit(1) from None
    with modules_for_build(built.modules):
        yield built


def build_wheel(wheel_directory: str, config_settings: dict[str, Any] | None = None,
                metadata_directory: str | None = None) -> str:
    started = time.monotonic()
    ours, rest = split_config_settings(config_settings)
    with _compiled_modules(ours) as built:
        options = bdist_wheel_options(built.settings)
        name = build_meta.build_wheel(wheel_directory, with_build_options(rest, options), metadata_directory)
    _check_tags(Path(wheel_directory) / name)
    log(f"{name} built in {time.monotonic() - started:.1f} s")
    return name


def _check_tags(wheel: Path) -> None:
    """A wheel whose extensions are for another machine or Python than its tags is removed."""
    try:
        check_wheel(wheel)
    except WheelTagError as exc:
        wheel.unlink()
        print(f"pyrs-build: error: {exc}; the wheel was not kept.", file=sys.stderr)
        raise SystemExit(1) from None


def build_editable(wheel_directory: str, config_settings: dict[str, Any] | None = None,
                   metadata_directory: str | None = None) -> str:
    from pyrs_build.backend.editable import add_import_hook

    started = time.monotonic()
    ours, rest = split_config_settings(config_settings)
    with _compiled_modules(ours) as built:
        name = build_meta.build_editable(wheel_directory, rest, metadata_directory)
    add_import_hook(Path(wheel_directory) / name, Path.cwd(), built.modules, ours, built.cache_root)
    log(f"{name} built in {time.monotonic() - started:.1f} s")
    return name


def build_sdist(sdist_directory: str, config_settings: dict[str, Any] | None = None) -> str:
    return build_meta.build_sdist(sdist_directory, split_config_settings(config_settings)[1])


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    return build_meta.get_requires_for_build_wheel(split_config_settings(config_settings)[1])


def get_requires_for_build_editable(config_settings: dict[str, Any] | None = None) -> list[str]:
    return build_meta.get_requires_for_build_editable(split_config_settings(config_settings)[1])


def get_requires_for_build_sdist(config_settings: dict[str, Any] | None = None) -> list[str]:
    return build_meta.get_requires_for_build_sdist(split_config_settings(config_settings)[1])


def prepare_metadata_for_build_wheel(metadata_directory: str,
                                     config_settings: dict[str, Any] | None = None) -> str:
    return build_meta.prepare_metadata_for_build_wheel(metadata_directory, split_config_settings(config_settings)[1])


def prepare_metadata_for_build_editable(metadata_directory: str,
                                        config_settings: dict[str, Any] | None = None) -> str:
    return build_meta.prepare_metadata_for_build_editable(metadata_directory,
                                                          split_config_settings(config_settings)[1])
