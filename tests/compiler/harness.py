"""Compile a module with the real pipeline and real cargo, and import the extension beside the
original: the pieces the compiler tests share."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from pyrs_build.cargo import cache
from pyrs_build.cargo.build import build_crate
from pyrs_build.ir import nodes as ir
from pyrs_build.pipeline import transpile

EXT_SUFFIX = sysconfig.get_config_var("EXT_SUFFIX")


@dataclass
class Compiled:
    ir: ir.Module
    compiled: ModuleType  # the extension module
    original: ModuleType  # the same source run by CPython


def compile_and_import(source: Path, workdir: Path, on_mismatch: str = "python",
                       on_unsupported: str = "error") -> Compiled:
    """Transpile `source`, cargo-build it, import the extension as `<stem>` from `workdir`."""
    stem = source.stem
    root = cache.cache_root()
    crate = cache.crate_dir(root, f"tests.{stem}.{on_mismatch}.{on_unsupported}", source.parent)
    module_ir = transpile(stem, source, crate, cache.runtime_dir(root), _stub(source), on_mismatch, on_unsupported)
    library = build_crate(crate, cache.target_dir(root))
    workdir.mkdir(parents=True, exist_ok=True)
    shutil.copy(library, workdir / f"{stem}{EXT_SUFFIX}")
    shutil.copy(source, workdir / source.name)
    return Compiled(module_ir, import_file(stem, workdir / f"{stem}{EXT_SUFFIX}"),
                    import_file(f"original_{stem}_{on_mismatch}", source))


def _stub(source: Path) -> Path | None:
    stub = source.with_suffix(".pyi")
    return stub if stub.exists() else None


def import_file(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
