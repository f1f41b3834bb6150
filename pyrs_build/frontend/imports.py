"""Module-level imports: which local name means which qualified name ('np' -> 'numpy')."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field


@dataclass
class ImportTable:
    names: dict[str, str] = field(default_factory=dict)

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
        return table

    def qualified(self, node: ast.expr) -> str | None:
        """'np.exp' -> 'numpy.exp' when `np` is an imported module; None for anything else."""
        if isinstance(node, ast.Name):
            return self.names.get(node.id)
        if isinstance(node, ast.Attribute):
            base = self.qualified(node.value)
            return f"{base}.{node.attr}" if base else None
        return None
