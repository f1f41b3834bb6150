"""Turn the configured modules of a project into generated crates and setuptools-rust extensions."""

from __future__ import annotations

import sys
from pathlib import Path

from pyrs_build.backend.locate import locate_modules
from pyrs_build.cargo import cache
from pyrs_build.cargo.build import cargo_env
from pyrs_build.cargo.toolchain import cargo_binary, rustc_version
from pyrs_build.diagnostics import DiagnosticError
from pyrs_build.pipeline import transpile
from pyrs_build.settings import load_settings


def log(message: str) -> None:
    print(f"pyrs-build: {message}", file=sys.stderr, flush=True)


def prepare_extensions(project_dir: Path) -> list[object]:
    """Transpile every listed module; the RustExtension objects for setuptools-rust."""
    from setuptools_rust import Binding, RustExtension

    settings = load_settings(project_dir)
    cargo = cargo_binary()
    rustc_version(cargo)  # fails early with install help when the toolchain is broken
    text = (project_dir / "pyproject.toml").read_text(encoding="utf-8")
    sources = locate_modules(project_dir, settings.modules, text)
    root = cache.cache_root(settings.cache_dir)
    runtime = cache.runtime_dir(root)
    env = cargo_env(cache.target_dir(root))
    extensions, problems = [], []
    for source in sources:
        crate = cache.crate_dir(root, source.name, project_dir)
        try:
            own = settings.for_module(source.name)  # [[tool.pyrs-build.module]] overrides
            module = transpile(source.name, source.path, crate, runtime, source.stub, own.on_type_mismatch,
                               own.on_unsupported)
        except DiagnosticError as exc:
            problems += exc.diagnostics
            continue
        compiled = sum(f.exported for f in module.functions)
        log(f"{source.name}: {compiled} function(s) compiled to Rust ({crate})")
        for name, reason in module.kept_in_python.items():
            log(f"{source.name}: '{name}' stays Python: {reason.message} ({reason.path}:{reason.line})")
        extensions.append(RustExtension(source.name, path=str(crate / "Cargo.toml"), binding=Binding.PyO3,
                                        debug=settings.profile == "dev", env=env))
    if problems:
        raise DiagnosticError(problems)
    return extensions

