"""`pyrs-build schema`: the JSON schema of `[tool.pyrs-build]` (for editors, SchemaStore)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from pyrs_build.cli.common import add_command

EXAMPLES = """\
  pyrs-build schema > pyrs-build.schema.json
  validate-pyproject pyproject.toml     # uses it through the validate_pyproject.tool_schema entry point"""


def register(commands: Any) -> None:
    add_command(commands, "schema", "print the JSON schema of [tool.pyrs-build]",
                "Print the JSON schema (draft-07) of the [tool.pyrs-build] table, generated from the settings "
                "model.", EXAMPLES, run)


def run(args: argparse.Namespace) -> int:
    from pyrs_build.settings import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0
