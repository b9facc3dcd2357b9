//! Rule examples: each rule carries sentences and the facts (or mentions)
//! they must and must not yield. `crosscheck rules --check` and the test
//! suite run them all and name the rule whose example fails.

use crate::model::{Article, Fact, FactValue, Mention, MentionValue};
use crate::rules::{Example, Expect, RuleBook};
use crate::{Options, Pipeline};

/// An example that did not hold.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleFailure {
    pub rule: String,
    pub text: String,
    pub problem: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "rule `{}`: {:?}: {}", self.rule, self.text, self.problem)
    }
}

fn number_matches(expected: &toml::Value, actual: f64) -> bool {
    match expected {
        toml::Value::Integer(i) => (*i as f64 - actual).abs() < 1e-6,
        toml::Value::Float(x) => (x - actual).abs() < 1e-6 * x.abs().max(1.0),
        _ => false,
    }
}

fn text_matches(expected: &toml::Value, actual: &str) -> bool {
    expected.as_str().is_some_and(|e| e == actual)
}

fn optional<T: PartialEq>(expected: &Option<T>, actual: Option<&T>) -> bool {
    expected.as_ref().is_none_or(|e| Some(e) == actual)
}

/// Whether a fact has every field the expectation gives.
pub fn fact_matches(e: &Expect, f: &Fact, text: &str) -> bool {
    let value_ok = e.value.as_ref().is_none_or(|v| match &f.value {
        FactValue::Quantity(q) => number_matches(v, q.value),
        FactValue::Date(d) => d.iso.as_deref().is_some_and(|iso| text_matches(v, iso)),
        FactValue::Text(t) => text_matches(v, t),
    });
    let bounds_ok = match &f.value {
        FactValue::Quantity(q) => {
            e.min
                .is_none_or(|m| q.min.is_some_and(|x| (x - m).abs() < 1e-6))
                && e.max
                    .is_none_or(|m| q.max.is_some_and(|x| (x - m).abs() < 1e-6))
        }
        _ => e.min.is_none() && e.max.is_none(),
    };
    let until_ok = e.until.as_ref().is_none_or(|u| match &f.value {
        FactValue::Date(d) => d.until.as_ref() == Some(u),
        _ => false,
    });
    e.kind == f.kind.as_str()
        && optional(&e.key, Some(&f.key))
        && value_ok
        && bounds_ok
        && until_ok
        && optional(&e.speaker, f.speaker.as_ref())
        && optional(&e.text, Some(&text[f.span.start..f.span.end].to_string()))
        && optional(&e.stage, f.stage.as_ref())
        && optional(&e.part, f.part.as_ref())
        && optional(&e.mode, f.mode.as_ref())
}

/// Whether a mention has every field the expectation gives.
pub fn mention_matches(e: &Expect, m: &Mention, text: &str) -> bool {
    let kind = serde_json::to_value(m.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string));
    let value_ok = e.value.as_ref().is_none_or(|v| match &m.value {
        MentionValue::Quantity(q) => number_matches(v, q.value),
        MentionValue::Date(d) => d.iso.as_deref().is_some_and(|iso| text_matches(v, iso)),
        MentionValue::Text(t) => text_matches(v, t),
        MentionValue::Unvalued => false,
    });
    let bounds_ok = match &m.value {
        MentionValue::Quantity(q) => {
            e.min
                .is_none_or(|x| q.min.is_some_and(|y| (x - y).abs() < 1e-6))
                && e.max
                    .is_none_or(|x| q.max.is_some_and(|y| (x - y).abs() < 1e-6))
        }
        _ => true,
    };
    let until_ok = e.until.as_ref().is_none_or(|u| match &m.value {
        MentionValue::Date(d) => d.until.as_ref() == Some(u),
        _ => false,
    });
    kind.as_deref() == Some(e.kind.as_str())
        && until_ok
        && value_ok
        && bounds_ok
        && optional(&e.text, Some(&text[m.span.start..m.span.end].to_string()))
}

fn run_example(pipeline: &Pipeline, example: &Example) -> crate::model::Report {
    let published = example
        .published
        .clone()
        .or_else(|| crate::ingest::sniff_published(&example.text, pipeline.lexicon()));
    let article = Article {
        id: "a1".into(),
        path: "example".into(),
        title: None,
        source: None,
        published,
        url: None,
        label: String::new(),
        text: example.text.clone(),
    };
    let options = Options {
        keep_mentions: true,
        facts_only: true,
        ..Options::default()
    };
    pipeline.run(vec![article], &options)
}

fn describe(e: &Expect) -> String {
    let mut parts = vec![format!("kind={}", e.kind)];
    for (name, v) in [
        ("key", &e.key),
        ("speaker", &e.speaker),
        ("text", &e.text),
        ("stage", &e.stage),
        ("part", &e.part),
        ("mode", &e.mode),
    ] {
        if let Some(v) = v {
            parts.push(format!("{name}={v:?}"));
        }
    }
    if let Some(v) = &e.value {
        parts.push(format!("value={v}"));
    }
    parts.join(" ")
}

/// Runs every example of every rule in the book.
pub fn check_examples(book: &RuleBook) -> Vec<ExampleFailure> {
    let pipeline = Pipeline::new(book);
    let mut failures = Vec::new();
    for entry in book.rules.entries() {
        for example in entry.examples {
            let report = run_example(&pipeline, example);
            let text = &example.text;
            let mentions = report.mentions.as_deref().unwrap_or_default();
            let mut fail = |problem: String| {
                failures.push(ExampleFailure {
                    rule: entry.id.get_ref().clone(),
                    text: text.clone(),
                    problem,
                })
            };
            let got_facts = || {
                report
                    .facts
                    .iter()
                    .map(|f| {
                        format!(
                            "{} {} {:?} {:?}",
                            f.kind.as_str(),
                            f.key,
                            crate::align::value_text(&f.value),
                            f.speaker
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            for e in &example.mentions {
                if !mentions.iter().any(|m| mention_matches(e, m, text)) {
                    let got: Vec<String> = mentions
                        .iter()
                        .map(|m| format!("{:?} {:?}", m.kind, &text[m.span.start..m.span.end]))
                        .collect();
                    fail(format!(
                        "no mention {}; got {}",
                        describe(e),
                        got.join(", ")
                    ));
                }
            }
            for e in &example.no_mentions {
                if let Some(m) = mentions.iter().find(|m| mention_matches(e, m, text)) {
                    fail(format!(
                        "unwanted mention {}: {:?}",
                        describe(e),
                        &text[m.span.start..m.span.end]
                    ));
                }
            }
            for e in &example.facts {
                if !report.facts.iter().any(|f| fact_matches(e, f, text)) {
                    fail(format!("no fact {}; got {}", describe(e), got_facts()));
                }
            }
            for e in &example.no_facts {
                if report.facts.iter().any(|f| fact_matches(e, f, text)) {
                    fail(format!(
                        "unwanted fact {}; got {}",
                        describe(e),
                        got_facts()
                    ));
                }
            }
        }
    }
    failures
}
