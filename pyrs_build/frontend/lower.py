"""Lower one function's AST to typed IR, inferring local and return types as it goes."""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass, field

from pyrs_build.frontend import arrays, loops, views
from pyrs_build.frontend.calls import CallLowering
from pyrs_build.frontend.complexes import ComplexLowering
from pyrs_build.frontend.lists import ListLowering
from pyrs_build.frontend.expressions import _BINOPS, _SYMBOL, ExpressionLowering
from pyrs_build.frontend import intrinsics as lib
from pyrs_build.frontend.annotations import annotation_type
from pyrs_build.frontend.errors import Poisoned, Unsupported, refusals, refuse_statement
from pyrs_build.frontend.rules import assigned_in, assignable, is_new_array, merge_arrays
from pyrs_build.frontend.scope import ModuleContext, Scope, Signature, loc
from pyrs_build.frontend.views import Alias, Snapshot, Stale
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.walk import breaks_out, is_true
from pyrs_build.frontend import promotion
from pyrs_build.ir.dtypes import INTEGER_DTYPES, SMALL_INTEGER_DTYPES, promote
from pyrs_build.ir.types import (BOOL, DYN_BOOL, DYN_FLOAT, ELEMENT_OF_DTYPE, FLOAT, INT, NONE, NP_BOOL, Array, ListType,
                                 OptionalType, Scalar, TupleType, Type, is_array, is_bool, merge_scalars)


@dataclass
class FunctionLowering(CallLowering, ListLowering, ComplexLowering, ExpressionLowering):
    ctx: ModuleContext
    sig: Signature
    locals: dict[str, Type] = field(default_factory=dict)
    returns: list[tuple[Type, ast.AST]] = field(default_factory=list)
    loops: list[str] = field(default_factory=list)  # labels of the enclosing loops, innermost last
    shared_arrays: set[str] = field(default_factory=set)  # locals that may be the caller's array (no writes)
    widened: dict[str, Type] = field(default_factory=dict)  # locals found to need a wider type
    written: set[str] = field(default_factory=set)  # array parameters written into
    problems: list[Unsupported] = field(default_factory=list)  # refusals so far (all are reported)
    poisoned: set[str] = field(default_factory=set)  # names a refused statement assigns: not checked further
    break_bounds: dict[str, list[set[str]]] = field(default_factory=dict)  # per loop: names bound at each break
    iterated_lists: set[str] = field(default_factory=set)  # lists a loop being lowered iterates over
    # array parameters rebound to a new array by a top-level statement (`u = u.copy()`): from there
    # on, writes go to the function's own array
    fresh_params: set[str] = field(default_factory=set)
    jumps: dict[str, list[tuple[str, dict]]] = field(default_factory=dict)  # per loop: (break|continue, shares)
    temps: set[str] = field(default_factory=set)  # hidden names of the values of `a, b = b, a`

    # ---- entry ----------------------------------------------------------------------------------

    def lower(self) -> ir.Function:
        """Lower the body; when a variable turns out to hold a float or a numpy.float64 depending on
        the path taken, lower again with that variable typed 'either' from its first assignment."""
        fdef = self.sig.node
        body_nodes = fdef.body
        if ast.get_docstring(fdef, clean=False) is not None:
            body_nodes = body_nodes[1:]
        docstring = self.ctx.docstrings.get(fdef.name)
        seeded: dict[str, Type] = {}
        while True:
            self.locals = {p.name: p.type for p in self.sig.params} | seeded
            self.returns, self.shared_arrays, self.widened, self.written = [], set(), {}, set()
            self.problems, self.poisoned = [], set()
            self.fresh_params, self.temps = set(), set()
            scope = Scope({p.name for p in self.sig.params})
            body = self.block(body_nodes, scope)
            if self.problems:
                raise refusals(self.problems)
            if not self.widened or self.widened.items() <= seeded.items():
                break
            seeded |= self.widened
        untyped = next((n for n, t in self.locals.items() if t == ListType(None)), None)
        if untyped is not None:
            raise Unsupported(fdef, f"the item type of the empty list '{untyped}' is never decided",
                              f"annotate it: {untyped}: list[float] = []")
        return_type = self.return_type(fdef, falls_off_end=scope.reachable)
        if isinstance(return_type, (Scalar, OptionalType)):
            _convert_returns(body, return_type)
        return ir.Function(fdef.name, self.sig.params, return_type, body, dict(self.locals), docstring, loc(fdef),
                           written=set(self.written))

    def return_type(self, fdef: ast.FunctionDef, falls_off_end: bool) -> Type:
        """The type of what the function really returns (an annotation does not convert values)."""
        found = list(self.returns)
        if falls_off_end:
            found.append((NONE, fdef))
        declared = self.sig.declared_return
        for typ, node in found:
            if declared is not None and not assignable(typ, declared):
                what = "the end of the function is reachable (returns None)" if typ == NONE else f"returns {typ}"
                raise Unsupported(node, f"'{fdef.name}' is annotated to return {declared} but {what}",
                                  "make every path return a value of the annotated type")
        kinds = {t for t, _ in found}
        merged = kinds.pop() if len(kinds) == 1 else merge_arrays(kinds)
        others = kinds - {NONE}
        if merged is None and NONE in kinds and len(others) == 1 and others <= {INT, FLOAT, BOOL}:
            return OptionalType(others.pop())  # type: ignore[arg-type]  # None on some paths
        if merged is None and len(kinds) == 2:
            merged = merge_scalars(*kinds)
        if merged is None:
            described = ", ".join(sorted(map(str, kinds | {found[0][0]})))
            other = next(node for typ, node in found if typ != found[0][0])  # where the second type appears
            raise Unsupported(other, f"'{fdef.name}' returns values of different types ({described})",
                              "return one type on every path (e.g. 0.0 rather than 0 next to floats)")
        return merged

    # ---- statements -----------------------------------------------------------------------------

    def block(self, stmts: list[ast.stmt], scope: Scope) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        for node in stmts:
            if not scope.reachable:
                break  # code after return is dead in Python too
            try:
                out.extend(self.stmt(node, scope))
            except Unsupported as exc:
                self.recover(node, exc, scope)
        return out

    def recover(self, node: ast.stmt, exc: Unsupported, scope: Scope) -> None:
        """Note the refusal and go on with the next statement, so one build reports every problem;
        names the refused statement assigns are not checked further (no follow-on errors)."""
        if not isinstance(exc, Poisoned):
            self.problems.append(exc)
        self.poisoned |= _bound_names(node)
        if isinstance(node, (ast.Return, ast.Raise)):
            scope.reachable = False

    def stmt(self, node: ast.stmt, scope: Scope) -> list[ir.Stmt]:
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.Return)) and isinstance(node.value, ast.ListComp):
            built, value = self.comprehension(node.value, scope)
            return built + self.stmt(_with_value(node, ast.Name(value.name, ast.Load())), scope)  # type: ignore[attr-defined]
        if isinstance(node, ast.AnnAssign) and isinstance(node.value, ast.List) and not node.value.elts \
                and isinstance(node.target, ast.Name):  # `out: list[float] = []`
            declared = annotation_type(node.annotation, self.ctx.imports)
            if not isinstance(declared, ListType):
                raise Unsupported(node, f"an empty list annotated as {declared}")
            return self.bind(node.target, ir.Intrinsic("list.new", [], declared, loc(node)), scope, node)
        if isinstance(node, ast.Assign):
            return self.assign(node, scope)
        if isinstance(node, ast.AnnAssign) and node.value is not None and isinstance(node.target, ast.Name):
            return self.bind(node.target, self.expr(node.value, scope), scope, node)
        if isinstance(node, ast.AugAssign):
            return self.aug_assign(node, scope)
        if isinstance(node, ast.Return):
            value = self.expr(node.value, scope) if node.value is not None else None
            self.check_returned_arrays(value, node)
            self.returns.append((value.type if value is not None else NONE, node))
            scope.reachable = False
            return [ir.Return(value, loc(node))]
        if isinstance(node, ast.If):
            return [self.if_stmt(node, scope)]
        if isinstance(node, ast.Pass):
            return []
        if isinstance(node, ast.Raise):
            scope.reachable = False
            return [self.raise_stmt(node)]
        if isinstance(node, ast.Assert):
            return [self.assert_stmt(node, scope)]
        if isinstance(node, ast.For):
            return self.for_stmt(node, scope)
        if isinstance(node, ast.While):
            return [self.while_stmt(node, scope)]
        if isinstance(node, ast.Break):
            scope.reachable = False
            self.break_bounds.setdefault(self.loops[-1], []).append(set(scope.bound))
            self.jumps.setdefault(self.loops[-1], []).append(("break", dict(scope.shares)))
            return [ir.Break(self.loops[-1], loc(node))]
        if isinstance(node, ast.Continue):
            scope.reachable = False
            self.jumps.setdefault(self.loops[-1], []).append(("continue", dict(scope.shares)))
            return [ir.Continue(loc(node))]
        if isinstance(node, ast.Expr):
            if isinstance(node.value, ast.Constant):  # a bare string or number does nothing
                return []
            return [ir.ExprStmt(self.expr(node.value, scope), loc(node))]
        raise refuse_statement(node)

    def check_returned_arrays(self, value: ir.Expr | None, node: ast.AST) -> None:
        """Python returns the caller's array (or a view of it) itself; the compiled code would
        return a copy, which differs once anybody writes into it."""
        items = value.items if isinstance(value, ir.TupleExpr) else [value]
        for item in items:
            if isinstance(item, ir.Var) and isinstance(item.type, ListType) and item.type.kind == "list" \
                    and any(p.name == item.name for p in self.sig.params):
                raise Unsupported(node, "returning a list argument is not supported yet: Python returns the same "
                                  "list, the compiled module would return a copy",
                                  f"return a new list: list({item.name})")
            shared = isinstance(item, ir.SliceView) or arrays.is_view_of_array(item) or (
                isinstance(item, ir.Var) and isinstance(item.type, Array)
                and (item.name in self.shared_arrays or (any(p.name == item.name for p in self.sig.params)
                                                         and item.name not in self.fresh_params)))
            if shared:
                raise Unsupported(node, "returning an argument array or a view of one is not supported yet: "
                                  "Python returns the same memory, the compiled module would return a copy",
                                  "return a new array, e.g. x.copy() in Python terms: x * 1.0")

    def raise_stmt(self, node: ast.Raise) -> ir.Raise:
        """`raise E` / `raise E("literal message")` with a builtin exception type."""
        exc = node.exc
        call = exc if isinstance(exc, ast.Call) else None
        name = call.func if call is not None else exc
        args = call.args if call is not None else []
        message = args[0].value if len(args) == 1 and isinstance(args[0], ast.Constant) else None
        if not (isinstance(name, ast.Name) and name.id in lib.EXCEPTIONS and name.id not in self.locals) \
                or node.cause is not None or (call is not None and (call.keywords or len(args) > 1)) \
                or (args and not isinstance(message, str)):
            raise Unsupported(node, f"'{ast.unparse(node)}' is not supported yet",
                              "raise a builtin exception with a literal message, e.g. raise ValueError(\"x < 0\")")
        return ir.Raise(name.id, message, loc(node))

    def assert_stmt(self, node: ast.Assert, scope: Scope) -> ir.If:
        """`assert test, "message"`: AssertionError when the test is false (as CPython without -O)."""
        message = node.msg
        if message is not None and not (isinstance(message, ast.Constant) and isinstance(message.value, str)):
            raise Unsupported(message, "an assert message must be a string literal",
                              "write the message as a literal, e.g. assert n > 0, \"n must be positive\"")
        failed = ir.UnaryOp("not", self.condition(node.test, scope), BOOL, loc(node))
        text = message.value if message is not None else None  # type: ignore[union-attr]
        return ir.If(failed, [ir.Raise("AssertionError", text, loc(node))], [], loc(node))

    def set_item(self, target: ast.Subscript, value: ir.Expr, scope: Scope, node: ast.AST) -> list[ir.Stmt]:
        """`x[i, j] = value` into an array created in this function."""
        if not isinstance(target.value, ast.Name):
            raise Unsupported(target, f"assignment to '{ast.unparse(target)}' is not supported yet")
        array = self.name(target.value, scope)
        if isinstance(array.type, ListType):
            return self.list_set_item(target, value, scope, node)
        if not isinstance(array.type, Array):
            raise Unsupported(target, f"item assignment into {array.type} is not supported yet")
        base, through = self.write_target(array, target, scope, in_place=False)
        mask = self.boolean_index(target, scope)
        if mask is not None:
            return [self.set_mask(array, base, through, mask, value, node)]
        if arrays.has_slice(target, self.ctx.imports) or len(arrays.index_arguments(target)) != array.type.ndim \
                or through:  # an element of a view: a 0-d view of it is filled
            return [self.set_slice(array, target, value, scope, node)]
        indices = [self.as_index(self.expr(i, scope), target) for i in arrays.index_arguments(target)]
        element = arrays.check_element_index(array, indices, target)
        return [ir.SetItem(base.name, indices, self.stored(value, array.type, node), loc(node))]

    def write_target(self, array: ir.Expr, node: ast.AST, scope: Scope, in_place: bool
                     ) -> tuple[ir.Var, list[list]]:  # type: ignore[type-arg]
        """The variable a write into `array` (a variable or a view held in one) changes, and the
        basic indices of the view; refused when the variable may be the caller's array under
        another name. Copies of the variable held elsewhere go stale."""
        chain = views.view_chain(array)
        if chain is None:
            raise Unsupported(node, "writing through a transposed view held in a variable is not supported yet",
                              "write into the array itself with the indices swapped")
        base, through = chain
        is_param = any(p.name == base.name for p in self.sig.params) and base.name not in self.fresh_params
        if base.name in self.shared_arrays or (is_param and assigned_in(self.sig.node, base.name)):
            if in_place:
                raise Unsupported(node, f"'{base.name}' may share memory with another array (a view, or an argument "
                                  "under another name); updating it in place is not supported yet",
                                  f"write '{base.name} = {base.name} {_SYMBOL[_BINOPS[type(node.op)]]} "  # type: ignore[attr-defined]
                                  f"{ast.unparse(node.value)}' (a new array)")  # type: ignore[attr-defined]
            raise Unsupported(node, f"'{base.name}' may be an array the caller passed in, under another name; "
                              "writing into it is not supported yet",
                              "write into the parameter itself, or into a new array (out = np.zeros(n))")
        if is_param:
            self.written.add(base.name)  # the caller's array: written in place, as in Python
        for name, shared in list(scope.shares.items()):
            if isinstance(shared, Snapshot) and base.name in shared.bases:
                scope.shares[name] = views.stale_snapshot(name, base.name)
        return base, through

    def set_slice(self, array: ir.Expr, target: ast.Subscript | None, value: ir.Expr, scope: Scope, node: ast.AST
                  ) -> ir.SetSlice:
        """`x[1:-1] = value`, `x[:, j] = value`, `x[...] = value`: into a view of `x` (None: all of `x`);
        `x` may be a view held in a variable."""
        base, through = views.view_chain(array)  # type: ignore[misc]  # checked by write_target
        axes: list = []  # type: ignore[type-arg]
        view: ir.Expr = array
        if target is not None:
            axes = arrays.expand_ellipsis(array, [self.view_entry(i, scope) for i in arrays.index_arguments(target)],
                                          target)
            view = arrays.slice_view(array, axes, target)
        typ = array.type
        assert isinstance(typ, Array) and isinstance(view.type, Array)
        if isinstance(value.type, Array):
            value = self.stored_array(value, typ, node)
            return ir.SetSlice(base.name, axes, value, loc(node), in_place=isinstance(node, ast.AugAssign),
                               through=through)
        return ir.SetSlice(base.name, axes, self.stored(value, typ, node), loc(node), through=through)

    def set_mask(self, array: ir.Expr, base: ir.Var, through: list[list], mask: ir.Expr,  # type: ignore[type-arg]
                 value: ir.Expr, node: ast.AST) -> ir.SetMask:
        """`x[mask] = value`: a scalar, or one value per selected element; `x[idx] = value` with an
        int64 index array: a scalar, or values broadcast to the shape of `x[idx]`."""
        typ = array.type
        assert isinstance(typ, Array)
        if typ.ndim == 0 and mask.type.dtype == "int64":  # type: ignore[union-attr]
            raise Unsupported(node, "indexing a 0-d array with an index array (NumPy raises IndexError)")
        if isinstance(value.type, Array):
            value = self.stored_array(value, typ, node)
            return ir.SetMask(base.name, mask, value, loc(node), through=through)
        return ir.SetMask(base.name, mask, self.stored(value, typ, node), loc(node), through=through)

    def stored_array(self, value: ir.Expr, typ: Array, node: ast.AST) -> ir.Expr:
        """An array assigned into an array of type `typ`: converted when the cast is safe (ints into
        floats); NumPy's unsafe casts (floats into ints) are refused."""
        assert isinstance(value.type, Array)
        if value.type.dtype == typ.dtype:
            return value
        if promote(value.type.dtype, typ.dtype) != typ.dtype:
            raise Unsupported(node, f"assigning {value.type} into {typ} is not supported (NumPy casts unsafely)",
                              f"convert first: value.astype(np.{typ.dtype})")
        return ir.Convert(value, Array(typ.dtype, value.type.ndim, ufunc_result=True), value.loc)

    def stored(self, value: ir.Expr, typ: Array, node: ast.AST) -> ir.Expr:
        """A scalar stored into an array of type `typ`, as the array's element (bools only into bool
        arrays; floats not into integer arrays, where NumPy truncates or raises for NaN)."""
        element = ELEMENT_OF_DTYPE[typ.dtype]
        if not isinstance(value.type, Scalar) or (element == NP_BOOL) != is_bool(value.type) \
                or (typ.dtype in INTEGER_DTYPES and value.type.is_floating):
            raise Unsupported(node, f"cannot store {value.type} into {typ}")
        if value.type == INT and typ.dtype in SMALL_INTEGER_DTYPES:  # NumPy's OverflowError beyond the dtype
            if not isinstance(value, ir.Const):  # NumPy checks the index first, then the value's range
                raise Unsupported(node, f"storing an int variable into {typ} is not supported yet (NumPy checks "
                                  "the index before the value fits)", "store a literal, or an array of that dtype")
            return promotion.weak_int(value, typ.dtype)
        return self.convert(value, element, node)

    def assign(self, node: ast.Assign, scope: Scope) -> list[ir.Stmt]:
        if len(node.targets) != 1:
            raise Unsupported(node, "chained assignment 'a = b = ...' is not supported yet", "assign one name at a time")
        target = node.targets[0]
        if isinstance(target, ast.Subscript):
            return self.set_item(target, self.expr(node.value, scope), scope, node)
        if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
            if len(target.elts) != len(node.value.elts):
                raise Unsupported(node, "tuple assignment with different lengths", "unpack as many values as given")
            values = [self.expr(v, scope) for v in node.value.elts]  # all evaluated before any is bound
            out: list[ir.Stmt] = []
            targets = {t.id for t in target.elts if isinstance(t, ast.Name)}
            temps = [self.hoist_bounds(v, scope, out) if _is_view_of_other(v, targets)
                     else self.fresh_temp(v, scope, out) for v in values]
            for elt, temp in zip(target.elts, temps):
                out.extend(self.bind(elt, temp, scope, node))
            return out
        if isinstance(target, ast.Tuple):
            value = self.expr(node.value, scope)
            if not isinstance(value.type, TupleType) or len(value.type.items) != len(target.elts):
                raise Unsupported(node, f"cannot unpack {value.type} into {len(target.elts)} names",
                                  "unpack a tuple of the same length")
            out = []
            whole = self.fresh_temp(value, scope, out)
            for index, elt in enumerate(target.elts):
                item = ir.Intrinsic("pyrs.tuple_item", [whole, ir.Const(index, INT, loc(node))],
                                    value.type.items[index], loc(node))
                out.extend(self.bind(elt, item, scope, node))
            return out
        return self.bind(target, self.expr(node.value, scope), scope, node)

    def fresh_temp(self, value: ir.Expr, scope: Scope, out: list[ir.Stmt]) -> ir.Expr:
        if isinstance(value, (ir.Const, ir.GlobalConst)):
            return value
        name = f"_tmp{len(self.locals)}"
        while name in self.locals:
            name += "_"
        self.temps.add(name)
        self.locals[name] = value.type
        scope.bound.add(name)
        out.append(ir.Assign(name, value, value.loc))
        return ir.Var(name, value.type, value.loc)

    def bind(self, target: ast.expr, value: ir.Expr, scope: Scope, stmt: ast.AST) -> list[ir.Stmt]:
        if not isinstance(target, ast.Name):
            raise Unsupported(target, f"assignment to '{ast.unparse(target)}' is not supported yet",
                              "assign to a plain local name")
        name = target.id
        if isinstance(self.locals.get(name), OptionalType):
            value = self.optional_value(name, value, scope, stmt)
        if isinstance(value.type, ListType):
            value = self.check_list_binding(name, value, stmt)
        if name in self.iterated_lists:
            raise Unsupported(stmt, f"the loop over '{name}' rebinds it", "use another name")
        new_type = value.type  # arrays keep ufunc_result: it decides scalar-vs-array at the boundary
        old = self.locals.get(name)
        wider = merge_scalars(old, new_type) if old is not None else None
        if wider is not None and old != new_type:
            if wider != old:
                self.widened[name] = wider
                self.locals[name] = wider
            value, new_type = self.convert(value, wider, stmt), wider
        elif old is not None and old != new_type and not _same_array_value(old, new_type):
            merged = merge_arrays({old, new_type})
            if merged is None or merged != old:
                raise Unsupported(stmt, f"'{name}' changes type from {old} to {new_type}",
                                  "use a new name for the new value")
        if name in self.ctx.signatures or name in self.ctx.constants:
            raise Unsupported(target, f"local '{name}' shadows a module-level name", "rename the local variable")
        self.locals.setdefault(name, new_type)
        scope.bound.add(name)
        before = self.release_views_of(name, scope, stmt)
        base = views.view_base(value) if isinstance(new_type, Array) and not isinstance(value, ir.Var) else None
        if base is not None and base != name:
            return before + self.bind_view(name, value, base, scope, stmt)
        scope.shares.pop(name, None)
        snapshot = _snapshot_base(value)
        if snapshot is not None and snapshot != name and snapshot not in self.temps:  # a temp is not written
            earlier = scope.shares.get(snapshot)  # `W = V` after `V = U`: W is U too
            scope.shares[name] = Snapshot(frozenset({snapshot}) | (earlier.bases if isinstance(earlier, Snapshot)
                                                                   else frozenset()))
        return before + self.bind_value(name, new_type, value, stmt)

    def bind_view(self, name: str, value: ir.Expr, base: str, scope: Scope, stmt: ast.AST) -> list[ir.Stmt]:
        """`u = x[1:-1]`: `u` becomes an alias of the view (its bounds kept as they are now); the view
        is made once here too, for NumPy's errors at this line."""
        out: list[ir.Stmt] = []
        value = self.hoist_bounds(value, scope, out)
        scope.shares[name] = Alias(value, base)
        return out + [ir.ExprStmt(copy.deepcopy(value), loc(stmt))] if isinstance(value, ir.SliceView) else out

    def hoist_bounds(self, value: ir.Expr, scope: Scope, out: list[ir.Stmt]) -> ir.Expr:
        """The view with every computed index or bound replaced by a hidden local assigned now."""
        if isinstance(value, ir.Intrinsic):
            return ir.Intrinsic(value.name, [self.hoist_bounds(value.args[0], scope, out)], value.type, value.loc)
        if not isinstance(value, ir.SliceView):
            return value
        array = self.hoist_bounds(value.array, scope, out)

        def kept(bound: ir.Expr | None) -> ir.Expr | None:
            if bound is None or isinstance(bound, (ir.Const, ir.GlobalConst)):
                return bound
            hidden = self.hidden_name("view_index")
            self.locals[hidden] = bound.type
            scope.bound.add(hidden)
            out.append(ir.Assign(hidden, bound, bound.loc))
            return ir.Var(hidden, bound.type, bound.loc)

        axes = [axis if isinstance(axis, str) else tuple(kept(b) for b in axis) if isinstance(axis, tuple)
                else kept(axis) for axis in value.axes]
        return ir.SliceView(array, axes, value.type, value.loc)

    def release_views_of(self, name: str, scope: Scope, stmt: ast.AST) -> list[ir.Stmt]:
        """Before `name` is bound anew: the views of what it held become copies (nothing else names
        that array any more; the copies are read-only, as they are several), its copies stay."""
        out: list[ir.Stmt] = []
        for other, shared in list(scope.shares.items()):
            if isinstance(shared, Alias) and shared.base == name and not views.may_read_later(self.sig.node, other, stmt):
                scope.shares[other] = Stale(f"'{other}' is a view of the array '{name}' held before line "
                                            f"{loc(stmt).line}", f"copy it first: {other} = {other}.copy()")
            elif isinstance(shared, Alias) and shared.base == name:
                out.append(ir.Assign(other, copy.deepcopy(shared.value), loc(stmt)))
                self.shared_arrays.add(other)
                del scope.shares[other]
            elif isinstance(shared, Snapshot) and name in shared.bases:
                if shared.bases == {name}:
                    del scope.shares[other]
                else:
                    scope.shares[other] = Snapshot(shared.bases - {name})
        return out

    def bind_value(self, name: str, new_type: Type, value: ir.Expr, stmt: ast.AST) -> list[ir.Stmt]:
        if isinstance(new_type, Array) and not is_new_array(value):
            self.shared_arrays.add(name)
        elif isinstance(new_type, Array) and stmt in self.sig.node.body and any(p.name == name for p in self.sig.params):
            self.fresh_params.add(name)
        return [ir.Assign(name, value, loc(stmt))]

    def optional_value(self, name: str, value: ir.Expr, scope: Scope, stmt: ast.AST) -> ir.Expr:
        """A value stored into an `X | None` variable: None, or an X (then known to be one)."""
        typ = self.locals[name]
        assert isinstance(typ, OptionalType)
        if value.type == typ:
            scope.narrowed.pop(name, None)
            return value
        if value.type == NONE:
            scope.narrowed.pop(name, None)
            return ir.Convert(ir.Const(None, typ, value.loc), typ, value.loc)
        if value.type != typ.inner:
            raise Unsupported(stmt, f"'{name}' changes type from {typ} to {value.type}", f"store a {typ.inner} or None")
        scope.narrowed[name] = typ.inner
        return ir.Convert(value, typ, value.loc)

    def aug_assign(self, node: ast.AugAssign, scope: Scope) -> list[ir.Stmt]:
        op = _BINOPS.get(type(node.op))
        if isinstance(node.target, ast.Subscript) and op is not None:
            current = self.expr(node.target, scope)
            return self.set_item(node.target, self.binop(op, current, self.expr(node.value, scope), node), scope,
                                 node)
        if not isinstance(node.target, ast.Name):
            raise Unsupported(node, f"augmented assignment to '{ast.unparse(node.target)}' is not supported yet")
        current = self.name(node.target, scope)
        if is_array(current.type) and op is not None:
            return self.in_place(node.target, current, op, self.expr(node.value, scope), scope, node)
        op = _BINOPS.get(type(node.op))
        if op is None:
            raise Unsupported(node, f"operator '{type(node.op).__name__}' is not supported yet")
        value = self.binop(op, current, self.expr(node.value, scope), node)
        return self.bind(node.target, value, scope, node)

    def in_place(self, name: ast.Name, current: ir.Expr, op: str, value: ir.Expr, scope: Scope, node: ast.AST
                 ) -> list[ir.Stmt]:
        """`x += y` on an array: NumPy updates the array object itself (every alias sees it)."""
        assert isinstance(current.type, Array)
        self.write_target(current, node, scope, in_place=True)
        result = self.binop(op, current, value, node)
        if isinstance(result.type, Array) and result.type.dtype != current.type.dtype:
            raise Unsupported(node, f"in-place '{ast.unparse(node)}' would change the dtype of '{name.id}' "
                              "(NumPy raises UFuncTypeError)")
        return [self.set_slice(current, None, result, scope, node)]

    def if_stmt(self, node: ast.If, scope: Scope) -> ir.If:
        test = self.condition(node.test, scope)
        then_scope, else_scope = scope.branch(), scope.branch()
        checked = _none_check(node.test)  # `x is None` / `x is not None`: x holds its X on one side
        if checked is not None and isinstance(self.locals.get(checked[0]), OptionalType):
            name, is_none = checked
            (else_scope if is_none else then_scope).narrowed[name] = self.locals[name].inner  # type: ignore[union-attr]
        body = self.block(node.body, then_scope)
        orelse = self.block(node.orelse, else_scope)
        live = [s for s in (then_scope, else_scope) if s.reachable]
        if len(live) == 2:
            self.copy_differing_views(then_scope, body, else_scope, orelse, node)
        scope.reachable = bool(live)
        if live:
            scope.bound = set.intersection(*(s.bound for s in live))
            scope.narrowed = {n: t for n, t in live[0].narrowed.items() if all(s.narrowed.get(n) == t for s in live)}
            scope.shares = views.merge([s.shares for s in live])
        return ir.If(test, body, orelse, loc(node))

    def copy_differing_views(self, then_scope: Scope, body: list[ir.Stmt], else_scope: Scope,
                             orelse: list[ir.Stmt], node: ast.AST) -> None:
        """`v = y[1:]` on one branch and `v = y[:-1]` (or `v = z`) on the other: `v` holds a copy
        after the `if` on both, exact until one of the arrays is written (then reading it is refused)."""
        for name in set(then_scope.shares) | set(else_scope.shares):
            sides = [(then_scope, body), (else_scope, orelse)]
            states = [s.shares.get(name) for s, _ in sides]
            if states[0] == states[1] or any(isinstance(state, Stale) for state in states) \
                    or not all(name in s.bound for s, _ in sides):
                continue
            bases: frozenset[str] = frozenset()
            for (branch, block), state in zip(sides, states):
                if isinstance(state, Alias):
                    block.append(ir.Assign(name, copy.deepcopy(state.value), loc(node)))
                    bases |= {state.base}
                elif isinstance(state, Snapshot):
                    bases |= state.bases
            self.shared_arrays.add(name)
            for branch, _ in sides:
                branch.shares[name] = Snapshot(bases)

    def for_stmt(self, node: ast.For, scope: Scope) -> list[ir.Stmt]:
        """`for` over range(...), reversed(range(...)), a 1-D array, enumerate(...) or zip(...): one
        counted loop; the targets are assigned from the counter at the top of each iteration."""
        setup: list[ir.Stmt] = []
        plan = loops.plan_loop(self, node, scope, setup)
        label = f"loop{len(self.loops)}_{node.lineno}"
        counter = plan.counter or self.hidden_name("index")
        self.bind(ast.Name(counter, ast.Store()), ir.Var(counter, INT, loc(node)), Scope(set()), node)
        scope.narrowed = _kept_through_loop(scope, node)
        body_scope = Scope(set(scope.bound) | {counter}, narrowed=dict(scope.narrowed), shares=dict(scope.shares))
        prefix: list[ir.Stmt] = []
        for target, value in plan.bindings(ir.Var(counter, INT, loc(node))):
            prefix += self.bind(target, value, body_scope, node)
        iterated = {n.id for n in ast.walk(node.iter) if isinstance(n, ast.Name)
                    and isinstance(self.locals.get(n.id), ListType)} - self.iterated_lists
        self.iterated_lists |= iterated
        try:
            body, orelse = self.loop_blocks(node, scope, body_scope.bound - scope.bound | {counter}, label)
        finally:
            self.iterated_lists -= iterated
        loop = ir.ForRange(counter, plan.start, plan.stop, plan.step, prefix + body, orelse, label, loc(node),
                           reverse=plan.reverse)
        return setup + [loop]

    def hidden_name(self, stem: str, numbered: bool = True) -> str:
        """A local name the source cannot contain (Python names do not start with a digit... but
        may start with '_': use a name absent from the function)."""
        name = f"_{stem}{len(self.locals)}" if numbered else f"_{stem}"
        while (name in self.locals and numbered) or assigned_in(self.sig.node, name):
            name += "_"
        return name

    def range_arguments(self, node: ast.Call, scope: Scope) -> tuple[ir.Expr, ir.Expr, ir.Expr]:
        if node.keywords or not 1 <= len(node.args) <= 3:
            raise Unsupported(node, "range() takes 1 to 3 positional arguments")
        args = []
        for arg_node in node.args:
            arg = self.expr(arg_node, scope)
            if arg.type not in (INT, BOOL):
                raise Unsupported(arg_node, f"range() takes ints, got {arg.type}", "convert with int(...)")
            args.append(self.convert(arg, INT, arg_node))
        if len(args) == 1:
            return ir.Const(0, INT, loc(node)), args[0], ir.Const(1, INT, loc(node))
        return args[0], args[1], args[2] if len(args) == 3 else ir.Const(1, INT, loc(node))

    def while_stmt(self, node: ast.While, scope: Scope) -> ir.While:
        outside = scope.shares
        scope.shares = views.at_loop_top(outside, node.body)
        try:
            test = self.condition(node.test, scope)
        finally:
            scope.shares = outside
        label = f"loop{len(self.loops)}_{node.lineno}"
        body, orelse = self.loop_blocks(node, scope, set(), label)
        if is_true(test) and not breaks_out(body, label):
            scope.reachable = False  # `while True` left only by return
        return ir.While(test, body, orelse, label, loc(node))

    def loop_blocks(self, node: ast.For | ast.While, scope: Scope, bound_in_body: set[str], label: str
                    ) -> tuple[list[ir.Stmt], list[ir.Stmt]]:
        """Body and else block; after the loop only what was bound before is definitely bound."""
        self.loops.append(label)
        self.break_bounds[label] = []
        self.jumps[label] = []
        scope.narrowed = _kept_through_loop(scope, node)
        top = views.at_loop_top(scope.shares, node.body)
        body_scope = Scope(scope.bound | bound_in_body, narrowed=dict(scope.narrowed), shares=dict(top))
        try:
            body = self.block(node.body, body_scope)
        finally:
            self.loops.pop()
        jumps = self.jumps.pop(label)
        again = views.merge([top] + ([body_scope.shares] if body_scope.reachable else [])
                            + [shares for kind, shares in jumps if kind == "continue"])
        self.check_loop_top(node, top, again)
        else_scope = Scope(set(scope.bound), narrowed=dict(scope.narrowed), shares=again)
        orelse = self.block(node.orelse, else_scope)
        # after the loop: reached by a `break` or from the end of the `else` block
        scope.shares = views.merge([shares for kind, shares in jumps if kind == "break"]
                                   + ([else_scope.shares] if else_scope.reachable else []))
        exits = self.break_bounds.pop(label) + ([else_scope.bound] if else_scope.reachable else [])
        if exits:
            scope.bound = set.intersection(*exits)
        else:
            scope.reachable = False
        return body, orelse

    def check_loop_top(self, node: ast.For | ast.While, top: dict, again: dict) -> None:  # type: ignore[type-arg]
        """A name the body leaves a view or a copy of another array while the body was lowered
        for something else: refused when an iteration reads it before binding it."""
        for name in set(top) | set(again):
            end = again.get(name)
            copied = isinstance(end, Snapshot) and name not in top and not any(
                views.loop_may_write(top, node.body, base) for base in end.bases)  # a copy nothing writes over
            if top.get(name) != end and not isinstance(top.get(name), Stale) and not copied \
                    and views.read_at_top(name, node.body, node.test if isinstance(node, ast.While) else None):
                raise Unsupported(node, f"'{name}' is a view or a copy of another array at the end of an iteration "
                                  "and read at the start of the next one; that is not supported yet",
                                  f"bind '{name}' at the start of the loop body, or copy it: {name}.copy()")

    def condition(self, node: ast.expr, scope: Scope) -> ir.Expr:
        """An expression used only for its truth value: `and`/`or` operands need not be bools here."""
        if isinstance(node, ast.BoolOp):
            op = "and" if isinstance(node.op, ast.And) else "or"
            return ir.BoolOp(op, [self.condition(v, scope) for v in node.values], BOOL, loc(node))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return ir.UnaryOp("not", self.condition(node.operand, scope), BOOL, loc(node))
        test = self.expr(node, scope)
        return self.truth(test, node)

    def truth(self, test: ir.Expr, node: ast.AST) -> ir.Expr:
        if test.type == DYN_BOOL:
            return ir.Convert(test, BOOL, test.loc)
        if is_bool(test.type):
            return test
        if test.type == DYN_FLOAT:
            test = ir.Convert(test, FLOAT, test.loc)
        if isinstance(test.type, Scalar):
            zero = ir.Const(0, INT, test.loc)
            return ir.Compare("ne", test, self.convert(zero, test.type, node), BOOL, test.loc)
        if isinstance(test.type, ListType):  # a list is true when it is not empty
            length = ir.Intrinsic("list.len", [test], INT, test.loc)
            return ir.Compare("ne", length, ir.Const(0, INT, test.loc), BOOL, test.loc)
        if is_array(test.type):
            raise Unsupported(node, "the truth value of an array is ambiguous (NumPy raises ValueError)",
                              "use np.any(...) or np.all(...)")
        raise Unsupported(node, f"cannot use a {test.type} as a condition")


# ---- helpers ------------------------------------------------------------------------------------


def _none_check(test: ast.expr) -> tuple[str, bool] | None:
    """(name, True) for `name is None`, (name, False) for `name is not None`."""
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.left, ast.Name) \
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value is None \
            and isinstance(test.ops[0], (ast.Is, ast.IsNot)):
        return test.left.id, isinstance(test.ops[0], ast.Is)
    return None


def _kept_through_loop(scope: Scope, loop: ast.For | ast.While) -> dict[str, Type]:
    """What stays known about `X | None` names through a loop: the names it does not assign."""
    assigned = {n.id for n in ast.walk(loop) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    return {n: t for n, t in scope.narrowed.items() if n not in assigned}


def _with_value(node: ast.stmt, value: ast.expr) -> ast.stmt:
    """A copy of an assignment or return statement with another value."""
    copy = type(node)(**{f: getattr(node, f) for f in node._fields})
    copy.value = value  # type: ignore[attr-defined]
    ast.copy_location(value, node)
    return ast.copy_location(copy, node)


def _convert_returns(body: list[ir.Stmt], typ: Scalar | OptionalType) -> None:
    """Returns of a float on one path and a numpy.float64 on another become the 'either' type;
    returns of None and of an X become `X | None`."""
    for stmt in body:
        if isinstance(stmt, ir.Return) and isinstance(typ, OptionalType) and stmt.value is None:
            stmt.value = ir.Convert(ir.Const(None, typ, stmt.loc), typ, stmt.loc)
        elif isinstance(stmt, ir.Return) and stmt.value is not None and stmt.value.type != typ:
            stmt.value = ir.Convert(stmt.value, typ, stmt.loc)
        for block in ("body", "orelse"):
            _convert_returns(getattr(stmt, block, []), typ)


def _bound_names(node: ast.stmt) -> set[str]:
    """The names a statement binds (assignments, loop targets, nested def/class, imports)."""
    names: set[str] = set()
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Store):
            names.add(inner.id)
        elif isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(inner.name)
        elif isinstance(inner, (ast.Import, ast.ImportFrom)):
            names |= {(a.asname or a.name).split(".")[0] for a in inner.names}
    return names


def _is_view_of_other(value: ir.Expr, targets: set[str]) -> bool:
    """A view of an array variable that none of `targets` is: bound as a view, not as a copy."""
    base = views.view_base(value) if isinstance(value.type, Array) and not isinstance(value, ir.Var) else None
    return base is not None and base not in targets


def _snapshot_base(value: ir.Expr) -> str | None:
    """The array variable `value` is the same array as (`V = U`) or a reshaped view of: the
    compiled code holds a copy."""
    if isinstance(value, ir.Var) and isinstance(value.type, Array):
        return value.name
    if isinstance(value, ir.Intrinsic) and value.name in ("array.reshape", "array.ravel"):
        return views.view_base(value.args[0]) or _snapshot_base(value.args[0])
    return None


def _same_array_value(old: Type, new: Type) -> bool:
    """Arrays of one dtype and ndim >= 1: how they were made (ufunc or not) matters only for 0-d ones."""
    return isinstance(old, Array) and isinstance(new, Array) and old.dtype == new.dtype \
        and old.ndim == new.ndim and old.ndim is not None and old.ndim >= 1
