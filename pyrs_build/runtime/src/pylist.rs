//! Python lists of one scalar type (`list[int]`, `list[float]`, `list[bool]`) as `Vec`s: Python's
//! index rules and messages, `sum`/`min`/`max` as the builtins compute them, conversion from and to
//! real Python lists.

use crate::errors::{deopt, python_at_least};
use pyo3::exceptions::{PyIndexError, PyMemoryError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyList, PyTuple};
use pyo3::IntoPyObject;

/// The position `index` denotes in a list of `len` items (negative: from the end), if any.
fn position(len: usize, index: i64) -> Option<usize> {
    let len = len as i64;
    let at = if index < 0 { index.checked_add(len)? } else { index };
    (0..len).contains(&at).then_some(at as usize)
}

/// `xs[index]`.
pub fn item<T: Copy>(xs: &[T], index: i64) -> PyResult<T> {
    position(xs.len(), index)
        .map(|at| xs[at])
        .ok_or_else(|| PyIndexError::new_err("list index out of range"))
}

/// `xs[index]` of a `tuple[X, ...]`.
pub fn tuple_item<T: Copy>(xs: &[T], index: i64) -> PyResult<T> {
    position(xs.len(), index)
        .map(|at| xs[at])
        .ok_or_else(|| PyIndexError::new_err("tuple index out of range"))
}

/// `xs[index] = value`.
pub fn set_item<T>(xs: &mut [T], index: i64, value: T) -> PyResult<()> {
    let at = position(xs.len(), index).ok_or_else(|| PyIndexError::new_err("list assignment index out of range"))?;
    xs[at] = value;
    Ok(())
}

/// `len(xs)`.
pub fn len<T>(xs: &[T]) -> i64 {
    xs.len() as i64
}

/// `[a, b, ...] * count`: empty for a count below one; MemoryError, not an abort, when it cannot
/// be allocated.
pub fn repeat<T: Copy>(items: &[T], count: i64) -> PyResult<Vec<T>> {
    let count = usize::try_from(count).unwrap_or(0);
    let total = items.len().checked_mul(count).ok_or_else(|| PyMemoryError::new_err(()))?;
    let mut out = Vec::new();
    out.try_reserve_exact(total).map_err(|_| PyMemoryError::new_err(()))?;
    for _ in 0..count {
        out.extend_from_slice(items);
    }
    Ok(out)
}

/// `xs.append(value)`.
pub fn append<T>(xs: &mut Vec<T>, value: T) -> PyResult<()> {
    xs.try_reserve(1).map_err(|_| PyMemoryError::new_err(()))?;
    xs.push(value);
    Ok(())
}

/// `sum(xs, start)` of ints: exact (a total beyond 64 bits deopts).
pub fn sum_int(xs: &[i64], start: i64) -> PyResult<i64> {
    xs.iter().try_fold(start, |total, &x| total.checked_add(x).ok_or_else(deopt))
}

/// `sum(xs, start)` of bools: an int.
pub fn sum_bool(xs: &[bool], start: i64) -> PyResult<i64> {
    start.checked_add(xs.iter().filter(|&&x| x).count() as i64).ok_or_else(deopt)
}

/// `sum(xs, start)` of floats as the running CPython computes it: plain addition up to 3.11,
/// Neumaier's compensated summation from 3.12 (`builtin_sum_impl`).
pub fn sum_float(xs: &[f64], start: f64) -> PyResult<f64> {
    if !python_at_least(12) {
        return Ok(xs.iter().fold(start, |total, &x| total + x));
    }
    let (mut total, mut compensation) = (start, 0.0f64);
    for &x in xs {
        let t = total + x;
        if total.abs() >= x.abs() {
            compensation += (total - t) + x;
        } else {
            compensation += (x - t) + total;
        }
        total = t;
    }
    // keeps the sign of a negative zero, and an infinite sum from becoming NaN
    if compensation != 0.0 && compensation.is_finite() {
        total += compensation;
    }
    Ok(total)
}

fn empty_sequence(function: &str) -> PyErr {
    // the text changed in CPython 3.12
    PyValueError::new_err(if python_at_least(12) {
        format!("{function}() iterable argument is empty")
    } else {
        format!("{function}() arg is an empty sequence")
    })
}

/// `min(xs)`: the first of the smallest items (`<` as Python compares; NaN never replaces).
pub fn min<T: Copy + PartialOrd>(xs: &[T]) -> PyResult<T> {
    let (&first, rest) = xs.split_first().ok_or_else(|| empty_sequence("min"))?;
    Ok(rest.iter().fold(first, |best, &x| if x < best { x } else { best }))
}

/// `max(xs)`.
pub fn max<T: Copy + PartialOrd>(xs: &[T]) -> PyResult<T> {
    let (&first, rest) = xs.split_first().ok_or_else(|| empty_sequence("max"))?;
    Ok(rest.iter().fold(first, |best, &x| if x > best { x } else { best }))
}

// ---- the boundary: exactly these item types, else the original runs -------------------------

/// The items of a `list` (or, with `tuple`, of a `tuple`; not subclasses) when all pass `item`.
fn exact_items<'py, T>(
    value: &Bound<'py, PyAny>,
    tuple: bool,
    item: impl Fn(&Bound<'py, PyAny>) -> Option<T>,
) -> Option<Vec<T>> {
    if tuple {
        value.cast_exact::<PyTuple>().ok()?.iter().map(|x| item(&x)).collect()
    } else {
        value.cast_exact::<PyList>().ok()?.iter().map(|x| item(&x)).collect()
    }
}

fn int_item(x: &Bound<'_, PyAny>) -> Option<i64> {
    x.cast_exact::<PyInt>().ok().and_then(|i| i.extract().ok())
}

fn float_item(x: &Bound<'_, PyAny>) -> Option<f64> {
    x.cast_exact::<PyFloat>().ok().map(|f| f.value())
}

fn bool_item(x: &Bound<'_, PyAny>) -> Option<bool> {
    x.cast_exact::<PyBool>().ok().map(|b| b.is_true())
}

pub fn exact_list_int(value: &Bound<'_, PyAny>) -> Option<Vec<i64>> {
    exact_items(value, false, int_item)
}

pub fn exact_list_float(value: &Bound<'_, PyAny>) -> Option<Vec<f64>> {
    exact_items(value, false, float_item)
}

pub fn exact_list_bool(value: &Bound<'_, PyAny>) -> Option<Vec<bool>> {
    exact_items(value, false, bool_item)
}

pub fn exact_tuple_int(value: &Bound<'_, PyAny>) -> Option<Vec<i64>> {
    exact_items(value, true, int_item)
}

pub fn exact_tuple_float(value: &Bound<'_, PyAny>) -> Option<Vec<f64>> {
    exact_items(value, true, float_item)
}

pub fn exact_tuple_bool(value: &Bound<'_, PyAny>) -> Option<Vec<bool>> {
    exact_items(value, true, bool_item)
}

/// A new Python tuple of the items.
pub fn tuple_to_py<'py, T>(py: Python<'py>, xs: Vec<T>) -> PyResult<Py<PyAny>>
where
    T: IntoPyObject<'py>,
{
    Ok(PyTuple::new(py, xs)?.into_any().unbind())
}

/// A new Python list of the items.
pub fn list_to_py<'py, T>(py: Python<'py>, xs: Vec<T>) -> PyResult<Py<PyAny>>
where
    T: IntoPyObject<'py>,
{
    Ok(PyList::new(py, xs)?.into_any().unbind())
}
