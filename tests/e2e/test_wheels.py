"""Release wheels of the example, built for real: the x86_64 (this machine's) wheel with pip, its
tags, its extension's ELF header and auditwheel's verdict; the abi3 wheel; and, opt-in
(PYRS_TEST_ARM=1, 5-15 minutes), the aarch64 wheel cross-built by hooks/cross-build and tested on
an emulated arm64 Debian by hooks/arm-test."""

from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import Venv
from e2e_support import EXAMPLE, REPO

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(sys.platform != "linux", reason="manylinux wheels are built on Linux")]
TOOLS = Path(sys.executable).parent  # auditwheel, abi3audit: from the test extras
ELF_MACHINE = {"x86_64": 62, "aarch64": 183}


def elf_machine(data: bytes) -> int:
    """e_machine from an ELF header, read here independently of the backend's own check."""
    assert data[:4] == b"\x7fELF", "not an ELF file"
    return int.from_bytes(data[18:20], "little" if data[5] == 1 else "big")


def extensions(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name.endswith(".so")}


def run_tool(name: str, *args: object) -> subprocess.CompletedProcess[str]:
    command = [str(TOOLS / name), *map(str, args)]
    env = {**os.environ, "PATH": f"{TOOLS}{os.pathsep}{os.environ.get('PATH', '')}"}  # auditwheel runs patchelf
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)


def build_example(venv: Venv, tmp_path: Path, extra_settings: str = "") -> Path:
    """`pip wheel` of a copy of example_pkg (pip builds in the tree: no build/ leaks between builds)."""
    project = tmp_path / "example"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    if extra_settings:
        pyproject = project / "pyproject.toml"
        pyproject.write_text(pyproject.read_text().replace("[tool.pyrs-build]\n", f"[tool.pyrs-build]\n{extra_settings}\n"))
    out = tmp_path / "out"
    done = venv.pip_run("wheel", "--no-deps", "--no-cache-dir", project, "-w", out)
    assert done.returncode == 0, done.stdout[-4000:]
    wheels = list(out.glob("pyrs_example-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def venv_python_tag(venv: Venv) -> str:
    done = venv.run_in_venv("import sys; print('cp%d%d' % sys.version_info[:2])")
    return done.stdout.split()[-1]


def repair(wheel: Path, out: Path) -> Path:
    done = run_tool("auditwheel", "repair", "-w", out, wheel)
    assert done.returncode == 0, done.stdout + done.stderr
    repaired = list(out.glob("*.whl"))
    assert len(repaired) == 1, repaired
    return repaired[0]


def install_and_price(venv: Venv, wheel: Path) -> str:
    """Install `wheel` into the venv; the imported module's file name, after a Hull-example check."""
    done = venv.pip_run("install", "--force-reinstall", "--no-deps", wheel)
    assert done.returncode == 0, done.stdout
    done = venv.run_in_venv(
        "import example_pkg.black_scholes as m\n"
        "call, put = m.black_scholes_scalar(42.0, 40.0, 0.5, 0.10, 0.20)\n"
        "assert abs(call - 4.76) < 0.005 and abs(put - 0.81) < 0.005, (call, put)\n"
        "print(m.__file__)")
    assert done.returncode == 0, done.stdout
    return Path(done.stdout.split()[-1]).name


def test_wheel_for_this_machine_and_python_passes_auditwheel(venv: Venv, tmp_path: Path) -> None:
    machine = platform.machine()
    wheel = build_example(venv, tmp_path)
    python = venv_python_tag(venv)
    assert wheel.name == f"pyrs_example-0.1.0-{python}-{python}-linux_{machine}.whl"
    built = extensions(wheel)
    assert sorted(built) == [f"example_pkg/{m}{venv.ext_suffix}" for m in ("black_scholes", "trajectory")]
    assert {elf_machine(data) for data in built.values()} == {ELF_MACHINE[machine]}

    shown = run_tool("auditwheel", "show", wheel)
    assert shown.returncode == 0, shown.stderr
    policy = re.search(r'platform tag:\s+"(manylinux_2_\d+_' + machine + ')"', shown.stdout)
    assert policy, shown.stdout
    repaired = repair(wheel, tmp_path / "repaired")
    assert repaired.name.startswith(f"pyrs_example-0.1.0-{python}-{python}-manylinux_2_")
    assert repaired.name.endswith(f"_{machine}.whl")
    assert [elf_machine(d) for d in extensions(repaired).values()] == [ELF_MACHINE[machine]] * 2
    assert install_and_price(venv, repaired) == f"black_scholes{venv.ext_suffix}"


def test_abi3_wheel_uses_only_the_stable_abi(venv: Venv, tmp_path: Path) -> None:
    machine = platform.machine()
    wheel = build_example(venv, tmp_path, "abi3 = true")
    assert wheel.name == f"pyrs_example-0.1.0-cp39-abi3-linux_{machine}.whl"
    assert sorted(extensions(wheel)) == ["example_pkg/black_scholes.abi3.so", "example_pkg/trajectory.abi3.so"]
    audit = run_tool("abi3audit", "--strict", "--report", wheel)
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert '"non_abi3_symbols": []' in audit.stdout and '"computed": "3.9"' in audit.stdout
    repaired = repair(wheel, tmp_path / "repaired")
    assert re.fullmatch(rf"pyrs_example-0\.1\.0-cp39-abi3-manylinux_2_\d+_{machine}\.whl", repaired.name)
    assert install_and_price(venv, repaired) == "black_scholes.abi3.so"


@pytest.mark.skipif(os.environ.get("PYRS_TEST_ARM") != "1", reason="opt-in: PYRS_TEST_ARM=1 (5-15 minutes)")
def test_aarch64_wheel_cross_built_and_tested_under_emulation() -> None:
    done = subprocess.run([str(REPO / "hooks" / "arm-test")], cwd=REPO, capture_output=True, text=True,
                          timeout=3600)
    assert done.returncode == 0, done.stdout + done.stderr[-4000:]
    report = done.stdout
    assert re.search(r"^aarch64 3\.\d+\.\d+ numpy ", report, flags=re.M), report
    assert re.search(r"^\d+ passed", report, flags=re.M) and "failed" not in report, report
    assert re.search(r"max relative difference .* OK$", report, flags=re.M), report
    wheel = REPO / "wheels" / re.search(r"Wheel: `([^`]+)`", report).group(1)
    assert re.fullmatch(r"pyrs_example-0\.1\.0-(cp3\d+)-\1-manylinux_2_\d+_aarch64\.whl", wheel.name), wheel.name
    assert [elf_machine(d) for d in extensions(wheel).values()] == [ELF_MACHINE["aarch64"]]
