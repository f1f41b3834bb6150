//! Whole-array operations of NumPy code: creation (with NumPy's errors and no abort on huge sizes),
//! single-element reads and writes with Python's negative indices and IndexError, `len`.

use ndarray::{ArrayBase, ArrayD, Data, DataMut, Dimension, IxDyn, NdIndex, SliceArg, SliceInfo, SliceInfoElem};
use pyo3::exceptions::{PyIndexError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::{PyErr, PyResult};

/// Sizes below which an allocation cannot realistically fail (no fallible probe first: loops over
/// small arrays allocate often).
const SMALL_BYTES: usize = 1 << 20;

/// MemoryError (never an abort) when `len` elements of `T` cannot be allocated. The fallible
/// reservation is a probe: the allocation that follows is the ordinary infallible one.
#[inline]
pub fn can_allocate<T>(len: usize) -> PyResult<()> {
    if len.saturating_mul(std::mem::size_of::<T>()) <= SMALL_BYTES {
        return Ok(());
    }
    let mut probe: Vec<T> = Vec::new();
    probe
        .try_reserve_exact(len)
        .map_err(|_| crate::errors::array_memory(len, std::mem::size_of::<T>()))
}

/// A vector of `len` copies of `value`, or MemoryError (never an abort) when it cannot be had.
/// `vec!` allocates zeroed memory lazily (calloc), so the pages are first touched by the loop
/// that fills them, on every core.
/// Small vectors are filled from an ordinary allocation instead: the system allocator's calloc
/// (glibc) skips its per-thread cache, and small arrays made and dropped in a loop are what that
/// cache serves.
#[inline]
pub fn try_filled<T: Clone>(len: usize, value: T) -> PyResult<Vec<T>> {
    if len.saturating_mul(std::mem::size_of::<T>()) <= SMALL_FILL_BYTES {
        let mut small = Vec::with_capacity(len);
        small.resize(len, value);
        return Ok(small);
    }
    can_allocate::<T>(len)?;
    Ok(vec![value; len])
}

/// Up to this size `try_filled` allocates from the allocator's caches (glibc's tcache serves up to
/// about 1 KiB, its fast bins and recently freed chunks a little more).
const SMALL_FILL_BYTES: usize = 4096;

/// An owned copy of a view (same layout), or MemoryError: a broadcast view of 8 TB copies nothing
/// until it is made owned.
pub fn owned<S: Data, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<ndarray::Array<S::Elem, D>>
where
    S::Elem: Clone,
{
    can_allocate::<S::Elem>(a.len())?;
    Ok(a.to_owned())
}

/// The element count of `shape`, or NumPy's error when it does not fit in memory addresses.
#[inline]
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
#[inline]
pub fn full<T: Clone>(dims: &[i64], value: T) -> PyResult<ArrayD<T>> {
    let shape = checked_shape(dims)?;
    let data = try_filled(element_count(&shape)?, value)?;
    crate::from_shape_vec(shape, data)
}

#[inline]
pub fn zeros(dims: &[i64]) -> PyResult<ArrayD<f64>> {
    full(dims, 0.0)
}

#[inline]
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
            return Err(index_error(i, axis, size));
        }
        *slot = wrapped as usize;
    }
    Ok(at)
}

/// Kept out of line: element access sits in hot loops, and the message formatting would stop them
/// from being inlined and optimised.
#[cold]
#[inline(never)]
fn index_error(index: i64, axis: usize, size: usize) -> PyErr {
    PyIndexError::new_err(format!("index {index} is out of bounds for axis {axis} with size {size}"))
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
#[inline]
pub fn fixed<S: ndarray::RawData, D: Dimension>(a: ArrayBase<S, IxDyn>) -> PyResult<ArrayBase<S, D>> {
    a.into_dimensionality::<D>()
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(format!("internal error: {e}")))
}

/// `len(a)`: the first axis; a 0-d array has no length.
#[inline]
pub fn len<S: Data, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<i64> {
    a.shape()
        .first()
        .map(|&n| n as i64)
        .ok_or_else(|| PyTypeError::new_err("len() of unsized object"))
}

/// `a.shape[k]` of an array of any ndim: Python's tuple indexing (negative from the end).
#[inline]
pub fn dim<S: Data, D: Dimension>(a: &ArrayBase<S, D>, k: i64) -> PyResult<i64> {
    let ndim = a.ndim() as i64;
    let at = if k < 0 { k + ndim } else { k };
    if !(0..ndim).contains(&at) {
        return Err(PyIndexError::new_err("tuple index out of range"));
    }
    Ok(a.shape()[at as usize] as i64)
}

/// One entry of a basic index: a Python slice `start:stop:step` or an int that drops the axis.
pub enum Index {
    Slice(Option<i64>, Option<i64>, Option<i64>),
    At(i64),
    NewAxis,
}

/// `a[...]` with basic slicing: a view, as NumPy returns (of dynamic dimension).
#[inline]
pub fn view<'a, S, D>(a: &'a ArrayBase<S, D>, index: &[Index]) -> PyResult<ndarray::ArrayViewD<'a, S::Elem>>
where
    S: Data,
    D: Dimension,
{
    let whole = a.view().into_dyn();
    with_slice_info(a.shape(), index, |elems| Ok(whole.slice_move(dyn_slice_info(elems)?)))?
}

/// `a[...]` as a view of the fixed dimension `E` the compiler inferred for it: loops over it index
/// without heap shapes, and no dynamic-dimension view is made on the way.
#[inline]
pub fn view_as<'a, E, S, D>(a: &'a ArrayBase<S, D>, index: &[Index]) -> PyResult<ndarray::ArrayView<'a, S::Elem, E>>
where
    S: Data,
    D: Dimension,
    E: Dimension,
    for<'x> SliceInfo<&'x [SliceInfoElem], D, E>: SliceArg<D, OutDim = E>,
{
    with_slice_info(a.shape(), index, |elems| Ok(a.slice(fixed_slice_info::<D, E>(elems)?)))?
}

/// `a[...]` with basic slicing, writable: the view an assignment writes through.
pub fn view_mut<'a, S, D>(a: &'a mut ArrayBase<S, D>, index: &[Index]) -> PyResult<ndarray::ArrayViewMutD<'a, S::Elem>>
where
    S: DataMut,
    D: Dimension,
{
    let dim = a.raw_dim();
    let whole = a.view_mut().into_dyn();
    with_slice_info(dim.slice(), index, |elems| Ok(whole.slice_move(dyn_slice_info(elems)?)))?
}

/// `view_mut` of the fixed dimension `E`.
#[inline]
pub fn view_mut_as<'a, E, S, D>(a: &'a mut ArrayBase<S, D>, index: &[Index]) -> PyResult<ndarray::ArrayViewMut<'a, S::Elem, E>>
where
    S: DataMut,
    D: Dimension,
    E: Dimension,
    for<'x> SliceInfo<&'x [SliceInfoElem], D, E>: SliceArg<D, OutDim = E>,
{
    let dim = a.raw_dim(); // the shape, while `a` is borrowed mutably
    with_slice_info(dim.slice(), index, |elems| Ok(a.slice_mut(fixed_slice_info::<D, E>(elems)?)))?
}

/// `v[...]` of a view (read-only or writable), as a view of the same memory: a view of a view
/// keeps the lifetime of the array below it.
pub fn reslice<S: ndarray::RawData>(view: ArrayBase<S, IxDyn>, index: &[Index]) -> PyResult<ArrayBase<S, IxDyn>> {
    let shape = view.shape().to_vec();
    with_slice_info(&shape, index, |elems| Ok(view.slice_move(dyn_slice_info(elems)?)))?
}

/// Slice entries for up to this many axes live on the stack (more: a heap vector).
const INLINE_AXES: usize = 12;

/// `f` of the ndarray slice entries of a Python basic index on an array of `shape`: one per axis of
/// the array (axes the index leaves out are whole) plus the new axes, with Python's clamping of
/// slice bounds and NumPy's IndexError (naming the axis of the indexed array) for an int out of range.
fn with_slice_info<R>(shape: &[usize], index: &[Index], f: impl FnOnce(&[SliceInfoElem]) -> R) -> PyResult<R> {
    let new_axes = index.iter().filter(|entry| matches!(entry, Index::NewAxis)).count();
    let indexed = index.len() - new_axes;
    if indexed > shape.len() {
        return Err(PyIndexError::new_err(format!(
            "too many indices for array: array is {}-dimensional, but {indexed} were indexed",
            shape.len()
        )));
    }
    let count = shape.len() + new_axes;
    if count <= INLINE_AXES {
        let mut elems = [SliceInfoElem::NewAxis; INLINE_AXES];
        slice_entries(shape, index, &mut elems[..count])?;
        Ok(f(&elems[..count]))
    } else {
        let mut elems = vec![SliceInfoElem::NewAxis; count];
        slice_entries(shape, index, &mut elems)?;
        Ok(f(&elems))
    }
}

fn slice_entries(shape: &[usize], index: &[Index], out: &mut [SliceInfoElem]) -> PyResult<()> {
    let mut source_axis = 0; // the axis of `a` an entry indexes (new axes index none)
    let mut slots = out.iter_mut();
    let mut next = || slots.next().ok_or_else(|| PyRuntimeError::new_err("internal error: slice entries"));
    for entry in index {
        *next()? = match *entry {
            Index::NewAxis => SliceInfoElem::NewAxis,
            Index::Slice(start, stop, step) => python_slice(shape[source_axis], start, stop, step)?.into(),
            Index::At(i) => {
                let length = shape[source_axis];
                let [at] = position([i], &[length]).map_err(|_| {
                    PyIndexError::new_err(format!("index {i} is out of bounds for axis {source_axis} with size {length}"))
                })?;
                SliceInfoElem::Index(at as isize)
            }
        };
        if !matches!(entry, Index::NewAxis) {
            source_axis += 1;
        }
    }
    for slot in slots {
        *slot = SliceInfoElem::from(..);
    }
    Ok(())
}

fn dyn_slice_info(elems: &[SliceInfoElem]) -> PyResult<SliceInfo<&[SliceInfoElem], IxDyn, IxDyn>> {
    SliceInfo::try_from(elems).map_err(|e| PyRuntimeError::new_err(format!("internal error: {e}")))
}

fn fixed_slice_info<D: Dimension, E: Dimension>(elems: &[SliceInfoElem]) -> PyResult<SliceInfo<&[SliceInfoElem], D, E>> {
    SliceInfo::try_from(elems).map_err(|e| PyRuntimeError::new_err(format!("internal error: {e}")))
}

/// `a[index] = value` for an array value: broadcast into the view, or NumPy's ValueError.
pub fn assign<S, D, E, T>(a: &mut ArrayBase<S, D>, index: &[Index], value: &ndarray::ArrayView<'_, T, E>) -> PyResult<()>
where
    S: DataMut<Elem = T>,
    D: Dimension,
    E: Dimension,
    T: Copy,
{
    write_broadcast(view_mut(a, index)?, value)
}

/// `assign` through a view of the fixed dimension `F` (the indexed view's, known to the compiler).
#[inline]
pub fn assign_as<F, S, D, E, T>(a: &mut ArrayBase<S, D>, index: &[Index], value: &ndarray::ArrayView<'_, T, E>) -> PyResult<()>
where
    S: DataMut<Elem = T>,
    D: Dimension,
    E: Dimension,
    F: Dimension,
    T: Copy,
    for<'x> SliceInfo<&'x [SliceInfoElem], D, F>: SliceArg<D, OutDim = F>,
{
    write_broadcast(view_mut_as::<F, _, _>(a, index)?, value)
}

/// The value broadcast into the target view, or NumPy's ValueError.
fn write_broadcast<T: Copy, F: Dimension, E: Dimension>(
    mut target: ndarray::ArrayViewMut<'_, T, F>,
    value: &ndarray::ArrayView<'_, T, E>,
) -> PyResult<()> {
    if value.ndim() > target.ndim() && value.shape()[0] == 1 {
        let mut value = value.view().into_dyn();
        while value.ndim() > target.ndim() && value.shape()[0] == 1 {
            value = value.index_axis_move(ndarray::Axis(0), 0); // NumPy drops leading length-1 axes here
        }
        return write_broadcast(target, &value);
    }
    let source = value.broadcast(target.raw_dim()).ok_or_else(|| {
        PyValueError::new_err(format!(
            "could not broadcast input array from shape {} into shape {}",
            crate::broadcast::shape_text(value.shape()),
            crate::broadcast::shape_text(target.shape())
        ))
    })?;
    target.zip_mut_with(&source, |t, &v| *t = v);
    Ok(())
}

/// `a[index] += value` (the value already combined): NumPy's error names the output operand.
pub fn assign_in_place<S, D, E, T>(a: &mut ArrayBase<S, D>, index: &[Index], value: &ndarray::ArrayView<'_, T, E>) -> PyResult<()>
where
    S: DataMut<Elem = T>,
    D: Dimension,
    E: Dimension,
    T: Copy,
{
    write_same_shape(view_mut(a, index)?, value)
}

/// `assign_in_place` through a view of the fixed dimension `F`.
#[inline]
pub fn assign_in_place_as<F, S, D, E, T>(a: &mut ArrayBase<S, D>, index: &[Index], value: &ndarray::ArrayView<'_, T, E>) -> PyResult<()>
where
    S: DataMut<Elem = T>,
    D: Dimension,
    E: Dimension,
    F: Dimension,
    T: Copy,
    for<'x> SliceInfo<&'x [SliceInfoElem], D, F>: SliceArg<D, OutDim = F>,
{
    write_same_shape(view_mut_as::<F, _, _>(a, index)?, value)
}

fn write_same_shape<T: Copy, F: Dimension, E: Dimension>(
    target: ndarray::ArrayViewMut<'_, T, F>,
    value: &ndarray::ArrayView<'_, T, E>,
) -> PyResult<()> {
    if value.shape() != target.shape() {
        return Err(PyValueError::new_err(format!(
            "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
            crate::broadcast::shape_text(target.shape()),
            crate::broadcast::shape_text(value.shape())
        )));
    }
    write_broadcast(target, value)
}

/// `a[index] = scalar`.
pub fn fill<S, D, T>(a: &mut ArrayBase<S, D>, index: &[Index], value: T) -> PyResult<()>
where
    S: DataMut<Elem = T>,
    D: Dimension,
    T: Copy,
{
    view_mut(a, index)?.fill(value);
    Ok(())
}

/// `fill` through a view of the fixed dimension `F`.
#[inline]
pub fn fill_as<F, S, D, T>(a: &mut ArrayBase<S, D>, index: &[Index], value: T) -> PyResult<()>
where
    S: DataMut<Elem = T>,
    D: Dimension,
    F: Dimension,
    T: Copy,
    for<'x> SliceInfo<&'x [SliceInfoElem], D, F>: SliceArg<D, OutDim = F>,
{
    view_mut_as::<F, _, _>(a, index)?.fill(value);
    Ok(())
}

/// CPython's `PySlice_AdjustIndices`, expressed as the ndarray slice of the same elements.
fn python_slice(length: usize, start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> PyResult<ndarray::Slice> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(PyValueError::new_err("slice step cannot be zero"));
    }
    let len = length as i64;
    let (lower, upper) = if step > 0 { (0, len) } else { (-1, len - 1) };
    let clamp = |value: Option<i64>, default: i64| match value {
        None => default,
        Some(v) if v < 0 => (v.saturating_add(len)).max(lower),
        Some(v) => v.min(upper),
    };
    let first = clamp(start, if step > 0 { lower } else { upper });
    let end = clamp(stop, if step > 0 { upper } else { lower });
    let count = if step > 0 {
        if end > first { (end - first + step - 1) / step } else { 0 }
    } else if first > end {
        (first - end + (-step) - 1) / (-step)
    } else {
        0
    };
    if count == 0 {
        return Ok(ndarray::Slice::new(0, Some(0), 1));
    }
    if step > 0 {
        return Ok(ndarray::Slice::new(first as isize, Some((first + (count - 1) * step + 1) as isize), step as isize));
    }
    // ndarray steps backwards from the end of the range: the range ends just after `first`
    let last = first + (count - 1) * step;
    Ok(ndarray::Slice::new(last as isize, Some((first + 1) as isize), step as isize))
}

/// `a.copy()`: a new C-ordered array.
pub fn copy_c<S: Data, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<ndarray::Array<S::Elem, D>>
where
    S::Elem: Clone,
{
    can_allocate::<S::Elem>(a.len())?;
    Ok(a.as_standard_layout().into_owned())
}

/// `np.copy(a)` (order 'K'): a Fortran-ordered array stays Fortran-ordered, anything else is C.
pub fn copy_k<S: Data, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<ndarray::Array<S::Elem, D>>
where
    S::Elem: Clone,
{
    if is_fortran_only(a) {
        owned(a)
    } else {
        copy_c(a)
    }
}

fn is_fortran_only<S: Data, D: Dimension>(a: &ArrayBase<S, D>) -> bool {
    a.ndim() > 1 && !a.is_standard_layout() && a.t().is_standard_layout()
}

/// `np.zeros_like(a)`, `np.ones_like(a)` (order 'K', like NumPy).
#[inline]
pub fn full_like<S: Data, D: Dimension, T: Clone>(a: &ArrayBase<S, D>, value: T) -> PyResult<ndarray::Array<T, D>> {
    let data = try_filled(a.len(), value)?;
    let shape = a.raw_dim();
    let array = if is_fortran_only(a) {
        ndarray::Array::from_shape_vec(ndarray::ShapeBuilder::f(shape), data)
    } else {
        ndarray::Array::from_shape_vec(shape, data)
    };
    array.map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(format!("internal error: {e}")))
}

/// `a.reshape(dims)` (one `-1` inferred), `a.ravel()`: the elements in C order in a new shape, or
/// NumPy's ValueError. (NumPy returns a view when it can; compiled code never writes through one.)
pub fn reshape<S: Data, D: Dimension>(a: &ArrayBase<S, D>, dims: &[i64]) -> PyResult<ArrayD<S::Elem>>
where
    S::Elem: Clone,
{
    let size = a.len();
    let known: i64 = dims.iter().filter(|&&d| d != -1).product();
    let unknown = dims.iter().filter(|&&d| d == -1).count();
    let error = || {
        let text = dims.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
        let shape = if dims.len() == 1 { format!("({text},)") } else { format!("({text})") };
        PyValueError::new_err(format!("cannot reshape array of size {size} into shape {shape}"))
    };
    if unknown > 1 {
        return Err(PyValueError::new_err("can only specify one unknown dimension"));
    }
    if dims.iter().any(|&d| d < -1) {
        return Err(PyValueError::new_err("negative dimensions not allowed"));
    }
    let shape: Vec<usize> = dims
        .iter()
        .map(|&d| if d == -1 { if known == 0 { 0 } else { size / known as usize } } else { d as usize })
        .collect();
    if shape.iter().product::<usize>() != size || (unknown == 1 && known == 0) {
        return Err(error());
    }
    can_allocate::<S::Elem>(size)?;
    let data: Vec<S::Elem> = a.iter().cloned().collect();
    crate::from_shape_vec(shape, data)
}

/// NumPy's IndexError when a boolean index does not have the array's shape.
fn check_mask<E: Dimension>(shape: &[usize], mask: &ndarray::ArrayView<'_, bool, E>) -> PyResult<()> {
    if mask.ndim() > shape.len() {
        return Err(PyIndexError::new_err(format!(
            "too many indices for array: array is {}-dimensional, but {} were indexed",
            shape.len(),
            mask.ndim()
        )));
    }
    if !mask.is_standard_layout() {
        can_allocate::<bool>(mask.len())?; // NumPy copies such a mask before it compares shapes
    }
    for (axis, (&size, &flag)) in shape.iter().zip(mask.shape()).enumerate() {
        // NumPy lets a mask axis of length 0 stand for any length (it selects nothing)
        if size != flag && flag != 0 {
            return Err(PyIndexError::new_err(format!(
                "boolean index did not match indexed array along axis {axis}; size of axis is {size} but size of \
                 corresponding boolean axis is {flag}"
            )));
        }
    }
    if mask.ndim() != shape.len() {
        return Err(crate::errors::deopt()); // a mask of fewer axes selects sub-arrays: run the original
    }
    Ok(())
}

/// `a[mask]`: the selected elements in C order, as a new 1-D array.
pub fn masked<S: Data, D: Dimension, E: Dimension>(a: &ArrayBase<S, D>, mask: &ndarray::ArrayView<'_, bool, E>) -> PyResult<ndarray::Array1<S::Elem>>
where
    S::Elem: Clone,
{
    check_mask(a.shape(), mask)?;
    can_allocate::<S::Elem>(a.len())?;
    Ok(a.iter().zip(mask.iter()).filter(|(_, &m)| m).map(|(v, _)| v.clone()).collect())
}

/// `a[mask] = value` for a scalar.
pub fn fill_mask<S: DataMut, D: Dimension, E: Dimension>(a: &mut ArrayBase<S, D>, mask: &ndarray::ArrayView<'_, bool, E>, value: S::Elem) -> PyResult<()>
where
    S::Elem: Clone,
{
    check_mask(a.shape(), mask)?;
    a.iter_mut().zip(mask.iter()).filter(|(_, &m)| m).for_each(|(slot, _)| *slot = value.clone());
    Ok(())
}

/// `a[mask] = values`: one value per selected element in C order, or a single value for all.
pub fn assign_mask<S: DataMut, D: Dimension, E: Dimension, F: Dimension>(
    a: &mut ArrayBase<S, D>,
    mask: &ndarray::ArrayView<'_, bool, E>,
    values: &ndarray::ArrayView<'_, S::Elem, F>,
) -> PyResult<()>
where
    S::Elem: Clone,
{
    check_mask(a.shape(), mask)?;
    let count = mask.iter().filter(|&&m| m).count();
    can_allocate::<S::Elem>(values.len())?;
    let values: Vec<S::Elem> = values.iter().cloned().collect();
    if values.len() != count && values.len() != 1 {
        return Err(PyValueError::new_err(format!(
            "NumPy boolean array indexing assignment cannot assign {} input values to the {count} output values where the mask is true",
            values.len()
        )));
    }
    let mut next = values.iter().cycle();
    for (slot, _) in a.iter_mut().zip(mask.iter()).filter(|(_, &m)| m) {
        if let Some(v) = next.next() {
            *slot = v.clone();
        }
    }
    Ok(())
}

/// `x.astype(np.int64)` of float64 values: truncated toward zero. NaN, infinities and values
/// beyond int64 deopt: NumPy's result for them is whatever the C cast gives on the machine (with a
/// RuntimeWarning), which the original function reproduces.
macro_rules! float_to_int {
    ($($name:ident => $int:ty),+) => {$(
        pub fn $name<T: Copy + Into<f64>, S: Data<Elem = T>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<ndarray::Array<$int, D>> {
            // truncated values in MIN..=MAX (MAX + 1 is exact for every int here: 2**63, 2**32, ...)
            let (low, high) = (<$int>::MIN as f64, <$int>::MAX as f64 + 1.0);
            if !a.iter().all(|&v| (low..high).contains(&v.into().trunc())) {
                return Err(crate::errors::deopt());
            }
            can_allocate::<$int>(a.len())?;
            Ok(a.map(|&v| v.into() as $int))
        }
    )+};
}
float_to_int!(float_to_i64 => i64, float_to_i32 => i32, float_to_u8 => u8, float_to_u32 => u32);
