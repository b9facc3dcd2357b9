//! The annotated set in fixtures/facts: one runner walks every case folder
//! (article.txt + expected.json) and scores extraction per fact kind.
//! Adding a case is adding files. The floors are the targets of issue 4;
//! a change that drops below one fails here.

use std::path::Path;

use crosscheck::Pipeline;
use crosscheck::evaluate::evaluate_facts;
use crosscheck::rules::RuleBook;

/// (kind, precision floor, recall floor)
const FLOORS: &[(&str, f64, f64)] = &[
    ("count", 0.95, 0.90),
    ("date", 0.90, 0.85),
    ("format", 0.95, 0.90),
    ("quote", 0.90, 0.85),
    ("role", 0.95, 0.90),
];

#[test]
fn extraction_holds_its_floors_on_the_annotated_set() {
    let book = RuleBook::with_dir(None).expect("default rules");
    let eval =
        evaluate_facts(Path::new("fixtures/facts"), &Pipeline::new(&book)).expect("fixtures");
    assert!(
        eval.cases >= 30,
        "the annotated set has {} cases",
        eval.cases
    );
    let mut below = Vec::new();
    for (kind, p, r) in FLOORS {
        let s = eval.scores.get(*kind).copied().unwrap_or_default();
        if s.precision() < *p || s.recall() < *r {
            below.push(format!(
                "{kind}: precision {:.3} (floor {p}), recall {:.3} (floor {r})",
                s.precision(),
                s.recall()
            ));
        }
    }
    assert!(
        below.is_empty(),
        "{}\nmissed:\n{}\nspurious:\n{}",
        below.join("\n"),
        eval.missed.join("\n"),
        eval.spurious.join("\n")
    );
}
