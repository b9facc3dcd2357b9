//! Where an article holds the words a pattern cannot match without.
//!
//! Every date pattern needs a digit, a month name, a weekday or some other
//! word of a known family somewhere in its match. One scan of the article
//! finds those words; each pattern then reads only the stretches near
//! them instead of the whole text, which turned some twenty whole-text
//! passes into one scan and a few short reads.
//!
//! A stretch reaches from `before` bytes before a cue to `after` bytes past
//! its start, so a pattern whose matches stay that close to the cue they
//! need finds exactly
//! what a whole-text pass finds: matches never cross from one stretch into
//! text without cues, and the search sees the text around each stretch
//! for its word boundaries.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::{Captures, Regex};

/// A family of cue words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    /// A run of one or two digits: a day.
    ShortDigits,
    /// A run of four digits: a year.
    FourDigits,
    /// Digits, a `/`, `-` or `.`, and a digit: `5/23`, `2025-05`.
    DigitPair,
    Month,
    Weekday,
    /// Days of the month in words: `first`, `twenty`.
    DayWord,
    /// The word `month`.
    MonthWord,
    /// The closing words of a shift: `ago`, `later`, `from now`.
    ShiftAfter,
    /// Units of a shift: `days`, `weeks`.
    ShiftUnit,
    /// `today`, `yesterday`.
    RelativeDay,
}

const FAMILIES: usize = 10;

/// The cue words of every family, compiled once for a batch.
pub(super) struct CueWords {
    /// Words in ASCII lower case; `None` when there are none.
    searcher: Option<AhoCorasick>,
    /// The families of each word, as bits: its own and those of every cue
    /// word it starts with (`sunday` is a `sun` too), which the longest
    /// match hides.
    families_of: Vec<u16>,
    /// Families with a word the lower-case search cannot find (non-ASCII):
    /// patterns that need them read the whole text.
    unsearchable: Vec<Cue>,
}

impl CueWords {
    pub(super) fn new<'a>(families: impl IntoIterator<Item = (Cue, Vec<&'a str>)>) -> CueWords {
        let mut words: Vec<(String, u16)> = Vec::new();
        let mut unsearchable = Vec::new();
        for (cue, list) in families {
            for w in list {
                // Multi-word cues (`from now`) are found by their last word,
                // and a cue by its leading letters (`twenty` of `twenty-one`).
                let w = w.split_whitespace().next_back().unwrap_or("");
                let letters = w.split(|c: char| !c.is_ascii_alphabetic()).next();
                let Some(w) = letters.filter(|l| !l.is_empty()) else {
                    unsearchable.push(cue);
                    continue;
                };
                words.push((w.to_ascii_lowercase(), 1 << cue as u16));
            }
        }
        words.sort();
        words.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 |= b.1;
            }
            same
        });
        let families_of: Vec<u16> = words
            .iter()
            .map(|(w, _)| {
                words
                    .iter()
                    .filter(|(p, _)| w.starts_with(p.as_str()))
                    .fold(0, |bits, (_, f)| bits | f)
            })
            .collect();
        let searcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(words.iter().map(|(w, _)| w))
            .ok()
            .filter(|_| !words.is_empty());
        CueWords {
            searcher,
            families_of,
            unsearchable,
        }
    }

    /// The cues of one article. `lower` is its text in ASCII lower case;
    /// `folds` says the text holds a char that `(?i)` folds onto ASCII
    /// letters, which a lower-case search cannot see: then every pattern
    /// reads the whole text.
    pub(super) fn scan(&self, lower: &str, folds: bool) -> Cues {
        let mut at: [Vec<usize>; FAMILIES] = Default::default();
        let bytes = lower.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                match i - start {
                    1 | 2 => at[Cue::ShortDigits as usize].push(start),
                    4 => at[Cue::FourDigits as usize].push(start),
                    _ => {}
                }
                if matches!(bytes.get(i), Some(b'/' | b'-' | b'.'))
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
                {
                    at[Cue::DigitPair as usize].push(start);
                }
            } else {
                i += 1;
            }
        }
        if let Some(searcher) = &self.searcher {
            // Every pattern wants its cue words whole from their start (`\b`
            // or a space before them): `ten` in `often` is no cue. Cue words
            // are letters, so no cue starts inside another match: a place
            // inside one follows a letter.
            let word_start = |at: usize| {
                at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_')
            };
            for m in searcher.find_iter(lower) {
                if word_start(m.start()) {
                    let bits = self.families_of[m.pattern().as_usize()];
                    for (family, positions) in at.iter_mut().enumerate() {
                        if bits & (1 << family) != 0 {
                            positions.push(m.start());
                        }
                    }
                }
            }
        }
        Cues {
            at,
            whole: folds,
            unsearchable: self.unsearchable.clone(),
        }
    }
}

/// Positions of cue words in one article.
pub(super) struct Cues {
    at: [Vec<usize>; FAMILIES],
    whole: bool,
    unsearchable: Vec<Cue>,
}

impl Cues {
    /// Stretches of the text from `before` bytes before to `after` bytes
    /// after the start of a cue of any of
    /// `families`, merged, in order. Each ends where the text has a space
    /// or ends, so a word boundary at its end is one in the text too.
    /// `text` is the article the cues were scanned from.
    pub(super) fn windows(
        &self,
        text: &str,
        families: &[Cue],
        before: usize,
        after: usize,
    ) -> Vec<(usize, usize)> {
        if self.whole || families.iter().any(|f| self.unsearchable.contains(f)) {
            return vec![(0, text.len())];
        }
        let mut starts: Vec<usize> = families
            .iter()
            .flat_map(|f| self.at[*f as usize].iter().copied())
            .collect();
        if families.len() > 1 {
            starts.sort_unstable();
        }
        // A gap this short costs less to read than a search to start.
        const SLACK: usize = 48;
        let mut out: Vec<(usize, usize)> = Vec::new();
        for at in starts {
            let start = crate::text::floor_boundary(text, at.saturating_sub(before));
            let reach = (at + after).min(text.len());
            match out.last_mut() {
                Some(last) if start <= last.1 + SLACK => {
                    if reach > last.1 {
                        last.1 = space_at_or_after(text, reach);
                    }
                }
                _ => out.push((start, space_at_or_after(text, reach))),
            }
        }
        out
    }
}

fn space_at_or_after(text: &str, at: usize) -> usize {
    text.as_bytes()[at..]
        .iter()
        .position(u8::is_ascii_whitespace)
        .map_or(text.len(), |p| at + p)
}

/// The matches of `re` in `hay` that lie inside `windows`, as
/// `re.captures_iter(hay)` would find them there.
pub(super) fn captures_in<'h>(
    re: &'h Regex,
    hay: &'h str,
    windows: Vec<(usize, usize)>,
) -> impl Iterator<Item = Captures<'h>> + 'h {
    windows.into_iter().flat_map(move |(start, end)| {
        let part = &hay[..end];
        let mut at = start;
        std::iter::from_fn(move || {
            if at > end {
                return None;
            }
            let c = re.captures_at(part, at)?;
            let m = c.get(0).expect("match");
            // An empty match moves on by one char, as `captures_iter` does.
            at = if m.end() > m.start() {
                m.end()
            } else {
                part[m.end()..]
                    .chars()
                    .next()
                    .map_or(end + 1, |ch| m.end() + ch.len_utf8())
            };
            Some(c)
        })
    })
}
