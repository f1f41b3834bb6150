"""`pyrs-build transpile`: write the Rust crate of one module, for reading (no cargo)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pyrs_build.cargo import cache
from pyrs_build.cli.common import add_command, stub_of
from pyrs_build.diagnostics import DiagnosticError
from pyrs_build.pipeline import transpile

EXAMPLES = """\
  pyrs-build transpile src/pkg/pricing.py -o /tmp/pricing-crate
  pyrs-build transpile pricing.py -o crate --module pkg.pricing   # the import name the wheel uses
  cargo build --release --manifest-path /tmp/pricing-crate/Cargo.toml   # build it by hand"""


def register(commands: Any) -> None:
    parser = add_command(commands, "transpile", "write the Rust crate of one module",
                         "Write the crate pyrs-build would compile for one module: Cargo.toml, src/lib.rs "
                         "(rustfmt'ed) and a copy of the source.", EXAMPLES, run)
    parser.add_argument("path", type=Path, metavar="PATH", help="the module's .py file")
    parser.add_argument("-o", "--output", type=Path, required=True, help="crate directory to write")
    parser.add_argument("--module", help="dotted import name (default: the file's stem)")
    parser.add_argument("--on-type-mismatch", choices=["python", "error"], default="python")
    parser.add_argument("--on-unsupported", choices=["error", "python"], default="error")


def run(args: argparse.Namespace) -> int:
    path: Path = args.path
    try:
        runtime = cache.runtime_dir(cache.cache_root())
        transpile(args.module or path.stem, path, args.output, runtime, stub_of(path), args.on_type_mismatch,
                  args.on_unsupported)
    except DiagnosticError as exc:
        print(exc.render(), file=sys.stderr)
        return 1
    print(f"wrote {args.output / 'Cargo.toml'} and {args.output / 'src' / 'lib.rs'}")
    return 0
