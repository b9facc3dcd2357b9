//! The `crosscheck` command: parses arguments, calls the library, prints.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crosscheck::config::{self, Config, FailOn};
use crosscheck::ingest::{self, Input};
use crosscheck::mentions::{Conventions, DateOrder, ThousandsSeparator};
use crosscheck::model::Report;
use crosscheck::report::{self, Format, RenderOptions, View};
use crosscheck::rules::{self, RuleBook};
use crosscheck::{Options, Pipeline};

// The recognizer makes many small, short-lived allocations (spans, captures,
// values); mimalloc serves them about a third faster than the system
// allocator on generated news.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Cross-check news articles: facts that agree, facts that conflict, and
/// passages copied between outlets.
#[derive(Parser)]
#[command(name = "crosscheck", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compare the facts of a batch and report agreements, conflicts and duplicates.
    Check(CheckArgs),
    /// List the facts (or, with --mentions, the raw mentions) of each article.
    Extract(ExtractArgs),
    /// List the rules, or validate a rules directory.
    Rules(RulesArgs),
}

#[derive(Args)]
struct Common {
    /// Articles: .txt/.md files, .jsonl files, directories, or `-` for stdin.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// Output format.
    #[arg(long, short = 'f', value_enum)]
    format: Option<Format>,
    /// Write the output to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// A directory of rule files that add to or override the defaults.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// How to read slashed dates such as 05/06/2025 (outlets listed in
    /// crosscheck.toml keep their own).
    #[arg(long, value_enum)]
    date_order: Option<DateOrder>,
    /// Which mark groups thousands, which decides whether 1.000 is one or
    /// a thousand (outlets listed in crosscheck.toml keep their own).
    #[arg(long, value_enum)]
    thousands_separator: Option<ThousandsSeparator>,
    /// Table width in columns (default: the terminal's, or 120).
    #[arg(long, value_name = "N")]
    width: Option<u16>,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    common: Common,
    /// Exit with 1 when findings at this level or above are reported.
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// A saved JSON report: findings it holds are known and stay quiet.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Word n-gram size for duplicate passages.
    #[arg(long, value_name = "N")]
    ngram: Option<usize>,
    /// Similarity (0-1) a passage pair needs to be reported.
    #[arg(long, value_name = "X")]
    dupe_threshold: Option<f64>,
    /// Shortest passage, in words, checked for duplicates.
    #[arg(long, value_name = "N")]
    min_words: Option<usize>,
}

#[derive(Args)]
struct ExtractArgs {
    #[command(flatten)]
    common: Common,
    /// List raw mentions (numbers, dates, persons, quotes) instead of facts.
    #[arg(long)]
    mentions: bool,
}

#[derive(Args)]
struct RulesArgs {
    /// Validate the rule files of this directory and exit.
    #[arg(long, value_name = "DIR")]
    check: Option<PathBuf>,
    /// Also list the rules of this directory, merged over the defaults.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Print the rule reference as Markdown (docs/rules.md).
    #[arg(long)]
    markdown: bool,
}

/// Exit code for unusable input or usage errors.
const EXIT_INPUT: u8 = 2;

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("crosscheck: error: {message}");
    ExitCode::from(EXIT_INPUT)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match std::env::current_dir()
        .ok()
        .as_deref()
        .and_then(config::find)
    {
        Some(path) => match config::load(&path) {
            Ok(c) => c,
            Err(e) => return fail(e),
        },
        None => Config::default(),
    };
    match cli.command {
        Command::Check(args) => run(&args.common, &config, Some(&args), false),
        Command::Extract(args) => run(&args.common, &config, None, args.mentions),
        Command::Rules(args) => list_rules(&args),
    }
}

fn run(common: &Common, config: &Config, check: Option<&CheckArgs>, mentions: bool) -> ExitCode {
    let rules_dir = common.rules.clone().or_else(|| config.rules.clone());
    let book = match RuleBook::with_dir(rules_dir.as_deref()) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    let pipeline = Pipeline::new(&book);
    let mut options = Options {
        conventions: Conventions {
            date_order: common.date_order.or(config.date_order).unwrap_or_default(),
            thousands_separator: common
                .thousands_separator
                .or(config.thousands_separator)
                .unwrap_or_default(),
        },
        outlets: config
            .sources
            .iter()
            .map(|(key, own)| (key.clone(), own.clone()))
            .collect(),
        dupes: config.dupes.clone().unwrap_or_default(),
        keep_mentions: mentions,
        facts_only: check.is_none(),
    };
    if let Some(args) = check {
        if let Some(n) = args.ngram {
            options.dupes.ngram = n;
        }
        if let Some(t) = args.dupe_threshold {
            options.dupes.threshold = t;
        }
        if let Some(w) = args.min_words {
            options.dupes.min_words = w;
        }
    }
    let inputs: Vec<Input> = common.paths.iter().map(|p| Input::parse(p)).collect();
    let batch = ingest::read_inputs(&inputs, pipeline.lexicon(), &mut std::io::stdin().lock());
    for e in &batch.errors {
        match e.line {
            Some(line) => eprintln!("crosscheck: error: {}:{line}: {}", e.path, e.message),
            None => eprintln!("crosscheck: error: {}: {}", e.path, e.message),
        }
    }
    if batch.articles.is_empty() {
        return fail("no article could be read");
    }
    let errors = batch.errors.clone();
    let mut report: Report = pipeline.run(batch.articles, &options);
    report.errors = errors;

    let mut exit = if report.errors.is_empty() {
        0
    } else {
        EXIT_INPUT
    };
    if let Some(args) = check {
        if let Some(path) = args.baseline.clone().or_else(|| config.baseline.clone()) {
            match config::read_baseline(&path) {
                Ok(known) => {
                    let hidden = config::apply_baseline(&mut report, &known);
                    if hidden > 0 {
                        eprintln!(
                            "crosscheck: {hidden} findings known to the baseline are not shown"
                        );
                    }
                }
                Err(e) => return fail(e),
            }
        }
        let fail_on = args.fail_on.or(config.fail_on).unwrap_or_default();
        if exit == 0 && fail_on.tripped(&report) {
            exit = 1;
        }
    }
    let view = match (check.is_some(), mentions) {
        (true, _) => View::Check,
        (false, true) => View::Mentions,
        (false, false) => View::Facts,
    };
    let writing_to_terminal = common.output.is_none() && std::io::stdout().is_terminal();
    let width = common.width.unwrap_or_else(|| {
        let terminal = writing_to_terminal
            .then(|| comfy_table::Table::new().width())
            .flatten();
        terminal.unwrap_or(120)
    });
    let format = common.format.or(config.format).unwrap_or_default();
    let text = report::render(&report, format, &RenderOptions { view, width });
    let written = match &common.output {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display())),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string()),
    };
    if let Err(e) = written {
        return fail(e);
    }
    ExitCode::from(exit)
}

fn list_rules(args: &RulesArgs) -> ExitCode {
    if let Some(dir) = &args.check {
        let sources = match rules::read_rule_dir(dir) {
            Ok(s) => s,
            Err(e) => return fail(e),
        };
        if sources.is_empty() {
            return fail(format!("{}: no .toml rule files", dir.display()));
        }
        let mut all = rules::default_sources();
        all.extend(sources.iter().cloned());
        return match RuleBook::load(&all) {
            Ok(book) => {
                let failures = crosscheck::examples::check_examples(&book);
                if !failures.is_empty() {
                    for f in &failures {
                        eprintln!("crosscheck: example fails: {f}");
                    }
                    return ExitCode::from(1);
                }
                let count: usize = sources
                    .iter()
                    .filter_map(|s| rules::parse_rule_file(&s.name, &s.text).ok())
                    .map(|f| f.entries().len())
                    .sum();
                println!(
                    "{}: {} rule files, {count} rules, all valid and all examples hold ({} rules in all with the defaults)",
                    dir.display(),
                    sources.len(),
                    book.origin.len()
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        };
    }
    let book = match RuleBook::with_dir(args.rules.as_deref()) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    if args.markdown {
        print!("{}", rules::reference(&book));
        return ExitCode::SUCCESS;
    }
    let mut table = comfy_table::Table::new();
    table
        .load_style(comfy_table::presets::ASCII_FULL_CONDENSED)
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_width(120)
        .set_header(vec!["id", "kind", "file", "catches"]);
    let mut rows: Vec<(String, String, String, String)> = book
        .rules
        .entries()
        .iter()
        .map(|e| {
            let id = e.id.get_ref().clone();
            let origin = book.origin.get(&id).cloned().unwrap_or_default();
            (id, e.kind.to_string(), origin, e.about.to_string())
        })
        .collect();
    rows.sort();
    for (id, kind, file, about) in rows {
        table.add_row(vec![id, kind, file, about]);
    }
    println!("{table}");
    ExitCode::SUCCESS
}
