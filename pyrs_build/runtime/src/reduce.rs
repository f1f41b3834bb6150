//! Whole-array reductions, bit-for-bit as NumPy computes them. `np.sum` is NumPy's pairwise
//! summation over memory order (contiguous arrays) or logical order (1-D strided); any other
//! layout deopts to the original function rather than risk another rounding.

use crate::errors::deopt;
use ndarray::{ArrayBase, Data, Dimension};
use pyo3::exceptions::PyValueError;
use pyo3::{PyErr, PyResult};

const BLOCK: usize = 128;

/// NumPy's `pairwise_sum` for float64 (`loops_utils.h`).
fn pairwise(a: &[f64]) -> f64 {
    pairwise_by(0, a.len(), &|k| a[k])
}

/// NumPy's `pairwise_sum` of the `n` values `get(start)`, `get(start + 1)`, ...
pub fn pairwise_by<F: Fn(usize) -> f64>(start: usize, n: usize, get: &F) -> f64 {
    if n < 8 {
        return (start..start + n).fold(0.0, |sum, k| sum + get(k));
    }
    if n <= BLOCK {
        let mut r: [f64; 8] = std::array::from_fn(|k| get(start + k));
        let whole = n - n % 8;
        for block in (8..whole).step_by(8) {
            for (lane, acc) in r.iter_mut().enumerate() {
                *acc += get(start + block + lane);
            }
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for k in whole..n {
            res += get(start + k);
        }
        return res;
    }
    let mut half = n / 2;
    half -= half % 8;
    pairwise_by(start, half, get) + pairwise_by(start + half, n - half, get)
}

/// The elements in the order NumPy's reduction visits them, when that order is known.
/// 1-D: index order (even reversed); N-D: memory order of a C- or Fortran-contiguous array.
fn in_numpy_order<T: Copy, S: Data<Elem = T>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<std::borrow::Cow<'_, [T]>> {
    if a.ndim() <= 1 {
        return Ok(match a.as_slice() {
            Some(slice) => std::borrow::Cow::Borrowed(slice),
            None => {
                crate::arrays::can_allocate::<T>(a.len())?;
                std::borrow::Cow::Owned(a.iter().copied().collect())
            }
        });
    }
    if a.strides().iter().all(|&s| s >= 0) {
        if let Some(slice) = a.as_slice_memory_order() {
            return Ok(std::borrow::Cow::Borrowed(slice));
        }
    }
    Err(deopt())
}

/// `np.sum(a)`.
#[inline]
pub fn sum<S: Data<Elem = f64>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<f64> {
    Ok(pairwise(&in_numpy_order(a)?))
}

/// `np.mean(a)`: the sum divided by the count (NaN for an empty array, as NumPy).
#[inline]
pub fn mean<S: Data<Elem = f64>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<f64> {
    Ok(sum(a)? / a.len() as f64)
}

fn extreme<S: Data<Elem = f64>, D: Dimension>(a: &ArrayBase<S, D>, name: &str, keep: fn(f64, f64) -> f64) -> PyResult<f64> {
    let mut values = a.iter().copied();
    let first = values.next().ok_or_else(|| {
        PyValueError::new_err(format!("zero-size array to reduction operation {name} which has no identity"))
    })?;
    Ok(values.fold(first, keep))
}

/// `np.max(a)`: NaN propagates.
#[inline]
pub fn max<S: Data<Elem = f64>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<f64> {
    extreme(a, "maximum", crate::npscalar::maximum)
}

/// `np.min(a)`.
#[inline]
pub fn min<S: Data<Elem = f64>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<f64> {
    extreme(a, "minimum", crate::npscalar::minimum)
}

/// `np.argmax(a)` / `np.argmin(a)`: the first index (C order) of the extreme, or of the first NaN.
fn arg_extreme<S: Data<Elem = f64>, D: Dimension>(a: &ArrayBase<S, D>, name: &str, better: fn(f64, f64) -> bool) -> PyResult<i64> {
    first_extreme(a.iter().copied(), better).ok_or_else(|| empty_arg_extreme(name))
}

/// NumPy's error for the index of the extreme of no values.
pub(crate) fn empty_arg_extreme(name: &str) -> PyErr {
    PyValueError::new_err(format!("attempt to get {name} of an empty sequence"))
}

/// The position of the first extreme of `values` (`better(v, best)`: v replaces best), or of the
/// first NaN (NaN wins, as in NumPy); None for no values.
pub(crate) fn first_extreme(values: impl Iterator<Item = f64>, better: fn(f64, f64) -> bool) -> Option<i64> {
    let mut values = values.enumerate();
    let (mut best_index, mut best) = values.next()?;
    if best.is_nan() {
        return Some(0);
    }
    for (index, value) in values {
        if value.is_nan() {
            return Some(index as i64);
        }
        if better(value, best) {
            best_index = index;
            best = value;
        }
    }
    Some(best_index as i64)
}

pub fn argmax<S: Data<Elem = f64>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<i64> {
    arg_extreme(a, "argmax", |v, best| v > best)
}

pub fn argmin<S: Data<Elem = f64>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<i64> {
    arg_extreme(a, "argmin", |v, best| v < best)
}

// ---- integer and bool arrays ---------------------------------------------------------------------

/// NumPy casts integers to float64 for `np.mean` through buffers of this many elements, each
/// summed pairwise and added to the running total in turn.
const CAST_BUFFER: usize = 8192;

/// `np.sum` of an int64 array: wraps around like NumPy's integer add.
pub fn sum_i64<S: Data<Elem = i64>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<i64> {
    Ok(a.iter().fold(0i64, |sum, &v| sum.wrapping_add(v)))
}

/// `np.sum` of a bool array: the count of True, an int64.
pub fn sum_bool<S: Data<Elem = bool>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<i64> {
    Ok(a.iter().filter(|&&v| v).count() as i64)
}

/// `np.mean` of an int64 or bool array: float64 values, summed as NumPy's buffered cast does.
fn mean_as_f64<T: Copy, S: Data<Elem = T>, D: Dimension>(a: &ArrayBase<S, D>, to_f64: fn(T) -> f64) -> PyResult<f64> {
    let values = in_numpy_order(a)?;
    let sum = values
        .chunks(CAST_BUFFER)
        .fold(0.0, |total, chunk| total + pairwise_by(0, chunk.len(), &|k| to_f64(chunk[k])));
    Ok(sum / a.len() as f64)
}

pub fn mean_i64<S: Data<Elem = i64>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<f64> {
    mean_as_f64(a, |v| v as f64)
}

/// `np.sum` of an int32 array: an int64 (NumPy adds small ints in the default int), wrapping.
pub fn sum_i32<S: Data<Elem = i32>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<i64> {
    Ok(a.iter().fold(0i64, |sum, &v| sum.wrapping_add(i64::from(v))))
}

pub fn mean_i32<S: Data<Elem = i32>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<f64> {
    mean_as_f64(a, f64::from)
}

pub fn mean_u8<S: Data<Elem = u8>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<f64> {
    mean_as_f64(a, f64::from)
}

pub fn mean_u32<S: Data<Elem = u32>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<f64> {
    mean_as_f64(a, f64::from)
}

pub fn mean_bool<S: Data<Elem = bool>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<f64> {
    mean_as_f64(a, |v| f64::from(u8::from(v)))
}

fn ordered_extreme<T: Ord + Copy, S: Data<Elem = T>, D: Dimension>(a: &ArrayBase<S, D>, name: &str, keep: fn(T, T) -> T) -> PyResult<T> {
    let mut values = a.iter().copied();
    let first = values.next().ok_or_else(|| {
        PyValueError::new_err(format!("zero-size array to reduction operation {name} which has no identity"))
    })?;
    Ok(values.fold(first, keep))
}

/// The first index (C order) of the extreme of totally ordered values.
fn ordered_arg_extreme<T: Ord + Copy, S: Data<Elem = T>, D: Dimension>(a: &ArrayBase<S, D>, name: &str, better: fn(T, T) -> bool) -> PyResult<i64> {
    let mut values = a.iter().copied().enumerate();
    let (mut best_index, mut best) = values
        .next()
        .ok_or_else(|| PyValueError::new_err(format!("attempt to get {name} of an empty sequence")))?;
    for (index, value) in values {
        if better(value, best) {
            best_index = index;
            best = value;
        }
    }
    Ok(best_index as i64)
}

macro_rules! ordered_reductions {
    ($($t:ty => $max:ident, $min:ident, $argmax:ident, $argmin:ident);+) => {$(
        pub fn $max<S: Data<Elem = $t>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<$t> {
            ordered_extreme(a, "maximum", std::cmp::max)
        }
        pub fn $min<S: Data<Elem = $t>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<$t> {
            ordered_extreme(a, "minimum", std::cmp::min)
        }
        pub fn $argmax<S: Data<Elem = $t>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<i64> {
            ordered_arg_extreme(a, "argmax", |v, best| v > best)
        }
        pub fn $argmin<S: Data<Elem = $t>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<i64> {
            ordered_arg_extreme(a, "argmin", |v, best| v < best)
        }
    )+};
}

ordered_reductions!(
    i64 => max_i64, min_i64, argmax_i64, argmin_i64;
    i32 => max_i32, min_i32, argmax_i32, argmin_i32;
    u8 => max_u8, min_u8, argmax_u8, argmin_u8;
    u32 => max_u32, min_u32, argmax_u32, argmin_u32;
    bool => max_bool, min_bool, argmax_bool, argmin_bool
);
