//! find_duplicates on generated batches of 1k and 10k articles (~3.3 KB
//! each); 100k too when `DUPES_BENCH_100K` is set, since generating it and
//! sampling it take minutes. Compare the per-size times for linearity.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use crosscheck::corpus::generate;
use crosscheck::dupes::{DupeSettings, find_duplicates};

// The same allocator as the `crosscheck` binary, so figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let mut sizes = vec![1_000, 10_000];
    if std::env::var_os("DUPES_BENCH_100K").is_some() {
        sizes.push(100_000);
    }
    let settings = DupeSettings::default();
    let mut group = c.benchmark_group("find_duplicates");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for n in sizes {
        let corpus = generate(n, 42, 0.3);
        let inputs = corpus.inputs();
        group.throughput(Throughput::Bytes(corpus.bytes() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &inputs, |b, inputs| {
            b.iter(|| find_duplicates(black_box(inputs), &settings))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
