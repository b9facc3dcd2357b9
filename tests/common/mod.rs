//! Helpers shared by the tests that read crosscheck's JSON report.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

/// File names of the articles a finding cites.
pub fn files(report: &Value, ids: &Value) -> BTreeSet<String> {
    let articles = report["articles"].as_array().expect("articles");
    ids.as_array()
        .expect("ids")
        .iter()
        .filter_map(|id| articles.iter().find(|a| a["id"] == *id))
        .map(|a| {
            Path::new(a["path"].as_str().unwrap_or(""))
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default()
        })
        .collect()
}

pub fn value_set(values: &Value) -> BTreeSet<String> {
    values
        .as_array()
        .expect("values")
        .iter()
        .map(Value::to_string)
        .collect()
}
