"""The wheel's tags: the options that make setuptools tag a cross-built or abi3 wheel rightly, and
the check, after the build, that every extension in the wheel is for the machine and Python its
tags name (a wheel for the wrong machine or Python is an error, never a silent result)."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from typing import Any

from pyrs_build.cargo.target import cross_arch
from pyrs_build.settings.model import Settings

# ELF e_machine values (the System V gABI registry) of the machines in Linux wheel tags
ELF_MACHINES = {62: "x86_64", 183: "aarch64", 3: "i686", 40: "armv7l", 21: "ppc64le", 22: "s390x", 243: "riscv64"}
# the CPU part of CPython's extension suffix where it differs from the platform tag
MULTIARCH_CPU = {"i686": "i386", "armv7l": "arm", "ppc64le": "powerpc64le"}
LIMITED_API = "cp39"  # abi3 wheels run on CPython >= 3.9, the oldest Python pyrs-build supports


class WheelTagError(Exception):
    """A built wheel whose extensions do not match its tags."""


def bdist_wheel_options(settings: Settings) -> list[str]:
    """bdist_wheel options for the wheel setuptools is about to write."""
    options = []
    arch = cross_arch()
    if arch is not None:  # the extension is then named `name.so`, not after the host (compile.library_name)
        options.append(f"--plat-name=linux_{arch}")
    if getattr(settings, "abi3", False):  # built with PyO3's abi3-py39 feature (compile.build_module)
        options.append(f"--py-limited-api={LIMITED_API}")
    return options


def with_build_options(config_settings: dict[str, Any] | None, options: list[str]) -> dict[str, Any] | None:
    """`config_settings` with `options` added to setuptools' `--build-option` list."""
    if not options:
        return config_settings
    merged = dict(config_settings or {})
    given = merged.get("--build-option") or []
    merged["--build-option"] = ([given] if isinstance(given, str) else list(given)) + options
    return merged


def elf_machine(data: bytes) -> int:
    """e_machine of an ELF file's header (offset 18, in the file's byte order)."""
    if data[:4] != b"\x7fELF":
        raise WheelTagError("not an ELF file")
    return int.from_bytes(data[18:20], "little" if data[5] == 1 else "big")


def wheel_tags(wheel: Path) -> tuple[str, str, str]:
    """(python, abi, platform) of a wheel file name (one tag each, as setuptools writes them)."""
    python, abi, platform = wheel.name[: -len(".whl")].split("-")[-3:]
    return python, abi, platform


def platform_arch(platform: str) -> str:
    """`linux_x86_64`, `manylinux_2_17_aarch64`, `manylinux2014_aarch64` -> the machine part."""
    for arch in sorted(ELF_MACHINES.values(), key=len, reverse=True):
        if platform.endswith("_" + arch):
            return arch
    raise WheelTagError(f"unknown machine in platform tag {platform!r}")


def check_extension(name: str, data: bytes, python: str, abi: str, arch: str) -> None:
    """One extension module against the wheel's tags: ELF machine and file-name suffix."""
    machine = ELF_MACHINES.get(elf_machine(data), f"ELF machine {elf_machine(data)}")
    if machine != arch:
        raise WheelTagError(f"{name} is built for {machine}, but the wheel is tagged {arch}")
    if abi == "abi3":
        if not name.endswith(".abi3.so"):
            raise WheelTagError(f"{name} is not a limited-API (.abi3.so) extension, but the wheel is tagged abi3")
        return
    parts = Path(name).name.split(".")
    suffix = parts[-2] if len(parts) > 2 else ""  # `cpython-311-x86_64-linux-gnu`, or none (`name.so`)
    expected = f"cpython-{python.removeprefix('cp')}-{MULTIARCH_CPU.get(arch, arch)}-linux-"
    if suffix and not suffix.startswith(expected):
        raise WheelTagError(f"{name} is named for another Python or machine than the wheel's tags {python}, {arch}")


def check_wheel(wheel: Path) -> None:
    """Every `.so` in `wheel` matches its tags, and a CPython-specific wheel is for this interpreter."""
    python, abi, platform = wheel_tags(wheel)
    running = f"cp{sys.version_info.major}{sys.version_info.minor}"
    if abi != "abi3" and python != running:
        raise WheelTagError(f"{wheel.name} is tagged {python}, but was built by {running}")
    if not platform.startswith(("linux", "manylinux", "musllinux")):
        return  # ELF checks only; other platforms' binaries are not ELF
    arch = platform_arch(platform)
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.endswith(".so"):
                check_extension(name, archive.read(name), python, abi, arch)
