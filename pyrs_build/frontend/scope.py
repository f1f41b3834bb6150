"""What the lowering of one function knows: the module around it and the bound names."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Callable

from pyrs_build.frontend.imports import ImportTable
from pyrs_build.frontend.views import Shared
from pyrs_build.ir import nodes as ir
from pyrs_build.ir.types import Type


@dataclass
class Signature:
    """What callers see of a function: its parameters (typed) and declared return type."""

    name: str
    params: list[ir.Param]
    declared_return: Type | None
    node: ast.FunctionDef


@dataclass
class ModuleContext:
    path: str
    imports: ImportTable
    constants: dict[str, ir.Constant]
    signatures: dict[str, Signature]
    return_type_of: Callable[[str, ast.AST], Type]  # infers a callee's return type on demand
    docstrings: dict[str, str | None]  # `__doc__` of each top-level function, as this Python makes it
    # compiles a copy of a function for the argument types of a call: (its name, its return type)
    specialize: Callable[[str, list[Type], ast.AST], tuple[str, Type]]
    writes_arguments: Callable[[str], bool]  # whether a (lowered) function writes into an array parameter
    stays_python: Callable[[str], bool] = lambda name: False  # a callee kept in Python (on-unsupported)


def loc(node: ast.AST) -> ir.Loc:
    return ir.Loc(getattr(node, "lineno", 0), getattr(node, "col_offset", 0) + 1)


@dataclass
class Scope:
    """Definitely-bound locals at the current point, and whether control can reach it."""

    bound: set[str]
    reachable: bool = True
    narrowed: dict[str, Type] = field(default_factory=dict)  # `X | None` names known to hold an X here
    shares: dict[str, Shared] = field(default_factory=dict)  # array names sharing memory (frontend/views.py)

    def branch(self) -> "Scope":
        """The scope at the start of a block entered from here."""
        return Scope(set(self.bound), narrowed=dict(self.narrowed), shares=dict(self.shares))
