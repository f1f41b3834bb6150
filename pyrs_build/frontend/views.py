"""Array variables that share memory with another array variable, as NumPy names do.

`u = U[1:-1, 1:-1]` makes `u` a view of `U`: writing through `u` changes `U`, and writes into `U`
show through `u`. Compiled code never holds such a view in a Rust variable (it would borrow `U`
across the writes): `u` is an *alias*, the view expression itself, re-sliced from `U` at each use
with its bounds kept in hidden locals from the binding. `V = U` (and `U.ravel()`, `U.reshape(...)`)
is a *snapshot*: a Rust copy, exact only until `U` is written; a snapshot read after such a write
is refused. What the lowering knows per name lives in `Scope.shares`."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Union

from pyrs_build.ir import nodes as ir


@dataclass(frozen=True)
class Alias:
    """The name is the view `value` of the array variable `base` (re-evaluated at each use)."""

    value: ir.Expr
    base: str


@dataclass(frozen=True)
class Snapshot:
    """The name holds a Rust copy of what one of the array variables `bases` held at the binding."""

    bases: frozenset[str]


@dataclass(frozen=True)
class Stale:
    """The name may no longer show what Python's would: reading it is refused."""

    reason: str
    help: str


Shared = Union[Alias, Snapshot, Stale]


def view_chain(value: ir.Expr) -> tuple[ir.Var, list[list]] | None:  # type: ignore[type-arg]
    """`x[a][b]` -> (x, [[a], [b]]): the variable and the basic indices a writable view applies;
    None when the view is not made by basic indexing of a variable alone (a transpose, say)."""
    chain: list[list] = []  # type: ignore[type-arg]
    while isinstance(value, ir.SliceView):
        chain.insert(0, list(value.axes))
        value = value.array
    return (value, chain) if isinstance(value, ir.Var) else None


def view_base(value: ir.Expr) -> str | None:
    """The variable a view expression (basic slicing, `.T`, possibly nested) reads, or None."""
    while isinstance(value, ir.SliceView) or (isinstance(value, ir.Intrinsic) and value.name == "array.T"):
        value = value.array if isinstance(value, ir.SliceView) else value.args[0]
    return value.name if isinstance(value, ir.Var) else None


def merge(states: list[dict[str, Shared]]) -> dict[str, Shared]:
    """What is known after paths join: what all paths agree on; a name they disagree on is stale."""
    if not states:
        return {}
    merged: dict[str, Shared] = {}
    for name in set().union(*states):
        values = [state.get(name) for state in states]
        first = values[0]
        if all(v == first for v in values[1:]) and first is not None:
            merged[name] = first
        elif all(v is None or isinstance(v, Snapshot) for v in values):  # a Rust value on every path
            merged[name] = Snapshot(frozenset().union(*(v.bases for v in values if isinstance(v, Snapshot))))
        elif not all(v == first for v in values[1:]):
            merged[name] = Stale(f"'{name}' is a view or a copy of another array on some paths only",
                                 f"bind '{name}' the same way on every path, or copy it: {name}.copy()")
    return merged


def rebound_names(stmts: list[ast.stmt]) -> set[str]:
    """Names the statements bind anew (augmented assignments update arrays in place: not these)."""
    names: set[str] = set()
    for stmt in stmts:
        for node in ast.walk(stmt):
            if isinstance(node, ast.AugAssign):
                continue
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, (ast.AnnAssign, ast.For)) else []
            for target in targets:
                names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return names


def written_names(stmts: list[ast.stmt]) -> set[str]:
    """Names written into in place: `x[...] = v`, `x[...] += v`, `x += v`."""
    names: set[str] = set()
    for stmt in stmts:
        for node in ast.walk(stmt):
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
            for target in targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    names.add(target.value.id)
                elif isinstance(target, ast.Name) and isinstance(node, ast.AugAssign):
                    names.add(target.id)
    return names


def loop_may_write(shares: dict[str, Shared], body: list[ast.stmt], base: str) -> bool:
    """Whether an iteration of a loop may write into what the array variable `base` holds at its
    top (directly, through a view held in a variable, or through a name the body binds) before it
    binds `base` anew."""
    rebound = rebound_names(body)
    writers = {base} | rebound | {n for n, s in shares.items() if isinstance(s, Alias) and s.base == base}
    return _written_before_rebound(base, body, writers)


def _written_before_rebound(base: str, body: list[ast.stmt], writers: set[str]) -> bool:
    for stmt in body:
        if isinstance(stmt, (ast.For, ast.While, ast.If)):  # their blocks may run or not
            if _written_before_rebound(base, stmt.body, writers) or _written_before_rebound(base, stmt.orelse, writers):
                return True
        elif written_names([stmt]) & writers:
            return True
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)) and any(
                isinstance(t, ast.Name) and t.id == base
                for t in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target])):
            return False
    return False


def at_loop_top(shares: dict[str, Shared], body: list[ast.stmt]) -> dict[str, Shared]:
    """What holds at the top of every iteration of a loop whose body is `body`: an alias whose name
    or base the body rebinds, and a snapshot whose base the body may write, become stale."""
    rebound = rebound_names(body)

    def may_write(base: str) -> bool:
        return loop_may_write(shares, body, base)

    top: dict[str, Shared] = {}
    for name, shared in shares.items():
        if isinstance(shared, Alias) and (name in rebound or shared.base in rebound):
            top[name] = Stale(f"'{name}' is a view of '{shared.base}', and the loop rebinds one of them",
                              f"bind the view inside the loop before using it, or use a new name")
        elif isinstance(shared, Snapshot) and any(may_write(base) for base in shared.bases):
            top[name] = stale_snapshot(name, next(b for b in sorted(shared.bases) if may_write(b)))
        else:
            top[name] = shared
    return top


def stale_snapshot(name: str, base: str) -> Stale:
    return Stale(f"'{name}' is the same array as '{base}' (or a reshaped view of it), which is written "
                 f"in place while '{name}' is held: the compiled code holds a copy",
                 f"make the copy explicit ({name} = {base}.copy()), or write through '{base}' only")


def read_at_top(name: str, body: list[ast.stmt], test: ast.expr | None = None) -> bool:
    """Whether running `body` (after `test`) may read `name` before binding it anew."""
    if test is not None and _loads(name, test):
        return True
    for stmt in body:
        if isinstance(stmt, (ast.For, ast.While, ast.If)):  # their blocks may run or not
            head = stmt.iter if isinstance(stmt, ast.For) else stmt.test
            if _loads(name, head) or read_at_top(name, stmt.body) or read_at_top(name, stmt.orelse):
                return True
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
            if _loads(name, stmt.value):
                return True
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return False
        elif _loads(name, stmt):
            return True
    return False


def _loads(name: str, node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Store) for n in ast.walk(node)) \
        or any(isinstance(n, ast.AugAssign) and isinstance(n.target, ast.Name) and n.target.id == name
               for n in ast.walk(node))


def may_read_later(fdef: ast.FunctionDef, name: str, stmt: ast.AST) -> bool:
    """Whether `name` may be read after `stmt` runs: later in the source, or by the next iteration of
    a loop around `stmt` before that binds it anew."""
    end = (getattr(stmt, "end_lineno", 0) or 0, getattr(stmt, "end_col_offset", 0) or 0)
    for node in ast.walk(fdef):
        read = isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load)
        updated = isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name
        if (read or updated) and (node.lineno, node.col_offset) >= end:
            return True
    return any(read_at_top(name, loop.body, loop.test if isinstance(loop, ast.While) else None)
               for loop in ast.walk(fdef) if isinstance(loop, (ast.For, ast.While)) and _encloses(loop, stmt))


def _encloses(outer: ast.AST, inner: ast.AST) -> bool:
    start = (outer.lineno, outer.col_offset)  # type: ignore[attr-defined]
    stop = (outer.end_lineno, outer.end_col_offset)  # type: ignore[attr-defined]
    return start <= (inner.lineno, inner.col_offset) and (inner.end_lineno, inner.end_col_offset) <= stop  # type: ignore[attr-defined]
