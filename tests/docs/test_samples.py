"""Every code sample of the docs is run or checked (conventions in docs_samples.py), so none can rot."""

from __future__ import annotations

import doctest
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from docs_samples import REPO, Sample, commands, pages, project_files, samples
from pyrs_build.diagnostics import DiagnosticError
from pyrs_build.pipeline import compile_to_ir
from pyrs_build.settings.model import settings_from_pyproject

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

RUN_HERE = {"python", "pycon", "console", "toml"}
EXPLAINED = {"text", "json", "rust", "html"}  # output shown to the reader, or an excerpt of generated code
PAGE_IDS = [str(p.relative_to(REPO)) for p in pages()]


def _write_project(page: Path, root: Path) -> Path:
    for name, text in project_files(page).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _module_path(root: Path, module: str) -> Path:
    relative = Path(*module.split(".")).with_suffix(".py")
    for base in (root / "src", root):
        if (base / relative).is_file():
            return base / relative
    raise AssertionError(f"module {module} listed in pyproject.toml has no file in the page")


@pytest.mark.parametrize("page", pages(), ids=PAGE_IDS)
def test_every_sample_is_run_or_says_why_not(page: Path) -> None:
    for sample in samples(page):
        if sample.directive == "not-run":
            assert sample.reason, f"{sample.where}: say why the sample is not run"
            continue
        if sample.title or sample.language in RUN_HERE or (sample.directive or "").startswith("installed"):
            continue
        if sample.included:  # the text of a repository file, inserted by pymdownx.snippets at build time
            continue
        assert sample.language in EXPLAINED, \
            f"{sample.where}: a ```{sample.language} block is neither run nor marked <!-- sample: not-run: why -->"


@pytest.mark.parametrize("page", pages(), ids=PAGE_IDS)
def test_example_projects_compile(page: Path, tmp_path: Path) -> None:
    """The titled files: pyproject.toml validates and every listed module compiles (no cargo)."""
    files = project_files(page)
    if "pyproject.toml" not in files:
        return
    root = _write_project(page, tmp_path)
    data = tomllib.loads(files["pyproject.toml"])
    settings = settings_from_pyproject(data, "pyproject.toml", files["pyproject.toml"], {})
    for module in settings.modules:
        path = _module_path(root, module)
        stub = path.with_suffix(".pyi")
        ir = compile_to_ir(module, path, stub if stub.is_file() else None, settings.on_unsupported)
        assert ir.functions, f"{module}: nothing compiled"


@pytest.mark.parametrize("page", pages(), ids=PAGE_IDS)
def test_toml_snippets_are_valid_settings(page: Path) -> None:
    for sample in samples(page):
        if sample.language != "toml" or sample.directive == "not-run":
            continue
        data = tomllib.loads(sample.body)
        if "pyrs-build" in data.get("tool", {}):
            settings_from_pyproject(data, sample.where, sample.body, {})


@pytest.mark.parametrize("page", pages(), ids=PAGE_IDS)
def test_python_samples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Untitled python blocks and pycon sessions run in order in one namespace, inside the page's
    project (its src/ on sys.path), as a reader would paste them."""
    runnable = [s for s in samples(page) if s.language in ("python", "pycon") and not s.title and s.directive is None]
    if not runnable:
        return
    root = _write_project(page, tmp_path)
    monkeypatch.chdir(root)
    for base in (root, root / "src"):
        monkeypatch.syspath_prepend(str(base))
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for sample in runnable:
        if sample.language == "python":
            exec(compile(sample.body, sample.where, "exec"), namespace)  # noqa: S102 - the sample is the test
        else:
            _run_doctest(sample, namespace)


@pytest.mark.parametrize("page", pages(), ids=PAGE_IDS)
def test_python_samples_that_define_functions_compile(page: Path, tmp_path: Path) -> None:
    """An untitled example that defines functions is an example of compiled code: every function
    in it must compile (the frontend's checks, no cargo). Included files are shown for other
    reasons (the annotate demo has a function that stays Python on purpose)."""
    for number, sample in enumerate(samples(page)):
        if sample.language != "python" or sample.title or sample.directive or sample.included:
            continue
        if "def " not in sample.body:
            continue
        path = tmp_path / f"sample_{number}.py"
        path.write_text(sample.body, encoding="utf-8")
        try:
            compile_to_ir(path.stem, path)
        except DiagnosticError as exc:
            raise AssertionError(f"{sample.where}: the example does not compile:\n{exc.render()}") from None


def _run_doctest(sample: Sample, namespace: dict[str, Any]) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(sample.body, namespace, sample.where, str(sample.page), sample.line)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test, clear_globs=False)
    failed, attempted = runner.summarize(verbose=False)
    assert attempted, f"{sample.where}: a pycon block without examples"
    assert not failed, f"{sample.where}: {failed} doctest example(s) failed (output above)"


@pytest.mark.parametrize("page", pages(), ids=PAGE_IDS)
def test_console_samples_print_what_they_show(page: Path, tmp_path: Path) -> None:
    """`$ pyrs-build check ...` blocks: run in the page's project; the output is what the page shows."""
    consoles = [s for s in samples(page) if s.language == "console" and s.directive is None]
    if not consoles:
        return
    root = _write_project(page, tmp_path)
    for sample in consoles:
        for command, expected in commands(sample):
            argv = shlex.split(command)
            assert argv[:2] in (["pyrs-build", "check"], ["pyrs-build", "transpile"]), \
                f"{sample.where}: '{command}' cannot run here: mark the block <!-- sample: not-run: why -->"
            done = subprocess.run([sys.executable, "-m", "pyrs_build", *argv[1:]], cwd=root, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120,
                                  env={**os.environ, "PYTHONPATH": str(REPO)})
            assert done.stdout.strip("\n") == expected, f"{sample.where}: '{command}' printed:\n{done.stdout}"
