"""Refusals are diagnostics a person can act on: exact text pinned here (snapshot style)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pyrs_build.diagnostics import DiagnosticError
from pyrs_build.pipeline import compile_to_ir


def diagnostics_of(tmp_path: Path, source: str, stub: str | None = None) -> str:
    path = tmp_path / "mod.py"
    path.write_text(textwrap.dedent(source))
    stub_path = None
    if stub is not None:
        stub_path = tmp_path / "mod.pyi"
        stub_path.write_text(textwrap.dedent(stub))
    with pytest.raises(DiagnosticError) as info:
        compile_to_ir("mod", path, stub_path)
    return info.value.render().replace(str(tmp_path), "DIR")


def test_loop_is_refused_with_location_caret_and_help(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, """\
        def total(n: int) -> int:
            s = 0
            for i in {1, 2, n}:
                s = s + i
            return s
        """)
    assert text == (
        "DIR/mod.py:3:14: error: loops over '{1, 2, n}' are not supported yet\n"
        "3 |     for i in {1, 2, n}:\n"
        "                 ^\n"
        "help: loop over range(...), a list, a 1-D array, enumerate(...), zip(...) or reversed(...)"
    )


def test_every_problem_of_a_module_is_reported(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, """\
        def a(x):
            return x

        def b(x: float) -> float:
            return (lambda y: y)(x)
        """)
    assert text == (
        "DIR/mod.py:1:7: error: parameter 'x' of 'a' has no type annotation\n"
        "1 | def a(x):\n"
        "          ^\n"
        "help: annotate it (e.g. 'x: float') or add a .pyi stub beside the module\n"
        "\n"
        "DIR/mod.py:5:12: error: call of 'lambda y: y' is not supported\n"
        "5 |     return (lambda y: y)(x)\n"
        "               ^\n"
        "help: only functions of this module, builtins abs/min/max/float/int/bool/len, math and numpy functions "
        "can be called"
    )


def test_type_change_of_a_local_is_refused(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, """\
        def f(x: float) -> float:
            y = 1
            y = x
            return y
        """)
    assert "DIR/mod.py:3:5: error: 'y' changes type from int to float" in text
    assert "help: use a new name for the new value" in text


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, "def f(x: float) -> float:\n    return x +\n")
    assert text.startswith("DIR/mod.py:2:")
    assert "syntax error" in text


def test_array_truth_value_is_refused(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, """\
        import numpy as np
        from numpy.typing import NDArray

        def f(x: NDArray[np.float64]) -> float:
            if x > 0:
                return 1.0
            return 0.0
        """)
    assert "the truth value of an array is ambiguous" in text
    assert "help: use np.any(...) or np.all(...)" in text


def test_stub_with_other_parameters_is_refused(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, "def f(x, y):\n    return x + y\n", stub="def f(x: float) -> float: ...\n")
    assert "stub of 'f' has parameters (x) but the source has (x, y)" in text


def test_stub_types_an_unannotated_function(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_text("def f(x, n):\n    return x * n\n")
    stub = tmp_path / "mod.pyi"
    stub.write_text("def f(x: float, n: int) -> float: ...\n")
    module = compile_to_ir("mod", path, stub)
    assert [str(p.type) for p in module.function("f").params] == ["float", "int"]
    assert str(module.function("f").return_type) == "float"


def test_possibly_unbound_local_is_refused(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, """\
        def f(x: float) -> float:
            if x > 0.0:
                y = x
            return y
        """)
    assert "DIR/mod.py:4:12: error: 'y' may be used before it is assigned" in text


def test_int_passed_to_float_parameter_compiles_a_copy_for_ints(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_text("def g(x: float) -> float:\n    return x\n\n\ndef f() -> float:\n    return g(1)\n")
    module = compile_to_ir("mod", path)
    copy = next(fn for fn in module.functions if not fn.exported)
    assert copy.name == "g$int" and str(copy.return_type) == "int"
    assert str(module.function("f").return_type) == "int"  # as in Python: g(1) returns 1, an int


def test_a_copy_that_cannot_be_compiled_is_reported_at_the_call(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, """\
        def half(x: float, n: int) -> float:
            return x / n if n != 0 else -x

        def f(n: int) -> float:
            return half(n, n)
        """)
    assert "DIR/mod.py:5:12: error: 'half' cannot be compiled for the argument types (int, int) of this call: " \
           "the two branches have different types (float and int)" in text


PARTLY_SUPPORTED = """\
def good(x: float) -> float:
    return x * 2.0


def uses_good(x: float) -> float:
    return good(x) + 1.0


def bad(x: float) -> float:
    with open("f") as handle:
        return x


def calls_bad(x: float) -> float:
    return bad(x) * 2.0
"""


def test_unsupported_functions_can_stay_python(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_text(PARTLY_SUPPORTED)
    module = compile_to_ir("mod", path, on_unsupported="python")
    assert [f.name for f in module.functions] == ["good", "uses_good", "calls_bad"]
    assert set(module.kept_in_python) == {"bad"}
    assert module.kept_in_python["bad"].message == "'with' statements are not supported yet"  # type: ignore[attr-defined]
    call = module.function("calls_bad").body[0].value.left  # type: ignore[attr-defined]
    assert (call.func, call.python, str(call.type)) == ("bad", True, "float")  # through the interpreter


def test_a_python_callee_must_take_and_return_plain_scalars(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_text(PARTLY_SUPPORTED.replace("def bad(x: float) -> float:", "def bad(x: float):"))
    module = compile_to_ir("mod", path, on_unsupported="python")
    assert set(module.kept_in_python) == {"bad", "calls_bad"}
    reason = module.kept_in_python["calls_bad"]
    assert (reason.line, reason.message) == (  # type: ignore[attr-defined]
        15, "calls 'bad', which stays Python and is not annotated to return int, float, bool or None")


def test_by_default_an_unsupported_function_fails_the_build(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_text(PARTLY_SUPPORTED)
    with pytest.raises(DiagnosticError) as info:
        compile_to_ir("mod", path)
    assert [d.line for d in info.value.diagnostics] == [10, 15]


def test_a_module_with_nothing_compilable_is_an_error_either_way(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_text("def f(x):\n    return x\n")
    with pytest.raises(DiagnosticError) as info:
        compile_to_ir("mod", path, on_unsupported="python")
    assert "no function of 'mod' can be compiled" in info.value.render()


# ---- snapshots: one refusal each (exact text: location, source line, caret, help) -------------------

REFUSALS = {
    "with": (
        """\
        def f(x: float) -> float:
            with open("log.txt") as log:
                return x
        """,
        "DIR/mod.py:2:5: error: 'with' statements are not supported yet\n"
        "2 |     with open(\"log.txt\") as log:\n"
        "        ^\n"
        "help: compiled code has no context managers: keep this function in Python (on-unsupported = \"python\" in [tool.pyrs-build])",
    ),
    "try": (
        """\
        def f(x: float, y: float) -> float:
            try:
                return x / y
            except ZeroDivisionError:
                return 0.0
        """,
        "DIR/mod.py:2:5: error: 'try' statements are not supported yet\n"
        "2 |     try:\n"
        "        ^\n"
        "help: compiled code cannot catch exceptions: test the condition before the operation (e.g. 'if d != 0.0:'), or keep the function in Python",
    ),
    "assert": (
        """\
        def f(x: float) -> float:
            assert x > 0.0, f"x = {x}"
            return x
        """,
        "DIR/mod.py:2:21: error: an assert message must be a string literal\n"
        "2 |     assert x > 0.0, f\"x = {x}\"\n"
        "                        ^\n"
        "help: write the message as a literal, e.g. assert n > 0, \"n must be positive\"",
    ),
    "global": (
        """\
        COUNT = 0

        def f(x: float) -> float:
            global COUNT
            return x
        """,
        "DIR/mod.py:4:5: error: 'global' statements are not supported yet\n"
        "4 |     global COUNT\n"
        "        ^\n"
        "help: pass the value in as a parameter and return the new value",
    ),
    "nested_def": (
        """\
        def f(x: float) -> float:
            def g(y: float) -> float:
                return y
            return g(x)
        """,
        "DIR/mod.py:2:5: error: nested functions are not supported yet\n"
        "2 |     def g(y: float) -> float:\n"
        "        ^\n"
        "help: define the function at module level and pass what it uses as parameters",
    ),
    "lambda": (
        """\
        def f(x: float) -> float:
            g = lambda y: y * 2.0
            return x
        """,
        "DIR/mod.py:2:9: error: lambda expressions are not supported yet\n"
        "2 |     g = lambda y: y * 2.0\n"
        "            ^\n"
        "help: define a module-level function instead",
    ),
    "listcomp": (
        """\
        def f(n: int) -> int:
            return len([i * i for i in range(n)])
        """,
        "DIR/mod.py:2:16: error: a list comprehension is supported as the whole value of an assignment or return\n"
        "2 |     return len([i * i for i in range(n)])\n"
        "                   ^\n"
        "help: assign it first: values = [... for ... in ...]",
    ),
    "fstring_raise": (
        """\
        def f(x: float) -> float:
            if x < 0.0:
                raise ValueError(f"negative: {x}")
            return x
        """,
        "DIR/mod.py:3:9: error: 'raise ValueError(f'negative: {x}')' is not supported yet\n"
        "3 |         raise ValueError(f\"negative: {x}\")\n"
        "            ^\n"
        "help: raise a builtin exception with a literal message, e.g. raise ValueError(\"x < 0\")",
    ),
    "dict": (
        """\
        def f(x: float) -> float:
            table = {"a": x}
            return x
        """,
        "DIR/mod.py:2:13: error: dict displays ('{...: ...}') are not supported yet\n"
        "2 |     table = {\"a\": x}\n"
        "                ^\n"
        "help: use separate variables or a NumPy array",
    ),
    "string": (
        """\
        def f(x: float) -> float:
            label = "price"
            return x
        """,
        "DIR/mod.py:2:13: error: str constants are not supported yet\n"
        "2 |     label = \"price\"\n"
        "                ^\n"
        "help: compiled code computes with numbers and arrays only; keep text handling in Python",
    ),
    "int_pow": (
        """\
        def f(n: int, k: int) -> int:
            return n ** k
        """,
        "DIR/mod.py:2:12: error: int ** int with a non-constant or negative exponent has a value-dependent type (int or float)\n"
        "2 |     return n ** k\n"
        "               ^\n"
        "help: write float(base) ** exponent, or a constant exponent",
    ),
    "decorated": (
        """\
        import functools

        @functools.lru_cache
        def f(x: float) -> float:
            return x
        """,
        "DIR/mod.py:3:2: error: decorated functions are not supported yet\n"
        "3 | @functools.lru_cache\n"
        "     ^\n"
        "help: move the function to a module that is not compiled",
    ),
    "star_args": (
        """\
        def f(*xs: float) -> float:
            return 0.0
        """,
        "DIR/mod.py:1:8: error: '*args'/'**kwargs' parameters are not supported yet\n"
        "1 | def f(*xs: float) -> float:\n"
        "           ^\n"
        "help: name each parameter with its type, e.g. def f(x: float, y: float)",
    ),
    "return_arg_array": (
        """\
        import numpy as np
        from numpy.typing import NDArray

        def f(x: NDArray[np.float64]) -> NDArray[np.float64]:
            return x
        """,
        "DIR/mod.py:5:5: error: returning an argument array or a view of one is not supported yet: Python returns the same memory, the compiled module would return a copy\n"
        "5 |     return x\n"
        "        ^\n"
        "help: return a new array, e.g. x.copy() in Python terms: x * 1.0",
    ),
    "inplace_array": (
        """\
        import numpy as np
        from numpy.typing import NDArray

        def f(x: np.ndarray[tuple[int], np.dtype[np.float64]]) -> NDArray[np.float64]:
            y = x * 2.0
            v = y
            v += 1.0
            return y
        """,
        "DIR/mod.py:7:5: error: 'v' may share memory with another array (a view, or an argument under another "
        "name); updating it in place is not supported yet\n"
        "7 |     v += 1.0\n"
        "        ^\n"
        "help: write 'v = v + 1.0' (a new array)",
    ),
    "copy_read_after_write": (
        """\
        import numpy as np

        def f(x: np.ndarray[tuple[int], np.dtype[np.float64]]) -> float:
            y = x * 2.0
            z = y
            y[0] = 1.0
            return z[0]
        """,
        "DIR/mod.py:7:12: error: 'z' is the same array as 'y' (or a reshaped view of it), which is written in place "
        "while 'z' is held: the compiled code holds a copy\n"
        "7 |     return z[0]\n"
        "               ^\n"
        "help: make the copy explicit (z = y.copy()), or write through 'y' only",
    ),
    "write_through_transpose": (
        """\
        import numpy as np

        def f(m: np.ndarray[tuple[int, int], np.dtype[np.float64]]) -> float:
            out = m * 1.0
            t = out.T
            t[0, 1] = 5.0
            return out.sum()
        """,
        "DIR/mod.py:6:5: error: writing through a transposed view held in a variable is not supported yet\n"
        "6 |     t[0, 1] = 5.0\n"
        "        ^\n"
        "help: write into the array itself with the indices swapped",
    ),
    "view_read_by_next_iteration": (
        """\
        import numpy as np

        def f(x: np.ndarray[tuple[int], np.dtype[np.float64]], n: int) -> float:
            y = x * 1.0
            total = 0.0
            last = y * 0.0
            for i in range(n):
                total += last[0]
                last = y[i:]
            return total
        """,
        "DIR/mod.py:7:5: error: 'last' is a view or a copy of another array at the end of an iteration and read "
        "at the start of the next one; that is not supported yet\n"
        "7 |     for i in range(n):\n"
        "        ^\n"
        "help: bind 'last' at the start of the loop body, or copy it: last.copy()",
    ),
    "view_of_rebound_array_in_loop": (
        """\
        import numpy as np

        def f(x: np.ndarray[tuple[int], np.dtype[np.float64]], n: int) -> float:
            y = x * 1.0
            v = y[1:]
            for i in range(n):
                v += 1.0
                y = y * 2.0
            return y.sum()
        """,
        "DIR/mod.py:7:9: error: 'v' is a view of 'y', and the loop rebinds one of them\n"
        "7 |         v += 1.0\n"
        "            ^\n"
        "help: bind the view inside the loop before using it, or use a new name",
    ),
    "chained_assign": (
        """\
        def f(x: float) -> float:
            a = b = x
            return a
        """,
        "DIR/mod.py:2:5: error: chained assignment 'a = b = ...' is not supported yet\n"
        "2 |     a = b = x\n"
        "        ^\n"
        "help: assign one name at a time",
    ),
    "match": (
        """\
        def f(n: int) -> int:
            match n:
                case 0:
                    return 1
            return n
        """,
        "DIR/mod.py:2:5: error: 'match' statements are not supported yet\n"
        "2 |     match n:\n"
        "        ^\n"
        "help: write the cases as if/elif/else",
    ),
    "walrus": (
        """\
        def f(x: float) -> float:
            if (y := x * 2.0) > 1.0:
                return y
            return x
        """,
        "DIR/mod.py:2:9: error: assignment expressions (':=') are not supported yet\n"
        "2 |     if (y := x * 2.0) > 1.0:\n"
        "            ^\n"
        "help: assign on a line of its own first",
    ),
    "big_int": (
        """\
        def f(n: int) -> int:
            return n + 123456789012345678901234567890
        """,
        "DIR/mod.py:2:16: error: integer literal does not fit in 64 bits\n"
        "2 |     return n + 123456789012345678901234567890\n"
        "                   ^\n"
        "help: use a float literal",
    ),
    "branches_types": (
        """\
        def f(x: float, flag: bool) -> float:
            if flag:
                return x
            return 1
        """,
        "DIR/mod.py:4:5: error: 'f' returns values of different types (float, int)\n"
        "4 |     return 1\n"
        "        ^\n"
        "help: return one type on every path (e.g. 0.0 rather than 0 next to floats)",
    ),
    "return_mismatch": (
        """\
        def f(x: float) -> int:
            return x
        """,
        "DIR/mod.py:2:5: error: 'f' is annotated to return int but returns float\n"
        "2 |     return x\n"
        "        ^\n"
        "help: make every path return a value of the annotated type",
    ),
    "str_annotation": (
        """\
        def f(name: str) -> int:
            return 0
        """,
        "DIR/mod.py:1:13: error: unsupported type annotation 'str'\n"
        "1 | def f(name: str) -> int:\n"
        "                ^\n"
        "help: annotate with float, int, bool, numpy.typing.NDArray[np.float64] or np.ndarray[tuple[int, int], np.dtype[np.float64]]",
    ),
    "np_unknown": (
        """\
        import numpy as np
        from numpy.typing import NDArray

        def f(x: NDArray[np.float64]) -> NDArray[np.float64]:
            return np.fft.fft(x)
        """,
        "DIR/mod.py:5:12: error: 'numpy.fft.fft' is not supported yet\n"
        "5 |     return np.fft.fft(x)\n"
        "               ^\n"
        "help: the README's 'What compiles today' lists the supported math and numpy functions",
    ),
    "method_call": (
        """\
        def f(x: float) -> float:
            return x.conjugate()
        """,
        "DIR/mod.py:2:12: error: method call 'x.conjugate(...)' is not supported yet\n"
        "2 |     return x.conjugate()\n"
        "               ^\n"
        "help: array methods supported: x.sum(), x.mean(), x.max(), x.min(), x.copy()",
    ),
    "async": (
        """\
        async def f(x: float) -> float:
            return x
        """,
        "DIR/mod.py:1:1: error: async functions are not supported\n"
        "1 | async def f(x: float) -> float:\n"
        "    ^\n"
        "help: keep them in a module that is not compiled",
    ),
    "type_change": (
        """\
        def f(n: int) -> float:
            x = n
            x = n / 2
            return x
        """,
        "DIR/mod.py:3:5: error: 'x' changes type from int to float\n"
        "3 |     x = n / 2\n"
        "        ^\n"
        "help: use a new name for the new value",
    ),
    "list_mixed": (
        """\
        def f(n: int) -> list[int]:
            out = [0]
            out.append(n / 2)
            return out
        """,
        "DIR/mod.py:3:5: error: appending float to list[int] would make a list of mixed types\n"
        "3 |     out.append(n / 2)\n"
        "        ^\n"
        "help: append int values only",
    ),
    "list_argument": (
        """\
        def f(xs: list[float]) -> float:
            xs.append(1.0)
            return xs[0]
        """,
        "DIR/mod.py:2:5: error: changing the list argument 'xs' is not supported yet (the caller's list would "
        "change too)\n"
        "2 |     xs.append(1.0)\n"
        "        ^\n"
        "help: build a new list, e.g. out = list(xs)",
    ),
    "list_alias": (
        """\
        def f(n: int) -> list[int]:
            xs = [n] * 3
            ys = xs
            return ys
        """,
        "DIR/mod.py:3:5: error: 'ys = xs' makes two names for one list; the compiled code cannot share it\n"
        "3 |     ys = xs\n"
        "        ^\n"
        "help: copy it: ys = list(xs)",
    ),
}


@pytest.mark.parametrize("construct", sorted(REFUSALS))
def test_refusal_snapshot(tmp_path: Path, construct: str) -> None:
    source, expected = REFUSALS[construct]
    assert diagnostics_of(tmp_path, source) == expected


def test_several_problems_in_one_module_are_all_reported_in_source_order(tmp_path: Path) -> None:
    text = diagnostics_of(tmp_path, """\
        def ok(x: float) -> float:
            return x * 2.0

        def first(x: float) -> float:
            assert x > 0.0, f"{x}"
            return x

        def second(n: int, k: int) -> int:
            return n ** k

        def third(x: float) -> float:
            return ok(x) + {x: 1.0}[x]
        """)
    assert text == (
        "DIR/mod.py:5:21: error: an assert message must be a string literal\n"
        "5 |     assert x > 0.0, f\"{x}\"\n"
        "                        ^\n"
        "help: write the message as a literal, e.g. assert n > 0, \"n must be positive\"\n"
        "\n"
        "DIR/mod.py:9:12: error: int ** int with a non-constant or negative exponent has a value-dependent type "
        "(int or float)\n"
        "9 |     return n ** k\n"
        "               ^\n"
        "help: write float(base) ** exponent, or a constant exponent\n"
        "\n"
        "DIR/mod.py:12:20: error: dict displays ('{...: ...}') are not supported yet\n"
        "12 |     return ok(x) + {x: 1.0}[x]\n"
        "                        ^\n"
        "help: use separate variables or a NumPy array"
    )


def test_several_problems_in_one_function_are_all_reported_without_follow_on_errors(tmp_path: Path) -> None:
    """After a refused statement lowering goes on; statements reading what it assigns (z from y,
    the return from z and w) are not reported again."""
    text = diagnostics_of(tmp_path, """\
        def f(x: float, n: int) -> float:
            y = {x, x}
            z = y[0] + 1.0
            assert x > 0.0, f"{x}"
            with open("f") as h:
                pass
            w = n ** n
            return z + w


        def g(x: float) -> float:
            return x * 2.0
        """)
    assert text == (
        "DIR/mod.py:2:9: error: set displays ('{...}') are not supported yet\n"
        "2 |     y = {x, x}\n"
        "            ^\n"
        "help: use separate variables or a NumPy array\n"
        "\n"
        "DIR/mod.py:4:21: error: an assert message must be a string literal\n"
        "4 |     assert x > 0.0, f\"{x}\"\n"
        "                        ^\n"
        "help: write the message as a literal, e.g. assert n > 0, \"n must be positive\"\n"
        "\n"
        "DIR/mod.py:5:5: error: 'with' statements are not supported yet\n"
        "5 |     with open(\"f\") as h:\n"
        "        ^\n"
        "help: compiled code has no context managers: keep this function in Python (on-unsupported = \"python\" "
        "in [tool.pyrs-build])\n"
        "\n"
        "DIR/mod.py:7:9: error: int ** int with a non-constant or negative exponent has a value-dependent type "
        "(int or float)\n"
        "7 |     w = n ** n\n"
        "            ^\n"
        "help: write float(base) ** exponent, or a constant exponent"
    )


def test_the_other_refusals_of_a_function_kept_in_python_are_listed(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_text("def f(x: float) -> float:\n    assert x > 0.0, f'{x}'\n    return {x}[0]\n\n\n"
                    "def g(x: float) -> float:\n    return x\n")
    module = compile_to_ir("mod", path, on_unsupported="python")
    assert module.kept_in_python["f"].line == 2  # type: ignore[attr-defined]
    assert [d.line for d in module.more_reasons["f"]] == [3]  # type: ignore[attr-defined]
