"""Drop-in acceleration of real, unmodified open-source NumPy packages from PyPI.

For each package: download its sdist, install it as pure Python in a fresh venv and run its own
test suite; run `pyrs-build stubgen` over that test suite to write `.pyi` stubs; switch its build
to pyrs-build with `on-unsupported = "python"` (a pyproject.toml beside its setup.py: its code is
not touched); install the compiled build; run the same test suite again; compare the outcomes
test by test, count the compiled functions, list why the others stayed Python, and time one hot
function compiled against the original.

    python benchmarks/real_packages.py [--workdir DIR] [--package NAME ...]

Needs network access to PyPI and a Rust toolchain. Nothing downloaded is kept in the repository.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import textwrap
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Package:
    dist: str  # PyPI name
    version: str
    candidates: tuple[str, ...]  # modules to try; those where nothing compiles are dropped
    tests: tuple[str, ...]  # globs of the sdist's test directories: copied out of the source tree and run there
    deps: tuple[str, ...] = ()
    # a hot function: module, name, setup code (in the venv) and the call expression to time
    bench: tuple[str, str, str, str] = ("", "", "", "")


PACKAGES = {
    "filterpy": Package(
        "filterpy", "2.0.0",
        ("filterpy.gh.gh_filter", "filterpy.stats.stats", "filterpy.common.helpers", "filterpy.common.discretization",
         "filterpy.monte_carlo.resampling", "filterpy.discrete_bayes.discrete_bayes"),
        ("filterpy/*/tests",), deps=("scipy", "matplotlib"),
        bench=("filterpy.gh.gh_filter", "least_squares_parameters", "n = 7", "f(n)")),
    "scikit-fuzzy": Package(
        "scikit-fuzzy", "0.5.0",
        ("skfuzzy.membership.generatemf", "skfuzzy.fuzzymath.fuzzy_ops", "skfuzzy.fuzzymath.fuzzy_logic",
         "skfuzzy.cluster.normalize_columns", "skfuzzy.defuzzify.defuzz", "skfuzzy.intervals.intervalops"),
        ("skfuzzy/*/tests",), deps=("scipy", "matplotlib", "networkx"),
        bench=("skfuzzy.membership.generatemf", "gaussmf", "import numpy as np; x = np.linspace(-4.0, 5.0, 100_000)",
               "f(x, 1.33, 0.45)")),
    "numpy-financial": Package(
        "numpy-financial", "1.0.0", ("numpy_financial._financial",), ("numpy_financial/tests",),
        bench=("numpy_financial._financial", "_g_div_gp", "args = (0.1, 10.0, 0.0, -3500.0, 10000.0, 0.0)",
               "f(*args)")),
}


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None, check: bool = True
        ) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, command))}\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    return done


@dataclass
class Venv:
    root: Path

    @property
    def python(self) -> str:
        return str(self.root / "bin" / "python")

    def pip(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return run([self.python, "-m", "pip", "--disable-pip-version-check", *args], cwd)


def make_venv(work: Path, package: Package, backend_wheels: Path) -> Venv:
    venv = Venv(work / "venv")
    if not (venv.root / "bin" / "python").exists():
        run([sys.executable, "-m", "venv", str(venv.root)], work)
        venv.pip("install", "-q", "numpy", "pytest", *package.deps, cwd=work)
        venv.pip("install", "-q", "--find-links", str(backend_wheels), "pyrs-build", cwd=work)
    wheel = next(backend_wheels.glob("pyrs_build-*.whl"))  # this checkout's, even when the venv is reused
    venv.pip("install", "-q", "--no-deps", "--force-reinstall", str(wheel), cwd=work)
    return venv


def backend_wheels(work: Path) -> Path:
    """The pyrs-build wheel of this checkout (and setuptools-rust), built once per run."""
    dist = work / "backend-wheels"
    shutil.rmtree(dist, ignore_errors=True)
    run([sys.executable, "-m", "pip", "wheel", "-q", str(REPO), "-w", str(dist)], work)
    return dist


def download_sdist(work: Path, package: Package, venv: Venv) -> Path:
    """The unpacked sdist, fresh every run (stubs and the pyproject are written into it)."""
    downloads = work / "sdist"
    downloads.mkdir(exist_ok=True)
    archives = list(downloads.glob("*.tar.gz"))
    if not archives:
        venv.pip("download", "-q", "--no-deps", "--no-binary", ":all:", f"{package.dist}=={package.version}",
                 "-d", str(downloads), cwd=work)
        archives = list(downloads.glob("*.tar.gz"))
    src = work / "src"
    shutil.rmtree(src, ignore_errors=True)
    with tarfile.open(archives[0]) as archive:
        archive.extractall(work / "unpacked")
    unpacked = next(p for p in (work / "unpacked").iterdir() if p.is_dir())
    shutil.move(str(unpacked), src)
    shutil.rmtree(work / "unpacked")
    return src


def copy_tests(package: Package, src: Path, neutral: Path) -> Path:
    """The package's test directories, copied where importing the package finds the installed
    build, not the source tree."""
    shutil.rmtree(neutral, ignore_errors=True)
    tests = neutral / "tests-of-sdist"
    for pattern in package.tests:
        for directory in sorted(src.glob(pattern)):
            shutil.copytree(directory, tests / directory.relative_to(src))
    return tests


def test_command(venv: Venv, tests: Path, report: Path) -> list[str]:
    return [venv.python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--import-mode=importlib",
            f"--junitxml={report}", str(tests)]


def run_tests(venv: Venv, package: Package, src: Path, work: Path, label: str) -> dict[str, str]:
    """Each test's outcome (passed, failed, error, skipped) from the package's own suite."""
    neutral = work / f"run-{label}"
    tests = copy_tests(package, src, neutral)
    report = work / f"junit-{label}.xml"
    run(test_command(venv, tests, report), neutral, env=_test_env(), check=False)
    return parse_junit(report)


def _test_env() -> dict[str, str]:
    env = dict(os.environ, MPLBACKEND="Agg")
    env.pop("PYRS_BUILD_TRACE", None)
    return env


def parse_junit(path: Path) -> dict[str, str]:
    outcomes = {}
    for case in ElementTree.parse(path).getroot().iter("testcase"):
        name = f"{case.get('classname')}::{case.get('name')}"
        kinds = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
        outcomes[name] = {"failure": "failed", "error": "error", "skipped": "skipped"}.get(kinds[0], "?") \
            if kinds else "passed"
    return outcomes


def stubgen(venv: Venv, package: Package, src: Path, work: Path) -> str:
    neutral = work / "run-stubgen"
    tests = copy_tests(package, src, neutral)
    modules = [arg for m in package.candidates for arg in ("--module", m)]
    command = [venv.python, "-m", "pyrs_build", "stubgen", "--project", str(src), *modules, "--",
               *test_command(venv, tests, work / "junit-stubgen.xml")]
    return run(command, neutral, env=_test_env()).stdout


def module_path(src: Path, module: str) -> Path:
    return src.joinpath(*module.split(".")).with_suffix(".py")


def check_modules(venv: Venv, package: Package, src: Path) -> tuple[list[str], dict[str, dict[str, str]]]:
    """The candidate modules where something compiles, and each function kept in Python with its reason."""
    kept: dict[str, dict[str, str]] = {}
    compiling = []
    for module in package.candidates:
        done = run([venv.python, "-m", "pyrs_build", "check", "--on-unsupported", "python",
                    str(module_path(src, module))], src, check=False)
        output = done.stdout + done.stderr
        kept[module] = {m.group(1): m.group(2) for m in re.finditer(r"'([^']+)' stays Python: (.*)", output)}
        if done.returncode == 0:
            compiling.append(module)
        else:  # nothing compiles: every function's first refusal follows the summary
            kept[module].update({f"line {m.group(1)}": m.group(2)
                                 for m in re.finditer(r"^\S+:(\d+):\d+: error: (.*)", output, flags=re.M)})
    return compiling, kept


def switch_to_pyrs_build(src: Path, modules: list[str]) -> None:
    """The one change to the package: pyrs-build as its build backend, with the modules to compile.
    A pyproject.toml of its own keeps everything but its [build-system] table; without one, its
    setup.py/setup.cfg keep providing the metadata."""
    listed = ", ".join(f'"{m}"' for m in modules)
    build_system = '[build-system]\nrequires = ["pyrs-build"]\nbuild-backend = "pyrs_build"\n'
    tool = f'\n[tool.pyrs-build]\nmodules = [{listed}]\non-unsupported = "python"\n'
    pyproject = src / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8") + "\n" if pyproject.exists() else ""
    text = re.sub(r"^\[build-system\]\n(?:(?!\[).*\n|\n)*", "", text, flags=re.M)  # up to the next table
    pyproject.write_text(build_system + "\n" + text + tool, encoding="utf-8")


BENCH = r'''
import importlib, json, sys, timeit
import numpy as np
module = importlib.import_module(sys.argv[1])
info = module.__pyrs_build__
compiled_names = list(info["compiled"])
name = sys.argv[2]
namespace = {}
exec(sys.argv[3], namespace)
result = {"compiled": compiled_names, "bench": None}
if name in compiled_names:
    times = {}
    for label, f in (("original", info["originals"][name]), ("compiled", getattr(module, name))):
        namespace["f"] = f
        timer = timeit.Timer(sys.argv[4], globals=namespace)
        number, _ = timer.autorange()
        times[label] = min(timer.repeat(5, number)) / number * 1e9
    namespace["f"] = info["originals"][name]
    want = eval(sys.argv[4], namespace)
    namespace["f"] = getattr(module, name)
    got = eval(sys.argv[4], namespace)
    times["call"] = name + sys.argv[4][1:]
    if type(got) is not type(want):
        times["agreement"] = f"types differ: {type(got).__name__} vs {type(want).__name__}"
    elif isinstance(want, np.ndarray):
        same = got.dtype == want.dtype and got.shape == want.shape and got.tobytes() == want.tobytes()
        scale = np.maximum(np.abs(want), np.finfo(float).tiny)
        worst = float(np.max(np.abs(got - want) / scale)) if want.size else 0.0
        times["agreement"] = "bit-identical" if same else f"max relative difference {worst:.3g}"
    else:
        times["agreement"] = "identical" if repr(got) == repr(want) else f"{got!r} vs {want!r}"
    result["bench"] = times
print(json.dumps(result))
'''


def compiled_info(venv: Venv, module: str, package: Package, work: Path) -> dict:
    bench_module, name, setup, call = package.bench
    done = run([venv.python, "-c", BENCH, module, name if module == bench_module else "", setup, call], work)
    return json.loads(done.stdout.strip().splitlines()[-1])


@dataclass
class Result:
    dist: str
    pure: dict[str, str] = field(default_factory=dict)
    compiled: dict[str, str] = field(default_factory=dict)
    modules: list[str] = field(default_factory=list)
    functions: dict[str, list[str]] = field(default_factory=dict)  # module -> compiled functions
    kept: dict[str, dict[str, str]] = field(default_factory=dict)  # module -> function -> reason
    bench: dict | None = None
    stubgen_output: str = ""


def evaluate(name: str, root: Path, wheels: Path) -> Result:
    package = PACKAGES[name]
    work = root / name
    work.mkdir(parents=True, exist_ok=True)
    result = Result(f"{package.dist} {package.version}")
    venv = make_venv(work, package, wheels)
    src = download_sdist(work, package, venv)
    venv.pip("install", "-q", "--no-deps", "--force-reinstall", str(src), cwd=work)  # pure Python, as released
    result.pure = run_tests(venv, package, src, work, "pure")
    result.stubgen_output = stubgen(venv, package, src, work)
    result.modules, result.kept = check_modules(venv, package, src)
    if not result.modules:
        return result
    switch_to_pyrs_build(src, result.modules)
    venv.pip("install", "-q", "--no-deps", "--force-reinstall", "--no-build-isolation", str(src), cwd=work)
    result.compiled = run_tests(venv, package, src, work, "compiled")
    for module in result.modules:
        info = compiled_info(venv, module, package, work)
        result.functions[module] = info["compiled"]
        result.bench = info["bench"] or result.bench
    return result


def report(result: Result) -> str:
    lines = [f"== {result.dist}"]
    output = result.stubgen_output.splitlines()
    start = next((i for i, line in enumerate(output) if line.startswith("pyrs-build stubgen: the command")), 0)
    lines += [f"   stubgen: {line}" for line in output[start:]]  # (the test suite's own output before it)
    counts = collections.Counter(result.pure.values())
    lines.append(f"   pure-Python build: {len(result.pure)} tests: {dict(counts)}")
    if result.compiled:
        counts = collections.Counter(result.compiled.values())
        new = sorted(t for t, o in result.compiled.items() if o in ("failed", "error") and result.pure.get(t) == "passed")
        fixed = sorted(t for t, o in result.compiled.items() if o == "passed" and result.pure.get(t) != "passed")
        lines.append(f"   compiled build:    {len(result.compiled)} tests: {dict(counts)}")
        lines.append(f"   new failures: {len(new)}" + "".join(f"\n      {t}" for t in new)
                     + (f"; tests passing only when compiled: {fixed}" if fixed else ""))
    for module in result.kept:
        compiled = result.functions.get(module, [])
        status = "" if module in result.modules else " (nothing compiles: module not flagged)"
        lines.append(f"   {module}: {len(compiled)} function(s) compiled {compiled}, "
                     f"{len(result.kept[module])} kept in Python{status}")
    reasons = collections.Counter(_reason_kind(r) for rs in result.kept.values() for r in rs.values())
    lines.append("   top reasons functions stay Python:")
    lines += [f"      {n:>4}  {reason}" for reason, n in reasons.most_common(10)]
    lines.append("   refusals other than 'no type annotation' (the stub has no signature: not called, or "
                 "only with values that have no fast path):")
    lines += [f"      {module.rsplit('.', 1)[-1]}.{function}: {reason}" for module, functions in result.kept.items()
              for function, reason in functions.items() if "has no type annotation" not in reason]
    if result.bench:
        b = result.bench
        lines.append(f"   hot function {b['call']}: original {b['original']:.0f} ns/call, compiled {b['compiled']:.0f} "
                     f"ns/call, speed-up {b['original'] / b['compiled']:.2f}x; results: {b['agreement']}")
    return "\n".join(lines)


def _reason_kind(reason: str) -> str:
    """A reason without the function's own names, so that equal causes group together."""
    return re.sub(r"'[^']*'", "'…'", reason)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", type=Path, default=Path.home() / ".cache" / "pyrs-build-real-packages")
    parser.add_argument("--package", action="append", choices=sorted(PACKAGES))
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    wheels = backend_wheels(args.workdir)
    results = [evaluate(name, args.workdir, wheels) for name in args.package or sorted(PACKAGES)]
    for result in results:
        print(report(result), flush=True)
    broken = [r for r in results if any(o in ("failed", "error") and r.pure.get(t) == "passed"
                                        for t, o in r.compiled.items())]
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
