//! Every fixture file under `fixtures/mentions/` holds: sentences written
//! for the project, each with every mention of the file's kind it must
//! yield (and so none other). One file per mention family.

use std::path::Path;

use crosscheck::mentions::{Conventions, DateOrder, ThousandsSeparator};
use crosscheck::model::{Article, Mention, MentionValue};
use crosscheck::rules::RuleBook;
use crosscheck::{Options, Pipeline};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    /// The mention kind this file checks: `number`, `date`, `percent`,
    /// `ordinal`.
    kind: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    text: String,
    #[serde(default)]
    published: Option<String>,
    /// How the case's outlet writes `05/06/2025` (default `auto`).
    #[serde(default)]
    date_order: DateOrder,
    /// Which mark the case's outlet groups thousands with (default `auto`).
    #[serde(default)]
    thousands_separator: ThousandsSeparator,
    mentions: Vec<Expected>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Expected {
    text: String,
    /// Absent means "any value"; `null` means "no value", so the field
    /// must keep a written `null` rather than fold it into absence.
    #[serde(default, deserialize_with = "present")]
    value: Option<serde_json::Value>,
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    max: Option<f64>,
    #[serde(default)]
    until: Option<String>,
    /// Whether a date is flagged as read in a guessed order.
    #[serde(default)]
    ambiguous: Option<bool>,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<serde_json::Value>, D::Error> {
    serde_json::Value::deserialize(d).map(Some)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn matches(e: &Expected, m: &Mention, text: &str) -> bool {
    if text[m.span.start..m.span.end] != e.text {
        return false;
    }
    match &m.value {
        MentionValue::Quantity(q) => {
            e.value
                .as_ref()
                .is_none_or(|v| v.as_f64().is_some_and(|v| close(v, q.value)))
                && e.min.is_none_or(|x| q.min.is_some_and(|y| close(x, y)))
                && e.max.is_none_or(|x| q.max.is_some_and(|y| close(x, y)))
        }
        MentionValue::Date(d) => {
            e.value.as_ref().is_none_or(|v| match v {
                serde_json::Value::Null => d.iso.is_none(),
                v => v.as_str() == d.iso.as_deref(),
            }) && e.until.as_ref().is_none_or(|u| d.until.as_ref() == Some(u))
                && e.ambiguous.is_none_or(|a| a == d.ambiguous)
        }
        MentionValue::Text(_) => e.value.is_none(),
        // A percentage with no figure: the fixture writes `"value": null`.
        MentionValue::Unvalued => e.value.as_ref().is_some_and(serde_json::Value::is_null),
    }
}

fn describe(m: &Mention, text: &str) -> String {
    let value = match &m.value {
        MentionValue::Quantity(q) => format!("{} min={:?} max={:?}", q.value, q.min, q.max),
        MentionValue::Date(d) => {
            format!("{:?} until={:?} ambiguous={}", d.iso, d.until, d.ambiguous)
        }
        MentionValue::Text(t) => t.clone(),
        MentionValue::Unvalued => "no figure".into(),
    };
    format!("{:?}={value}", &text[m.span.start..m.span.end])
}

#[test]
fn every_mention_fixture_holds() {
    let book = RuleBook::with_dir(None).expect("default rules load");
    let pipeline = Pipeline::new(&book);

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/mentions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures/mentions exists")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "one fixture file per mention family");
    let mut failures = Vec::new();
    let mut cases = 0;
    for path in &files {
        let fixture: Fixture = serde_json::from_str(&std::fs::read_to_string(path).expect("read"))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in &fixture.cases {
            cases += 1;
            let article = Article {
                id: "f".into(),
                path: path.display().to_string(),
                title: None,
                source: None,
                published: case.published.clone().or(Some("2025-05-23".into())),
                url: None,
                label: String::new(),
                text: case.text.clone(),
            };
            let options = Options {
                keep_mentions: true,
                facts_only: true,
                conventions: Conventions {
                    date_order: case.date_order,
                    thousands_separator: case.thousands_separator,
                },
                ..Default::default()
            };
            let report = pipeline.run(vec![article], &options);
            let got: Vec<Mention> = report
                .mentions
                .unwrap_or_default()
                .into_iter()
                .filter(|m| {
                    serde_json::to_value(m.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        == Some(fixture.kind.clone())
                })
                .collect();
            let all_found = case
                .mentions
                .iter()
                .all(|e| got.iter().any(|m| matches(e, m, &case.text)));
            if !all_found || got.len() != case.mentions.len() {
                failures.push(format!(
                    "{}: {:?}\n  want {:?}\n  got  {}",
                    path.file_name().unwrap_or_default().to_string_lossy(),
                    case.text,
                    case.mentions,
                    got.iter()
                        .map(|m| describe(m, &case.text))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} mention fixtures fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
