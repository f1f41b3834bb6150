//! NumPy's float32 loops that are not one IEEE operation or a Rust `f32` method.

#[inline(always)]
pub fn square(x: f32) -> f32 {
    x * x
}

/// `np.maximum` of float32: NaN propagates; of equal values the second (as the float64 loop).
#[inline(always)]
pub fn maximum(a: f32, b: f32) -> f32 {
    if a > b || a.is_nan() {
        a
    } else {
        b
    }
}

/// `np.minimum` of float32.
#[inline(always)]
pub fn minimum(a: f32, b: f32) -> f32 {
    if a < b || a.is_nan() {
        a
    } else {
        b
    }
}
