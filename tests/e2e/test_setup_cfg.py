"""A package whose metadata lives in setup.cfg (and a plain `setup()` setup.py) switches to
pyrs-build by adding only a pyproject.toml with [build-system] and [tool.pyrs-build]."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import Venv

pytestmark = pytest.mark.slow

SETUP_CFG = """\
[metadata]
name = e2e-legacy
version = 1.2.3
description = metadata from setup.cfg

[options]
packages = find:
install_requires = numpy
"""

SETUP_PY = "from setuptools import setup\n\nsetup()\n"

# the documented change: this file, nothing else
PYPROJECT = """\
[build-system]
requires = ["pyrs-build"]
build-backend = "pyrs_build"

[tool.pyrs-build]
modules = ["e2e_legacy.kernels"]
on-unsupported = "python"
"""

KERNELS = '''\
def poly(x, a, b):
    return a * x * x + b


def label(x):
    return "big" if x > 1 else "small"
'''

STUB = "def poly(x: float, a: float, b: float) -> float: ...\n"


def test_setup_cfg_package_builds_with_only_a_pyproject_added(venv: Venv, tmp_path: Path) -> None:
    root = tmp_path / "legacy"
    (root / "e2e_legacy").mkdir(parents=True)
    (root / "setup.cfg").write_text(SETUP_CFG)
    (root / "setup.py").write_text(SETUP_PY)
    (root / "pyproject.toml").write_text(PYPROJECT)
    (root / "e2e_legacy" / "__init__.py").write_text("")
    (root / "e2e_legacy" / "kernels.py").write_text(KERNELS)
    (root / "e2e_legacy" / "kernels.pyi").write_text(STUB)
    done = venv.pip_install(root)
    assert done.returncode == 0, done.stdout
    report = venv.json(textwrap.dedent("""\
        import importlib.metadata
        from e2e_legacy import kernels
        emit({"version": importlib.metadata.version("e2e-legacy"),
              "summary": importlib.metadata.metadata("e2e-legacy")["Summary"],
              "file": kernels.__file__.rsplit("/", 1)[-1],
              "compiled": list(kernels.__pyrs_build__["compiled"]),
              "poly": kernels.poly(2.0, 3.0, 1.0), "label": kernels.label(2.0)})
        """))
    assert report["version"] == "1.2.3" and report["summary"] == "metadata from setup.cfg"  # type: ignore[index]
    assert report["file"].endswith(".so") and report["compiled"] == ["poly"]  # type: ignore[index]
    assert (report["poly"], report["label"]) == (13.0, "big")  # type: ignore[index]
