//! Python `complex` scalars: CPython's arithmetic (`complexobject.c`), division by its
//! `_Py_c_quot` algorithm, `abs` by `hypot`, and its exceptions.

use pyo3::exceptions::{PyOverflowError, PyZeroDivisionError};
use pyo3::prelude::*;
use pyo3::types::PyComplex;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Complex {
    pub re: f64,
    pub im: f64,
}

impl Complex {
    pub fn new(re: f64, im: f64) -> Self {
        Complex { re, im }
    }

    /// A float operand: CPython converts it to `complex(x, 0.0)`... except that mixed arithmetic
    /// keeps the other operand's imaginary part untouched (`_Py_c_sum` on (x + 0j)).
    pub fn from_real(re: f64) -> Self {
        Complex { re, im: 0.0 }
    }

    pub fn conjugate(self) -> Self {
        Complex { re: self.re, im: -self.im }
    }
}

pub fn complex_add(a: Complex, b: Complex) -> Complex {
    Complex::new(a.re + b.re, a.im + b.im)
}

pub fn complex_sub(a: Complex, b: Complex) -> Complex {
    Complex::new(a.re - b.re, a.im - b.im)
}

/// `_Py_c_prod`.
pub fn complex_mul(a: Complex, b: Complex) -> Complex {
    Complex::new(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
}

pub fn complex_neg(a: Complex) -> Complex {
    Complex::new(-a.re, -a.im)
}

/// `_Py_c_quot` (CPython 3.11-3.13): divide through by the larger part of the divisor (Smith's
/// algorithm); ZeroDivisionError for a zero divisor.
pub fn complex_div(a: Complex, b: Complex) -> PyResult<Complex> {
    let abs_breal = b.re.abs();
    let abs_bimag = b.im.abs();
    if abs_breal >= abs_bimag {
        if abs_breal == 0.0 {
            return Err(PyZeroDivisionError::new_err("complex division by zero"));
        }
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        Ok(Complex::new((a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom))
    } else if abs_bimag >= abs_breal {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        Ok(Complex::new((a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom))
    } else {
        Ok(Complex::new(f64::NAN, f64::NAN)) // a NaN in the divisor
    }
}

/// `abs(z)`: `hypot`, OverflowError when a finite value overflows (`complex_abs`).
pub fn complex_abs(z: Complex) -> PyResult<f64> {
    if z.re.is_infinite() || z.im.is_infinite() {
        return Ok(f64::INFINITY); // even with a NaN part (C99 hypot)
    }
    if z.re.is_nan() || z.im.is_nan() {
        return Ok(f64::NAN);
    }
    let result = z.re.hypot(z.im);
    if result.is_infinite() {
        return Err(PyOverflowError::new_err("absolute value too large"));
    }
    Ok(result)
}

pub fn exact_complex(value: &Bound<'_, PyAny>) -> Option<Complex> {
    value.cast_exact::<PyComplex>().ok().map(|c| Complex::new(c.real(), c.imag()))
}

pub fn complex_to_py(py: Python<'_>, z: Complex) -> PyResult<Py<PyAny>> {
    Ok(PyComplex::from_doubles(py, z.re, z.im).into_any().unbind())
}
