"""pyrs-build: a PEP 517 build backend that compiles type-annotated Python/NumPy modules to Rust.

In a package's pyproject.toml: `build-backend = "pyrs_build"` and `[tool.pyrs-build] modules = [...]`.
The PEP 517/660 hooks are attributes of this module, loaded on first use from
`pyrs_build.backend.hooks` (so the CLI does not import setuptools).
"""

from __future__ import annotations

from typing import Any

from pyrs_build._version import __version__

_HOOKS = (
    "build_editable",
    "build_sdist",
    "build_wheel",
    "get_requires_for_build_editable",
    "get_requires_for_build_sdist",
    "get_requires_for_build_wheel",
    "prepare_metadata_for_build_editable",
    "prepare_metadata_for_build_wheel",
)

__all__ = ["__version__", *_HOOKS]


def __getattr__(name: str) -> Any:
    if name in _HOOKS:
        from pyrs_build.backend import hooks

        return getattr(hooks, name)
    raise AttributeError(f"module 'pyrs_build' has no attribute {name!r}")
