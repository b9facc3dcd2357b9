//! Reading articles: text and Markdown files, JSON Lines, directories and
//! standard input. A bad input becomes an [`InputError`] naming the file and
//! line; the other inputs are still read.

mod html;

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use crate::lexicon::Lexicon;
use crate::model::{Article, InputError};

/// Larger inputs are refused rather than read into memory.
pub const MAX_INPUT_BYTES: usize = 64 << 20;
/// Only the top of an article is searched for its date, title and outlet.
const SNIFF_LINES: usize = 25;

const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];
const JSONL_EXTENSIONS: &[&str] = &["jsonl", "ndjson"];
const HTML_EXTENSIONS: &[&str] = &["html", "htm", "xhtml"];

/// One unit of input: a path, or `-` for standard input.
#[derive(Debug, Clone)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

impl Input {
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// What reading a batch gave: the articles, and the inputs that failed.
#[derive(Debug, Default)]
pub struct Batch {
    pub articles: Vec<Article>,
    pub errors: Vec<InputError>,
}

/// Reads every input in order; directories are walked in sorted order.
pub fn read_inputs(inputs: &[Input], lex: &Lexicon, stdin: &mut dyn Read) -> Batch {
    let mut batch = Batch::default();
    for input in inputs {
        match input {
            Input::Stdin => {
                let mut bytes = Vec::new();
                match stdin
                    .take(MAX_INPUT_BYTES as u64 + 1)
                    .read_to_end(&mut bytes)
                {
                    Ok(_) => add_text_file("-", &bytes, lex, &mut batch),
                    Err(e) => batch.errors.push(error("-", None, e.to_string())),
                }
            }
            Input::Path(path) => read_path(path, true, lex, &mut batch),
        }
    }
    batch
}

fn error(path: &str, line: Option<usize>, message: String) -> InputError {
    InputError {
        path: path.to_string(),
        line,
        message,
    }
}

fn read_path(path: &Path, named: bool, lex: &Lexicon, batch: &mut Batch) {
    let shown = path.display().to_string();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            batch.errors.push(error(&shown, None, e.to_string()));
            return;
        }
    };
    if meta.is_dir() {
        let mut children: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).collect(),
            Err(e) => {
                batch.errors.push(error(&shown, None, e.to_string()));
                return;
            }
        };
        children.sort();
        for child in children {
            let hidden = child
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if !hidden {
                read_path(&child, false, lex, batch);
            }
        }
        return;
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let is_jsonl = JSONL_EXTENSIONS.contains(&ext.as_str());
    let is_html = HTML_EXTENSIONS.contains(&ext.as_str());
    // Inside a directory only known kinds are read; a named file is read
    // whatever its name says.
    if !named && !is_jsonl && !is_html && !ARTICLE_EXTENSIONS.contains(&ext.as_str()) {
        return;
    }
    if meta.len() > MAX_INPUT_BYTES as u64 {
        batch.errors.push(error(
            &shown,
            None,
            format!(
                "file is {} bytes; the limit is {MAX_INPUT_BYTES}",
                meta.len()
            ),
        ));
        return;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            batch.errors.push(error(&shown, None, e.to_string()));
            return;
        }
    };
    if is_jsonl {
        add_jsonl(&shown, &bytes, lex, batch);
    } else if is_html {
        add_html_file(&shown, &bytes, lex, batch);
    } else {
        add_text_file(&shown, &bytes, lex, batch);
    }
}

/// Decodes bytes as UTF-8 text or says why not, with the line.
fn decode(bytes: &[u8]) -> Result<&str, (Option<usize>, String)> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err((None, format!("input is over {MAX_INPUT_BYTES} bytes")));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(pos) = head.iter().position(|&b| b == 0) {
        let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err((Some(line), "binary file (NUL byte): not an article".into()));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        (
            Some(line),
            format!("invalid UTF-8 at byte {at}: save the file as UTF-8"),
        )
    })
}

fn add_text_file(path: &str, bytes: &[u8], lex: &Lexicon, batch: &mut Batch) {
    let text = match decode(bytes) {
        Ok(t) => t,
        Err((line, message)) => {
            batch.errors.push(error(path, line, message));
            return;
        }
    };
    if text.trim().is_empty() {
        batch
            .errors
            .push(error(path, None, "empty file: no article to read".into()));
        return;
    }
    let id = format!("a{}", batch.articles.len() + 1);
    batch
        .articles
        .push(sniffed(id, path, text.to_string(), lex));
}

/// An HTML page: the extracted main text is the article; what the page's
/// metadata states wins over what is sniffed from the text.
fn add_html_file(path: &str, bytes: &[u8], lex: &Lexicon, batch: &mut Batch) {
    let source = match decode(bytes) {
        Ok(t) => t,
        Err((line, message)) => {
            batch.errors.push(error(path, line, message));
            return;
        }
    };
    let page = html::extract(source);
    if page.text.trim().is_empty() {
        batch.errors.push(error(
            path,
            None,
            "no article text in this HTML page".into(),
        ));
        return;
    }
    let id = format!("a{}", batch.articles.len() + 1);
    let mut article = sniffed(id, path, page.text, lex);
    article.title = page.title.or(article.title);
    article.source = page.source.or(article.source);
    article.url = page.url;
    if let Some(iso) = page.published.as_deref().and_then(normalize_published) {
        article.published = Some(iso);
    }
    batch.articles.push(article);
}

#[derive(Deserialize)]
struct JsonArticle {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

fn add_jsonl(path: &str, bytes: &[u8], lex: &Lexicon, batch: &mut Batch) {
    let text = match decode(bytes) {
        Ok(t) => t,
        Err((line, message)) => {
            batch.errors.push(error(path, line, message));
            return;
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: JsonArticle = match serde_json::from_str(line) {
            Ok(p) => p,
            Err(e) => {
                batch
                    .errors
                    .push(error(path, Some(line_no), format!("bad JSON line: {e}")));
                continue;
            }
        };
        let id = match &parsed.id {
            serde_json::Value::String(s) if !s.is_empty() => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => {
                batch.errors.push(error(
                    path,
                    Some(line_no),
                    "`id` must be a non-empty string or a number".into(),
                ));
                continue;
            }
        };
        if batch.articles.iter().any(|a| a.id == id) {
            batch
                .errors
                .push(error(path, Some(line_no), format!("duplicate id `{id}`")));
            continue;
        }
        if parsed.text.trim().is_empty() {
            batch
                .errors
                .push(error(path, Some(line_no), "`text` is empty".into()));
            continue;
        }
        let published = match parsed.published.as_deref().map(normalize_published) {
            Some(Some(iso)) => Some(iso),
            Some(None) => {
                batch.errors.push(error(
                    path,
                    Some(line_no),
                    "`published` is not a date (YYYY-MM-DD)".into(),
                ));
                continue;
            }
            None => None,
        };
        let mut article = sniffed(id, &format!("{path}:{line_no}"), parsed.text, lex);
        article.title = parsed.title.or(article.title);
        article.source = parsed.source.or(article.source);
        article.url = parsed.url;
        if published.is_some() {
            article.published = published;
        }
        batch.articles.push(article);
    }
}

/// `2025-05-23` or `2025-05-23T18:12:00Z` to `2025-05-23`.
fn normalize_published(s: &str) -> Option<String> {
    let day = s.get(..10)?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
}

fn sniffed(id: String, path: &str, text: String, lex: &Lexicon) -> Article {
    let published = sniff_published(&text, lex);
    let source = sniff_source(&text, lex);
    let title = sniff_title(&text, lex);
    Article {
        id,
        path: path.to_string(),
        title,
        source,
        published,
        url: None,
        label: String::new(),
        text,
    }
}

fn top_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .take(SNIFF_LINES)
}

/// The first date stamp near the top, by the `published` rules.
pub fn sniff_published(text: &str, lex: &Lexicon) -> Option<String> {
    for line in top_lines(text) {
        for rule in &lex.published {
            let Some(c) = rule.regex.captures(line) else {
                continue;
            };
            // A rule's ways of writing a date name their groups `y`, `m`,
            // `mon` and `d`, with a number after each for the second way
            // and on (`y2`, `mon3`): the first that took part is read.
            let group = |base: &str| {
                rule.regex
                    .capture_names()
                    .flatten()
                    .filter(|n| n.trim_end_matches(|c: char| c.is_ascii_digit()) == base)
                    .find_map(|n| c.name(n))
                    .map(|m| m.as_str())
            };
            let year = group("y").and_then(|y| y.parse::<i32>().ok());
            let month = group("m")
                .and_then(|m| m.parse::<u32>().ok())
                .or_else(|| group("mon").and_then(|m| lex.months.get(&m.to_lowercase()).copied()));
            let day = group("d").and_then(|d| d.parse::<u32>().ok());
            if let (Some(y), Some(m), Some(d)) = (year, month, day)
                && let Some(date) = NaiveDate::from_ymd_opt(y, m, d)
            {
                return Some(date.format("%Y-%m-%d").to_string());
            }
        }
    }
    None
}

/// The outlet, from a dateline (`Kyiv • UNN`) or an agency-name line.
pub fn sniff_source(text: &str, lex: &Lexicon) -> Option<String> {
    // Rules in order of trust: the first rule that names an outlet anywhere
    // near the top wins over later rules.
    for rule in &lex.outlets {
        for line in top_lines(text) {
            let furniture = lex.furniture.iter().any(|f| f.regex.is_match(line));
            if !furniture
                && let Some(c) = rule.regex.captures(line)
                && let Some(m) = c.name("name").or_else(|| c.name("wire"))
            {
                return Some(m.as_str().trim().to_string());
            }
        }
    }
    None
}

fn is_furniture_line(line: &str, lex: &Lexicon) -> bool {
    lex.furniture.iter().any(|f| f.regex.is_match(line))
        || lex.outlets.iter().any(|o| o.regex.is_match(line))
}

/// The title: the first heading-like line near the top, preferring one the
/// page repeats (outlets print the headline twice).
pub fn sniff_title(text: &str, lex: &Lexicon) -> Option<String> {
    let strip_stamp = |line: &str| -> String {
        let mut line = line.trim().to_string();
        for rule in &lex.published {
            if let Some(m) = rule.regex.find(&line)
                && m.start() == 0
            {
                line = line[m.end()..].trim().to_string();
            }
        }
        line
    };
    // A section of other stories (`MORE ABOUT`) can come within the top
    // lines, and its headlines are printed twice too: the title is before it.
    let opens_section = |l: &str| {
        lex.furniture
            .iter()
            .any(|f| f.section && f.regex.is_match(l))
    };
    let candidates: Vec<String> = top_lines(text)
        .take_while(|l| !opens_section(l))
        .filter(|l| !is_furniture_line(l, lex))
        .map(strip_stamp)
        .filter(|l| l.split_whitespace().count() >= 4)
        .collect();
    let repeated = candidates
        .iter()
        .find(|c| text.matches(c.as_str()).count() >= 2);
    let chosen = repeated.or(candidates.first())?;
    Some(shorten(chosen, 160))
}

fn shorten(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let cut: String = s.chars().take(max_chars).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{at_word}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::RuleBook;

    #[test]
    fn the_title_is_not_a_repeated_headline_of_a_section_of_other_stories() {
        let lex = Lexicon::new(&RuleBook::with_dir(None).expect("rules"));
        let text = "NordWire\n\nMill workers end strike after pay deal is signed\n\n\
                    The strike at the Orrin mill ended on Monday.\n\nMORE ABOUT\n\n\
                    Harbour cranes stand idle for a second week\n\n\
                    Harbour cranes stand idle for a second week\n";
        assert_eq!(
            sniff_title(text, &lex).as_deref(),
            Some("Mill workers end strike after pay deal is signed")
        );
        // Outside such a section the repeated line is still preferred.
        let printed_twice = text.replace("MORE ABOUT\n\n", "");
        assert_eq!(
            sniff_title(&printed_twice, &lex).as_deref(),
            Some("Harbour cranes stand idle for a second week")
        );
    }
}
