//! Whole-array operations of NumPy code: creation (with NumPy's errors and no abort on huge sizes),
//! single-element reads and writes with Python's negative indices and IndexError, `len`.

use ndarray::{ArrayBase, ArrayD, Data, DataMut, Dimension, IxDyn, NdIndex};
use pyo3::exceptions::{PyIndexError, PyMemoryError, PyTypeError, PyValueError};
use pyo3::PyResult;

/// A vector of `len` copies of `value`, or MemoryError (never an abort) when it cannot be had.
/// The fallible reservation is a probe; `vec!` then allocates zeroed memory lazily (calloc), so the
/// pages are first touched by the loop that fills them, on every core.
pub fn try_filled<T: Clone>(len: usize, value: T) -> PyResult<Vec<T>> {
    let mut probe: Vec<T> = Vec::new();
    probe.try_reserve_exact(len).map_err(|_| {
        PyMemoryError::new_err(format!(
            "Unable to allocate {} elements of {} bytes",
            len,
            std::mem::size_of::<T>()
        ))
    })?;
    drop(probe);
    Ok(vec![value; len])
}

/// The element count of `shape`, or NumPy's error when it does not fit in memory addresses.
pub fn element_count(shape: &[usize]) -> PyResult<usize> {
    shape
        .iter()
        .try_fold(1usize, |n, &d| n.checked_mul(d))
        .filter(|&n| n.checked_mul(8).is_some_and(|bytes| bytes <= isize::MAX as usize))
        .ok_or_else(|| {
            PyValueError::new_err(
                "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
            )
        })
}

fn checked_shape(dims: &[i64]) -> PyResult<Vec<usize>> {
    let shape = dims
        .iter()
        .map(|&d| usize::try_from(d).map_err(|_| PyValueError::new_err("negative dimensions are not allowed")))
        .collect::<PyResult<Vec<usize>>>()?;
    element_count(&shape)?;
    Ok(shape)
}

/// `np.full(dims, value)` (and so `np.zeros`, `np.ones`).
pub fn full(dims: &[i64], value: f64) -> PyResult<ArrayD<f64>> {
    let shape = checked_shape(dims)?;
    let data = try_filled(element_count(&shape)?, value)?;
    crate::from_shape_vec(shape, data)
}

pub fn zeros(dims: &[i64]) -> PyResult<ArrayD<f64>> {
    full(dims, 0.0)
}

pub fn ones(dims: &[i64]) -> PyResult<ArrayD<f64>> {
    full(dims, 1.0)
}

/// Python's index rules per axis: negative counts from the end; outside is NumPy's IndexError.
#[inline]
fn position<const N: usize>(index: [i64; N], shape: &[usize]) -> PyResult<[usize; N]> {
    let mut at = [0usize; N];
    for (axis, ((slot, &i), &size)) in at.iter_mut().zip(&index).zip(shape).enumerate() {
        let wrapped = if i < 0 { i.wrapping_add(size as i64) } else { i };
        if wrapped < 0 || wrapped as u64 >= size as u64 {
            return Err(PyIndexError::new_err(format!(
                "index {i} is out of bounds for axis {axis} with size {size}"
            )));
        }
        *slot = wrapped as usize;
    }
    Ok(at)
}

/// `a[i, j, ...]` with one int per axis of an array of known dimension.
#[inline]
pub fn item<S, D, T, const N: usize>(a: &ArrayBase<S, D>, index: [i64; N]) -> PyResult<T>
where
    S: Data<Elem = T>,
    D: Dimension,
    T: Copy,
    [usize; N]: NdIndex<D>,
{
    let at = position(index, a.shape())?;
    a.get(at)
        .copied()
        .ok_or_else(|| PyIndexError::new_err("index out of bounds"))
}

/// `a[i, j, ...] = value`.
#[inline]
pub fn set_item<S, D, T, const N: usize>(a: &mut ArrayBase<S, D>, index: [i64; N], value: T) -> PyResult<()>
where
    S: DataMut<Elem = T>,
    D: Dimension,
    [usize; N]: NdIndex<D>,
{
    let at = position(index, a.shape())?;
    let slot = a
        .get_mut(at)
        .ok_or_else(|| PyIndexError::new_err("index out of bounds"))?;
    *slot = value;
    Ok(())
}

/// An array of dynamic dimension as the fixed dimension its type was inferred to have.
pub fn fixed<S: ndarray::RawData, D: Dimension>(a: ArrayBase<S, IxDyn>) -> PyResult<ArrayBase<S, D>> {
    a.into_dimensionality::<D>()
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(format!("internal error: {e}")))
}

/// `len(a)`: the first axis; a 0-d array has no length.
pub fn len<S: Data, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<i64> {
    a.shape()
        .first()
        .map(|&n| n as i64)
        .ok_or_else(|| PyTypeError::new_err("len() of unsized object"))
}
