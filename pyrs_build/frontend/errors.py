"""The exception a lowering step raises to refuse one construct, and what to say about whole
constructs the compiler does not translate."""

from __future__ import annotations

import ast

from pyrs_build.diagnostics import Diagnostic

# when nothing more specific can be said: the way to build the module anyway
FALLBACK_HELP = 'rewrite it with the supported subset (see the README), or keep the function in Python: ' \
    'on-unsupported = "python" in [tool.pyrs-build]'


class Unsupported(Exception):
    """A construct this compiler cannot translate exactly; becomes one Diagnostic."""

    def __init__(self, node: ast.AST | None, message: str, help: str = "") -> None:
        super().__init__(message)
        self.node = node
        self.message = message
        self.help = help
        self.more: list[Unsupported] = []  # the other refusals of the same function

    def diagnostic(self, path: str) -> Diagnostic:
        line = getattr(self.node, "lineno", 0) or 0
        col = (getattr(self.node, "col_offset", -1) or 0) + 1 if line else 0
        return Diagnostic(path, line, col, self.message, self.help or FALLBACK_HELP)

    def diagnostics(self, path: str) -> list[Diagnostic]:
        """This refusal and the others found in the same function."""
        return [self.diagnostic(path)] + [more.diagnostic(path) for more in self.more]


class Poisoned(Unsupported):
    """A statement reads a name a refused statement assigns: skipped without a report of its own."""


def refusals(problems: list[Unsupported]) -> Unsupported:
    """The first refusal of a function, carrying the others."""
    first = problems[0]
    first.more = problems[1:]
    return first


# statement -> (how the user wrote it, what to write instead)
_STATEMENTS = {
    "With": ("'with' statements", 'compiled code has no context managers: keep this function in Python '
             '(on-unsupported = "python" in [tool.pyrs-build])'),
    "AsyncWith": ("'async with' statements", "keep async code in a module that is not compiled"),
    "Try": ("'try' statements", "compiled code cannot catch exceptions: test the condition before the operation "
            "(e.g. 'if d != 0.0:'), or keep the function in Python"),
    "TryStar": ("'try' statements", "keep the function in Python"),
    "Global": ("'global' statements", "pass the value in as a parameter and return the new value"),
    "Nonlocal": ("'nonlocal' statements", "pass the value in as a parameter and return the new value"),
    "Delete": ("'del' statements", "let the name go out of scope, or assign a new value"),
    "Import": ("'import' statements inside functions", "import at module level"),
    "ImportFrom": ("'from ... import' statements inside functions", "import at module level"),
    "ClassDef": ("class definitions inside functions", "define the class at module level, in a module that is "
                 "not compiled"),
    "FunctionDef": ("nested functions", "define the function at module level and pass what it uses as parameters"),
    "AsyncFunctionDef": ("nested async functions", "keep async code in a module that is not compiled"),
    "Match": ("'match' statements", "write the cases as if/elif/else"),
    "AsyncFor": ("'async for' statements", "keep async code in a module that is not compiled"),
    "TypeAlias": ("'type' statements inside functions", "define the alias at module level"),
}

# expression -> (what it is, what to write instead)
_EXPRESSIONS = {
    "Lambda": ("lambda expressions", "define a module-level function instead"),
    "SetComp": ("set comprehensions", "compute with arrays or loops over range(...)"),
    "DictComp": ("dict comprehensions", "compute with arrays or loops over range(...)"),
    "GeneratorExp": ("generator expressions", "accumulate in a loop: total = 0.0, then 'for ...: total += ...'"),
    "Set": ("set displays ('{...}')", "use separate variables or a NumPy array"),
    "Dict": ("dict displays ('{...: ...}')", "use separate variables or a NumPy array"),
    "JoinedStr": ("f-strings", "compiled code has no strings: raise with a literal message, or format in Python"),
    "Yield": ("'yield' expressions", "return an array of all the values instead"),
    "YieldFrom": ("'yield from' expressions", "return an array of all the values instead"),
    "Await": ("'await' expressions", "keep async code in a module that is not compiled"),
    "NamedExpr": ("assignment expressions (':=')", "assign on a line of its own first"),
    "Starred": ("starred arguments ('*args')", "pass the arguments one by one"),
    "Slice": ("slices outside a subscript", "slice the array directly: x[1:-1]"),
}


def refuse_statement(node: ast.stmt) -> Unsupported:
    what, help = _STATEMENTS.get(type(node).__name__, (f"'{type(node).__name__}' statements", ""))
    return Unsupported(node, f"{what} are not supported yet", help)


def refuse_expression(node: ast.expr) -> Unsupported:
    what, help = _EXPRESSIONS.get(type(node).__name__, (f"'{type(node).__name__}' expressions", ""))
    return Unsupported(node, f"{what} are not supported yet", help)
