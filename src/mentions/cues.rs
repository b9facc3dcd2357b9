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
    /// A month name anywhere, even inside a word: `22april` has a month.
    MonthInside,
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
    /// `said`, `told`.
    SpeechVerb,
    /// `according to`.
    Attribution,
    /// Words that announce a name: `spokesman`, `resident`.
    NameAnnouncer,
}

const FAMILIES: usize = 14;

/// Words of several families (numbered from 0), found in one pass where
/// they start a word.
pub(super) struct WordCues {
    /// Words in ASCII lower case; `None` when there are none.
    searcher: Option<AhoCorasick>,
    /// The families of each word, as bits: its own and those of every cue
    /// word it starts with (`sunday` is a `sun` too), which the longest
    /// match hides.
    families_of: Vec<u16>,
    /// Families, as bits, with a word the lower-case search cannot find
    /// (no leading ASCII letter): who needs them reads the whole text.
    unsearchable: u16,
}

impl WordCues {
    /// A word is found by its leading ASCII letters (`twenty` of
    /// `twenty-one`): every match of it holds them.
    pub(super) fn new(families: impl IntoIterator<Item = (usize, Vec<String>)>) -> WordCues {
        let mut words: Vec<(String, u16)> = Vec::new();
        let mut unsearchable = 0;
        for (family, list) in families {
            for w in list {
                let letters = w.split(|c: char| !c.is_ascii_alphabetic()).next();
                match letters.filter(|l| !l.is_empty()) {
                    Some(l) => words.push((l.to_ascii_lowercase(), 1 << family)),
                    None => unsearchable |= 1 << family,
                }
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
        WordCues {
            searcher,
            families_of,
            unsearchable,
        }
    }

    pub(super) fn unsearchable(&self, family: usize) -> bool {
        self.unsearchable & (1 << family) != 0
    }

    /// Adds where each family's words start a word of `lower` (the text in
    /// ASCII lower case) to `at[family]`, in order. Patterns want cue words
    /// whole from their start (`\b` or a space before them): `ten` in
    /// `often` is no cue. Cue words are letters, so no cue starts inside
    /// another match: a place inside one follows a letter.
    pub(super) fn find(&self, lower: &str, at: &mut [Vec<usize>]) {
        let Some(searcher) = &self.searcher else {
            return;
        };
        let bytes = lower.as_bytes();
        let word_start =
            |i: usize| i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
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
}

/// Whether a text in ASCII lower case holds `ſ` or the Kelvin sign, the
/// only non-ASCII chars that `(?i)` matches to ASCII letters (`s`, `k`):
/// a lower-case search for cue words cannot see those.
pub(super) fn folds(lower: &str) -> bool {
    lower.contains('\u{17f}') || lower.contains('\u{212a}')
}

/// Whether a cue of `positions` (sorted) starts in `start..end`.
pub(super) fn any_in(positions: &[usize], start: usize, end: usize) -> bool {
    let first = positions.partition_point(|&p| p < start);
    positions.get(first).is_some_and(|&p| p < end)
}

/// The cue words of every pattern family, compiled once for a batch and
/// searched once per article.
pub(super) struct CueWords {
    words: WordCues,
    /// Month names searched overlapping, wherever they are.
    months_inside: Option<AhoCorasick>,
}

impl CueWords {
    /// `months` also make the [`Cue::MonthInside`] family.
    pub(super) fn new(
        months: &[&str],
        families: impl IntoIterator<Item = (Cue, Vec<String>)>,
    ) -> CueWords {
        let all = families
            .into_iter()
            .chain([(Cue::Month, months.iter().map(|m| m.to_string()).collect())])
            .map(|(c, w)| (c as usize, w));
        let months_inside: Vec<String> = months.iter().map(|m| m.to_ascii_lowercase()).collect();
        CueWords {
            words: WordCues::new(all),
            months_inside: AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .build(&months_inside)
                .ok()
                .filter(|_| months.iter().all(|m| m.is_ascii() && !m.is_empty())),
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
        self.words.find(lower, &mut at);
        let mut unsearchable: Vec<bool> =
            (0..FAMILIES).map(|f| self.words.unsearchable(f)).collect();
        match &self.months_inside {
            Some(months) => {
                let inside = &mut at[Cue::MonthInside as usize];
                inside.extend(months.find_overlapping_iter(lower).map(|m| m.start()));
                inside.sort_unstable();
            }
            None => unsearchable[Cue::MonthInside as usize] = true,
        }
        Cues {
            at,
            whole: folds,
            unsearchable,
        }
    }
}

/// Positions of cue words in one article.
pub(super) struct Cues {
    at: [Vec<usize>; FAMILIES],
    whole: bool,
    /// By family: whether its words cannot be searched for.
    unsearchable: Vec<bool>,
}

impl Cues {
    /// Whether the text holds a char the lower-case search cannot see
    /// (see [`folds`]).
    pub(super) fn folds(&self) -> bool {
        self.whole
    }

    /// Where the words of `family` start, in order; `None` when they could
    /// not be searched for and every place may hold one.
    pub(super) fn at(&self, family: Cue) -> Option<&[usize]> {
        (!self.whole && !self.unsearchable[family as usize])
            .then(|| self.at[family as usize].as_slice())
    }

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
        if self.whole || families.iter().any(|f| self.unsearchable[*f as usize]) {
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

/// The stretches two window lists share: a match that needs a cue of each
/// lies in a window of each, so in their overlap.
pub(super) fn intersect(a: &[(usize, usize)], b: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        let start = a[i].0.max(b[j].0);
        let end = a[i].1.min(b[j].1);
        if start < end {
            out.push((start, end));
        }
        // Each window ends at a space or the text's end, so the overlap does.
        if a[i].1 < b[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> WordCues {
        let list = |w: &[&str]| w.iter().map(|w| w.to_string()).collect();
        WordCues::new([
            (0, list(&["sun", "ten", "from now"])),
            (1, list(&["sunday"])),
        ])
    }

    fn found(lower: &str) -> [Vec<usize>; 2] {
        let mut at: [Vec<usize>; 2] = Default::default();
        words().find(lower, &mut at);
        at
    }

    #[test]
    fn cue_words_count_only_where_a_word_starts() {
        // `ten` inside `often` is no cue; `ten` after a space and after
        // punctuation is.
        assert_eq!(found("often ten,ten")[0], vec![6, 10]);
    }

    #[test]
    fn a_longer_word_keeps_the_families_of_the_words_it_starts_with() {
        // `sunday` hides `sun` at the same place: it must count for both.
        let at = found("on sunday");
        assert_eq!(at[0], vec![3]);
        assert_eq!(at[1], vec![3]);
    }

    #[test]
    fn a_phrase_is_found_by_its_leading_letters() {
        assert_eq!(found("from there")[0], vec![0]);
    }

    #[test]
    fn any_in_reads_a_half_open_range() {
        let at = [3, 10];
        assert!(any_in(&at, 3, 4));
        assert!(!any_in(&at, 4, 10));
        assert!(any_in(&at, 4, 11));
    }

    #[test]
    fn windows_merge_and_end_at_a_space() {
        let filler = "word ".repeat(12);
        let text = format!("aaaa 2025 bbbb {filler}1999 eeee");
        let second = text.find("1999").expect("year");
        let cues = CueWords::new(&[], []).scan(&text, false);
        // Each year reaches two bytes before and six after its start, and
        // the stretch runs on to the next space so no word is cut.
        assert_eq!(
            cues.windows(&text, &[Cue::FourDigits], 2, 6),
            vec![(3, 14), (second - 2, second + 9)]
        );
        // Stretches closer than a search costs merge.
        assert_eq!(
            cues.windows(&text, &[Cue::FourDigits], 20, 20),
            vec![(0, text.len())]
        );
    }

    #[test]
    fn intersections_keep_what_both_lists_cover() {
        let a = [(0, 10), (20, 30), (40, 50)];
        let b = [(5, 25), (45, 60)];
        assert_eq!(intersect(&a, &b), vec![(5, 10), (20, 25), (45, 50)]);
        assert_eq!(intersect(&a, &[]), vec![]);
    }

    #[test]
    fn folded_text_is_read_whole() {
        let text = "the \u{17f}unday 2025";
        let cues = CueWords::new(&[], []).scan(text, folds(text));
        assert_eq!(
            cues.windows(text, &[Cue::Month], 0, 1),
            vec![(0, text.len())]
        );
    }

    #[test]
    fn captures_in_windows_match_a_whole_text_search_inside_them() {
        let re = Regex::new(r"\b[0-9]{4}\b").expect("regex");
        let text = "in 2019, then 2020 and 12345 and 2021";
        let whole: Vec<&str> = re.find_iter(text).map(|m| m.as_str()).collect();
        let windowed: Vec<&str> = captures_in(&re, text, vec![(0, 8), (9, text.len())])
            .map(|c| c.get(0).expect("match").as_str())
            .collect();
        assert_eq!(windowed, whole);
        // The window's edge is no word boundary: `2345` of `12345` stays
        // out even when a window starts inside the number.
        let inside: Vec<&str> = captures_in(&re, text, vec![(24, 30)])
            .map(|c| c.get(0).expect("match").as_str())
            .collect();
        assert!(inside.is_empty(), "{inside:?}");
    }
}
