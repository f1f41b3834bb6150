"""Time one kernel in one variant, in this fresh process, and print one JSON line.

    python benchmarks/worker.py KERNEL VARIANT N REPEAT PYTHRAN_DIR

Run by `benchmarks/run.py` inside the benchmark environment; each variant gets its own process so
that the peak-memory reading of one never includes another's.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import math
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kernels import Kernel, by_name  # noqa: E402


def load_source(kernel: Kernel, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, kernel.source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def numba_module(kernel: Kernel) -> ModuleType:
    """The source module with every function it defines replaced by `numba.njit(function)`: Numba
    resolves calls between them through the module's globals when it compiles."""
    import numba

    module = load_source(kernel, "numba_" + kernel.source.stem)
    for attr, value in list(vars(module).items()):
        if callable(value) and getattr(value, "__module__", None) == module.__name__:
            setattr(module, attr, numba.njit(value))
    return module


def load_function(kernel: Kernel, variant: str, pythran_dir: str) -> Callable[..., Any]:
    if variant == "numpy":
        return getattr(load_source(kernel, "original_" + kernel.source.stem), kernel.function)
    if variant.startswith("pyrs-build"):
        module = importlib.import_module(kernel.compiled_module)
        if not str(module.__file__).endswith(".so"):
            raise RuntimeError(f"{kernel.compiled_module} is not the compiled extension: {module.__file__}")
        return getattr(module, kernel.function)
    if variant == "numba":
        return getattr(numba_module(kernel), kernel.function)
    if variant == "pythran":
        sys.path.insert(0, pythran_dir)
        module = importlib.import_module(f"pythran_{kernel.name}")
        if not str(module.__file__).endswith(".so"):
            raise RuntimeError(f"Pythran did not compile {kernel.name}")
        return getattr(module, kernel.function)
    if variant == "rust-ref":
        assert kernel.reference is not None
        return getattr(importlib.import_module("pyrs_reference"), kernel.reference)
    raise ValueError(variant)


def fingerprint(result: Any) -> float:
    """A number summarising the output, compared across variants by the parent."""
    parts = result if isinstance(result, tuple) else (result,)
    return float(sum(np.nansum(np.asarray(p, dtype=np.float64)) for p in parts))


def why(error: Exception) -> str:
    """The first line of an error, and the call a Numba TypingError found no implementation for."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    calls = [line.removeprefix(">>> ") for line in lines if line.startswith(">>>")]
    return "; ".join(([lines[0]] if lines else []) + calls[:1])[:300]


def peak_rss() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as clear_refs:
        clear_refs.write("5")


def main() -> None:
    name, variant, n, repeat, pythran_dir = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    kernel = by_name(name)
    args = kernel.inputs(n, np.random.default_rng(0))
    function = load_function(kernel, variant, pythran_dir)
    try:
        function(*kernel.inputs(64, np.random.default_rng(1)))  # warm-up on small inputs: Numba compiles here
    except Exception as error:  # the parent reports the last line of stderr: make it say why
        raise SystemExit(f"{type(error).__name__}: {why(error)}") from error
    reset_peak()
    before = peak_rss()
    result = function(*args)  # the first call at full size: what a program pays in memory
    growth = peak_rss() - before
    check = fingerprint(result)
    del result
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        function(*args)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)  # all threads; other processes' load does not count
    print(json.dumps({"times": times, "cpu": cpu, "peak_growth": growth, "fingerprint": check
                      if math.isfinite(check) else None}))


if __name__ == "__main__":
    main()
