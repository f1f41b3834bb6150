"""SciPy's special functions and normal distribution as finance and statistics code imports them,
and NumPy's clip/round, on scalars and arrays."""

import numpy as np
from numpy.typing import NDArray
from scipy import special
from scipy.special import erf, erfc, ndtr
from scipy.stats import norm

Vector = np.ndarray[tuple[int], np.dtype[np.float64]]


def gaussian_cdf_erf(x: Vector):
    return 0.5 * (1.0 + erf(x / np.sqrt(2.0)))


def tail_probability(x: Vector):
    return 0.5 * erfc(x / np.sqrt(2.0))


def normal_cdf(x: Vector):
    return ndtr(x)


def normal_cdf_scalar(x: float):
    return special.ndtr(x)


def inverse_mills_ratio(x: Vector):
    """The hazard of the standard normal, as truncated-regression code writes it."""
    return norm.pdf(x) / norm.cdf(-x)


def shifted_normal(x: Vector, mu: float, sigma: float):
    return norm.cdf(x, mu, sigma) + norm.pdf(x, mu, sigma)


def clipped(x: NDArray[np.float64], lo: float, hi: float):
    return np.clip(x, lo, hi) + 0.0  # NumPy's clip of 0.0 to [0.0, -0.0] depends on its loop


def rounded(x: NDArray[np.float64]):
    return np.round(x) + np.around(-x)


# erf/erfc/ndtr are SciPy's Cephes code ported (runtime/src/cephes.rs) over the same C library exp:
# bit-identical, tails included. norm.pdf is NumPy's np.exp, whose SIMD loop may differ from the C
# library's exp by 1 ulp.
PYRS_TEST = {
    "gaussian_cdf_erf": {"ulps": 0, "why": "Cephes erf ported: bit-identical"},
    "tail_probability": {"ulps": 0, "why": "Cephes erfc ported: bit-identical"},
    "normal_cdf": {"ulps": 0, "why": "Cephes ndtr ported: bit-identical"},
    "normal_cdf_scalar": {"ulps": 0, "why": "as normal_cdf"},
    "inverse_mills_ratio": {"ulps": 3, "why": "ndtr exact; the pdf's exp (NumPy's SIMD exp vs libc): 1 ulp, "
                            "then one division"},
    "shifted_normal": {"ulps": 4, "why": "ndtr exact, the pdf's exp 1 ulp at (x - loc) / scale, then a sum"},
}
