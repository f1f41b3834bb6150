"""JSON schema of `[tool.pyrs-build]`, generated from the settings model so the two cannot drift."""

from __future__ import annotations

from typing import Any

from pyrs_build.settings.model import settings_fields


def json_schema() -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for spec in settings_fields():
        key = spec.metadata["key"]
        if key == "modules":
            prop: dict[str, Any] = {"type": "array", "items": {"type": "string"}, "minItems": 1}
        else:
            prop = {"type": "string"}
        if "enum" in spec.metadata:
            prop["enum"] = spec.metadata["enum"]
        prop["description"] = spec.metadata["doc"]
        properties[key] = prop
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "[tool.pyrs-build]",
        "type": "object",
        "additionalProperties": False,
        "required": ["modules"],
        "properties": properties,
    }
