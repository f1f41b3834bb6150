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


# SciPy's erf/erfc/ndtr are Cephes', the compiled ones libm's (msun); measured on 100001 points:
# erf within 2 ulp everywhere; erfc and ndtr within 34 ulp for |x| <= 8, growing in the far tails
# (253 ulp at |x| = 20, subnormal results beyond 26), where Cephes' exp(-x*x) loses accuracy.
TAILS = {"min_value": -8.0, "max_value": 8.0}
PYRS_TEST = {
    "gaussian_cdf_erf": {"ulps": 4, "why": "libm erf vs SciPy's Cephes erf: within 2 ulp"},
    "tail_probability": {"elements": TAILS, "ulps": 40, "why": "libm erfc vs Cephes erfc, see above"},
    "normal_cdf": {"elements": TAILS, "ulps": 40, "why": "Cephes' ndtr formula over libm erf/erfc, see above"},
    "normal_cdf_scalar": {"elements": TAILS, "ulps": 40, "why": "as normal_cdf"},
    "inverse_mills_ratio": {"elements": TAILS, "ulps": 64,
                            "why": "ndtr as above, dividing a pdf (np.exp: 1 ulp)"},
    "shifted_normal": {"elements": {"min_value": 0.5, "max_value": 4.0}, "ulps": 64,
                       "why": "ndtr and pdf as above at (x - loc) / scale, |z| <= 7"},
}
