//! Facts: mentions in context become comparable claims. One file per fact
//! kind; the words and classes come from the rules.

mod count;
mod date;
mod format;
mod quote;
mod role;

use std::collections::HashMap;
use std::sync::Arc;

use regex::Regex;

use crate::lexicon::Lexicon;
use crate::mentions::LineIndex;
use crate::model::{
    Article, Block, Fact, FactValue, Mention, MentionKind, MentionValue, Segmented, Span,
};

/// Compiled patterns for every fact kind; build once per run.
pub struct Extractor {
    lex: Arc<Lexicon>,
    speaker: quote::SpeakerPatterns,
    /// A comma, semicolon or `and`: the end of a clause, unless the clause
    /// goes on listing counts.
    clause_break: Regex,
    /// A subordinating word: always a new clause.
    strong_break: Regex,
    /// Only an auxiliary between a noun and its verb: `were`, `have been`.
    passive_gap: Regex,
    said_word: Regex,
    /// An auxiliary right before a verb: `… were evacuated`.
    auxiliary_before: Regex,
}

/// One article's material, shared by the fact kinds.
pub(crate) struct Context<'a> {
    pub index: usize,
    pub text: &'a str,
    pub seg: &'a Segmented,
    pub mentions: &'a [Mention],
    pub lines: LineIndex,
    /// The person mentions, in order of start: looked up by place, for a
    /// scan of them per quote or title made long articles quadratic.
    persons: Vec<&'a Mention>,
    /// The longest person mention, which bounds how far back one can start.
    longest_person: usize,
    /// The quote mentions, in order of start, with the furthest end so far.
    quotes: Vec<&'a Mention>,
    quotes_max_end: Vec<usize>,
}

impl<'a> Context<'a> {
    pub fn new(
        index: usize,
        text: &'a str,
        seg: &'a Segmented,
        mentions: &'a [Mention],
    ) -> Context<'a> {
        let of_kind = |kind: MentionKind| -> Vec<&'a Mention> {
            let mut found: Vec<&Mention> = mentions.iter().filter(|m| m.kind == kind).collect();
            found.sort_by_key(|m| m.span.start);
            found
        };
        let persons = of_kind(MentionKind::Person);
        let quotes = of_kind(MentionKind::Quote);
        let mut furthest = 0;
        let quotes_max_end = quotes
            .iter()
            .map(|q| {
                furthest = furthest.max(q.span.end);
                furthest
            })
            .collect();
        Context {
            index,
            text,
            seg,
            mentions,
            lines: LineIndex::new(text),
            longest_person: persons
                .iter()
                .map(|p| p.span.end - p.span.start)
                .max()
                .unwrap_or(0),
            persons,
            quotes,
            quotes_max_end,
        }
    }

    /// The sentence holding `at`, if it is not page furniture.
    pub fn sentence(&self, at: usize) -> Option<Block> {
        let i = self.seg.sentences.partition_point(|b| b.span.end <= at);
        self.seg
            .sentences
            .get(i)
            .filter(|b| b.span.start <= at && !b.furniture)
            .copied()
    }

    pub fn paragraph_index(&self, at: usize) -> Option<usize> {
        let i = self.seg.paragraphs.partition_point(|b| b.span.end <= at);
        self.seg
            .paragraphs
            .get(i)
            .filter(|b| b.span.start <= at)
            .map(|_| i)
    }

    /// The persons that start in `from..=to`, in order.
    pub fn persons_starting(&self, from: usize, to: usize) -> &[&'a Mention] {
        let first = self.persons.partition_point(|p| p.span.start < from);
        let past = self.persons.partition_point(|p| p.span.start <= to);
        &self.persons[first..past.max(first)]
    }

    /// The persons that lie inside `start..end`, in order.
    pub fn persons_within(
        &self,
        start: usize,
        end: usize,
    ) -> impl DoubleEndedIterator<Item = &'a Mention> {
        self.persons_starting(start, end)
            .iter()
            .copied()
            .filter(move |p| p.span.end <= end)
    }

    /// The persons that end by `at` and end no more than `reach` bytes
    /// before it, in order.
    pub fn persons_ending_near(
        &self,
        at: usize,
        reach: usize,
    ) -> impl DoubleEndedIterator<Item = &'a Mention> {
        let from = at.saturating_sub(reach + self.longest_person);
        self.persons_starting(from, at)
            .iter()
            .copied()
            .filter(move |p| p.span.end <= at && at - p.span.end <= reach)
    }

    pub fn quotes(&self) -> &[&'a Mention] {
        &self.quotes
    }

    /// Whether a quote holds all of `start..end`.
    pub fn in_quote(&self, start: usize, end: usize) -> bool {
        let before = self.quotes.partition_point(|q| q.span.start <= start);
        before > 0 && self.quotes_max_end[before - 1] >= end
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            line: self.lines.line(start),
        }
    }
}

/// Facts looked up by the spans they hold: a scan of them all for every
/// mention made long articles quadratic.
pub(crate) struct Holders<'a> {
    facts: &'a [Fact],
    /// Start, end and index of each fact, by start.
    by_start: Vec<(usize, usize, usize)>,
    /// The longest fact, which bounds how far back a holder can start.
    longest: usize,
}

impl<'a> Holders<'a> {
    pub fn new(facts: &'a [Fact]) -> Holders<'a> {
        let mut by_start: Vec<(usize, usize, usize)> = facts
            .iter()
            .enumerate()
            .map(|(i, f)| (f.span.start, f.span.end, i))
            .collect();
        by_start.sort_unstable();
        Holders {
            facts,
            longest: by_start.iter().map(|&(s, e, _)| e - s).max().unwrap_or(0),
            by_start,
        }
    }

    /// The first fact, in the order given, whose span holds `start..end`.
    pub fn first_holding(&self, start: usize, end: usize) -> Option<&'a Fact> {
        let from = end.saturating_sub(self.longest);
        let first = self.by_start.partition_point(|&(s, _, _)| s < from);
        let past = self.by_start.partition_point(|&(s, _, _)| s <= start);
        self.by_start[first..past.max(first)]
            .iter()
            .filter(|&&(_, e, _)| end <= e)
            .map(|&(_, _, i)| i)
            .min()
            .map(|i| &self.facts[i])
    }
}

/// The role facts of an article by title and by each word of their
/// titles, each list by start: the holder nearest a phrase is found by
/// halving, for a scan of all roles per quote made long articles
/// quadratic.
pub(crate) struct Roles<'a> {
    facts: &'a [Fact],
    by_title: HashMap<&'a str, Vec<(usize, usize)>>,
    by_word: HashMap<String, Vec<(usize, usize)>>,
}

impl<'a> Roles<'a> {
    pub fn new(facts: &'a [Fact]) -> Roles<'a> {
        let mut by_title: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        let mut by_word: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (i, f) in facts.iter().enumerate() {
            let FactValue::Text(title) = &f.value else {
                continue;
            };
            by_title.entry(title).or_default().push((f.span.start, i));
            let lower = title.to_lowercase();
            let mut words: Vec<&str> = lower.split_whitespace().collect();
            words.sort_unstable();
            words.dedup();
            for w in words {
                by_word
                    .entry(w.to_string())
                    .or_default()
                    .push((f.span.start, i));
            }
        }
        for list in by_title.values_mut().chain(by_word.values_mut()) {
            list.sort_unstable();
        }
        Roles {
            facts,
            by_title,
            by_word,
        }
    }

    /// The role of `title` that starts nearest `at`, the first of those
    /// as near.
    pub fn nearest_of_title(&self, title: &str, at: usize) -> Option<&'a Fact> {
        let list = self.by_title.get(title)?;
        let after = list.partition_point(|&(s, _)| s < at);
        let distance = |k: usize| list[k].0.abs_diff(at);
        let nearest = [after.checked_sub(1), (after < list.len()).then_some(after)]
            .into_iter()
            .flatten()
            .map(distance)
            .min()?;
        let starting = |s: usize| {
            let from = list.partition_point(|&(t, _)| t < s);
            list[from..].iter().take_while(move |&&(t, _)| t == s)
        };
        let index = starting(at.saturating_sub(nearest))
            .filter(|&&(s, _)| s.abs_diff(at) == nearest)
            .chain(starting(at + nearest))
            .map(|&(_, i)| i)
            .min()?;
        Some(&self.facts[index])
    }

    /// The role with `word` in its title that starts last at or before
    /// `at`, else first after it; the first of those that start there.
    pub fn nearest_with_word(&self, word: &str, at: usize) -> Option<&'a Fact> {
        let list = self.by_word.get(word)?;
        let after = list.partition_point(|&(s, _)| s <= at);
        let start = match after.checked_sub(1) {
            Some(k) => list[k].0,
            None => list.first()?.0,
        };
        let from = list.partition_point(|&(s, _)| s < start);
        // Sorted by start and index: the first at that start.
        Some(&self.facts[list[from].1])
    }
}

/// The text a mention carries (a person's name), if any.
pub(crate) fn text_of(m: &Mention) -> Option<&str> {
    match &m.value {
        MentionValue::Text(t) => Some(t),
        _ => None,
    }
}

pub(crate) fn word_regex(alternation: &str) -> Regex {
    crate::rules::code_regex(&format!(r"(?i)\b(?:{alternation})\b"))
        .unwrap_or_else(|_| crate::rules::code_regex("$^").expect("empty"))
}

impl Extractor {
    pub fn new(lex: Arc<Lexicon>) -> Extractor {
        Extractor {
            speaker: quote::SpeakerPatterns::new(&lex),
            clause_break: crate::rules::code_regex(r"(?i)[,;:]|\b(?:and|or)\b").expect("clause break"),
            strong_break: crate::rules::code_regex(r"(?i)\b(?:but|while|whereas|when|after|before|because|which|who|where|whose|until|although)\b").expect("strong break"),
            passive_gap: crate::rules::code_regex(r"(?i)^\s*(?:(?:were|was|are|is|have|has|had|been|being|be|reportedly|also|still|later|now)\s+)*$").expect("passive gap"),
            said_word: word_regex(&lex.speech_verbs),
            auxiliary_before: crate::rules::code_regex(r"(?i)\b(?:were|was|are|is|been|be|being)\s+(?:[a-z]+ly\s+)?$").expect("auxiliary"),
            lex,
        }
    }

    /// Every fact of one article, in text order, ids `a1:f1`, `a1:f2`…
    pub fn extract(
        &self,
        index: usize,
        article: &Article,
        seg: &Segmented,
        mentions: &[Mention],
    ) -> Vec<Fact> {
        let cx = Context::new(index, &article.text, seg, mentions);
        let roles = self.roles(&cx);
        let role_index = Roles::new(&roles);
        let quotes = self.quote_facts(&cx, &role_index);
        let formats = self.formats(&cx, &quotes);
        let counts = self.counts(&cx, &quotes, &formats, &role_index);
        let mut facts = roles;
        facts.extend(counts);
        facts.extend(self.dates(&cx, &quotes));
        // A format in quotation marks (`the "1000 for 1000" format`) is a
        // term, not speech.
        let format_holders = Holders::new(&formats);
        facts.extend(
            quotes
                .iter()
                .filter(|q| {
                    format_holders
                        .first_holding(q.span.start, q.span.end)
                        .is_none()
                })
                .cloned(),
        );
        facts.extend(formats);
        facts.sort_by(|a, b| (a.span.start, a.kind, &a.key).cmp(&(b.span.start, b.kind, &b.key)));
        for (n, f) in facts.iter_mut().enumerate() {
            f.id = format!("{}:f{}", article.id, n + 1);
        }
        facts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FactKind;

    fn fact(start: usize, end: usize, title: &str) -> Fact {
        let span = Span {
            start,
            end,
            line: 1,
        };
        Fact {
            id: String::new(),
            article: 0,
            kind: FactKind::Role,
            key: String::new(),
            value: FactValue::Text(title.to_string()),
            speaker: None,
            person: None,
            part: None,
            stage: None,
            mode: None,
            when: None,
            amount_words: None,
            span,
            sentence: span,
            rule: String::new(),
        }
    }

    /// Facts at pseudo-random places, some sharing a start, some nested.
    fn facts() -> Vec<Fact> {
        let titles = ["Prime Minister", "Foreign Minister", "Mayor"];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        (0..60)
            .map(|i| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let start = (seed % 300) as usize;
                fact(start, start + 1 + (seed >> 20) as usize % 40, titles[i % 3])
            })
            .collect()
    }

    #[test]
    fn lookups_by_position_find_what_a_scan_of_all_facts_finds() {
        let facts = facts();
        let holders = Holders::new(&facts);
        let roles = Roles::new(&facts);
        let same = |a: Option<&Fact>, b: Option<&Fact>| {
            a.map(|f| f as *const Fact) == b.map(|f| f as *const Fact)
        };
        for at in 0..360 {
            for len in [0, 1, 7, 30] {
                let scanned = facts
                    .iter()
                    .find(|f| f.span.start <= at && at + len <= f.span.end);
                assert!(
                    same(holders.first_holding(at, at + len), scanned),
                    "{at} {len}"
                );
            }
            for title in ["Prime Minister", "Mayor", "Chancellor"] {
                let scanned = facts
                    .iter()
                    .filter(|r| matches!(&r.value, FactValue::Text(t) if t == title))
                    .min_by_key(|r| r.span.start.abs_diff(at));
                assert!(
                    same(roles.nearest_of_title(title, at), scanned),
                    "{title} {at}"
                );
            }
            for word in ["minister", "mayor", "prime", "king"] {
                let scanned = facts
                    .iter()
                    .filter(|r| matches!(&r.value, FactValue::Text(t) if t.to_lowercase().split_whitespace().any(|w| w == word)))
                    .min_by_key(|r| (r.span.start > at, r.span.start.abs_diff(at)));
                assert!(
                    same(roles.nearest_with_word(word, at), scanned),
                    "{word} {at}"
                );
            }
        }
    }
}
