"""Which cargo release profile for generated crates: build time against the example's speed.

    python benchmarks/profile_choice.py [--variants off,thin-local,thin,fat] [--n 1000000]

For each LTO variant the example's generated crate (the Black-Scholes module) is built (the
"first build" column: with the dependencies when the variant is the first of its target directory,
one for off/thin-local and one for thin/fat, as their dependencies are compiled alike), then
rebuilt after its lib.rs is touched (what an edit costs: the "edit" column), and its
`black_scholes` is timed on 10^6 options in a fresh process (median of 7 runs). The generated
crate and the runtime use codegen-units = 1 in every variant (the profile pyrs-build writes).
Not a test: it prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pyrs_build.backend.compile import build_project  # noqa: E402
from pyrs_build.cargo.build import build_crate  # noqa: E402

LTO = {"off": '"off"', "thin-local": "false", "thin": '"thin"', "fat": '"fat"'}

TIMER = r'''
import importlib.util, json, statistics, sys, time
import numpy as np
spec = importlib.util.spec_from_file_location("example_pkg.black_scholes", sys.argv[1])
module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module)
rng = np.random.default_rng(0); n = int(sys.argv[2])
S, K, T = rng.uniform(5.0, 30.0, n), rng.uniform(1.0, 100.0, n), rng.uniform(0.25, 10.0, n)
module.black_scholes(S, K, T, 0.02, 0.3)
times = []
for _ in range(7):
    start = time.perf_counter(); module.black_scholes(S, K, T, 0.02, 0.3); times.append(time.perf_counter() - start)
print(json.dumps(statistics.median(times)))
'''


def with_lto(cargo_toml: str, lto: str) -> str:
    text = re.sub(r"(?m)^lto = .*\n", "", cargo_toml)
    return text.replace("[profile.release]\n", f"[profile.release]\nlto = {lto}\n", 1)


def measure(crate: Path, variant: str, work: Path, n: int) -> dict[str, float]:
    copy = work / f"pyrs_{variant.replace('-', '_')}"
    shutil.copytree(crate, copy, ignore=shutil.ignore_patterns("built", "target"))
    toml = copy / "Cargo.toml"
    toml.write_text(with_lto(toml.read_text(encoding="utf-8"), LTO[variant]), encoding="utf-8")
    # off/thin-local compile the dependencies without bitcode, thin/fat with it: one target dir each
    target = work / ("target-lto" if variant in ("thin", "fat") else "target-nolto")
    started = time.monotonic()
    build_crate(copy, target)
    cold = time.monotonic() - started
    os.utime(copy / "src" / "lib.rs")
    started = time.monotonic()
    library = build_crate(copy, target)
    edit = time.monotonic() - started
    staged = work / f"{variant}{Path(library).name[Path(library).name.index('.'):]}"
    shutil.copyfile(library, staged)
    done = subprocess.run([sys.executable, "-c", TIMER, str(staged), str(n)], capture_output=True, text=True,
                          check=True, cwd=work)
    return {"cold": cold, "edit": edit, "run": json.loads(done.stdout.strip().splitlines()[-1]),
            "size": staged.stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", default="off,thin-local,thin,fat")
    parser.add_argument("--n", type=int, default=1_000_000)
    args = parser.parse_args()
    built = build_project(REPO / "example_pkg", report=lambda line: None)
    crate = built.modules[0].library.parents[1]
    rows = []
    with tempfile.TemporaryDirectory(prefix="pyrs-profile-") as work:
        for variant in args.variants.split(","):
            print(f"measuring lto={LTO[variant]} ...", file=sys.stderr, flush=True)
            rows.append((variant, measure(crate, variant, Path(work), args.n)))
    print(f"{'lto':<12} {'first build (s)':>15} {'edit rebuild (s)':>17} {'black_scholes 1e6 (ms)':>23} {'.so (KiB)':>10}")
    for variant, r in rows:
        print(f"{variant:<12} {r['cold']:>15.1f} {r['edit']:>17.1f} {r['run'] * 1e3:>23.1f} {r['size'] / 1024:>10.0f}")


if __name__ == "__main__":
    main()
