"""`[tool.pyrs-build]`: validation with the key's line, JSON schema generated from the model."""

from __future__ import annotations

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
        load_settings(write(tmp_path, 'modules = "a.b"\nmodulez = ["a"]\n'), environ={})
    text = info.value.render()
    assert "pyproject.toml:6:1: error: [tool.pyrs-build] modules: expected a list of strings, got str" in text
    assert "pyproject.toml:7:1: error: unknown key 'modulez' in [tool.pyrs-build]" in text
    assert "help: allowed keys: cache-dir, modules, on-type-mismatch, on-unsupported, profile" in text


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
    assert set(schema["properties"]) == {"modules", "cache-dir", "profile", "on-type-mismatch", "on-unsupported"}
    assert schema["required"] == ["modules"] and schema["additionalProperties"] is False
