"""tests/cases/names/hygiene.py is compared with CPython by the case tests (values and exception
types); here the texts: exception messages with quotes, backslashes, braces and unicode, docstrings
and signatures with Rust keywords and non-ASCII names are the original's, character for character."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from compiler.harness import compile_and_import

CASE = Path(__file__).parents[1] / "cases" / "names" / "hygiene.py"


def test_messages_docstrings_and_signatures_are_the_originals(tmp_path: Path) -> None:
    built = compile_and_import(CASE, tmp_path)
    compiled, original = built.compiled, built.original
    for code in range(1, 6):
        with pytest.raises(ValueError) as from_compiled:
            compiled.messages(code)
        with pytest.raises(ValueError) as from_original:
            original.messages(code)
        assert str(from_compiled.value) == str(from_original.value)
    for name in compiled.__pyrs_build__["compiled"]:
        assert getattr(compiled, name).__doc__ == getattr(original, name).__doc__, name
        if name.isascii() and getattr(original, name).__code__.co_varnames[0].isascii():
            # CPython 3.11's inspect encodes a builtin's __text_signature__ as ASCII: non-ASCII
            # parameter names make inspect.signature fail there (known, left: see the report)
            assert _parameters(getattr(compiled, name)) == _parameters(getattr(original, name)), name
    assert compiled.keywords(type=1.5, match=2, fn=True, impl=0.5, ref=1) == original.keywords(1.5, 2, True, 0.5, 1)
    assert compiled.non_ascii(größe=2.0, Δx=0.5, naïve=1) == original.non_ascii(2.0, 0.5, 1)


def _parameters(function: object) -> list[tuple[str, object, object]]:
    """Names, kinds and defaults (a builtin's text signature carries no annotations)."""
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]
