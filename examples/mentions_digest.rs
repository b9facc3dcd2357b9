//! Every mention of a fixed set of articles, written to a file, so that a
//! speed change can be shown to leave recognition exactly as it was:
//! `cargo run --release --example mentions_digest -- before.txt`, change,
//! run again with `after.txt`, then `cmp before.txt after.txt`.
//!
//! The set: the project's fixture articles (and the seed articles in
//! `../shared/seeds` when present), each with and without a published
//! date, and 3,000 generated news articles; each read with the automatic
//! and the day-first date order. It prints the line count and an FNV-1a
//! hash of the file.

use std::path::Path;
use std::sync::Arc;

use crosscheck::corpus::{fixture_texts, news_batch};
use crosscheck::lexicon::Lexicon;
use crosscheck::mentions::{Conventions, DateOrder, Recognizer};
use crosscheck::model::Article;
use crosscheck::rules::RuleBook;
use crosscheck::segment;

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/mentions-digest.txt".to_string());
    let book = RuleBook::with_dir(None).expect("rules");
    let lex = Arc::new(Lexicon::new(&book));
    let recognizer = Recognizer::new(lex.clone());
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let texts = fixture_texts(&[
        root.join("fixtures/articles"),
        root.join("fixtures/facts"),
        root.join("fixtures/align"),
        root.join("../shared/seeds"),
    ]);
    let mut articles: Vec<Article> = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        for published in [Some("2025-05-23".to_string()), None] {
            articles.push(Article {
                id: format!("f{i}"),
                path: format!("fixture/{i}.txt"),
                title: None,
                source: None,
                published,
                url: None,
                label: String::new(),
                text: text.clone(),
            });
        }
    }
    articles.extend(news_batch(3000, 7));
    let mut lines = String::new();
    for (i, article) in articles.iter().enumerate() {
        let seg = segment::segment(&article.text, &lex);
        for date_order in [DateOrder::Auto, DateOrder::Dmy] {
            let conventions = Conventions {
                date_order,
                ..Conventions::default()
            };
            let mentions = recognizer.recognize(i, article, &seg, conventions);
            lines.push_str(&format!("{mentions:?}\n"));
        }
    }
    let hash = lines.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    std::fs::write(&out, &lines).expect("write the digest");
    println!(
        "{} lines, fnv1a {hash:016x}, in {out}",
        lines.lines().count()
    );
}
