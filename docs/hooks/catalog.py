"""What the compiler supports, asked of the compiler itself.

Every function name the frontend mentions (its tables and its code), every operator and every
array method or attribute we know of is tried on every kind of value by lowering a small probe
module with the real frontend. What lowers is supported, with the result type the frontend gives;
what is refused is not. The reference pages are tables of these answers, so they cannot drift from
the compiler, and `tests/docs` checks that each supported function is exercised by the test corpus."""

from __future__ import annotations

import ast
import functools
import importlib
import itertools
import re
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pyrs_build.frontend as frontend_package
from pyrs_build.diagnostics import DiagnosticError
from pyrs_build.frontend import lower_module
from pyrs_build.ir import types as ir_types

QUALIFIED = re.compile(r"^(math|numpy|scipy|cmath)(\.[a-z_][a-z0-9_]*)+$")
PROBE_HEADER = ("import math\nimport numpy as np\nimport numpy\nimport scipy\nimport scipy.special\n"
                "import scipy.stats\nSTATE = 0.0\n")

# Kinds of value a user passes, as the annotation a user writes. NumPy arrays come from the
# dtypes the IR has an element type for, so a new dtype shows up without editing this file.
SCALAR_KINDS = {"int": "int", "float": "float", "bool": "bool", "np.float64": "np.float64", "complex": "complex"}
CONTAINER_KINDS = {"tuple[int, int]": "tuple[int, int]", "tuple[float, float]": "tuple[float, float]",
                   "tuple[float, ...]": "tuple[float, ...]",
                   "list[int]": "list[int]", "list[float]": "list[float]"}
BINARY_OPERATORS = ["+", "-", "*", "/", "//", "%", "**", "@", "&", "|", "^", "<<", ">>",
                    "<", "<=", ">", ">=", "==", "!=", "and", "or"]
UNARY_OPERATORS = ["-x", "+x", "~x", "not x"]
# ndarray (and list) methods and attributes worth asking about; the probe decides which work
METHODS = ["sum", "mean", "max", "min", "prod", "std", "var", "any", "all", "argmin", "argmax", "cumsum", "cumprod",
           "copy", "ravel", "flatten", "transpose", "item", "tolist", "conj", "round", "dot", "astype", "reshape",
           "fill", "clip", "append", "pop", "index", "count"]
ATTRIBUTES = ["shape", "size", "ndim", "T", "dtype", "real", "imag", "nbytes", "itemsize", "flat"]
# members that take an argument, and indexing forms (a0 is the value)
MEMBER_EXPRESSIONS = ["a0.append(a0[0])", "a0.index(a0[0])", "a0.count(a0[0])", "a0.reshape(-1)",
                      "a0.astype(np.float64)", "a0.sum(axis=0)", "a0.mean(axis=0)", "a0.max(axis=0)", "a0.dot(a0)",
                      "a0[::-1]", "a0[a0 > 0]", "a0[0]", "a0[0, 0]", "a0[-1]", "len(a0)"]


@dataclass(frozen=True)
class Answer:
    """One probe: `expression` over arguments of `kinds` lowers to `result` (None: refused, `reason`)."""

    expression: str
    kinds: tuple[str, ...]
    result: str | None
    reason: str = ""


def array_kinds() -> dict[str, str]:
    """1-d and 2-d arrays of every dtype the IR knows, labelled as Cython and Numba write them."""
    kinds = {}
    for dtype in ir_types.ELEMENT_OF_DTYPE:
        scalar = "bool_" if dtype == "bool" else dtype
        kinds[f"{dtype}[:]"] = f"np.ndarray[tuple[int], np.dtype[np.{scalar}]]"
        kinds[f"{dtype}[:, :]"] = f"np.ndarray[tuple[int, int], np.dtype[np.{scalar}]]"
    return kinds


def all_kinds() -> dict[str, str]:
    return {**SCALAR_KINDS, **CONTAINER_KINDS, **array_kinds()}


def library_names() -> list[str]:
    """Every qualified `math.`/`numpy.`/`scipy.` name the frontend knows (string literals in its
    source and the contents of its module-level tables), and its builtins."""
    names: set[str] = set()
    for path in sorted(Path(frontend_package.__file__).parent.glob("*.py")):
        module = importlib.import_module(f"pyrs_build.frontend.{path.stem}") if path.stem != "__init__" \
            else frontend_package
        for value in vars(module).values():
            names |= {s for s in _strings_in(value) if QUALIFIED.match(s)}
        names |= set(_strings_in(getattr(module, "BUILTINS", ())))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and QUALIFIED.match(node.value):
                names.add(node.value)
    return sorted(names)


def _strings_in(value: object) -> list[str]:
    """The strings in a table: a dict's keys, a set's, list's or tuple's items."""
    if isinstance(value, dict):
        value = list(value)
    if isinstance(value, (set, frozenset, list, tuple)):
        return [v for v in value if isinstance(v, str)]
    return []


def probe(expressions: list[tuple[str, tuple[str, ...]]]) -> list[Answer]:
    """Lower `def probe_N(a0: kind0, ...): return <expression>` for each (expression, kinds) at once."""
    kinds = all_kinds()
    functions = [(", ".join(f"a{i}: {kinds[k]}" for i, k in enumerate(arg_kinds)), f"return {expression}")
                 for expression, arg_kinds in expressions]
    return [Answer(expression, arg_kinds, result, reason)
            for (expression, arg_kinds), (result, reason) in zip(expressions, lower_functions(functions))]


def lower_functions(functions: list[tuple[str, str]]) -> list[tuple[str | None, str]]:
    """(result type or None, refusal message) of `def probe_N(PARAMS): BODY` for each (PARAMS, BODY),
    lowered together in one module (`{self}` in a body is the function's own name; PARAMS may end
    with ' -> TYPE', the return annotation)."""
    lines = [PROBE_HEADER, "def anchor() -> int:\n    return 0\n"]
    for number, (params, body) in enumerate(functions):
        indented = textwrap.indent(body.replace("{self}", f"probe_{number}"), "    ")
        params, _, returns = params.partition(" -> ")  # 'n: int -> int': a return annotation
        lines.append(f"def probe_{number}({params}){' -> ' + returns if returns else ''}:\n{indented}\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "probe.py"
        path.write_text("\n".join(lines), encoding="utf-8")
        try:
            module = lower_module("probe", path, None, on_unsupported="python")
        except DiagnosticError as exc:  # a probe that breaks the whole module is a bug of this file
            raise RuntimeError(f"the probe module does not lower:\n{exc.render()}") from exc
    results = {f.name: str(f.return_type) for f in module.functions}
    answers = []
    for number in range(len(functions)):
        reason = module.kept_in_python.get(f"probe_{number}")
        answers.append((results.get(f"probe_{number}"), getattr(reason, "message", "") if reason else ""))
    return answers


def _call(name: str, arity: int) -> str:
    return f"{name}({', '.join(f'a{i}' for i in range(arity))})"


@functools.lru_cache(maxsize=None)
def function_answers() -> tuple[Answer, ...]:
    """Each library function and builtin called with 1 to 3 arguments of each kind (for 3 arguments,
    also a bool first argument, as np.where takes), and each library constant read."""
    kinds = list(all_kinds())
    bools = [k for k in kinds if k.startswith("bool")]  # bool, bool[:], bool[:, :]
    requests: list[tuple[str, tuple[str, ...]]] = []
    for name in library_names():
        requests.append((name, ()))
        for kind in kinds:
            for arity in (1, 2, 3):
                requests.append((_call(name, arity), (kind,) * arity))
            requests += [(_call(name, 3), (b, kind, kind)) for b in bools if b != kind]
    return tuple(probe(requests))


@functools.lru_cache(maxsize=None)
def operator_answers() -> tuple[Answer, ...]:
    kinds = list(all_kinds())
    requests = [(f"a0 {op} a1", pair) for op in BINARY_OPERATORS for pair in itertools.product(kinds, repeat=2)]
    requests += [(op.replace("x", "a0"), (kind,)) for op in UNARY_OPERATORS for kind in kinds]
    return tuple(probe(requests))


@functools.lru_cache(maxsize=None)
def member_answers() -> tuple[Answer, ...]:
    kinds = list(all_kinds())
    requests = [(f"a0.{m}()", (k,)) for m in METHODS for k in kinds]
    requests += [(f"a0.{a}", (k,)) for a in ATTRIBUTES for k in kinds]
    requests += [(expression, (k,)) for expression in MEMBER_EXPRESSIONS for k in kinds]
    return tuple(probe(requests))


def supported(answers: tuple[Answer, ...]) -> list[Answer]:
    return [a for a in answers if a.result is not None]


def function_name(expression: str) -> str:
    return expression.split("(")[0]


def supported_functions() -> dict[str, list[Answer]]:
    """Qualified name (or builtin) -> the probes that lowered."""
    table: dict[str, list[Answer]] = {}
    for answer in supported(function_answers()):
        table.setdefault(function_name(answer.expression), []).append(answer)
    return table


def supported_methods() -> dict[str, list[Answer]]:
    """'x.sum()', 'x.shape', ... (methods by name, whatever their arguments) -> the probes that lowered."""
    table: dict[str, list[Answer]] = {}
    for answer in supported(member_answers()):
        member = re.match(r"a0\.(\w+)(\()?", answer.expression)
        if member:
            key = f"x.{member.group(1)}{'()' if member.group(2) else ''}"
            table.setdefault(key, []).append(answer)
    return table


def display_type(typ: str) -> str:
    """The IR's type names as the pages write them: 'ndarray[float64, 2-d]' -> 'float64[:, :]'."""
    def array(match: re.Match[str]) -> str:
        dtype, dims = match.group(1), match.group(2)
        if dims == "any ndim":
            return f"{dtype}[...]"
        count = int(dims.split("-")[0])
        return f"{dtype}[{', '.join([':'] * count)}]" if count else f"{dtype}[()]"
    return re.sub(r"ndarray\[(\w+), ([\w -]+)\]", array, typ).replace("numpy.", "np.")


# Statements and expression forms, each as a small function (parameters, body). The overview page
# shows which compile and, for the others, the compiler's own refusal.
CONSTRUCTS: list[tuple[str, str, str]] = [
    ("if / elif / else", "x: int", "if x > 0:\n    return 1\nelif x < 0:\n    return -1\nelse:\n    return 0"),
    ("conditional expression", "x: float", "return x if x > 0.0 else -x"),
    ("chained comparison", "a: int, b: int, c: int", "return a < b <= c"),
    ("and / or / not", "a: bool, b: bool", "return (a and not b) or b"),
    ("tuple unpacking", "a: float, b: float", "a, b = b, a\nreturn a - b"),
    ("annotated local variable", "x: float", "y: float = 2.0 * x\nreturn y"),
    ("assignment expression (:=)", "x: float", "if (y := 2.0 * x) > 1.0:\n    return y\nreturn x"),
    ("match statement", "n: int", "match n:\n    case 0:\n        return 1\n    case _:\n        return 2"),
    ("augmented assignment", "n: int", "n += 1\nn *= 2\nreturn n"),
    ("for over range()", "n: int", "s = 0\nfor i in range(0, n, 2):\n    s += i\nreturn s"),
    ("for over reversed(range())", "n: int", "s = 0\nfor i in reversed(range(n)):\n    s = s * 2 + i\nreturn s"),
    ("for over a 1-d array", "x: np.ndarray[tuple[int], np.dtype[np.float64]]",
     "s = 0.0\nfor v in x:\n    s += v\nreturn s"),
    ("for over enumerate()", "x: np.ndarray[tuple[int], np.dtype[np.float64]]",
     "s = 0.0\nfor i, v in enumerate(x):\n    s += i * v\nreturn s"),
    ("for over zip()", "x: np.ndarray[tuple[int], np.dtype[np.float64]], y: np.ndarray[tuple[int], np.dtype[np.float64]]",
     "s = 0.0\nfor a, b in zip(x, y):\n    s += a * b\nreturn s"),
    ("for over a list", "x: list[float]", "s = 0.0\nfor v in x:\n    s += v\nreturn s"),
    ("for over a tuple", "t: tuple[float, float]", "s = 0.0\nfor v in t:\n    s += v\nreturn s"),
    ("while, break, continue", "n: int",
     "i = 0\nwhile True:\n    i += 1\n    if i % 2 == 0:\n        continue\n    if i > n:\n        break\nreturn i"),
    ("for ... else", "n: int", "r = -1\nfor i in range(n):\n    if i * i > n:\n        r = i\n        break\nelse:\n    r = n\nreturn r"),
    ("raise a builtin exception", "x: float",
     "if x < 0.0:\n    raise ValueError(\"x must be non-negative\")\nreturn x"),
    ("assert", "x: float", "assert x >= 0.0, \"negative\"\nreturn x"),
    ("recursion (with a return annotation)", "n: int -> int", "return 1 if n <= 1 else n * {self}(n - 1)"),
    ("return None", "x: float", "return None"),
    ("Optional parameter with `is None`", "x: float | None", "if x is None:\n    return 0.0\nreturn x"),
    ("try / except", "x: float", "try:\n    return 1.0 / x\nexcept ZeroDivisionError:\n    return 0.0"),
    ("with", "x: float", "with open('f') as f:\n    pass\nreturn x"),
    ("list display and append", "n: int", "out = [0.0]\nout.append(float(n))\nreturn out"),
    ("list comprehension", "n: int", "return [i * i for i in range(n)]"),
    ("lambda", "x: float", "f = lambda y: y + 1.0\nreturn f(x)"),
    ("nested function", "x: float", "def inner(y: float) -> float:\n    return y + 1.0\nreturn inner(x)"),
    ("global", "x: float", "global STATE\nSTATE = x\nreturn x"),
    ("f-string", "x: float", "return f'{x:.2f}'"),
    ("print()", "x: float", "print(x)\nreturn x"),
    ("complex numbers", "z: complex", "return z * z"),
    ("str parameter", "s: str", "return len(s)"),
    ("dict", "x: float", "d = {'a': x}\nreturn d['a']"),
    ("generator (yield)", "n: int", "for i in range(n):\n    yield i"),
    ("item assignment into a new array", "n: int", "out = np.zeros(n)\nfor i in range(n):\n    out[i] = i * 0.5\nreturn out"),
    ("item assignment into an argument array", "x: np.ndarray[tuple[int], np.dtype[np.float64]]",
     "for i in range(len(x)):\n    x[i] = 2.0 * x[i]"),
    ("in-place operator on an array (x += ...)", "x: np.ndarray[tuple[int], np.dtype[np.float64]]", "x += 1.0\nreturn x.sum()"),
    ("slice assignment", "x: np.ndarray[tuple[int], np.dtype[np.float64]]", "y = x.copy()\ny[1:] = 0.0\nreturn y"),
    ("basic slicing", "x: np.ndarray[tuple[int], np.dtype[np.float64]]", "return x[1:] - x[:-1]"),
    ("boolean mask", "x: np.ndarray[tuple[int], np.dtype[np.float64]]", "return x[x > 0.0]"),
    ("matrix product @", "a: np.ndarray[tuple[int, int], np.dtype[np.float64]], b: np.ndarray[tuple[int, int], np.dtype[np.float64]]",
     "return a @ b"),
]


@functools.lru_cache(maxsize=None)
def construct_answers() -> tuple[tuple[str, str, str, str | None, str], ...]:
    """(label, parameters, body, result type or None, refusal) for each construct."""
    lowered = lower_functions([(params, body) for _, params, body in CONSTRUCTS])
    return tuple((label, params, body, result, reason)
                 for (label, params, body), (result, reason) in zip(CONSTRUCTS, lowered))
