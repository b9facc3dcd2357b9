//! Pure functions from a [`Report`] to text, one file per format.

mod csv;
mod html;
mod json;
mod markdown;
mod sarif;
mod table;

use crate::align::{source_name, value_text};
use crate::model::{Article, Fact, Report};

pub use json::to_json_value;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
    Markdown,
    Github,
    Html,
    Sarif,
}

/// What the text is for: `check` shows verdicts, `extract` facts or mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Check,
    Facts,
    Mentions,
}

#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    pub view: View,
    /// Table width in columns.
    pub width: u16,
}

pub fn render(report: &Report, format: Format, options: &RenderOptions) -> String {
    match format {
        Format::Table => table::render(report, options),
        Format::Json => json::render(report),
        Format::Csv => csv::render(report, options.view),
        Format::Markdown => markdown::render(report, options.view),
        Format::Github => github(report),
        Format::Html => html::render(report),
        Format::Sarif => sarif::render(report),
    }
}

/// An article's label in tables and messages: outlet, else file name.
fn label(a: &Article) -> String {
    source_name(a)
}

/// The fact's sentence with the fact's words marked «like this», cut to
/// about `max` characters around them.
fn evidence(article: &Article, fact: &Fact, max: usize) -> String {
    let text = &article.text;
    let (ss, se) = (
        fact.sentence.start.min(fact.span.start),
        fact.sentence.end.max(fact.span.end),
    );
    let (fs, fe) = (fact.span.start, fact.span.end);
    let before: Vec<char> = one_line_keep_edges(&text[ss..fs]).chars().collect();
    let marked = one_line(&text[fs..fe]);
    let after: Vec<char> = one_line_keep_edges(&text[fe..se]).chars().collect();
    let budget = max.saturating_sub(marked.chars().count()) / 2;
    let before: String = if before.len() > budget {
        format!(
            "…{}",
            before[before.len() - budget..].iter().collect::<String>()
        )
    } else {
        before.iter().collect()
    };
    let after: String = if after.len() > budget {
        format!("{}…", after[..budget].iter().collect::<String>())
    } else {
        after.iter().collect()
    };
    format!("{}«{marked}»{}", before.trim_start(), after.trim_end())
}

/// Whitespace runs folded to one space, a space kept at either edge.
fn one_line_keep_edges(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// GitHub Actions annotations: one `::error` or `::warning` line a finding.
fn github(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let level = match f.status {
            crate::model::Status::Conflict => "error",
            crate::model::Status::Disputed | crate::model::Status::Changed => "warning",
            crate::model::Status::Agreement => continue,
        };
        let fact = &report.facts[f.facts[0]];
        let article = &report.articles[fact.article];
        out.push_str(&format!(
            "::{level} file={},line={},title={} {}::{}\n",
            escape_property(&article.path),
            fact.span.line,
            f.status.as_str(),
            escape_property(&f.key),
            escape_data(&f.message)
        ));
    }
    for d in &report.duplicates {
        let a = &report.articles[d.a.article];
        let b = &report.articles[d.b.article];
        out.push_str(&format!(
            "::notice file={},line={},title=duplicate::{} passage repeats {}:{} (similarity {:.2})\n",
            escape_property(&a.path),
            d.a.span.line,
            escape_data(&label(a)),
            escape_data(&b.path),
            d.b.span.line,
            d.similarity
        ));
    }
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// What a finding is about: its key, narrowed by part, stage or goal.
fn what(f: &crate::model::Finding) -> String {
    match &f.qualifier {
        Some(q) => format!("{} ({q})", f.key),
        None => f.key.clone(),
    }
}

/// Values of a finding joined for a cell.
fn values_cell(values: &[crate::model::FactValue]) -> String {
    values
        .iter()
        .map(value_text)
        .collect::<Vec<_>>()
        .join(" | ")
}
