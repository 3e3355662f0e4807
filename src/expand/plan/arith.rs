//! Integer arithmetic of grids of periods: greatest common divisor, least common multiple, modular
//! inverse.

pub(super) fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs().max(1)
}

/// The inverse of `a` modulo `m` (`a` and `m` coprime, `m >= 1`).
pub(super) fn modular_inverse(a: i64, m: i64) -> Option<i64> {
    let (mut old_r, mut r) = (i128::from(a).rem_euclid(i128::from(m)), i128::from(m));
    let (mut old_s, mut s) = (1i128, 0i128);
    while r != 0 {
        let q = old_r / r;
        (old_r, r) = (r, old_r - q * r);
        (old_s, s) = (s, old_s - q * s);
    }
    if m == 1 {
        return Some(0);
    }
    (old_r == 1).then(|| i64::try_from(old_s.rem_euclid(i128::from(m))).ok())?
}

pub(super) fn lcm(a: i128, b: i128) -> i128 {
    a / gcd(a, b) * b
}
