"""The library functions the frontend knows: their qualified names, arity and result types.

Python's `math` functions keep Python semantics (ValueError/OverflowError like CPython); NumPy
functions keep NumPy semantics (nan/inf, no exception) and work on scalars and arrays alike."""

from __future__ import annotations

# numpy elementwise functions of float64 values -> float64 (name: arity)
NUMPY_FLOAT_UFUNCS: dict[str, int] = {
    **{f"numpy.{n}": 1 for n in (
        "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt", "cbrt", "square", "abs", "absolute",
        "fabs", "negative", "positive", "reciprocal", "sin", "cos", "tan", "arcsin", "arccos", "arctan", "sinh",
        "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "floor", "ceil", "trunc", "rint", "sign", "deg2rad",
        "rad2deg", "degrees", "radians")},
    **{f"numpy.{n}": 2 for n in (
        "add", "subtract", "multiply", "divide", "true_divide", "power", "arctan2", "hypot", "maximum", "minimum",
        "fmax", "fmin", "copysign", "logaddexp", "floor_divide", "remainder", "mod", "fmod")},
    "numpy.round": 1, "numpy.around": 1, "numpy.clip": 3,
}
# SciPy's special functions and normal distribution, elementwise like ufuncs: name -> arities
SCIPY_UFUNCS: dict[str, tuple[int, ...]] = {
    "scipy.special.erf": (1,), "scipy.special.erfc": (1,), "scipy.special.ndtr": (1,),
    "scipy.stats.norm.cdf": (1, 3), "scipy.stats.norm.pdf": (1, 3),
}
# numpy predicates: float64 -> bool
NUMPY_PREDICATES: dict[str, int] = {f"numpy.{n}": 1 for n in ("isnan", "isinf", "isfinite", "signbit")}

# math functions float -> float (name: (arity, can_overflow)); CPython's math_1/math_2 error rules
MATH_FLOAT: dict[str, tuple[int, bool]] = {
    **{f"math.{n}": (1, False) for n in (
        "sqrt", "log2", "log10", "log1p", "sin", "cos", "tan", "asin", "acos", "atan", "tanh", "asinh", "acosh",
        "atanh", "erf", "erfc", "fabs", "degrees", "radians", "lgamma")},
    **{f"math.{n}": (1, True) for n in ("exp", "expm1", "sinh", "cosh", "exp2", "gamma")},
    "math.atan2": (2, False), "math.hypot": (2, True), "math.pow": (2, True), "math.copysign": (2, False),
    "math.fmod": (2, False),
}
MATH_TO_INT = {"math.floor", "math.ceil", "math.trunc"}
MATH_PREDICATES = {"math.isnan", "math.isinf", "math.isfinite"}
BUILTINS = {"abs", "min", "max", "float", "int", "bool", "len", "round", "divmod", "pow", "sum", "list", "complex"}
EXCEPTIONS = {"ValueError", "TypeError", "ZeroDivisionError", "IndexError", "KeyError", "RuntimeError",
              "ArithmeticError", "OverflowError", "NotImplementedError", "AssertionError", "Exception"}

# whole-array reductions of float64 arrays -> numpy.float64 (functions and methods)
REDUCTIONS = {"numpy.sum": "sum", "numpy.mean": "mean", "numpy.max": "max", "numpy.amax": "max",
              "numpy.min": "min", "numpy.amin": "min"}
REDUCTION_METHODS = {"sum": "sum", "mean": "mean", "max": "max", "min": "min"}
