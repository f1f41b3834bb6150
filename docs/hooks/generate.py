"""Expand `<!-- generated: WHAT ARGS -->` markers in the pages into tables made from the compiler
(catalog.py), the test corpus (corpus.py) and the settings model. The mkdocs hook calls `expand`
on every page; the tests call it too, so a page with an unknown marker fails both."""

from __future__ import annotations

import importlib.util
import json
import re
import shlex
from collections import defaultdict
from pathlib import Path
from typing import Callable

import catalog
import corpus
from pyrs_build.settings import model, schema

MARKER = re.compile(r"<!-- generated: (.+?) -->")
REPO = Path(__file__).resolve().parents[2]


def expand(markdown: str) -> str:
    return MARKER.sub(lambda m: _render(shlex.split(m.group(1))), markdown)


def _render(words: list[str]) -> str:
    what, args = words[0], words[1:]
    generator = GENERATORS.get(what)
    if generator is None:
        raise ValueError(f"unknown generated section {what!r}; known: {', '.join(sorted(GENERATORS))}")
    return generator(*args)


def _code(text: str) -> str:
    return f"`{text}`"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _first_refusal(answers: list[catalog.Answer]) -> str:
    reasons = [a.reason for a in answers if a.reason]
    return reasons[0] if reasons else "refused"


# ---- operators ----------------------------------------------------------------------------------


def operators(left: str) -> str:
    """One row per right operand kind: the operators that compile, grouped by result type."""
    answers = [a for a in catalog.operator_answers() if len(a.kinds) == 2 and a.kinds[0] == left]
    by_right: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for answer in answers:
        if answer.result is not None:
            op = answer.expression.split()[1]
            by_right[answer.kinds[1]][catalog.display_type(answer.result)].append(op)
    if not by_right:
        return (f"No binary operator with a left operand of type `{left}` compiles yet "
                f"(the compiler says: *{_first_refusal(answers)}*).\n")
    rows = []
    for right in (k for k in catalog.all_kinds() if k in by_right):
        groups = [f"{' '.join(_code(op) for op in ops)} → {_code(result)}" for result, ops in by_right[right].items()]
        rows.append([_code(right), "<br>".join(groups)])
    return _table([f"`x: {left}`, `y:`", "`x OP y` compiles for OP → result type"], rows)


def array_sections() -> str:
    """For every kind of array the compiler knows: its operator tables (so a new dtype gets its
    section without editing a page)."""
    parts = []
    for kind in catalog.array_kinds():
        parts.append(f"### `{kind}`\n\n{operators(kind)}\n{unary(kind)}")
    return "\n".join(parts)


def unary(kind: str) -> str:
    answers = [a for a in catalog.operator_answers() if a.kinds == (kind,)]
    rows = [[_code(a.expression.replace("a0", "x")), _code(catalog.display_type(a.result))]
            for a in answers if a.result is not None]
    if not rows:
        return f"No unary operator on `{kind}` compiles yet (the compiler says: *{_first_refusal(answers)}*).\n"
    return _table([f"`x: {kind}`", "result"], rows)


# ---- functions, constants, members ----------------------------------------------------------------


def _tested_in(name: str) -> str:
    paths = corpus.corpus_names().get(name, [])
    return ", ".join(_code(str(p.relative_to(REPO / "tests" / "cases"))) for p in paths[:2]) or "**untested**"


def _signatures(answers: list[catalog.Answer]) -> str:
    """'(T) → float — T: int | float' lines, grouping argument kinds that give the same result for
    the same numbers of arguments; calls mixing kinds are listed one by one."""
    arities: dict[tuple[str, str], set[int]] = defaultdict(set)
    mixed: list[str] = []
    for a in answers:
        result = catalog.display_type(a.result or "")
        if len(set(a.kinds)) == 1:
            arities[(a.kinds[0], result)].add(len(a.kinds))
        else:
            mixed.append(f"`({', '.join(a.kinds)})` → `{result}`")
    groups: dict[tuple[tuple[int, ...], str], list[str]] = defaultdict(list)
    for (kind, result), counts in arities.items():
        groups[(tuple(sorted(counts)), result)].append(kind)
    lines = []
    for (counts, result), kinds in groups.items():
        arguments = ", ".join(["T"] * counts[0]) + "".join(f"[, T]" for _ in counts[1:])
        if len(kinds) == 1:
            lines.append(f"`({arguments.replace('T', kinds[0])})` → `{result}`")
        else:
            lines.append(f"`({arguments})` → `{result}` for T in {', '.join(_code(k) for k in kinds)}")
    return "<br>".join(lines + mixed)


def functions(prefix: str) -> str:
    """Every supported function whose name starts with `prefix` ('math.', 'numpy.', 'builtins')."""
    table = catalog.supported_functions()
    names = sorted(n for n, answers in table.items()
                   if any(a.kinds for a in answers) and (n.startswith(prefix) if prefix != "builtins" else "." not in n))
    if not names:
        return f"No `{prefix}` function compiles yet.\n"
    rows = [[_code(name.replace("numpy.", "np.")), _signatures([a for a in table[name] if a.kinds]),
             _tested_in(name)] for name in names]
    return _table(["function", "arguments → result", "tested in"], rows)


def constants(prefix: str) -> str:
    table = catalog.supported_functions()
    names = sorted(n for n, answers in table.items() if n.startswith(prefix) and any(not a.kinds for a in answers))
    return ", ".join(_code(n.replace("numpy.", "np.")) for n in names) + "\n" if names else "none yet\n"


def members(*kinds: str) -> str:
    """Methods, attributes, indexing and `len(x)` on values of the given kinds ('arrays': every
    kind of array)."""
    if kinds == ("arrays",):
        kinds = tuple(catalog.array_kinds())
    answers = [a for a in catalog.member_answers() if a.kinds[0] in kinds]
    by_member: dict[str, list[str]] = defaultdict(list)
    for a in answers:
        if a.result is not None:
            by_member[a.expression.replace("a0", "x")].append(f"`{a.kinds[0]}` → `{catalog.display_type(a.result)}`")
    if not by_member:
        return f"No method, attribute or indexing of {', '.join(kinds)} compiles yet.\n"
    return _table(["expression", "argument → result"], [[_code(m), "<br>".join(r)] for m, r in by_member.items()])


def constructs() -> str:
    rows = []
    for label, _params, _body, result, reason in catalog.construct_answers():
        rows.append([label, "yes" if not reason and result is not None else "no", f"*{reason}*" if reason else ""])
    return _table(["construct", "compiles", "the compiler says"], rows)


# ---- configuration --------------------------------------------------------------------------------


def settings() -> str:
    """One section per key: what it takes, its default, how to set it for one build, what it means."""
    env_of = {name: var for var, name in model.ENV_OVERRIDES.items()}
    prefix = getattr(model, "CONFIG_PREFIX", None)
    described = schema.json_schema()
    sections = []
    for spec in model.settings_fields():
        key = spec.metadata["key"]
        prop = described["properties"][key]
        rows = [["values", _values(prop)],
                ["default", "none: required" if key in described["required"] else _code(json.dumps(spec.default))]]
        if spec.name in env_of:
            rows.append(["environment variable", _code(env_of[spec.name])])
        if prefix and spec.name not in ("modules", "module"):
            rows.append(["config setting", _code(f"-C {prefix}{key}=...")])
        if spec.metadata.get("per_module"):
            rows.append(["per module", "yes, in `[[tool.pyrs-build.module]]`"])
        facts = "\n".join(f"- **{name}**: {value}" for name, value in rows)
        sections.append(f"### `{key}`\n\n{prop['description']}\n\n{facts}\n")
    return "\n".join(sections)


def _values(prop: dict[str, object]) -> str:
    """What the schema allows for one key, in words."""
    if "enum" in prop:
        return " | ".join(_code(json.dumps(v)) for v in prop["enum"])  # type: ignore[union-attr]
    items = prop.get("items")
    if prop.get("type") == "array" and isinstance(items, dict):
        if items.get("type") == "object":
            keys = ", ".join(_code(k) for k in items.get("properties", {}))
            return f"array of tables with the keys {keys}"
        return f"list of {items.get('type')}s"
    return str(prop.get("type"))


def config_settings() -> str:
    """The `-C`/`--config-settings` keys the backend reads, when it reads them: every setting but
    the module lists (as `settings.model._apply_overrides` does)."""
    prefix = getattr(model, "CONFIG_PREFIX", None)
    if prefix is None:
        return ("This version of pyrs-build does not read `config_settings`: pip's `-C` options are passed on to "
                "setuptools unchanged. Use the environment variables below for per-build overrides.\n")
    rows = []
    for spec in model.settings_fields():
        if spec.name in ("modules", "module"):
            continue
        key = spec.metadata["key"]
        value = "true|false" if spec.type in (bool, "bool") else "VALUE"
        rows.append([_code(f"{prefix}{key}={value}"), f"[`{key}`](#settings)"])
    return _table(["config setting", "overrides"], rows)


def json_schema() -> str:
    return "```json\n" + json.dumps(schema.json_schema(), indent=2) + "\n```\n"


def environment() -> str:
    rows = [[_code(var), f"[`{name.replace('_', '-')}`](#settings)"] for var, name in model.ENV_OVERRIDES.items()]
    return _table(["variable", "overrides"], rows)


def numpy_implementations() -> str:
    """Which code computes each NumPy function per element, from the code generator's own table."""
    from pyrs_build.rustgen import expr

    groups: dict[str, list[str]] = defaultdict(list)
    for name, rust in sorted(getattr(expr, "NUMPY_FUNCTIONS", {}).items()):
        groups[_implementation(rust)].append(_code(f"np.{name}"))
    return _table(["computed by", "functions"], [[kind, ", ".join(names)] for kind, names in sorted(groups.items())])


def _implementation(rust: str) -> str:
    exact = {"sqrt", "abs", "floor", "ceil", "trunc", "round_ties_even", "copysign", "max", "min", "is_nan",
             "is_infinite", "is_finite", "is_sign_negative"}
    module, _, function = rust.rpartition("::")
    if module == "f64" and function in exact:
        return "exact IEEE 754 operation (bit-identical everywhere)"
    if module == "f64":
        return "the C library (glibc on Linux), as CPython's `math`"
    if module == "pyrs::vmath":
        return "pyrs-build's branch-free vectorised code (within 1 to 3 ulp of exact, see below)"
    if module == "pyrs::libm":
        return "the `libm` crate (a port of musl's libm)"
    return "pyrs-build's runtime, with NumPy's formula (the tests compare bit for bit)"


def parallel_threshold() -> str:
    """The element count from which fused loops run on all cores, read from the runtime crate."""
    source = (REPO / "pyrs_build" / "runtime" / "src" / "broadcast.rs").read_text(encoding="utf-8")
    match = re.search(r"PARALLEL_THRESHOLD: usize = (\d+)(?: << (\d+))?;", source)
    if match is None:
        raise ValueError("PARALLEL_THRESHOLD not found in the runtime crate")
    value = int(match.group(1)) << int(match.group(2) or 0)
    return f"{value:,}"


def cli_help(*command: str) -> str:
    """`pyrs-build COMMAND --help`, as the installed command prints it."""
    import contextlib
    import io

    from pyrs_build.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main([*command, "--help"])
    return "```text\n" + out.getvalue().rstrip() + "\n```\n"


# ---- float accuracy -------------------------------------------------------------------------------


def ulps() -> str:
    """The ulp bound and its reason for every corpus function compared within a bound."""
    rows = []
    for path in corpus.case_files():
        options = _load_case_options(path)
        for name, option in sorted(options.items()):
            if isinstance(option, dict) and option.get("ulps"):
                rows.append([_code(f"{path.relative_to(REPO / 'tests' / 'cases')}::{name}"), str(option["ulps"]),
                             option.get("why", "")])
    return _table(["tested function", "max ulps", "why"], rows)


def _load_case_options(path: Path) -> dict[str, object]:
    spec = importlib.util.spec_from_file_location(f"_docs_case_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, "PYRS_TEST", {})


GENERATORS: dict[str, Callable[..., str]] = {
    "operators": operators, "unary": unary, "array-sections": array_sections, "functions": functions, "constants": constants, "members": members,
    "settings": settings, "config-settings": config_settings, "schema": json_schema, "environment": environment, "ulps": ulps, "constructs": constructs,
    "numpy-implementations": numpy_implementations, "cli-help": cli_help,
    "parallel-threshold": parallel_threshold,
}
