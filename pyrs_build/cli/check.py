"""`pyrs-build check`: the frontend and type checks of each module, without cargo."""

from __future__ import annotations

import argparse
import dataclasses
import json
from dataclasses import dataclass
import sys
from typing import Any

from pyrs_build.cli.common import Target, add_command, add_target_arguments, targets
from pyrs_build.diagnostics import Diagnostic, DiagnosticError
from pyrs_build.pipeline import compile_to_ir

EXAMPLES = """\
  pyrs-build check src/pkg/pricing.py            # one module file
  pyrs-build check --project .                   # the modules listed in ./pyproject.toml
  pyrs-build check --on-unsupported python a.py  # what would stay Python
  pyrs-build check --format json a.py | jq .     # for editors and other tools

exit status: 0 when every module compiles (functions kept in Python under
on-unsupported = "python" are warnings), 1 on any error."""


def register(commands: Any) -> None:
    parser = add_command(commands, "check", "run the frontend and type checks (no cargo)",
                         "Report every construct the compiler refuses, as file:line:col diagnostics with the source "
                         "line, a caret and a help line. No Rust is generated or compiled: a module takes "
                         "milliseconds.", EXAMPLES, run)
    add_target_arguments(parser)
    parser.add_argument("--format", choices=["text", "json"], default="text",
                        help="json: a list of {path, line, col, message, help, severity} on stdout")


def run(args: argparse.Namespace) -> int:
    try:
        found = targets(args)
    except DiagnosticError as exc:
        return _report(exc.diagnostics, [], args.format)
    problems: list[Diagnostic] = []
    notes: list[str] = []
    for target in found:
        try:
            result = check_module(target)
        except DiagnosticError as exc:
            problems += exc.diagnostics
            continue
        problems += result.warnings
        notes.append(f"{target.path}: ok ({result.compiled} function(s) compile"
                     + (f", {result.kept} stay Python)" if result.kept else ")"))
    return _report(problems, notes, args.format)


@dataclass(frozen=True)
class Checked:
    compiled: int  # functions compiled
    kept: int  # functions kept in Python
    warnings: list[Diagnostic]  # every refusal of the functions kept in Python


def check_module(target: Target) -> Checked:
    module = compile_to_ir(target.name, target.path, target.stub, target.on_unsupported)
    warnings = [dataclasses.replace(reason, severity="warning", message=f"'{name}' stays Python: {reason.message}")
                for name, first in module.kept_in_python.items()
                for reason in [first, *module.more_reasons.get(name, [])] if isinstance(reason, Diagnostic)]
    return Checked(sum(f.exported for f in module.functions), len(module.kept_in_python), warnings)


def _report(problems: list[Diagnostic], notes: list[str], output_format: str) -> int:
    failed = any(d.severity == "error" for d in problems)
    if output_format == "json":
        print(json.dumps([d.to_json() for d in problems], indent=2))
        return 1 if failed else 0
    for note in notes:
        print(note)
    if problems:
        print(DiagnosticError(problems).render(), file=sys.stderr)
        errors = sum(d.severity == "error" for d in problems)
        if errors:
            print(f"pyrs-build check: {errors} error(s)", file=sys.stderr)
    return 1 if failed else 0
