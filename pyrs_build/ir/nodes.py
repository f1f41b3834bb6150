"""IR nodes: a typed, desugared subset of Python functions. Every node keeps its source location."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from pyrs_build.ir.types import Type


@dataclass(frozen=True)
class Loc:
    line: int
    col: int  # 1-based, like the diagnostics


# ---- expressions -------------------------------------------------------------------------------


@dataclass
class Const:
    value: float | int | bool | None
    type: Type
    loc: Loc


@dataclass
class Var:
    """A parameter or local variable."""

    name: str
    type: Type
    loc: Loc


@dataclass
class GlobalConst:
    """A module-level constant, folded at build time from literals."""

    name: str
    type: Type
    loc: Loc


@dataclass
class BinOp:
    """op: add sub mul div floordiv mod pow."""

    op: str
    left: "Expr"
    right: "Expr"
    type: Type
    loc: Loc


@dataclass
class UnaryOp:
    """op: neg pos not."""

    op: str
    operand: "Expr"
    type: Type
    loc: Loc


@dataclass
class Compare:
    """op: lt le gt ge eq ne (a chain is lowered to BoolOp of Compare)."""

    op: str
    left: "Expr"
    right: "Expr"
    type: Type
    loc: Loc


@dataclass
class BoolOp:
    """`and` / `or` over bool operands (Python's value semantics coincide for bools)."""

    op: str
    values: list["Expr"]
    type: Type
    loc: Loc


@dataclass
class IfExp:
    test: "Expr"
    body: "Expr"
    orelse: "Expr"
    type: Type
    loc: Loc


@dataclass
class Call:
    """A call of another compiled function of the module; args in parameter order, defaults filled.
    `element`: a call of the per-element form of an elementwise function (see passes.elementwise).
    `python`: a call of a function that stays Python (on-unsupported = "python"), made through the
    interpreter; `keywords` names its trailing arguments passed by keyword (keyword-only parameters)."""

    func: str
    args: list["Expr"]
    type: Type
    loc: Loc
    element: bool = False
    python: bool = False
    keywords: tuple[str, ...] = ()


@dataclass
class Intrinsic:
    """A builtin, `math` or `numpy` function, named by its qualified name ('numpy.exp', 'abs')."""

    name: str
    args: list["Expr"]
    type: Type
    loc: Loc


@dataclass
class Convert:
    """An implicit conversion Python or NumPy performs (int -> float, float -> numpy.float64, ...)."""

    operand: "Expr"
    type: Type
    loc: Loc


@dataclass
class TupleExpr:
    items: list["Expr"]
    type: Type
    loc: Loc


@dataclass
class Kernel:
    """One fused elementwise loop (made by passes.fusion): `body` is evaluated per element,
    with each name of `leaves` bound to the element of that (array or scalar) value."""

    leaves: list[tuple[str, "Expr"]]
    body: "Expr"
    type: Type
    loc: Loc
    # NumPy's evaluation of the same expression (passes.evaluation_order): a computed leaf's name
    # where it is evaluated, an ArrayOp where NumPy checks shapes and allocates a temporary; empty:
    # the leaves are computed first, in their order
    order: list["str | ArrayOp"] = field(default_factory=list)


@dataclass
class ArrayOp:
    """One array operation NumPy performs on its way to a fused result: the broadcast of `operands`
    (a leaf's name, the index of an earlier ArrayOp of the same order, None for a scalar), allocated
    as a new array of `dtype`."""

    operands: list["str | int | None"]
    dtype: str
    # `x += ...`: NumPy writes into the first operand (nothing allocated; its message names it again)
    in_place: bool = False


@dataclass
class SliceView:
    """`x[a:b:c, i]`: a view of `array`. `axes` has one entry per indexed axis: `(start, stop, step)`
    (None where omitted) for a slice, an int expression that selects (and drops) the axis, or the
    string 'newaxis' (`np.newaxis`/`None`: a new axis of length 1)."""

    array: "Expr"
    axes: list[tuple["Expr | None", "Expr | None", "Expr | None"] | "Expr" | str]
    type: Type
    loc: Loc


@dataclass
class Element:
    """Inside a Kernel body: the current element of a leaf."""

    name: str
    type: Type
    loc: Loc


Expr = Union[Const, Var, GlobalConst, BinOp, UnaryOp, Compare, BoolOp, IfExp, Call, Intrinsic, Convert,
             TupleExpr, Kernel, Element, SliceView]


# ---- statements --------------------------------------------------------------------------------


@dataclass
class Assign:
    target: str
    value: Expr
    loc: Loc


@dataclass
class Return:
    value: Expr | None
    loc: Loc


@dataclass
class If:
    test: Expr
    body: list["Stmt"]
    orelse: list["Stmt"]
    loc: Loc


@dataclass
class ExprStmt:
    value: Expr
    loc: Loc


@dataclass
class ForRange:
    """`for target in range(start, stop, step): body else: orelse`. `label` names the loop when a
    `break` must also skip the `else` block."""

    target: str
    start: Expr
    stop: Expr
    step: Expr
    body: list["Stmt"]
    orelse: list["Stmt"]
    label: str
    loc: Loc
    reverse: bool = False  # `reversed(range(...))`


@dataclass
class While:
    test: Expr
    body: list["Stmt"]
    orelse: list["Stmt"]
    label: str
    loc: Loc


@dataclass
class Break:
    label: str  # the loop it leaves
    loc: Loc


@dataclass
class Continue:
    loc: Loc


@dataclass
class SetItem:
    """`target[i, j] = value` into a local array (all indices given: one element)."""

    target: str
    indices: list[Expr]
    value: Expr
    loc: Loc


@dataclass
class SetSlice:
    """`target[1:-1, j] = value` / `target[...] = value`: a scalar or an array broadcast into the view
    of `target` that `axes` selects (entries as in SliceView; empty: the whole array)."""

    target: str
    axes: list[tuple["Expr | None", "Expr | None", "Expr | None"] | "Expr" | str]
    value: Expr
    loc: Loc
    in_place: bool = False  # `x[...] += y`: NumPy's error names an output operand
    # writes through a view held in a variable (`u = x[1:-1]; u[0] = v`): the basic indices that
    # make the view from `target`, applied in order before `axes`
    through: list[list] = field(default_factory=list)  # type: ignore[type-arg]


@dataclass
class SetMask:
    """`target[mask] = value`: a scalar, or a 1-D array of one value per selected element (or one)."""

    target: str
    mask: Expr
    value: Expr
    loc: Loc
    through: list[list] = field(default_factory=list)  # type: ignore[type-arg]  # as in SetSlice


@dataclass
class Raise:
    """`raise ValueError("message")`: a builtin exception type and an optional literal message."""

    exception: str
    message: str | None
    loc: Loc


Stmt = Union[Assign, Return, If, ExprStmt, ForRange, While, Break, Continue, SetItem, SetSlice, SetMask, Raise]


# ---- definitions -------------------------------------------------------------------------------


@dataclass
class Param:
    name: str
    type: Type
    kind: str  # 'positional_only' | 'normal' | 'keyword_only'
    default: Const | GlobalConst | None
    default_source: str | None  # the default as written, for the Python-visible signature


@dataclass
class Function:
    name: str
    params: list[Param]
    return_type: Type
    body: list[Stmt]
    locals: dict[str, Type]
    docstring: str | None
    loc: Loc
    exported: bool = True  # False: a copy compiled for the argument types of a call inside the module
    written: set[str] = field(default_factory=set)  # array parameters the function writes into
    # names of the copies compiled for the stub's further `@overload` signatures, tried in order
    variants: list[str] = field(default_factory=list)


@dataclass
class Constant:
    name: str
    value: float | int | bool
    type: Type


@dataclass
class Module:
    name: str  # dotted import name
    path: str  # source file
    source: str
    functions: list[Function] = field(default_factory=list)
    constants: list[Constant] = field(default_factory=list)
    # per-element forms of the elementwise functions (passes.elementwise), by function name
    element_functions: dict[str, Function] = field(default_factory=dict)
    # the array operations NumPy performs in each of them, over its parameters (passes.evaluation_order)
    element_orders: dict[str, object] = field(default_factory=dict)
    # functions left in Python (on-unsupported = "python"), with the reason (a Diagnostic)
    kept_in_python: dict[str, object] = field(default_factory=dict)
    more_reasons: dict[str, list[object]] = field(default_factory=dict)  # their other refusals, if any

    def function(self, name: str) -> Function:
        return next(f for f in self.functions if f.name == name)
