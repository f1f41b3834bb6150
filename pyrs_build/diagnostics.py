"""Diagnostics: one problem in the user's code or configuration, rendered like a compiler error."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Diagnostic:
    """A located problem. `line`/`col` are 1-based; 0 means 'no position' (e.g. a whole file)."""

    path: str
    line: int
    col: int
    message: str
    help: str = ""
    severity: str = "error"

    def render(self, source: str | None = None) -> str:
        """`path:line:col: error: message`, the source line with a caret, then `help:`."""
        where = self.path if self.line == 0 else f"{self.path}:{self.line}:{self.col}"
        lines = [f"{where}: {self.severity}: {self.message}"]
        snippet = _source_line(self.path, self.line, source)
        if snippet is not None:
            gutter = f"{self.line} | "
            lines.append(gutter + snippet)
            lines.append(" " * (len(gutter) + max(self.col - 1, 0)) + "^")
        if self.help:
            lines.append(f"help: {self.help}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def _source_line(path: str, line: int, source: str | None) -> str | None:
    if line <= 0:
        return None
    if source is None:
        try:
            source = Path(path).read_text(encoding="utf-8")
        except OSError:
            return None
    all_lines = source.splitlines()
    return all_lines[line - 1] if line <= len(all_lines) else None


class DiagnosticError(Exception):
    """Raised with every diagnostic found, so one build reports all problems at once."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__(self.render())

    def render(self) -> str:
        return "\n\n".join(d.render() for d in self.diagnostics)

    def to_json(self) -> str:
        return json.dumps([d.to_json() for d in self.diagnostics], indent=2)


class InternalError(Exception):
    """A bug in pyrs-build (e.g. rustc rejected generated code); the message says where the crate was kept."""
