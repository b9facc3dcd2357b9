//! Formats: `1000-for-1000`, `1,000 for 1,000`, `1000 by 1000`, `all for all`.

use super::{Context, Extractor, Holders};
use crate::model::{Fact, FactKind, FactValue};

/// `1,000` and `1 000` to `1000`; `two` to `2` by the number words.
fn side(s: &str, units: &rustc_hash::FxHashMap<String, u64>) -> String {
    match units.get(&s.to_lowercase()) {
        Some(n) => n.to_string(),
        None => s.chars().filter(char::is_ascii_digit).collect(),
    }
}

impl Extractor {
    pub(super) fn formats(&self, cx: &Context, quotes: &[Fact]) -> Vec<Fact> {
        let text = cx.text;
        let quote_holders = Holders::new(quotes);
        let mut out = Vec::new();
        for sentence in cx.seg.sentences.iter().filter(|s| !s.furniture) {
            let (ss, se) = (sentence.span.start, sentence.span.end);
            for rule in &self.lex.formats {
                for c in rule.regex.captures_iter(&text[ss..se]) {
                    let m = c.get(0).expect("match");
                    let a = c.name("a").map(|x| side(x.as_str(), &self.lex.units));
                    let b = c.name("b").map(|x| side(x.as_str(), &self.lex.units));
                    // Unequal sides are a format only when hyphenated
                    // (`84-for-90`); otherwise `5 by 2025` would be one.
                    if let (Some(a), Some(b)) = (&a, &b)
                        && a != b
                        && !m.as_str().contains(['-', '‑', '–'])
                    {
                        continue;
                    }
                    let value = rule
                        .value
                        .replace("{a}", a.as_deref().unwrap_or(""))
                        .replace("{b}", b.as_deref().unwrap_or(""));
                    let (start, end) = (ss + m.start(), ss + m.end());
                    let speaker = quote_holders
                        .first_holding(start, end)
                        .and_then(|f| f.speaker.clone());
                    let mode = self
                        .lex
                        .mode_words
                        .find(&text[ss..start])
                        .last()
                        .map(|h| self.lex.modes[h.list].class.clone());
                    out.push(Fact {
                        id: String::new(),
                        article: cx.index,
                        kind: FactKind::Format,
                        key: "format".to_string(),
                        value: FactValue::Text(value),
                        speaker,
                        person: None,
                        part: None,
                        stage: None,
                        mode,
                        when: None,
                        amount_words: None,
                        span: cx.span(start, end),
                        sentence: sentence.span,
                        rule: rule.id.clone(),
                    });
                }
            }
        }
        out
    }
}
