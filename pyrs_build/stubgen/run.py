"""Run the user's command with the tracer and gather what it recorded."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

TRACER = Path(__file__).with_name("sitecustomize.py")


@dataclass
class Observed:
    """The calls of one function: (argument types, return type) -> count; types as the tracer describes them."""

    params: list[str]
    calls: dict[tuple[str, ...], dict[str, int]] = field(default_factory=dict)

    def add(self, args: list[Any], returns: Any, count: int) -> None:
        key = tuple(json.dumps(a) for a in args)
        returned = self.calls.setdefault(key, {})
        returned[json.dumps(returns)] = returned.get(json.dumps(returns), 0) + count


def run_traced(command: Sequence[str], modules: Sequence[str], cwd: Path | None = None
               ) -> tuple[int, dict[str, dict[str, Observed]]]:
    """Run `command` with the tracer on every Python process it starts; its exit code and the
    calls observed, by module and function."""
    with tempfile.TemporaryDirectory(prefix="pyrs-stubgen-") as tmp:
        site, out = Path(tmp) / "site", Path(tmp) / "out"
        site.mkdir()
        out.mkdir()
        shutil.copy(TRACER, site / "sitecustomize.py")
        env = dict(os.environ, PYRS_STUBGEN_MODULES=",".join(modules), PYRS_STUBGEN_OUT=str(out))
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH", "")]))
        code = subprocess.run(list(command), cwd=cwd, env=env).returncode
        return code, _gather(out)


def _gather(out: Path) -> dict[str, dict[str, Observed]]:
    found: dict[str, dict[str, Observed]] = {}
    for path in sorted(out.glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            functions = found.setdefault(record["module"], {})
            observed = functions.setdefault(record["function"], Observed(record["params"]))
            observed.add(record["args"], record["returns"], record["count"])
    return found
