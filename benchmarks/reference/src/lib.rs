//! Black-Scholes as a Rust programmer would write it by hand with PyO3: one loop over contiguous
//! slices, the standard library's `exp`/`ln`/`sqrt`, one thread, the GIL released. The reference
//! the generated code is compared with in `benchmarks/run.py`.

use numpy::{IntoPyArray, PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

const CND_P: f64 = 0.2316419;
const A: [f64; 5] = [0.31938153, -0.356563782, 1.781477937, -1.821255978, 1.330274429];
const RSQRT2PI: f64 = 0.398_942_280_401_432_7;

/// Cumulative normal distribution, Abramowitz & Stegun 26.2.17 (as in the Python source).
fn cnd(d: f64) -> f64 {
    let k = 1.0 / (1.0 + CND_P * d.abs());
    let poly = k * (A[0] + k * (A[1] + k * (A[2] + k * (A[3] + k * A[4]))));
    let w = RSQRT2PI * (-0.5 * d * d).exp() * poly;
    if d > 0.0 { 1.0 - w } else { w }
}

fn price(s: f64, k: f64, t: f64, r: f64, sigma: f64) -> (f64, f64) {
    let sqrt_t = t.sqrt();
    let d1 = ((s / k).ln() + (r + 0.5 * sigma * sigma) * t) / (sigma * sqrt_t);
    let d2 = d1 - sigma * sqrt_t;
    let (cnd_d1, cnd_d2) = (cnd(d1), cnd(d2));
    let discount = (-r * t).exp();
    let call = s * cnd_d1 - k * discount * cnd_d2;
    let put = k * discount * (1.0 - cnd_d2) - s * (1.0 - cnd_d1);
    (call, put)
}

#[pyfunction]
#[allow(non_snake_case)]
fn black_scholes<'py>(
    py: Python<'py>,
    S: PyReadonlyArray1<'py, f64>,
    K: PyReadonlyArray1<'py, f64>,
    T: PyReadonlyArray1<'py, f64>,
    r: f64,
    sigma: f64,
) -> PyResult<(Bound<'py, PyArray1<f64>>, Bound<'py, PyArray1<f64>>)> {
    let (s, k, t) = (S.as_slice()?, K.as_slice()?, T.as_slice()?);
    if s.len() != k.len() || s.len() != t.len() {
        return Err(PyValueError::new_err("S, K and T must have one length"));
    }
    let (call, put): (Vec<f64>, Vec<f64>) = py.detach(|| {
        s.iter().zip(k).zip(t).map(|((&s, &k), &t)| price(s, k, t, r, sigma)).unzip()
    });
    Ok((call.into_pyarray(py), put.into_pyarray(py)))
}

#[pymodule]
fn pyrs_reference(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(black_scholes, m)?)
}
