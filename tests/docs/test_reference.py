"""The reference pages cannot drift: what they list is asked of the compiler (docs/hooks/catalog.py),
every supported function is called by some case of the test corpus (tests/cases, each compiled and
compared with CPython/NumPy by tests/compiler/test_cases.py), and every one appears on a page."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "docs" / "hooks"))

import catalog  # noqa: E402
import corpus  # noqa: E402
import generate  # noqa: E402
from docs_samples import pages  # noqa: E402
from pyrs_build.settings import model  # noqa: E402


def _expanded_pages() -> str:
    return "\n".join(generate.expand(p.read_text(encoding="utf-8")) for p in pages())


def test_the_probe_sees_what_the_compiler_accepts_and_refuses() -> None:
    answers = {(a.expression, a.kinds): a for a in catalog.probe([
        ("math.sqrt(a0)", ("float",)), ("np.exp(a0)", ("float64[:]",)), ("math.no_such_function(a0)", ("float",)),
        ("a0 + a1", ("int", "int")), ("a0 @ a1", ("int", "int"))])}
    assert answers[("math.sqrt(a0)", ("float",))].result == "float"
    assert catalog.display_type(answers[("np.exp(a0)", ("float64[:]",))].result or "") == "float64[:]"
    refused = answers[("math.no_such_function(a0)", ("float",))]
    assert refused.result is None and "math.no_such_function" in refused.reason
    assert answers[("a0 + a1", ("int", "int"))].result == "int"
    assert answers[("a0 @ a1", ("int", "int"))].result is None


def test_every_supported_function_is_called_by_a_corpus_case() -> None:
    used = corpus.corpus_names()
    untested = sorted(set(catalog.supported_functions()) - set(used))
    assert not untested, (f"the compiler supports {untested} but no case in tests/cases calls them: "
                          "add a case (tests/cases/library/ has one per function family)")


def test_every_supported_method_and_attribute_is_used_by_a_corpus_case() -> None:
    used = corpus.corpus_names()
    untested = sorted(set(catalog.supported_methods()) - set(used))
    assert not untested, f"the compiler supports {untested} on some value but no case in tests/cases uses them"


def test_every_supported_function_is_on_a_page() -> None:
    text = _expanded_pages()
    missing = [name for name in catalog.supported_functions()
               if f"`{name.replace('numpy.', 'np.')}`" not in text]
    assert not missing, f"supported but on no docs page: {missing} (a page lacks its <!-- generated: --> table)"


def test_every_kind_of_value_has_its_operator_table() -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in pages())
    assert "<!-- generated: array-sections -->" in text  # one section per kind of array
    for kind in (k for k in catalog.all_kinds() if k not in catalog.array_kinds()):
        assert f'<!-- generated: operators "{kind}" -->' in text, f"no operator table for {kind}"


def test_every_setting_and_environment_variable_is_in_the_configuration_reference() -> None:
    page = generate.expand((REPO / "docs" / "pages" / "configuration.md").read_text(encoding="utf-8"))
    for spec in model.settings_fields():
        assert f"`{spec.metadata['key']}`" in page
    for variable in model.ENV_OVERRIDES:
        assert f"`{variable}`" in page


def test_an_unknown_generated_section_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown generated section"):
        generate.expand("<!-- generated: no-such-table -->")


def test_every_pyrs_build_environment_variable_in_the_code_is_documented() -> None:
    """A `PYRS_BUILD_*` variable read anywhere in the package (Python or the Rust runtime) is on the
    configuration page."""
    page = generate.expand((REPO / "docs" / "pages" / "configuration.md").read_text(encoding="utf-8"))
    sources = [*(REPO / "pyrs_build").rglob("*.py"), *(REPO / "pyrs_build" / "runtime" / "src").glob("*.rs")]
    variables = {v for path in sources for v in re.findall(r"\bPYRS_BUILD_[A-Z0-9_]+\b", path.read_text("utf-8"))}
    assert variables, "no PYRS_BUILD_* variable found: the scan is broken"
    missing = sorted(v for v in variables if f"`{v}`" not in page)
    assert not missing, f"read by the code but not on docs/pages/configuration.md: {missing}"


def test_the_documented_precedence_holds() -> None:
    """configuration.md: pyproject.toml < PYRS_BUILD_* < config settings, over per-module tables."""
    data = {"tool": {"pyrs-build": {"modules": ["pkg.m"], "profile": "release",
                                     "module": [{"name": "pkg.m", "on-unsupported": "python"}]}}}
    assert model.settings_from_pyproject(data, "pyproject.toml").profile == "release"
    from_env = model.settings_from_pyproject(data, "pyproject.toml", environ={"PYRS_BUILD_PROFILE": "dev"})
    assert from_env.profile == "dev"
    both = model.settings_from_pyproject(data, "pyproject.toml", environ={"PYRS_BUILD_PROFILE": "dev"},
                                         overrides={"profile": "release", "on-unsupported": "error"})
    assert both.profile == "release"
    assert both.for_module("pkg.m").on_unsupported == "error"
