"""The quick start page, done for real: its files are written out, `pip install -v` builds and
installs them in the session venv and prints the lines the page shows, a second build of the
unchanged project prints the cached lines the page shows, and the page's `>>>` session runs against
the installed compiled modules (samples marked `<!-- sample: installed -->` / `installed-rebuild`)."""

from __future__ import annotations

import json
import re
import sys
import uuid
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


def _marked(directive: str, language: str) -> list[Sample]:
    return [s for s in samples(PAGE) if s.directive == directive and s.language == language]


def _pattern(line: str) -> re.Pattern[str]:
    """A shown output line, with '...' standing for any text (paths, hashes, timings)."""
    return re.compile(".*".join(re.escape(part) for part in line.strip().split("...")))


def _assert_prints(shown: list[Sample], output: str) -> None:
    """Every line of the shown blocks is printed, in the order shown."""
    printed = [line.strip() for line in output.splitlines()]
    position = 0
    for line in (line for block in shown for line in block.body.strip().splitlines()):
        pattern = _pattern(line)
        found = next((i for i in range(position, len(printed)) if pattern.fullmatch(printed[i])), None)
        assert found is not None, f"the page says the build prints {line!r} (after the lines before it); " \
                                  f"it printed:\n{output[-6000:]}"
        position = found + 1


def _pip_install(venv: Venv, project: Path) -> str:
    done = venv.pip_run("install", "-v", "--no-deps", "--force-reinstall", "--no-cache-dir", project)
    assert done.returncode == 0, done.stdout
    return done.stdout


def test_quickstart_builds_prints_and_runs_as_the_page_says(venv: Venv, tmp_path: Path) -> None:
    project = tmp_path / "signals"
    run = uuid.uuid4().hex  # a comment that makes this run's modules new to the build cache
    for name, text in project_files(PAGE).items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text + (f"# test run {run}\n" if name.endswith(".py") else ""), encoding="utf-8")
    shown = [command for sample in _marked("installed", "console") for command, _ in commands(sample)]
    assert shown == ["pip install ."], shown
    _assert_prints(_marked("installed", "text"), _pip_install(venv, project))
    _assert_prints(_marked("installed-rebuild", "text"), _pip_install(venv, project))
    session = "\n".join(sample.body for sample in _marked("installed", "pycon"))
    ran = venv.python_run("-c", DOCTEST_IN_VENV, json.dumps(session))
    assert ran.returncode == 0, ran.stdout
