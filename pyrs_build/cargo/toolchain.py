"""Find cargo and rustc, or explain how to install Rust."""

from __future__ import annotations

import os
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from pyrs_build.diagnostics import Diagnostic, DiagnosticError

INSTALL_HELP = ("install Rust with rustup: curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh "
                "(or your system's package, e.g. apt-get install cargo), then make sure `cargo` is on PATH "
                "or set CARGO to its path")


def cargo_binary() -> str:
    """Path of cargo: $CARGO, PATH, then ~/.cargo/bin (pip's build environment may drop it from PATH)."""
    candidates = [os.environ.get("CARGO"), shutil.which("cargo"), str(Path.home() / ".cargo" / "bin" / "cargo")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise DiagnosticError([Diagnostic("pyrs-build", 0, 0, "cargo (the Rust build tool) was not found",
                                      INSTALL_HELP)])


@lru_cache(maxsize=None)
def rustc_version(cargo: str) -> str:
    """`rustc -vV` of the toolchain next to `cargo` (part of the cache key of compiled crates)."""
    rustc = os.environ.get("RUSTC") or str(Path(cargo).with_name("rustc"))
    if not Path(rustc).exists():
        rustc = shutil.which("rustc") or "rustc"
    try:
        done = subprocess.run([rustc, "-vV"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise DiagnosticError([Diagnostic("pyrs-build", 0, 0, f"rustc does not run: {exc}", INSTALL_HELP)]) from exc
    return done.stdout
