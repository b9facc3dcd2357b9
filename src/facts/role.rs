//! Roles: a title right before or after a person's name.

use regex::Regex;

use super::{Context, Extractor, text_of};
use crate::model::{Fact, FactKind, FactValue};

/// What may stand between a name and its title: `, the`, `, Kestria's`.
fn gap_ok(gap: &str, title_first: bool) -> bool {
    thread_local! {
        static BEFORE: Regex = crate::rules::code_regex(r"^[\s,]{0,3}$").expect("gap");
        static AFTER: Regex = crate::rules::code_regex(r"(?i)^\s*(?:,\s*(?:the\s+|a\s+|an\s+)?|\s*(?:as|to be|becomes|became)\s+(?:the\s+|a\s+|an\s+)?)(?:[\p{L}]+['’]s\s+)?(?:(?:new|current|acting|incumbent|interim)\s+)?$").expect("gap");
    }
    if title_first {
        BEFORE.with(|r| r.is_match(gap))
    } else {
        AFTER.with(|r| r.is_match(gap))
    }
}

/// Two or three capitalized words: a name, when a title stands beside it.
fn name_run() -> &'static Regex {
    static RUN: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    RUN.get_or_init(|| {
        crate::rules::code_regex(r"\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+){1,2}").expect("name run")
    })
}

impl Extractor {
    /// A capitalized name right after the title, or right before it
    /// across an allowed gap, that no rule says is not a name.
    fn bare_name(&self, text: &str, ts: usize, te: usize) -> Option<(String, usize, usize)> {
        let is_name = |s: &str| {
            s.split_whitespace()
                .all(|w| !self.lex.not_names.contains(w))
        };
        let after = crate::text::after(text, te, 60);
        if let Some(m) = name_run().find(after)
            && gap_ok(&after[..m.start()], true)
            && is_name(m.as_str())
        {
            return Some((m.as_str().to_string(), te + m.start(), te + m.end()));
        }
        let before = crate::text::before(text, ts, 80);
        let base = ts - before.len();
        name_run()
            .find_iter(before)
            .filter(|m| gap_ok(&before[m.end()..], false) && is_name(m.as_str()))
            .last()
            .map(|m| (m.as_str().to_string(), base + m.start(), base + m.end()))
    }

    pub(super) fn roles(&self, cx: &Context) -> Vec<Fact> {
        let text = cx.text;
        let mut out = Vec::new();
        for sentence in cx.seg.sentences.iter().filter(|s| !s.furniture) {
            let s_text = &text[sentence.span.start..sentence.span.end];
            // Longest title wins where spellings overlap (`Deputy Prime
            // Minister` over `Prime Minister`).
            let mut hits: Vec<(usize, usize, usize)> = Vec::new();
            for (ti, t) in self.lex.titles.iter().enumerate() {
                for p in &t.patterns {
                    for m in p.find_iter(s_text) {
                        hits.push((
                            sentence.span.start + m.start(),
                            sentence.span.start + m.end(),
                            ti,
                        ));
                    }
                }
            }
            hits.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
            let mut kept: Vec<(usize, usize, usize)> = Vec::new();
            for h in hits {
                if kept.iter().all(|k| h.1 <= k.0 || h.0 >= k.1) {
                    kept.push(h);
                } else if let Some(k) = kept.iter_mut().find(|k| !(h.1 <= k.0 || h.0 >= k.1))
                    && h.1 - h.0 > k.1 - k.0
                {
                    *k = h;
                }
            }
            for (ts, te, ti) in kept {
                let before = &text[sentence.span.start..ts];
                let lower = before.to_lowercase();
                if lower.trim_end().ends_with("former") || lower.trim_end().ends_with("ex-") {
                    continue;
                }
                let holder = cx
                    .persons_starting(te, te + 4)
                    .iter()
                    .copied()
                    .find(|p| gap_ok(&text[te..p.span.start], true))
                    .or_else(|| {
                        cx.persons_ending_near(ts, 40)
                            .rev()
                            .find(|p| gap_ok(&text[p.span.end..ts], false))
                    });
                // The title itself proves a name next to it is a person's
                // (`appointed Rina Solt as Deputy Prime Minister`).
                let (name, ps, pe) = match holder
                    .and_then(|p| text_of(p).map(|n| (n.to_string(), p.span.start, p.span.end)))
                {
                    Some(found) => found,
                    None => match self.bare_name(text, ts, te) {
                        Some(found) => found,
                        None => continue,
                    },
                };
                let (start, end) = (ts.min(ps), te.max(pe));
                let title = &self.lex.titles[ti];
                out.push(Fact {
                    id: String::new(),
                    article: cx.index,
                    kind: FactKind::Role,
                    key: format!("role:{name}"),
                    value: FactValue::Text(title.title.clone()),
                    speaker: None,
                    person: Some(name.clone()),
                    part: None,
                    stage: None,
                    mode: None,
                    when: None,
                    amount_words: None,
                    span: cx.span(start, end),
                    sentence: sentence.span,
                    rule: title.id.clone(),
                });
            }
        }
        out
    }
}
