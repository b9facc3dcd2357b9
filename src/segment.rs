//! Paragraphs and sentences with byte spans, and page furniture marked by
//! rule (marker lines, list sections) and by shape (runs of short lines
//! without sentence punctuation: headline lists, navigation, bylines).

use crate::lexicon::Lexicon;
use crate::model::{Block, Segmented, Span};

/// A run of this many short lines is a list, not prose.
const LIST_RUN: usize = 3;
/// Lines with more words than this are prose even without a full stop.
const SHORT_LINE_WORDS: usize = 20;
/// A line this long ends a furniture section.
const BODY_LINE_WORDS: usize = 30;

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "capt", "prof", "sen", "rep", "gov",
    "jr", "sr", "vs", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "inc", "ltd", "co", "corp", "u.s", "u.k", "e.g", "i.e", "etc",
];

struct Line {
    start: usize,
    end: usize,
    number: usize,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    for (number, raw) in text.split_inclusive('\n').enumerate() {
        let content = raw.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if !trimmed.is_empty() {
            out.push(Line {
                start: start + lead,
                end: start + lead + trimmed.len(),
                number: number + 1,
            });
        }
        start += raw.len();
    }
    out
}

fn ends_like_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '”', '’', '»', ')', '\'', ' ']);
    trimmed.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn is_short(line: &str, lex: &Lexicon) -> bool {
    let words = line.split_whitespace().count();
    let internal_break = line.contains(". ") || line.contains("? ") || line.contains("! ");
    words <= SHORT_LINE_WORDS
        && !ends_like_sentence(line)
        && !internal_break
        && !is_attribution_line(line, lex)
}

/// `- said Zelenskyy.`: the attribution of the paragraph before it.
pub fn is_attribution_line(line: &str, lex: &Lexicon) -> bool {
    let t = line.trim_start();
    let Some(rest) = t.strip_prefix(['-', '–', '—']) else {
        return false;
    };
    let first = rest.split_whitespace().next().unwrap_or("").to_lowercase();
    !first.is_empty() && lex.speech_word.is_match(&first)
        || rest.split_whitespace().count() <= 3 && rest.trim_start().starts_with(char::is_uppercase)
}

/// Marks each line as furniture or not.
fn furniture_lines(text: &str, lines: &[Line], lex: &Lexicon) -> Vec<bool> {
    let mut furniture = vec![false; lines.len()];
    let mut in_section = false;
    for (i, line) in lines.iter().enumerate() {
        let content = &text[line.start..line.end];
        let rule = lex.furniture.iter().find(|f| f.regex.is_match(content));
        let outlet = lex.outlets.iter().any(|o| o.regex.is_match(content));
        if let Some(rule) = rule {
            furniture[i] = true;
            in_section |= rule.section;
            continue;
        }
        if outlet {
            furniture[i] = true;
            continue;
        }
        if in_section {
            if content.split_whitespace().count() >= BODY_LINE_WORDS && ends_like_sentence(content)
            {
                in_section = false;
            } else {
                furniture[i] = true;
            }
        }
    }
    let marked = furniture.clone();
    // Runs of short lines are lists whatever their words.
    let mut i = 0;
    while i < lines.len() {
        let short = |k: usize| furniture[k] || is_short(&text[lines[k].start..lines[k].end], lex);
        if !short(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < lines.len() && short(j) {
            j += 1;
        }
        if j - i >= LIST_RUN {
            for f in &mut furniture[i..j] {
                *f = true;
            }
        }
        i = j;
    }
    // The headline sits among the page's short lines but is the article's
    // own claim (`At least 12 killed in warehouse fire`): the first
    // heading-like line that no rule marks stays in. Later copies of it
    // stay furniture.
    if let Some(h) = headline(text, lines, &marked, lex) {
        furniture[h] = false;
    }
    furniture
}

/// The first line of four or more words near the top that no furniture
/// rule marked and that is no date stamp.
fn headline(text: &str, lines: &[Line], marked: &[bool], lex: &Lexicon) -> Option<usize> {
    lines.iter().take(12).enumerate().find_map(|(k, line)| {
        let content = &text[line.start..line.end];
        let words = content.split_whitespace().count();
        let stamp = lex.published.iter().any(|p| p.regex.is_match(content));
        let heading = (4..=SHORT_LINE_WORDS).contains(&words) && !ends_like_sentence(content);
        (!marked[k] && !stamp && heading).then_some(k)
    })
}

fn line_of(text: &str, offset: usize, first_line: usize, line_start: usize) -> usize {
    first_line + text[line_start..offset].matches('\n').count()
}

/// Sentence spans inside one line.
fn sentences(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut s = start;
    let mut i = start;
    while i < end {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            // Closing quotes and brackets belong to the sentence they end.
            while j < end {
                let rest = &text[j..end];
                let ch = rest.chars().next().unwrap_or(' ');
                if matches!(ch, '"' | '”' | '’' | '»' | ')' | '\'' | '.' | '!' | '?') {
                    j += ch.len_utf8();
                } else {
                    break;
                }
            }
            let next_is_space = j < end && text[j..end].starts_with(char::is_whitespace);
            let after = text[j..end].trim_start();
            let next_starts = after
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“«‘'".contains(c));
            let word_before: String = text[s..i]
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("")
                .to_lowercase();
            let abbreviation = b == b'.'
                && (ABBREVIATIONS.contains(&word_before.trim_start_matches(['(', '"'])) || {
                    let w = word_before.trim_start_matches(['(', '"']);
                    w.len() == 1 && w.chars().all(char::is_alphabetic)
                });
            if next_is_space && next_starts && !abbreviation {
                out.push((s, j));
                s = j + (text[j..end].len() - after.len());
                i = s;
                continue;
            }
            i = j;
            continue;
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    if s < end {
        out.push((s, end));
    }
    out
}

/// Cuts an article into paragraphs (lines) and sentences, furniture marked.
pub fn segment(text: &str, lex: &Lexicon) -> Segmented {
    let lines = lines(text);
    let furniture = furniture_lines(text, &lines, lex);
    let mut seg = Segmented::default();
    for (line, &is_furniture) in lines.iter().zip(&furniture) {
        seg.paragraphs.push(Block {
            span: Span {
                start: line.start,
                end: line.end,
                line: line.number,
            },
            furniture: is_furniture,
        });
        let content = &text[line.start..line.end];
        // A leading date stamp (`date 2025-05-23 Headline…`) is metadata.
        let mut body_start = line.start;
        if !is_furniture
            && let Some(m) = lex
                .published
                .iter()
                .filter_map(|p| p.regex.find(content))
                .find(|m| m.start() == 0)
        {
            seg.sentences.push(Block {
                span: Span {
                    start: line.start,
                    end: line.start + m.end(),
                    line: line.number,
                },
                furniture: true,
            });
            body_start = line.start + m.end();
            body_start +=
                text[body_start..line.end].len() - text[body_start..line.end].trim_start().len();
        }
        for (s, e) in sentences(text, body_start, line.end) {
            seg.sentences.push(Block {
                span: Span {
                    start: s,
                    end: e,
                    line: line_of(text, s, line.number, line.start),
                },
                furniture: is_furniture,
            });
        }
    }
    seg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str) -> Vec<String> {
        sentences(text, 0, text.len())
            .into_iter()
            .map(|(s, e)| text[s..e].to_string())
            .collect()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        assert_eq!(
            sentence_texts("Mr. Smith met Dr. Jones. They talked. \"It went well.\" He left."),
            vec![
                "Mr. Smith met Dr. Jones.",
                "They talked.",
                "\"It went well.\"",
                "He left."
            ]
        );
    }

    #[test]
    fn keeps_decimals_inside_sentences() {
        assert_eq!(
            sentence_texts("Sales rose 3.5 percent. Costs fell."),
            vec!["Sales rose 3.5 percent.", "Costs fell."]
        );
    }
}
