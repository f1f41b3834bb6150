"""The whole pipeline for one module: source -> typed IR -> passes -> Rust crate."""

from __future__ import annotations

from pathlib import Path

from pyrs_build.frontend import lower_module
from pyrs_build.ir import nodes as ir
from pyrs_build.passes.elementwise import lift_elementwise_functions
from pyrs_build.passes.fusion import fuse_module
from pyrs_build.rustgen import write_crate


def compile_to_ir(name: str, path: Path, stub: Path | None = None, on_unsupported: str = "error") -> ir.Module:
    """Frontend and passes; raises DiagnosticError with every problem found."""
    return fuse_module(lift_elementwise_functions(lower_module(name, path, stub, on_unsupported)))


def transpile(name: str, path: Path, crate_dir: Path, runtime_dir: Path, stub: Path | None = None,
              on_mismatch: str = "python", on_unsupported: str = "error") -> ir.Module:
    """Write the crate of module `name` into `crate_dir`."""
    module = compile_to_ir(name, path, stub, on_unsupported)
    write_crate(module, crate_dir, runtime_dir, on_mismatch)
    return module
