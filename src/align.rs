//! Alignment: group the batch into stories, then compare facts with the same
//! key inside each story and give each key a verdict.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::model::{
    Article, Fact, FactKind, FactValue, Finding, Granularity, Mention, MentionKind, Quantity,
    Segmented, Status, Story,
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

/// Anchors with more members than this are too common to tell stories
/// apart (a country's name, a president seen in every article).
const ANCHOR_LIMIT: usize = 64;
/// Two articles are about one event when they share anchors worth this much.
const STORY_SCORE: u32 = 2;

/// What ties an article to an event: the people in it, its formats and
/// event dates, and the proper names (places, bodies, storms) in its body.
/// Each anchor carries its weight: a format is rarer across events than
/// a name.
fn anchors(
    article: &Article,
    segmented: &Segmented,
    mentions: &[&Mention],
    facts: &[&Fact],
) -> BTreeMap<String, u32> {
    let mut out = BTreeMap::new();
    let text = &article.text;
    // Words that are names but not of the event: people are anchors of
    // their own, titles are held in many events, and weekdays and months
    // are dates.
    let mut not_terms: BTreeSet<String> = BTreeSet::new();
    let mut people: Vec<&String> = mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Person)
        .filter_map(|m| m.person.as_ref())
        .collect();
    people.extend(
        facts
            .iter()
            .filter_map(|f| f.person.as_ref().or(f.speaker.as_ref())),
    );
    for p in people {
        // Speakers such as `police` are not people: only names count.
        if p.starts_with(char::is_uppercase) {
            out.insert(format!("person:{p}"), 1);
            not_terms.extend(p.split_whitespace().map(str::to_lowercase));
        }
    }
    let mut spans: Vec<(usize, usize)> = mentions
        .iter()
        .filter(|m| matches!(m.kind, MentionKind::Person | MentionKind::Date))
        .map(|m| (m.span.start, m.span.end))
        .collect();
    for f in facts {
        match f.kind {
            FactKind::Format => {
                out.insert(format!("format:{}", value_text(&f.value)), 2);
            }
            FactKind::Date => {
                if let FactValue::Date(d) = &f.value
                    && d.granularity == Granularity::Day
                    && let Some(iso) = &d.iso
                {
                    out.insert(format!("{}={iso}", f.key), 1);
                }
            }
            FactKind::Role => spans.push((f.span.start, f.span.end)),
            // Outlets quoting the same sentence report the same event,
            // whoever they give it to.
            FactKind::Quote => {
                for sentence in quote_sentences(&value_text(&f.value)) {
                    out.insert(format!("quote:{sentence}"), 2);
                }
            }
            FactKind::Count => {}
        }
    }
    for w in spans
        .iter()
        .flat_map(|&(s, e)| text.get(s..e).unwrap_or("").split_whitespace())
    {
        not_terms.insert(trim_word(w).to_lowercase());
    }
    let lowercase: BTreeSet<&str> = text
        .split_whitespace()
        .map(trim_word)
        .filter(|w| w.starts_with(char::is_lowercase))
        .collect();
    let body = segmented
        .sentences
        .iter()
        .filter(|b| !b.furniture)
        .filter_map(|b| text.get(b.span.start..b.span.end));
    for sentence in body.chain(article.title.as_deref()) {
        // An outlet names itself in all its articles (`NordWire reports`);
        // a place in its name still counts elsewhere.
        let sentence = match &article.source {
            Some(source) => sentence.replace(source.as_str(), " "),
            None => sentence.to_string(),
        };
        for term in proper_names(&sentence, &lowercase) {
            if !not_terms.contains(&term) {
                out.insert(format!("term:{term}"), 1);
            }
        }
    }
    out
}

fn trim_word(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Capitalised words that are names, lowercased: those inside a sentence,
/// and those opening one that the article never writes in lower case
/// (`Corvale`, not `The`). Possessives are cut (`Corvale's` is Corvale).
fn proper_names(text: &str, lowercase: &BTreeSet<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let mut opens = true;
    for raw in text.split_whitespace() {
        let word = trim_word(raw);
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        let lower = word.to_lowercase();
        if word.chars().count() > 2
            && word.starts_with(char::is_uppercase)
            && (!opens || !lowercase.contains(lower.as_str()))
        {
            out.push(lower);
        }
        opens = raw.ends_with(['.', '!', '?', ':', '"', '“', '«']);
    }
    out
}

/// Groups articles into stories: close in time and sharing anchors worth
/// [`STORY_SCORE`], so one minister seen at two events does not merge
/// them. Each anchor proposes only pairs of its members close in time,
/// and anchors shared by too many articles propose none, so the work grows
/// with the number of (article, anchor) pairs, never with pairs of
/// articles. An undated article joins only its best-scoring partner, so it
/// cannot bridge two events.
pub fn stories(
    articles: &[Article],
    segmented: &[Segmented],
    mentions: &[Mention],
    facts: &[Fact],
) -> Vec<Story> {
    let n = articles.len();
    let mut by_article_mentions: Vec<Vec<&Mention>> = vec![Vec::new(); n];
    for m in mentions {
        by_article_mentions[m.article].push(m);
    }
    let mut by_article_facts: Vec<Vec<&Fact>> = vec![Vec::new(); n];
    for f in facts {
        by_article_facts[f.article].push(f);
    }
    let dates: Vec<Option<NaiveDate>> = articles.iter().map(date_of).collect();
    let mut members: BTreeMap<String, (u32, Vec<usize>)> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        let found = anchors(
            a,
            &segmented[i],
            &by_article_mentions[i],
            &by_article_facts[i],
        );
        for (anchor, weight) in found {
            members
                .entry(anchor)
                .or_insert((weight, Vec::new()))
                .1
                .push(i);
        }
    }
    let mut scores: HashMap<(usize, usize), u32> = HashMap::new();
    for (weight, list) in members.values() {
        if list.len() > ANCHOR_LIMIT {
            continue;
        }
        for (k, &a) in list.iter().enumerate() {
            for &b in &list[k + 1..] {
                let close = match (dates[a], dates[b]) {
                    (Some(x), Some(y)) => (x - y).num_days().abs() <= STORY_DAYS,
                    _ => true,
                };
                if close {
                    *scores.entry((a, b)).or_default() += weight;
                }
            }
        }
    }
    let mut parent: Vec<usize> = (0..n).collect();
    let mut best: BTreeMap<usize, (u32, usize)> = BTreeMap::new();
    let mut linked: Vec<((usize, usize), u32)> = scores
        .into_iter()
        .filter(|&(_, s)| s >= STORY_SCORE)
        .collect();
    linked.sort();
    for &((a, b), score) in &linked {
        match (dates[a], dates[b]) {
            (Some(_), Some(_)) => union(&mut parent, a, b),
            _ => {
                for (undated, other) in [(a, b), (b, a)] {
                    if dates[undated].is_none() {
                        let e = best.entry(undated).or_insert((score, other));
                        if score > e.0 {
                            *e = (score, other);
                        }
                    }
                }
            }
        }
    }
    for (&a, &(_, b)) in &best {
        union(&mut parent, a, b);
    }
    let mut centrality = vec![0u32; n];
    for &((a, b), score) in &linked {
        if find(&mut parent, a) == find(&mut parent, b) {
            centrality[a] += score;
            centrality[b] += score;
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
            // The title of the article most tied to the others names the
            // story best; the earliest breaks ties.
            let central = members
                .iter()
                .copied()
                .min_by_key(|&i| {
                    (
                        std::cmp::Reverse(centrality[i]),
                        dates[i].unwrap_or(NaiveDate::MAX),
                        i,
                    )
                })
                .unwrap_or(members[0]);
            Story {
                id: format!("S{}", k + 1),
                title: articles[central]
                    .title
                    .clone()
                    .unwrap_or_else(|| articles[central].id.clone()),
                articles: members,
            }
        })
        .collect()
}

fn find(p: &mut [usize], mut x: usize) -> usize {
    while p[x] != x {
        p[x] = p[p[x]];
        x = p[x];
    }
    x
}

fn union(p: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(p, a), find(p, b));
    p[ra.max(rb)] = ra.min(rb);
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

/// One claim in a group: a fact, or the parts one article gives added up
/// to the whole they make (`270 soldiers and 120 civilians` is 390 people).
struct Member {
    facts: Vec<usize>,
    article: usize,
    value: FactValue,
    speaker: Option<String>,
}

/// The facts of one story about one key.
struct Group {
    kind: FactKind,
    key: String,
    /// The part of the key's whole the group counts (`soldiers`).
    part: Option<String>,
    /// A stage or a goal that sets the group apart (`first stage`).
    scope: Option<String>,
    members: Vec<Member>,
}

impl Group {
    /// Everything that narrows the key, for tables: `soldiers, first stage`.
    fn qualifier(&self) -> Option<String> {
        let words: Vec<&str> = [&self.part, &self.scope]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        (!words.is_empty()).then(|| words.join(", "))
    }
}

fn quantity(v: &FactValue) -> Option<&Quantity> {
    match v {
        FactValue::Quantity(q) => Some(q),
        _ => None,
    }
}

/// Whether one number could be true for every value: their ranges
/// overlap. Other values agree when their texts are equal.
fn values_agree<'a>(values: impl Iterator<Item = &'a FactValue> + Clone) -> bool {
    if values.clone().all(|v| quantity(v).is_some()) {
        let ranges: Vec<(f64, f64)> = values.filter_map(quantity).map(interval).collect();
        let lo = ranges.iter().map(|r| r.0).fold(f64::MIN, f64::max);
        let hi = ranges.iter().map(|r| r.1).fold(f64::MAX, f64::min);
        return lo <= hi + 1e-9;
    }
    let texts: BTreeSet<String> = values.map(value_text).collect();
    texts.len() == 1
}

/// The middle of what a value allows, to order values over time.
fn centre(v: &FactValue) -> Option<f64> {
    quantity(v).map(|q| {
        let (lo, hi) = interval(q);
        (lo + hi) / 2.0
    })
}

fn verdict(group: &Group, articles: &[Article]) -> Status {
    let members = &group.members;
    if values_agree(members.iter().map(|m| &m.value)) {
        return Status::Agreement;
    }
    // Each value said by its own speakers, no speaker on two values: the
    // sources report a dispute, they do not contradict each other.
    let mut by_value: BTreeMap<String, BTreeSet<Option<String>>> = BTreeMap::new();
    for m in members {
        by_value
            .entry(value_text(&m.value))
            .or_default()
            .insert(m.speaker.clone());
    }
    let all_attributed = by_value.values().all(|s| s.iter().all(Option::is_some));
    let mut seen = BTreeSet::new();
    let disjoint = by_value.values().flatten().all(|s| seen.insert(s.clone()));
    if all_attributed && disjoint && by_value.len() > 1 {
        return Status::Disputed;
    }
    // An event's date does not change; two dates for it disagree.
    if group.kind == FactKind::Date {
        return Status::Conflict;
    }
    if changed_over_time(members.iter(), articles) {
        Status::Changed
    } else {
        Status::Conflict
    }
}

/// Whether the values tell one story in time: the articles of each day
/// agree, consecutive days that differ follow each other, and no value
/// comes back after another (a figure that rose, a title that passed on).
/// An undated article cannot be placed, so its difference stays a conflict.
fn changed_over_time<'a>(members: impl Iterator<Item = &'a Member>, articles: &[Article]) -> bool {
    let mut by_date: BTreeMap<NaiveDate, Vec<&FactValue>> = BTreeMap::new();
    for m in members {
        match date_of(&articles[m.article]) {
            Some(d) => by_date.entry(d).or_default().push(&m.value),
            None => return false,
        }
    }
    if by_date.len() < 2 || !by_date.values().all(|v| values_agree(v.iter().copied())) {
        return false;
    }
    // Days that agree with the day before are one period.
    let mut periods: Vec<Vec<&FactValue>> = Vec::new();
    for values in by_date.into_values() {
        match periods.last_mut() {
            Some(last) if values_agree(last.iter().chain(&values).copied()) => last.extend(values),
            _ => periods.push(values),
        }
    }
    if periods.len() < 2 {
        return false;
    }
    let centres: Option<Vec<f64>> = periods.iter().map(|p| centre(p[0])).collect();
    match centres {
        // A count moves one way: up and down again is no story in time.
        Some(c) => c.windows(2).all(|w| w[1] > w[0]) || c.windows(2).all(|w| w[1] < w[0]),
        None => {
            let texts: BTreeSet<String> = periods.iter().map(|p| value_text(p[0])).collect();
            texts.len() == periods.len()
        }
    }
}

/// The key facts are grouped on: the fact's key with the date's
/// granularity and, when `with_part`, the part it counts; and the stage or
/// goal in words.
fn group_key(f: &Fact, with_part: bool) -> (String, Option<String>) {
    let mut key = f.key.clone();
    let mut scope: Vec<String> = Vec::new();
    if let FactValue::Date(d) = &f.value {
        // A year and a day are not the same claim.
        key.push_str(&format!(" {:?}", d.granularity).to_lowercase());
    }
    // A stated total is what an unstaged figure claims too; only
    // partial stages (`first`, `so_far`) are keys of their own.
    let stage = f.stage.clone().filter(|s| s != "total");
    let part = f.part.clone().filter(|_| with_part);
    for (label, v) in [("part", &part), ("stage", &stage), ("mode", &f.mode)] {
        if let Some(v) = v {
            key.push_str(&format!(" {label}={v}"));
            match label {
                "stage" if v == "so_far" => scope.push("so far".to_string()),
                "stage" => scope.push(format!("{v} stage")),
                "mode" => scope.push(v.clone()),
                _ => {}
            }
        }
    }
    (key, (!scope.is_empty()).then(|| scope.join(", ")))
}

/// The sum of one article's parts of a whole, when it gives two or more
/// parts and each part once.
fn parts_sum(facts: &[Fact], parts: &[usize]) -> Option<Member> {
    let mut by_part: BTreeMap<&str, &Fact> = BTreeMap::new();
    let mut chosen = Vec::new();
    for &i in parts {
        let f = &facts[i];
        let part = f.part.as_deref()?;
        match by_part.get(part) {
            Some(prev) if prev.value == f.value => {}
            Some(_) => return None,
            None => {
                by_part.insert(part, f);
                chosen.push(i);
            }
        }
    }
    if by_part.len() < 2 {
        return None;
    }
    let mut total = Quantity::default();
    for f in by_part.values() {
        let q = quantity(&f.value)?;
        total.value += q.value;
        total.approx |= q.approx;
    }
    let speakers: BTreeSet<Option<String>> = by_part.values().map(|f| f.speaker.clone()).collect();
    Some(Member {
        article: facts[chosen[0]].article,
        facts: chosen,
        value: FactValue::Quantity(total),
        speaker: if speakers.len() == 1 {
            speakers.into_iter().next().flatten()
        } else {
            None
        },
    })
}

/// An article giving one key several figures that cannot all be true
/// counts several things (`52 passengers`, `23 killed`): only those another
/// article shares are compared, the others are its own. When none is
/// shared, all stay, and the difference shows.
fn shared_values(mut group: Group) -> Group {
    let mut per_article: BTreeMap<usize, Vec<&FactValue>> = BTreeMap::new();
    for m in &group.members {
        per_article.entry(m.article).or_default().push(&m.value);
    }
    let own: BTreeSet<usize> = group
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| !values_agree(per_article[&m.article].iter().copied()))
        .filter(|(_, m)| {
            !group
                .members
                .iter()
                .any(|o| o.article != m.article && values_agree([&m.value, &o.value].into_iter()))
        })
        .map(|(i, _)| i)
        .collect();
    let kept: BTreeSet<usize> = group
        .members
        .iter()
        .enumerate()
        .filter(|(i, _)| !own.contains(i))
        .map(|(_, m)| m.article)
        .collect();
    // Every article must keep a figure, or the difference is real.
    if !own.is_empty() && kept.len() == per_article.len() {
        let mut i = 0;
        group.members.retain(|_| {
            i += 1;
            !own.contains(&(i - 1))
        });
    }
    group
}

/// Verdicts for every key shared by two or more articles of a story.
pub fn align(articles: &[Article], facts: &[Fact], stories: &[Story]) -> Vec<Finding> {
    let mut story_of = vec![0; articles.len()];
    for (s, story) in stories.iter().enumerate() {
        for &a in &story.articles {
            story_of[a] = s;
        }
    }
    type Slot = (usize, FactKind, String);
    let mut groups: BTreeMap<Slot, Group> = BTreeMap::new();
    // Parts by the whole they belong to and the article giving them.
    let mut parts: BTreeMap<(Slot, usize), Vec<usize>> = BTreeMap::new();
    for (i, f) in facts.iter().enumerate() {
        if f.kind == FactKind::Quote {
            continue;
        }
        if let FactValue::Date(d) = &f.value
            && d.iso.is_none()
        {
            continue;
        }
        let (key, scope) = group_key(f, true);
        let story = story_of[f.article];
        if f.part.is_some() {
            let whole = (story, f.kind, group_key(f, false).0);
            parts.entry((whole, f.article)).or_default().push(i);
        }
        groups
            .entry((story, f.kind, key))
            .or_insert_with(|| Group {
                kind: f.kind,
                key: f.key.clone(),
                part: f.part.clone(),
                scope,
                members: Vec::new(),
            })
            .members
            .push(Member {
                facts: vec![i],
                article: f.article,
                value: f.value.clone(),
                speaker: f.speaker.clone(),
            });
    }
    // Parts stand in for the whole in an article that gives no whole of
    // its own, at any stage.
    let wholes: BTreeSet<(usize, FactKind, &str)> = facts
        .iter()
        .filter(|f| f.part.is_none())
        .map(|f| (f.article, f.kind, f.key.as_str()))
        .collect();
    for ((slot, article), list) in parts {
        let first = &facts[list[0]];
        if wholes.contains(&(article, first.kind, first.key.as_str())) {
            continue;
        }
        let Some(sum) = parts_sum(facts, &list) else {
            continue;
        };
        let group = groups.entry(slot).or_insert_with(|| Group {
            kind: first.kind,
            key: first.key.clone(),
            part: None,
            scope: group_key(first, false).1,
            members: Vec::new(),
        });
        if group.members.iter().all(|m| m.article != article) {
            group.members.push(sum);
        }
    }
    // Stories that tell of a later stage (`second stage`) describe an
    // event spread over several days: each stage has its own date.
    let staged: BTreeSet<usize> = facts
        .iter()
        .filter(|f| {
            f.stage
                .as_deref()
                .is_some_and(|s| !matches!(s, "first" | "total" | "so_far"))
        })
        .map(|f| story_of[f.article])
        .collect();
    let mut out: Vec<Finding> = Vec::new();
    for ((story, _, full_key), group) in groups {
        let group = shared_values(group);
        let arts: BTreeSet<usize> = group.members.iter().map(|m| m.article).collect();
        if arts.len() < 2 {
            continue;
        }
        let status = verdict(&group, articles);
        // An article giving one event several dates means several events
        // of that kind, and so does a story told in stages: their dates
        // cannot be set against each other.
        if group.kind == FactKind::Date && status != Status::Agreement {
            let mut per_article: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
            for m in &group.members {
                per_article
                    .entry(m.article)
                    .or_default()
                    .insert(value_text(&m.value));
            }
            if staged.contains(&story) || per_article.values().any(|v| v.len() > 1) {
                continue;
            }
        }
        let mut f = finding(facts, story, status, &group, &full_key);
        f.message = message(articles, facts, status, &group);
        out.push(f);
    }
    out.extend(quote_findings(articles, facts, &story_of));
    out.sort_by(|a, b| {
        (
            a.status,
            a.kind,
            &a.key,
            &a.qualifier,
            a.values.iter().map(value_text).collect::<Vec<_>>(),
        )
            .cmp(&(
                b.status,
                b.kind,
                &b.key,
                &b.qualifier,
                b.values.iter().map(value_text).collect::<Vec<_>>(),
            ))
    });
    for (n, f) in out.iter_mut().enumerate() {
        f.id = format!("F{}", n + 1);
    }
    out
}

/// A finding without its message. The fingerprint hashes only what the
/// claim is (kind, key, verdict, values), never paths, ids or order.
fn finding(facts: &[Fact], story: usize, status: Status, group: &Group, full_key: &str) -> Finding {
    let mut values = Vec::new();
    for m in &group.members {
        if !values.contains(&m.value) {
            values.push(m.value.clone());
        }
    }
    let arts: BTreeSet<usize> = group.members.iter().map(|m| m.article).collect();
    let mut value_strings: Vec<String> = values.iter().map(value_text).collect();
    value_strings.sort();
    let mut parts = vec![group.kind.as_str(), full_key, status.as_str()];
    parts.extend(value_strings.iter().map(String::as_str));
    let mut fact_ids: Vec<usize> = group.members.iter().flat_map(|m| m.facts.clone()).collect();
    fact_ids.sort_by_key(|&i| (facts[i].article, facts[i].span.start));
    Finding {
        id: String::new(),
        fingerprint: fingerprint(&parts),
        status,
        kind: group.kind,
        key: group.key.clone(),
        qualifier: group.qualifier(),
        values,
        facts: fact_ids,
        articles: arts.into_iter().collect(),
        story: Some(story),
        message: String::new(),
    }
}

/// `A`, `A and B`, `A, B and C`.
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A number as a reader writes it: `1,200`.
fn grouped(v: f64) -> String {
    let text = number_text(v);
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if frac.is_empty() {
        format!("{sign}{out}")
    } else {
        format!("{sign}{out}.{frac}")
    }
}

/// A value as a fact-checker reads it: `more than 1,200`, `almost 400`.
fn value_words(v: &FactValue) -> String {
    match v {
        FactValue::Quantity(q) => match (q.min, q.max) {
            (Some(a), Some(b)) if a != b => format!("{} to {}", grouped(a), grouped(b)),
            (Some(_), None) => format!("at least {}", grouped(q.value)),
            (None, Some(_)) => format!("up to {}", grouped(q.value)),
            _ if q.approx => format!("about {}", grouped(q.value)),
            _ => grouped(q.value),
        },
        _ => value_text(v),
    }
}

/// One fact's value as a fact-checker reads it, with the words that
/// named it when no figure did: `hundreds (200 to 999)`.
fn fact_words(f: &Fact) -> String {
    match &f.amount_words {
        Some(words) => format!("{} ({})", words.to_lowercase(), value_words(&f.value)),
        None => value_words(&f.value),
    }
}

/// A member's value in words: its one fact's, or the sum its parts make.
fn member_words(facts: &[Fact], m: &Member) -> String {
    match m.facts.as_slice() {
        &[only] => fact_words(&facts[only]),
        _ => value_words(&m.value),
    }
}

/// The claim of one member in words: `390 people returned`, `exchange on
/// 2025-06-12`, `Marta Ilvenko is Minister of Foreign Affairs`.
fn claim(facts: &[Fact], group: &Group, m: &Member) -> String {
    let value = member_words(facts, m);
    let (head, tail) = group.key.split_once(':').unwrap_or((&group.key, ""));
    let noun = group.part.as_deref().unwrap_or(tail);
    let mut text = match group.kind {
        FactKind::Count => format!("{value} {noun} {head}"),
        FactKind::Date => format!("{tail} on {value}"),
        FactKind::Format => format!("a {value} format"),
        FactKind::Role => format!("{tail} is {value}"),
        FactKind::Quote => format!("{tail} said \"{value}\""),
    };
    text.push_str(&parts_words(facts, m));
    if let Some(q) = &group.scope {
        text.push_str(&format!(" ({q})"));
    }
    text
}

/// A value alone, as said after the first: `391`.
fn bare(facts: &[Fact], m: &Member) -> String {
    format!("{}{}", member_words(facts, m), parts_words(facts, m))
}

/// The parts a sum was added up from: ` (270 soldiers + 120 civilians)`.
fn parts_words(facts: &[Fact], m: &Member) -> String {
    if m.facts.len() < 2 {
        return String::new();
    }
    let parts: Vec<String> = m
        .facts
        .iter()
        .map(|&i| {
            let f = &facts[i];
            let part = f.part.as_deref().unwrap_or("");
            format!("{} {part}", fact_words(f))
        })
        .collect();
    format!(" ({})", parts.join(" + "))
}

/// One sentence a fact-checker understands: who says what, the first
/// value in full and the others bare (`UNN and Interfax: 390 people
/// returned; Reuters: 391`). Changes read in time order, the rest with the
/// best-supported value first; speakers are named when they differ.
fn message(articles: &[Article], facts: &[Fact], status: Status, group: &Group) -> String {
    struct Side<'a> {
        member: &'a Member,
        sources: BTreeSet<String>,
        speakers: BTreeSet<String>,
        date: Option<NaiveDate>,
        undated: bool,
    }
    let mut sides: Vec<Side> = Vec::new();
    for m in &group.members {
        let text = value_text(&m.value);
        let date = date_of(&articles[m.article]);
        let side = match sides
            .iter_mut()
            .find(|s| value_text(&s.member.value) == text)
        {
            Some(s) => s,
            None => {
                sides.push(Side {
                    member: m,
                    sources: BTreeSet::new(),
                    speakers: BTreeSet::new(),
                    date,
                    undated: false,
                });
                sides.last_mut().expect("just pushed")
            }
        };
        side.sources.insert(source_name(&articles[m.article]));
        side.speakers.extend(m.speaker.clone());
        side.date = match (side.date, date) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        side.undated |= date.is_none();
        // A sum of parts explains itself better than a bare figure.
        if m.facts.len() > side.member.facts.len() {
            side.member = m;
        }
    }
    if status == Status::Changed {
        sides.sort_by_key(|s| s.date);
    } else {
        sides.sort_by_key(|s| std::cmp::Reverse(s.sources.len()));
    }
    let show_speakers = status != Status::Agreement || sides.len() > 1;
    let parts: Vec<String> = sides
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let sources: Vec<String> = s.sources.iter().cloned().collect();
            let mut who = and_list(&sources);
            if status == Status::Changed
                && let Some(d) = s.date
            {
                who = format!("{who} on {d}");
            }
            let mut what = if k == 0 {
                claim(facts, group, s.member)
            } else {
                bare(facts, s.member)
            };
            if show_speakers && !s.speakers.is_empty() {
                let speakers: Vec<String> = s.speakers.iter().cloned().collect();
                what.push_str(&format!(", per {}", and_list(&speakers)));
            }
            format!("{who}: {what}")
        })
        .collect();
    let mut text = parts.join(if status == Status::Changed {
        "; then "
    } else {
        "; "
    });
    // Say so when only an undated article stands against the others: with
    // its date the difference might be a change over time.
    let dated = group
        .members
        .iter()
        .filter(|m| date_of(&articles[m.article]).is_some());
    let dated_fit =
        values_agree(dated.clone().map(|m| &m.value)) || changed_over_time(dated, articles);
    if status == Status::Conflict && sides.iter().any(|s| s.undated) && dated_fit {
        text.push_str(" (an undated article cannot be placed in time)");
    }
    text
}

/// The display name of an article's outlet.
pub fn source_name(a: &Article) -> String {
    if !a.label.is_empty() {
        return a.label.clone();
    }
    a.source.clone().unwrap_or_else(|| {
        std::path::Path::new(&a.path)
            .file_stem()
            .map_or_else(|| a.id.clone(), |s| s.to_string_lossy().to_string())
    })
}

/// Lower-case words only: what two versions of a text share, whatever
/// their punctuation.
pub fn normalize_words(s: &str) -> String {
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

/// A quote cut for a message.
fn short_quote(text: &str) -> String {
    let short: String = text.chars().take(70).collect();
    if short.len() < text.len() {
        format!("\"{short}…\"")
    } else {
        format!("\"{text}\"")
    }
}

/// Quotes: the same words given to different speakers (misattribution), or
/// one speaker's words changed in a number, a negation or a name. Other
/// changes of wording are agreements noted as variants.
fn quote_findings(articles: &[Article], facts: &[Fact], story_of: &[usize]) -> Vec<Finding> {
    let quotes: Vec<usize> = facts
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind == FactKind::Quote)
        .map(|(i, _)| i)
        .collect();
    let mut parent: Vec<usize> = (0..quotes.len()).collect();
    let mut altered_pairs: BTreeSet<usize> = BTreeSet::new();
    for (a, b) in quote_candidates(facts, &quotes, story_of) {
        let (fa, fb) = (&facts[quotes[a]], &facts[quotes[b]]);
        let (ta, tb) = (value_text(&fa.value), value_text(&fb.value));
        if let Some((sa, sb, sim)) = quote_match(&ta, &tb) {
            union(&mut parent, a, b);
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
        let misattributed = speakers.len() > 1;
        let altered = members.iter().any(|q| altered_pairs.contains(q));
        let status = if misattributed || altered {
            Status::Conflict
        } else {
            Status::Agreement
        };
        let speaker = speakers
            .iter()
            .next()
            .cloned()
            .unwrap_or_else(|| "unattributed".into());
        let key = format!("quote:{speaker}");
        let group = Group {
            kind: FactKind::Quote,
            key: key.clone(),
            part: None,
            scope: None,
            members: members
                .iter()
                .map(|&q| {
                    let f = &facts[quotes[q]];
                    Member {
                        facts: vec![quotes[q]],
                        article: f.article,
                        value: f.value.clone(),
                        speaker: f.speaker.clone(),
                    }
                })
                .collect(),
        };
        let story = story_of[facts[quotes[members[0]]].article];
        let mut f = finding(facts, story, status, &group, &key);
        // Who gave which words, one entry a distinct (speaker, words).
        let mut said: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
        for m in &group.members {
            said.entry((
                m.speaker.clone().unwrap_or_else(|| "no one".into()),
                value_text(&m.value),
            ))
            .or_default()
            .insert(source_name(&articles[m.article]));
        }
        let versions: BTreeSet<String> = group
            .members
            .iter()
            .map(|m| normalize_words(&value_text(&m.value)))
            .collect();
        let line = |((who, words), sources): (&(String, String), &BTreeSet<String>)| {
            let sources: Vec<String> = sources.iter().cloned().collect();
            if misattributed {
                format!("{}: {who}, {}", and_list(&sources), short_quote(words))
            } else {
                format!("{}: {}", and_list(&sources), short_quote(words))
            }
        };
        f.message = if misattributed {
            let parts: Vec<String> = said.iter().map(line).collect();
            format!(
                "the same words are given to {} — {}",
                and_list(&speakers.iter().cloned().collect::<Vec<_>>()),
                parts.join("; ")
            )
        } else if altered {
            let parts: Vec<String> = said.iter().map(line).collect();
            format!(
                "{speaker} is quoted with a number, a negation or a name changed — {}",
                parts.join("; ")
            )
        } else {
            let sources: Vec<String> = said
                .values()
                .flatten()
                .cloned()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let words = said.keys().next().map(|k| k.1.as_str()).unwrap_or("");
            let variant = if versions.len() > 1 {
                format!(" ({} wordings, same sense)", versions.len())
            } else {
                String::new()
            };
            format!(
                "{}: {speaker} said {}{variant}",
                and_list(&sources),
                short_quote(words)
            )
        };
        out.push(f);
    }
    out
}
