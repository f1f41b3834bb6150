"""What a `for` statement iterates over, as one counted loop: `range(...)` and `reversed(range(...))`
directly; 1-D arrays, `enumerate(...)` and `zip(...)` through a hidden counter whose value gives
each target its element at the top of every iteration."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterator

from pyrs_build.frontend.errors import Unsupported
from pyrs_build.frontend.scope import Scope, loc
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.types import ELEMENT_OF_DTYPE, INT, Array, ListType

if TYPE_CHECKING:
    from pyrs_build.frontend.lower import FunctionLowering

_HELP = "loop over range(...), a list, a 1-D array, enumerate(...), zip(...) or reversed(...)"

# the element of a component at counter value k
Element = Callable[[ir.Expr], ir.Expr]


@dataclass
class LoopPlan:
    start: ir.Expr
    stop: ir.Expr
    step: ir.Expr
    reverse: bool = False
    counter: str | None = None  # the target itself, for a plain range loop over one name
    targets: list[tuple[ast.expr, Element]] = field(default_factory=list)

    def bindings(self, counter: ir.Expr) -> Iterator[tuple[ast.expr, ir.Expr]]:
        for target, element in self.targets:
            yield target, element(counter)


def plan_loop(lowering: FunctionLowering, node: ast.For, scope: Scope, setup: list[ir.Stmt]) -> LoopPlan:
    iterable = node.iter
    call = _builtin_call(lowering, iterable)
    if call == "range" and isinstance(node.target, ast.Name):
        start, stop, step = lowering.range_arguments(iterable, scope)  # type: ignore[arg-type]
        return LoopPlan(start, stop, step, counter=node.target.id)
    if call == "reversed" and len(iterable.args) == 1 and _builtin_call(lowering, iterable.args[0]) == "range" \
            and isinstance(node.target, ast.Name):  # type: ignore[attr-defined]
        start, stop, step = lowering.range_arguments(iterable.args[0], scope)  # type: ignore[attr-defined]
        return LoopPlan(start, stop, step, reverse=True, counter=node.target.id)
    if call == "reversed" and len(iterable.args) == 1:  # type: ignore[attr-defined]
        length, element = _component(lowering, iterable.args[0], scope, setup)  # type: ignore[attr-defined]
        last = ir.BinOp("sub", length, ir.Const(1, INT, loc(node)), INT, loc(node))
        return LoopPlan(ir.Const(0, INT, loc(node)), length, ir.Const(1, INT, loc(node)),
                        targets=[(node.target, lambda k: element(ir.BinOp("sub", last, k, INT, loc(node))))])
    if call == "enumerate":
        return _enumerate(lowering, node, iterable, scope, setup)  # type: ignore[arg-type]
    if call == "zip":
        return _zip(lowering, node, iterable, scope, setup)  # type: ignore[arg-type]
    length, element = _component(lowering, iterable, scope, setup)
    return LoopPlan(ir.Const(0, INT, loc(node)), length, ir.Const(1, INT, loc(node)), targets=[(node.target, element)])


def _builtin_call(lowering: FunctionLowering, node: ast.expr) -> str | None:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id not in lowering.locals \
            and node.func.id in ("range", "reversed", "enumerate", "zip"):
        return node.func.id
    return None


def _component(lowering: FunctionLowering, node: ast.expr, scope: Scope, setup: list[ir.Stmt]
               ) -> tuple[ir.Expr, Element]:
    """The length and the element function of one iterable: a 1-D array (or a range)."""
    if _builtin_call(lowering, node) == "range":
        start, stop, step = lowering.range_arguments(node, scope)  # type: ignore[arg-type]
        length = ir.Intrinsic("pyrs.range_len", [start, stop, step], INT, loc(node))
        return length, lambda k: ir.BinOp("add", start, ir.BinOp("mul", k, step, INT, loc(node)), INT, loc(node))
    try:
        value = lowering.expr(node, scope)
    except Unsupported:
        raise Unsupported(node, f"loops over '{ast.unparse(node)}' are not supported yet", _HELP) from None
    if isinstance(value.type, ListType) and value.type.item is not None:
        if not isinstance(value, ir.Var):  # evaluated once, before the loop
            name = lowering.hidden_name("items")
            setup += lowering.bind(ast.Name(name, ast.Store()), value, scope, node)
            value = ir.Var(name, value.type, loc(node))
        items, item = value, value.type.item
        return (ir.Intrinsic("list.len", [items], INT, loc(node)),
                lambda k: ir.Intrinsic("list.item", [items, k], item, loc(node)))
    if not (isinstance(value.type, Array) and value.type.ndim == 1):
        raise Unsupported(node, f"loops over {value.type} are not supported yet", _HELP + " (of known ndim 1)")
    if not isinstance(value, ir.Var):  # evaluated once, before the loop
        name = lowering.hidden_name("items")
        setup += lowering.bind(ast.Name(name, ast.Store()), value, scope, node)
        value = lowering.name(ast.Name(name, ast.Load()), scope)  # a view stays a view of its array
    array = value
    if array.type.dtype not in ELEMENT_OF_DTYPE:  # type: ignore[union-attr]
        raise Unsupported(node, f"loops over {value.type} are not supported yet")
    element_type = ELEMENT_OF_DTYPE[array.type.dtype]  # type: ignore[union-attr]
    length = ir.Intrinsic("array.len", [array], INT, loc(node))
    return length, lambda k: ir.Intrinsic("array.item", [array, k], element_type, loc(node))


def _unpack(target: ast.expr, count: int) -> list[ast.expr]:
    if not (isinstance(target, ast.Tuple) and len(target.elts) == count):
        raise Unsupported(target, f"unpack the loop values into {count} names", "e.g. 'for i, v in enumerate(x)'")
    return list(target.elts)


def _enumerate(lowering: FunctionLowering, node: ast.For, call: ast.Call, scope: Scope, setup: list[ir.Stmt]
               ) -> LoopPlan:
    if len(call.args) not in (1, 2) or call.keywords:
        raise Unsupported(call, "enumerate(iterable) or enumerate(iterable, start) only")
    index_target, value_target = _unpack(node.target, 2)
    length, element = _component(lowering, call.args[0], scope, setup)
    offset = lowering.expr(call.args[1], scope) if len(call.args) == 2 else ir.Const(0, INT, loc(call))
    if offset.type != INT:
        raise Unsupported(call, "enumerate's start must be an int")
    start = ir.Const(0, INT, loc(call))

    def index(k: ir.Expr) -> ir.Expr:
        return k if isinstance(offset, ir.Const) and offset.value == 0 else ir.BinOp("add", k, offset, INT, loc(call))

    return LoopPlan(start, length, ir.Const(1, INT, loc(call)), targets=[(index_target, index), (value_target, element)])


def _zip(lowering: FunctionLowering, node: ast.For, call: ast.Call, scope: Scope, setup: list[ir.Stmt]) -> LoopPlan:
    if not call.args or call.keywords:
        raise Unsupported(call, "zip(a, b, ...) of arrays or ranges only (no strict=)")
    targets = _unpack(node.target, len(call.args))
    components = [_component(lowering, arg, scope, setup) for arg in call.args]
    length = components[0][0]
    for other, _ in components[1:]:
        length = ir.Intrinsic("min", [length, other], INT, loc(call))
    return LoopPlan(ir.Const(0, INT, loc(call)), length, ir.Const(1, INT, loc(call)),
                    targets=list(zip(targets, (element for _, element in components))))
