//! Integer-array ("fancy") indexing along the first axis: `x[idx]` gathers, `x[idx] = v` scatters
//! in index order (a repeated index keeps the last value, as NumPy's; `x[idx] += v` is a gather,
//! an add and a scatter, so repeats do not accumulate, also as NumPy).

use crate::arrays::can_allocate;
use ndarray::{ArrayBase, ArrayD, ArrayView, Axis, Data, DataMut, Dimension, IxDyn};
use pyo3::exceptions::{PyIndexError, PyValueError};
use pyo3::PyResult;

/// The length of the indexed axis, or NumPy's IndexError for a 0-d array.
fn axis_length(shape: &[usize]) -> PyResult<usize> {
    shape
        .first()
        .copied()
        .ok_or_else(|| PyIndexError::new_err("too many indices for array: array is 0-dimensional, but 1 were indexed"))
}

/// An index wrapped into `0..size`, or NumPy's IndexError when it is out of bounds.
fn position(i: i64, size: usize) -> PyResult<usize> {
    let wrapped = if i < 0 { i.wrapping_add(size as i64) } else { i };
    usize::try_from(wrapped)
        .ok()
        .filter(|&p| p < size)
        .ok_or_else(|| PyIndexError::new_err(format!("index {i} is out of bounds for axis 0 with size {size}")))
}

/// Every index checked before anything is written (NumPy's order), without allocating: an
/// index array may be an 8 TB broadcast view.
fn check_positions<E: Dimension>(index: &ArrayView<'_, i64, E>, size: usize) -> PyResult<()> {
    index.iter().try_for_each(|&i| position(i, size).map(|_| ()))
}

/// The shape of `a[index]`: the index's shape, then `a`'s other axes.
fn result_shape<E: Dimension>(index: &ArrayView<'_, i64, E>, shape: &[usize]) -> Vec<usize> {
    index.shape().iter().chain(shape.iter().skip(1)).copied().collect()
}

/// `a[index]`: the sub-arrays `a[i]` for every `i` of `index`, in C order of `index`.
pub fn take<S: Data, D: Dimension, E: Dimension>(a: &ArrayBase<S, D>, index: &ArrayView<'_, i64, E>) -> PyResult<ArrayD<S::Elem>>
where
    S::Elem: Clone,
{
    let size = axis_length(a.shape())?;
    let shape = result_shape(index, a.shape());
    let count = crate::arrays::element_count(&shape)?;
    can_allocate::<S::Elem>(count)?; // NumPy allocates the result before it checks the indices
    let mut data = Vec::with_capacity(count);
    let whole = a.view().into_dyn();
    for &i in index.iter() {
        data.extend(whole.index_axis(Axis(0), position(i, size)?).iter().cloned());
    }
    crate::from_shape_vec(shape, data)
}

/// `a[index] = value` for a scalar.
pub fn put_scalar<S: DataMut, D: Dimension, E: Dimension>(a: &mut ArrayBase<S, D>, index: &ArrayView<'_, i64, E>, value: S::Elem) -> PyResult<()>
where
    S::Elem: Clone,
{
    let size = axis_length(a.shape())?;
    check_positions(index, size)?;
    let mut target = a.view_mut().into_dyn();
    for &i in index.iter() {
        target.index_axis_mut(Axis(0), position(i, size)?).fill(value.clone());
    }
    Ok(())
}

fn shape_text(shape: &[usize]) -> String {
    match shape {
        [one] => format!("({one},)"),
        _ => format!("({})", shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",")),
    }
}

/// `values` without the leading length-1 axes beyond `ndim` (NumPy's assignment drops them).
fn without_extra_axes<'a, T, F: Dimension>(values: &'a ArrayView<'_, T, F>, ndim: usize) -> ArrayView<'a, T, IxDyn> {
    let mut view = values.view().into_dyn();
    while view.ndim() > ndim && view.shape()[0] == 1 {
        view = view.index_axis_move(Axis(0), 0);
    }
    view
}

fn shape_mismatch(values: &[usize], shape: &[usize]) -> pyo3::PyErr {
    PyValueError::new_err(format!(
        "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
        shape_text(values),
        shape_text(shape)
    ))
}

/// `a[index] = values`: row `k` of the broadcast values into `a[index[k]]`, in order.
pub fn put<S: DataMut, D: Dimension, E: Dimension, F: Dimension>(
    a: &mut ArrayBase<S, D>,
    index: &ArrayView<'_, i64, E>,
    values: &ArrayView<'_, S::Elem, F>,
) -> PyResult<()>
where
    S::Elem: Clone,
{
    let size = axis_length(a.shape())?;
    let shape = result_shape(index, a.shape());
    let stripped = without_extra_axes(values, shape.len());
    let values = stripped.broadcast(IxDyn(&shape)).ok_or_else(|| shape_mismatch(values.shape(), &shape))?;
    check_positions(index, size)?;
    let mut source = values.iter(); // C order: the values of each selected row in turn
    let mut target = a.view_mut().into_dyn();
    for &i in index.iter() {
        for slot in target.index_axis_mut(Axis(0), position(i, size)?).iter_mut() {
            if let Some(value) = source.next() {
                *slot = value.clone();
            }
        }
    }
    Ok(())
}
