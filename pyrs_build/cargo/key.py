"""The content key of a compiled module: everything its built library depends on.

Equal keys mean an identical library, so a module whose key is in the cache is not compiled again
(cargo is not even run). The key covers the module's source and stub, the compiler (every file of
pyrs_build, including the runtime crate), the Rust toolchain (`rustc -vV`, rustfmt, target triple),
the Python ABI (EXT_SUFFIX), the settings that change generated code or its compilation, and the
environment variables cargo reads for flags and profiles.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from pyrs_build._version import __version__
from pyrs_build.cargo.toolchain import rustc_version

PACKAGE = Path(__file__).resolve().parent.parent
# Parts of pyrs_build that do not shape the generated code or how it is compiled.
_NOT_COMPILER = ("backend", "cli", "verify")
_CARGO_ENV_PREFIXES = ("RUSTFLAGS", "CARGO_ENCODED_RUSTFLAGS", "CARGO_BUILD_", "CARGO_PROFILE_", "CARGO_TARGET_")


@lru_cache(maxsize=None)
def compiler_fingerprint() -> str:
    """Hash of the compiler's sources (Python and the runtime crate): a changed compiler is a
    different compiler even when the version number did not move."""
    return _sources_hash(_NOT_COMPILER)


@lru_cache(maxsize=None)
def package_fingerprint() -> str:
    """Hash of every source of pyrs_build (names the copy the editable import hook runs)."""
    return _sources_hash(())


def _sources_hash(skipped: tuple[str, ...]) -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE).parts
        if relative[0] in skipped or "target" in relative or "__pycache__" in relative:
            continue
        if path.suffix in (".py", ".rs", ".toml", ".lock") and path.is_file():
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=None)
def rustfmt_version() -> str:
    """rustfmt lays out the generated code, and line numbers end up in panic locations."""
    binary = shutil.which("rustfmt")
    if binary is None:
        return "none"
    done = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip()


def python_abi() -> str:
    return f"{sysconfig.get_config_var('EXT_SUFFIX')} {sys.implementation.cache_tag}"


def cargo_environment(environ: Mapping[str, str]) -> str:
    """The environment variables that change how cargo compiles (flags, profiles, target)."""
    relevant = sorted((k, v) for k, v in environ.items() if k.startswith(_CARGO_ENV_PREFIXES)
                      and k != "CARGO_TARGET_DIR")
    return "\n".join(f"{k}={v}" for k, v in relevant)


def module_key(name: str, source: bytes, stub: bytes | None, settings: Mapping[str, str], cargo: str,
               environ: Mapping[str, str] | None = None) -> str:
    """The content key (24 hex digits) of module `name` built with `settings` by `cargo`."""
    parts = [
        name.encode(), source, b"-" if stub is None else b"+" + stub, compiler_fingerprint().encode(),
        rustc_version(cargo).encode(), rustfmt_version().encode(), python_abi().encode(),
        "\n".join(f"{k}={v}" for k, v in sorted(settings.items())).encode(),
        cargo_environment(os.environ if environ is None else environ).encode(),
    ]
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()[:24]
