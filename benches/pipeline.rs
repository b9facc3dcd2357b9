//! Throughput of the whole pipeline on generated news (corpus::news_batch):
//! mentions alone (one core), `extract` (facts) and `check` (everything),
//! at growing batch sizes so near-linear growth can be read off.
//! `CROSSCHECK_BENCH_LARGE=1` adds 100k articles to `check`.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use crosscheck::corpus::news_batch;
use crosscheck::lexicon::Lexicon;
use crosscheck::mentions::{DateOrder, Recognizer};
use crosscheck::rules::RuleBook;
use crosscheck::{Options, Pipeline, segment};

fn bytes(articles: &[crosscheck::model::Article]) -> u64 {
    articles.iter().map(|a| a.text.len() as u64).sum()
}

fn mentions(c: &mut Criterion) {
    let book = RuleBook::with_dir(None).expect("rules");
    let lex = Arc::new(Lexicon::new(&book));
    let recognizer = Recognizer::new(lex.clone());
    // About 50 MB of news-like text, recognized on one core.
    let articles = news_batch(16_000, 7);
    let segmented: Vec<_> = articles
        .iter()
        .map(|a| segment::segment(&a.text, &lex))
        .collect();
    let mut group = c.benchmark_group("mentions");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.throughput(Throughput::Bytes(bytes(&articles)));
    group.bench_function("one_core_50MB", |b| {
        b.iter(|| {
            let mut n = 0;
            for (i, (a, s)) in articles.iter().zip(&segmented).enumerate() {
                n += recognizer.recognize(i, a, s, DateOrder::Auto).len();
            }
            black_box(n)
        })
    });
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

criterion_group!(benches, mentions, pipeline);
criterion_main!(benches);
