"""The build cache's own machinery on the real file system: fallback, locking, publishing, eviction,
the content key, and the precedence of config settings over PYRS_BUILD_* over pyproject.toml."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest

from pyrs_build.backend.hooks import split_config_settings
from pyrs_build.cargo import cache
from pyrs_build.cargo.key import module_key
from pyrs_build.cargo.toolchain import cargo_binary
from pyrs_build.diagnostics import DiagnosticError
from pyrs_build.settings import load_settings


def test_unwritable_cache_dir_falls_back_to_a_temp_dir_with_a_warning(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    root = cache.usable_cache_root(str(blocker / "cache"))  # even root cannot create a dir under a file
    assert root != blocker / "cache" and root.is_dir()
    probe = root / "probe"
    probe.write_text("ok")  # the fallback is writable
    probe.unlink()
    warning = capsys.readouterr().err
    assert f"pyrs-build: warning: the build cache {blocker / 'cache'} is not writable" in warning
    assert f"using {root} instead" in warning


def test_writable_cache_dir_is_used_silently(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cache.usable_cache_root(str(tmp_path / "cache")) == tmp_path / "cache"
    assert capsys.readouterr().err == ""


def _hold_lock(lock_file: str, seconds: float, started: "multiprocessing.synchronize.Event") -> None:
    with cache.locked(Path(lock_file)):
        started.set()
        time.sleep(seconds)


def test_entry_lock_excludes_another_process_until_released(tmp_path: Path) -> None:
    lock_file = tmp_path / "locks" / "m.lock"
    started = multiprocessing.Event()
    holder = multiprocessing.Process(target=_hold_lock, args=(str(lock_file), 1.0, started))
    holder.start()
    assert started.wait(30)
    with cache.locked(lock_file, blocking=False) as taken:
        assert not taken
    begin = time.monotonic()
    with cache.locked(lock_file) as taken:
        assert taken and time.monotonic() - begin > 0.2  # waited for the holder
    holder.join()


def test_lock_of_a_killed_process_is_released(tmp_path: Path) -> None:
    lock_file = tmp_path / "m.lock"
    started = multiprocessing.Event()
    holder = multiprocessing.Process(target=_hold_lock, args=(str(lock_file), 60.0, started))
    holder.start()
    assert started.wait(30)
    holder.kill()  # SIGKILL: no cleanup code runs
    holder.join()
    with cache.locked(lock_file, blocking=False) as taken:
        assert taken


def _entry(root: Path, key: str = "k" * 24) -> cache.Entry:
    return cache.Entry(root, "pkg.fast", key, "fast.so")


def test_publish_is_all_or_nothing_and_repairs_leftovers(tmp_path: Path) -> None:
    entry = _entry(tmp_path)
    built = tmp_path / "libbuilt.so"
    built.write_bytes(b"\x7fELF library")
    entry.library.parent.mkdir(parents=True)
    leftover = entry.library.parent / f".{entry.library_name}.tmp12345"
    leftover.write_bytes(b"half a library from a killed build")
    assert not entry.is_complete()
    entry.publish(built, {"module": "pkg.fast", "compiled": ["f"]})
    assert entry.is_complete() and entry.library.read_bytes() == b"\x7fELF library"
    assert entry.info()["compiled"] == ["f"]
    assert not leftover.exists()
    assert os.stat(entry.library).st_mode & 0o777 == 0o755


def test_eviction_keeps_recent_entries_and_removes_old_ones_with_their_target_files(tmp_path: Path) -> None:
    old, recent = _entry(tmp_path, "a" * 24), _entry(tmp_path, "b" * 24)
    for entry in (old, recent):
        entry.crate.mkdir(parents=True)
        (entry.crate / "Cargo.toml").write_text(f'[package]\nname = "pyrs-pkg-fast-{entry.key}"\n')
    stale = cache.target_dir(tmp_path) / "release" / "deps" / f"libpyrs_pkg_fast_{old.key}-0123.so"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"")
    long_ago = time.time() - 40 * 86400
    os.utime(old.directory, (long_ago, long_ago))
    assert cache.evict(tmp_path) == [old.directory.name]
    assert not old.directory.exists() and not stale.exists() and recent.directory.exists()
    assert cache.evict(tmp_path, keep=0) == [recent.directory.name]


def test_eviction_skips_an_entry_being_built(tmp_path: Path) -> None:
    entry = _entry(tmp_path)
    entry.crate.mkdir(parents=True)
    with cache.locked(entry.lock_file):
        assert cache.evict(tmp_path, keep=0) == []
    assert entry.directory.exists()


def test_content_key_changes_with_source_stub_settings_and_flags() -> None:
    cargo = cargo_binary()
    base = module_key("pkg.fast", b"def f(x: float) -> float: return x", None, {"profile": "release"}, cargo, {})
    assert base == module_key("pkg.fast", b"def f(x: float) -> float: return x", None, {"profile": "release"}, cargo, {})
    variants = [
        module_key("pkg.fast", b"def f(x: float) -> float: return -x", None, {"profile": "release"}, cargo, {}),
        module_key("pkg.fast", b"def f(x: float) -> float: return x", b"", {"profile": "release"}, cargo, {}),
        module_key("pkg.fast", b"def f(x: float) -> float: return x", None, {"profile": "dev"}, cargo, {}),
        module_key("pkg.fast", b"def f(x: float) -> float: return x", None, {"profile": "release"}, cargo,
                   {"RUSTFLAGS": "-C target-cpu=native"}),
        module_key("pkg.other", b"def f(x: float) -> float: return x", None, {"profile": "release"}, cargo, {}),
    ]
    assert len({base, *variants}) == 6


def _project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[tool.pyrs-build]\nmodules = ["pkg.fast"]\nprofile = "release"\n'
                                             'on-type-mismatch = "python"\n')
    return tmp_path


def test_precedence_config_settings_over_environment_over_pyproject(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert load_settings(project, environ={}).profile == "release"
    env = {"PYRS_BUILD_PROFILE": "dev", "PYRS_BUILD_ON_TYPE_MISMATCH": "error"}
    assert load_settings(project, environ=env).profile == "dev"
    settings = load_settings(project, environ=env, overrides={"profile": "release"})
    assert (settings.profile, settings.on_type_mismatch) == ("release", "error")


def test_bad_config_settings_are_diagnosed(tmp_path: Path) -> None:
    project = _project(tmp_path)
    with pytest.raises(DiagnosticError) as caught:
        load_settings(project, environ={}, overrides={"profile": "fast", "modules": "x", "profle": "dev"})
    messages = [d.message for d in caught.value.diagnostics]
    assert "config setting pyrs-build.profile: expected one of 'release', 'dev', got 'fast'" in messages
    assert "unknown config setting 'pyrs-build.modules'" in messages
    assert "unknown config setting 'pyrs-build.profle'" in messages


def test_config_settings_split_between_pyrs_build_and_setuptools() -> None:
    ours, rest = split_config_settings({"pyrs-build.profile": ["dev", "release"], "--build-option": ["--x"]})
    assert ours == {"profile": "release"} and rest == {"--build-option": ["--x"]}
    assert split_config_settings(None) == ({}, None)
