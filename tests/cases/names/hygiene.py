"""Name hygiene: Python identifiers that are Rust keywords or Rust/runtime/generated names, non-ASCII
identifiers, names shadowing builtins, and string literals with quotes, backslashes, braces and
unicode in messages and docstrings: all compile and behave as in Python."""

import math

import numpy as np
from numpy.typing import NDArray

crate = 3
mod = 2.5
π = math.pi


def keywords(type: float, match: int, fn: bool, impl: float, ref: int) -> float:
    """Rust keywords as parameters: "type", 'match', fn, impl, ref."""
    loop = type * match
    move = impl - ref
    if fn:
        loop, move = move, loop
    return loop + move


def more_keywords(mut: float, let: float, struct: int, trait: int, where: bool, dyn: float) -> float:
    const = mut + let * struct
    static = trait - struct
    unsafe = const if where else dyn
    return unsafe * static + crate


def reserved_keywords(box: float, macro: float, gen: int, virtual: float, typeof: float) -> float:
    final = box - macro * gen
    override = virtual + typeof
    priv = final / override if override != 0.0 else final
    return priv


def path_keywords(self: float, super: float, Self: int) -> float:
    crate_ = self + super
    return crate_ * Self - mod


def generated_names(py: float, args: int, kwargs: int, fallback: float, original: bool, result: float) -> float:
    """Names the generated wrapper binds: py, args, kwargs, fallback, original, result."""
    python = py * args + kwargs
    if original:
        python -= fallback
    ORIGINALS = python + result
    return ORIGINALS


def rust_names(f64: float, i64: int, Ok: float, Err: float, Some: int, std: float, core: float) -> float:
    pyrs = f64 * i64 + Ok - Err
    ndarray = pyrs + Some
    numpy = ndarray - std * core
    PyResult = numpy / 2.0
    return PyResult


def non_ascii(größe: float, Δx: float, naïve: int) -> float:
    """Größe × Δx — non-ASCII identifiers (NFKC-normalised by Python: ﬁ is fi)."""
    ﬁeld = größe * Δx + naïve
    return field * π  # the same name as ﬁeld


def shadows_builtins(len: int, abs: float, min: float, max: float, sum: float) -> float:
    float = abs * len
    int = min + max
    range = float - int
    return range + sum


def messages(code: int) -> int:
    if code == 1:
        raise ValueError('quote " and \' apostrophe')
    if code == 2:
        raise ValueError("backslash \\ and \\n (escaped), tab\tand newline\n")
    if code == 3:
        raise ValueError("braces {} {0} {{x}} and percent %s %d")
    if code == 4:
        raise ValueError("unicode: é ü ß π ✓ 🎉 \u00e9 \N{GREEK SMALL LETTER ALPHA}")
    if code == 5:
        raise ValueError("""triple "quoted" message""")
    return code


def docstring_escapes(x: float) -> float:
    """Quotes " ' \" and backslashes \\ \\n, braces {} {{}}, unicode ✓ π 🎉, a raw-looking r"\\d"."""
    return x


def scale(x: NDArray[np.float64], type: float) -> NDArray[np.float64]:
    return x * type


def scale_element(x: NDArray[np.float64], match: float) -> NDArray[np.float64]:
    """Named like the per-element function generated for `scale`."""
    return scale(x, match) + 1.0


PYRS_TEST = {name: {"elements": {"ints": (-5, 5)}} for name in (
    "keywords", "more_keywords", "reserved_keywords", "path_keywords", "generated_names", "rust_names",
    "non_ascii", "shadows_builtins", "messages")}
