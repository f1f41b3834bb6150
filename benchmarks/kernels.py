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


def _arm_scene(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    """The demo's 3-link arm and three obstacles (example_pkg/demo.py), n waypoints, fixed iterations."""
    return (np.array([0.2, 0.3, 0.2]), np.array([2.4, -0.2, 0.3]), np.array([1.0, 0.8, 0.6]),
            np.array([[0.2, 1.6], [-1.0, 1.1], [1.3, 1.2]]), np.array([0.35, 0.3, 0.25]), n,
            TRAJECTORY_ITERATIONS)


def _heat_inputs(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return (*_grid(n, rng), 0.1, 0.1, 1.0)


def _poisson_inputs(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    side = int(round(n ** 0.5))
    return rng.standard_normal((side, side)), rng.standard_normal((side, side)), 1.0 / side, 20


def _two_clouds(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return rng.standard_normal((n, 3)), rng.standard_normal((n, 3))


def _bodies(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return rng.standard_normal((n, 2)), rng.uniform(0.5, 2.0, n), 0.1


def _prices(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return 100.0 * np.exp(np.cumsum(0.01 * rng.standard_normal(n))), 20, 2.0


def _particles(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return rng.uniform(0.0, 1.0, (n, 2)), rng.standard_normal((n, 2)), 0.01, 100


def _spring_chain(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return rng.standard_normal(n), np.zeros(n), 0.5, 0.1, 200


def _asian_paths(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return rng.standard_normal((max(1, n // 250), 250)), 100.0, 0.05, 0.2, 1.0 / 250, 100.0


def _ewma_inputs(n: int, rng: np.random.Generator) -> tuple[Any, ...]:
    return rng.standard_normal(n), 0.1


TRAJECTORY_ITERATIONS = 300  # the demo's count: many gradient steps over small (N, 3) arrays
EXAMPLE = REPO / "example_pkg" / "example_pkg"
CASES = REPO / "tests" / "cases"
F64_1D = "float64[]"
F64_2D = "float64[:,:]"
KERNELS_DIR = CASES / "kernels"

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
    Kernel("trajectory", EXAMPLE / "trajectory.py", "optimize", "example_pkg.trajectory", _arm_scene,
           (25, 50, 100, 200), f"optimize({F64_1D}, {F64_1D}, {F64_1D}, {F64_2D}, {F64_1D}, int, int)",
           size_label="waypoints", notes=f"{TRAJECTORY_ITERATIONS} iterations of CHOMP gradient descent"),
    # the test corpus (tests/cases/kernels): stencils, image filters, geometry, statistics, simulation
    Kernel("heat_step", KERNELS_DIR / "stencils.py", "heat_step", "pyrs_bench.stencils", _heat_inputs,
           (10**6,), f"heat_step({F64_2D}, float64, float64, float64)", size_label="grid points"),
    Kernel("jacobi_sweeps", KERNELS_DIR / "stencils.py", "jacobi_sweeps", "pyrs_bench.stencils", _poisson_inputs,
           (40_000, 250_000), f"jacobi_sweeps({F64_2D}, {F64_2D}, float64, int)", size_label="grid points",
           notes="20 sweeps"),
    Kernel("sobel_magnitude", KERNELS_DIR / "stencils.py", "sobel_magnitude", "pyrs_bench.stencils", _grid,
           (10**6,), f"sobel_magnitude({F64_2D})", size_label="pixels"),
    Kernel("gaussian_blur", KERNELS_DIR / "stencils.py", "gaussian_blur", "pyrs_bench.stencils", _grid,
           (10**6,), f"gaussian_blur({F64_2D})", size_label="pixels"),
    Kernel("distance_matrix", KERNELS_DIR / "geometry.py", "distance_matrix", "pyrs_bench.geometry", _two_clouds,
           (200, 1000), f"distance_matrix({F64_2D}, {F64_2D})", size_label="points"),
    Kernel("nbody_accelerations", KERNELS_DIR / "geometry.py", "nbody_accelerations", "pyrs_bench.geometry",
           _bodies, (1000,), f"nbody_accelerations({F64_2D}, {F64_1D}, float64)", size_label="bodies"),
    Kernel("softmax", KERNELS_DIR / "statistics.py", "softmax", "pyrs_bench.statistics", _grid,
           (10**6,), f"softmax({F64_2D})"),
    Kernel("zscore_columns", KERNELS_DIR / "statistics.py", "zscore_columns", "pyrs_bench.statistics", _grid,
           (10**6,), f"zscore_columns({F64_2D})"),
    Kernel("bollinger_bands", KERNELS_DIR / "statistics.py", "bollinger_bands", "pyrs_bench.statistics", _prices,
           (10**4,), f"bollinger_bands({F64_1D}, int, float64)", size_label="prices", notes="a loop over windows"),
    Kernel("ewma", KERNELS_DIR / "statistics.py", "ewma", "pyrs_bench.statistics", _ewma_inputs,
           (10**5,), f"ewma({F64_1D}, float64)", notes="a scalar loop"),
    Kernel("particle_box", KERNELS_DIR / "simulation.py", "particle_box", "pyrs_bench.simulation", _particles,
           (1000, 10**5), f"particle_box({F64_2D}, {F64_2D}, float64, int)", size_label="particles",
           notes="100 steps"),
    Kernel("spring_chain_verlet", KERNELS_DIR / "simulation.py", "spring_chain_verlet", "pyrs_bench.simulation",
           _spring_chain, (1000, 10**5), f"spring_chain_verlet({F64_1D}, {F64_1D}, float64, float64, int)",
           size_label="masses", notes="200 steps"),
    Kernel("asian_call_payoff", KERNELS_DIR / "simulation.py", "asian_call_payoff", "pyrs_bench.simulation",
           _asian_paths, (10**6,), f"asian_call_payoff({F64_2D}, float64, float64, float64, float64, float64)",
           size_label="path steps"),
]


def by_name(name: str) -> Kernel:
    for kernel in KERNELS:
        if kernel.name == name:
            return kernel
    raise KeyError(name)
