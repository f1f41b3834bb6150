"""One self-contained HTML page per module (no external resources): coloured source lines, each
opening to the Rust generated for it and the reason for anything not compiled."""

from __future__ import annotations

from html import escape

from pyrs_build.annotate.lines import AnnotatedModule, SourceLine

_LABELS = {"native": "compiled to Rust", "python": "stays Python", "refused": "refused", "module": "module level"}

_STYLE = """
:root { --native: #d9f2d9; --python: #fff1b8; --refused: #ffd0cc; --module: #f4f5f7; --line: #8a8f98; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #1d2330; }
h1 { font-size: 20px; margin: 0 0 4px; } .path { color: #5b6270; margin-bottom: 12px; }
.summary { display: flex; gap: 10px; flex-wrap: wrap; margin: 12px 0; }
.badge { padding: 4px 10px; border-radius: 12px; border: 1px solid #0002; }
.badge.native { background: var(--native); } .badge.python { background: var(--python); }
.badge.refused { background: var(--refused); } .badge.module { background: var(--module); }
.policy { margin: 8px 0 16px; padding: 8px 12px; border-left: 4px solid #c0392b; background: #fff5f4; }
.policy.ok { border-color: #2e8b57; background: #f3fbf5; }
.source { border: 1px solid #d5d8de; border-radius: 6px; overflow: hidden; max-width: 1100px; }
.line { display: block; margin: 0; font: 13px/1.5 ui-monospace, "DejaVu Sans Mono", Menlo, monospace; }
.line > summary, .line > .row { display: flex; list-style: none; cursor: default; white-space: pre; }
.line > summary::-webkit-details-marker { display: none; }
details.line > summary { cursor: pointer; } details.line > summary:hover { filter: brightness(0.95); }
.no { flex: 0 0 3.5em; text-align: right; padding-right: 10px; color: var(--line); user-select: none; }
.mark { flex: 0 0 1.2em; color: var(--line); } details > summary .mark::after { content: "\\25B8"; }
details[open] > summary .mark::after { content: "\\25BE"; }
.code { flex: 1; padding-right: 12px; }
.native > summary, .native > .row { background: var(--native); }
.python > summary, .python > .row { background: var(--python); }
.refused > summary, .refused > .row { background: var(--refused); font-weight: 600; }
.module > summary, .module > .row { background: #fff; }
.via-python > summary, .via-python > .row { background: linear-gradient(90deg, var(--python) 0 4.7em, var(--native) 4.7em); }
.badge.via-python { background: var(--native); border-left: 8px solid #e6c200; }
.detail { margin: 0 0 0 4.7em; padding: 4px 12px; background: #fbfbfc; border-left: 3px solid #9aa3b2; }
.detail pre { margin: 4px 0 8px; padding: 8px; background: #1e2430; color: #e8ecf3; border-radius: 4px;
              overflow-x: auto; font-size: 12px; }
.reason { white-space: pre-wrap; color: #8b1d12; font: 12px/1.5 ui-monospace, monospace; margin: 4px 0 8px; }
.note { color: #5b6270; font-size: 12px; }
.controls { margin: 8px 0; } button { font: inherit; padding: 3px 10px; }
"""

_SCRIPT = """
function setAll(open) { document.querySelectorAll('details.line').forEach(d => { d.open = open; }); }
if (location.hash) { const d = document.querySelector(location.hash); if (d && d.tagName === 'DETAILS') d.open = true; }
"""


def render_page(module: AnnotatedModule) -> str:
    body = "".join(_line(line, module) for line in module.lines)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>pyrs-build annotate: {escape(module.name)}</title><style>{_STYLE}</style></head><body>\n"
        f"<h1>{escape(module.name)}</h1><div class=\"path\">{escape(module.path)}</div>\n"
        f"{_summary(module)}{_policy(module)}"
        "<div class=\"controls\"><button onclick=\"setAll(true)\">expand all</button> "
        "<button onclick=\"setAll(false)\">collapse all</button> "
        "<span class=\"note\">click a line to see the Rust generated for it, or why it is not compiled</span></div>\n"
        f"<div class=\"source\">\n{body}</div>\n<script>{_SCRIPT}</script></body></html>\n"
    )


def _summary(module: AnnotatedModule) -> str:
    kept = len(module.kept) if not module.problems else len({l.function for l in module.lines if l.function})
    counts = [("native", len(module.compiled), "function(s) compiled to Rust"),
              ("python", kept, "function(s) stay Python"),
              ("refused", module.count("refused"), "line(s) refused"),
              ("via-python", sum(bool(l.python_calls) for l in module.lines), "line(s) calling Python")]
    badges = [(cls, f"{count} {what}") for cls, count, what in counts if count or cls == "native"]
    badges.append(("module", "module level: Python"))
    return "<div class=\"summary\">" + "".join(
        f"<span class=\"badge {cls}\">{escape(text)}</span>" for cls, text in badges) + "</div>\n"


def _policy(module: AnnotatedModule) -> str:
    if module.problems:
        text = "Nothing in this module compiles: a build fails with the errors marked below."
        return f"<div class=\"policy\">{escape(text)}</div>\n"
    if not module.kept:
        return "<div class=\"policy ok\">Every function compiles.</div>\n"
    if module.policy == "python":
        text = f"on-unsupported = \"python\": the {len(module.kept)} function(s) marked yellow stay Python."
        return f"<div class=\"policy ok\">{escape(text)}</div>\n"
    text = (f"on-unsupported = \"error\" (this module's setting): a build fails on the {len(module.kept)} "
            "function(s) marked yellow; with \"python\" they would stay Python as shown.")
    return f"<div class=\"policy\">{escape(text)}</div>\n"


def _line(line: SourceLine, module: AnnotatedModule) -> str:
    cells = (f"<span class=\"no\">{line.number}</span><span class=\"mark\"></span>"
             f"<span class=\"code\">{escape(line.text) or ' '}</span>")
    title = _LABELS[line.status] + (f" ({line.function})" if line.function else "")
    classes = f"{line.status} via-python" if line.python_calls else line.status
    attrs = f"class=\"line {classes}\" id=\"L{line.number}\" data-status=\"{line.status}\" title=\"{escape(title)}\""
    if not _has_detail(line, module):
        return f"<div {attrs}><div class=\"row\">{cells}</div></div>\n"
    return f"<details {attrs}><summary>{cells}</summary><div class=\"detail\">{_detail(line, module)}</div></details>\n"


def _has_detail(line: SourceLine, module: AnnotatedModule) -> bool:
    return bool(line.rust or line.reasons or line.python_calls or _kept_reason(line, module))


def _kept_reason(line: SourceLine, module: AnnotatedModule) -> str:
    """On a kept function's `def` line: why it stays Python."""
    reason = module.kept.get(line.function or "")
    if reason is None or not line.text.lstrip().startswith(("def ", "async def ")):
        return ""
    return f"'{line.function}' stays Python: {reason.message} (line {reason.line})"


def _detail(line: SourceLine, module: AnnotatedModule) -> str:
    parts = [f"<div class=\"reason\">{escape(r.render())}</div>" for r in line.reasons]
    for name in line.python_calls:
        parts.append(f"<div class=\"note\">calls '{escape(name)}', which stays Python, through the interpreter "
                     "(arguments converted to Python objects, its result checked against its annotation)</div>")
    kept = _kept_reason(line, module)
    if kept:
        parts.append(f"<div class=\"reason\">{escape(kept)}</div>")
    for chunk in line.rust:
        parts.append(f"<pre class=\"rust\"><code>{escape(chunk)}</code></pre>")
    if line.rust and line.text.lstrip().startswith("def "):
        parts.append("<div class=\"note\">the compiled function, its per-element form if it has one, and the "
                     "wrapper Python calls (argument binding and conversion)</div>")
    return "".join(parts)
