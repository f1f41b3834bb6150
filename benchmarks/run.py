"""Benchmark suite: the original NumPy code against pyrs-build, Numba, Pythran and hand-written Rust.

    python3 benchmarks/run.py            # everything (about 10 minutes on 2 cores)
    python3 benchmarks/run.py --quick    # fewer sizes and repeats
    python3 benchmarks/run.py --only black_scholes --variants numpy pyrs-build

It builds its own environment in `benchmarks/.venv` (NumPy, Numba, Pythran, matplotlib, the example
package and the corpus kernels compiled by this checkout's pyrs-build, the hand-written reference),
then times every (kernel, size, variant) in a fresh process (`benchmarks/worker.py`): the median and
best of the repeats, and the peak RSS growth of one call. Ratios are against the original NumPy code
measured in the same run. Results go to `benchmarks/results/` (Markdown table, PNG plots, machine
info). A peer that cannot be installed or cannot compile a kernel is skipped with a line saying why.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kernels import KERNELS, REPO, Kernel  # noqa: E402
from pythran_export import write_pythran_module  # noqa: E402

HERE = REPO / "benchmarks"
VENV = HERE / ".venv"
BUILD = HERE / ".build"
RESULTS = HERE / "results"
PY = VENV / "bin" / "python"
VARIANTS = ("numpy", "pyrs-build", "pyrs-build-1t", "numba", "pythran", "rust-ref")
PEERS = ("numba", "pythran", "matplotlib")


@dataclass
class Measurement:
    kernel: str
    n: int
    variant: str
    median: float
    best: float
    peak_growth: int
    fingerprint: float | None
    cpu_median: float | None = None  # CPU time of all threads per call: stable under other processes' load


SKIPPED: list[str] = []  # reported in the results too


def log(message: str) -> None:
    print(message, flush=True)
    if message.startswith("skipped:") or message.strip().endswith(")") and ": failed (" in message:
        SKIPPED.append(message.strip())


def run(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=cwd)
    return time.perf_counter() - start


def pip(*args: str, env: dict[str, str] | None = None) -> float:
    return run([str(PY), "-m", "pip", "install", "-q", *args], env=env)


# ---- environment -------------------------------------------------------------------------------


def ensure_environment() -> set[str]:
    """The benchmark venv with NumPy and whichever peers install; returns the variants available."""
    if not PY.exists():
        run([sys.executable, "-m", "venv", str(VENV)])
    pip("numpy")
    available = {"numpy", "pyrs-build", "pyrs-build-1t"}
    for peer in PEERS:
        try:
            pip(peer)
            if peer != "matplotlib":
                available.add(peer)
        except subprocess.CalledProcessError:
            log(f"skipped: {peer} could not be installed from PyPI here")
    return available


def build_wheels(timings: dict[str, float]) -> None:
    """pyrs-build itself as a wheel, then the example package and the corpus kernels through it."""
    wheels = BUILD / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(REPO), "-w", str(wheels)])
    env = dict(os.environ, PIP_FIND_LINKS=str(wheels))
    cold_cache = BUILD / "cold-cache"
    shutil.rmtree(cold_cache, ignore_errors=True)
    timings["example_pkg, cold cache"] = pip("--force-reinstall", "--no-deps", str(REPO / "example_pkg"),
                                             env=dict(env, PYRS_BUILD_CACHE_DIR=str(cold_cache)))
    timings["example_pkg, warm cache"] = pip("--force-reinstall", "--no-deps", str(REPO / "example_pkg"), env=env)
    timings["corpus kernels, warm cache"] = pip("--force-reinstall", "--no-deps", str(write_kernel_package()), env=env)


def write_kernel_package() -> Path:
    """A package `pyrs_bench` holding the corpus files the kernels come from, built by pyrs-build."""
    root = BUILD / "pyrs_bench_pkg"
    shutil.rmtree(root, ignore_errors=True)
    package = root / "pyrs_bench"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    modules = sorted({k.compiled_module for k in KERNELS if k.compiled_module.startswith("pyrs_bench.")})
    for kernel in KERNELS:
        if kernel.compiled_module in modules:
            shutil.copy(kernel.source, package / kernel.source.name)
            stub = kernel.source.with_suffix(".pyi")
            if stub.exists():
                shutil.copy(stub, package / stub.name)
    module_list = ", ".join(f'"{m}"' for m in modules)
    (root / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["pyrs-build"]\nbuild-backend = "pyrs_build"\n\n'
        '[project]\nname = "pyrs-bench"\nversion = "0.1.0"\ndependencies = ["numpy"]\n\n'
        '[tool.setuptools]\npackages = ["pyrs_bench"]\n\n'
        f'[tool.pyrs-build]\nmodules = [{module_list}]\n')
    return root


def build_reference(available: set[str]) -> None:
    try:
        pip("--no-deps", str(HERE / "reference"), env=dict(os.environ, CARGO_TARGET_DIR=str(BUILD / "target")))
        available.add("rust-ref")
    except subprocess.CalledProcessError:
        log("skipped: the hand-written Rust reference did not build (see the error above)")


def build_pythran(kernels: list[Kernel], available: set[str], timings: dict[str, float]) -> set[str]:
    """Compile each kernel's source with Pythran -O3 and xsimd for this machine's vector width (as Pythran's docs
    advise; pyrs-build and NumPy pick AVX-512/AVX2 at run time too); the kernels it compiled."""
    if "pythran" not in available:
        return set()
    out = BUILD / "pythran"
    out.mkdir(parents=True, exist_ok=True)
    rc = out / "pythranrc"
    rc.write_text("[compiler]\nblas=none\n")  # no BLAS here; none of the kernels uses one
    env = dict(os.environ, PYTHRANRC=str(rc))
    compiled = set()
    for kernel in kernels:
        sources = out / "src"  # not importable: only the compiled modules sit in `out`
        sources.mkdir(exist_ok=True)
        source = write_pythran_module(kernel, sources)
        start = time.perf_counter()
        done = subprocess.run([str(VENV / "bin" / "pythran"), "-O3", "-DUSE_XSIMD", "-march=native", str(source),
                               "-o", str(out / f"pythran_{kernel.name}.so")], env=env, capture_output=True, text=True)
        if done.returncode == 0:
            timings[f"pythran {kernel.name}"] = time.perf_counter() - start
            compiled.add(kernel.name)
        else:
            print(done.stdout + done.stderr, flush=True)
            log(f"skipped: Pythran could not compile {kernel.name} ({first_error(done.stdout + done.stderr)})")
    return compiled


def first_error(output: str) -> str:
    """The line of a compiler's output that says what went wrong first."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    marked = [line for line in lines if "error" in line.lower()]
    return (marked or lines or ["no output"])[0][:300]


# ---- measuring ---------------------------------------------------------------------------------


def measure(kernel: Kernel, n: int, variant: str, repeat: int) -> Measurement | None:
    env = dict(os.environ)
    if variant == "pyrs-build-1t":
        env["RAYON_NUM_THREADS"] = "1"
    command = [str(PY), str(HERE / "worker.py"), kernel.name, variant, str(n), str(repeat), str(BUILD / "pythran")]
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        log(f"  {variant}: failed ({done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode})")
        return None
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return Measurement(kernel.name, n, variant, statistics.median(data["times"]), min(data["times"]),
                       data["peak_growth"], data["fingerprint"], statistics.median(data["cpu"]))


def repeats_for(n: int, quick: bool) -> int:
    base = 3 if quick else 9
    return base if n <= 10**6 else max(3, base // 3)


def measure_all(kernels: list[Kernel], variants: list[str], quick: bool) -> list[Measurement]:
    results = []
    for kernel in kernels:
        sizes = kernel.sizes[-2:] if quick and len(kernel.sizes) > 2 else kernel.sizes
        for n in sizes:
            log(f"{kernel.name} n={n}")
            for variant in variants:
                if variant == "rust-ref" and kernel.reference is None:
                    continue
                m = measure(kernel, n, variant, repeats_for(n, quick))
                if m is not None:
                    log(f"  {variant:14s} median {m.median * 1e3:9.3f} ms   peak +{m.peak_growth / 2**20:7.2f} MiB")
                    results.append(m)
    return results


# ---- reporting ---------------------------------------------------------------------------------


def machine_info() -> list[str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    versions = subprocess.run([str(PY), "-c", "import numpy, sys; print(sys.version.split()[0], numpy.__version__)"],
                              capture_output=True, text=True).stdout.split()
    peers = subprocess.run([str(PY), "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True).stdout
    picked = [line for line in peers.splitlines() if line.split("==")[0].lower() in ("numba", "pythran", "numpy")]
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return [f"- CPU: {cpu}, {os.cpu_count()} logical cores, {platform.machine()}",
            f"- Python {versions[0] if versions else '?'}; {', '.join(picked)}; {rustc}",
            f"- date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load average before the run: "
            f"{os.getloadavg()[0]:.2f}"]


def ratio(numpy: Measurement | None, m: Measurement) -> str:
    return f"{numpy.median / m.median:.2f}x" if numpy else "n/a"


def agrees(numpy: Measurement | None, m: Measurement) -> bool:
    if numpy is None or numpy.fingerprint is None or m.fingerprint is None:
        return True
    return abs(numpy.fingerprint - m.fingerprint) <= 1e-6 * max(1.0, abs(numpy.fingerprint))


def table(results: list[Measurement], variants: list[str]) -> list[str]:
    lines = ["| kernel | n | " + " | ".join(variants) + " |", "|---|---:|" + "---:|" * len(variants)]
    memory = ["| kernel | n | " + " | ".join(variants) + " |", "|---|---:|" + "---:|" * len(variants)]
    keys = sorted({(m.kernel, m.n) for m in results}, key=lambda k: ([x.name for x in KERNELS].index(k[0]), k[1]))
    for kernel, n in keys:
        row = {m.variant: m for m in results if m.kernel == kernel and m.n == n}
        base = row.get("numpy")
        cells = []
        for v in variants:
            m = row.get(v)
            cells.append("—" if m is None else f"{m.median * 1e3:.3g} ms ({ratio(base, m)})"
                         + ("" if agrees(base, m) else " ≠"))
        lines.append(f"| {kernel} | {n:,} | " + " | ".join(cells) + " |")
        memory.append(f"| {kernel} | {n:,} | " + " | ".join(
            "—" if row.get(v) is None else f"{row[v].peak_growth / 2**20:.1f}" for v in variants) + " |")
    cpu = ["| kernel | n | " + " | ".join(variants) + " |", "|---|---:|" + "---:|" * len(variants)]
    for kernel, n in keys:
        row = {m.variant: m for m in results if m.kernel == kernel and m.n == n}
        if all(m.cpu_median is None for m in row.values()):
            continue  # rows kept from a run before CPU times were recorded
        cpu.append(f"| {kernel} | {n:,} | " + " | ".join(
            "—" if row.get(v) is None or row[v].cpu_median is None else f"{row[v].cpu_median * 1e3:.3g} ms"
            for v in variants) + " |")
    return ["Median time (speed-up over the original NumPy code):", "", *lines, "",
            "Median CPU time per call, all threads together (other processes' load does not count in it, so on "
            "a busy machine it is the steadier figure for the one-thread variants):", "", *cpu, "",
            "Peak RSS growth of one call [MiB]:", "", *memory]


def write_report(results: list[Measurement], variants: list[str], timings: dict[str, float]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    lines = ["# Benchmark results", "", "Generated by `python3 benchmarks/run.py`; every number below was measured in "
             "one run, each variant in its own process.", "", *machine_info(), "",
             "Variants: `numpy` the original source; `pyrs-build` compiled (all cores); `pyrs-build-1t` the same with "
             "`RAYON_NUM_THREADS=1`; `numba` `@njit` on the same source; `pythran` the same source, "
             "`-O3 -DUSE_XSIMD -march=native`; `rust-ref` hand-written PyO3 Rust (std `exp`/`ln`, one thread). ≠ marks an output that differs "
             "from the original's by more than 1e-6 relative (in sum).", "",
             *table(results, variants), "", "Kernels (source, function, notes):", "", *kernel_notes(results), "",
             "Skipped or failed in this run:", "",
             *([f"- {line}" for line in SKIPPED] or ["- nothing"]), "", "Build times [s]:", "",
             *[f"- {what}: {seconds:.1f}" for what, seconds in timings.items()], ""]
    (RESULTS / "build_times.json").write_text(json.dumps(timings, indent=1))
    (RESULTS / "benchmarks.md").write_text("\n".join(lines))
    (RESULTS / "benchmarks.json").write_text(json.dumps([m.__dict__ for m in results], indent=1))
    plot(results, variants)
    update_readme(results, variants)
    return RESULTS / "benchmarks.md"


def kernel_notes(results: list[Measurement]) -> list[str]:
    measured = {m.kernel for m in results}
    return [f"- `{k.name}`: `{k.source.relative_to(REPO)}`, `{k.function}`, n = {k.size_label}"
            + (f"; {k.notes}" if k.notes else "") for k in KERNELS if k.name in measured]


README = REPO / "README.md"
README_START, README_END = "<!-- benchmarks:start", "<!-- benchmarks:end -->"


def update_readme(results: list[Measurement], variants: list[str]) -> None:
    """The README's benchmark section: speed-ups at each kernel's largest size, and the plot."""
    text = README.read_text()
    if README_START not in text or README_END not in text:
        return
    head, rest = text.split(README_START, 1)
    marker_line, _ = rest.split("\n", 1)
    _, tail = rest.split(README_END, 1)
    shown = [v for v in variants if v != "numpy"]
    lines = [f"Speed-up over the original NumPy code at each kernel's largest size, and peak memory of one call "
             f"(measured by `python3 benchmarks/run.py`, {time.strftime('%Y-%m-%d', time.gmtime())}; full tables in "
             "[`benchmarks/results/benchmarks.md`](benchmarks/results/benchmarks.md)):", "",
             "| kernel | n | " + " | ".join(shown) + " | memory numpy → pyrs-build |",
             "|---|---:|" + "---:|" * len(shown) + "---|"]
    for kernel in dict.fromkeys(m.kernel for m in results):
        n = max(m.n for m in results if m.kernel == kernel)
        row = {m.variant: m for m in results if m.kernel == kernel and m.n == n}
        base = row.get("numpy")
        cells = ["—" if v not in row or base is None else f"{base.median / row[v].median:.2f}x" for v in shown]
        memory = ("—" if base is None or "pyrs-build" not in row else
                  f"{base.peak_growth / 2**20:.1f} → {row['pyrs-build'].peak_growth / 2**20:.1f} MiB")
        lines.append(f"| {kernel} | {n:,} | " + " | ".join(cells) + f" | {memory} |")
    lines += ["", "![Speed-up over the original NumPy code](benchmarks/results/speedups.png)"]
    README.write_text(head + README_START + marker_line + "\n" + "\n".join(lines) + "\n" + README_END + tail)


def plot(results: list[Measurement], variants: list[str]) -> None:
    """Black–Scholes time against size, and the speed-ups of every kernel at its largest size."""
    code = HERE / "plot.py"
    done = subprocess.run([str(PY), str(code), str(RESULTS / "benchmarks.json"), str(RESULTS), ",".join(variants)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        log(f"skipped: plots ({done.stderr.strip().splitlines()[-1] if done.stderr.strip() else 'failed'})")


def previous_results(replaced: set[str]) -> list[Measurement]:
    path = RESULTS / "benchmarks.json"
    if not path.exists():
        return []
    return [Measurement(**row) for row in json.loads(path.read_text()) if row["kernel"] not in replaced]


def previous_build_times() -> dict[str, float]:
    """The build times of the last run that built (`--no-build` measures no build)."""
    path = RESULTS / "build_times.json"
    times = json.loads(path.read_text()) if path.exists() else {}
    return {f"{what} (last build)" if not what.endswith("(last build)") else what: s for what, s in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", nargs="*", help="kernel names")
    parser.add_argument("--variants", nargs="*", default=list(VARIANTS))
    parser.add_argument("--no-build", action="store_true", help="reuse the environment of the last run")
    args = parser.parse_args()
    kernels = [k for k in KERNELS if not args.only or k.name in args.only]
    timings: dict[str, float] = {}
    if args.no_build:
        available = set(VARIANTS)
        timings = previous_build_times()
    else:
        available = ensure_environment()
        build_wheels(timings)
        build_reference(available)
        build_pythran(kernels, available, timings)
    variants = [v for v in args.variants if v in available]
    for v in args.variants:
        if v not in available:
            log(f"skipped: variant {v} (not available here)")
    results = measure_all(kernels, variants, args.quick)
    if args.only:  # keep the other kernels' rows of the last run
        order = [k.name for k in KERNELS]
        results = sorted(previous_results(set(args.only)) + results, key=lambda m: order.index(m.kernel))
    log(f"wrote {write_report(results, variants, timings)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
