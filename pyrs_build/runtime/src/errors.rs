//! Exceptions raised with CPython's types and messages, and the internal "deopt" signal: a value
//! the compiled code cannot represent (an int beyond 64 bits, a complex power) makes the wrapper
//! run the original Python function instead, so the caller still gets Python's exact answer.

use pyo3::exceptions::{PyException, PyOverflowError, PyValueError, PyZeroDivisionError};
use pyo3::prelude::*;

pyo3::create_exception!(pyrs_runtime, Deopt, PyException, "Internal: re-run the call in Python.");

pub fn deopt() -> PyErr {
    PyErr::new::<Deopt, _>("value not representable in compiled code")
}

pub fn is_deopt(py: Python<'_>, err: &PyErr) -> bool {
    err.is_instance_of::<Deopt>(py)
}

pub fn zero_division(message: &'static str) -> PyErr {
    PyZeroDivisionError::new_err(message)
}

pub fn value_error(message: &'static str) -> PyErr {
    PyValueError::new_err(message)
}

pub fn overflow_error(message: &'static str) -> PyErr {
    PyOverflowError::new_err(message)
}
