"""Other frontends than ``pip install``: ``python -m build`` (sdist and wheel), ``pip wheel``,
and editable installs (PEP 660)."""

from __future__ import annotations

import tarfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from e2e_support import write_project

if TYPE_CHECKING:
    from conftest import Venv

pytestmark = pytest.mark.slow

SOURCE = '''\
"""Compiled by pyrs-build in the frontend tests."""

import math

import numpy as np
from numpy.typing import NDArray

GAIN = 1.5


def gain(x: float, bias: float = 0.25) -> float:
    """GAIN * x + bias."""
    return GAIN * x + bias


def rms2(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.sqrt((x * x + y * y) / 2.0)


def typed_by_stub(a, b):
    return math.sqrt(a * a + b * b)
'''

STUB = '''\
import numpy as np
from numpy.typing import NDArray

def gain(x: float, bias: float = ...) -> float: ...
def rms2(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.float64]: ...
def typed_by_stub(a: float, b: float) -> float: ...
'''

CHECK = '''
import {module} as compiled
original = load_original({module!r})
calls = ["gain(2.0)", "gain(-0.0, bias=-0.0)", "gain(2)", "rms2(np.arange(5.0), np.linspace(-1.0, 1.0, 5))",
         "rms2(np.ones((2, 3)), np.arange(3.0))", "typed_by_stub(3.0, 4.0)", "typed_by_stub(3, 4)"]
emit({{"file": compiled.__file__, "ext": sysconfig.get_config_var("EXT_SUFFIX"),
       "compiled": list(getattr(compiled, "__pyrs_build__", {{}}).get("compiled", [])),
       "loader": type(compiled.__loader__).__name__,
       "results": [run_calls(compiled, calls), run_calls(original, calls)],
       "gain": compiled.gain(2.0)}})
'''


def _project(root: Path, dist: str, package: str, layout: str = "flat") -> Path:
    return write_project(root, dist, package, {"fast.py": SOURCE, "fast.pyi": STUB}, layout=layout,
                         modules=[f"{package}.fast"])


def _check_installed(venv: Venv, module: str) -> dict:
    report = venv.json(CHECK.format(module=module))
    assert report["results"][0] == report["results"][1], report["results"]
    assert report["gain"] == 3.25
    return report  # type: ignore[return-value]


def _wheel_names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_python_m_build_sdist_and_wheel(venv_with_build: Venv, tmp_path: Path) -> None:
    venv = venv_with_build
    project = _project(tmp_path / "project", "e2e-fe-build", "e2e_fe_build", layout="src")
    out = tmp_path / "out"
    done = venv.python_run("-m", "build", "--sdist", "--wheel", "--outdir", out, project)
    print(done.stdout)
    assert done.returncode == 0, done.stdout
    wheels, sdists = list(out.glob("*.whl")), list(out.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, sorted(p.name for p in out.iterdir())
    assert not wheels[0].name.endswith("-none-any.whl"), wheels[0].name  # a platform wheel
    names = _wheel_names(wheels[0])
    assert f"e2e_fe_build/fast{venv.ext_suffix}" in names, names
    assert "e2e_fe_build/fast.py" in names, names
    with tarfile.open(sdists[0]) as archive:
        members = [m.split("/", 1)[1] for m in archive.getnames() if "/" in m]
    for needed in ("pyproject.toml", "src/e2e_fe_build/fast.py", "src/e2e_fe_build/fast.pyi"):
        assert needed in members, members
    assert not any(m.endswith(venv.ext_suffix) for m in members), members  # an sdist ships no binaries
    done = venv.pip_run("install", "--no-deps", "--force-reinstall", wheels[0])
    assert done.returncode == 0, done.stdout
    report = _check_installed(venv, "e2e_fe_build.fast")
    assert report["file"].endswith(report["ext"])


def test_python_m_build_wheel_from_its_sdist(venv_with_build: Venv, tmp_path: Path) -> None:
    """Default `python -m build`: the wheel is built from the unpacked sdist (stub included)."""
    venv = venv_with_build
    project = _project(tmp_path / "project", "e2e-fe-sdist", "e2e_fe_sdist")
    out = tmp_path / "out"
    done = venv.python_run("-m", "build", "--outdir", out, project)
    print(done.stdout)
    assert done.returncode == 0, done.stdout
    wheels = list(out.glob("*.whl"))
    assert len(wheels) == 1 and len(list(out.glob("*.tar.gz"))) == 1
    names = _wheel_names(wheels[0])
    assert f"e2e_fe_sdist/fast{venv.ext_suffix}" in names and "e2e_fe_sdist/fast.py" in names, names


def test_pip_wheel(venv: Venv, tmp_path: Path) -> None:
    project = _project(tmp_path / "project", "e2e-fe-pipwheel", "e2e_fe_pipwheel")
    out = tmp_path / "wheels"
    done = venv.pip_run("wheel", "--no-cache-dir", "--no-deps", "-w", out, project)
    print(done.stdout)
    assert done.returncode == 0, done.stdout
    wheels = list(out.glob("e2e_fe_pipwheel-*.whl"))
    assert len(wheels) == 1, sorted(p.name for p in out.iterdir())
    names = _wheel_names(wheels[0])
    assert f"e2e_fe_pipwheel/fast{venv.ext_suffix}" in names and "e2e_fe_pipwheel/fast.py" in names, names
    done = venv.pip_run("install", "--no-deps", "--force-reinstall", wheels[0])
    assert done.returncode == 0, done.stdout
    report = _check_installed(venv, "e2e_fe_pipwheel.fast")
    assert report["file"].endswith(report["ext"])
    assert sorted(report["compiled"]) == ["gain", "rms2", "typed_by_stub"]


def test_editable_install(venv: Venv, tmp_path: Path) -> None:
    project = _project(tmp_path / "project", "e2e-fe-editable", "e2e_fe_editable")
    done = venv.pip_install(project, editable=True)
    print(done.stdout)
    assert done.returncode == 0, done.stdout
    report = _check_installed(venv, "e2e_fe_editable.fast")
    file = Path(report["file"])
    print(f"editable install imports {file} ({report['loader']})")
    assert file.parent == project / "e2e_fe_editable", file  # served from the project, not site-packages
    if file.name.endswith(report["ext"]):
        assert report["loader"] == "ExtensionFileLoader"
        assert sorted(report["compiled"]) == ["gain", "rms2", "typed_by_stub"]
    else:
        assert file.name == "fast.py" and report["compiled"] == []
