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


def standard_normal(x: Vector):
    return norm.cdf(x) - norm.pdf(x)


def shifted_normal(x: Vector, mu: float, sigma: float):
    return norm.cdf(x, mu, sigma) + norm.pdf(x, mu, sigma)


def clipped(x: NDArray[np.float64], lo: float, hi: float):
    return np.clip(x, lo, hi)


def rounded(x: NDArray[np.float64]):
    return np.round(x) + np.around(-x)


PYRS_TEST = {
    "gaussian_cdf_erf": {"ulps": 4, "why": "libm (msun) erf vs SciPy's Cephes erf: both within ~1 ulp"},
    "tail_probability": {"ulps": 4, "why": "libm erfc vs SciPy's Cephes erfc"},
    "normal_cdf": {"ulps": 4, "why": "Cephes ndtr's formula over libm erf/erfc vs Cephes erf/erfc"},
    "normal_cdf_scalar": {"ulps": 4, "why": "as normal_cdf"},
    "standard_normal": {"ulps": 4, "why": "ndtr as above; np.exp: NumPy's SIMD exp vs libm (1 ulp)"},
    "shifted_normal": {"ulps": 8, "why": "as standard_normal, after (x - loc) / scale"},
}
