"""Run `cargo build` on a generated crate: the shared environment, progress lines, the artifact."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Optional, Sequence

from pyrs_build.cargo.target import cross_env
from pyrs_build.cargo.toolchain import cargo_binary
from pyrs_build.diagnostics import InternalError

Report = Callable[[str], None]


class CargoFailed(InternalError):
    """cargo or rustc rejected a generated crate (kept at `crate` for the bug report)."""

    def __init__(self, crate: Path, output: str) -> None:
        super().__init__(f"rustc rejected the generated crate (a pyrs-build bug); kept at {crate}\n{output[-4000:]}")
        self.crate, self.output = crate, output


def cargo_env(target: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment every cargo run gets. PYO3_PYTHON is the real interpreter behind any venv,
    so PyO3's build script sees the same value from every environment and is not rerun. Paths of
    the cache and of cargo's home are remapped in the compiled code (panic locations), so the
    library does not depend on where they are: wheels are reproducible."""
    env = dict(os.environ if base is None else base)
    executable = getattr(sys, "_base_executable", None) or sys.executable
    env["PYO3_PYTHON"] = os.path.realpath(executable)
    env["PYO3_BUILD_EXTENSION_MODULE"] = "1"
    env["CARGO_TARGET_DIR"] = str(target)
    cargo_bin = str(Path(cargo_binary()).parent)
    env["PATH"] = cargo_bin + os.pathsep + env.get("PATH", "")
    env.update(cross_env(env))  # a CARGO_BUILD_TARGET for another machine
    _add_rustflags(env, remap_flags(target.parent, env))
    return env


def remap_flags(cache_root: Path, env: dict[str, str]) -> list[str]:
    cargo_home = Path(env.get("CARGO_HOME") or Path.home() / ".cargo")
    return [f"--remap-path-prefix={cache_root.resolve()}=/pyrs-build-cache",
            f"--remap-path-prefix={cargo_home.resolve()}=/cargo-home"]


def _add_rustflags(env: dict[str, str], flags: list[str]) -> None:
    """Append to the user's flags; cargo reads CARGO_ENCODED_RUSTFLAGS first when it is set."""
    if "CARGO_ENCODED_RUSTFLAGS" in env:
        existing = [f for f in env["CARGO_ENCODED_RUSTFLAGS"].split("\x1f") if f]
        env["CARGO_ENCODED_RUSTFLAGS"] = "\x1f".join(existing + flags)
    else:
        env["RUSTFLAGS"] = " ".join([env["RUSTFLAGS"]] + flags if env.get("RUSTFLAGS") else flags)


def build_crate(crate: Path, target: Path, profile: str = "release", report: Optional[Report] = None,
                features: Sequence[str] = ()) -> Path:
    """`cargo build` the crate; the path of the built shared library. `report` gets progress lines
    (what cargo compiles, waits for a lock, elapsed time)."""
    command = [cargo_binary(), "build", "--manifest-path", str(crate / "Cargo.toml"),
               "--message-format=json-render-diagnostics"]
    if profile == "release":
        command.append("--release")
    if features:
        command += ["--features", ",".join(features)]
    process = subprocess.Popen(command, env=cargo_env(target), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    messages: list[str] = []
    reader = threading.Thread(target=lambda: messages.extend(process.stdout or ()), daemon=True)
    reader.start()
    errors = _follow_stderr(process, report or (lambda line: None))
    reader.join()
    if process.wait() != 0:
        raise CargoFailed(crate, "".join(errors))
    for line in messages:
        message = json.loads(line) if line.startswith("{") else {}
        if message.get("reason") == "compiler-artifact" and "cdylib" in message.get("target", {}).get("kind", []):
            return Path(message["filenames"][0])
    raise InternalError(f"cargo built no library for {crate}")


def _follow_stderr(process: "subprocess.Popen[str]", report: Report) -> list[str]:
    """Summarise cargo's human output as it comes: one line per crate compiled, one when waiting
    for another build's lock. Returns all of it (for error messages)."""
    start, lines, waiting_said = time.monotonic(), [], False
    for line in process.stderr or ():
        lines.append(line)
        text = line.strip()
        elapsed = time.monotonic() - start
        if text.startswith("Compiling "):
            report(f"[{elapsed:5.1f}s] cargo: compiling {text.split(' ', 1)[1]}")
        elif text.startswith("Blocking") and not waiting_said:
            report(f"[{elapsed:5.1f}s] cargo: waiting for another build to release the shared target directory")
            waiting_said = True
    return lines
