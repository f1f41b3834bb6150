"""`[tool.pyrs-build]`: validation with the key's line, JSON schema generated from the model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pyrs_build.diagnostics import DiagnosticError
from pyrs_build.settings import json_schema, load_settings


def write(tmp_path: Path, table: str) -> Path:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "1"\n\n[tool.pyrs-build]\n' + table)
    return tmp_path


def test_valid_settings_load_with_defaults(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, 'modules = ["a.b", "c"]\n'), environ={})
    assert settings.modules == ("a.b", "c")
    assert settings.on_type_mismatch == "python" and settings.profile == "release" and settings.cache_dir is None
    assert settings.on_unsupported == "error"


def test_unknown_key_and_wrong_type_are_both_reported_at_their_lines(tmp_path: Path) -> None:
    with pytest.raises(DiagnosticError) as info:
        load_settings(write(tmp_path, 'modules = "a.b"\nmoduels = ["a"]\n'), environ={})
    text = info.value.render()
    assert "pyproject.toml:6:1: error: [tool.pyrs-build] modules: expected a list of strings, got str" in text
    assert "pyproject.toml:7:1: error: unknown key 'moduels' in [tool.pyrs-build]" in text
    assert "help: did you mean 'modules'? allowed keys: abi3, allocator, cache-dir, module, modules," in text


def test_bad_enum_value_lists_the_allowed_ones(tmp_path: Path) -> None:
    with pytest.raises(DiagnosticError) as info:
        load_settings(write(tmp_path, 'modules = ["a"]\non-type-mismatch = "warn"\n'), environ={})
    assert "expected one of 'python', 'error', got 'warn'" in info.value.render()


def test_not_a_dotted_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DiagnosticError) as info:
        load_settings(write(tmp_path, 'modules = ["a-b.c"]\n'), environ={})
    assert "not a dotted import name: 'a-b.c'" in info.value.render()


def test_environment_overrides_the_table(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, 'modules = ["a"]\n'), environ={"PYRS_BUILD_PROFILE": "dev"})
    assert settings.profile == "dev"


def test_schema_lists_every_key_of_the_model() -> None:
    schema = json_schema()
    assert {"modules", "module", "cache-dir", "profile", "on-type-mismatch", "on-unsupported", "abi3"} <= set(schema["properties"])
    assert schema["required"] == ["modules"] and schema["additionalProperties"] is False


MODULE_TABLES = """\
modules = ["pkg.fast", "pkg.mixed"]
on-unsupported = "error"

[[tool.pyrs-build.module]]
name = "pkg.mixed"
on-unsupported = "python"
on-type-mismatch = "error"
"""


def test_a_module_table_overrides_the_package_policies_for_that_module(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, MODULE_TABLES), environ={})
    fast, mixed = settings.for_module("pkg.fast"), settings.for_module("pkg.mixed")
    assert (fast.on_unsupported, fast.on_type_mismatch) == ("error", "python")
    assert (mixed.on_unsupported, mixed.on_type_mismatch) == ("python", "error")


def test_the_environment_overrides_module_tables_too(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, MODULE_TABLES), environ={"PYRS_BUILD_ON_UNSUPPORTED": "error"})
    assert settings.for_module("pkg.mixed").on_unsupported == "error"
    assert settings.for_module("pkg.mixed").on_type_mismatch == "error"


def test_module_table_mistakes_are_located_with_a_did_you_mean_hint(tmp_path: Path) -> None:
    table = MODULE_TABLES.replace('on-type-mismatch = "error"', 'on-type-mismach = "error"') + (
        '\n[[tool.pyrs-build.module]]\nname = "pkg.mixd"\non-unsupported = "maybe"\n')
    with pytest.raises(DiagnosticError) as info:
        load_settings(write(tmp_path, table), environ={})
    text = info.value.render().replace(str(tmp_path), "DIR")
    assert text == (
        "DIR/pyproject.toml:12:1: error: unknown key 'on-type-mismach' in [[tool.pyrs-build.module]]\n"
        "12 | on-type-mismach = \"error\"\n"
        "     ^\n"
        "help: did you mean 'on-type-mismatch'? allowed keys: allocator, name, on-type-mismatch, on-unsupported, parallel\n"
        "\n"
        "DIR/pyproject.toml:16:1: error: [[tool.pyrs-build.module]] on-unsupported: expected one of 'error', "
        "'python', got 'maybe'\n"
        "16 | on-unsupported = \"maybe\"\n"
        "     ^\n"
        "help: " + load_help("on-unsupported") + "\n"
        "\n"
        "DIR/pyproject.toml:15:1: error: [[tool.pyrs-build.module]] name 'pkg.mixd' is not in 'modules'\n"
        "15 | name = \"pkg.mixd\"\n"
        "     ^\n"
        "help: did you mean 'pkg.mixed'? listed modules: pkg.fast, pkg.mixed"
    )


def load_help(key: str) -> str:
    from pyrs_build.settings.model import settings_fields

    return next(f.metadata["doc"] for f in settings_fields() if f.metadata["key"] == key)


def test_an_unknown_top_level_key_gets_a_did_you_mean_hint(tmp_path: Path) -> None:
    with pytest.raises(DiagnosticError) as info:
        load_settings(write(tmp_path, 'modules = ["a"]\non-unsuported = "python"\n'), environ={})
    assert "unknown key 'on-unsuported' in [tool.pyrs-build]\n" in info.value.render()
    assert "help: did you mean 'on-unsupported'?" in info.value.render()


VALID_PYPROJECT = """\
[project]
name = "x"
version = "1"

[tool.pyrs-build]
""" + MODULE_TABLES


def test_validate_pyproject_uses_the_schema_through_its_plugin_entry_point(tmp_path: Path) -> None:
    """The real validate-pyproject command finds our schema through the installed entry point."""
    command = [sys.executable, "-m", "validate_pyproject"]
    (tmp_path / "pyproject.toml").write_text(VALID_PYPROJECT)
    listed = subprocess.run([*command, "--help"], capture_output=True, text=True)
    good = subprocess.run([*command, "pyproject.toml"], capture_output=True, text=True, cwd=tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Valid file: pyproject.toml" in good.stdout
    (tmp_path / "pyproject.toml").write_text(VALID_PYPROJECT.replace("on-type-mismatch", "on-type-mismach"))
    bad = subprocess.run([*command, "pyproject.toml"], capture_output=True, text=True, cwd=tmp_path)
    assert bad.returncode != 0
    assert "on-type-mismach" in bad.stdout + bad.stderr, bad.stdout + bad.stderr
    assert "pyrs-build" in listed.stdout  # the plugin is listed among the enabled tools
