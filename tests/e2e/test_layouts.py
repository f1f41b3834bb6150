"""Generated packages in flat and src layout, a stub-typed module, and on-type-mismatch.

Each project is written into a tmp dir, installed with the session venv's pip (real isolated
build, real cargo), and then exercised in the venv against the original ``.py`` that is installed
beside the extension (loaded under another module name, so it is pure Python throughout).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from e2e_support import assert_close, pairwise_report, write_project

if TYPE_CHECKING:
    from conftest import Venv

pytestmark = pytest.mark.slow

LAYOUT_SOURCE = '''\
"""Small module compiled by pyrs-build in the end-to-end tests."""

import math

import numpy as np
from numpy.typing import NDArray

SCALE = 2.5
OFFSET = 3
HALF = SCALE / 2.0
LABELS = ["low", "high"]  # a list: stays a plain Python object of the module


class Accumulator:
    """Defined at top level, used by no compiled function."""

    def __init__(self, start=0.0):
        self.total = start

    def add(self, value):
        self.total += value
        return self.total


def affine(x: float, a: float = 2.0, b: float = -1.0) -> float:
    """Return a * x + b."""
    return a * x + b


def hypot_scaled(x: float, y: float = 4.0, *, scale: float = SCALE) -> float:
    """scale * sqrt(x**2 + y**2); ``scale`` is keyword-only."""
    return scale * math.sqrt(x * x + y * y)


def pick(x: float, n: int) -> float:
    """Calls the other compiled functions, with keywords and defaults."""
    if n > OFFSET:
        return affine(x, b=HALF)
    elif n == OFFSET:
        return hypot_scaled(x, scale=2.0)
    else:
        return affine(x)


def count(n: int, k: int = 7) -> int:
    return n * k + OFFSET


def above(x: float, threshold: float = 10.0) -> bool:
    """True when x exceeds the threshold."""
    return x > threshold


def clip_where(x: NDArray[np.float64], limit: float = 1.0) -> NDArray[np.float64]:
    """x where |x| <= limit, else limit * SCALE."""
    return np.where(np.abs(x) <= limit, x, limit * SCALE)


def moments(x: NDArray[np.float64], shift: float = 0.0) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """((x - shift)**2, sqrt(|x - shift|) / 2), elementwise."""
    d = x - shift
    return d * d, np.sqrt(np.abs(d)) / 2.0


def softplus(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """log(1 + exp(x)), elementwise."""
    return np.log(1.0 + np.exp(x))
'''

FUNCTIONS = ["affine", "hypot_scaled", "pick", "count", "above", "clip_where", "moments", "softplus"]

SCALARS = ["0.0", "-0.0", "1.5", "-2.25", "3.0", "0.1", "1e-310", "1e308", "-1e308", "math.inf", "-math.inf",
           "math.nan"]
INTS = ["-5", "0", "1", "3", "4", "2**62", "-2**63", "2**63 - 1", "2**70", "-(2**70)"]
ARRAYS = [
    "np.linspace(-3.0, 3.0, 13)",
    "np.array([[0.5, -1.5, 2.0], [-0.0, 1e-310, -7.25]])",  # 2-d
    "np.array(-0.75)",  # 0-d
    "np.array([])",  # empty
    "np.linspace(-3.0, 3.0, 12)[::3]",  # not contiguous
    "np.asfortranarray(np.arange(6.0).reshape(2, 3) - 2.5)",  # Fortran order
    "np.array([math.nan, math.inf, -math.inf, 1e308, -0.0])",
]

# Functions made only of + - * /, sqrt, abs, comparisons and np.where: bit-identical to Python/NumPy.
EXACT_CALLS = (
    [f"affine({x})" for x in SCALARS]
    + [f"affine({x}, 3.0, b=-0.5)" for x in SCALARS]
    + [f"hypot_scaled({x})" for x in SCALARS]
    + [f"hypot_scaled({x}, {y}, scale=0.5)" for x in SCALARS[:6] for y in ("0.0", "-3.0", "1e200")]
    + [f"pick({x}, {n})" for x in ("1.5", "-0.0", "math.nan") for n in ("-5", "3", "4", "2**62")]
    + [f"count({n})" for n in INTS]
    + [f"count({n}, k={k})" for n in ("1", "-7", "2**40") for k in ("0", "-3", "2**30")]
    + [f"above({x})" for x in SCALARS]
    + [f"above(x={x}, threshold=-1.0)" for x in SCALARS]
    + [f"clip_where({a})" for a in ARRAYS]
    + [f"clip_where({a}, limit=2.0)" for a in ARRAYS]
    + [f"moments({a})" for a in ARRAYS]
    + [f"moments({a}, 0.5)" for a in ARRAYS]
    + ["clip_where(np.array([[1.0], [-2.0]]) * np.ones((1, 3)), 1.5)"]  # broadcast result as input
)

# exp/log: the compiled code uses libm, NumPy its own SIMD exp/log; both within ~1 ulp per call,
# and log(1 + exp(x)) does not amplify that for |x| <= 5 (the smallest result is 6.7e-3), so a
# relative tolerance of 1e-13 (about 450 ulp) is ample.
SOFTPLUS_RTOL = 1e-13
SOFTPLUS_CALLS = [
    "softplus(np.linspace(-5.0, 5.0, 101))",
    "softplus(np.linspace(-5.0, 5.0, 24).reshape(2, 3, 4))",
    "softplus(np.array(0.25))",  # 0-d in: NumPy returns a numpy.float64 scalar
    "softplus(np.array([]))",
    "softplus(np.array([800.0, -800.0, math.nan, math.inf, -math.inf]))",  # overflow to inf, underflow to 0
]

# Argument errors: the compiled function must raise exactly what Python raises.
ERROR_CALLS = [
    "affine()",
    "affine(1.0, 2.0, 3.0, 4.0)",
    "affine(1.0, c=2.0)",
    "affine(1.0, x=2.0)",
    "hypot_scaled(1.0, 2.0, 3.0)",
    "count(k=2)",
    "clip_where()",
    "moments(np.ones(3), 1.0, shift=2.0)",
]

# Independent expected values (not differential): keyword arguments and defaults.
KNOWN_VALUES = {
    "affine(3.0)": ["float", (5.0).hex()],
    "affine(3.0, 0.5)": ["float", (0.5).hex()],
    "affine(3.0, b=1.0)": ["float", (7.0).hex()],
    "affine(b=1.0, x=3.0, a=-1.0)": ["float", (-2.0).hex()],
    "hypot_scaled(3.0)": ["float", (12.5).hex()],  # default scale=SCALE=2.5, y=4.0
    "hypot_scaled(3.0, scale=2.0)": ["float", (10.0).hex()],
    "hypot_scaled(5.0, y=12.0, scale=1.0)": ["float", (13.0).hex()],
    "pick(1.5, 9)": ["float", (4.25).hex()],  # affine(1.5, b=HALF) = 3.0 + 1.25
    "pick(3.0, 3)": ["float", (10.0).hex()],  # hypot_scaled(3.0, scale=2.0)
    "pick(1.5, 0)": ["float", (2.0).hex()],  # affine(1.5)
    "count(4)": ["int", "31"],
    "count(n=4, k=2)": ["int", "11"],
    "count(2**62)": ["int", str(2**62 * 7 + 3)],  # overflows int64: still Python's exact result
    "above(11.0)": ["bool", True],
    "above(x=9.0)": ["bool", False],
    "above(0.0, threshold=-1.0)": ["bool", True],
}


def _install(venv: Venv, root: Path, dist: str, package: str, files: dict[str, str], **kwargs: Any) -> str:
    project = write_project(root, dist, package, files, **kwargs)
    done = venv.pip_install(project)
    assert done.returncode == 0, done.stdout
    return f"{package}.fast"


@pytest.fixture(scope="module", params=["flat", "src"])
def layout_module(request: pytest.FixtureRequest, venv: Venv, tmp_path_factory: pytest.TempPathFactory) -> str:
    """``e2e_<layout>pkg.fast`` built from LAYOUT_SOURCE and installed; its dotted name."""
    layout = request.param
    root = tmp_path_factory.mktemp(f"{layout}-layout")
    module = _install(venv, root, f"e2e-{layout}-layout", f"e2e_{layout}pkg", {"fast.py": LAYOUT_SOURCE},
                      layout=layout)
    source_dir = root / "src" / f"e2e_{layout}pkg" if layout == "src" else root / f"e2e_{layout}pkg"
    assert (source_dir / "fast.py").is_file()
    return module


def _calls_report(venv: Venv, module: str, calls: list[str]) -> dict[str, Any]:
    return venv.json(f"""
import {module} as compiled
original = load_original({module!r})
calls = {calls!r}
emit({{"compiled": run_calls(compiled, calls), "original": run_calls(original, calls)}})
""")  # type: ignore[return-value]


def test_layout_installs_an_extension_module(venv: Venv, layout_module: str) -> None:
    report = venv.json(f"""
import {layout_module} as compiled
path = Path(compiled.__file__)
site = Path(sysconfig.get_paths()["purelib"])
emit({{
    "file": str(path),
    "ext_suffix": sysconfig.get_config_var("EXT_SUFFIX"),
    "loader_is_extension": isinstance(compiled.__loader__, importlib.machinery.ExtensionFileLoader),
    "in_site_packages": path.parent == site / {layout_module.split(".")[0]!r},
    "py_beside": path.with_name("fast.py").is_file(),
    "source": compiled.__pyrs_build__["source"],
    "compiled": list(compiled.__pyrs_build__["compiled"]),
    "name": compiled.__name__,
}})
""")
    assert report["file"].endswith(report["ext_suffix"]), report["file"]
    assert report["loader_is_extension"]
    assert report["in_site_packages"], report["file"]
    assert report["py_beside"]
    assert report["source"] == str(Path(report["file"]).with_name("fast.py"))
    assert sorted(report["compiled"]) == sorted(FUNCTIONS)  # every function of the module
    assert report["name"] == layout_module


def test_layout_keeps_every_top_level_name(venv: Venv, layout_module: str) -> None:
    report = venv.json(f"""
import {layout_module} as compiled
original = load_original({layout_module!r})
public = sorted(n for n in vars(original) if not n.startswith("__"))
acc = compiled.Accumulator(1.5)
acc.add(2.0)
emit({{
    "public": public,
    "missing": [n for n in public if not hasattr(compiled, n)],
    "constants": [compiled.SCALE, compiled.OFFSET, compiled.HALF, compiled.LABELS],
    "constant_types": [type(compiled.SCALE).__name__, type(compiled.OFFSET).__name__],
    "accumulator": acc.total,
    "class_module": compiled.Accumulator.__module__,
    "class_doc": compiled.Accumulator.__doc__,
    "module_doc_equal": compiled.__doc__ == original.__doc__ and compiled.__doc__ is not None,
    "math_is_math": compiled.math is math, "np_is_numpy": compiled.np is np,
}})
""")
    assert set(FUNCTIONS) | {"Accumulator", "SCALE", "OFFSET", "HALF", "LABELS", "math", "np", "NDArray"} \
        <= set(report["public"])
    assert report["missing"] == []
    assert report["constants"] == [2.5, 3, 1.25, ["low", "high"]]
    assert report["constant_types"] == ["float", "int"]
    assert report["accumulator"] == 3.5
    assert report["class_module"] == layout_module
    assert report["class_doc"] == "Defined at top level, used by no compiled function."
    assert report["module_doc_equal"]
    assert report["math_is_math"] and report["np_is_numpy"]


def test_layout_signatures_and_docstrings_match_the_original(venv: Venv, layout_module: str) -> None:
    report = venv.json(f"""
import {layout_module} as compiled
original = load_original({layout_module!r})
out = {{}}
for name in {FUNCTIONS!r}:
    c, o = getattr(compiled, name), getattr(original, name)
    sig_c, sig_o = inspect.signature(c), inspect.signature(o)
    out[name] = {{
        "builtin": isinstance(c, types.BuiltinFunctionType),
        "equal": sig_c == strip_annotations(sig_o),
        "compiled": str(sig_c), "original": str(strip_annotations(sig_o)),
        "kinds": [p.kind.name for p in sig_c.parameters.values()],
        "doc": [c.__doc__, o.__doc__],
        "name": [c.__name__, o.__name__],
    }}
emit(out)
""")
    for name, info in report.items():
        assert info["builtin"], name
        # __text_signature__ cannot carry annotations: compare names, kinds and defaults
        assert info["equal"], f"{name}: {info['compiled']} != {info['original']}"
        assert info["doc"][0] == info["doc"][1], name
        assert info["name"] == [name, name]
    assert report["hypot_scaled"]["compiled"] == "(x, y=4.0, *, scale=2.5)"  # default from a constant
    assert report["hypot_scaled"]["kinds"] == ["POSITIONAL_OR_KEYWORD", "POSITIONAL_OR_KEYWORD", "KEYWORD_ONLY"]
    assert report["affine"]["compiled"] == "(x, a=2.0, b=-1.0)"
    assert report["affine"]["doc"][0] == "Return a * x + b."
    assert report["count"]["doc"] == [None, None]


def test_layout_exact_results_equal_the_original(venv: Venv, layout_module: str) -> None:
    report = _calls_report(venv, layout_module, EXACT_CALLS)
    assert len(report["compiled"]) == len(EXACT_CALLS)
    assert pairwise_report(EXACT_CALLS, report["compiled"], report["original"]) == []
    raised = [c for c, r in zip(EXACT_CALLS, report["compiled"]) if r[0] == "raise"]
    assert raised == [], raised  # all of these are valid calls


def test_layout_keyword_arguments_and_defaults(venv: Venv, layout_module: str) -> None:
    calls = list(KNOWN_VALUES)
    report = _calls_report(venv, layout_module, calls)
    for call, compiled, original in zip(calls, report["compiled"], report["original"]):
        assert original == KNOWN_VALUES[call], call  # the expectation itself is right
        assert compiled == KNOWN_VALUES[call], call


def test_layout_transcendental_results_within_tolerance(venv: Venv, layout_module: str) -> None:
    report = _calls_report(venv, layout_module, SOFTPLUS_CALLS)
    for call, compiled, original in zip(SOFTPLUS_CALLS, report["compiled"], report["original"]):
        assert compiled[0] != "raise", (call, compiled)
        assert_close(compiled, original, rtol=SOFTPLUS_RTOL, where=call)
    assert report["compiled"][2][0] == "float64"  # 0-d input gives a NumPy scalar, as NumPy does


def test_layout_argument_errors_match_python(venv: Venv, layout_module: str) -> None:
    report = _calls_report(venv, layout_module, ERROR_CALLS)
    for call, compiled, original in zip(ERROR_CALLS, report["compiled"], report["original"]):
        assert original[0] == "raise" and original[1] == "TypeError", (call, original)
        assert compiled == original, call


def test_layout_array_inputs_are_not_modified(venv: Venv, layout_module: str) -> None:
    report = venv.json(f"""
import {layout_module} as compiled
x = np.linspace(-3.0, 3.0, 9)
before = x.copy()
results = [compiled.clip_where(x), *compiled.moments(x, 1.0), compiled.softplus(x)]
emit({{"unchanged": bool(np.array_equal(x, before)),
       "fresh": [not np.shares_memory(r, x) for r in results],
       "writeable": [bool(r.flags.writeable) for r in results]}})
""")
    assert report["unchanged"]
    assert all(report["fresh"]), report
    assert all(report["writeable"]), report


# ---- (c) unannotated source typed by a .pyi stub ------------------------------------------------

STUB_SOURCE = '''\
import math

import numpy as np


def poly(x, a=1.0, b=0.5):
    """a * x * x + b."""
    return a * x * x + b


def damp(v, k):
    """exp(-k * v) * v, elementwise."""
    return np.exp(-k * v) * v


def norm(x, y):
    return math.sqrt(x * x + y * y)
'''

STUB_PYI = '''\
import numpy as np
from numpy.typing import NDArray

def poly(x: float, a: float = ..., b: float = ...) -> float: ...
def damp(v: NDArray[np.float64], k: float) -> NDArray[np.float64]: ...
def norm(x: float, y: float) -> float: ...
'''


@pytest.fixture(scope="module")
def stub_module(venv: Venv, tmp_path_factory: pytest.TempPathFactory) -> str:
    return _install(venv, tmp_path_factory.mktemp("stub"), "e2e-stub", "e2e_stubpkg",
                    {"fast.py": STUB_SOURCE, "fast.pyi": STUB_PYI}, modules=["e2e_stubpkg.fast"])


def test_stub_typed_module_is_compiled(venv: Venv, stub_module: str) -> None:
    exact = ["poly(2.0)", "poly(2.0, b=-1.0)", "poly(x=-0.0, a=3.0)", "poly(math.nan)", "norm(3.0, 4.0)",
             "norm(-1e200, 1e200)", "poly(2)", "norm(3, 4)", "poly(2, 'ab', '!')"]
    report = venv.json(f"""
import {stub_module} as compiled
original = load_original({stub_module!r})
calls = {exact!r}
x = np.linspace(-2.0, 2.0, 9)
emit({{
    "file": compiled.__file__,
    "ext": sysconfig.get_config_var("EXT_SUFFIX"),
    "compiled": list(compiled.__pyrs_build__["compiled"]),
    "builtin": [isinstance(getattr(compiled, n), types.BuiltinFunctionType) for n in ("poly", "damp", "norm")],
    "signatures": [str(inspect.signature(getattr(m, "poly"))) for m in (compiled, original)],
    "signatures_equal": all(inspect.signature(getattr(compiled, n)) == inspect.signature(getattr(original, n))
                            for n in ("poly", "damp", "norm")),
    "docs": [compiled.poly.__doc__, compiled.damp.__doc__, compiled.norm.__doc__],
    "exact": [run_calls(compiled, calls), run_calls(original, calls)],
    "damp": [describe(compiled.damp(x, 0.7)), describe(original.damp(x, 0.7))],
}})
""")
    assert report["file"].endswith(report["ext"]), report["file"]
    assert sorted(report["compiled"]) == ["damp", "norm", "poly"]
    assert all(report["builtin"])
    # the source has no annotations, so here the signatures are equal without any stripping
    assert report["signatures"] == ["(x, a=1.0, b=0.5)"] * 2
    assert report["signatures_equal"]
    assert report["docs"] == ["a * x * x + b.", "exp(-k * v) * v, elementwise.", None]
    assert pairwise_report(exact, *report["exact"]) == []
    assert report["exact"][0][-1] == ["other", "str", "'abababab!'"]  # str args: the original runs
    assert_close(report["damp"][0], report["damp"][1], rtol=1e-13, where="damp")


# ---- (d) on-type-mismatch -----------------------------------------------------------------------

MISMATCH_SOURCE = '''\
import numpy as np
from numpy.typing import NDArray


def scale_add(x: NDArray[np.float64], s: float = 2.0, c: float = 0.5) -> NDArray[np.float64]:
    """s * x + c, elementwise (np.multiply: lists work too)."""
    return np.multiply(x, s) + c


def halve(x: float) -> float:
    return x / 2.0


def repeat(n: int, k: int = 3) -> int:
    return n * k


def gate(flag: bool, x: float) -> float:
    if flag:
        return x
    return -x
'''

# Calls whose argument types are not exactly the compiled ones (int64/float32/big-endian arrays,
# lists, ints or bools or numpy scalars for float, floats for int, ints for bool).
MISMATCHED_CALLS = {
    "scale_add(np.arange(5))": "x",
    "scale_add([1.0, 2.0, 3.0])": "x",
    "scale_add([[1, 2], [3, 4]])": "x",
    "scale_add(7)": "x",
    "scale_add(np.arange(4, dtype=np.float32))": "x",
    "scale_add(np.arange(4.0).astype('>f8'))": "x",
    "scale_add(np.arange(4.0), 3)": "s",
    "scale_add(np.arange(4.0), s=True)": "s",
    "scale_add(np.arange(4.0), c=1)": "c",
    "halve(3)": "x",
    "halve(True)": "x",
    "halve(np.float64(3.0))": "x",
    "halve(2**70)": "x",
    "repeat(2.5)": "n",
    "repeat(True)": "n",
    "repeat(4, k=1.5)": "k",
    "gate(1, 2.0)": "flag",
    "gate(True, 2)": "x",
}
MATCHED_CALLS = ["scale_add(np.arange(4.0))", "scale_add(np.arange(4.0), 3.0, c=-1.0)", "halve(3.0)",
                 "repeat(4)", "repeat(2**62)", "gate(True, 2.0)", "gate(flag=False, x=2.0)"]
MISMATCH_MESSAGE = re.compile(r"^(?P<function>\w+)\(\) argument '(?P<arg>\w+)': expected .+, got .+$")


@pytest.fixture(scope="module")
def mismatch_default_module(venv: Venv, tmp_path_factory: pytest.TempPathFactory) -> str:
    return _install(venv, tmp_path_factory.mktemp("mismatch-default"), "e2e-mismatch-default",
                    "e2e_mmdefault", {"fast.py": MISMATCH_SOURCE}, layout="src")


@pytest.fixture(scope="module")
def mismatch_error_module(venv: Venv, tmp_path_factory: pytest.TempPathFactory) -> str:
    return _install(venv, tmp_path_factory.mktemp("mismatch-error"), "e2e-mismatch-error", "e2e_mmerror",
                    {"fast.py": MISMATCH_SOURCE}, extra_settings='on-type-mismatch = "error"\n')


def test_type_mismatch_default_runs_the_original(venv: Venv, mismatch_default_module: str) -> None:
    calls = list(MISMATCHED_CALLS) + MATCHED_CALLS
    report = _calls_report(venv, mismatch_default_module, calls)
    assert pairwise_report(calls, report["compiled"], report["original"]) == []
    by_call = dict(zip(calls, report["compiled"]))
    assert by_call["scale_add(np.arange(5))"][:3] == ["ndarray", "float64", [5]]
    assert by_call["scale_add(np.arange(4, dtype=np.float32))"][:2] == ["ndarray", "float32"]
    assert by_call["halve(np.float64(3.0))"] == ["float64", (1.5).hex()]
    assert by_call["repeat(2.5)"] == ["float", (7.5).hex()]
    assert by_call["repeat(True)"] == ["int", "3"]
    assert all(r[0] != "raise" for r in report["compiled"]), report["compiled"]


def test_type_mismatch_error_raises_typeerror_naming_the_argument(venv: Venv, mismatch_error_module: str) -> None:
    mismatched = MISMATCHED_CALLS
    calls = list(mismatched) + MATCHED_CALLS
    report = _calls_report(venv, mismatch_error_module, calls)
    for call, compiled in zip(mismatched, report["compiled"]):
        assert compiled[:2] == ["raise", "TypeError"], (call, compiled)
        match = MISMATCH_MESSAGE.match(compiled[2])
        assert match, (call, compiled[2])
        assert match["function"] == call.split("(")[0], (call, compiled[2])
        assert match["arg"] == mismatched[call], (call, compiled[2])
    # arguments of exactly the compiled types still give the original's results
    n = len(mismatched)
    assert pairwise_report(MATCHED_CALLS, report["compiled"][n:], report["original"][n:]) == []
    assert dict(zip(calls, report["compiled"]))["repeat(2**62)"] == ["int", str(2**62 * 3)]


def test_type_mismatch_error_accepts_big_python_ints(venv: Venv, mismatch_error_module: str) -> None:
    calls = ["repeat(2**70)", "repeat(-(2**63) - 1, k=1)", "repeat(4, k=2**64)"]
    report = _calls_report(venv, mismatch_error_module, calls)
    assert report["original"][0] == ["int", str(2**70 * 3)]
    assert pairwise_report(calls, report["compiled"], report["original"]) == []


PARTIAL_SOURCE = '''\
import numpy as np


def scaled(x: float, k: float = 3.0) -> float:
    """Compiled."""
    return x * k


def via_python(x: float) -> float:
    """Not compilable: a `with` statement. Stays Python and still calls the compiled `scaled`."""
    with np.errstate(all="ignore"):
        return scaled(x) + 1.0


def through_python(x: float) -> float:
    """Compiled: calls `via_python` through the interpreter."""
    return via_python(x) * 2.0
'''

# the policy set for one module only, in its [[tool.pyrs-build.module]] table
PARTIAL_SETTINGS = '\n[[tool.pyrs-build.module]]\nname = "e2e_partial.fast"\non-unsupported = "python"\n'


def test_on_unsupported_python_keeps_some_functions_in_python(venv: Venv, tmp_path: Path) -> None:
    project = write_project(tmp_path, "e2e-partial", "e2e_partial", {"fast.py": PARTIAL_SOURCE},
                            extra_settings=PARTIAL_SETTINGS)
    done = venv.pip_run("install", "-v", "--no-cache-dir", "--force-reinstall", "--no-deps", project)
    assert done.returncode == 0, done.stdout
    kept = [line for line in done.stdout.splitlines() if "stays Python" in line]
    assert len(kept) == 1 and "e2e_partial.fast: 'via_python' stays Python: 'with' statements are not supported " \
        "yet (" in kept[0], done.stdout
    assert "e2e_partial.fast: 2 function(s) compiled to Rust" in done.stdout
    report = venv.json("""
import types, e2e_partial.fast as m
emit({"compiled": sorted(m.__pyrs_build__["compiled"]),
      "scaled_builtin": isinstance(m.scaled, types.BuiltinFunctionType),
      "python_function": isinstance(m.via_python, types.FunctionType),
      "value": m.via_python(2.0), "through": m.through_python(2.0)})
""")
    assert report == {"compiled": ["scaled", "through_python"], "scaled_builtin": True, "python_function": True,
                      "value": 7.0, "through": 14.0}
