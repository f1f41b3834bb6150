"""Hypothesis strategies that write typed numeric Python functions for the transpiler fuzzer:
int/float/bool parameters and locals, arithmetic, comparisons, boolean operators, conditional
expressions, calls to math functions and builtins, if/else, for over range, while, early returns,
and small float64 arrays with elementwise operators, ufuncs and np.where.

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
