//! Measures crosscheck's mentions against the Microsoft Recognizers-Text
//! English specs (MIT), read at run time from `../shared/peer-specs/recognizers-text`
//! or the directory given as the first argument.
//!
//! For each spec file it prints the share of cases where the set of
//! (span, value) crosscheck finds equals the expected set. Spans are compared
//! by the words they cover, so `tues.` and `tues` are the same span while
//! `on Friday` and `Friday` are not. A date case passes on either its past or
//! its future resolution.
//!
//! Two readings are needed to line crosscheck's mentions up with the specs:
//! NumberModel spans never hold bound words, so a mention such as
//! `more than half` is compared by the number inside it (`half`); and an
//! unresolvable date (`Feb 30`) is the specs' `0001-01-01`. The date files
//! take crosscheck's day mentions; DatePeriodParser takes its months,
//! years and spans (`May 24 and 25`), compared by their first day.
//!
//! Run: `cargo run --release --example peer_eval [DIR] [--show FILE]`.
#![allow(clippy::print_stdout)]

use std::path::PathBuf;

use crosscheck::model::{Article, Granularity, Mention, MentionKind, MentionValue};
use crosscheck::rules::RuleBook;
use crosscheck::{Options, Pipeline};
use serde_json::Value;

/// Reference date of cases that carry none (the specs' own default).
const DEFAULT_REFERENCE: &str = "2016-11-07";

/// Cases left out, each with why. Kept tiny: only expectations that are
/// wrong for news or contradict the project's own contract.
const SKIPS: &[(&str, &str, &str)] = &[
    (
        "NumberModel",
        "192.168.1.2",
        "an IP address is not a count (issue 3: IP/version strings are not numbers)",
    ),
    (
        "NumberModel",
        "Any time to meet on 5/17/2018?",
        "a date, not three numbers: crosscheck reads it as a date",
    ),
    (
        "NumberModel",
        "My phone number is +1-222-2222/2222",
        "a phone number is not a count (issue 3)",
    ),
    (
        "NumberModel",
        "SCP-173",
        "a designation like F-16 or COVID-19 is a name, not a count (issue 3)",
    ),
];

#[derive(Debug, Clone, PartialEq)]
enum Val {
    Num(f64),
    Text(String),
    Nums(Option<f64>, Option<f64>),
}

impl Val {
    fn same(&self, other: &Val) -> bool {
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-12);
        let close_opt = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => close(a, b),
            (None, None) => true,
            _ => false,
        };
        match (self, other) {
            (Val::Num(a), Val::Num(b)) => close(*a, *b),
            (Val::Text(a), Val::Text(b)) => a == b,
            (Val::Nums(a, b), Val::Nums(c, d)) => close_opt(*a, *c) && close_opt(*b, *d),
            _ => false,
        }
    }
}

impl std::fmt::Display for Val {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Val::Num(x) => write!(f, "{x}"),
            Val::Text(t) => write!(f, "{t}"),
            Val::Nums(a, b) => write!(f, "{a:?}..{b:?}"),
        }
    }
}

/// A span as the range of word tokens it covers, with its value.
type Item = ((usize, usize), Val);

/// Word tokens of a text: runs of letters and digits, and `%` alone; as
/// byte ranges.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push((s, i));
        }
        if c == '%' {
            out.push((i, i + 1));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn words(toks: &[(usize, usize)], start: usize, end: usize) -> (usize, usize) {
    let hit: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.0 < end && start < t.1)
        .map(|(i, _)| i)
        .collect();
    match (hit.first(), hit.last()) {
        (Some(a), Some(b)) => (*a, *b + 1),
        _ => (0, 0),
    }
}

/// Byte offset of a char offset.
fn byte_at(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

#[derive(Clone, Copy, PartialEq)]
enum Family {
    Number,
    Percent,
    Ordinal,
    Range,
    DateSpan,
    Date,
    Period,
}

impl Family {
    fn of(file: &str) -> Option<Family> {
        Some(match file {
            "NumberModel" => Family::Number,
            "PercentModel" => Family::Percent,
            "OrdinalModel" => Family::Ordinal,
            "NumberRangeModel" => Family::Range,
            "DateExtractor" => Family::DateSpan,
            "DateParser" => Family::Date,
            "DatePeriodParser" => Family::Period,
            _ => return None,
        })
    }
}

fn num(v: &Value) -> Option<f64> {
    v.as_str()?.trim_end_matches('%').parse().ok()
}

/// `[10,12)`, `(20,)`, `(,100]` into its two ends.
fn interval(v: &Value) -> Val {
    let s = v.as_str().unwrap_or("");
    let inner = s.trim_matches(|c| matches!(c, '[' | ']' | '(' | ')'));
    let (a, b) = inner.split_once(',').unwrap_or((inner, ""));
    Val::Nums(a.trim().parse().ok(), b.trim().parse().ok())
}

/// The expected sets of a case: one, or (for dates) the future and the past
/// reading.
fn expected(family: Family, case: &Value, text: &str, toks: &[(usize, usize)]) -> Vec<Vec<Item>> {
    let results = case["Results"].as_array().cloned().unwrap_or_default();
    let mut future = Vec::new();
    let mut past = Vec::new();
    for r in &results {
        let start = r["Start"].as_u64().unwrap_or(0) as usize;
        let end_char = match r.get("Length") {
            Some(l) => start + l.as_u64().unwrap_or(0) as usize,
            None => r["End"].as_u64().unwrap_or(0) as usize + 1,
        };
        let span = words(toks, byte_at(text, start), byte_at(text, end_char));
        let res = &r["Resolution"];
        let value = &r["Value"];
        let (f, p) = match family {
            Family::Number | Family::Ordinal => {
                let v = num(&res["value"]).map_or(Val::Text(String::new()), Val::Num);
                (v.clone(), v)
            }
            Family::Percent => {
                let v = Val::Text(res["value"].as_str().unwrap_or("null").to_string());
                (v.clone(), v)
            }
            Family::Range => {
                let v = interval(&res["value"]);
                (v.clone(), v)
            }
            Family::DateSpan => (Val::Text(String::new()), Val::Text(String::new())),
            Family::Date => {
                let get = |k: &str| Val::Text(value[k]["date"].as_str().unwrap_or("").to_string());
                (get("FutureResolution"), get("PastResolution"))
            }
            Family::Period => {
                let get = |k: &str| {
                    Val::Text(
                        value[k]["startDate"]
                            .as_str()
                            .or_else(|| value[k]["date"].as_str())
                            .unwrap_or("")
                            .to_string(),
                    )
                };
                (get("FutureResolution"), get("PastResolution"))
            }
        };
        future.push((span, f));
        past.push((span, p));
    }
    vec![future, past]
}

/// The span of the number inside a bound (`more than half` → `half`).
fn core_start(pipeline: &Pipeline, text: &str, start: usize, end: usize) -> usize {
    let span = &text[start..end];
    for (i, _) in span
        .char_indices()
        .filter(|&(i, c)| i > 0 && !c.is_whitespace() && span[..i].ends_with(char::is_whitespace))
    {
        let before = &span[..i];
        let bound = pipeline.lexicon().bounds.iter().any(|b| {
            b.before
                .as_ref()
                .and_then(|re| re.captures(before))
                .and_then(|c| c.name("w"))
                .is_some_and(|w| w.start() == 0)
        });
        if bound {
            return start + i;
        }
    }
    start
}

/// The end of the number before a bound's words after it (`five or
/// more` → `five`).
fn core_end(pipeline: &Pipeline, text: &str, start: usize, end: usize) -> usize {
    let span = &text[start..end];
    span.char_indices()
        .filter(|&(i, c)| i > 0 && c.is_whitespace())
        .find(|&(i, _)| {
            pipeline
                .lexicon()
                .bounds
                .iter()
                .any(|b| b.after_len(&span[i..]) == Some(span.len() - i))
        })
        .map_or(end, |(i, _)| start + i)
}

fn date_text(m: &Mention) -> Option<String> {
    let MentionValue::Date(d) = &m.value else {
        return None;
    };
    Some(match (&d.iso, d.granularity) {
        (None, _) => "0001-01-01".to_string(),
        (Some(iso), Granularity::Day) => iso.clone(),
        (Some(iso), Granularity::Month) => format!("{iso}-01"),
        (Some(iso), Granularity::Year) => format!("{iso}-01-01"),
    })
}

fn is_period(m: &Mention) -> bool {
    matches!(&m.value, MentionValue::Date(d) if d.granularity != Granularity::Day || d.until.is_some())
}

fn actual(
    family: Family,
    pipeline: &Pipeline,
    mentions: &[Mention],
    text: &str,
    toks: &[(usize, usize)],
) -> Vec<Item> {
    let mut out = Vec::new();
    for m in mentions {
        let (start, end) = (m.span.start, m.span.end);
        let quantity = match &m.value {
            MentionValue::Quantity(q) => Some(q),
            _ => None,
        };
        let item = match (family, m.kind, quantity) {
            (Family::Number, MentionKind::Number, Some(q)) => (
                words(
                    toks,
                    core_start(pipeline, text, start, end),
                    core_end(pipeline, text, start, end),
                ),
                Val::Num(q.value),
            ),
            (Family::Percent, MentionKind::Percent, Some(q)) => {
                (words(toks, start, end), Val::Text(format!("{}%", q.value)))
            }
            // A percentage named with no figure: the specs' `null`.
            (Family::Percent, MentionKind::Percent, None) => {
                (words(toks, start, end), Val::Text("null".into()))
            }
            (Family::Ordinal, MentionKind::Ordinal, Some(q)) => {
                (words(toks, start, end), Val::Num(q.value))
            }
            (Family::Range, MentionKind::Number, Some(q)) if q.min.is_some() || q.max.is_some() => {
                (words(toks, start, end), Val::Nums(q.min, q.max))
            }
            // A day is a date; a month, a year or a span is a period.
            (Family::Date, MentionKind::Date, _) if !is_period(m) => (
                words(toks, start, end),
                Val::Text(date_text(m).unwrap_or_default()),
            ),
            (Family::DateSpan, MentionKind::Date, _) if !is_period(m) => {
                (words(toks, start, end), Val::Text(String::new()))
            }
            (Family::Period, MentionKind::Date, _) if is_period(m) => (
                words(toks, start, end),
                Val::Text(date_text(m).unwrap_or_default()),
            ),
            _ => continue,
        };
        out.push(item);
    }
    out
}

fn same_set(a: &[Item], b: &[Item]) -> bool {
    let mut a: Vec<&Item> = a.iter().collect();
    let mut b: Vec<&Item> = b.iter().collect();
    a.sort_by_key(|i| i.0);
    b.sort_by_key(|i| i.0);
    a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| x.0 == y.0 && x.1.same(&y.1))
}

fn show(items: &[Item], text: &str, toks: &[(usize, usize)]) -> String {
    items
        .iter()
        .map(|((a, b), v)| {
            let surface = if a < b {
                &text[toks[*a].0..toks[*b - 1].1]
            } else {
                ""
            };
            format!("{surface:?}={v}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn main() -> anyhow::Result<()> {
    let mut dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/peer-specs/recognizers-text");
    let mut show_file: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--show" {
            show_file = args.next();
        } else {
            dir = PathBuf::from(a);
        }
    }
    let book = RuleBook::with_dir(None)?;
    let pipeline = Pipeline::new(&book);
    let options = Options {
        keep_mentions: true,
        facts_only: true,
        ..Default::default()
    };
    let files = [
        "NumberModel",
        "PercentModel",
        "OrdinalModel",
        "NumberRangeModel",
        "DateExtractor",
        "DateParser",
        "DatePeriodParser",
    ];
    println!(
        "{:<18} {:>6} {:>6} {:>5} {:>8}",
        "file", "cases", "pass", "skip", "share"
    );
    for file in files {
        let family = Family::of(file).expect("known file");
        let path = dir.join(format!("{file}.json"));
        let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
        let (mut pass, mut skipped) = (0, 0);
        for case in &cases {
            let text = case["Input"].as_str().unwrap_or("").to_string();
            if SKIPS.iter().any(|(f, t, _)| *f == file && *t == text) {
                skipped += 1;
                continue;
            }
            let published = case["Context"]["ReferenceDateTime"]
                .as_str()
                .map_or(DEFAULT_REFERENCE, |r| r.get(..10).unwrap_or(r))
                .to_string();
            let article = Article {
                id: "case".into(),
                path: file.into(),
                title: None,
                source: None,
                published: Some(published),
                url: None,
                label: String::new(),
                text: text.clone(),
            };
            let report = pipeline.run(vec![article], &options);
            let mentions = report.mentions.unwrap_or_default();
            let toks = tokens(&text);
            let got = actual(family, &pipeline, &mentions, &text, &toks);
            let want = expected(family, case, &text, &toks);
            if want.iter().any(|w| same_set(w, &got)) {
                pass += 1;
            } else if show_file.as_deref() == Some(file) {
                println!(
                    "FAIL {text:?}\n  want {}\n  got  {}",
                    show(&want[0], &text, &toks),
                    show(&got, &text, &toks)
                );
            }
        }
        let counted = cases.len() - skipped;
        println!(
            "{file:<18} {:>6} {pass:>6} {skipped:>5} {:>7.1}%",
            cases.len(),
            100.0 * pass as f64 / counted.max(1) as f64
        );
    }
    println!("\nskipped cases ({}):", SKIPS.len());
    for (file, text, why) in SKIPS {
        println!("  {file}: {text:?}: {why}");
    }
    Ok(())
}
