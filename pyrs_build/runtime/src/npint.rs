//! NumPy's integer loops: arithmetic wraps around (NumPy warns only for scalars), and division by
//! zero gives 0 where NumPy warns "divide by zero encountered" (warnings are not emitted, see
//! docs/pages/differences.md). `MIN // -1` wraps to `MIN` and `MIN % -1` is 0, as NumPy gives.

use pyo3::exceptions::PyOverflowError;
use pyo3::PyResult;

/// A Python int as an element of a smaller integer dtype (NEP 50), or NumPy's OverflowError.
pub fn weak_int<T: TryFrom<i64>>(value: i64, dtype: &str) -> PyResult<T> {
    T::try_from(value).map_err(|_| PyOverflowError::new_err(format!("Python integer {value} out of bounds for {dtype}")))
}

macro_rules! integer_loops {
    ($($t:ident => $floor_divide:ident, $remainder:ident, $power:ident, $square:ident, $sign:ident);+ $(;)?) => {$(
        /// `np.floor_divide`: the floor of the quotient; 0 for a zero divisor.
        #[inline(always)]
        pub fn $floor_divide(a: $t, b: $t) -> $t {
            if b == 0 {
                return 0;
            }
            let quotient = a.wrapping_div(b);
            #[allow(unused_comparisons)]
            let negative = (a < 0) != (b < 0);
            if a.wrapping_rem(b) != 0 && negative {
                quotient.wrapping_sub(1)
            } else {
                quotient
            }
        }

        /// `np.remainder`: the sign of the divisor; 0 for a zero divisor.
        #[inline(always)]
        pub fn $remainder(a: $t, b: $t) -> $t {
            if b == 0 {
                return 0;
            }
            let rem = a.wrapping_rem(b);
            #[allow(unused_comparisons)]
            let other_sign = (rem < 0) != (b < 0);
            if rem != 0 && other_sign {
                rem.wrapping_add(b)
            } else {
                rem
            }
        }

        /// `x ** n` for a non-negative `n` (the frontend refuses other exponents), wrapping.
        #[inline(always)]
        pub fn $power(base: $t, exponent: $t) -> $t {
            let mut result: $t = 1;
            let mut base = base;
            #[allow(unused_comparisons)]
            let mut exponent = if exponent < 0 { 0 } else { exponent };
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
        pub fn $square(x: $t) -> $t {
            x.wrapping_mul(x)
        }

        /// `np.sign` of an integer.
        #[inline(always)]
        pub fn $sign(x: $t) -> $t {
            #[allow(unused_comparisons)]
            let negative = x < 0;
            if x == 0 { 0 } else if negative { (0 as $t).wrapping_sub(1) } else { 1 }
        }
    )+};
}

integer_loops!(
    i64 => floor_divide_i64, remainder_i64, power_i64, square_i64, sign_i64;
    i32 => floor_divide_i32, remainder_i32, power_i32, square_i32, sign_i32;
    u8 => floor_divide_u8, remainder_u8, power_u8, square_u8, sign_u8;
    u32 => floor_divide_u32, remainder_u32, power_u32, square_u32, sign_u32;
);

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
        assert_eq!(floor_divide_u8(7, 2), 3);
        assert_eq!(sign_i32(-5), -1);
    }
}
