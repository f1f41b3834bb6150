"""`pyrs-build annotate`: an HTML page per module showing what compiled, what stays Python, and why."""

from __future__ import annotations

import argparse
import sys
from html import escape
from pathlib import Path
from typing import Any

from pyrs_build.cli.common import Target, add_command, add_target_arguments, targets
from pyrs_build.diagnostics import DiagnosticError

EXAMPLES = """\
  pyrs-build annotate src/pkg/pricing.py -o pricing.html
  pyrs-build annotate --project . -o annotate/      # one page per listed module, plus index.html
  python -m webbrowser pricing.html

Green lines compiled to Rust, yellow lines stay Python, red lines are what the compiler
refused (hover or click for the reason). Click a line to see the Rust generated for it.
Functions that cannot compile are shown as they would be with on-unsupported = "python"."""


def register(commands: Any) -> None:
    parser = add_command(commands, "annotate", "write an HTML report of what compiles, line by line",
                         "Write one self-contained HTML page per module, in the spirit of `cython -a`.",
                         EXAMPLES, run)
    add_target_arguments(parser)
    parser.add_argument("-o", "--output", type=Path, required=True,
                        help="the page to write (one file), or a directory: one page per module and index.html "
                        "(--project, several files, or a path ending in /)")


def run(args: argparse.Namespace) -> int:
    from pyrs_build.annotate import annotate_module, render_page

    try:
        found = targets(args)
    except DiagnosticError as exc:
        print(exc.render(), file=sys.stderr)
        return 1
    # a directory of pages (and an index) for a project or several files, else the one page
    several = len(found) > 1 or args.project is not None or args.output.is_dir() or str(args.output).endswith("/")
    if several:
        args.output.mkdir(parents=True, exist_ok=True)
    pages: list[tuple[Target, Path, str]] = []
    for target in found:
        module = annotate_module(target.name, target.path, target.stub, target.on_unsupported,
                                 target.on_type_mismatch)
        page = args.output / f"{target.name}.html" if several else args.output
        page.write_text(render_page(module), encoding="utf-8")
        summary = (f"{len(module.compiled)} compiled, {len(module.kept)} stay Python, "
                   f"{module.count('refused')} refused line(s)")
        print(f"{target.path}: {summary} -> {page}")
        pages.append((target, page, summary))
    if several:
        (args.output / "index.html").write_text(_index(pages), encoding="utf-8")
    return 0


def _index(pages: list[tuple[Target, Path, str]]) -> str:
    items = "".join(f"<li><a href=\"{escape(page.name)}\">{escape(target.name)}</a>: {escape(summary)}</li>"
                    for target, page, summary in pages)
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>pyrs-build annotate</title>"
            f"</head><body style=\"font-family: sans-serif\"><h1>pyrs-build annotate</h1><ul>{items}</ul></body></html>\n")
