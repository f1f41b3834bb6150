"""The build-time tag check and the cross-target settings, on real ELF files: NumPy's installed
extension modules (built for this machine) packed into wheels whose names claim other tags."""

from __future__ import annotations

import platform
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from pyrs_build.backend.wheel_tags import (WheelTagError, bdist_wheel_options, check_wheel, elf_machine,
                                           with_build_options)
from pyrs_build.cargo.target import cross_env
from pyrs_build.diagnostics import DiagnosticError
from pyrs_build.settings.model import Settings

pytestmark = pytest.mark.skipif(sys.platform != "linux" or platform.machine() not in ("x86_64", "aarch64"),
                                reason="ELF checks on Linux x86_64/aarch64")
HERE = platform.machine()
OTHER = "aarch64" if HERE == "x86_64" else "x86_64"
RUNNING = f"cp{sys.version_info.major}{sys.version_info.minor}"
NUMPY_EXTENSION = next(Path(np.__file__).parent.glob("_core/_multiarray_umath*.so"), None) or next(
    Path(np.__file__).parent.rglob("*.so"))


def make_wheel(directory: Path, tags: str, member: str) -> Path:
    """A wheel named `pkg-1.0-<tags>.whl` holding NumPy's extension as `member`."""
    wheel = directory / f"pkg-1.0-{tags}.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.write(NUMPY_EXTENSION, member)
    return wheel


def test_elf_machine_of_this_machine() -> None:
    assert elf_machine(NUMPY_EXTENSION.read_bytes()) == {"x86_64": 62, "aarch64": 183}[HERE]


def test_matching_wheel_passes(tmp_path: Path) -> None:
    version = RUNNING.removeprefix("cp")
    check_wheel(make_wheel(tmp_path, f"{RUNNING}-{RUNNING}-linux_{HERE}", f"pkg/m.cpython-{version}-{HERE}-linux-gnu.so"))
    check_wheel(make_wheel(tmp_path, f"{RUNNING}-{RUNNING}-manylinux_2_28_{HERE}", "pkg/m.so"))
    check_wheel(make_wheel(tmp_path, f"cp39-abi3-linux_{HERE}", "pkg/m.abi3.so"))


def test_extension_for_another_machine_is_refused(tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path, f"{RUNNING}-{RUNNING}-linux_{OTHER}", "pkg/m.so")
    with pytest.raises(WheelTagError, match=f"built for {HERE}, but the wheel is tagged {OTHER}"):
        check_wheel(wheel)


def test_wheel_for_another_python_is_refused(tmp_path: Path) -> None:
    other = "cp312" if RUNNING != "cp312" else "cp311"
    with pytest.raises(WheelTagError, match=f"tagged {other}, but was built by {RUNNING}"):
        check_wheel(make_wheel(tmp_path, f"{other}-{other}-linux_{HERE}", "pkg/m.so"))
    version = other.removeprefix("cp")
    with pytest.raises(WheelTagError, match="named for another Python"):
        check_wheel(make_wheel(tmp_path, f"{RUNNING}-{RUNNING}-linux_{HERE}", f"pkg/m.cpython-{version}-{HERE}-linux-gnu.so"))


def test_version_specific_extension_in_an_abi3_wheel_is_refused(tmp_path: Path) -> None:
    wheel = make_wheel(tmp_path, f"cp39-abi3-linux_{HERE}", f"pkg/m.cpython-311-{HERE}-linux-gnu.so")
    with pytest.raises(WheelTagError, match="not a limited-API"):
        check_wheel(wheel)


def test_cross_target_tags_the_wheel_for_the_target(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CARGO_BUILD_TARGET", f"{OTHER}-unknown-linux-gnu")
    assert bdist_wheel_options(Settings(modules=("m",))) == [f"--plat-name=linux_{OTHER}"]
    assert bdist_wheel_options(Settings(modules=("m",), abi3=True)) == [f"--plat-name=linux_{OTHER}",
                                                                          "--py-limited-api=cp39"]
    monkeypatch.setenv("CARGO_BUILD_TARGET", f"{HERE}-unknown-linux-gnu")
    assert bdist_wheel_options(Settings(modules=("m",))) == []


def test_build_options_are_added_to_the_callers() -> None:
    assert with_build_options(None, []) is None
    assert with_build_options({"--build-option": "--a"}, ["--b"]) == {"--build-option": ["--a", "--b"]}


def test_cross_build_configures_pyo3_for_the_running_python() -> None:
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    target = {"CARGO_BUILD_TARGET": f"{OTHER}-unknown-linux-gnu"}
    assert cross_env(target) == {"PYO3_CROSS_PYTHON_VERSION": running}
    assert cross_env({"CARGO_BUILD_TARGET": f"{HERE}-unknown-linux-gnu"}) == {}
    with pytest.raises(DiagnosticError, match="tagged for the Python running it"):
        cross_env({**target, "PYO3_CROSS_PYTHON_VERSION": "3.8"})
    with pytest.raises(DiagnosticError, match="Linux targets only"):
        cross_env({"CARGO_BUILD_TARGET": "x86_64-pc-windows-msvc"})
