//! `crosscheck.toml`: defaults for a newsroom's runs, found in the current
//! directory or above; and baselines of known findings.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::dupes::DupeSettings;
use crate::mentions::{DateOrder, OutletConventions, ThousandsSeparator};
use crate::model::{Report, Status};
use crate::report::Format;

pub const FILE_NAME: &str = "crosscheck.toml";

/// Which findings make `check` exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// Always exit 0 when the input could be read.
    Never,
    /// Conflicts only.
    #[default]
    Conflict,
    /// Conflicts and near-duplicate passages.
    Duplicate,
    /// Anything that is not an agreement: conflicts, disputed, changed, duplicates.
    Any,
}

impl FailOn {
    /// Whether the report holds something at or above this level.
    pub fn tripped(self, report: &Report) -> bool {
        let has = |s: Status| report.findings.iter().any(|f| f.status == s);
        match self {
            FailOn::Never => false,
            FailOn::Conflict => has(Status::Conflict),
            FailOn::Duplicate => has(Status::Conflict) || !report.duplicates.is_empty(),
            FailOn::Any => {
                has(Status::Conflict)
                    || has(Status::Disputed)
                    || has(Status::Changed)
                    || !report.duplicates.is_empty()
            }
        }
    }
}

/// Settings a `crosscheck.toml` may give; flags override them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub format: Option<Format>,
    pub fail_on: Option<FailOn>,
    /// A rules directory, relative to the config file.
    pub rules: Option<PathBuf>,
    /// A baseline report, relative to the config file.
    pub baseline: Option<PathBuf>,
    pub date_order: Option<DateOrder>,
    pub thousands_separator: Option<ThousandsSeparator>,
    pub dupes: Option<DupeSettings>,
    /// Outlets that write otherwise than the batch: `[sources."Harbor
    /// Ledger"]` or `[sources."harborledger.com"]`, with `date_order` and
    /// `thousands_separator`.
    #[serde(default)]
    pub sources: std::collections::BTreeMap<String, OutletConventions>,
}

/// The nearest `crosscheck.toml` from `start` upwards.
pub fn find(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads a config; paths in it become relative to its folder.
pub fn load(path: &Path) -> Result<Config, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut config: Config = toml::from_str(&text).map_err(|e| {
        let line = e
            .span()
            .map_or(1, |s| text[..s.start].matches('\n').count() + 1);
        format!("{}:{line}: {}", path.display(), e.message().trim())
    })?;
    let dir = path.parent().unwrap_or(Path::new("."));
    config.rules = config.rules.map(|r| dir.join(r));
    config.baseline = config.baseline.map(|b| dir.join(b));
    Ok(config)
}

/// Fingerprints of the findings in a saved JSON report.
pub fn read_baseline(path: &Path) -> Result<BTreeSet<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{}:{}: not a crosscheck JSON report: {e}",
            path.display(),
            e.line()
        )
    })?;
    let findings = value
        .get("findings")
        .and_then(|f| f.as_array())
        .ok_or_else(|| {
            format!(
                "{}: no `findings` list: save a baseline with --format json",
                path.display()
            )
        })?;
    Ok(findings
        .iter()
        .filter_map(|f| {
            f.get("fingerprint")
                .and_then(|x| x.as_str())
                .map(str::to_string)
        })
        .collect())
}

/// Drops the findings a baseline already knows; returns how many.
pub fn apply_baseline(report: &mut Report, known: &BTreeSet<String>) -> usize {
    let before = report.findings.len();
    report.findings.retain(|f| !known.contains(&f.fingerprint));
    before - report.findings.len()
}
