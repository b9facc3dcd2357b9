//! Article text is untrusted: no input may make the pipeline panic. This
//! throws generated junk at every stage (mixed scripts, stray quotes,
//! digits glued to letters, CRLF, huge lines) and the seed articles cut at
//! every kind of boundary.

use crosscheck::model::Article;
use crosscheck::rules::RuleBook;
use crosscheck::{Options, Pipeline};

/// SplitMix64, so failures reproduce from the printed seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "1",
    "1,000",
    "1 000",
    "5\u{a0}147",
    "3.5",
    "-4",
    "2025",
    "23.05.2025",
    "05/06/2025",
    "18:12",
    "May",
    "may",
    "Friday",
    "yesterday",
    "the next two days",
    "\"",
    "“",
    "”",
    "«",
    "»",
    "'",
    "’",
    "- said",
    "— ",
    "said",
    "Umerov",
    "Zelenskyy",
    "President",
    "Minister of Defense",
    "returned",
    "killed",
    "people",
    "for",
    "all for all",
    "1000-for-1000",
    "€",
    "$",
    "£",
    "bn",
    "million",
    "two-thirds",
    "dozens",
    "more than",
    "almost",
    "\n",
    "\r\n",
    "\n\n",
    " ",
    "  ",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "…",
    "(",
    ")",
    "Ж",
    "日本",
    "🙂",
    "é",
    "\u{200b}",
    "\t",
    "MORE ABOUT",
    "Read also",
    "Tags:",
    "372 views",
    "©",
    "COVID-19",
    "F-16",
    "192.168.0.1",
    "+380 44 123 4567",
    "%",
    "per cent",
    "first stage",
    "in total",
];

fn run(pipeline: &Pipeline, texts: Vec<String>) {
    let articles: Vec<Article> = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| Article {
            id: format!("a{}", i + 1),
            path: format!("gen{i}.txt"),
            title: None,
            source: None,
            published: (i % 2 == 0).then(|| "2025-05-23".to_string()),
            url: None,
            label: String::new(),
            text,
        })
        .collect();
    let report = pipeline.run(
        articles,
        &Options {
            keep_mentions: true,
            ..Options::default()
        },
    );
    for format in [
        crosscheck::report::Format::Table,
        crosscheck::report::Format::Json,
        crosscheck::report::Format::Csv,
        crosscheck::report::Format::Markdown,
        crosscheck::report::Format::Github,
        crosscheck::report::Format::Html,
        crosscheck::report::Format::Sarif,
    ] {
        let options = crosscheck::report::RenderOptions {
            view: crosscheck::report::View::Check,
            width: 80,
        };
        let _ = crosscheck::report::render(&report, format, &options);
    }
}

#[test]
fn generated_junk_never_panics() {
    let book = RuleBook::with_dir(None).expect("rules");
    let pipeline = Pipeline::new(&book);
    // CROSSCHECK_FUZZ_SEEDS=5000 for a longer hunt.
    let seeds: u64 = std::env::var("CROSSCHECK_FUZZ_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40);
    for seed in 0..seeds {
        let mut r = Rng(seed);
        let texts: Vec<String> = (0..4)
            .map(|_| {
                (0..r.below(400) + 1)
                    .map(|_| PIECES[r.below(PIECES.len())])
                    .collect::<Vec<_>>()
                    .join(if r.below(2) == 0 { " " } else { "" })
            })
            .collect();
        run(&pipeline, texts);
    }
}

#[test]
fn seed_like_articles_cut_anywhere_never_panic() {
    let book = RuleBook::with_dir(None).expect("rules");
    let pipeline = Pipeline::new(&book);
    let text =
        std::fs::read_to_string("fixtures/articles/01_nordwire_exchange.txt").expect("fixture");
    let cuts: Vec<usize> = (0..text.len())
        .step_by(331)
        .filter(|&i| text.is_char_boundary(i))
        .collect();
    let texts: Vec<String> = cuts
        .iter()
        .map(|&i| text[i..].to_string())
        .chain(cuts.iter().map(|&i| text[..i].to_string()))
        .collect();
    run(&pipeline, texts);
}

#[test]
fn a_huge_line_and_empty_articles_never_panic() {
    let book = RuleBook::with_dir(None).expect("rules");
    let pipeline = Pipeline::new(&book);
    let huge = "Ukraine returned 390 people. \"We said it,\" he said. ".repeat(2_000);
    run(
        &pipeline,
        vec![
            huge,
            String::new(),
            " ".into(),
            "\"".into(),
            "“".into(),
            "- said X".into(),
        ],
    );
}
