"""The site builds with MkDocs in strict mode: a warning (broken link, missing page, unknown
generated section, include of a missing file) fails the build and this test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_docs_build_with_warnings_as_errors(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(REPO / "docs" / "mkdocs.yml"),
                           "-d", str(tmp_path / "site")], cwd=REPO, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})  # Material's banner about MkDocs 2
    assert done.returncode == 0, done.stdout
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "supported" / "numpy" / "index.html").is_file()
    assert "def peak" in (tmp_path / "site" / "annotate-example.html").read_text(encoding="utf-8")
