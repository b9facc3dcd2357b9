//! The low layer: numbers, dates, persons and quotes with their spans.

mod cues;
mod dates;
mod masks;
mod numbers;
mod persons;
mod quotes;
mod swar;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

pub use dates::{DateOrder, settle_date_orders};
pub use numbers::ThousandsSeparator;
pub use persons::first_names_agree;

use crate::lexicon::Lexicon;
use crate::model::{Article, Mention, MentionKind, MentionValue, Quantity, Segmented, Span};

pub(crate) fn overlaps(a: usize, b: usize, c: usize, d: usize) -> bool {
    a < d && c < b
}

/// `look` given `word` in lower case, as the lexicon's maps hold words:
/// without an allocation when the word is short ASCII (where ASCII and
/// Unicode lower case agree), as most are.
pub(crate) fn lowered<R>(word: &str, look: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 24];
    match buf.get_mut(..word.len()) {
        Some(lower) if word.is_ascii() => {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            look(std::str::from_utf8(lower).expect("ASCII stays UTF-8"))
        }
        _ => look(&word.to_lowercase()),
    }
}

/// Spans asked many times whether any of them overlaps a range: sorted by
/// start with the furthest end so far, so a query is a binary search, not
/// a scan (a scan per token made long articles quadratic).
pub(crate) struct SpanSet {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl SpanSet {
    pub(crate) fn new(mut spans: Vec<(usize, usize)>) -> SpanSet {
        spans.sort_unstable();
        let mut furthest = 0;
        let max_end = spans
            .iter()
            .map(|&(_, e)| {
                furthest = furthest.max(e);
                furthest
            })
            .collect();
        SpanSet {
            starts: spans.into_iter().map(|(s, _)| s).collect(),
            max_end,
        }
    }

    /// Whether one span holds all of `start..end`: the span that starts
    /// there or before and reaches furthest.
    pub(crate) fn holds(&self, start: usize, end: usize) -> bool {
        let from_here = self.starts.partition_point(|&s| s <= start);
        from_here > 0 && self.max_end[from_here - 1] >= end
    }

    /// Whether any span overlaps `start..end`, as [`overlaps`] decides.
    pub(crate) fn overlaps(&self, start: usize, end: usize) -> bool {
        let before_end = self.starts.partition_point(|&s| s < end);
        before_end > 0 && self.max_end[before_end - 1] > start
    }
}

/// A recognition before it is placed on its line.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub kind: MentionKind,
    pub start: usize,
    pub end: usize,
    pub value: MentionValue,
    pub rule: Arc<str>,
}

impl Found {
    fn quantity(kind: MentionKind, start: usize, end: usize, value: f64, rule: &Arc<str>) -> Found {
        Found {
            kind,
            start,
            end,
            value: MentionValue::Quantity(Quantity {
                value,
                ..Quantity::default()
            }),
            rule: rule.clone(),
        }
    }
}

/// The rule ids mentions carry, each allocated once.
struct RuleIds {
    number: Arc<str>,
    percent: Arc<str>,
    month: Arc<str>,
    month_alone: Arc<str>,
    weekday: Arc<str>,
    shift: Arc<str>,
    relative_day: Arc<str>,
    person: Arc<str>,
    quote: Arc<str>,
    /// By relative period rule.
    periods: Vec<Arc<str>>,
    /// By vague amount rule.
    vague: Vec<Arc<str>>,
    /// By rule of percent words alone.
    percent_alone: Vec<Arc<str>>,
}

impl RuleIds {
    fn new(lex: &Lexicon) -> RuleIds {
        RuleIds {
            number: lex.number_rule.as_str().into(),
            percent: lex.percent_rule.as_str().into(),
            month: lex.month_rule.as_str().into(),
            month_alone: lex.month_alone_rule.as_str().into(),
            weekday: lex.weekday_rule.as_str().into(),
            shift: lex.shift_rule.as_str().into(),
            relative_day: lex.relative_day_rule.as_str().into(),
            person: "person.name".into(),
            quote: "quote.marks".into(),
            periods: lex.periods.iter().map(|p| p.id.as_str().into()).collect(),
            vague: lex.vague.iter().map(|v| v.id.as_str().into()).collect(),
            percent_alone: lex
                .percent_alone
                .iter()
                .map(|p| p.id.as_str().into())
                .collect(),
        }
    }
}

/// How an outlet writes what its text alone may not tell: which part of
/// `05/06/2025` is the month, and whether `1.000` is one or a thousand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Conventions {
    pub date_order: DateOrder,
    pub thousands_separator: ThousandsSeparator,
}

/// An outlet's own conventions, over the batch's (`[sources."Name"]` in
/// `crosscheck.toml`): what it leaves out is the batch's.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutletConventions {
    pub date_order: Option<DateOrder>,
    pub thousands_separator: Option<ThousandsSeparator>,
}

impl Conventions {
    /// These conventions with what `outlet` sets in their place.
    pub fn with(self, outlet: &OutletConventions) -> Conventions {
        Conventions {
            date_order: outlet.date_order.unwrap_or(self.date_order),
            thousands_separator: outlet
                .thousands_separator
                .unwrap_or(self.thousands_separator),
        }
    }
}

/// Compiled patterns for every mention kind; build once, use for a batch.
pub struct Recognizer {
    lex: Arc<Lexicon>,
    cue_words: cues::CueWords,
    numbers: numbers::NumberPatterns,
    dates: dates::DatePatterns,
    persons: persons::PersonPatterns,
    not_numbers: masks::MaskRules,
    not_dates: masks::MaskRules,
    ids: RuleIds,
}

/// Maps byte offsets to 1-based lines.
pub struct LineIndex(Vec<usize>);

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        LineIndex(memchr::memchr_iter(b'\n', text.as_bytes()).collect())
    }

    pub fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&nl| nl < offset) + 1
    }
}

impl Recognizer {
    pub fn new(lex: Arc<Lexicon>) -> Recognizer {
        let months: Vec<&str> = lex.months.keys().map(String::as_str).collect();
        let cue_words = cues::CueWords::new(
            &months,
            dates::cue_words(&lex)
                .into_iter()
                .chain(persons::cue_words(&lex)),
            numbers::listed_words(&lex)
                .into_iter()
                .chain(dates::listed_words(&lex)),
        );
        Recognizer {
            cue_words,
            numbers: numbers::NumberPatterns::new(&lex),
            dates: dates::DatePatterns::new(&lex),
            persons: persons::PersonPatterns::new(&lex),
            not_numbers: masks::MaskRules::new(&lex.not_numbers),
            not_dates: masks::MaskRules::new(&lex.not_dates),
            ids: RuleIds::new(&lex),
            lex,
        }
    }

    /// Every mention of one article, sorted by position.
    pub fn recognize(
        &self,
        index: usize,
        article: &Article,
        seg: &Segmented,
        conventions: Conventions,
    ) -> Vec<Mention> {
        // Page furniture (menus, related headlines, tag lines) holds other
        // stories' figures: read as blank, nothing in it is a mention, and
        // offsets stay the article's. Real pages hold up to half their
        // figures there.
        let blanked = blank_furniture(&article.text, &seg.paragraphs);
        let text = blanked.as_ref();
        let reference = article
            .published
            .as_deref()
            .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok());
        let sentences: Vec<(usize, usize)> = seg
            .sentences
            .iter()
            .map(|b| (b.span.start, b.span.end))
            .collect();
        // ASCII lower case keeps every offset: word lookups read it.
        let lower = text.to_ascii_lowercase();
        let cues = self.cue_words.scan(&lower, cues::folds(&lower));
        let dates = self.dates(
            text,
            &lower,
            &cues,
            &sentences,
            reference,
            conventions.date_order,
        );
        let mut masked: Vec<(usize, usize)> = dates.iter().map(|d| (d.start, d.end)).collect();
        // Digits inside a date are no number already: no mask need be
        // looked for there (most dotted and slashed figures are dates).
        let in_dates = SpanSet::new(masked.clone());
        for (_, start, end) in
            self.not_numbers
                .spans(&self.lex.not_numbers, text, &lower, &cues, |s, e| {
                    in_dates.holds(s, e)
                })
        {
            let letters: String = text[start..end]
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect();
            let currency = self
                .lex
                .currency_symbols
                .iter()
                .any(|(s, _)| s.eq_ignore_ascii_case(&letters));
            if !currency {
                masked.push((start, end));
            }
        }
        let mut found = self.numbers(
            text,
            &lower,
            &cues,
            &masked,
            conventions.thousands_separator,
        );
        found.extend(dates);
        found.extend(self.persons(text, &cues));
        found.extend(self.quotes(text, &seg.paragraphs));
        // In order of start: the line is counted on with the newlines
        // passed, not searched for.
        let mut newlines = memchr::memchr_iter(b'\n', text.as_bytes()).peekable();
        let mut line = 1;
        in_order(found, text.len())
            .map(|f| Mention {
                article: index,
                kind: f.kind,
                span: Span {
                    start: f.start,
                    end: f.end,
                    line: {
                        while newlines.next_if(|&nl| nl < f.start).is_some() {
                            line += 1;
                        }
                        line
                    },
                },
                person: match (&f.kind, &f.value) {
                    (MentionKind::Person, MentionValue::Text(name)) => Some(name.clone()),
                    _ => None,
                },
                value: f.value,
                rule: f.rule,
            })
            .collect()
    }
}

/// `found` by start, end and kind, in the order found on a tie, as a
/// stable sort puts them. Keys with the index packed into one integer
/// sort without moving the mentions (about a hundred bytes each), which a
/// sort of the mentions spent 4% of the recognizer's time doing.
/// `text_len` bounds every offset.
fn in_order(mut found: Vec<Found>, text_len: usize) -> impl Iterator<Item = Found> {
    const INDEX: u32 = 32;
    const OFFSET: u32 = 44;
    let keys: Vec<u128> = if found.len() < 1 << INDEX && text_len < 1 << OFFSET {
        let mut keys: Vec<u128> = (found.iter().enumerate())
            .map(|(i, f)| {
                (f.start as u128) << (OFFSET + 8 + INDEX)
                    | (f.end as u128) << (8 + INDEX)
                    | (f.kind as u128) << INDEX
                    | i as u128
            })
            .collect();
        keys.sort_unstable();
        keys
    } else {
        // Beyond the packed keys' reach: the mentions themselves sorted.
        found.sort_by_key(|f| (f.start, f.end, f.kind));
        (0..found.len() as u128).collect()
    };
    let mut slots: Vec<Option<Found>> = found.into_iter().map(Some).collect();
    keys.into_iter().map(move |k| {
        let index = (k & ((1 << INDEX) - 1)) as usize;
        slots[index].take().expect("each mention once")
    })
}

/// `text` with the bytes of its furniture paragraphs (lines, without
/// their newline) made spaces, or `text` itself when it has none or
/// nothing else.
fn blank_furniture<'t>(text: &'t str, paragraphs: &[crate::model::Block]) -> Cow<'t, str> {
    let mut furniture = paragraphs.iter().filter(|p| p.furniture).peekable();
    // A text of furniture alone (a pasted date stamp, a one-line
    // question) is what the user asks about, not a page around a story.
    if furniture.peek().is_none() || paragraphs.iter().all(|p| p.furniture) {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for p in furniture {
        if let Some(span) = bytes.get_mut(p.span.start..p.span.end) {
            span.fill(b' ');
        }
    }
    // Whole lines are blanked, and they start and end on chars.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_string()))
}

/// Folds spellings of one person across the batch (`Zelensky`,
/// `Zelenskiy`, `Volodymyr Zelenskyy`) into one canonical name.
pub fn fold_persons(batch: &mut [Vec<Mention>], lex: &Lexicon) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for m in batch.iter().flatten() {
        if let Some(name) = &m.person {
            *counts.entry(name.clone()).or_default() += 1;
        }
    }
    let known: Vec<&str> = lex.persons.iter().map(|p| p.name.as_str()).collect();
    let mut names: Vec<(String, usize)> = counts.into_iter().collect();
    // Known names first, then full names by frequency, length and spelling.
    names.sort_by(|a, b| {
        let rank = |n: &(String, usize)| {
            (
                !known.contains(&n.0.as_str()),
                n.0.split_whitespace().count() < 2,
                std::cmp::Reverse(n.1),
                std::cmp::Reverse(n.0.len()),
                n.0.clone(),
            )
        };
        rank(a).cmp(&rank(b))
    });
    let surname = |n: &str| n.split_whitespace().last().unwrap_or("").to_lowercase();
    let mut canonical: HashMap<String, String> = HashMap::new();
    let mut heads: Vec<String> = Vec::new();
    for (name, _) in &names {
        let head = heads.iter().find(|h| {
            strsim::jaro_winkler(&surname(h), &surname(name)) >= lex.fold_threshold
                && first_names_agree(h, name)
        });
        match head {
            Some(h) => {
                canonical.insert(name.clone(), h.clone());
            }
            None => {
                heads.push(name.clone());
                canonical.insert(name.clone(), name.clone());
            }
        }
    }
    for m in batch.iter_mut().flatten() {
        if let Some(name) = &m.person
            && let Some(c) = canonical.get(name)
        {
            m.person = Some(c.clone());
            if m.kind == MentionKind::Person {
                m.value = MentionValue::Text(c.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_set_tells_overlap_from_holding() {
        let set = SpanSet::new(vec![(10, 20), (12, 30), (40, 45)]);
        assert!(set.holds(10, 20));
        assert!(set.holds(15, 30));
        assert!(!set.holds(5, 12));
        assert!(!set.holds(25, 41));
        assert!(set.overlaps(25, 41));
        assert!(set.holds(40, 45));
        assert!(!set.holds(45, 46));
        assert!(!set.overlaps(45, 46));
    }

    #[test]
    fn mentions_come_in_the_order_a_stable_sort_gives() {
        let rule: Arc<str> = "r".into();
        // Ties on start, end and kind keep the order they were found in;
        // the value tells them apart.
        let spans = [
            (9, 12),
            (3, 5),
            (3, 4),
            (3, 5),
            (0, 2),
            (3, 5),
            (9, 12),
            (3, 5),
        ];
        let kinds = [MentionKind::Date, MentionKind::Number, MentionKind::Person];
        let found: Vec<Found> = spans
            .iter()
            .enumerate()
            .map(|(i, &(s, e))| Found::quantity(kinds[i % 3], s, e, i as f64, &rule))
            .collect();
        let mut want = found.clone();
        want.sort_by_key(|f| (f.start, f.end, f.kind));
        let key = |f: &Found| (f.start, f.end, f.kind, format!("{:?}", f.value));
        let want: Vec<_> = want.iter().map(key).collect();
        // Packed keys, and the mentions sorted when offsets are too long
        // to pack.
        for text_len in [12, 1 << 44] {
            let got: Vec<_> = in_order(found.clone(), text_len).map(|f| key(&f)).collect();
            assert_eq!(got, want);
        }
    }
}
