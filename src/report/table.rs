//! The human table: verdicts first (conflicts on top), then duplicates; or
//! facts and mentions per article for `extract`.

use comfy_table::{ColumnConstraint, ContentArrangement, Table, Width, presets};

use super::{RenderOptions, View, evidence, label, values_cell, what};
use crate::align::value_text;
use crate::model::{MentionValue, Report, Status};

fn table(width: u16, header: Vec<&str>) -> Table {
    let mut t = Table::new();
    // Plain ASCII and a fixed width: readable in CI logs and stable in tests.
    t.load_style(presets::ASCII_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(header);
    t
}

pub fn render(report: &Report, options: &RenderOptions) -> String {
    match options.view {
        View::Check => check(report, options.width),
        View::Facts => facts(report, options.width),
        View::Mentions => mentions(report, options.width),
    }
}

fn check(report: &Report, width: u16) -> String {
    let mut out = String::new();
    if report.stories.len() > 1 {
        let mut t = table(width, vec!["story", "articles", "title"]);
        for s in &report.stories {
            let names: Vec<String> = s
                .articles
                .iter()
                .map(|&a| label(&report.articles[a]))
                .collect();
            t.add_row(vec![s.id.clone(), names.join(", "), s.title.clone()]);
        }
        out.push_str(&format!("Stories\n{t}\n\n"));
    }
    let mut t = table(
        width,
        vec!["status", "what", "values", "sources", "evidence"],
    );
    // The evidence column gets the room: the others are short labels.
    for (i, max) in [(0, 11), (1, 22), (2, 18), (3, 18)] {
        if let Some(c) = t.column_mut(i) {
            c.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(max)));
        }
    }
    for f in &report.findings {
        let sources: Vec<String> = f
            .articles
            .iter()
            .map(|&a| label(&report.articles[a]))
            .collect();
        // The verdict in a sentence, then one sentence per outlet and
        // value: a headline repeating the lead adds nothing.
        let mut lines: Vec<String> = vec![f.message.clone()];
        let mut shown = std::collections::BTreeSet::new();
        for &i in &f.facts {
            let fact = &report.facts[i];
            if !shown.insert((fact.article, crate::align::value_text(&fact.value))) {
                continue;
            }
            let article = &report.articles[fact.article];
            let who = fact
                .speaker
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            lines.push(format!(
                "{}:{}{who} {}",
                label(article),
                fact.span.line,
                evidence(article, fact, 140)
            ));
        }
        t.add_row(vec![
            f.status.as_str().to_string(),
            what(f),
            values_cell(&f.values),
            sources.join(", "),
            lines.join("\n"),
        ]);
    }
    if report.findings.is_empty() {
        out.push_str("No key is shared by two articles of a story.\n");
    } else {
        out.push_str(&format!("Findings\n{t}\n"));
    }
    if !report.duplicates.is_empty() {
        let mut d = table(width, vec!["id", "scope", "similarity", "passage", "copy"]);
        for dup in &report.duplicates {
            let side = |p: &crate::model::Passage| {
                let a = &report.articles[p.article];
                let text: String = super::one_line(&a.text[p.span.start..p.span.end]);
                let short: String = text.chars().take(110).collect();
                let more = if short.len() < text.len() { "…" } else { "" };
                format!("{}:{} {short}{more}", label(a), p.span.line)
            };
            d.add_row(vec![
                dup.id.clone(),
                format!("{:?}", dup.scope).to_lowercase(),
                format!("{:.2}", dup.similarity),
                side(&dup.a),
                side(&dup.b),
            ]);
        }
        out.push_str(&format!("\nDuplicates\n{d}\n"));
    }
    out.push_str(&summary(report));
    out
}

fn summary(report: &Report) -> String {
    let count = |s: Status| report.findings.iter().filter(|f| f.status == s).count();
    let mut s = format!(
        "\n{} articles, {} facts: {} conflicts, {} disputed, {} changed, {} agreements, {} duplicates\n",
        report.articles.len(),
        report.facts.len(),
        count(Status::Conflict),
        count(Status::Disputed),
        count(Status::Changed),
        count(Status::Agreement),
        report.duplicates.len()
    );
    if !report.errors.is_empty() {
        s.push_str(&format!(
            "{} inputs could not be read (see errors above)\n",
            report.errors.len()
        ));
    }
    s
}

fn facts(report: &Report, width: u16) -> String {
    let mut t = table(
        width,
        vec!["id", "kind", "key", "value", "speaker", "line", "text"],
    );
    for f in &report.facts {
        let article = &report.articles[f.article];
        let mut key = f.key.clone();
        for v in [&f.part, &f.stage, &f.mode].into_iter().flatten() {
            key.push_str(&format!(" [{v}]"));
        }
        t.add_row(vec![
            f.id.clone(),
            f.kind.as_str().to_string(),
            key,
            value_text(&f.value),
            f.speaker.clone().unwrap_or_default(),
            f.span.line.to_string(),
            super::one_line(&article.text[f.span.start..f.span.end]),
        ]);
    }
    format!(
        "{t}\n{} articles, {} facts\n",
        report.articles.len(),
        report.facts.len()
    )
}

fn mentions(report: &Report, width: u16) -> String {
    let mut t = table(width, vec!["article", "kind", "text", "value", "line"]);
    let mentions = report.mentions.as_deref().unwrap_or_default();
    for m in mentions {
        let article = &report.articles[m.article];
        let value = match &m.value {
            MentionValue::Quantity(q) => crate::align::quantity_text(q),
            MentionValue::Date(d) => d.iso.clone().unwrap_or_else(|| "unresolved".into()),
            MentionValue::Text(t) => t.chars().take(80).collect(),
            MentionValue::Unvalued => "no figure".into(),
        };
        t.add_row(vec![
            article.id.clone(),
            format!("{:?}", m.kind).to_lowercase(),
            super::one_line(&article.text[m.span.start..m.span.end])
                .chars()
                .take(80)
                .collect(),
            value,
            m.span.line.to_string(),
        ]);
    }
    format!(
        "{t}\n{} articles, {} mentions\n",
        report.articles.len(),
        mentions.len()
    )
}
