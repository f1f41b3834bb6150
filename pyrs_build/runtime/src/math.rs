//! Python's `math` module: the same libm results, and CPython's errors (`math_1`/`math_2` rules:
//! NaN from a non-NaN argument is a domain error; infinity from finite arguments is a range
//! error where the function can overflow, else a domain error).

use crate::errors::{overflow_error, value_error, zero_division};
use crate::pyfloat::integral_to_int;
use pyo3::PyResult;

fn checked1(x: f64, result: f64, can_overflow: bool) -> PyResult<f64> {
    if result.is_nan() && !x.is_nan() {
        return Err(value_error("math domain error"));
    }
    if result.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            overflow_error("math range error")
        } else {
            value_error("math domain error")
        });
    }
    Ok(result)
}

fn checked2(x: f64, y: f64, result: f64, can_overflow: bool) -> PyResult<f64> {
    if result.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(value_error("math domain error"));
    }
    if result.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(if can_overflow {
            overflow_error("math range error")
        } else {
            value_error("math domain error")
        });
    }
    Ok(result)
}

macro_rules! math1 {
    ($($name:ident = $f:expr, $overflow:expr;)+) => {$(
        pub fn $name(x: f64) -> PyResult<f64> {
            checked1(x, $f(x), $overflow)
        }
    )+};
}

math1! {
    sqrt = f64::sqrt, false;
    exp = f64::exp, true;
    exp2 = f64::exp2, true;
    expm1 = f64::exp_m1, true;
    log1p = f64::ln_1p, false;
    sin = f64::sin, false;
    cos = f64::cos, false;
    tan = f64::tan, false;
    asin = f64::asin, false;
    acos = f64::acos, false;
    atan = f64::atan, false;
    sinh = f64::sinh, true;
    cosh = f64::cosh, true;
    tanh = f64::tanh, false;
    asinh = libm::asinh, false;
    acosh = libm::acosh, false;
    atanh = libm::atanh, false;
    erf = libm::erf, false;
    erfc = libm::erfc, false;
    fabs = f64::abs, false;
}

/// CPython's `loghelper`: a non-positive argument is a domain error (even 0, where C gives -inf).
fn log_of(x: f64, f: fn(f64) -> f64) -> PyResult<f64> {
    if x <= 0.0 || (x.is_infinite() && x < 0.0) {
        return Err(value_error("math domain error"));
    }
    Ok(f(x))
}

pub fn log(x: f64) -> PyResult<f64> {
    log_of(x, f64::ln)
}

pub fn log2(x: f64) -> PyResult<f64> {
    log_of(x, f64::log2)
}

pub fn log10(x: f64) -> PyResult<f64> {
    log_of(x, f64::log10)
}

/// `math.log(x, base)`.
pub fn log_base(x: f64, base: f64) -> PyResult<f64> {
    let num = log(x)?;
    let den = log(base)?;
    if den == 0.0 {
        return Err(zero_division("float division by zero"));
    }
    Ok(num / den)
}

pub fn atan2(y: f64, x: f64) -> PyResult<f64> {
    Ok(y.atan2(x))
}

/// CPython's `math.hypot` reports no overflow: an infinite result is returned as is.
pub fn hypot(x: f64, y: f64) -> PyResult<f64> {
    Ok(x.hypot(y))
}

pub fn copysign(x: f64, y: f64) -> PyResult<f64> {
    Ok(x.copysign(y))
}

pub fn fmod(x: f64, y: f64) -> PyResult<f64> {
    if y.is_infinite() && x.is_finite() {
        return Ok(x);
    }
    checked2(x, y, x % y, false)
}

/// `math.pow`: unlike `**`, a negative base with a fractional exponent and 0 to a negative power
/// are domain errors (ValueError).
pub fn pow(x: f64, y: f64) -> PyResult<f64> {
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return Err(value_error("math domain error"));
    }
    checked2(x, y, x.powf(y), true)
}

pub fn floor(x: f64) -> PyResult<i64> {
    integral_to_int(x.floor(), x)
}

pub fn ceil(x: f64) -> PyResult<i64> {
    integral_to_int(x.ceil(), x)
}

pub fn trunc(x: f64) -> PyResult<i64> {
    integral_to_int(x.trunc(), x)
}
