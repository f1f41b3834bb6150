"""The persistent build cache.

Layout under the cache root:
- `cargo-target/`: one cargo target directory shared by every build (PyO3, numpy, the runtime are
  compiled once);
- `runtime/<hash>/`: the runtime crate at a path that only changes with its content;
- `modules/<module>-<key>/`: one entry per content key of a module (see `key.py`): the generated
  crate, and once built, `built/<library>` plus `built/info.json`. The library is published last,
  by an atomic rename, so its presence means the entry is complete;
- `locks/`: lock files (one per entry; `cache.lock` for eviction).

A build killed at any point leaves either no library (the next build regenerates the crate and
builds it again) or a complete one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from pyrs_build._version import __version__

RUNTIME_SOURCE = Path(__file__).resolve().parent.parent / "runtime"
# Eviction: entries unused for this long go, and at most this many stay (the least recently used go).
MAX_AGE_DAYS = 30
MAX_ENTRIES = 200


def cache_root(configured: str | None = None) -> Path:
    """The `cache-dir` setting (pyproject.toml, overridden by $PYRS_BUILD_CACHE_DIR and config
    settings), else $PYRS_BUILD_CACHE_DIR, else the platform's user cache dir."""
    chosen = configured or os.environ.get("PYRS_BUILD_CACHE_DIR")
    if chosen:
        return Path(chosen).expanduser().resolve()
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    elif os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "pyrs-build"


def usable_cache_root(configured: str | None = None) -> Path:
    """The cache root if it can be written; otherwise (read-only, not a directory, disk full) a
    directory under the system temp dir, with a warning. Builds then work, only slower."""
    preferred = cache_root(configured)
    problem = _write_problem(preferred)
    if problem is None:
        return preferred
    fallback = Path(tempfile.gettempdir()) / f"pyrs-build-cache-{_user_tag()}"
    if _write_problem(fallback) is not None:
        fallback = Path(tempfile.mkdtemp(prefix="pyrs-build-cache-"))
    print(f"pyrs-build: warning: the build cache {preferred} is not writable ({problem}); "
          f"using {fallback} instead (set PYRS_BUILD_CACHE_DIR to choose another)", file=sys.stderr, flush=True)
    return fallback


def _write_problem(root: Path) -> str | None:
    """None if a file can be created in `root`, else why not."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".probe-"):
            pass
    except OSError as exc:
        return f"{type(exc).__name__}: {exc.strerror or exc}"
    return None


def _user_tag() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid else hashlib.sha256(str(Path.home()).encode()).hexdigest()[:8]


def target_dir(root: Path) -> Path:
    """Named for its flags (path remapping): builds with other RUSTFLAGS must not share it."""
    return root / "cargo-target"


def crate_dir(root: Path, module_name: str, project_dir: Path) -> Path:
    """A stable directory per (project, module), for direct builds (tests, CLI)."""
    key = hashlib.sha256(f"{project_dir.resolve()}\0{module_name}".encode()).hexdigest()[:12]
    return root / "crates" / f"{module_name}-{key}"


def runtime_dir(root: Path) -> Path:
    """The runtime crate copied to a path that only changes with its content, so the shared target
    directory keeps its compiled form across builds from different (temporary) environments."""
    destination = root / "runtime" / runtime_hash()[:16]
    if not (destination / "Cargo.toml").exists():
        staging = destination.with_name(destination.name + f".tmp{os.getpid()}")
        shutil.copytree(RUNTIME_SOURCE, staging, ignore=shutil.ignore_patterns("target"), dirs_exist_ok=True)
        try:
            staging.rename(destination)
        except OSError:  # another build put it there first
            shutil.rmtree(staging, ignore_errors=True)
    return destination


def runtime_hash() -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(RUNTIME_SOURCE.rglob("*")):
        if path.is_file() and "target" not in path.parts:
            digest.update(path.relative_to(RUNTIME_SOURCE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


# ---- entries ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """The cache entry of one module at one content key."""

    root: Path
    module: str
    key: str
    library_name: str  # file name of the built extension, e.g. fast.cpython-312-x86_64-linux-gnu.so

    @property
    def directory(self) -> Path:
        return self.root / "modules" / f"{self.module}-{self.key}"

    @property
    def crate(self) -> Path:
        """The generated crate is the entry directory itself (its name makes the crate's name)."""
        return self.directory

    @property
    def library(self) -> Path:
        return self.directory / "built" / self.library_name

    @property
    def info_file(self) -> Path:
        return self.directory / "built" / "info.json"

    @property
    def lock_file(self) -> Path:
        return self.root / "locks" / f"{self.module}-{self.key}.lock"

    def is_complete(self) -> bool:
        return self.library.is_file()

    def info(self) -> dict[str, Any]:
        try:
            return json.loads(self.info_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def mark_used(self) -> None:
        """Eviction is least-recently-used by the entry directory's mtime."""
        try:
            os.utime(self.directory)
        except OSError:
            pass

    def publish(self, built_library: Path, info: dict[str, Any]) -> None:
        """Copy the library in under a temporary name and rename it: readers see all or nothing."""
        built = self.library.parent
        built.mkdir(parents=True, exist_ok=True)
        _atomic_write(self.info_file, json.dumps(info, indent=1, sort_keys=True).encode())
        for leftover in built.glob(".*.tmp*"):  # from a build killed while publishing
            leftover.unlink(missing_ok=True)
        staging = built / f".{self.library_name}.tmp{os.getpid()}"
        shutil.copyfile(built_library, staging)
        os.chmod(staging, 0o755)
        os.replace(staging, self.library)


def _atomic_write(path: Path, data: bytes) -> None:
    staging = path.with_name(f".{path.name}.tmp{os.getpid()}")
    staging.write_bytes(data)
    os.replace(staging, path)


# ---- locking ------------------------------------------------------------------------------------


@contextmanager
def locked(lock_file: Path, *, blocking: bool = True) -> Iterator[bool]:
    """An exclusive lock on `lock_file` (released by the OS if the process dies); yields whether
    it was taken (always True when blocking)."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a+b") as handle:
        taken = _lock(handle, blocking)
        try:
            yield taken
        finally:
            if taken:
                _unlock(handle)


def _lock(handle: Any, blocking: bool) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        mode = msvcrt.LK_LOCK if blocking else msvcrt.LK_NBLCK  # type: ignore[attr-defined]
        while True:
            try:
                msvcrt.locking(handle.fileno(), mode, 1)  # type: ignore[attr-defined]
                return True
            except OSError:
                if not blocking:
                    return False  # LK_LOCK itself gives up after 10 s: keep waiting
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def _unlock(handle: Any) -> None:
    try:
        import fcntl
    except ImportError:
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# ---- eviction -----------------------------------------------------------------------------------


def evict(root: Path, keep: int = MAX_ENTRIES, max_age_days: float = MAX_AGE_DAYS) -> list[str]:
    """Remove entries unused for `max_age_days` and, beyond `keep`, the least recently used ones,
    with their compiled files in the target directory. Entries being built are skipped.
    The names of the removed entries."""
    modules = root / "modules"
    if not modules.is_dir():
        return []
    entries = sorted((p for p in modules.iterdir() if p.is_dir()), key=_mtime, reverse=True)
    cutoff = time.time() - max_age_days * 86400
    victims = [p for index, p in enumerate(entries) if index >= keep or _mtime(p) < cutoff]
    removed = []
    for directory in victims:
        with locked(root / "locks" / f"{directory.name}.lock", blocking=False) as taken:
            if not taken:
                continue
            _remove_target_files(root, crate_package_of(directory))
            shutil.rmtree(directory, ignore_errors=True)
            removed.append(directory.name)
        # the lock file stays: unlinking it could let two builds lock different files of one name
    return removed


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def crate_package_of(crate: Path) -> str | None:
    """The `[lib] name` of a generated crate (what its files in the target directory are named)."""
    try:
        for line in (crate / "Cargo.toml").read_text(encoding="utf-8").splitlines():
            if line.startswith("name = ") and line.count('"') == 2:
                return line.split('"')[1].replace("-", "_")
    except OSError:
        pass
    return None


def _remove_target_files(root: Path, lib_name: str | None) -> None:
    if not lib_name or not lib_name.startswith("pyrs_"):
        return
    package = lib_name.replace("_", "-")
    for profile in target_dir(root).glob("*"):
        patterns = [f"deps/lib{lib_name}*", f"deps/{lib_name}*", f"lib{lib_name}.*", f".fingerprint/{package}-*"]
        for pattern in patterns:
            for path in profile.glob(pattern):
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
