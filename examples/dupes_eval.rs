//! Precision and recall of the dupes stage against planted near-duplicates.
//!
//! `cargo run --release --example dupes_eval -- [ARTICLES] [SEED] [--show N]`

use std::collections::HashMap;
use std::time::Instant;

use crosscheck::corpus::{Edit, Planted, generate};
use crosscheck::dupes::{DupeSettings, find_duplicates};
use crosscheck::model::{Duplicate, Passage};

/// Planted copies at or above this 5-gram Jaccard are the recall target.
const TARGET_JACCARD: f64 = 0.7;

fn overlaps(x: &Passage, y: &Passage) -> bool {
    x.article == y.article && x.span.start < y.span.end && y.span.start < x.span.end
}

fn hits(d: &Duplicate, p: &Planted) -> bool {
    (overlaps(&d.a, &p.a) && overlaps(&d.b, &p.b)) || (overlaps(&d.a, &p.b) && overlaps(&d.b, &p.a))
}

/// Share of the planted passage's bytes the detection covers.
fn coverage(d: &Passage, p: &Passage) -> f64 {
    let common = d
        .span
        .end
        .min(p.span.end)
        .saturating_sub(d.span.start.max(p.span.start));
    common as f64 / (p.span.end - p.span.start).max(1) as f64
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(0usize);
    let mut positional = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .filter_map(|a| a.parse::<u64>().ok());
    let n = positional.next().unwrap_or(10_000) as usize;
    let seed = positional.next().unwrap_or(42);

    let t = Instant::now();
    let corpus = generate(n, seed, 0.3);
    let gen_time = t.elapsed();
    let inputs = corpus.inputs();
    let settings = DupeSettings::default();
    let t = Instant::now();
    let found = find_duplicates(&inputs, &settings);
    let time = t.elapsed();

    let mut by_pair: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (i, p) in corpus.planted.iter().enumerate() {
        let key = (p.a.article.min(p.b.article), p.a.article.max(p.b.article));
        by_pair.entry(key).or_default().push(i);
    }
    let mut detections_per_planted = vec![0usize; corpus.planted.len()];
    let mut best_coverage = vec![0f64; corpus.planted.len()];
    let mut false_positives = Vec::new();
    for d in &found {
        let mut matched = false;
        for &i in by_pair
            .get(&(d.a.article, d.b.article))
            .into_iter()
            .flatten()
        {
            let p = &corpus.planted[i];
            if hits(d, p) {
                matched = true;
                detections_per_planted[i] += 1;
                let (da, db) = if overlaps(&d.a, &p.a) {
                    (&d.a, &d.b)
                } else {
                    (&d.b, &d.a)
                };
                let c = coverage(da, &p.a).min(coverage(db, &p.b));
                best_coverage[i] = best_coverage[i].max(c);
            }
        }
        if !matched {
            false_positives.push(d);
        }
    }

    let mb = corpus.bytes() as f64 / 1e6;
    println!(
        "articles {n}  seed {seed}  {mb:.1} MB ({:.0} bytes/article)  generated in {:.2} s",
        corpus.bytes() as f64 / n.max(1) as f64,
        gen_time.as_secs_f64()
    );
    println!("settings {settings:?}");
    println!(
        "find_duplicates: {:.2} s  ({:.1} MB/s)  {} duplicates",
        time.as_secs_f64(),
        mb / time.as_secs_f64(),
        found.len()
    );
    let tp = found.len() - false_positives.len();
    println!(
        "precision {:.4}  ({tp} of {} detections match a planted pair)",
        tp as f64 / found.len().max(1) as f64,
        found.len()
    );
    let report = |label: &str, idx: &[usize]| {
        let target: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| corpus.planted[i].jaccard >= TARGET_JACCARD)
            .collect();
        let found_in = |set: &[usize]| {
            set.iter()
                .filter(|&&i| detections_per_planted[i] > 0)
                .count()
        };
        let split = idx
            .iter()
            .filter(|&&i| detections_per_planted[i] > 1)
            .count();
        let covered: Vec<f64> = idx
            .iter()
            .filter(|&&i| detections_per_planted[i] > 0)
            .map(|&i| best_coverage[i])
            .collect();
        println!(
            "{label:<10} planted {:>6}  J>=0.7 {:>6}  recall(J>=0.7) {:.4}  recall(all) {:.4}  split {:>4}  coverage {:.3}",
            idx.len(),
            target.len(),
            found_in(&target) as f64 / target.len().max(1) as f64,
            found_in(idx) as f64 / idx.len().max(1) as f64,
            split,
            covered.iter().sum::<f64>() / covered.len().max(1) as f64,
        );
    };
    let all: Vec<usize> = (0..corpus.planted.len()).collect();
    report("overall", &all);
    for edit in Edit::ALL {
        let idx: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| corpus.planted[i].edit == edit)
            .collect();
        report(edit.name(), &idx);
    }

    let text = |p: &Passage| &corpus.texts[p.article][p.span.start..p.span.end];
    for d in false_positives.iter().take(show) {
        println!(
            "\nFALSE POSITIVE {} sim {:.3}\n  a{} {:?}\n  b{} {:?}",
            d.id,
            d.similarity,
            d.a.article,
            text(&d.a),
            d.b.article,
            text(&d.b)
        );
    }
    let missed = all.iter().filter(|&&i| {
        detections_per_planted[i] == 0 && corpus.planted[i].jaccard >= TARGET_JACCARD
    });
    for &i in missed.take(show) {
        let p = &corpus.planted[i];
        println!(
            "\nMISSED {:?} J {:.3}\n  a{} {:?}\n  b{} {:?}",
            p.edit,
            p.jaccard,
            p.a.article,
            text(&p.a),
            p.b.article,
            text(&p.b)
        );
    }
}
