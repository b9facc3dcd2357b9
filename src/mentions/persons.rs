//! Persons: capitalized name runs confirmed by a signal (a title before, a
//! speech verb beside, `according to`), or known by rule; later bare
//! surnames and first names join the person they belong to.

use regex::{Regex, RegexBuilder};

use super::cues::{Cue, Cues, any_in};
use super::{Found, Recognizer};
use crate::model::{MentionKind, MentionValue};

pub(super) struct PersonPatterns {
    run: Regex,
    verb_after: Regex,
    verb_before: Regex,
    according_before: Regex,
    title_after: Regex,
    cue_before: Regex,
    /// Every title pattern at once, anchored at the end: one backward
    /// search rules out most windows before each pattern is searched.
    any_title_end: Option<Regex>,
    /// The last words of known persons' names and aliases: a run ending
    /// in none of them is no known person, without reading every alias.
    known_surnames: Vec<String>,
}

/// Speech verbs, attribution words and person cues: a signal pattern runs
/// only where its words are near a name. A signal matches inside the
/// window its pattern reads, so every word of it is there: each phrase is
/// found by its longest word (`according` of `according to`, not `in` of
/// `in the words of`), the rarest.
pub(super) fn cue_words(lex: &crate::lexicon::Lexicon) -> Vec<(Cue, Vec<String>)> {
    let longest_words = |alternation: &str| -> Vec<String> {
        alternation
            .split('|')
            .filter_map(|phrase| phrase.split(r"\s+").max_by_key(|w| w.len()))
            .map(str::to_string)
            .collect()
    };
    vec![
        (Cue::SpeechVerb, longest_words(&lex.speech_verbs)),
        (Cue::Attribution, longest_words(&lex.attribution)),
        (Cue::NameAnnouncer, longest_words(&lex.person_cues)),
    ]
}

impl PersonPatterns {
    pub(super) fn new(lex: &crate::lexicon::Lexicon) -> PersonPatterns {
        let verbs = &lex.speech_verbs;
        let attribution = if lex.attribution.is_empty() {
            "$^".to_string()
        } else {
            lex.attribution.clone()
        };
        let titles = lex
            .titles
            .iter()
            .flat_map(|t| &t.patterns)
            .map(|p| format!("(?:{})", p.as_str()))
            .collect::<Vec<_>>()
            .join("|");
        let any_title_end = RegexBuilder::new(&format!("(?:{titles})$"))
            .case_insensitive(true)
            .build()
            .ok();
        let mut known_surnames: Vec<String> = lex
            .persons
            .iter()
            .flat_map(|p| std::iter::once(&p.name).chain(&p.aliases))
            .filter_map(|n| n.split_whitespace().next_back())
            .map(str::to_string)
            .collect();
        known_surnames.sort_unstable();
        known_surnames.dedup();
        PersonPatterns {
            any_title_end,
            known_surnames,
            // Names never run across a line break: a dateline is not a first name.
            run: crate::rules::code_regex(r"\p{Lu}[\p{L}'’\-]*\p{L}(?:[ \t]+\p{Lu}[\p{L}'’\-]*\p{L}){0,5}").expect("name run"),
            // `X said`, `X, who …, said`, `X:` opening a headline.
            verb_after: crate::rules::code_regex(&format!(r"(?i)^(?:['’]s)?\s*(?:,\s*)?(?:who\s+)?(?:has\s+|had\s+|have\s+|also\s+)?(?:{verbs})\b|^:\s|^,\s+who\b[^.]{{0,100}}?,\s+(?:{verbs})\b")).expect("verb after"),
            // `said X`, `said Chairman X`.
            verb_before: crate::rules::code_regex(&format!(r"(?i:\b(?:{verbs}))\s+(?:\p{{Lu}}\p{{L}}*\s+){{0,3}}$")).expect("verb before"),
            according_before: crate::rules::code_regex(&format!(r"(?i)\b(?:{attribution})\s*$")).expect("according"),
            cue_before: crate::rules::code_regex(&format!(r"(?i)\b(?:{})\s+$", if lex.person_cues.is_empty() { "$^" } else { lex.person_cues.as_str() })).expect("cue before"),
            title_after: crate::rules::code_regex(r"^,\s+(?:the\s+|a\s+|\p{Lu}[\p{L}]+['’]s\s+)?[\p{L}\s]{0,20}?(?:\p{Lu}|chief|head|spokes|secretary|minister|president|mayor|governor|director|leader|chair|judge|officer|commander|ambassador)").expect("title after"),
        }
    }
}

/// A name as found in one article, before the batch folds spellings.
#[derive(Debug, Clone)]
pub(super) struct NameRun {
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub signalled: bool,
}

fn window_before(text: &str, at: usize, len: usize) -> &str {
    crate::text::before(text, at, len)
}

impl Recognizer {
    fn title_ends_at(&self, text: &str, at: usize) -> bool {
        let before = window_before(text, at, 90);
        let trimmed = before.trim_end_matches([' ', ',']);
        if self
            .persons
            .any_title_end
            .as_ref()
            .is_some_and(|re| !re.is_match(trimmed))
        {
            return false;
        }
        self.lex.titles.iter().any(|t| {
            t.patterns
                .iter()
                .any(|p| p.find_iter(trimmed).any(|m| m.end() == trimmed.len()))
        })
    }

    /// Name runs of one article; `signalled` says the context proves a person.
    /// `cues` are the article's cue words.
    pub(super) fn name_runs(&self, text: &str, cues: &Cues) -> Vec<NameRun> {
        let lex = &self.lex;
        let p = &self.persons;
        let near = |family: Cue, start: usize, end: usize| {
            cues.at(family).is_none_or(|at| any_in(at, start, end))
        };
        let mut out = Vec::new();
        for m in p.run.find_iter(text) {
            // Split the run at words that are never names.
            let mut groups: Vec<Vec<(usize, usize)>> = vec![Vec::new()];
            for tok in m.as_str().split([' ', '\t']).filter(|t| !t.is_empty()) {
                let s = m.start() + (tok.as_ptr() as usize - m.as_str().as_ptr() as usize);
                let e = s + tok.len();
                let word = without_possessive(tok);
                if lex.not_names.contains(word)
                    || word.len() <= 4 && lex.not_names.contains(&word.to_uppercase())
                {
                    // Names right before a body's word name the body
                    // (`Kestria Ministry`), not a person.
                    if let Some(last) = groups.last_mut() {
                        last.clear();
                    }
                    groups.push(Vec::new());
                } else if let Some(last) = groups.last_mut() {
                    last.push((s, e));
                }
            }
            for g in groups.into_iter().filter(|g| !g.is_empty() && g.len() <= 3) {
                let start = g[0].0;
                let mut end = g[g.len() - 1].1;
                for suffix in ["'s", "’s"] {
                    if text[start..end].ends_with(suffix) {
                        end -= suffix.len();
                    }
                }
                let name = text[start..end].to_string();
                if name.chars().filter(|c| c.is_alphabetic()).count() < 2
                    || name.chars().all(|c| !c.is_lowercase())
                {
                    continue;
                }
                let after = crate::text::after(text, end, 60);
                let before = window_before(text, start, 40);
                let before_start = start - before.len();
                let after_end = end + after.len();
                let known = self.known_person(&name).is_some();
                let signalled = known
                    || (after.starts_with(':') || near(Cue::SpeechVerb, end, after_end))
                        && p.verb_after.is_match(after)
                    || near(Cue::SpeechVerb, before_start, start) && p.verb_before.is_match(before)
                    || near(Cue::Attribution, before_start, start)
                        && p.according_before.is_match(before)
                    || near(Cue::NameAnnouncer, before_start, start)
                        && p.cue_before.is_match(before)
                    || after.starts_with(',') && p.title_after.is_match(after) && g.len() >= 2
                    || self.title_ends_at(text, start);
                out.push(NameRun {
                    start,
                    end,
                    name,
                    signalled,
                });
            }
        }
        out
    }

    /// The canonical name of a person known by rule, if `name` is one.
    pub(super) fn known_person(&self, name: &str) -> Option<&str> {
        let surname = name.split_whitespace().last()?;
        if !self
            .persons
            .known_surnames
            .iter()
            .any(|s| s.eq_ignore_ascii_case(surname))
        {
            return None;
        }
        self.lex.persons.iter().find_map(|p| {
            let matches = |alias: &str| {
                alias.eq_ignore_ascii_case(name)
                    || alias
                        .split_whitespace()
                        .last()
                        .is_some_and(|s| s.eq_ignore_ascii_case(surname))
                        && (name.split_whitespace().count() == 1
                            || alias.split_whitespace().count() > 1
                                && alias.eq_ignore_ascii_case(name)
                            || first_names_agree(alias, name))
            };
            (matches(&p.name) || p.aliases.iter().any(|a| matches(a))).then_some(p.name.as_str())
        })
    }

    /// Persons of one article: signalled runs, then bare names that match
    /// their first or last names.
    pub(super) fn persons(&self, text: &str, cues: &Cues) -> Vec<Found> {
        let runs = self.name_runs(text, cues);
        let is_full = |r: &&NameRun| r.name.split_whitespace().count() >= 2;
        let mut full_names: Vec<String> = runs
            .iter()
            .filter(|r| r.signalled)
            .filter(is_full)
            .map(|r| r.name.clone())
            .collect();
        // `Lantz said` makes the earlier `Ivo Lantz` a person too.
        let all_full: Vec<&NameRun> = runs.iter().filter(is_full).collect();
        for single in runs.iter().filter(|r| r.signalled && !is_full(r)) {
            if let Some(f) = all_full
                .iter()
                .find(|f| f.name.split_whitespace().last() == Some(single.name.as_str()))
                && !full_names.contains(&f.name)
            {
                full_names.push(f.name.clone());
            }
        }
        let mut out = Vec::new();
        for run in &runs {
            let tokens: Vec<&str> = run.name.split_whitespace().collect();
            let full = if tokens.len() >= 2 {
                Some(run.name.clone())
            } else {
                // A bare name takes the full name it is part of.
                full_names
                    .iter()
                    .find(|f| f.split_whitespace().last() == Some(tokens[0]))
                    .or_else(|| {
                        full_names
                            .iter()
                            .find(|f| f.split_whitespace().next() == Some(tokens[0]))
                    })
                    .cloned()
            };
            let accepted = run.signalled || full.as_ref().is_some_and(|f| full_names.contains(f));
            if !accepted {
                continue;
            }
            let name = full.unwrap_or_else(|| run.name.clone());
            let canonical = self.known_person(&name).map_or(name, str::to_string);
            out.push(Found {
                kind: MentionKind::Person,
                start: run.start,
                end: run.end,
                value: MentionValue::Text(canonical),
                rule: "person.name".to_string(),
            });
        }
        out
    }
}

/// A word without its possessive endings, as `trim_end_matches` would
/// take them: every `'s`, then every `’s`.
fn without_possessive(word: &str) -> &str {
    let mut word = word;
    while let Some(w) = word.strip_suffix("'s") {
        word = w;
    }
    while let Some(w) = word.strip_suffix("’s") {
        word = w;
    }
    word
}

/// First names agree when either is missing, one is the other's initial,
/// or they are equal.
pub fn first_names_agree(a: &str, b: &str) -> bool {
    let first = |s: &str| {
        let t: Vec<&str> = s.split_whitespace().collect();
        (t.len() >= 2).then(|| t[0].trim_end_matches('.').to_lowercase())
    };
    match (first(a), first(b)) {
        (Some(x), Some(y)) => {
            x == y || x.len() == 1 && y.starts_with(&x) || y.len() == 1 && x.starts_with(&y)
        }
        _ => true,
    }
}
