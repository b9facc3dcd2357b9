//! Alignment: group the batch into stories, then compare facts with the same
//! key inside each story and give each key a verdict.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::model::{
    Article, Fact, FactKind, FactValue, Finding, Mention, MentionKind, Quantity, Status, Story,
};

/// Articles more days apart than this are about different events.
const STORY_DAYS: i64 = 10;
/// Quote sentences at least this similar are the same words.
const QUOTE_SIMILARITY: f64 = 0.8;
/// Quote sentences shorter than this are too common to match on.
const QUOTE_MIN_WORDS: usize = 5;

/// A stable 64-bit FNV-1a hash, printed as hex: the same on every machine
/// and run, which a baseline needs.
pub fn fingerprint(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0x1f)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

fn date_of(a: &Article) -> Option<NaiveDate> {
    a.published
        .as_deref()
        .and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
}

/// Groups articles into stories: close in time and sharing a person or a
/// format. Undated articles join by shared names alone. Each shared key
/// links its articles as a chain in date order, so the work grows with
/// the number of (article, key) pairs, never with pairs of articles.
pub fn stories(articles: &[Article], mentions: &[Mention], facts: &[Fact]) -> Vec<Story> {
    let n = articles.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let union = |p: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (find(p, a), find(p, b));
        p[ra.max(rb)] = ra.min(rb);
    };
    let dates: Vec<Option<NaiveDate>> = articles.iter().map(date_of).collect();
    let mut by_key: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for m in mentions.iter().filter(|m| m.kind == MentionKind::Person) {
        if let Some(p) = &m.person {
            by_key
                .entry(format!("person:{p}"))
                .or_default()
                .insert(m.article);
        }
    }
    for f in facts {
        if let Some(p) = f.person.as_ref().or(f.speaker.as_ref()) {
            by_key
                .entry(format!("person:{p}"))
                .or_default()
                .insert(f.article);
        }
        if f.kind == FactKind::Format {
            by_key
                .entry(format!("format:{}", value_text(&f.value)))
                .or_default()
                .insert(f.article);
        }
    }
    for members in by_key.values() {
        let mut dated: Vec<(NaiveDate, usize)> = members
            .iter()
            .filter_map(|&a| dates[a].map(|d| (d, a)))
            .collect();
        dated.sort();
        for w in dated.windows(2) {
            if (w[1].0 - w[0].0).num_days() <= STORY_DAYS {
                union(&mut parent, w[0].1, w[1].1);
            }
        }
        let anchor = members.iter().copied().next();
        for &a in members.iter().filter(|&&a| dates[a].is_none()) {
            if let Some(anchor) = anchor {
                union(&mut parent, anchor, a);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    groups
        .into_values()
        .enumerate()
        .map(|(k, members)| {
            let first = members
                .iter()
                .copied()
                .min_by_key(|&i| (dates[i].unwrap_or(NaiveDate::MAX), i))
                .unwrap_or(members[0]);
            Story {
                id: format!("S{}", k + 1),
                title: articles[first]
                    .title
                    .clone()
                    .unwrap_or_else(|| articles[first].id.clone()),
                articles: members,
            }
        })
        .collect()
}

/// A value as text, for messages, grouping and fingerprints.
pub fn value_text(v: &FactValue) -> String {
    match v {
        FactValue::Quantity(q) => quantity_text(q),
        FactValue::Date(d) => match (&d.iso, &d.until) {
            (Some(a), Some(b)) => format!("{a}..{b}"),
            (Some(a), None) => a.clone(),
            _ => "unresolved".to_string(),
        },
        FactValue::Text(t) => t.clone(),
    }
}

pub fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

pub fn quantity_text(q: &Quantity) -> String {
    match (q.min, q.max) {
        (Some(a), Some(b)) if a != b => format!("{}-{}", number_text(a), number_text(b)),
        (Some(_), None) => format!("≥{}", number_text(q.value)),
        (None, Some(_)) => format!("≤{}", number_text(q.value)),
        _ if q.approx => format!("~{}", number_text(q.value)),
        _ => number_text(q.value),
    }
}

/// The range a quantity allows.
fn interval(q: &Quantity) -> (f64, f64) {
    match (q.min, q.max) {
        (Some(a), Some(b)) => (a, b),
        (Some(a), None) => (a, a * 1.5),
        (None, Some(b)) => (b * 0.9, b),
        _ if q.approx => (q.value * 0.9, q.value * 1.1),
        _ => (q.value, q.value),
    }
}

fn values_agree(facts: &[&Fact]) -> bool {
    let quantities: Vec<&Quantity> = facts
        .iter()
        .filter_map(|f| match &f.value {
            FactValue::Quantity(q) => Some(q),
            _ => None,
        })
        .collect();
    if quantities.len() == facts.len() {
        let lo = quantities
            .iter()
            .map(|q| interval(q).0)
            .fold(f64::MIN, f64::max);
        let hi = quantities
            .iter()
            .map(|q| interval(q).1)
            .fold(f64::MAX, f64::min);
        return lo <= hi + 1e-9;
    }
    let texts: BTreeSet<String> = facts.iter().map(|f| value_text(&f.value)).collect();
    texts.len() == 1
}

/// The display name of an article's outlet.
pub fn source_name(a: &Article) -> String {
    a.source.clone().unwrap_or_else(|| {
        std::path::Path::new(&a.path)
            .file_stem()
            .map_or_else(|| a.id.clone(), |s| s.to_string_lossy().to_string())
    })
}

struct Group<'a> {
    kind: FactKind,
    key: String,
    facts: Vec<(usize, &'a Fact)>,
}

fn verdict(group: &Group, articles: &[Article]) -> Status {
    let facts: Vec<&Fact> = group.facts.iter().map(|(_, f)| *f).collect();
    if values_agree(&facts) {
        return Status::Agreement;
    }
    // Each value said by its own speakers, no speaker on two values.
    let mut by_value: BTreeMap<String, BTreeSet<Option<String>>> = BTreeMap::new();
    for f in &facts {
        by_value
            .entry(value_text(&f.value))
            .or_default()
            .insert(f.speaker.clone());
    }
    let all_attributed = by_value.values().all(|s| s.iter().all(Option::is_some));
    let mut seen = BTreeSet::new();
    let disjoint = by_value.values().flatten().all(|s| seen.insert(s.clone()));
    if all_attributed && disjoint && by_value.len() > 1 {
        return Status::Disputed;
    }
    // One value per date, and the dates differ: it changed over time. An
    // event's date does not change; two dates for it disagree.
    if group.kind == FactKind::Date {
        return Status::Conflict;
    }
    let mut by_date: BTreeMap<NaiveDate, BTreeSet<String>> = BTreeMap::new();
    for f in &facts {
        match date_of(&articles[f.article]) {
            Some(d) => {
                by_date.entry(d).or_default().insert(value_text(&f.value));
            }
            None => return Status::Conflict,
        }
    }
    if by_date.len() > 1 && by_date.values().all(|v| v.len() == 1) {
        let per_date: Vec<&String> = by_date.values().flatten().collect();
        let distinct: BTreeSet<&String> = per_date.iter().copied().collect();
        // A value that comes back after another is no change over time.
        if distinct.len()
            == per_date
                .iter()
                .collect::<Vec<_>>()
                .windows(2)
                .filter(|w| w[0] != w[1])
                .count()
                + 1
        {
            return Status::Changed;
        }
    }
    Status::Conflict
}

fn normalize_words(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn quote_sentences(s: &str) -> Vec<String> {
    s.split(['.', '!', '?', '…', ';'])
        .map(normalize_words)
        .filter(|x| x.split_whitespace().count() >= QUOTE_MIN_WORDS)
        .collect()
}

/// The best-matching sentence pair of two quotes and its similarity.
fn quote_match(a: &str, b: &str) -> Option<(String, String, f64)> {
    let (sa, sb) = (quote_sentences(a), quote_sentences(b));
    let mut best: Option<(String, String, f64)> = None;
    for x in &sa {
        for y in &sb {
            let sim = strsim::normalized_levenshtein(x, y);
            if sim >= QUOTE_SIMILARITY && best.as_ref().is_none_or(|b| sim > b.2) {
                best = Some((x.clone(), y.clone(), sim));
            }
        }
    }
    best
}

const NEGATIONS: &[&str] = &[
    "not", "no", "never", "nothing", "none", "nobody", "cannot", "t",
];

/// Whether two versions of one quote differ in a number, a negation or a name.
fn altered(a: &str, b: &str, original_a: &str, original_b: &str) -> bool {
    let numbers = |s: &str| -> BTreeSet<String> {
        s.split_whitespace()
            .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
            .map(str::to_string)
            .collect()
    };
    let negations = |s: &str| {
        s.split_whitespace()
            .filter(|w| NEGATIONS.contains(w))
            .count()
    };
    let names = |s: &str| -> BTreeSet<String> {
        s.split_whitespace()
            .skip(1)
            .filter(|w| w.starts_with(char::is_uppercase))
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .collect()
    };
    let name_diff = {
        let (na, nb) = (names(original_a), names(original_b));
        let (wa, wb): (BTreeSet<&str>, BTreeSet<&str>) = (
            a.split_whitespace().collect(),
            b.split_whitespace().collect(),
        );
        na.iter()
            .any(|n| wa.contains(n.as_str()) && !wb.contains(n.as_str()))
            || nb
                .iter()
                .any(|n| wb.contains(n.as_str()) && !wa.contains(n.as_str()))
    };
    numbers(a) != numbers(b) || negations(a) != negations(b) || name_diff
}

/// Verdicts for every key shared by two or more articles of a story.
pub fn align(articles: &[Article], facts: &[Fact], stories: &[Story]) -> Vec<Finding> {
    let mut story_of = vec![0; articles.len()];
    for (s, story) in stories.iter().enumerate() {
        for &a in &story.articles {
            story_of[a] = s;
        }
    }
    let mut groups: BTreeMap<(usize, FactKind, String), Group> = BTreeMap::new();
    for (i, f) in facts.iter().enumerate() {
        if f.kind == FactKind::Quote {
            continue;
        }
        if let FactValue::Date(d) = &f.value
            && d.iso.is_none()
        {
            continue;
        }
        let mut key = f.key.clone();
        if let FactValue::Date(d) = &f.value {
            // A year and a day are not the same claim.
            key.push_str(&format!(" {:?}", d.granularity).to_lowercase());
        }
        // A stated total is what an unstaged figure claims too; only
        // partial stages (`first`, `so_far`) are keys of their own.
        let stage = f.stage.clone().filter(|s| s != "total");
        for (label, v) in [("part", &f.part), ("stage", &stage), ("mode", &f.mode)] {
            if let Some(v) = v {
                key.push_str(&format!(" {label}={v}"));
            }
        }
        groups
            .entry((story_of[f.article], f.kind, key.clone()))
            .or_insert_with(|| Group {
                kind: f.kind,
                key: f.key.clone(),
                facts: Vec::new(),
            })
            .facts
            .push((i, f));
    }
    let mut out: Vec<Finding> = Vec::new();
    for ((story, _, full_key), group) in &groups {
        let arts: BTreeSet<usize> = group.facts.iter().map(|(_, f)| f.article).collect();
        if arts.len() < 2 {
            continue;
        }
        let status = verdict(group, articles);
        // An article giving one event several dates means several events
        // of that kind: their dates cannot be set against each other.
        if group.kind == FactKind::Date && status != Status::Agreement {
            let mut per_article: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
            for (_, f) in &group.facts {
                per_article
                    .entry(f.article)
                    .or_default()
                    .insert(value_text(&f.value));
            }
            if per_article.values().any(|v| v.len() > 1) {
                continue;
            }
        }
        out.push(finding(
            articles,
            facts,
            *story,
            status,
            group.kind,
            &group.key,
            full_key,
            group.facts.iter().map(|(i, _)| *i).collect(),
        ));
    }
    out.extend(quote_findings(articles, facts, &story_of));
    out.sort_by(|a, b| {
        (
            a.status,
            a.kind,
            &a.key,
            a.values.iter().map(value_text).collect::<Vec<_>>(),
        )
            .cmp(&(
                b.status,
                b.kind,
                &b.key,
                b.values.iter().map(value_text).collect::<Vec<_>>(),
            ))
    });
    for (n, f) in out.iter_mut().enumerate() {
        f.id = format!("F{}", n + 1);
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn finding(
    articles: &[Article],
    facts: &[Fact],
    story: usize,
    status: Status,
    kind: FactKind,
    key: &str,
    full_key: &str,
    members: Vec<usize>,
) -> Finding {
    let mut values = Vec::new();
    for &i in &members {
        if !values.contains(&facts[i].value) {
            values.push(facts[i].value.clone());
        }
    }
    let arts: BTreeSet<usize> = members.iter().map(|&i| facts[i].article).collect();
    let mut value_strings: Vec<String> = values.iter().map(value_text).collect();
    value_strings.sort();
    let mut parts = vec![kind.as_str(), full_key, status.as_str()];
    parts.extend(value_strings.iter().map(String::as_str));
    let message = message(articles, facts, status, full_key, &members);
    Finding {
        id: String::new(),
        fingerprint: fingerprint(&parts),
        status,
        kind,
        key: key.to_string(),
        values,
        facts: members,
        articles: arts.into_iter().collect(),
        story: Some(story),
        message,
    }
}

/// `UNN, Interfax: 390; Reuters: 391` with who says what.
fn message(
    articles: &[Article],
    facts: &[Fact],
    status: Status,
    key: &str,
    members: &[usize],
) -> String {
    let mut by_value: BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> = BTreeMap::new();
    for &i in members {
        let f = &facts[i];
        let shown = match f.kind {
            FactKind::Quote => {
                let t = value_text(&f.value);
                let short: String = t.chars().take(60).collect();
                if short.len() < t.len() {
                    format!("\"{short}…\"")
                } else {
                    format!("\"{t}\"")
                }
            }
            _ => value_text(&f.value),
        };
        let entry = by_value.entry(shown).or_default();
        entry.0.insert(source_name(&articles[f.article]));
        if let Some(s) = &f.speaker {
            entry.1.insert(s.clone());
        }
    }
    let parts: Vec<String> = by_value
        .iter()
        .map(|(v, (sources, speakers))| {
            let sources = sources.iter().cloned().collect::<Vec<_>>().join(", ");
            if speakers.is_empty() || status == Status::Agreement && by_value.len() == 1 {
                format!("{sources}: {v}")
            } else {
                format!(
                    "{sources}: {v} (per {})",
                    speakers.iter().cloned().collect::<Vec<_>>().join(", ")
                )
            }
        })
        .collect();
    format!("{key} — {}", parts.join("; "))
}

/// Word bigrams shared by more quote sentences than this are stock
/// phrases (`we will`): they propose no candidates.
const QUOTE_KEY_LIMIT: usize = 64;

/// Pairs of quotes (indices into `quotes`) from different articles of one
/// story that share a word bigram: the only pairs worth comparing, found
/// through an index instead of all pairs.
fn quote_candidates(
    facts: &[Fact],
    quotes: &[usize],
    story_of: &[usize],
) -> BTreeSet<(usize, usize)> {
    let mut index: std::collections::HashMap<(usize, String, String), Vec<usize>> =
        std::collections::HashMap::new();
    for (q, &i) in quotes.iter().enumerate() {
        let f = &facts[i];
        let mut keys = BTreeSet::new();
        for sentence in quote_sentences(&value_text(&f.value)) {
            let words: Vec<&str> = sentence.split_whitespace().collect();
            for w in words.windows(2) {
                keys.insert((w[0].to_string(), w[1].to_string()));
            }
        }
        for (a, b) in keys {
            index
                .entry((story_of[f.article], a, b))
                .or_default()
                .push(q);
        }
    }
    let mut pairs = BTreeSet::new();
    for members in index.values().filter(|m| m.len() <= QUOTE_KEY_LIMIT) {
        for (k, &a) in members.iter().enumerate() {
            for &b in &members[k + 1..] {
                if facts[quotes[a]].article != facts[quotes[b]].article {
                    pairs.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    pairs
}

/// Quotes: the same words given to different speakers (misattribution), or
/// one speaker's words changed in a number, a negation or a name.
fn quote_findings(articles: &[Article], facts: &[Fact], story_of: &[usize]) -> Vec<Finding> {
    let quotes: Vec<usize> = facts
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == FactKind::Quote)
        .map(|(i, _)| i)
        .collect();
    let mut parent: Vec<usize> = (0..quotes.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut altered_pairs: BTreeSet<usize> = BTreeSet::new();
    for (a, b) in quote_candidates(facts, &quotes, story_of) {
        let (fa, fb) = (&facts[quotes[a]], &facts[quotes[b]]);
        let (ta, tb) = (value_text(&fa.value), value_text(&fb.value));
        if let Some((sa, sb, sim)) = quote_match(&ta, &tb) {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            parent[ra.max(rb)] = ra.min(rb);
            if sim < 1.0 && altered(&sa, &sb, &ta, &tb) {
                altered_pairs.insert(a);
                altered_pairs.insert(b);
            }
        }
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for q in 0..quotes.len() {
        let root = find(&mut parent, q);
        clusters.entry(root).or_default().push(q);
    }
    let mut out = Vec::new();
    for members in clusters.into_values() {
        let arts: BTreeSet<usize> = members.iter().map(|&q| facts[quotes[q]].article).collect();
        if arts.len() < 2 {
            continue;
        }
        let speakers: BTreeSet<String> = members
            .iter()
            .filter_map(|&q| facts[quotes[q]].speaker.clone())
            .collect();
        let status = if speakers.len() > 1 || members.iter().any(|q| altered_pairs.contains(q)) {
            Status::Conflict
        } else {
            Status::Agreement
        };
        let key = format!(
            "quote:{}",
            speakers
                .iter()
                .next()
                .cloned()
                .unwrap_or_else(|| "unattributed".into())
        );
        let fact_ids: Vec<usize> = members.iter().map(|&q| quotes[q]).collect();
        let story = story_of[facts[fact_ids[0]].article];
        let mut f = finding(
            articles,
            facts,
            story,
            status,
            FactKind::Quote,
            &key,
            &key,
            fact_ids,
        );
        if speakers.len() > 1 {
            f.message = format!("misattributed quote — {}", f.message);
        }
        out.push(f);
    }
    out
}
