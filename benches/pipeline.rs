//! Throughput of the whole pipeline on generated news (corpus::news_batch):
//! mentions alone (one core), `extract` (facts) and `check` (everything),
//! at growing batch sizes so near-linear growth can be read off.
//! `CROSSCHECK_BENCH_LARGE=1` adds 100k articles to `check`.
//!
//! Mentions are also measured on the project's own fixture articles copied
//! up to 50 MB (written prose, about 17 mentions per KB; the template batch
//! packs 40), and on the seed articles in `../shared/seeds` copied the same
//! way when they are there (published news, about 11 per KB): read at run
//! time, never copied into the project.
//!
//! `extract_one_article` runs one article of 1 and 4 MB, so growth with
//! an article's length can be read off too.

use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use crosscheck::corpus::{copies, fixture_texts, news_batch};
use crosscheck::lexicon::Lexicon;
use crosscheck::mentions::{Conventions, Recognizer};
use crosscheck::rules::RuleBook;
use crosscheck::{Options, Pipeline, segment};

// The same allocator as the `crosscheck` binary, so figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bytes(articles: &[crosscheck::model::Article]) -> u64 {
    articles.iter().map(|a| a.text.len() as u64).sum()
}

fn mentions(c: &mut Criterion) {
    let book = RuleBook::with_dir(None).expect("rules");
    let lex = Arc::new(Lexicon::new(&book));
    let recognizer = Recognizer::new(lex.clone());
    let mut group = c.benchmark_group("mentions");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = fixture_texts(&[root.join("fixtures/articles"), root.join("fixtures/facts")]);
    assert!(!fixtures.is_empty(), "no fixture articles to copy");
    let seeds = fixture_texts(&[root.join("../shared/seeds")]);
    // About 50 MB of news-like text each, recognized on one core.
    let mut corpora = vec![
        ("one_core_50MB", news_batch(20_000, 7)),
        ("one_core_fixture_prose_50MB", copies(&fixtures, 50_000_000)),
    ];
    if !seeds.is_empty() {
        corpora.push(("one_core_seed_news_50MB", copies(&seeds, 50_000_000)));
    }
    for (name, articles) in corpora {
        let segmented: Vec<_> = articles
            .iter()
            .map(|a| segment::segment(&a.text, &lex))
            .collect();
        group.throughput(Throughput::Bytes(bytes(&articles)));
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut n = 0;
                for (i, (a, s)) in articles.iter().zip(&segmented).enumerate() {
                    n += recognizer.recognize(i, a, s, Conventions::default()).len();
                }
                black_box(n)
            })
        });
    }
    group.finish();
}

fn pipeline(c: &mut Criterion) {
    let book = RuleBook::with_dir(None).expect("rules");
    let pipeline = Pipeline::new(&book);
    let mut sizes = vec![1_000, 10_000];
    if std::env::var_os("CROSSCHECK_BENCH_LARGE").is_some() {
        sizes.push(100_000);
    }
    for (name, facts_only) in [("extract", true), ("check", false)] {
        let mut group = c.benchmark_group(name);
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(20));
        for &n in &sizes {
            let articles = news_batch(n, 11);
            group.throughput(Throughput::Bytes(bytes(&articles)));
            let options = Options {
                facts_only,
                ..Options::default()
            };
            group.bench_with_input(BenchmarkId::from_parameter(n), &articles, |b, articles| {
                b.iter(|| black_box(pipeline.run(articles.clone(), &options).facts.len()))
            });
        }
        group.finish();
    }
}

/// `extract` on one article of growing length, made of the fixture
/// articles end to end: per-article steps that scan what came before grew
/// with the square of its length, which a batch of short articles hides.
fn long_article(c: &mut Criterion) {
    let book = RuleBook::with_dir(None).expect("rules");
    let pipeline = Pipeline::new(&book);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = fixture_texts(&[root.join("fixtures/articles"), root.join("fixtures/facts")]);
    let mut group = c.benchmark_group("extract_one_article");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for mb in [1, 4] {
        let parts = copies(&fixtures, mb * 1_000_000);
        let mut article = parts[0].clone();
        article.text = parts
            .iter()
            .map(|a| a.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        let articles = vec![article];
        group.throughput(Throughput::Bytes(bytes(&articles)));
        let options = Options {
            facts_only: true,
            ..Options::default()
        };
        group.bench_with_input(BenchmarkId::new("MB", mb), &articles, |b, articles| {
            b.iter(|| black_box(pipeline.run(articles.clone(), &options).facts.len()))
        });
    }
    group.finish();
}

criterion_group!(benches, mentions, pipeline, long_article);
criterion_main!(benches);
