"""MkDocs hook (mkdocs.yml `hooks:`): fill the `<!-- generated: ... -->` markers of each page with
tables asked of the compiler, the test corpus and the settings model (see generate.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HOOKS = Path(__file__).resolve().parent
REPO = HOOKS.parents[1]
for path in (str(HOOKS), str(REPO)):
    if path not in sys.path:
        sys.path.insert(0, path)

import generate  # noqa: E402


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return generate.expand(markdown)


def on_post_build(config: Any) -> None:
    """The annotate guide shows a real report: run `pyrs-build annotate` on its example module. The
    benchmarks page shows the plots the benchmark command wrote into benchmarks/results/."""
    import shutil

    from pyrs_build.cli import main

    site = Path(config["site_dir"])
    plots = site / "benchmark-plots"
    plots.mkdir(parents=True, exist_ok=True)
    for plot in sorted((REPO / "benchmarks" / "results").glob("*.png")):
        shutil.copy(plot, plots / plot.name)
    example = REPO / "docs" / "examples" / "annotate_demo.py"
    if main(["annotate", str(example), "--on-unsupported", "python", "-o",
             str(site / "annotate-example.html")]) != 0:
        raise RuntimeError(f"pyrs-build annotate failed on {example}")


def on_config(config: Any) -> Any:
    """`--8<-- "path"` includes are relative to the repository root, wherever mkdocs runs from."""
    config["mdx_configs"].setdefault("pymdownx.snippets", {})["base_path"] = [str(REPO)]
    return config
