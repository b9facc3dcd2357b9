//! Quotes and who said them: `X said`, `said X`, `X noted: "…"`, a
//! `- said X` line, `he said`, `the minister added`, `according to him`;
//! resolved to a person of the article.

use regex::Regex;

use super::{Context, Extractor, Roles, text_of};
use crate::lexicon::Lexicon;
use crate::model::{Fact, FactKind, FactValue};

/// Words that start a clause, not a speaker: `"…" and said`.
const NOT_SPEAKERS: &[&str] = &[
    "and", "but", "or", "then", "which", "who", "that", "it", "this", "there", "also", "as", "so",
];

/// Words after a group's head noun: `organisers from the union`.
const PREPOSITIONS: &[&str] = &["from", "of", "at", "in", "for", "with", "on"];

/// Quotes shorter than this need a speaker to count as speech.
const UNATTRIBUTED_MIN_WORDS: usize = 5;

pub(super) struct SpeakerPatterns {
    verb_then_who: Regex,
    who_then_verb: Regex,
    head: Regex,
    according: Regex,
}

impl SpeakerPatterns {
    pub(super) fn new(lex: &Lexicon) -> SpeakerPatterns {
        let v = &lex.speech_verbs;
        let a = if lex.attribution.is_empty() {
            "$^".to_string()
        } else {
            lex.attribution.clone()
        };
        let build = |p: String| crate::rules::code_regex(&p).expect("speaker pattern");
        SpeakerPatterns {
            verb_then_who: build(format!(
                r#"(?i)^["”»’'\s,.]*[-–—]?\s*(?:{v})\s+(?P<who>[^.,;!?\n"“”]{{1,100}})"#
            )),
            who_then_verb: build(format!(
                r#"(?i)^["”»’'\s,.]*[-–—]?\s*(?P<who>[^.;!?\n"“”]{{1,80}}?)\s+(?:has\s+|had\s+|also\s+)?(?:{v})\b"#
            )),
            head: build(format!(
                r#"(?i)(?:^|[.!?]\s+)(?P<who>[^.;!?\n"“”]{{1,100}}?)\s+(?:has\s+|had\s+|also\s+)?(?:{v})\b[^.!?"“”\n]{{0,80}}?[:,]?\s*["“«]?\s*$"#
            )),
            according: build(format!(r#"(?i)\b(?:{a})\s+(?P<who>[^,.;!?\n"“”]{{1,80}})"#)),
        }
    }
}

/// Who a phrase names: a person, a pronoun, a title, or a group (`police`).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Speaker {
    Person(String),
    Group(String),
}

impl Speaker {
    pub fn name(&self) -> String {
        match self {
            Speaker::Person(n) | Speaker::Group(n) => n.clone(),
        }
    }
}

impl Extractor {
    /// Resolves the phrase at `start..end` (absolute offsets) to a speaker;
    /// `before` is where a pronoun looks back from.
    pub(super) fn resolve(
        &self,
        cx: &Context,
        roles: &Roles,
        start: usize,
        end: usize,
        before: usize,
    ) -> Option<Speaker> {
        let who = cx.text[start..end].trim();
        // The name closest to the verb ends the phrase: `said Kestria
        // Ministry spokesman Ivo Lind`.
        if let Some(p) = cx.persons_within(start, end).next_back() {
            return text_of(p).map(|n| Speaker::Person(n.to_string()));
        }
        let lower = who.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        if words.len() == 1 && self.lex.pronouns.iter().any(|p| p == words[0]) {
            return self.last_person(cx, before);
        }
        // A title only: the article's holder of it.
        for title in &self.lex.titles {
            let named = title
                .references
                .iter()
                .any(|r| lower.starts_with(r.as_str()))
                || title.patterns.iter().any(|p| p.is_match(who));
            if named {
                let holder = roles.nearest_of_title(&title.title, before);
                if let Some(h) = holder {
                    return h.person.clone().map(Speaker::Person);
                }
            }
        }
        // `the minister` names the article's only minister, whatever the
        // ministry: match the reference's last word inside a held title.
        // Several holders: the one named last before the phrase.
        let definite = words.first() == Some(&"the");
        if let Some(head) = words.last().filter(|_| definite && words.len() <= 3) {
            let holder = roles.nearest_with_word(head, before);
            if let Some(p) = holder.and_then(|h| h.person.clone()) {
                return Some(Speaker::Person(p));
            }
        }
        // A group speaks by its head noun: `the city police` is `police`,
        // `organisers from the union` is `organisers`.
        let words: Vec<&str> = match words.iter().position(|w| PREPOSITIONS.contains(w)) {
            Some(i) if i > 0 => words[..i].to_vec(),
            _ => words,
        };
        let plain = words.len() <= 3
            && words.iter().all(|w| {
                w.chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
            })
            && !words.first().is_some_and(|w| NOT_SPEAKERS.contains(w));
        if plain && let Some(head) = words.last() {
            return Some(Speaker::Group((*head).to_string()));
        }
        None
    }

    /// The person named last before `at`, outside quotes.
    fn last_person(&self, cx: &Context, at: usize) -> Option<Speaker> {
        cx.persons_within(0, at)
            .rev()
            .find(|p| !cx.in_quote(p.span.start, p.span.end))
            .and_then(text_of)
            .map(|n| Speaker::Person(n.to_string()))
    }

    /// Who the sentence around `at` attributes its claim to.
    pub(super) fn sentence_speaker(
        &self,
        cx: &Context,
        roles: &Roles,
        at: usize,
    ) -> Option<Speaker> {
        let sentence = cx.sentence(at)?;
        let (s, e) = (sentence.span.start, sentence.span.end);
        let text = &cx.text[s..e];
        if let Some(c) = self.speaker.according.captures(text) {
            let w = c.name("who").expect("who");
            return self.resolve(cx, roles, s + w.start(), s + w.end(), s + w.start());
        }
        let verbs: Vec<(usize, usize)> = self
            .said_word
            .find_iter(text)
            .map(|m| (s + m.start(), s + m.end()))
            .collect();
        let clause_start = |upto: usize, floor: usize| {
            cx.text[floor..upto]
                .char_indices()
                .rfind(|(_, c)| matches!(c, ',' | ';' | '—'))
                .map_or(floor, |(i, c)| floor + i + c.len_utf8())
        };
        // `Renz said the company paid €64 million`: the verb's subject is
        // the last name before it.
        if let Some(&(vs, _)) = verbs.iter().rfind(|v| v.1 <= at) {
            if let Some(p) = cx.persons_within(s, vs).next_back() {
                return text_of(p).map(|n| Speaker::Person(n.to_string()));
            }
            return self.resolve(cx, roles, clause_start(vs, s), vs, vs);
        }
        // `…were detained, a police spokesperson, Eva Sorn, said.` or
        // `…, said Eva Sorn.`
        if let Some(&(vs, ve)) = verbs.iter().find(|v| v.0 >= at) {
            // Only a name right before the verb is its subject (`Eva Sorn,
            // said`); a place name earlier in the clause is not.
            let right_before = |p: &&crate::model::Mention| {
                cx.text[p.span.end..vs].trim_matches([' ', ',']).is_empty()
            };
            if let Some(p) = cx.persons_within(at, vs).rev().find(right_before) {
                return text_of(p).map(|n| Speaker::Person(n.to_string()));
            }
            if let Some(p) = cx
                .persons_starting(ve, ve + 60)
                .iter()
                .find(|p| p.span.end <= e)
            {
                return text_of(p).map(|n| Speaker::Person(n.to_string()));
            }
            let from = clause_start(vs, at);
            if from > at {
                return self.resolve(cx, roles, from, vs, vs);
            }
        }
        None
    }

    pub(super) fn quote_facts(&self, cx: &Context, roles: &Roles) -> Vec<Fact> {
        let text = cx.text;
        let mut out: Vec<Fact> = Vec::new();
        let mut previous: Option<(usize, Option<String>)> = None;
        for q in cx.quotes() {
            let Some(sentence) = cx.sentence(q.span.start) else {
                continue;
            };
            let para = cx.paragraph_index(q.span.start);
            let para_end = para.map_or(q.span.end, |i| cx.seg.paragraphs[i].span.end);
            let para_start = para.map_or(q.span.start, |i| cx.seg.paragraphs[i].span.start);
            // What follows the quote: the rest of its paragraph, or the
            // `- said X` line after a paragraph-long quote.
            let mut tail_start = q.span.end;
            let mut tail_end = para_end;
            if text[q.span.end..para_end]
                .trim_matches(|c: char| !c.is_alphanumeric())
                .is_empty()
                && let Some(next) = para.and_then(|i| cx.seg.paragraphs.get(i + 1))
                && crate::segment::is_attribution_line(
                    &text[next.span.start..next.span.end],
                    &self.lex,
                )
            {
                tail_start = next.span.start;
                tail_end = next.span.end;
            }
            let tail = &text[tail_start..tail_end];
            let mut speaker = None;
            for re in [&self.speaker.verb_then_who, &self.speaker.who_then_verb] {
                if speaker.is_none()
                    && let Some(c) = re.captures(tail)
                {
                    let w = c.name("who").expect("who");
                    // A who of more than a few words is a new clause, not a name.
                    let who_text = w.as_str();
                    if who_text.split_whitespace().count() <= 9 {
                        speaker = self.resolve(
                            cx,
                            roles,
                            tail_start + w.start(),
                            tail_start + w.end(),
                            q.span.start,
                        );
                    }
                }
            }
            if speaker.is_none() {
                let open = q.span.start.saturating_sub(1);
                let mut head_start = para_start.max(sentence.span.start.min(open));
                while !text.is_char_boundary(head_start) {
                    head_start -= 1;
                }
                let mut head_end = q.span.start;
                while !text.is_char_boundary(head_end) {
                    head_end -= 1;
                }
                let head = &text[head_start..head_end];
                if let Some(c) = self.speaker.head.captures(head) {
                    let w = c.name("who").expect("who");
                    speaker = self.resolve(
                        cx,
                        roles,
                        head_start + w.start(),
                        head_start + w.end(),
                        head_start + w.start(),
                    );
                }
            }
            if speaker.is_none() {
                speaker = self.sentence_speaker(cx, roles, q.span.start);
            }
            let mut name = speaker.map(|s| s.name());
            // A quote right after an attributed one continues it.
            if name.is_none()
                && let Some((prev_para, prev_name)) = &previous
                && para.is_some_and(|p| p <= prev_para + 1)
            {
                name = prev_name.clone();
            }
            previous = para.map(|p| (p, name.clone()));
            let Some(words) = text_of(q) else { continue };
            // A few quoted words with no speaker are a term (`"all for
            // all"`), not speech.
            if name.is_none() && words.split_whitespace().count() < UNATTRIBUTED_MIN_WORDS {
                continue;
            }
            out.push(Fact {
                id: String::new(),
                article: cx.index,
                kind: FactKind::Quote,
                key: "quote".to_string(),
                value: FactValue::Text(words.to_string()),
                speaker: name,
                person: None,
                part: None,
                stage: None,
                mode: None,
                when: None,
                amount_words: None,
                span: q.span,
                sentence: sentence.span,
                rule: self.lex.speech_rule.clone(),
            });
        }
        out
    }
}
