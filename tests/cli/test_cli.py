"""The `pyrs-build` commands through the real command line (`python -m pyrs_build` and the script)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "example_pkg" / "example_pkg" / "black_scholes.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pyrs_build", *args], capture_output=True, text=True, cwd=ROOT)


def test_check_accepts_the_example() -> None:
    done = run("check", str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    assert "ok (7 function(s) compile)" in done.stdout


def test_check_reports_problems_as_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("def f(x: float) -> float:\n    try:\n        x = x / 2.0\n    finally:\n        pass\n    return x\n")
    done = run("check", "--format", "json", str(bad))
    assert done.returncode == 1
    (problem,) = json.loads(done.stdout)
    assert (problem["line"], problem["col"], problem["severity"]) == (2, 5, "error")
    assert problem["message"] == "'try' statements are not supported yet"


def test_transpile_writes_a_readable_crate(tmp_path: Path) -> None:
    done = run("transpile", str(EXAMPLE), "-o", str(tmp_path / "crate"), "--module", "example_pkg.black_scholes")
    assert done.returncode == 0, done.stderr
    lib = (tmp_path / "crate" / "src" / "lib.rs").read_text()
    cargo = (tmp_path / "crate" / "Cargo.toml").read_text()
    assert "unsafe {" not in lib and "#![forbid(unsafe_code)]" in lib
    assert re.search(r"pub fn black_scholes\(\s*S: ArrayViewD", lib)  # named after the Python names
    assert 'pyo3 = { version = "=0.30.1"' in cargo
    assert '#[pyo3(name = "black_scholes")]' in lib


@pytest.mark.parametrize("command", ["check", "transpile", "annotate", "verify", "schema"])
def test_every_command_has_help_with_examples(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0, done.stderr
    assert f"usage: pyrs-build {command}" in done.stdout
    examples = done.stdout.split("examples:\n", 1)[1]
    assert f"pyrs-build {command}" in examples or "validate-pyproject" in examples


def test_the_console_script_is_the_same_command() -> None:
    script = Path(sys.executable).with_name("pyrs-build")
    done = subprocess.run([str(script), "check", str(EXAMPLE)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "ok (7 function(s) compile)" in done.stdout
    listed = subprocess.run([str(script), "--help"], capture_output=True, text=True)
    assert all(name in listed.stdout for name in ("check", "transpile", "annotate", "verify", "schema"))


MIXED = """\
def good(x: float) -> float:
    return x * 2.0


def bad(x: float) -> float:
    with open("f") as handle:
        return x
"""


def write_project(root: Path, settings: str) -> Path:
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "mixed.py").write_text(MIXED)
    (root / "pkg" / "fine.py").write_text("def f(x: float) -> float:\n    return x + 1.0\n")
    (root / "pyproject.toml").write_text(textwrap.dedent("""\
        [project]
        name = "pkg"
        version = "1"

        [tool.pyrs-build]
        modules = ["pkg.fine", "pkg.mixed"]
        """) + settings)
    return root


def test_check_project_applies_the_module_tables(tmp_path: Path) -> None:
    strict = run("check", "--project", str(write_project(tmp_path / "strict", "")))
    assert strict.returncode == 1
    assert "mixed.py:6:5: error: 'with' statements are not supported yet" in strict.stderr
    assert "fine.py: ok (1 function(s) compile)" in strict.stdout
    relaxed = run("check", "--project", str(write_project(
        tmp_path / "relaxed", '\n[[tool.pyrs-build.module]]\nname = "pkg.mixed"\non-unsupported = "python"\n')))
    assert relaxed.returncode == 0, relaxed.stderr
    assert "mixed.py: ok (1 function(s) compile, 1 stay Python)" in relaxed.stdout
    assert "mixed.py:6:5: warning: 'bad' stays Python: 'with' statements are not supported yet" in relaxed.stderr


def test_check_project_reports_settings_errors(tmp_path: Path) -> None:
    done = run("check", "--project", str(write_project(tmp_path, 'on-unsuported = "python"\n')))
    assert done.returncode == 1
    assert "error: unknown key 'on-unsuported' in [tool.pyrs-build]" in done.stderr
    assert "help: did you mean 'on-unsupported'?" in done.stderr


def test_schema_command_prints_the_generated_schema() -> None:
    from pyrs_build.settings import json_schema

    done = run("schema")
    assert done.returncode == 0 and json.loads(done.stdout) == json_schema()
