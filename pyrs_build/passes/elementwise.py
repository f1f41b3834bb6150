"""Elementwise functions: a function whose arrays are all computed elementwise from its array
parameters gets a per-element form (`cnd_element(d: f64) -> f64`). Its array version becomes one
loop calling that form (several outputs in the same loop), and loops in other functions call the
per-element form instead of materialising the callee's result. This fuses across statements and
across calls: the Black-Scholes call and put come out of one pass over S, K and T.

A function qualifies when
- its body is straight-line assignments ending in one return (no branches yet);
- every array value is an elementwise expression of array variables, scalars and calls of
  qualifying functions, and it returns an array or a tuple of arrays of one dtype;
- every returned array depends on every array parameter, so its shape is the broadcast of all of
  them: one loop over that shape computes exactly NumPy's values (and NumPy's broadcast error);
- nothing in it can raise (no Python int arithmetic, `math` calls or float division by a
  variable), so evaluating per element instead of per statement cannot change which error is seen.
"""

from __future__ import annotations

import dataclasses

from pyrs_build.ir import nodes as ir
from pyrs_build.ir.types import ELEMENT_OF_DTYPE, Array, Scalar, TupleType, Type
from pyrs_build.passes.evaluation_order import FunctionOrder, OrderBuilder, function_order, without_redundant_checks
from pyrs_build.passes.fusion import KernelBuilder, _is_elementwise, _NameSource

_FALLIBLE_FLOAT_OPS = {"floordiv", "mod", "pow"}


def lift_elementwise_functions(module: ir.Module) -> ir.Module:
    qualifying: set[str] = set()
    changed = True
    while changed:  # a function qualifies once the functions it calls do
        changed = False
        for function in module.functions:
            if function.name not in qualifying and _qualifies(function, qualifying):
                qualifying.add(function.name)
                changed = True
    orders: dict[str, FunctionOrder] = module.element_orders  # type: ignore[assignment]
    for name in qualifying:
        _order_of(module, name, qualifying, orders)
    for function in module.functions:
        if function.name in qualifying:
            module.element_functions[function.name] = _element_form(function, qualifying)
            function.body = [_driver(function, orders)]
    return module


def _order_of(module: ir.Module, name: str, qualifying: set[str], orders: dict[str, FunctionOrder]) -> FunctionOrder:
    """NumPy's operations in qualifying function `name`, after those of the functions it calls."""
    if name not in orders:
        function = module.function(name)
        for callee in _called(function) & qualifying - {name}:
            _order_of(module, callee, qualifying, orders)
        orders[name] = function_order(function, orders)
    return orders[name]


def _called(function: ir.Function) -> set[str]:
    found: set[str] = set()

    def visit(expr: ir.Expr) -> None:
        if isinstance(expr, ir.Call):
            found.add(expr.func)
        for child in _children(expr):
            visit(child)

    for stmt in function.body:
        if stmt.value is not None:  # type: ignore[union-attr]
            visit(stmt.value)  # type: ignore[union-attr]
    return found


# ---- analysis -----------------------------------------------------------------------------------


def _qualifies(function: ir.Function, qualifying: set[str]) -> bool:
    array_params = {p.name for p in function.params if isinstance(p.type, Array)}
    if not array_params or not function.body or not isinstance(function.body[-1], ir.Return):
        return False
    if not all(isinstance(s, ir.Assign) for s in function.body[:-1]):
        return False
    outputs = _outputs(function.return_type)
    if outputs is None:
        return False
    depends: dict[str, set[str]] = {name: {name} for name in array_params}
    for stmt in function.body:
        value = stmt.value
        if value is None or not _allowed(value, qualifying) or not _infallible(value):
            return False
        if isinstance(stmt, ir.Assign):
            depends[stmt.target] = _dependencies(value, depends)
    returned = function.body[-1].value
    items = returned.items if isinstance(returned, ir.TupleExpr) else [returned]
    return all(_dependencies(item, depends) == array_params for item in items)  # type: ignore[arg-type]


def _outputs(typ: Type) -> list[Array] | None:
    """The array outputs (one dtype) of a qualifying return type."""
    items = list(typ.items) if isinstance(typ, TupleType) else [typ]
    if not items or not all(isinstance(t, Array) for t in items):
        return None
    return items if len({t.dtype for t in items}) == 1 else None  # type: ignore[return-value]


def _children(expr: ir.Expr) -> list[ir.Expr]:
    out: list[ir.Expr] = []
    for field in dataclasses.fields(expr):
        value = getattr(expr, field.name)
        if isinstance(value, list):
            out += [v for v in value if hasattr(v, "type")]
        elif hasattr(value, "type") and hasattr(value, "loc"):
            out.append(value)
    return out


def _allowed(expr: ir.Expr, qualifying: set[str]) -> bool:
    """Array values only from elementwise operations, variables and qualifying calls."""
    if isinstance(expr.type, Array):
        if isinstance(expr, ir.Var):
            return True
        if isinstance(expr, ir.Call) and expr.func not in qualifying:
            return False
        if not _is_elementwise(expr, qualifying):
            return False
    elif isinstance(expr, ir.Call) or isinstance(expr.type, TupleType) and not isinstance(expr, ir.TupleExpr):
        return False
    elif not isinstance(expr, ir.TupleExpr) and any(isinstance(c.type, Array) for c in _children(expr)):
        return False  # a scalar made from whole arrays (an element, a length): not per element
    return all(_allowed(child, qualifying) for child in _children(expr))


def _infallible(expr: ir.Expr) -> bool:
    """True when the emitted code has no error path (no `?`)."""
    if isinstance(expr, ir.BinOp) and isinstance(expr.type, Scalar):
        if expr.type.kind == "int" or expr.left.type == Scalar("int"):
            return False
        if expr.type.kind in ("float", "dyn_float") and expr.op in _FALLIBLE_FLOAT_OPS:
            return False
        if expr.type.kind in ("float", "dyn_float") and expr.op == "div" and not _nonzero_constant(expr.right):
            return False
    if isinstance(expr, ir.UnaryOp) and expr.type == Scalar("int"):
        return False
    if isinstance(expr, ir.Intrinsic) and not expr.name.startswith(("numpy.", "scipy.")):
        return expr.name in ("min", "max", "float") and all(_infallible(a) for a in expr.args)
    return all(_infallible(child) for child in _children(expr))


def _nonzero_constant(expr: ir.Expr) -> bool:
    while isinstance(expr, ir.Convert):
        expr = expr.operand
    return isinstance(expr, (ir.Const, ir.GlobalConst)) and getattr(expr, "value", 1) != 0


def _dependencies(expr: ir.Expr, depends: dict[str, set[str]]) -> set[str]:
    """The array parameters an expression's value depends on."""
    if isinstance(expr, ir.Var):
        return set(depends.get(expr.name, set()))
    result: set[str] = set()
    for child in _children(expr):
        result |= _dependencies(child, depends)
    return result


# ---- rewriting ----------------------------------------------------------------------------------


def _element_type(typ: Type) -> Type:
    if isinstance(typ, Array):
        return ELEMENT_OF_DTYPE[typ.dtype]
    if isinstance(typ, TupleType):
        return TupleType(tuple(_element_type(t) for t in typ.items))
    return typ


def _element_form(function: ir.Function, qualifying: set[str]) -> ir.Function:
    """The same function on one element of each array: plain scalar code."""
    names = _NameSource(set(function.locals), qualifying)

    def element(expr: ir.Expr) -> ir.Expr:
        if isinstance(expr, ir.TupleExpr):
            items = [element(i) for i in expr.items]
            return ir.TupleExpr(items, TupleType(tuple(i.type for i in items)), expr.loc)
        return KernelBuilder(names, inline=True).element(expr)

    body: list[ir.Stmt] = []
    for stmt in function.body:
        if isinstance(stmt, ir.Assign):
            body.append(ir.Assign(stmt.target, element(stmt.value), stmt.loc))
        else:
            body.append(ir.Return(element(stmt.value), stmt.loc))  # type: ignore[arg-type]
    params = [dataclasses.replace(p, type=_element_type(p.type)) for p in function.params]
    local_types = {name: _element_type(t) for name, t in function.locals.items()}
    return ir.Function(function.name, params, _element_type(function.return_type), body, local_types, None,
                       function.loc)


def _driver(function: ir.Function, orders: dict[str, FunctionOrder]) -> ir.Return:
    """The array version: one loop over the broadcast shape of the array parameters, after NumPy's
    checks of the operations of its statements."""
    leaves = [(p.name, ir.Var(p.name, p.type, function.loc)) for p in function.params if isinstance(p.type, Array)]
    args: list[ir.Expr] = [
        ir.Element(p.name, _element_type(p.type), function.loc) if isinstance(p.type, Array)
        else ir.Var(p.name, p.type, function.loc)
        for p in function.params
    ]
    call = ir.Call(function.name, args, _element_type(function.return_type), function.loc, element=True)
    order = OrderBuilder(orders)
    dtype = _outputs(function.return_type)[0].dtype  # type: ignore[index]
    order.call(function.name, [p.name if isinstance(p.type, Array) else None for p in function.params], dtype)
    kernel = ir.Kernel(leaves, call, function.return_type, function.loc, without_redundant_checks(order.steps))
    return ir.Return(kernel, function.loc)  # type: ignore[arg-type]
