"""`pyrs-build annotate`: the page's structure, and the page as real headless chromium renders it."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

MIXED = '''\
"""Some functions compile, some stay Python."""
import numpy as np
from numpy.typing import NDArray

SCALE = 2.0


def scaled(x: float, k: float = SCALE) -> float:
    """Compiled."""
    y = x * k
    if y > 10.0:
        y = y - 1.0
    return y


def norm(v: NDArray[np.float64]) -> float:
    total = 0.0
    for i in range(v.shape[0]):
        total += v[i] * v[i]
    return total ** 0.5


def quiet(x: float) -> float:
    with np.errstate(all="ignore"):
        return scaled(x) + 1.0


def caller(x: float) -> float:
    return quiet(x) * 2.0
'''


class Lines(HTMLParser):
    """The source lines of the page: number -> (status, text, detail text)."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, dict[str, str]] = {}
        self.current: dict[str, str] | None = None
        self.where = ""
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("link", "img", "script") and (found.get("href") or found.get("src")):
            self.external.append(tag)
        if found.get("id", "") and re.fullmatch(r"L\d+", found["id"] or ""):
            self.current = {"status": found["data-status"] or "", "text": "", "detail": "", "tag": tag}
            self.lines[int(found["id"][1:])] = self.current  # type: ignore[index]
        classes = (found.get("class") or "").split()
        if self.current is not None and "code" in classes:
            self.where = "text"
        elif self.current is not None and "detail" in classes:
            self.where = "detail"

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.where == "text":
            self.where = ""

    def handle_data(self, data: str) -> None:
        if self.current is not None and self.where:
            self.current[self.where] += data


def annotate(tmp_path: Path, *extra: str) -> tuple[Path, subprocess.CompletedProcess[str]]:
    source = tmp_path / "mixed.py"
    source.write_text(MIXED)
    page = tmp_path / "mixed.html"
    done = subprocess.run([sys.executable, "-m", "pyrs_build", "annotate", str(source), "-o", str(page), *extra],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return page, done


def test_every_source_line_is_on_the_page_with_its_status_and_rust(tmp_path: Path) -> None:
    page, done = annotate(tmp_path)
    assert "3 compiled, 1 stay Python, 1 refused line(s)" in done.stdout
    parser = Lines()
    parser.feed(page.read_text())
    lines = parser.lines
    assert [lines[n]["text"] for n in sorted(lines)] == [t or " " for t in MIXED.splitlines()]
    assert parser.external == []  # self-contained: no external stylesheet, script or image
    status = {n: line["status"] for n, line in lines.items()}
    assert {status[n] for n in range(8, 14)} == {"native"}  # scaled
    assert {status[n] for n in range(16, 21)} == {"native"}  # norm
    assert (status[23], status[24], status[25]) == ("python", "refused", "python")  # quiet: the `with` refused
    assert (status[28], status[29]) == ("native", "native")  # caller compiles: it calls quiet through Python
    assert status[5] == "module" and status[2] == "module"
    # the Rust of each statement is under its line
    assert "let mut y = x * k;" in lines[10]["detail"] or "let mut y = (x * k);" in lines[10]["detail"]
    assert "if y > 10.0" in lines[11]["detail"]
    assert re.search(r"for i_value in 0\.\.", lines[18]["detail"])
    assert "pub fn scaled(" in lines[8]["detail"] and "#[pyfunction]" in lines[8]["detail"]
    # the reason for what is not compiled
    assert "'with' statements are not supported yet" in lines[24]["detail"]
    assert "calls 'quiet', which stays Python, through the interpreter" in lines[29]["detail"]
    assert 'call_python::<f64>(&NAMESPACE, "quiet"' in lines[29]["detail"]
    assert 'class="line native via-python"' in page.read_text()
    assert "'quiet' stays Python" in lines[23]["detail"]
    assert lines[24]["tag"] == "details" and lines[2]["tag"] == "div"  # only lines with something to show open


def test_a_module_with_nothing_compilable_gets_a_page_of_errors(tmp_path: Path) -> None:
    source = tmp_path / "nothing.py"
    source.write_text("def f(x):\n    return x\n")
    page = tmp_path / "nothing.html"
    done = subprocess.run([sys.executable, "-m", "pyrs_build", "annotate", str(source), "-o", str(page)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    parser = Lines()
    parser.feed(page.read_text())
    assert parser.lines[1]["status"] == "refused"
    assert "parameter 'x' of 'f' has no type annotation" in parser.lines[1]["detail"]
    assert "Nothing in this module compiles" in page.read_text()


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if found is None:
        pytest.skip("headless chromium is not installed (.ci/run installs Debian's 'chromium' with apt-get; "
                    "this machine could not)")
    return found


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered RGB(A) rows of a non-interlaced 8-bit PNG (chromium's output)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = {}, 8
    idat = b""
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IDAT":
            idat += body
        chunks[kind] = body
        offset += 12 + length
    width, height, depth, color = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and color in (2, 6)
    channels = 3 if color == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up, corner = previous[x], previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, channels, rows


def test_the_page_renders_in_headless_chromium(tmp_path: Path) -> None:
    """A real browser draws the page: the screenshot shows the three line colours (not a blank page).
    The window is taller than the page: headless chromium may leave a scrolled-to anchor blank.
    The screenshot is kept as tmp_path/annotate.png (look at it when changing the page)."""
    browser = chromium()
    page, _ = annotate(tmp_path)
    shot = tmp_path / "annotate.png"
    done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           f"--screenshot={shot}", "--window-size=1100,1400", page.as_uri() + "#L20"],
                          capture_output=True, text=True, timeout=120)
    assert shot.is_file(), done.stderr
    width, channels, rows = png_pixels(shot)
    colours = {row[x:x + 3] for row in rows[::4] for x in range(0, width * channels, channels * 4)}
    native, python, refused = bytes.fromhex("d9f2d9"), bytes.fromhex("fff1b8"), bytes.fromhex("ffd0cc")
    assert {native, python, refused} <= colours, "a line colour is missing from the screenshot"
    assert bytes.fromhex("1e2430") in colours, "line 20 (opened by the #L20 link) does not show its Rust"
    assert len(colours) > 20  # text was drawn, not only flat colour


def test_annotate_project_writes_a_page_per_listed_module_and_an_index(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "mixed.py").write_text(MIXED)
    (tmp_path / "pkg" / "fine.py").write_text("def f(x: float) -> float:\n    return x + 1.0\n")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "pkg"\nversion = "1"\n\n[tool.pyrs-build]\n'
                                             'modules = ["pkg.fine", "pkg.mixed"]\non-unsupported = "python"\n')
    out = tmp_path / "report"
    done = subprocess.run([sys.executable, "-m", "pyrs_build", "annotate", "--project", str(tmp_path), "-o", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "pkg.fine.html", "pkg.mixed.html"]
    index = (out / "index.html").read_text()
    assert '<a href="pkg.mixed.html">pkg.mixed</a>: 3 compiled, 1 stay Python, 1 refused line(s)' in index
    assert 'on-unsupported = &quot;python&quot;: the 1 function(s) marked yellow stay Python' in \
        (out / "pkg.mixed.html").read_text()
