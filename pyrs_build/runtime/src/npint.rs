//! NumPy's integer loops: arithmetic wraps around (NumPy warns only for scalars), and division by
//! zero gives 0 where NumPy warns "divide by zero encountered" (warnings are not emitted, see
//! docs/pages/differences.md). `MIN // -1` wraps to `MIN` and `MIN % -1` is 0, as NumPy gives.

/// `np.floor_divide` of integers: the floor of the quotient; 0 for a zero divisor.
#[inline(always)]
pub fn floor_divide_i64(a: i64, b: i64) -> i64 {
    if b == 0 {
        return 0;
    }
    let quotient = a.wrapping_div(b);
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        quotient - 1
    } else {
        quotient
    }
}

/// `np.remainder` of integers: the sign of the divisor; 0 for a zero divisor.
#[inline(always)]
pub fn remainder_i64(a: i64, b: i64) -> i64 {
    if b == 0 {
        return 0;
    }
    let rem = a.wrapping_rem(b);
    if rem != 0 && ((rem < 0) != (b < 0)) {
        rem + b
    } else {
        rem
    }
}

/// `x ** n` of integers for a non-negative `n` (the frontend refuses other exponents), wrapping.
#[inline(always)]
pub fn power_i64(base: i64, exponent: i64) -> i64 {
    let mut result: i64 = 1;
    let mut base = base;
    let mut exponent = exponent.max(0) as u64;
    while exponent > 0 {
        if exponent & 1 == 1 {
            result = result.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        exponent >>= 1;
    }
    result
}

#[inline(always)]
pub fn square_i64(x: i64) -> i64 {
    x.wrapping_mul(x)
}

/// `np.sign` of an integer.
#[inline(always)]
pub fn sign_i64(x: i64) -> i64 {
    x.signum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_semantics_match_numpy() {
        assert_eq!(floor_divide_i64(-7, 2), -4);
        assert_eq!(remainder_i64(-7, 2), 1);
        assert_eq!(remainder_i64(5, -2), -1);
        assert_eq!(floor_divide_i64(i64::MIN, -1), i64::MIN);
        assert_eq!(remainder_i64(i64::MIN, -1), 0);
        assert_eq!(floor_divide_i64(7, 0), 0);
        assert_eq!(power_i64(3, 3), 27);
    }
}
