//! Quotes: straight, curly and angle quotes paired per paragraph (nested
//! quotes stay inside the outer one), a closing quote with no opening one
//! (the quote began with the paragraph), and a paragraph without marks that
//! is followed by a `- said X` line.

use std::sync::Arc;

use super::{Found, Recognizer};
use crate::model::{Block, MentionKind, MentionValue};

/// Shorter quoted runs are names or scare quotes (`"Azov"`), not speech.
const MIN_QUOTE_WORDS: usize = 3;

#[derive(PartialEq)]
enum Mark {
    Open,
    Close,
}

fn classify(text: &str, at: usize, ch: char) -> Option<Mark> {
    match ch {
        '“' | '«' | '„' => Some(Mark::Open),
        '”' | '»' => Some(Mark::Close),
        '"' => {
            let before = text[..at].chars().next_back();
            let after = text[at + 1..].chars().next();
            let open_before = before.is_none_or(|c| c.is_whitespace() || "([{—–-:".contains(c));
            let word_after = after.is_some_and(|c| !c.is_whitespace() && !",.;:!?".contains(c));
            Some(if open_before && word_after {
                Mark::Open
            } else {
                Mark::Close
            })
        }
        _ => None,
    }
}

/// Where a char that may be a quote mark starts in `text[start..end]`:
/// `"` and the chars whose UTF-8 opens with 0xC2 (`«`, `»`) or 0xE2
/// (`“`, `”`, `„`), found by a vectorized byte search instead of reading
/// every char.
fn marks(text: &str, start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr3_iter(b'"', 0xC2, 0xE2, &text.as_bytes()[start..end]).map(move |i| start + i)
}

fn trim_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim().trim_end_matches([',', ' ']);
    (start + lead, start + lead + trimmed.len())
}

impl Recognizer {
    pub(super) fn quotes(&self, text: &str, paragraphs: &[Block]) -> Vec<Found> {
        let mut out = Vec::new();
        let is_attribution = |b: &Block| {
            crate::segment::is_attribution_line(&text[b.span.start..b.span.end], &self.lex)
        };
        for (i, para) in paragraphs.iter().enumerate() {
            if para.furniture || is_attribution(para) {
                continue;
            }
            let (ps, pe) = (para.span.start, para.span.end);
            let next_attributes = paragraphs.get(i + 1).is_some_and(&is_attribution);
            if next_attributes {
                // The whole paragraph is the quote; quotes inside it are its own.
                let (s, e) = trim_span(text, ps, pe);
                push_quote(text, s, e, &self.ids.quote, &mut out);
                continue;
            }
            let mut stack: Vec<usize> = Vec::new();
            let mut any = false;
            for at in marks(text, ps, pe) {
                let Some(ch) = text[at..].chars().next() else {
                    continue;
                };
                match classify(text, at, ch) {
                    Some(Mark::Open) => stack.push(at + ch.len_utf8()),
                    Some(Mark::Close) => match stack.pop() {
                        Some(open) if stack.is_empty() => {
                            let (s, e) = trim_span(text, open, at);
                            push_quote(text, s, e, &self.ids.quote, &mut out);
                            any = true;
                        }
                        Some(_) => {}
                        None if !any => {
                            // The quote opened in the paragraph's first word.
                            let (s, e) = trim_span(text, ps, at);
                            push_quote(text, s, e, &self.ids.quote, &mut out);
                            any = true;
                        }
                        None => {}
                    },
                    None => {}
                }
            }
            if let Some(&open) = stack.first() {
                // Runs on past the paragraph: the quote goes to its end.
                let (s, e) = trim_span(text, open, pe);
                push_quote(text, s, e, &self.ids.quote, &mut out);
            }
        }
        out
    }
}

fn push_quote(text: &str, start: usize, end: usize, rule: &Arc<str>, out: &mut Vec<Found>) {
    // Enough words is all that matters: a long quote is not counted through.
    if start >= end
        || text[start..end]
            .split_whitespace()
            .nth(MIN_QUOTE_WORDS - 1)
            .is_none()
    {
        return;
    }
    out.push(Found {
        kind: MentionKind::Quote,
        start,
        end,
        value: MentionValue::Text(text[start..end].to_string()),
        rule: rule.clone(),
    });
}
