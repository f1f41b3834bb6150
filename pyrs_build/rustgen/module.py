"""A whole module -> `src/lib.rs`."""

from __future__ import annotations

from pyrs_build.ir import nodes as ir
from pyrs_build.ir.walk import calls_python, recursive_functions
from pyrs_build.ir.types import Type
from pyrs_build.rustgen.expr import float_literal
from pyrs_build.rustgen.function import emit_function, emit_wrapper
from pyrs_build.rustgen.names import rust_ident, rust_string
from pyrs_build.rustgen.types import rust_type

_PRELUDE = """\
#![forbid(unsafe_code)]
#![allow(non_snake_case, non_upper_case_globals, unused_mut, unused_variables, unused_imports, unused_assignments,
         unreachable_code, unused_labels, clippy::all)]

use pyrs_runtime as pyrs;
use pyrs_runtime::ndarray::{Array, ArrayD, ArrayView, ArrayViewD, ArrayViewMut, ArrayViewMutD, Ix0, Ix1, Ix2, Ix3, Ix4, Ix5, Ix6, IxDyn};
use pyo3::prelude::*;
use pyo3::PyResult;
use std::cmp::Ordering;
"""


def emit_module(module: ir.Module, source_file: str, on_mismatch: str, markers: bool = False) -> str:
    """`src/lib.rs`; with `markers`, comments tie each statement's Rust to its source line (annotate)."""
    short = module.name.rsplit(".", 1)[-1]
    exported = [f for f in module.functions if f.exported]
    compiled = ", ".join(rust_string(f.name) for f in exported)
    mismatch = "CallPython" if on_mismatch == "python" else "RaiseTypeError"
    recursive = recursive_functions(module.functions)
    parts = [
        f"//! `{module.name}`, compiled by pyrs-build from `{source_file}`.\n//! Generated code: edit the Python source.",
        _PRELUDE,
        "\n".join(_constant(c) for c in module.constants),
        "\n\n".join(emit_function(f, element=True, markers=markers) for f in module.element_functions.values()),
        "\n\n".join(emit_function(f, signatures=_parameter_types(module), markers=markers,
                                 recursive=f.name in recursive)
                   for f in module.functions),
        "/// The Python-facing functions: bind arguments, check types, convert results.\nmod python {\n"
        "use super::{ON_MISMATCH, ORIGINALS};\n"
        "use pyrs_runtime as pyrs;\n"
        "use pyrs_runtime::ndarray::{Ix0, Ix1, Ix2, Ix3, Ix4, Ix5, Ix6};\n"
        "use pyrs_runtime::boundary::*;\n"
        "use pyo3::prelude::*;\n"
        "use pyo3::types::{PyDict, PyTuple};\n\n"
        + "\n\n".join(emit_wrapper(f, [module.function(v) for v in f.variants], markers, bool(recursive))
                      for f in exported)
        + "\n}",
        "static NAMESPACE: pyrs::python_calls::Namespace = pyrs::python_calls::Namespace::new();"
        if calls_python(module) else "",
        "static ORIGINALS: pyrs::boundary::Originals = pyrs::boundary::Originals::new();\n"
        f"const ON_MISMATCH: pyrs::boundary::OnMismatch = pyrs::boundary::OnMismatch::{mismatch};\n"
        f'const SOURCE: &str = include_str!("{source_file}");',
        f"#[pymodule]\n#[pyo3(name = {rust_string(short)})]\n"
        "fn pyrs_module_init(module: &Bound<'_, PyModule>) -> PyResult<()> {\n"
        f"pyrs::boundary::exec_original(module, SOURCE, {rust_string(short + '.py')}, &[{compiled}], &ORIGINALS)?;\n"
        + ("NAMESPACE.set(module);\n" if calls_python(module) else "")
        # setattr, not add_function: that would create or extend `__all__`, changing `import *`
        + "".join(f"module.setattr({rust_string(f.name)}, wrap_pyfunction!(python::{rust_ident(f.name)}, module)?)?;\n"
                  for f in exported)
        + "Ok(())\n}",
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


def _parameter_types(module: ir.Module) -> dict[str, list[Type]]:
    return {f.name: [p.type for p in f.params] for f in module.functions}


def _constant(constant: ir.Constant) -> str:
    value = constant.value
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float):
        text = float_literal(value)
    else:
        text = str(value)
    return f"const {rust_ident(constant.name)}: {rust_type(constant.type)} = {text};"
