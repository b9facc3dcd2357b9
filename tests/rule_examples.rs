//! Every example of every default rule file holds.

use crosscheck::examples::check_examples;
use crosscheck::rules::RuleBook;

#[test]
fn every_rule_example_holds() {
    let book = RuleBook::with_dir(None).expect("default rules load");
    let failures = check_examples(&book);
    let list: Vec<String> = failures.iter().map(ToString::to_string).collect();
    assert!(
        failures.is_empty(),
        "{} rule examples fail:\n{}",
        failures.len(),
        list.join("\n")
    );
}

#[test]
fn every_rule_has_an_example_or_is_a_word_list() {
    let book = RuleBook::with_dir(None).expect("default rules load");
    let entries = book.rules.entries();
    let with_examples = entries.iter().filter(|e| !e.examples.is_empty()).count();
    // Most rules carry their own examples; the rest are plain word lists
    // exercised through the examples of the rules that use them.
    assert!(
        with_examples * 2 >= entries.len(),
        "only {with_examples} of {} rules have examples",
        entries.len()
    );
}

#[test]
fn the_rule_reference_is_up_to_date() {
    let book = RuleBook::with_dir(None).expect("default rules load");
    let fresh = crosscheck::rules::reference(&book);
    let committed = std::fs::read_to_string("docs/rules.md").unwrap_or_default();
    assert!(
        fresh == committed,
        "docs/rules.md is stale: run `cargo run -- rules --markdown > docs/rules.md`"
    );
}
