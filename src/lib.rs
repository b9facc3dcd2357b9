//! crosscheck: read a batch of news articles about the same events, pull out
//! the comparable facts, line them up across sources, and report where the
//! sources agree, conflict, and copy each other.
//!
//! The pipeline runs one way, each stage a module:
//! [`ingest`] → [`segment`] → [`mentions`] → [`facts`] → [`align`] →
//! [`dupes`] → [`report`]. Everything language- and domain-specific comes
//! from the rule files ([`rules`], compiled by [`lexicon`]). The library
//! never prints.
#![warn(clippy::print_stdout, clippy::print_stderr, clippy::dbg_macro)]

pub mod align;
pub mod config;
pub mod corpus;
pub mod dupes;
pub mod evaluate;
pub mod examples;
pub mod facts;
pub mod ingest;
pub mod lexicon;
pub mod mentions;
pub mod model;
pub mod report;
pub mod rules;
pub mod segment;
pub mod text;

use std::sync::Arc;

use rayon::prelude::*;

use crate::dupes::{DupeInput, DupeSettings};
use crate::lexicon::Lexicon;
use crate::mentions::{Conventions, OutletConventions, Recognizer};
use crate::model::{Article, Report, Segmented};

/// Settings of one run, from flags and `crosscheck.toml`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// How the batch's outlets write dates (and what else their text may
    /// not tell), unless `outlets` says otherwise for one.
    pub conventions: Conventions,
    /// Outlets with conventions of their own, by name (`Harbor Ledger`) or
    /// site (`harborledger.com`), as `crosscheck.toml` lists them.
    pub outlets: Vec<(String, OutletConventions)>,
    pub dupes: DupeSettings,
    /// Keep every mention in the report (`extract --mentions`).
    pub keep_mentions: bool,
    /// Skip alignment and duplicates (`extract`).
    pub facts_only: bool,
}

/// The compiled rules and the stages built from them: make once, run on
/// many batches.
pub struct Pipeline {
    lexicon: Arc<Lexicon>,
    recognizer: Recognizer,
    extractor: facts::Extractor,
}

impl Pipeline {
    pub fn new(book: &rules::RuleBook) -> Pipeline {
        let lexicon = Arc::new(Lexicon::new(book));
        Pipeline {
            recognizer: Recognizer::new(lexicon.clone()),
            extractor: facts::Extractor::new(lexicon.clone()),
            lexicon,
        }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Runs every stage after ingest on a batch of articles.
    pub fn run(&self, mut articles: Vec<Article>, options: &Options) -> Report {
        label_articles(&mut articles);
        let segmented: Vec<Segmented> = articles
            .par_iter()
            .map(|a| segment::segment(&a.text, &self.lexicon))
            .collect();
        let mut mentions: Vec<Vec<model::Mention>> = articles
            .par_iter()
            .zip(&segmented)
            .enumerate()
            .map(|(i, (a, seg))| {
                let conventions = options.conventions_of(a);
                self.recognizer.recognize(i, a, seg, conventions)
            })
            .collect();
        mentions::settle_date_orders(&mut mentions, &articles);
        mentions::fold_persons(&mut mentions, &self.lexicon);
        let facts: Vec<model::Fact> = articles
            .par_iter()
            .zip(&segmented)
            .zip(&mentions)
            .enumerate()
            .flat_map_iter(|(i, ((a, seg), m))| self.extractor.extract(i, a, seg, m))
            .collect();
        let all_mentions: Vec<model::Mention> = mentions.into_iter().flatten().collect();
        let (stories, findings, duplicates) = if options.facts_only {
            (Vec::new(), Vec::new(), Vec::new())
        } else {
            let stories = align::stories(&articles, &segmented, &all_mentions, &facts);
            let findings = align::align(&articles, &facts, &stories);
            let inputs: Vec<DupeInput> = articles
                .iter()
                .zip(&segmented)
                .map(|(a, seg)| DupeInput {
                    text: &a.text,
                    published: a.published.as_deref(),
                    segmented: seg,
                })
                .collect();
            let quoted: Vec<Vec<(usize, usize)>> = (0..articles.len())
                .map(|i| {
                    all_mentions
                        .iter()
                        .filter(|m| m.article == i && m.kind == model::MentionKind::Quote)
                        .map(|m| (m.span.start, m.span.end))
                        .collect()
                })
                .collect();
            // Outlets quoting the same statement are not copying each other:
            // a pair that is quotation on both sides is no duplicate.
            let mut duplicates: Vec<model::Duplicate> =
                dupes::find_duplicates(&inputs, &options.dupes)
                    .into_iter()
                    .filter(|d| !(mostly_quoted(&d.a, &quoted) && mostly_quoted(&d.b, &quoted)))
                    .collect();
            for (n, d) in duplicates.iter_mut().enumerate() {
                d.id = format!("D{}", n + 1);
            }
            (stories, findings, duplicates)
        };
        Report {
            articles,
            mentions: options.keep_mentions.then_some(all_mentions),
            facts,
            stories,
            findings,
            duplicates,
            errors: Vec::new(),
        }
    }
}

impl Options {
    /// The conventions `article` is read by: its outlet's, over the batch's.
    pub fn conventions_of(&self, article: &Article) -> Conventions {
        self.outlets
            .iter()
            .find(|(key, _)| names_outlet(key, article))
            .map_or(self.conventions, |(_, own)| self.conventions.with(own))
    }
}

/// Whether `key` names the outlet of `article`: its name, in any case, or
/// the site of its URL (`unn.ua` for `https://www.unn.ua/news/1`).
fn names_outlet(key: &str, article: &Article) -> bool {
    let key = key.trim();
    let site = article.url.as_deref().and_then(|url| {
        let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
        let host = rest.split(['/', '?', '#', ':']).next()?;
        Some(host.strip_prefix("www.").unwrap_or(host))
    });
    article
        .source
        .as_deref()
        .is_some_and(|s| s.trim().eq_ignore_ascii_case(key))
        || site.is_some_and(|s| s.eq_ignore_ascii_case(key.strip_prefix("www.").unwrap_or(key)))
}

/// Whether at least 60% of a passage lies inside quotation marks.
fn mostly_quoted(p: &model::Passage, quoted: &[Vec<(usize, usize)>]) -> bool {
    let inside: usize = quoted[p.article]
        .iter()
        .map(|&(s, e)| e.min(p.span.end).saturating_sub(s.max(p.span.start)))
        .sum();
    let len = p.span.end.saturating_sub(p.span.start).max(1);
    inside * 10 >= len * 6
}

/// Names each article by its outlet (or file), adding the id where two
/// articles share a name, so `UNN` and `UNN` become `UNN a1`, `UNN a3`.
fn label_articles(articles: &mut [Article]) {
    for a in articles.iter_mut() {
        a.label.clear();
    }
    let names: Vec<String> = articles.iter().map(align::source_name).collect();
    let mut seen = std::collections::HashMap::new();
    for n in &names {
        *seen.entry(n.clone()).or_insert(0) += 1;
    }
    for (a, n) in articles.iter_mut().zip(names) {
        a.label = if seen[&n] > 1 {
            format!("{n} {}", a.id)
        } else {
            n
        };
    }
}
