//! Python `int` operators on 64-bit values. Python ints never overflow: a result that does not fit
//! in 64 bits deopts, so the call is answered by the original Python function.

use crate::errors::{deopt, zero_division};
use pyo3::PyResult;
use std::cmp::Ordering;

#[inline]
pub fn int_add(a: i64, b: i64) -> PyResult<i64> {
    a.checked_add(b).ok_or_else(deopt)
}

#[inline]
pub fn int_sub(a: i64, b: i64) -> PyResult<i64> {
    a.checked_sub(b).ok_or_else(deopt)
}

#[inline]
pub fn int_mul(a: i64, b: i64) -> PyResult<i64> {
    a.checked_mul(b).ok_or_else(deopt)
}

#[inline]
pub fn int_neg(a: i64) -> PyResult<i64> {
    a.checked_neg().ok_or_else(deopt)
}

#[inline]
pub fn int_abs(a: i64) -> PyResult<i64> {
    a.checked_abs().ok_or_else(deopt)
}

/// `a // b`: rounds toward negative infinity.
#[inline]
pub fn int_floordiv(a: i64, b: i64) -> PyResult<i64> {
    if b == 0 {
        return Err(zero_division("integer division or modulo by zero"));
    }
    let quotient = a.checked_div(b).ok_or_else(deopt)?; // i64::MIN // -1
    let exact = a.checked_rem(b).unwrap_or(0) == 0;
    Ok(if !exact && ((a < 0) != (b < 0)) { quotient - 1 } else { quotient })
}

/// `a % b`: the result takes the sign of `b`.
#[inline]
pub fn int_mod(a: i64, b: i64) -> PyResult<i64> {
    if b == 0 {
        return Err(zero_division("integer modulo by zero"));
    }
    let remainder = a.checked_rem(b).unwrap_or(0);
    Ok(if remainder != 0 && ((remainder < 0) != (b < 0)) { remainder + b } else { remainder })
}

/// `divmod(a, b)` of ints.
pub fn int_divmod(a: i64, b: i64) -> PyResult<(i64, i64)> {
    Ok((int_floordiv(a, b)?, int_mod(a, b)?))
}

/// `a << n`: Python ints grow; a result beyond 64 bits deopts.
pub fn int_lshift(a: i64, n: i64) -> PyResult<i64> {
    if n < 0 {
        return Err(crate::errors::value_error("negative shift count"));
    }
    if a == 0 {
        return Ok(0);
    }
    if n >= 64 {
        return Err(deopt());
    }
    let shifted = a << n;
    if shifted >> n != a {
        return Err(deopt());
    }
    Ok(shifted)
}

/// `a >> n`: an arithmetic shift (rounds toward negative infinity), any count.
pub fn int_rshift(a: i64, n: i64) -> PyResult<i64> {
    if n < 0 {
        return Err(crate::errors::value_error("negative shift count"));
    }
    Ok(a >> n.min(63))
}

/// `round(a, ndigits)` of an int: a negative `ndigits` rounds to a multiple of 10**-ndigits,
/// half to even, as CPython's `long_round`.
pub fn int_round(a: i64, ndigits: i64) -> PyResult<i64> {
    if ndigits >= 0 {
        return Ok(a);
    }
    if ndigits < -19 {
        return Ok(0); // |a| < 10**19 / 2
    }
    let unit = 10i128.pow((-ndigits) as u32);
    let value = a as i128;
    let (mut quotient, remainder) = (value.div_euclid(unit), value.rem_euclid(unit));
    if 2 * remainder > unit || (2 * remainder == unit && quotient % 2 != 0) {
        quotient += 1;
    }
    i64::try_from(quotient * unit).map_err(|_| deopt())
}

/// `a ** n` for a non-negative exponent.
#[inline]
pub fn int_pow(a: i64, n: i64) -> PyResult<i64> {
    let n = u32::try_from(n).map_err(|_| deopt())?;
    a.checked_pow(n).ok_or_else(deopt)
}

/// `a / b` of ints: CPython rounds the exact quotient once; for |a|, |b| <= 2^53 the float
/// division of the exactly converted operands is that same single rounding.
#[inline]
pub fn int_truediv(a: i64, b: i64) -> PyResult<f64> {
    if b == 0 {
        return Err(zero_division("division by zero"));
    }
    const EXACT: u64 = 1 << 53;
    if a.unsigned_abs() <= EXACT && b.unsigned_abs() <= EXACT {
        Ok(a as f64 / b as f64)
    } else {
        Err(deopt())
    }
}

/// Compare an int with a float exactly, as Python does (no rounding of the int).
#[inline]
pub fn cmp_int_float(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f >= 9_223_372_036_854_775_808.0 {
        return Some(Ordering::Less);
    }
    if f < -9_223_372_036_854_775_808.0 {
        return Some(Ordering::Greater);
    }
    let floor = f.floor();
    let by_integer = (i as i128).cmp(&(floor as i128));
    Some(if by_integer == Ordering::Equal && f > floor { Ordering::Less } else { by_integer })
}

#[inline]
pub fn cmp_float_int(f: f64, i: i64) -> Option<Ordering> {
    cmp_int_float(i, f).map(Ordering::reverse)
}

/// Python's `max(a, b)`: the first argument wins ties and NaN comparisons.
#[inline]
pub fn py_max<T: PartialOrd>(a: T, b: T) -> T {
    if b > a {
        b
    } else {
        a
    }
}

/// Python's `min(a, b)`.
#[inline]
pub fn py_min<T: PartialOrd>(a: T, b: T) -> T {
    if b < a {
        b
    } else {
        a
    }
}

/// Python's `range(start, stop, step)` as an iterator (any step sign; never overflows).
pub struct Range {
    next: i64,
    stop: i64,
    step: i64,
    done: bool,
    inclusive: bool,
}

#[inline]
pub fn range(start: i64, stop: i64, step: i64) -> PyResult<Range> {
    // (`range_reversed` builds an inclusive one; every other range excludes its stop, as Python's)
    if step == 0 {
        return Err(crate::errors::value_error("range() arg 3 must not be zero"));
    }
    Ok(Range { next: start, stop, step, done: false, inclusive: false })
}

impl Iterator for Range {
    type Item = i64;

    #[inline]
    fn next(&mut self) -> Option<i64> {
        let ended = match (self.step > 0, self.inclusive) {
            (true, false) => self.next >= self.stop,
            (false, false) => self.next <= self.stop,
            (true, true) => self.next > self.stop,
            (false, true) => self.next < self.stop,
        };
        if self.done || ended {
            return None;
        }
        let value = self.next;
        match self.next.checked_add(self.step) {
            Some(next) => self.next = next,
            None => self.done = true,
        }
        Some(value)
    }
}

/// `len(range(start, stop, step))`.
#[inline]
pub fn range_len(start: i64, stop: i64, step: i64) -> PyResult<i64> {
    Ok(range(start, stop, step)?.len_hint())
}

/// `reversed(range(start, stop, step))`: the same values, last first.
#[inline]
pub fn range_reversed(start: i64, stop: i64, step: i64) -> PyResult<Range> {
    let count = range(start, stop, step)?.len_hint();
    if count == 0 {
        return range(0, 0, 1);
    }
    // last = start + (count - 1) * step; the reversed range walks back to just before `start`
    let last = (start as i128) + (count as i128 - 1) * (step as i128);
    let back = step.checked_neg().ok_or_else(crate::errors::deopt)?;
    Ok(Range { next: last as i64, stop: start, step: back, done: false, inclusive: false }.inclusive_of_stop())
}

impl Range {
    #[inline]
    fn len_hint(&self) -> i64 {
        let (start, stop, step) = (self.next as i128, self.stop as i128, self.step as i128);
        let count = if step > 0 { (stop - start + step - 1) / step } else { (start - stop - step - 1) / -step };
        count.max(0) as i64
    }

    /// This range with its stop reached too (reversed ranges end at the original start).
    #[inline]
    fn inclusive_of_stop(mut self) -> Self {
        self.inclusive = true;
        self
    }
}
