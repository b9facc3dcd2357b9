//! Counts: a number, what it counts (a noun class) and what happened to it
//! (a predicate class), keyed `predicate:noun`.

use super::{Context, Extractor, Holders, Roles};
use crate::lexicon::Hit;
use crate::model::{Fact, FactKind, FactValue, MentionKind, MentionValue};

/// How far (in bytes) a predicate may stand from its number.
const PREDICATE_REACH: usize = 90;
/// Words that may stand between a number and its noun: `390 of our citizens`.
const MAX_FILLER_WORDS: usize = 2;

impl Extractor {
    /// The noun right after a number (skipping a little filler), or a
    /// currency around it: (class rule index or currency index, end).
    fn counted(
        &self,
        text: &str,
        start: usize,
        end: usize,
    ) -> Option<(String, Option<String>, usize, String)> {
        let lex = &self.lex;
        // A currency sign or code just before: `$45 million`, `EUR1 bln`.
        let before = crate::text::before(text, start, 6);
        for (symbol, i) in &lex.currency_symbols {
            if before.trim_end().ends_with(symbol.as_str()) {
                let c = &lex.currencies[*i];
                return Some((c.class.clone(), None, end, c.id.clone()));
            }
        }
        let after = crate::text::after(text, end, 80);
        let words: Vec<(usize, &str)> = after
            .split_inclusive(|c: char| c.is_whitespace())
            .scan(0, |pos, w| {
                let at = *pos;
                *pos += w.len();
                Some((at, w))
            })
            .collect();
        let mut filler = 0;
        for (at, w) in words
            .iter()
            .filter(|(_, w)| !w.trim().is_empty())
            .take(MAX_FILLER_WORDS + 1)
        {
            let word = w.trim();
            let rest = &after[*at..];
            if let Some(h) = lex
                .currency_words
                .find(rest)
                .first()
                .filter(|h| h.start == 0)
            {
                let c = &lex.currencies[h.list];
                return Some((c.class.clone(), None, end + at + h.end, c.id.clone()));
            }
            if let Some(h) = lex.noun_words.find(rest).first().filter(|h| h.start == 0) {
                let n = &lex.nouns[h.list];
                let (class, part) = match &n.whole {
                    Some(whole) => (whole.clone(), Some(n.class.clone())),
                    None => (n.class.clone(), None),
                };
                return Some((class, part, end + at + h.end, n.id.clone()));
            }
            // Only short words and determiners may come between.
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            if bare.is_empty()
                || word.ends_with([',', '.', ';', ':'])
                || bare.chars().any(|c| c.is_ascii_digit())
            {
                return None;
            }
            filler += 1;
            if filler > MAX_FILLER_WORDS {
                return None;
            }
        }
        None
    }

    pub(super) fn counts(
        &self,
        cx: &Context,
        quotes: &[Fact],
        formats: &[Fact],
        roles: &Roles,
    ) -> Vec<Fact> {
        let lex = &self.lex;
        let text = cx.text;
        let mut out = Vec::new();
        // The last count's predicate, whole class and sentence.
        let mut recent: Option<(usize, String, usize)> = None;
        let format_holders = Holders::new(formats);
        let quote_holders = Holders::new(quotes);
        for m in cx.mentions.iter().filter(|m| m.kind == MentionKind::Number) {
            let MentionValue::Quantity(q) = &m.value else {
                continue;
            };
            let Some(sentence) = cx.sentence(m.span.start) else {
                continue;
            };
            if format_holders
                .first_holding(m.span.start, m.span.end)
                .is_some()
            {
                continue;
            }
            let (ss, se) = (sentence.span.start, sentence.span.end);
            let s_text = &text[ss..se];
            let counted = self.counted(text, m.span.start, m.span.end);
            let noun_end = counted.as_ref().map_or(m.span.end, |c| c.2);
            let predicates = lex.predicate_words.find(s_text);
            // The nearest predicate before the number, or after its noun.
            let nearest = predicates
                .iter()
                .filter_map(|h: &Hit| {
                    let (hs, he) = (ss + h.start, ss + h.end);
                    if he <= m.span.start && m.span.start - he <= PREDICATE_REACH {
                        // `killed, 17 injured`: a clause break between a
                        // verb and a number parts them.
                        let gap = &text[he..m.span.start];
                        // …unless the gap is a list of counts: `returned
                        // 390 people, 270 soldiers and 120 civilians`.
                        let listing = gap.chars().any(|c| c.is_ascii_digit());
                        let broken = self.strong_break.is_match(gap)
                            || !listing && self.clause_break.is_match(gap);
                        (!broken).then_some((m.span.start - he, h))
                    } else if hs >= noun_end && hs - noun_end <= PREDICATE_REACH / 2 {
                        // `17 people were injured`: the passive right after
                        // the noun binds closest.
                        let gap = &text[noun_end..hs];
                        // `120 residents of the block were evacuated`: a
                        // passive verb binds to the subject's number.
                        let passive = self.auxiliary_before.is_match(&text[ss..hs])
                            && !gap.contains([',', ';']);
                        let distance = if self.passive_gap.is_match(gap) || passive {
                            0
                        } else {
                            hs - noun_end + 1
                        };
                        Some((distance, h))
                    } else if hs >= m.span.end && he <= noun_end {
                        // The noun is itself the predicate: `40,000 protesters`.
                        Some((0, h))
                    } else {
                        None
                    }
                })
                .min_by_key(|(d, _)| *d);
            let sentence_no = cx
                .seg
                .sentences
                .partition_point(|b| b.span.end <= m.span.start);
            let chosen = match (nearest, &counted, &recent) {
                (Some((_, h)), _, _) => Some((h.list, Some(*h))),
                // `The group included 270 soldiers and 120 civilians`: a
                // part with no verb of its own takes the verb of the count
                // just before it.
                (None, Some((whole, Some(_), ..)), Some((list, recent_whole, at)))
                    if whole == recent_whole && sentence_no <= at + 2 =>
                {
                    Some((*list, None))
                }
                _ => None,
            };
            let Some((predicate_list, hit)) = chosen else {
                continue;
            };
            let predicate = &lex.predicates[predicate_list];
            // A year standing alone is a date, not a count (`in 2023 and 2024`).
            let year_like = counted.is_none()
                && q.value.fract() == 0.0
                && (1900.0..=2100.0).contains(&q.value)
                && !text[m.span.start..m.span.end].contains([',', ' ']);
            if year_like {
                continue;
            }
            let (noun, part, end, noun_rule) = match counted {
                Some(c) => c,
                None => {
                    // No noun: only a number standing alone before a verb or
                    // at a clause end takes the predicate's default noun.
                    let next = text[m.span.end..].trim_start();
                    // `rose to 6 late on Monday`: a figure after `to` or
                    // `at` is the predicate's own.
                    let led = text[ss..m.span.start]
                        .split_whitespace()
                        .last()
                        .is_some_and(|w| {
                            ["to", "at", "of", "reached", "hit", "stood", "stands"]
                                .contains(&w.to_lowercase().as_str())
                        });
                    // `about 6,000 took part`: the verb right after it.
                    let verb_next = hit.is_some_and(|h| {
                        ss + h.start >= m.span.end
                            && self.passive_gap.is_match(&text[m.span.end..ss + h.start])
                    });
                    let alone = led
                        || verb_next
                        || next.is_empty()
                        || next.starts_with([',', '.', ';', ')'])
                        || next.split_whitespace().next().is_some_and(|w| {
                            [
                                "were", "was", "are", "is", "have", "has", "had", "more", "others",
                                "in", "on", "at", "from", "after", "during", "since", "and", "who",
                                "as", "to",
                            ]
                            .contains(&w.to_lowercase().as_str())
                        });
                    match (&predicate.default_noun, alone, &recent) {
                        (Some(d), true, _) => (d.clone(), None, m.span.end, predicate.id.clone()),
                        // `received 9 845 votes against 9 733 for Tomas Ek`:
                        // a bare figure in the same clause counts the same.
                        (_, _, Some((list, noun, at)))
                            if *list == predicate_list
                                && *at == sentence_no
                                && parallel(text, m) =>
                        {
                            (noun.clone(), None, m.span.end, predicate.id.clone())
                        }
                        _ => continue,
                    }
                }
            };
            if q.value < 0.0 {
                continue;
            }
            let clause_before = &text[ss..m.span.start];
            let stage = lex
                .stage_words
                .find(s_text)
                .first()
                .map(|h| lex.stages[h.list].class.clone());
            let nominal = hit.is_some_and(|hit| {
                ss + hit.end <= m.span.start
                    && text[ss + hit.end..m.span.start]
                        .trim_start()
                        .to_lowercase()
                        .starts_with("of ")
            });
            let done = !lex.past_words.find(&text[ss..m.span.end]).is_empty();
            let mode = lex
                .mode_words
                .find(clause_before)
                .last()
                .map(|h| lex.modes[h.list].class.clone())
                .or_else(|| {
                    (nominal && !done)
                        .then(|| lex.nominal_mode.clone())
                        .flatten()
                });
            let speaker = quote_holders
                .first_holding(m.span.start, m.span.end)
                .and_then(|f| f.speaker.clone())
                .or_else(|| {
                    self.sentence_speaker(cx, roles, m.span.start)
                        .map(|s| s.name())
                });
            let (start, end) = match hit {
                Some(hit) if ss + hit.start > m.span.start => (m.span.start, end.max(ss + hit.end)),
                Some(hit) => (ss + hit.start, end.max(m.span.end)),
                None => (m.span.start, end.max(m.span.end)),
            };
            recent = Some((predicate_list, noun.clone(), sentence_no));
            // `hundreds` is a range no figure gives: told as written.
            let surface = &text[m.span.start..m.span.end];
            let amount_words = (q.min.is_some()
                && q.max.is_some()
                && q.min != q.max
                && !surface.bytes().any(|b| b.is_ascii_digit()))
            .then(|| surface.to_string());
            out.push(Fact {
                id: String::new(),
                article: cx.index,
                kind: FactKind::Count,
                key: format!("{}:{}", predicate.class, noun),
                value: FactValue::Quantity(tidy(*q)),
                speaker,
                person: None,
                part,
                stage,
                mode,
                when: None,
                amount_words,
                span: cx.span(start, end.min(se.max(end))),
                sentence: sentence.span,
                rule: format!("{}+{}", predicate.id, noun_rule),
            });
        }
        out
    }
}

/// `4.1 billion` is 4,100,000,000, not 4,099,999,999.9999995: scaled
/// decimals snap to the whole number they stand for.
fn tidy(q: crate::model::Quantity) -> crate::model::Quantity {
    let snap = |v: f64| {
        let r = v.round();
        if (v - r).abs() <= 1e-6 * v.abs().max(1.0) {
            r
        } else {
            v
        }
    };
    crate::model::Quantity {
        value: snap(q.value),
        min: q.min.map(snap),
        max: q.max.map(snap),
        approx: q.approx,
    }
}

/// A figure written in digits and followed by nothing it could count:
/// `…against 9 733 for Tomas Ek`, `…and Maya Frost 790 115.`
fn parallel(text: &str, m: &crate::model::Mention) -> bool {
    let written = &text[m.span.start..m.span.end];
    let digits =
        written.chars().any(|c| c.is_ascii_digit()) && written.chars().all(|c| !c.is_alphabetic());
    let next = text[m.span.end..].trim_start();
    let word = next.split_whitespace().next().unwrap_or("").to_lowercase();
    digits
        && (next.is_empty()
            || next.starts_with([',', '.', ';'])
            || word == "for"
            || word == "against")
}
