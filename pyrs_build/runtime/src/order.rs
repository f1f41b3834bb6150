//! NumPy's checks for the operations of a fused expression, in NumPy's order.
//!
//! NumPy evaluates `a * b + c` one operation at a time, left to right: it broadcasts the operands
//! of `a * b` (a ValueError naming their shapes), allocates the temporary (a MemoryError for an
//! 8 TB broadcast view), then does the same for `... + c`. A fused loop makes no temporaries, so
//! the generated code replays these checks first, in the same order, computing shapes: the error
//! a call raises is the one NumPy raises. Whether a temporary could be allocated is asked of the
//! allocator only for one over 1 MB larger than any asked before (reserved and released at once,
//! never written), as the runtime does before each array it allocates.

use ndarray::{Dimension, IxDyn};
use pyo3::exceptions::PyValueError;
use pyo3::{PyErr, PyResult};

/// Temporaries up to this size are taken to be allocatable without asking the allocator.
const SMALL_BYTES: usize = 1 << 20;

/// The shape of a scalar operand.
pub const SCALAR: &[usize] = &[];

/// The checks of one expression: remembers the largest temporary known to be allocatable, so a
/// large expression asks the allocator once, not once per operation.
pub struct Evaluation {
    allocatable: usize,
    cannot_fail: bool,
}

/// The shape of one of NumPy's temporaries (None: not computed, no operation can fail).
pub struct Shape(Option<IxDyn>);

impl Shape {
    #[inline]
    pub fn dims(&self) -> &[usize] {
        self.0.as_ref().map_or(SCALAR, |shape| shape.slice())
    }
}

impl Default for Evaluation {
    fn default() -> Self {
        Evaluation { allocatable: SMALL_BYTES, cannot_fail: false }
    }
}

impl Evaluation {
    /// The checks of an expression whose array operands are all among `operands`: when those have
    /// one shape and are small, no operation can fail, and the calls below only return (the
    /// common case costs a comparison of the shapes).
    #[inline]
    pub fn of(operands: &[&[usize]]) -> Self {
        let first = operands.first().copied().unwrap_or(SCALAR);
        let small = first.iter().try_fold(16usize, |n, &d| n.checked_mul(d)).is_some_and(|b| b <= SMALL_BYTES);
        Evaluation { allocatable: SMALL_BYTES, cannot_fail: small && operands.iter().all(|s| *s == first) }
    }

    /// One NumPy operation on `operands` (shapes; `SCALAR` for a scalar) giving a new array of `T`
    /// (NumPy's `dtype`): its broadcast shape, or the ValueError or MemoryError NumPy raises.
    #[inline]
    pub fn operation<T>(&mut self, operands: &[&[usize]], dtype: &'static str) -> PyResult<Shape> {
        if self.cannot_fail {
            return Ok(Shape(None));
        }
        let shape = broadcast(operands).ok_or_else(|| broadcast_error(operands))?;
        let bytes = byte_size(shape.slice(), std::mem::size_of::<T>())?;
        if bytes > self.allocatable {
            let mut probe: Vec<u8> = Vec::new(); // reserved, never written, freed at once
            if probe.try_reserve_exact(bytes).is_err() {
                return Err(crate::errors::array_memory_of_shape(shape.slice().to_vec(), dtype));
            }
            self.allocatable = bytes;
        }
        Ok(Shape(Some(shape)))
    }
}

impl Evaluation {
    /// NumPy's `operands[0] op= ...`: the result is written into the first operand (the output),
    /// so nothing is allocated, and NumPy's errors name it: as one more operand when the operands
    /// do not broadcast, or as an output the broadcast shape does not fit.
    #[inline]
    pub fn in_place(&mut self, operands: &[&[usize]]) -> PyResult<Shape> {
        if self.cannot_fail {
            return Ok(Shape(None));
        }
        let output = operands.first().copied().unwrap_or(SCALAR);
        let shape = broadcast(operands).ok_or_else(|| broadcast_error(&[operands, &[output]].concat()))?;
        if shape.slice() != output {
            return Err(PyValueError::new_err(format!(
                "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
                crate::broadcast::shape_text(output),
                crate::broadcast::shape_text(shape.slice())
            )));
        }
        Ok(Shape(Some(shape)))
    }
}

/// The broadcast shape of all operands, or None when they do not broadcast together.
fn broadcast(operands: &[&[usize]]) -> Option<IxDyn> {
    let ndim = operands.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut shape = IxDyn::zeros(ndim);
    crate::broadcast::broadcast_into(shape.slice_mut(), operands).then_some(shape)
}

/// NumPy's message names every operand of the failing operation (a scalar as `()`).
fn broadcast_error(operands: &[&[usize]]) -> PyErr {
    let shapes: String = operands.iter().map(|s| crate::broadcast::shape_text(s) + " ").collect();
    PyValueError::new_err(format!("operands could not be broadcast together with shapes {shapes}"))
}

/// The bytes of an array of `shape`, or NumPy's ValueErrors for sizes no array can have.
fn byte_size(shape: &[usize], item_size: usize) -> PyResult<usize> {
    let limit = isize::MAX as usize;
    if shape.contains(&0) {
        return Ok(0);
    }
    let elements = shape
        .iter()
        .try_fold(1usize, |n, &d| n.checked_mul(d).filter(|&n| n <= limit))
        .ok_or_else(|| PyValueError::new_err("iterator is too large"))?;
    elements.checked_mul(item_size).filter(|&b| b <= limit).ok_or_else(|| {
        PyValueError::new_err(
            "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
        )
    })
}
