"""The import hook of an editable install (copied into the editable wheel; imports nothing of
pyrs_build, which lives in pip's temporary build environment).

On import of a compiled module it hashes the module's source and stub. Unchanged since the last
build: the extension is loaded from the pyrs-build cache. Changed: one line says so, pyrs-build
(a copy kept in its cache) rebuilds the module in a subprocess, through the same cache, and the
new extension is loaded. If that build fails, a warning says why and the Python source is imported.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

RESULT_MARKER = "PYRS-BUILD-EDITABLE:"


def source_digest(source: str, stub: str | None) -> str:
    digest = hashlib.sha256(Path(source).read_bytes())
    if stub and Path(stub).is_file():
        digest.update(b"\0stub\0" + Path(stub).read_bytes())
    return digest.hexdigest()


class EditableFinder(importlib.abc.MetaPathFinder):
    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        module = self.config["modules"].get(fullname)
        if module is None:
            return None
        library = self.library_for(fullname, module["source"], module.get("stub"))
        if library is None:
            return None  # the next finders find the Python source
        loader = importlib.machinery.ExtensionFileLoader(fullname, library)
        return importlib.util.spec_from_file_location(fullname, library, loader=loader)

    def library_for(self, fullname: str, source: str, stub: str | None) -> str | None:
        if not Path(source).is_file():
            return None
        digest = source_digest(source, stub)
        known = self.stamps().get(fullname)
        if known and known[0] == digest and Path(known[1]).is_file():
            return str(known[1])
        return self.rebuild(fullname, digest)

    def stamps(self) -> dict[str, list[str]]:
        try:
            return dict(json.loads(Path(self.config["stamps"]).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return {}

    def rebuild(self, fullname: str, digest: str) -> str | None:
        print(f"pyrs-build: {fullname} changed since it was built; rebuilding it (editable install)...",
              file=sys.stderr, flush=True)
        started = time.monotonic()
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([self.config["backend"], os.environ.get("PYTHONPATH", "")]))
        request = json.dumps({"project": self.config["project"], "overrides": self.config["overrides"]})
        try:
            done = subprocess.run([sys.executable, "-m", "pyrs_build.backend.editable", request], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
            output = done.stdout
        except OSError as exc:
            done, output = None, str(exc)
        built = _result(output) if done is not None and done.returncode == 0 else None
        if not built or fullname not in built:
            warnings.warn(f"pyrs-build: building {fullname} failed, importing its Python source instead:\n"
                          f"{output.strip()[-3000:]}", RuntimeWarning, stacklevel=2)
            return None
        stamps = self.stamps()
        stamps[fullname] = [digest, built[fullname]]
        _write_json(Path(self.config["stamps"]), stamps)
        print(f"pyrs-build: {fullname} rebuilt in {time.monotonic() - started:.1f} s", file=sys.stderr, flush=True)
        return str(built[fullname])


def _result(output: str) -> dict[str, str] | None:
    lines = [line for line in output.splitlines() if line.startswith(RESULT_MARKER)]
    return json.loads(lines[-1][len(RESULT_MARKER):]) if lines else None


def _write_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.tmp{os.getpid()}")
    staging.write_text(json.dumps(value, indent=1), encoding="utf-8")
    os.replace(staging, path)


def install(config: dict[str, Any]) -> None:
    if not any(isinstance(f, EditableFinder) and f.config == config for f in sys.meta_path):
        sys.meta_path.insert(0, EditableFinder(config))
