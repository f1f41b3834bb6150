"""Fixtures of the fuzz tests: the example package's module and the corpus modules, built with real
cargo (the shared target dir makes rebuilds of unchanged crates no-ops)."""

from __future__ import annotations

import json
import shutil
import sys
import sysconfig
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pyrs_build.cargo import cache  # noqa: E402
from pyrs_build.cargo.build import build_crate  # noqa: E402
from pyrs_build.pipeline import transpile  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "tests" / "cases").rglob("*.py"))
EXAMPLE = ROOT / "example_pkg" / "example_pkg" / "black_scholes.py"
# error mode (a TypeError naming the argument) is fuzzed on modules with scalars, arrays and writes
# (two more cargo builds: CI time)
ERROR_MODE = [EXAMPLE, ROOT / "tests" / "cases" / "arrays" / "indexing.py"]


def build_extension(source: Path, workdir: Path, on_mismatch: str) -> Path:
    """Transpile and cargo-build `source`; the extension's path (the same crate as the case tests)."""
    root = cache.cache_root()
    crate = cache.crate_dir(root, f"tests.{source.stem}.{on_mismatch}", source.parent)
    stub = source.with_suffix(".pyi")
    transpile(source.stem, source, crate, cache.runtime_dir(root), stub if stub.exists() else None, on_mismatch)
    library = build_crate(crate, cache.target_dir(root))
    destination = workdir / on_mismatch / f"{source.stem}{sysconfig.get_config_var('EXT_SUFFIX')}"
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(library, destination)
    return destination


def _tolerance(source: Path) -> dict[str, float]:
    """The example's prices subtract terms as large as S and K, and its exp/log differ from NumPy's
    SIMD ones by 1-2 ulp, so on arbitrary inputs its values have no ulp bound: here they are held to
    the same types, dtypes, shapes, NaN positions and infinities (ulps=inf), and their values to
    the documented 1e-12 on meaningful inputs by tests/e2e/test_example_pkg.py."""
    return {"ulps": float("inf")} if source == EXAMPLE else {}


@pytest.fixture(scope="session")
def fuzz_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The worker's plan: every corpus module and the example, in python mode; some in error mode."""
    workdir = tmp_path_factory.mktemp("fuzz")
    entries = [(source, "python") for source in [*CORPUS, EXAMPLE]] + [(source, "error") for source in ERROR_MODE]
    plan = [{"stem": source.stem, "mode": mode, "source": str(source),
             "extension": str(build_extension(source, workdir, mode)), **_tolerance(source)}
            for source, mode in entries]
    path = workdir / "plan.json"
    path.write_text(json.dumps(plan, indent=1))
    return path
