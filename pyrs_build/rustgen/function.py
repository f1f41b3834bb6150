"""One Python function -> a plain Rust function (the compiled body) and its Python-facing wrapper."""

from __future__ import annotations

from collections import Counter
from typing import Callable, Sequence

from pyrs_build.ir import nodes as ir
from pyrs_build.ir.walk import breaks_out, has_loop, is_true, may_deopt, nodes
from pyrs_build.ir.types import Array, ListType, NoneType, OptionalType, Scalar, TupleType, Type
from pyrs_build.rustgen.expr import ExprEmitter
from pyrs_build.rustgen.names import element_function_name, rust_ident, rust_string
from pyrs_build.rustgen.types import dimension, element_type, rust_type, to_python

_KINDS = {"positional_only": "PositionalOnly", "normal": "Normal", "keyword_only": "KeywordOnly"}
# `pyrs-build annotate` asks for these comments to map source lines to the Rust written for them
LINE_MARKER, END_MARKER = "// pyrs-source-line ", "// pyrs-source-end"


# ---- the compiled body --------------------------------------------------------------------------


def emit_function(function: ir.Function, element: bool = False,
                  signatures: dict[str, list[Type]] | None = None, markers: bool = False,
                  recursive: bool = False) -> str:
    """The compiled function; with `element`, the per-element form of an elementwise function
    (scalars in, scalars out, no error path)."""
    assigned = Counter(_assigned_names(function.body))
    nested = _declared_before_use(function.body)
    params = {p.name for p in function.params}
    views = {p.name for p in function.params if isinstance(p.type, (Array, ListType)) and p.name not in assigned}
    exprs = ExprEmitter(views=views, element_tuples=element, signatures=signatures or {})
    emitter = _BodyEmitter(exprs, function, assigned, nested, wrap_ok=not element, markers=markers)
    result = rust_type(function.return_type)
    if element and isinstance(function.return_type, TupleType):  # outputs of one loop: `[T; M]`
        result = f"[{rust_type(function.return_type.items[0])}; {len(function.return_type.items)}]"
    name = element_function_name(function.name) if element else rust_ident(function.name)
    lines = [f"{LINE_MARKER}{function.loc.line}"] if markers else []
    # inlined into each SIMD copy of the loops calling it (see runtime/src/simd.rs)
    lines += ["#[inline(always)]"] if element else []
    lines.append(f"pub fn {name}({emitter.parameters()}) -> {result if element else f'PyResult<{result}>'} {{")
    lines += emitter.prologue(params)
    if recursive and not element:  # Python's recursion limit, not a stack overflow (runtime/src/recursion.rs)
        lines.append("let _depth = pyrs::recursion::enter()?;")
    lines += emitter.block(function.body, top=True)
    if _falls_through(function.body):
        lines.append("Ok(())")
    lines += ["}", END_MARKER] if markers else ["}"]
    return "\n".join(lines)




def _assigned_names(body: list[ir.Stmt], nested_only: bool = False, depth: int = 0, writes: bool = True
                    ) -> list[str]:
    """Assignment targets (loop targets count twice: they are rebound every iteration); with
    `writes`, arrays written into count too (they need `mut` as well)."""
    names: list[str] = []
    for stmt in body:
        if isinstance(stmt, ir.Assign) and (depth > 0 or not nested_only):
            names.append(stmt.target)
        elif isinstance(stmt, ir.ForRange):
            names += [stmt.target, stmt.target]
        elif isinstance(stmt, (ir.SetItem, ir.SetSlice, ir.SetMask)) and writes:
            names += [stmt.target, stmt.target]
        elif isinstance(stmt, ir.ExprStmt) and _appended(stmt.value) is not None and writes:
            names += [_appended(stmt.value), _appended(stmt.value)]  # type: ignore[list-item]
        if isinstance(stmt, (ir.If, ir.ForRange, ir.While)):
            inner = _assigned_names(stmt.body, nested_only, depth + 1, writes)
            names += inner * 2 if isinstance(stmt, (ir.ForRange, ir.While)) else inner  # loops assign again
            names += _assigned_names(stmt.orelse, nested_only, depth + 1, writes)
    return names


def _appended(value: ir.Expr) -> str | None:
    """The list `xs.append(...)` changes."""
    if isinstance(value, ir.Intrinsic) and value.name == "list.append" and isinstance(value.args[0], ir.Var):
        return value.args[0].name
    return None


def _declared_before_use(body: list[ir.Stmt]) -> set[str]:
    """Names whose first assignment is inside a block (branch or loop): declared at the top of the
    function; the others are declared by `let` where they are first assigned."""
    first_nested: set[str] = set()
    seen: set[str] = set()
    for stmt in body:
        if isinstance(stmt, ir.Assign):
            seen.add(stmt.target)
        for name in _assigned_names([stmt]) if not isinstance(stmt, ir.Assign) else []:
            if name not in seen:
                first_nested.add(name)
                seen.add(name)
    return first_nested


def _falls_through(body: list[ir.Stmt]) -> bool:
    if not body:
        return True
    last = body[-1]
    if isinstance(last, ir.Return):
        return False
    if isinstance(last, ir.If):
        return _falls_through(last.body) or _falls_through(last.orelse)
    if isinstance(last, ir.While) and is_true(last.test):
        return breaks_out(last.body, last.label)
    return True


def _labels_with_else(body: list[ir.Stmt]) -> set[str]:
    labels: set[str] = set()
    for stmt in body:
        if isinstance(stmt, (ir.ForRange, ir.While)) and stmt.orelse:
            labels.add(stmt.label)
        if isinstance(stmt, (ir.If, ir.ForRange, ir.While)):
            labels |= _labels_with_else(stmt.body) | _labels_with_else(stmt.orelse)
    return labels


class _BodyEmitter:
    def __init__(self, exprs: ExprEmitter, function: ir.Function, assigned: Counter[str], nested: set[str],
                 wrap_ok: bool = True, markers: bool = False):
        self.exprs, self.function, self.assigned, self.nested = exprs, function, assigned, nested
        self.wrap_ok, self.markers = wrap_ok, markers
        self.declared: set[str] = set()
        self.with_else = _labels_with_else(function.body)

    def parameters(self) -> str:
        written = self.function.written
        return ", ".join(f"{'mut ' if p.name in written else ''}{rust_ident(p.name)}: "
                         f"{rust_type(p.type, view=True, mutable=p.name in written)}" for p in self.function.params)

    def prologue(self, params: set[str]) -> list[str]:
        """Rebound parameters become owned mutable locals; branch-assigned locals are declared."""
        lines = []
        rebound = set(_assigned_names(self.function.body, writes=False))
        for param in self.function.params:
            if param.name in rebound:
                ident = rust_ident(param.name)
                value = f"pyrs::arrays::owned(&{ident})?" if isinstance(param.type, Array) else ident
                value = f"{ident}.to_vec()" if isinstance(param.type, ListType) else value
                lines.append(f"let mut {ident}: {rust_type(param.type)} = {value};")
                self.declared.add(param.name)
        for name in sorted(self.nested - params):
            mutable = "mut " if self.assigned[name] > 1 else ""
            lines.append(f"let {mutable}{rust_ident(name)}: {rust_type(self.function.locals[name])};")
            self.declared.add(name)
        return lines

    def block(self, body: list[ir.Stmt], top: bool = False) -> list[str]:
        lines: list[str] = []
        for index, stmt in enumerate(body):
            tail = top and index == len(body) - 1
            if self.markers:
                lines.append(f"{LINE_MARKER}{stmt.loc.line}")
            lines += self.stmt(stmt, tail)
        return lines

    def stmt(self, stmt: ir.Stmt, tail: bool) -> list[str]:
        if isinstance(stmt, ir.Assign):
            value = self.exprs.owned_as(stmt.value, self.function.locals[stmt.target])
            ident = rust_ident(stmt.target)
            if stmt.target in self.declared:
                return [f"{ident} = {value};"]
            self.declared.add(stmt.target)
            mutable = "mut " if self.assigned[stmt.target] > 1 else ""
            return [f"let {mutable}{ident} = {value};"]
        if isinstance(stmt, ir.Return):
            # an array read twice in what is returned (`return y, y.sum()`) is not moved out
            reads = Counter(n.name for n in nodes(stmt.value) if isinstance(n, ir.Var))
            self.exprs.moved = {name for name, count in reads.items() if count > 1}
            value = self.exprs.owned_as(stmt.value, self.function.return_type) if stmt.value is not None else "()"
            self.exprs.moved = None
            value = f"Ok({value})" if self.wrap_ok else value
            return [value] if tail else [f"return {value};"]
        if isinstance(stmt, ir.If):
            lines = [f"if {self.exprs.code(stmt.test)} {{"] + self.block(stmt.body)
            if stmt.orelse:
                lines += ["} else {"] + self.block(stmt.orelse)
            return lines + ["}"]
        if isinstance(stmt, ir.ExprStmt):
            return [f"let _ = {self.exprs.code(stmt.value)};"]
        if isinstance(stmt, ir.ForRange):
            target = rust_ident(stmt.target)
            value = f"{stmt.target}_value"
            while value in self.function.locals:
                value += "_"
            head = [f"for {value} in {self.range_code(stmt)} {{", f"{target} = {value};"]
            return self.labelled(stmt, head + self.block(stmt.body) + ["}"])
        if isinstance(stmt, ir.While):
            head = "loop {" if is_true(stmt.test) else f"while {self.exprs.code(stmt.test)} {{"
            return self.labelled(stmt, [head] + self.block(stmt.body) + ["}"])
        if isinstance(stmt, ir.Break):
            return [f"break '{stmt.label};"] if stmt.label in self.with_else else ["break;"]
        if isinstance(stmt, ir.Continue):
            return ["continue;"]
        if isinstance(stmt, ir.SetItem) and isinstance(self.function.locals.get(stmt.target), ListType):
            index, value = self.exprs.code(stmt.indices[0]), self.exprs.code(stmt.value)
            # the index and value are computed before the list is borrowed for the write
            return ["{", f"let (index, value) = ({index}, {value});",
                    f"pyrs::list::set_item(&mut {rust_ident(stmt.target)}, index, value)?;", "}"]
        if isinstance(stmt, ir.SetItem):
            indices = ", ".join(self.exprs.code(i) for i in stmt.indices)
            value = self.exprs.code(stmt.value)
            target = rust_ident(stmt.target)
            if f"&{target}" not in indices + value and f"{target}." not in indices + value:
                return [f"pyrs::set_item(&mut {target}, [{indices}], {value})?;"]
            # reads of the array itself happen before the write borrows it
            return ["{", f"let (index, value) = ([{indices}], {value});",
                    f"pyrs::set_item(&mut {target}, index, value)?;", "}"]
        if isinstance(stmt, ir.SetSlice):
            return self.set_slice(stmt)
        if isinstance(stmt, ir.SetMask):
            value = self.exprs.owned(stmt.value)
            if stmt.mask.type.dtype == "int64" and self.reads_argument_in_place(stmt):  # type: ignore[union-attr]
                value = self.exprs.view(stmt.value)  # NumPy's shape error before any copy of a huge view
            function = "assign_mask" if isinstance(stmt.value.type, Array) else "fill_mask"
            if stmt.mask.type.dtype == "int64":  # type: ignore[union-attr]  # x[idx] = value
                function = "put" if isinstance(stmt.value.type, Array) else "put_scalar"
                function = f"fancy::{function}"
            value_arg = "&value.view()" if isinstance(stmt.value.type, Array) else "value"
            # an index array held in a variable is read in place (it may be a huge broadcast view)
            reads_index = isinstance(stmt.mask, ir.Var) and stmt.mask.name != stmt.target \
                and stmt.mask.type.dtype != "bool"  # type: ignore[union-attr]
            mask = self.exprs.view(stmt.mask) if reads_index else self.exprs.owned(stmt.mask)
            return ["{", f"let mask = {mask};", f"let value = {value};",
                    f"pyrs::{'' if function.startswith('fancy') else 'arrays::'}{function}({self.write_target(stmt)}, &mask.view(), "
                    f"{value_arg})?;", "}"]
        if isinstance(stmt, ir.Raise):
            message = rust_string(stmt.message) if stmt.message is not None else "()"
            error = f"pyo3::exceptions::Py{stmt.exception}::new_err({message})"
            return [f"return Err({error});"]
        raise TypeError(stmt)

    def reads_argument_in_place(self, stmt: ir.SetMask) -> bool:
        """The value of `x[idx] = value` is an array argument other than the written one: read in
        place (an argument cannot alias a local array; the written one is never an argument here)."""
        params = {p.name for p in self.function.params}
        return isinstance(stmt.value, ir.Var) and isinstance(stmt.value.type, Array) \
            and stmt.value.name in params and stmt.target not in params and not stmt.through

    def write_target(self, stmt: ir.SetSlice | ir.SetMask) -> str:
        """`&mut x`, or the writable view of `x` a view held in a variable stands for."""
        target = f"&mut {rust_ident(stmt.target)}"
        for axes in stmt.through:
            target = f"&mut pyrs::arrays::view_mut({target}, &[{self.exprs.index_entries(axes)}])?"
        return target

    def set_slice(self, stmt: ir.SetSlice) -> list[str]:
        """The value and the index are computed first (they may read the target), then the value
        is broadcast into the view."""
        target = self.write_target(stmt)
        index = self.exprs.index_entries(stmt.axes)
        dim = self.indexed_view_dimension(stmt)
        if isinstance(stmt.value.type, Array):
            source = stmt.value.array if isinstance(stmt.value, ir.SliceView) else stmt.value
            if isinstance(source, ir.Var) and source.name != stmt.target:  # another array: read it in place
                value = self.exprs.code(stmt.value) if isinstance(stmt.value, ir.SliceView) else \
                    self.exprs.view(stmt.value)
            else:  # computed, or overlapping the target (NumPy copies then too)
                value = self.exprs.owned(stmt.value) if not isinstance(stmt.value, ir.Var) else \
                    f"{self.exprs.view(stmt.value)}.to_owned()"
            write = "assign_in_place_as" if stmt.in_place else "assign_as"
            return ["{", f"let value = {value};", f"let index = [{index}];",
                    f"pyrs::arrays::{write}::<{dim}, _, _, _, _>({target}, &index, &value.view())?;", "}"]
        return ["{", f"let value = {self.exprs.code(stmt.value)};", f"let index = [{index}];",
                f"pyrs::arrays::fill_as::<{dim}, _, _, _>({target}, &index, value)?;", "}"]

    def indexed_view_dimension(self, stmt: ir.SetSlice) -> str:
        """The dimension type of the view `target[axes]` writes through: fixed when the target's is."""
        if stmt.through:  # through a view held in a variable: a dynamic view
            return "IxDyn"
        typ = self.function.locals.get(stmt.target) or next(
            (p.type for p in self.function.params if p.name == stmt.target), None)
        if not isinstance(typ, Array) or typ.ndim is None:
            return "IxDyn"
        dropped = sum(1 for axis in stmt.axes if not isinstance(axis, (tuple, str)))
        added = sum(1 for axis in stmt.axes if axis == "newaxis")
        return dimension(Array(typ.dtype, typ.ndim - dropped + added))

    def labelled(self, loop: ir.ForRange | ir.While, lines: list[str]) -> list[str]:
        """A loop with an `else` block: a labelled block that `break` leaves, skipping the `else`."""
        if not loop.orelse:
            return lines
        return [f"'{loop.label}: {{"] + lines + self.block(loop.orelse) + ["}"]

    def range_code(self, loop: ir.ForRange) -> str:
        start, stop = self.exprs.code(loop.start), self.exprs.code(loop.stop)
        if loop.reverse:
            return f"pyrs::range_reversed({start}, {stop}, {self.exprs.code(loop.step)})?"
        step = loop.step.value if isinstance(loop.step, ir.Const) else None
        if step == 1:
            return f"{start}..{stop}"
        if isinstance(step, int) and step > 1:
            return f"({start}..{stop}).step_by({step})"
        return f"pyrs::range({start}, {stop}, {self.exprs.code(loop.step)})?"


# ---- the wrapper Python calls -------------------------------------------------------------------


def emit_wrapper(function: ir.Function, variants: Sequence[ir.Function] = (), markers: bool = False,
                 recursion: bool = False) -> str:
    name = function.name
    idents = [rust_ident(p.name) for p in function.params]
    lines = [
        f"{LINE_MARKER}{function.loc.line}" if markers else "",
        f"#[doc = {rust_string(function.docstring)}]" if function.docstring is not None else "",
        "#[pyfunction]",
        f"#[pyo3(name = {rust_string(name)}, signature = (*args, **kwargs), "
        f"text_signature = {rust_string(text_signature(function))})]",
        f"pub fn {rust_ident(name)}<'py>(py: Python<'py>, args: &Bound<'py, PyTuple>, "
        "kwargs: Option<&Bound<'py, PyDict>>) -> PyResult<Py<PyAny>> {",
        f"let fallback = Fallback {{ originals: &ORIGINALS, function: {rust_string(name)}, args, kwargs, "
        "on_mismatch: ON_MISMATCH };",
        "pyrs::recursion::refresh_limit(py)?;" if recursion else "",
    ]
    if function.params:
        params = ", ".join(f"Param {{ name: {rust_string(p.name)}, kind: ParamKind::{_KINDS[p.kind]} }}"
                           for p in function.params)
        lines += [
            f"let Some([{', '.join(idents)}]) = bind(|| ORIGINALS.get(py, {rust_string(name)}), &[{params}], "
            "args, kwargs)? else {",
            "return fallback.call_python();",
            "};",
        ]
    else:
        lines += ["if !args.is_empty() || kwargs.is_some_and(|k| !k.is_empty()) {", "return fallback.call_python();",
                  "}"]
    if not variants or not function.params:
        lines += _fast_path(function, idents, lambda param, ident, expected:
                            f"return fallback.{_refusal(param, ident, expected)};")
        return "\n".join(line for line in lines + ["}", END_MARKER if markers else ""] if line)
    # several compiled signatures: each is tried in order; a block left by `break` names the first
    # argument that did not match it, and the misses of all of them make the fallback (or TypeError)
    misses = []
    for index, candidate in enumerate([function, *variants]):
        label = f"'signature{index}"
        lines.append(f"let miss{index} = {label}: {{")
        lines += _fast_path(candidate, idents, lambda param, ident, expected, label=label:
                            f"break {label} ({rust_string(param.name)}, {rust_string(expected)}, &{ident});")
        lines.append("};")
        misses.append(f"miss{index}")
    lines += [f"fallback.mismatch_any(&[{', '.join(misses)}])", "}", END_MARKER if markers else ""]
    return "\n".join(line for line in lines if line)


def _fast_path(function: ir.Function, idents: list[str], on_miss: Callable[[ir.Param, str, str], str]) -> list[str]:
    """Check and convert the bound arguments for `function`'s types, call it, return the result."""
    lines = []
    for param, ident in zip(function.params, idents):
        written = param.name in function.written
        getter, expected = _getter(param, ident, written)
        binding = f"mut {ident}" if written else ident
        lines.append(f"let Some({binding}) = {getter} else {{ {on_miss(param, ident, expected)} }};")
    restored = _restored_on_deopt(function, idents)
    for param, ident in zip(function.params, idents):
        if isinstance(param.type, Array):  # the readonly (readwrite) borrow outlives the view
            source = ident
            if ident in restored:
                source, before = restored[ident]
                lines += [f"let mut {source} = {ident};", f"let {before} = {source}.as_array().to_owned();"]
            view = f"{source}.as_array_mut()" if param.name in function.written else f"{source}.as_array()"
            dim = dimension(param.type)
            lines.append(f"let {ident} = {view if dim == 'IxDyn' else f'pyrs::fixed::<_, {dim}>({view})?'};")
    call_args = ", ".join(f"&{i}" if isinstance(p.type, ListType) else i for p, i in zip(function.params, idents))
    conversion = _conversion(function.return_type, "result")
    call = f"super::{rust_ident(function.name)}({call_args})"
    if any(isinstance(p.type, Array) for p in function.params) or has_loop(function.body):
        # the compiled body needs no Python objects: other Python threads run meanwhile (a
        # straight-line scalar body is shorter than releasing and re-taking the GIL)
        call = f"py.detach(|| {call})"
    lines.append(f"let result = {call};")
    if restored:  # the original must see the arrays as the caller passed them
        restore = " ".join(f"{guard}.as_array_mut().assign(&{before});" for guard, before in restored.values())
        lines.append(f"let result = match result {{ Err(err) if pyrs::is_deopt(py, &err) => {{ {restore} Err(err) }}"
                     " other => other };")
    lines.append(f"return fallback.finish(result.and_then(|result| {conversion}));")
    return lines


def _refusal(param: ir.Param, ident: str, expected: str) -> str:
    """The Fallback call for an argument that is not of the compiled type; an array of the right
    type that could not be borrowed (read-only, or passed twice) runs the original in every mode."""
    typ = param.type
    if isinstance(typ, Array):
        ndim = "None" if typ.ndim is None else f"Some({typ.ndim})"
        return (f"array_mismatch::<{element_type(typ.dtype)}>({rust_string(param.name)}, {rust_string(expected)}, "
                f"&{ident}, {ndim})")
    return f"mismatch({rust_string(param.name)}, {rust_string(expected)}, &{ident})"


def _restored_on_deopt(function: ir.Function, idents: list[str]) -> dict[str, tuple[str, str]]:
    """Arrays the function writes into, when it may deopt: their contents are kept before the call
    and put back before the original runs (a deopt must not leave the compiled run's writes behind).
    ident -> (name of the borrow guard, name of the copy)."""
    if not function.written or not may_deopt(function.body):
        return {}
    taken = set(idents)
    restored: dict[str, tuple[str, str]] = {}
    for param, ident in zip(function.params, idents):
        if param.name in function.written:
            guard, before = _fresh(f"{ident}_guard", taken), _fresh(f"{ident}_before", taken)
            restored[ident] = (guard, before)
    return restored


def _fresh(name: str, taken: set[str]) -> str:
    while name in taken:
        name += "_"
    taken.add(name)
    return name


def _getter(param: ir.Param, ident: str, written: bool) -> tuple[str, str]:
    """The Rust expression giving Some(value) for exactly the compiled type, and that type's name."""
    typ = param.type
    if isinstance(typ, Array):
        ndim = "None" if typ.ndim is None else f"Some({typ.ndim})"
        getter = f"array{'_mut' if written else ''}::<{element_type(typ.dtype)}>(&{ident}, {ndim})?"
        expected = f"writeable {typ}" if written else str(typ)
    elif isinstance(typ, OptionalType):
        inner = f"exact_{typ.inner.kind}(&{ident})"
        getter, expected = f"(if {ident}.is_none() {{ Some(None) }} else {{ {inner}.map(Some) }})", str(typ)
    elif isinstance(typ, ListType) and typ.item is not None:
        getter, expected = f"pyrs::list::exact_{typ.kind}_{typ.item.kind}(&{ident})", str(typ)
    elif isinstance(typ, Scalar) and typ.kind == "complex":
        getter, expected = f"pyrs::pycomplex::exact_complex(&{ident})", "complex"
    elif isinstance(typ, Scalar) and typ.kind == "np_float64":
        getter, expected = f"exact_np_float64(&{ident})?", "numpy.float64"
    elif isinstance(typ, Scalar):
        getter, expected = f"exact_{typ.kind}(&{ident})", typ.kind
    elif isinstance(typ, TupleType) and all(isinstance(t, Scalar) and not t.is_numpy for t in typ.items):
        getter, expected = _exact_tuple(typ, ident), str(typ)
    else:
        raise TypeError(typ)
    return getter, expected


def _exact_tuple(typ: TupleType, ident: str) -> str:
    """A `tuple` (not a subclass) of exactly these item types, as a Rust tuple."""
    items = ", ".join(f"exact_{t.kind}(&items.get_item({i}).ok()?)?" for i, t in enumerate(typ.items))  # type: ignore[union-attr]
    return (f"(|| {{ let items = {ident}.cast_exact::<PyTuple>().ok()?; "
            f"if items.len() != {len(typ.items)} {{ return None; }} Some(({items}{',' if len(typ.items) == 1 else ''})) }})()")


def _conversion(typ: Type, value: str) -> str:
    """Rust expression turning `value` (of IR type `typ`) into the Python object, as PyResult."""
    if isinstance(typ, TupleType):
        names = [f"item{i}" for i in range(len(typ.items))]
        items = ", ".join(f"{_conversion(t, n)}?" for t, n in zip(typ.items, names))
        return f"{{ let ({', '.join(names)},) = {value}; tuple_to_py(py, vec![{items}]) }}"
    if isinstance(typ, NoneType):
        return f"none_to_py(py, {value})"
    if isinstance(typ, OptionalType):
        return f"match {value} {{ Some(value) => {_conversion(typ.inner, 'value')}, None => Ok(py.None()) }}"
    return f"{to_python(typ)}(py, {value})"


def text_signature(function: ir.Function) -> str:
    """The signature as `inspect.signature` shows it, defaults as written in the source."""
    parts: list[str] = []
    kinds = [p.kind for p in function.params]
    for index, param in enumerate(function.params):
        if param.kind == "keyword_only" and (index == 0 or kinds[index - 1] != "keyword_only"):
            parts.append("*")
        parts.append(param.name if param.default_source is None else f"{param.name}={param.default_source}")
        if param.kind == "positional_only" and (index + 1 == len(kinds) or kinds[index + 1] != "positional_only"):
            parts.append("/")
    return "(" + ", ".join(parts) + ")"
