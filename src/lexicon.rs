//! The rule book compiled into matchers: word lists into Aho-Corasick
//! automata, patterns into size-capped regexes. Built once per run and
//! shared read-only by every stage.

// Word tables are fixed when rules load and only looked up: a fast hash
// needs no protection from crafted keys there.
use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;

use crate::rules::{RuleBook, build_regex, lower_case_twin};

/// Many word lists in one automaton; each hit says which list it came from.
/// A word ending in `*` matches any ending (`releas*`).
#[derive(Debug, Clone)]
pub struct WordList {
    automaton: Option<AhoCorasick>,
    /// For each pattern: the list it belongs to and whether it is a prefix.
    entries: Vec<(usize, bool)>,
}

/// A word-list hit: byte range and list index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub list: usize,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

impl WordList {
    pub fn new<'a>(lists: impl IntoIterator<Item = &'a [String]>) -> WordList {
        let mut patterns = Vec::new();
        let mut entries = Vec::new();
        for (list, words) in lists.into_iter().enumerate() {
            for word in words {
                let (stem, prefix) = match word.strip_suffix('*') {
                    Some(stem) => (stem, true),
                    None => (word.as_str(), false),
                };
                if stem.trim().is_empty() {
                    continue;
                }
                patterns.push(stem.to_string());
                entries.push((list, prefix));
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            // Lists are searched in sentences and clauses: a DFA reads a
            // byte in a step or two, where setting up a prefilter for
            // text that short cost more than it saved.
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .kind(Some(AhoCorasickKind::DFA))
                .prefilter(false)
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .ok()
        };
        WordList { automaton, entries }
    }

    /// Whole-word hits, left to right, not overlapping.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for m in ac.find_iter(text) {
            let (list, prefix) = self.entries[m.pattern().as_usize()];
            let mut end = m.end();
            if prefix {
                while end < bytes.len() && bytes[end].is_ascii_alphabetic() {
                    end += 1;
                }
            }
            let first = bytes[m.start()];
            let last = bytes[m.end() - 1];
            let left_ok =
                !is_word_byte(first) || m.start() == 0 || !is_word_byte(bytes[m.start() - 1]);
            let right_ok = !is_word_byte(last) || end == bytes.len() || !is_word_byte(bytes[end]);
            if left_ok && right_ok {
                out.push(Hit {
                    start: m.start(),
                    end,
                    list,
                });
            }
        }
        out
    }

    /// The list a whole text belongs to, if it is exactly one word of one.
    pub fn classify(&self, text: &str) -> Option<usize> {
        self.find(text)
            .into_iter()
            .find(|h| h.start == 0 && h.end == text.len())
            .map(|h| h.list)
    }
}

/// An alternation of escaped words, longest first, for use inside regexes.
fn alternation(words: impl IntoIterator<Item = String>) -> String {
    let mut words: Vec<String> = words.into_iter().filter(|w| !w.is_empty()).collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    words
        .iter()
        .map(|w| match w.strip_suffix('*') {
            Some(stem) => format!("{}[a-z]*", regex::escape(stem)),
            None => regex::escape(w),
        })
        .collect::<Vec<_>>()
        .join("|")
}

#[derive(Debug, Clone)]
pub struct NamedRegex {
    pub id: String,
    pub regex: Regex,
    /// The pattern's twin for text in ASCII lower case, if it has one
    /// (see [`crate::rules::lower_case_twin`]).
    pub lower: Option<Regex>,
    /// The pattern as the rule writes it.
    pub pattern: String,
}

/// The regex to run and the text to run it on: a pattern's lower-case
/// twin on `lower` (the text in ASCII lower case, same offsets) when it has
/// one and the text holds no char that `(?i)` folds onto ASCII (`folds`).
pub fn pick<'r, 't>(
    regex: &'r Regex,
    twin: Option<&'r Regex>,
    text: &'t str,
    lower: &'t str,
    folds: bool,
) -> (&'r Regex, &'t str) {
    match twin {
        Some(twin) if !folds => (twin, lower),
        _ => (regex, text),
    }
}

#[derive(Debug, Clone)]
pub struct FurnitureRule {
    pub id: String,
    pub regex: Regex,
    pub section: bool,
}

/// A vague amount (`dozens`, `tens of thousands`) with its bounds.
#[derive(Debug, Clone)]
pub struct VagueRule {
    pub id: String,
    pub regex: Regex,
    /// The phrases, for finding where the rule may match.
    pub words: Vec<String>,
    pub min: f64,
    pub max: Option<f64>,
}

/// Words that name a percentage with no figure (`a small percent`).
#[derive(Debug, Clone)]
pub struct PercentAlone {
    pub id: String,
    /// Matches one of the words standing alone, in any case.
    pub regex: Regex,
    /// The same for the text in ASCII lower case, which keeps the
    /// engine's literal prefilter (see [`crate::rules::lower_case_twin`]).
    pub twin: Option<Regex>,
}

#[derive(Debug, Clone)]
pub struct BoundRule {
    pub id: String,
    /// Matches the bound words right before a number; `None` for a rule
    /// with words only after one.
    pub before: Option<Regex>,
    /// The words before, for prefilters.
    pub words: Vec<String>,
    /// The phrases after a number (`or more`), in lower case: compared,
    /// not searched, for one follows most numbers' ends (`and`, `or`).
    pub after: Vec<String>,
    pub side: String,
    pub approx: bool,
}

impl BoundRule {
    /// The length of this rule's phrase after a number whose text goes
    /// on with `rest`: one whitespace char, the phrase in any ASCII case,
    /// then no letter or digit.
    pub fn after_len(&self, rest: &str) -> Option<usize> {
        let space = rest.chars().next().filter(|c| c.is_whitespace())?;
        let words = &rest[space.len_utf8()..];
        self.after.iter().find_map(|phrase| {
            let head = words.get(..phrase.len())?;
            let ends = !words[phrase.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            (head.eq_ignore_ascii_case(phrase) && ends).then_some(space.len_utf8() + phrase.len())
        })
    }
}

#[derive(Debug, Clone)]
pub struct ClassRule {
    pub id: String,
    pub class: String,
    pub whole: Option<String>,
    pub default_noun: Option<String>,
}

#[derive(Debug, Clone)]
pub struct PeriodRule {
    pub id: String,
    pub regex: Regex,
    /// See [`NamedRegex::lower`].
    pub lower: Option<Regex>,
    pub direction: crate::rules::PeriodDirection,
    pub unit: String,
    /// The pattern as the rule writes it.
    pub pattern: String,
}

#[derive(Debug, Clone)]
pub struct TitleRule {
    pub id: String,
    pub title: String,
    pub patterns: Vec<Regex>,
    pub references: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct FormatRule {
    pub id: String,
    pub regex: Regex,
    pub value: String,
}

#[derive(Debug, Clone)]
pub struct KnownPerson {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
}

/// Everything the stages match against.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub units: HashMap<String, u64>,
    pub tens: HashMap<String, u64>,
    pub scales: HashMap<String, f64>,
    pub suffixes: HashMap<String, f64>,
    pub fractions: HashMap<String, f64>,
    pub fraction_words: HashMap<String, f64>,
    pub ordinals: HashMap<String, u64>,
    pub articles: Vec<String>,
    pub signs: Vec<String>,
    pub points: Vec<String>,
    pub ratios: Vec<String>,
    pub ratio_not_before: Vec<String>,
    pub pronoun_after: Vec<String>,
    pub glyphs: HashMap<String, f64>,
    pub unit_like_suffixes: Vec<String>,
    pub slash_denominators: Vec<u64>,
    pub number_rule: String,
    pub bounds: Vec<BoundRule>,
    /// `dozens` and friends: regex and (min, max, rule id).
    pub vague: Vec<VagueRule>,
    /// Matches percent words right after a number.
    pub percent_after: Option<Regex>,
    /// The words `percent_after` looks for, for prefilters.
    pub percent_words: Vec<String>,
    /// Matches `percent of` right before a number: `per cent of 210`.
    pub percent_before: Option<Regex>,
    pub percent_rule: String,
    pub percent_alone: Vec<PercentAlone>,
    pub not_numbers: Vec<NamedRegex>,
    pub months: HashMap<String, u32>,
    pub month_alternation: String,
    pub month_rule: String,
    pub weekdays: HashMap<String, u32>,
    pub weekday_alternation: String,
    pub weekday_rule: String,
    pub relative_days: HashMap<String, i64>,
    pub ambiguous_months: Vec<String>,
    /// Words before a month alone that make it a date: `in`, `since`.
    pub month_alone_after: Vec<String>,
    /// Words before a month alone that pick its year: `next` = 1.
    pub month_alone_relative: HashMap<String, i64>,
    /// Month names that are a date alone, capitalized.
    pub month_standalone: Vec<String>,
    pub month_alone_rule: String,
    pub ambiguous_weekdays: Vec<String>,
    pub relative_weekdays: HashMap<String, i64>,
    pub shift_units: HashMap<String, String>,
    pub shift_after: HashMap<String, (i64, i64)>,
    pub shift_before: Vec<String>,
    pub shift_counts: HashMap<String, i64>,
    pub shift_rule: String,
    pub not_dates: Vec<NamedRegex>,
    pub relative_day_regex: Option<Regex>,
    /// Its twin for text in ASCII lower case (see [`lower_case_twin`]).
    pub relative_day_lower: Option<Regex>,
    pub relative_day_rule: String,
    pub periods: Vec<PeriodRule>,
    pub past_words: WordList,
    pub future_words: WordList,
    /// Future words (list 0) and past words (list 1) at once, for a
    /// clause's tense.
    pub tense_words: WordList,
    pub predicates: Vec<ClassRule>,
    pub predicate_words: WordList,
    pub nouns: Vec<ClassRule>,
    pub noun_words: WordList,
    pub currencies: Vec<ClassRule>,
    pub currency_words: WordList,
    pub currency_symbols: Vec<(String, usize)>,
    pub stages: Vec<ClassRule>,
    pub stage_words: WordList,
    pub modes: Vec<ClassRule>,
    /// The mode of unrealized nominal predicates, if a rule gives one.
    pub nominal_mode: Option<String>,
    pub mode_words: WordList,
    pub events: Vec<ClassRule>,
    /// The event a speech verb's date is about, if a rule names one.
    pub statement_event: Option<usize>,
    pub event_words: WordList,
    pub formats: Vec<FormatRule>,
    /// Alternation of speech verbs for use inside regexes.
    pub speech_verbs: String,
    /// One speech verb, whole.
    pub speech_word: Regex,
    pub speech_rule: String,
    pub attribution: String,
    pub attribution_rule: String,
    pub pronouns: Vec<String>,
    pub titles: Vec<TitleRule>,
    pub persons: Vec<KnownPerson>,
    pub not_names: FxHashSet<String>,
    pub fold_threshold: f64,
    /// Alternation of words that announce a name.
    pub person_cues: String,
    pub furniture: Vec<FurnitureRule>,
    pub outlets: Vec<NamedRegex>,
    pub published: Vec<NamedRegex>,
}

fn map<V: Copy>(m: &std::collections::BTreeMap<String, V>) -> HashMap<String, V> {
    m.iter().map(|(k, v)| (k.to_lowercase(), *v)).collect()
}

/// Patterns were checked when the rules were loaded, so they compile here.
fn compiled(pattern: &str) -> Regex {
    build_regex(pattern).unwrap_or_else(|_| Regex::new("$^").expect("empty regex"))
}

impl Lexicon {
    pub fn new(book: &RuleBook) -> Lexicon {
        let r = &book.rules;
        let mut lex_units = HashMap::default();
        let mut tens = HashMap::default();
        let mut scales = HashMap::default();
        let mut suffixes = HashMap::default();
        let mut fractions = HashMap::default();
        let mut fraction_words = HashMap::default();
        let mut ordinals = HashMap::default();
        let mut articles = Vec::new();
        let mut signs = Vec::new();
        let mut points = Vec::new();
        let mut ratios = Vec::new();
        let mut ratio_not_before = Vec::new();
        let mut pronoun_after = Vec::new();
        let mut glyphs = HashMap::default();
        let mut unit_like_suffixes = Vec::new();
        let mut slash_denominators = Vec::new();
        let mut number_rule = String::new();
        for n in &r.number_words {
            lex_units.extend(map(&n.units));
            tens.extend(map(&n.tens));
            scales.extend(map(&n.scales));
            suffixes.extend(map(&n.suffixes));
            fractions.extend(map(&n.fractions));
            fraction_words.extend(map(&n.fraction_words));
            ordinals.extend(map(&n.ordinals));
            articles.extend(n.articles.iter().map(|a| a.to_lowercase()));
            let lower = |v: &Vec<String>| v.iter().map(|a| a.to_lowercase()).collect::<Vec<_>>();
            signs.extend(lower(&n.signs));
            points.extend(lower(&n.points));
            ratios.extend(lower(&n.ratios));
            ratio_not_before.extend(lower(&n.ratio_not_before));
            pronoun_after.extend(lower(&n.pronoun_after));
            glyphs.extend(n.glyphs.iter().map(|(k, v)| (k.clone(), *v)));
            unit_like_suffixes.extend(n.unit_like_suffixes.iter().cloned());
            slash_denominators.extend(n.slash_denominators.iter().copied());
            number_rule = n.id.get_ref().clone();
        }
        let bounds = r
            .bound
            .iter()
            .map(|b| BoundRule {
                id: b.id.get_ref().clone(),
                before: (!b.words.is_empty()).then(|| {
                    compiled(&format!(
                        r"(?:^|[^A-Za-z])(?P<w>{})\s*$",
                        alternation(b.words.iter().cloned())
                    ))
                }),
                words: b.words.clone(),
                after: b.after.iter().map(|w| w.to_lowercase()).collect(),
                side: b.side.clone(),
                approx: b.approx,
            })
            .collect();
        let vague = r
            .vague_quantity
            .iter()
            .map(|v| VagueRule {
                id: v.id.get_ref().clone(),
                regex: compiled(&format!(
                    r"\b(?:{})\b",
                    alternation(v.words.iter().cloned())
                )),
                words: v.words.iter().map(|w| w.to_lowercase()).collect(),
                min: v.min,
                max: v.max,
            })
            .collect();
        let percent_words: Vec<String> = r.percent.iter().flat_map(|p| p.words.clone()).collect();
        let percent_after = (!percent_words.is_empty()).then(|| {
            compiled(&format!(
                r"^\s?(?:{})(?:[^A-Za-z]|$)",
                alternation(percent_words.clone())
            ))
        });
        let percent_names: Vec<String> = percent_words
            .iter()
            .filter(|w| w.chars().all(|c| c.is_alphabetic() || c == ' '))
            .cloned()
            .collect();
        let percent_before = (!percent_names.is_empty()).then(|| {
            compiled(&format!(
                r"(?i)(?:^|[^A-Za-z0-9%\s])\s*(?P<w>(?:{})s?)\s+of\s+$",
                alternation(percent_names)
            ))
        });
        let percent_alone = r
            .percent
            .iter()
            .filter(|p| !p.alone.is_empty())
            .map(|p| {
                // `\b` only beside a letter or digit: `%` has no word edge.
                let edge = |c: Option<char>| {
                    if c.is_some_and(char::is_alphanumeric) {
                        r"\b"
                    } else {
                        ""
                    }
                };
                let words: Vec<String> = p
                    .alone
                    .iter()
                    .map(|w| {
                        let w = w.to_lowercase();
                        format!(
                            "{}{}{}",
                            edge(w.chars().next()),
                            regex::escape(&w),
                            edge(w.chars().next_back())
                        )
                    })
                    .collect();
                let pattern = format!("(?:{})", words.join("|"));
                PercentAlone {
                    id: p.id.get_ref().clone(),
                    regex: compiled(&pattern),
                    twin: crate::rules::lower_case_twin(&pattern),
                }
            })
            .collect();
        let months: HashMap<String, u32> = r.month.iter().flat_map(|m| map(&m.names)).collect();
        let weekdays: HashMap<String, u32> = r.weekday.iter().flat_map(|m| map(&m.names)).collect();
        let relative_days: HashMap<String, i64> =
            r.relative_day.iter().flat_map(|m| map(&m.words)).collect();
        let relative_day_pattern = format!(
            r"(?i)\b(?:{})\b",
            alternation(relative_days.keys().cloned())
        );
        let relative_day_regex =
            (!relative_days.is_empty()).then(|| compiled(&relative_day_pattern));
        let relative_day_lower = relative_day_regex
            .as_ref()
            .and_then(|_| lower_case_twin(&relative_day_pattern));
        let periods = r
            .relative_period
            .iter()
            .map(|p| PeriodRule {
                id: p.id.get_ref().clone(),
                regex: compiled(&p.pattern),
                lower: lower_case_twin(&p.pattern),
                // Checked when the rules load.
                direction: crate::rules::PeriodDirection::of(&p.direction)
                    .unwrap_or(crate::rules::PeriodDirection::Future),
                unit: p.unit.clone(),
                pattern: p.pattern.clone(),
            })
            .collect();
        let past: Vec<String> = r.tense.iter().flat_map(|t| t.past.clone()).collect();
        let future: Vec<String> = r.tense.iter().flat_map(|t| t.future.clone()).collect();

        let predicates: Vec<ClassRule> = r
            .predicate
            .iter()
            .map(|p| ClassRule {
                id: p.id.get_ref().clone(),
                class: p.class.clone(),
                whole: None,
                default_noun: p.default_noun.clone(),
            })
            .collect();
        let predicate_words = WordList::new(r.predicate.iter().map(|p| p.words.as_slice()));
        let nouns = r
            .noun
            .iter()
            .map(|n| ClassRule {
                id: n.id.get_ref().clone(),
                class: n.class.clone(),
                whole: n.whole.clone(),
                default_noun: None,
            })
            .collect();
        let noun_words = WordList::new(r.noun.iter().map(|n| n.words.as_slice()));
        let currencies = r
            .currency
            .iter()
            .map(|c| ClassRule {
                id: c.id.get_ref().clone(),
                class: c.code.clone(),
                whole: None,
                default_noun: None,
            })
            .collect();
        let currency_words = WordList::new(r.currency.iter().map(|c| c.words.as_slice()));
        let mut currency_symbols: Vec<(String, usize)> = r
            .currency
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.symbols.iter().map(move |s| (s.clone(), i)))
            .collect();
        currency_symbols.sort_by_key(|s| std::cmp::Reverse(s.0.len()));
        let stages = r
            .stage
            .iter()
            .map(|s| ClassRule {
                id: s.id.get_ref().clone(),
                class: s.stage.clone(),
                whole: None,
                default_noun: None,
            })
            .collect();
        let stage_words = WordList::new(r.stage.iter().map(|s| s.words.as_slice()));
        let modes = r
            .modality
            .iter()
            .map(|s| ClassRule {
                id: s.id.get_ref().clone(),
                class: s.mode.clone(),
                whole: None,
                default_noun: None,
            })
            .collect();
        let mode_words = WordList::new(r.modality.iter().map(|s| s.words.as_slice()));
        let events = r
            .event
            .iter()
            .map(|s| ClassRule {
                id: s.id.get_ref().clone(),
                class: s.class.clone(),
                whole: None,
                default_noun: None,
            })
            .collect();
        // The `not` phrases follow as lists of their own: being longer,
        // they win the leftmost-longest match over the word they hold,
        // and their list indices fall past the events.
        let event_words = WordList::new(
            r.event
                .iter()
                .map(|s| s.words.as_slice())
                .chain(r.event.iter().map(|s| s.not.as_slice())),
        );
        let formats = r
            .format
            .iter()
            .map(|f| FormatRule {
                id: f.id.get_ref().clone(),
                regex: compiled(&f.pattern),
                value: f.value.clone(),
            })
            .collect();
        let titles = r
            .title
            .iter()
            .map(|t| TitleRule {
                id: t.id.get_ref().clone(),
                title: t.title.clone(),
                patterns: t.patterns.iter().map(|p| compiled(p)).collect(),
                references: t.references.iter().map(|x| x.to_lowercase()).collect(),
            })
            .collect();
        let first_id = |ids: Vec<String>| ids.into_iter().next().unwrap_or_default();
        Lexicon {
            units: lex_units,
            tens,
            scales,
            suffixes,
            fractions,
            fraction_words,
            ordinals,
            articles,
            signs,
            points,
            ratios,
            ratio_not_before,
            pronoun_after,
            glyphs,
            unit_like_suffixes,
            slash_denominators,
            number_rule,
            bounds,
            vague,
            percent_after,
            percent_words,
            percent_before,
            percent_rule: first_id(
                r.percent
                    .iter()
                    .filter(|p| !p.words.is_empty())
                    .map(|p| p.id.get_ref().clone())
                    .collect(),
            ),
            percent_alone,
            not_numbers: r
                .not_a_number
                .iter()
                .map(|n| NamedRegex {
                    id: n.id.get_ref().clone(),
                    regex: compiled(&n.pattern),
                    lower: lower_case_twin(&n.pattern),
                    pattern: n.pattern.clone(),
                })
                .collect(),
            month_alternation: alternation(months.keys().cloned()),
            months,
            month_rule: first_id(r.month.iter().map(|p| p.id.get_ref().clone()).collect()),
            weekday_alternation: alternation(weekdays.keys().cloned()),
            weekdays,
            weekday_rule: first_id(r.weekday.iter().map(|p| p.id.get_ref().clone()).collect()),
            relative_days,
            relative_day_regex,
            relative_day_lower,
            ambiguous_months: r
                .month
                .iter()
                .flat_map(|m| m.ambiguous.iter().map(|a| a.to_lowercase()))
                .collect(),
            month_alone_after: r
                .month_alone
                .iter()
                .flat_map(|m| m.after.iter().map(|a| a.to_lowercase()))
                .collect(),
            month_alone_relative: r
                .month_alone
                .iter()
                .flat_map(|m| map(&m.relative))
                .collect(),
            month_standalone: r
                .month_alone
                .iter()
                .flat_map(|m| m.standalone.iter().map(|a| a.to_lowercase()))
                .collect(),
            month_alone_rule: first_id(
                r.month_alone
                    .iter()
                    .map(|p| p.id.get_ref().clone())
                    .collect(),
            ),
            ambiguous_weekdays: r
                .weekday
                .iter()
                .flat_map(|m| m.ambiguous.iter().map(|a| a.to_lowercase()))
                .collect(),
            relative_weekdays: r.weekday.iter().flat_map(|m| map(&m.relative)).collect(),
            shift_units: r
                .date_shift
                .iter()
                .flat_map(|d| d.units.iter().map(|(k, v)| (k.to_lowercase(), v.clone())))
                .collect(),
            shift_after: r
                .date_shift
                .iter()
                .flat_map(|d| {
                    d.after.iter().map(|(k, v)| {
                        (
                            k.to_lowercase(),
                            (
                                v.first().copied().unwrap_or(1),
                                v.get(1).copied().unwrap_or(0),
                            ),
                        )
                    })
                })
                .collect(),
            shift_before: r
                .date_shift
                .iter()
                .flat_map(|d| d.before.iter().map(|b| b.to_lowercase()))
                .collect(),
            shift_counts: r.date_shift.iter().flat_map(|d| map(&d.counts)).collect(),
            shift_rule: first_id(
                r.date_shift
                    .iter()
                    .map(|p| p.id.get_ref().clone())
                    .collect(),
            ),
            not_dates: r
                .not_a_date
                .iter()
                .map(|n| NamedRegex {
                    id: n.id.get_ref().clone(),
                    regex: compiled(&n.pattern),
                    lower: lower_case_twin(&n.pattern),
                    pattern: n.pattern.clone(),
                })
                .collect(),
            relative_day_rule: first_id(
                r.relative_day
                    .iter()
                    .map(|p| p.id.get_ref().clone())
                    .collect(),
            ),
            periods,
            past_words: WordList::new([past.as_slice()]),
            future_words: WordList::new([future.as_slice()]),
            tense_words: WordList::new([future.as_slice(), past.as_slice()]),
            predicates,
            predicate_words,
            nouns,
            noun_words,
            currencies,
            currency_words,
            currency_symbols,
            stages,
            stage_words,
            modes,
            nominal_mode: r
                .modality
                .iter()
                .find(|m| m.nominal)
                .map(|m| m.mode.clone()),
            mode_words,
            statement_event: r.event.iter().position(|e| e.statement),
            events,
            event_words,
            formats,
            speech_word: compiled(&format!(
                "^(?:{})$",
                alternation(r.speech_verb.iter().flat_map(|s| s.words.clone()))
            )),
            speech_verbs: alternation(r.speech_verb.iter().flat_map(|s| s.words.clone())),
            speech_rule: first_id(
                r.speech_verb
                    .iter()
                    .map(|p| p.id.get_ref().clone())
                    .collect(),
            ),
            attribution: alternation(r.attribution.iter().flat_map(|s| s.words.clone())),
            attribution_rule: first_id(
                r.attribution
                    .iter()
                    .map(|p| p.id.get_ref().clone())
                    .collect(),
            ),
            pronouns: r
                .pronoun
                .iter()
                .flat_map(|p| p.words.iter().map(|w| w.to_lowercase()))
                .collect(),
            titles,
            persons: r
                .person
                .iter()
                .map(|p| KnownPerson {
                    id: p.id.get_ref().clone(),
                    name: p.name.clone(),
                    aliases: p.aliases.clone(),
                })
                .collect(),
            not_names: r
                .not_a_name
                .iter()
                .flat_map(|n| n.words.iter().cloned())
                .collect(),
            person_cues: alternation(r.person_cue.iter().flat_map(|c| c.words.clone())),
            fold_threshold: r.person_fold.last().map_or(0.92, |f| f.threshold),
            furniture: r
                .furniture
                .iter()
                .map(|f| FurnitureRule {
                    id: f.id.get_ref().clone(),
                    regex: compiled(&f.pattern),
                    section: f.section,
                })
                .collect(),
            outlets: r
                .outlet
                .iter()
                .map(|o| NamedRegex {
                    id: o.id.get_ref().clone(),
                    regex: compiled(&o.pattern),
                    lower: lower_case_twin(&o.pattern),
                    pattern: o.pattern.clone(),
                })
                .collect(),
            published: r
                .published
                .iter()
                .map(|o| NamedRegex {
                    id: o.id.get_ref().clone(),
                    regex: compiled(&o.pattern),
                    lower: lower_case_twin(&o.pattern),
                    pattern: o.pattern.clone(),
                })
                .collect(),
        }
    }
}
