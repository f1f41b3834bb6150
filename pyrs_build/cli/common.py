"""What the commands share: the modules to work on (files or a project's list) and their policies."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from pyrs_build.diagnostics import Diagnostic, DiagnosticError


@dataclass(frozen=True)
class Target:
    """One module to check/annotate: its import name, source, stub and the policies it is built with."""

    name: str
    path: Path
    stub: Path | None
    on_unsupported: str = "error"
    on_type_mismatch: str = "python"


def add_command(commands: Any, name: str, summary: str, description: str, examples: str,
                run: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
    """A subcommand whose --help shows its description and examples as written."""
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=summary, description=description, epilog="examples:\n" + examples,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(run=run)
    return parser


def add_target_arguments(parser: argparse.ArgumentParser, several: bool = True) -> None:
    parser.add_argument("paths", nargs="*" if several else "?", type=Path, metavar="PATH",
                        help="module source file(s) (.py; a .pyi stub beside one is used)")
    parser.add_argument("--project", type=Path, metavar="DIR",
                        help="the modules listed in DIR/pyproject.toml [tool.pyrs-build], with their settings")
    parser.add_argument("--on-unsupported", choices=["error", "python"], default=None,
                        help="override the policy for functions that cannot be compiled "
                        "(default: the project's setting, else 'error')")


def targets(args: argparse.Namespace) -> list[Target]:
    """The modules named on the command line; DiagnosticError for a bad project."""
    paths = args.paths if isinstance(args.paths, list) else [args.paths] if args.paths else []
    found = [_file_target(path, args.on_unsupported or "error") for path in paths]
    if args.project is not None:
        found += project_targets(args.project, args.on_unsupported)
    if not found:
        raise DiagnosticError([Diagnostic("pyrs-build", 0, 0, "no module given",
                                          "pass module files, or --project DIR to use its pyproject.toml")])
    return found


def _file_target(path: Path, on_unsupported: str) -> Target:
    if not path.is_file():
        raise DiagnosticError([Diagnostic(str(path), 0, 0, "no such file", "pass the path of a module's .py file")])
    return Target(path.stem, path, stub_of(path), on_unsupported)


def project_targets(project_dir: Path, on_unsupported: str | None = None) -> list[Target]:
    """The modules `project_dir/pyproject.toml` lists, each with its own (overridden) settings."""
    from pyrs_build.backend.locate import locate_modules
    from pyrs_build.settings import load_settings

    settings = load_settings(project_dir)
    text = (project_dir / "pyproject.toml").read_text(encoding="utf-8")
    found = []
    for source in locate_modules(project_dir, settings.modules, text):
        own = settings.for_module(source.name)
        found.append(Target(source.name, source.path, source.stub, on_unsupported or own.on_unsupported,
                            own.on_type_mismatch))
    return found


def stub_of(path: Path) -> Path | None:
    stub = path.with_suffix(".pyi")
    return stub if stub.is_file() else None
