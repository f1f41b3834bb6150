"""Statistics and finance as people write them in NumPy: z-scores, moving averages, log returns
and volatility, Sharpe ratio, softmax and logsumexp, weighted moments, Bollinger bands,
drawdowns, correlation of two series."""

import numpy as np

Series = np.ndarray[tuple[int], np.dtype[np.float64]]
Table = np.ndarray[tuple[int, int], np.dtype[np.float64]]


def zscore_columns(data: Table) -> Table:
    """Standardise every column (feature) to zero mean and unit variance."""
    return (data - data.mean(axis=0)) / data.std(axis=0)


def moving_average(x: Series, window: int) -> Series:
    """Simple moving average via the cumulative-sum trick."""
    c = np.cumsum(x)
    out = c[window - 1:].copy()
    out[1:] = c[window:] - c[:-window]
    return out / window


def log_return_volatility(prices: Series, periods_per_year: float) -> float:
    """Annualised volatility of log returns."""
    returns = np.log(prices[1:] / prices[:-1])
    return np.std(returns, ddof=1) * np.sqrt(periods_per_year)


def sharpe_ratio(returns: Series, risk_free: float) -> float:
    """Mean excess return over its standard deviation."""
    excess = returns - risk_free
    return np.mean(excess) / np.std(excess)


def logsumexp_rows(x: Table) -> Series:
    """Numerically stable log(sum(exp(x))) of every row."""
    m = np.max(x, axis=1, keepdims=True)
    return np.log(np.sum(np.exp(x - m), axis=1)) + m[:, 0]


def softmax(logits: Table) -> Table:
    """Row-wise softmax."""
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def weighted_mean_var(x: Series, w: Series) -> tuple[float, float]:
    """Weighted mean and (biased) weighted variance."""
    total = np.sum(w)
    mean = np.sum(w * x) / total
    var = np.sum(w * (x - mean) ** 2) / total
    return mean, var


def bollinger_bands(prices: Series, window: int, k: float) -> Table:
    """Rolling mean and mean +- k rolling standard deviations (loop over windows)."""
    n = prices.shape[0] - window + 1
    bands = np.zeros((n, 3))
    for i in range(n):
        w = prices[i:i + window]
        m = w.mean()
        s = np.sqrt(np.mean((w - m) ** 2))
        bands[i, 0] = m - k * s
        bands[i, 1] = m
        bands[i, 2] = m + k * s
    return bands


def max_drawdown(equity: Series) -> float:
    """Largest peak-to-trough fall of an equity curve."""
    peak = equity[0]
    worst = 0.0
    for value in equity:
        if value > peak:
            peak = value
        drawdown = (peak - value) / peak
        if drawdown > worst:
            worst = drawdown
    return worst


def correlation(x: Series, y: Series) -> float:
    """Pearson correlation coefficient of two series."""
    xm = x - x.mean()
    ym = y - y.mean()
    return np.sum(xm * ym) / np.sqrt(np.sum(xm**2) * np.sum(ym**2))


def ewma(x: Series, alpha: float) -> Series:
    """Exponentially weighted moving average, recursively."""
    out = np.empty_like(x)
    acc = x[0]
    for i in range(x.shape[0]):
        acc = alpha * x[i] + (1.0 - alpha) * acc
        out[i] = acc
    return out


def _logsumexp_term_magnitudes(x: Table) -> Series:
    """|log(s)| + |m| of each row: the magnitude of the two terms logsumexp_rows adds."""
    m = np.max(x, axis=1, keepdims=True)
    return np.abs(np.log(np.sum(np.exp(x - m), axis=1))) + np.abs(m[:, 0])


PYRS_TEST = {
    "moving_average": {"elements": {"ints": (-1, 6), "min_value": -1e6, "max_value": 1e6}},
    "log_return_volatility": {"elements": {"min_value": 0.5, "max_value": 1e3}, "ulps": 4,
                              "why": "np.log: NumPy's SIMD log vs libm, 1 ulp each, summed"},
    # scores >= 0: log(sum) + max adds two non-negative terms (no cancellation to magnify the ulps)
    "logsumexp_rows": {"elements": {"min_value": 0.0, "max_value": 50.0}, "ulps": 8,
                       "scale": "_logsumexp_term_magnitudes",
                       "why": "np.exp then np.log: NumPy's SIMD exp/log vs the runtime's, 1 ulp each; "
                              "log(s) + m cancels for negative rows: bound relative to |log(s)| + |m|"},
    "_logsumexp_term_magnitudes": {"elements": {"min_value": -50.0, "max_value": 50.0}, "ulps": 8,
                                   "why": "as logsumexp_rows; |log(s)| + |m| adds magnitudes (no cancelling)"},
    "softmax": {"elements": {"min_value": -50.0, "max_value": 50.0}, "ulps": 4,
                "why": "np.exp: NumPy's SIMD exp vs libm, 1 ulp each, normalised by their sum"},
    "bollinger_bands": {"elements": {"ints": (0, 5), "min_value": -1e3, "max_value": 1e3}},
    "ewma": {"elements": {"min_value": -1e3, "max_value": 1e3}},
}
