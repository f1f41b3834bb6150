"""JSON schema of `[tool.pyrs-build]`, generated from the settings model so the two cannot drift.

Validate-pyproject finds it through the `validate_pyproject.tool_schema` entry point; `pyrs-build
schema` prints it (for editors and SchemaStore). It is generated rather than stored, so a key added
to the model is in the schema of the same release without a regeneration step."""

from __future__ import annotations

from typing import Any

from pyrs_build.settings.model import per_module_fields, settings_fields

_DOTTED = r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$"


def json_schema() -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for spec in settings_fields():
        key = spec.metadata["key"]
        if key == "modules":
            prop: dict[str, Any] = {"type": "array", "items": {"type": "string", "pattern": _DOTTED},
                                    "minItems": 1, "uniqueItems": True}
        elif key == "module":
            prop = {"type": "array", "items": _module_table()}
        elif spec.type in (bool, "bool"):
            prop = {"type": "boolean"}
        else:
            prop = _string_property(spec)
        prop["description"] = spec.metadata["doc"]
        properties[key] = prop
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://pypi.org/project/pyrs-build/tool-pyrs-build.schema.json",
        "title": "[tool.pyrs-build]",
        "description": "pyrs-build: compile type-annotated Python/NumPy modules to Rust extensions.",
        "type": "object",
        "additionalProperties": False,
        "required": ["modules"],
        "properties": properties,
    }


def _string_property(spec: Any) -> dict[str, Any]:
    prop: dict[str, Any] = {"type": "string"}
    if "enum" in spec.metadata:
        prop["enum"] = spec.metadata["enum"]
    return prop


def _module_table() -> dict[str, Any]:
    keys = {"name": {"type": "string", "pattern": _DOTTED, "description": "A module listed in 'modules'."}}
    for key, spec in per_module_fields().items():
        keys[key] = {**_string_property(spec), "description": spec.metadata["doc"]}
    return {"type": "object", "additionalProperties": False, "required": ["name"], "properties": keys}


def get_schema(tool_name: str = "pyrs-build") -> dict[str, Any]:
    """The schema for validate-pyproject (`validate_pyproject.tool_schema` entry point)."""
    if tool_name != "pyrs-build":
        raise ValueError(f"only the 'pyrs-build' tool table is described here, not {tool_name!r}")
    return json_schema()
