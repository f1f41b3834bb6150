"""The `pyrs-build` command (also `python -m pyrs_build`): one module per subcommand."""

from __future__ import annotations

import argparse

from pyrs_build.cli import annotate, check, schema, stubgen, transpile, verify

COMMANDS = (check, transpile, annotate, verify, schema, stubgen)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="pyrs-build", description="Check, transpile and annotate the modules pyrs-build compiles to Rust. "
        "Building wheels is pip's job: `pip install .` with build-backend = \"pyrs_build\".",
        epilog="Run `pyrs-build COMMAND --help` for a command's options and examples.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands)
    args = parser.parse_args(argv)
    return int(args.run(args))
