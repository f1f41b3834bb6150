"""Load the original NumPy source of ``example_pkg.black_scholes`` and compare.

pyrs-build installs the compiled extension *and* the original
``black_scholes.py`` side by side; the extension wins on a normal import.
The demo and the tests load the ``.py`` file directly under another module
name, so both variants can run in one process.
"""

import functools
import importlib
import importlib.machinery
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Optional

import numpy as np
from numpy.typing import ArrayLike

MODULE = "example_pkg.black_scholes"
ORIGINAL_NAME = "example_pkg._black_scholes_original"

# Largest accepted relative difference between the compiled and the original
# prices.  Why 1e-12: both variants evaluate the same ~30 float64 operations
# in the same order; only exp/log/sqrt may differ.  NumPy uses its own SIMD
# exp/log (AVX2/AVX-512), compiled code its own vectorisable ones (within 1
# ulp of glibc's, runtime/src/vmath.rs); both within 1-2 ulp of the true value.  Measured on the
# original alone (NumPy float64 arrays vs the same formula with ``math``
# scalars; test_tolerance_covers_numpy_vs_libm repeats it), for 400k options
# each of the demo distribution and of wider ones (S, K in [1, 200],
# T in [0.01, 10], sigma 0.05-1.0), 90-99 % of prices are bit-identical and:
#   * prices >= 1:  relative difference <= 3.5e-14 (<= 4e-15 in the demo set);
#   * all prices:   absolute difference <= 5.7e-14, i.e. <= 1.7 eps * (S + K).
# The absolute error does not shrink with the price: call = S*N(d1) - K*e*N(d2)
# and put = K*e*(1 - N(d2)) - S*(1 - N(d1)) subtract terms as large as S and
# K, so a deep out-of-the-money price of 1e-20 or 1e-200 carries rounding
# noise of order eps * (S + K) and its relative difference can reach 1e-10
# (measured 2.3e-10 at a price of 6.5e-197).  Hence the absolute floor: the
# denominator never drops below PRICE_FLOOR = 1.0 (one unit of currency), so
# prices under 1 are compared absolutely at 1e-12.  That floor holds while
# 2 eps * max(S, K) stays well below 1e-12, i.e. for S, K up to a few
# hundred; the demo (K <= 100) and the tests (S, K <= 200) keep a margin of
# more than 10x on both sides of the floor.
RTOL = 1e-12
PRICE_FLOOR = 1.0


def module_path() -> Path:
    """File that ``import example_pkg.black_scholes`` loads (.so/.pyd or .py).

    ``find_spec`` reports the same path as the module's ``__file__`` without
    executing the module, so the original variant never loads the extension.
    """
    spec = importlib.util.find_spec(MODULE)
    if spec is None or spec.origin is None:
        raise ImportError(f"cannot locate {MODULE}")
    return Path(spec.origin)


def is_extension_file(path: Optional[str]) -> bool:
    """True if ``path`` ends with an extension-module suffix of this Python."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    return path is not None and str(path).endswith(suffixes)


def is_extension_module(module: ModuleType) -> bool:
    """True if ``module`` was loaded from a compiled extension file."""
    return is_extension_file(getattr(module, "__file__", None))


def original_path() -> Path:
    """The ``black_scholes.py`` kept beside the (compiled) module."""
    return module_path().with_name("black_scholes.py")


def load_original() -> ModuleType:
    """Execute ``black_scholes.py`` as module ``ORIGINAL_NAME`` (cached)."""
    return load_original_of(MODULE)


@functools.lru_cache(maxsize=None)
def load_original_of(module: str) -> ModuleType:
    """Execute the ``.py`` source kept beside the (compiled) ``module`` under another name (cached)."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise ImportError(f"cannot locate {module}")
    package, _, short = module.rpartition(".")
    path = Path(spec.origin).with_name(short + ".py")
    name = ORIGINAL_NAME if module == MODULE else f"{package}._{short}_original"
    source_spec = importlib.util.spec_from_file_location(name, path)
    if source_spec is None or source_spec.loader is None:
        raise ImportError(f"cannot load the original module from {path}")
    original = importlib.util.module_from_spec(source_spec)
    source_spec.loader.exec_module(original)
    return original


def max_rel_diff(a: ArrayLike, b: ArrayLike) -> float:
    """Largest ``|a - b| / max(|a|, |b|, PRICE_FLOOR)`` over all elements.

    Two NaNs in the same place count as equal, a lone NaN as infinite.
    """
    x = np.asarray(a, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    if x.size == 0 and y.size == 0:
        return 0.0
    scale = np.maximum(np.maximum(np.abs(x), np.abs(y)), PRICE_FLOOR)
    rel = np.abs(x - y) / scale
    rel = np.where(np.isnan(x) & np.isnan(y), 0.0, rel)
    return float(np.max(np.where(np.isnan(rel), np.inf, rel)))
