"""The shared build cache: never one project's extension for another, concurrent builds, killed
builds, an unwritable cache dir."""

from __future__ import annotations

import os
import signal
import subprocess
import uuid
import zipfile
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


# ---- bad things that happen to builds -----------------------------------------------------------

FRESH_SOURCE = '''\
"""Compiled by the cache tests; run {run} (a new content key every run: nothing is cached)."""


def offset(x: float) -> float:
    return x + 0.5
'''


# more code for rustc to chew on, so the kill lands while it compiles
EXTRA_FUNCTION = '''

def series_{index}(n: int, x: float) -> float:
    total = 0.0
    for k in range(n):
        if k % 3 == 0:
            total += x ** 2 / (k + 1.0)
        else:
            total -= math.sqrt(abs(x) + k) * {index}.5
    return total
'''


def _fresh_project(root: Path, dist: str, package: str, extra_functions: int = 0) -> Path:
    source = FRESH_SOURCE.format(run=uuid.uuid4().hex)
    if extra_functions:
        source = "import math\n" + source + "".join(EXTRA_FUNCTION.format(index=i) for i in range(extra_functions))
    return write_project(root, dist, package, {"fast.py": source})


def _start_pip_wheel(venv: Venv, project: Path, out: Path) -> subprocess.Popen[str]:
    command = [str(venv.pip), "wheel", "-v", "--no-cache-dir", "--no-deps", "-w", str(out), str(project)]
    return subprocess.Popen(command, cwd=venv.neutral, env=venv.pip_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


def _installed_offset(venv: Venv, wheel: Path, package: str) -> object:
    done = venv.pip_run("install", "--no-deps", "--force-reinstall", wheel)
    assert done.returncode == 0, done.stdout
    return venv.json(f"import {package}.fast as m\nemit([m.offset(1.0), m.__file__.endswith(sysconfig.get_config_var"
                     f"('EXT_SUFFIX')), list(m.__pyrs_build__['compiled'])])")


def test_two_builds_at_once_share_the_cache_and_both_succeed(venv: Venv, tmp_path: Path) -> None:
    """Same package, two `pip wheel` at once: one compiles the module, the other waits for the
    entry's lock and takes the library from the cache. Both wheels hold the same library."""
    project = _fresh_project(tmp_path / "project", "e2e-conc", "e2e_conc")
    builds = [_start_pip_wheel(venv, project, tmp_path / f"out{i}") for i in range(2)]
    outputs = [b.communicate(timeout=900)[0] for b in builds]
    for build, output in zip(builds, outputs):
        assert build.returncode == 0, output
    joined = "\n".join(outputs)
    assert joined.count("e2e_conc.fast: compiling with cargo") == 1, joined
    assert joined.count("e2e_conc.fast: unchanged, built library taken from the cache") == 1, joined
    libraries = []
    for index in range(2):
        (wheel,) = (tmp_path / f"out{index}").glob("*.whl")
        with zipfile.ZipFile(wheel) as archive:
            libraries.append(archive.read(f"e2e_conc/fast{venv.ext_suffix}"))
    assert libraries[0] == libraries[1]
    assert _installed_offset(venv, wheel, "e2e_conc") == [1.5, True, ["offset"]]


def test_a_build_killed_halfway_leaves_a_cache_the_next_build_uses(venv: Venv, tmp_path: Path) -> None:
    """SIGKILL to the whole build (pip, the backend, cargo, rustc) while cargo compiles the module:
    no library is published; the next build compiles it and the module works."""
    from pyrs_build.cargo.cache import cache_root

    project = _fresh_project(tmp_path / "project", "e2e-killed", "e2e_killed", extra_functions=12)
    earlier = set((cache_root() / "modules").glob("e2e_killed.fast-*"))
    build = _start_pip_wheel(venv, project, tmp_path / "killed")
    seen = []
    for line in build.stdout or ():
        seen.append(line)
        if "cargo: compiling pyrs-e2e-killed-fast" in line:  # rustc is compiling the module's crate
            break
    os.killpg(build.pid, signal.SIGKILL)
    build.wait(timeout=60)
    assert any("cargo: compiling pyrs-e2e-killed-fast" in line for line in seen), "".join(seen)
    (entry,) = set((cache_root() / "modules").glob("e2e_killed.fast-*")) - earlier
    assert (entry / "src" / "lib.rs").is_file() and not list((entry / "built").glob("fast*")), entry
    rebuild = _start_pip_wheel(venv, project, tmp_path / "again")
    output = rebuild.communicate(timeout=900)[0]
    assert rebuild.returncode == 0, output
    (wheel,) = (tmp_path / "again").glob("*.whl")
    assert "e2e_killed.fast: compiled in" in output, output
    assert _installed_offset(venv, wheel, "e2e_killed")[:2] == [1.5, True]


@pytest.mark.skipif(not os.environ.get("PYRS_BUILD_E2E_SLOW"), reason="compiles the dependencies into a fresh "
                    "fallback cache (minutes); set PYRS_BUILD_E2E_SLOW=1 to run")
def test_unwritable_cache_dir_falls_back_to_a_temp_dir(venv: Venv, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("the cache dir cannot be created under a file (even by root)")
    project = _fresh_project(tmp_path / "project", "e2e-fallback", "e2e_fallback")
    done = venv.pip_run("wheel", "-v", "--no-cache-dir", "--no-deps", "-w", tmp_path / "out", project,
                        extra_env={"PYRS_BUILD_CACHE_DIR": str(blocker / "cache")})
    assert done.returncode == 0, done.stdout
    assert f"pyrs-build: warning: the build cache {blocker / 'cache'} is not writable" in done.stdout, done.stdout
    (wheel,) = (tmp_path / "out").glob("*.whl")
    assert _installed_offset(venv, wheel, "e2e_fallback") == [1.5, True, ["offset"]]
