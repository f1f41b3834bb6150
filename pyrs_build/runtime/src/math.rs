//! Python's `math` module: the same libm results, and CPython's errors (`math_1`/`math_2` rules:
//! NaN from a non-NaN argument is a domain error; infinity from finite arguments is a range
//! error where the function can overflow, else a domain error).

use crate::errors::{overflow_error, value_error, zero_division};
use crate::pyfloat::integral_to_int;
use pyo3::PyResult;
use std::sync::atomic::{AtomicBool, Ordering};

fn checked1(x: f64, result: f64, can_overflow: bool) -> PyResult<f64> {
    if result.is_nan() && !x.is_nan() {
        return Err(value_error("math domain error"));
    }
    if result.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            overflow_error("math range error")
        } else {
            value_error("math domain error")
        });
    }
    Ok(result)
}

fn checked2(x: f64, y: f64, result: f64, can_overflow: bool) -> PyResult<f64> {
    if result.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(value_error("math domain error"));
    }
    if result.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(if can_overflow {
            overflow_error("math range error")
        } else {
            value_error("math domain error")
        });
    }
    Ok(result)
}

macro_rules! math1 {
    ($($name:ident = $f:expr, $overflow:expr;)+) => {$(
        #[inline]
        pub fn $name(x: f64) -> PyResult<f64> {
            checked1(x, $f(x), $overflow)
        }
    )+};
}

math1! {
    sqrt = f64::sqrt, false;
    exp = f64::exp, true;
    exp2 = f64::exp2, true;
    expm1 = f64::exp_m1, true;
    log1p = f64::ln_1p, false;
    sin = f64::sin, false;
    cos = f64::cos, false;
    tan = f64::tan, false;
    asin = f64::asin, false;
    acos = f64::acos, false;
    atan = f64::atan, false;
    sinh = f64::sinh, true;
    cosh = f64::cosh, true;
    tanh = f64::tanh, false;
    asinh = libm::asinh, false;
    acosh = acosh_f64, false;
    atanh = libm::atanh, false;
    erf = libm::erf, false;
    erfc = libm::erfc, false;
    fabs = f64::abs, false;
}

/// acosh, NaN below 1: the libm crate's (musl's) returns finite values for x < -1 (the log of a
/// cancelled difference: acosh(-12178.0) gave -11.83), where C, CPython and NumPy have NaN.
pub fn acosh_f64(x: f64) -> f64 {
    if x < 1.0 {
        f64::NAN
    } else {
        libm::acosh(x)
    }
}

/// CPython's `loghelper`: a non-positive argument is a domain error (even 0, where C gives -inf).
fn log_of(x: f64, f: fn(f64) -> f64) -> PyResult<f64> {
    if x <= 0.0 || (x.is_infinite() && x < 0.0) {
        return Err(value_error("math domain error"));
    }
    Ok(f(x))
}

#[inline]
pub fn log(x: f64) -> PyResult<f64> {
    log_of(x, f64::ln)
}

#[inline]
pub fn log2(x: f64) -> PyResult<f64> {
    log_of(x, f64::log2)
}

#[inline]
pub fn log10(x: f64) -> PyResult<f64> {
    log_of(x, f64::log10)
}

/// `math.log(x, base)`.
#[inline]
pub fn log_base(x: f64, base: f64) -> PyResult<f64> {
    let num = log(x)?;
    let den = log(base)?;
    if den == 0.0 {
        return Err(zero_division("float division by zero"));
    }
    Ok(num / den)
}

#[inline]
pub fn atan2(y: f64, x: f64) -> PyResult<f64> {
    Ok(y.atan2(x))
}

/// CPython's `math.hypot` for two coordinates: its own `vector_norm` (scaled, squared and summed
/// without loss, then corrected once), so results agree to the last bit. No overflow error.
#[inline]
pub fn hypot(x: f64, y: f64) -> PyResult<f64> {
    let coordinates = [x.abs(), y.abs()];
    let found_nan = coordinates.iter().any(|c| c.is_nan());
    let max = coordinates.iter().fold(0.0f64, |m, &c| if c > m { c } else { m });
    if max.is_infinite() {
        return Ok(max);
    }
    if found_nan {
        return Ok(f64::NAN);
    }
    if max == 0.0 {
        return Ok(max);
    }
    Ok(vector_norm(coordinates, max))
}

fn vector_norm(coordinates: [f64; 2], max: f64) -> f64 {
    let max_e = frexp_exponent(max);
    if max_e < -1023 {
        // 2^-max_e would overflow. CPython 3.12+ brings the subnormals up first; 3.11 and older
        // divide by the largest coordinate instead (a different rounding: follow the running one)
        if !SUBNORMALS_RESCALED.load(Ordering::Relaxed) {
            return subnormal_norm(coordinates, max);
        }
        let tiny = f64::MIN_POSITIVE;
        return tiny * vector_norm(coordinates.map(|c| c / tiny), max / tiny);
    }
    let scale = power_of_two(-max_e);
    let (mut csum, mut frac1, mut frac2) = (1.0f64, 0.0f64, 0.0f64);
    for c in coordinates {
        let x = c * scale;
        let (hi, lo) = two_product(x, x);
        let (sum, error) = fast_two_sum(csum, hi);
        csum = sum;
        frac1 += lo;
        frac2 += error;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (hi, lo) = two_product(-h, h);
    let (sum, error) = fast_two_sum(csum, hi);
    csum = sum;
    frac1 += lo;
    frac2 += error;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

/// Whether the running CPython (3.12+) rescales subnormal coordinates in `math.hypot`; set when a
/// compiled module is initialised.
pub static SUBNORMALS_RESCALED: AtomicBool = AtomicBool::new(true);

/// CPython 3.11's `vector_norm` for coordinates below 2^-1023.
fn subnormal_norm(coordinates: [f64; 2], max: f64) -> f64 {
    let (mut csum, mut frac) = (1.0f64, 0.0f64);
    for c in coordinates {
        let x = c / max;
        let x = x * x;
        let old = csum;
        csum += x;
        frac += (old - csum) + x;
    }
    max * (csum - 1.0 + frac).sqrt()
}

fn two_product(x: f64, y: f64) -> (f64, f64) {
    let z = x * y;
    (z, x.mul_add(y, -z))
}

fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let x = a + b;
    (x, b - (x - a))
}

/// `e` of C's `frexp(x, &e)` for a finite positive `x` (x = m * 2^e, 0.5 <= m < 1).
fn frexp_exponent(x: f64) -> i32 {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    if biased != 0 {
        return biased - 1022;
    }
    let mantissa = bits & ((1u64 << 52) - 1);
    (63 - mantissa.leading_zeros() as i32) - 1073
}

/// `ldexp(1.0, k)`, exactly, for the exponents `vector_norm` uses.
fn power_of_two(k: i32) -> f64 {
    if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (k + 1074))
    }
}

#[inline]
pub fn copysign(x: f64, y: f64) -> PyResult<f64> {
    Ok(x.copysign(y))
}

#[inline]
pub fn fmod(x: f64, y: f64) -> PyResult<f64> {
    if y.is_infinite() && x.is_finite() {
        return Ok(x);
    }
    checked2(x, y, x % y, false)
}

/// `math.pow`: unlike `**`, a negative base with a fractional exponent and 0 to a negative power
/// are domain errors (ValueError).
#[inline]
pub fn pow(x: f64, y: f64) -> PyResult<f64> {
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return Err(value_error("math domain error"));
    }
    checked2(x, y, crate::pyfloat::c_pow(x, y), true)
}

#[inline]
pub fn floor(x: f64) -> PyResult<i64> {
    integral_to_int(x.floor(), x)
}

#[inline]
pub fn ceil(x: f64) -> PyResult<i64> {
    integral_to_int(x.ceil(), x)
}

#[inline]
pub fn trunc(x: f64) -> PyResult<i64> {
    integral_to_int(x.trunc(), x)
}

const DEGREES_PER_RADIAN: f64 = 180.0 / std::f64::consts::PI;
const RADIANS_PER_DEGREE: f64 = std::f64::consts::PI / 180.0;

/// `math.degrees` (CPython multiplies by the rounded constant 180/pi).
pub fn degrees(x: f64) -> PyResult<f64> {
    Ok(x * DEGREES_PER_RADIAN)
}

pub fn radians(x: f64) -> PyResult<f64> {
    Ok(x * RADIANS_PER_DEGREE)
}

// ---- gamma and lgamma: CPython's own implementations (mathmodule.c), not the C library's ----

const LANCZOS_G: f64 = 6.024680040776729583740234375;
const LANCZOS_G_MINUS_HALF: f64 = 5.524680040776729583740234375;
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
const LANCZOS_DEN: [f64; 13] = [
    0.0, 39916800.0, 120543840.0, 150917976.0, 105258076.0, 45995730.0, 13339535.0, 2637558.0, 357423.0,
    32670.0, 1925.0, 66.0, 1.0,
];
const GAMMA_INTEGRAL: [f64; 23] = [
    1.0, 1.0, 2.0, 6.0, 24.0, 120.0, 720.0, 5040.0, 40320.0, 362880.0, 3628800.0, 39916800.0, 479001600.0,
    6227020800.0, 87178291200.0, 1307674368000.0, 20922789888000.0, 355687428096000.0, 6402373705728000.0,
    121645100408832000.0, 2432902008176640000.0, 51090942171709440000.0, 1124000727777607680000.0,
];
const PI: f64 = 3.141592653589793238462643383279502884197;
const LOG_PI: f64 = 1.144729885849400174143427351353058711647;

fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0f64, 0.0f64);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// sin(pi * x), accurate near integers (for the reflection formula).
fn sin_pi(x: f64) -> f64 {
    let y = x.abs() % 2.0;
    let r = match (2.0 * y).round() as i32 {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        2 => (PI * (1.0 - y)).sin(), // not -sin(pi*(y-1.0)): that gives -0.0 at y == 1.0
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    1.0f64.copysign(x) * r
}

/// `math.gamma` (CPython's `m_tgamma` and its errno rules).
pub fn gamma(x: f64) -> PyResult<f64> {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return Ok(x);
        }
        return Err(value_error("math domain error"));
    }
    if x == 0.0 {
        return Err(value_error("math domain error"));
    }
    if x == x.floor() {
        if x < 0.0 {
            return Err(value_error("math domain error"));
        }
        if x <= GAMMA_INTEGRAL.len() as f64 {
            return Ok(GAMMA_INTEGRAL[x as usize - 1]);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return range_checked(1.0 / x);
    }
    if absx > 200.0 {
        if x < 0.0 {
            return Ok(0.0 / sin_pi(x));
        }
        return Err(overflow_error("math range error"));
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let z = if absx > LANCZOS_G_MINUS_HALF { (y - absx) - LANCZOS_G_MINUS_HALF } else { (y - LANCZOS_G_MINUS_HALF) - absx };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / sin_pi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    range_checked(r)
}

/// An ERANGE result: CPython raises OverflowError when it is large (underflow is not an error).
fn range_checked(r: f64) -> PyResult<f64> {
    if r.is_infinite() {
        return Err(overflow_error("math range error"));
    }
    Ok(r)
}

/// `math.lgamma` (CPython's `m_lgamma`).
pub fn lgamma(x: f64) -> PyResult<f64> {
    if !x.is_finite() {
        return Ok(if x.is_nan() { x } else { f64::INFINITY });
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return Err(value_error("math domain error"));
        }
        return Ok(0.0);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return Ok(-absx.ln());
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = LOG_PI - sin_pi(absx).abs().ln() - absx.ln() - r;
    }
    range_checked(r)
}
