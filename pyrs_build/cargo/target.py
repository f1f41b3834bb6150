"""Cross-compiling: the target cargo builds for is $CARGO_BUILD_TARGET (cargo's own variable, which
the backend keys its cache on). For another machine, PyO3 cannot ask an interpreter for its
configuration, so it is told the version of the interpreter running the build: the wheel is tagged
for that interpreter, and an extension built for any other version would be tagged wrongly."""

from __future__ import annotations

import os
import platform
import sys
from typing import Mapping

from pyrs_build.diagnostics import Diagnostic, DiagnosticError

# first component of a Rust target triple -> the machine name in Python's platform tags
ARCH_OF_TRIPLE = {
    "x86_64": "x86_64",
    "aarch64": "aarch64",
    "i686": "i686",
    "armv7": "armv7l",
    "powerpc64le": "ppc64le",
    "s390x": "s390x",
    "riscv64gc": "riscv64",
}


def build_target(environ: Mapping[str, str] | None = None) -> str | None:
    """The target triple asked for, or None for the machine running the build."""
    return (os.environ if environ is None else environ).get("CARGO_BUILD_TARGET") or None


def target_arch(triple: str) -> str:
    """The platform-tag machine name of a Linux target triple; an error for targets we cannot tag."""
    arch = ARCH_OF_TRIPLE.get(triple.split("-")[0])
    if arch is None or "-linux-" not in triple:
        supported = ", ".join(f"{a}-unknown-linux-gnu" for a in ("x86_64", "aarch64", "i686"))
        raise DiagnosticError([Diagnostic("pyrs-build", 0, 0, f"CARGO_BUILD_TARGET={triple}: pyrs-build cross-builds "
                                          "wheels for Linux targets only", f"use a Linux target such as {supported}")])
    return arch


def host_arch() -> str:
    return platform.machine()


def cross_arch(environ: Mapping[str, str] | None = None) -> str | None:
    """The target machine when it is not this one, else None."""
    triple = build_target(environ)
    if triple is None:
        return None
    arch = target_arch(triple)
    return None if arch == host_arch() else arch


def cross_env(environ: Mapping[str, str]) -> dict[str, str]:
    """What PyO3's build script needs to build for another machine: the target Python's version,
    which must be the running interpreter's (the one the wheel is tagged for)."""
    if cross_arch(environ) is None:
        return {}
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    asked = environ.get("PYO3_CROSS_PYTHON_VERSION")
    if asked and asked != running:
        raise DiagnosticError([Diagnostic("pyrs-build", 0, 0, f"PYO3_CROSS_PYTHON_VERSION={asked}, but this build runs "
                                          f"on Python {running}, and the wheel is tagged for the Python running it",
                                          f"run the build with python{asked}, or unset PYO3_CROSS_PYTHON_VERSION")])
    return {"PYO3_CROSS_PYTHON_VERSION": running}
