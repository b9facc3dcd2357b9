//! A self-contained HTML audit page for editors: each finding with every
//! outlet's sentence side by side, the compared words highlighted and
//! linked to the article, which follows in full. Article text is
//! untrusted: everything from it is escaped.

use std::fmt::Write;

use super::label;
use crate::align::value_text;
use crate::model::{Article, Fact, Report, Status};

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;color:#222}\
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}\
.finding{border:1px solid #ccc;border-left:6px solid #999;margin:1em 0;padding:.6em 1em}\
.conflict{border-left-color:#c0392b}.disputed{border-left-color:#d68910}.changed{border-left-color:#2874a6}.agreement{border-left-color:#1e8449}\
.status{font-weight:bold;text-transform:uppercase;font-size:.85em}\
.sides{display:flex;flex-wrap:wrap;gap:1em;margin-top:.5em}.side{flex:1 1 18em;background:#f7f7f7;padding:.5em}\
.src{font-size:.85em;color:#555}mark{background:#fde68a}\
pre{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:.5em}\
.ln{color:#999;user-select:none}table{border-collapse:collapse}td,th{padding:.2em .6em;border-bottom:1px solid #eee;text-align:left}";

/// The fact's sentence with its words in `<mark>`, escaped.
fn marked_sentence(article: &Article, fact: &Fact) -> String {
    let text = &article.text;
    let (ss, se) = (
        fact.sentence.start.min(fact.span.start),
        fact.sentence.end.max(fact.span.end),
    );
    format!(
        "{}<mark>{}</mark>{}",
        esc(&text[ss..fact.span.start]),
        esc(&text[fact.span.start..fact.span.end]),
        esc(&text[fact.span.end..se])
    )
}

pub fn render(report: &Report) -> String {
    let mut h = String::new();
    let count = |s: Status| report.findings.iter().filter(|f| f.status == s).count();
    let _ = write!(
        h,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>crosscheck audit</title><style>{STYLE}</style></head><body>\
<h1>crosscheck audit</h1><p>{} articles, {} facts: <b>{} conflicts</b>, {} disputed, {} changed, {} agreements, {} near-duplicate passages.</p>",
        report.articles.len(),
        report.facts.len(),
        count(Status::Conflict),
        count(Status::Disputed),
        count(Status::Changed),
        count(Status::Agreement),
        report.duplicates.len()
    );
    if !report.stories.is_empty() {
        h.push_str("<h2>Stories</h2><table><tr><th>story</th><th>title</th><th>articles</th></tr>");
        for s in &report.stories {
            let names: Vec<String> = s
                .articles
                .iter()
                .map(|&a| esc(&label(&report.articles[a])))
                .collect();
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&s.id),
                esc(&s.title),
                names.join(", ")
            );
        }
        h.push_str("</table>");
    }
    h.push_str("<h2>Findings</h2>");
    for f in &report.findings {
        let values: Vec<String> = f.values.iter().map(|v| esc(&value_text(v))).collect();
        let _ = write!(
            h,
            "<div class=\"finding {status}\" id=\"{id}\"><span class=\"status\">{status}</span> <b>{key}</b> — {values}<div>{msg}</div><div class=\"sides\">",
            status = f.status.as_str(),
            id = esc(&f.id),
            key = esc(&f.key),
            values = values.join(" | "),
            msg = esc(&f.message)
        );
        for &i in &f.facts {
            let fact = &report.facts[i];
            let a = &report.articles[fact.article];
            let who = fact
                .speaker
                .as_deref()
                .map(|s| format!(" — {}", esc(s)))
                .unwrap_or_default();
            let _ = write!(
                h,
                "<div class=\"side\"><div class=\"src\"><a href=\"#{aid}-L{line}\">{src}, line {line}</a>{who}</div>{sentence}</div>",
                aid = esc(&a.id),
                line = fact.span.line,
                src = esc(&label(a)),
                sentence = marked_sentence(a, fact)
            );
        }
        h.push_str("</div></div>");
    }
    if !report.duplicates.is_empty() {
        h.push_str("<h2>Near-duplicate passages</h2>");
        for d in &report.duplicates {
            let _ = write!(
                h,
                "<div class=\"finding\"><span class=\"status\">{} duplicate</span> similarity {:.2}<div class=\"sides\">",
                esc(&format!("{:?}", d.scope).to_lowercase()),
                d.similarity
            );
            for p in [&d.a, &d.b] {
                let a = &report.articles[p.article];
                let _ = write!(
                    h,
                    "<div class=\"side\"><div class=\"src\"><a href=\"#{aid}-L{line}\">{src}, line {line}</a></div>{text}</div>",
                    aid = esc(&a.id),
                    line = p.span.line,
                    src = esc(&label(a)),
                    text = esc(&a.text[p.span.start..p.span.end])
                );
            }
            h.push_str("</div></div>");
        }
    }
    h.push_str("<h2>Articles</h2>");
    for a in &report.articles {
        let _ = write!(
            h,
            "<h3 id=\"{aid}\">{src} <span class=\"src\">{path} {date}</span></h3><pre>",
            aid = esc(&a.id),
            src = esc(&label(a)),
            path = esc(&a.path),
            date = esc(a.published.as_deref().unwrap_or(""))
        );
        for (n, line) in a.text.lines().enumerate() {
            let _ = writeln!(
                h,
                "<span id=\"{}-L{}\" class=\"ln\">{:>4} </span>{}",
                esc(&a.id),
                n + 1,
                n + 1,
                esc(line)
            );
        }
        h.push_str("</pre>");
    }
    h.push_str("</body></html>\n");
    h
}
