"""Find a listed module's source (and stub) in the project: src/ layout first, then flat layout."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyrs_build.diagnostics import Diagnostic, DiagnosticError


@dataclass(frozen=True)
class ModuleSource:
    name: str  # dotted import name
    path: Path  # the .py file
    stub: Path | None  # the .pyi beside it, if any


def locate_modules(project_dir: Path, names: tuple[str, ...], pyproject_text: str = "") -> list[ModuleSource]:
    found, problems = [], []
    for name in names:
        try:
            found.append(locate_module(project_dir, name, pyproject_text))
        except DiagnosticError as exc:
            problems += exc.diagnostics
    if problems:
        raise DiagnosticError(problems)
    return found


def locate_module(project_dir: Path, name: str, pyproject_text: str = "") -> ModuleSource:
    relative = Path(*name.split("."))
    for root in (project_dir / "src", project_dir):
        path = root / relative.with_suffix(".py")
        if path.is_file():
            stub = path.with_suffix(".pyi")
            return ModuleSource(name, path, stub if stub.is_file() else None)
        if (root / relative / "__init__.py").is_file():
            raise _not_found(project_dir, name, pyproject_text,
                             f"'{name}' is a package; compiling a package's __init__.py is not supported",
                             f"move the code to a module such as '{name}.core' and list that")
    return_help = f"expected src/{relative}.py or {relative}.py under {project_dir}"
    raise _not_found(project_dir, name, pyproject_text, f"module '{name}' listed in [tool.pyrs-build] modules "
                     "was not found", return_help)


def _not_found(project_dir: Path, name: str, text: str, message: str, help: str) -> DiagnosticError:
    pyproject = str(project_dir / "pyproject.toml")
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find(f'"{name}"')
        if column < 0:
            column = line.find(f"'{name}'")
        if column >= 0:
            return DiagnosticError([Diagnostic(pyproject, number, column + 1, message, help)])
    return DiagnosticError([Diagnostic(pyproject, 0, 0, message, help)])
