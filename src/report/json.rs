//! `crosscheck/1` JSON: the public contract. Fields are only ever added.

use serde_json::{Map, Value, json};

use crate::model::{DateValue, Fact, FactValue, Mention, MentionValue, Quantity, Report, Status};

pub const SCHEMA: &str = "crosscheck/1";

fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

fn add_quantity(obj: &mut Map<String, Value>, q: &Quantity) {
    obj.insert("value".into(), number(q.value));
    obj.insert("approx".into(), json!(q.approx));
    if let Some(min) = q.min {
        obj.insert("min".into(), number(min));
    }
    if let Some(max) = q.max {
        obj.insert("max".into(), number(max));
    }
}

fn add_date(obj: &mut Map<String, Value>, d: &DateValue) {
    obj.insert("value".into(), json!(d.iso));
    obj.insert("granularity".into(), json!(d.granularity));
    if let Some(until) = &d.until {
        obj.insert("until".into(), json!(until));
    }
    if d.ambiguous {
        obj.insert("ambiguous".into(), json!(true));
    }
}

fn fact_value(v: &FactValue) -> Value {
    match v {
        FactValue::Quantity(q) => number(q.value),
        FactValue::Date(d) => json!(d.iso),
        FactValue::Text(t) => json!(t),
    }
}

/// Values in first-seen order, each once.
fn distinct(values: impl Iterator<Item = Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn mention_json(report: &Report, m: &Mention) -> Value {
    let article = &report.articles[m.article];
    let mut obj = Map::new();
    obj.insert("article".into(), json!(article.id));
    obj.insert("kind".into(), json!(m.kind));
    obj.insert("text".into(), json!(article.text[m.span.start..m.span.end]));
    match &m.value {
        MentionValue::Quantity(q) => add_quantity(&mut obj, q),
        MentionValue::Date(d) => add_date(&mut obj, d),
        MentionValue::Text(t) => {
            obj.insert("value".into(), json!(t));
        }
        MentionValue::Unvalued => {
            obj.insert("value".into(), Value::Null);
        }
    }
    obj.insert("start".into(), json!(m.span.start));
    obj.insert("end".into(), json!(m.span.end));
    obj.insert("line".into(), json!(m.span.line));
    obj.insert("rule".into(), json!(&*m.rule));
    Value::Object(obj)
}

fn fact_json(report: &Report, f: &Fact) -> Value {
    let article = &report.articles[f.article];
    let mut obj = Map::new();
    obj.insert("id".into(), json!(f.id));
    obj.insert("article".into(), json!(article.id));
    obj.insert("kind".into(), json!(f.kind));
    obj.insert("key".into(), json!(f.key));
    match &f.value {
        FactValue::Quantity(q) => add_quantity(&mut obj, q),
        FactValue::Date(d) => {
            add_date(&mut obj, d);
            obj.insert("approx".into(), json!(false));
        }
        FactValue::Text(t) => {
            obj.insert("value".into(), json!(t));
            obj.insert("approx".into(), json!(false));
        }
    }
    obj.insert("speaker".into(), json!(f.speaker));
    obj.insert("text".into(), json!(article.text[f.span.start..f.span.end]));
    obj.insert("start".into(), json!(f.span.start));
    obj.insert("end".into(), json!(f.span.end));
    obj.insert("line".into(), json!(f.span.line));
    obj.insert("rule".into(), json!(f.rule));
    for (name, v) in [
        ("person", &f.person),
        ("part", &f.part),
        ("stage", &f.stage),
        ("mode", &f.mode),
        ("when", &f.when),
    ] {
        if let Some(v) = v {
            obj.insert(name.into(), json!(v));
        }
    }
    Value::Object(obj)
}

/// The whole report as a JSON value.
pub fn to_json_value(report: &Report) -> Value {
    let count = |s: Status| report.findings.iter().filter(|f| f.status == s).count();
    let mut root = Map::new();
    root.insert("schema".into(), json!(SCHEMA));
    root.insert(
        "articles".into(),
        Value::Array(
            report
                .articles
                .iter()
                .map(|a| {
                    json!({"id": a.id, "path": a.path, "title": a.title, "source": a.source,
                           "published": a.published, "url": a.url})
                })
                .collect(),
        ),
    );
    if let Some(mentions) = &report.mentions {
        root.insert(
            "mentions".into(),
            Value::Array(mentions.iter().map(|m| mention_json(report, m)).collect()),
        );
    }
    root.insert(
        "facts".into(),
        Value::Array(report.facts.iter().map(|f| fact_json(report, f)).collect()),
    );
    root.insert(
        "stories".into(),
        Value::Array(
            report
                .stories
                .iter()
                .map(|s| {
                    json!({"id": s.id, "title": s.title,
                           "articles": s.articles.iter().map(|&a| &report.articles[a].id).collect::<Vec<_>>()})
                })
                .collect(),
        ),
    );
    root.insert(
        "findings".into(),
        Value::Array(
            report
                .findings
                .iter()
                .map(|f| {
                    let mut finding = json!({
                        "id": f.id,
                        "fingerprint": f.fingerprint,
                        "status": f.status,
                        "kind": f.kind,
                        "key": f.key,
                        "values": distinct(f.values.iter().map(fact_value)),
                        "facts": f.facts.iter().map(|&i| &report.facts[i].id).collect::<Vec<_>>(),
                        "articles": f.articles.iter().map(|&a| &report.articles[a].id).collect::<Vec<_>>(),
                        "story": f.story.map(|s| &report.stories[s].id),
                        "message": f.message,
                    });
                    if let Some(q) = &f.qualifier {
                        finding["qualifier"] = json!(q);
                    }
                    finding
                })
                .collect(),
        ),
    );
    let side = |p: &crate::model::Passage| json!({"article": report.articles[p.article].id, "start": p.span.start, "end": p.span.end, "line": p.span.line});
    root.insert(
        "duplicates".into(),
        Value::Array(
            report
                .duplicates
                .iter()
                .map(|d| {
                    json!({"id": d.id, "scope": d.scope, "similarity": (d.similarity * 1000.0).round() / 1000.0,
                           "a": side(&d.a), "b": side(&d.b),
                           "first": d.first.map(|i| &report.articles[i].id)})
                })
                .collect(),
        ),
    );
    root.insert(
        "errors".into(),
        Value::Array(
            report
                .errors
                .iter()
                .map(|e| json!({"path": e.path, "line": e.line, "message": e.message}))
                .collect(),
        ),
    );
    root.insert(
        "summary".into(),
        json!({
            "articles": report.articles.len(),
            "facts": report.facts.len(),
            "agreements": count(Status::Agreement),
            "conflicts": count(Status::Conflict),
            "disputed": count(Status::Disputed),
            "changed": count(Status::Changed),
            "duplicates": report.duplicates.len(),
            "stories": report.stories.len(),
            "errors": report.errors.len(),
        }),
    );
    Value::Object(root)
}

pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&to_json_value(report)).unwrap_or_default();
    s.push('\n');
    s
}
