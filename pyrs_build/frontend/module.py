"""Lower a whole module: parse source and stub, fold constants, type signatures, lower every function."""

from __future__ import annotations

import ast
import dataclasses
import types
from pathlib import Path

from pyrs_build.diagnostics import Diagnostic, DiagnosticError
from pyrs_build.frontend.annotations import annotation_type
from pyrs_build.frontend.constants import fold_constants
from pyrs_build.frontend.errors import Unsupported
from pyrs_build.frontend.imports import ImportTable
from pyrs_build.frontend.lower import FunctionLowering
from pyrs_build.frontend.scope import ModuleContext, Signature, loc
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.types import BOOL, FLOAT, INT, Array, OptionalType, Type


def lower_module(name: str, path: Path, stub_path: Path | None = None, on_unsupported: str = "error") -> ir.Module:
    """The typed IR of module `name` read from `path`; DiagnosticError listing every problem found.
    With `on_unsupported="python"`, functions that cannot be compiled (and the functions calling
    them) stay Python and are listed in `kept_in_python` with the reason."""
    source = _read(path)
    tree = _parse(source, path)
    stub_tree = _parse(_read(stub_path), stub_path) if stub_path is not None else None
    return _ModuleLowering(name, str(path), source, tree, stub_tree, str(stub_path or ""), on_unsupported).run()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DiagnosticError([Diagnostic(str(path), 0, 0, f"cannot read module source: {exc}")]) from exc


def _parse(source: str, path: Path) -> ast.Module:
    try:
        return ast.parse(source, filename=str(path))
    except SyntaxError as exc:
        raise DiagnosticError([Diagnostic(str(path), exc.lineno or 0, exc.offset or 0,
                                          f"syntax error: {exc.msg}")]) from exc


class _ModuleLowering:
    def __init__(self, name: str, path: str, source: str, tree: ast.Module, stub: ast.Module | None,
                 stub_path: str, on_unsupported: str = "error") -> None:
        self.name, self.path, self.source, self.tree = name, path, source, tree
        self.on_unsupported = on_unsupported
        self.stub, self.stub_path = stub, stub_path
        self.imports = ImportTable.from_module(tree)
        self.problems: list[Diagnostic] = []  # problems of the module as a whole
        self.failed: dict[str, Diagnostic] = {}  # functions that cannot be compiled, with the first reason
        self.more_reasons: dict[str, list[Diagnostic]] = {}  # their other refusals
        self.lowered: dict[str, ir.Function] = {}
        self.in_progress: set[str] = set()
        self.constants = self.fold()
        self.overloads: dict[str, list[tuple[int, Signature]]] = {}  # further `@overload` signatures of the stub, in order
        self.signatures = self.collect_signatures()
        self.specialized: dict[tuple[str, tuple[Type, ...]], ir.Function | None] = {}
        self.ctx = ModuleContext(path, self.imports, self.constants, self.signatures, self.return_type_of,
                                 _docstrings(source, path), self.specialize, self.writes_arguments,
                                 self.stays_python)

    def run(self) -> ir.Module:
        on_unsupported = self.on_unsupported
        for name in self.signatures:
            self.lower_function(name)
        self.fail_callers_of_failed()
        more = [d for reasons in self.more_reasons.values() for d in reasons]
        variants = self.lower_overloads()
        if self.problems or (self.failed and on_unsupported == "error"):
            problems = self.problems + list(self.failed.values()) + more
            raise DiagnosticError(sorted(set(problems), key=lambda d: (d.path, d.line, d.col)))
        functions = [f for n, f in self.lowered.items() if n not in self.failed]
        if not functions:
            reasons = list(self.failed.values())
            raise DiagnosticError([Diagnostic(self.path, 0, 0, f"no function of '{self.name}' can be compiled",
                                              "see the reasons below, or remove the module from [tool.pyrs-build]")]
                                  + sorted(reasons + more, key=lambda d: (d.line, d.col)))
        functions += variants + [f for f in self.specialized.values() if f is not None]
        module = ir.Module(self.name, self.path, self.source, functions, list(self.constants.values()))
        module.kept_in_python = dict(self.failed)
        module.more_reasons = {n: list(r) for n, r in self.more_reasons.items() if n in self.failed and r}
        return module

    def fail_callers_of_failed(self) -> None:
        """A function compiled for a call of one that stays Python (not through the interpreter)
        stays Python too."""
        changed = True
        while changed:
            changed = False
            for name, function in self.lowered.items():
                if name in self.failed:
                    continue
                callee = next((c for c in _called(function) if c in self.failed), None)
                if callee is not None:
                    self.failed[name] = Diagnostic(self.path, function.loc.line, function.loc.col,
                                                   f"'{name}' calls '{callee}', which stays Python",
                                                   f"make '{callee}' compile")
                    changed = True

    def fold(self) -> dict[str, ir.Constant]:
        types: dict[type, Type] = {bool: BOOL, int: INT, float: FLOAT}
        return {name: ir.Constant(name, value, types[type(value)])
                for name, value in fold_constants(self.tree, self.imports).items()}

    # ---- signatures -----------------------------------------------------------------------------

    def collect_signatures(self) -> dict[str, Signature]:
        stub_defs = self.stub_functions()
        signatures: dict[str, Signature] = {}
        functions = [n for n in self.tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        if not functions:
            self.problems.append(Diagnostic(self.path, 0, 0, f"module '{self.name}' defines no function to compile",
                                            "list modules that define typed functions"))
        for node in functions:
            stubs: list[ast.FunctionDef | None] = list(stub_defs.get(node.name, [None]))
            for index, stub in enumerate(stubs, start=1):
                key = node.name if index == 1 else f"{node.name} (overload {index})"
                try:
                    sig = self.signature(node, stub)
                except Unsupported as exc:
                    path = self.stub_path if exc.node in _nodes(stub_defs) else self.path
                    self.failed[key] = exc.diagnostic(path)
                    if index == 1:
                        break
                    continue
                if index == 1:
                    signatures[node.name] = sig
                else:
                    self.overloads.setdefault(node.name, []).append((index, sig))
        return signatures

    def stub_functions(self) -> dict[str, list[ast.FunctionDef]]:
        """The stub's signatures of each function: its `@overload` entries in order, else its one `def`."""
        if self.stub is None:
            return {}
        grouped: dict[str, list[ast.FunctionDef]] = {}
        for node in self.stub.body:
            if isinstance(node, ast.FunctionDef):
                grouped.setdefault(node.name, []).append(node)
        return {name: [d for d in defs if _is_overload(d)] or defs[-1:] for name, defs in grouped.items()}

    def lower_overloads(self) -> list[ir.Function]:
        """Each further `@overload` of a compiled function is compiled as a copy that the Python-facing
        function tries in order after its first signature. One that cannot compile is left out."""
        variants: list[ir.Function] = []
        for name, signatures in self.overloads.items():
            primary = self.lowered.get(name)
            if primary is None or name in self.failed:
                continue
            for index, sig in signatures:
                copy = Signature(f"{name}$overload{index}", sig.params, sig.declared_return, sig.node)
                try:
                    function = FunctionLowering(self.ctx, copy).lower()
                except Unsupported as exc:
                    self.failed[f"{name} (overload {index})"] = exc.diagnostic(self.path)
                    continue
                callee = next((c for c in _called(function) if c in self.failed), None)
                if callee is not None:
                    self.failed[f"{name} (overload {index})"] = Diagnostic(
                        self.path, function.loc.line, function.loc.col, f"calls '{callee}', which stays Python")
                    continue
                function.name, function.exported = copy.name, False
                primary.variants.append(function.name)
                variants.append(function)
        return variants

    def signature(self, node: ast.FunctionDef | ast.AsyncFunctionDef, stub: ast.FunctionDef | None) -> Signature:
        if isinstance(node, ast.AsyncFunctionDef):
            raise Unsupported(node, "async functions are not supported", "keep them in a module that is not compiled")
        if node.decorator_list:
            raise Unsupported(node.decorator_list[0], "decorated functions are not supported yet",
                              "move the function to a module that is not compiled")
        args = node.args
        if args.vararg or args.kwarg:
            raise Unsupported(args.vararg or args.kwarg, "'*args'/'**kwargs' parameters are not supported yet",
                              "name each parameter with its type, e.g. def f(x: float, y: float)")
        typed_args, returns, imports = self.annotations_from(node, stub)
        params: list[ir.Param] = []
        ordered = [(a, "positional_only") for a in args.posonlyargs] + [(a, "normal") for a in args.args]
        defaults = [None] * (len(ordered) - len(args.defaults)) + list(args.defaults)
        keyword = list(zip(args.kwonlyargs, ["keyword_only"] * len(args.kwonlyargs)))
        for (arg, kind), default in zip(ordered + keyword, defaults + list(args.kw_defaults)):
            annotation = typed_args.get(arg.arg)
            if annotation is None:
                raise Unsupported(arg, f"parameter '{arg.arg}' of '{node.name}' has no type annotation",
                                  f"annotate it (e.g. '{arg.arg}: float') or add a .pyi stub beside the module")
            typ = annotation_type(annotation, imports)
            if isinstance(typ, Array) and typ.ndim is None:
                typ = Array(typ.dtype, _ndim_from_indexing(node, arg.arg))
            params.append(ir.Param(arg.arg, typ, kind, self.default_value(default, typ), _source(default)))
        declared = annotation_type(returns, imports) if returns is not None else None
        return Signature(node.name, params, declared, node)  # type: ignore[arg-type]

    def annotations_from(self, node: ast.FunctionDef | ast.AsyncFunctionDef, stub: ast.FunctionDef | None
                         ) -> tuple[dict[str, ast.expr], ast.expr | None, ImportTable]:
        """Parameter annotations from the stub when there is one, else from the source."""
        source_args = _all_args(node.args)
        if stub is None:
            return {a.arg: a.annotation for a in source_args if a.annotation}, node.returns, self.imports
        stub_args = _all_args(stub.args)
        if [a.arg for a in stub_args] != [a.arg for a in source_args]:
            raise Unsupported(stub, f"stub of '{node.name}' has parameters ({', '.join(a.arg for a in stub_args)}) "
                              f"but the source has ({', '.join(a.arg for a in source_args)})",
                              "make the stub's parameters match the function")
        stub_imports = ImportTable.from_module(self.stub)  # type: ignore[arg-type]
        return {a.arg: a.annotation for a in stub_args if a.annotation}, stub.returns, stub_imports

    def default_value(self, default: ast.expr | None, typ: Type) -> ir.Const | ir.GlobalConst | None:
        """The default as an IR constant for calls inside the module (None: not a constant)."""
        if default is None:
            return None
        value: object = None
        if isinstance(default, ast.Constant):
            value = default.value
        elif isinstance(default, ast.UnaryOp) and isinstance(default.op, ast.USub) \
                and isinstance(default.operand, ast.Constant):
            value = -default.operand.value  # type: ignore[operator]
        elif isinstance(default, ast.Name) and default.id in self.constants:
            const = self.constants[default.id]
            return ir.GlobalConst(const.name, const.type, loc(default)) if const.type == typ else None
        kinds: dict[type, Type] = {bool: BOOL, int: INT, float: FLOAT}
        if isinstance(typ, OptionalType) and isinstance(default, ast.Constant) and value is None:
            return ir.Const(None, typ, loc(default))
        if type(value) in kinds and kinds[type(value)] == typ:
            return ir.Const(value, typ, loc(default))  # type: ignore[arg-type]
        return None

    # ---- functions ------------------------------------------------------------------------------

    def lower_function(self, name: str) -> ir.Function | None:
        if name in self.lowered:
            return self.lowered[name]
        self.in_progress.add(name)
        try:
            function = FunctionLowering(self.ctx, self.signatures[name]).lower()
        except Unsupported as exc:
            self.failed[name], *self.more_reasons[name] = exc.diagnostics(self.path)
            return None
        finally:
            self.in_progress.discard(name)
        self.lowered[name] = function
        return function

    def specialize(self, name: str, arg_types: list[Type], call: ast.AST) -> tuple[str, Type]:
        """A copy of `name` lowered with these parameter types (annotations do not convert values)."""
        key = (name, tuple(arg_types))
        if key in self.specialized:
            done = self.specialized[key]
            if done is None:
                raise Unsupported(call, f"'{name}' calls itself with other argument types", "")
            return done.name, done.return_type
        self.specialized[key] = None
        sig = self.signatures[name]
        params = [dataclasses.replace(p, type=t, default=None) for p, t in zip(sig.params, arg_types)]
        suffix = "_".join(_type_code(t) for t in arg_types)
        copy = Signature(f"{name}${suffix}", params, None, sig.node)  # `$`: no Python name (rustgen/names.py)
        try:
            function = FunctionLowering(self.ctx, copy).lower()
        except Unsupported as exc:
            types = ", ".join(map(str, arg_types))
            raise Unsupported(call, f"'{name}' cannot be compiled for the argument types ({types}) of this call: "
                              f"{exc.message}", "pass the annotated types (e.g. 1.0 rather than 1)") from None
        function.name, function.exported = copy.name, False
        self.specialized[key] = function
        return function.name, function.return_type

    def stays_python(self, name: str) -> bool:
        """With on-unsupported = "python": `name` cannot be compiled, so compiled callers call it
        through the interpreter."""
        if self.on_unsupported != "python" or name in self.in_progress:
            return False
        self.lower_function(name)
        return name in self.failed

    def writes_arguments(self, name: str) -> bool:
        function = self.lowered.get(name) or (self.lower_function(name) if name not in self.in_progress else None)
        return bool(function and function.written)

    def return_type_of(self, name: str, call: ast.AST) -> Type:
        sig = self.signatures[name]
        if name in self.in_progress:
            if sig.declared_return is not None:
                return sig.declared_return
            raise Unsupported(call, f"'{name}' is recursive and has no return annotation",
                              f"annotate the return type of '{name}'")
        function = self.lower_function(name)
        if function is None:
            raise Unsupported(call, f"calls '{name}', which cannot be compiled (see its own error)",
                              f"make '{name}' compile, or keep both in Python (on-unsupported = \"python\")")
        return function.return_type


def _is_overload(node: ast.FunctionDef) -> bool:
    return any((isinstance(d, ast.Name) and d.id == "overload") or (isinstance(d, ast.Attribute) and d.attr == "overload")
               for d in node.decorator_list)


def _docstrings(source: str, path: str) -> dict[str, str | None]:
    """`__doc__` of each top-level function exactly as the running interpreter makes it (3.13
    strips indentation at compile time): compiled, and wrapped in function objects, never run."""
    code = compile(source, path, "exec", dont_inherit=True)
    return {const.co_name: types.FunctionType(const, {}).__doc__
            for const in code.co_consts if isinstance(const, types.CodeType) and not const.co_freevars}


def _ndim_from_indexing(function: ast.AST, name: str) -> int | None:
    """The ndim an array parameter annotated without one must have for its indexing to read single
    elements (`x[i, j]` -> 2) or its shape to unpack (`n, m = x.shape` -> 2). The compiled function
    is for that ndim; calls with other arrays run the original (the argument check compares ndim),
    so nothing changes for them."""
    counts: set[int] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == name:
            entries = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            if not any(isinstance(e, ast.Slice) or (isinstance(e, ast.Constant) and e.value in (None, Ellipsis))
                       for e in entries):
                counts.add(len(entries))
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Tuple) \
                and not any(isinstance(t, ast.Starred) for t in node.targets[0].elts) \
                and isinstance(node.value, ast.Attribute) and node.value.attr == "shape" \
                and isinstance(node.value.value, ast.Name) and node.value.value.id == name:
            counts.add(len(node.targets[0].elts))
    return counts.pop() if len(counts) == 1 else None


def _called(function: ir.Function) -> set[str]:
    """Names of the module functions `function` calls (compiled calls, not per-element ones)."""
    found: set[str] = set()

    def visit(value: object) -> None:
        if isinstance(value, ir.Call) and not value.element and not value.python:
            found.add(value.func)
        if isinstance(value, list):
            for item in value:
                visit(item)
        elif isinstance(value, tuple):
            for item in value:
                visit(item)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                if field.name not in ("type", "loc"):
                    visit(getattr(value, field.name))

    visit(function.body)
    return found


def _type_code(typ: Type) -> str:
    """A short name part for a type, in the names of specialised copies."""
    if isinstance(typ, Array):
        return f"{typ.dtype}{'' if typ.ndim is None else typ.ndim}d"
    return str(typ).replace("numpy.", "np").replace(" | ", "_or_").replace("[", "").replace("]", "").replace(
        ", ", "_").replace("float64", "f64")


def _all_args(args: ast.arguments) -> list[ast.arg]:
    return list(args.posonlyargs) + list(args.args) + list(args.kwonlyargs)


def _source(node: ast.expr | None) -> str | None:
    return ast.unparse(node) if node is not None else None


def _nodes(defs: dict[str, list[ast.FunctionDef]]) -> set[ast.AST]:
    return {n for group in defs.values() for d in group for n in ast.walk(d)}
