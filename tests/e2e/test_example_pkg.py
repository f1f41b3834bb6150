"""The bundled example (example_pkg, Black-Scholes) installed with pip into the session venv."""

from __future__ import annotations

import ast
import json
from typing import TYPE_CHECKING

import pytest

from e2e_support import EXAMPLE

if TYPE_CHECKING:
    from conftest import Venv

pytestmark = pytest.mark.slow

MODULE = "example_pkg.black_scholes"


@pytest.fixture(scope="module")
def example(venv: Venv) -> Venv:
    done = venv.pip_install(EXAMPLE)
    assert done.returncode == 0, done.stdout
    assert "Successfully installed pyrs-example-0.1.0" in done.stdout, done.stdout
    return venv


def test_example_module_is_the_compiled_extension(example: Venv) -> None:
    report = example.json(f"""
import {MODULE} as compiled
path = Path(compiled.__file__)
info = compiled.__pyrs_build__
recorded = sorted(f.as_posix() for f in importlib.metadata.files("pyrs-example")
                  if f.name.startswith("black_scholes") and "__pycache__" not in f.parts)
emit({{
    "file": str(path),
    "loader_is_extension": isinstance(compiled.__loader__, importlib.machinery.ExtensionFileLoader),
    "spec_loader_is_extension": isinstance(compiled.__spec__.loader, importlib.machinery.ExtensionFileLoader),
    "ext_suffix": sysconfig.get_config_var("EXT_SUFFIX"),
    "py_beside": str(path.with_name("black_scholes.py")),
    "py_beside_exists": path.with_name("black_scholes.py").is_file(),
    "py_text": path.with_name("black_scholes.py").read_text(),
    "recorded": recorded,
    "compiled": list(info["compiled"]),
    "source": info["source"],
    "originals": sorted(name for name, f in info["originals"].items() if isinstance(f, types.FunctionType)),
    "builtins": sorted(n for n in info["compiled"]
                       if isinstance(getattr(compiled, n), types.BuiltinFunctionType)),
}})
""")
    assert report["file"].endswith(report["ext_suffix"]), report["file"]
    assert report["loader_is_extension"] and report["spec_loader_is_extension"]
    assert report["py_beside_exists"], report["py_beside"]
    assert report["source"] == report["py_beside"]
    # the installed .py is the project's source, and both files are recorded in the wheel's RECORD
    assert report["py_text"] == (EXAMPLE / "example_pkg" / "black_scholes.py").read_text(encoding="utf-8")
    assert report["recorded"] == sorted(["example_pkg/black_scholes.py",
                                         "example_pkg/black_scholes" + report["ext_suffix"]]), report["recorded"]
    functions = [n.name for n in ast.parse(report["py_text"]).body if isinstance(n, ast.FunctionDef)]
    assert functions, "the example defines functions"
    assert sorted(report["compiled"]) == sorted(functions)
    assert report["originals"] == sorted(functions)
    assert report["builtins"] == sorted(functions)


def test_example_own_test_suite_passes_against_the_extension(example: Venv) -> None:
    # not -q: the header line of the example's conftest says which module the tests exercise
    done = example.python_run("-m", "pytest", "-p", "no:cacheprovider", EXAMPLE / "tests",
                              extra_env={"PYTHONDONTWRITEBYTECODE": "1"})
    print(done.stdout)
    assert done.returncode == 0, done.stdout
    assert "(compiled extension)" in done.stdout  # the example's conftest report header
    summary = done.stdout.strip().splitlines()[-1]
    assert " passed" in summary, summary
    for bad in ("failed", "skipped", "error", "xfail"):
        assert bad not in summary, summary


def test_example_differential_10k_options_within_documented_tolerance(example: Venv) -> None:
    report = example.json(f"""
import {MODULE} as compiled
from example_pkg import _original
original = _original.load_original()
assert original is not compiled and not _original.is_extension_module(original)
RTOL, FLOOR = _original.RTOL, _original.PRICE_FLOOR

def rel_diff(a, b):
    a, b = np.asarray(a), np.asarray(b)
    assert a.shape == b.shape and a.dtype == b.dtype == np.float64, (a.shape, b.shape, a.dtype, b.dtype)
    assert np.all(np.isfinite(a)) and np.all(np.isfinite(b))
    return float(np.max(np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), FLOOR)))

rng = np.random.default_rng(20240601)
n = 10_000
# the ranges of the example's own tests (S, K <= 200: the floor argument of _original holds)
S, K, T = rng.uniform(1.0, 200.0, n), rng.uniform(1.0, 200.0, n), rng.uniform(0.01, 10.0, n)
diffs = {{}}
for r, sigma in [(0.02, 0.30), (0.0, 0.05), (0.10, 1.0), (-0.01, 0.6)]:
    c_call, c_put = compiled.black_scholes(S, K, T, r, sigma)
    o_call, o_put = original.black_scholes(S, K, T, r, sigma)
    key = f"r={{r}},sigma={{sigma}}"
    diffs["black_scholes call " + key] = rel_diff(c_call, o_call)
    diffs["black_scholes put " + key] = rel_diff(c_put, o_put)
    diffs["call_price " + key] = rel_diff(compiled.call_price(S, K, T, r, sigma), original.call_price(S, K, T, r, sigma))
    diffs["put_price " + key] = rel_diff(compiled.put_price(S, K, T, r=r, sigma=sigma),
                                         original.put_price(S, K, T, r=r, sigma=sigma))
    diffs["d_plus " + key] = rel_diff(compiled.d_plus(S, K, T, r, sigma), original.d_plus(S, K, T, r, sigma))
diffs["call_price defaults"] = rel_diff(compiled.call_price(S, K, T), original.call_price(S, K, T))
d = rng.normal(0.0, 3.0, n)
diffs["cnd"] = rel_diff(compiled.cnd(d), original.cnd(d))
scalar = [0.0, 0.0]
for i in range(500):
    c = compiled.black_scholes_scalar(float(S[i]), float(K[i]), float(T[i]), 0.03, 0.25)
    o = original.black_scholes_scalar(float(S[i]), float(K[i]), float(T[i]), 0.03, 0.25)
    assert type(c) is tuple and all(type(v) is float for v in c), c
    scalar = [max(scalar[j], rel_diff(c[j], o[j])) for j in range(2)]
diffs["black_scholes_scalar call"], diffs["black_scholes_scalar put"] = scalar
emit({{"RTOL": RTOL, "FLOOR": FLOOR, "diffs": diffs, "helper": _original.max_rel_diff(
    compiled.black_scholes(S, K, T, 0.02, 0.3)[0], original.black_scholes(S, K, T, 0.02, 0.3)[0])}})
""")
    # the tolerance documented (and justified) in example_pkg/_original.py
    assert report["RTOL"] == 1e-12 and report["FLOOR"] == 1.0, report
    print(json.dumps(report["diffs"], indent=1))
    too_far = {k: v for k, v in report["diffs"].items() if not v <= report["RTOL"]}
    assert not too_far, too_far
    # the example's own helper agrees with the formula above
    assert report["helper"] == report["diffs"]["black_scholes call r=0.02,sigma=0.3"]


def test_example_demo_check_uses_the_extension(example: Venv) -> None:
    done = example.python_run("-m", "example_pkg.demo", "--n", "100000", "--repeat", "2", "--check")
    print(done.stdout)
    assert done.returncode == 0, done.stdout
    assert "extension module" in done.stdout
    assert "WARNING" not in done.stdout
    assert "] OK" in done.stdout  # the verdict of the max-relative-difference line
