//! Plain data shared by every stage. No stage owns these types; each one
//! reads some and produces others, so the pipeline stays one-way.

use serde::Serialize;

/// One article as read from disk or stdin.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Article {
    pub id: String,
    pub path: String,
    pub title: Option<String>,
    pub source: Option<String>,
    /// ISO date (`YYYY-MM-DD`) the article was published, given or sniffed.
    pub published: Option<String>,
    pub url: Option<String>,
    /// How tables and messages name the article: its outlet, with the id
    /// added when two articles share one. Set by the pipeline.
    #[serde(skip)]
    pub label: String,
    #[serde(skip)]
    pub text: String,
}

/// A byte range of an article's text with its 1-based line.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub line: usize,
}

/// A paragraph or sentence; `furniture` marks page furniture (navigation,
/// tag lines, counters) that must never yield facts nor be indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub span: Span,
    pub furniture: bool,
}

/// An article cut into paragraphs and sentences.
#[derive(Debug, Clone, Default)]
pub struct Segmented {
    pub paragraphs: Vec<Block>,
    pub sentences: Vec<Block>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    Number,
    Percent,
    Ordinal,
    Date,
    Person,
    Quote,
}

/// A number with its bounds as written: `more than 1,200` is 1200 with
/// `min` 1200 and `approx`; a range `10 to 12` has both bounds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Quantity {
    pub value: f64,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub approx: bool,
}

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Month,
    Year,
}

/// A calendar value: ISO text at its granularity, or unresolved (a relative
/// date in an article with no date of its own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, PartialOrd, Ord, Hash)]
pub struct DateValue {
    pub iso: Option<String>,
    /// Last day of a range (`May 24 and 25`, `the next two days`).
    pub until: Option<String>,
    pub granularity: Granularity,
    /// Set when day and month order could not be decided (`05/06/2025`).
    pub ambiguous: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum MentionValue {
    Quantity(Quantity),
    Date(DateValue),
    Text(String),
    /// Named with no figure: `a small percent`.
    Unvalued,
}

/// A low-level recognition: a number, date, person or quote.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub article: usize,
    pub kind: MentionKind,
    pub span: Span,
    pub value: MentionValue,
    /// Canonical person for `Person` mentions and quote speakers.
    pub person: Option<String>,
    /// Shared with every mention of the rule: one allocation a rule, not
    /// one a mention.
    pub rule: std::sync::Arc<str>,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum FactKind {
    Count,
    Date,
    Format,
    Quote,
    Role,
}

impl FactKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::Count => "count",
            FactKind::Date => "date",
            FactKind::Format => "format",
            FactKind::Quote => "quote",
            FactKind::Role => "role",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum FactValue {
    Quantity(Quantity),
    Date(DateValue),
    Text(String),
}

/// A comparable claim of one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub id: String,
    pub article: usize,
    pub kind: FactKind,
    pub key: String,
    pub value: FactValue,
    pub speaker: Option<String>,
    /// The person a role fact is about.
    pub person: Option<String>,
    /// A part of the key's whole (`soldiers` of `people`).
    pub part: Option<String>,
    /// `first`, `total`, `so_far`: a first phase is not a total.
    pub stage: Option<String>,
    /// `goal` for aims and demands (`wants to bring back 1,000`).
    pub mode: Option<String>,
    /// The time the claim is about, when the text says.
    pub when: Option<String>,
    /// The words that name a range of amounts where no figure does
    /// (`Hundreds`), so a claim tells it as written, not as its bounds.
    pub amount_words: Option<String>,
    pub span: Span,
    /// The sentence the fact was read from, for evidence.
    pub sentence: Span,
    pub rule: String,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Conflict,
    Disputed,
    Changed,
    Agreement,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Conflict => "conflict",
            Status::Disputed => "disputed",
            Status::Changed => "changed",
            Status::Agreement => "agreement",
        }
    }
}

/// A verdict on one key across the articles of a story.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub id: String,
    pub fingerprint: String,
    pub status: Status,
    pub kind: FactKind,
    pub key: String,
    /// What narrows the key: a part, a stage, a goal (`first stage`).
    pub qualifier: Option<String>,
    /// Distinct values, in the order of the facts that carry them.
    pub values: Vec<FactValue>,
    /// Indices into `Report::facts`.
    pub facts: Vec<usize>,
    /// Indices into `Report::articles`, sorted.
    pub articles: Vec<usize>,
    pub story: Option<usize>,
    pub message: String,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Within,
    Across,
}

/// One side of a duplicate pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Passage {
    pub article: usize,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    pub id: String,
    pub scope: Scope,
    pub similarity: f64,
    pub a: Passage,
    pub b: Passage,
    /// Index of the article published first, when the dates tell.
    pub first: Option<usize>,
}

/// A group of articles about the same event.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub id: String,
    pub title: String,
    pub articles: Vec<usize>,
}

/// A problem with one input: the run goes on without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub line: Option<usize>,
    pub message: String,
}

/// Everything one run found; `report` turns it into text.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub articles: Vec<Article>,
    pub mentions: Option<Vec<Mention>>,
    pub facts: Vec<Fact>,
    pub stories: Vec<Story>,
    pub findings: Vec<Finding>,
    pub duplicates: Vec<Duplicate>,
    pub errors: Vec<InputError>,
}
