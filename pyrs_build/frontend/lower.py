"""Lower one function's AST to typed IR, inferring local and return types as it goes."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Callable

from pyrs_build.frontend import arrays
from pyrs_build.frontend import intrinsics as lib
from pyrs_build.frontend.errors import Unsupported
from pyrs_build.frontend.imports import ImportTable
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.walk import breaks_out, is_true
from pyrs_build.ir.types import (BOOL, DYN_BOOL, DYN_FLOAT, FLOAT, INT, NONE, NP_BOOL, NP_FLOAT64, Array, Scalar,
                                 TupleType, Type, is_array, is_bool, merge_scalars)

_BINOPS = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.FloorDiv: "floordiv",
           ast.Mod: "mod", ast.Pow: "pow"}
_CMPOPS = {ast.Lt: "lt", ast.LtE: "le", ast.Gt: "gt", ast.GtE: "ge", ast.Eq: "eq", ast.NotEq: "ne"}
_SYMBOL = {"add": "+", "sub": "-", "mul": "*", "div": "/", "floordiv": "//", "mod": "%", "pow": "**"}


@dataclass
class Signature:
    """What callers see of a function: its parameters (typed) and declared return type."""

    name: str
    params: list[ir.Param]
    declared_return: Type | None
    node: ast.FunctionDef


@dataclass
class ModuleContext:
    path: str
    imports: ImportTable
    constants: dict[str, ir.Constant]
    signatures: dict[str, Signature]
    return_type_of: Callable[[str, ast.AST], Type]  # infers a callee's return type on demand
    docstrings: dict[str, str | None]  # `__doc__` of each top-level function, as this Python makes it


def loc(node: ast.AST) -> ir.Loc:
    return ir.Loc(getattr(node, "lineno", 0), getattr(node, "col_offset", 0) + 1)


@dataclass
class _Scope:
    """Definitely-bound locals at the current point, and whether control can reach it."""

    bound: set[str]
    reachable: bool = True


@dataclass
class FunctionLowering:
    ctx: ModuleContext
    sig: Signature
    locals: dict[str, Type] = field(default_factory=dict)
    returns: list[tuple[Type, ast.AST]] = field(default_factory=list)
    loops: list[str] = field(default_factory=list)  # labels of the enclosing loops, innermost last
    shared_arrays: set[str] = field(default_factory=set)  # locals that may be the caller's array (no writes)
    widened: dict[str, Type] = field(default_factory=dict)  # locals found to need a wider type

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
            self.returns, self.shared_arrays, self.widened = [], set(), {}
            scope = _Scope({p.name for p in self.sig.params})
            body = self.block(body_nodes, scope)
            if not self.widened:
                break
            seeded |= self.widened
        return_type = self.return_type(fdef, falls_off_end=scope.reachable)
        if isinstance(return_type, Scalar):
            _convert_returns(body, return_type)
        return ir.Function(fdef.name, self.sig.params, return_type, body, dict(self.locals), docstring, loc(fdef))

    def return_type(self, fdef: ast.FunctionDef, falls_off_end: bool) -> Type:
        """The type of what the function really returns (an annotation does not convert values)."""
        found = list(self.returns)
        if falls_off_end:
            found.append((NONE, fdef))
        declared = self.sig.declared_return
        for typ, node in found:
            if declared is not None and not _assignable(typ, declared):
                what = "the end of the function is reachable (returns None)" if typ == NONE else f"returns {typ}"
                raise Unsupported(node, f"'{fdef.name}' is annotated to return {declared} but {what}",
                                  "make every path return a value of the annotated type")
        kinds = {t for t, _ in found}
        merged = kinds.pop() if len(kinds) == 1 else _merge_arrays(kinds)
        if merged is None and len(kinds) == 2:
            merged = merge_scalars(*kinds)
        if merged is None:
            described = ", ".join(sorted(map(str, kinds | {found[0][0]})))
            raise Unsupported(fdef, f"'{fdef.name}' returns values of different types ({described})",
                              "return one type on every path (e.g. 0.0 rather than 0 next to floats)")
        return merged

    # ---- statements -----------------------------------------------------------------------------

    def block(self, stmts: list[ast.stmt], scope: _Scope) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        for node in stmts:
            if not scope.reachable:
                break  # code after return is dead in Python too
            out.extend(self.stmt(node, scope))
        return out

    def stmt(self, node: ast.stmt, scope: _Scope) -> list[ir.Stmt]:
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
        if isinstance(node, ast.For):
            return [self.for_stmt(node, scope)]
        if isinstance(node, ast.While):
            return [self.while_stmt(node, scope)]
        if isinstance(node, ast.Break):
            scope.reachable = False
            return [ir.Break(self.loops[-1], loc(node))]
        if isinstance(node, ast.Continue):
            scope.reachable = False
            return [ir.Continue(loc(node))]
        if isinstance(node, ast.Expr):
            if isinstance(node.value, ast.Constant):  # a bare string or number does nothing
                return []
            return [ir.ExprStmt(self.expr(node.value, scope), loc(node))]
        raise Unsupported(node, f"'{type(node).__name__}' statements are not supported yet", _help_for(node))

    def check_returned_arrays(self, value: ir.Expr | None, node: ast.AST) -> None:
        """Python returns the caller's array (or a view of it) itself; the compiled code would
        return a copy, which differs once anybody writes into it."""
        items = value.items if isinstance(value, ir.TupleExpr) else [value]
        for item in items:
            shared = isinstance(item, ir.SliceView) or (
                isinstance(item, ir.Var) and isinstance(item.type, Array)
                and (item.name in self.shared_arrays or any(p.name == item.name for p in self.sig.params)))
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

    def set_item(self, target: ast.Subscript, value: ir.Expr, scope: _Scope, node: ast.AST) -> list[ir.Stmt]:
        """`x[i, j] = value` into an array created in this function."""
        if not isinstance(target.value, ast.Name):
            raise Unsupported(target, f"assignment to '{ast.unparse(target)}' is not supported yet")
        array = self.name(target.value, scope)
        if not isinstance(array.type, Array):
            raise Unsupported(target, f"item assignment into {array.type} is not supported yet")
        if any(p.name == array.name for p in self.sig.params) or array.name in self.shared_arrays:
            raise Unsupported(target, f"'{array.name}' may be an array the caller passed in; writing into it "
                              "is not supported yet", "write into a new array, e.g. out = np.zeros(n), and return it")
        indices = [self.expr(i, scope) for i in arrays.index_arguments(target)]
        element = arrays.check_element_index(array, indices, target)
        if not isinstance(value.type, Scalar) or (element == NP_BOOL) != is_bool(value.type):
            raise Unsupported(node, f"cannot store {value.type} into {array.type}")
        return [ir.SetItem(array.name, indices, self.convert(value, element, node), loc(node))]

    def assign(self, node: ast.Assign, scope: _Scope) -> list[ir.Stmt]:
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

    def fresh_temp(self, value: ir.Expr, scope: _Scope, out: list[ir.Stmt]) -> ir.Expr:
        if isinstance(value, (ir.Const, ir.GlobalConst)):
            return value
        name = f"_tmp{len(self.locals)}"
        while name in self.locals:
            name += "_"
        self.locals[name] = value.type
        scope.bound.add(name)
        out.append(ir.Assign(name, value, value.loc))
        return ir.Var(name, value.type, value.loc)

    def bind(self, target: ast.expr, value: ir.Expr, scope: _Scope, stmt: ast.AST) -> list[ir.Stmt]:
        if not isinstance(target, ast.Name):
            raise Unsupported(target, f"assignment to '{ast.unparse(target)}' is not supported yet",
                              "assign to a plain local name")
        name = target.id
        new_type = value.type
        if is_array(new_type):
            new_type = new_type  # keep ufunc_result: it decides scalar-vs-array at the boundary
        old = self.locals.get(name)
        wider = merge_scalars(old, new_type) if old is not None else None
        if wider is not None and old != new_type:
            if wider != old:
                self.widened[name] = wider
                self.locals[name] = wider
            value, new_type = self.convert(value, wider, stmt), wider
        elif old is not None and old != new_type:
            merged = _merge_arrays({old, new_type})
            if merged is None or merged != old:
                raise Unsupported(stmt, f"'{name}' changes type from {old} to {new_type}",
                                  "use a new name for the new value")
        if name in self.ctx.signatures or name in self.ctx.constants:
            raise Unsupported(target, f"local '{name}' shadows a module-level name", "rename the local variable")
        self.locals.setdefault(name, new_type)
        scope.bound.add(name)
        if isinstance(new_type, Array) and not _is_new_array(value):
            self.shared_arrays.add(name)
        return [ir.Assign(name, value, loc(stmt))]

    def aug_assign(self, node: ast.AugAssign, scope: _Scope) -> list[ir.Stmt]:
        op = _BINOPS.get(type(node.op))
        if isinstance(node.target, ast.Subscript) and op is not None:
            current = self.expr(node.target, scope)
            return self.set_item(node.target, self.binop(op, current, self.expr(node.value, scope), node), scope,
                                 node)
        if not isinstance(node.target, ast.Name):
            raise Unsupported(node, f"augmented assignment to '{ast.unparse(node.target)}' is not supported yet")
        current = self.name(node.target, scope)
        if is_array(current.type):
            raise Unsupported(node, "in-place operators on arrays ('x += ...') are not supported yet",
                              "write 'x = x + ...' (NumPy's in-place update writes through views)")
        op = _BINOPS.get(type(node.op))
        if op is None:
            raise Unsupported(node, f"operator '{type(node.op).__name__}' is not supported yet")
        value = self.binop(op, current, self.expr(node.value, scope), node)
        return self.bind(node.target, value, scope, node)

    def if_stmt(self, node: ast.If, scope: _Scope) -> ir.If:
        test = self.condition(node.test, scope)
        then_scope = _Scope(set(scope.bound))
        else_scope = _Scope(set(scope.bound))
        body = self.block(node.body, then_scope)
        orelse = self.block(node.orelse, else_scope)
        live = [s for s in (then_scope, else_scope) if s.reachable]
        scope.reachable = bool(live)
        if live:
            scope.bound = set.intersection(*(s.bound for s in live))
        return ir.If(test, body, orelse, loc(node))

    def for_stmt(self, node: ast.For, scope: _Scope) -> ir.ForRange:
        if not isinstance(node.target, ast.Name):
            raise Unsupported(node.target, "loop targets other than a plain name are not supported yet",
                              "loop over range(...) with one name")
        start, stop, step = self.range_arguments(node.iter, scope)
        target = node.target.id
        self.bind(node.target, ir.Var(target, INT, loc(node.target)), _Scope(set()), node)
        label = f"loop{len(self.loops)}_{node.lineno}"
        body, orelse = self.loop_blocks(node, scope, {target}, label)
        return ir.ForRange(target, start, stop, step, body, orelse, label, loc(node))

    def range_arguments(self, node: ast.expr, scope: _Scope) -> tuple[ir.Expr, ir.Expr, ir.Expr]:
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range"
                and "range" not in self.locals and not node.keywords and 1 <= len(node.args) <= 3):
            raise Unsupported(node, f"loops over '{ast.unparse(node)}' are not supported yet",
                              "loop over range(...), e.g. 'for i in range(len(x))'")
        args = []
        for arg_node in node.args:
            arg = self.expr(arg_node, scope)
            if arg.type not in (INT, BOOL):
                raise Unsupported(arg_node, f"range() takes ints, got {arg.type}", "convert with int(...)")
            args.append(self.convert(arg, INT, arg_node))
        if len(args) == 1:
            return ir.Const(0, INT, loc(node)), args[0], ir.Const(1, INT, loc(node))
        return args[0], args[1], args[2] if len(args) == 3 else ir.Const(1, INT, loc(node))

    def while_stmt(self, node: ast.While, scope: _Scope) -> ir.While:
        test = self.condition(node.test, scope)
        label = f"loop{len(self.loops)}_{node.lineno}"
        body, orelse = self.loop_blocks(node, scope, set(), label)
        if is_true(test) and not breaks_out(body, label):
            scope.reachable = False  # `while True` left only by return
        return ir.While(test, body, orelse, label, loc(node))

    def loop_blocks(self, node: ast.For | ast.While, scope: _Scope, bound_in_body: set[str], label: str
                    ) -> tuple[list[ir.Stmt], list[ir.Stmt]]:
        """Body and else block; after the loop only what was bound before is definitely bound."""
        self.loops.append(label)
        try:
            body = self.block(node.body, _Scope(scope.bound | bound_in_body))
        finally:
            self.loops.pop()
        orelse = self.block(node.orelse, _Scope(set(scope.bound)))
        return body, orelse

    def condition(self, node: ast.expr, scope: _Scope) -> ir.Expr:
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
        if is_array(test.type):
            raise Unsupported(node, "the truth value of an array is ambiguous (NumPy raises ValueError)",
                              "use np.any(...) or np.all(...)")
        raise Unsupported(node, f"cannot use a {test.type} as a condition")

    # ---- expressions ----------------------------------------------------------------------------

    def expr(self, node: ast.expr, scope: _Scope) -> ir.Expr:
        method = getattr(self, f"expr_{type(node).__name__}", None)
        if method is None:
            raise Unsupported(node, f"'{type(node).__name__}' expressions are not supported yet", _help_for(node))
        return method(node, scope)

    def expr_Constant(self, node: ast.Constant, scope: _Scope) -> ir.Expr:
        value = node.value
        if isinstance(value, bool):
            return ir.Const(value, BOOL, loc(node))
        if isinstance(value, int):
            if not -(2**63) <= value < 2**63:
                raise Unsupported(node, "integer literal does not fit in 64 bits", "use a float literal")
            return ir.Const(value, INT, loc(node))
        if isinstance(value, float):
            return ir.Const(value, FLOAT, loc(node))
        if value is None:
            return ir.Const(None, NONE, loc(node))
        raise Unsupported(node, f"{type(value).__name__} constants are not supported yet")

    def expr_Name(self, node: ast.Name, scope: _Scope) -> ir.Expr:
        return self.name(node, scope)

    def name(self, node: ast.Name, scope: _Scope) -> ir.Expr:
        if node.id in self.locals or _assigned_in(self.sig.node, node.id):
            if node.id not in scope.bound:
                raise Unsupported(node, f"'{node.id}' may be used before it is assigned",
                                  "assign it on every path before this line")
            return ir.Var(node.id, self.locals[node.id], loc(node))
        if node.id in self.ctx.constants:
            const = self.ctx.constants[node.id]
            return ir.GlobalConst(node.id, const.type, loc(node))
        qualified = self.ctx.imports.qualified(node)
        constant = _library_constant(qualified)
        if constant is not None:
            return ir.Const(constant, FLOAT, loc(node))
        raise Unsupported(node, f"name '{node.id}' is not a local, a parameter or a module constant",
                          "module-level names must be constants assigned once from literals")

    def expr_Attribute(self, node: ast.Attribute, scope: _Scope) -> ir.Expr:
        qualified = self.ctx.imports.qualified(node)
        constant = _library_constant(qualified)
        if constant is not None:
            return ir.Const(constant, FLOAT, loc(node))
        if qualified is None:
            value = self.expr(node.value, scope)
            if isinstance(value.type, Array):
                return arrays.array_attribute(value, node.attr, node)
        raise Unsupported(node, f"attribute '{ast.unparse(node)}' is not supported yet")

    def expr_Subscript(self, node: ast.Subscript, scope: _Scope) -> ir.Expr:
        value = self.expr(node.value, scope)
        if isinstance(value.type, TupleType):
            return arrays.tuple_item(value, node.slice, node)
        if not isinstance(value.type, Array):
            raise Unsupported(node, f"indexing {value.type} is not supported yet")
        if arrays.has_slice(node):
            axes = [self.slice_bounds(i, scope) if isinstance(i, ast.Slice) else self.expr(i, scope)
                    for i in arrays.index_arguments(node)]
            return arrays.slice_view(value, axes, node)
        indices = [self.expr(i, scope) for i in arrays.index_arguments(node)]
        element = arrays.check_element_index(value, indices, node)
        return ir.Intrinsic("array.item", [value, *indices], element, loc(node))

    def slice_bounds(self, node: ast.Slice, scope: _Scope) -> tuple[ir.Expr | None, ...]:
        return tuple(self.expr(part, scope) if part is not None else None
                     for part in (node.lower, node.upper, node.step))

    def expr_UnaryOp(self, node: ast.UnaryOp, scope: _Scope) -> ir.Expr:
        operand = self.expr(node.operand, scope)
        if isinstance(node.op, ast.Not):
            return ir.UnaryOp("not", self.truth(operand, node), BOOL, loc(node))
        op = {ast.USub: "neg", ast.UAdd: "pos"}.get(type(node.op))
        if op == "neg" and isinstance(operand, ir.Const) and type(operand.value) in (int, float) \
                and -operand.value < 2**63:  # type: ignore[operator]
            return ir.Const(-operand.value, operand.type, loc(node))  # a negative literal
        if op is None:
            raise Unsupported(node, f"unary operator '{type(node.op).__name__}' is not supported yet")
        if is_array(operand.type):
            _require_float_array(operand, node)
            return ir.UnaryOp(op, operand, _ufunc_array(operand.type), loc(node))
        typ = operand.type
        if typ == BOOL:
            operand, typ = self.convert(operand, INT, node), INT
        if not isinstance(typ, Scalar) or typ.kind == "np_bool":
            raise Unsupported(node, f"unary '{ast.unparse(node)[:1]}' on {operand.type} is not supported")
        return ir.UnaryOp(op, operand, typ, loc(node))

    def expr_BinOp(self, node: ast.BinOp, scope: _Scope) -> ir.Expr:
        op = _BINOPS.get(type(node.op))
        if op is None:
            raise Unsupported(node, f"operator '{type(node.op).__name__}' is not supported yet")
        return self.binop(op, self.expr(node.left, scope), self.expr(node.right, scope), node)

    def binop(self, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        if is_array(left.type) or is_array(right.type):
            return self.array_binop(op, left, right, node)
        if not (isinstance(left.type, Scalar) and isinstance(right.type, Scalar)):
            raise Unsupported(node, f"'{_SYMBOL[op]}' between {left.type} and {right.type} is not supported")
        kinds = {left.type.kind, right.type.kind}
        if kinds & {"np_bool", "dyn_bool"}:
            raise Unsupported(node, "arithmetic on numpy.bool_ is not supported yet", "convert with bool(...)")
        if "np_float64" in kinds:
            result = NP_FLOAT64
        elif "dyn_float" in kinds:  # numpy.float64 if either operand is one at run time
            result = DYN_FLOAT
        elif "float" in kinds:
            result = FLOAT
        else:
            result = FLOAT if op == "div" else INT
            if op == "pow" and not (isinstance(right, ir.Const) and isinstance(right.value, int) and right.value >= 0):
                raise Unsupported(node, "int ** int with a non-constant or negative exponent has a value-dependent "
                                  "type (int or float)", "write float(base) ** exponent, or a constant exponent")
        operand_type = INT if result == FLOAT and op == "div" and kinds <= {"int", "bool"} else result
        return ir.BinOp(op, self.convert(left, operand_type, node), self.convert(right, operand_type, node),
                        result, loc(node))

    def array_binop(self, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        for side in (left, right):
            if is_array(side.type):
                _require_float_array(side, node)
            elif not (isinstance(side.type, Scalar) and side.type.kind in ("float", "int", "np_float64", "bool",
                                                                            "dyn_float")):
                raise Unsupported(node, f"'{_SYMBOL[op]}' between {left.type} and {right.type} is not supported")
        result = Array("float64", _broadcast_ndim(left.type, right.type), ufunc_result=True)
        return ir.BinOp(op, self.to_element(left, node), self.to_element(right, node), result, loc(node))

    def to_element(self, value: ir.Expr, node: ast.AST) -> ir.Expr:
        """A scalar operand of an array operation becomes a float64 (NumPy's weak-scalar rule)."""
        if isinstance(value.type, Scalar) and value.type != NP_FLOAT64 and value.type.kind != "np_bool":
            if is_bool(value.type):
                raise Unsupported(node, "bool scalars in array arithmetic are not supported yet", "use 0.0/1.0")
            return self.convert(value, NP_FLOAT64, node)
        return value

    def expr_Compare(self, node: ast.Compare, scope: _Scope) -> ir.Expr:
        operands = [self.expr(node.left, scope)] + [self.expr(c, scope) for c in node.comparators]
        parts: list[ir.Expr] = []
        for index, op_node in enumerate(node.ops):
            op = _CMPOPS.get(type(op_node))
            if op is None:
                raise Unsupported(node, f"comparison '{type(op_node).__name__}' is not supported yet")
            if 0 < index < len(node.ops) and not isinstance(operands[index], (ir.Var, ir.Const, ir.GlobalConst)):
                raise Unsupported(node, "chained comparison with a computed middle operand is not supported yet",
                                  "store the middle operand in a variable first")
            parts.append(self.compare(op, operands[index], operands[index + 1], node))
        if len(parts) == 1:
            return parts[0]
        if any(is_array(p.type) for p in parts):
            raise Unsupported(node, "chained comparison of arrays is ambiguous (NumPy raises ValueError)",
                              "combine the comparisons with '&'")
        return ir.BoolOp("and", parts, BOOL, loc(node))

    def compare(self, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        if is_array(left.type) or is_array(right.type):
            for side in (left, right):
                if is_array(side.type):
                    _require_float_array(side, node)
            ndim = _broadcast_ndim(left.type, right.type)
            return ir.Compare(op, self.to_element(left, node), self.to_element(right, node),
                              Array("bool", ndim, ufunc_result=True), loc(node))
        if not (isinstance(left.type, Scalar) and isinstance(right.type, Scalar)):
            raise Unsupported(node, f"comparing {left.type} with {right.type} is not supported")
        numpy = left.type.is_numpy or right.type.is_numpy
        if numpy:
            return ir.Compare(op, self.to_element(left, node), self.to_element(right, node), NP_BOOL, loc(node))
        kinds = {left.type.kind, right.type.kind}
        if "dyn_float" in kinds:  # compared as floats; numpy.bool_ when a numpy.float64 took part
            return ir.Compare(op, left, right, DYN_BOOL, loc(node))
        if kinds <= {"int", "bool"}:
            return ir.Compare(op, self.convert(left, INT, node), self.convert(right, INT, node), BOOL, loc(node))
        if kinds == {"float"}:
            return ir.Compare(op, left, right, BOOL, loc(node))
        # int vs float: Python compares exactly, not through a float conversion of the int
        return ir.Compare(op, self.convert_bool_to_int(left, node), self.convert_bool_to_int(right, node), BOOL,
                          loc(node))

    def convert_bool_to_int(self, value: ir.Expr, node: ast.AST) -> ir.Expr:
        return self.convert(value, INT, node) if value.type == BOOL else value

    def expr_BoolOp(self, node: ast.BoolOp, scope: _Scope) -> ir.Expr:
        values = [self.expr(v, scope) for v in node.values]
        types = {v.type for v in values}
        if types != {BOOL}:
            raise Unsupported(node, "'and'/'or' are supported on bool operands only "
                              f"(got {', '.join(sorted(map(str, types)))}); on other values Python returns "
                              "an operand, not a bool", "compare explicitly, e.g. 'x != 0 and y > 1'")
        op = "and" if isinstance(node.op, ast.And) else "or"
        return ir.BoolOp(op, values, BOOL, loc(node))

    def expr_IfExp(self, node: ast.IfExp, scope: _Scope) -> ir.Expr:
        test = self.condition(node.test, scope)
        body, orelse = self.expr(node.body, scope), self.expr(node.orelse, scope)
        typ = body.type if body.type == orelse.type else (
            merge_scalars(body.type, orelse.type) or _merge_arrays({body.type, orelse.type}))
        if typ is not None and isinstance(typ, Scalar):
            body, orelse = self.convert(body, typ, node), self.convert(orelse, typ, node)
        if typ is None:
            raise Unsupported(node, f"the two branches have different types ({body.type} and {orelse.type})",
                              "make both branches the same type, e.g. with float(...)")
        return ir.IfExp(test, body, orelse, typ, loc(node))

    def expr_Tuple(self, node: ast.Tuple, scope: _Scope) -> ir.Expr:
        items = [self.expr(e, scope) for e in node.elts]
        return ir.TupleExpr(items, TupleType(tuple(i.type for i in items)), loc(node))

    # ---- calls ----------------------------------------------------------------------------------

    def expr_Call(self, node: ast.Call, scope: _Scope) -> ir.Expr:
        if isinstance(node.func, ast.Name) and node.func.id in self.ctx.signatures:
            return self.user_call(node, scope)
        qualified = self.ctx.imports.qualified(node.func)
        if qualified is None and isinstance(node.func, ast.Attribute):
            return self.method_call(node, scope)
        if qualified is None and isinstance(node.func, ast.Name) and node.func.id in lib.BUILTINS \
                and node.func.id not in self.locals:
            qualified = node.func.id
        if qualified is None:
            raise Unsupported(node, f"call of '{ast.unparse(node.func)}' is not supported",
                              "only functions of this module, builtins abs/min/max/float/int/bool/len, math and numpy "
                              "functions can be called")
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise Unsupported(node, "'*args' in calls is not supported yet")
        args = [self.expr(a, scope) for a in node.args]
        if qualified in arrays.CREATORS:
            keywords = {k.arg or "": self.ctx.imports.qualified(k.value) or ast.unparse(k.value) for k in node.keywords}
            return arrays.array_creation(qualified, args, keywords, node)
        if node.keywords:
            raise Unsupported(node, f"keyword arguments to '{qualified}' are not supported yet")
        if qualified == "len" and len(args) == 1:
            return arrays.length(args[0], node)
        return self.library_call(qualified, args, node)

    def method_call(self, node: ast.Call, scope: _Scope) -> ir.Expr:
        """`x.sum()` and the other array methods that have a function form."""
        assert isinstance(node.func, ast.Attribute)
        value = self.expr(node.func.value, scope)
        reduction = lib.REDUCTION_METHODS.get(node.func.attr)
        if not isinstance(value.type, Array) or reduction is None or node.args or node.keywords:
            raise Unsupported(node, f"method call '{ast.unparse(node.func)}(...)' is not supported yet",
                              "array methods supported: x.sum(), x.mean(), x.max(), x.min()")
        return self.reduction(reduction, value, node)

    def reduction(self, reduction: str, value: ir.Expr, node: ast.AST) -> ir.Expr:
        if not (isinstance(value.type, Array) and value.type.dtype == "float64"):
            raise Unsupported(node, f"np.{reduction} of {value.type} is not supported yet",
                              "reductions of float64 arrays over all elements are supported")
        return ir.Intrinsic(f"reduce.{reduction}", [value], NP_FLOAT64, loc(node))

    def user_call(self, node: ast.Call, scope: _Scope) -> ir.Expr:
        sig = self.ctx.signatures[node.func.id]  # type: ignore[union-attr]
        bound = _bind_call(sig, node)
        args: list[ir.Expr] = []
        for param, arg_node in zip(sig.params, bound):
            if arg_node is None:
                if param.default is None:
                    raise Unsupported(node, f"the default of '{param.name}' ({param.default_source}) is not a "
                                      "constant, so it cannot be filled in here", "pass the argument explicitly")
                args.append(param.default)
                continue
            arg = self.expr(arg_node, scope)
            if not _passable(arg.type, param.type):
                raise Unsupported(arg_node, f"argument '{param.name}' of '{sig.name}' is compiled for {param.type}, "
                                  f"but this call passes {arg.type} (Python would run the callee on that object)",
                                  f"pass a {param.type} (e.g. 1.0 rather than 1, or float(x))")
            args.append(arg)
        return ir.Call(sig.name, args, self.ctx.return_type_of(sig.name, node), loc(node))

    def library_call(self, name: str, args: list[ir.Expr], node: ast.Call) -> ir.Expr:
        arity = lib.NUMPY_FLOAT_UFUNCS.get(name) or lib.NUMPY_PREDICATES.get(name)
        if arity is not None:
            return self.numpy_ufunc(name, args, arity, node)
        if name == "numpy.where":
            return self.numpy_where(args, node)
        if name in lib.REDUCTIONS and len(args) == 1:
            return self.reduction(lib.REDUCTIONS[name], args[0], node)
        if name in lib.MATH_FLOAT or name in lib.MATH_TO_INT or name in lib.MATH_PREDICATES:
            return self.math_call(name, args, node)
        if name == "math.log":
            return self.math_call(name, args, node)
        if name in ("abs", "min", "max", "float", "int", "bool"):
            return self.builtin_call(name, args, node)
        raise Unsupported(node, f"'{name}' is not supported yet", "see the supported-functions list in the docs")

    def numpy_ufunc(self, name: str, args: list[ir.Expr], arity: int, node: ast.Call) -> ir.Expr:
        _check_arity(name, args, arity, node)
        for arg in args:
            if is_array(arg.type):
                _require_float_array(arg, node)
            elif not (isinstance(arg.type, Scalar) and arg.type.kind in ("float", "int", "np_float64", "dyn_float")):
                raise Unsupported(node, f"'{name}' of {arg.type} is not supported yet")
        elements = [self.to_element(a, node) for a in args]
        predicate = name in lib.NUMPY_PREDICATES
        if any(is_array(a.type) for a in args):
            ndim = _broadcast_ndim(*(a.type for a in args))
            typ: Type = Array("bool" if predicate else "float64", ndim, ufunc_result=True)
        else:
            typ = NP_BOOL if predicate else NP_FLOAT64
        return ir.Intrinsic(name, elements, typ, loc(node))

    def numpy_where(self, args: list[ir.Expr], node: ast.Call) -> ir.Expr:
        if len(args) != 3:
            raise Unsupported(node, "np.where with one argument (indices) is not supported yet",
                              "use np.where(condition, x, y)")
        cond, a, b = args
        if not (cond.type == Array("bool", cond.type.ndim, cond.type.ufunc_result) if is_array(cond.type)
                else is_bool(cond.type)):
            raise Unsupported(node, f"np.where condition must be a bool array, got {cond.type}",
                              "compare, e.g. np.where(x > 0, ...)")
        for value in (a, b):
            if is_array(value.type):
                _require_float_array(value, node)
            elif not (isinstance(value.type, Scalar) and value.type.kind in ("float", "int", "np_float64",
                                                                              "dyn_float")):
                raise Unsupported(node, f"np.where values must be float64 arrays or numbers, got {value.type}")
        if all(isinstance(v.type, Scalar) and v.type.kind == "int" for v in (a, b)):
            raise Unsupported(node, "np.where over two ints gives an int64 array, not supported yet",
                              "use float literals, e.g. 1.0 and 0.0")
        cond_element = cond if is_array(cond.type) else self.convert(cond, NP_BOOL, node)
        ndim = _broadcast_ndim(cond.type, a.type, b.type)
        return ir.Intrinsic("numpy.where", [cond_element, self.to_element(a, node), self.to_element(b, node)],
                            Array("float64", ndim, ufunc_result=False), loc(node))

    def math_call(self, name: str, args: list[ir.Expr], node: ast.Call) -> ir.Expr:
        arity = lib.MATH_FLOAT[name][0] if name in lib.MATH_FLOAT else 1
        if name == "math.log":
            arity = len(args) if len(args) in (1, 2) else 1
        _check_arity(name, args, arity, node)
        converted = []
        for arg in args:
            if not (isinstance(arg.type, Scalar) and arg.type.kind in ("float", "int", "bool", "np_float64",
                                                                       "dyn_float")):
                raise Unsupported(node, f"'{name}' of {arg.type} is not supported", "math functions take scalars; "
                                  "use the numpy function for arrays")
            converted.append(self.convert(arg, FLOAT, node))
        typ = INT if name in lib.MATH_TO_INT else BOOL if name in lib.MATH_PREDICATES else FLOAT
        return ir.Intrinsic(name, converted, typ, loc(node))

    def builtin_call(self, name: str, args: list[ir.Expr], node: ast.Call) -> ir.Expr:
        if any(not isinstance(a.type, Scalar) for a in args):
            raise Unsupported(node, f"'{name}' of {', '.join(str(a.type) for a in args)} is not supported yet",
                              "use the numpy function for arrays (np.abs, np.maximum, ...)")
        if name in ("min", "max"):
            if len(args) < 2:
                raise Unsupported(node, f"'{name}' of an iterable is not supported yet", "pass the values directly")
            kinds = {a.type for a in args}
            if len(kinds) != 1:
                raise Unsupported(node, f"'{name}' of mixed types returns one of its arguments unchanged, so its "
                                  "type depends on the values", "convert all arguments to one type first")
            return ir.Intrinsic(name, args, args[0].type, loc(node))
        _check_arity(name, args, 1, node)
        (arg,) = args
        if name == "abs":
            typ = INT if arg.type == BOOL else arg.type
            return ir.Intrinsic("abs", [self.convert(arg, typ, node)], typ, loc(node))
        if name == "float":
            return ir.Intrinsic("float", [arg], FLOAT, loc(node))
        if name == "int":
            return ir.Intrinsic("int", [arg], INT, loc(node))
        return self.truth(arg, node) if arg.type != BOOL else arg

    # ---- conversions ----------------------------------------------------------------------------

    def convert(self, value: ir.Expr, to: Type, node: ast.AST) -> ir.Expr:
        if value.type == to:
            return value
        if isinstance(value, ir.Const) and isinstance(to, Scalar) and value.value is not None:
            if to.kind in ("float", "np_float64"):
                return ir.Const(float(value.value), to, value.loc)
            if to.kind == "int" and isinstance(value.value, (bool, int)):
                return ir.Const(int(value.value), to, value.loc)
        return ir.Convert(value, to, value.loc)


# ---- helpers ------------------------------------------------------------------------------------


def _convert_returns(body: list[ir.Stmt], typ: Scalar) -> None:
    """Returns of a float on one path and a numpy.float64 on another become the 'either' type."""
    for stmt in body:
        if isinstance(stmt, ir.Return) and stmt.value is not None and stmt.value.type != typ:
            stmt.value = ir.Convert(stmt.value, typ, stmt.loc)
        for block in ("body", "orelse"):
            _convert_returns(getattr(stmt, block, []), typ)


def _is_new_array(value: ir.Expr) -> bool:
    """An array NumPy creates afresh (not possibly an alias of an argument)."""
    if isinstance(value, ir.Intrinsic):
        return value.name in arrays.CREATORS or value.name.startswith("numpy.")
    return isinstance(value, (ir.BinOp, ir.UnaryOp, ir.Compare))


def _assigned_in(fdef: ast.FunctionDef, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store) for n in ast.walk(fdef))


def _library_constant(qualified: str | None) -> float | None:
    import math

    table = {"math.pi": math.pi, "math.e": math.e, "math.tau": math.tau, "math.inf": math.inf,
             "math.nan": math.nan, "numpy.pi": math.pi, "numpy.e": math.e, "numpy.inf": math.inf,
             "numpy.nan": math.nan}
    return table.get(qualified or "")


def _assignable(actual: Type, expected: Type) -> bool:
    if actual == expected:
        return True
    if isinstance(actual, Array) and isinstance(expected, Array):
        return actual.dtype == expected.dtype and (expected.ndim is None or actual.ndim == expected.ndim)
    if isinstance(actual, Scalar) and isinstance(expected, Scalar):
        return (actual.kind, expected.kind) in {("int", "float"), ("bool", "float"), ("bool", "int"),
                                                ("np_float64", "float"), ("np_bool", "bool"),
                                                ("dyn_float", "float"), ("dyn_bool", "bool")}
    if isinstance(actual, TupleType) and isinstance(expected, TupleType):
        return len(actual.items) == len(expected.items) and all(
            _assignable(a, e) for a, e in zip(actual.items, expected.items))
    return False


def _passable(actual: Type, expected: Type) -> bool:
    """An argument the compiled callee handles exactly as the original would: the same type (arrays
    of the callee's dtype and any matching ndim)."""
    if isinstance(actual, Array) and isinstance(expected, Array):
        return actual.dtype == expected.dtype and (expected.ndim is None or actual.ndim == expected.ndim)
    return actual == expected


def _merge_arrays(types: set[Type]) -> Type | None:
    """Arrays of one dtype merge into 'any ndim'; anything else does not merge."""
    if not types or not all(isinstance(t, Array) for t in types):
        return None
    arrays = [t for t in types if isinstance(t, Array)]
    if len({a.dtype for a in arrays}) != 1 or len({a.ufunc_result for a in arrays}) != 1:
        return None
    ndims = {a.ndim for a in arrays}
    return Array(arrays[0].dtype, ndims.pop() if len(ndims) == 1 else None, arrays[0].ufunc_result)


def _broadcast_ndim(*types: Type) -> int | None:
    ndims = [t.ndim if isinstance(t, Array) else 0 for t in types]
    return None if any(n is None for n in ndims) else max(ndims)  # type: ignore[type-var]


def _ufunc_array(typ: Type) -> Array:
    assert isinstance(typ, Array)
    return Array(typ.dtype, typ.ndim, ufunc_result=True)


def _require_float_array(value: ir.Expr, node: ast.AST) -> None:
    if not (isinstance(value.type, Array) and value.type.dtype == "float64"):
        raise Unsupported(node, f"arithmetic on {value.type} is not supported yet", "use float64 arrays")


def _check_arity(name: str, args: list[ir.Expr], arity: int, node: ast.AST) -> None:
    if len(args) != arity:
        raise Unsupported(node, f"'{name}' takes {arity} argument(s), got {len(args)}")


def _bind_call(sig: Signature, node: ast.Call) -> list[ast.expr | None]:
    """Match a call's arguments to parameters as Python does; None where the default applies."""
    if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
        raise Unsupported(node, "'*args'/'**kwargs' in calls is not supported yet")
    positional = [p for p in sig.params if p.kind != "keyword_only"]
    if len(node.args) > len(positional):
        raise Unsupported(node, f"'{sig.name}' takes {len(positional)} positional arguments but "
                          f"{len(node.args)} were given")
    bound: dict[str, ast.expr] = {p.name: a for p, a in zip(positional, node.args)}
    for keyword in node.keywords:
        param = next((p for p in sig.params if p.name == keyword.arg), None)
        if param is None or param.kind == "positional_only":
            raise Unsupported(keyword, f"'{sig.name}' has no keyword parameter '{keyword.arg}'")
        if keyword.arg in bound:
            raise Unsupported(keyword, f"'{sig.name}' got multiple values for argument '{keyword.arg}'")
        bound[keyword.arg] = keyword.value  # type: ignore[index]
    result: list[ast.expr | None] = []
    for param in sig.params:
        if param.name not in bound and param.default_source is None:
            raise Unsupported(node, f"'{sig.name}' is missing argument '{param.name}'")
        result.append(bound.get(param.name))
    return result


def _help_for(node: ast.AST) -> str:
    hints = {
        "For": "loops arrive with the plain-Python support; vectorise with NumPy for now",
        "While": "loops arrive with the plain-Python support; vectorise with NumPy for now",
        "Subscript": "indexing and slicing are not supported yet",
        "ListComp": "build arrays with NumPy functions instead",
        "Raise": "keep functions that raise in Python for now",
        "Lambda": "define a module-level function instead",
    }
    return hints.get(type(node).__name__, "")
