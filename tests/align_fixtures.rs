//! The alignment cases in fixtures/align: one folder a verdict or a trap,
//! each with its articles and an expected.json. Adding a case is adding
//! files. For every case: each expected finding is reported (same status,
//! kind, key and set of values, from the expected sources only), no
//! conflict is reported that is not expected, and the `absent` keys yield
//! no finding at all. A finding with `says` must put those words in its
//! message.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::{files, value_set};

fn cases() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("fixtures/align")
        .expect("fixtures/align")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn report(case: &Path) -> Value {
    let out = assert_cmd::Command::cargo_bin("crosscheck")
        .expect("binary")
        .arg("check")
        .arg(case)
        .args(["--format", "json", "--fail-on", "never"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}: {}",
        case.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

/// What is wrong with one case, one line a problem.
fn problems(case: &Path) -> Vec<String> {
    let report = report(case);
    let text = std::fs::read_to_string(case.join("expected.json")).expect("expected.json");
    let expected: Value = serde_json::from_str(&text).expect("expected json");
    let findings = report["findings"].as_array().expect("findings");
    let wanted = expected["findings"].as_array().expect("findings");
    let mut out = Vec::new();
    for e in wanted {
        let sources: BTreeSet<String> = e["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|s| s.as_str().unwrap_or("").to_string())
            .collect();
        let found = findings.iter().any(|f| {
            let reported = files(&report, &f["articles"]);
            f["status"] == e["status"]
                && f["kind"] == e["kind"]
                && f["key"] == e["key"]
                && value_set(&f["values"]) == value_set(&e["values"])
                && reported.len() >= 2
                && reported.is_subset(&sources)
                && e["says"]
                    .as_str()
                    .is_none_or(|says| f["message"].as_str().is_some_and(|m| m.contains(says)))
        });
        if !found {
            out.push(format!(
                "missing: {} {} {} {}",
                e["status"], e["kind"], e["key"], e["values"]
            ));
        }
    }
    for f in findings.iter().filter(|f| f["status"] == "conflict") {
        let planted = wanted.iter().any(|e| {
            e["status"] == "conflict"
                && e["kind"] == f["kind"]
                && e["key"] == f["key"]
                && value_set(&e["values"]) == value_set(&f["values"])
        });
        if !planted {
            out.push(format!("false conflict: {}", f["message"]));
        }
    }
    for a in expected["absent"].as_array().expect("absent") {
        for f in findings
            .iter()
            .filter(|f| f["kind"] == a["kind"] && f["key"] == a["key"])
        {
            out.push(format!(
                "should be absent: {} {}",
                f["status"], f["message"]
            ));
        }
    }
    out
}

#[test]
fn every_alignment_case_gives_its_expected_verdicts() {
    let cases = cases();
    assert!(cases.len() >= 10, "fixtures/align holds too few cases");
    let mut failures = Vec::new();
    for case in &cases {
        for p in problems(case) {
            failures.push(format!("{}: {p}", case.display()));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn fingerprints_do_not_depend_on_file_order_or_paths() {
    // The same two articles read in the other order, by another path.
    let dir = std::env::temp_dir().join(format!("crosscheck-align-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (from, to) in [
        ("marla_tribune.txt", "a.txt"),
        ("coast_observer.txt", "b.txt"),
    ] {
        std::fs::copy(
            Path::new("fixtures/align/toll_changed").join(from),
            dir.join(to),
        )
        .expect("copy");
    }
    let prints = |r: &Value| -> BTreeSet<String> {
        r["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap_or("").to_string())
            .collect()
    };
    let a = prints(&report(Path::new("fixtures/align/toll_changed")));
    let b = prints(&report(&dir));
    std::fs::remove_dir_all(&dir).ok();
    assert!(!a.is_empty());
    assert_eq!(a, b);
}
