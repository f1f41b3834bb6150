"""Compare the compiled ``black_scholes`` and ``trajectory`` with their original NumPy sources.

    python -m example_pkg.demo [--n 1000000] [--repeat 5] [--seed 0] [--check]
                               [--waypoints 50] [--iterations 300]

Each variant is timed in its own fresh subprocess, so the memory reading of
one does not leak into the other.  The parent then runs both variants on the
same inputs and reports the largest relative difference of the prices, and
the largest difference of the optimised trajectories.
"""

import argparse
import importlib
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Callable, Dict, List, Optional, Sequence, Tuple, TypedDict

import numpy as np
from numpy.typing import NDArray

from example_pkg._original import (
    MODULE,
    PRICE_FLOOR,
    RTOL,
    is_extension_module,
    load_original,
    load_original_of,
    max_rel_diff,
)

TRAJECTORY = "example_pkg.trajectory"
# largest accepted difference of the waypoints [rad]; why: see example_pkg/tests/test_trajectory.py
TRAJECTORY_ATOL = 1e-9
CASES = ("black_scholes", "trajectory")

RISK_FREE = 0.02
VOLATILITY = 0.30
VARIANTS = ("original", "compiled")
MIB = 1024.0 * 1024.0

Inputs = Tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]


class WorkerResult(TypedDict):
    """The JSON line a worker prints."""

    variant: str
    file: Optional[str]
    extension: bool
    times: List[float]
    peak_growth: int
    memory_method: str


def make_inputs(n: int, seed: int) -> Inputs:
    """Spot, strike and maturity arrays of the classic benchmark."""
    rng = np.random.default_rng(seed)
    S = rng.uniform(5.0, 30.0, n)
    K = rng.uniform(1.0, 100.0, n)
    T = rng.uniform(0.25, 10.0, n)
    return S, K, T


def load_variant(variant: str, case: str = "black_scholes") -> ModuleType:
    """The compiled module (normal import) or the original ``.py`` file."""
    module = MODULE if case == "black_scholes" else TRAJECTORY
    if variant == "compiled":
        return importlib.import_module(module)
    return load_original() if case == "black_scholes" else load_original_of(module)


Scene = Tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64],
              NDArray[np.float64]]


def make_scene() -> Scene:
    """A 3-link planar arm swinging past three round obstacles: q_start, q_goal, lengths, centers, radii."""
    return (np.array([0.2, 0.3, 0.2]), np.array([2.4, -0.2, 0.3]), np.array([1.0, 0.8, 0.6]),
            np.array([[0.2, 1.6], [-1.0, 1.1], [1.3, 1.2]]), np.array([0.35, 0.3, 0.25]))


def optimize(module: ModuleType, waypoints: int, iterations: int) -> NDArray[np.float64]:
    """One trajectory optimisation of the demo scene."""
    result: NDArray[np.float64] = module.optimize(*make_scene(), n_waypoints=waypoints, iterations=iterations)
    return result


# --- peak memory -----------------------------------------------------------


def _proc_status_kib(field: str) -> Optional[int]:
    """A ``kB`` field of /proc/self/status, or None off Linux."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux >= 4.0); True on success."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
        return True
    except OSError:
        return False


def peak_bytes() -> Tuple[int, str]:
    """Peak resident memory of this process so far, and how it was read."""
    hwm = _proc_status_kib("VmHWM")
    if hwm is not None:
        return hwm * 1024, "VmHWM"
    try:
        import resource
    except ImportError:  # Windows
        return 0, "unavailable"
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (maxrss if sys.platform == "darwin" else maxrss * 1024), "ru_maxrss"


# --- worker: runs in a fresh subprocess ------------------------------------


def measure(variant: str, module: ModuleType, call: Callable[[], object], repeat: int) -> WorkerResult:
    """Peak memory growth of one ``call()``, then ``repeat`` timings of it."""
    was_reset = reset_peak()
    before, method = peak_bytes()
    result = call()
    after, _ = peak_bytes()
    del result
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return WorkerResult(
        variant=variant,
        file=getattr(module, "__file__", None),
        extension=is_extension_module(module),
        times=times,
        peak_growth=after - before,
        memory_method=method + (" reset" if was_reset else ""),
    )


def run_trajectory_worker(variant: str, args: argparse.Namespace) -> WorkerResult:
    """Measure one variant of the trajectory optimisation (after a warm-up call)."""
    module = load_variant(variant, "trajectory")
    optimize(module, args.waypoints, 1)  # imports and caches outside the measurement
    return measure(variant, module, lambda: optimize(module, args.waypoints, args.iterations), args.repeat)


def run_worker(variant: str, n: int, repeat: int, seed: int) -> WorkerResult:
    """Measure one variant: peak memory growth of a call, then timings."""
    module = load_variant(variant)
    S, K, T = make_inputs(n, seed)
    return measure(variant, module, lambda: module.black_scholes(S, K, T, RISK_FREE, VOLATILITY), repeat)


# --- parent ----------------------------------------------------------------


def spawn_worker(variant: str, args: argparse.Namespace, case: str = "black_scholes") -> WorkerResult:
    """Run ``run_worker`` in a fresh interpreter importing this same package."""
    package_root = str(Path(__file__).resolve().parent.parent)
    bootstrap = (
        "import sys; sys.path.insert(0, sys.argv.pop(1)); "
        "from example_pkg.demo import main; sys.exit(main())"
    )
    command = [
        sys.executable, "-c", bootstrap, package_root,
        "--worker", variant, "--n", str(args.n),
        "--repeat", str(args.repeat), "--seed", str(args.seed), "--case", case,
        "--waypoints", str(args.waypoints), "--iterations", str(args.iterations),
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{variant} worker failed:\n{done.stderr}")
    result: WorkerResult = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def compare_results(n: int, seed: int) -> float:
    """Largest relative difference between the variants' calls and puts."""
    inputs = make_inputs(n, seed)
    compiled = load_variant("compiled").black_scholes(*inputs, RISK_FREE, VOLATILITY)
    original = load_variant("original").black_scholes(*inputs, RISK_FREE, VOLATILITY)
    return max(max_rel_diff(compiled[0], original[0]), max_rel_diff(compiled[1], original[1]))


def ratio(numerator: float, denominator: float) -> str:
    """``numerator / denominator`` as ``12.3x``, or n/a."""
    if denominator <= 0:
        return "n/a"
    return f"{numerator / denominator:.2f}x"


def print_table(results: Dict[str, WorkerResult], unit: str = "MiB") -> None:
    """Side-by-side timings and memory (in MiB or KiB) of the two variants."""
    orig, comp = results["original"], results["compiled"]
    rows: List[Tuple[str, float, float, str]] = []
    for label, pick in (("best time [ms]", min), ("median time [ms]", statistics.median)):
        t_orig, t_comp = pick(orig["times"]) * 1e3, pick(comp["times"]) * 1e3
        rows.append((label, t_orig, t_comp, ratio(t_orig, t_comp) + " speedup"))
    scale = MIB if unit == "MiB" else 1024.0
    m_orig, m_comp = orig["peak_growth"] / scale, comp["peak_growth"] / scale
    rows.append((f"peak memory growth [{unit}]", m_orig, m_comp, ratio(m_orig, m_comp) + " less memory"))
    print(f"{'':26}{'original':>12}{'compiled':>12}   original/compiled")
    for label, a, b, r in rows:
        print(f"{label:26}{a:12.2f}{b:12.2f}   {r}")
    print(f"(memory read as {comp['memory_method']}, one call, inputs excluded)")


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    """Command-line options; ``--worker`` is internal."""
    parser = argparse.ArgumentParser(prog="python -m example_pkg.demo", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="number of options")
    parser.add_argument("--repeat", type=int, default=5, help="timed calls per variant")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random inputs")
    parser.add_argument("--check", action="store_true", help=f"exit 1 if the max relative difference exceeds {RTOL:g}")
    parser.add_argument("--waypoints", type=int, default=50, help="waypoints of the optimised trajectory")
    parser.add_argument("--iterations", type=int, default=300, help="gradient steps of the trajectory optimiser")
    parser.add_argument("--worker", choices=VARIANTS, help=argparse.SUPPRESS)
    parser.add_argument("--case", choices=CASES, default="black_scholes", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the comparison (or, with ``--worker``, one measurement)."""
    args = parse_args(argv)
    if args.worker:
        if args.case == "trajectory":
            print(json.dumps(run_trajectory_worker(args.worker, args)))
        else:
            print(json.dumps(run_worker(args.worker, args.n, args.repeat, args.seed)))
        return 0
    compiled = load_variant("compiled")
    kind = "extension module" if is_extension_module(compiled) else "plain Python"
    print(f"black_scholes on n={args.n:,} options, {args.repeat} repeats, seed {args.seed}")
    print(f"compiled: {compiled.__file__} ({kind})")
    print(f"original: {load_original().__file__}")
    if not is_extension_module(compiled):
        print("WARNING: the compiled module is not in use; both columns run the original NumPy code")
    results = {variant: spawn_worker(variant, args) for variant in VARIANTS}
    print()
    print_table(results)
    diff = compare_results(args.n, args.seed)
    verdict = "OK" if diff <= RTOL else "EXCEEDS BOUND"
    print(f"max relative difference (call, put): {diff:.3g}  [bound {RTOL:g}, denominator >= {PRICE_FLOOR:g}] {verdict}")
    trajectory_ok = compare_trajectory(args)
    if args.check and (diff > RTOL or not trajectory_ok):
        return 1
    return 0


def compare_trajectory(args: argparse.Namespace) -> bool:
    """The trajectory case: timings and memory of both variants, then the largest waypoint difference."""
    compiled = load_variant("compiled", "trajectory")
    kind = "extension module" if is_extension_module(compiled) else "plain Python"
    print()
    print(f"trajectory optimize: 3-link arm, {args.waypoints} waypoints, {args.iterations} iterations, "
          f"{args.repeat} repeats")
    print(f"compiled: {compiled.__file__} ({kind})")
    print(f"original: {load_variant('original', 'trajectory').__file__}")
    if not is_extension_module(compiled):
        print("WARNING: the compiled module is not in use; both columns run the original NumPy code")
    results = {variant: spawn_worker(variant, args, "trajectory") for variant in VARIANTS}
    print()
    print_table(results, unit="KiB")
    got = optimize(compiled, args.waypoints, args.iterations)
    expected = optimize(load_variant("original", "trajectory"), args.waypoints, args.iterations)
    diff = float(np.max(np.abs(got - expected))) if got.size else 0.0
    ok = got.shape == expected.shape and diff <= TRAJECTORY_ATOL
    print(f"max abs difference of the waypoints [rad]: {diff:.3g}  [bound {TRAJECTORY_ATOL:g}] "
          f"{'OK' if ok else 'EXCEEDS BOUND'}")
    return ok


if __name__ == "__main__":
    sys.exit(main())
