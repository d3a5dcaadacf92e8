//! Fast readers for the bundled tables: lines found eight bytes at a time, and a trim that
//! skips the Unicode whitespace tables when a field plainly starts and ends with a
//! letter. Both give exactly what [`str::lines`] and [`str::trim`] give.

/// The lines of `text`, exactly as [`str::lines`] gives them (split at `\n`, a `\r`
/// right before a `\n` dropped, no empty last line after a final `\n`), each end found
/// with [`find_byte`] over the rest of the text: several times fewer instructions than
/// `str::lines` on the bundled tables.
pub fn lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match find_byte(b'\n', rest.as_bytes()) {
            Some(i) => {
                let line = &rest[..i];
                rest = &rest[i + 1..];
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => Some(std::mem::take(&mut rest)),
        }
    })
}

/// How many bytes [`find_byte`] reads eight at a time before it hands the rest to
/// `memchr`: a table's fields and most of its lines end sooner.
const NEAR_BYTES: usize = 32;

/// `memchr::memchr(needle, haystack)` for a needle other than 0, the first
/// [`NEAR_BYTES`] bytes read eight at a time as one number each (a field or short line
/// ends there, for fewer instructions than `memchr`'s set-up costs), the rest, if any,
/// by `memchr`.
#[inline]
pub fn find_byte(needle: u8, haystack: &[u8]) -> Option<usize> {
    debug_assert_ne!(needle, 0);
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let pattern = ONES * u64::from(needle);
    let mut at = 0;
    while at < NEAR_BYTES {
        // Eight bytes, little-endian; at the end, the bytes left zero-padded (zero is
        // never the needle), read one by one (no `memcpy` call).
        let (word, whole) = match haystack.get(at..at + 8) {
            Some(eight) => {
                let mut b = [0u8; 8];
                b.copy_from_slice(eight);
                (u64::from_le_bytes(b), true)
            }
            None => {
                let tail = haystack.get(at..).unwrap_or_default();
                let word = tail
                    .iter()
                    .enumerate()
                    .fold(0u64, |w, (i, &b)| w | u64::from(b) << (8 * i));
                (word, false)
            }
        };
        // A byte equal to the needle is a zero byte of `x`; the lowest flagged byte is
        // the first zero (a borrow only flags bytes above a zero one).
        let x = word ^ pattern;
        let zeros = x.wrapping_sub(ONES) & !x & HIGHS;
        if zeros != 0 {
            return Some(at + (zeros.trailing_zeros() / 8) as usize);
        }
        if !whole {
            return None;
        }
        at += 8;
    }
    memchr::memchr(needle, haystack.get(at..).unwrap_or_default()).map(|i| i + at)
}

/// How many `\n` bytes `text` holds, counted by `memchr` many bytes at a time (a byte
/// loop costs a few instructions a byte over a table of a megabyte): a table's line
/// count, to size its map before filling it.
pub fn newlines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

/// The TAB-separated fields of a line, exactly as `line.split('\t')` gives them.
pub fn fields(line: &str) -> impl Iterator<Item = &str> + '_ {
    split_ascii(line, b'\t')
}

/// The pieces of `s` between the ASCII byte `sep`, exactly as `s.split(sep as char)`
/// gives them, each found with [`find_byte`] (`sep` is not 0).
pub fn split_ascii(s: &str, sep: u8) -> impl Iterator<Item = &str> + '_ {
    debug_assert!(sep.is_ascii());
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match find_byte(sep, r.as_bytes()) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => rest.take(),
        }
    })
}

/// `line.split_once('\t')`, the TAB found with [`find_byte`].
pub fn split_tab(line: &str) -> Option<(&str, &str)> {
    let tab = find_byte(b'\t', line.as_bytes())?;
    Some((&line[..tab], &line[tab + 1..]))
}

/// The words of `s`, exactly as [`str::split_whitespace`] gives them, read on the
/// bytes when `s` holds no byte that may start a non-ASCII whitespace character (the
/// Arabic letters never do).
pub fn split_whitespace(s: &str) -> impl Iterator<Item = &str> + '_ {
    // U+0085 and U+00A0 start with C2; U+1680 with E1; U+2000–U+205F with E2; U+3000
    // with E3.
    let bytes = s.as_bytes();
    let unicode = bytes
        .iter()
        .any(|&b| matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3));
    let space = |b: u8| matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ');
    let mut slow = unicode.then(|| s.split_whitespace());
    let mut i = 0;
    std::iter::from_fn(move || {
        if let Some(words) = slow.as_mut() {
            return words.next();
        }
        while i < bytes.len() && space(bytes[i]) {
            i += 1;
        }
        if i == bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && !space(bytes[i]) {
            i += 1;
        }
        // Both ends are next to ASCII bytes or the ends of `s`: char boundaries.
        s.get(start..i)
    })
}

/// [`str::trim`], with a shortcut: a field whose first character is an ASCII graphic
/// or an Arabic-block letter and whose last is one too has nothing to trim.
#[inline]
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let plain_start = match b {
        [f, ..] if f.is_ascii_graphic() => true,
        [0xD8..=0xDB, _, ..] => true,
        _ => false,
    };
    let plain_end = match b {
        [.., l] if l.is_ascii_graphic() => true,
        [.., 0xD8..=0xDB, 0x80..=0xBF] => true,
        _ => false,
    };
    if plain_start && plain_end {
        s
    } else {
        s.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: [&str; 12] = [
        "",
        "\n",
        "\n\n",
        "a",
        "a\n",
        "a\r\nb\r\n",
        "a\rb\r",
        "\r\n\r\n x \t y\t\n",
        "دمشق\tسوريا\n# تعليق\n\nحلب\t\t\n",
        "\u{00A0}كلمة\u{2003}\n\tب\t",
        "x\ty",
        "ب ",
    ];

    #[test]
    fn lines_and_fields_match_the_standard_ones() {
        for s in SAMPLES {
            assert_eq!(lines(s).collect::<Vec<_>>(), s.lines().collect::<Vec<_>>());
            for l in s.lines() {
                assert_eq!(
                    fields(l).collect::<Vec<_>>(),
                    l.split('\t').collect::<Vec<_>>()
                );
            }
            assert_eq!(
                fields(s).collect::<Vec<_>>(),
                s.split('\t').collect::<Vec<_>>()
            );
            assert_eq!(
                split_ascii(s, b' ').collect::<Vec<_>>(),
                s.split(' ').collect::<Vec<_>>()
            );
            for l in s.lines() {
                assert_eq!(split_tab(l), l.split_once('\t'));
            }
        }
    }

    #[test]
    fn newlines_counts_every_line_end() {
        let long = "سطر\n".repeat(100) + "x\r\n\ny";
        for s in SAMPLES.iter().copied().chain([long.as_str()]) {
            assert_eq!(
                newlines(s),
                s.bytes().filter(|&b| b == b'\n').count(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn find_byte_finds_what_memchr_finds() {
        let text = format!(
            "دمشق\tسوريا x\ty\t\tحلب {}\t\n{}\nz\t",
            "abcdefghijklmnopqrstuvwxyz".repeat(2),
            "\u{80}\u{FF}ÿ".repeat(9)
        );
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            for end in start..=bytes.len() {
                let hay = &bytes[start..end];
                for needle in [b'\t', b'\n', b' ', b'z', 0x80, 0xFF, 0xD8, 0x01] {
                    assert_eq!(
                        find_byte(needle, hay),
                        memchr::memchr(needle, hay),
                        "{start}..{end} {needle}"
                    );
                }
            }
        }
    }

    #[test]
    fn split_whitespace_matches_the_standard_one() {
        let spaces = [
            "", " ", "\t", "\x0B", "\x0C", "\r\n", "\u{00A0}", "\u{2003}", "\u{3000}", "\u{0085}",
            "\u{1680}", "\u{200B}",
        ];
        for a in spaces {
            for b in spaces {
                for mid in ["", "x", "ن م", "كلمة\u{202F}أخرى"] {
                    let s = format!("{a}{mid}{b}{mid}{a}");
                    assert_eq!(
                        split_whitespace(&s).collect::<Vec<_>>(),
                        s.split_whitespace().collect::<Vec<_>>(),
                        "{s:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn trim_matches_the_standard_one() {
        let edges = [
            "", " ", "\t", "\u{00A0}", "\u{2003}", "\u{3000}", "\u{0085}", "a", "ب", "ة", "é",
            "\u{200B}", "ـ", "\u{FEFF}",
        ];
        for a in edges {
            for b in edges {
                for mid in ["", "x", "ن م"] {
                    let s = format!("{a}{mid}{b}");
                    assert_eq!(trim(&s), s.trim(), "{s:?}");
                }
            }
        }
    }
}
