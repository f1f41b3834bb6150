"""NumPy's evaluation order of a fused expression, for the checks the generated code replays
before the fused loop (runtime/src/order.rs).

NumPy evaluates `a * b + c` one operation at a time, left to right, each broadcasting its operands
and allocating a new array: so a call can fail on the shapes of `a * b` (ValueError), on allocating
it (MemoryError, an 8 TB broadcast view), or on the shapes of `... + c`, in that order; and the
operands Python evaluates in between (a call, a reduction, a scalar expression that may raise) run
between those operations. A Kernel's `order` lists both in NumPy's order: the name of a computed
leaf where Python evaluates it, an ArrayOp for each operation. Elementwise functions of the module
called in an expression (or lifted to one loop, passes.elementwise) contribute the operations of
their bodies, statement by statement."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from pyrs_build.ir import nodes as ir
from pyrs_build.ir.types import Array

Ref = str | int | None  # an operand: a leaf's (or parameter's) name, an earlier ArrayOp, a scalar


@dataclass
class FunctionOrder:
    """The operations of an elementwise function on its parameters (str operands name them) and the
    operands its results are."""

    params: list[str]
    operations: list[ir.ArrayOp]
    results: list[Ref]


class OrderBuilder:
    """Collects a Kernel's order while the Kernel is built."""

    def __init__(self, functions: dict[str, FunctionOrder]) -> None:
        self.functions = functions
        self.steps: list[str | ir.ArrayOp] = []
        self.operations = 0

    def leaf(self, name: str) -> None:
        """The computed leaf `name` is evaluated here."""
        self.steps.append(name)

    def operation(self, operands: list[Ref], dtype: str) -> int:
        self.steps.append(ir.ArrayOp(operands, dtype))
        self.operations += 1
        return self.operations - 1

    def call(self, function: str, args: list[Ref], dtype: str) -> Ref:
        """The operations of a call of an elementwise function; the operand its (first) result is."""
        order = self.functions.get(function)
        if order is None:  # not expected: one loop over the broadcast of the arguments
            return self.operation(args, dtype)
        first = self.operations
        binding = dict(zip(order.params, args))

        def rebased(ref: Ref) -> Ref:
            return ref + first if isinstance(ref, int) else binding.get(ref) if ref is not None else None

        for op in order.operations:
            self.operation([rebased(r) for r in op.operands], op.dtype)
        return rebased(order.results[0]) if order.results else None


def function_order(function: ir.Function, functions: dict[str, FunctionOrder]) -> FunctionOrder:
    """The order of a qualifying elementwise function (straight-line assignments, one return)."""
    params = [p.name for p in function.params]
    builder = OrderBuilder(functions)
    names: dict[str, Ref] = {p.name: p.name if isinstance(p.type, Array) else None for p in function.params}

    def visit(expr: ir.Expr) -> Ref:
        if not isinstance(expr.type, Array):
            return None  # scalars: nothing allocated
        if isinstance(expr, ir.Var):
            return names.get(expr.name)
        if isinstance(expr, ir.Convert) and expr.type.ufunc_result:  # type: ignore[union-attr]
            return visit(expr.operand)  # a promotion: cast inside NumPy's ufunc loop, no temporary
        operands = [visit(child) for child in children(expr)]
        if isinstance(expr, ir.Call):
            return builder.call(expr.func, operands, expr.type.dtype)
        return builder.operation(operands, expr.type.dtype)

    results: list[Ref] = []
    for stmt in function.body:
        if isinstance(stmt, ir.Assign):
            names[stmt.target] = visit(stmt.value)
        elif isinstance(stmt, ir.Return) and stmt.value is not None:
            items = stmt.value.items if isinstance(stmt.value, ir.TupleExpr) else [stmt.value]
            results = [visit(item) for item in items]
    operations = [s for s in builder.steps if isinstance(s, ir.ArrayOp)]
    return FunctionOrder(params, operations, results)


def children(expr: ir.Expr) -> list[ir.Expr]:
    """The operand expressions of a node, in Python's evaluation order (its fields' order)."""
    out: list[ir.Expr] = []
    for field in dataclasses.fields(expr):
        value = getattr(expr, field.name)
        if field.name in ("type", "loc"):
            continue
        if isinstance(value, list):
            out += [v for v in value if hasattr(v, "type") and hasattr(v, "loc")]
        elif hasattr(value, "type") and hasattr(value, "loc"):
            out.append(value)
    return out


_ITEM_SIZE = {"bool": 1, "int8": 1, "uint8": 1, "int16": 2, "uint16": 2, "float16": 2, "int32": 4, "uint32": 4,
              "float32": 4}  # others: 8 bytes


def without_redundant_checks(steps: list[str | ir.ArrayOp]) -> list[str | ir.ArrayOp]:
    """The steps without the operations whose checks cannot fail: one whose array operands all have
    the shape of one operand (`x * x`, `np.sqrt(y)`, `y > s` after `y = x * x`) broadcasts, and
    allocates no more than an earlier operation of that shape already checked. What is left is
    about one check per operand of a different shape, so small arrays pay a few comparisons."""
    kept: list[str | ir.ArrayOp] = []
    shape_of: dict[int, Ref] = {}  # an operation's index -> an operand of the same shape (kept op or leaf)
    class_of: dict[Ref, Ref] = {}  # an operand -> the first operand known to have its shape
    checked: dict[Ref, int] = {}  # a shape (by its first operand) -> the largest item size checked
    index = 0
    for step in steps:
        if isinstance(step, str):
            kept.append(step)
            continue
        operands = [shape_of[r] if isinstance(r, int) else r for r in step.operands]
        shapes = {class_of.get(r, r) for r in operands if r is not None}
        size = _ITEM_SIZE.get(step.dtype, 8)
        if len(shapes) == 1 and checked.get(next(iter(shapes)), 0) >= size:
            shape_of[index] = next(iter(shapes))
        else:
            new = sum(isinstance(s, ir.ArrayOp) for s in kept)
            kept.append(ir.ArrayOp(operands, step.dtype, step.in_place))
            shape = next(iter(shapes)) if len(shapes) == 1 else new
            class_of[new] = shape
            checked[shape] = max(checked.get(shape, 0), size)
            shape_of[index] = new
        index += 1
    return kept
