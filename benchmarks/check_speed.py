"""How fast `pyrs-build check` is: per module in-process (frontend, type checks and passes, what
check runs), and the whole command as a user runs it (interpreter start-up and imports included).

    python benchmarks/check_speed.py [MODULE.py ...]   # default: example_pkg's modules + tests/cases
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from pyrs_build.cli.check import check_module
from pyrs_build.cli.common import project_targets, Target, stub_of
from pyrs_build.diagnostics import DiagnosticError

ROOT = Path(__file__).resolve().parents[1]


def default_targets() -> list[Target]:
    found = project_targets(ROOT / "example_pkg")
    cases = sorted((ROOT / "tests" / "cases").glob("*/*.py"))
    return found + [Target(p.stem, p, stub_of(p), "python") for p in cases]


def time_module(target: Target, repeat: int = 7) -> tuple[float, int, int]:
    """Median seconds of one check of `target`, with its compiled and kept function counts."""
    times, compiled, kept = [], 0, 0
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            checked = check_module(target)
            compiled, kept = checked.compiled, checked.kept
        except DiagnosticError:
            pass
        times.append(time.perf_counter() - start)
    return statistics.median(times), compiled, kept


def main() -> None:
    paths = [Path(a) for a in sys.argv[1:]]
    targets = [Target(p.stem, p, stub_of(p), "python") for p in paths] if paths else default_targets()
    print(f"{'module':<48} {'lines':>6} {'compiled':>8} {'kept':>5} {'check (ms)':>11}")
    for target in targets:
        seconds, compiled, kept = time_module(target)
        lines = len(target.path.read_text().splitlines())
        name = str(target.path.relative_to(ROOT)) if target.path.is_relative_to(ROOT) else str(target.path)
        print(f"{name:<48} {lines:>6} {compiled:>8} {kept:>5} {seconds * 1000:>11.1f}")
    command = [sys.executable, "-m", "pyrs_build", "check", "--project", str(ROOT / "example_pkg")]
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        runs.append(time.perf_counter() - start)
    print(f"\n`pyrs-build check --project example_pkg` as a command (start-up included): "
          f"median {statistics.median(runs) * 1000:.0f} ms over {len(runs)} runs")


if __name__ == "__main__":
    main()
