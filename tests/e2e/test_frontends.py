"""Every front end: ``pip wheel``, ``python -m build`` (sdist, then the wheel from that sdist),
``uv build`` and ``uv pip install``, editable installs (PEP 660) with the rebuild-on-import hook,
and reproducible wheels.

The tests share one package name (``e2e_fe``) and module source, so the module is compiled once
and every other front end takes it from the content-keyed cache; each test reinstalls it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
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
original = load_original({module!r}, {original!r})
calls = ["gain(2.0)", "gain(-0.0, bias=-0.0)", "gain(2)", "rms2(np.arange(5.0), np.linspace(-1.0, 1.0, 5))",
         "rms2(np.ones((2, 3)), np.arange(3.0))", "typed_by_stub(3.0, 4.0)", "typed_by_stub(3, 4)"]
emit({{"file": compiled.__file__, "ext": sysconfig.get_config_var("EXT_SUFFIX"),
       "compiled": list(getattr(compiled, "__pyrs_build__", {{}}).get("compiled", [])),
       "loader": type(compiled.__loader__).__name__,
       "results": [run_calls(compiled, calls), run_calls(original, calls)],
       "gain": compiled.gain(2.0)}})
'''

PACKAGE, DIST, MODULE = "e2e_fe", "e2e-fe", "e2e_fe.fast"
SO_NAME = "e2e_fe/fast{ext}"


def _project(root: Path, layout: str = "flat", source: str = SOURCE) -> Path:
    return write_project(root, DIST, PACKAGE, {"fast.py": source, "fast.pyi": STUB}, layout=layout,
                         modules=[MODULE])


def _check_installed(venv: Venv, original: str | None = None, gain: float = 3.25) -> dict:
    report = venv.json(CHECK.format(module=MODULE, original=original))
    assert report["results"][0] == report["results"][1], report["results"]
    assert report["gain"] == gain
    return report  # type: ignore[return-value]


def _install_wheel_and_check(venv: Venv, wheel: Path) -> dict:
    names = _wheel_names(wheel)
    assert SO_NAME.format(ext=venv.ext_suffix) in names and "e2e_fe/fast.py" in names, names
    done = venv.pip_run("install", "--no-deps", "--force-reinstall", wheel)
    assert done.returncode == 0, done.stdout
    report = _check_installed(venv)
    assert report["file"].endswith(report["ext"]) and report["loader"] == "ExtensionFileLoader", report["file"]
    assert sorted(report["compiled"]) == ["gain", "rms2", "typed_by_stub"]
    return report


def _wheel_names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def _member(wheel: Path, name: str) -> bytes:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(name)


def _pip_wheel(venv: Venv, project: Path, out: Path, *options: str) -> tuple[Path, str]:
    """The wheel `pip wheel` built, and its output."""
    done = venv.pip_run("wheel", "--no-cache-dir", "--no-deps", *options, "-w", out, project)
    print(done.stdout)
    assert done.returncode == 0, done.stdout
    (wheel,) = out.glob(f"{PACKAGE}-*.whl")
    return wheel, done.stdout


def test_pip_wheel_quiet_and_verbose(venv: Venv, tmp_path: Path) -> None:
    """`pip wheel -q` prints nothing of the build; `-v` shows pyrs-build's progress."""
    project = _project(tmp_path / "project")
    done = venv.pip_run("wheel", "-q", "--no-cache-dir", "--no-deps", "-w", tmp_path / "quiet", project)
    assert done.returncode == 0, done.stdout
    assert "pyrs-build" not in done.stdout, done.stdout
    wheel, text = _pip_wheel(venv, project, tmp_path / "verbose", "-v")
    assert not wheel.name.endswith("-none-any.whl"), wheel.name  # a platform wheel
    assert f"pyrs-build: {MODULE}: 3 function(s) compiled to Rust" in text, text
    assert "module(s) ready in" in text, text
    _install_wheel_and_check(venv, wheel)


def test_python_m_build_wheel_from_its_sdist(venv_with_build: Venv, tmp_path: Path) -> None:
    """Default `python -m build`: sdist, then the wheel built from the unpacked sdist. The sdist has
    everything but crates.io dependencies; its wheel holds the same module as `pip wheel .`'s."""
    venv = venv_with_build
    project = _project(tmp_path / "project", layout="src")
    out = tmp_path / "out"
    done = venv.python_run("-m", "build", "--outdir", out, project, "-C", "pyrs-build.on-type-mismatch=python")
    print(done.stdout)
    assert done.returncode == 0, done.stdout
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    with tarfile.open(sdist) as archive:
        members = [m.split("/", 1)[1] for m in archive.getnames() if "/" in m]
    for needed in ("pyproject.toml", "src/e2e_fe/fast.py", "src/e2e_fe/fast.pyi", "src/e2e_fe/__init__.py"):
        assert needed in members, members
    assert not any(m.endswith((venv.ext_suffix, ".rs", "Cargo.toml")) for m in members), members  # no build output
    direct, _ = _pip_wheel(venv, project, tmp_path / "direct")
    so = SO_NAME.format(ext=venv.ext_suffix)
    assert _member(wheel, so) == _member(direct, so)
    _install_wheel_and_check(venv, wheel)


def test_config_settings_reach_the_backend(venv_with_build: Venv, tmp_path: Path) -> None:
    """`-C pyrs-build.<key>=...` is validated like the pyproject.toml key, through `python -m build`."""
    project = _project(tmp_path / "project")
    done = venv_with_build.python_run("-m", "build", "--wheel", "--outdir", tmp_path / "out", project,
                                      "-C", "pyrs-build.profile=fastest")
    assert done.returncode != 0, done.stdout
    assert "config setting pyrs-build.profile: expected one of 'release', 'dev', got 'fastest'" in done.stdout
    done = venv_with_build.python_run("-m", "build", "--wheel", "--outdir", tmp_path / "out", project,
                                      "-C", "pyrs-build.profle=dev")
    assert done.returncode != 0, done.stdout
    assert "unknown config setting 'pyrs-build.profle'" in done.stdout, done.stdout


def _uv() -> str:
    from uv import find_uv_bin

    return find_uv_bin()


def _run_uv(venv: Venv, *args: object, cache: Path) -> subprocess.CompletedProcess[str]:
    """uv with the backend's wheel directory as the only index (as pip gets in conftest)."""
    env = venv.pip_env({"UV_CACHE_DIR": str(cache), "UV_NO_INDEX": "1", "UV_FIND_LINKS": str(venv.dist),
                        "UV_PYTHON": str(venv.python), "UV_NO_CONFIG": "1"})
    return subprocess.run([_uv(), *map(str, args)], cwd=venv.neutral, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=900, check=False)


def test_uv_build_and_uv_pip_install(venv: Venv, tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    out = tmp_path / "out"
    done = _run_uv(venv, "build", "--out-dir", out, project, cache=tmp_path / "uv-cache")
    print(done.stdout)
    assert done.returncode == 0, done.stdout
    assert len(list(out.glob("*.tar.gz"))) == 1, sorted(p.name for p in out.iterdir())
    (wheel,) = out.glob("*.whl")
    _install_wheel_and_check(venv, wheel)
    done = venv.pip_run("uninstall", "-y", DIST)
    assert done.returncode == 0, done.stdout
    done = _run_uv(venv, "pip", "install", "--no-deps", "--reinstall", project, cache=tmp_path / "uv-cache")
    print(done.stdout)
    assert done.returncode == 0, done.stdout
    report = _check_installed(venv)
    assert report["file"].endswith(report["ext"]), report["file"]


EDITED = SOURCE.replace("return GAIN * x + bias", "return GAIN * x - bias")
BROKEN = SOURCE + '''

def refused(x: float) -> float:
    return (lambda y: y)(x)
'''


def test_editable_install_rebuilds_a_changed_module_on_import(venv: Venv, tmp_path: Path) -> None:
    """`pip install -e`: the compiled module is imported; after an edit, the next import rebuilds it
    (one line says so) and runs the new code compiled; a module that no longer compiles is imported
    from its Python source, with a warning."""
    project = _project(tmp_path / "project")
    source = project / PACKAGE / "fast.py"
    done = venv.pip_install(project, editable=True)
    print(done.stdout)
    assert done.returncode == 0, done.stdout
    report = _check_installed(venv, original=str(source))
    assert report["file"].endswith(report["ext"]) and sorted(report["compiled"]) == ["gain", "rms2", "typed_by_stub"]

    source.write_text(EDITED, encoding="utf-8")
    done = venv.run_in_venv(f"import {MODULE} as m; print('GAIN', m.gain(2.0), m.__file__, m.__pyrs_build__['compiled'])")
    print(done.stdout)
    assert done.returncode == 0, done.stdout
    assert f"pyrs-build: {MODULE} changed since it was built; rebuilding it" in done.stdout
    assert "GAIN 2.75 " in done.stdout and venv.ext_suffix in done.stdout, done.stdout
    report = _check_installed(venv, original=str(source), gain=2.75)  # unchanged now: no rebuild
    assert report["file"].endswith(report["ext"])

    source.write_text(BROKEN, encoding="utf-8")
    done = venv.run_in_venv(f"import {MODULE} as m; print('FILE', m.__file__, m.refused(1.5))")
    print(done.stdout)
    assert done.returncode == 0, done.stdout
    assert f"pyrs-build: building {MODULE} failed, importing its Python source instead" in done.stdout
    assert f"FILE {source} 1.5" in done.stdout, done.stdout


REPRO_SOURCE = '''\
def scaled(x: float, factor: float = 2.0) -> float:
    if x < 0.0:
        raise ValueError("negative input")
    return x * factor
'''


def test_reproducible_wheels(venv: Venv, tmp_path: Path) -> None:
    """With SOURCE_DATE_EPOCH set, two builds from two checkouts (at different paths, the second
    compiled again from scratch) give byte-identical wheels."""
    from pyrs_build.cargo.cache import cache_root

    env: dict[str, str | None] = {"SOURCE_DATE_EPOCH": "1700000000"}
    wheels = []
    for index in range(2):
        project = write_project(tmp_path / f"checkout{index}", "e2e-fe-repro", "e2e_fe_repro",
                                {"fast.py": REPRO_SOURCE})
        for entry in (cache_root() / "modules").glob("e2e_fe_repro.fast-*"):
            shutil.rmtree(entry)  # compile it again: no cached library
        done = venv.pip_run("wheel", "-v", "--no-cache-dir", "--no-deps", "-w", tmp_path / f"out{index}", project,
                            extra_env=env)
        assert done.returncode == 0, done.stdout
        assert "e2e_fe_repro.fast: compiling with cargo" in done.stdout, done.stdout
        (wheel,) = (tmp_path / f"out{index}").glob("*.whl")
        wheels.append(wheel.read_bytes())
    assert hashlib.sha256(wheels[0]).hexdigest() == hashlib.sha256(wheels[1]).hexdigest()
