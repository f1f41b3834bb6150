"""Module-level imports: which local name means which qualified name ('np' -> 'numpy')."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field


@dataclass
class ImportTable:
    names: dict[str, str] = field(default_factory=dict)
    # module-level type aliases (`Matrix = np.ndarray[tuple[int, int], np.dtype[np.float64]]`)
    aliases: dict[str, ast.expr] = field(default_factory=dict)

    @classmethod
    def from_module(cls, tree: ast.Module) -> "ImportTable":
        table = cls()
        for node in tree.body:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        table.names[alias.asname] = alias.name
                    else:  # `import numpy.typing` binds `numpy`
                        top = alias.name.split(".")[0]
                        table.names[top] = top
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    table.names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif _is_type_alias(node):
                table.aliases[node.targets[0].id] = node.value  # type: ignore[union-attr, attr-defined]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None \
                    and ast.unparse(node.annotation) in ("TypeAlias", "typing.TypeAlias"):
                table.aliases[node.target.id] = node.value
            elif type(node).__name__ == "TypeAlias":  # `type Matrix = ...` (3.12+)
                table.aliases[node.name.id] = node.value  # type: ignore[attr-defined]
        return table

    def qualified(self, node: ast.expr) -> str | None:
        """'np.exp' -> 'numpy.exp' when `np` is an imported module; None for anything else."""
        if isinstance(node, ast.Name):
            return self.names.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self.qualified(node.value)
            return f"{base}.{node.attr}" if base else None
        return None


def _is_type_alias(node: ast.stmt) -> bool:
    """`Name = something[...]`: a subscripted generic assigned once at module level."""
    return isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
        and isinstance(node.value, ast.Subscript)
