"""Typed settings read from `[tool.pyrs-build]` (plus `PYRS_BUILD_*` environment overrides)."""

from pyrs_build.settings.model import Settings, load_settings, settings_from_pyproject
from pyrs_build.settings.schema import json_schema

__all__ = ["Settings", "json_schema", "load_settings", "settings_from_pyproject"]
