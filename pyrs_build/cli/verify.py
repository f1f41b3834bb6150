"""`pyrs-build verify`: an installed compiled module against its Python source, on drawn inputs."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from pyrs_build.cli.common import add_command

EXAMPLES = """\
  pip install 'pyrs-build[verify]'
  pyrs-build verify example_pkg.black_scholes
  pyrs-build verify pkg.pricing --examples 2000 --seed 7 --ulps 4

exit status: 0 when every function agrees, 1 with a minimal example otherwise."""


def register(commands: Any) -> None:
    parser = add_command(commands, "verify", "compare an installed compiled module with its Python source",
                         "Call the compiled module and its original Python source side by side on inputs "
                         "Hypothesis draws from the compiled signatures (needs hypothesis and numpy).",
                         EXAMPLES, run)
    parser.add_argument("module", help="dotted import name of a module built by pyrs-build")
    parser.add_argument("--examples", type=int, default=200, help="inputs per function and kind")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--ulps", type=float, default=0.0,
                        help="float tolerance in units in the last place (default: bit-for-bit)")


def run(args: argparse.Namespace) -> int:
    try:
        from pyrs_build.verify.run import verify
    except ImportError as exc:
        print(f"pyrs-build verify needs hypothesis and numpy: pip install hypothesis ({exc})", file=sys.stderr)
        return 2
    module, examples, seed = args.module, args.examples, args.seed
    disagreements = verify(module, examples, seed, args.ulps)
    for found in disagreements:
        print(f"{module}.{found.function}: compiled and original disagree\n{found.report}\n")
    if disagreements:
        print(f"{len(disagreements)} function(s) disagree", file=sys.stderr)
        return 1
    print(f"{module}: compiled and original agree ({examples} examples per function and kind, seed {seed})")
    return 0
