//! Measuring extraction against annotated articles: precision and recall
//! per fact kind over `fixtures/facts/<case>/{article.txt,expected.json}`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::align::value_text;
use crate::model::{Article, Fact, FactValue};
use crate::{Options, Pipeline};

/// Quotes this similar (by words) are the same quote.
const QUOTE_MATCH: f64 = 0.8;

/// One annotated fact.
#[derive(Debug, Clone, Deserialize)]
pub struct ExpectedFact {
    pub kind: String,
    pub key: String,
    pub value: serde_json::Value,
    #[serde(default)]
    pub speaker: Option<String>,
    pub text: String,
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Deserialize)]
struct Expected {
    facts: Vec<ExpectedFact>,
}

/// Counts for one fact kind.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        let found = self.true_positives + self.false_positives;
        if found == 0 {
            1.0
        } else {
            self.true_positives as f64 / found as f64
        }
    }

    pub fn recall(&self) -> f64 {
        let wanted = self.true_positives + self.false_negatives;
        if wanted == 0 {
            1.0
        } else {
            self.true_positives as f64 / wanted as f64
        }
    }
}

/// Scores per kind, and what went wrong where.
#[derive(Debug, Default)]
pub struct Evaluation {
    pub cases: usize,
    pub scores: BTreeMap<String, Score>,
    /// `case: expected fact` lines never found.
    pub missed: Vec<String>,
    /// `case: fact` lines found but not annotated.
    pub spurious: Vec<String>,
}

fn value_matches(e: &ExpectedFact, f: &Fact) -> bool {
    match (&f.value, &e.value) {
        (FactValue::Quantity(q), serde_json::Value::Number(n)) => {
            n.as_f64().is_some_and(|v| (v - q.value).abs() < 1e-6)
        }
        (FactValue::Date(d), serde_json::Value::String(s)) => d.iso.as_deref() == Some(s.as_str()),
        (FactValue::Text(t), serde_json::Value::String(s)) if e.kind == "quote" => {
            let (a, b) = (
                crate::align::normalize_words(t),
                crate::align::normalize_words(s),
            );
            a.contains(&b)
                || b.contains(&a)
                || strsim::normalized_levenshtein(&a, &b) >= QUOTE_MATCH
        }
        (FactValue::Text(t), serde_json::Value::String(s)) => t == s,
        _ => false,
    }
}

/// Whether a fact is the annotated one: kind, key, value and speaker agree
/// and the spans overlap.
pub fn fact_matches(e: &ExpectedFact, f: &Fact, text: &str) -> bool {
    // The annotation names the words, not the place: any occurrence counts.
    let overlaps = !e.text.is_empty()
        && text
            .match_indices(&e.text)
            .any(|(at, _)| f.span.start < at + e.text.len() && at < f.span.end);
    let speaker_ok = match (&e.speaker, &f.speaker) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        (Some(_), None) => false,
        (None, _) => true,
    };
    e.kind == f.kind.as_str() && e.key == f.key && value_matches(e, f) && speaker_ok && overlaps
}

fn describe(f: &Fact) -> String {
    format!(
        "{} {} {} speaker={}",
        f.kind.as_str(),
        f.key,
        value_text(&f.value),
        f.speaker.as_deref().unwrap_or("-")
    )
}

/// Runs extraction on every case folder under `dir` and scores it.
pub fn evaluate_facts(dir: &Path, pipeline: &Pipeline) -> Result<Evaluation, String> {
    let mut cases: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    cases.sort();
    let mut eval = Evaluation::default();
    for case in cases {
        let name = case
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let text = std::fs::read_to_string(case.join("article.txt"))
            .map_err(|e| format!("{name}: {e}"))?;
        let expected: Expected = serde_json::from_str(
            &std::fs::read_to_string(case.join("expected.json"))
                .map_err(|e| format!("{name}: {e}"))?,
        )
        .map_err(|e| format!("{name}/expected.json:{}: {e}", e.line()))?;
        let article = Article {
            id: "a1".into(),
            path: name.clone(),
            title: None,
            source: None,
            published: crate::ingest::sniff_published(&text, pipeline.lexicon()),
            url: None,
            label: String::new(),
            text: text.clone(),
        };
        let options = Options {
            facts_only: true,
            ..Options::default()
        };
        let facts = pipeline.run(vec![article], &options).facts;
        let mut matched = vec![false; facts.len()];
        for e in &expected.facts {
            let score = eval.scores.entry(e.kind.clone()).or_default();
            match (0..facts.len()).find(|&i| !matched[i] && fact_matches(e, &facts[i], &text)) {
                Some(i) => {
                    matched[i] = true;
                    score.true_positives += 1;
                }
                None => {
                    score.false_negatives += 1;
                    eval.missed.push(format!(
                        "{name}: {} {} {} speaker={} [{}]",
                        e.kind,
                        e.key,
                        e.value,
                        e.speaker.as_deref().unwrap_or("-"),
                        e.text
                    ));
                }
            }
        }
        // A fact repeated (a headline, a repeated lead) is not a new claim:
        // repeats of a matched fact count neither way.
        for (i, f) in facts.iter().enumerate() {
            if matched[i] {
                continue;
            }
            // (The annotation lists a claim once, at its first mention,
            // whoever a later mention attributes it to.)
            let repeat = facts.iter().enumerate().any(|(j, g)| {
                matched[j] && g.kind == f.kind && g.key == f.key && g.value == f.value
            });
            if !repeat {
                eval.scores
                    .entry(f.kind.as_str().to_string())
                    .or_default()
                    .false_positives += 1;
                eval.spurious.push(format!(
                    "{name}: {} [{}]",
                    describe(f),
                    &text[f.span.start..f.span.end]
                ));
            }
        }
        eval.cases += 1;
    }
    Ok(eval)
}
