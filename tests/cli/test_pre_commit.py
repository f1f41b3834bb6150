"""The `pyrs-build-check` hook through the real pre-commit tool, on a temporary git repository
whose `.pre-commit-config.yaml` points at this repository (by path, at its current commit)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

UNSUPPORTED = """\
def price(x: float) -> float:
    try:
        return x * 2.0
    finally:
        pass
"""

FIXED = """\
def price(x: float) -> float:
    return x * 2.0
"""


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def head_commit() -> str:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("this checkout of pyrs-build is not a git repository: pre-commit needs a rev to check out")
    if not git(ROOT, "ls-files", ".pre-commit-hooks.yaml"):
        pytest.skip(".pre-commit-hooks.yaml is not committed yet: pre-commit installs hooks from a commit")
    return git(ROOT, "rev-parse", "HEAD")


def project(tmp_path: Path, rev: str) -> Path:
    repo = tmp_path / "project"
    (repo / "pkg").mkdir(parents=True)
    (repo / "pkg" / "__init__.py").write_text("")
    (repo / "pkg" / "pricing.py").write_text(UNSUPPORTED)
    (repo / "pyproject.toml").write_text(textwrap.dedent("""\
        [project]
        name = "pkg"
        version = "1"

        [tool.pyrs-build]
        modules = ["pkg.pricing"]
        """))
    (repo / ".pre-commit-config.yaml").write_text(textwrap.dedent(f"""\
        repos:
          - repo: {ROOT}
            rev: {rev}
            hooks:
              - id: pyrs-build-check
        """))
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    return repo


def pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                          cwd=repo, capture_output=True, text=True, env=env, timeout=600)


def test_the_hook_fails_on_an_unsupported_construct_and_passes_once_fixed(tmp_path: Path) -> None:
    repo = project(tmp_path, head_commit())
    home = tmp_path / "pre-commit-home"
    failing = pre_commit(repo, home)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "pyrs-build check" in failing.stdout and "Failed" in failing.stdout
    assert "pkg/pricing.py:2:5: error: 'try' statements are not supported yet" in failing.stdout
    (repo / "pkg" / "pricing.py").write_text(FIXED)
    git(repo, "add", "-A")
    passing = pre_commit(repo, home)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
