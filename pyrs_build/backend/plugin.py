"""The setuptools plugin (entry point `setuptools.finalize_distribution_options`): while a
pyrs-build backend call is running, the distribution has extension modules (a platform wheel) and
its `build_ext` copies the modules built by pyrs-build into the build directory. Outside such a
call it does nothing, so other setuptools builds are unaffected."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:
    from pyrs_build.backend.compile import BuiltModule

_ACTIVE: "ContextVar[tuple[list[BuiltModule], str] | None]" = ContextVar("pyrs_build_modules", default=None)


@contextmanager
def modules_for_build(modules: "list[BuiltModule]") -> Iterator[None]:
    """While active, setuptools builds in a directory of its own (not the project's `build/`):
    two builds of one checkout at once do not trip over each other, and no stale file of an
    earlier build can end up in the wheel."""
    with tempfile.TemporaryDirectory(prefix="pyrs-build-setuptools-") as scratch:
        token = _ACTIVE.set((modules, scratch))
        try:
            yield
        finally:
            _ACTIVE.reset(token)


def finalize_distribution_options(dist: Any) -> None:
    active = _ACTIVE.get()
    if not active:
        return
    from setuptools.command.build_ext import build_ext

    modules, scratch = active
    dist.command_options.setdefault("build", {})["build_base"] = ("pyrs-build", os.path.join(scratch, "build"))
    dist.command_options.setdefault("egg_info", {})["egg_base"] = ("pyrs-build", scratch)
    dist.has_ext_modules = lambda: True
    dist.cmdclass["build_ext"] = _copying_build_ext(dist.cmdclass.get("build_ext", build_ext), modules)


def _copying_build_ext(base: type, modules: "list[BuiltModule]") -> type:
    class build_ext(base):  # type: ignore[valid-type,misc]
        """setuptools' build_ext, then our already built modules copied where extensions go.
        Editable installs load them from the cache through the import hook instead."""

        def run(self) -> None:
            super().run()
            if getattr(self, "editable_mode", False):
                return
            for module in modules:
                destination = _destination(self, module)
                os.makedirs(os.path.dirname(destination), exist_ok=True)
                shutil.copyfile(module.library, destination)
                os.chmod(destination, 0o755)  # same mode whatever the umask: reproducible wheels

        def get_outputs(self) -> list[str]:
            if getattr(self, "editable_mode", False):
                return list(super().get_outputs())
            return list(super().get_outputs()) + [_destination(self, m) for m in modules]

    return build_ext


def _destination(command: Any, module: "BuiltModule") -> str:
    """Where build_ext puts the extension, under the built library's own name (which knows about
    abi3 and cross-building)."""
    return os.path.join(os.path.dirname(command.get_ext_fullpath(module.name)), module.library.name)
