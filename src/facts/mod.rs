//! Facts: mentions in context become comparable claims. One file per fact
//! kind; the words and classes come from the rules.

mod count;
mod date;
mod format;
mod quote;
mod role;

use std::sync::Arc;

use regex::Regex;

use crate::lexicon::Lexicon;
use crate::mentions::LineIndex;
use crate::model::{Article, Block, Fact, Mention, MentionKind, MentionValue, Segmented, Span};

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
}

impl Context<'_> {
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

    pub fn persons(&self) -> impl Iterator<Item = &Mention> {
        self.mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Person)
    }

    pub fn quotes(&self) -> impl Iterator<Item = &Mention> {
        self.mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Quote)
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            line: self.lines.line(start),
        }
    }
}

/// A fact before it gets its id.
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
        let cx = Context {
            index,
            text: &article.text,
            seg,
            mentions,
            lines: LineIndex::new(&article.text),
        };
        let roles = self.roles(&cx);
        let quotes = self.quote_facts(&cx, &roles);
        let formats = self.formats(&cx, &quotes);
        let counts = self.counts(&cx, &quotes, &formats, &roles);
        let mut facts = roles;
        facts.extend(counts);
        facts.extend(self.dates(&cx, &quotes));
        // A format in quotation marks (`the "1000 for 1000" format`) is a
        // term, not speech.
        let quotes = quotes.into_iter().filter(|q| {
            !formats
                .iter()
                .any(|f| f.span.start <= q.span.start && q.span.end <= f.span.end)
        });
        facts.extend(quotes);
        facts.extend(formats);
        facts.sort_by(|a, b| (a.span.start, a.kind, &a.key).cmp(&(b.span.start, b.kind, &b.key)));
        for (n, f) in facts.iter_mut().enumerate() {
            f.id = format!("{}:f{}", article.id, n + 1);
        }
        facts
    }
}
