//! The command line end to end: output, exit codes, bad input, baselines.

use std::io::Write;

use assert_cmd::Command;
use predicates::prelude::*;

fn crosscheck() -> Command {
    let mut cmd = Command::cargo_bin("crosscheck").expect("binary");
    // A crosscheck.toml above the test's folder must not change results.
    cmd.env("NO_COLOR", "1");
    cmd
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = crosscheck().args(args).output().expect("runs");
    serde_json::from_slice(&out.stdout).expect("json output")
}

#[test]
fn check_table_on_the_sample_batch() {
    let out = crosscheck()
        .args(["check", "fixtures/articles"])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "planted conflicts make check exit 1"
    );
    let table = String::from_utf8(out.stdout).expect("utf-8");
    insta::assert_snapshot!("check_sample_batch", table);
}

#[test]
fn fail_on_sets_the_exit_code() {
    crosscheck()
        .args(["check", "fixtures/articles", "--fail-on", "never"])
        .assert()
        .code(0);
    crosscheck()
        .args(["check", "fixtures/articles", "--fail-on", "duplicate"])
        .assert()
        .code(1);
    // Two outlets that agree on everything: nothing to fail on.
    crosscheck()
        .args([
            "check",
            "fixtures/articles/01_nordwire_exchange.txt",
            "fixtures/articles/02_harbor_ledger_swap.txt",
        ])
        .assert()
        .code(0);
}

#[test]
fn json_follows_the_contract() {
    let v = json(&["check", "fixtures/articles", "--format", "json"]);
    assert_eq!(v["schema"], "crosscheck/1");
    for field in ["articles", "facts", "findings", "duplicates", "summary"] {
        assert!(v.get(field).is_some(), "missing {field}");
    }
    let a = &v["articles"][0];
    for field in ["id", "path", "title", "source", "published", "url"] {
        assert!(a.get(field).is_some(), "article misses {field}");
    }
    let f = &v["facts"][0];
    for field in [
        "id", "article", "kind", "key", "value", "approx", "speaker", "text", "start", "end",
        "line", "rule",
    ] {
        assert!(f.get(field).is_some(), "fact misses {field}");
    }
    let finding = &v["findings"][0];
    for field in [
        "id",
        "fingerprint",
        "status",
        "kind",
        "key",
        "values",
        "facts",
        "articles",
        "message",
    ] {
        assert!(finding.get(field).is_some(), "finding misses {field}");
    }
    let d = &v["duplicates"][0];
    for field in ["id", "scope", "similarity", "a", "b"] {
        assert!(d.get(field).is_some(), "duplicate misses {field}");
    }
    for field in [
        "articles",
        "facts",
        "agreements",
        "conflicts",
        "disputed",
        "changed",
        "duplicates",
    ] {
        assert!(v["summary"][field].is_u64(), "summary misses {field}");
    }
}

#[test]
fn output_is_deterministic_and_fingerprints_ignore_file_order() {
    let args = ["check", "fixtures/articles", "--format", "json"];
    let first = crosscheck().args(args).output().expect("runs").stdout;
    let second = crosscheck().args(args).output().expect("runs").stdout;
    assert_eq!(first, second, "same input, same bytes");

    let mut files: Vec<String> = std::fs::read_dir("fixtures/articles")
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path().display().to_string())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    files.sort();
    files.reverse();
    let mut reversed = vec!["check", "--format", "json"];
    reversed.extend(files.iter().map(String::as_str));
    let prints = |v: serde_json::Value| -> std::collections::BTreeSet<String> {
        v["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| f["fingerprint"].as_str().expect("fp").to_string())
            .collect()
    };
    assert_eq!(
        prints(serde_json::from_slice(&first).expect("json")),
        prints(json(&reversed))
    );
}

#[test]
fn a_baseline_quiets_known_findings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let baseline = dir.path().join("baseline.json");
    crosscheck()
        .args(["check", "fixtures/articles", "--format", "json", "-o"])
        .arg(&baseline)
        .assert()
        .code(1);
    crosscheck()
        .args(["check", "fixtures/articles", "--baseline"])
        .arg(&baseline)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("known to the baseline"));
}

#[test]
fn bad_inputs_are_named_and_the_rest_still_checked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, bytes: &[u8]| {
        let mut f = std::fs::File::create(dir.path().join(name)).expect("create");
        f.write_all(bytes).expect("write");
    };
    write(
        "a_good.txt",
        std::fs::read("fixtures/articles/02_harbor_ledger_swap.txt")
            .expect("fixture")
            .as_slice(),
    );
    write(
        "b_latin1.txt",
        b"First line\nCaf\xe9 owners said 12 people were hurt.\n",
    );
    write("c_binary.txt", b"\x00\x01\x02binary");
    write("d_empty.txt", b"   \n");
    write("e_batch.jsonl", b"{\"id\": \"x1\", \"text\": \"Police said 40 people were detained.\", \"published\": \"2025-06-01\"}\n{broken\n{\"text\": \"no id\"}\n");
    let out = crosscheck()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "unusable input exits 2");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("b_latin1.txt:2: invalid UTF-8"), "{stderr}");
    assert!(stderr.contains("c_binary.txt:1: binary file"), "{stderr}");
    assert!(stderr.contains("d_empty.txt: empty file"), "{stderr}");
    assert!(
        stderr.contains("e_batch.jsonl:2: bad JSON line"),
        "{stderr}"
    );
    assert!(
        stderr.contains("e_batch.jsonl:3: bad JSON line"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        v["articles"].as_array().expect("articles").len(),
        2,
        "the good file and the good JSON line are kept"
    );
    assert_eq!(v["articles"][1]["id"], "x1");
    assert_eq!(v["articles"][1]["published"], "2025-06-01");
    assert_eq!(v["summary"]["errors"], 5);
}

#[test]
fn a_missing_path_or_no_article_exits_2() {
    crosscheck()
        .args(["check", "no/such/dir"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/dir"));
    crosscheck()
        .args(["check", "--format", "nope", "fixtures"])
        .assert()
        .code(2);
}

#[test]
fn standard_input_is_one_article() {
    crosscheck()
        .args(["extract", "-", "--format", "json"])
        .write_stdin("date 2025-05-23\n\nUkraine returned 390 people on Friday, officials said.\n")
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains("\"key\": \"returned:people\"")
                .and(predicate::str::contains("\"published\": \"2025-05-23\"")),
        );
}

#[test]
fn extract_mentions_lists_numbers_dates_persons_quotes() {
    let v = json(&[
        "extract",
        "--mentions",
        "--format",
        "json",
        "fixtures/articles/02_harbor_ledger_swap.txt",
    ]);
    let kinds: std::collections::BTreeSet<String> = v["mentions"]
        .as_array()
        .expect("mentions")
        .iter()
        .map(|m| m["kind"].as_str().expect("kind").to_string())
        .collect();
    for k in ["number", "date", "person", "quote"] {
        assert!(kinds.contains(k), "no {k} mention: {kinds:?}");
    }
}

#[test]
fn rules_lists_ids_and_check_refuses_bad_files_with_their_line() {
    crosscheck().arg("rules").assert().code(0).stdout(
        predicate::str::contains("count.returned").and(predicate::str::contains("format.n_for_n")),
    );
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("bad.toml"),
        "[[predicate]]\nid = \"x.y\"\nabout = \"a\"\nclas = \"returned\"\n",
    )
    .expect("write");
    crosscheck()
        .args(["rules", "--check"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml:4").and(predicate::str::contains("clas")));
    std::fs::write(
        dir.path().join("bad.toml"),
        "[[format]]\nid = \"f.x\"\nabout = \"a\"\npattern = \"(unclosed\"\nvalue = \"x\"\n",
    )
    .expect("write");
    crosscheck()
        .args(["rules", "--check"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("bad.toml:2").and(predicate::str::contains("bad pattern")),
        );
}

#[test]
fn user_rules_add_a_predicate() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("extra.toml"),
        "[[predicate]]\nid = \"count.vaccinated\"\nabout = \"People vaccinated\"\nclass = \"vaccinated\"\nwords = [\"vaccinated\"]\ndefault_noun = \"people\"\n",
    )
    .expect("write");
    crosscheck()
        .args(["extract", "--format", "json", "--rules"])
        .arg(dir.path())
        .arg("-")
        .write_stdin("Doctors vaccinated 1,500 children on Monday.\n")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("vaccinated:people"));
}

#[test]
fn html_report_escapes_article_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let evil = "date 2025-06-01\n\nPolice said 40 people were detained <script>alert(1)</script> on Friday.\n";
    std::fs::write(dir.path().join("a.txt"), evil).expect("write");
    std::fs::write(
        dir.path().join("b.txt"),
        "date 2025-06-01\n\nPolice said 41 people were detained on Friday.\n",
    )
    .expect("write");
    let out = crosscheck()
        .args(["check", "--format", "html"])
        .arg(dir.path())
        .output()
        .expect("runs");
    let html = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!html.contains("<script>"), "article text must be escaped");
    assert!(html.contains("&lt;script&gt;"));
    assert!(
        html.contains("<mark>"),
        "the compared words are highlighted"
    );
    assert!(
        html.contains("class=\"finding conflict\""),
        "40 vs 41 is a conflict"
    );
}

#[test]
fn sarif_lists_conflicts_with_locations_and_fingerprints() {
    let v = json(&["check", "fixtures/articles", "--format", "sarif"]);
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().expect("results");
    let conflict = results
        .iter()
        .find(|r| r["level"] == "error")
        .expect("a conflict");
    assert!(conflict["partialFingerprints"]["crosscheck/v1"].is_string());
    let region = &conflict["locations"][0]["physicalLocation"]["region"];
    assert!(region["startLine"].as_u64().expect("line") >= 1);
}

#[test]
fn html_pages_are_read_for_their_main_text_and_metadata() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = r#"<html><head><meta property="og:site_name" content="NordWire">
        <meta property="article:published_time" content="2025-06-13T14:05:00Z"></head>
        <body><nav>HOT NEWS: 300 for 300 swap, 9 killed</nav><article><h1>Valdoria returns 212 people</h1>
        <p>Valdoria returned 212 people on Thursday.</p></article><footer>© 2025</footer></body></html>"#;
    std::fs::write(dir.path().join("page.html"), page).expect("write");
    let v = json(&[
        "extract",
        "--format",
        "json",
        dir.path().join("page.html").to_str().expect("path"),
    ]);
    assert_eq!(v["articles"][0]["source"], "NordWire");
    assert_eq!(v["articles"][0]["published"], "2025-06-13");
    let facts = v["facts"].as_array().expect("facts");
    assert!(
        facts
            .iter()
            .any(|f| f["key"] == "returned:people" && f["value"] == 212)
    );
    assert!(
        !facts.iter().any(|f| f["value"] == 300 || f["value"] == 9),
        "navigation yields nothing"
    );
}

/// The date of each article's first date mention, and whether it is
/// flagged ambiguous, from `extract --mentions --format json`.
fn first_dates(v: &serde_json::Value) -> Vec<(String, String, bool)> {
    let mentions = v["mentions"].as_array().expect("mentions");
    let mut out: Vec<(String, String, bool)> = Vec::new();
    for m in mentions.iter().filter(|m| m["kind"] == "date") {
        let article = m["article"].as_str().expect("article").to_string();
        if !out.iter().any(|(a, _, _)| *a == article) {
            out.push((
                article,
                m["value"].as_str().unwrap_or("unresolved").to_string(),
                m["ambiguous"] == true,
            ));
        }
    }
    out
}

#[test]
fn an_outlet_listed_in_crosscheck_toml_keeps_its_date_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("crosscheck.toml"),
        "date_order = \"mdy\"\n\n[sources.\"Harbor Ledger\"]\ndate_order = \"dmy\"\n\n[sources.\"eastgatepost.example\"]\ndate_order = \"dmy\"\n",
    )
    .expect("write");
    let line = |id: &str, extra: &str| {
        format!(
            "{{\"id\": \"{id}\", {extra}\"published\": \"2025-07-01\", \"text\": \"The court ruled on 05/06/2025.\"}}\n"
        )
    };
    let batch = [
        line("ledger", "\"source\": \"harbor ledger\", "),
        line("wire", "\"source\": \"NordWire\", "),
        line(
            "post",
            "\"url\": \"https://www.eastgatepost.example/news/1\", ",
        ),
    ]
    .concat();
    std::fs::write(dir.path().join("batch.jsonl"), batch).expect("write");
    let out = crosscheck()
        .current_dir(dir.path())
        .args(["extract", "--mentions", "--format", "json", "batch.jsonl"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        first_dates(&v),
        [
            ("ledger".to_string(), "2025-06-05".to_string(), false),
            ("wire".to_string(), "2025-05-06".to_string(), false),
            ("post".to_string(), "2025-06-05".to_string(), false),
        ]
    );
    // The flag sets the batch's order; the listed outlets keep theirs.
    let out = crosscheck()
        .current_dir(dir.path())
        .args(["extract", "--mentions", "--format", "json"])
        .args(["--date-order", "dmy", "batch.jsonl"])
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(first_dates(&v)[1].1, "2025-06-05");
    // An unknown setting names the file and line.
    std::fs::write(
        dir.path().join("crosscheck.toml"),
        "[sources.\"Harbor Ledger\"]\ndate_oder = \"dmy\"\n",
    )
    .expect("write");
    crosscheck()
        .current_dir(dir.path())
        .args(["extract", "--mentions", "batch.jsonl"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("crosscheck.toml:2")
                .and(predicate::str::contains("date_oder")),
        );
}

#[test]
fn dates_that_read_one_way_only_tell_the_order_of_the_others() {
    let line = |id: &str, source: &str, text: &str| {
        format!(
            "{{\"id\": \"{id}\", \"source\": \"{source}\", \"published\": \"2025-07-01\", \"text\": \"{text}\"}}\n"
        )
    };
    let batch = [
        // The article's own `23/05/2025` says day first.
        line(
            "own",
            "NordWire",
            "The court ruled on 05/06/2025, after the hearing of 23/05/2025.",
        ),
        // Nothing here tells, but the same outlet writes day first.
        line("outlet", "Eastgate Post", "The court ruled on 05/06/2025."),
        line(
            "told",
            "Eastgate Post",
            "The appeal was filed on 28/02/2025.",
        ),
        // Nothing tells at all: month first, flagged.
        line("alone", "Daily Meridian", "The court ruled on 05/06/2025."),
    ]
    .concat();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("batch.jsonl");
    std::fs::write(&path, batch).expect("write");
    let out = crosscheck()
        .args(["extract", "--mentions", "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        first_dates(&v),
        [
            ("own".to_string(), "2025-06-05".to_string(), false),
            ("outlet".to_string(), "2025-06-05".to_string(), false),
            ("told".to_string(), "2025-02-28".to_string(), false),
            ("alone".to_string(), "2025-05-06".to_string(), true),
        ]
    );
}

#[test]
fn an_outlet_that_groups_thousands_with_dots_reads_1_000_as_a_thousand() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("crosscheck.toml"),
        "[sources.\"Harbor Ledger\"]\nthousands_separator = \"dot\"\n",
    )
    .expect("write");
    let batch = [("ledger", "Harbor Ledger"), ("wire", "NordWire")]
        .map(|(id, source)| {
            format!("{{\"id\": \"{id}\", \"source\": \"{source}\", \"text\": \"Police said 1.500 people joined.\"}}\n")
        })
        .concat();
    std::fs::write(dir.path().join("batch.jsonl"), batch).expect("write");
    let value_of = |v: &serde_json::Value, article: &str| {
        v["mentions"]
            .as_array()
            .expect("mentions")
            .iter()
            .find(|m| m["article"] == article && m["kind"] == "number")
            .map(|m| m["value"].as_f64().expect("a value"))
    };
    let run = |flag: &[&str]| -> serde_json::Value {
        let out = crosscheck()
            .current_dir(dir.path())
            .args(["extract", "--mentions", "--format", "json", "batch.jsonl"])
            .args(flag)
            .output()
            .expect("runs");
        serde_json::from_slice(&out.stdout).expect("json")
    };
    let v = run(&[]);
    assert_eq!(value_of(&v, "ledger"), Some(1500.0));
    assert_eq!(value_of(&v, "wire"), Some(1.5));
    let v = run(&["--thousands-separator", "dot"]);
    assert_eq!(value_of(&v, "wire"), Some(1500.0));
}
