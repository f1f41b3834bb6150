"""Classify each source line of a module (native / python / refused) and collect its Rust.

The module is lowered with on-unsupported = "python" so one report shows everything: functions
that compile, those that would stay Python, and the line that stops each of the latter. The Rust
comes from the crate's lib.rs generated with line markers (rustgen's annotate mode), rustfmt'ed as
in a build, then cut at the markers."""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pyrs_build.diagnostics import Diagnostic, DiagnosticError
from pyrs_build.ir.walk import python_calls
from pyrs_build.pipeline import compile_to_ir
from pyrs_build.rustgen.crate import rustfmt
from pyrs_build.rustgen.function import END_MARKER, LINE_MARKER
from pyrs_build.rustgen.module import emit_module


@dataclass
class SourceLine:
    number: int
    text: str
    status: str = "module"  # native | python | refused | module (top-level code, run by Python)
    function: str | None = None
    rust: list[str] = field(default_factory=list)  # Rust written for this line (several chunks possible)
    reasons: list[Diagnostic] = field(default_factory=list)
    python_calls: list[str] = field(default_factory=list)  # functions that stay Python, called from here


@dataclass
class AnnotatedModule:
    name: str
    path: str
    policy: str  # the module's on-unsupported setting: what a build does with the refused functions
    lines: list[SourceLine]
    compiled: list[str]
    kept: dict[str, Diagnostic]
    problems: list[Diagnostic]  # module-level errors: nothing compiles

    def count(self, status: str) -> int:
        return sum(line.status == status for line in self.lines)


def annotate_module(name: str, path: Path, stub: Path | None = None, policy: str = "error",
                    on_mismatch: str = "python") -> AnnotatedModule:
    source = path.read_text(encoding="utf-8")
    lines = [SourceLine(n, text) for n, text in enumerate(source.splitlines(), start=1)]
    result = AnnotatedModule(name, str(path), policy, lines, [], {}, [])
    try:
        module = compile_to_ir(name, path, stub, "python")
    except DiagnosticError as exc:
        result.problems = exc.diagnostics
        _mark_functions(result, source, set())
        _mark_reasons(result, exc.diagnostics, str(path))
        return result
    result.compiled = [f.name for f in module.functions if f.exported]
    result.kept = {n: r for n, r in module.kept_in_python.items() if isinstance(r, Diagnostic)}
    _mark_functions(result, source, set(result.compiled))
    _mark_reasons(result, list(result.kept.values()), str(path))
    _mark_reasons(result, [d for more in module.more_reasons.values() for d in more if isinstance(d, Diagnostic)],
                  str(path))
    for function in module.functions:
        for call in python_calls(function.body):
            if 1 <= call.loc.line <= len(lines) and call.func not in lines[call.loc.line - 1].python_calls:
                lines[call.loc.line - 1].python_calls.append(call.func)
    for line, chunk in rust_by_line(rustfmt(emit_module(module, path.name, on_mismatch, markers=True))):
        if 1 <= line <= len(lines):
            lines[line - 1].rust.append(chunk)
    return result


def _mark_functions(result: AnnotatedModule, source: str, compiled: set[str]) -> None:
    """Lines of a compiled function are native, of any other function python."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            status = "native" if node.name in compiled else "python"
            for line in result.lines[first - 1:node.end_lineno or node.lineno]:
                line.status, line.function = status, node.name


def _mark_reasons(result: AnnotatedModule, reasons: list[Diagnostic], path: str) -> None:
    for reason in reasons:
        if reason.path == path and 1 <= reason.line <= len(result.lines):
            line = result.lines[reason.line - 1]
            line.status = "refused"
            line.reasons.append(reason)


def rust_by_line(code: str) -> list[tuple[int, str]]:
    """(source line, Rust) chunks of a lib.rs written with markers; code outside markers is dropped."""
    chunks: dict[tuple[int, int], list[str]] = defaultdict(list)
    order: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for text in code.splitlines():
        stripped = text.strip()
        if stripped.startswith(LINE_MARKER.strip()):
            current = (int(stripped.split()[-1]), len(order))
            order.append(current)
        elif stripped == END_MARKER:
            current = None
        elif current is not None:
            chunks[current].append(text)
    found = [(key[0], _dedent("\n".join(_without_closing(chunks[key])))) for key in order]
    return [(line, chunk) for line, chunk in found if chunk.strip()]


def _without_closing(lines: list[str]) -> list[str]:
    """Drop the closing braces of enclosing blocks that trail a statement's chunk."""
    while lines and lines[-1].strip() in ("}", "} else {", "};"):
        lines = lines[:-1]
    return lines


def _dedent(text: str) -> str:
    lines = text.splitlines()
    indent = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
    return "\n".join(x[indent:] for x in lines)
