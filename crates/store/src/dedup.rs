//! Duplicate detection: an exact hash of the normalised text, and a 64-bit SimHash over
//! word shingles for near duplicates (wire copies with a changed byline or sentence).
//!
//! Near duplicates are found by banding: the 64 bits are cut into [`BANDS`] bands of 16
//! bits; two hashes within Hamming distance [`MAX_DISTANCE`] (3) agree on at least one
//! band (pigeonhole), so a lookup only compares hashes that share a band.

use marsad_text::{normalize_word, Folding, TokenKind};
use sha2::{Digest, Sha256};

/// Largest Hamming distance between two SimHashes that counts as a near duplicate.
pub const MAX_DISTANCE: u32 = 3;
/// Number of 16-bit bands.
pub const BANDS: usize = 4;
/// Words per shingle.
const SHINGLE: usize = 3;
/// Texts with fewer words than this get no SimHash (too short to compare reliably).
pub const MIN_WORDS: usize = 30;

/// The normalised words of a text (search folding; punctuation dropped).
pub fn words(text: &str) -> Vec<String> {
    marsad_text::tokenize(text)
        .into_iter()
        .filter(|t| {
            matches!(
                t.kind,
                TokenKind::Word | TokenKind::Number | TokenKind::Latin
            )
        })
        .map(|t| normalize_word(t.text, Folding::SEARCH).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Hash of the normalised text (sha256 of the words joined by spaces, 16 hex chars):
/// equal for texts that differ only in spacing, punctuation, diacritics or letter forms.
pub fn text_hash(words: &[String]) -> String {
    let mut h = Sha256::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            h.update(b" ");
        }
        h.update(w.as_bytes());
    }
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// 64-bit FNV-1a followed by a finaliser (splitmix64) for well-spread bits.
fn hash64(parts: &[String]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.as_bytes() {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// SimHash of the word 3-shingles, or `None` for texts shorter than [`MIN_WORDS`].
pub fn simhash(words: &[String]) -> Option<u64> {
    if words.len() < MIN_WORDS {
        return None;
    }
    let mut acc = [0i64; 64];
    for sh in words.windows(SHINGLE) {
        let h = hash64(sh);
        for (bit, a) in acc.iter_mut().enumerate() {
            if h >> bit & 1 == 1 {
                *a += 1;
            } else {
                *a -= 1;
            }
        }
    }
    let mut out = 0u64;
    for (bit, a) in acc.iter().enumerate() {
        if *a > 0 {
            out |= 1 << bit;
        }
    }
    Some(out)
}

/// The band keys of a SimHash: `(band, 16-bit key)`.
pub fn bands(h: u64) -> [(usize, u16); BANDS] {
    let mut out = [(0, 0); BANDS];
    for (i, o) in out.iter_mut().enumerate() {
        *o = (i, (h >> (16 * i)) as u16);
    }
    out
}

/// Hamming distance.
pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(extra: &str) -> String {
        let mut s = String::new();
        for i in 0..40 {
            s.push_str(&format!(
                "قال المتحدث باسم الوزارة في البيان رقم {i} إن الاجتماع انتهى. "
            ));
        }
        s.push_str(extra);
        s
    }

    #[test]
    fn exact_hash_ignores_diacritics_and_punctuation() {
        let a = words("قالَ الرئيسُ: «نعم»، أمس.");
        let b = words("قال الرئيس نعم امس");
        assert_eq!(text_hash(&a), text_hash(&b));
        assert_ne!(text_hash(&a), text_hash(&words("قال الوزير نعم امس")));
    }

    #[test]
    fn near_copies_are_close_and_different_texts_far() {
        let a = simhash(&words(&article(""))).unwrap();
        let b = simhash(&words(&article("وكالة الأنباء."))).unwrap();
        assert!(
            distance(a, b) <= MAX_DISTANCE,
            "distance {}",
            distance(a, b)
        );
        let other: String = (0..60).map(|i| format!("كلمة{i} ")).collect();
        let c = simhash(&words(&other)).unwrap();
        assert!(distance(a, c) > MAX_DISTANCE);
        // pigeonhole: close hashes share a band
        assert!(bands(a).iter().zip(bands(b).iter()).any(|(x, y)| x == y));
    }

    #[test]
    fn short_texts_have_no_simhash() {
        assert_eq!(simhash(&words("خبر قصير")), None);
    }
}
