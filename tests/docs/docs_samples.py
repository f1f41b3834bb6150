"""The code samples of the docs pages (docs/pages/**/*.md) and the README, as the tests run them.

Conventions (docs/README.md repeats them for writers):
- ```python title="src/pkg/mod.py"``` (any titled block): a file of the page's example project.
  Titled `.py` modules listed in the page's `pyproject.toml` must compile (frontend, no cargo);
  titled `pyproject.toml` must validate against the settings model.
- ```python``` without a title: run, in order, in one namespace per page.
- ```pycon```: doctest examples, run in the same namespace.
- ```toml``` without a title: parsed; a `[tool.pyrs-build]` table in it must validate.
- ```console```: `$ command` lines with their expected output. `pyrs-build check|transpile` runs
  in the page's project and its output must match.
- `<!-- sample: installed -->` before a block: run by tests/e2e/test_docs_quickstart.py against the
  built and installed project instead (`installed-rebuild`: the output of building it again). `<!-- sample: not-run: REASON -->`: not run (REASON says why).
- A block whose body is `--8<-- "path"` shows a repository file (pymdownx.snippets inserts it when
  the site is built); the tests read that file in its place.
- Other languages (`text`, `rust`, `json`, `html`) are output or excerpts; others (`sh`, `yaml`...)
  need a not-run directive or an include."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PAGES = REPO / "docs" / "pages"
FENCE = re.compile(r"^(?P<indent>[ ]*)(?P<fence>```+)(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)(?P=fence)[ ]*$",
                   re.MULTILINE | re.DOTALL)
DIRECTIVE = re.compile(r"<!-- sample: (?P<what>[\w-]+)(?::\s*(?P<reason>.*?))? -->\s*$")
INCLUDE = re.compile(r'--8<-- "([^"]+)"')  # pymdownx.snippets: a repository file, inserted at build time
TITLE = re.compile(r'title="(?P<title>[^"]+)"')


@dataclass(frozen=True)
class Sample:
    page: Path
    line: int
    language: str
    title: str | None
    directive: str | None  # "installed", "installed-rebuild", "not-run" or None
    reason: str
    body: str
    included: str | None = None  # the repository file a `--8<-- "path"` block shows (body: its text)

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(REPO)}:{self.line}"


def pages() -> list[Path]:
    """The site's pages and the README (whose samples follow the same rules)."""
    return sorted(PAGES.rglob("*.md")) + [REPO / "README.md"]


def samples(page: Path) -> list[Sample]:
    text = page.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        info = match.group("info").strip()
        language = info.split()[0] if info else ""
        title = TITLE.search(info)
        before = text[:match.start()].rstrip().splitlines()
        directive = DIRECTIVE.search(before[-1]) if before else None
        indent = len(match.group("indent"))
        body = "\n".join(line[indent:] for line in match.group("body").splitlines()) + "\n"
        include = INCLUDE.fullmatch(body.strip())
        if include:
            body = (REPO / include.group(1)).read_text(encoding="utf-8")
        found.append(Sample(page, text.count("\n", 0, match.start()) + 1, language,
                            title.group("title") if title else None,
                            directive.group("what") if directive else None,
                            (directive.group("reason") or "") if directive else "", body,
                            include.group(1) if include else None))
    return found


def project_files(page: Path) -> dict[str, str]:
    """The titled blocks of a page: its example project (a later block of the same path wins)."""
    return {s.title: s.body for s in samples(page) if s.title and s.directive != "not-run"}


def commands(sample: Sample) -> list[tuple[str, str]]:
    """(command, expected output) pairs of a console block."""
    pairs: list[tuple[str, list[str]]] = []
    for line in sample.body.splitlines():
        if line.startswith("$ "):
            pairs.append((line[2:], []))
        elif pairs:
            pairs[-1][1].append(line)
    return [(command, "\n".join(output).strip("\n")) for command, output in pairs]
