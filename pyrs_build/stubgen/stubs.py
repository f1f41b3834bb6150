"""Write a module's `.pyi` from the observed calls, merged with the stub already beside it.

Generated entries carry a `# pyrs-build stubgen:` comment; a function in the stub without it is
hand-written and kept as it is unless `force`. Other statements (imports, aliases) are kept."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

from pyrs_build.stubgen.annotate import parameter_annotation, return_annotation, type_name
from pyrs_build.stubgen.run import Observed

MARKER = "# pyrs-build stubgen:"
HEADER = '"""Stubs written by `pyrs-build stubgen` from the types a real run passed; see the comments."""'


@dataclass
class StubReport:
    """What was written for one module, for the command's output."""

    path: Path
    written: list[str] = field(default_factory=list)  # functions with generated signatures
    left_out: dict[str, str] = field(default_factory=dict)  # function -> why
    kept: list[str] = field(default_factory=list)  # hand-written entries kept


def write_stub(source: Path, observed: dict[str, Observed], force: bool = False, max_overloads: int = 4
               ) -> StubReport:
    stub = source.with_suffix(".pyi")
    report = StubReport(stub)
    functions = [n for n in ast.parse(source.read_text(encoding="utf-8")).body if isinstance(n, ast.FunctionDef)]
    existing = _ExistingStub.read(stub)
    blocks: list[str] = []
    for node in functions:
        hand_written = existing.functions.get(node.name)
        if hand_written is not None and not hand_written[1] and not force:
            blocks.append(hand_written[0])
            report.kept.append(node.name)
        elif node.name in observed:
            block, why = function_block(node, observed[node.name], max_overloads)
            blocks.append(block)
            if why:
                report.left_out[node.name] = why
            else:
                report.written.append(node.name)
        elif hand_written is not None:
            blocks.append(hand_written[0])
    if not report.written and not report.left_out:
        return report  # nothing new: the file stays as it is
    text = "\n".join([HEADER, "", *_imports(existing.other, "\n".join(blocks)), "", "", *[b + "\n" for b in blocks]])
    stub.write_text(text.rstrip() + "\n", encoding="utf-8")
    return report


def function_block(node: ast.FunctionDef, observed: Observed, max_overloads: int) -> tuple[str, str | None]:
    """The stub entries of one function, and why it was left out (None when it was not)."""
    total = sum(sum(r.values()) for r in observed.calls.values())
    usable: list[tuple[int, list[str], str | None]] = []  # (calls, parameter annotations, return annotation)
    others: dict[str, int] = {}  # argument types with no fast path -> calls
    for args, returned in observed.calls.items():
        count = sum(returned.values())
        annotations = [parameter_annotation(a) for a in args]
        if all(annotations) and len(args) == len(_params(node)):
            usable.append((count, annotations, _single_return(returned)))  # type: ignore[arg-type]
        else:
            for name, arg, annotation in zip(observed.params, args, annotations):
                if annotation is None:
                    key = f"'{name}': {type_name(arg)}"
                    others[key] = others.get(key, 0) + count
    seen = _most_common(others)
    if node.args.vararg or node.args.kwarg:
        return f"{MARKER} '{node.name}' left out: *args/**kwargs parameters are not compiled", "*args/**kwargs"
    if not usable:
        why = f"its arguments were only ever {seen}, which the compiler has no fast path for; calls keep running Python"
        return f"{MARKER} '{node.name}' left out ({_calls(total)}): {why}", why
    usable.sort(key=lambda u: -u[0])
    kept, dropped = usable[:max_overloads], usable[max_overloads:]
    comment = f"{MARKER} {len(kept)} signature(s) from {_calls(total)}"
    if dropped:
        comment += f"; {len(dropped)} rarer signature(s) left out ({_calls(sum(d[0] for d in dropped))} run Python)"
    if others:
        comment += f"; these run Python: {seen}"
    lines = [comment]
    for count, annotations, returns in kept:
        if len(kept) > 1:
            lines.append("@overload")
        lines.append(_def_line(node, annotations, returns))
    return "\n".join(lines), None


def _most_common(others: dict[str, int], shown: int = 4) -> str:
    ranked = sorted(others.items(), key=lambda kv: -kv[1])
    text = ", ".join(f"{k} ({_calls(n)})" for k, n in ranked[:shown])
    return text + (f" and {len(ranked) - shown} more" if len(ranked) > shown else "")


def _calls(count: int) -> str:
    return f"{count} call{'s' * (count != 1)}"


def _single_return(returned: dict[str, int]) -> str | None:
    """The return annotation when every call returned the same kind (None returns are ignored:
    the tracer cannot tell them from exceptions)."""
    kinds = {return_annotation(r) for r in returned if r != '"NoneType"'}
    return kinds.pop() if len(kinds) == 1 else None


def _params(node: ast.FunctionDef) -> list[ast.arg]:
    return node.args.posonlyargs + node.args.args + node.args.kwonlyargs


def _def_line(node: ast.FunctionDef, annotations: list[str], returns: str | None) -> str:
    args = node.args
    positional = args.posonlyargs + args.args
    defaults = [False] * (len(positional) - len(args.defaults)) + [True] * len(args.defaults)
    defaults += [d is not None for d in args.kw_defaults]
    parts: list[str] = []
    for index, (arg, annotation, has_default) in enumerate(zip(_params(node), annotations, defaults)):
        if index == len(positional) and args.kwonlyargs:
            parts.append("*")
        parts.append(f"{arg.arg}: {annotation}{' = ...' if has_default else ''}")
        if args.posonlyargs and index == len(args.posonlyargs) - 1:
            parts.append("/")
    arrow = f" -> {returns}" if returns else ""
    return f"def {node.name}({', '.join(parts)}){arrow}: ..."


def _imports(other: list[str], body: str) -> list[str]:
    """The stub's own statements, plus the imports the generated entries need."""
    needed = []
    if "@overload" in body and not any("overload" in line and "import" in line for line in other):
        needed.append("from typing import overload")
    if "np." in body and "import numpy as np" not in other:
        needed.append("import numpy as np")
    return [line for line in other if line != HEADER] + needed


@dataclass
class _ExistingStub:
    functions: dict[str, tuple[str, bool]]  # name -> (text, generated)
    other: list[str]  # the other top-level statements, as written

    @classmethod
    def read(cls, path: Path) -> _ExistingStub:
        if not path.is_file():
            return cls({}, [])
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        functions: dict[str, tuple[str, bool]] = {}
        other: list[str] = []
        for node in ast.parse(text).body:
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])]) - 1
            segment = lines[start:node.end_lineno]
            if isinstance(node, ast.FunctionDef):
                comments = _comments_above(lines, start)
                previous = functions.get(node.name)
                if previous is not None:
                    functions[node.name] = (previous[0] + "\n" + "\n".join(segment), previous[1])
                else:
                    generated = any(line.startswith(MARKER) for line in comments)
                    functions[node.name] = ("\n".join(comments + segment), generated)
            elif not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):  # not a docstring
                other.append("\n".join(segment))
        return cls(functions, other)


def _comments_above(lines: list[str], start: int) -> list[str]:
    found: list[str] = []
    index = start - 1
    while index >= 0 and lines[index].startswith("#"):
        found.insert(0, lines[index])
        index -= 1
    return found
