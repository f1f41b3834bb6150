//! NumPy's float64 elementwise functions where they are not a single Rust method
//! (following `npy_math`): no exceptions, IEEE results.

/// `np.floor_divide` (NumPy's `npy_floor_divide`).
#[inline]
pub fn floor_divide(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        return a / b;
    }
    divmod(a, b).0
}

/// `np.remainder` / `%` (NumPy's `npy_remainder`).
#[inline]
pub fn remainder(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        return a % b;
    }
    divmod(a, b).1
}

/// Floor quotient and modulo of a nonzero `b` (`npy_divmod`, the same steps as CPython's).
pub(crate) fn divmod(a: f64, b: f64) -> (f64, f64) {
    let mut modulo = a % b;
    let mut div = (a - modulo) / b;
    if modulo != 0.0 {
        if (b < 0.0) != (modulo < 0.0) {
            modulo += b;
            div -= 1.0;
        }
    } else {
        modulo = 0.0_f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let floor = div.floor();
        if div - floor > 0.5 {
            floor + 1.0
        } else {
            floor
        }
    } else {
        0.0_f64.copysign(a / b)
    };
    (floordiv, modulo)
}

/// `np.maximum`: NaN propagates; ties (0.0 and -0.0) give the second argument, as NumPy does.
#[inline]
pub fn maximum(a: f64, b: f64) -> f64 {
    // NumPy's loops compare like x86 MAXPD (`a > b ? a : b`), and its reductions let a later tie win
    if a > b || a.is_nan() {
        a
    } else {
        b
    }
}

/// `np.minimum`.
#[inline]
pub fn minimum(a: f64, b: f64) -> f64 {
    if a < b || a.is_nan() {
        a
    } else {
        b
    }
}

/// `np.fmax`: NaN only when both are; of equal values (0.0 and -0.0) the first, as NumPy's scalar
/// loop gives (its SIMD loops give the second: docs/pages/differences.md).
#[inline]
pub fn fmax(a: f64, b: f64) -> f64 {
    if a >= b || b.is_nan() {
        a
    } else {
        b
    }
}

/// `np.fmin`, with `np.fmax`'s ties.
#[inline]
pub fn fmin(a: f64, b: f64) -> f64 {
    if a <= b || b.is_nan() {
        a
    } else {
        b
    }
}

/// `np.sign`: 0 for ±0, NaN for NaN.
#[inline]
pub fn sign(x: f64) -> f64 {
    if x > 0.0 {
        1.0
    } else if x < 0.0 {
        -1.0
    } else if x == 0.0 {
        0.0
    } else {
        x
    }
}

/// `np.logaddexp`.
#[inline]
pub fn logaddexp(x: f64, y: f64) -> f64 {
    if x == y {
        return x + std::f64::consts::LN_2;
    }
    let diff = x - y;
    if diff > 0.0 {
        x + (-diff).exp().ln_1p()
    } else if diff <= 0.0 {
        y + diff.exp().ln_1p()
    } else {
        diff
    }
}

#[inline]
pub fn deg2rad(x: f64) -> f64 {
    x * (std::f64::consts::PI / 180.0)
}

#[inline]
pub fn rad2deg(x: f64) -> f64 {
    x * (180.0 / std::f64::consts::PI)
}

/// `array ** exponent` with a scalar exponent: NumPy's fast paths give other roundings than `pow`.
#[inline(always)] // into the SIMD copies of fused loops (vmath::pow vectorises there)
pub fn power_array_scalar(x: f64, exponent: f64) -> f64 {
    if exponent == 2.0 {
        x * x
    } else if exponent == 0.5 {
        x.sqrt()
    } else if exponent == -1.0 {
        1.0 / x
    } else if exponent == 1.0 {
        x
    } else {
        crate::vmath::pow(x, exponent) // NumPy's power loop is SIMD (not C's pow); ours vectorises too
    }
}

#[inline]
pub fn square(x: f64) -> f64 {
    x * x
}

#[inline]
pub fn reciprocal(x: f64) -> f64 {
    1.0 / x
}

/// `np.fmod`: C's fmod, the sign of the dividend.
#[inline]
pub fn fmod(a: f64, b: f64) -> f64 {
    a % b
}

/// `np.clip(x, lo, hi)`: `minimum(maximum(x, lo), hi)`, NaN propagating (NumPy's `_NPY_CLIP`).
pub fn clip(x: f64, lo: f64, hi: f64) -> f64 {
    minimum(maximum(x, lo), hi)
}

pub use crate::cephes::{erf, erfc, ndtr};

/// SciPy's `_norm_pdf_C`, `np.sqrt(2 * np.pi)`.
const NORM_PDF_C: f64 = 2.5066282746310002;

/// `scipy.stats.norm.pdf(x)`: `exp(-x**2 / 2) / sqrt(2 pi)`, SciPy's formula.
pub fn norm_pdf(x: f64) -> f64 {
    (-(x * x) / 2.0).exp() / NORM_PDF_C
}

/// `scipy.stats.norm.cdf(x, loc, scale)`: NaN for a scale that is not positive, as SciPy.
pub fn norm_cdf_scaled(x: f64, loc: f64, scale: f64) -> f64 {
    if !(scale > 0.0) {
        return f64::NAN;
    }
    ndtr((x - loc) / scale)
}

/// `scipy.stats.norm.pdf(x, loc, scale)`.
pub fn norm_pdf_scaled(x: f64, loc: f64, scale: f64) -> f64 {
    if !(scale > 0.0) {
        return f64::NAN;
    }
    norm_pdf((x - loc) / scale) / scale
}
