"""Hypothesis strategies that write typed numeric Python functions for the transpiler fuzzer:
int/float/bool parameters and locals, arithmetic, comparisons, boolean operators, conditional
expressions, calls to math functions and builtins, if/else, for over range, while, early returns,
and small float64 arrays with elementwise operators, ufuncs and np.where (`functions`); and NumPy
functions of 1-D and 2-D arrays (`numpy_functions`: broadcasting, masks, reductions along axes,
slices with steps, in-place updates).

Functions are well typed in the way annotated code is (a local keeps its type), and loops are
bounded by literals so that the original runs quickly. Only operations that are exact in IEEE
arithmetic (or ported bit-for-bit by the runtime) are drawn, so results are compared bit for bit."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

FLOAT_LITERALS = ["0.0", "-0.0", "0.5", "1.0", "-2.5", "3.0", "1e308", "1e-310", "7.25"]
INT_LITERALS = ["0", "1", "-1", "2", "7", "-13", "1000003", "2 ** 40"]
FLOAT_CALLS_1 = ["abs", "math.sqrt", "math.fabs"]
FLOAT_CALLS_2 = ["min", "max", "math.copysign", "math.fmod", "math.hypot"]
INT_FROM_FLOAT = ["int", "math.floor", "math.ceil", "round"]
ARRAY_UFUNCS_1 = ["np.abs", "np.sqrt", "np.floor", "np.ceil", "np.negative"]
ARRAY_UFUNCS_2 = ["np.maximum", "np.minimum"]


@dataclass
class Scope:
    names: dict[str, str] = field(default_factory=dict)  # name -> "int" | "float" | "bool" | "array"
    counter: int = 0

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def of(self, kind: str) -> list[str]:
        return sorted(n for n, k in self.names.items() if k == kind)


def expression(draw: st.DrawFn, scope: Scope, kind: str, depth: int) -> str:
    """An expression of type `kind` using the names in scope."""
    names = scope.of(kind)
    if depth <= 0 or draw(st.integers(0, 3)) == 0:
        return _leaf(draw, names, kind)
    return {"float": _float, "int": _int, "bool": _bool, "array": _array}[kind](draw, scope, depth - 1)


def _leaf(draw: st.DrawFn, names: list[str], kind: str) -> str:
    literals = {"float": FLOAT_LITERALS, "int": INT_LITERALS, "bool": ["True", "False"], "array": []}[kind]
    if names and (kind == "array" or draw(st.integers(0, 3)) > 0):  # names mostly: values flow through
        return draw(st.sampled_from(names))
    return draw(st.sampled_from(literals))


def _float(draw: st.DrawFn, scope: Scope, depth: int) -> str:
    e = lambda kind: expression(draw, scope, kind, depth)  # noqa: E731
    form = draw(st.integers(0, 8))
    if form == 0:
        return f"({e('float')} {draw(st.sampled_from(['+', '-', '*', '/']))} {e('float')})"
    if form == 1:
        return f"({e('float')} {draw(st.sampled_from(['+', '-', '*', '/']))} {e('int')})"
    if form == 2:
        return f"{draw(st.sampled_from(FLOAT_CALLS_1))}({e('float')})"
    if form == 3:
        return f"{draw(st.sampled_from(FLOAT_CALLS_2))}({e('float')}, {e('float')})"
    if form == 4:
        return f"float({e('int')})"
    if form == 5:
        return f"({e('float')} if {e('bool')} else {e('float')})"
    if form == 6:
        return f"(-{e('float')})"
    if form == 7 and scope.of("array"):
        array = draw(st.sampled_from(scope.of("array")))
        return draw(st.sampled_from([f"{array}[{e('int')}]", f"np.sum({array})", f"{array}.max()",
                                     f"np.mean({array})", f"float({array}.size)"]))
    return f"({e('float')} {draw(st.sampled_from(['//', '%', '**']))} {e('float')})"


def _int(draw: st.DrawFn, scope: Scope, depth: int) -> str:
    e = lambda kind: expression(draw, scope, kind, depth)  # noqa: E731
    form = draw(st.integers(0, 6))
    if form == 0:
        return f"({e('int')} {draw(st.sampled_from(['+', '-', '*', '//', '%']))} {e('int')})"
    if form == 1:
        return f"{draw(st.sampled_from(INT_FROM_FLOAT))}({e('float')})"
    if form == 2:
        return f"{draw(st.sampled_from(['abs', '-']))}({e('int')})"
    if form == 3:
        return f"{draw(st.sampled_from(['min', 'max']))}({e('int')}, {e('int')})"
    if form == 4:
        return f"({e('int')} if {e('bool')} else {e('int')})"
    if form == 5:
        return f"({e('int')} ** {draw(st.integers(0, 3))})"
    return f"len({_leaf(draw, scope.of('array'), 'array')})" if scope.of("array") else e("int")


def _bool(draw: st.DrawFn, scope: Scope, depth: int) -> str:
    e = lambda kind: expression(draw, scope, kind, depth)  # noqa: E731
    form = draw(st.integers(0, 3))
    compare = draw(st.sampled_from(["<", "<=", "==", "!=", ">", ">="]))
    if form == 0:
        left, right = draw(st.sampled_from([("float", "float"), ("int", "int"), ("int", "float")]))
        return f"({e(left)} {compare} {e(right)})"
    if form == 1:
        return f"(not {e('bool')})"
    if form == 2:
        return f"({e('bool')} {draw(st.sampled_from(['and', 'or']))} {e('bool')})"
    return f"({e('bool')} if {e('bool')} else {e('bool')})"


def _array(draw: st.DrawFn, scope: Scope, depth: int) -> str:
    e = lambda kind: expression(draw, scope, kind, depth)  # noqa: E731
    form = draw(st.integers(0, 4))
    operator = draw(st.sampled_from(["+", "-", "*", "/"]))
    if form == 0:
        return f"({e('array')} {operator} {e('array')})"
    if form == 1:
        return f"({e('array')} {operator} {e('float')})"
    if form == 2:
        return f"{draw(st.sampled_from(ARRAY_UFUNCS_1))}({e('array')})"
    if form == 3:
        return f"{draw(st.sampled_from(ARRAY_UFUNCS_2))}({e('array')}, {e('array')})"
    return f"np.where({e('array')} > {e('float')}, {e('array')}, {e('array')})"


def statements(draw: st.DrawFn, scope: Scope, indent: str, depth: int, returns: str, top: bool) -> list[str]:
    """A block; new locals only at the top level (every path defines them), reassignments inside."""
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        form = draw(st.integers(0, 6 if depth > 0 else 1))
        kinds = [k for k in ("float", "int", "bool") if scope.of(k)]
        if form == 0 and top:
            kind = draw(st.sampled_from(["float", "int", "bool"]))
            name = scope.fresh("v")
            lines.append(f"{indent}{name} = {expression(draw, scope, kind, 3)}")
            scope.names[name] = kind
        elif form <= 1 and kinds:
            kind = draw(st.sampled_from(kinds))
            target = draw(st.sampled_from([n for n in scope.of(kind) if n.startswith("v")] or [""]))
            if target:
                operator = draw(st.sampled_from(["=", "+=", "-=", "*="])) if kind != "bool" else "="
                lines.append(f"{indent}{target} {operator} {expression(draw, scope, kind, 3)}")
        elif form == 2:
            lines.append(f"{indent}if {expression(draw, scope, 'bool', 2)}:")
            lines += statements(draw, scope, indent + "    ", depth - 1, returns, False)
            lines.append(f"{indent}else:")
            lines += statements(draw, scope, indent + "    ", depth - 1, returns, False)
        elif form == 3:
            counter = scope.fresh("i")
            lines.append(f"{indent}for {counter} in range({draw(st.integers(-2, 6))}):")
            scope.names[counter] = "int"
            lines += statements(draw, scope, indent + "    ", depth - 1, returns, False)
            del scope.names[counter]  # not defined after a loop that never ran
        elif form == 4:
            counter = scope.fresh("w")
            lines.append(f"{indent}{counter} = 0")
            lines.append(f"{indent}while {counter} < {draw(st.integers(0, 6))} and {expression(draw, scope, 'bool', 1)}:")
            lines.append(f"{indent}    {counter} += 1")
            scope.names[counter] = "int"
            lines += statements(draw, scope, indent + "    ", depth - 1, returns, False)
            del scope.names[counter]
        elif form == 5:
            lines.append(f"{indent}if {expression(draw, scope, 'bool', 2)}:")
            lines.append(f"{indent}    return {expression(draw, scope, returns, 2)}")
        elif form == 6 and scope.of("array") and [n for n in scope.of("float") if n.startswith("v")]:
            counter, total = scope.fresh("i"), draw(st.sampled_from([n for n in scope.of("float") if n.startswith("v")]))
            array = draw(st.sampled_from(scope.of("array")))
            lines.append(f"{indent}for {counter} in range(len({array})):")
            lines.append(f"{indent}    {total} += {array}[{counter}] * {expression(draw, scope, 'float', 1)}")
    if top:
        lines.append(f"{indent}return {expression(draw, scope, returns, 3)}")
    elif not lines:
        lines.append(f"{indent}pass")
    return lines


@st.composite
def functions(draw: st.DrawFn, name: str = "f") -> str:
    """The source of one function `name`."""
    scope = Scope()
    params = []
    with_array = draw(st.booleans())
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["float", "int", "bool"]))
        param = scope.fresh("p")
        scope.names[param] = kind
        params.append(f"{param}: {kind}")
    if with_array:
        scope.names["x"] = "array"
        params.insert(0, "x: NDArray[np.float64]")
        returns = draw(st.sampled_from(["array", "float", "int"]))
    else:
        returns = draw(st.sampled_from(["float", "int", "bool"]))
    annotation = {"array": "NDArray[np.float64]"}.get(returns, returns)
    body = statements(draw, scope, "    ", 2, returns, True)
    return f"def {name}({', '.join(params)}) -> {annotation}:\n" + "\n".join(body) + "\n"


HEADER = "import math\n\nimport numpy as np\nfrom numpy.typing import NDArray\n\n\n"


# ---- NumPy programs ------------------------------------------------------------------------------
# 1-D and 2-D float64 arrays (their ndim annotated), mixed in elementwise arithmetic with scalars
# and each other (broadcasting a row over a matrix), exact ufuncs, comparisons and masks in
# np.where, reductions of whole arrays and along an axis, slices with steps and reversed. Drawn
# arguments mostly broadcast together (verify.strategies), so most calls compute; those that do not
# (a sliced length, an empty max) must raise what NumPy raises.

VECTOR = "np.ndarray[tuple[int], np.dtype[np.float64]]"
MATRIX = "np.ndarray[tuple[int, int], np.dtype[np.float64]]"
ARRAY_OPERATORS = ["+", "-", "*", "/"]
COMPARISONS = ["<", "<=", "==", "!=", ">", ">="]
EXACT_UFUNCS_1 = ["np.abs", "np.sqrt", "np.floor", "np.ceil", "np.negative", "np.square", "np.trunc", "np.rint"]
# (not np.fmax/np.fmin: which zero of 0.0 and -0.0 NumPy returns depends on the element's place in
# its SIMD loop, docs/pages/differences.md)
EXACT_UFUNCS_2 = ["np.maximum", "np.minimum", "np.copysign"]
REDUCTIONS = ["np.sum", "np.max", "np.min", "np.mean"]


def numpy_expression(draw: st.DrawFn, scope: Scope, kind: str, depth: int) -> str:
    """An expression of kind `vec` (1-D array), `mat` (2-D array) or `float`."""
    names = scope.of(kind)
    if depth <= 0 or draw(st.integers(0, 3)) == 0:
        if names and (kind != "float" or draw(st.booleans())):
            return draw(st.sampled_from(names))
        if kind == "float":
            return draw(st.sampled_from(FLOAT_LITERALS))
    form = {"vec": _vector, "mat": _matrix, "float": _reduced}[kind]
    return form(draw, scope, max(depth - 1, 0))


def _step_slice(draw: st.DrawFn) -> str:
    start = draw(st.sampled_from(["", "1", "-2", "0"]))
    stop = draw(st.sampled_from(["", "3", "-1"]))
    step = draw(st.sampled_from(["", "2", "-1", "-2", "3"]))
    return f"{start}:{stop}:{step}" if step else f"{start}:{stop}"


def _condition(draw: st.DrawFn, scope: Scope, kind: str, depth: int) -> str:
    e = lambda k: numpy_expression(draw, scope, k, depth)  # noqa: E731
    form = draw(st.integers(0, 3))
    if form == 0:
        return f"({e(kind)} {draw(st.sampled_from(COMPARISONS))} {e('float')})"
    if form == 1:
        return f"({e(kind)} {draw(st.sampled_from(COMPARISONS))} {e(kind)})"
    if form == 2:
        return f"np.isnan({e(kind)})"
    return f"(({e(kind)} > {e('float')}) {draw(st.sampled_from(['&', '|']))} ({e(kind)} < {e('float')}))"


def _elementwise(draw: st.DrawFn, scope: Scope, kind: str, depth: int) -> str:
    """An elementwise expression of kind `vec` or `mat`; the other operand of a matrix may be a
    vector (broadcast over its rows)."""
    e = lambda k: numpy_expression(draw, scope, k, depth)  # noqa: E731
    other = draw(st.sampled_from(["vec", "mat"] if kind == "mat" else ["vec"]))
    form = draw(st.integers(0, 5))
    if form == 0:
        operands = [e(kind), e(draw(st.sampled_from([other, "float"])))]
        first, second = operands if draw(st.booleans()) else operands[::-1]
        return f"({first} {draw(st.sampled_from(ARRAY_OPERATORS))} {second})"
    if form == 1:
        return f"{draw(st.sampled_from(EXACT_UFUNCS_1))}({e(kind)})"
    if form == 2:
        return f"{draw(st.sampled_from(EXACT_UFUNCS_2))}({e(kind)}, {e(other)})"
    if form == 3:
        return f"np.where({_condition(draw, scope, kind, depth)}, {e(kind)}, {e(draw(st.sampled_from([other, 'float'])))})"
    if form == 4:
        return f"(np.abs({e(kind)}) {draw(st.sampled_from(ARRAY_OPERATORS))} np.sqrt(np.abs({e(other)})))"
    return f"-{e(kind)}"


def _vector(draw: st.DrawFn, scope: Scope, depth: int) -> str:
    e = lambda k: numpy_expression(draw, scope, k, depth)  # noqa: E731
    form = draw(st.integers(0, 4))
    if form == 0:
        return f"{e('vec')}[{_step_slice(draw)}]"
    if form == 1 and scope.of("mat"):
        reduction = draw(st.sampled_from(["np.sum", "np.max", "np.min", "np.mean"]))
        return f"{reduction}({e('mat')}, axis={draw(st.sampled_from(['0', '1', '-1']))})"
    if form == 2 and scope.of("mat"):
        return draw(st.sampled_from([f"{e('mat')}[{draw(st.sampled_from(['0', '-1', '1']))}]",
                                     f"{e('mat')}[:, {draw(st.sampled_from(['0', '-1']))}]",
                                     f"{e('mat')}.max(axis={draw(st.sampled_from(['0', '1']))})"]))
    return _elementwise(draw, scope, "vec", depth)


def _matrix(draw: st.DrawFn, scope: Scope, depth: int) -> str:
    e = lambda k: numpy_expression(draw, scope, k, depth)  # noqa: E731
    form = draw(st.integers(0, 3))
    if form == 0:
        return f"{e('mat')}[{_step_slice(draw)}, {_step_slice(draw)}]"
    if form == 1:
        return f"({e('vec')}[:, np.newaxis] {draw(st.sampled_from(ARRAY_OPERATORS))} {e('vec')})"
    return _elementwise(draw, scope, "mat", depth)


def _reduced(draw: st.DrawFn, scope: Scope, depth: int) -> str:
    e = lambda k: numpy_expression(draw, scope, k, depth)  # noqa: E731
    form = draw(st.integers(0, 5))
    array = draw(st.sampled_from(["vec", "mat"] if scope.of("mat") else ["vec"]))
    if form == 0:
        return f"{draw(st.sampled_from(REDUCTIONS))}({e(array)})"
    if form == 1:
        return f"{e(array)}.{draw(st.sampled_from(['sum', 'max', 'min']))}()"
    if form == 2:
        return f"float({e('vec')}[{draw(st.sampled_from(['0', '-1', '2']))}])"
    if form == 3:
        return f"float(len({e(array)}))"
    if form == 4:
        return f"({e('float')} {draw(st.sampled_from(ARRAY_OPERATORS[:3]))} {e('float')})"
    return f"float(np.sum(np.where({_condition(draw, scope, array, depth)}, 1.0, 0.0)))"


@st.composite
def numpy_functions(draw: st.DrawFn, name: str = "f") -> str:
    """The source of one NumPy function `name`: array parameters of fixed ndim, a float, a few
    assignments of new locals, and a return of an array or a float."""
    scope = Scope()
    params = [f"x: {VECTOR}"]
    scope.names["x"] = "vec"
    for param, kind in (("y", "vec"), ("m", "mat")):
        if draw(st.booleans()):
            scope.names[param] = kind
            params.append(f"{param}: {VECTOR if kind == 'vec' else MATRIX}")
    scope.names["s"] = "float"
    params.append("s: float")
    lines = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["vec", "mat", "float"] if scope.of("mat") else ["vec", "float"]))
        local = scope.fresh("v")
        lines.append(f"    {local} = {numpy_expression(draw, scope, kind, 3)}")
        scope.names[local] = kind
        if kind != "float" and draw(st.integers(0, 2)) == 0:  # updated in place (a view of an argument is refused)
            target = draw(st.sampled_from([local, f"{local}[::2]", f"{local}[1:]"]))
            value = numpy_expression(draw, scope, draw(st.sampled_from([kind, "vec", "float"])), 2)
            lines.append(f"    {target} {draw(st.sampled_from(['+=', '-=', '*=']))} {value}")
    returns = draw(st.sampled_from(["vec", "mat", "float"] if scope.of("mat") else ["vec", "float"]))
    # a computed value (returning an argument or a view of one is refused)
    value = _reduced(draw, scope, 2) if returns == "float" else _elementwise(draw, scope, returns, 2)
    lines.append(f"    return {value}")
    annotation = "float" if returns == "float" else "NDArray[np.float64]"
    return f"def {name}({', '.join(params)}) -> {annotation}:\n" + "\n".join(lines) + "\n"
