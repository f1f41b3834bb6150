"""The `pyrs-build` command: transpile and check modules without building a wheel."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pyrs_build.cargo import cache
from pyrs_build.diagnostics import DiagnosticError
from pyrs_build.pipeline import compile_to_ir, transpile


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pyrs-build", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="run the frontend and type checks (no cargo)")
    check.add_argument("paths", nargs="+", type=Path)
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--on-unsupported", choices=["error", "python"], default="error")
    emit = commands.add_parser("transpile", help="write the Rust crate of one module")
    emit.add_argument("path", type=Path)
    emit.add_argument("-o", "--output", type=Path, required=True, help="crate directory to write")
    emit.add_argument("--module", help="dotted import name (default: the file's stem)")
    emit.add_argument("--on-type-mismatch", choices=["python", "error"], default="python")
    emit.add_argument("--on-unsupported", choices=["error", "python"], default="error")
    check_run = commands.add_parser("verify", help="compare an installed compiled module with its Python source "
                                    "on inputs drawn from its signatures (needs hypothesis)")
    check_run.add_argument("module", help="dotted import name of a module built by pyrs-build")
    check_run.add_argument("--examples", type=int, default=200, help="inputs per function and kind")
    check_run.add_argument("--seed", type=int, default=0)
    check_run.add_argument("--ulps", type=float, default=0.0,
                           help="float tolerance in units in the last place (default: bit-for-bit)")
    args = parser.parse_args(argv)
    if args.command == "verify":
        return _verify(args.module, args.examples, args.seed, args.ulps)
    if args.command == "check":
        return _check(args.paths, args.format, args.on_unsupported)
    return _transpile(args.path, args.output, args.module, args.on_type_mismatch, args.on_unsupported)


def _stub_of(path: Path) -> Path | None:
    stub = path.with_suffix(".pyi")
    return stub if stub.is_file() else None


def _check(paths: list[Path], output_format: str, on_unsupported: str) -> int:
    problems = []
    for path in paths:
        try:
            module = compile_to_ir(path.stem, path, _stub_of(path), on_unsupported)
            if output_format == "text":
                print(f"{path}: ok ({sum(f.exported for f in module.functions)} function(s) compile)")
                for name, reason in module.kept_in_python.items():
                    print(f"{path}: '{name}' stays Python: {reason.message}")  # type: ignore[attr-defined]
        except DiagnosticError as exc:
            problems += exc.diagnostics
    if output_format == "json":
        print(json.dumps([d.to_json() for d in problems], indent=2))
    elif problems:
        print(DiagnosticError(problems).render(), file=sys.stderr)
    return 1 if problems else 0


def _transpile(path: Path, output: Path, module_name: str | None, on_mismatch: str, on_unsupported: str) -> int:
    try:
        runtime = cache.runtime_dir(cache.cache_root())
        transpile(module_name or path.stem, path, output, runtime, _stub_of(path), on_mismatch, on_unsupported)
    except DiagnosticError as exc:
        print(exc.render(), file=sys.stderr)
        return 1
    print(f"wrote {output / 'Cargo.toml'} and {output / 'src' / 'lib.rs'}")
    return 0


def _verify(module: str, examples: int, seed: int, ulps: float) -> int:
    try:
        from pyrs_build.verify.run import verify
    except ImportError as exc:
        print(f"pyrs-build verify needs hypothesis and numpy: pip install hypothesis ({exc})", file=sys.stderr)
        return 2
    disagreements = verify(module, examples, seed, ulps)
    for found in disagreements:
        print(f"{module}.{found.function}: compiled and original disagree\n{found.report}\n")
    if disagreements:
        print(f"{len(disagreements)} function(s) disagree", file=sys.stderr)
        return 1
    print(f"{module}: compiled and original agree ({examples} examples per function and kind, seed {seed})")
    return 0
