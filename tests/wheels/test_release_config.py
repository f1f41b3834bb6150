"""The release configuration, checked by the real tools without building anything: cibuildwheel
reads cibuildwheel.toml and the wheels guide's [tool.cibuildwheel] snippet (it rejects unknown keys) and
lists the builds they make; actionlint lints the workflow (with shellcheck on its `run:` scripts);
shellcheck lints hooks/. The containers themselves need Docker, which this machine does not run."""

from __future__ import annotations

import os
import tempfile
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "wheels.yml"
GUIDE = REPO / "docs" / "pages" / "guides" / "wheels.md"  # the settings shown to users
PYTHONS = ["cp39", "cp310", "cp311", "cp312", "cp313"]
TOOLS = Path(sys.executable).parent  # the test extras install the tools beside the interpreter

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Linux wheels are checked with Linux tools")


def tool(name: str) -> str:
    """A command from the test extras (or PATH); missing means the test environment is incomplete."""
    found = shutil.which(name, path=f"{TOOLS}{os.pathsep}{os.environ.get('PATH', '')}")
    assert found, f"{name} is missing: install the test extras (pip install -e '.[test]')"
    return found


def tool_env() -> dict[str, str]:
    return {**os.environ, "PATH": f"{TOOLS}{os.pathsep}{os.environ.get('PATH', '')}"}


def build_identifiers(package: Path, arch: str, config_file: Path | None = None) -> list[str]:
    command = [tool("cibuildwheel"), "--print-build-identifiers", "--platform", "linux", "--archs", arch]
    if config_file is not None:
        command += ["--config-file", str(config_file)]
    done = subprocess.run(command + [str(package)], cwd=REPO, capture_output=True, text=True, env=tool_env())
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def expected_identifiers(arch: str) -> list[str]:
    return [f"{python}-{libc}_{arch}" for libc in ("manylinux", "musllinux") for python in PYTHONS]


@pytest.mark.parametrize("arch", ["x86_64", "aarch64"])
def test_cibuildwheel_toml_builds_cpython_39_to_313(arch: str) -> None:
    identifiers = build_identifiers(REPO / "example_pkg", arch, REPO / "cibuildwheel.toml")
    assert identifiers == expected_identifiers(arch)


def test_cibuildwheel_rejects_an_unknown_key(tmp_path: Path) -> None:
    """What makes the checks above worth something: a misspelt key is an error, not ignored."""
    bad = tmp_path / "cibuildwheel.toml"
    bad.write_text((REPO / "cibuildwheel.toml").read_text().replace("test-extras", "test-extra"))
    command = [tool("cibuildwheel"), "--print-build-identifiers", "--platform", "linux", "--config-file", str(bad),
               str(REPO / "example_pkg")]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=tool_env())
    assert done.returncode != 0
    assert "test-extra" in done.stderr


def guide_cibuildwheel_snippet() -> str:
    """The ```toml block of the wheels guide that holds [tool.cibuildwheel]."""
    blocks = re.findall(r"```toml\n(.*?)```", GUIDE.read_text(), flags=re.S)
    snippets = [block for block in blocks if "[tool.cibuildwheel]" in block]
    assert len(snippets) == 1, "the wheels guide shows one [tool.cibuildwheel] snippet"
    return snippets[0]


@pytest.mark.parametrize("arch", ["x86_64", "aarch64"])
def test_guide_pyproject_snippet_builds_the_same(tmp_path: Path, arch: str) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["pyrs-build"]\nbuild-backend = "pyrs_build"\n\n'
        '[project]\nname = "user-package"\nversion = "1.0"\nrequires-python = ">=3.9"\n\n'
        + guide_cibuildwheel_snippet())
    assert build_identifiers(tmp_path, arch) == expected_identifiers(arch)


def test_cibuildwheel_settings_install_rust_and_repair_with_auditwheel() -> None:
    for text in ((REPO / "cibuildwheel.toml").read_text(), guide_cibuildwheel_snippet()):
        assert "rustup" in text or "hooks/install-rust" in text
        assert "--profile minimal" in text or "hooks/install-rust" in text
        assert 'repair-wheel-command = "auditwheel repair -w {dest_dir} {wheel}"' in text
        assert "CARGO_HOME" in text and "PYRS_BUILD_CACHE_DIR" in text
    assert "--profile minimal" in (REPO / "hooks" / "install-rust").read_text()


def test_workflow_passes_actionlint() -> None:
    done = subprocess.run([tool("actionlint"), "-shellcheck", tool("shellcheck"), str(WORKFLOW)],
                          cwd=REPO, capture_output=True, text=True, env=tool_env())
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "wheels.yml"
    broken.write_text(WORKFLOW.read_text().replace("if-no-files-found:", "if-no-file-found:"))
    done = subprocess.run([tool("actionlint"), str(broken)], capture_output=True, text=True, env=tool_env())
    assert done.returncode != 0 and "if-no-file-found" in done.stdout


def test_workflow_builds_aarch64_on_native_arm_runners() -> None:
    text = WORKFLOW.read_text()
    assert "os: [ubuntu-24.04, ubuntu-24.04-arm]" in text
    assert "setup-qemu-action" not in text
    assert "pypa/gh-action-pypi-publish@release/v1" in text and "id-token: write" in text
    assert "--sdist" in text


def test_hooks_pass_shellcheck() -> None:
    hooks = sorted(str(p) for p in (REPO / "hooks").iterdir() if p.is_file())
    assert hooks
    done = subprocess.run([tool("shellcheck"), "-x", *hooks], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_missing_cross_tools_are_named_with_their_debian_packages() -> None:
    """hooks/lib.sh as a non-root user (root would apt-get install them): exit 1, naming the packages."""
    # a copy the other user can read: the checkout may sit in a directory only root can enter
    readable = Path(tempfile.mkdtemp())
    readable.chmod(0o755)
    lib = readable / "lib.sh"
    shutil.copy(REPO / "hooks" / "lib.sh", lib)
    lib.chmod(0o644)
    script = (f". {lib}; need_tools 'cross-building for aarch64' "
              "pyrs-no-such-gcc:gcc-aarch64-linux-gnu pyrs-no-such-qemu:qemu-user-static sh:dash")
    command = ["bash", "-c", script]
    if os.geteuid() == 0:
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    try:
        done = subprocess.run(command, capture_output=True, text=True, cwd=readable)
    finally:
        shutil.rmtree(readable)
    assert done.returncode == 1
    assert "sudo apt-get install -y gcc-aarch64-linux-gnu qemu-user-static\n" in done.stderr
    assert "dash" not in done.stderr
