"""Rust code generation: typed IR -> a Cargo crate whose names follow the Python names."""

from pyrs_build.rustgen.crate import write_crate

__all__ = ["write_crate"]
