//! Dates: absolute in the common formats, and relative ones resolved
//! against the article's own date by the tense of their sentence.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

use super::{Found, Recognizer, overlaps};
use crate::model::{DateValue, Granularity, MentionKind, MentionValue};

/// How to read `05/06/2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Month first unless the first part cannot be a month; flagged ambiguous.
    #[default]
    Auto,
    Mdy,
    Dmy,
}

pub(super) struct DatePatterns {
    iso: Regex,
    dotted: Regex,
    slashed: Regex,
    month_day: Regex,
    day_month: Regex,
    month_year: Regex,
    year: Regex,
    weekday: Regex,
}

impl DatePatterns {
    pub(super) fn new(lex: &crate::lexicon::Lexicon) -> DatePatterns {
        let mon = &lex.month_alternation;
        let wd = &lex.weekday_alternation;
        let day = r"[0-9]{1,2}(?:st|nd|rd|th)?";
        let joiner = r"\s*(?:-|–|and|to|&)\s*";
        let build = |p: String| Regex::new(&p).expect("date pattern");
        DatePatterns {
            iso: build(r"\b(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})\b".into()),
            dotted: build(r"\b(?P<d>[0-9]{1,2})\.(?P<m>[0-9]{1,2})\.(?P<y>[0-9]{4})\b".into()),
            slashed: build(r"\b(?P<a>[0-9]{1,2})/(?P<b>[0-9]{1,2})/(?P<y>[0-9]{4}|[0-9]{2})\b".into()),
            month_day: build(format!(
                r"(?i)\b(?:(?P<wd>{wd}),?\s+)?(?P<mon>{mon})\.?\s+(?P<d1>{day})(?:{joiner}(?P<d2>{day}))?(?:,?\s+(?P<y>[0-9]{{4}}))?\b"
            )),
            day_month: build(format!(
                r"(?i)\b(?:(?P<wd>{wd}),?\s+)?(?P<d1>{day})(?:{joiner}(?P<d2>{day}))?\s+(?:of\s+)?(?P<mon>{mon})\b\.?(?:,?\s+(?P<y>[0-9]{{4}}))?"
            )),
            month_year: build(format!(r"(?i)\b(?P<mon>{mon})\.?,?\s+(?P<y>[0-9]{{4}})\b")),
            year: build(r"(?i)\b(?:in|since|by|from|until|till|during|before|after|of|early|late|mid-?|end of|start of|spring|summer|autumn|fall|winter)\s+(?P<y>(?:1[89]|20)[0-9]{2})\b".into()),
            weekday: build(format!(r"(?i)\b(?P<wd>{wd})\b")),
        }
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn day_value(d: NaiveDate, until: Option<NaiveDate>) -> DateValue {
    DateValue {
        iso: Some(iso(d)),
        until: until.filter(|u| *u != d).map(iso),
        granularity: Granularity::Day,
        ambiguous: false,
    }
}

fn unresolved() -> DateValue {
    DateValue {
        iso: None,
        until: None,
        granularity: Granularity::Day,
        ambiguous: false,
    }
}

fn parse_day(s: &str) -> Option<u32> {
    s.trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()
}

fn weekday_from(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

impl Recognizer {
    /// Whether the words near `at` in its sentence speak of the future.
    fn future_at(&self, text: &str, sentence: (usize, usize), at: usize) -> bool {
        let s = &text[sentence.0..sentence.1];
        let rel = at.saturating_sub(sentence.0);
        let nearest =
            |hits: Vec<crate::lexicon::Hit>| hits.iter().map(|h| h.start.abs_diff(rel)).min();
        match (
            nearest(self.lex.future_words.find(s)),
            nearest(self.lex.past_words.find(s)),
        ) {
            (Some(f), Some(p)) => f < p,
            (Some(_), None) => true,
            _ => false,
        }
    }

    /// A month and day without a year: the year that puts it in the past
    /// (or the future) of the article's date, by tense.
    fn place_year(
        &self,
        month: u32,
        day: u32,
        reference: Option<NaiveDate>,
        future: bool,
    ) -> Option<NaiveDate> {
        let r = reference?;
        let this = ymd(r.year(), month, day)?;
        if future && this < r {
            ymd(r.year() + 1, month, day)
        } else if !future && this > r + Duration::days(1) {
            ymd(r.year() - 1, month, day)
        } else {
            Some(this)
        }
    }

    pub(super) fn dates(
        &self,
        text: &str,
        sentences: &[(usize, usize)],
        reference: Option<NaiveDate>,
        order: DateOrder,
    ) -> Vec<Found> {
        let lex = &self.lex;
        let p = &self.dates;
        let mut found: Vec<Found> = Vec::new();
        let sentence_of = |at: usize| {
            sentences
                .iter()
                .copied()
                .find(|&(s, e)| s <= at && at < e)
                .unwrap_or((at, at))
        };
        let taken = |found: &Vec<Found>, s: usize, e: usize| {
            found.iter().any(|f| overlaps(f.start, f.end, s, e))
        };
        let rule = &lex.month_rule;
        let push = |found: &mut Vec<Found>, s: usize, e: usize, v: DateValue, rule: &str| {
            if !taken(found, s, e) {
                found.push(Found {
                    kind: MentionKind::Date,
                    start: s,
                    end: e,
                    value: MentionValue::Date(v),
                    rule: rule.to_string(),
                });
            }
        };

        for c in p.iso.captures_iter(text) {
            let m = c.get(0).expect("match");
            if let Some(d) = ymd(
                c["y"].parse().unwrap_or(0),
                c["m"].parse().unwrap_or(0),
                c["d"].parse().unwrap_or(0),
            ) {
                push(&mut found, m.start(), m.end(), day_value(d, None), rule);
            }
        }
        for c in p.dotted.captures_iter(text) {
            let m = c.get(0).expect("match");
            if let Some(d) = ymd(
                c["y"].parse().unwrap_or(0),
                c["m"].parse().unwrap_or(0),
                c["d"].parse().unwrap_or(0),
            ) {
                push(&mut found, m.start(), m.end(), day_value(d, None), rule);
            }
        }
        for c in p.slashed.captures_iter(text) {
            let m = c.get(0).expect("match");
            let a: u32 = c["a"].parse().unwrap_or(0);
            let b: u32 = c["b"].parse().unwrap_or(0);
            let mut y: i32 = c["y"].parse().unwrap_or(0);
            if y < 100 {
                y += 2000;
            }
            let (month, day, ambiguous) = match order {
                DateOrder::Mdy => (a, b, false),
                DateOrder::Dmy => (b, a, false),
                DateOrder::Auto if a > 12 => (b, a, false),
                DateOrder::Auto => (a, b, b <= 12 && a != b),
            };
            if let Some(d) = ymd(y, month, day) {
                let mut v = day_value(d, None);
                v.ambiguous = ambiguous;
                push(&mut found, m.start(), m.end(), v, rule);
            }
        }
        for pattern in [&p.month_day, &p.day_month] {
            for c in pattern.captures_iter(text) {
                let m = c.get(0).expect("match");
                let Some(month) = lex.months.get(&c["mon"].to_lowercase()).copied() else {
                    continue;
                };
                // Short month names are words too (`may`, `mar`): a lone
                // lower-case one is not a date.
                let mon_text = &c["mon"];
                if mon_text.starts_with(char::is_lowercase) {
                    continue;
                }
                let Some(d1) = parse_day(&c["d1"]) else {
                    continue;
                };
                let d2 = c.name("d2").and_then(|x| parse_day(x.as_str()));
                let start = c.name("wd").map_or(m.start(), |w| w.start());
                let future = self.future_at(text, sentence_of(m.start()), m.start());
                let first = match c.name("y") {
                    Some(y) => ymd(y.as_str().parse().unwrap_or(0), month, d1),
                    None => self.place_year(month, d1, reference, future),
                };
                let end = m.end();
                match first {
                    Some(d) => {
                        let until = d2.and_then(|d2| ymd(d.year(), month, d2));
                        push(&mut found, start, end, day_value(d, until), rule);
                    }
                    None if ymd(2000, month, d1).is_some() => {
                        push(&mut found, start, end, unresolved(), rule)
                    }
                    None => {}
                }
            }
        }
        for c in p.month_year.captures_iter(text) {
            let m = c.get(0).expect("match");
            let Some(month) = lex.months.get(&c["mon"].to_lowercase()).copied() else {
                continue;
            };
            if c["mon"].starts_with(char::is_lowercase) {
                continue;
            }
            let y: i32 = c["y"].parse().unwrap_or(0);
            let v = DateValue {
                iso: Some(format!("{y:04}-{month:02}")),
                until: None,
                granularity: Granularity::Month,
                ambiguous: false,
            };
            push(&mut found, m.start(), m.end(), v, rule);
        }
        for c in p.year.captures_iter(text) {
            let y = c.name("y").expect("year group");
            let v = DateValue {
                iso: Some(y.as_str().to_string()),
                until: None,
                granularity: Granularity::Year,
                ambiguous: false,
            };
            push(&mut found, y.start(), y.end(), v, rule);
        }
        for c in p.weekday.captures_iter(text) {
            let m = c.name("wd").expect("weekday group");
            // Abbreviations (`sun`, `wed`) are words too: only full,
            // capitalized names stand alone.
            if m.as_str().len() < 6 || !m.as_str().starts_with(char::is_uppercase) {
                continue;
            }
            let Some(n) = lex.weekdays.get(&m.as_str().to_lowercase()).copied() else {
                continue;
            };
            let future = self.future_at(text, sentence_of(m.start()), m.start());
            let v = match reference {
                Some(r) => {
                    let target = weekday_from(n).num_days_from_monday() as i64;
                    let today = r.weekday().num_days_from_monday() as i64;
                    let d = if future {
                        r + Duration::days((target - today).rem_euclid(7).max(1))
                    } else {
                        r - Duration::days((today - target).rem_euclid(7))
                    };
                    day_value(d, None)
                }
                None => unresolved(),
            };
            push(&mut found, m.start(), m.end(), v, &lex.weekday_rule);
        }
        if let Some(re) = &lex.relative_day_regex {
            for m in re.find_iter(text) {
                let offset = lex
                    .relative_days
                    .get(&m.as_str().to_lowercase())
                    .copied()
                    .unwrap_or(0);
                let v = reference
                    .map_or_else(unresolved, |r| day_value(r + Duration::days(offset), None));
                push(&mut found, m.start(), m.end(), v, &lex.relative_day_rule);
            }
        }
        for period in &lex.periods {
            for c in period.regex.captures_iter(text) {
                let m = c.get(0).expect("match");
                let n = c
                    .name("n")
                    .map(|n| n.as_str().trim().to_lowercase())
                    .and_then(|n| {
                        n.parse::<i64>()
                            .ok()
                            .or_else(|| lex.units.get(&n).map(|u| *u as i64))
                    })
                    .unwrap_or(1);
                let unit = c.name("unit").map_or(period.unit.clone(), |u| {
                    u.as_str().to_lowercase().trim_end_matches('s').to_string()
                });
                let v = match reference {
                    None => unresolved(),
                    Some(r) => period_value(r, &unit, n, period.past),
                };
                push(&mut found, m.start(), m.end(), v, &period.id);
            }
        }
        found
    }
}

/// The span a relative period covers, from the article's date.
fn period_value(r: NaiveDate, unit: &str, n: i64, past: bool) -> DateValue {
    let monday = r - Duration::days(r.weekday().num_days_from_monday() as i64);
    match (unit, past) {
        ("weekend", _) => {
            let saturday = monday + Duration::days(5);
            day_value(saturday, Some(saturday + Duration::days(1)))
        }
        ("week", true) => day_value(monday - Duration::days(7), Some(monday - Duration::days(1))),
        ("week", false) => day_value(r + Duration::days(1), Some(r + Duration::days(7 * n))),
        ("month", true) => {
            let (y, m) = if r.month() == 1 {
                (r.year() - 1, 12)
            } else {
                (r.year(), r.month() - 1)
            };
            DateValue {
                iso: Some(format!("{y:04}-{m:02}")),
                until: None,
                granularity: Granularity::Month,
                ambiguous: false,
            }
        }
        ("month", false) => day_value(r + Duration::days(1), Some(r + Duration::days(30 * n))),
        ("year", true) => DateValue {
            iso: Some(format!("{:04}", r.year() - 1)),
            until: None,
            granularity: Granularity::Year,
            ambiguous: false,
        },
        ("year", false) => DateValue {
            iso: Some(format!("{:04}", r.year() + 1)),
            until: None,
            granularity: Granularity::Year,
            ambiguous: false,
        },
        (_, true) => day_value(r - Duration::days(n), Some(r - Duration::days(1))),
        (_, false) => day_value(r + Duration::days(1), Some(r + Duration::days(n))),
    }
}
