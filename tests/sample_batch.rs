//! The sample batch in fixtures/articles against what a careful reader
//! expects (fixtures/articles/expected.json): every expected finding is
//! reported, no conflict is reported that the reader did not plant, and
//! nothing comes from page furniture.

use std::collections::BTreeSet;

use serde_json::Value;

mod common;
use common::{files, value_set};

fn report() -> Value {
    let out = assert_cmd::Command::cargo_bin("crosscheck")
        .expect("binary")
        .args([
            "check",
            "fixtures/articles",
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn expected() -> Value {
    let text = std::fs::read_to_string("fixtures/articles/expected.json").expect("expected.json");
    serde_json::from_str(&text).expect("expected json")
}

#[test]
fn every_expected_finding_is_reported() {
    let report = report();
    let expected = expected();
    let mut missing = Vec::new();
    for e in expected["findings"].as_array().expect("findings") {
        let sources: BTreeSet<String> = e["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|s| s.as_str().unwrap_or("").to_string())
            .collect();
        let found = report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .any(|f| {
                let same_claim =
                    f["status"] == e["status"] && f["kind"] == e["kind"] && f["key"] == e["key"];
                // Quotes are matched by speaker and sources; their words may be cut differently.
                let same_values =
                    e["kind"] == "quote" || value_set(&f["values"]) == value_set(&e["values"]);
                let reported = files(&report, &f["articles"]);
                same_claim && same_values && reported.len() >= 2 && reported.is_subset(&sources)
            });
        if !found {
            missing.push(format!(
                "{} {} {} {}",
                e["status"], e["kind"], e["key"], e["values"]
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "expected findings not reported:\n{}",
        missing.join("\n")
    );
}

#[test]
fn no_conflict_is_reported_that_was_not_planted() {
    let report = report();
    let expected = expected();
    let planted: Vec<&Value> = expected["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|e| e["status"] == "conflict")
        .collect();
    for f in report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["status"] == "conflict")
    {
        let known = planted
            .iter()
            .any(|e| e["kind"] == f["kind"] && e["key"] == f["key"]);
        assert!(known, "false conflict: {}", f["message"]);
    }
}

#[test]
fn expected_duplicates_are_reported() {
    let report = report();
    let expected = expected();
    for e in expected["duplicates"].as_array().expect("duplicates") {
        let sources: BTreeSet<String> = e["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|s| s.as_str().unwrap_or("").to_string())
            .collect();
        let found = report["duplicates"]
            .as_array()
            .expect("duplicates")
            .iter()
            .any(|d| {
                let ids = Value::Array(vec![d["a"]["article"].clone(), d["b"]["article"].clone()]);
                d["scope"] == e["scope"] && files(&report, &ids) == sources
            });
        assert!(found, "duplicate not reported: {e}");
    }
}

#[test]
fn no_fact_comes_from_page_furniture() {
    let report = report();
    let expected = expected();
    let articles = report["articles"].as_array().expect("articles");
    for furniture in expected["not_facts"].as_array().expect("not_facts") {
        let furniture = furniture.as_str().expect("string");
        for a in articles {
            let text = std::fs::read_to_string(a["path"].as_str().expect("path")).expect("article");
            let Some(at) = text.find(furniture) else {
                continue;
            };
            let end = at + furniture.len();
            for f in report["facts"]
                .as_array()
                .expect("facts")
                .iter()
                .filter(|f| f["article"] == a["id"])
            {
                let (s, e) = (
                    f["start"].as_u64().unwrap_or(0) as usize,
                    f["end"].as_u64().unwrap_or(0) as usize,
                );
                assert!(
                    e <= at || s >= end,
                    "fact {} comes from furniture {furniture:?}",
                    f["id"]
                );
            }
        }
    }
}

#[test]
fn fact_offsets_slice_the_article_to_the_fact_text() {
    let report = report();
    let articles = report["articles"].as_array().expect("articles");
    for f in report["facts"].as_array().expect("facts") {
        let a = articles
            .iter()
            .find(|a| a["id"] == f["article"])
            .expect("article");
        let text = std::fs::read_to_string(a["path"].as_str().expect("path")).expect("article");
        let (s, e) = (
            f["start"].as_u64().expect("start") as usize,
            f["end"].as_u64().expect("end") as usize,
        );
        assert_eq!(
            &text[s..e],
            f["text"].as_str().expect("text"),
            "fact {}",
            f["id"]
        );
        let line = text[..s].matches('\n').count() + 1;
        assert_eq!(
            line as u64,
            f["line"].as_u64().expect("line"),
            "fact {}",
            f["id"]
        );
    }
}
