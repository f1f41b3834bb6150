"""The benchmarked kernels: where each one's source lives, its inputs, and how each peer gets it.

Every kernel is ordinary NumPy code from this repository (the example package or the test corpus):
the same source file is run by CPython/NumPy (the original), compiled by pyrs-build, jitted by Numba
(`@njit` on the same functions) and compiled by Pythran (the same source plus `#pythran export`
lines). Only Black–Scholes has a hand-written PyO3 reference (`benchmarks/reference`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

REPO = Path(__file__).resolve().parent.parent
RISK_FREE, VOLATILITY = 0.02, 0.30

Inputs = Callable[[int, np.random.Generator], tuple[Any, ...]]


@dataclass(frozen=True)
class Kernel:
    name: str
    source: Path  # the Python file holding the function
    function: str
    compiled_module: str  # import name of the pyrs-build extension
    inputs: Inputs
    sizes: tuple[int, ...]
    pythran: str  # `#pythran export` signature
    reference: str | None = None  # function of the hand-written Rust module `pyrs_reference`
    size_label: str = "elements"
    notes: str = ""
    extra_exports: tuple[str, ...] = field(default=())


def _black_scholes_inputs(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return (rng.uniform(5.0, 30.0, n), rng.uniform(1.0, 100.0, n), rng.uniform(0.25, 10.0, n),
            RISK_FREE, VOLATILITY)


def _vector(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return (rng.standard_normal(n),)


def _positive_vector(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return (rng.uniform(0.1, 10.0, n),)


def _two_vectors(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return rng.standard_normal(n), rng.standard_normal(n)


def _grid(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    side = int(round(n ** 0.5))
    return (rng.standard_normal((side, side)),)


def _points(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return (rng.standard_normal((n, 3)),)


def _window_series(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return rng.standard_normal(n), 16


def _powers_inputs(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return rng.uniform(0.1, 4.0, n), 1.7


EXAMPLE = REPO / "example_pkg" / "example_pkg"
CASES = REPO / "tests" / "cases"
F64_1D = "float64[]"
F64_2D = "float64[:,:]"

KERNELS: list[Kernel] = [
    Kernel("black_scholes", EXAMPLE / "black_scholes.py", "black_scholes", "example_pkg.black_scholes",
           _black_scholes_inputs, (10**3, 10**4, 10**5, 10**6, 10**7),
           f"black_scholes({F64_1D}, {F64_1D}, {F64_1D}, float64, float64)", reference="black_scholes",
           size_label="options"),
    Kernel("gaussian", CASES / "arrays" / "elementwise.py", "gaussian", "pyrs_bench.elementwise", _vector,
           (10**6,), f"gaussian({F64_1D})"),
    Kernel("log_terms", CASES / "arrays" / "elementwise.py", "log_terms", "pyrs_bench.elementwise",
           _positive_vector, (10**6,), f"log_terms({F64_1D})"),
    Kernel("hyperbolic", CASES / "arrays" / "elementwise.py", "hyperbolic", "pyrs_bench.elementwise", _vector,
           (10**6,), f"hyperbolic({F64_1D})"),
    Kernel("powers", CASES / "arrays" / "elementwise.py", "powers", "pyrs_bench.elementwise", _powers_inputs,
           (10**6,), f"powers({F64_1D}, float64)"),
    Kernel("select", CASES / "arrays" / "elementwise.py", "select", "pyrs_bench.elementwise", _two_vectors,
           (10**6,), f"select({F64_1D}, {F64_1D})"),
    Kernel("laplacian", CASES / "arrays" / "slicing.py", "laplacian", "pyrs_bench.slicing", _grid,
           (10**6,), f"laplacian({F64_2D})", size_label="grid points"),
    Kernel("centered_energy", CASES / "arrays" / "reductions.py", "centered_energy", "pyrs_bench.reductions",
           _vector, (10**6,), f"centered_energy({F64_1D})"),
    Kernel("moving_average", CASES / "arrays" / "indexing.py", "moving_average", "pyrs_bench.indexing",
           _window_series, (10**5,), f"moving_average({F64_1D}, int)"),
    Kernel("pairwise_distances", CASES / "arrays" / "indexing.py", "pairwise_distances", "pyrs_bench.indexing",
           _points, (300, 600), f"pairwise_distances({F64_2D})", size_label="points"),
]


def by_name(name: str) -> Kernel:
    for kernel in KERNELS:
        if kernel.name == name:
            return kernel
    raise KeyError(name)
