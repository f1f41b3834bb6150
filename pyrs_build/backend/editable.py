"""Editable installs (PEP 660) that rebuild a changed module on import.

The editable wheel setuptools builds gets two more files: `_pyrs_build_editable_<dist>.py` (the
import hook of `editable_hook.py` with this project's configuration) and a `.pth` that installs it.
The hook rebuilds with a copy of this pyrs_build kept in the cache (`backend/<fingerprint>/`),
since pip's build environment is gone after the install: `python -m pyrs_build.backend.editable`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import sys
import time
import zipfile
from pathlib import Path
from typing import Mapping, Sequence

from pyrs_build.backend import editable_hook
from pyrs_build.backend.compile import BuiltModule, build_project
from pyrs_build.cargo import cache
from pyrs_build.cargo.key import package_fingerprint
from pyrs_build.diagnostics import DiagnosticError, InternalError

PACKAGE = Path(__file__).resolve().parent.parent


def backend_copy(root: Path) -> Path:
    """A copy of pyrs_build (and tomli on Python < 3.11) the import hook can put on PYTHONPATH."""
    destination = root / "backend" / package_fingerprint()[:16]
    if (destination / "pyrs_build" / "__init__.py").is_file():
        return destination
    staging = destination.with_name(destination.name + f".tmp{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(PACKAGE, staging / "pyrs_build", ignore=shutil.ignore_patterns("__pycache__", "target"))
    if sys.version_info < (3, 11):
        import tomli

        shutil.copytree(Path(tomli.__file__).parent, staging / "tomli", ignore=shutil.ignore_patterns("__pycache__"))
    try:
        staging.rename(destination)
    except OSError:  # another build put it there first
        shutil.rmtree(staging, ignore_errors=True)
    return destination


def stamps_file(root: Path, project_dir: Path) -> Path:
    """Which source digest each module's cached library was built from, per project checkout."""
    key = hashlib.sha256(str(project_dir.resolve()).encode()).hexdigest()[:16]
    return root / "editable" / f"{key}.json"


def write_stamps(stamps: Path, built: Sequence[BuiltModule], stubs: Mapping[str, str | None]) -> None:
    known = {m.name: [editable_hook.source_digest(str(m.source), stubs.get(m.name)), str(m.library)] for m in built}
    editable_hook._write_json(stamps, known)


def add_import_hook(wheel: Path, project_dir: Path, built: Sequence[BuiltModule], overrides: Mapping[str, str],
                    root: Path) -> None:
    """Add the hook and its .pth to the editable wheel (RECORD updated)."""
    stubs = {m.name: _stub_of(m.source) for m in built}
    stamps = stamps_file(root, project_dir)
    write_stamps(stamps, built, stubs)
    config = {
        "project": str(project_dir.resolve()), "backend": str(backend_copy(root)), "stamps": str(stamps),
        "overrides": dict(overrides),
        "modules": {m.name: {"source": str(m.source.resolve()), "stub": stubs[m.name]} for m in built},
    }
    name = "_pyrs_build_editable_" + re.sub(r"\W", "_", wheel.name.split("-")[0]).lower()
    hook = Path(editable_hook.__file__).read_text(encoding="utf-8") + f"\n\ninstall(json.loads({json.dumps(config, indent=1)!r}))\n"
    _add_to_wheel(wheel, {f"{name}.py": hook.encode(), f"{name}.pth": f"import {name}\n".encode()})


def _stub_of(source: Path) -> str | None:
    stub = source.with_suffix(".pyi")
    return str(stub.resolve()) if stub.is_file() else None


def _add_to_wheel(wheel: Path, files: Mapping[str, bytes]) -> None:
    staging = wheel.with_name(wheel.name + ".tmp")
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(staging, "w", zipfile.ZIP_DEFLATED) as target:
        record_name = next(n for n in source.namelist() if n.endswith(".dist-info/RECORD"))
        record = source.read(record_name).decode()
        for item in source.infolist():
            if item.filename != record_name:
                target.writestr(item, source.read(item.filename))
        for path, data in files.items():
            target.writestr(_zip_info(path), data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record += f"{path},sha256={digest},{len(data)}\n"
        target.writestr(_zip_info(record_name), record.encode())
    os.replace(staging, wheel)


def _zip_info(path: str) -> zipfile.ZipInfo:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # 1980-01-01, zip's earliest date
    info = zipfile.ZipInfo(path, time.gmtime(max(epoch, 315532800))[:6])
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def main(argv: Sequence[str]) -> int:
    """`python -m pyrs_build.backend.editable REQUEST`: rebuild a project's modules for the hook."""
    request = json.loads(argv[0])
    try:
        built = build_project(Path(request["project"]), request["overrides"])
    except DiagnosticError as exc:
        print(exc.render(), file=sys.stderr)
        return 1
    except InternalError as exc:
        print(f"pyrs-build: internal error: {exc}", file=sys.stderr)
        return 1
    print(editable_hook.RESULT_MARKER + json.dumps({m.name: str(m.library) for m in built.modules}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
