"""Build the configured modules of a project through the content-keyed cache.

One function serves wheels, editable installs and the editable import hook: a module whose key is
cached is copied from the cache (no transpiling, no cargo); otherwise it is transpiled into its
cache entry, built by cargo in the shared target directory and published to the cache.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
import time
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Callable, Mapping

from pyrs_build.backend.locate import ModuleSource, locate_modules
from pyrs_build.cargo import cache
from pyrs_build.cargo.build import build_crate
from pyrs_build.cargo.key import module_key
from pyrs_build.cargo.target import cross_arch
from pyrs_build.cargo.toolchain import cargo_binary, rustc_version
from pyrs_build.diagnostics import DiagnosticError
from pyrs_build.pipeline import transpile
from pyrs_build.settings import Settings, load_settings

Report = Callable[[str], None]


def log(message: str) -> None:
    print(f"pyrs-build: {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class BuiltModule:
    name: str  # dotted import name
    library: Path  # the extension in the cache
    source: Path  # the .py it was built from
    cached: bool  # taken from the cache without running cargo


@dataclass(frozen=True)
class ProjectBuild:
    modules: list[BuiltModule]
    cache_root: Path
    settings: Settings


def build_project(project_dir: Path, overrides: Mapping[str, str] | None = None,
                  report: Report = log) -> ProjectBuild:
    """Build every module listed in `project_dir`'s pyproject.toml; DiagnosticError lists every
    problem of every module; InternalError if cargo fails on generated code."""
    settings = load_settings(project_dir, overrides=overrides)
    cargo = cargo_binary()
    rustc_version(cargo)  # fails early with install help when the toolchain is broken
    text = (project_dir / "pyproject.toml").read_text(encoding="utf-8")
    sources = locate_modules(project_dir, settings.modules, text)
    root = cache.usable_cache_root(settings.cache_dir)
    started = time.monotonic()
    built, problems = [], []
    for source in sources:
        try:
            built.append(build_module(source, settings.for_module(source.name), root, cargo, report))
        except DiagnosticError as exc:
            problems += exc.diagnostics
    if problems:
        raise DiagnosticError(problems)
    _evict_quietly(root, report)
    fresh = sum(not b.cached for b in built)
    report(f"{len(built)} module(s) ready in {time.monotonic() - started:.1f} s "
           f"({fresh} compiled, {len(built) - fresh} from the cache at {root})")
    return ProjectBuild(built, root, settings)


def build_module(source: ModuleSource, settings: Settings, root: Path, cargo: str, report: Report) -> BuiltModule:
    stub = source.stub.read_bytes() if source.stub else None
    key = module_key(source.name, source.path.read_bytes(), stub, key_settings(settings), cargo)
    entry = cache.Entry(root, source.name, key, library_name(source.name, settings))
    with cache.locked(entry.lock_file):
        if entry.is_complete():
            entry.mark_used()
            _replay(entry.info(), report)
            report(f"{source.name}: unchanged, built library taken from the cache")
            return BuiltModule(source.name, entry.library, source.path, cached=True)
        started = time.monotonic()
        report(f"{source.name}: transpiling {source.path}")
        module = transpile(source.name, source.path, entry.crate, cache.runtime_dir(root), source.stub,
                           settings.on_type_mismatch, settings.on_unsupported)
        info = {"module": source.name, "compiled": [f.name for f in module.functions if f.exported],
                "kept_in_python": [[name, f"{r.message} ({r.path}:{r.line})"]  # type: ignore[attr-defined]
                                   for name, r in module.kept_in_python.items()]}
        _replay(info, report)
        seed_lockfile(entry.crate)
        report(f"{source.name}: compiling with cargo ({settings.profile} profile)")
        features = ["pyo3/abi3-py39"] if settings.abi3 else []  # CPython's stable ABI, 3.9 and later
        features += ["pyrs_runtime/parallel"] if settings.parallel else []
        features += ["pyrs_runtime/mimalloc"] if settings.allocator == "mimalloc" else []
        library = build_crate(entry.crate, cache.target_dir(root), settings.profile, report, features)
        try:
            entry.publish(library, info)
        except OSError as exc:  # a full disk: this build still has its library
            report(f"warning: could not store {source.name} in the cache ({exc}); it will be rebuilt next time")
            return BuiltModule(source.name, library, source.path, cached=False)
        report(f"{source.name}: compiled in {time.monotonic() - started:.1f} s")
        return BuiltModule(source.name, entry.library, source.path, cached=False)


def key_settings(settings: Settings) -> dict[str, str]:
    """Every setting of the module (per-module tables applied) but where things are: all of them
    may change the generated code or its compilation."""
    skipped = ("modules", "module", "cache_dir")
    return {f.name: repr(getattr(settings, f.name)) for f in fields(settings) if f.name not in skipped}


def library_name(module: str, settings: Settings) -> str:
    """`fast.cpython-312-x86_64-linux-gnu.so`; `fast.abi3.so` for the stable ABI; `fast.so` when
    cross-building (the host's suffix would name the wrong machine; CPython imports `fast.so`)."""
    if settings.abi3:
        suffix = ".pyd" if os.name == "nt" else ".abi3.so"
    elif cross_arch() is not None:
        suffix = ".so"
    else:
        suffix = str(sysconfig.get_config_var("EXT_SUFFIX"))
    return module.rsplit(".", 1)[-1] + suffix


def seed_lockfile(crate: Path) -> None:
    """Start the crate's Cargo.lock from the runtime's, so every build resolves the same versions
    of the transitive dependencies (repeatable builds, no registry lookup when they are present)."""
    lock, runtime_lock = crate / "Cargo.lock", cache.RUNTIME_SOURCE / "Cargo.lock"
    if not lock.exists() and runtime_lock.exists():
        shutil.copyfile(runtime_lock, lock)


def _replay(info: Mapping[str, Any], report: Report) -> None:
    compiled = info.get("compiled", [])
    report(f"{info.get('module')}: {len(compiled)} function(s) compiled to Rust")
    for name, reason in info.get("kept_in_python", []):
        report(f"{info.get('module')}: '{name}' stays Python: {reason}")


def _evict_quietly(root: Path, report: Report) -> None:
    try:
        removed = cache.evict(root)
    except OSError as exc:
        report(f"warning: cache eviction failed: {exc}")
        return
    if removed:
        report(f"removed {len(removed)} unused cache entr{'y' if len(removed) == 1 else 'ies'}")
