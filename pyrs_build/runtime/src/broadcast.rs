//! NumPy broadcasting for fused elementwise loops, and the `elementwise!` macro that runs one.

use ndarray::{ArrayD, ArrayView, ArrayViewD, Dimension, IxDyn};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::PyResult;

/// The broadcast shape of several operands, or NumPy's ValueError.
pub fn broadcast_shapes(shapes: &[&[usize]]) -> PyResult<Vec<usize>> {
    Ok(broadcast_dim::<IxDyn>(shapes)?.slice().to_vec())
}

/// NumPy's ValueError for operands whose shapes do not broadcast. NumPy evaluates one binary
/// operation at a time, left to right, and names the two shapes of the first that fails: the
/// broadcast of the operands before it, and the operand that does not fit.
fn broadcast_error(shapes: &[&[usize]]) -> pyo3::PyErr {
    let mut running: Vec<usize> = shapes.first().map(|s| s.to_vec()).unwrap_or_default();
    for shape in &shapes[1..] {
        match broadcast_pair(&running, shape) {
            Some(next) => running = next,
            None => {
                return PyValueError::new_err(format!(
                    "operands could not be broadcast together with shapes {} {} ", // NumPy's trailing space
                    shape_text(&running),
                    shape_text(shape)
                ))
            }
        }
    }
    PyValueError::new_err("operands could not be broadcast together")
}

fn broadcast_pair(a: &[usize], b: &[usize]) -> Option<Vec<usize>> {
    let ndim = a.len().max(b.len());
    let extent = |s: &[usize], axis: usize| if axis + s.len() >= ndim { s[axis + s.len() - ndim] } else { 1 };
    (0..ndim)
        .map(|axis| match (extent(a, axis), extent(b, axis)) {
            (x, y) if x == y || y == 1 => Some(x),
            (1, y) => Some(y),
            _ => None,
        })
        .collect()
}

pub fn shape_text(shape: &[usize]) -> String {
    match shape {
        [one] => format!("({one},)"),
        _ => format!("({})", shape.iter().map(usize::to_string).collect::<Vec<_>>().join(",")),
    }
}

/// The elements as one slice in logical order, when the view has exactly `shape` and is C-contiguous.
pub fn contiguous_slice<'a, T, D: Dimension>(view: &'a ArrayView<'_, T, D>, shape: &[usize]) -> Option<&'a [T]> {
    if view.shape() == shape {
        view.as_slice()
    } else {
        None
    }
}

/// The view broadcast to `shape` (already checked compatible by `broadcast_shapes`).
pub fn broadcast_to<'a, T, D: Dimension>(view: &'a ArrayView<'_, T, D>, shape: &[usize]) -> PyResult<ArrayViewD<'a, T>> {
    view.broadcast(IxDyn(shape))
        .ok_or_else(|| PyRuntimeError::new_err("internal error: broadcast of a checked shape failed"))
}

pub fn from_shape_vec<T>(shape: Vec<usize>, data: Vec<T>) -> PyResult<ArrayD<T>> {
    ArrayD::from_shape_vec(IxDyn(&shape), data)
        .map_err(|e| PyRuntimeError::new_err(format!("internal error: {e}")))
}

/// Below this many elements a loop runs on the calling thread; above, in chunks on every core when
/// the `parallel` feature is on.
pub const PARALLEL_THRESHOLD: usize = 1 << 16;
const CHUNK: usize = 1 << 13;

/// A vector of `len` results, `fill(start, chunk)` writing the results for `start..start + chunk.len()`.
pub fn fill_chunks<T, F>(len: usize, fill: F) -> PyResult<Vec<T>>
where
    T: Copy + Default + Send,
    F: Fn(usize, &mut [T]) + Sync,
{
    let mut out = crate::arrays::try_filled(len, T::default())?;
    if len < PARALLEL_THRESHOLD {
        fill(0, &mut out);
    } else {
        parallel::fill(&mut out, &fill);
    }
    Ok(out)
}

/// Like `fill_chunks` for a loop with `M` outputs of one type, written in the same pass.
pub fn fill_chunks_multi<T, const M: usize, F>(len: usize, fill: F) -> PyResult<[Vec<T>; M]>
where
    T: Copy + Default + Send + Sync,
    F: Fn(usize, &mut [&mut [T]; M]) + Sync,
{
    let mut columns = Vec::with_capacity(M);
    for _ in 0..M {
        columns.push(crate::arrays::try_filled(len, T::default())?);
    }
    let mut outs: [Vec<T>; M] = columns
        .try_into()
        .map_err(|_| PyRuntimeError::new_err("internal error: output count"))?;
    if len < PARALLEL_THRESHOLD {
        let mut slices = outs.each_mut().map(|v| v.as_mut_slice());
        fill(0, &mut slices);
    } else {
        parallel::fill_multi(&mut outs, len, &fill);
    }
    Ok(outs)
}

/// Large loops on every core with rayon (the `parallel` feature, from the setting of that name);
/// without it, on the calling thread. Chunks are independent, so the results are the same.
#[cfg(feature = "parallel")]
mod parallel {
    use super::CHUNK;
    use rayon::prelude::*;

    pub fn fill<T: Send, F: Fn(usize, &mut [T]) + Sync>(out: &mut [T], fill: &F) {
        out.par_chunks_mut(CHUNK)
            .enumerate()
            .for_each(|(index, chunk)| fill(index * CHUNK, chunk));
    }

    pub fn fill_multi<T: Send, const M: usize, F>(outs: &mut [Vec<T>; M], len: usize, fill: &F)
    where
        F: Fn(usize, &mut [&mut [T]; M]) + Sync,
    {
        let mut per_output: Vec<std::slice::ChunksMut<'_, T>> = outs.iter_mut().map(|v| v.chunks_mut(CHUNK)).collect();
        let tasks: Vec<[&mut [T]; M]> = (0..len.div_ceil(CHUNK))
            .map(|_| std::array::from_fn(|m| per_output[m].next().unwrap_or_default()))
            .collect();
        tasks
            .into_par_iter()
            .enumerate()
            .for_each(|(index, mut slices)| fill(index * CHUNK, &mut slices));
    }
}

#[cfg(not(feature = "parallel"))]
mod parallel {
    pub fn fill<T, F: Fn(usize, &mut [T])>(out: &mut [T], fill: &F) {
        fill(0, out);
    }

    pub fn fill_multi<T, const M: usize, F: Fn(usize, &mut [&mut [T]; M])>(outs: &mut [Vec<T>; M], _: usize, fill: &F) {
        let mut slices = outs.each_mut().map(|v| v.as_mut_slice());
        fill(0, &mut slices);
    }
}

/// The next row of a broadcast operand (there is one per row of the output).
#[inline]
pub fn next_lane<T>(lane: Option<T>) -> PyResult<T> {
    lane.ok_or_else(|| PyRuntimeError::new_err("internal error: broadcast rows"))
}

/// `M` columns of one shape as `M` arrays.
pub fn columns_to_arrays<T, const M: usize>(shape: Vec<usize>, columns: [Vec<T>; M]) -> PyResult<[ArrayD<T>; M]> {
    let mut arrays = Vec::with_capacity(M);
    for column in columns {
        arrays.push(from_shape_vec(shape.clone(), column)?);
    }
    arrays
        .try_into()
        .map_err(|_| PyRuntimeError::new_err("internal error: output count"))
}

/// Split per-element arrays of `M` values into `M` arrays.
pub fn split_outputs<T: Copy, const M: usize>(values: ArrayD<[T; M]>) -> PyResult<[ArrayD<T>; M]> {
    let shape = values.shape().to_vec();
    crate::arrays::can_allocate::<T>(values.len().saturating_mul(M))?;
    let columns: [Vec<T>; M] = std::array::from_fn(|m| values.iter().map(|v| v[m]).collect());
    let mut arrays = Vec::with_capacity(M);
    for column in columns {
        arrays.push(from_shape_vec(shape.clone(), column)?);
    }
    arrays
        .try_into()
        .map_err(|_| PyRuntimeError::new_err("internal error: output count"))
}

/// The broadcast shape as the dimension type `D` of the result (fixed when the ndim is known, so
/// the loops below index without heap shapes), or NumPy's ValueError.
pub fn broadcast_dim<D: Dimension>(shapes: &[&[usize]]) -> PyResult<D> {
    let ndim = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut dim = D::zeros(ndim);
    if dim.ndim() != ndim {
        return Err(PyRuntimeError::new_err("internal error: broadcast ndim"));
    }
    let out = dim.slice_mut();
    if !broadcast_into(out, shapes) {
        return Err(broadcast_error(shapes));
    }
    crate::arrays::element_count(out)?; // too large to allocate: NumPy's error, no abort
    Ok(dim)
}

/// Writes the broadcast of `shapes` into `out` (of their largest ndim); false when they do not
/// broadcast together.
pub fn broadcast_into(out: &mut [usize], shapes: &[&[usize]]) -> bool {
    out.fill(1);
    let ndim = out.len();
    for shape in shapes {
        let offset = ndim - shape.len();
        for (axis, &extent) in shape.iter().enumerate() {
            let target = &mut out[offset + axis];
            if *target == 1 {
                *target = extent;
            } else if extent != 1 && extent != *target {
                return false;
            }
        }
    }
    true
}

/// The elements of a loop's result as an array of dimension `dim`.
pub fn shaped<T, D: Dimension>(dim: D, data: Vec<T>) -> PyResult<ndarray::Array<T, D>> {
    ndarray::Array::from_shape_vec(dim, data).map_err(|e| PyRuntimeError::new_err(format!("internal error: {e}")))
}

/// A new array of `dim` with every element `value`, or MemoryError.
pub fn filled<T: Clone, D: Dimension>(dim: D, value: T) -> PyResult<ndarray::Array<T, D>> {
    let data = crate::arrays::try_filled(dim.size(), value)?;
    shaped(dim, data)
}

/// One fused elementwise loop over broadcast operands, giving an array of dimension `D`:
/// `elementwise!(f64, Ix2; a = a.view(), b = b.view() => a * b + 1.0)`.
/// Inside the body each name is the current element. Contiguous operands of the full shape take a
/// slice loop the compiler vectorises, split over all cores when large; anything else (broadcast,
/// strided, reversed) a strided `Zip` over the result, with no copy of any operand.
#[macro_export]
macro_rules! elementwise {
    (@strided $out:ty, $dim:ty; $shape:ident; $($name:ident),+ => $body:expr) => {{
        let mut out = $crate::broadcast::filled($shape.clone(), <$out>::default())?;
        {
            let mut target = out.view_mut();
            $(let mut $name = $crate::broadcast_to_dim(&$name, $shape.clone())?;)+
            // elements are independent: iterate with the longest axis innermost
            $crate::zip_lanes!(target; $($name),+ => $body);
        }
        out
    }};
    ($out:ty, $dim:ty; => $body:expr) => {
        $crate::ndarray::Array::<$out, $dim>::from_elem(<$dim as $crate::ndarray::Dimension>::zeros(0), $body)
    };
    // Typed form: every name the body uses is listed with its type (`x: f64 = x.view()` for arrays,
    // `a: f64 = a` for scalars), so the contiguous loop becomes a `simd::Chunk` compiled per SIMD level.
    ($out:ty, $dim:ty; $($name:ident : $ety:ty = $view:expr),+ ; $($cap:ident : $cty:ty = $cval:expr),* => $body:expr) => {{
        $(let $name = $view;)+
        let shape: $dim = $crate::broadcast::broadcast_dim(&[$($name.shape()),+])?;
        match ($($crate::contiguous_slice(&$name, $crate::ndarray::Dimension::slice(&shape)),)+) {
            ($(Some($name),)+) => {
                #[allow(non_camel_case_types, non_snake_case)]
                struct KernelBody<'a> { $($name: &'a [$ety],)+ $($cap: $cty,)* }
                impl $crate::simd::Chunk<[$out]> for KernelBody<'_> {
                    #[inline(always)]
                    fn fill(&self, start: usize, out: &mut [$out]) {
                        let KernelBody { $($name,)+ $($cap,)* } = *self;
                        $(let $name = &$name[start..start + out.len()];)+
                        for (k, slot) in out.iter_mut().enumerate() {
                            $(let $name = $name[k];)+
                            *slot = $body;
                        }
                    }
                }
                let len: usize = $crate::ndarray::Dimension::size(&shape);
                let body = KernelBody { $($name,)+ $($cap: $cval,)* };
                $crate::broadcast::shaped(shape, $crate::simd::fill(len, &body)?)?
            }
            _ => $crate::elementwise!(@strided $out, $dim; shape; $($name),+ => $body),
        }
    }};
    ($out:ty, $dim:ty; $($name:ident = $view:expr),+ => $body:expr) => {{
        $(let $name = $view;)+
        let shape: $dim = $crate::broadcast::broadcast_dim(&[$($name.shape()),+])?;
        match ($($crate::contiguous_slice(&$name, $crate::ndarray::Dimension::slice(&shape)),)+) {
            ($(Some($name),)+) => {
                let len: usize = $crate::ndarray::Dimension::size(&shape);
                let data: Vec<$out> = $crate::broadcast::fill_chunks(len, |start, chunk: &mut [$out]| {
                    $(let $name = &$name[start..start + chunk.len()];)+
                    for (k, slot) in chunk.iter_mut().enumerate() {
                        $(let $name = $name[k];)+
                        *slot = $body;
                    }
                })?;
                $crate::broadcast::shaped(shape, data)?
            }
            _ => $crate::elementwise!(@strided $out, $dim; shape; $($name),+ => $body),
        }
    }};
}

/// `out[i] = body` over all indices, one lane along the inner axis (`inner_axis`) at a time: a
/// strided `Zip` over small arrays would otherwise pick its inner loop by layout and could run
/// along a short axis (a broadcast `(50, 3)` loop as 50 rows of 3). More than five operands (one
/// `Zip` holds six parts): `zip_into!` with the inner axis swapped last.
#[doc(hidden)]
#[macro_export]
macro_rules! zip_lanes {
    ($out:ident; $($name:ident),+ => $body:expr) => {{
        if $out.ndim() == 0 {
            $crate::zip_into!($out; $($name),+ => $body);
        } else {
            let inner = $crate::broadcast::inner_axis($out.shape());
            $crate::zip_lanes!(@lanes $out, inner; $($name),+ => $body);
        }
    }};
    (@lanes $out:ident, $axis:ident; $a:ident => $body:expr) => {
        $crate::ndarray::Zip::from($out.lanes_mut($axis)).and($a.lanes($axis))
            .for_each(|mut $out, $a| $crate::zip_into!($out; $a => $body))
    };
    (@lanes $out:ident, $axis:ident; $a:ident, $b:ident => $body:expr) => {
        $crate::ndarray::Zip::from($out.lanes_mut($axis)).and($a.lanes($axis)).and($b.lanes($axis))
            .for_each(|mut $out, $a, $b| $crate::zip_into!($out; $a, $b => $body))
    };
    (@lanes $out:ident, $axis:ident; $a:ident, $b:ident, $c:ident => $body:expr) => {
        $crate::ndarray::Zip::from($out.lanes_mut($axis)).and($a.lanes($axis)).and($b.lanes($axis))
            .and($c.lanes($axis))
            .for_each(|mut $out, $a, $b, $c| $crate::zip_into!($out; $a, $b, $c => $body))
    };
    (@lanes $out:ident, $axis:ident; $a:ident, $b:ident, $c:ident, $d:ident => $body:expr) => {
        $crate::ndarray::Zip::from($out.lanes_mut($axis)).and($a.lanes($axis)).and($b.lanes($axis))
            .and($c.lanes($axis)).and($d.lanes($axis))
            .for_each(|mut $out, $a, $b, $c, $d| $crate::zip_into!($out; $a, $b, $c, $d => $body))
    };
    (@lanes $out:ident, $axis:ident; $a:ident, $b:ident, $c:ident, $d:ident, $e:ident => $body:expr) => {
        $crate::ndarray::Zip::from($out.lanes_mut($axis)).and($a.lanes($axis)).and($b.lanes($axis))
            .and($c.lanes($axis)).and($d.lanes($axis)).and($e.lanes($axis))
            .for_each(|mut $out, $a, $b, $c, $d, $e| $crate::zip_into!($out; $a, $b, $c, $d, $e => $body))
    };
    (@lanes $out:ident, $axis:ident; $($name:ident),+ => $body:expr) => {{
        let last = $out.ndim() - 1;
        $out.swap_axes($axis.index(), last);
        $($name.swap_axes($axis.index(), last);)+
        $crate::zip_into!($out; $($name),+ => $body);
    }};
}

/// `out[i] = body` over all indices, the operands of `out`'s shape.
/// Up to five operands ride one `Zip`; more are read by index.
#[doc(hidden)]
#[macro_export]
macro_rules! zip_into {
    ($out:ident; $a:ident => $body:expr) => {
        $crate::ndarray::Zip::from(&mut $out).and(&$a).for_each(|slot, &$a| *slot = $body)
    };
    ($out:ident; $a:ident, $b:ident => $body:expr) => {
        $crate::ndarray::Zip::from(&mut $out).and(&$a).and(&$b)
            .for_each(|slot, &$a, &$b| *slot = $body)
    };
    ($out:ident; $a:ident, $b:ident, $c:ident => $body:expr) => {
        $crate::ndarray::Zip::from(&mut $out).and(&$a).and(&$b).and(&$c)
            .for_each(|slot, &$a, &$b, &$c| *slot = $body)
    };
    ($out:ident; $a:ident, $b:ident, $c:ident, $d:ident => $body:expr) => {
        $crate::ndarray::Zip::from(&mut $out).and(&$a).and(&$b).and(&$c)
            .and(&$d).for_each(|slot, &$a, &$b, &$c, &$d| *slot = $body)
    };
    ($out:ident; $a:ident, $b:ident, $c:ident, $d:ident, $e:ident => $body:expr) => {
        $crate::ndarray::Zip::from(&mut $out).and(&$a).and(&$b).and(&$c)
            .and(&$d).and(&$e).for_each(|slot, &$a, &$b, &$c, &$d, &$e| *slot = $body)
    };
    ($out:ident; $($name:ident),+ => $body:expr) => {{
        for (index, slot) in $out.indexed_iter_mut() {
            let index = $crate::ndarray::IntoDimension::into_dimension(index);
            $(let $name = $name[index.clone()];)+
            *slot = $body;
        }
    }};
}

/// The axis a strided loop runs along innermost (`shape` has at least one axis): the last, unless
/// it is short (a strided loop pays per lane) and another is longer, then the longest.
pub fn inner_axis(shape: &[usize]) -> ndarray::Axis {
    let last = shape.len() - 1;
    let (axis, &longest) = shape.iter().enumerate().max_by_key(|&(k, &n)| (n, k)).unwrap_or((last, &0));
    ndarray::Axis(if shape[last] < 16 && longest > shape[last] { axis } else { last })
}

/// The view broadcast to the dimension `dim` (already checked compatible by `broadcast_shapes`).
pub fn broadcast_to_dim<'a, T, D: Dimension, E: Dimension>(view: &'a ArrayView<'_, T, D>, dim: E) -> PyResult<ArrayView<'a, T, E>> {
    view.broadcast(dim)
        .ok_or_else(|| PyRuntimeError::new_err("internal error: broadcast of a checked shape failed"))
}

/// `elementwise!` for a body giving `[T; M]`: `M` arrays from one pass.
#[macro_export]
macro_rules! elementwise_multi {
    (@strided $out:ty, $m:literal; $shape:ident; $($name:ident),+ => $body:expr) => {{
        $(let $name = $crate::broadcast_to(&$name, &$shape)?;)+
        let len: usize = $shape.iter().product();
        let mut data: Vec<[$out; $m]> = $crate::arrays::try_filled(len, [<$out>::default(); $m])?;
        if $shape.is_empty() {
            $(let $name = $name[&[][..]];)+
            data[0] = $body;
        } else if len > 0 {
            let axis = $crate::ndarray::Axis($shape.len() - 1);
            $(let mut $name = $name.lanes(axis).into_iter();)+
            for row in data.chunks_mut($shape[$shape.len() - 1]) {
                $(let $name = $crate::broadcast::next_lane($name.next())?;)+
                for (k, slot) in row.iter_mut().enumerate() {
                    $(let $name = $name[k];)+
                    *slot = $body;
                }
            }
        }
        $crate::broadcast::split_outputs($crate::from_shape_vec($shape, data)?)?
    }};
    ($out:ty, $m:literal; $($name:ident : $ety:ty = $view:expr),+ ; $($cap:ident : $cty:ty = $cval:expr),* => $body:expr) => {{
        $(let $name = $view;)+
        let shape = $crate::broadcast_shapes(&[$($name.shape()),+])?;
        match ($($crate::contiguous_slice(&$name, &shape),)+) {
            ($(Some($name),)+) => {
                #[allow(non_camel_case_types, non_snake_case)]
                struct KernelBody<'a> { $($name: &'a [$ety],)+ $($cap: $cty,)* }
                impl<'o> $crate::simd::Chunk<[&'o mut [$out]; $m]> for KernelBody<'_> {
                    #[inline(always)]
                    fn fill(&self, start: usize, outs: &mut [&'o mut [$out]; $m]) {
                        let KernelBody { $($name,)+ $($cap,)* } = *self;
                        let count = outs[0].len();
                        let outs: [&mut [$out]; $m] = outs.each_mut().map(|out| &mut out[..count]);
                        $(let $name = &$name[start..start + count];)+
                        for k in 0..count {
                            $(let $name = $name[k];)+
                            let values: [$out; $m] = $body;
                            for m in 0..$m {
                                outs[m][k] = values[m];
                            }
                        }
                    }
                }
                let len: usize = shape.iter().product();
                let body = KernelBody { $($name,)+ $($cap: $cval,)* };
                let columns: [Vec<$out>; $m] = $crate::simd::fill_multi(len, &body)?;
                $crate::broadcast::columns_to_arrays(shape, columns)?
            }
            _ => $crate::elementwise_multi!(@strided $out, $m; shape; $($name),+ => $body),
        }
    }};
    ($out:ty, $m:literal; $($name:ident = $view:expr),+ => $body:expr) => {{
        $(let $name = $view;)+
        let shape = $crate::broadcast_shapes(&[$($name.shape()),+])?;
        match ($($crate::contiguous_slice(&$name, &shape),)+) {
            ($(Some($name),)+) => {
                let len: usize = shape.iter().product();
                let columns: [Vec<$out>; $m] = $crate::broadcast::fill_chunks_multi(len, |start, slices: &mut [&mut [$out]; $m]| {
                    let count = slices[0].len();
                    $(let $name = &$name[start..start + count];)+
                    for k in 0..count {
                        $(let $name = $name[k];)+
                        let values: [$out; $m] = $body;
                        for (slice, value) in slices.iter_mut().zip(values) {
                            slice[k] = value;
                        }
                    }
                })?;
                $crate::broadcast::columns_to_arrays(shape, columns)?
            }
            _ => $crate::elementwise_multi!(@strided $out, $m; shape; $($name),+ => $body),
        }
    }};
}
