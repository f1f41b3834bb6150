"""pyrs-build: a PEP 517 build backend that compiles type-annotated Python/NumPy modules to Rust.

In a package's pyproject.toml: `build-backend = "pyrs_build"` and `[tool.pyrs-build] modules = [...]`.
This module only exposes the PEP 517/660 hooks; the work is in `pyrs_build.backend`.
"""

from pyrs_build._version import __version__

from pyrs_build.backend.hooks import (  # noqa: E402
    build_editable,
    build_sdist,
    build_wheel,
    get_requires_for_build_editable,
    get_requires_for_build_sdist,
    get_requires_for_build_wheel,
    prepare_metadata_for_build_editable,
    prepare_metadata_for_build_wheel,
)

__all__ = [
    "build_editable",
    "build_sdist",
    "build_wheel",
    "get_requires_for_build_editable",
    "get_requires_for_build_sdist",
    "get_requires_for_build_wheel",
    "prepare_metadata_for_build_editable",
    "prepare_metadata_for_build_wheel",
]
