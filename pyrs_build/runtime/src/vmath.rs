//! Branch-free `exp`, `ln`, `expm1`, `log1p`, `tanh`, `sinh`, `cosh` and `pow` for NumPy's float64
//! ufuncs inside fused loops.
//!
//! glibc's `exp`/`log`/`pow` are table-driven with branches, so a loop calling them stays scalar. These
//! versions use only arithmetic, bit operations and selects, so LLVM vectorises the loop around them
//! (SSE2 by default, AVX2/AVX-512 in the copies `dispatch` picks at run time). No fused multiply-add:
//! every CPU path gives the same bits. Accuracy against the correctly rounded result: `exp`, `ln`,
//! `log1p`, `cosh`, `pow` within 1 ulp, `expm1` and `sinh` within 2, `tanh` within 3 (this file's tests
//! check them against glibc over millions of points, tests/compiler/test_vmath_accuracy.py against
//! mpmath and NumPy), as NumPy's own SIMD versions are; scalar `math.*` calls and Python's `float **`
//! keep calling the platform libm, as CPython does. Branches of the classic algorithms (fdlibm's) are
//! computed on both sides and selected, which costs a little arithmetic and lets whole loops run on
//! vectors; divisions are the expensive part, so each function does at most two.

const LN2_HI: f64 = 6.931_471_803_691_238_164_90e-01; // ln 2 with 21 trailing zero bits: n * LN2_HI is exact
const LN2_LO: f64 = 1.908_214_929_270_587_700_02e-10;
const LOG2_E: f64 = std::f64::consts::LOG2_E;
/// Adding 1.5 * 2^52 rounds a float of magnitude below 2^51 to an integer kept in the low mantissa bits.
const ROUND_SHIFT: f64 = 6_755_399_441_055_744.0;
const MANTISSA_MASK: u64 = (1 << 52) - 1;

/// Taylor coefficients 1/k!, k = 2..=13: on |r| <= ln(2)/2 the remainder is below 2^-60 relative.
const EXP_TAYLOR: [f64; 12] = [
    1.0 / 2.0,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5040.0,
    1.0 / 40320.0,
    1.0 / 362_880.0,
    1.0 / 3_628_800.0,
    1.0 / 39_916_800.0,
    1.0 / 479_001_600.0,
    1.0 / 6_227_020_800.0,
];

/// e^x, within 1 ulp; +inf above 709.78, +0 far below -745, NaN for NaN.
#[inline(always)]
pub fn exp(x: f64) -> f64 {
    // Clamped so the exponent arithmetic below stays in range; the clamp still overflows/underflows.
    let clamped = x.max(-746.0).min(710.0);
    let shifted = clamped * LOG2_E + ROUND_SHIFT;
    let n = shifted - ROUND_SHIFT;
    let r = (clamped - n * LN2_HI) - n * LN2_LO;
    let mut tail = EXP_TAYLOR[11];
    for &c in EXP_TAYLOR[..11].iter().rev() {
        tail = tail * r + c;
    }
    let poly = 1.0 + (r + r * r * tail);
    let (low, high) = two_pow_halves(shifted);
    let y = poly * low * high; // in this order: low * high alone overflows at n = 1024
    if x.is_nan() {
        x
    } else {
        y
    }
}

/// 2^n as two normal powers of two, n read from `shifted` (see ROUND_SHIFT): one
/// power alone could not reach 2^1024 (overflow) or 2^-1075 (subnormal results).
#[inline(always)]
fn two_pow_halves(shifted: f64) -> (f64, f64) {
    // n + 2046 >= 0 for the clamped range; an even bias keeps the halving exact.
    let biased = (shifted.to_bits() & MANTISSA_MASK).wrapping_sub((1 << 51) - 2046);
    let first = biased >> 1; // floor(n / 2) + 1023
    let second = biased - first; // n - floor(n / 2) + 1023
    (f64::from_bits(first << 52), f64::from_bits(second << 52))
}

/// e^x - 1, within 2 ulp: x = n ln 2 + r (n = 0 near zero, so no cancellation there), then fdlibm's
/// two ways of putting 2^n and e^r - 1 back together.
#[inline(always)]
pub fn expm1(x: f64) -> f64 {
    let (shifted, p) = expm1_reduced(x.max(-60.0).min(710.0)); // e^-60 - 1 rounds to -1; e^710 overflows
    let y = expm1_from(shifted, p);
    if x.is_nan() || x == 0.0 {
        x // keeps NaN and the sign of zero
    } else {
        y
    }
}

/// x = n ln 2 + r with |r| <= ln(2)/2 (n = 0 when |x| < ln(2)/2); returns `shifted` (n, see ROUND_SHIFT)
/// and p = e^r - 1, with the rounding error of r folded in: e^(r + c) - 1 = p + c (1 + p).
#[inline(always)]
fn expm1_reduced(clamped: f64) -> (f64, f64) {
    let shifted = clamped * LOG2_E + ROUND_SHIFT;
    let n = shifted - ROUND_SHIFT;
    let hi = clamped - n * LN2_HI;
    let lo = n * LN2_LO;
    let r = hi - lo;
    let r_error = (hi - r) - lo;
    let series = expm1_series(r);
    (shifted, series + r_error * (1.0 + series))
}

/// 2^n (1 + p) - 1 from `expm1_reduced`: (1 - 2^-n + p) 2^n loses nothing for -1 <= n <= 1023;
/// further below, -1 dominates and the plain form is exact enough.
#[inline(always)]
fn expm1_from(shifted: f64, p: f64) -> f64 {
    let n = shifted - ROUND_SHIFT;
    let (low, high) = two_pow_halves(shifted);
    let moderate = ((1.0 - two_pow_negated(shifted)) + p) * (low * high); // low * high = 2^n, finite here
    let far = (1.0 + p) * low * high - 1.0; // in this order: low * high overflows at n = 1024
    if n <= -2.0 || n >= 1024.0 {
        far
    } else {
        moderate
    }
}

/// 2^-n built from its bits (a division would cost more than the whole polynomial), for
/// -1 <= n <= 1022; 0 at n = 1023, where 2^-1023 is far below the rounding of 1 + p.
#[inline(always)]
fn two_pow_negated(shifted: f64) -> f64 {
    let exponent = (1023u64 + (1 << 51)).wrapping_sub(shifted.to_bits() & MANTISSA_MASK); // 1023 - n
    f64::from_bits((exponent & 0x7ff) << 52)
}

/// e^x / 2 = (1 + p) 2^(n - 1) from `expm1_reduced`: finite up to x = 710.47 (cosh and sinh overflow there).
#[inline(always)]
fn half_exp(shifted: f64, p: f64) -> f64 {
    let (low, high) = two_pow_halves(shifted - 1.0);
    (1.0 + p) * low * high
}

/// e^r - 1 on |r| <= ln(2)/2 from the Taylor series: r + r^2 (1/2 + r/6 + ...).
#[inline(always)]
fn expm1_series(r: f64) -> f64 {
    let mut tail = EXP_TAYLOR[11];
    for &c in EXP_TAYLOR[..11].iter().rev() {
        tail = tail * r + c;
    }
    r + r * r * tail
}

/// ln(1 + x), within 1 ulp of libm: ln(u) for u = 1 + x, corrected by the rounding error of u.
#[inline(always)]
pub fn log1p(x: f64) -> f64 {
    let u = 1.0 + x;
    let corrected = ln(u) + (x - (u - 1.0)) / u;
    if x.abs() < 1e-300 || (u == 1.0) {
        x // ln(1 + x) = x to double precision (and keeps the sign of zero)
    } else if x == f64::INFINITY {
        x
    } else if u > 0.0 {
        corrected
    } else if u == 0.0 {
        f64::NEG_INFINITY
    } else {
        f64::NAN // also for NaN
    }
}

/// tanh(|x|) = e / (e + 2) for e = e^(2|x|) - 1 (no cancellation: e >= 0), from one reduction and one
/// division; the rounding errors of e and e + 2 are carried and corrected to first order, which keeps
/// the result within 2 ulp. 1 from |x| = 22 on (e^44 makes the quotient round to 1).
#[inline(always)]
pub fn tanh(x: f64) -> f64 {
    let a = x.abs();
    let (shifted, p) = expm1_reduced((2.0 * a).min(44.0));
    let (low, high) = two_pow_halves(shifted);
    let scale = low * high; // 2^n, n <= 64 here
    let (sum, sum_error) = fast_two_sum(1.0 - two_pow_negated(shifted), p); // expm1_from's moderate form
    let (e, e_error) = (sum * scale, sum_error * scale);
    let (d, d_error) = fast_two_sum(e.max(2.0), e.min(2.0));
    let q = e / d;
    // (e + de) / (d + dd) = q + (de (1 - q) - q dd) / d, and 1 / d = (1 - q) / 2
    let y = q + (e_error * (1.0 - q) - q * d_error) * (1.0 - q) * 0.5;
    if x.is_nan() || a < 1e-300 {
        x
    } else {
        y.copysign(x)
    }
}

/// sinh(x) (fdlibm's formulas through t = e^|x| - 1, one division), within 2 ulp; e^|x| / 2 from 22 on.
#[inline(always)]
pub fn sinh(x: f64) -> f64 {
    let a = x.abs();
    let (shifted, p) = expm1_reduced(a.min(711.0)); // sinh overflows from 710.48 on
    let t = expm1_from(shifted, p);
    let q = t / (t + 1.0);
    let small = 0.5 * (2.0 * t - t * q); // a < 1: 2t - t^2 / (t + 1)
    let medium = 0.5 * (t + q); // a < 22
    let y = if a < 1.0 { small } else if a < 22.0 { medium } else { half_exp(shifted, p) };
    if x.is_nan() || a < 1e-300 {
        x
    } else {
        y.copysign(x)
    }
}

/// cosh(x), within 2 ulp: 1 + t^2 / (2 (1 + t)) for t = e^|x| - 1 near zero, h + 1 / (4h) for
/// h = e^|x| / 2 elsewhere (one division either way).
#[inline(always)]
pub fn cosh(x: f64) -> f64 {
    let a = x.abs();
    let (shifted, p) = expm1_reduced(a.min(711.0)); // cosh overflows from 710.48 on
    let h = half_exp(shifted, p);
    let near_zero = a < 0.5 * std::f64::consts::LN_2; // here n = 0 and p = e^a - 1
    let q = if near_zero { p * p } else { 0.25 } / if near_zero { 2.0 * (1.0 + p) } else { h };
    let y = if near_zero { 1.0 + q } else { h + q };
    if x.is_nan() {
        x
    } else {
        y
    }
}

const LG: [f64; 7] = [
    6.666_666_666_666_735_130e-01,
    3.999_999_999_940_941_908e-01,
    2.857_142_874_366_239_149e-01,
    2.222_219_843_214_978_396e-01,
    1.818_357_216_161_805_012e-01,
    1.531_383_769_920_937_332e-01,
    1.479_819_860_511_658_591e-01,
];
const TWO54: f64 = 18_014_398_509_481_984.0;

/// Natural logarithm (fdlibm's e_log.c with its branches turned into selects), within 1 ulp;
/// -inf at 0, NaN below 0 and for NaN, +inf at +inf.
#[inline(always)]
pub fn ln(x: f64) -> f64 {
    let (dk, mantissa, fraction_high) = log_decompose(x);
    let f = mantissa - 1.0;
    let half_f2 = 0.5 * f * f;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let t1 = w * (LG[1] + w * (LG[3] + w * LG[5]));
    let t2 = z * (LG[0] + w * (LG[2] + w * (LG[4] + w * LG[6])));
    let r = t2 + t1;
    let near_sqrt2 = (fraction_high as i64 - 0x6147a) | (0x6b851 - fraction_high as i64) > 0;
    let y = if near_sqrt2 {
        dk * LN2_HI - ((half_f2 - (s * (half_f2 + r) + dk * LN2_LO)) - f)
    } else {
        dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f)
    };
    special_log(x, y)
}

/// x = 2^k m with m in [sqrt(2)/2, sqrt(2)) for positive finite x (subnormals too): (k, m, the
/// high 20 mantissa bits of x's normal form).
#[inline(always)]
fn log_decompose(x: f64) -> (f64, f64, u64) {
    let subnormal = x < f64::MIN_POSITIVE;
    let scaled = if subnormal { x * TWO54 } else { x };
    let bits = scaled.to_bits();
    let high = (bits >> 32) & 0x7fff_ffff;
    let fraction_high = high & 0x000f_ffff;
    // 0x100000 when the mantissa is at least sqrt(2): then normalise into [sqrt(2)/2, sqrt(2)).
    let carry = (fraction_high + 0x95f64) & 0x10_0000;
    let exponent = (high >> 20) as i64 - 1023 + (carry >> 20) as i64 - if subnormal { 54 } else { 0 };
    let mantissa = f64::from_bits(((fraction_high | (carry ^ 0x3ff0_0000)) << 32) | (bits & 0xffff_ffff));
    (exponent as f64, mantissa, fraction_high)
}

// ---- pow: x^y = e^(y ln x) with ln x and the product carried in double-double -------------------
//
// e^z magnifies an absolute error of z into a relative one, and z = y ln x reaches 709, so ln x is
// needed to about 2^-68 relative. Double-double arithmetic with Dekker's exact product (not FMA, so
// every SIMD level computes the same bits), and 2 atanh(s) = ln((1 + s) / (1 - s)) as a series.

/// 1/3 as double-double (hi + lo).
const THIRD: (f64, f64) = (0.333_333_333_333_333_3, 1.850_371_707_708_594e-17);
/// 2 / (2j + 5), j = 0..=12: s^5 (2/5 + 2 s^2/7 + ...) with s^2 <= 0.0295 is summed to below 2^-70.
const ATANH_TAIL: [f64; 13] = [
    2.0 / 5.0,
    2.0 / 7.0,
    2.0 / 9.0,
    2.0 / 11.0,
    2.0 / 13.0,
    2.0 / 15.0,
    2.0 / 17.0,
    2.0 / 19.0,
    2.0 / 21.0,
    2.0 / 23.0,
    2.0 / 25.0,
    2.0 / 27.0,
    2.0 / 29.0,
];
/// 2^27 + 1: Veltkamp's split of a double into two 26-bit halves.
const SPLITTER: f64 = 134_217_729.0;

/// a + b = s + e exactly (Knuth's two-sum).
#[inline(always)]
fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let b_part = s - a;
    (s, (a - (s - b_part)) + (b - b_part))
}

/// a + b = s + e exactly when |a| >= |b| (or a = 0).
#[inline(always)]
fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    (s, b - (s - a))
}

#[inline(always)]
fn split(a: f64) -> (f64, f64) {
    let t = SPLITTER * a;
    let hi = t - (t - a);
    (hi, a - hi)
}

/// a * b = p + e exactly (Dekker's product, for |a|, |b| well below 2^996).
#[inline(always)]
fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    let (a_hi, a_lo) = split(a);
    let (b_hi, b_lo) = split(b);
    (p, ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo)
}

/// ln(x) = hi + lo for positive finite x: ln(m) = 2 atanh(s) = 2s + 2s^3/3 + s^5 (2/5 + ...) for
/// s = f / (2 + f), f = m - 1, the first two terms in double-double (the rest is below 2^-12 of the
/// sum): about 2^-66 relative; k ln 2 adds 2^-75 |k|.
#[inline(always)]
pub fn ln_extended(x: f64) -> (f64, f64) {
    let (k, m, _) = log_decompose(x);
    let f = m - 1.0; // exact; |f| < 0.42
    let d = 2.0 + f;
    let d_lo = f - (d - 2.0); // 2 + f = d + d_lo exactly
    let s = f / d; // |s| < 0.172, and s + s_lo = f / (2 + f) to 2^-100:
    let (sd, sd_error) = two_prod(s, d);
    let s_lo = (((f - sd) - sd_error) - s * d_lo) / d;
    let (square, square_error) = two_prod(s, s);
    let (cube, cube_error) = two_prod(square, s);
    let cube_lo = cube_error + (square_error * s + 3.0 * square * s_lo); // (s + s_lo)^3
    let (third, third_error) = two_prod(cube, THIRD.0);
    let third_lo = third_error + (cube * THIRD.1 + cube_lo * THIRD.0); // s^3 / 3
    let mut tail = ATANH_TAIL[12];
    for &c in ATANH_TAIL[..12].iter().rev() {
        tail = tail * square + c;
    }
    let (m_hi, m_error) = two_sum(2.0 * s, 2.0 * third);
    let m_lo = m_error + (2.0 * (s_lo + third_lo) + cube * square * tail);
    let (sum, error) = two_sum(k * LN2_HI, m_hi); // k LN2_HI is exact
    let lo = error + (m_lo + k * LN2_LO);
    let hi = sum + lo; // normalised: exp_extended needs |lo| <= ulp(hi)
    (hi, lo - (hi - sum))
}

/// e^(z + z_lo) for |z_lo| < 2^-40 |z|: exp's reduction with z_lo added to the reduced argument.
#[inline(always)]
pub fn exp_extended(z: f64, z_lo: f64) -> f64 {
    let clamped = z.max(-746.0).min(710.0);
    let shifted = clamped * LOG2_E + ROUND_SHIFT;
    let n = shifted - ROUND_SHIFT;
    let hi = clamped - n * LN2_HI;
    let lo = n * LN2_LO;
    let r = hi - lo;
    let z_lo = if z == clamped { z_lo } else { 0.0 }; // beyond the clamp the result is 0 or inf anyway
    let r_error = ((hi - r) - lo) + z_lo;
    let series = expm1_series(r);
    let (low, high) = two_pow_halves(shifted);
    (1.0 + (series + r_error * (1.0 + series))) * low * high
}

/// x^y as NumPy's float64 `power` ufunc (C99's pow special values: 0^-y = inf, (-x)^odd keeps the
/// sign, (-x)^non-integer = NaN, 1^y = x^0 = 1 even for NaN, |x|^±inf), within 1 ulp of the correctly
/// rounded result (measured: see this file's tests and tests/runtime/test_vmath_accuracy.py).
#[inline(always)]
pub fn pow(x: f64, y: f64) -> f64 {
    let a = x.abs();
    let base = if a > 0.0 && a < f64::INFINITY { a } else { 1.0 }; // the others are special values
    // |y| > 2^64 over- or underflows anyway (and is even); the clamp keeps Dekker's split finite
    let y_clamped = y.max(-18_446_744_073_709_551_616.0).min(18_446_744_073_709_551_616.0);
    let (l, l_lo) = ln_extended(base);
    let (z, z_error) = two_prod(y_clamped, l);
    let magnitude = exp_extended(z, z_error + y_clamped * l_lo);
    pow_special_values(x, y, magnitude)
}

/// `magnitude` = |x|^y for positive finite x, with C99's special cases selected over it.
#[inline(always)]
fn pow_special_values(x: f64, y: f64, magnitude: f64) -> f64 {
    let a = x.abs();
    let y_integer = y == y.trunc();
    let y_odd = y_integer && 0.5 * y != (0.5 * y).trunc(); // every |y| >= 2^53 is even
    let mut r = magnitude;
    if a == 0.0 {
        r = if y < 0.0 { f64::INFINITY } else { 0.0 };
    }
    if a == f64::INFINITY {
        r = if y < 0.0 { 0.0 } else { f64::INFINITY };
    }
    if x.is_sign_negative() && y_odd {
        r = -r;
    }
    if x < 0.0 && a < f64::INFINITY && !y_integer {
        r = f64::NAN;
    }
    if y.is_infinite() {
        r = if a == 1.0 {
            1.0
        } else if (a < 1.0) == (y > 0.0) {
            0.0
        } else {
            f64::INFINITY
        };
    }
    if x.is_nan() || y.is_nan() {
        r = f64::NAN;
    }
    if y == 0.0 || x == 1.0 {
        r = 1.0;
    }
    r
}

#[inline(always)]
fn special_log(x: f64, y: f64) -> f64 {
    if x > 0.0 && x < f64::INFINITY {
        y
    } else if x == 0.0 {
        f64::NEG_INFINITY
    } else if x == f64::INFINITY {
        x
    } else {
        f64::NAN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ulps(a: f64, b: f64) -> u64 {
        if a == b || (a.is_nan() && b.is_nan()) {
            return 0;
        }
        (a.to_bits() as i64).abs_diff(b.to_bits() as i64)
    }

    #[test]
    fn exp_matches_libm_within_one_ulp() {
        let mut x = -750.0;
        while x < 712.0 {
            assert!(ulps(exp(x), x.exp()) <= 1, "exp({x}) = {} vs {}", exp(x), x.exp());
            x += 0.000_731_3;
        }
        for x in [0.0, -0.0, 1e-300, -1e-300, 709.782712893384, 709.79, -745.1332191019411, -745.14] {
            assert!(ulps(exp(x), x.exp()) <= 1, "exp({x})");
        }
        assert_eq!(exp(f64::INFINITY), f64::INFINITY);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert!(exp(f64::NAN).is_nan());
    }

    fn sweep(f: fn(f64) -> f64, reference: fn(f64) -> f64, max_ulps: u64, name: &str) {
        let mut x = 1e-310;
        while x < 1e300 {
            for v in [x, -x] {
                let (got, want) = (f(v), reference(v));
                assert!(ulps(got, want) <= max_ulps, "{name}({v:e}) = {got:e} vs libm {want:e}");
            }
            x *= 1.000_731_3;
        }
        for v in [0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 1.0, -1.0] {
            let (got, want) = (f(v), reference(v));
            assert!(ulps(got, want) <= max_ulps && got.is_sign_negative() == want.is_sign_negative() || (got.is_nan() && want.is_nan()),
                    "{name}({v}) = {got} vs libm {want}");
        }
    }

    #[test]
    fn expm1_log1p_hyperbolic_within_their_bounds() {
        sweep(expm1, f64::exp_m1, 2, "expm1");
        sweep(log1p, f64::ln_1p, 1, "log1p");
        sweep(tanh, f64::tanh, 3, "tanh");
        sweep(sinh, f64::sinh, 2, "sinh");
        sweep(cosh, f64::cosh, 2, "cosh");
    }

    #[test]
    fn pow_matches_libm_within_one_ulp() {
        // bases over the whole range (subnormals too), exponents up to the overflow of x^y
        let mut x: f64 = 1e-320; // subnormal: steps of 0.17% still move it
        while x < 1e308 {
            for y in [-1075.0 / x.ln(), -3.5, -1.0, -0.3, 0.5, 1.7, 3.0, 17.0, 700.0 / x.ln(), 745.0 / x.ln().abs()] {
                for base in [x, -x] {
                    let (got, want) = (pow(base, y), base.powf(y));
                    assert!(ulps(got, want) <= 1, "pow({base:e}, {y:e}) = {got:e} vs libm {want:e}");
                }
            }
            x = (x * 1.001_731_3).max(x + 5e-324);
        }
        let special: [f64; 17] = [0.0, -0.0, 1.0, -1.0, 0.5, -2.0, 3.0, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 5e-324,
                       1e308, 9007199254740992.0, 9007199254740993.0 * 2.0, 1e300, -7.0, 1.0000000000000002];
        for x in special {
            for y in special {
                let (got, want) = (pow(x, y), x.powf(y));
                assert!(ulps(got, want) <= 1 && (got.is_nan() || got.is_sign_negative() == want.is_sign_negative()),
                        "pow({x:e}, {y:e}) = {got:e} vs libm {want:e}");
            }
        }
    }

    #[test]
    fn ln_matches_libm_within_one_ulp() {
        let mut x = 1e-310;
        while x < 1e300 {
            assert!(ulps(ln(x), x.ln()) <= 1, "ln({x}) = {} vs {}", ln(x), x.ln());
            x *= 1.000_731_3;
        }
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(ln(0.0), f64::NEG_INFINITY);
        assert_eq!(ln(-0.0), f64::NEG_INFINITY);
        assert!(ln(-1.0).is_nan() && ln(f64::NAN).is_nan() && ln(f64::NEG_INFINITY).is_nan());
        assert_eq!(ln(f64::INFINITY), f64::INFINITY);
        assert_eq!(ln(5e-324), (5e-324f64).ln());
    }
}
