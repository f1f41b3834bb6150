"""Python identifiers as Rust identifiers."""

from __future__ import annotations

_KEYWORDS = {
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait", "true",
    "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box", "do",
    "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
}
_NOT_RAW = {"self", "Self", "super", "crate", "_"}
# names the generated code itself uses in the same scopes as user names
RESERVED = {"py", "args", "kwargs", "fallback", "original", "result", "python", "ORIGINALS", "ON_MISMATCH",
            "SOURCE", "pyrs_module_init", "pyrs", "ndarray", "numpy", "pyo3", "std", "core", "f64", "i64",
            "bool", "Ok", "Err", "Some", "None", "PyResult", "ArrayD", "ArrayViewD", "Ordering"}
# (names bound inside the runtime's macros need no entry: macro_rules locals are hygienic)


# Generated names are user names plus a suffix: `<f>_element` (per-element form), `<f>$<types>` (a
# copy for other argument types) and `<f>$overload<i>` (an @overload signature); `$` cannot occur in
# Python identifiers and becomes `__`.
# User names that could equal a generated one (containing `__`, ending in `_element`) or that end
# in `_` get one more `_`: the mapping stays one-to-one and never meets a generated name.
GENERATED_SUFFIX = "_element"


def rust_ident(name: str) -> str:
    """The Rust identifier of a Python name (or of a generated name containing `$`)."""
    if "$" in name:
        return name.replace("$", "__")
    if name in _NOT_RAW or name in RESERVED or name.endswith(("_", GENERATED_SUFFIX)) or "__" in name:
        return f"{name}_"
    if name in _KEYWORDS:
        return f"r#{name}"
    return name


def element_function_name(name: str) -> str:
    """The per-element form of function `name`."""
    return rust_ident(name).removeprefix("r#") + GENERATED_SUFFIX


def rust_string(text: str) -> str:
    """A Rust string literal holding exactly `text`."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char == "\r":
            out.append("\\r")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{{{ord(char):x}}}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
