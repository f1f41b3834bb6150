"""Lower one function's AST to typed IR, inferring local and return types as it goes."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from pyrs_build.frontend import arrays, loops
from pyrs_build.frontend.calls import CallLowering
from pyrs_build.frontend.complexes import ComplexLowering
from pyrs_build.frontend.lists import ListLowering
from pyrs_build.frontend.expressions import _BINOPS, _SYMBOL, ExpressionLowering
from pyrs_build.frontend import intrinsics as lib
from pyrs_build.frontend.annotations import annotation_type
from pyrs_build.frontend.errors import Poisoned, Unsupported, refusals, refuse_statement
from pyrs_build.frontend.rules import assigned_in, assignable, is_new_array, merge_arrays
from pyrs_build.frontend.scope import ModuleContext, Scope, Signature, loc
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
            self.fresh_params = set()
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
            return [ir.Break(self.loops[-1], loc(node))]
        if isinstance(node, ast.Continue):
            scope.reachable = False
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
        is_param = any(p.name == array.name for p in self.sig.params) and array.name not in self.fresh_params
        if array.name in self.shared_arrays or (is_param and assigned_in(self.sig.node, array.name)):
            raise Unsupported(target, f"'{array.name}' may be an array the caller passed in, under another name; "
                              "writing into it is not supported yet",
                              "write into the parameter itself, or into a new array (out = np.zeros(n))")
        if is_param:
            self.written.add(array.name)  # the caller's array: written in place, as in Python
        mask = self.boolean_index(target, scope)
        if mask is not None:
            return [self.set_mask(array, mask, value, node)]
        if arrays.has_slice(target, self.ctx.imports) or len(arrays.index_arguments(target)) != array.type.ndim:
            return [self.set_slice(array, target, value, scope, node)]
        indices = [self.as_index(self.expr(i, scope), target) for i in arrays.index_arguments(target)]
        element = arrays.check_element_index(array, indices, target)
        return [ir.SetItem(array.name, indices, self.stored(value, array.type, node), loc(node))]

    def set_slice(self, array: ir.Var, target: ast.Subscript | None, value: ir.Expr, scope: Scope, node: ast.AST
                  ) -> ir.SetSlice:
        """`x[1:-1] = value`, `x[:, j] = value`, `x[...] = value`: into a view of `x` (None: all of `x`)."""
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
            return ir.SetSlice(array.name, axes, value, loc(node), in_place=isinstance(node, ast.AugAssign))
        return ir.SetSlice(array.name, axes, self.stored(value, typ, node), loc(node))

    def set_mask(self, array: ir.Var, mask: ir.Expr, value: ir.Expr, node: ast.AST) -> ir.SetMask:
        """`x[mask] = value`: a scalar, or one value per selected element; `x[idx] = value` with an
        int64 index array: a scalar, or values broadcast to the shape of `x[idx]`."""
        typ = array.type
        assert isinstance(typ, Array)
        if typ.ndim == 0 and mask.type.dtype == "int64":  # type: ignore[union-attr]
            raise Unsupported(node, "indexing a 0-d array with an index array (NumPy raises IndexError)")
        if isinstance(value.type, Array):
            value = self.stored_array(value, typ, node)
            return ir.SetMask(array.name, mask, value, loc(node))
        return ir.SetMask(array.name, mask, self.stored(value, typ, node), loc(node))

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
            temps = [self.fresh_temp(v, scope, out) for v in values]
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
        assert isinstance(current, ir.Var) and isinstance(current.type, Array)
        is_param = any(p.name == current.name for p in self.sig.params) and current.name not in self.fresh_params
        if current.name in self.shared_arrays or (is_param and assigned_in(self.sig.node, current.name)):
            raise Unsupported(node, f"'{current.name}' may share memory with another array (a view, or an argument "
                              "under another name); updating it in place is not supported yet",
                              f"write '{current.name} = {current.name} {_SYMBOL[op]} {ast.unparse(node.value)}' "
                              "(a new array)")
        if is_param:
            self.written.add(current.name)
        result = self.binop(op, current, value, node)
        if isinstance(result.type, Array) and result.type.dtype != current.type.dtype:
            raise Unsupported(node, f"in-place '{ast.unparse(node)}' would change the dtype of '{current.name}' "
                              "(NumPy raises UFuncTypeError)")
        return [self.set_slice(current, None, result, scope, node)]

    def if_stmt(self, node: ast.If, scope: Scope) -> ir.If:
        test = self.condition(node.test, scope)
        then_scope = Scope(set(scope.bound), narrowed=dict(scope.narrowed))
        else_scope = Scope(set(scope.bound), narrowed=dict(scope.narrowed))
        checked = _none_check(node.test)  # `x is None` / `x is not None`: x holds its X on one side
        if checked is not None and isinstance(self.locals.get(checked[0]), OptionalType):
            name, is_none = checked
            (else_scope if is_none else then_scope).narrowed[name] = self.locals[name].inner  # type: ignore[union-attr]
        body = self.block(node.body, then_scope)
        orelse = self.block(node.orelse, else_scope)
        live = [s for s in (then_scope, else_scope) if s.reachable]
        scope.reachable = bool(live)
        if live:
            scope.bound = set.intersection(*(s.bound for s in live))
            scope.narrowed = {n: t for n, t in live[0].narrowed.items() if all(s.narrowed.get(n) == t for s in live)}
        return ir.If(test, body, orelse, loc(node))

    def for_stmt(self, node: ast.For, scope: Scope) -> list[ir.Stmt]:
        """`for` over range(...), reversed(range(...)), a 1-D array, enumerate(...) or zip(...): one
        counted loop; the targets are assigned from the counter at the top of each iteration."""
        setup: list[ir.Stmt] = []
        plan = loops.plan_loop(self, node, scope, setup)
        label = f"loop{len(self.loops)}_{node.lineno}"
        counter = plan.counter or self.hidden_name("index")
        self.bind(ast.Name(counter, ast.Store()), ir.Var(counter, INT, loc(node)), Scope(set()), node)
        scope.narrowed = _kept_through_loop(scope, node)
        body_scope = Scope(set(scope.bound) | {counter}, narrowed=dict(scope.narrowed))
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
        test = self.condition(node.test, scope)
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
        scope.narrowed = _kept_through_loop(scope, node)
        try:
            body = self.block(node.body, Scope(scope.bound | bound_in_body, narrowed=dict(scope.narrowed)))
        finally:
            self.loops.pop()
        else_scope = Scope(set(scope.bound), narrowed=dict(scope.narrowed))
        orelse = self.block(node.orelse, else_scope)
        # after the loop: reached by a `break` or from the end of the `else` block
        exits = self.break_bounds.pop(label) + ([else_scope.bound] if else_scope.reachable else [])
        if exits:
            scope.bound = set.intersection(*exits)
        else:
            scope.reachable = False
        return body, orelse

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


def _same_array_value(old: Type, new: Type) -> bool:
    """Arrays of one dtype and ndim >= 1: how they were made (ufunc or not) matters only for 0-d ones."""
    return isinstance(old, Array) and isinstance(new, Array) and old.dtype == new.dtype \
        and old.ndim == new.ndim and old.ndim is not None and old.ndim >= 1
