"""Tests of the installed ``example_pkg.black_scholes`` (compiled or not).

The differential tests compare it with the original ``black_scholes.py``
kept beside it, within the tolerance justified in ``example_pkg._original``.
"""

import inspect
import math
from typing import Any, Callable, Tuple

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.typing import NDArray

import example_pkg.black_scholes as bs
from example_pkg._original import RTOL, is_extension_module, load_original, max_rel_diff

Arrays = Tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]
PARAMETERS = ["S", "K", "T", "r", "sigma"]

requires_compiled = pytest.mark.skipif(
    not is_extension_module(bs), reason="example_pkg.black_scholes is not compiled"
)


def random_options(n: int, seed: int) -> Arrays:
    """Spot, strike and maturity arrays in the ranges of the tests."""
    rng = np.random.default_rng(seed)
    return rng.uniform(1.0, 200.0, n), rng.uniform(1.0, 200.0, n), rng.uniform(0.01, 10.0, n)


# --- (1) textbook values: Hull, Options, Futures and Other Derivatives ------

def test_hull_example_arrays() -> None:
    # S=42, K=40, T=0.5, r=0.10, sigma=0.20: call 4.76, put 0.81 (Hull, ch. 15).
    call, put = bs.black_scholes(np.array([42.0]), np.array([40.0]), np.array([0.5]), 0.10, 0.20)
    assert np.shape(call) == np.shape(put) == (1,)
    assert abs(call[0] - 4.76) < 0.005
    assert abs(put[0] - 0.81) < 0.005


def test_hull_example_scalar() -> None:
    call, put = bs.black_scholes_scalar(42.0, 40.0, 0.5, 0.10, 0.20)
    assert isinstance(call, float) and isinstance(put, float)
    assert abs(call - 4.76) < 0.005
    assert abs(put - 0.81) < 0.005


def test_call_and_put_price_match_black_scholes() -> None:
    S, K, T = random_options(1000, seed=1)
    call, put = bs.black_scholes(S, K, T, 0.05, 0.25)
    assert max_rel_diff(bs.call_price(S, K, T, 0.05, 0.25), call) <= RTOL
    # put_price uses N(-d) where black_scholes uses 1 - N(d): equal up to
    # one rounding of 1 - w, i.e. eps * max(S, K) in absolute terms.
    assert np.all(np.abs(bs.put_price(S, K, T, 0.05, 0.25) - put) <= 1e-13 * (S + K))


def test_polynomial_cnd_close_to_exact_scalar() -> None:
    # A&S 26.2.17 has absolute error < 7.5e-8, so prices are off by at most
    # 7.5e-8 * (S + K) from the math.erf based scalar version.
    S, K, T = random_options(300, seed=2)
    call, put = bs.black_scholes(S, K, T, 0.03, 0.4)
    for i in range(S.size):
        exact_call, exact_put = bs.black_scholes_scalar(S[i], K[i], T[i], 0.03, 0.4)
        bound = 7.5e-8 * (S[i] + K[i]) + 1e-12
        assert abs(call[i] - exact_call) <= bound
        assert abs(put[i] - exact_put) <= bound


# --- (2) put-call parity -----------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_put_call_parity(seed: int) -> None:
    S, K, T = random_options(10_000, seed)
    r, sigma = 0.01 * (seed + 1), 0.1 * (seed + 1)
    forward_gap = S - K * np.exp(-r * T)
    call, put = bs.black_scholes(S, K, T, r, sigma)
    assert np.all(np.abs((call - put) - forward_gap) <= 1e-13 * (S + K))
    split = bs.call_price(S, K, T, r, sigma) - bs.put_price(S, K, T, r, sigma)
    assert np.all(np.abs(split - forward_gap) <= 1e-13 * (S + K))


def test_scalar_put_call_parity() -> None:
    call, put = bs.black_scholes_scalar(100.0, 95.0, 2.0, 0.04, 0.35)
    assert math.isclose(call - put, 100.0 - 95.0 * math.exp(-0.08), abs_tol=1e-12)


# --- (3) differential: installed module vs original .py ----------------------


def test_original_is_loaded_from_beside_the_module() -> None:
    original = load_original()
    assert original is not bs
    assert original.__name__ == "example_pkg._black_scholes_original"
    assert original.__file__.endswith("black_scholes.py")


@st.composite
def option_arrays(draw: Callable[..., Any]) -> Arrays:
    """Three float64 arrays of one shape (0-d, empty, 1-D or 2-D)."""
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=6))

    def array(low: float, high: float) -> NDArray[np.float64]:
        return draw(hnp.arrays(np.float64, shape, elements=st.floats(low, high)))

    return array(1.0, 200.0), array(1.0, 200.0), array(0.01, 10.0)


rates = st.floats(0.0, 0.10)
volatilities = st.floats(0.05, 1.0)
EXAMPLES = [
    (np.array(42.0), np.array(40.0), np.array(0.5)),  # 0-d
    (np.empty(0), np.empty(0), np.empty(0)),  # empty
    (np.full((2, 3), 20.0), np.linspace(1.0, 100.0, 6).reshape(2, 3), np.full((2, 3), 3.0)),
]


def assert_same(got: object, expected: object) -> None:
    assert np.shape(got) == np.shape(expected)
    assert np.asarray(got).dtype == np.float64
    assert max_rel_diff(got, expected) <= RTOL


@settings(deadline=None)
@example(EXAMPLES[0], 0.1, 0.2)
@example(EXAMPLES[1], 0.02, 0.3)
@example(EXAMPLES[2], 0.0, 0.05)
@given(option_arrays(), rates, volatilities)
def test_matches_original(arrays: Arrays, r: float, sigma: float) -> None:
    original = load_original()
    S, K, T = arrays
    call, put = bs.black_scholes(S, K, T, r, sigma)
    ref_call, ref_put = original.black_scholes(S, K, T, r, sigma)
    assert np.shape(call) == np.shape(put) == S.shape
    assert_same(call, ref_call)
    assert_same(put, ref_put)
    assert_same(bs.call_price(S, K, T, r, sigma), original.call_price(S, K, T, r, sigma))
    assert_same(bs.put_price(S, K, T, r, sigma), original.put_price(S, K, T, r, sigma))
    assert_same(bs.cnd(S - K), original.cnd(S - K))


@settings(deadline=None)
@given(
    st.floats(1.0, 200.0), st.floats(1.0, 200.0), st.floats(0.01, 10.0), rates, volatilities
)
def test_scalar_matches_original(S: float, K: float, T: float, r: float, sigma: float) -> None:
    got = bs.black_scholes_scalar(S, K, T, r, sigma)
    expected = load_original().black_scholes_scalar(S, K, T, r, sigma)
    assert isinstance(got, tuple) and len(got) == 2
    assert max_rel_diff(got, expected) <= RTOL


def numpy_free_black_scholes(S: float, K: float, T: float, r: float, sigma: float) -> Tuple[float, float]:
    """The original formula, operation for operation, with ``math`` (libm)."""
    sqrt_t = math.sqrt(T)
    d1 = (math.log(S / K) + (r + 0.5 * sigma * sigma) * T) / (sigma * sqrt_t)
    d2 = d1 - sigma * sqrt_t

    def cnd(d: float) -> float:
        k = 1.0 / (1.0 + bs.CND_P * abs(d))
        poly = k * (bs.A1 + k * (bs.A2 + k * (bs.A3 + k * (bs.A4 + k * bs.A5))))
        w = bs.RSQRT2PI * math.exp(-0.5 * d * d) * poly
        return 1.0 - w if d > 0.0 else w

    discount = math.exp(-r * T)
    call = S * cnd(d1) - K * discount * cnd(d2)
    put = K * discount * (1.0 - cnd(d2)) - S * (1.0 - cnd(d1))
    return call, put


@pytest.mark.parametrize("r, sigma", [(0.02, 0.30), (0.0, 0.05), (0.10, 1.0)])
def test_tolerance_covers_numpy_vs_libm(r: float, sigma: float) -> None:
    """The measurement behind RTOL: NumPy's exp/log vs libm's, original only."""
    S, K, T = random_options(20_000, seed=3)
    call, put = load_original().black_scholes(S, K, T, r, sigma)
    scalar = np.array([numpy_free_black_scholes(*x, r, sigma) for x in zip(S, K, T)])
    assert max_rel_diff(call, scalar[:, 0]) <= RTOL
    assert max_rel_diff(put, scalar[:, 1]) <= RTOL


# --- (4) calling conventions and wrong types ---------------------------------


@requires_compiled
@pytest.mark.parametrize("position", [0, 1, 2])
def test_none_array_argument_raises_type_error_compiled(position: int) -> None:
    args = [np.ones(3), np.ones(3), np.ones(3), 0.02, 0.3]
    args[position] = None
    with pytest.raises(TypeError):
        bs.black_scholes(*args)


@pytest.mark.parametrize("position", [0, 1, 2])
def test_none_array_argument_raises_type_error_original(position: int) -> None:
    # NumPy raises TypeError here too: None / ndarray, ndarray / None and
    # np.sqrt(None) all fail with "unsupported operand" / "loop of ufunc".
    args = [np.ones(3), np.ones(3), np.ones(3), 0.02, 0.3]
    args[position] = None
    with pytest.raises(TypeError):
        load_original().black_scholes(*args)


def test_keyword_arguments() -> None:
    S, K, T = random_options(50, seed=4)
    by_position = bs.black_scholes(S, K, T, 0.02, 0.3)
    by_keyword = bs.black_scholes(S=S, K=K, T=T, r=0.02, sigma=0.3)
    assert np.array_equal(by_position[0], by_keyword[0])
    assert np.array_equal(by_position[1], by_keyword[1])
    scalar = bs.black_scholes_scalar(S=42.0, K=40.0, T=0.5, r=0.1, sigma=0.2)
    assert scalar == bs.black_scholes_scalar(42.0, 40.0, 0.5, 0.1, 0.2)


def test_literal_defaults() -> None:
    S, K, T = random_options(50, seed=5)
    assert np.array_equal(bs.call_price(S, K, T), bs.call_price(S, K, T, 0.02, 0.30))
    assert np.array_equal(bs.put_price(S, K, T, sigma=0.30), bs.put_price(S, K, T, 0.02, 0.30))


@pytest.mark.parametrize("name", ["black_scholes", "call_price", "put_price", "black_scholes_scalar"])
def test_signature_parameter_names(name: str) -> None:
    assert list(inspect.signature(getattr(bs, name)).parameters) == PARAMETERS
