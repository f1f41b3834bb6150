//! Python `float` operators, following CPython's `floatobject.c`.

use crate::errors::{deopt, overflow_error, python_at_least, value_error, zero_division};
use pyo3::PyResult;

#[inline]
pub fn float_div(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(zero_division("float division by zero"));
    }
    Ok(a / b)
}

#[inline]
pub fn float_floordiv(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(zero_division("float floor division by zero"));
    }
    Ok(crate::npscalar::divmod(a, b).0) // CPython's float_divmod and NumPy's npy_divmod agree
}

#[inline]
pub fn float_mod(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        // the text changed in CPython 3.13
        return Err(zero_division(if python_at_least(13) { "float modulo by zero" } else { "float modulo" }));
    }
    let modulo = a % b;
    if modulo == 0.0 {
        return Ok(0.0_f64.copysign(b));
    }
    Ok(if (b < 0.0) != (modulo < 0.0) { modulo + b } else { modulo })
}

/// C's `pow`, as CPython calls it. The exponent is hidden from the optimiser: once inlined with a
/// constant 0.5, LLVM would turn `pow(x, 0.5)` into `sqrt(x)`, which glibc's pow (within 0.52 ulp,
/// not correctly rounded) does not always equal.
#[inline]
pub fn c_pow(x: f64, y: f64) -> f64 {
    x.powf(std::hint::black_box(y))
}

/// `x ** y` for floats (CPython's `float_pow`): C99 `pow` agrees on every special value; what
/// differs are the exceptions, and a negative base with a fractional exponent (a complex result).
#[inline]
pub fn float_pow(x: f64, y: f64) -> PyResult<f64> {
    if y == 0.0 {
        return Ok(1.0);
    }
    if x.is_nan() || y.is_nan() || x.is_infinite() || y.is_infinite() || x == 1.0 {
        return Ok(c_pow(x, y));
    }
    if x == 0.0 && y < 0.0 {
        return Err(zero_division("0.0 cannot be raised to a negative power"));
    }
    if x < 0.0 && y != y.floor() {
        return Err(deopt()); // Python returns a complex number here
    }
    let result = c_pow(x, y);
    if result.is_infinite() {
        return Err(overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(result)
}

/// `int(x)` of a float: truncation toward zero.
#[inline]
pub fn float_to_int(x: f64) -> PyResult<i64> {
    integral_to_int(x.trunc(), x)
}

/// An already-integral float (from floor/ceil/trunc) as a 64-bit int, with CPython's errors.
#[inline]
pub fn integral_to_int(value: f64, original: f64) -> PyResult<i64> {
    if original.is_nan() {
        return Err(value_error("cannot convert float NaN to integer"));
    }
    if original.is_infinite() {
        return Err(overflow_error("cannot convert float infinity to integer"));
    }
    // [-2^63, 2^63) converts exactly; anything outside is a Python int we cannot hold
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&value) {
        Ok(value as i64)
    } else {
        Err(deopt())
    }
}

/// `divmod(a, b)` of floats (CPython's `float_divmod`: the floor quotient and the modulo).
pub fn float_divmod(a: f64, b: f64) -> PyResult<(f64, f64)> {
    if b == 0.0 {
        return Err(zero_division("float divmod()"));
    }
    Ok((float_floordiv(a, b)?, float_mod(a, b)?))
}

/// `round(x, ndigits)` (CPython's `double_round`): the exact decimal value of `x` rounded half to
/// even at `ndigits` places, then read back as the nearest float.
pub fn float_round(x: f64, ndigits: i64) -> PyResult<f64> {
    const NDIGITS_MAX: i64 = 323; // (DBL_MANT_DIG - DBL_MIN_EXP) * log10(2)
    const NDIGITS_MIN: i64 = 308; // (DBL_MAX_EXP + 1) * log10(2)
    if x == 0.0 || !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x); // NaN and infinities round to themselves
    }
    if ndigits < -NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    // every float's decimal expansion has fewer than 800 significant digits: this one is exact
    let exact = format!("{:.800e}", x.abs());
    let (mantissa, exponent) = exact.split_once('e').unwrap_or((&exact, "0"));
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).map(|d| d - b'0').collect();
    let point = exponent.parse::<i64>().unwrap_or(0) + 1; // x = 0.DIGITS * 10**point
    let keep = point + ndigits;
    let rounded = if keep < 0 { Vec::new() } else { round_half_even(&digits, keep as usize) };
    let text: String = rounded.iter().map(|d| char::from(b'0' + d)).collect();
    let value: f64 = format!("0{text}e{}", point - keep).parse().unwrap_or(0.0);
    if value.is_infinite() {
        return Err(overflow_error("rounded value too large to represent"));
    }
    Ok(value.copysign(x))
}

/// The first `keep` decimal digits of `digits`, rounded half to even by the rest (a carry may add
/// a leading digit).
fn round_half_even(digits: &[u8], keep: usize) -> Vec<u8> {
    if keep >= digits.len() {
        return digits.to_vec();
    }
    let (head, rest) = digits.split_at(keep);
    let mut out = head.to_vec();
    let tie = rest[0] == 5 && rest[1..].iter().all(|&d| d == 0);
    let odd = head.last().is_some_and(|d| d % 2 == 1);
    if rest[0] > 5 || (rest[0] == 5 && !tie) || (tie && odd) {
        let mut index = out.len();
        loop {
            if index == 0 {
                out.insert(0, 1);
                break;
            }
            index -= 1;
            if out[index] == 9 {
                out[index] = 0;
            } else {
                out[index] += 1;
                break;
            }
        }
    }
    out
}
