"""European option pricing with the Black-Scholes formula, vectorised with NumPy.

This is the first case study of

    H. Lunnikivi, K. Jylkka, T. Hamalainen, "Transpiling Python to Rust for
    Optimized Performance", SAMOS 2020, LNCS vol. 12471, Springer, 2020,
    pp. 127-138, doi:10.1007/978-3-030-60939-9_9.

It is the classic Black-Scholes benchmark: call and put prices of European
options on arrays of spot prices ``S``, strikes ``K`` and maturities ``T``
(in years), for one risk-free rate ``r`` and one volatility ``sigma``.  The
cumulative normal distribution ``cnd`` is the Abramowitz & Stegun polynomial
approximation (Handbook of Mathematical Functions, 1964, formula 26.2.17,
absolute error below 7.5e-8).

The module is flagged for compilation by pyrs-build (``[tool.pyrs-build]
modules`` in pyproject.toml), so it deliberately stays inside the subset the
compiler supports: annotated parameters, local assignments, elementwise
NumPy arithmetic, ``np.exp/log/sqrt/abs/where``, ``math`` functions, calls
to functions of this module, and scalar / array / tuple returns.  No loops,
indexing, classes or exceptions.
"""

import math

import numpy as np
from numpy.typing import NDArray

# Abramowitz & Stegun 26.2.17 coefficients.
CND_P = 0.2316419
A1 = 0.31938153
A2 = -0.356563782
A3 = 1.781477937
A4 = -1.821255978
A5 = 1.330274429

# 1 / sqrt(2 pi), the normal density at zero.
RSQRT2PI = 1.0 / math.sqrt(2.0 * math.pi)

SQRT2 = math.sqrt(2.0)


def cnd(d: NDArray[np.float64]) -> NDArray[np.float64]:
    """Standard normal CDF of every element of ``d`` (Abramowitz & Stegun)."""
    k = 1.0 / (1.0 + CND_P * np.abs(d))
    poly = k * (A1 + k * (A2 + k * (A3 + k * (A4 + k * A5))))
    w = RSQRT2PI * np.exp(-0.5 * d * d) * poly
    return np.where(d > 0.0, 1.0 - w, w)


def black_scholes(
    S: NDArray[np.float64],
    K: NDArray[np.float64],
    T: NDArray[np.float64],
    r: float,
    sigma: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Call and put prices of European options, as the tuple ``(call, put)``.

    ``S``, ``K`` and ``T`` are arrays of one shape: spot price, strike and
    time to maturity in years.  ``r`` is the continuously compounded
    risk-free rate and ``sigma`` the volatility, both per year.
    """
    sqrt_t = np.sqrt(T)
    d1 = (np.log(S / K) + (r + 0.5 * sigma * sigma) * T) / (sigma * sqrt_t)
    d2 = d1 - sigma * sqrt_t
    cnd_d1 = cnd(d1)
    cnd_d2 = cnd(d2)
    discount = np.exp(-r * T)
    call = S * cnd_d1 - K * discount * cnd_d2
    put = K * discount * (1.0 - cnd_d2) - S * (1.0 - cnd_d1)
    return call, put


def d_plus(
    S: NDArray[np.float64],
    K: NDArray[np.float64],
    T: NDArray[np.float64],
    r: float,
    sigma: float,
) -> NDArray[np.float64]:
    """The Black-Scholes ``d1`` term; ``d2`` is ``d1 - sigma * sqrt(T)``."""
    return (np.log(S / K) + (r + 0.5 * sigma * sigma) * T) / (sigma * np.sqrt(T))


def call_price(
    S: NDArray[np.float64],
    K: NDArray[np.float64],
    T: NDArray[np.float64],
    r: float = 0.02,
    sigma: float = 0.30,
) -> NDArray[np.float64]:
    """Price of European call options (see ``black_scholes``)."""
    d1 = d_plus(S, K, T, r, sigma)
    d2 = d1 - sigma * np.sqrt(T)
    return S * cnd(d1) - K * np.exp(-r * T) * cnd(d2)


def put_price(
    S: NDArray[np.float64],
    K: NDArray[np.float64],
    T: NDArray[np.float64],
    r: float = 0.02,
    sigma: float = 0.30,
) -> NDArray[np.float64]:
    """Price of European put options (see ``black_scholes``)."""
    d1 = d_plus(S, K, T, r, sigma)
    d2 = d1 - sigma * np.sqrt(T)
    return K * np.exp(-r * T) * cnd(-d2) - S * cnd(-d1)


def norm_cdf(x: float) -> float:
    """Standard normal CDF of one float, exact up to ``math.erf`` rounding."""
    return 0.5 * (1.0 + math.erf(x / SQRT2))


def black_scholes_scalar(
    S: float, K: float, T: float, r: float, sigma: float
) -> tuple[float, float]:
    """``(call, put)`` for one option, with the exact normal CDF.

    Expects ``T > 0`` and ``sigma > 0``; like the array version it does not
    check its inputs.
    """
    vol_sqrt_t = sigma * math.sqrt(T)
    d1 = (math.log(S / K) + (r + 0.5 * sigma * sigma) * T) / vol_sqrt_t
    d2 = d1 - vol_sqrt_t
    discount = math.exp(-r * T)
    call = S * norm_cdf(d1) - K * discount * norm_cdf(d2)
    put = K * discount * norm_cdf(-d2) - S * norm_cdf(-d1)
    return call, put
