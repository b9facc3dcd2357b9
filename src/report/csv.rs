//! CSV: one row a finding (check) or a fact (extract), for spreadsheets.

use super::{View, label, values_cell};
use crate::align::value_text;
use crate::model::Report;

pub fn render(report: &Report, view: View) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let result = match view {
        View::Check => findings(report, &mut w),
        View::Facts | View::Mentions => facts(report, &mut w),
    };
    let bytes = result.and_then(|()| w.into_inner().map_err(|e| e.into_error().into()));
    bytes
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default()
}

fn findings(report: &Report, w: &mut csv::Writer<Vec<u8>>) -> Result<(), csv::Error> {
    w.write_record([
        "id",
        "fingerprint",
        "status",
        "kind",
        "key",
        "values",
        "sources",
        "message",
        "qualifier",
    ])?;
    for f in &report.findings {
        let sources: Vec<String> = f
            .articles
            .iter()
            .map(|&a| label(&report.articles[a]))
            .collect();
        w.write_record([
            f.id.as_str(),
            &f.fingerprint,
            f.status.as_str(),
            f.kind.as_str(),
            &f.key,
            &values_cell(&f.values),
            &sources.join("; "),
            &f.message,
            f.qualifier.as_deref().unwrap_or(""),
        ])?;
    }
    Ok(())
}

fn facts(report: &Report, w: &mut csv::Writer<Vec<u8>>) -> Result<(), csv::Error> {
    w.write_record([
        "id", "article", "kind", "key", "value", "speaker", "line", "start", "end", "rule", "text",
    ])?;
    for f in &report.facts {
        let a = &report.articles[f.article];
        w.write_record([
            f.id.as_str(),
            &a.id,
            f.kind.as_str(),
            &f.key,
            &value_text(&f.value),
            f.speaker.as_deref().unwrap_or(""),
            &f.span.line.to_string(),
            &f.span.start.to_string(),
            &f.span.end.to_string(),
            &f.rule,
            &a.text[f.span.start..f.span.end],
        ])?;
    }
    Ok(())
}
