//! Quick throughput figures without criterion: `cargo run --release
//! --example throughput [ARTICLES]` times mentions (one core), extract and
//! check on a generated batch and prints MB/s.
//!
//! `--mentions-only` stops after mentions; `--corpus prose` (the fixture
//! articles) or `--corpus seeds` (the articles in `../shared/seeds`)
//! reads those copied to the generated batch's size instead; `--repeat N`
//! times mentions N times and gives the best. Under `valgrind --tool=
//! callgrind --toggle-collect='*Recognizer::recognize*'` it counts the
//! recognizer's instructions, the figure the performance notes compare.

use std::sync::Arc;
use std::time::Instant;

use std::path::Path;

use crosscheck::corpus::{copies, fixture_texts, news_batch};
use crosscheck::lexicon::Lexicon;
use crosscheck::mentions::{Conventions, Recognizer};
use crosscheck::rules::RuleBook;
use crosscheck::{Options, Pipeline, segment};

// The same allocator as the `crosscheck` binary, so figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The value after `flag` on the command line.
fn flag_value(flag: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    let at = args.iter().position(|a| a == flag)?;
    args.get(at + 1).cloned()
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let repeat: usize = flag_value("--repeat")
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let book = RuleBook::with_dir(None).expect("rules");
    let lex = Arc::new(Lexicon::new(&book));
    let mut articles = news_batch(n, 11);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = match flag_value("--corpus").as_deref() {
        Some("prose") => vec![root.join("fixtures/articles"), root.join("fixtures/facts")],
        Some("seeds") => vec![root.join("../shared/seeds")],
        _ => Vec::new(),
    };
    if !dirs.is_empty() {
        let bytes = articles.iter().map(|a| a.text.len()).sum();
        articles = copies(&fixture_texts(&dirs), bytes);
    }
    let mb = articles.iter().map(|a| a.text.len()).sum::<usize>() as f64 / 1e6;
    println!("{} articles, {mb:.1} MB", articles.len());

    let segmented: Vec<_> = articles
        .iter()
        .map(|a| segment::segment(&a.text, &lex))
        .collect();
    let recognizer = Recognizer::new(lex.clone());
    let mut secs = f64::MAX;
    let mut mentions = 0;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        mentions = articles
            .iter()
            .zip(&segmented)
            .enumerate()
            .map(|(i, (a, s))| recognizer.recognize(i, a, s, Conventions::default()).len())
            .sum();
        secs = secs.min(t.elapsed().as_secs_f64());
    }
    println!(
        "mentions (1 core): {mentions} in {secs:.2} s = {:.1} MB/s",
        mb / secs
    );

    if std::env::args().any(|a| a == "--mentions-only") {
        return;
    }
    let pipeline = Pipeline::new(&book);
    for (name, facts_only) in [("extract", true), ("check", false)] {
        let options = Options {
            facts_only,
            ..Options::default()
        };
        let t = Instant::now();
        let report = pipeline.run(articles.clone(), &options);
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{name}: {} facts, {} findings, {} duplicates in {secs:.2} s = {:.1} MB/s",
            report.facts.len(),
            report.findings.len(),
            report.duplicates.len(),
            mb / secs
        );
    }
}
