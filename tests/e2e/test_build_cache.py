"""The shared build cache must never hand one project's extension to another."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from e2e_support import write_project

if TYPE_CHECKING:
    from conftest import Venv

pytestmark = pytest.mark.slow

VERSION_A = '''\
def alpha(x: float) -> float:
    """Only in project A."""
    return x + 1.0
'''

VERSION_B = '''\
def beta(x: float) -> float:
    """Only in project B."""
    return x * 2.0
'''


def _wheel_then_compiled_names(venv: Venv, project: Path, out: Path) -> list[str]:
    """`pip wheel` the project, install that wheel, return the module's compiled function names."""
    done = venv.pip_run("wheel", "--no-cache-dir", "--no-deps", "-w", out, project)
    assert done.returncode == 0, done.stdout
    (wheel,) = out.glob("*.whl")
    done = venv.pip_run("uninstall", "-y", "e2e-dup-a", "e2e-dup-b")
    assert done.returncode == 0, done.stdout
    done = venv.pip_run("install", "--no-deps", "--force-reinstall", wheel)
    assert done.returncode == 0, done.stdout
    report = venv.json("import e2e_dup.fast as m\nemit(list(m.__pyrs_build__['compiled']))")
    return report  # type: ignore[return-value]


def test_two_projects_with_the_same_module_name(venv: Venv, tmp_path: Path) -> None:
    """Two checkouts (say, two branches) of a project: same module name, different code."""
    project_a = write_project(tmp_path / "a", "e2e-dup-a", "e2e_dup", {"fast.py": VERSION_A})
    project_b = write_project(tmp_path / "b", "e2e-dup-b", "e2e_dup", {"fast.py": VERSION_B})
    seen = [
        _wheel_then_compiled_names(venv, project_a, tmp_path / "wheel-a1"),
        _wheel_then_compiled_names(venv, project_b, tmp_path / "wheel-b"),
        _wheel_then_compiled_names(venv, project_a, tmp_path / "wheel-a2"),  # A unchanged: cargo has it fresh
    ]
    assert seen == [["alpha"], ["beta"], ["alpha"]]
