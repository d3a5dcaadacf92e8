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

const PAD: &[u8] = b"<pad>";

/// TEMPORARY experiment switches (NER_X env bits).
pub(crate) static FLAGS: std::sync::LazyLock<u32> =
    std::sync::LazyLock::new(|| std::env::var("NER_X").ok().and_then(|v| v.parse().ok()).unwrap_or(0));

/// The static (label-independent) features of token `i`, as raw 64-bit hashes.
pub(crate) fn token_features(
    tokens: &[AnalyzedToken],
    hints: &[TokenHints],
    i: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let t = &tokens[i];
    let base = t.base.as_bytes();
    let tok = |j: isize| -> Option<&AnalyzedToken> {
        let k = i as isize + j;
        if k < 0 {
            None
        } else {
            tokens.get(k as usize)
        }
    };
    let word = |j: isize| -> &[u8] { tok(j).map_or(PAD, |t| t.base.as_bytes()) };
    let hint = |j: isize| -> Option<&TokenHints> {
        let k = i as isize + j;
        if k < 0 {
            None
        } else {
            hints.get(k as usize)
        }
    };
    out.push(hash(0, &[]));
    out.push(hash(1, &[t.norm.as_bytes()]));
    out.push(hash(2, &[base]));
    out.push(hash(3, &[t.stem.as_bytes()]));
    out.push(hash(4, &[t.bare.as_bytes()]));
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
    out.push(hash(14, &[shape(t)]));
    out.push(hash(15, &[word(-1)]));
    out.push(hash(16, &[word(1)]));
    out.push(hash(17, &[word(-2)]));
    out.push(hash(18, &[word(2)]));
    out.push(hash(19, &[word(-1), base]));
    out.push(hash(20, &[base, word(1)]));
    out.push(hash(21, &[word(-2), word(-1)]));
    out.push(hash(22, &[word(1), word(2)]));
    let starts_al = t.base.starts_with("ال");
    out.push(hash(23, &[&[u8::from(starts_al)], shape(t)]));
    let prev_shape = tok(-1).map_or(PAD, shape);
    let next_shape = tok(1).map_or(PAD, shape);
    out.push(hash(24, &[prev_shape, shape(t)]));
    out.push(hash(25, &[shape(t), next_shape]));
    for (j, tag) in [(-2isize, 29u8), (-1, 30), (0, 31), (1, 32), (2, 33)] {
        let Some(h) = hint(j) else { continue };
        if let Some((c, first)) = h.kb {
            out.push(hash(tag, &[&[c, u8::from(first)]]));
        }
        if h.lexicon != 0 && *FLAGS & 4 == 0 {
            out.push(hash(tag + 70, &[&[h.lexicon]]));
        }
        if j.abs() == 2 {
            continue;
        }
        if let Some(cl) = h.cluster {
            let prefixes: &[u32] = if j == 0 { &[4, 8, 12, 16, 32] } else { &[6, 12] };
            for &k in prefixes {
                let bits = (cl >> (32 - k)).to_le_bytes();
                out.push(hash(tag + 10, &[&[k as u8], &bits]));
            }
        }
        out.push(hash(tag + 40, &[&[h.frequency]]));
        if j == 0 {
            out.push(hash(tag + 50, &[&[h.frequency], shape(t)]));
        }
    }
    let flags = *FLAGS;
    if flags & 1 != 0 {
        let cs: Vec<char> = t.bare.chars().collect();
        for w in cs.windows(3) {
            let mut buf = [0u8; 12];
            let mut n = 0;
            for c in w {
                n += c.encode_utf8(&mut buf[n..]).len();
            }
            out.push(hash(121, &[&buf[..n]]));
        }
    }
    if flags & 2 != 0 {
        for (j, tag) in [(-1isize, 122u8), (1, 124)] {
            if let Some(n) = tok(j) {
                out.push(hash(tag, &[affix(&n.bare, 2, false).as_bytes()]));
                out.push(hash(tag + 1, &[affix(&n.bare, 2, true).as_bytes()]));
            }
        }
    }
    if flags & 4 != 0 {
        out.retain(|_| true);
    }
    if let (Some(p), Some(h)) = (hint(-1), hint(0)) {
        // A trigger word (or a known name) before an unseen or rare word.
        out.push(hash(120, &[&[p.lexicon, h.frequency.min(2), u8::from(h.lexicon & 1 != 0)]]));
    }
}

/// Hash of the token's base that [`label_features`] combines with the previous label.
pub(crate) fn base_hash(t: &AnalyzedToken) -> u64 {
    hash(61, &[t.base.as_bytes()])
}

/// The transition features: the previous label, alone and with the current base
/// (`base_hash` from [`base_hash`]).
pub(crate) fn label_features(base_hash: u64, prev: usize, out: &mut [u64; 2]) {
    let p = prev as u64 + 1;
    out[0] = hash(60, &[&[prev as u8]]);
    if *FLAGS & 8 != 0 {
        out[1] = hash(62, &[&[prev as u8]]);
        return;
    }
    out[1] = (base_hash ^ p.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0x0100_0000_01b3);
}
