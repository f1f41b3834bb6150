"""The exception a lowering step raises to refuse one construct."""

from __future__ import annotations

import ast

from pyrs_build.diagnostics import Diagnostic


class Unsupported(Exception):
    """A construct this compiler cannot translate exactly; becomes one Diagnostic."""

    def __init__(self, node: ast.AST | None, message: str, help: str = "") -> None:
        super().__init__(message)
        self.node = node
        self.message = message
        self.help = help

    def diagnostic(self, path: str) -> Diagnostic:
        line = getattr(self.node, "lineno", 0) or 0
        col = (getattr(self.node, "col_offset", -1) or 0) + 1 if line else 0
        return Diagnostic(path, line, col, self.message, self.help)


def help_for(node: ast.AST) -> str:
    """A hint for constructs refused as a whole."""
    hints = {
        "For": "loops arrive with the plain-Python support; vectorise with NumPy for now",
        "While": "loops arrive with the plain-Python support; vectorise with NumPy for now",
        "Subscript": "indexing and slicing are not supported yet",
        "ListComp": "build arrays with NumPy functions instead",
        "Raise": "keep functions that raise in Python for now",
        "Lambda": "define a module-level function instead",
    }
    return hints.get(type(node).__name__, "")
