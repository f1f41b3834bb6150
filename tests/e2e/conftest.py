"""Session fixtures of the end-to-end tests: the pyrs-build wheel, one venv, pip and python in it.

Everything is real: ``pip wheel`` builds the backend once, ``python -m venv`` makes one venv for
the whole session (numpy, pytest, hypothesis installed once), and every test project is installed
with that venv's pip, so pip's isolated build environment installs pyrs-build from the wheel and
runs cargo. The cargo cache is left at its default location, so builds
reuse the compiled dependencies (PyO3, numpy, the runtime crate).

Every test project gets its own import package name: the venv is shared by the whole session.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Callable, Mapping, Optional, Sequence

import pytest

from e2e_support import REPO, VENV_PRELUDE, parse_json_output

TIMEOUT = 900  # seconds per subprocess: a cold cargo build of the dependencies takes ~30 s


def _clean_env(extra: Optional[Mapping[str, Optional[str]]] = None) -> dict[str, str]:
    """os.environ without variables that would let the source trees leak into the venv;
    ``extra`` values of None delete the variable."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    for key, value in (extra or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def _run(command: Sequence[str], *, cwd: Path, env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    """Run and capture; stderr is merged into stdout (pip interleaves them)."""
    return subprocess.run([str(c) for c in command], cwd=cwd, env=dict(env), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=TIMEOUT, check=False)


class Venv:
    """The session venv and the commands the tests run in it."""

    def __init__(self, root: Path, dist: Path, neutral: Path) -> None:
        self.root, self.dist, self.neutral = root, dist, neutral
        self.python = root / "bin" / "python"
        self.pip = root / "bin" / "pip"
        self.ext_suffix = ""

    def pip_env(self, extra_env: Optional[Mapping[str, Optional[str]]] = None) -> dict[str, str]:
        """pip resolves the build requirements (pyrs-build, setuptools) from the
        backend's wheel directory only: no index, so no other 'pyrs-build' can be picked."""
        return _clean_env({"PIP_FIND_LINKS": str(self.dist), "PIP_NO_INDEX": "1",
                           "PIP_DISABLE_PIP_VERSION_CHECK": "1", **(extra_env or {})})

    def pip_install(self, project_dir: Path, extra_env: Optional[Mapping[str, Optional[str]]] = None, *,
                    editable: bool = False) -> subprocess.CompletedProcess[str]:
        """``pip install --no-cache-dir --force-reinstall --no-deps [-e] project_dir``.

        --no-deps: the test projects need nothing but numpy, already in the venv (with
        --force-reinstall pip would otherwise reinstall numpy too)."""
        command = [self.pip, "install", "--no-cache-dir", "--force-reinstall", "--no-deps"]
        command += ["-e", project_dir] if editable else [project_dir]
        return _run(command, cwd=self.neutral, env=self.pip_env(extra_env))

    def pip_run(self, *args: object, extra_env: Optional[Mapping[str, Optional[str]]] = None
            ) -> subprocess.CompletedProcess[str]:
        return _run([self.pip, *map(str, args)], cwd=self.neutral, env=self.pip_env(extra_env))

    def python_run(self, *args: object, cwd: Optional[Path] = None,
                   extra_env: Optional[Mapping[str, Optional[str]]] = None) -> subprocess.CompletedProcess[str]:
        env = self.pip_env(extra_env)  # `python -m build` runs pip: keep the hermetic settings
        return _run([self.python, *map(str, args)], cwd=cwd or self.neutral, env=env)

    def run_in_venv(self, code: str) -> subprocess.CompletedProcess[str]:
        """``V/bin/python -c code`` from a neutral directory, so no source tree shadows the
        installed packages."""
        return self.python_run("-c", code)

    def json(self, code: str) -> object:
        """Run ``VENV_PRELUDE + code`` in the venv; the value it ``emit()``-ed last."""
        done = self.run_in_venv(VENV_PRELUDE + "\n" + code)
        assert done.returncode == 0, f"venv code failed:\n{done.stdout}"
        return parse_json_output(done.stdout)


@pytest.fixture(scope="session")
def backend_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``pip wheel /work/main -w DIST``: the pyrs-build wheel plus setuptools."""
    dist = tmp_path_factory.mktemp("dist")
    done = _run([sys.executable, "-m", "pip", "wheel", REPO, "-w", dist], cwd=dist, env=_clean_env())
    assert done.returncode == 0, done.stdout
    wheels = sorted(p.name for p in dist.glob("*.whl"))
    assert any(n.startswith("pyrs_build-") and n.endswith("-py3-none-any.whl") for n in wheels), wheels
    return dist


@pytest.fixture(scope="session")
def venv(tmp_path_factory: pytest.TempPathFactory, backend_dist: Path) -> Venv:
    """One venv for the session, with numpy, pytest and hypothesis (installed from the index)."""
    root = tmp_path_factory.mktemp("venv")
    neutral = tmp_path_factory.mktemp("cwd")
    done = _run([sys.executable, "-m", "venv", root], cwd=neutral, env=_clean_env())
    assert done.returncode == 0, done.stdout
    env = Venv(root, backend_dist, neutral)
    done = _run([env.pip, "install", "numpy", "pytest", "hypothesis"], cwd=neutral, env=_clean_env())
    assert done.returncode == 0, done.stdout
    done = env.run_in_venv("import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
    assert done.returncode == 0, done.stdout
    env.ext_suffix = done.stdout.strip().splitlines()[-1]
    assert env.ext_suffix.endswith((".so", ".pyd")), env.ext_suffix
    return env


@pytest.fixture(scope="session")
def venv_with_build(venv: Venv) -> Venv:
    """The session venv plus the `build` frontend (from the index)."""
    done = _run([venv.pip, "install", "build"], cwd=venv.neutral, env=_clean_env())
    assert done.returncode == 0, done.stdout
    return venv


@pytest.fixture(scope="session")
def pip_install(venv: Venv) -> Callable[..., subprocess.CompletedProcess[str]]:
    """``pip_install(project_dir, extra_env=None, *, editable=False) -> CompletedProcess``."""
    return venv.pip_install


@pytest.fixture(scope="session")
def run_in_venv(venv: Venv) -> Callable[[str], subprocess.CompletedProcess[str]]:
    """``run_in_venv(code) -> CompletedProcess`` (stdout has stderr merged in)."""
    return venv.run_in_venv


@pytest.fixture(scope="session")
def venv_json(venv: Venv) -> Callable[[str], object]:
    """``venv_json(code)``: run code (with the helpers of e2e_support.VENV_PRELUDE) in the venv
    and return the value it emitted."""
    return venv.json
