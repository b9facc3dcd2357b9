//! Dates: absolute in the common formats, and relative ones resolved
//! against the article's own date by the tense of their sentence.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;
use regex_automata::hybrid::dfa::{Cache as DfaCache, DFA};
use regex_automata::util::pool::Pool;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Hir, HirKind};

use super::cues::{Cue, Cues, Listed, any_in};
use super::{Found, Recognizer, SpanSet, lowered, overlaps};
use crate::model::{DateValue, Granularity, MentionKind, MentionValue};
use crate::rules::PeriodDirection;

/// How to read `05/06/2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// As the article's own dates that read one way only (`23/05/2025`)
    /// say, else as its outlet's other articles in the batch say; else
    /// month first, flagged ambiguous.
    #[default]
    Auto,
    Mdy,
    Dmy,
}

pub(super) struct DatePatterns {
    iso: Folded,
    year_month_name: Folded,
    dotted: Folded,
    slashed: Folded,
    yearless_slash: Folded,
    yearless_on: Folded,
    month_day: Folded,
    day_month: Folded,
    month_year: Folded,
    /// `in February`, `last May`: `None` without a month-alone rule.
    month_alone: Option<Folded>,
    year: Folded,
    weekday_before: Regex,
    weekday_the: Folded,
    the_day: Folded,
    nth_weekday: Folded,
    day_of_month: Folded,
    weekday: Folded,
    shift: Folded,
    shift_in: Folded,
    shift_part: Regex,
    /// `today`, `the day before yesterday`: the lexicon's pattern.
    relative_day: Option<Folded>,
    /// By relative period rule: its pattern, and whether it is tried at
    /// the [`Cue::PeriodOpening`] words, as when every match opens with one
    /// (see [`opening_words`]); else it searches the whole text. `None`
    /// only if the pattern does not compile here, which the lexicon's
    /// tighter size limit for the same pattern rules out.
    periods: Vec<Option<(Folded, bool)>>,
    /// The first two words of the period rules tried at their opening
    /// words, and by rule whether it is tried only where they say.
    openers: Openers,
    by_openers: Vec<bool>,
    /// Whether every count word of a shift is one plain word, so that a
    /// shift can start only at a digit or at a word of
    /// [`Listed::ShiftCount`].
    plain_counts: bool,
    /// Whether every month name is ASCII letters only, so that a pattern
    /// with the month at a word's end can start only at a month cue whose
    /// word is a month name whole (see [`Hay::whole`]).
    months_are_words: bool,
}

/// An article's text with its ASCII lower-case copy (same offsets) and
/// where its cue words are.
#[derive(Clone, Copy)]
pub(super) struct Hay<'t> {
    text: &'t str,
    lower: &'t str,
    cues: &'t Cues,
    /// Where each run of letters or of digits that starts a word starts,
    /// in order.
    tokens: &'t [usize],
    /// The runs of one or two digits, and of four, that start a word: the
    /// days and years numeric patterns open with, picked out once for
    /// the seven that ask.
    short_runs: &'t [(usize, usize)],
    year_runs: &'t [(usize, usize)],
}

/// Whether a word (ASCII, as `\b` reads it) starts at `i` of `b`.
fn word_starts_at(b: &[u8], i: usize) -> bool {
    i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
}

impl<'t> Hay<'t> {
    /// Whether a word (ASCII, as `\b` reads it) starts at `i`.
    fn word_start(&self, i: usize) -> bool {
        word_starts_at(self.text.as_bytes(), i)
    }

    /// Where the cues of `family` start; `None` when they could not be
    /// searched for (see [`Cues::at`]).
    fn at(&self, family: Cue) -> Option<&'t [usize]> {
        self.cues.at(family)
    }

    /// Starts of the runs of one or two digits (`year`: four) at a word
    /// start, where the text after them satisfies `then`.
    fn digits(&self, year: bool, then: impl Fn(&[u8]) -> bool) -> Vec<usize> {
        let b = self.text.as_bytes();
        let runs = if year {
            self.year_runs
        } else {
            self.short_runs
        };
        runs.iter()
            .filter(|&&(_, e)| then(&b[e..]))
            .map(|&(s, _)| s)
            .collect()
    }

    /// The places of `at` (word starts, in order) where the run of letters
    /// is a word that `is` takes whole: month cues that are months, not
    /// `Marta` or `mayor`, which open with a month's letters.
    fn whole(&self, at: &[usize], is: impl Fn(&str) -> bool) -> Vec<usize> {
        let words = &self.cues.words;
        let mut k = 0;
        at.iter()
            .copied()
            .filter(|&p| {
                k += words[k..].partition_point(|w| w.start < p);
                words
                    .get(k)
                    .is_some_and(|w| w.start == p && is(&self.lower[w.start..w.end]))
            })
            .collect()
    }

    /// Where a shift (`two weeks ago`) may start: at a count, digits or a
    /// word of [`Listed::ShiftCount`] (any word when counts are not
    /// `plain`), in the 128 bytes before a closing word.
    fn shift_starts(&self, plain: bool) -> Option<Vec<usize>> {
        const BACK: usize = 128;
        let closing = self.at(Cue::ShiftAfter)?;
        if !plain {
            return Some(self.and_words_before(closing, usize::MAX, BACK));
        }
        let mut out = Vec::new();
        let words = &self.cues.words;
        let digits = &self.cues.digit_runs;
        for &c in closing {
            let from = c.saturating_sub(BACK);
            let first = words.partition_point(|w| w.start < from);
            out.extend(
                words[first..]
                    .iter()
                    .take_while(|w| w.start < c)
                    .filter(|w| w.is(Listed::ShiftCount) && self.word_start(w.start))
                    .map(|w| w.start),
            );
            let first = digits.partition_point(|&(s, _)| s < from);
            out.extend(
                digits[first..]
                    .iter()
                    .take_while(|&&(s, _)| s < c)
                    .map(|&(s, _)| s)
                    .filter(|&s| self.word_start(s)),
            );
        }
        out.sort_unstable();
        out.dedup();
        Some(out)
    }

    /// `at` with, for each place of it, the starts of up to `n` words
    /// (runs of letters or of digits, each starting a word) that start in
    /// the `back` bytes before it, in order: where a pattern that may
    /// open with up to `n` words before its cue can start.
    fn and_words_before(&self, at: &[usize], n: usize, back: usize) -> Vec<usize> {
        let tokens = self.tokens;
        let room = at.len().saturating_mul(n.saturating_add(1));
        let mut out: Vec<usize> = Vec::with_capacity(room.min(tokens.len() + at.len()));
        // `at` is in order, so each place's words start no earlier than
        // the last place's, and so does the first word within reach: both
        // move forward only, found by galloping from where they were (a
        // search of all the words per place missed the cache on long
        // articles).
        let (mut first, mut end) = (0, 0);
        for &a in at {
            end += leading_below(&tokens[end..], a);
            let from = a.saturating_sub(back);
            // Only the words within reach: `n` may be unbounded.
            first = first.max(end.saturating_sub(n)).min(end);
            first += leading_below(&tokens[first..end], from);
            for &t in tokens[first..end].iter().chain([&a]) {
                if t >= from && out.last().is_none_or(|&last| t > last) {
                    out.push(t);
                }
            }
        }
        out
    }
}

/// How many of the sorted `items` are below `bound`, found by galloping
/// from the front: cheap when the answer is small.
fn leading_below(items: &[usize], bound: usize) -> usize {
    let mut past = 1;
    while past < items.len() && items[past - 1] < bound {
        past *= 2;
    }
    let past = past.min(items.len());
    let known = past / 2;
    known + items[known..past].partition_point(|&t| t < bound)
}

/// A date pattern, tried only where the article's cues say it may start.
/// A search over windows paid a search's set-up per window and read the
/// text between cues; an anchored try at each possible start reads only
/// as far as the pattern keeps matching.
pub(super) struct Folded {
    /// The pattern as written, for a text whose cues cannot be trusted
    /// (see [`Cues::at`]): searched from end to end.
    written: Regex,
    /// The pattern anchored at the start of the searched slice: the
    /// case-sensitive twin of a `(?i)` pattern for the text in ASCII lower
    /// case (case-insensitive alternations of many words defeat the regex
    /// engine's literal optimizations), else the pattern itself.
    anchored: Regex,
    /// Whether `anchored` reads the lower-cased text.
    on_lower: bool,
    /// How a match can open, to rule out most tries without the engine.
    opening: Option<Opening>,
    /// The group names of `anchored` and `written`, by index.
    names: Vec<Option<String>>,
    /// `anchored`'s forward lazy DFA, for the match ends the tries need;
    /// `None` when it cannot be built.
    ends: Option<Ends>,
    /// The plain shapes whose groups are read off the match's words.
    shapes: Vec<Shape>,
}

/// A match's words, in order, that name its groups without the regex
/// engine: the bounded backtracker the regex crate runs for captures
/// cost about 2,700 instructions a date, most of them in shapes as plain
/// as `May 23, 2025`. A shape applies only to a match (so whatever lies
/// between its words is what the pattern lets lie there) whose every
/// word it names, so no other reading of the same words exists.
type Shape = Vec<Part>;

/// One word of a [`Shape`].
struct Part {
    /// The group the word is, if any.
    group: Option<usize>,
    /// The words it may be.
    class: Class,
    /// Whether the group runs on to the next word (`on\s+`).
    to_next: bool,
}

enum Class {
    /// One of a lexicon's words (lower case).
    Among(rustc_hash::FxHashSet<String>),
    /// A run of ASCII digits this long.
    Digits(std::ops::RangeInclusive<usize>),
    /// This very word (lower case).
    Word(&'static str),
}

impl Class {
    /// Whether `word` (a run of ASCII digits if `digits`, else of ASCII
    /// letters, in lower case if `lower`) is of the class.
    fn admits(&self, word: &str, digits: bool, lower: bool) -> bool {
        match self {
            Class::Among(words) if lower => !digits && words.contains(word),
            Class::Among(words) => !digits && lowered(word, |w| words.contains(w)),
            Class::Digits(len) => digits && len.contains(&word.len()),
            Class::Word(w) => !digits && word.eq_ignore_ascii_case(w),
        }
    }
}

/// The most groups a shape's pattern may have, the whole match included.
const SHAPE_GROUPS: usize = 6;

/// The most words of a shape.
const SHAPE_WORDS: usize = 4;

/// A match's groups as spans within the searched slice.
type Read = [Option<(usize, usize)>; SHAPE_GROUPS];

/// A forward lazy DFA with a cache per thread. The regex crate's `find`
/// paid its set-up (its pool, its strategy, prefilter checks) on each of
/// the many anchored tries; here a batch of tries shares one cache.
struct Ends {
    dfa: DFA,
    caches: Pool<DfaCache, CacheFn>,
}

type CacheFn = Box<dyn Fn() -> DfaCache + Send + Sync>;

impl Ends {
    fn new(pattern: &str) -> Option<Ends> {
        let dfa = DFA::new(pattern).ok()?;
        let template = dfa.clone();
        let create: CacheFn = Box::new(move || template.create_cache());
        Some(Ends {
            dfa,
            caches: Pool::new(create),
        })
    }

    /// The end of the match at the start of `slice`: `Some(None)` for no
    /// match, `None` when the DFA cannot tell (it gave up, or the match
    /// is empty, where the regex crate's UTF-8 rules apply).
    fn end(&self, cache: &mut DfaCache, slice: &str) -> Option<Option<usize>> {
        let input = Input::new(slice).anchored(Anchored::Yes);
        match self.dfa.try_search_fwd(cache, &input) {
            Ok(None) => Some(None),
            Ok(Some(m)) if m.offset() > 0 => Some(Some(m.offset())),
            _ => None,
        }
    }
}

/// The first two bytes a pattern's matches can open with, from its prefix
/// literals.
struct Opening {
    /// Bit `b % 64` of word `b / 64`: some literal starts with byte `b`.
    firsts: [u64; 4],
    /// The same for one-byte literals: any byte may follow them.
    any_second: [u64; 4],
    /// The first two bytes of the longer literals, sorted.
    pairs: Vec<[u8; 2]>,
}

fn bit(set: &[u64; 4], b: u8) -> bool {
    set[usize::from(b / 64)] & (1 << (b % 64)) != 0
}

impl Opening {
    /// `None` when the pattern's matches can open any way (its prefix
    /// literals are unbounded or one is empty).
    fn of(pattern: &str) -> Option<Opening> {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .ok()?;
        let seq = regex_syntax::hir::literal::Extractor::new().extract(&hir);
        let mut opening = Opening {
            firsts: [0; 4],
            any_second: [0; 4],
            pairs: Vec::new(),
        };
        for literal in seq.literals()? {
            match literal.as_bytes() {
                [] => return None,
                [b] => {
                    opening.firsts[usize::from(b / 64)] |= 1 << (b % 64);
                    opening.any_second[usize::from(b / 64)] |= 1 << (b % 64);
                }
                [a, b, ..] => {
                    opening.firsts[usize::from(a / 64)] |= 1 << (a % 64);
                    opening.pairs.push([*a, *b]);
                }
            }
        }
        opening.pairs.sort_unstable();
        opening.pairs.dedup();
        Some(opening)
    }

    /// Whether a match may open `s`.
    fn admits(&self, s: &[u8]) -> bool {
        match s {
            [] => false,
            [a, ..] if !bit(&self.firsts, *a) => false,
            [a, ..] if bit(&self.any_second, *a) => true,
            [a, b, ..] => self.pairs.binary_search(&[*a, *b]).is_ok(),
            [_] => false,
        }
    }
}

/// The first two words of the relative periods tried at their opening
/// words. Their first two bytes let a try through at every `the` of the
/// text (`the` opens `the next two days` and `the current week`), and a
/// failed try cost about 300 instructions: most of the recognizer's time
/// on text without figures. One look-up per opening word, with the word
/// after it, rules those out first.
pub(super) struct Openers {
    /// By first word (ASCII lower case), the second words that may follow
    /// it, whole (`true`) or by their leading letters; an empty one lets
    /// any word follow.
    seconds: rustc_hash::FxHashMap<Vec<u8>, Vec<Second>>,
}

/// A second word of [`Openers`]: its letters, and whether they are all of it.
type Second = (Vec<u8>, bool);

/// Bytes `\s` matches in ASCII (Rust's `is_ascii_whitespace` leaves out
/// the vertical tab, which `\s` takes).
fn is_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// The prefix literals of `pattern` with each `\s` and `\s+` read as one
/// space: every match opens with one of them once its runs of whitespace
/// are read as one space each. `None` when a match may open any way.
fn spaced_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::{Capture, Repetition};
    fn fold(hir: &Hir, spaces: &[Hir]) -> Hir {
        let space = |h: &Hir| spaces.contains(h);
        match hir.kind() {
            HirKind::Class(_) if space(hir) => Hir::literal(*b" "),
            HirKind::Repetition(r) if r.min >= 1 && r.max.is_none() && space(&r.sub) => {
                Hir::literal(*b" ")
            }
            HirKind::Repetition(r) => Hir::repetition(Repetition {
                sub: Box::new(fold(&r.sub, spaces)),
                ..r.clone()
            }),
            HirKind::Capture(c) => Hir::capture(Capture {
                sub: Box::new(fold(&c.sub, spaces)),
                ..c.clone()
            }),
            HirKind::Concat(parts) => Hir::concat(parts.iter().map(|p| fold(p, spaces)).collect()),
            HirKind::Alternation(parts) => {
                Hir::alternation(parts.iter().map(|p| fold(p, spaces)).collect())
            }
            _ => hir.clone(),
        }
    }
    let parse = |p: &str| regex_syntax::ParserBuilder::new().build().parse(p).ok();
    let hir = parse(pattern)?;
    let spaces = [parse(r"\s")?, parse(r"(?-u:\s)")?];
    let seq = regex_syntax::hir::literal::Extractor::new().extract(&fold(&hir, &spaces));
    Some(
        seq.literals()?
            .iter()
            .map(|l| l.as_bytes().to_vec())
            .collect(),
    )
}

impl Openers {
    /// From the patterns of the rules tried at their opening words; with,
    /// by rule, whether its matches are sure to open as the table says
    /// (each way opens with a whole word of ASCII letters and a space).
    pub(super) fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> (Openers, Vec<bool>) {
        let mut seconds: rustc_hash::FxHashMap<Vec<u8>, Vec<Second>> = Default::default();
        let mut known = Vec::new();
        for pattern in patterns {
            let pairs: Option<Vec<_>> = spaced_literals(&crate::rules::ascii_boundaries(pattern))
                .and_then(|literals| literals.iter().map(|l| first_two_words(l)).collect());
            known.push(pairs.is_some());
            for (first, second) in pairs.into_iter().flatten() {
                seconds.entry(first).or_default().push(second);
            }
        }
        for list in seconds.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        (Openers { seconds }, known)
    }

    /// The cues of [`Cue::PeriodOpening`] where one of the rules the table
    /// knows may open; `None` when the cues could not be searched for.
    fn starts(&self, hay: Hay) -> Option<Vec<usize>> {
        let at = hay.cues.at(Cue::PeriodOpening)?;
        let words = &hay.cues.words;
        let b = hay.lower.as_bytes();
        let mut k = 0;
        let mut out = Vec::new();
        for &p in at {
            while words.get(k).is_some_and(|w| w.start < p) {
                k += 1;
            }
            let Some(word) = words.get(k).filter(|w| w.start == p) else {
                // Not a word's start, as cues always are: let the engine
                // decide.
                out.push(p);
                continue;
            };
            let Some(seconds) = self.seconds.get(&b[word.start..word.end]) else {
                continue;
            };
            let next = words.get(k + 1);
            let follows = |(letters, whole): &Second| {
                if letters.is_empty() {
                    return true;
                }
                let Some(next) = next else {
                    return false;
                };
                let gap = &b[word.end..next.start];
                if gap.iter().any(|c| !c.is_ascii()) {
                    return true;
                }
                let second = &b[next.start..next.end];
                !gap.is_empty()
                    && gap.iter().all(|&c| is_space(c))
                    && if *whole {
                        second == &letters[..]
                    } else {
                        second.starts_with(letters)
                    }
            };
            if seconds.iter().any(follows) {
                out.push(p);
            }
        }
        Some(out)
    }
}

/// A literal's first word (whole: a space follows it) and its second
/// word's leading letters, whole when something other than a letter
/// follows them in the literal (empty when the literal tells nothing of
/// it); `None` when the literal does not open with a word of ASCII
/// letters and a space.
fn first_two_words(literal: &[u8]) -> Option<(Vec<u8>, Second)> {
    let letters = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_lowercase()).count();
    let first = letters(literal);
    if first == 0 || literal.get(first) != Some(&b' ') {
        return None;
    }
    let rest = &literal[first..];
    let rest = &rest[rest.iter().take_while(|&&b| b == b' ').count()..];
    let second = letters(rest);
    let whole = second > 0 && rest.get(second).is_some_and(|b| !b.is_ascii_alphabetic());
    Some((literal[..first].to_vec(), (rest[..second].to_vec(), whole)))
}

impl Folded {
    /// One of the code's own patterns, which always compiles.
    fn new(pattern: &str) -> Folded {
        Folded::build(pattern).expect("date pattern")
    }

    fn build(pattern: &str) -> Result<Folded, regex::Error> {
        let bare = pattern.strip_prefix("(?i)");
        let twin = bare.and_then(|b| {
            let anchored = format!("^(?:{b})");
            crate::rules::lower_case_twin(&anchored).map(|re| (re, anchored))
        });
        let on_lower = twin.is_some();
        let (anchored, searched) = match twin {
            Some(twin) => twin,
            None => {
                let anchored = format!("^(?:{pattern})");
                (
                    Regex::new(&crate::rules::ascii_boundaries(&anchored))?,
                    anchored,
                )
            }
        };
        let written = Regex::new(&crate::rules::ascii_boundaries(pattern))?;
        let names: Vec<Option<String>> = anchored
            .capture_names()
            .map(|n| n.map(str::to_string))
            .collect();
        // The anchored form only wraps the pattern in a group without a
        // name, so both number their groups alike.
        debug_assert!(
            written
                .capture_names()
                .map(|n| n.map(str::to_string))
                .eq(names.iter().cloned())
        );
        Ok(Folded {
            ends: Ends::new(anchored.as_str()),
            written,
            anchored,
            on_lower,
            opening: Opening::of(&crate::rules::ascii_boundaries(&searched)),
            names,
            shapes: Vec::new(),
        })
    }

    /// The pattern with `shapes` read without the regex engine: each part
    /// names its group (`None` for a word outside any group).
    fn with_shapes(mut self, shapes: Vec<Vec<(Option<&str>, Class, bool)>>) -> Folded {
        assert!(self.names.len() <= SHAPE_GROUPS, "too many groups to read");
        assert!(
            shapes.iter().all(|s| s.len() <= SHAPE_WORDS),
            "too many words to read"
        );
        let index = |name: &str| {
            self.names
                .iter()
                .position(|n| n.as_deref() == Some(name))
                .expect("shape group in pattern")
        };
        self.shapes = shapes
            .into_iter()
            .map(|parts| {
                parts
                    .into_iter()
                    .map(|(group, class, to_next)| Part {
                        group: group.map(index),
                        class,
                        to_next,
                    })
                    .collect()
            })
            .collect();
        self
    }

    /// The groups of the match `m` (the searched slice's first `m.len()`
    /// bytes) when one of the shapes reads it: its words are runs of
    /// ASCII letters or digits, apart; any other byte but ASCII
    /// punctuation and spaces leaves it to the regex engine.
    fn read(&self, m: &str) -> Option<Read> {
        if self.shapes.is_empty() {
            return None;
        }
        let b = m.as_bytes();
        let mut words = [(0, 0, false); SHAPE_WORDS];
        let mut n = 0;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if !c.is_ascii() || c == b'_' {
                return None;
            }
            if !c.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let digits = c.is_ascii_digit();
            let start = i;
            while i < b.len() && b[i].is_ascii_alphanumeric() && b[i].is_ascii_digit() == digits {
                i += 1;
            }
            *words.get_mut(n)? = (start, i, digits);
            n += 1;
        }
        let words = &words[..n];
        let shape = self.shapes.iter().find(|shape| {
            shape.len() == n
                && shape.iter().zip(words).all(|(part, &(s, e, digits))| {
                    part.class.admits(&m[s..e], digits, self.on_lower)
                })
        })?;
        let mut read: Read = [None; SHAPE_GROUPS];
        read[0] = Some((0, m.len()));
        for (k, (part, &(s, e, _))) in shape.iter().zip(words).enumerate() {
            if let Some(g) = part.group {
                let end = match words.get(k + 1) {
                    Some(&(next, _, _)) if part.to_next => next,
                    _ => e,
                };
                read[g] = Some((s, end));
            }
        }
        Some(read)
    }

    /// The matches that start at one of `starts` (sorted), each tried
    /// when it lies past the match before, as a search of the whole text
    /// would find them if no match can start elsewhere; every match of the
    /// whole text when `starts` is `None`. Every place a word starts is a
    /// word start in the slice too, so `\b` reads the same there.
    fn at<'t>(&'t self, hay: Hay<'t>, starts: Option<impl AsRef<[usize]>>) -> Vec<Caps<'t>> {
        self.kept(hay, starts, |_, _| true)
    }

    /// [`Self::at`] for the matches whose span `keep` takes: the captures
    /// (the costly part) are read only for those.
    fn kept<'t>(
        &'t self,
        hay: Hay<'t>,
        starts: Option<impl AsRef<[usize]>>,
        keep: impl Fn(usize, usize) -> bool,
    ) -> Vec<Caps<'t>> {
        let Some(starts) = starts else {
            return self
                .written
                .captures_iter(hay.text)
                .filter(|caps| caps.get(0).is_some_and(|m| keep(m.start(), m.end())))
                .map(|caps| Caps {
                    slots: Slots::Captures(caps),
                    text: hay.text,
                    base: 0,
                    names: &self.names,
                })
                .collect();
        };
        let mut out = Vec::new();
        self.each_match(hay, starts.as_ref(), |start, slice, len| {
            if !keep(start, start + len) {
                return;
            }
            let slots = match self.read(&slice[..len]) {
                Some(read) => {
                    debug_assert!(
                        self.anchored
                            .captures(slice)
                            .is_some_and(|caps| (0..SHAPE_GROUPS)
                                .all(|i| caps.get(i).map(|m| (m.start(), m.end())) == read[i])),
                        "shape read {:?} unlike the captures",
                        &slice[..len]
                    );
                    Slots::Read(read)
                }
                None => match self.anchored.captures(slice) {
                    Some(caps) => Slots::Captures(caps),
                    None => return,
                },
            };
            out.push(Caps {
                slots,
                text: hay.text,
                base: start,
                names: &self.names,
            });
        });
        out
    }

    /// The spans of [`Self::at`]'s matches, for a pattern whose groups
    /// its caller reads off the match itself.
    fn spans(&self, hay: Hay, starts: Option<impl AsRef<[usize]>>) -> Vec<(usize, usize)> {
        let Some(starts) = starts else {
            return self
                .written
                .find_iter(hay.text)
                .map(|m| (m.start(), m.end()))
                .collect();
        };
        let mut out = Vec::new();
        self.each_match(hay, starts.as_ref(), |start, _, len| {
            out.push((start, start + len))
        });
        out
    }

    /// Calls `found` with the start, the searched slice from there and the
    /// length of each match at one of `starts`, as [`Self::at`] tries them.
    fn each_match<'t>(
        &self,
        hay: Hay<'t>,
        starts: &[usize],
        mut found: impl FnMut(usize, &'t str, usize),
    ) {
        let searched = if self.on_lower { hay.lower } else { hay.text };
        let mut ends = self.ends.as_ref().map(|e| (e, e.caches.get()));
        let mut next = 0;
        for &start in starts {
            if start < next {
                continue;
            }
            let slice = &searched[start..];
            // A try that fails (most do) needs no captures.
            if self
                .opening
                .as_ref()
                .is_some_and(|o| !o.admits(slice.as_bytes()))
            {
                continue;
            }
            let end = ends
                .as_mut()
                .and_then(|(ends, cache)| ends.end(cache, slice))
                .unwrap_or_else(|| self.anchored.find(slice).map(|m| m.end()));
            if let Some(end) = end {
                next = start + end.max(1);
                found(start, slice, end);
            }
        }
    }
}

/// The runs of ASCII digits of `s`, in order: the groups of a pattern made
/// of numbers and separators (`2025-05-23`, `23.05.2025`).
fn digit_parts(s: &str) -> impl Iterator<Item = u32> + '_ {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .map(|part| part.parse().unwrap_or(0))
}

/// The month, the day, and whether it is a guess, of a pair read `order`.
fn order_pair(order: DateOrder, a: u32, b: u32) -> (u32, u32, bool) {
    match order {
        DateOrder::Mdy => (a, b, false),
        DateOrder::Dmy => (b, a, false),
        DateOrder::Auto if a > 12 => (b, a, false),
        DateOrder::Auto => (a, b, b <= 12 && a != b),
    }
}

/// The order that the pairs (first and second number of numeric dates)
/// that can be read one way only agree on; `Auto` when there are none or
/// they disagree.
fn told_order(pairs: impl IntoIterator<Item = (u32, u32)>) -> DateOrder {
    let (mut day_first, mut month_first) = (false, false);
    for (a, b) in pairs {
        day_first |= a > 12 && (1..=12).contains(&b);
        month_first |= b > 12 && (1..=12).contains(&a);
    }
    match (day_first, month_first) {
        (true, false) => DateOrder::Dmy,
        (false, true) => DateOrder::Mdy,
        _ => DateOrder::Auto,
    }
}

/// The first two numbers of a numeric date mention written with `/` or
/// `-` between them (`23/05/2025`, `4/22`, `Friday, 05-06-2025`).
fn slashed_pair(written: &str) -> Option<(u32, u32)> {
    let s = written.get(written.find(|c: char| c.is_ascii_digit())?..)?;
    let first = s.bytes().take_while(u8::is_ascii_digit).count();
    let rest = s[first..].strip_prefix(['/', '-'])?;
    let second = rest.bytes().take_while(u8::is_ascii_digit).count();
    if first > 2 || !(1..=2).contains(&second) {
        return None;
    }
    Some((s[..first].parse().ok()?, rest[..second].parse().ok()?))
}

/// Reads the dates flagged ambiguous (`05/06/2025` where nothing in its
/// article tells the order) the way the other articles of its outlet in
/// the batch write theirs, when the dates there that read one way only
/// agree. `batch` holds the mentions of `articles`, article by article.
pub fn settle_date_orders(
    batch: &mut [Vec<crate::model::Mention>],
    articles: &[crate::model::Article],
) {
    let outlet = |a: &crate::model::Article| a.source.as_deref().map(str::to_lowercase);
    let pairs = |mentions: &[crate::model::Mention], text: &str| -> Vec<(u32, u32)> {
        mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Date)
            .filter_map(|m| slashed_pair(text.get(m.span.start..m.span.end)?))
            .collect()
    };
    let mut told: std::collections::HashMap<String, Vec<(u32, u32)>> = Default::default();
    for (mentions, article) in batch.iter().zip(articles) {
        if let Some(outlet) = outlet(article) {
            told.entry(outlet)
                .or_default()
                .extend(pairs(mentions, &article.text));
        }
    }
    let orders: std::collections::HashMap<String, DateOrder> = told
        .into_iter()
        .map(|(outlet, pairs)| (outlet, told_order(pairs)))
        .collect();
    for (mentions, article) in batch.iter_mut().zip(articles) {
        let Some(told @ (DateOrder::Dmy | DateOrder::Mdy)) =
            outlet(article).and_then(|o| orders.get(&o).copied())
        else {
            continue;
        };
        for m in mentions.iter_mut() {
            let MentionValue::Date(d) = &mut m.value else {
                continue;
            };
            if !d.ambiguous {
                continue;
            }
            // An ambiguous date was read month first.
            if told == DateOrder::Dmy {
                let Some(swapped) = d
                    .iso
                    .as_deref()
                    .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                    .and_then(|read| ymd(read.year(), read.day(), read.month()))
                else {
                    continue;
                };
                d.iso = Some(iso(swapped));
            }
            d.ambiguous = false;
        }
    }
}

/// Captures of a [`Folded`] pattern, read from the text as written.
pub(super) struct Caps<'t> {
    slots: Slots<'t>,
    text: &'t str,
    /// Where the searched slice starts in the text.
    base: usize,
    /// The pattern's group names, by index.
    names: &'t [Option<String>],
}

/// Where the groups of [`Caps`] are.
enum Slots<'t> {
    Captures(regex::Captures<'t>),
    Read(Read),
}

impl Slots<'_> {
    fn get(&self, i: usize) -> Option<(usize, usize)> {
        match self {
            Slots::Captures(caps) => caps.get(i).map(|m| (m.start(), m.end())),
            Slots::Read(read) => read.get(i).copied().flatten(),
        }
    }
}

/// One group of [`Caps`].
#[derive(Clone, Copy)]
pub(super) struct Group<'t> {
    start: usize,
    end: usize,
    text: &'t str,
}

impl<'t> Group<'t> {
    fn start(&self) -> usize {
        self.start
    }

    fn end(&self) -> usize {
        self.end
    }

    fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

impl<'t> Caps<'t> {
    fn group(&self, (start, end): (usize, usize)) -> Group<'t> {
        Group {
            start: self.base + start,
            end: self.base + end,
            text: self.text,
        }
    }

    fn get(&self, i: usize) -> Option<Group<'t>> {
        self.slots.get(i).map(|m| self.group(m))
    }

    /// The group named `name`: found among the pattern's few names by
    /// comparing them, where the regex crate hashes the name.
    fn name(&self, name: &str) -> Option<Group<'t>> {
        let i = self.names.iter().position(|n| n.as_deref() == Some(name))?;
        self.slots.get(i).map(|m| self.group(m))
    }
}

/// Like `regex::Captures`, panics on a group that did not take part:
/// callers index only groups their pattern always fills.
impl std::ops::Index<&str> for Caps<'_> {
    type Output = str;

    fn index(&self, name: &str) -> &str {
        self.name(name).expect("group in match").as_str()
    }
}

impl std::ops::Index<usize> for Caps<'_> {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        self.get(i).expect("group in match").as_str()
    }
}

impl DatePatterns {
    pub(super) fn new(lex: &crate::lexicon::Lexicon) -> DatePatterns {
        let mon = &lex.month_alternation;
        let wd = &lex.weekday_alternation;
        let day = r"[0-9]{1,2}(?:st|nd|rd|th)?";
        let words = day_words(lex);
        let joiner = r"\s*(?:-|–|and|to|&)\s*";
        let rel = alternation(lex.relative_weekdays.keys());
        let units = alternation(lex.shift_units.keys());
        let after = alternation(lex.shift_after.keys());
        let mut counts: Vec<&String> = lex.units.keys().chain(lex.tens.keys()).collect();
        counts.extend(lex.shift_counts.keys());
        let count = format!(r"(?:[0-9]+|{})", alternation(counts));
        let (openers, by_openers) =
            Openers::new(lex.periods.iter().map(|period| period.pattern.as_str()));
        let build =
            |p: String| Regex::new(&crate::rules::ascii_boundaries(&p)).expect("date pattern");
        let fixed = |p: &str| Folded::new(p);
        let fold = |p: String| Folded::new(&p);
        let among = |words: &rustc_hash::FxHashMap<String, u32>| {
            Class::Among(words.keys().cloned().collect())
        };
        let month = || (Some("mon"), among(&lex.months), false);
        let weekday = || (Some("wd"), among(&lex.weekdays), false);
        let day_digits = || (Some("d1"), Class::Digits(1..=2), false);
        let year_digits = || (Some("y"), Class::Digits(4..=4), false);
        DatePatterns {
            iso: fixed(r"\b(?P<y>(?:1[0-9]|20)[0-9]{2})[-/.](?P<m>[0-9]{1,2})[-/.](?P<d>[0-9]{1,2})\b"),
            year_month_name: fold(format!(r"(?i)\b(?P<y>[0-9]{{4}})[-/](?P<mon>{mon})[-/](?P<d>[0-9]{{1,2}})\b")),
            dotted: fixed(r"\b(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{4})\b"),
            slashed: fixed(r"\b(?P<a>[0-9]{1,2})[/-](?P<b>[0-9]{1,2})(?:[/-]|,\s?)(?P<y>[0-9]{4}|[0-9]{2})\b"),
            yearless_slash: fixed(r"\b(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})\b"),
            yearless_on: fold(format!(
                r"(?i)\b(?:on|in|(?P<wd>{wd}))\s+(?P<a>[0-9]{{1,2}})[.-](?P<b>[0-9]{{1,2}})\b"
            )),
            // `May 23`, `May 23, 2025`; `23 May`, `23 May 2025`.
            month_day: fold(format!(
                r"(?i)\b(?P<mon>{mon})(?:\.\s*|\s*[-/]\s*|,\s*|\s+(?:the\s+)?|)(?P<d1>{day}|{words})(?:{joiner}(?P<d2>{day}))?\b(?:(?:,\s*|\s+of\s+|\s+)(?P<y>[0-9]{{4}})\b)?"
            ))
            .with_shapes(vec![
                vec![month(), day_digits()],
                vec![month(), day_digits(), year_digits()],
            ]),
            day_month: fold(format!(
                r"(?i)\b(?:the\s+)?(?P<d1>{day}|{words})(?:{joiner}(?P<d2>{day}))?(?:\s*-\s*|\.?\s+(?:of\s+)?|)(?P<mon>{mon})\b(?:\.?(?:,?\s+|\s+of\s+)(?P<y>[0-9]{{4}})\b)?"
            ))
            .with_shapes(vec![
                vec![day_digits(), month()],
                vec![day_digits(), month(), year_digits()],
            ]),
            month_year: fold(format!(r"(?i)\b(?P<mon>{mon})\.?,?\s+(?P<y>[0-9]{{4}})\b")),
            month_alone: (!lex.month_alone_rule.is_empty()).then(|| {
                fold(format!(
                    r"(?i)\b(?:(?:{})(?:\s+|-))?(?:(?P<rel>{})\s+)?(?P<mon>{mon})\b",
                    alternation(&lex.month_alone_after),
                    alternation(lex.month_alone_relative.keys()),
                ))
            }),
            year: fold(r"(?i)\b(?:in|since|by|from|until|till|during|before|after|of|early|late|mid-?|end of|start of|spring|summer|autumn|fall|winter)\s+(?P<y>(?:1[89]|20)[0-9]{2})\b".into()),
            weekday_before: build(format!(r"(?i)\b(?:(?:{rel})\s+)?(?P<wd>{wd})\.?,?\s*[-(]?\s*$")),
            weekday_the: fold(format!(r"(?i)\b(?P<wd>{wd})\s+the\s+(?P<d>{day}|{words})\b")),
            the_day: fold(format!(r"(?i)\b(?:on|for|by|until|till|since)\s+(?P<span>(?:the\s+)?(?P<d>{day}|{words}))\b")),
            nth_weekday: fold(format!(
                r"(?i)\b(?:the\s+)?(?P<n>first|second|third|fourth|fifth|last)\s+(?P<wd>{wd})(?:\s+(?:of|in)\s+(?:(?P<mon>{mon})\b|(?P<rel>{rel})\s+month))?"
            )),
            day_of_month: fold(format!(
                r"(?i)\b(?:the\s+)?(?P<d>{day}|{words})\s+(?:of\s+)?(?P<rel>{rel})\s+month\b"
            )),
            // `Friday`, `on Friday`.
            weekday: fold(format!(
                r"(?i)\b(?P<on>on\s+)?(?:(?P<rel>{rel})\s+(?P<week>week\s+(?:on\s+)?)?)?(?P<wd>{wd})\b(?:\s+(?:of\s+)?(?P<rel2>{rel})\s+week\b)?"
            ))
            .with_shapes(vec![
                vec![weekday()],
                vec![(Some("on"), Class::Word("on"), true), weekday()],
            ]),
            shift: fold(format!(
                r"(?i)\b(?P<parts>(?:{count}\s+(?:{units}|(?:{wd})s?)(?:,\s*|\s+and\s+|\s+))+)(?P<after>{after})\b"
            )),
            shift_in: fold(format!(
                r"(?i)\b(?:{before})\s+(?P<parts>{count}\s+(?:{units}))\b",
                before = alternation(&lex.shift_before)
            )),
            shift_part: build(format!(r"(?i)(?P<n>{count})\s+(?P<unit>{units}|(?P<wd>{wd})s?)\b")),
            relative_day: lex.relative_day_regex.as_ref().map(|re| Folded::new(re.as_str())),
            periods: lex
                .periods
                .iter()
                .map(|period| {
                    let folded = Folded::build(&format!("(?i){}", period.pattern)).ok()?;
                    Some((folded, opening_words(&period.pattern).is_some()))
                })
                .collect(),
            plain_counts: shift_counts(lex).1,
            months_are_words: lex
                .months
                .keys()
                .all(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_lowercase())),
            openers,
            by_openers,
        }
    }
}

/// The first words of a shift's counts (`two`, `a` of `a few`), and
/// whether each count is plain words of lower-case ASCII letters.
fn shift_counts(lex: &crate::lexicon::Lexicon) -> (Vec<String>, bool) {
    let counts = lex
        .units
        .keys()
        .chain(lex.tens.keys())
        .chain(lex.shift_counts.keys());
    let mut plain = true;
    let mut firsts = Vec::new();
    for count in counts {
        plain &= count
            .split(' ')
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase()));
        firsts.extend(count.split(' ').next().map(str::to_string));
    }
    (firsts, plain)
}

/// The word lists date patterns ask about for every word.
pub(super) fn listed_words(lex: &crate::lexicon::Lexicon) -> Vec<(Listed, Vec<String>)> {
    vec![(Listed::ShiftCount, shift_counts(lex).0)]
}

/// The cue words of the date patterns, by family (months go apart: see
/// [`CueWords::new`](super::cues::CueWords::new)).
pub(super) fn cue_words(lex: &crate::lexicon::Lexicon) -> Vec<(Cue, Vec<String>)> {
    let words = |keys: &mut dyn Iterator<Item = &String>| keys.cloned().collect::<Vec<_>>();
    // Shifts are found by their closing word: `now` of `from now`.
    let last_words = |keys: &mut dyn Iterator<Item = &String>| {
        keys.filter_map(|k| k.split_whitespace().next_back())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    vec![
        (Cue::Weekday, words(&mut lex.weekdays.keys())),
        (
            Cue::DayWord,
            words(
                &mut lex
                    .ordinals
                    .keys()
                    .chain(lex.units.keys())
                    .chain(lex.tens.keys()),
            ),
        ),
        (Cue::MonthWord, vec!["month".to_string()]),
        (Cue::ShiftAfter, last_words(&mut lex.shift_after.keys())),
        (Cue::ShiftUnit, last_words(&mut lex.shift_units.keys())),
        // `the day before yesterday` by its longest word, not by `the`.
        (
            Cue::RelativeDay,
            lex.relative_days
                .keys()
                .filter_map(|k| k.split_whitespace().max_by_key(|w| w.len()))
                .map(str::to_string)
                .collect(),
        ),
        (
            Cue::PeriodOpening,
            lex.periods
                .iter()
                .filter_map(|p| opening_words(&p.pattern))
                .flatten()
                .collect(),
        ),
    ]
}

/// The leading letters of each way a match of a rule's `pattern` can
/// open, when every match opens with an ASCII letter at a word start (the
/// pattern begins with `\b`) and the pattern reads the same on the text in
/// lower case: a match then starts at a word that begins with one of them,
/// which is a cue of [`Cue::PeriodOpening`]. `None` when a match may open
/// otherwise, and the pattern must search the whole text.
fn opening_words(pattern: &str) -> Option<Vec<String>> {
    if !pattern.starts_with(r"\b") {
        return None;
    }
    crate::rules::lower_case_twin(pattern)?;
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&crate::rules::ascii_boundaries(pattern))
        .ok()?;
    let openings = regex_syntax::hir::literal::Extractor::new().extract(&hir);
    let mut words = Vec::new();
    for literal in openings.literals()? {
        let letters: String = literal
            .as_bytes()
            .iter()
            .take_while(|b| b.is_ascii_lowercase())
            .map(|&b| char::from(b))
            .collect();
        if letters.is_empty() {
            return None;
        }
        words.push(letters);
    }
    words.sort_unstable();
    words.dedup();
    Some(words)
}

fn alternation<'a>(words: impl IntoIterator<Item = &'a String>) -> String {
    let mut words: Vec<&String> = words.into_iter().collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words
        .iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

/// Days of the month in words: `second`, `twenty-first`, `twenty one`,
/// `fifteen`.
fn day_words(lex: &crate::lexicon::Lexicon) -> String {
    let mut words: Vec<String> = Vec::new();
    for (t, tv) in &lex.tens {
        for (w, v) in lex
            .ordinals
            .iter()
            .map(|(w, v)| (w, *v))
            .chain(lex.units.iter().map(|(w, v)| (w, *v)))
        {
            if (1..10).contains(&v) && tv + v <= 31 {
                words.push(format!(r"{t}[-\s]{w}"));
            }
        }
    }
    words.extend(
        lex.ordinals
            .iter()
            .filter(|(_, v)| **v <= 31)
            .map(|(w, _)| w.clone()),
    );
    words.extend(
        lex.units
            .iter()
            .filter(|(_, v)| (10..20).contains(*v))
            .map(|(w, _)| w.clone()),
    );
    words.extend(
        lex.tens
            .iter()
            .filter(|(_, v)| **v <= 30)
            .map(|(w, _)| w.clone()),
    );
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.join("|")
}

/// The day a day word or `21st` names.
fn day_number(lex: &crate::lexicon::Lexicon, s: &str) -> Option<u32> {
    if let Some(d) = parse_day(s) {
        return Some(d);
    }
    let mut total = 0u64;
    for part in s
        .to_lowercase()
        .split(|c: char| c == '-' || c.is_whitespace())
    {
        if part.is_empty() {
            continue;
        }
        total += lex
            .ordinals
            .get(part)
            .or_else(|| lex.units.get(part))
            .or_else(|| lex.tens.get(part))?;
    }
    u32::try_from(total).ok().filter(|d| (1..=31).contains(d))
}

/// Whether a day is written as an ordinal: `5th`, `fifth`.
fn day_is_ordinal(lex: &crate::lexicon::Lexicon, s: &str) -> bool {
    s.ends_with(|c: char| c.is_ascii_alphabetic()) && day_is_safe(lex, s)
}

/// Whether a day is written as digits or an ordinal (`5`, `5th`,
/// `fifth`), not as a cardinal word.
fn day_is_safe(lex: &crate::lexicon::Lexicon, s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
        || s.to_lowercase()
            .split(|c: char| c == '-' || c.is_whitespace())
            .next_back()
            .is_some_and(|w| lex.ordinals.contains_key(w))
}

fn two_digit_year(y: i32) -> i32 {
    match y {
        0..50 => 2000 + y,
        50..100 => 1900 + y,
        _ => y,
    }
}

fn add_months(d: NaiveDate, months: i32) -> Option<NaiveDate> {
    let total = d.year() * 12 + d.month0() as i32 + months;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    ymd(y, m, d.day()).or_else(|| ymd(y, m, 28))
}

/// The `n`th given weekday of a month (`n` = -1 for the last), if it
/// exists.
fn nth_weekday(y: i32, m: u32, wd: Weekday, n: i32) -> Option<NaiveDate> {
    if n < 0 {
        let next = add_months(ymd(y, m, 1)?, 1)?;
        let last = next - Duration::days(1);
        let back = (last.weekday().num_days_from_monday() as i64
            - wd.num_days_from_monday() as i64)
            .rem_euclid(7);
        return Some(last - Duration::days(back));
    }
    let first = ymd(y, m, 1)?;
    let ahead = (wd.num_days_from_monday() as i64 - first.weekday().num_days_from_monday() as i64)
        .rem_euclid(7);
    let d = first + Duration::days(ahead + 7 * (n as i64 - 1));
    (d.month() == m).then_some(d)
}

/// The spans the dates found cover, in order and apart.
struct Covered(Vec<(usize, usize)>);

impl Covered {
    /// The places of `at` (in order) outside every span. A pattern tried
    /// after the dates were found need not try there: a match it made
    /// would overlap one of them and be dropped.
    fn outside<'a>(&self, at: &'a [usize]) -> std::borrow::Cow<'a, [usize]> {
        let spans = &self.0;
        let mut next = 0;
        let mut is_outside = |p: usize| {
            while spans.get(next).is_some_and(|s| s.1 <= p) {
                next += 1;
            }
            spans.get(next).is_none_or(|s| p < s.0)
        };
        // Most lists hold no place inside a date: lent, not copied.
        let Some(first_inside) = at.iter().position(|&p| !is_outside(p)) else {
            return std::borrow::Cow::Borrowed(at);
        };
        let mut kept = at[..first_inside].to_vec();
        kept.extend(
            at[first_inside + 1..]
                .iter()
                .copied()
                .filter(|&p| is_outside(p)),
        );
        std::borrow::Cow::Owned(kept)
    }
}

/// Adds a date mention unless it overlaps one already found.
type Push<'a> = dyn Fn(&mut Placed, usize, usize, DateValue, &Arc<str>) + 'a;

/// The dates found so far. Each new one must not overlap them: a scan
/// while they are few, an ordered set of their spans once they are many
/// (a scan per date made long articles quadratic; the set costs more than
/// a scan of a short article's dates).
pub(super) struct Placed {
    found: Vec<Found>,
    spans: Option<BTreeSet<(usize, usize)>>,
    /// The longest span, which bounds how far back an overlapping one can
    /// start.
    longest: usize,
}

impl Placed {
    /// How many dates a scan reads before the set takes over.
    const SCANNED: usize = 64;

    fn new() -> Placed {
        Placed {
            found: Vec::new(),
            spans: None,
            longest: 0,
        }
    }

    fn overlaps(&self, start: usize, end: usize) -> bool {
        match &self.spans {
            None => self
                .found
                .iter()
                .any(|f| overlaps(f.start, f.end, start, end)),
            Some(spans) => spans
                .range((start.saturating_sub(self.longest), 0)..(end, 0))
                .any(|&(a, b)| overlaps(a, b, start, end)),
        }
    }

    fn push(&mut self, f: Found) {
        self.longest = self.longest.max(f.end - f.start);
        if let Some(spans) = &mut self.spans {
            spans.insert((f.start, f.end));
        }
        self.found.push(f);
        if self.spans.is_none() && self.found.len() > Self::SCANNED {
            self.reindex();
        }
    }

    /// What the dates found so far cover, for patterns tried after them.
    fn covered(&self) -> Covered {
        let mut spans: Vec<(usize, usize)> = match &self.spans {
            Some(spans) => spans.iter().copied().collect(),
            None => {
                let mut spans: Vec<_> = self.found.iter().map(|f| (f.start, f.end)).collect();
                spans.sort_unstable();
                spans
            }
        };
        // Merged: each place is then looked up in one run of spans.
        spans.dedup_by(|next, run| {
            let joined = next.0 < run.1;
            if joined {
                run.1 = run.1.max(next.1);
            }
            joined
        });
        Covered(spans)
    }

    /// Indexes the spans again after they were edited in place.
    fn reindex(&mut self) {
        self.longest = self
            .found
            .iter()
            .map(|f| f.end - f.start)
            .max()
            .unwrap_or(0);
        if self.found.len() > Self::SCANNED {
            self.spans = Some(self.found.iter().map(|f| (f.start, f.end)).collect());
        }
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn iso(d: NaiveDate) -> String {
    // chrono's `format` parses its format string on every call; `%Y` pads
    // four-digit years the same way.
    match d.year() {
        y @ 0..=9999 => {
            let mut out = String::with_capacity(10);
            for (n, width, sep) in [(y as u32, 4, "-"), (d.month(), 2, "-"), (d.day(), 2, "")] {
                for place in (0..width).rev() {
                    out.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
                }
                out.push_str(sep);
            }
            out
        }
        _ => d.format("%Y-%m-%d").to_string(),
    }
}

fn day_value(d: NaiveDate, until: Option<NaiveDate>) -> DateValue {
    DateValue {
        iso: Some(iso(d)),
        until: until.filter(|u| *u != d).map(iso),
        granularity: Granularity::Day,
        ambiguous: false,
    }
}

/// A month of a year, as `2025-05`.
fn month_value(year: i32, month: u32) -> DateValue {
    DateValue {
        iso: Some(format!("{year:04}-{month:02}")),
        until: None,
        granularity: Granularity::Month,
        ambiguous: false,
    }
}

fn unresolved() -> DateValue {
    DateValue {
        iso: None,
        until: None,
        granularity: Granularity::Day,
        ambiguous: false,
    }
}

fn parse_day(s: &str) -> Option<u32> {
    s.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

fn weekday_from(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

impl Recognizer {
    /// Whether the words near `at` in its sentence speak of the future.
    fn future_at(&self, text: &str, sentence: (usize, usize), at: usize) -> bool {
        // Only the date's own clause speaks for it: in `will cut 1,200
        // jobs, the company announced on Tuesday` the `will` is another
        // clause's.
        let at = at.clamp(sentence.0, sentence.1);
        // Byte searches: the marks are ASCII.
        let head = &text.as_bytes()[sentence.0..at];
        // `, ` found by its comma: a substring searcher's set-up cost more
        // than a clause's search.
        let comma_space = |s: &[u8], i: usize| s.get(i + 1) == Some(&b' ');
        let start = sentence.0
            + memchr::memrchr2(b';', b':', head)
                .max(memchr::memrchr_iter(b',', head).find(|&i| comma_space(head, i)))
                .map_or(0, |i| i + 1);
        let tail = &text.as_bytes()[at..sentence.1];
        let end = at
            + memchr::memchr_iter(b',', tail)
                .find(|&i| comma_space(tail, i))
                .or_else(|| memchr::memchr(b';', tail))
                .unwrap_or(tail.len());
        let s = &text[start..end];
        let rel = at - start;
        // One pass finds the words of both lists (of two that overlap, the
        // longer).
        let hits = self.lex.tense_words.find(s);
        let nearest = |list: usize| {
            hits.iter()
                .filter(|h| h.list == list)
                .map(|h| h.start.abs_diff(rel))
                .min()
        };
        match (nearest(0), nearest(1)) {
            (Some(f), Some(p)) => f < p,
            (Some(_), None) => true,
            _ => false,
        }
    }

    /// A month and day without a year: the year that puts it in the past
    /// (or the future) of the article's date, by tense.
    fn place_year(
        &self,
        month: u32,
        day: u32,
        reference: Option<NaiveDate>,
        future: bool,
    ) -> Option<NaiveDate> {
        let r = reference?;
        // `Feb 29`: the nearest leap year in the direction of the tense.
        let step = if future { 1 } else { -1 };
        let Some(this) = ymd(r.year(), month, day) else {
            return (1..8)
                .map(|k| r.year() + step * k)
                .find_map(|y| ymd(y, month, day))
                .filter(|_| ymd(2000, month, day).is_some());
        };
        // The nearest such day to the article's date, unless the tense
        // puts it more than a week on the other side.
        const SLACK: i64 = 7;
        let nearest = [r.year() - 1, r.year() + 1]
            .into_iter()
            .filter_map(|y| ymd(y, month, day))
            .fold(this, |best, d| {
                if (d - r).num_days().abs() < (best - r).num_days().abs() {
                    d
                } else {
                    best
                }
            });
        let days = (nearest - r).num_days();
        if future && days < -SLACK {
            ymd(nearest.year() + 1, month, day)
        } else if !future && days > SLACK {
            ymd(nearest.year() - 1, month, day)
        } else {
            Some(nearest)
        }
    }

    /// `cues` are the article's cue words: each pattern reads only the
    /// text near the words it needs.
    pub(super) fn dates(
        &self,
        text: &str,
        lower: &str,
        cues: &Cues,
        sentences: &[(usize, usize)],
        reference: Option<NaiveDate>,
        order: DateOrder,
    ) -> Vec<Found> {
        let lex = &self.lex;
        let p = &self.dates;
        let (mut short_runs, mut year_runs) = (Vec::new(), Vec::new());
        for &(s, e) in cues
            .digit_runs
            .iter()
            .filter(|&&(s, _)| word_starts_at(text.as_bytes(), s))
        {
            match e - s {
                1 | 2 => short_runs.push((s, e)),
                4 => year_runs.push((s, e)),
                _ => {}
            }
        }
        let hay = Hay {
            text,
            lower,
            cues,
            tokens: &cues.word_starts,
            short_runs: &short_runs,
            year_runs: &year_runs,
        };
        let mut found = Placed::new();
        // Sentences come in order and apart: the one holding a place is
        // found by halving.
        let apart = sentences.windows(2).all(|w| w[0].1 <= w[1].0);
        let sentence_of = |at: usize| {
            let found = if apart {
                let after = sentences.partition_point(|&(s, _)| s <= at);
                after
                    .checked_sub(1)
                    .map(|i| sentences[i])
                    .filter(|&(_, e)| at < e)
            } else {
                sentences.iter().copied().find(|&(s, e)| s <= at && at < e)
            };
            found.unwrap_or((at, at))
        };
        let future_at = |at: usize| self.future_at(text, sentence_of(at), at);
        let not_dates = SpanSet::new(
            self.not_dates
                .spans(&lex.not_dates, text, lower, cues, |_, _| false)
                .into_iter()
                .map(|(_, start, end)| (start, end))
                .collect(),
        );
        let rule = &self.ids.month;
        let push = |found: &mut Placed, s: usize, e: usize, v: DateValue, rule: &Arc<str>| {
            if !(found.overlaps(s, e) || not_dates.overlaps(s, e)) {
                found.push(Found {
                    kind: MentionKind::Date,
                    start: s,
                    end: e,
                    value: MentionValue::Date(v),
                    rule: rule.clone(),
                });
            }
        };
        // A day in a month without a year: into the past or the future
        // of the article's date by the tense of its clause.
        let yearless =
            |found: &mut Placed, s: usize, e: usize, month: u32, day: u32, r: &Arc<str>| match self
                .place_year(month, day, reference, future_at(s))
            {
                Some(d) => push(found, s, e, day_value(d, None), r),
                // No article date, or a day the month never has (`2/30`).
                None => push(found, s, e, unresolved(), r),
            };

        let then_digit = |seps: &'static [u8]| {
            move |r: &[u8]| r.len() > 1 && seps.contains(&r[0]) && r[1].is_ascii_digit()
        };
        // Digits and separators only: the groups are the match's runs of
        // digits, read without the regex engine's captures.
        for (s, e) in p.iso.spans(hay, Some(hay.digits(true, then_digit(b"-/.")))) {
            let mut parts = digit_parts(&text[s..e]);
            let (y, m, d) = (parts.next(), parts.next(), parts.next());
            if let Some(day) = ymd(y.unwrap_or(0) as i32, m.unwrap_or(0), d.unwrap_or(0)) {
                push(&mut found, s, e, day_value(day, None), rule);
            }
        }
        let then_letter =
            |r: &[u8]| r.len() > 1 && b"-/".contains(&r[0]) && r[1].is_ascii_alphabetic();
        for c in p.year_month_name.at(
            hay,
            hay.at(Cue::Month).map(|_| hay.digits(true, then_letter)),
        ) {
            let m = c.get(0).expect("match");
            let month = lowered(&c["mon"], |k| lex.months.get(k).copied()).unwrap_or(0);
            if let Some(d) = ymd(
                c["y"].parse().unwrap_or(0),
                month,
                c["d"].parse().unwrap_or(0),
            ) {
                push(&mut found, m.start(), m.end(), day_value(d, None), rule);
            }
        }
        for (s, e) in p
            .dotted
            .spans(hay, Some(hay.digits(false, then_digit(b"."))))
        {
            let mut parts = digit_parts(&text[s..e]);
            let (d, m, y) = (parts.next(), parts.next(), parts.next());
            if let Some(day) = ymd(y.unwrap_or(0) as i32, m.unwrap_or(0), d.unwrap_or(0)) {
                push(&mut found, s, e, day_value(day, None), rule);
            }
        }
        let slashed: Vec<(usize, usize, [u32; 3])> = p
            .slashed
            .spans(hay, Some(hay.digits(false, then_digit(b"/-"))))
            .into_iter()
            .map(|(s, e)| {
                let mut parts = digit_parts(&text[s..e]);
                let parts = [(); 3].map(|_| parts.next().unwrap_or(0));
                (s, e, parts)
            })
            .collect();
        // An article writes its dates one way: the dates that can be read
        // only one way tell how to read the others.
        let order = match order {
            DateOrder::Auto => told_order(slashed.iter().map(|&(_, _, [a, b, _])| (a, b))),
            told => told,
        };
        let order_pair = |a: u32, b: u32| order_pair(order, a, b);
        for &(s, e, [a, b, y]) in &slashed {
            let (month, day, ambiguous) = order_pair(a, b);
            let y = two_digit_year(y as i32);
            match ymd(y, month, day) {
                Some(d) => {
                    let mut v = day_value(d, None);
                    v.ambiguous = ambiguous;
                    push(&mut found, s, e, v, rule);
                }
                // `2/29/2019`: a date that does not exist.
                None if month <= 12 && day <= 31 && day > 0 => {
                    push(&mut found, s, e, unresolved(), rule)
                }
                None => {}
            }
        }
        // `4/22` and `22/04`: a pair is a date when one part can only be a
        // day; `3/4` stays a fraction.
        for (s, e) in p
            .yearless_slash
            .spans(hay, Some(hay.digits(false, then_digit(b"/"))))
        {
            let mut parts = digit_parts(&text[s..e]);
            let (a, b) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
            let next = text[e..].chars().next();
            let weekday_before = p.weekday_before.is_match(&text[..s]);
            if next.is_some_and(|c| c == '/' || c.is_ascii_digit())
                || !(a > 12 || b > 12 || weekday_before)
            {
                continue;
            }
            let (month, day, _) = order_pair(a, b);
            if (1..=12).contains(&month) && (1..=31).contains(&day) {
                yearless(&mut found, s, e, month, day, rule);
            }
        }
        // `on 4.22`, `in 4-22`: only after `on` or `in`, with a part that
        // can only be a day, and not before a unit (`in 10-15 minutes`).
        let pairs = hay.digits(false, then_digit(b".-"));
        let on_pairs = hay
            .at(Cue::Weekday)
            .map(|_| hay.and_words_before(&pairs, 1, 32));
        // What follows a pair rules most out before its groups are read.
        let pair_ends_here = |_: usize, end: usize| {
            let rest = &text[end..];
            !(rest.trim_start().starts_with(|c: char| c.is_alphanumeric())
                || rest.starts_with(|c: char| c == '.' || c == '-' || c.is_ascii_digit())
                    && rest.chars().nth(1).is_some_and(|c| c.is_ascii_digit()))
        };
        for c in p.yearless_on.kept(hay, on_pairs, pair_ends_here) {
            let m = c.get(0).expect("match");
            let (a, b): (u32, u32) = (c["a"].parse().unwrap_or(0), c["b"].parse().unwrap_or(0));
            if !(a > 12 || b > 12 || c.name("wd").is_some()) {
                continue;
            }
            let (month, day, _) = order_pair(a, b);
            let s = c.name("wd").or(c.name("a")).expect("group").start();
            if (1..=12).contains(&month) && (1..=31).contains(&day) {
                yearless(&mut found, s, m.end(), month, day, rule);
            }
        }
        // A month and a day: `May 23, 2025` reads after the month, `the
        // 23rd of May` (or `22april`, the month inside a word) before it.
        // Days: one or two digits, or a day in words, where a word starts.
        let days = hay.at(Cue::DayWord).map(|words| {
            let mut days = hay.digits(false, |_| true);
            days.extend(words);
            days.sort_unstable();
            days
        });
        // A day before a month needs the month's end within reach.
        let days_before_month =
            days.as_ref()
                .zip(hay.at(Cue::MonthInside))
                .map(|(days, months)| {
                    let near: Vec<usize> = days
                        .iter()
                        .copied()
                        .filter(|&d| any_in(months, d + 1, d + 73))
                        .collect();
                    hay.and_words_before(&near, 1, 16)
                });
        for (pattern, starts) in [
            (&p.month_day, hay.at(Cue::Month)),
            (&p.day_month, days_before_month.as_deref()),
        ] {
            for c in pattern.at(hay, starts) {
                let m = c.get(0).expect("match");
                let mon_text = &c["mon"];
                let Some(month) = lowered(mon_text, |k| lex.months.get(k).copied()) else {
                    continue;
                };
                let d1_text = &c["d1"];
                // Month names that are words too (`may`, `march`) need a
                // capital or a day written as digits or an ordinal.
                let ambiguous = lowered(mon_text, |k| lex.ambiguous_months.iter().any(|m| m == k));
                if ambiguous
                    && mon_text.starts_with(char::is_lowercase)
                    && !day_is_ordinal(lex, d1_text)
                {
                    continue;
                }
                let Some(d1) = day_number(lex, d1_text) else {
                    continue;
                };
                let d2 = c.name("d2").and_then(|x| parse_day(x.as_str()));
                let start = m.start();
                // `6,107.31 August`: the day is the end of another number.
                let before = &text.as_bytes()[..start];
                if before.len() >= 2
                    && matches!(before[before.len() - 1], b'.' | b',')
                    && before[before.len() - 2].is_ascii_digit()
                {
                    continue;
                }
                let first = match c.name("y") {
                    Some(y) => ymd(y.as_str().parse().unwrap_or(0), month, d1),
                    None => self.place_year(month, d1, reference, future_at(start)),
                };
                let end = m.end();
                match first {
                    Some(d) => {
                        let until = d2.and_then(|d2| ymd(d.year(), month, d2));
                        push(&mut found, start, end, day_value(d, until), rule);
                    }
                    None if d1 <= 31 => push(&mut found, start, end, unresolved(), rule),
                    None => {}
                }
            }
        }
        let covered = found.covered();
        // `May 2025` and `in May` end the month at a word's end.
        let whole_months = hay.at(Cue::Month).map(|months| {
            if p.months_are_words {
                hay.whole(months, |w| lex.months.contains_key(w))
            } else {
                months.to_vec()
            }
        });
        let months_before_year =
            whole_months
                .as_deref()
                .zip(hay.at(Cue::FourDigits))
                .map(|(months, years)| {
                    let near: Vec<usize> = months
                        .iter()
                        .copied()
                        .filter(|&m| any_in(years, m + 1, m + 25))
                        .collect();
                    covered.outside(&near).into_owned()
                });
        for c in p.month_year.at(hay, months_before_year) {
            let m = c.get(0).expect("match");
            let Some(month) = lowered(&c["mon"], |k| lex.months.get(k).copied()) else {
                continue;
            };
            if c["mon"].starts_with(char::is_lowercase)
                && lex.ambiguous_months.contains(&c["mon"].to_string())
            {
                continue;
            }
            let v = month_value(c["y"].parse().unwrap_or(0), month);
            push(&mut found, m.start(), m.end(), v, rule);
        }
        // The pattern puts white space right before the year (`in 2022`):
        // a year after `.` or `, ` (`23.05.2025`, `May 23, 2025`) gives
        // no word before it a try. A byte from 0x80 may end white space.
        let spaced = |y: usize| {
            y > 0 && {
                let b = text.as_bytes()[y - 1];
                b.is_ascii_whitespace() || b == 0x0b || b >= 0x80
            }
        };
        let years = hay.at(Cue::FourDigits).map(|years| {
            let years: Vec<usize> = years
                .iter()
                .copied()
                .filter(|&y| hay.word_start(y) && spaced(y))
                .collect();
            hay.and_words_before(&covered.outside(&years), 2, 24)
        });
        for c in p.year.at(hay, years) {
            let y = c.name("y").expect("year group");
            let v = DateValue {
                iso: Some(y.as_str().to_string()),
                until: None,
                granularity: Granularity::Year,
                ambiguous: false,
            };
            push(&mut found, y.start(), y.end(), v, rule);
        }
        // A weekday written before a date belongs to it: `Friday, May 23`,
        // `this friday (jun-15)`.
        for f in found.found.iter_mut() {
            if let Some(m) = p.weekday_before.find(&text[..f.start])
                && !m.as_str().trim().is_empty()
                && matches!(&f.value, MentionValue::Date(d) if d.granularity == Granularity::Day)
            {
                f.start = m.start();
                if text[f.end..].starts_with(')') && text[f.start..f.end].contains('(') {
                    f.end += 1;
                }
            }
        }
        found.reindex();
        self.day_references(text, hay, days, reference, &future_at, &mut found, &push);
        self.shifts(hay, reference, &future_at, &mut found, &push);
        let covered = found.covered();
        if let Some(relative_day) = &p.relative_day {
            let starts = hay
                .at(Cue::RelativeDay)
                .map(|at| hay.and_words_before(&covered.outside(at), 3, 32));
            for c in relative_day.at(hay, starts) {
                let m = c.get(0).expect("match");
                let offset =
                    lowered(m.as_str(), |k| lex.relative_days.get(k).copied()).unwrap_or(0);
                let v = reference
                    .map_or_else(unresolved, |r| day_value(r + Duration::days(offset), None));
                push(&mut found, m.start(), m.end(), v, &self.ids.relative_day);
            }
        }
        let opened = p
            .openers
            .starts(hay)
            .map(|o| covered.outside(&o).into_owned());
        let rules = lex.periods.iter().zip(&p.periods).zip(&p.by_openers);
        for (((period, folded), by_openers), id) in rules.zip(&self.ids.periods) {
            let Some((folded, at_cues)) = folded else {
                continue;
            };
            let starts = match (*at_cues, *by_openers) {
                (false, _) => None,
                (true, true) => opened.as_deref(),
                (true, false) => hay.at(Cue::PeriodOpening),
            };
            // Group texts are read lower-cased: the same on either text.
            for c in folded.at(hay, starts) {
                let m = c.get(0).expect("match");
                let n = c
                    .name("n")
                    .or_else(|| c.name("count"))
                    .map(|n| n.as_str().trim().to_lowercase())
                    .and_then(|n| {
                        n.parse::<i64>()
                            .ok()
                            .or_else(|| lex.units.get(&n).map(|u| *u as i64))
                    })
                    .unwrap_or(1);
                let unit = c
                    .name("unit")
                    .or_else(|| c.name("units"))
                    .map_or(period.unit.clone(), |u| {
                        u.as_str().to_lowercase().trim_end_matches('s').to_string()
                    });
                let v = match reference {
                    None => unresolved(),
                    Some(r) => period_value(r, &unit, n, period.direction),
                };
                push(&mut found, m.start(), m.end(), v, id);
            }
        }
        if let Some(month_alone) = &p.month_alone {
            let months = whole_months.as_deref();
            self.months_alone(
                month_alone,
                hay,
                months,
                reference,
                &future_at,
                &mut found,
                &push,
            );
        }
        found.found
    }

    /// Months named alone, once every pattern with a day or a year has
    /// taken its months: `in February`, `last May`, `mid-June`.
    #[allow(clippy::too_many_arguments)]
    fn months_alone(
        &self,
        pattern: &Folded,
        hay: Hay,
        months: Option<&[usize]>,
        reference: Option<NaiveDate>,
        future_at: &dyn Fn(usize) -> bool,
        found: &mut Placed,
        push: &Push,
    ) {
        let lex = &self.lex;
        // Up to three words before the month: `the end of`, `since last`.
        let covered = found.covered();
        let starts = months.map(|months| hay.and_words_before(&covered.outside(months), 3, 24));
        for c in pattern.at(hay, starts) {
            let (Some(whole), Some(mon)) = (c.get(0), c.name("mon")) else {
                continue;
            };
            let name = mon.as_str().to_ascii_lowercase();
            let Some(&month) = lex.months.get(&name) else {
                continue;
            };
            let capital = mon.as_str().starts_with(char::is_uppercase);
            // `may`, `march`: words before they are months.
            if !capital && lex.ambiguous_months.contains(&name) {
                continue;
            }
            let rel = c.name("rel");
            // `June Carter`, `by Jan Egeland`: a name, not a month.
            let rest = &hay.text[mon.end()..];
            let name_follows =
                rest.starts_with(' ') && rest[1..].starts_with(|ch: char| ch.is_uppercase());
            if rel.is_none() && name_follows {
                continue;
            }
            let cued = whole.start() < mon.start();
            if !(cued || (capital && lex.month_standalone.contains(&name))) {
                continue;
            }
            let start = rel.map_or(mon.start(), |r| r.start());
            let shift = rel.map(|r| {
                lowered(r.as_str(), |k| lex.month_alone_relative.get(k).copied()).unwrap_or(0)
            });
            let v = match reference {
                None => unresolved(),
                Some(r) => {
                    let (y, now) = (r.year(), r.month());
                    let year = match shift {
                        Some(0) => y,
                        // The first such month after the article's, or the
                        // last before it, and a year on for each step more.
                        Some(n) if n > 0 => y + i32::from(month <= now) + n as i32 - 1,
                        Some(n) => y - i32::from(month >= now) + n as i32 + 1,
                        None if future_at(start) => y + i32::from(month < now),
                        None => y - i32::from(month > now),
                    };
                    month_value(year, month)
                }
            };
            push(found, start, mon.end(), v, &self.ids.month_alone);
        }
    }

    /// Weekdays and days of the month named without a month: `Friday`,
    /// `next Sunday`, `Friday next week`, `Thursday the 21st`, `the first
    /// Friday of July`, `the 20th of next month`, `on the 27th.`
    #[allow(clippy::too_many_arguments)]
    fn day_references(
        &self,
        text: &str,
        hay: Hay,
        days: Option<Vec<usize>>,
        reference: Option<NaiveDate>,
        future_at: &dyn Fn(usize) -> bool,
        found: &mut Placed,
        push: &Push,
    ) {
        let lex = &self.lex;
        let p = &self.dates;
        let rule = &self.ids.weekday;
        let weekday_of = |s: &str| lowered(s, |k| lex.weekdays.get(k).map(|n| weekday_from(*n)));
        // A weekday name that is a word too (`sun`) only capitalized and
        // inside a date; other names only when written in full or as an
        // unambiguous abbreviation.
        let weekday_ok = |s: &str| !lowered(s, |k| lex.ambiguous_weekdays.iter().any(|w| w == k));
        let monday = |d: NaiveDate| d - Duration::days(d.weekday().num_days_from_monday() as i64);
        let in_week = |r: NaiveDate, weeks: i64, wd: Weekday| {
            monday(r) + Duration::days(7 * weeks + wd.num_days_from_monday() as i64)
        };
        // Weekdays inside a date found (`Friday, May 23`) are taken.
        let covered = found.covered();
        let weekdays = hay.at(Cue::Weekday).map(|w| covered.outside(w));
        let before_weekdays =
            |n: usize, back: usize| weekdays.as_ref().map(|w| hay.and_words_before(w, n, back));
        for c in p.nth_weekday.at(hay, before_weekdays(2, 24)) {
            let m = c.get(0).expect("match");
            let Some(wd) = weekday_of(&c["wd"]).filter(|_| weekday_ok(&c["wd"])) else {
                continue;
            };
            let n = match c["n"].to_lowercase().as_str() {
                "last" if c.name("mon").is_none() && c.name("rel").is_none() => continue,
                "last" => -1,
                other => lex.ordinals.get(other).map_or(1, |o| *o as i32),
            };
            let v = reference.map_or_else(unresolved, |r| {
                let (y, month) = match (c.name("mon"), c.name("rel")) {
                    (Some(mon), _) => {
                        let month =
                            lowered(mon.as_str(), |k| lex.months.get(k).copied()).unwrap_or(1);
                        let future = future_at(m.start());
                        let y = if future && month < r.month() {
                            r.year() + 1
                        } else if !future && month > r.month() {
                            r.year() - 1
                        } else {
                            r.year()
                        };
                        (y, month)
                    }
                    (None, Some(rel)) => {
                        let shift =
                            lowered(rel.as_str(), |k| lex.relative_weekdays.get(k).copied())
                                .unwrap_or(0);
                        let d = add_months(ymd(r.year(), r.month(), 1).unwrap_or(r), shift as i32)
                            .unwrap_or(r);
                        (d.year(), d.month())
                    }
                    (None, None) => (r.year(), r.month()),
                };
                nth_weekday(y, month, wd, n).map_or_else(unresolved, |d| day_value(d, None))
            });
            push(found, m.start(), m.end(), v, rule);
        }
        let before_month_word = hay
            .at(Cue::MonthWord)
            .map(|m| hay.and_words_before(&covered.outside(m), 4, 48));
        for c in p.day_of_month.at(hay, before_month_word) {
            let m = c.get(0).expect("match");
            let Some(day) = day_number(lex, &c["d"]).filter(|_| day_is_safe(lex, &c["d"])) else {
                continue;
            };
            let shift = lowered(&c["rel"], |k| lex.relative_weekdays.get(k).copied()).unwrap_or(0);
            let v = reference.map_or_else(unresolved, |r| {
                ymd(r.year(), r.month(), 1)
                    .and_then(|first| add_months(first, shift as i32))
                    .and_then(|d| ymd(d.year(), d.month(), day))
                    .map_or_else(unresolved, |d| day_value(d, None))
            });
            push(found, m.start(), m.end(), v, rule);
        }
        for c in p.weekday_the.at(hay, weekdays.as_ref()) {
            let m = c.get(0).expect("match");
            let (Some(wd), Some(day)) = (weekday_of(&c["wd"]), day_number(lex, &c["d"])) else {
                continue;
            };
            if !weekday_ok(&c["wd"]) {
                continue;
            }
            // The month around the article's date where that day is that
            // weekday; else the article's month.
            let v = reference.map_or_else(unresolved, |r| {
                let candidates: Vec<NaiveDate> = [0, -1, 1]
                    .iter()
                    .filter_map(|k| add_months(ymd(r.year(), r.month(), 1)?, *k))
                    .filter_map(|f| ymd(f.year(), f.month(), day))
                    .collect();
                candidates
                    .iter()
                    .find(|d| d.weekday() == wd)
                    .or(candidates.first())
                    .map_or_else(unresolved, |d| day_value(*d, None))
            });
            push(found, m.start(), m.end(), v, rule);
        }
        for c in p.weekday.at(hay, before_weekdays(4, 32)) {
            let m = c.name("wd").expect("weekday group");
            let name = m.as_str();
            let Some(wd) = weekday_of(name) else {
                continue;
            };
            if !weekday_ok(name) {
                continue;
            }
            let rel = c.name("rel").or_else(|| c.name("rel2"));
            let weeks = rel.map(|r| {
                lowered(r.as_str(), |k| lex.relative_weekdays.get(k).copied()).unwrap_or(0)
            });
            // `on Friday next week` is one expression; `on Friday` keeps
            // its preposition out.
            let start = match (c.name("on"), c.name("rel2")) {
                (Some(on), Some(_)) => on.start(),
                _ => c.name("rel").map_or(m.start(), |r| r.start()),
            };
            let end = c
                .name("rel2")
                .map_or(m.end(), |_| c.get(0).expect("match").end());
            let v = match (reference, weeks) {
                (None, _) => unresolved(),
                (Some(r), Some(w)) => day_value(in_week(r, w, wd), None),
                (Some(r), None) => {
                    let target = wd.num_days_from_monday() as i64;
                    let today = r.weekday().num_days_from_monday() as i64;
                    // The article's own weekday is its own date either
                    // way (`will vote on Friday` in a Friday paper).
                    let d = if future_at(m.start()) {
                        r + Duration::days((target - today).rem_euclid(7))
                    } else {
                        r - Duration::days((today - target).rem_euclid(7))
                    };
                    day_value(d, None)
                }
            };
            push(found, start, end, v, rule);
        }
        // `on the 27th.`, `for the second!`: a day of the month alone, only
        // where nothing follows it in the clause.
        // The day group ends the match: what follows it rules most out
        // before the groups are read.
        let ends_clause = |_: usize, end: usize| {
            let rest = text[end..].trim_start_matches([' ', '\t']);
            // `1,000` and `84.5` go on with digits: numbers, not days.
            let digits_follow = rest.len() > 1
                && rest.starts_with([',', '.'])
                && rest[1..].starts_with(|c: char| c.is_ascii_digit());
            (rest.is_empty() || rest.starts_with(['.', '!', '?', ',', ';'])) && !digits_follow
        };
        // So a day in digits whose end (past its ordinal suffix, `27th`)
        // cannot end the clause gives no word before it a try: most
        // figures go on (`for 12: 34 killed`).
        let lower = hay.lower.as_bytes();
        let digit_day_end = |s: usize| {
            let e = s + lower[s..].iter().take_while(|b| b.is_ascii_digit()).count();
            let suffixed = matches!(lower.get(e..e + 2), Some(b"st" | b"nd" | b"rd" | b"th"))
                && !lower
                    .get(e + 2)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
            if suffixed { e + 2 } else { e }
        };
        let before_days = days.map(|d| {
            let may_end: Vec<usize> = covered
                .outside(&d)
                .iter()
                .copied()
                .filter(|&s| !lower[s].is_ascii_digit() || ends_clause(s, digit_day_end(s)))
                .collect();
            hay.and_words_before(&may_end, 2, 16)
        });
        for c in p.the_day.kept(hay, before_days, ends_clause) {
            let span = c.name("span").expect("span group");
            let Some(day) = day_number(lex, &c["d"]).filter(|d| (1..=31).contains(d)) else {
                continue;
            };
            // A bare figure is a day only after `on` (`back on 15`); `for
            // 84` and `by 12` are amounts.
            let bare = c["d"].chars().all(|c| c.is_ascii_digit())
                && !span.as_str().to_lowercase().starts_with("the");
            if bare && !c[0].to_lowercase().starts_with("on") {
                continue;
            }
            let words = !c["d"].starts_with(|c: char| c.is_ascii_digit());
            if words && !span.as_str().to_lowercase().starts_with("the") {
                // `on twenty second?` needs the ordinal.
                if !day_is_safe(lex, &c["d"]) {
                    continue;
                }
            }
            let v = reference.map_or_else(unresolved, |r| {
                let this = ymd(r.year(), r.month(), 1).and_then(|f| ymd(f.year(), f.month(), day));
                let shift = match this {
                    Some(d) if future_at(span.start()) && d < r => 1,
                    Some(d) if !future_at(span.start()) && d > r => -1,
                    _ => 0,
                };
                ymd(r.year(), r.month(), 1)
                    .and_then(|f| add_months(f, shift))
                    .and_then(|f| ymd(f.year(), f.month(), day))
                    .map_or_else(unresolved, |d| day_value(d, None))
            });
            push(found, span.start(), span.end(), v, rule);
        }
    }

    /// `two weeks ago`, `1 month 21 days ago`, `three weeks from
    /// tomorrow`, `two sundays from now`, and `in 3 weeks` in a future
    /// clause.
    fn shifts(
        &self,
        hay: Hay,
        reference: Option<NaiveDate>,
        future_at: &dyn Fn(usize) -> bool,
        found: &mut Placed,
        push: &Push,
    ) {
        let lex = &self.lex;
        let p = &self.dates;
        let count = |s: &str| {
            let s = s.to_lowercase();
            let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
            s.parse::<i64>().ok().or_else(|| {
                lex.units
                    .get(&s)
                    .or_else(|| lex.tens.get(&s))
                    .map(|v| *v as i64)
                    .or_else(|| lex.shift_counts.get(&s).copied())
            })
        };
        let apply = |from: NaiveDate, parts: &str, sign: i64| -> Option<NaiveDate> {
            let mut d = from;
            for part in p.shift_part.captures_iter(parts) {
                let n = count(&part["n"])? * sign;
                if let Some(wd) = part.name("wd") {
                    let wd = weekday_from(lowered(wd.as_str(), |k| lex.weekdays.get(k).copied())?);
                    let ahead = (wd.num_days_from_monday() as i64
                        - d.weekday().num_days_from_monday() as i64)
                        .rem_euclid(7);
                    let first = if ahead == 0 { 7 } else { ahead };
                    d += Duration::days(first + 7 * (n - 1));
                    continue;
                }
                let unit = lex.shift_units.get(
                    &part["unit"]
                        .to_lowercase()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                )?;
                d = match unit.as_str() {
                    "day" => d + Duration::days(n),
                    "week" => d + Duration::days(7 * n),
                    "month" => add_months(d, n as i32)?,
                    "year" => add_months(d, 12 * n as i32)?,
                    "business_day" => {
                        let mut left = n.abs();
                        while left > 0 {
                            d += Duration::days(n.signum());
                            if d.weekday().num_days_from_monday() < 5 {
                                left -= 1;
                            }
                        }
                        d
                    }
                    _ => return None,
                };
            }
            Some(d)
        };
        for c in p.shift.at(hay, hay.shift_starts(p.plain_counts)) {
            let m = c.get(0).expect("match");
            let after = c["after"]
                .to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let Some((sign, anchor)) = lex.shift_after.get(&after).copied() else {
                continue;
            };
            let v = reference
                .and_then(|r| apply(r + Duration::days(anchor), &c["parts"], sign))
                .map_or_else(unresolved, |d| day_value(d, None));
            push(found, m.start(), m.end(), v, &self.ids.shift);
        }
        let before_units = hay
            .at(Cue::ShiftUnit)
            .map(|u| hay.and_words_before(u, 3, 48));
        for c in p.shift_in.at(hay, before_units) {
            let m = c.get(0).expect("match");
            if !future_at(m.start()) {
                continue;
            }
            let v = reference
                .and_then(|r| apply(r, &c["parts"], 1))
                .map_or_else(unresolved, |d| day_value(d, None));
            push(found, m.start(), m.end(), v, &self.ids.shift);
        }
    }
}

/// The span a relative period covers, from the article's date.
fn period_value(r: NaiveDate, unit: &str, n: i64, direction: PeriodDirection) -> DateValue {
    let monday = r - Duration::days(r.weekday().num_days_from_monday() as i64);
    let week = |monday: NaiveDate| day_value(monday, Some(monday + Duration::days(6)));
    // A calendar month or year `by` periods from the article's.
    let month = |by: i32| {
        let index = r.year() * 12 + r.month0() as i32 + by;
        DateValue {
            iso: Some(format!(
                "{:04}-{:02}",
                index.div_euclid(12),
                index.rem_euclid(12) + 1
            )),
            until: None,
            granularity: Granularity::Month,
            ambiguous: false,
        }
    };
    let year = |by: i32| DateValue {
        iso: Some(format!("{:04}", r.year() + by)),
        until: None,
        granularity: Granularity::Year,
        ambiguous: false,
    };
    use PeriodDirection::{Future, Next, Past, This};
    match (unit, direction) {
        ("weekend", _) => {
            let saturday = monday + Duration::days(5);
            day_value(saturday, Some(saturday + Duration::days(1)))
        }
        ("week", Past) => week(monday - Duration::days(7)),
        ("week", This) => week(monday),
        ("week", Next) => week(monday + Duration::days(7)),
        ("week", Future) => day_value(r + Duration::days(1), Some(r + Duration::days(7 * n))),
        ("month", Past) => month(-1),
        ("month", This) => month(0),
        ("month", Next) => month(1),
        ("month", Future) => day_value(r + Duration::days(1), Some(r + Duration::days(30 * n))),
        ("year", Past) => year(-1),
        ("year", This) => year(0),
        ("year", Next | Future) => year(1),
        (_, Past) => day_value(r - Duration::days(n), Some(r - Duration::days(1))),
        (_, This) => day_value(r, None),
        (_, Next | Future) => day_value(r + Duration::days(1), Some(r + Duration::days(n))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_inside_a_date_found_are_not_tried_again() {
        let date = |start, end| Found {
            kind: MentionKind::Date,
            start,
            end,
            value: MentionValue::Date(unresolved()),
            rule: "r".into(),
        };
        // Found out of order, one inside another, two touching.
        for many in [false, true] {
            let mut placed = Placed::new();
            for (s, e) in [(30, 40), (10, 20), (12, 15), (20, 25)] {
                placed.push(date(s, e));
            }
            if many {
                // Past the scan's reach: the spans come from the set.
                for k in 0..Placed::SCANNED {
                    placed.push(date(1000 + 2 * k, 1001 + 2 * k));
                }
            }
            let at = [0, 9, 10, 14, 19, 20, 24, 25, 29, 30, 39, 40, 1000, 1001];
            let want = [0, 9, 25, 29, 40];
            let got = placed.covered().outside(&at);
            // `1000` is inside the first of the many dates, `1001` past it.
            let want: Vec<usize> = want
                .into_iter()
                .chain((!many).then_some(1000))
                .chain([1001])
                .collect();
            assert_eq!(got, want, "many: {many}");
        }
    }

    #[test]
    fn galloping_counts_what_a_binary_search_counts() {
        for len in 0..40 {
            let items: Vec<usize> = (0..len).map(|i| i * 3 + i % 2).collect();
            for bound in 0..len * 3 + 5 {
                assert_eq!(
                    leading_below(&items, bound),
                    items.partition_point(|&t| t < bound),
                    "{len} {bound}"
                );
            }
        }
    }

    #[test]
    fn a_pattern_is_tried_at_its_opening_words_only_when_every_match_opens_with_one() {
        let words = |p: &str| opening_words(p);
        assert_eq!(
            words(r"\b(?:the\s+)?(?:next|coming)\s+(?P<unit>days?|weeks?)\b"),
            Some(vec![
                "coming".to_string(),
                "next".to_string(),
                "the".to_string()
            ])
        );
        assert_eq!(words(r"\blast\s+week\b"), Some(vec!["last".to_string()]));
        // No leading `\b`: a match may open inside a word.
        assert_eq!(words(r"(?:next|last)\s+week\b"), None);
        // Upper case: the pattern does not read the lower-case text.
        assert_eq!(words(r"\bNext\s+week\b"), None);
        // A match that may open with a digit or with any letter.
        assert_eq!(words(r"\b(?:[0-9]+|next)\s+weeks\b"), None);
        assert_eq!(words(r"\b[a-z]+\s+weeks\b"), None);
    }

    #[test]
    fn periods_tried_at_their_opening_words_are_those_a_whole_text_search_finds() {
        use crate::model::Article;
        let book = crate::rules::RuleBook::with_dir(None).expect("rules");
        let lex = std::sync::Arc::new(crate::lexicon::Lexicon::new(&book));
        let recognizer = Recognizer::new(lex.clone());
        assert!(
            recognizer
                .dates
                .periods
                .iter()
                .all(|p| p.as_ref().is_some_and(|(_, at_cues)| *at_cues))
        );
        // Each is tried only where its first two words are.
        assert!(recognizer.dates.by_openers.iter().all(|&b| b));
        let text = "The Next Two Days matter. THE COMING WEEKS too, and the following \
            month. Last week was calm; the past year less so, the previous month \
            worse. This weekend, x_last week, 5last week, nothe next days, \
            and_the coming weeks, (next\u{a0}two days), next\n\nthree weeks, \
            next Month and THIS year. The  current\tweek, the current\u{a0}month, \
            the current-year, the\u{2003}coming weekend, these next days, the nextdays, \
            this weekends, this week's, the\x0bcoming weekend, the\u{2003}following month.";
        let article = Article {
            id: "a".into(),
            path: "a.txt".into(),
            title: None,
            source: None,
            published: Some("2025-05-23".into()),
            url: None,
            label: String::new(),
            text: text.into(),
        };
        let seg = crate::segment::segment(text, &lex);
        let ids: Vec<&str> = lex.periods.iter().map(|p| p.id.as_str()).collect();
        let got: Vec<(usize, usize)> = recognizer
            .recognize(0, &article, &seg, super::super::Conventions::default())
            .iter()
            .filter(|m| ids.contains(&&*m.rule))
            .map(|m| (m.span.start, m.span.end))
            .collect();
        let mut want: Vec<(usize, usize)> = lex
            .periods
            .iter()
            .flat_map(|p| p.regex.find_iter(text).map(|m| (m.start(), m.end())))
            .collect();
        want.sort_unstable();
        assert_eq!(got, want);
        assert_eq!(want.len(), 15, "{want:?}");
    }

    #[test]
    fn openers_read_two_words_past_the_spaces_of_a_pattern() {
        let literals = spaced_literals(r"(?-u:\b)(?:this|the\s+current)\s(?P<u>week|month)s?")
            .expect("finite");
        let mut pairs: Vec<_> = literals.iter().map(|l| first_two_words(l)).collect();
        pairs.sort();
        pairs.dedup();
        let pair = |a: &str, b: &str, whole| Some((a.into(), (b.into(), whole)));
        // `week` may go on (`weeks`); `the current` is followed by a space.
        assert_eq!(
            pairs,
            [
                pair("the", "current", true),
                pair("this", "month", false),
                pair("this", "months", false),
                pair("this", "week", false),
                pair("this", "weeks", false),
            ]
        );
        // A literal that does not end its first word cannot be trusted.
        assert_eq!(first_two_words(b"next"), None);
        assert_eq!(first_two_words(b"next-day"), None);
        assert_eq!(
            first_two_words(b"next "),
            Some((b"next".to_vec(), (vec![], false)))
        );
    }

    #[test]
    fn a_user_period_that_may_open_inside_a_word_is_searched_over_the_whole_text() {
        use crate::model::{Article, MentionValue};
        use crate::rules::{RuleBook, RuleSource, default_sources};
        // No leading `\b`: no opening word can be trusted, so the rule must
        // take the whole-text path and still find every match.
        let user = r#"
[[relative_period]]
id = "user.past_nights"
about = "`the past 3 nights`"
pattern = '(?:during\s+)?the\s+past\s+(?P<n>[0-9]+)\s+nights'
direction = "past"
unit = "day"
"#;
        let mut sources = default_sources();
        sources.push(RuleSource {
            name: "user.toml".into(),
            text: user.into(),
        });
        let book = RuleBook::load(&sources).expect("rules");
        let lex = std::sync::Arc::new(crate::lexicon::Lexicon::new(&book));
        let rule = lex
            .periods
            .iter()
            .position(|p| p.id == "user.past_nights")
            .expect("the user rule");
        let recognizer = Recognizer::new(lex.clone());
        assert!(matches!(recognizer.dates.periods[rule], Some((_, false))));
        let text = "It rained during the past 3 nights, and Xthe Past 2 nights too; \
            last week was dry.";
        let article = Article {
            id: "a".into(),
            path: "a.txt".into(),
            title: None,
            source: None,
            published: Some("2025-05-23".into()),
            url: None,
            label: String::new(),
            text: text.into(),
        };
        let seg = crate::segment::segment(text, &lex);
        let got: Vec<(&str, Option<String>)> = recognizer
            .recognize(0, &article, &seg, super::super::Conventions::default())
            .iter()
            .filter(|m| &*m.rule == "user.past_nights")
            .map(|m| match &m.value {
                MentionValue::Date(d) => (&text[m.span.start..m.span.end], d.iso.clone()),
                other => panic!("not a date: {other:?}"),
            })
            .collect();
        assert_eq!(
            got,
            [
                ("during the past 3 nights", Some("2025-05-20".to_string())),
                ("the Past 2 nights", Some("2025-05-21".to_string())),
            ]
        );
    }

    #[test]
    fn a_shape_reads_the_groups_the_captures_read() {
        let book = crate::rules::RuleBook::with_dir(None).expect("rules");
        let lex = crate::lexicon::Lexicon::new(&book);
        let p = DatePatterns::new(&lex);
        // Plain shapes, and near misses the regex engine must read.
        let text = "on may 23, 2025 and 24 may 2025; mar 3 2024 and march 5; \
            may 5-6, 2025; 7 june; on  friday, on sunday next week, monday; \
            sept. 4 and 12th of june; may the 5th; on friday the 13th; \
            mayfirst, may\u{a0}5, 5 may\u{a0}2025, next friday; on 12 may";
        let mut read = 0;
        for folded in [&p.month_day, &p.day_month, &p.weekday] {
            for start in (0..text.len())
                .filter(|&i| text.is_char_boundary(i) && word_starts_at(text.as_bytes(), i))
            {
                let slice = &text[start..];
                let Some(caps) = folded.anchored.captures(slice) else {
                    continue;
                };
                let m = caps.get(0).expect("match");
                if let Some(groups) = folded.read(&slice[..m.end()]) {
                    read += 1;
                    for (i, group) in groups.iter().enumerate() {
                        let want = caps.get(i).map(|g| (g.start(), g.end()));
                        assert_eq!(*group, want, "group {i} of {:?}", m.as_str());
                    }
                }
            }
        }
        // `may 23, 2025`, `24 may 2025`, `mar 3 2024`, `march 5`, `7 june`,
        // `12 may` and the weekdays `on  friday`, `monday` at least.
        assert!(read >= 9, "only {read} matches read by shape");
    }

    #[test]
    fn the_lazy_dfa_ends_each_try_where_the_regex_crate_ends_it() {
        let book = crate::rules::RuleBook::with_dir(None).expect("rules");
        let lex = crate::lexicon::Lexicon::new(&book);
        let p = DatePatterns::new(&lex);
        let text = "on may 23, 2025 and 24-25 may; friday the 13th, the next two \
            days, 23.05.2025, 2025-05-23, may\u{a0}5 and ma\u{301}y 6, since march 2022.";
        for folded in [
            &p.month_day,
            &p.day_month,
            &p.dotted,
            &p.iso,
            &p.weekday_the,
            &p.year,
        ] {
            let ends = folded.ends.as_ref().expect("a lazy DFA");
            let mut cache = ends.dfa.create_cache();
            for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
                let slice = &text[start..];
                let want = folded.anchored.find(slice).map(|m| m.end());
                if let Some(got) = ends.end(&mut cache, slice) {
                    assert_eq!(got, want, "{:?} at {start}", folded.anchored.as_str());
                }
            }
        }
    }

    #[test]
    fn digit_parts_are_the_groups_of_a_numeric_date() {
        let parts = |s: &str| digit_parts(s).collect::<Vec<_>>();
        assert_eq!(parts("2025-05-23"), [2025, 5, 23]);
        assert_eq!(parts("23.05.2025"), [23, 5, 2025]);
        assert_eq!(parts("5/23, 25"), [5, 23, 25]);
        assert_eq!(parts("4/22"), [4, 22]);
    }
}
