//! Precision and recall per fact kind on the annotated set:
//! `cargo run --release --example facts_eval [DIR] [--verbose]`.

use std::path::PathBuf;

use crosscheck::Pipeline;
use crosscheck::evaluate::evaluate_facts;
use crosscheck::rules::RuleBook;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map_or_else(|| PathBuf::from("fixtures/facts"), PathBuf::from);
    let book = RuleBook::with_dir(None).expect("default rules");
    let pipeline = Pipeline::new(&book);
    let eval = match evaluate_facts(&dir, &pipeline) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("facts_eval: {e}");
            std::process::exit(2);
        }
    };
    println!("{} cases in {}", eval.cases, dir.display());
    println!("| kind | expected | found | correct | precision | recall |");
    println!("|---|---|---|---|---|---|");
    for (kind, s) in &eval.scores {
        println!(
            "| {kind} | {} | {} | {} | {:.3} | {:.3} |",
            s.true_positives + s.false_negatives,
            s.true_positives + s.false_positives,
            s.true_positives,
            s.precision(),
            s.recall()
        );
    }
    if verbose {
        println!("\nmissed:");
        for m in &eval.missed {
            println!("  {m}");
        }
        println!("\nspurious:");
        for s in &eval.spurious {
            println!("  {s}");
        }
    }
}
