"""Projects that pyrs-build must refuse: ``pip install`` fails with a located diagnostic, and
nothing is installed."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from e2e_support import line_col_of, write_project

if TYPE_CHECKING:
    from conftest import Venv

pytestmark = pytest.mark.slow

GOOD_SOURCE = '''\
def twice(x: float) -> float:
    return 2.0 * x
'''


def expect_build_failure(venv: Venv, project: Path, dist: str, package: str,
                         extra_env: dict[str, str | None] | None = None) -> str:
    """Install ``project``; assert pip failed and nothing of it is installed; pip's output."""
    done = venv.pip_install(project, extra_env)
    print(done.stdout)
    assert done.returncode != 0, done.stdout
    assert "Successfully installed" not in done.stdout
    check = venv.run_in_venv(f"""
import importlib.metadata, importlib.util
try:
    importlib.metadata.version({dist!r})
    print("DIST INSTALLED")
except importlib.metadata.PackageNotFoundError:
    pass
print("PACKAGE IMPORTABLE" if importlib.util.find_spec({package!r}) else "NOT IMPORTABLE")
""")
    assert check.returncode == 0, check.stdout
    assert "DIST INSTALLED" not in check.stdout
    assert "NOT IMPORTABLE" in check.stdout, check.stdout
    return done.stdout


def assert_summary(output: str, errors: int) -> None:
    assert f"pyrs-build: {errors} error(s); no wheel was built" in output, output


def assert_caret_under(output: str, line: int, col: int, source_line: str) -> None:
    """The source line is quoted as ``LINE | text`` and the next line has ``^`` under column ``col``."""
    lines = output.splitlines()
    gutter = f"{line} | "
    quoted = [i for i, text in enumerate(lines) if text.endswith(gutter + source_line)]
    assert quoted, f"{gutter + source_line!r} not quoted in:\n{output}"
    index = quoted[0]
    start = lines[index].index(gutter + source_line)
    caret = lines[index + 1]
    assert caret.strip() == "^", caret
    assert caret.index("^") == start + len(gutter) + col - 1, (lines[index], caret)


def test_missing_module_points_at_pyproject(venv: Venv, tmp_path: Path) -> None:
    project = write_project(tmp_path, "e2e-err-missing", "e2e_err_missing", {"fast.py": GOOD_SOURCE},
                            modules=["e2e_err_missing.fast", "e2e_err_missing.nothere"])
    text = (project / "pyproject.toml").read_text()
    line, col = line_col_of(text, '"e2e_err_missing.nothere"')
    output = expect_build_failure(venv, project, "e2e-err-missing", "e2e_err_missing")
    assert f"pyproject.toml:{line}:{col}: error: module 'e2e_err_missing.nothere'" in output
    assert "was not found" in output
    assert_summary(output, 1)


def test_syntax_error_is_located(venv: Venv, tmp_path: Path) -> None:
    source = "import math\n\n\ndef broken(x: float) -> float:\n    return math.sqrt(x +\n\n\ndef fine() -> int:\n    return 1\n"
    with pytest.raises(SyntaxError) as info:
        compile(source, "fast.py", "exec")
    line, col = info.value.lineno, info.value.offset
    project = write_project(tmp_path, "e2e-err-syntax", "e2e_err_syntax", {"fast.py": source})
    output = expect_build_failure(venv, project, "e2e-err-syntax", "e2e_err_syntax")
    assert re.search(rf"e2e_err_syntax/fast\.py:{line}:{col}: error: syntax error", output), output
    assert_summary(output, 1)


# A loop over something other than range(...): a dict is not even a value the compiler knows.
FOR_SOURCE = '''\
import numpy as np


def total(scale: float) -> float:
    """Sum of the weights, with a loop over a dict."""
    s = 0.0
    for key in {"a": 0.5, "b": 0.25}:
        s = s + scale
    return s
'''


def test_for_loop_is_reported_with_caret(venv: Venv, tmp_path: Path) -> None:
    loop = next(n for n in ast.walk(ast.parse(FOR_SOURCE)) if isinstance(n, ast.For))
    line = loop.lineno
    # the diagnostic points at the loop, or at what it iterates over
    columns = {loop.col_offset + 1, loop.iter.col_offset + 1}
    project = write_project(tmp_path, "e2e-err-for", "e2e_err_for", {"fast.py": FOR_SOURCE}, layout="src")
    output = expect_build_failure(venv, project, "e2e-err-for", "e2e_err_for")
    header = re.search(rf"(\S*)fast\.py:{line}:(\d+): error: (.*)", output)
    assert header, output
    assert header.group(1).endswith("src/e2e_err_for/"), header.group(0)
    col = int(header.group(2))
    assert col in columns, header.group(0)
    assert_caret_under(output, line, col, FOR_SOURCE.splitlines()[line - 1])
    assert re.search(r"^\s*help: .*\S", output[header.end():], re.MULTILINE), output
    assert_summary(output, 1)


SEVERAL_PROBLEMS = '''\
import numpy as np


class Point:
    def __init__(self, x):
        self.x = x


def ok(x: float) -> float:
    return x + 1.0


def make(x: float) -> float:
    p = Point(x)
    return x


def twice_later(x: float) -> float:
    f = lambda v: 2.0 * v
    return x


def generate(n: int) -> int:
    yield n
    return n
'''


def test_every_unsupported_function_is_reported(venv: Venv, tmp_path: Path) -> None:
    tree = ast.parse(SEVERAL_PROBLEMS)
    expected = [
        next(n for n in ast.walk(tree) if isinstance(n, ast.Call) and ast.unparse(n.func) == "Point"),
        next(n for n in ast.walk(tree) if isinstance(n, ast.Lambda)),
        next(n for n in ast.walk(tree) if isinstance(n, ast.Yield)),
    ]
    project = write_project(tmp_path, "e2e-err-several", "e2e_err_several", {"fast.py": SEVERAL_PROBLEMS})
    output = expect_build_failure(venv, project, "e2e-err-several", "e2e_err_several")
    reported = re.findall(r"fast\.py:(\d+):\d+: error:", output)
    for node in expected:
        assert str(node.lineno) in reported, (ast.unparse(node), output)
    assert len(reported) == 3, output  # one per unsupported function; `ok` is fine
    assert_summary(output, 3)


def test_unannotated_parameter_without_stub_is_reported(venv: Venv, tmp_path: Path) -> None:
    source = "def scale(x, k: float = 2.0) -> float:\n    return k * x\n"
    project = write_project(tmp_path, "e2e-err-unannotated", "e2e_err_unannotated", {"fast.py": source})
    output = expect_build_failure(venv, project, "e2e-err-unannotated", "e2e_err_unannotated")
    assert "fast.py:1:11: error: parameter 'x' of 'scale' has no type annotation" in output
    assert ".pyi" in output  # the help suggests a stub
    assert_summary(output, 1)


def test_unknown_settings_key_lists_the_allowed_keys(venv: Venv, tmp_path: Path) -> None:
    table = '[tool.pyrs-build]\nmodulez = ["e2e_err_key.fast"]\n'
    project = write_project(tmp_path, "e2e-err-key", "e2e_err_key", {"fast.py": GOOD_SOURCE},
                            settings_table=table)
    line, col = line_col_of((project / "pyproject.toml").read_text(), "modulez")
    output = expect_build_failure(venv, project, "e2e-err-key", "e2e_err_key")
    assert f"pyproject.toml:{line}:{col}: error: unknown key 'modulez'" in output, output
    allowed = re.search(r"allowed keys: (.*)", output)
    assert allowed, output
    from pyrs_build.settings import json_schema  # the model is the one list of keys

    assert {k.strip() for k in allowed.group(1).split(",")} == set(json_schema()["properties"])


@pytest.mark.parametrize("value, message", [
    ('"e2e_err_type.fast"', "expected a list of strings, got str"),
    ('["e2e_err_type.fast", 3]', "expected a list of strings"),
    ("[]", "expected at least one module"),
])
def test_modules_of_the_wrong_type(venv: Venv, tmp_path: Path, value: str, message: str) -> None:
    table = f"[tool.pyrs-build]\nmodules = {value}\n"
    project = write_project(tmp_path, "e2e-err-type", "e2e_err_type", {"fast.py": GOOD_SOURCE},
                            settings_table=table)
    line, col = line_col_of((project / "pyproject.toml").read_text(), "modules =")
    output = expect_build_failure(venv, project, "e2e-err-type", "e2e_err_type")
    assert f"pyproject.toml:{line}:{col}: error: [tool.pyrs-build] modules: {message}" in output, output


@pytest.mark.parametrize("key, value", [("on-type-mismatch", '"ignore"'), ("profile", '"fast"'),
                                        ("cache-dir", "42")])
def test_invalid_setting_values(venv: Venv, tmp_path: Path, key: str, value: str) -> None:
    project = write_project(tmp_path, "e2e-err-value", "e2e_err_value", {"fast.py": GOOD_SOURCE},
                            extra_settings=f"{key} = {value}\n")
    output = expect_build_failure(venv, project, "e2e-err-value", "e2e_err_value")
    assert re.search(rf"pyproject\.toml:\d+:1: error: \[tool\.pyrs-build\] {re.escape(key)}: expected", output), \
        output
    assert_summary(output, 1)


def test_missing_cargo_explains_how_to_install_rust(venv: Venv, tmp_path: Path) -> None:
    system_path = "/usr/bin:/bin"
    if shutil.which("cargo", path=system_path):
        pytest.skip("cargo is installed system-wide: it cannot be hidden by PATH")
    home = tmp_path / "empty-home"  # pyrs-build also looks in ~/.cargo/bin
    home.mkdir()
    project = write_project(tmp_path / "project", "e2e-err-cargo", "e2e_err_cargo", {"fast.py": GOOD_SOURCE})
    env = {"PATH": system_path, "HOME": str(home), "CARGO": None, "CARGO_HOME": None, "RUSTUP_HOME": None,
           "XDG_CACHE_HOME": None}
    output = expect_build_failure(venv, project, "e2e-err-cargo", "e2e_err_cargo", extra_env=env)
    assert "cargo (the Rust build tool) was not found" in output, output
    assert "rustup" in output
    assert_summary(output, 1)


def test_cargo_failure_is_an_internal_error_naming_the_kept_crate(venv: Venv, tmp_path: Path) -> None:
    """rustc refusing the build (here: a nightly-only flag in RUSTFLAGS) is reported as pyrs-build's
    internal error, with the path of the generated crate, which is kept for the report."""
    project = write_project(tmp_path, "e2e-err-cargo", "e2e_err_cargo", {"fast.py": GOOD_SOURCE})
    output = expect_build_failure(venv, project, "e2e-err-cargo", "e2e_err_cargo",
                                  extra_env={"RUSTFLAGS": "-Zpyrs-build-test-flag"})
    match = re.search(r"pyrs-build: internal error: cargo failed on the generated Rust", output)
    assert match, output
    kept = re.search(r"The generated crates are kept for the report: (\S+)", output)
    assert kept, output
    crate = Path(kept.group(1))
    assert (crate / "Cargo.toml").is_file() and (crate / "src" / "lib.rs").is_file()


def test_a_module_with_nothing_compilable_fails_under_on_unsupported_python_too(venv: Venv, tmp_path: Path) -> None:
    source = "def scale(x, k: float = 2.0) -> float:\n    return k * x\n"
    project = write_project(tmp_path, "e2e-err-nothing", "e2e_err_nothing", {"fast.py": source},
                            extra_settings='on-unsupported = "python"\n')
    output = expect_build_failure(venv, project, "e2e-err-nothing", "e2e_err_nothing")
    assert "fast.py: error: no function of 'e2e_err_nothing.fast' can be compiled" in output, output
    assert "fast.py:1:11: error: parameter 'x' of 'scale' has no type annotation" in output
