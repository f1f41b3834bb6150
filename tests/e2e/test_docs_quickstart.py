"""The quick start page, done for real: its files are written out, `pip install` builds and installs
them in the session venv, the build prints the lines the page shows, and the page's `>>>` session
runs against the installed compiled modules (samples marked `<!-- sample: installed -->`)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from e2e_support import REPO

sys.path.insert(0, str(REPO / "tests" / "docs"))
from docs_samples import PAGES, Sample, commands, project_files, samples  # noqa: E402

if TYPE_CHECKING:
    from conftest import Venv

pytestmark = pytest.mark.slow
PAGE = PAGES / "quickstart.md"

DOCTEST_IN_VENV = r'''
import doctest, json, sys
text = json.loads(sys.argv[1])
test = doctest.DocTestParser().get_doctest(text, {}, "quickstart.md", "quickstart.md", 0)
runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
runner.run(test)
print("doctest:", runner.summarize(verbose=False))
sys.exit(1 if runner.failures or not runner.tries else 0)
'''


def _installed(language: str) -> list[Sample]:
    return [s for s in samples(PAGE) if s.directive == "installed" and s.language == language]


def _pattern(line: str) -> re.Pattern[str]:
    """A shown output line, with '...' standing for any text (paths, hashes, timings)."""
    return re.compile(".*".join(re.escape(part) for part in line.strip().split("...")))


def test_quickstart_builds_prints_and_runs_as_the_page_says(venv: Venv, tmp_path: Path) -> None:
    project = tmp_path / "signals"
    for name, text in project_files(PAGE).items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    shown = [command for sample in _installed("console") for command, _ in commands(sample)]
    assert shown == ["pip install ."], shown
    done = venv.pip_run("install", "-v", "--no-deps", "--force-reinstall", "--no-cache-dir", project)
    assert done.returncode == 0, done.stdout
    printed = done.stdout.splitlines()
    for block in _installed("text"):
        for line in block.body.strip().splitlines():
            assert any(_pattern(line).fullmatch(p.strip()) for p in printed), \
                f"the page says the build prints {line!r}; it printed:\n{done.stdout[-6000:]}"
    session = "\n".join(sample.body for sample in _installed("pycon"))
    ran = venv.python_run("-c", DOCTEST_IN_VENV, json.dumps(session))
    assert ran.returncode == 0, ran.stdout

