//! The name runs of a text: the matches of
//! `\p{Lu}[\p{L}'’\-]*\p{L}(?:[ \t]+\p{Lu}[\p{L}'’\-]*\p{L}){0,5}`, as the
//! regex crate's `find_iter` finds them, without its per-match setup.
//! Names never run across a line break: a dateline is not a first name.
//!
//! There is no `\b` before the capital, so `eBay` runs from `B`; each word
//! ends at the last letter of its run of word chars, where the greedy
//! pattern backs off to.

use regex_syntax::hir::{Class, Hir, HirKind};

use crate::mentions::swar::{HIGH, ONES, in_range, word_at};

/// At most this many words make a run.
const RUN_WORDS: usize = 6;

/// `\p{Lu}` and `\p{L}` beyond ASCII, as the regex crate has them:
/// `char::is_uppercase` and `char::is_alphabetic` are wider properties.
pub(super) struct Letters {
    upper: Vec<(char, char)>,
    letter: Vec<(char, char)>,
}

fn class_ranges(class: &str) -> Vec<(char, char)> {
    match regex_syntax::parse(class).map(Hir::into_kind) {
        Ok(HirKind::Class(Class::Unicode(c))) => {
            c.ranges().iter().map(|r| (r.start(), r.end())).collect()
        }
        other => panic!("{class} is a Unicode class, not {other:?}"),
    }
}

fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    let i = ranges.partition_point(|&(_, last)| last < c);
    ranges.get(i).is_some_and(|&(first, _)| first <= c)
}

/// The byte length of a UTF-8 char from its first byte.
fn char_len(first: u8) -> usize {
    match first {
        0..0xE0 => 1 + usize::from(first >= 0x80),
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// The first byte at or after `from` that is an ASCII capital or not
/// ASCII: only there can a `\p{Lu}` start. Sixteen bytes at a time, since
/// most of a text is lower case.
fn next_capital(bytes: &[u8], from: usize) -> Option<usize> {
    let capitals = |w: u64| (in_range(w, b'A', b'Z') | w) & HIGH;
    let mut at = from;
    while at + 16 <= bytes.len() {
        let (low, high) = (
            capitals(word_at(bytes, at)),
            capitals(word_at(bytes, at + 8)),
        );
        if low | high != 0 {
            let (at, hits) = if low != 0 { (at, low) } else { (at + 8, high) };
            return Some(at + hits.trailing_zeros() as usize / 8);
        }
        at += 16;
    }
    bytes[at..]
        .iter()
        .position(|&b| b.is_ascii_uppercase() || b >= 0x80)
        .map(|i| at + i)
}

/// Where the ASCII letters from `at` end, eight bytes at a time.
fn letters_end(bytes: &[u8], mut at: usize) -> usize {
    while at + 8 <= bytes.len() {
        let w = word_at(bytes, at);
        // Folded to lower case, a letter lies in `a..=z`.
        let others = !(in_range(w | (ONES * 0x20), b'a', b'z') & !w) & HIGH;
        if others != 0 {
            return at + others.trailing_zeros() as usize / 8;
        }
        at += 8;
    }
    at + bytes[at..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count()
}

impl Letters {
    pub(super) fn new() -> Letters {
        Letters {
            upper: class_ranges(r"\p{Lu}"),
            letter: class_ranges(r"\p{L}"),
        }
    }

    /// Where the word `\p{Lu}[\p{L}'’\-]*\p{L}` starting at `at` ends, if
    /// one does. Most words are an ASCII capital and ASCII letters.
    fn word_end(&self, text: &str, at: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        match bytes.get(at)? {
            b'A'..=b'Z' => {}
            0x80.. => return self.word_end_beyond_ascii(text, at),
            _ => return None,
        }
        let end = letters_end(bytes, at + 1);
        match bytes.get(end) {
            Some(b'\'' | b'-' | 0x80..) => self.word_end_beyond_ascii(text, at),
            _ => (end > at + 1).then_some(end),
        }
    }

    /// [`Self::word_end`] of any word.
    #[cold]
    fn word_end_beyond_ascii(&self, text: &str, at: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        let first = text[at..].chars().next()?;
        if !(first.is_ascii_uppercase() || in_ranges(&self.upper, first)) {
            return None;
        }
        let mut i = at + first.len_utf8();
        let mut end = None;
        loop {
            let letters = letters_end(bytes, i);
            if letters > i {
                i = letters;
                end = Some(i);
            }
            match bytes.get(i) {
                Some(b'\'' | b'-') => i += 1,
                Some(0x80..) => {
                    let c = text[i..].chars().next()?;
                    if in_ranges(&self.letter, c) {
                        end = Some(i + c.len_utf8());
                    } else if c != '’' {
                        return end;
                    }
                    i += c.len_utf8();
                }
                _ => return end,
            }
        }
    }

    /// Calls `found` with the words' spans of each run of `text`, in order.
    pub(super) fn each_run(&self, text: &str, mut found: impl FnMut(&[(usize, usize)])) {
        let bytes = text.as_bytes();
        let mut words = [(0, 0); RUN_WORDS];
        let mut from = 0;
        while let Some(at) = next_capital(bytes, from) {
            let Some(end) = self.word_end(text, at) else {
                from = at + char_len(bytes[at]);
                continue;
            };
            words[0] = (at, end);
            let mut len = 1;
            while len < RUN_WORDS {
                let end = words[len - 1].1;
                let gap = bytes[end..]
                    .iter()
                    .take_while(|&&b| b == b' ' || b == b'\t')
                    .count();
                let at = end + gap;
                // Most words after a space are in lower case.
                let next = (gap > 0 && bytes.get(at).is_some_and(|b| !b.is_ascii_lowercase()))
                    .then(|| self.word_end(text, at))
                    .flatten();
                let Some(next) = next else {
                    break;
                };
                words[len] = (at, next);
                len += 1;
            }
            found(&words[..len]);
            from = words[len - 1].1;
        }
    }
}

/// Words in buckets by a hash of their length and end letters, ASCII case
/// folded, so a word and its capitals share a bucket: a lookup compares
/// the few words of one bucket, by their first eight bytes first. Every
/// capitalized word meets the not-names, and a general hash set's hashing
/// and probing cost more than the word.
pub(super) struct WordSet {
    /// Each bucket's range in `words`.
    buckets: Vec<(u16, u16)>,
    /// Each word with its head (see [`head_at`]).
    words: Vec<(u64, Box<[u8]>)>,
}

/// The first eight bytes of the `len` bytes at `at`, as a number, zero
/// past `len`: one load when the text goes on that far.
fn head_at(bytes: &[u8], at: usize, len: usize) -> u64 {
    let kept = if len >= 8 { !0 } else { (1 << (8 * len)) - 1 };
    if at + 8 <= bytes.len() {
        return word_at(bytes, at) & kept;
    }
    let mut head = [0; 8];
    let n = len.min(8);
    head[..n].copy_from_slice(&bytes[at..at + n]);
    u64::from_le_bytes(head)
}

impl WordSet {
    const BUCKET_BITS: u32 = 12;

    pub(super) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> WordSet {
        let mut keyed: Vec<(usize, &[u8])> = words
            .into_iter()
            .filter_map(|w| Some((WordSet::bucket_of(w.as_bytes())?, w.as_bytes())))
            .collect();
        keyed.sort_unstable();
        keyed.dedup();
        let ends: Vec<u16> = (0..=1 << WordSet::BUCKET_BITS)
            .map(|bucket| {
                let end = keyed.partition_point(|&(b, _)| b < bucket);
                u16::try_from(end).expect("a short word list")
            })
            .collect();
        WordSet {
            buckets: ends.windows(2).map(|w| (w[0], w[1])).collect(),
            words: keyed
                .into_iter()
                .map(|(_, w)| (head_at(w, 0, w.len()), w.into()))
                .collect(),
        }
    }

    fn bucket_of(word: &[u8]) -> Option<usize> {
        let (first, last) = (word.first()?, word.last()?);
        let packed = ((word.len() & 0xFFFF) as u32) << 16
            | u32::from(first.to_ascii_lowercase()) << 8
            | u32::from(last.to_ascii_lowercase());
        Some((packed.wrapping_mul(0x9E37_79B1) >> (32 - WordSet::BUCKET_BITS)) as usize)
    }

    #[inline]
    fn bucket(&self, word: &[u8]) -> &[(u64, Box<[u8]>)] {
        WordSet::bucket_of(word).map_or(&[], |b| {
            let (from, to) = self.buckets[b];
            &self.words[usize::from(from)..usize::from(to)]
        })
    }

    /// Whether the set holds the `len` bytes of `bytes` at `at`, or, if
    /// `capitals`, them with their ASCII letters in capitals; a word in
    /// capitals is ASCII.
    #[inline]
    pub(super) fn holds(&self, bytes: &[u8], at: usize, len: usize, capitals: bool) -> bool {
        let word = &bytes[at..at + len];
        let bucket = self.bucket(word);
        if bucket.is_empty() {
            return false;
        }
        let as_is = head_at(bytes, at, len);
        // The capitals of ASCII lower-case letters are 0x20 below them.
        let in_capitals = as_is - (in_range(as_is, b'a', b'z') >> 2);
        let upper = || word.iter().map(u8::to_ascii_uppercase);
        bucket.iter().any(|(head, listed)| {
            listed.len() == len
                && (*head == as_is && (len <= 8 || **listed == *word)
                    || capitals
                        && *head == in_capitals
                        && (len <= 8 || listed.iter().copied().eq(upper())))
        })
    }

    /// Whether the set holds `word` in some ASCII case.
    #[inline]
    pub(super) fn holds_in_any_case(&self, word: &[u8]) -> bool {
        self.bucket(word)
            .iter()
            .any(|(_, listed)| listed.eq_ignore_ascii_case(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Spans = Vec<(usize, usize)>;

    /// Compares the scanner with the pattern it stands for.
    struct Both {
        letters: Letters,
        pattern: regex::Regex,
    }

    impl Both {
        fn new() -> Both {
            Both {
                letters: Letters::new(),
                pattern: regex::Regex::new(
                    r"\p{Lu}[\p{L}'’\-]*\p{L}(?:[ \t]+\p{Lu}[\p{L}'’\-]*\p{L}){0,5}",
                )
                .expect("run pattern"),
            }
        }

        /// The runs as spans of whole runs, next to the pattern's matches.
        fn spans(&self, text: &str) -> (Spans, Spans) {
            let mut scanned = Vec::new();
            self.letters.each_run(text, |words| {
                scanned.push((words[0].0, words[words.len() - 1].1))
            });
            let found = self
                .pattern
                .find_iter(text)
                .map(|m| (m.start(), m.end()))
                .collect();
            (scanned, found)
        }
    }

    #[test]
    fn runs_are_the_patterns_matches() {
        let both = Both::new();
        for text in [
            "Ivo Lantz said eBay and O’Neil's McDonald-Smith met A B C D E F G H.",
            "ÉMILE Zola, Ǆemal ǅemal, Ⅸ Ⓐbc, Ǳa, Jose\u{301} Ŋa ß Straße",
            "A'- B’’c D-- 'Ef G\tH  I\nJk L\u{a0}Mn Ωmega Σίσυφος Ꭰᏹ",
            "Kelvin \u{212a}elvin ſs Ab'’-",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz Aa Bb Cc Dd Ee Ff Gg",
            "",
            "x",
            "Zz",
        ] {
            let (scanned, found) = both.spans(text);
            assert_eq!(scanned, found, "{text:?}");
        }
    }

    #[test]
    fn runs_match_the_pattern_on_mixed_text() {
        // Every mix of a few chars that sit on the pattern's edges.
        let alphabet = [
            'A', 'b', 'Z', 'é', 'É', 'ǅ', 'Ⅸ', '\'', '’', '-', ' ', '\t', '\n', '.', 'ſ', '\u{301}',
        ];
        let both = Both::new();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let len = (seed % 24) as usize;
            let text: String = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            let (scanned, found) = both.spans(&text);
            assert_eq!(scanned, found, "{text:?}");
        }
    }
}
