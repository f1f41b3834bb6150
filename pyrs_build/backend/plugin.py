"""The setuptools plugin (entry point `setuptools.finalize_distribution_options`): while a
pyrs-build backend call is running, it hands that build's Rust extensions to setuptools-rust.
Outside such a call it does nothing, so other setuptools builds are unaffected."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterator

_ACTIVE: "ContextVar[list[Any] | None]" = ContextVar("pyrs_build_extensions", default=None)


@contextmanager
def extensions_for_build(extensions: list[Any]) -> Iterator[None]:
    token = _ACTIVE.set(extensions)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def finalize_distribution_options(dist: Any) -> None:
    extensions = _ACTIVE.get()
    if not extensions:
        return
    from setuptools_rust.setuptools_ext import rust_extensions

    existing = list(getattr(dist, "rust_extensions", None) or [])
    dist.rust_extensions = existing + list(extensions)
    rust_extensions(dist, "rust_extensions", dist.rust_extensions)
