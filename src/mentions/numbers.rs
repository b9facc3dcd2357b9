//! Numbers: digits in every grouping, words, scales, fractions, ordinals,
//! percentages, bounds, vague amounts and ranges.

use regex::Regex;

use super::{Found, Recognizer, overlaps};
use crate::model::{MentionKind, MentionValue, Quantity};

pub(super) struct NumberPatterns {
    digits: Regex,
    ordinal_digits: Regex,
    words: Regex,
    suffix_after: Regex,
    range_between: Regex,
    range_join: Regex,
}

impl NumberPatterns {
    pub(super) fn new(lex: &crate::lexicon::Lexicon) -> NumberPatterns {
        let mut suffixes: Vec<&String> = lex.suffixes.keys().chain(lex.scales.keys()).collect();
        suffixes.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let suffix_alt = suffixes
            .iter()
            .map(|s| regex::escape(s))
            .collect::<Vec<_>>()
            .join("|");
        NumberPatterns {
            // Groups of three after a comma or a (thin, no-break) space.
            digits: Regex::new(
                r"[0-9]+(?:(?:,[0-9]{3})+(?:\.[0-9]+)?|(?:[ \u{a0}\u{202f}\u{2009}][0-9]{3})+(?:[.,][0-9]+)?|\.[0-9]+)?",
            )
            .expect("digits pattern"),
            ordinal_digits: Regex::new(r"(?i)\b[0-9]+(?:st|nd|rd|th)\b").expect("ordinal pattern"),
            words: Regex::new(r"[A-Za-z]+(?:-[A-Za-z]+)*").expect("word pattern"),
            suffix_after: Regex::new(&format!(r"(?i)^(?P<sp>\s?)(?P<s>{suffix_alt})\b\.?"))
                .expect("suffix pattern"),
            range_between: Regex::new(r"(?i)\bbetween\s*$").expect("between pattern"),
            range_join: Regex::new(r"(?i)^\s*(?:-|–|—|to|and)\s*$").expect("range pattern"),
        }
    }
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

fn parse_digits(s: &str) -> Option<f64> {
    // A space or comma followed by three digits groups; a last `,dd` (not
    // three digits) after space groups is a decimal comma.
    let cleaned: String = s
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}'))
        .collect();
    if s.contains([' ', '\u{a0}', '\u{202f}', '\u{2009}'])
        && let Some(idx) = s.rfind(',')
    {
        let (int, frac) = s.split_at(idx);
        let int: String = int.chars().filter(char::is_ascii_digit).collect();
        return format!("{int}.{}", &frac[1..]).parse().ok();
    }
    cleaned.parse().ok()
}

/// Floor a byte offset to a char boundary.
fn floor(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

impl Recognizer {
    pub(super) fn numbers(&self, text: &str, masked: &[(usize, usize)]) -> Vec<Found> {
        let lex = &self.lex;
        let p = &self.numbers;
        let mut found: Vec<Found> = Vec::new();
        let blocked = |s: usize, e: usize| masked.iter().any(|&(a, b)| overlaps(a, b, s, e));

        for m in p.digits.find_iter(text) {
            let (start, mut end) = (m.start(), m.end());
            let before = char_before(text, start);
            // Letters right before digits make a code (`F16`), unless they
            // are a currency (`EUR1 bln`).
            let letters: String = text[..start]
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let currency = !letters.is_empty()
                && lex
                    .currency_symbols
                    .iter()
                    .any(|(s, _)| s.eq_ignore_ascii_case(&letters));
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == ',')
                && !currency
            {
                continue;
            }
            if char_after(text, end).is_some_and(|c| c.is_alphabetic() && !c.is_ascii())
                || blocked(start, end)
            {
                continue;
            }
            let Some(mut value) = parse_digits(m.as_str()) else {
                continue;
            };
            let mut start = start;
            if before == Some('-') || before == Some('−') {
                let at = start - before.map_or(1, char::len_utf8);
                if char_before(text, at).is_none_or(char::is_whitespace) && at > 0 {
                    // `- 5` at a line start is a dash, `-5` a negative.
                    value = -value;
                    start = at;
                }
            }
            if p.ordinal_digits
                .find_at(text, start)
                .is_some_and(|o| o.start() == start)
            {
                continue;
            }
            if let Some(s) = p.suffix_after.captures(&text[end..]) {
                let word = s["s"].to_lowercase();
                let attached = s["sp"].is_empty();
                let factor = lex
                    .scales
                    .get(&word)
                    .or_else(|| lex.suffixes.get(&word))
                    .copied();
                // One-letter suffixes (`10M`) only when attached to the digits.
                if let Some(f) = factor
                    && (attached || word.len() > 1)
                {
                    value *= f;
                    end += s.get(0).map_or(0, |x| x.end());
                    if text[..end].ends_with('.') {
                        end -= 1;
                    }
                }
            }
            if char_after(text, end).is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            found.push(Found::quantity(
                MentionKind::Number,
                start,
                end,
                value,
                &lex.number_rule,
            ));
        }

        for m in p.ordinal_digits.find_iter(text) {
            if blocked(m.start(), m.end()) {
                continue;
            }
            let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
            if let Ok(v) = digits.parse::<f64>() {
                found.push(Found::quantity(
                    MentionKind::Ordinal,
                    m.start(),
                    m.end(),
                    v,
                    &lex.number_rule,
                ));
            }
        }

        self.word_numbers(text, &blocked, &mut found);

        for (regex, min, max, id) in &lex.vague {
            for m in regex.find_iter(text) {
                if blocked(m.start(), m.end()) {
                    continue;
                }
                let mut f = Found::quantity(MentionKind::Number, m.start(), m.end(), *min, id);
                if let MentionValue::Quantity(q) = &mut f.value {
                    q.min = Some(*min);
                    q.max = *max;
                    q.approx = true;
                }
                found.push(f);
            }
        }
        found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        found.dedup_by(|b, a| overlaps(a.start, a.end, b.start, b.end));
        self.decorate(text, &mut found);
        found
    }

    /// Runs of number words: `one hundred and six`, `twenty-three`,
    /// `a dozen`, `two-thirds`, `third`.
    fn word_numbers(
        &self,
        text: &str,
        blocked: &dyn Fn(usize, usize) -> bool,
        found: &mut Vec<Found>,
    ) {
        let lex = &self.lex;
        let words: Vec<(usize, usize, String)> = self
            .numbers
            .words
            .find_iter(text)
            .map(|m| (m.start(), m.end(), m.as_str().to_lowercase()))
            .collect();
        let is_part = |w: &str| {
            w.split('-').all(|p| {
                lex.units.contains_key(p) || lex.tens.contains_key(p) || lex.scales.contains_key(p)
            })
        };
        let mut i = 0;
        while i < words.len() {
            let (ws, we, w) = &words[i];
            if blocked(*ws, *we) {
                i += 1;
                continue;
            }
            // Fractions: `two-thirds`, `five eighths`, `half`, `a quarter`.
            if let Some((num, den)) = w.split_once('-')
                && let (Some(n), Some(d)) = (lex.units.get(num), lex.fractions.get(den))
            {
                found.push(Found::quantity(
                    MentionKind::Number,
                    *ws,
                    *we,
                    *n as f64 / d,
                    &lex.number_rule,
                ));
                i += 1;
                continue;
            }
            if !is_part(w)
                && !(lex.articles.contains(w)
                    && words
                        .get(i + 1)
                        .is_some_and(|n| lex.scales.contains_key(&n.2)))
            {
                if let Some(v) = lex.fraction_words.get(w) {
                    found.push(Found::quantity(
                        MentionKind::Number,
                        *ws,
                        *we,
                        *v,
                        &lex.number_rule,
                    ));
                } else if let Some(v) = lex.ordinals.get(w) {
                    found.push(Found::quantity(
                        MentionKind::Ordinal,
                        *ws,
                        *we,
                        *v as f64,
                        &lex.number_rule,
                    ));
                }
                i += 1;
                continue;
            }
            // Extend over number words, `and` between them, and an article
            // before a scale.
            let mut j = i;
            let mut total = 0.0;
            let mut current = 0.0;
            let mut last_end = *we;
            let mut any = false;
            while j < words.len() {
                let (s, e, word) = &words[j];
                if j > i && text[last_end..*s].trim().len() > 0 {
                    break;
                }
                if lex.articles.contains(word) && j == i {
                    current = 1.0;
                    j += 1;
                    last_end = *e;
                    continue;
                }
                if word == "and" && any && words.get(j + 1).is_some_and(|n| is_part(&n.2)) {
                    j += 1;
                    last_end = *e;
                    continue;
                }
                if !is_part(word) {
                    // `five eighths`
                    if any
                        && let Some(d) = lex.fractions.get(word.as_str())
                        && total == 0.0
                        && current > 0.0
                        && current < 20.0
                    {
                        current /= d;
                        last_end = *e;
                        j += 1;
                    }
                    break;
                }
                for part in word.split('-') {
                    if let Some(u) = lex.units.get(part) {
                        current += *u as f64;
                    } else if let Some(t) = lex.tens.get(part) {
                        current += *t as f64;
                    } else if let Some(s) = lex.scales.get(part) {
                        if *s >= 1000.0 {
                            total += current.max(1.0) * s;
                            current = 0.0;
                        } else {
                            current = current.max(1.0) * s;
                        }
                    }
                }
                any = true;
                last_end = *e;
                j += 1;
            }
            if any {
                found.push(Found::quantity(
                    MentionKind::Number,
                    *ws,
                    last_end,
                    total + current,
                    &lex.number_rule,
                ));
                i = j;
            } else {
                i += 1;
            }
        }
    }

    /// Bounds before, percent after, and ranges between numbers.
    fn decorate(&self, text: &str, found: &mut Vec<Found>) {
        let lex = &self.lex;
        for f in found.iter_mut() {
            let MentionValue::Quantity(q) = &mut f.value else {
                continue;
            };
            if f.kind == MentionKind::Number
                && let Some(pct) = &lex.percent_after
                && let Some(m) = pct.find(&text[f.end..])
            {
                let word_end = m
                    .as_str()
                    .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '%')
                    .len();
                f.kind = MentionKind::Percent;
                f.end += word_end;
                f.rule = lex.percent_rule.clone();
            }
            if f.kind == MentionKind::Ordinal {
                continue;
            }
            let window_start = floor(text, f.start.saturating_sub(40));
            let before = &text[window_start..f.start];
            for b in &lex.bounds {
                if let Some(c) = b.before.captures(before) {
                    let w = c.name("w").expect("bound group");
                    f.start = window_start + w.start();
                    q.approx = b.approx;
                    match b.side.as_str() {
                        "min" => q.min = Some(q.value),
                        "max" => q.max = Some(q.value),
                        _ => {}
                    }
                    break;
                }
            }
        }
        // Ranges: `10 to 12`, `10-12`, `between 2 and 5`; `from 10 to 12`
        // is a change, not a range.
        let mut i = 0;
        while i + 1 < found.len() {
            let (a, b) = (&found[i], &found[i + 1]);
            // A percent sign or bound words can grow one mention into the
            // next (`5%28`): the later one goes.
            if b.start < a.end {
                found.remove(i + 1);
                continue;
            }
            let same_kind = a.kind == b.kind && a.kind != MentionKind::Ordinal;
            let gap = &text[a.end..b.start];
            let window = &text[floor(text, a.start.saturating_sub(12))..a.start];
            let joined = self.numbers.range_join.is_match(gap);
            let is_and = gap.trim().eq_ignore_ascii_case("and");
            let between = self.numbers.range_between.is_match(window);
            let from = window.trim_end().to_lowercase().ends_with("from");
            if same_kind && joined && (!is_and || between) && !from {
                let (MentionValue::Quantity(qa), MentionValue::Quantity(qb)) = (&a.value, &b.value)
                else {
                    i += 1;
                    continue;
                };
                if qb.value > qa.value {
                    let q = Quantity {
                        value: qa.value,
                        min: Some(qa.value),
                        max: Some(qb.value),
                        approx: true,
                    };
                    let start = if between {
                        floor(text, a.start.saturating_sub(12))
                            + window.to_lowercase().rfind("between").unwrap_or(0)
                    } else {
                        a.start
                    };
                    let end = b.end;
                    found[i].start = start;
                    found[i].end = end;
                    found[i].value = MentionValue::Quantity(q);
                    found.remove(i + 1);
                    continue;
                }
            }
            i += 1;
        }
    }
}
