"""Array-expression fusion: every maximal tree of elementwise array operations becomes one Kernel,
a single loop over the broadcast shape with no temporary arrays. Scalar subtrees are evaluated once
before the loop (with their own Python semantics), array-valued non-elementwise parts (variables,
calls) become the loop's operands."""

from __future__ import annotations

import dataclasses
from typing import Callable

from pyrs_build.frontend.intrinsics import NUMPY_FLOAT_UFUNCS, NUMPY_PREDICATES, SCIPY_UFUNCS
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.types import ELEMENT_OF_DTYPE, Array, Scalar
from pyrs_build.passes.evaluation_order import FunctionOrder, OrderBuilder, Ref, without_redundant_checks

_ELEMENTWISE_INTRINSICS = set(NUMPY_FLOAT_UFUNCS) | set(NUMPY_PREDICATES) | set(SCIPY_UFUNCS) | {"numpy.where"}
# `array ** c` for these constants is another ufunc in NumPy (its fast paths), with other rounding
_POWER_FAST_PATHS = {2.0: "numpy.square", 0.5: "numpy.sqrt", -1.0: "numpy.reciprocal", 1.0: "numpy.positive"}


def fuse_module(module: ir.Module) -> ir.Module:
    elementwise = set(module.element_functions)
    orders: dict[str, FunctionOrder] = module.element_orders  # type: ignore[assignment]
    for function in module.functions:
        names = _NameSource(set(function.locals) | {p.name for p in function.params}, elementwise, orders)
        function.body = [_fuse_stmt(s, names) for s in function.body]
    return module


class _NameSource:
    """Fresh names for hoisted values that collide with no local of the function; and which
    functions of the module have a per-element form a loop can call."""

    def __init__(self, taken: set[str], elementwise: set[str] | None = None,
                 orders: dict[str, FunctionOrder] | None = None) -> None:
        self.taken = taken
        self.counter = 0
        self.elementwise = elementwise or set()
        self.orders = orders or {}  # NumPy's operations in each elementwise function

    def fresh(self) -> str:
        while True:
            name = f"tmp{self.counter}"
            self.counter += 1
            if name not in self.taken:
                self.taken.add(name)
                return name


def _fuse_stmt(stmt: ir.Stmt, names: _NameSource) -> ir.Stmt:
    if isinstance(stmt, (ir.If, ir.While)):
        return dataclasses.replace(stmt, test=_fuse_expr(stmt.test, names),
                                   body=[_fuse_stmt(s, names) for s in stmt.body],
                                   orelse=[_fuse_stmt(s, names) for s in stmt.orelse])
    if isinstance(stmt, ir.ForRange):
        return dataclasses.replace(stmt, start=_fuse_expr(stmt.start, names), stop=_fuse_expr(stmt.stop, names),
                                   step=_fuse_expr(stmt.step, names),
                                   body=[_fuse_stmt(s, names) for s in stmt.body],
                                   orelse=[_fuse_stmt(s, names) for s in stmt.orelse])
    if isinstance(stmt, (ir.Assign, ir.ExprStmt)):
        return dataclasses.replace(stmt, value=_fuse_expr(stmt.value, names))
    if isinstance(stmt, ir.SetMask):
        return dataclasses.replace(stmt, mask=_fuse_expr(stmt.mask, names), value=_fuse_expr(stmt.value, names))
    if isinstance(stmt, ir.SetSlice):
        return dataclasses.replace(stmt, value=_fuse_expr(stmt.value, names, in_place=stmt.in_place))
    if isinstance(stmt, ir.SetItem):
        return dataclasses.replace(stmt, indices=[_fuse_expr(i, names) for i in stmt.indices],
                                   value=_fuse_expr(stmt.value, names))
    if isinstance(stmt, ir.Return) and stmt.value is not None:
        return ir.Return(_fuse_expr(stmt.value, names), stmt.loc)
    return stmt


def _is_elementwise(expr: ir.Expr, elementwise_functions: set[str] = frozenset()) -> bool:  # type: ignore[assignment]
    if not isinstance(expr.type, Array):
        return False
    if isinstance(expr, (ir.BinOp, ir.UnaryOp, ir.Compare, ir.Convert)):  # Convert: a dtype cast
        return True
    if isinstance(expr, ir.Call):
        return expr.func in elementwise_functions
    return isinstance(expr, ir.Intrinsic) and expr.name in _ELEMENTWISE_INTRINSICS


def _fuse_expr(expr: ir.Expr, names: _NameSource, in_place: bool = False) -> ir.Expr:
    """`in_place`: the value of `x[...] += y`, whose last operation NumPy does in place."""
    if _is_elementwise(expr, names.elementwise):
        return KernelBuilder(names).build(expr, in_place)
    return _map_children(expr, lambda child: _fuse_expr(child, names))


def _map_children(expr: ir.Expr, fn) -> ir.Expr:  # type: ignore[no-untyped-def]
    changes = {}
    for field in dataclasses.fields(expr):
        value = getattr(expr, field.name)
        if field.name in ("type", "loc", "axes", "order"):  # slice bounds are ints, order is no expression
            continue
        if isinstance(value, list) and value and not isinstance(value[0], tuple):
            changes[field.name] = [fn(v) for v in value]
        elif dataclasses.is_dataclass(value) and not isinstance(value, (ir.Loc, Scalar, Array)) \
                and hasattr(value, "type"):
            changes[field.name] = fn(value)
    return dataclasses.replace(expr, **changes)


class KernelBuilder:
    """Builds the per-element form of an elementwise expression. `inline`: for the body of an
    elementwise function, where array variables already are elements and nothing is hoisted."""

    def __init__(self, names: _NameSource, inline: bool = False) -> None:
        self.names = names
        self.inline = inline
        self.leaves: list[tuple[str, ir.Expr]] = []
        self.by_var: dict[str, str] = {}
        self.order = OrderBuilder(names.orders)
        self.operand: Ref = None  # what the last expression made an element of is, to NumPy

    def build(self, root: ir.Expr, in_place: bool = False) -> ir.Kernel:
        body = self.element(root)
        steps = self.order.steps
        if in_place and steps and isinstance(steps[-1], ir.ArrayOp):
            steps[-1].in_place = True
        return ir.Kernel(self.leaves, body, root.type, root.loc, without_redundant_checks(steps))

    def element(self, expr: ir.Expr) -> ir.Expr:
        """The per-element form of `expr`."""
        self.operand = None
        if _is_elementwise(expr, self.names.elementwise):
            return self.elementwise(expr)
        if isinstance(expr.type, Array):
            return self.array_leaf(expr)
        if self.inline or isinstance(expr, (ir.Const, ir.Var, ir.GlobalConst)):
            return expr
        if isinstance(expr, ir.Convert) and isinstance(expr.operand, (ir.Const, ir.Var, ir.GlobalConst)):
            return expr
        return self.scalar_leaf(expr)

    def elementwise(self, expr: ir.Expr) -> ir.Expr:
        assert isinstance(expr.type, Array)
        element_type = ELEMENT_OF_DTYPE[expr.type.dtype]
        operands: list[Ref] = []

        def operand(child: ir.Expr) -> ir.Expr:
            converted = self.element(child)
            operands.append(self.operand)
            return converted

        if isinstance(expr, ir.Call):  # an elementwise function: call its per-element form
            args = [operand(a) for a in expr.args]
            self.operand = self.order.call(expr.func, operands, expr.type.dtype)
            return ir.Call(expr.func, args, element_type, expr.loc, element=True)
        if isinstance(expr, ir.Convert) and expr.type.ufunc_result:  # a promotion: cast inside NumPy's ufunc loop,
            rebuilt = dataclasses.replace(_map_children(expr, operand), type=element_type)  # no temporary
            self.operand = operands[0]
            return rebuilt
        if isinstance(expr, ir.BinOp) and expr.op == "pow" and isinstance(expr.left.type, Array) \
                and isinstance(expr.right.type, Scalar) and element_type == ELEMENT_OF_DTYPE["float64"]:
            rebuilt = self.array_power(expr, element_type, operand)
        elif isinstance(expr, ir.BinOp) and expr.op == "pow" and element_type == ELEMENT_OF_DTYPE["float64"]:
            # NumPy's power ufunc loop, not C's pow (integer powers: pyrs::npint)
            rebuilt = ir.Intrinsic("pyrs.power", [operand(expr.left), operand(expr.right)], element_type, expr.loc)
        else:
            rebuilt = dataclasses.replace(_map_children(expr, operand), type=element_type)
        self.operand = self.order.operation(operands, expr.type.dtype)
        return rebuilt

    def array_power(self, expr: ir.BinOp, element_type: Scalar,
                    operand: Callable[[ir.Expr], ir.Expr]) -> ir.Expr:
        base = operand(expr.left)
        exponent = expr.right
        while isinstance(exponent, ir.Convert):
            exponent = exponent.operand
        if isinstance(exponent, ir.Const) and float(exponent.value) in _POWER_FAST_PATHS:  # type: ignore[arg-type]
            return ir.Intrinsic(_POWER_FAST_PATHS[float(exponent.value)], [base], element_type, expr.loc)  # type: ignore[arg-type]
        return ir.Intrinsic("pyrs.power_array_scalar", [base, operand(expr.right)], element_type, expr.loc)

    def array_leaf(self, expr: ir.Expr) -> ir.Expr:
        assert isinstance(expr.type, Array)
        element_type = ELEMENT_OF_DTYPE[expr.type.dtype]
        if isinstance(expr, ir.Var) and self.inline:
            return ir.Var(expr.name, element_type, expr.loc)
        if isinstance(expr, ir.Var):
            if expr.name not in self.by_var:
                self.by_var[expr.name] = expr.name
                self.leaves.append((expr.name, expr))
            self.operand = expr.name
            return ir.Element(expr.name, element_type, expr.loc)
        name = self.computed_leaf(expr)
        self.operand = name
        return ir.Element(name, element_type, expr.loc)

    def scalar_leaf(self, expr: ir.Expr) -> ir.Expr:
        name = self.computed_leaf(expr)
        return ir.Element(name, expr.type, expr.loc)

    def computed_leaf(self, expr: ir.Expr) -> str:
        """A leaf computed before the loop, at the point NumPy evaluates it."""
        name = self.names.fresh()
        self.leaves.append((name, _fuse_expr(expr, self.names)))
        self.order.leaf(name)
        return name
