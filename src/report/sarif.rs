//! SARIF 2.1.0 for code-scanning dashboards: one result per conflict,
//! disputed or changed finding and per duplicate, located in the article
//! file, with the finding's fingerprint so runs can be matched.

use serde_json::{Value, json};

use super::label;
use crate::model::{Report, Status};

fn location(report: &Report, article: usize, span: &crate::model::Span) -> Value {
    let a = &report.articles[article];
    json!({"physicalLocation": {
        "artifactLocation": {"uri": a.path},
        "region": {"startLine": span.line, "charOffset": span.start, "charLength": span.end - span.start}
    }})
}

pub fn render(report: &Report) -> String {
    let mut results = Vec::new();
    for f in &report.findings {
        let level = match f.status {
            Status::Conflict => "error",
            Status::Disputed | Status::Changed => "warning",
            Status::Agreement => continue,
        };
        let locations: Vec<Value> = f
            .facts
            .iter()
            .map(|&i| {
                let fact = &report.facts[i];
                location(report, fact.article, &fact.span)
            })
            .collect();
        results.push(json!({
            "ruleId": format!("{}/{}", f.status.as_str(), f.kind.as_str()),
            "level": level,
            "message": {"text": f.message},
            "locations": locations,
            "partialFingerprints": {"crosscheck/v1": f.fingerprint},
        }));
    }
    for d in &report.duplicates {
        results.push(json!({
            "ruleId": "duplicate/passage",
            "level": "note",
            "message": {"text": format!("near-duplicate passage ({:.2}) of {}", d.similarity, label(&report.articles[d.b.article]))},
            "locations": [location(report, d.a.article, &d.a.span)],
            "relatedLocations": [location(report, d.b.article, &d.b.span)],
        }));
    }
    let rules: Vec<Value> = ["conflict", "disputed", "changed"]
        .iter()
        .flat_map(|s| ["count", "date", "format", "quote", "role"].map(move |k| format!("{s}/{k}")))
        .chain(std::iter::once("duplicate/passage".to_string()))
        .map(|id| json!({"id": id}))
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "crosscheck", "version": env!("CARGO_PKG_VERSION"), "rules": rules}},
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
