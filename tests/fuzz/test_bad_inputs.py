"""Bad and edge arguments for every compiled function of the corpus (tests/cases/**) and the
example package, in worker subprocesses: no call may crash the process (a signal), leak a Rust
panic, or behave differently from the original (same value, or the same exception type; in
on-type-mismatch=error builds, a TypeError naming a mismatched argument is also right).

PYRS_FUZZ_CALLS sets the number of calls (default 10,000, ~1 min; the long run uses 100,000)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from supervise import fuzz

CALLS = int(os.environ.get("PYRS_FUZZ_CALLS", "10000"))


def test_bad_and_edge_arguments_never_crash_and_agree(fuzz_plan: Path) -> None:
    summary = fuzz(fuzz_plan, CALLS + CALLS // 20)  # kinds of calls skipped at the time limit leave >= CALLS
    print(f"\nbad-input fuzz: {summary.calls} calls, {len(summary.crashes)} crashes, "
          f"{len(summary.disagreements)} disagreements, "
          f"{len(summary.slow_originals)} kinds skipped as their original took over 2 s: {summary.slow_originals}, "
          f"{len(summary.timeouts)} kinds stopped at the time limit: "
          f"{summary.timeouts}")
    assert not summary.worker_errors, summary.worker_errors
    assert not summary.crashes, json.dumps(summary.crashes, indent=1)
    assert not summary.disagreements, json.dumps(summary.disagreements[:20], indent=1)
    assert summary.calls >= CALLS
