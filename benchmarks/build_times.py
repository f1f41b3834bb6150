"""Build times of `example_pkg` through pip: cold, unchanged, after editing one function.

    python benchmarks/build_times.py [--keep]

Makes a venv (numpy), a wheel of pyrs-build from this checkout and a copy of example_pkg, then runs
`pip install -v --no-deps --force-reinstall --no-cache-dir <copy>` with a fresh build cache
(PYRS_BUILD_CACHE_DIR in a temp dir):
1. cold: nothing cached (dependencies, runtime and the module compiled);
2. unchanged: the same again (the module comes from the cache, cargo does not run);
3. one function edited (`norm_cdf`): only that module's crate is compiled again.
"pip + backend" is pip's wall time; "build_wheel hook" is the backend's wheel hook as pyrs-build
reports it (modules, setuptools, wheel writing); "modules" its part for the modules (transpiling,
cargo, cache); "pip alone" is the same pip command on the same project built by plain setuptools
(no pyrs-build), i.e. pip's own overhead. Not a test: it prints a table.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EDIT = ("return 0.5 * (1.0 + math.erf(x / SQRT2))", "return 0.5 * (1.0 + math.erf(x / SQRT2)) + 0.0")


def run(command: list[object], env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[float, str]:
    started = time.monotonic()
    done = subprocess.run([str(c) for c in command], env=env, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, check=False)
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, command))}\n{done.stdout[-3000:]}")
    return elapsed, done.stdout


def reported_seconds(output: str, pattern: str) -> float:
    found = re.findall(pattern, output)
    return float(found[-1]) if found else float("nan")


MODULES_READY = r"pyrs-build: \d+ module\(s\) ready in ([0-9.]+) s"
WHEEL_BUILT = r"pyrs-build: \S+\.whl built in ([0-9.]+) s"


def plain_setuptools_copy(project: Path, destination: Path) -> Path:
    """The same project with the default setuptools backend: pip's overhead without pyrs-build."""
    shutil.copytree(project, destination)
    toml = destination / "pyproject.toml"
    text = toml.read_text(encoding="utf-8").replace('requires = ["pyrs-build"]', 'requires = ["setuptools"]')
    toml.write_text(text.replace('build-backend = "pyrs_build"', 'build-backend = "setuptools.build_meta"'),
                    encoding="utf-8")
    return destination


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pyrs-build-times-"))
    venv, wheels, cache = work / "venv", work / "wheels", work / "cache"
    run([sys.executable, "-m", "venv", venv])
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "install", "-q", "numpy"])
    run([python, "-m", "pip", "wheel", "-q", "--no-deps", REPO, "-w", wheels])
    run([python, "-m", "pip", "download", "-q", "setuptools", "-d", wheels])
    project = work / "example_pkg"
    shutil.copytree(REPO / "example_pkg", project, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    baseline_project = plain_setuptools_copy(project, work / "baseline_pkg")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYRS_BUILD_"))}
    env.update(PIP_FIND_LINKS=str(wheels), PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
               PYRS_BUILD_CACHE_DIR=str(cache))
    pip = [python, "-m", "pip", "install", "-v", "--no-deps", "--force-reinstall", "--no-cache-dir"]
    rows = []
    baseline, _ = run(pip + [baseline_project], env=env, cwd=work)
    for label in ("cold (fresh cache)", "unchanged", "one function edited"):
        if label == "one function edited":
            source = project / "example_pkg" / "black_scholes.py"
            text = source.read_text(encoding="utf-8")
            assert EDIT[0] in text, "example_pkg.black_scholes.norm_cdf changed: update EDIT"
            source.write_text(text.replace(EDIT[0], EDIT[1]), encoding="utf-8")
        print(f"pip install: {label} ...", file=sys.stderr, flush=True)
        total, output = run(pip + [project], env=env, cwd=work)
        rows.append((label, total, reported_seconds(output, WHEEL_BUILT), reported_seconds(output, MODULES_READY)))
    print(f"{'build of example_pkg':<22} {'pip + backend (s)':>18} {'build_wheel hook (s)':>21} "
          f"{'modules (s)':>12} {'pip alone (s)':>14}")
    for label, total, hook, modules in rows:
        print(f"{label:<22} {total:>18.1f} {hook:>21.1f} {modules:>12.1f} {baseline:>14.1f}")
    print(f"(2 cores: {os.cpu_count()} CPUs visible; load average {os.getloadavg()[0]:.1f})")
    if args.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
