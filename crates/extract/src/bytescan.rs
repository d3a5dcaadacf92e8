//! Word-at-a-time tests over the bytes of a short string (a token): eight bytes per
//! step instead of one, with no call into `memchr` (whose set-up costs more than a
//! word of a dozen bytes).

/// Eight copies of a byte.
const fn splat(x: u8) -> u64 {
    u64::from_ne_bytes([x; 8])
}

/// True when some byte of `w` is zero (exact: the classic `haszero` test).
#[inline(always)]
const fn has_zero_byte(w: u64) -> bool {
    w.wrapping_sub(splat(0x01)) & !w & splat(0x80) != 0
}

/// Eight bytes of `b` from `at` (which must leave eight bytes).
#[inline(always)]
fn load8(b: &[u8], at: usize) -> u64 {
    let mut x = [0u8; 8];
    x.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(x)
}

/// Four bytes of `b` from `at` (which must leave four bytes).
#[inline(always)]
fn load4(b: &[u8], at: usize) -> u64 {
    let mut x = [0u8; 4];
    x.copy_from_slice(&b[at..at + 4]);
    u64::from(u32::from_le_bytes(x))
}

/// Two bytes of `b` from `at` (which must leave two bytes).
#[inline(always)]
fn load2(b: &[u8], at: usize) -> u64 {
    u64::from(u16::from_le_bytes([b[at], b[at + 1]]))
}

/// True when `test` holds for one of the words that together cover `b`: eight bytes at
/// a time, the last word overlapping the one before, and a short `b` repeated to fill a
/// word. Every byte of a word is a byte of `b`, so a test of the form "some byte is …"
/// answers for `b` as a whole.
#[inline(always)]
fn any_word(b: &[u8], test: impl Fn(u64) -> bool) -> bool {
    let n = b.len();
    if n >= 8 {
        let mut at = 0;
        while at + 8 <= n {
            if test(load8(b, at)) {
                return true;
            }
            at += 8;
        }
        return at < n && test(load8(b, n - 8));
    }
    let w = if n >= 4 {
        load4(b, 0) | load4(b, n - 4) << 32
    } else if n >= 2 {
        let x = load2(b, 0) | load2(b, n - 2) << 16;
        x | x << 32
    } else if n == 1 {
        splat(b[0])
    } else {
        return false;
    };
    test(w)
}

/// True when some byte of `b` is `x`.
#[inline]
pub(crate) fn contains_byte(b: &[u8], x: u8) -> bool {
    any_word(b, |w| has_zero_byte(w ^ splat(x)))
}

/// True when some byte of `b` is `x` or `x | m`, for a mask `m` of one bit that `x`
/// does not have (`0xA4` or `0xA6` with `m = 2`).
#[inline]
pub(crate) fn contains_byte_either(b: &[u8], x: u8, m: u8) -> bool {
    debug_assert!(m.count_ones() == 1 && x & m == 0);
    any_word(b, |w| has_zero_byte((w | splat(m)) ^ splat(x | m)))
}

/// True when some byte of `b` is not ASCII (is 0x80 or above).
#[inline]
pub(crate) fn has_non_ascii(b: &[u8]) -> bool {
    any_word(b, |w| w & splat(0x80) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings of every length up to 20 from a few bytes, with each byte at each place.
    fn samples() -> Vec<Vec<u8>> {
        let alphabet = [
            0x00u8, 0x41, 0x7F, 0x80, 0xA4, 0xA5, 0xA6, 0xA7, 0xA9, 0xD8, 0xEF, 0xFF,
        ];
        let mut out = vec![Vec::new()];
        for n in 1..=20usize {
            for &fill in &[0x41u8, 0xD8] {
                for &x in &alphabet {
                    for at in 0..n {
                        let mut v = vec![fill; n];
                        v[at] = x;
                        out.push(v);
                    }
                }
            }
        }
        out.push("قالت الحكومة".as_bytes().to_vec());
        out.push("ﻻ".as_bytes().to_vec());
        out
    }

    #[test]
    fn contains_byte_is_a_byte_search() {
        for s in samples() {
            for x in [0x00u8, 0x41, 0x80, 0xA4, 0xA6, 0xA9, 0xEF, 0xFF] {
                assert_eq!(contains_byte(&s, x), s.contains(&x), "{s:?} {x:#x}");
            }
        }
    }

    #[test]
    fn either_byte_is_two_searches() {
        for s in samples() {
            let want = s.contains(&0xA4) || s.contains(&0xA6);
            assert_eq!(contains_byte_either(&s, 0xA4, 2), want, "{s:?}");
        }
    }

    #[test]
    fn non_ascii_is_not_is_ascii() {
        for s in samples() {
            assert_eq!(has_non_ascii(&s), !s.is_ascii(), "{s:?}");
        }
    }
}
