"""`pyrs-build verify` on a real compiled module: agreement is reported as such, and a source that
no longer matches the compiled code is caught with a minimal example."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from compiler.harness import compile_and_import
from pyrs_build.verify.run import verify

SOURCE = '''\
def affine(x: float, n: int) -> float:
    if n > 3:
        return x * n - 1.0
    return x + n
'''


@pytest.fixture()
def compiled_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    source = tmp_path / "src" / "verified_mod.py"
    source.parent.mkdir()
    source.write_text(SOURCE)
    workdir = tmp_path / "site"
    compile_and_import(source, workdir)
    monkeypatch.syspath_prepend(str(workdir))
    return workdir / "verified_mod.py"


def test_verify_reports_agreement(compiled_module: Path) -> None:
    assert verify("verified_mod", examples=100, seed=1, ulps=0) == []


def test_verify_finds_a_disagreement(compiled_module: Path) -> None:
    compiled_module.write_text(SOURCE.replace("x * n - 1.0", "x * n - 2.0"))  # the source changed, not the build
    (found,) = verify("verified_mod", examples=100, seed=1, ulps=0)
    assert found.function == "affine"
    assert "-1.0 != original -2.0" in found.report  # the values that differ
    assert "args=(0.0, 4)" in found.report  # Hypothesis' minimal example: the branch n > 3, x = 0


def test_verify_command_exits_1_on_disagreement(compiled_module: Path) -> None:
    compiled_module.write_text(SOURCE.replace("return x + n", "return x - n"))
    done = subprocess.run([sys.executable, "-m", "pyrs_build", "verify", "verified_mod", "--examples", "50"],
                          capture_output=True, text=True, env={"PYTHONPATH": f"{compiled_module.parent}:"
                                                               f"{Path(__file__).resolve().parents[2]}"})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "verified_mod.affine: compiled and original disagree" in done.stdout
