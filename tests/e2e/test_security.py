"""Building is safe: the backend reads the modules' source and never imports or runs it, a project
in a directory with spaces and non-ASCII characters builds, and the build writes nothing outside
the project's build directories, the pyrs-build cache and cargo's home (HOME and TMPDIR are fresh,
empty directories during the build and must stay empty)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from e2e_support import write_project
from pyrs_build.cargo import cache

if TYPE_CHECKING:
    from conftest import Venv

pytestmark = pytest.mark.slow

PROBE = '''\
import os

if os.environ.get("PYRS_SECURITY_PROBE"):  # set during the build only: running the module there is a bug
    with open(os.environ["PYRS_SECURITY_PROBE"], "w") as marker:
        marker.write("the module was executed by the build")
    raise SystemExit("the module was executed by the build")


def shifted(x: float) -> float:
    return x + 1.0
'''


def _files(root: Path) -> set[Path]:
    return {p.relative_to(root) for p in root.rglob("*") if p.is_file()}


def test_build_runs_no_module_code_and_writes_only_its_own_directories(venv: Venv, tmp_path: Path) -> None:
    project = write_project(tmp_path / "my project ü π", "e2e-secure", "e2e_secure", {"probe.py": PROBE})
    home, temp, marker = tmp_path / "home", tmp_path / "tmp", tmp_path / "executed"
    home.mkdir()
    temp.mkdir()
    before = _files(project)
    real_home = Path.home()
    done = venv.pip_install(project, extra_env={
        "HOME": str(home), "TMPDIR": str(temp), "PYRS_SECURITY_PROBE": str(marker),
        "PYRS_BUILD_CACHE_DIR": str(cache.cache_root()),  # the shared cache (a cold one builds PyO3 for minutes)
        "CARGO_HOME": os.environ.get("CARGO_HOME", str(real_home / ".cargo")),
        "RUSTUP_HOME": os.environ.get("RUSTUP_HOME", str(real_home / ".rustup")),
        "PATH": os.pathsep.join([str(real_home / ".cargo" / "bin"), os.environ.get("PATH", "")])})
    assert done.returncode == 0, done.stdout
    assert not marker.exists(), "the build executed the module"
    assert sorted(p for p in home.rglob("*")) == [], "the build wrote into HOME"
    assert sorted(p for p in temp.rglob("*")) == [], "the build left files in TMPDIR"
    new = _files(project) - before
    outside = [p for p in new if p.parts[0] != "build" and not p.parts[0].endswith(".egg-info")]
    assert outside == [], f"the build wrote into the project outside build/ and *.egg-info: {outside}"
    # installed: the compiled module, whose top level runs at import as in Python (no probe set now)
    report = venv.json("import e2e_secure.probe as m\n"
                       "emit([list(m.__pyrs_build__['compiled']), m.shifted(1.5), m.__file__.endswith('.py')])")
    assert report == [["shifted"], 2.5, False]
