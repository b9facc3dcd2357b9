//! Rule files: every word list, pattern and class crosscheck knows lives in
//! `rules/*.toml`. This module reads them (the defaults are compiled in),
//! refuses bad ones with file, line and reason, and compiles them into the
//! matchers the stages use.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use toml::Spanned;

/// The default rule files, compiled into the binary so the tool works with
/// no files around it.
pub const DEFAULT_RULES: &[(&str, &str)] = &[
    ("numbers.toml", include_str!("../rules/numbers.toml")),
    ("dates.toml", include_str!("../rules/dates.toml")),
    ("counts.toml", include_str!("../rules/counts.toml")),
    ("events.toml", include_str!("../rules/events.toml")),
    ("formats.toml", include_str!("../rules/formats.toml")),
    ("speech.toml", include_str!("../rules/speech.toml")),
    ("titles.toml", include_str!("../rules/titles.toml")),
    ("persons.toml", include_str!("../rules/persons.toml")),
    ("furniture.toml", include_str!("../rules/furniture.toml")),
    ("metadata.toml", include_str!("../rules/metadata.toml")),
];

/// User patterns are data: cap what one may cost to compile.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// A sentence and what it must (or must not) yield: every rule carries some,
/// and one test runs them all.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    /// Reference date for relative dates, as an article's `published`.
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub mentions: Vec<Expect>,
    #[serde(default)]
    pub facts: Vec<Expect>,
    #[serde(default)]
    pub no_facts: Vec<Expect>,
    #[serde(default)]
    pub no_mentions: Vec<Expect>,
}

/// A partial fact or mention: every field given must match.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub kind: String,
    #[serde(default)]
    pub key: Option<String>,
    #[serde(default)]
    pub value: Option<toml::Value>,
    #[serde(default)]
    pub speaker: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub stage: Option<String>,
    #[serde(default)]
    pub part: Option<String>,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    /// The last day of a date span (`2025-06-01`).
    #[serde(default)]
    pub until: Option<String>,
}

macro_rules! rule_kinds {
    ($( $(#[$doc:meta])* $field:ident => $name:ident { $( $(#[$fdoc:meta])* $f:ident : $t:ty ),* $(,)? } )*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Deserialize)]
            #[serde(deny_unknown_fields)]
            pub struct $name {
                pub id: Spanned<String>,
                pub about: String,
                #[serde(default, rename = "example")]
                pub examples: Vec<Example>,
                $( $(#[$fdoc])* #[serde(default)] pub $f: $t, )*
            }
        )*

        /// One rule file: a list of rules of each kind.
        #[derive(Debug, Clone, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct RuleFile {
            $( #[serde(default)] pub $field: Vec<$name>, )*
        }

        impl RuleFile {
            /// Every rule of the file with its kind, for listing and for
            /// the example test.
            pub fn entries(&self) -> Vec<RuleEntry<'_>> {
                let mut out = Vec::new();
                $( for r in &self.$field {
                    out.push(RuleEntry { kind: stringify!($field), id: &r.id, about: &r.about, examples: &r.examples });
                } )*
                out
            }

            /// Rules of `other` replace rules of `self` with the same id;
            /// the rest are added.
            fn merge(&mut self, other: RuleFile) {
                $(
                    for r in other.$field {
                        match self.$field.iter_mut().find(|x| x.id.get_ref() == r.id.get_ref()) {
                            Some(slot) => *slot = r,
                            None => self.$field.push(r),
                        }
                    }
                )*
            }
        }
    };
}

rule_kinds! {
    /// Cardinal, scale, fraction and ordinal words.
    number_words => NumberWords {
        units: BTreeMap<String, u64>,
        tens: BTreeMap<String, u64>,
        scales: BTreeMap<String, f64>,
        /// Scale suffixes written right after digits: `10M`, `3bn`.
        suffixes: BTreeMap<String, f64>,
        /// Denominators: `third` = 3, with plural forms listed too.
        fractions: BTreeMap<String, f64>,
        /// Words that stand for a fraction alone: `half` = 0.5.
        fraction_words: BTreeMap<String, f64>,
        ordinals: BTreeMap<String, u64>,
        /// Articles read as one: `a dozen`, `a thousand`.
        articles: Vec<String>,
        /// Words that make the number after them negative: `minus five`.
        signs: Vec<String>,
        /// The decimal point in words: `five point five`.
        points: Vec<String>,
        /// Words between a smaller and a larger number that make a ratio:
        /// `one in five`, `two out of three`.
        ratios: Vec<String>,
        /// Words after the larger number that make it a span, not a
        /// ratio: `two in ten days`.
        ratio_not_before: Vec<String>,
        /// Words after which a lone `one` is a pronoun: `the one who`.
        pronoun_after: Vec<String>,
        /// Single-character fractions: `½`.
        glyphs: BTreeMap<String, f64>,
        /// Suffixes that, written in lower case, are also units (`10m` is
        /// ten metres): they scale only after a currency (`$10m`).
        unit_like_suffixes: Vec<String>,
        /// Denominators of digit fractions (`3/4`); others are codes or
        /// dates (`24/7`, `9/11`).
        slash_denominators: Vec<u64>,
    }
    /// Words before a number that make it approximate or a bound.
    bound => Bound {
        words: Vec<String>,
        /// Phrases after a number that make it a bound (`500 or more`),
        /// compared as written, in any ASCII case.
        after: Vec<String>,
        /// `min`, `max`, `exact` (both bounds are the figure) or `none`.
        side: String,
        approx: bool,
    }
    /// Words that stand for a vague amount: `dozens`, `hundreds`.
    vague_quantity => VagueQuantity {
        words: Vec<String>,
        min: f64,
        max: Option<f64>,
    }
    /// Words after a number that make it a percentage.
    percent => Percent {
        words: Vec<String>,
        /// Words that name a percentage with no figure beside them (`a
        /// small percent`, `the % of`): a percent mention with no value.
        alone: Vec<String>,
    }
    /// Patterns whose digits are not numbers: times, identifiers, versions.
    not_a_number => NotANumber {
        pattern: String,
    }
    /// Month names and abbreviations.
    month => Month {
        names: BTreeMap<String, u32>,
        /// Names that are common words too (`may`, `march`): in lower
        /// case they are a month only next to a day written as digits or
        /// an ordinal.
        ambiguous: Vec<String>,
    }
    /// A month named with no day or year: `in February`, `last May`.
    month_alone => MonthAlone {
        /// Words right before the month that make it a date, kept out of
        /// its span: `in`, `since`, `mid` (of `mid-June`).
        after: Vec<String>,
        /// Words before the month that pick its year, part of its span:
        /// `next` = 1 (the first such month after the article's), `this`
        /// = 0 (the article's year), `last` = -1 (the last one before).
        relative: BTreeMap<String, i64>,
        /// Month names that are a date with no word before them, when
        /// capitalized and not followed by a capitalized word (`June
        /// Carter` is a person).
        standalone: Vec<String>,
    }
    /// Weekday names, Monday = 1.
    weekday => Weekday {
        names: BTreeMap<String, u32>,
        /// Abbreviations that are words too (`sun`, `wed`): a weekday only
        /// capitalized and inside a date (`Wed, 22 Jan`).
        ambiguous: Vec<String>,
        /// Words before a weekday that pick its week: `next` = 1.
        relative: BTreeMap<String, i64>,
    }
    /// Counted spans of time from the article's date: `two weeks ago`,
    /// `three days from tomorrow`, `in 3 weeks`.
    date_shift => DateShift {
        /// Unit words and what they count: `day`, `week`, `month`, `year`,
        /// `business_day`.
        units: BTreeMap<String, String>,
        /// Words after the span: direction (1 or -1) and the day it counts
        /// from (`from tomorrow` = [1, 1]).
        after: BTreeMap<String, Vec<i64>>,
        /// Words before the span, read only in a future clause: `in`.
        before: Vec<String>,
        /// Counts in words beyond the number words: `a few` = 3.
        counts: BTreeMap<String, i64>,
    }
    /// Patterns that look like dates and are not: `24/7`.
    not_a_date => NotADate {
        pattern: String,
    }
    /// Day words relative to the article's date: `yesterday` = -1.
    relative_day => RelativeDay {
        words: BTreeMap<String, i64>,
    }
    /// Periods relative to the article's date: `last week`, `the next two days`.
    relative_period => RelativePeriod {
        /// Regex with optional named groups `n` (a count) and `unit`; the
        /// regex crate takes a name once, so a second branch may name
        /// them `count` and `units`.
        pattern: String,
        /// `past` (the calendar period before the article's), `this`
        /// (the article's own), `next` (the calendar period after) or
        /// `future` (a span of days from the day after).
        direction: String,
        /// `day`, `week`, `weekend`, `month`, `year`.
        unit: String,
    }
    /// Words that mark what a clause says as past or future.
    tense => Tense {
        past: Vec<String>,
        future: Vec<String>,
    }
    /// Verbs and nouns of what happened to a counted thing.
    predicate => Predicate {
        class: String,
        words: Vec<String>,
        /// The counted class when the text names none (`12 were killed`).
        default_noun: Option<String>,
    }
    /// Counted nouns and their class; `whole` makes the class a part.
    noun => Noun {
        class: String,
        whole: Option<String>,
        words: Vec<String>,
    }
    /// Currency words and signs; money counts use the code as noun class.
    currency => Currency {
        code: String,
        words: Vec<String>,
        symbols: Vec<String>,
    }
    /// Stage words: a first phase is not a total.
    stage => Stage {
        stage: String,
        words: Vec<String>,
    }
    /// Words that make a count an aim rather than a result.
    modality => Modality {
        mode: String,
        words: Vec<String>,
        /// Also a nominal predicate (`the release of 1,200`) in a clause
        /// with no past-tense word: spoken of, not done.
        nominal: bool,
    }
    /// Event nouns and verbs that a date can be about.
    event => Event {
        class: String,
        words: Vec<String>,
        /// A speech verb right before a date (`said on Tuesday`) dates
        /// this event: the statement.
        statement: bool,
        /// Phrases holding one of `words` that name no such event
        /// (`fire service`): passed over when a date looks for its event.
        not: Vec<String>,
    }
    /// Exchange formats such as `1000-for-1000`.
    format => Format {
        /// Regex; named groups `a` and `b` hold the two sides.
        pattern: String,
        /// Template with `{a}` and `{b}`, or a fixed value.
        value: String,
    }
    /// Verbs that introduce speech.
    speech_verb => SpeechVerb {
        words: Vec<String>,
    }
    /// Phrases that attribute what follows: `according to`.
    attribution => Attribution {
        words: Vec<String>,
    }
    /// Pronouns that stand for the last person named.
    pronoun => Pronoun {
        words: Vec<String>,
    }
    /// An official title, its spellings, and how the text refers to its holder.
    title => Title {
        title: String,
        patterns: Vec<String>,
        /// Title-only references such as `the minister`.
        references: Vec<String>,
    }
    /// A known person and the spellings that fold into them.
    person => Person {
        name: String,
        aliases: Vec<String>,
    }
    /// Capitalized words that never start or form a person's name.
    not_a_name => NotAName {
        words: Vec<String>,
    }
    /// Lower-case words that announce a name right after them: `leader`,
    /// `resident`, `chairman`.
    person_cue => PersonCue {
        words: Vec<String>,
    }
    /// How close two surnames must be to be one person.
    person_fold => PersonFold {
        threshold: f64,
    }
    /// Page furniture lines: navigation, tags, counters, notices.
    furniture => Furniture {
        pattern: String,
        /// The line heads a list: following short lines are furniture too.
        section: bool,
    }
    /// Lines that name the outlet: named group `name` (or `wire`).
    outlet => Outlet {
        pattern: String,
    }
    /// Published-date stamps: groups `y`, `m` or `mon` (a month name), `d`;
    /// alternatives may number them (`y2`, `mon2`, `d2`).
    published => Published {
        pattern: String,
    }
}

/// One rule as listed by `crosscheck rules`.
pub struct RuleEntry<'a> {
    pub kind: &'static str,
    pub id: &'a Spanned<String>,
    pub about: &'a str,
    pub examples: &'a [Example],
}

/// A rule file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for RuleError {}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Parses one rule file; errors carry the file's line and column.
pub fn parse_rule_file(name: &str, text: &str) -> Result<RuleFile, RuleError> {
    let file: RuleFile = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        RuleError {
            file: name.to_string(),
            line,
            column,
            message: e.message().trim().to_string(),
        }
    })?;
    check_file(name, text, &file)?;
    Ok(file)
}

/// Checks what serde cannot: ids, patterns, value ranges.
fn check_file(name: &str, text: &str, file: &RuleFile) -> Result<(), RuleError> {
    let fail = |id: &Spanned<String>, message: String| {
        let (line, column) = line_col(text, id.span().start);
        Err(RuleError {
            file: name.to_string(),
            line,
            column,
            message: format!("rule `{}`: {message}", id.get_ref()),
        })
    };
    let mut seen = HashMap::new();
    for entry in file.entries() {
        let id = entry.id.get_ref();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
        {
            return fail(
                entry.id,
                "an id is letters, digits, `.`, `_` and `-`".into(),
            );
        }
        if seen.insert(id.clone(), ()).is_some() {
            return fail(entry.id, "this id is used twice in the file".into());
        }
        if entry.about.trim().is_empty() {
            return fail(entry.id, "`about` must say what the rule catches".into());
        }
    }
    let patterns = file
        .not_a_number
        .iter()
        .map(|r| (&r.id, &r.pattern))
        .chain(file.format.iter().map(|r| (&r.id, &r.pattern)))
        .chain(file.furniture.iter().map(|r| (&r.id, &r.pattern)))
        .chain(file.outlet.iter().map(|r| (&r.id, &r.pattern)))
        .chain(file.published.iter().map(|r| (&r.id, &r.pattern)))
        .chain(file.relative_period.iter().map(|r| (&r.id, &r.pattern)))
        .chain(file.not_a_date.iter().map(|r| (&r.id, &r.pattern)));
    for (id, pattern) in patterns {
        if let Err(e) = build_regex(pattern) {
            return fail(id, format!("bad pattern: {e}"));
        }
    }
    for t in &file.title {
        for p in &t.patterns {
            if let Err(e) = build_regex(p) {
                return fail(&t.id, format!("bad pattern: {e}"));
            }
        }
    }
    for b in &file.bound {
        if !["min", "max", "exact", "none"].contains(&b.side.as_str()) {
            return fail(
                &b.id,
                format!("side is `min`, `max`, `exact` or `none`, not `{}`", b.side),
            );
        }
    }
    for p in &file.relative_period {
        if PeriodDirection::of(&p.direction).is_none() {
            return fail(
                &p.id,
                "direction is `past`, `this`, `next` or `future`".into(),
            );
        }
        if !["day", "week", "weekend", "month", "year"].contains(&p.unit.as_str()) {
            return fail(
                &p.id,
                "unit is `day`, `week`, `weekend`, `month` or `year`".into(),
            );
        }
    }
    for f in &file.person_fold {
        if !(0.5..=1.0).contains(&f.threshold) {
            return fail(&f.id, "threshold lies between 0.5 and 1.0".into());
        }
    }
    for f in &file.format {
        let re = build_regex(&f.pattern).map_err(|e| e.to_string());
        let names: Vec<_> = re
            .iter()
            .flat_map(|r| r.capture_names().flatten())
            .collect();
        for side in ["a", "b"] {
            if f.value.contains(&format!("{{{side}}}")) && !names.contains(&side) {
                return fail(
                    &f.id,
                    format!("value uses {{{side}}} but the pattern has no group `{side}`"),
                );
            }
        }
    }
    Ok(())
}

/// Where a relative period lies from the article's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodDirection {
    Past,
    This,
    Next,
    Future,
}

impl PeriodDirection {
    pub fn of(word: &str) -> Option<PeriodDirection> {
        Some(match word {
            "past" => PeriodDirection::Past,
            "this" => PeriodDirection::This,
            "next" => PeriodDirection::Next,
            "future" => PeriodDirection::Future,
            _ => return None,
        })
    }
}

/// `\b` as an ASCII word boundary: Unicode boundaries keep the regex
/// engine off its fast DFA on any non-ASCII text (a 30x slowdown on news
/// with curly quotes), and every word our rules name is ASCII-bounded.
pub fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some('B') => out.push_str("(?-u:\\B)"),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Compiles one of the code's own patterns, with ASCII word boundaries.
pub fn code_regex(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&ascii_boundaries(pattern))
}

/// A case-sensitive twin of a case-insensitive pattern (a user pattern,
/// or one written with a leading `(?i)`), to run on the text in ASCII
/// lower case at the same offsets. Case-insensitive alternations of many
/// words defeat the regex crate's literal prefilters, so such a pass reads
/// every byte; the twin gets them back. `None` when the pattern holds a
/// char whose case `(?i)` would fold beyond ASCII lower-casing (an upper
/// case letter, `\S`, `\P{..}`, `é`). The twin finds what the pattern
/// finds unless the text holds `ſ` or the Kelvin sign, the only non-ASCII
/// chars `(?i)` matches to ASCII letters: such a text takes the pattern.
pub fn lower_case_twin(pattern: &str) -> Option<Regex> {
    let bare = pattern.strip_prefix("(?i)").unwrap_or(pattern);
    let caseless = |c: char| {
        if c.is_ascii() {
            !c.is_ascii_uppercase()
        } else {
            c.to_lowercase().eq([c]) && c.to_uppercase().eq([c])
        }
    };
    if !bare.replace("(?P<", "").chars().all(caseless) {
        return None;
    }
    RegexBuilder::new(&ascii_boundaries(bare))
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .ok()
}

/// Compiles a user pattern: case-insensitive, with a size cap.
pub fn build_regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(&ascii_boundaries(pattern))
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
}

/// A named rule file's text, the defaults first.
#[derive(Debug, Clone)]
pub struct RuleSource {
    pub name: String,
    pub text: String,
}

/// Reads every `*.toml` of a directory, sorted by name.
pub fn read_rule_dir(dir: &Path) -> Result<Vec<RuleSource>, RuleError> {
    let io_error = |message: String| RuleError {
        file: dir.display().to_string(),
        line: 1,
        column: 1,
        message,
    };
    let entries = std::fs::read_dir(dir).map_err(|e| io_error(e.to_string()))?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|e| RuleError {
                file: p.display().to_string(),
                line: 1,
                column: 1,
                message: e.to_string(),
            })?;
            Ok(RuleSource {
                name: p.display().to_string(),
                text,
            })
        })
        .collect()
}

/// The default rule files as sources.
pub fn default_sources() -> Vec<RuleSource> {
    DEFAULT_RULES
        .iter()
        .map(|(name, text)| RuleSource {
            name: format!("rules/{name}"),
            text: (*text).to_string(),
        })
        .collect()
}

/// All rules merged: later sources override earlier ones by id.
#[derive(Debug, Clone, Default)]
pub struct RuleBook {
    pub rules: RuleFile,
    /// Which file each rule id came from, for listings.
    pub origin: BTreeMap<String, String>,
}

impl RuleBook {
    pub fn load(sources: &[RuleSource]) -> Result<RuleBook, RuleError> {
        let mut book = RuleBook::default();
        for source in sources {
            let file = parse_rule_file(&source.name, &source.text)?;
            for entry in file.entries() {
                book.origin
                    .insert(entry.id.get_ref().clone(), source.name.clone());
            }
            book.rules.merge(file);
        }
        Ok(book)
    }

    /// The defaults, plus `dir` when given.
    pub fn with_dir(dir: Option<&Path>) -> Result<RuleBook, RuleError> {
        let mut sources = default_sources();
        if let Some(dir) = dir {
            sources.extend(read_rule_dir(dir)?);
        }
        RuleBook::load(&sources)
    }
}

/// The rule reference (`docs/rules.md`), made from the rule files so it
/// cannot go stale: a test compares it with the committed copy.
pub fn reference(book: &RuleBook) -> String {
    let mut out = String::from(
        "# Rule reference\n\nGenerated by `crosscheck rules --markdown` from `rules/*.toml`; do not edit by hand.\n",
    );
    let mut by_file: BTreeMap<&str, Vec<RuleEntry<'_>>> = BTreeMap::new();
    for entry in book.rules.entries() {
        let file = book
            .origin
            .get(entry.id.get_ref())
            .map_or("", String::as_str);
        by_file.entry(file).or_default().push(entry);
    }
    for (file, entries) in by_file {
        out.push_str(&format!(
            "\n## {file}\n\n| id | kind | catches | examples |\n|---|---|---|---|\n"
        ));
        for e in entries {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                e.id.get_ref(),
                e.kind,
                e.about.replace('|', "\\|"),
                e.examples.len()
            ));
        }
    }
    out
}
