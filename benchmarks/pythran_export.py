"""The Pythran variant of a kernel: the function (and the module-level constants and functions it uses)
from the same source, annotations dropped, with a `#pythran export` line."""

from __future__ import annotations

import ast
from pathlib import Path

from kernels import Kernel

_TYPING_MODULES = ("typing", "numpy.typing", "__future__")


def write_pythran_module(kernel: Kernel, out: Path) -> Path:
    tree = ast.parse(kernel.source.read_text())
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    wanted = _reachable(kernel.function, functions)
    # names read once annotations are dropped: a type alias (`Path = np.ndarray[...]`) only annotations
    # read goes with them (Pythran cannot compile `np.dtype[...]`)
    stripped = [_without_annotations(functions[name]) for name in sorted(wanted)]
    used = {n.id for f in stripped for n in ast.walk(f) if isinstance(n, ast.Name)}
    body: list[ast.stmt] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module in _TYPING_MODULES:
            continue
        if isinstance(node, ast.Import) and any(a.name in _TYPING_MODULES for a in node.names):
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            body.append(node)
        elif isinstance(node, ast.Assign) and _assigned(node) & used:
            # only the constants the kernel reads: Pythran types every global, and a table such as a
            # case file's PYRS_TEST (a dict of mixed values) has no C++ type (g++ template errors)
            body.append(node)
        elif isinstance(node, ast.FunctionDef) and node.name in wanted:
            body.append(node)
    module = ast.Module(body=body, type_ignores=[])
    path = out / f"pythran_{kernel.name}.py"
    path.write_text(f"#pythran export {kernel.pythran}\n" + ast.unparse(ast.fix_missing_locations(module)) + "\n")
    return path


def _assigned(node: ast.Assign) -> set[str]:
    return {n.id for target in node.targets for n in ast.walk(target) if isinstance(n, ast.Name)}


def _reachable(name: str, functions: dict[str, ast.FunctionDef]) -> set[str]:
    seen, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in seen or current not in functions:
            continue
        seen.add(current)
        todo += [n.id for n in ast.walk(functions[current]) if isinstance(n, ast.Name)]
    return seen


def _without_annotations(function: ast.FunctionDef) -> ast.FunctionDef:
    for arg in function.args.args + function.args.kwonlyargs + function.args.posonlyargs:
        arg.annotation = None
    function.returns = None
    for node in ast.walk(function):
        for field, value in ast.iter_fields(node):
            if isinstance(value, list):
                setattr(node, field, [_plain_assign(v) for v in value])
    return function


def _plain_assign(node: object) -> object:
    if isinstance(node, ast.AnnAssign) and node.value is not None:
        return ast.copy_location(ast.Assign(targets=[node.target], value=node.value), node)
    return node
