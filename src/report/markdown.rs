//! Markdown: a findings table an editor can paste into a report.

use super::{View, evidence, label, values_cell, what};
use crate::align::value_text;
use crate::model::Report;

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', "<br>")
}

pub fn render(report: &Report, view: View) -> String {
    let mut out = String::new();
    match view {
        View::Check => {
            out.push_str(
                "| status | what | values | sources | evidence |\n|---|---|---|---|---|\n",
            );
            for f in &report.findings {
                let sources: Vec<String> = f
                    .articles
                    .iter()
                    .map(|&a| label(&report.articles[a]))
                    .collect();
                let ev: Vec<String> = f
                    .facts
                    .iter()
                    .map(|&i| {
                        let fact = &report.facts[i];
                        let a = &report.articles[fact.article];
                        format!("{}: {}", label(a), evidence(a, fact, 140))
                    })
                    .collect();
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} |\n",
                    f.status.as_str(),
                    cell(&what(f)),
                    cell(&values_cell(&f.values)),
                    cell(&sources.join(", ")),
                    cell(&ev.join("\n"))
                ));
            }
            if !report.duplicates.is_empty() {
                out.push_str(
                    "\n| duplicate | scope | similarity | a | b |\n|---|---|---|---|---|\n",
                );
                for d in &report.duplicates {
                    let (a, b) = (&report.articles[d.a.article], &report.articles[d.b.article]);
                    out.push_str(&format!(
                        "| {} | {:?} | {:.2} | {}:{} | {}:{} |\n",
                        d.id,
                        d.scope,
                        d.similarity,
                        cell(&label(a)),
                        d.a.span.line,
                        cell(&label(b)),
                        d.b.span.line
                    ));
                }
            }
        }
        View::Facts | View::Mentions => {
            out.push_str(
                "| id | kind | key | value | speaker | text |\n|---|---|---|---|---|---|\n",
            );
            for f in &report.facts {
                let a = &report.articles[f.article];
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} | {} |\n",
                    f.id,
                    f.kind.as_str(),
                    cell(&f.key),
                    cell(&value_text(&f.value)),
                    cell(f.speaker.as_deref().unwrap_or("")),
                    cell(&a.text[f.span.start..f.span.end])
                ));
            }
        }
    }
    out
}
