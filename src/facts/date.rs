//! Event dates: a date tied to the event word nearest to it in its sentence.

use super::{Context, Extractor, Holders};
use crate::model::{Fact, FactKind, FactValue, Granularity, MentionKind, MentionValue};

impl Extractor {
    pub(super) fn dates(&self, cx: &Context, quotes: &[Fact]) -> Vec<Fact> {
        let lex = &self.lex;
        let text = cx.text;
        let mut out = Vec::new();
        let quote_holders = Holders::new(quotes);
        for m in cx.mentions.iter().filter(|m| m.kind == MentionKind::Date) {
            let MentionValue::Date(d) = &m.value else {
                continue;
            };
            // A bare year (`in 2022`) or a loose period (`last week`) is
            // background, not the date of the event.
            if d.granularity == Granularity::Year || lex.periods.iter().any(|p| *p.id == *m.rule) {
                continue;
            }
            let Some(sentence) = cx.sentence(m.span.start) else {
                continue;
            };
            let (ss, se) = (sentence.span.start, sentence.span.end);
            // `said on Tuesday` dates the statement. When the sentence
            // names another event, the statement is not the news: no date.
            let before = &text[ss..m.span.start];
            let mut last_words = before.split_whitespace().rev();
            let said = last_words
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("on"))
                && last_words
                    .next()
                    .is_some_and(|w| self.said_word.is_match(w));
            let s_text = &text[ss..se];
            let rel = m.span.start - ss;
            // The date's own words are no event (`3 March` is no march).
            let (ds, de) = (m.span.start - ss, m.span.end - ss);
            let nearest = lex
                .event_words
                .find(s_text)
                .into_iter()
                .filter(|h| h.list < lex.events.len() && (h.end <= ds || h.start >= de))
                .min_by_key(|h| h.start.abs_diff(rel))
                .map(|h| h.list);
            let event = match (said, nearest) {
                (true, Some(n)) if Some(n) != lex.statement_event => continue,
                (true, _) => lex.statement_event,
                (false, n) => n,
            };
            let Some(event) = event else {
                continue;
            };
            let class = &lex.events[event];
            let speaker = quote_holders
                .first_holding(m.span.start, m.span.end)
                .and_then(|f| f.speaker.clone());
            out.push(Fact {
                id: String::new(),
                article: cx.index,
                kind: FactKind::Date,
                key: format!("date:{}", class.class),
                value: FactValue::Date(d.clone()),
                speaker,
                person: None,
                part: None,
                stage: None,
                mode: None,
                when: None,
                amount_words: None,
                span: m.span,
                sentence: sentence.span,
                rule: class.id.clone(),
            });
        }
        out
    }
}
