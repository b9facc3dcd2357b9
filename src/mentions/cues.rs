//! Where an article holds the words a pattern cannot match without.
//!
//! Every date pattern needs a digit, a month name, a weekday or some other
//! word of a known family at a known place of its match. One pass over the
//! article finds those words (a walk through a trie for each word of the
//! text), every run of letters and of digits, and the word lists other
//! stages ask about; each pattern is then tried only where it can start,
//! instead of being searched for in the whole text.

use super::swar::{ClassMasks, each_run, is_set};

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
    /// First words of relative periods: `next`, `last`, `the`.
    PeriodOpening,
    /// `said`, `told`.
    SpeechVerb,
    /// `according to`.
    Attribution,
    /// Words that announce a name: `spokesman`, `resident`.
    NameAnnouncer,
}

const FAMILIES: usize = 15;

/// A trie over the letters `a`..=`z`, each node with bits for the words
/// that end there. Walking a word of the text costs a step per letter it
/// shares with some word of the trie, where an automaton over the whole
/// text read every byte.
struct Trie {
    nodes: Vec<Node>,
}

/// A node of a [`Trie`]: its children by `letter & 31` (`a` is 1), 0 for
/// none (the root is never a child), so a step needs no range check.
#[derive(Clone)]
struct Node {
    next: [u32; 32],
    bits: u16,
    /// Bits of the word lists whose words end exactly here.
    listed: u16,
}

const EMPTY: Node = Node {
    next: [0; 32],
    bits: 0,
    listed: 0,
};

impl Trie {
    fn new() -> Trie {
        Trie { nodes: vec![EMPTY] }
    }

    /// The node of `letters` (ASCII lower case only), made if need be.
    fn node(&mut self, letters: impl Iterator<Item = u8>) -> usize {
        let mut node = 0;
        for b in letters {
            let slot = usize::from(b & 31);
            if self.nodes[node].next[slot] == 0 {
                self.nodes[node].next[slot] = self.nodes.len() as u32;
                self.nodes.push(EMPTY);
            }
            node = self.nodes[node].next[slot] as usize;
        }
        node
    }

    /// Adds `letters` (ASCII lower case only) with `bits`.
    fn insert(&mut self, letters: impl Iterator<Item = u8>, bits: u16) {
        let node = self.node(letters);
        self.nodes[node].bits |= bits;
    }

    /// The node after `node` by the ASCII lower-case letter `b`, if any.
    fn step(&self, node: usize, b: u8) -> Option<usize> {
        match self.nodes[node].next[usize::from(b & 31)] {
            0 => None,
            next => Some(next as usize),
        }
    }
}

/// Words of several families (numbered from 0), found where they start a
/// word.
pub(super) struct WordCues {
    /// Each node's bits are the families of its word and of every word on
    /// its path: a word is a cue of every family of the cue words it
    /// starts with (`sunday` is a `sun` too).
    trie: Trie,
    /// Families, as bits, with a word the lower-case search cannot find
    /// (no leading ASCII letter): who needs them reads the whole text.
    unsearchable: u16,
    /// By a word's first two letters (`(a & 31) << 5 | b & 31`): the node
    /// the walk reaches and whether it took both. One load from this
    /// table replaces the two dependent steps every word began with.
    pairs: Vec<(u32, bool)>,
}

impl WordCues {
    /// A word is found by its leading ASCII letters (`twenty` of
    /// `twenty-one`): every match of it holds them.
    pub(super) fn new(
        families: impl IntoIterator<Item = (usize, Vec<String>)>,
        lists: impl IntoIterator<Item = (Listed, Vec<String>)>,
    ) -> WordCues {
        let mut trie = Trie::new();
        let mut unsearchable = 0;
        for (list, words) in lists {
            // A word with other chars than ASCII letters is never a whole
            // run of them.
            for w in words.iter().filter(|w| !w.is_empty()) {
                if w.bytes().all(|b| b.is_ascii_alphabetic()) {
                    let node = trie.node(w.bytes().map(|b| b.to_ascii_lowercase()));
                    trie.nodes[node].listed |= 1 << list as u16;
                }
            }
        }
        for (family, list) in families {
            for w in list {
                let letters = w.split(|c: char| !c.is_ascii_alphabetic()).next();
                match letters.filter(|l| !l.is_empty()) {
                    Some(l) => trie.insert(l.bytes().map(|b| b.to_ascii_lowercase()), 1 << family),
                    None => unsearchable |= 1 << family,
                }
            }
        }
        // Parents come before their children, so one pass in node order
        // hands each path's bits all the way down.
        for node in 0..trie.nodes.len() {
            let (bits, next) = (trie.nodes[node].bits, trie.nodes[node].next);
            for child in next.into_iter().filter(|&c| c != 0) {
                trie.nodes[child as usize].bits |= bits;
            }
        }
        let mut pairs = vec![(0, false); 32 * 32];
        for (i, pair) in pairs.iter_mut().enumerate() {
            let (a, b) = ((i >> 5) as u8, (i & 31) as u8);
            *pair = match trie.step(0, a) {
                None => (0, false),
                Some(first) => match trie.step(first, b) {
                    None => (first as u32, false),
                    Some(second) => (second as u32, true),
                },
            };
        }
        WordCues {
            trie,
            unsearchable,
            pairs,
        }
    }

    pub(super) fn unsearchable(&self, family: usize) -> bool {
        self.unsearchable & (1 << family) != 0
    }

    /// The families of the cue words that `word` (ASCII lower-case
    /// letters) begins with, and the lists it is a word of.
    fn families_of(&self, word: &[u8]) -> (u16, u16) {
        let (mut node, rest) = match word {
            [a, b, rest @ ..] => {
                let (node, both) = self.pairs[usize::from(a & 31) << 5 | usize::from(b & 31)];
                if !both {
                    return (self.trie.nodes[node as usize].bits, 0);
                }
                (node as usize, rest)
            }
            _ => (0, word),
        };
        for &b in rest {
            match self.trie.step(node, b) {
                Some(next) => node = next,
                None => return (self.trie.nodes[node].bits, 0),
            }
        }
        (self.trie.nodes[node].bits, self.trie.nodes[node].listed)
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

/// Word lists a stage asks about for every word of the text, answered
/// by the same pass that finds the cue words.
#[derive(Debug, Clone, Copy)]
pub(super) enum Listed {
    /// Words a written number can start with.
    NumberStart,
    /// First words of vague amounts (`dozens`).
    Vague,
    /// First words of the counts of a date shift (`two` weeks ago).
    ShiftCount,
    /// Every word reading a number in words looks up (`hundred`,
    /// `thirds`, `and`): any other word ends the reading at once.
    NumberWord,
}

/// A run of ASCII letters of the text, with the lists it is a word of
/// (bits by [`Listed`]).
#[derive(Debug, Clone, Copy)]
pub(super) struct Word {
    pub start: usize,
    pub end: usize,
    pub listed: u16,
}

impl Word {
    pub(super) fn is(&self, list: Listed) -> bool {
        self.listed & (1 << list as u16) != 0
    }
}

/// The cue words of every pattern family, compiled once for a batch and
/// found in one pass over each article.
pub(super) struct CueWords {
    words: WordCues,
    /// Month names spelled backwards, read from the end of each word: a
    /// month that ends a word (`may`, `22april`, `firstmay`) is all a
    /// date pattern can use, for a word boundary must follow it. `None`
    /// when a month name is not all ASCII letters.
    months_backwards: Option<Trie>,
}

impl CueWords {
    /// `months` also make the [`Cue::MonthInside`] family; `lists` are
    /// looked up for every word.
    pub(super) fn new(
        months: &[&str],
        families: impl IntoIterator<Item = (Cue, Vec<String>)>,
        lists: impl IntoIterator<Item = (Listed, Vec<String>)>,
    ) -> CueWords {
        let all = families
            .into_iter()
            .chain([(Cue::Month, months.iter().map(|m| m.to_string()).collect())])
            .map(|(c, w)| (c as usize, w));
        let letters = |m: &&str| !m.is_empty() && m.bytes().all(|b| b.is_ascii_alphabetic());
        let months_backwards = months.iter().all(letters).then(|| {
            let mut trie = Trie::new();
            for m in months {
                trie.insert(m.bytes().rev().map(|b| b.to_ascii_lowercase()), 1);
            }
            trie
        });
        CueWords {
            words: WordCues::new(all, lists),
            months_backwards,
        }
    }

    /// The cues of one article. `lower` is its text in ASCII lower case;
    /// `folds` says the text holds a char that `(?i)` folds onto ASCII
    /// letters, which a lower-case search cannot see: then every pattern
    /// reads the whole text.
    pub(super) fn scan(&self, lower: &str, folds: bool) -> Cues {
        // Cues of every family in one list, in order, with their families
        // as bits; split by family once the pass is done (one vector a
        // family grown push by push cost more than the pass).
        let mut hits: Vec<(usize, u16)> = Vec::with_capacity(lower.len() / 16);
        let mut words = Vec::with_capacity(lower.len() / 5);
        let mut digit_runs = Vec::with_capacity(lower.len() / 32);
        let mut word_starts = Vec::with_capacity(lower.len() / 5);
        let bytes = lower.as_bytes();
        let masks = ClassMasks::of(bytes);
        let starts_word = |at: usize| at == 0 || !is_set(&masks.word, at - 1);
        let bit = |cue: Cue| 1u16 << cue as u16;
        // A letter or digit after no word char starts a word.
        let mut carry = 0;
        for (block, (&letters, (&digits, &word))) in masks
            .letters
            .iter()
            .zip(masks.digits.iter().zip(&masks.word))
            .enumerate()
        {
            let mut starts = (letters | digits) & !((word << 1) | carry);
            carry = word >> 63;
            while starts != 0 {
                word_starts.push(block * 64 + starts.trailing_zeros() as usize);
                starts &= starts - 1;
            }
        }
        // Letters and digits make cues of different families, so a pass
        // for each keeps every family's cues in order.
        each_run(&masks.letters, |start, end| {
            let word = &bytes[start..end];
            let (bits, listed) = self.words.families_of(word);
            words.push(Word { start, end, listed });
            // Patterns want cue words whole from their start (`\b` or a
            // space before them): `ten` in `often` is no cue.
            if bits != 0 && starts_word(start) {
                hits.push((start, bits));
            }
            if let Some(months) = &self.months_backwards {
                month_endings(months, word, start, &mut hits);
            }
        });
        each_run(&masks.digits, |start, end| {
            digit_runs.push((start, end));
            let mut bits = match end - start {
                1 | 2 => bit(Cue::ShortDigits),
                4 => bit(Cue::FourDigits),
                _ => 0,
            };
            if matches!(bytes.get(end), Some(b'/' | b'-' | b'.'))
                && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
            {
                bits |= bit(Cue::DigitPair);
            }
            if bits != 0 {
                hits.push((start, bits));
            }
        });
        let mut unsearchable: Vec<bool> =
            (0..FAMILIES).map(|f| self.words.unsearchable(f)).collect();
        if self.months_backwards.is_none() {
            unsearchable[Cue::MonthInside as usize] = true;
        }
        // A hit is of one family or two: only its set bits are visited.
        let families = |bits: u16| {
            let mut rest = bits;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let family = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    family
                })
            })
        };
        let mut counts = [0usize; FAMILIES];
        for &(_, bits) in &hits {
            for family in families(bits) {
                counts[family] += 1;
            }
        }
        let mut ranges = [(0, 0); FAMILIES];
        let mut total = 0;
        for (range, count) in ranges.iter_mut().zip(counts) {
            *range = (total, total);
            total += count;
        }
        let mut flat = vec![0; total];
        for &(at, bits) in &hits {
            for family in families(bits) {
                let range = &mut ranges[family];
                flat[range.1] = at;
                range.1 += 1;
            }
        }
        Cues {
            flat,
            ranges,
            whole: folds,
            unsearchable,
            words,
            digit_runs,
            word_starts,
        }
    }
}

/// Adds, in order, where the month names that end `word` (starting at
/// `offset` in the text) start, as [`Cue::MonthInside`] hits.
fn month_endings(months: &Trie, word: &[u8], offset: usize, out: &mut Vec<(usize, u16)>) {
    let first = out.len();
    let mut node = 0;
    for (back, &b) in word.iter().rev().enumerate() {
        match months.step(node, b) {
            Some(next) => node = next,
            None => break,
        }
        if months.nodes[node].bits != 0 {
            out.push((offset + word.len() - back - 1, 1 << Cue::MonthInside as u16));
        }
    }
    // Found from the end backwards: the longest name starts first.
    out[first..].reverse();
}

/// Positions of cue words in one article.
pub(super) struct Cues {
    /// Where the cues of each family start, family after family; `ranges`
    /// says where each family's run of `flat` is.
    flat: Vec<usize>,
    ranges: [(usize, usize); FAMILIES],
    whole: bool,
    /// By family: whether its words cannot be searched for.
    unsearchable: Vec<bool>,
    /// Every run of ASCII letters, in order.
    pub words: Vec<Word>,
    /// Every run of ASCII digits, in order.
    pub digit_runs: Vec<(usize, usize)>,
    /// Where each run of letters or of digits that starts a word starts,
    /// in order.
    pub word_starts: Vec<usize>,
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
        let (start, end) = self.ranges[family as usize];
        (!self.whole && !self.unsearchable[family as usize]).then(|| &self.flat[start..end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(lower: &str) -> [Vec<usize>; 2] {
        let list = |w: &[&str]| w.iter().map(|w| w.to_string()).collect();
        let cues = CueWords::new(
            &[],
            [
                (Cue::Weekday, list(&["sun", "ten", "from now"])),
                (Cue::DayWord, list(&["sunday"])),
            ],
            [],
        )
        .scan(lower, false);
        [Cue::Weekday, Cue::DayWord].map(|c| cues.at(c).expect("searchable").to_vec())
    }

    #[test]
    fn the_two_letter_table_walks_as_the_trie_does() {
        let list = |w: &[&str]| w.iter().map(|w| w.to_string()).collect();
        let cues = WordCues::new(
            [
                (0, list(&["a", "at", "sun", "sunday", "ten", "to"])),
                (1, list(&["tenth", "z"])),
            ],
            [(Listed::NumberStart, list(&["a", "ten", "sun"]))],
        );
        let walked = |word: &[u8]| {
            let mut node = 0;
            for &b in word {
                match cues.trie.step(node, b) {
                    Some(next) => node = next,
                    None => return (cues.trie.nodes[node].bits, 0),
                }
            }
            (cues.trie.nodes[node].bits, cues.trie.nodes[node].listed)
        };
        let letters = b"adehnostuyz";
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..4 {
            let longer: Vec<Vec<u8>> = words
                .iter()
                .flat_map(|w| letters.iter().map(move |&l| [&w[..], &[l]].concat()))
                .collect();
            words.extend(longer);
        }
        words.extend([b"sunday".to_vec(), b"tenth".to_vec(), b"tenths".to_vec()]);
        for w in &words {
            assert_eq!(
                cues.families_of(w),
                walked(w),
                "{}",
                String::from_utf8_lossy(w)
            );
        }
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
    fn months_count_where_they_end_a_word() {
        let cues =
            CueWords::new(&["may", "mar", "march"], [], []).scan("22march, dismay, mayor", false);
        // `march` ends `22march` (`mar` does not), `may` ends `dismay`;
        // `mayor` ends in no month.
        assert_eq!(cues.at(Cue::MonthInside), Some(&[2, 12][..]));
        let cues = CueWords::new(&["may", "mar", "march"], [], []).scan("firstmay dismay", false);
        assert_eq!(cues.at(Cue::MonthInside), Some(&[5, 12][..]));
    }

    #[test]
    fn any_in_reads_a_half_open_range() {
        let at = [3, 10];
        assert!(any_in(&at, 3, 4));
        assert!(!any_in(&at, 4, 10));
        assert!(any_in(&at, 4, 11));
    }

    #[test]
    fn folded_text_is_read_whole() {
        let text = "the \u{17f}unday 2025";
        let cues = CueWords::new(&["sunday"], [], []).scan(text, folds(text));
        // `ſunday` is `sunday` to `(?i)`: no cue can be trusted, every
        // pattern reads the whole text.
        assert_eq!(cues.at(Cue::Month), None);
    }
}
