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
    let mut y: Array1<f64> = (0..num)
        .map(|i| {
            let i = i as f64;
            let scaled = if div == 0 {
                i * delta
            } else if step == 0.0 {
                i / div as f64 * delta
            } else {
                i * step
            };
            scaled + start
        })
        .collect();
    if endpoint && num > 1 {
        y[num - 1] = stop;
    }
    Ok(y)
}

/// `np.arange(start, stop, step)` of floats: NumPy fills `start + i * ((start + step) - start)`.
pub fn arange(start: f64, stop: f64, step: f64) -> PyResult<Array1<f64>> {
    if step == 0.0 {
        return Err(PyValueError::new_err("Maximum allowed size exceeded"));
    }
    let count = ((stop - start) / step).ceil();
    if count.is_nan() {
        return Err(PyValueError::new_err("arange: cannot compute length"));
    }
    let len = if count > 0.0 { count as usize } else { 0 };
    crate::arrays::element_count(&[len])?;
    let delta = (start + step) - start;
    Ok((0..len)
        .map(|i| match i {
            0 => start,
            1 => start + step,
            _ => start + i as f64 * delta,
        })
        .collect())
}

/// `np.eye(n, m, k)`: ones on the k-th diagonal.
pub fn eye(n: i64, m: i64, k: i64) -> PyResult<Array2<f64>> {
    let rows = usize::try_from(n).map_err(|_| PyValueError::new_err("negative dimensions are not allowed"))?;
    let cols = usize::try_from(m).map_err(|_| PyValueError::new_err("negative dimensions are not allowed"))?;
    crate::arrays::element_count(&[rows, cols])?;
    Ok(Array2::from_shape_fn((rows, cols), |(i, j)| if j as i64 - i as i64 == k { 1.0 } else { 0.0 }))
}

/// `np.array([...])` of scalars: the values in C order in the given shape.
pub fn array<T: Clone>(shape: &[i64], values: Vec<T>) -> PyResult<ndarray::ArrayD<T>> {
    let shape: Vec<usize> = shape.iter().map(|&d| d as usize).collect();
    crate::from_shape_vec(shape, values)
}
