"""Build a generated crate with cargo directly (the CLI and the compiler tests; wheels go through
setuptools-rust with the same environment)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pyrs_build.cargo.target import cross_env
from pyrs_build.cargo.toolchain import cargo_binary
from pyrs_build.diagnostics import InternalError


def cargo_env(target: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment every cargo run gets. PYO3_PYTHON is the real interpreter behind any venv,
    so PyO3's build script sees the same value from every environment and is not rerun."""
    env = dict(os.environ if base is None else base)
    executable = getattr(sys, "_base_executable", None) or sys.executable
    env["PYO3_PYTHON"] = os.path.realpath(executable)
    env["PYO3_BUILD_EXTENSION_MODULE"] = "1"
    env["CARGO_TARGET_DIR"] = str(target)
    cargo_bin = str(Path(cargo_binary()).parent)
    env["PATH"] = cargo_bin + os.pathsep + env.get("PATH", "")
    env.update(cross_env(env))  # a CARGO_BUILD_TARGET for another machine
    return env


def build_crate(crate: Path, target: Path, profile: str = "release") -> Path:
    """`cargo build` the crate; the path of the built shared library."""
    command = [cargo_binary(), "build", "--manifest-path", str(crate / "Cargo.toml"), "--message-format=json-render-diagnostics"]
    if profile == "release":
        command.append("--release")
    done = subprocess.run(command, env=cargo_env(target), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise InternalError(f"rustc rejected the generated crate (a pyrs-build bug); kept at {crate}\n{done.stderr[-4000:]}")
    for line in done.stdout.splitlines():
        message = json.loads(line) if line.startswith("{") else {}
        if message.get("reason") == "compiler-artifact" and "cdylib" in message.get("target", {}).get("kind", []):
            return Path(message["filenames"][0])
    raise InternalError(f"cargo built no library for {crate}")
