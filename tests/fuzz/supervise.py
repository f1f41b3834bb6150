"""Runs the bad-input worker (bad_inputs.py) in subprocesses: a worker killed by a signal is a
crash of the call it had begun; a call that runs longer than the time limit (an 8 TB broadcast
view summed in C by both sides) is stopped, counted as timed out, and its kind of call skipped for
that function from then on (the worker itself skips calls whose original Python is too slow). Either way a new worker goes on with the next call."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

WORKER = Path(__file__).with_name("bad_inputs.py")


@dataclass
class Summary:
    calls: int = 0  # compiled calls made (a crash or a timeout counts; an original too slow does not)
    crashes: list[dict[str, object]] = field(default_factory=list)
    disagreements: list[dict[str, object]] = field(default_factory=list)
    timeouts: list[str] = field(default_factory=list)  # keys of calls stopped at the time limit
    slow_originals: list[str] = field(default_factory=list)  # keys skipped: the original took > 2 s
    worker_errors: list[str] = field(default_factory=list)


def fuzz(plan_file: Path, total: int, time_limit: float = 10.0) -> Summary:
    summary = Summary()
    start, skip = 0, set()
    while start is not None:
        start = _one_worker(plan_file, start, total, skip, time_limit, summary)
    return summary


def _one_worker(plan_file: Path, start: int, total: int, skip: set[str], time_limit: float,
                summary: Summary) -> int | None:
    """Run a worker from call `start`; the call to restart from, or None when all are done."""
    command = [sys.executable, str(WORKER), str(plan_file), str(start), str(total), *sorted(skip)]
    worker = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONFAULTHANDLER": "1"})
    assert worker.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(worker.stdout, selectors.EVENT_READ)
    current: tuple[int, str] | None = None
    begun = time.monotonic()
    startup_allowance = 120.0  # importing NumPy and the modules, lowering their IR
    while True:
        # an 8 TB view summed in C never ends: stop it sooner than a call slowed down by a busy machine
        limit = min(time_limit, 3.0) if current is not None and current[1].endswith(":huge") else time_limit
        allowance = startup_allowance if current is None else limit
        ready = selector.select(timeout=max(0.0, begun + allowance - time.monotonic()))
        if not ready:
            if current is None:
                worker.kill()
                worker.wait()
                summary.worker_errors.append("the worker did not start in time")
                return None
            worker.kill()
            worker.wait()
            summary.timeouts.append(current[1])
            skip.add(current[1])
            return current[0] + 1
        line = worker.stdout.readline()
        if not line:
            break
        tag, _, rest = line.rstrip("\n").partition(" ")
        if tag == "B":
            index, key = rest.split(" ", 1)
            current = (int(index), key)
            begun = time.monotonic()
            summary.calls += 1
        elif tag == "S":
            summary.calls -= 1
            summary.slow_originals.append(rest.split(" ", 1)[1])
            skip.add(rest.split(" ", 1)[1])
        elif tag == "D":
            summary.disagreements.append(json.loads(rest))
        elif tag == "E":
            current = None
    status = worker.wait()
    stderr = worker.stderr.read() if worker.stderr else ""
    if status == 0 and current is None:
        return None
    if current is None:
        summary.worker_errors.append(f"worker exited {status} outside any call:\n{stderr[-3000:]}")
        return None
    crash = {"call": current[0], "key": current[1], "status": status,
             "signal": signal.Signals(-status).name if status < 0 else None, "stderr": stderr[-3000:]}
    summary.crashes.append(crash)
    return current[0] + 1
