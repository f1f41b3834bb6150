//! NumPy's array constructors from numbers, with NumPy's arithmetic so the values are identical.

use ndarray::{Array1, Array2};
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;

/// `np.linspace(start, stop, num, endpoint)`: `start + i * step` (NumPy's formula, including its
/// special case for a step that underflows to zero), the last value exactly `stop`.
pub fn linspace(start: f64, stop: f64, num: i64, endpoint: bool) -> PyResult<Array1<f64>> {
    let num = usize::try_from(num)
        .map_err(|_| PyValueError::new_err(format!("Number of samples, {num}, must be non-negative.")))?;
    crate::arrays::element_count(&[num])?;
    let div = if endpoint { num.saturating_sub(1) } else { num };
    let delta = stop - start;
    let step = delta / div as f64;
    let mut y = Array1::from(crate::arrays::try_filled(num, 0.0)?); // MemoryError, never an abort
    for (i, slot) in y.iter_mut().enumerate() {
        let i = i as f64;
        let scaled = if div == 0 {
            i * delta
        } else if step == 0.0 {
            i / div as f64 * delta
        } else {
            i * step
        };
        *slot = scaled + start;
    }
    if endpoint && num > 1 {
        y[num - 1] = stop;
    }
    Ok(y)
}

/// `np.arange(start, stop, step)` of floats: NumPy's length rules (`_calc_length`) and values,
/// `start + i * ((start + step) - start)` from the third on.
pub fn arange(start: f64, stop: f64, step: f64) -> PyResult<Array1<f64>> {
    if step == 0.0 {
        return Err(pyo3::exceptions::PyZeroDivisionError::new_err("float division by zero"));
    }
    let delta = stop - start;
    let value = delta / step;
    let len = if value == 0.0 && delta != 0.0 {
        usize::from(!value.is_sign_negative()) // the quotient underflowed: one element or none
    } else {
        let ceiling = value.ceil();
        if ceiling.is_nan() {
            return Err(PyValueError::new_err("arange: cannot compute length"));
        }
        if !(ceiling >= i64::MIN as f64 && ceiling <= i64::MAX as f64) {
            return Err(PyValueError::new_err("Maximum allowed size exceeded"));
        }
        ceiling.max(0.0) as usize
    };
    crate::arrays::element_count(&[len])?;
    let delta = (start + step) - start;
    let mut values = Array1::from(crate::arrays::try_filled(len, 0.0)?);
    for (i, slot) in values.iter_mut().enumerate() {
        *slot = match i {
            0 => start,
            1 => start + step,
            _ => start + i as f64 * delta,
        };
    }
    Ok(values)
}

/// `np.arange(start, stop, step)` of ints: an int64 array, `ceil((stop - start) / step)` long
/// (exact here; NumPy's quotient is a float, which differs only beyond 2**53 elements, far past
/// any allocation).
pub fn arange_int(start: i64, stop: i64, step: i64) -> PyResult<Array1<i64>> {
    if step == 0 {
        return Err(pyo3::exceptions::PyZeroDivisionError::new_err("division by zero"));
    }
    let (delta, step_wide) = (i128::from(stop) - i128::from(start), i128::from(step));
    let (quotient, rest) = (delta / step_wide, delta % step_wide);
    // the ceiling: truncation rounded a positive, inexact quotient down
    let len = (quotient + i128::from(rest != 0 && (rest > 0) == (step_wide > 0))).max(0);
    let len = usize::try_from(len).map_err(|_| PyValueError::new_err("Maximum allowed size exceeded"))?;
    crate::arrays::element_count(&[len])?;
    let mut values = Array1::from(crate::arrays::try_filled(len, 0i64)?);
    for (i, slot) in values.iter_mut().enumerate() {
        *slot = start.wrapping_add((i as i64).wrapping_mul(step));
    }
    Ok(values)
}

/// `np.eye(n, m, k)`: ones on the k-th diagonal.
pub fn eye(n: i64, m: i64, k: i64) -> PyResult<Array2<f64>> {
    let rows = usize::try_from(n).map_err(|_| PyValueError::new_err("negative dimensions are not allowed"))?;
    let cols = usize::try_from(m).map_err(|_| PyValueError::new_err("negative dimensions are not allowed"))?;
    crate::arrays::can_allocate::<f64>(crate::arrays::element_count(&[rows, cols])?)?;
    Ok(Array2::from_shape_fn((rows, cols), |(i, j)| if j as i64 - i as i64 == k { 1.0 } else { 0.0 }))
}

/// `np.array([...])` of scalars: the values in C order in the given shape.
pub fn array<T: Clone>(shape: &[i64], values: Vec<T>) -> PyResult<ndarray::ArrayD<T>> {
    let shape: Vec<usize> = shape.iter().map(|&d| d as usize).collect();
    crate::from_shape_vec(shape, values)
}

/// `np.concatenate(arrays, axis)`: NumPy's ValueError when the other axes differ.
pub fn concatenate<T: Clone>(axis: usize, arrays: &[ndarray::ArrayViewD<'_, T>]) -> PyResult<ndarray::ArrayD<T>> {
    let first = arrays
        .first()
        .ok_or_else(|| PyValueError::new_err("need at least one array to concatenate"))?;
    for (index, array) in arrays.iter().enumerate().skip(1) {
        for (dim, (&a, &b)) in first.shape().iter().zip(array.shape()).enumerate() {
            if dim != axis && a != b {
                return Err(PyValueError::new_err(format!(
                    "all the input array dimensions except for the concatenation axis must match exactly, but \
                     along dimension {dim}, the array at index 0 has size {a} and the array at index {index} has size {b}"
                )));
            }
        }
    }
    let total = arrays.iter().fold(0usize, |n, a| n.saturating_add(a.len()));
    crate::arrays::can_allocate::<T>(total.saturating_mul(2))?; // the joined array and its C-order copy
    ndarray::concatenate(ndarray::Axis(axis), arrays)
        .map(|a| a.as_standard_layout().into_owned())
        .map_err(|e| PyValueError::new_err(format!("cannot concatenate: {e}")))
}

/// `np.stack(arrays, axis)`: a new axis; NumPy's ValueError unless all shapes are equal.
pub fn stack<T: Clone>(axis: usize, arrays: &[ndarray::ArrayViewD<'_, T>]) -> PyResult<ndarray::ArrayD<T>> {
    let first = arrays
        .first()
        .ok_or_else(|| PyValueError::new_err("need at least one array to stack"))?;
    if arrays.iter().any(|a| a.shape() != first.shape()) {
        return Err(PyValueError::new_err("all input arrays must have the same shape"));
    }
    let expanded: Vec<ndarray::ArrayViewD<'_, T>> = arrays.iter().map(|a| a.view().insert_axis(ndarray::Axis(axis))).collect();
    concatenate(axis, &expanded)
}
