//! Feature extraction: each token becomes a short list of hashed feature ids.

use marsad_text::{AnalyzedToken, TokenKind};

/// Per-token hints from outside the tagger: knowledge-base hits and word clusters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TokenHints {
    /// The knowledge base matched a name over this token: (class index 0..3, is first token).
    pub kb: Option<(u8, bool)>,
    /// A distributional word-cluster bit string for the token's base, if known.
    pub cluster: Option<u32>,
    /// How common the token's base is in unlabelled news: 0 unseen, 1 (<10) … 5 (≥10,000).
    pub frequency: u8,
    /// Word-list bits (given name, trigger words, stop word): see [`super::triggers`].
    pub lexicon: u8,
}

/// FNV-1a over a template tag and some parts.
fn hash(template: u8, parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(template);
    h = h.wrapping_mul(0x0100_0000_01b3);
    for p in parts {
        for &b in *p {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn shape(t: &AnalyzedToken) -> &'static [u8] {
    match t.kind {
        TokenKind::Number => b"num",
        TokenKind::Latin => b"lat",
        TokenKind::Url => b"url",
        TokenKind::Punct => b"pun",
        TokenKind::Symbol => b"sym",
        TokenKind::Word => match t.base.chars().count() {
            0..=2 => b"w2",
            3 => b"w3",
            4 => b"w4",
            5..=6 => b"w6",
            _ => b"w7",
        },
    }
}

fn affix(s: &str, n: usize, prefix: bool) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    if prefix {
        let end = s.char_indices().nth(n).map(|(b, _)| b).unwrap_or(s.len());
        &s[..end]
    } else {
        let start = s.char_indices().nth(count - n).map(|(b, _)| b).unwrap_or(0);
        &s[start..]
    }
}

/// Hashes of one token's strings, computed once per token and shared by the features of
/// its neighbours (so a token's text is hashed once, not once per template).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordHashes {
    norm: u64,
    base: u64,
    stem: u64,
    bare: u64,
    shape: u64,
}

/// Stands for a position before the start or past the end.
const PAD: WordHashes = WordHashes {
    norm: 0x5bd1_e995_0000_0001,
    base: 0x5bd1_e995_0000_0002,
    stem: 0x5bd1_e995_0000_0003,
    bare: 0x5bd1_e995_0000_0004,
    shape: 0x5bd1_e995_0000_0005,
};

impl WordHashes {
    /// The hashes of one token.
    pub(crate) fn of(t: &AnalyzedToken) -> WordHashes {
        WordHashes {
            norm: hash(1, &[t.norm.as_bytes()]),
            base: hash(2, &[t.base.as_bytes()]),
            stem: hash(3, &[t.stem.as_bytes()]),
            bare: hash(4, &[t.bare.as_bytes()]),
            shape: hash(5, &[shape(t)]),
        }
    }
}

/// Fills `out` with the hashes of every token.
pub(crate) fn word_hashes(tokens: &[AnalyzedToken], out: &mut Vec<WordHashes>) {
    out.clear();
    out.extend(tokens.iter().map(WordHashes::of));
}

/// Combines a template tag with up to two hashes (order matters).
#[inline]
fn mix(template: u64, a: u64, b: u64) -> u64 {
    let h = a.rotate_left(23) ^ b ^ template.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h ^ (h >> 32)).wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// The static (label-independent) features of token `i`, as raw 64-bit hashes.
/// `words` holds [`WordHashes`] of every token.
pub(crate) fn token_features(
    tokens: &[AnalyzedToken],
    words: &[WordHashes],
    hints: &[TokenHints],
    i: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let t = &tokens[i];
    let at = |j: isize| -> &WordHashes {
        let k = i as isize + j;
        if k < 0 {
            &PAD
        } else {
            words.get(k as usize).unwrap_or(&PAD)
        }
    };
    let hint = |j: isize| -> Option<&TokenHints> {
        let k = i as isize + j;
        if k < 0 {
            None
        } else {
            hints.get(k as usize)
        }
    };
    let w = at(0);
    out.push(hash(0, &[]));
    out.push(mix(1, w.norm, 0));
    out.push(mix(2, w.base, 0));
    out.push(mix(3, w.stem, 0));
    out.push(mix(4, w.bare, 0));
    for n in 1..=4 {
        out.push(hash(4 + n as u8, &[affix(&t.bare, n, true).as_bytes()]));
        out.push(hash(8 + n as u8, &[affix(&t.base, n, false).as_bytes()]));
    }
    // Proclitics, as one feature (segments before the base).
    let mut h = hash(13, &[]);
    for s in t.segments.iter().take_while(|s| s.as_str() != t.base) {
        for &b in s.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xfe;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    out.push(h);
    out.push(mix(14, w.shape, 0));
    out.push(mix(15, at(-1).base, 0));
    out.push(mix(16, at(1).base, 0));
    out.push(mix(17, at(-2).base, 0));
    out.push(mix(18, at(2).base, 0));
    out.push(mix(19, at(-1).base, w.base));
    out.push(mix(20, w.base, at(1).base));
    out.push(mix(21, at(-2).base, at(-1).base));
    out.push(mix(22, at(1).base, at(2).base));
    let starts_al = u64::from(t.base.starts_with("ال"));
    out.push(mix(23, starts_al, w.shape));
    out.push(mix(24, at(-1).shape, w.shape));
    out.push(mix(25, w.shape, at(1).shape));
    for (j, tag) in [(-2isize, 29u64), (-1, 30), (0, 31), (1, 32), (2, 33)] {
        let Some(h) = hint(j) else { continue };
        if let Some((c, first)) = h.kb {
            out.push(mix(tag, u64::from(c) * 2 + u64::from(first), 0));
        }
        if h.lexicon != 0 {
            out.push(mix(tag + 70, u64::from(h.lexicon), 0));
        }
        if j.abs() == 2 {
            continue;
        }
        if let Some(cl) = h.cluster {
            let prefixes: &[u32] = if j == 0 {
                &[4, 8, 12, 16, 32]
            } else {
                &[6, 12]
            };
            for &k in prefixes {
                out.push(mix(tag + 10, u64::from(k), u64::from(cl >> (32 - k))));
            }
        }
        out.push(mix(tag + 40, u64::from(h.frequency), 0));
        if j == 0 {
            out.push(mix(tag + 50, u64::from(h.frequency), w.shape));
        }
    }
    if let (Some(p), Some(h)) = (hint(-1), hint(0)) {
        // A trigger word (or a known name) before an unseen or rare word.
        let v = u64::from(p.lexicon) << 16
            | u64::from(h.frequency.min(2)) << 8
            | u64::from(h.lexicon & 1);
        out.push(mix(120, v, 0));
    }
}

/// The transition features: the previous label, alone and with the current base
/// (`base` is the token's [`WordHashes`]).
pub(crate) fn label_features(word: &WordHashes, prev: usize, out: &mut [u64; 2]) {
    let p = prev as u64 + 1;
    out[0] = mix(60, p, 0);
    out[1] = mix(61, word.base, p);
}
