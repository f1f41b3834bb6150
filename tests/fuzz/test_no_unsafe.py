"""Generated code has no `unsafe`: every module the tests compile (the corpus, the example package,
the fuzz regressions) is transpiled and its crate searched; each crate forbids unsafe code, so
rustc would refuse it anyway, and so does the runtime crate."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import CORPUS, EXAMPLE, ROOT
from pyrs_build.pipeline import transpile

UNSAFE = re.compile(r"(?<!r#)\bunsafe\b")  # r#unsafe is a Python name (tests/cases/names)
FORBID = "#![forbid(unsafe_code)]"


def _unsafe_lines(source: str) -> list[str]:
    return [line for line in source.splitlines() if UNSAFE.search(line.replace(FORBID, ""))]


def test_generated_crates_have_no_unsafe_and_forbid_it(tmp_path: Path) -> None:
    modules = [*CORPUS, EXAMPLE, *sorted((ROOT / "tests" / "fuzz" / "regressions").glob("*.py"))]
    runtime = tmp_path / "runtime"  # only named in Cargo.toml: transpiling needs no runtime copy
    for index, source in enumerate(modules):
        crate = tmp_path / f"crate{index}"
        transpile(source.stem, source, crate, runtime, None, "python", "python")
        generated = (crate / "src" / "lib.rs").read_text(encoding="utf-8")
        assert generated.startswith("//!") and FORBID in generated, source
        assert _unsafe_lines(generated) == [], source
    assert len(modules) >= 10


def test_runtime_crate_forbids_unsafe() -> None:
    runtime = ROOT / "pyrs_build" / "runtime" / "src"
    assert FORBID in (runtime / "lib.rs").read_text(encoding="utf-8")
    for path in runtime.rglob("*.rs"):
        assert _unsafe_lines(path.read_text(encoding="utf-8")) == [], path
