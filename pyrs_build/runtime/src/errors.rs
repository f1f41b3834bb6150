//! Exceptions raised with CPython's types and messages, and the internal "deopt" signal: a value
//! the compiled code cannot represent (an int beyond 64 bits, a complex power) makes the wrapper
//! run the original Python function instead, so the caller still gets Python's exact answer.

use pyo3::exceptions::{PyException, PyMemoryError, PyOverflowError, PyValueError, PyZeroDivisionError};
use pyo3::prelude::*;
use std::sync::atomic::{AtomicU32, Ordering};

pyo3::create_exception!(pyrs_runtime, Deopt, PyException, "Internal: re-run the call in Python.");

#[inline]
pub fn deopt() -> PyErr {
    PyErr::new::<Deopt, _>("value not representable in compiled code")
}

#[inline]
pub fn is_deopt(py: Python<'_>, err: &PyErr) -> bool {
    err.is_instance_of::<Deopt>(py)
}

#[inline]
pub fn zero_division(message: &'static str) -> PyErr {
    PyZeroDivisionError::new_err(message)
}

#[inline]
pub fn value_error(message: &'static str) -> PyErr {
    PyValueError::new_err(message)
}

#[inline]
pub fn overflow_error(message: &'static str) -> PyErr {
    PyOverflowError::new_err(message)
}

pyo3::create_exception!(pyrs_runtime, ArrayMemory, PyMemoryError, "Internal: an array allocation failed.");

/// An array of `len` elements of `item_size` bytes could not be allocated. Made without the GIL
/// (allocations happen in released loops); the boundary turns it into NumPy's own error.
pub fn array_memory(len: usize, item_size: usize) -> PyErr {
    PyErr::new::<ArrayMemory, _>((len, item_size))
}

/// An array of `shape` and NumPy's `dtype` could not be allocated (or would not be, by NumPy: the
/// temporaries of a fused expression).
pub fn array_memory_of_shape(shape: Vec<usize>, dtype: &'static str) -> PyErr {
    PyErr::new::<ArrayMemory, _>((shape, dtype))
}

/// NumPy raises `numpy._core._exceptions._ArrayMemoryError` (a MemoryError subclass, with its
/// "Unable to allocate 8.00 TiB for an array with shape ..." message) where it cannot allocate:
/// the compiled code raises the same type. Other errors pass through.
pub fn as_numpy_memory_error(py: Python<'_>, err: PyErr) -> PyErr {
    if !err.is_instance_of::<ArrayMemory>(py) {
        return err;
    }
    let args = err.value(py).getattr("args").ok();
    if let Some((shape, dtype)) = args.as_ref().and_then(|a| a.extract::<(Vec<usize>, String)>().ok()) {
        let text = format!("Unable to allocate an array with shape {shape:?} and data type {dtype}");
        return numpy_memory_error_of_shape(py, shape, &dtype).unwrap_or_else(|| PyMemoryError::new_err(text));
    }
    let (len, item_size): (usize, usize) = args.and_then(|a| a.extract().ok()).unwrap_or((0, 8));
    numpy_memory_error(py, len, item_size)
        .unwrap_or_else(|| PyMemoryError::new_err(format!("Unable to allocate {len} elements of {item_size} bytes")))
}

fn numpy_memory_error(py: Python<'_>, len: usize, item_size: usize) -> Option<PyErr> {
    // the compiled code allocates bools (1 byte), float64s (8) or rows of float64s (8 * m)
    let (dtype, len) = if item_size == 1 { ("bool", len) } else { ("float64", len.saturating_mul(item_size / 8)) };
    numpy_memory_error_of_shape(py, vec![len], dtype)
}

fn numpy_memory_error_of_shape(py: Python<'_>, shape: Vec<usize>, dtype: &str) -> Option<PyErr> {
    let dtype = py.import("numpy").ok()?.getattr("dtype").ok()?.call1((dtype,)).ok()?;
    let shape = pyo3::types::PyTuple::new(py, shape).ok()?;
    ["numpy._core._exceptions", "numpy.core._exceptions"].iter().find_map(|path| {
        let class = py.import(*path).ok()?.getattr("_ArrayMemoryError").ok()?;
        Some(PyErr::from_value(class.call1((&shape, &dtype)).ok()?))
    })
}

/// The running CPython's minor version (3.x), set when a compiled module is initialised: where
/// CPython's messages changed between versions, the compiled code says what the running one says.
static PYTHON_MINOR: AtomicU32 = AtomicU32::new(11);

pub fn set_python_version(py: Python<'_>) {
    PYTHON_MINOR.store(u32::from(py.version_info().minor), Ordering::Relaxed);
}

/// Whether the running Python is 3.`minor` or newer.
pub fn python_at_least(minor: u32) -> bool {
    PYTHON_MINOR.load(Ordering::Relaxed) >= minor
}
