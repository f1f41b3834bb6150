//! Reductions and scans along one axis (`np.sum(a, axis=1)`, `np.cumsum`, `np.diff`, ...), in the
//! order NumPy computes them so float results are bit-identical: a lane NumPy visits as its inner
//! loop is summed pairwise, one it visits as the outer loop is accumulated in index order.

use crate::arrays::can_allocate;
use crate::errors::deopt;
use crate::reduce::pairwise_by;
use ndarray::{Array, Array1, ArrayBase, Axis, Data, Dimension, RemoveAxis, Slice, Zip};
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;

/// Whether NumPy's reduction over `axis` has that axis as its inner loop: its iterator puts the axis
/// of smallest stride innermost. Both orders agree on lanes shorter than 8; a reversed lane (NumPy
/// iterates it in memory order) or a tie runs the original instead.
fn lane_is_inner<S: Data, D: Dimension>(a: &ArrayBase<S, D>, axis: usize) -> PyResult<bool> {
    let len = a.len_of(Axis(axis));
    let stride = a.strides()[axis];
    if len > 2 && stride < 0 {
        return Err(deopt());
    }
    if len < 8 {
        return Ok(false);
    }
    let others = a
        .shape()
        .iter()
        .zip(a.strides())
        .enumerate()
        .filter(|&(k, (&n, _))| k != axis && n > 1)
        .map(|(_, (_, &s))| s.unsigned_abs())
        .min();
    match others {
        None => Ok(true),
        Some(m) if m == stride.unsigned_abs() => Err(deopt()),
        Some(m) => Ok(stride.unsigned_abs() < m),
    }
}

/// One lane's sum as NumPy forms it: `0 + pairwise(lane)` inside, `((0 + a0) + a1) + ...` outside.
fn lane_sum<F: Fn(usize) -> f64>(len: usize, inner: bool, get: F) -> f64 {
    if inner {
        0.0 + pairwise_by(0, len, &get)
    } else {
        (0..len).fold(0.0, |sum, k| sum + get(k))
    }
}

fn check_axis(ndim: usize, axis: usize) -> PyResult<()> {
    if axis >= ndim {
        return Err(PyValueError::new_err(format!("axis {axis} is out of bounds for array of dimension {ndim}")));
    }
    Ok(())
}

/// The axis is valid and the reduced result (every axis but `axis`) can be allocated: MemoryError
/// on a huge broadcast view, never an abort.
fn check_reduction<S: Data, D: Dimension, T>(a: &ArrayBase<S, D>, axis: usize) -> PyResult<()> {
    check_axis(a.ndim(), axis)?;
    let others = a
        .shape()
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != axis)
        .fold(1usize, |n, (_, &d)| n.saturating_mul(d));
    can_allocate::<T>(others)
}

/// `np.sum(a, axis=k)`.
pub fn sum<S: Data<Elem = f64>, D: RemoveAxis>(a: &ArrayBase<S, D>, axis: usize) -> PyResult<Array<f64, D::Smaller>> {
    check_reduction::<_, _, f64>(a, axis)?;
    let inner = lane_is_inner(a, axis)?;
    Ok(a.map_axis(Axis(axis), |lane| lane_sum(lane.len(), inner, |k| lane[k])))
}

/// `np.mean(a, axis=k)`: the sum divided by the lane length (NaN for empty lanes, as NumPy).
pub fn mean<S: Data<Elem = f64>, D: RemoveAxis>(a: &ArrayBase<S, D>, axis: usize) -> PyResult<Array<f64, D::Smaller>> {
    let n = a.len_of(Axis(axis)) as f64;
    Ok(sum(a, axis)?.mapv_into(|s| s / n))
}

/// `np.var(a, axis=k, ddof=d)`: NumPy's two passes (mean, then the sum of squared deviations).
pub fn var<S: Data<Elem = f64>, D: RemoveAxis>(a: &ArrayBase<S, D>, axis: usize, ddof: f64) -> PyResult<Array<f64, D::Smaller>> {
    check_reduction::<_, _, f64>(a, axis)?;
    let inner = lane_is_inner(a, axis)?;
    let n = a.len_of(Axis(axis));
    let count = (n as f64 - ddof).max(0.0);
    Ok(a.map_axis(Axis(axis), |lane| {
        let mean = lane_sum(n, inner, |k| lane[k]) / n as f64;
        lane_sum(n, inner, |k| (lane[k] - mean) * (lane[k] - mean)) / count
    }))
}

/// `np.std(a, axis=k, ddof=d)`.
pub fn std<S: Data<Elem = f64>, D: RemoveAxis>(a: &ArrayBase<S, D>, axis: usize, ddof: f64) -> PyResult<Array<f64, D::Smaller>> {
    Ok(var(a, axis, ddof)?.mapv_into(f64::sqrt))
}

/// `np.prod(a, axis=k)`: products in index order (NumPy has no pairwise product).
pub fn prod<S: Data<Elem = f64>, D: RemoveAxis>(a: &ArrayBase<S, D>, axis: usize) -> PyResult<Array<f64, D::Smaller>> {
    check_reduction::<_, _, f64>(a, axis)?;
    if a.len_of(Axis(axis)) > 2 && a.strides()[axis] < 0 {
        return Err(deopt());
    }
    Ok(a.map_axis(Axis(axis), |lane| lane.fold(1.0, |p, &v| p * v)))
}

/// `np.linalg.norm(a, axis=k)`: `sqrt(add.reduce(a * a, axis=k))`, NumPy's own formula.
pub fn norm<S: Data<Elem = f64>, D: RemoveAxis>(a: &ArrayBase<S, D>, axis: usize) -> PyResult<Array<f64, D::Smaller>> {
    check_reduction::<_, _, f64>(a, axis)?;
    let inner = lane_is_inner(a, axis)?;
    Ok(a.map_axis(Axis(axis), |lane| lane_sum(lane.len(), inner, |k| lane[k] * lane[k]).sqrt()))
}

fn extreme<S: Data<Elem = f64>, D: RemoveAxis>(
    a: &ArrayBase<S, D>,
    axis: usize,
    name: &str,
    keep: fn(f64, f64) -> f64,
) -> PyResult<Array<f64, D::Smaller>> {
    check_reduction::<_, _, f64>(a, axis)?;
    if a.len_of(Axis(axis)) == 0 {
        return Err(PyValueError::new_err(format!(
            "zero-size array to reduction operation {name} which has no identity"
        )));
    }
    // NaN propagates, and of two equal values (0.0 and -0.0) the later one wins (`keep` gives its
    // second argument on ties), as in NumPy's loops
    Ok(a.map_axis(Axis(axis), |lane| lane.iter().skip(1).fold(lane[0], |m, &v| keep(m, v))))
}

/// `np.max(a, axis=k)`: NaN propagates; an empty axis is NumPy's ValueError.
pub fn max<S: Data<Elem = f64>, D: RemoveAxis>(a: &ArrayBase<S, D>, axis: usize) -> PyResult<Array<f64, D::Smaller>> {
    extreme(a, axis, "maximum", crate::npscalar::maximum)
}

/// `np.min(a, axis=k)`.
pub fn min<S: Data<Elem = f64>, D: RemoveAxis>(a: &ArrayBase<S, D>, axis: usize) -> PyResult<Array<f64, D::Smaller>> {
    extreme(a, axis, "minimum", crate::npscalar::minimum)
}

/// `np.argmax(a, axis=k)` / `np.argmin`: per lane the first index of the extreme, or of the first
/// NaN (an int64 array); an empty axis is NumPy's ValueError.
fn arg_extreme<S: Data<Elem = f64>, D: RemoveAxis>(
    a: &ArrayBase<S, D>,
    axis: usize,
    name: &str,
    better: fn(f64, f64) -> bool,
) -> PyResult<Array<i64, D::Smaller>> {
    check_reduction::<_, _, i64>(a, axis)?;
    if a.len_of(Axis(axis)) == 0 {
        return Err(crate::reduce::empty_arg_extreme(name));
    }
    Ok(a.map_axis(Axis(axis), |lane| crate::reduce::first_extreme(lane.iter().copied(), better).unwrap_or(0)))
}

pub fn argmax<S: Data<Elem = f64>, D: RemoveAxis>(a: &ArrayBase<S, D>, axis: usize) -> PyResult<Array<i64, D::Smaller>> {
    arg_extreme(a, axis, "argmax", |v, best| v > best)
}

pub fn argmin<S: Data<Elem = f64>, D: RemoveAxis>(a: &ArrayBase<S, D>, axis: usize) -> PyResult<Array<i64, D::Smaller>> {
    arg_extreme(a, axis, "argmin", |v, best| v < best)
}

/// Truth of one element as NumPy's `any`/`all` see it.
pub trait Truth: Copy {
    fn truth(self) -> bool;
}
impl Truth for f64 {
    fn truth(self) -> bool {
        self != 0.0
    }
}
impl Truth for f32 {
    fn truth(self) -> bool {
        self != 0.0
    }
}
macro_rules! integer_truth {
    ($($t:ty),+) => {$(
        impl Truth for $t {
            fn truth(self) -> bool {
                self != 0
            }
        }
    )+};
}
integer_truth!(i64, i32, u8, u32);

impl Truth for bool {
    fn truth(self) -> bool {
        self
    }
}

/// `np.any(a, axis=k)`.
pub fn any<S: Data, D: RemoveAxis>(a: &ArrayBase<S, D>, axis: usize) -> PyResult<Array<bool, D::Smaller>>
where
    S::Elem: Truth,
{
    check_reduction::<_, _, bool>(a, axis)?;
    Ok(a.map_axis(Axis(axis), |lane| lane.iter().any(|v| v.truth())))
}

/// `np.all(a, axis=k)`.
pub fn all<S: Data, D: RemoveAxis>(a: &ArrayBase<S, D>, axis: usize) -> PyResult<Array<bool, D::Smaller>>
where
    S::Elem: Truth,
{
    check_reduction::<_, _, bool>(a, axis)?;
    Ok(a.map_axis(Axis(axis), |lane| lane.iter().all(|v| v.truth())))
}

/// `np.any(a)` over all elements.
pub fn any_all<S: Data, D: Dimension>(a: &ArrayBase<S, D>) -> bool
where
    S::Elem: Truth,
{
    a.iter().any(|v| v.truth())
}

/// `np.all(a)` over all elements.
pub fn all_all<S: Data, D: Dimension>(a: &ArrayBase<S, D>) -> bool
where
    S::Elem: Truth,
{
    a.iter().all(|v| v.truth())
}

/// `np.cumsum(a, axis=k)` / `np.cumprod`: running results in index order, the first element as is.
pub fn accumulate<S: Data<Elem = f64>, D: RemoveAxis>(
    a: &ArrayBase<S, D>,
    axis: usize,
    step: fn(f64, f64) -> f64,
) -> PyResult<Array<f64, D>> {
    check_axis(a.ndim(), axis)?;
    can_allocate::<f64>(a.len())?;
    let mut out = a.as_standard_layout().into_owned();
    out.accumulate_axis_inplace(Axis(axis), |&previous, current| *current = step(previous, *current));
    Ok(out)
}

/// `np.cumsum(a, axis=k)`.
pub fn cumsum<S: Data<Elem = f64>, D: RemoveAxis>(a: &ArrayBase<S, D>, axis: usize) -> PyResult<Array<f64, D>> {
    accumulate(a, axis, |p, v| p + v)
}

/// `np.cumprod(a, axis=k)`.
pub fn cumprod<S: Data<Elem = f64>, D: RemoveAxis>(a: &ArrayBase<S, D>, axis: usize) -> PyResult<Array<f64, D>> {
    accumulate(a, axis, |p, v| p * v)
}

/// `np.cumsum(a)` / `np.cumprod(a)` without an axis: over the elements in C order, as a 1-D array.
pub fn accumulate_flat<S: Data<Elem = f64>, D: Dimension>(
    a: &ArrayBase<S, D>,
    step: fn(f64, f64) -> f64,
) -> PyResult<Array1<f64>> {
    can_allocate::<f64>(a.len())?;
    let mut running: Option<f64> = None;
    Ok(a.iter()
        .map(|&v| {
            let next = running.map_or(v, |p| step(p, v));
            running = Some(next);
            next
        })
        .collect())
}

pub fn cumsum_flat<S: Data<Elem = f64>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<Array1<f64>> {
    accumulate_flat(a, |p, v| p + v)
}

pub fn cumprod_flat<S: Data<Elem = f64>, D: Dimension>(a: &ArrayBase<S, D>) -> PyResult<Array1<f64>> {
    accumulate_flat(a, |p, v| p * v)
}

/// `np.diff(a, n, axis=k)`: `n` times the difference of neighbours along the axis.
pub fn diff<S: Data<Elem = f64>, D: RemoveAxis>(a: &ArrayBase<S, D>, n: usize, axis: usize) -> PyResult<Array<f64, D>> {
    check_axis(a.ndim(), axis)?;
    can_allocate::<f64>(a.len())?;
    if n == 0 {
        return crate::arrays::owned(a);
    }
    // the first differences straight from a contiguous `a` (the layout a copy of it would have)
    let mut current = if a.is_standard_layout() || a.t().is_standard_layout() {
        neighbour_differences(&a.view(), axis)
    } else {
        neighbour_differences(&crate::arrays::owned(a)?.view(), axis)
    };
    for _ in 1..n {
        current = neighbour_differences(&current.view(), axis);
    }
    Ok(current)
}

fn neighbour_differences<D: RemoveAxis>(a: &ndarray::ArrayView<'_, f64, D>, axis: usize) -> Array<f64, D> {
    let len = a.len_of(Axis(axis));
    let lower = a.slice_axis(Axis(axis), Slice::from(0..len.saturating_sub(1)));
    let upper = a.slice_axis(Axis(axis), Slice::from(len.min(1)..len));
    Zip::from(&upper).and(&lower).map_collect(|&u, &l| u - l)
}

