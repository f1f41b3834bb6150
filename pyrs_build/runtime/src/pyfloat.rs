//! Python `float` operators, following CPython's `floatobject.c`.

use crate::errors::{deopt, overflow_error, value_error, zero_division};
use pyo3::PyResult;

#[inline]
pub fn float_div(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(zero_division("float division by zero"));
    }
    Ok(a / b)
}

#[inline]
pub fn float_floordiv(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(zero_division("float floor division by zero"));
    }
    Ok(crate::npscalar::divmod(a, b).0) // CPython's float_divmod and NumPy's npy_divmod agree
}

#[inline]
pub fn float_mod(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(zero_division("float modulo"));
    }
    let modulo = a % b;
    if modulo == 0.0 {
        return Ok(0.0_f64.copysign(b));
    }
    Ok(if (b < 0.0) != (modulo < 0.0) { modulo + b } else { modulo })
}

/// `x ** y` for floats (CPython's `float_pow`): C99 `pow` agrees on every special value; what
/// differs are the exceptions, and a negative base with a fractional exponent (a complex result).
#[inline]
pub fn float_pow(x: f64, y: f64) -> PyResult<f64> {
    if y == 0.0 {
        return Ok(1.0);
    }
    if x.is_nan() || y.is_nan() || x.is_infinite() || y.is_infinite() || x == 1.0 {
        return Ok(x.powf(y));
    }
    if x == 0.0 && y < 0.0 {
        return Err(zero_division("0.0 cannot be raised to a negative power"));
    }
    if x < 0.0 && y != y.floor() {
        return Err(deopt()); // Python returns a complex number here
    }
    let result = x.powf(y);
    if result.is_infinite() {
        return Err(overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(result)
}

/// `int(x)` of a float: truncation toward zero.
#[inline]
pub fn float_to_int(x: f64) -> PyResult<i64> {
    integral_to_int(x.trunc(), x)
}

/// An already-integral float (from floor/ceil/trunc) as a 64-bit int, with CPython's errors.
#[inline]
pub fn integral_to_int(value: f64, original: f64) -> PyResult<i64> {
    if original.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if original.is_infinite() {
        return Err(overflow_error("cannot convert float infinity to integer"));
    }
    // [-2^63, 2^63) converts exactly; anything outside is a Python int we cannot hold
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&value) {
        Ok(value as i64)
    } else {
        Err(deopt())
    }
}
