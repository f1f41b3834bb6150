//! Values that are a Python float or a NumPy float64 depending on the path taken at run time
//! (`s = 0.0` then `s += x[i]`): the value and which of the two it is. Arithmetic follows NumPy
//! when either operand is NumPy's, Python otherwise (ZeroDivisionError only for Python floats).

use crate::pyfloat;
use pyo3::PyResult;
use std::cmp::Ordering;
use std::ops::{Add, Mul, Neg, Sub};

#[derive(Clone, Copy, Debug, Default)]
pub struct Float {
    pub value: f64,
    pub numpy: bool,
}

impl Float {
    #[inline]
    pub fn py(value: f64) -> Self {
        Float { value, numpy: false }
    }

    #[inline]
    pub fn np(value: f64) -> Self {
        Float { value, numpy: true }
    }

    #[inline]
    pub fn abs(self) -> Self {
        Float { value: self.value.abs(), ..self }
    }

    #[inline]
    fn with(self, other: Float, value: f64) -> Float {
        Float { value, numpy: self.numpy || other.numpy }
    }
}

impl PartialEq for Float {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl PartialOrd for Float {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        self.value.partial_cmp(&other.value)
    }
}

macro_rules! infallible_op {
    ($trait:ident, $method:ident, $op:tt) => {
        impl $trait for Float {
            type Output = Float;
            fn $method(self, other: Float) -> Float {
                self.with(other, self.value $op other.value)
            }
        }
    };
}

infallible_op!(Add, add, +);
infallible_op!(Sub, sub, -);
infallible_op!(Mul, mul, *);

impl Neg for Float {
    type Output = Float;
    #[inline]
    fn neg(self) -> Float {
        Float { value: -self.value, ..self }
    }
}

/// `a op b` with NumPy's function when either operand is NumPy's, Python's (which may raise) otherwise.
#[inline]
fn either(
    a: Float,
    b: Float,
    numpy: fn(f64, f64) -> f64,
    python: fn(f64, f64) -> PyResult<f64>,
) -> PyResult<Float> {
    let value = if a.numpy || b.numpy { numpy(a.value, b.value) } else { python(a.value, b.value)? };
    Ok(a.with(b, value))
}

#[inline]
pub fn dyn_div(a: Float, b: Float) -> PyResult<Float> {
    either(a, b, |x, y| x / y, pyfloat::float_div)
}

#[inline]
pub fn dyn_floordiv(a: Float, b: Float) -> PyResult<Float> {
    either(a, b, crate::npscalar::floor_divide, pyfloat::float_floordiv)
}

#[inline]
pub fn dyn_mod(a: Float, b: Float) -> PyResult<Float> {
    either(a, b, crate::npscalar::remainder, pyfloat::float_mod)
}

#[inline]
pub fn dyn_pow(a: Float, b: Float) -> PyResult<Float> {
    either(a, b, pyfloat::c_pow, pyfloat::float_pow)
}

/// A comparison result: `bool`, or `numpy.bool_` when a NumPy value took part.
#[derive(Clone, Copy, Debug, Default)]
pub struct Bool {
    pub value: bool,
    pub numpy: bool,
}

impl Bool {
    #[inline]
    pub fn py(value: bool) -> Self {
        Bool { value, numpy: false }
    }

    #[inline]
    pub fn np(value: bool) -> Self {
        Bool { value, numpy: true }
    }
}
