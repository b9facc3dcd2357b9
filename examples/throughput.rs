//! Quick throughput figures without criterion: `cargo run --release
//! --example throughput [ARTICLES]` times mentions (one core), extract and
//! check on a generated batch and prints MB/s.

use std::sync::Arc;
use std::time::Instant;

use crosscheck::corpus::news_batch;
use crosscheck::lexicon::Lexicon;
use crosscheck::mentions::{Conventions, Recognizer};
use crosscheck::rules::RuleBook;
use crosscheck::{Options, Pipeline, segment};

// The same allocator as the `crosscheck` binary, so figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let book = RuleBook::with_dir(None).expect("rules");
    let lex = Arc::new(Lexicon::new(&book));
    let articles = news_batch(n, 11);
    let mb = articles.iter().map(|a| a.text.len()).sum::<usize>() as f64 / 1e6;
    println!("{n} articles, {mb:.1} MB");

    let segmented: Vec<_> = articles
        .iter()
        .map(|a| segment::segment(&a.text, &lex))
        .collect();
    let recognizer = Recognizer::new(lex.clone());
    let t = Instant::now();
    let mentions: usize = articles
        .iter()
        .zip(&segmented)
        .enumerate()
        .map(|(i, (a, s))| recognizer.recognize(i, a, s, Conventions::default()).len())
        .sum();
    let secs = t.elapsed().as_secs_f64();
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
