"""PEP 517 / PEP 660 hooks: setuptools does metadata, tags and wheel writing; before a wheel is
built, the flagged modules are transpiled and handed to setuptools-rust as extensions."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from setuptools import build_meta

from pyrs_build.backend.extensions import prepare_extensions
from pyrs_build.backend.plugin import extensions_for_build
from pyrs_build.backend.wheel_tags import WheelTagError, bdist_wheel_options, check_wheel, with_build_options
from pyrs_build.diagnostics import DiagnosticError
from pyrs_build.settings import load_settings



@contextmanager
def _compiled_modules() -> Iterator[None]:
    """Transpile the project in the current directory; on user errors print them and exit 1.
    If cargo then fails, the generated code is at fault: say so, and where the crates are kept."""
    try:
        extensions = prepare_extensions(Path.cwd())
    except DiagnosticError as exc:
        print(exc.render(), file=sys.stderr)
        print(f"pyrs-build: {len(exc.diagnostics)} error(s); no wheel was built", file=sys.stderr)
        raise SystemExit(1) from None
    with extensions_for_build(extensions):
        try:
            yield
        except (Exception, SystemExit) as exc:
            if not _is_cargo_failure(exc):
                raise
            crates = ", ".join(str(Path(e.path).resolve().parent) for e in extensions)  # type: ignore[attr-defined]
            print(f"pyrs-build: internal error: cargo failed on the generated Rust ({type(exc).__name__}: {exc}).\n"
                  f"Unless RUSTFLAGS or a cargo config of yours caused it, this is a bug in pyrs-build, not in your code. "
                  f"The generated crates are kept for the report: {crates}",
                  file=sys.stderr)
            raise SystemExit(1) from None


def _is_cargo_failure(exc: BaseException) -> bool:
    """setuptools-rust reports a failed cargo run as a distutils error, which setuptools' `setup()`
    turns into `SystemExit("error: ...")`."""
    text = str(exc.code if isinstance(exc, SystemExit) else exc)
    return ("cargo" in text or "rustc" in text) and not isinstance(exc, KeyboardInterrupt)


def build_wheel(wheel_directory: str, config_settings: dict[str, Any] | None = None,
                metadata_directory: str | None = None) -> str:
    with _compiled_modules():
        options = bdist_wheel_options(load_settings(Path.cwd()))
        name = build_meta.build_wheel(wheel_directory, with_build_options(config_settings, options), metadata_directory)
    _check_tags(Path(wheel_directory) / name)
    return name


def _check_tags(wheel: Path) -> None:
    """A wheel whose extensions are for another machine or Python than its tags is removed."""
    try:
        check_wheel(wheel)
    except WheelTagError as exc:
        wheel.unlink()
        print(f"pyrs-build: error: {exc}; the wheel was not kept. If that file is left over from an earlier "
              f"build (for another machine, Python or abi3 setting), remove the project's build/ directory and "
              f"build again.", file=sys.stderr)
        raise SystemExit(1) from None


def build_editable(wheel_directory: str, config_settings: dict[str, Any] | None = None,
                   metadata_directory: str | None = None) -> str:
    with _compiled_modules():
        return build_meta.build_editable(wheel_directory, config_settings, metadata_directory)


def build_sdist(sdist_directory: str, config_settings: dict[str, Any] | None = None) -> str:
    return build_meta.build_sdist(sdist_directory, config_settings)


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    return build_meta.get_requires_for_build_wheel(config_settings)


def get_requires_for_build_editable(config_settings: dict[str, Any] | None = None) -> list[str]:
    return build_meta.get_requires_for_build_editable(config_settings)


def get_requires_for_build_sdist(config_settings: dict[str, Any] | None = None) -> list[str]:
    return build_meta.get_requires_for_build_sdist(config_settings)


def prepare_metadata_for_build_wheel(metadata_directory: str,
                                     config_settings: dict[str, Any] | None = None) -> str:
    return build_meta.prepare_metadata_for_build_wheel(metadata_directory, config_settings)


def prepare_metadata_for_build_editable(metadata_directory: str,
                                        config_settings: dict[str, Any] | None = None) -> str:
    return build_meta.prepare_metadata_for_build_editable(metadata_directory, config_settings)
