"""The persistent build cache: one cargo target directory shared by every build, the runtime crate
at a stable path, and one directory per generated crate."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

from pyrs_build._version import __version__

RUNTIME_SOURCE = Path(__file__).resolve().parent.parent / "runtime"


def cache_root(configured: str | None = None) -> Path:
    """$PYRS_BUILD_CACHE_DIR, else the `cache-dir` setting, else the platform's user cache dir."""
    chosen = os.environ.get("PYRS_BUILD_CACHE_DIR") or configured
    if chosen:
        return Path(chosen).expanduser().resolve()
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    elif os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "pyrs-build"


def target_dir(root: Path) -> Path:
    return root / "target"


def crate_dir(root: Path, module_name: str, project_dir: Path) -> Path:
    """A stable directory per (project, module): cargo rebuilds only what changed in it."""
    key = hashlib.sha256(f"{project_dir.resolve()}\0{module_name}".encode()).hexdigest()[:12]
    return root / "crates" / f"{module_name}-{key}"


def runtime_dir(root: Path) -> Path:
    """The runtime crate copied to a path that only changes with its content, so the shared target
    directory keeps its compiled form across builds from different (temporary) environments."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(RUNTIME_SOURCE.rglob("*")):
        if path.is_file() and "target" not in path.parts:
            digest.update(path.relative_to(RUNTIME_SOURCE).as_posix().encode())
            digest.update(path.read_bytes())
    destination = root / "runtime" / digest.hexdigest()[:16]
    if not (destination / "Cargo.toml").exists():
        staging = destination.with_name(destination.name + f".tmp{os.getpid()}")
        shutil.copytree(RUNTIME_SOURCE, staging, ignore=shutil.ignore_patterns("target"), dirs_exist_ok=True)
        try:
            staging.rename(destination)
        except OSError:  # another build put it there first
            shutil.rmtree(staging, ignore_errors=True)
    return destination
