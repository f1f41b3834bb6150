"""`pyrs-build stubgen -- COMMAND...`: run a command (a test suite, a script) with a tracer on the
flagged modules and write `.pyi` stubs beside them from the argument and return types it saw."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pyrs_build.backend.locate import locate_module
from pyrs_build.cli.common import add_command
from pyrs_build.diagnostics import DiagnosticError
from pyrs_build.settings import load_settings


EXAMPLES = """\
  pyrs-build stubgen -- python -m pytest tests
  pyrs-build stubgen --module pkg.kernels -- python scripts/run_model.py
  pyrs-build stubgen --force --max-overloads 2 -- pytest -x

Trace the pure-Python code (source tree or a normal install), not an installed compiled build."""


def register(commands: Any) -> None:
    parser = add_command(commands, "stubgen", "write .pyi stubs from the types a command's run passes",
                         "Run COMMAND with a tracer on the modules of [tool.pyrs-build] modules (or --module) and "
                         "write a .pyi beside each: one @overload per kind of arguments seen, NumPy arrays as "
                         "dtype and ndim; values the compiler has no fast path for (Decimal, objects, mixed "
                         "lists) left out with a comment saying why. Hand-written stub entries are kept.",
                         EXAMPLES, run)
    parser.add_argument("--project", type=Path, default=Path("."),
                        help="project directory: [tool.pyrs-build] modules and where the sources are (default: .)")
    parser.add_argument("--module", action="append", default=[],
                        help="dotted module name to trace (repeatable; default: [tool.pyrs-build] modules)")
    parser.add_argument("--force", action="store_true", help="also replace hand-written entries of existing stubs")
    parser.add_argument("--max-overloads", type=int, default=4, help="signatures per function (most called first)")
    parser.add_argument("command_line", nargs=argparse.REMAINDER, metavar="-- COMMAND ...",
                        help="the command to run, e.g. -- python -m pytest tests")


def run(args: argparse.Namespace) -> int:
    from pyrs_build.stubgen.run import run_traced
    from pyrs_build.stubgen.stubs import write_stub

    command = args.command_line[1:] if args.command_line[:1] == ["--"] else args.command_line
    if not command:
        print("pyrs-build stubgen: give the command to run after '--', e.g. -- python -m pytest", file=sys.stderr)
        return 2
    try:
        modules = args.module or list(load_settings(args.project).modules)
        sources = {name: locate_module(args.project, name).path for name in modules}
    except DiagnosticError as exc:
        print(exc.render(), file=sys.stderr)
        return 2
    code, observed = run_traced(command, modules)
    print(f"pyrs-build stubgen: the command exited with {code}", flush=True)
    for name, source in sources.items():
        functions = observed.get(name, {})
        if not functions:
            print(f"{name}: no call recorded (is the command importing the pure-Python source, "
                  "not an installed compiled build?)")
            continue
        report = write_stub(source, functions, args.force, args.max_overloads)
        calls = sum(sum(sum(r.values()) for r in f.calls.values()) for f in functions.values())
        print(f"{name}: {calls} call(s) of {len(functions)} function(s) -> {report.path}: "
              f"{len(report.written)} typed, {len(report.left_out)} left out, {len(report.kept)} hand-written kept")
        for function, why in report.left_out.items():
            print(f"  {function}: left out: {why}")
    return 0
