//! Numbers: digits in every grouping, words, scales, fractions, ordinals,
//! percentages, bounds, vague amounts and ranges.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::cues::{Cues, Listed, Word};
use super::{Found, Recognizer, SpanSet, lowered, overlaps};
use crate::lexicon::Lexicon;
use crate::model::{MentionKind, MentionValue, Quantity};

pub(super) struct NumberPatterns {
    /// `1e10`, `1.1^23`, `6.23x10^-4`.
    exponent: Regex,
    /// `/4` after the numerator of a digit fraction.
    slash: Regex,
    /// `21st` at a number: an ordinal, not a number.
    ordinal_here: Regex,
    suffix_after: Regex,
    range_between: Regex,
    range_join: Regex,
    /// What joins a lower and an upper bound of one figure.
    bound_join: Regex,
    /// Suffix and scale words in lower case, to rule out the search for
    /// one after most numbers; `None` when a word has other chars than
    /// ASCII letters and digits, so that only the search can tell.
    suffix_words: Option<HashSet<String>>,
    /// The bytes a suffix or scale word can open with (see
    /// [`first_bytes`]), looked at before the word is.
    suffix_firsts: [bool; 256],
    /// Last words of the bound phrases, in lower case (`` for `>`), each
    /// with the phrases it ends and their rules' indexes, so a number's
    /// window is compared with those only; `None` when a stem (`word*`) or
    /// a letter beyond ASCII leaves the rules' regexes to read it.
    bound_tails: Option<HashMap<String, Vec<(usize, String)>>>,
    /// Each vague-amount rule anchored at its start, to try where one of
    /// its first words stands; `None` for a rule whose first words are not
    /// plain words, which is searched for in the whole text.
    vague_at: Vec<Option<Regex>>,
    glyphs: Glyphs,
    /// The words of each ratio phrase of the lexicon (`out of`).
    ratio_words: Vec<Vec<String>>,
    /// The bytes a percent word can open with, in either ASCII case, and
    /// every byte from 0x80 (a char that may fold onto a letter): the
    /// percent search runs only after a number followed by one of them.
    percent_firsts: [bool; 256],
    /// The same for the words of bounds after a number (`or more`).
    bound_after_firsts: [bool; 256],
}

/// Fraction glyphs (`½`) with their values, found in one pass.
enum Glyphs {
    /// Single chars, found by their first bytes (at most three kinds):
    /// a vectorized byte search, where an automaton read every byte.
    Chars {
        first_bytes: Vec<u8>,
        values: Vec<(char, f64)>,
    },
    Automaton(AhoCorasick, Vec<f64>),
    None,
}

impl Glyphs {
    fn new(glyphs: &rustc_hash::FxHashMap<String, f64>) -> Glyphs {
        let mut values: Vec<(char, f64)> = Vec::new();
        for (g, v) in glyphs {
            let mut chars = g.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                values.push((c, *v));
            }
        }
        values.sort_by_key(|(c, _)| *c);
        let mut first_bytes: Vec<u8> = values
            .iter()
            .map(|(c, _)| c.encode_utf8(&mut [0; 4]).as_bytes()[0])
            .collect();
        first_bytes.dedup();
        if values.len() == glyphs.len() && first_bytes.len() <= 3 && !values.is_empty() {
            return Glyphs::Chars {
                first_bytes,
                values,
            };
        }
        match AhoCorasick::new(glyphs.keys()) {
            Ok(ac) if !glyphs.is_empty() => {
                Glyphs::Automaton(ac, glyphs.values().copied().collect())
            }
            _ => Glyphs::None,
        }
    }

    /// Start, end and value of every glyph in `text`, in order.
    fn find(&self, text: &str) -> Vec<(usize, usize, f64)> {
        match self {
            Glyphs::Chars {
                first_bytes,
                values,
            } => {
                let b = text.as_bytes();
                let hits: Box<dyn Iterator<Item = usize>> = match first_bytes[..] {
                    [x] => Box::new(memchr::memchr_iter(x, b)),
                    [x, y] => Box::new(memchr::memchr2_iter(x, y, b)),
                    [x, y, z, ..] => Box::new(memchr::memchr3_iter(x, y, z, b)),
                    [] => Box::new(std::iter::empty()),
                };
                hits.filter(|&at| text.is_char_boundary(at))
                    .filter_map(|at| {
                        let c = text[at..].chars().next()?;
                        let i = values.binary_search_by_key(&c, |(g, _)| *g).ok()?;
                        Some((at, at + c.len_utf8(), values[i].1))
                    })
                    .collect()
            }
            Glyphs::Automaton(ac, values) => ac
                .find_iter(text)
                .map(|g| (g.start(), g.end(), values[g.pattern().as_usize()]))
                .collect(),
            Glyphs::None => Vec::new(),
        }
    }
}

/// The words of the lists [`Listed`] names that numbers ask about.
pub(super) fn listed_words(lex: &Lexicon) -> Vec<(Listed, Vec<String>)> {
    let mut starts: Vec<String> = Vec::new();
    for words in [&lex.signs, &lex.articles] {
        starts.extend(words.iter().cloned());
    }
    for map in [&lex.units, &lex.tens] {
        starts.extend(map.keys().cloned());
    }
    starts.extend(lex.scales.keys().cloned());
    starts.extend(lex.fraction_words.keys().cloned());
    starts.extend(lex.ordinals.keys().cloned());
    // Only words already in lower case can equal a lower-cased run.
    starts.retain(|w| w.bytes().all(|b| b.is_ascii_lowercase()));
    let vague = lex
        .vague
        .iter()
        .flat_map(|v| v.words.iter().filter_map(|w| first_word(w)))
        .collect();
    // What `integer`, `denominator` and `scale_of` look up, plurals too.
    let mut number_words: Vec<String> = lex.articles.clone();
    number_words.push("and".to_string());
    for map in [&lex.units, &lex.tens, &lex.ordinals] {
        number_words.extend(map.keys().cloned());
    }
    for map in [&lex.scales, &lex.fractions] {
        number_words.extend(map.keys().cloned());
    }
    let plurals: Vec<String> = lex
        .scales
        .keys()
        .chain(lex.ordinals.keys())
        .map(|w| format!("{w}s"))
        .collect();
    number_words.extend(plurals);
    number_words.retain(|w| w.bytes().all(|b| b.is_ascii_lowercase()));
    vec![
        (Listed::NumberStart, starts),
        (Listed::Vague, vague),
        (Listed::NumberWord, number_words),
    ]
}

/// The first word of a phrase, when it is plain lower-case ASCII letters
/// followed by a space or nothing.
fn first_word(phrase: &str) -> Option<String> {
    let first = phrase.split(' ').next()?;
    (!first.is_empty() && first.bytes().all(|b| b.is_ascii_lowercase())).then(|| first.to_string())
}

/// The run of letters that ends `s`.
fn trailing_letters(s: &str) -> &str {
    // ASCII letters back to an ASCII byte that is none (as before most
    // numbers, a space) are the whole run: no chars decoded.
    let b = s.as_bytes();
    let ascii = b.len()
        - b.iter()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
    if ascii == 0 || b[ascii - 1].is_ascii() {
        return &s[ascii..];
    }
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(s.len(), |(i, _)| i);
    &s[start..]
}

/// The non-ASCII chars that `(?i)` folds onto ASCII letters (`ſ` onto
/// `s`, the Kelvin sign onto `k`): where one stands, only a bound rule's
/// regex reads the window as its words would.
const CASE_FOLDED: [char; 2] = ['\u{17F}', '\u{212A}'];

/// Where `phrase` (its letters ASCII: `at least`, `≤`) starts when it
/// ends `words` (the window before a number, trailing whitespace cut), in
/// any ASCII case and with no ASCII letter right before it. The earliest such start of a rule's phrases is
/// what its regex `(?:^|[^A-Za-z])(?P<w>…)\s*$` captures, compared
/// instead of searched (one ran before most numbers).
fn phrase_before(words: &str, phrase: &str) -> Option<usize> {
    let at = words.len().checked_sub(phrase.len())?;
    let head = words.get(at..)?;
    let open = at == 0 || !words.as_bytes()[at - 1].is_ascii_alphabetic();
    (!phrase.is_empty() && open && head.eq_ignore_ascii_case(phrase)).then_some(at)
}

/// The run of letters that ends `s` once trailing whitespace is dropped.
fn tail_word(s: &str) -> &str {
    trailing_letters(s.trim_end())
}

/// Length of the run of ASCII digits that starts `b`.
fn digit_run(b: &[u8]) -> usize {
    b.iter().take_while(|b| b.is_ascii_digit()).count()
}

/// Where the next digit (or the `.` of `.5`) is, at or after `at`, read
/// off the text's runs of digits; `run` is the first run that may hold
/// it and moves on with the search.
fn number_start(b: &[u8], runs: &[(usize, usize)], run: &mut usize, at: usize) -> Option<usize> {
    while runs.get(*run).is_some_and(|&(_, end)| end <= at) {
        *run += 1;
    }
    let &(start, _) = runs.get(*run)?;
    Some(if start > at && b[start - 1] == b'.' {
        start - 1
    } else {
        start.max(at)
    })
}

/// Ordinals in digits, as `(?i)\b[0-9]+(?:st|nd|rd|th)\b` with ASCII
/// word boundaries would find them, read off the text's runs of digits:
/// start, end of the digits, end.
fn ordinal_digits(text: &str, digit_runs: &[(usize, usize)]) -> Vec<(usize, usize, usize)> {
    let b = text.as_bytes();
    let word = |i: usize| {
        b.get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    };
    digit_runs
        .iter()
        .filter(|&&(start, _)| start == 0 || !word(start - 1))
        .filter_map(|&(start, digits_end)| {
            let len = ordinal_suffix(&text[digits_end..])?;
            (!word(digits_end + len)).then_some((start, digits_end, digits_end + len))
        })
        .collect()
}

/// The length of `st`, `nd`, `rd` or `th` in any case starting `s`;
/// under case folding `ſ` is an `s` too.
fn ordinal_suffix(s: &str) -> Option<usize> {
    let mut cs = s.chars();
    let (a, b) = (cs.next()?, cs.next()?);
    let fold = |c: char| {
        if c == 'ſ' {
            's'
        } else {
            c.to_ascii_lowercase()
        }
    };
    matches!(
        (fold(a), fold(b)),
        ('s', 't') | ('n', 'd') | ('r', 'd') | ('t', 'h')
    )
    .then(|| a.len_utf8() + b.len_utf8())
}

/// `12`, `12.5` or `.5` at the start of `b`.
fn plain_len(b: &[u8]) -> usize {
    let whole = digit_run(b);
    let fraction = |at: usize| {
        if b.get(at) == Some(&b'.') {
            match digit_run(&b[at + 1..]) {
                0 => 0,
                n => n + 1,
            }
        } else {
            0
        }
    };
    whole + fraction(whole)
}

/// How a grouped form writes its separators.
#[derive(Clone, Copy)]
enum Grouping {
    /// `1,234,567.89`, and the Indian `12,34,567`.
    Comma,
    /// `1.234.567` or `1.111,11`, where the source writes so.
    Dot,
    /// `1 234 567` with a space, thin space or no-break space.
    Space,
    /// `5,00`: one comma before one or two digits.
    DecimalComma,
}

/// Which mark an outlet groups thousands with, which decides what `1.000`
/// is: one (`comma`, as in `1,000.5`) or a thousand (`dot`, as in
/// `1.000,5`). Other forms read the same either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ThousandsSeparator {
    /// As the article's own numbers that read one way only say
    /// (`1.234.567` or `1.234,5` for dots; `1,234` or `2.5` for commas);
    /// else a comma.
    #[default]
    Auto,
    Comma,
    Dot,
}

/// The separator an article's numbers tell, from its runs of digits and
/// the marks that join them (runs that `blocked` covers, such as dates
/// and times, tell nothing): `Dot` when only dot groups appear, else
/// `Comma`.
fn told_separator(
    b: &[u8],
    runs: &[(usize, usize)],
    blocked: &dyn Fn(usize, usize) -> bool,
) -> ThousandsSeparator {
    let (mut dots, mut commas) = (false, false);
    // The mark joining run `i` to the next, and the next one's length.
    let joined = |i: usize| {
        let (_, end) = runs[i];
        let &(next, next_end) = runs.get(i + 1)?;
        (next == end + 1).then(|| (b[end], next_end - next))
    };
    let mut after_mark = false;
    for (i, &(start, end)) in runs.iter().enumerate() {
        let mark = joined(i);
        // Only a number's first run tells, and only with a mark after it.
        let first = !after_mark;
        after_mark = mark.is_some();
        let Some(mark) = mark.filter(|_| first) else {
            continue;
        };
        let lead = end - start;
        let (tells_dots, tells_commas) = match mark {
            // `1.234.567` and `1.234,5`.
            (b'.', 3) if lead <= 3 => (matches!(joined(i + 1), Some((b'.', 3) | (b',', _))), false),
            // `2.5`, `0.75`.
            (b'.', _) => (false, true),
            // `1,234`.
            (b',', 3) => (false, lead <= 3),
            _ => (false, false),
        };
        // Dates and times tell nothing: looked up only when it matters.
        if (tells_dots && !dots || tells_commas && !commas) && !blocked(start, end) {
            dots |= tells_dots;
            commas |= tells_commas;
        }
    }
    if dots && !commas {
        ThousandsSeparator::Dot
    } else {
        ThousandsSeparator::Comma
    }
}

/// The grouped forms, tried in this order at a number's start.
#[derive(Clone, Copy)]
enum Form {
    /// `[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?`
    Thousands,
    /// `[0-9]{1,3}(?:,[0-9]{2})+,[0-9]{3}(?:\.[0-9]+)?`
    Indian,
    /// `[0-9]{1,3}(?:\.[0-9]{3}){2,}(?:,[0-9]+)?` or
    /// `[0-9]{1,3}(?:\.[0-9]{3})+,[0-9]+`
    Dots,
    /// `[0-9]{1,3}(?:[ \u{a0}\u{202f}\u{2009}][0-9]{3})+(?:[.,][0-9]+)?`
    Spaces,
    /// `[0-9]{1,3},[0-9]{1,2}`
    DecimalComma,
    /// `[0-9]{1,3}\.[0-9]{3}(?:,[0-9]+)?`, where thousands are grouped
    /// with dots.
    DotThousand,
}

const FORMS: [Form; 5] = [
    Form::Thousands,
    Form::Indian,
    Form::Dots,
    Form::Spaces,
    Form::DecimalComma,
];

/// [`FORMS`] where thousands are grouped with dots.
const FORMS_WITH_DOT_THOUSANDS: [Form; 6] = [
    Form::Thousands,
    Form::Indian,
    Form::Dots,
    Form::Spaces,
    Form::DecimalComma,
    Form::DotThousand,
];

/// Separators of space-grouped digits.
const GROUP_SPACES: [&str; 4] = [" ", "\u{a0}", "\u{202f}", "\u{2009}"];

impl Form {
    fn grouping(self) -> Grouping {
        match self {
            Form::Thousands | Form::Indian => Grouping::Comma,
            Form::Dots | Form::DotThousand => Grouping::Dot,
            Form::Spaces => Grouping::Space,
            Form::DecimalComma => Grouping::DecimalComma,
        }
    }

    /// The length of the form at the start of `b`, which opens with
    /// `lead` (one to three) digits, as the regex in the variant's doc
    /// would find it: greedy, giving back only what the rest needs.
    fn len(self, b: &[u8], lead: usize) -> Option<usize> {
        let digits =
            |at: usize, n: usize| b.len() >= at + n && b[at..at + n].iter().all(u8::is_ascii_digit);
        let byte = |at: usize| b.get(at).copied();
        // `<sep>[0-9]+` at `at`, or nothing.
        let tail = |at: usize, seps: &[u8]| match byte(at) {
            Some(c) if seps.contains(&c) && digits(at + 1, 1) => 1 + digit_run(&b[at + 1..]),
            _ => 0,
        };
        // Repeats of `<sep>` and `n` digits from `at`: where each ends.
        let groups = |at: usize, sep: u8, n: usize| {
            let mut ends = Vec::new();
            let mut p = at;
            while byte(p) == Some(sep) && digits(p + 1, n) {
                p += 1 + n;
                ends.push(p);
            }
            ends
        };
        match self {
            Form::Thousands => {
                let end = *groups(lead, b',', 3).last()?;
                Some(end + tail(end, b"."))
            }
            Form::Indian => groups(lead, b',', 2)
                .iter()
                .rev()
                .find(|&&q| byte(q) == Some(b',') && digits(q + 1, 3))
                .map(|&q| q + 4 + tail(q + 4, b".")),
            Form::Dots => {
                let ends = groups(lead, b'.', 3);
                let end = *ends.last()?;
                match tail(end, b",") {
                    decimals if ends.len() >= 2 => Some(end + decimals),
                    0 => None,
                    decimals => Some(end + decimals),
                }
            }
            Form::Spaces => {
                let mut p = lead;
                while let Some(sep) = GROUP_SPACES
                    .iter()
                    .find(|sep| b[p..].starts_with(sep.as_bytes()))
                    .filter(|sep| digits(p + sep.len(), 3))
                {
                    p += sep.len() + 3;
                }
                (p > lead).then(|| p + tail(p, b".,"))
            }
            Form::DecimalComma => (byte(lead) == Some(b',') && digits(lead + 1, 1))
                .then(|| lead + 2 + usize::from(digits(lead + 2, 1))),
            Form::DotThousand => (byte(lead) == Some(b'.') && digits(lead + 1, 3))
                .then(|| lead + 4 + tail(lead + 4, b",")),
        }
    }
}

impl NumberPatterns {
    pub(super) fn new(lex: &Lexicon) -> NumberPatterns {
        let mut suffixes: Vec<&String> = lex.suffixes.keys().chain(lex.scales.keys()).collect();
        suffixes.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let suffix_alt = suffixes
            .iter()
            .map(|s| regex::escape(s))
            .collect::<Vec<_>>()
            .join("|");
        let re = |p: &str| crate::rules::code_regex(p).expect("number pattern");
        let suffix_words = suffixes
            .iter()
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric()))
            .then(|| suffixes.iter().map(|w| w.to_ascii_lowercase()).collect());
        let bound_tails = lex
            .bounds
            .iter()
            .flat_map(|b| &b.words)
            .all(|w| w.chars().all(|c| c.is_ascii() || !c.is_alphabetic()) && !w.ends_with('*'))
            .then(|| {
                let mut tails: HashMap<String, Vec<(usize, String)>> = HashMap::default();
                for (k, b) in lex.bounds.iter().enumerate() {
                    for w in b.words.iter().filter(|w| !w.is_empty()) {
                        tails
                            .entry(tail_word(w).to_ascii_lowercase())
                            .or_default()
                            .push((k, w.clone()));
                    }
                }
                tails
            });
        let vague_at = lex
            .vague
            .iter()
            .map(|v| {
                v.words
                    .iter()
                    .all(|w| first_word(w).is_some() && !w.ends_with('*'))
                    .then(|| crate::rules::build_regex(&format!("^(?:{})", v.regex.as_str())).ok())
                    .flatten()
            })
            .collect();
        NumberPatterns {
            exponent: re(r"^(?:[eE](?P<e>[+-]?[0-9]+)|\^(?P<p>[+-]*[0-9]+)|x10\^(?P<x>-?[0-9]+))"),
            slash: re(r"^(?:\s+(?P<n>[0-9]{1,2}))?/(?P<d>[0-9]{1,2})"),
            ordinal_here: re(r"(?i)^[0-9]+(?:st|nd|rd|th)\b"),
            suffix_after: re(&format!(r"(?i)^(?P<sp>\s?)(?P<s>{suffix_alt})\b\.?")),
            range_between: re(r"(?i)\bbetween\s*$"),
            range_join: re(r"(?i)^\s*(?:-|–|—|~|to|through|and)\s*$"),
            bound_join: re(r"(?i)^\s*(?:,|and|but|,\s*and|,\s*but)\s*$"),
            suffix_words,
            suffix_firsts: first_bytes(&suffixes),
            bound_tails,
            vague_at,
            glyphs: Glyphs::new(&lex.glyphs),
            percent_firsts: first_bytes(&lex.percent_words),
            bound_after_firsts: first_bytes(
                &lex.bounds.iter().flat_map(|b| &b.after).collect::<Vec<_>>(),
            ),
            ratio_words: lex
                .ratios
                .iter()
                .map(|r| r.split_whitespace().map(str::to_string).collect())
                .collect(),
        }
    }

    /// Whether a suffix or scale word may follow a number whose text goes
    /// on with `rest`, as `suffix_after` would read it: after at most one
    /// whitespace char, a word of the list that ends at an ASCII word
    /// boundary. Only the search tells when a non-ASCII char, which
    /// `(?i)` may fold onto a letter, stands in the way.
    fn may_have_suffix(&self, rest: &str) -> bool {
        let Some(words) = &self.suffix_words else {
            return true;
        };
        let may_start = |s: &str| {
            let b = s.as_bytes();
            if !b
                .first()
                .is_some_and(|&c| self.suffix_firsts[usize::from(c)])
            {
                return false;
            }
            let run = b
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                .count();
            if b.get(run).is_some_and(|c| !c.is_ascii()) {
                return true;
            }
            let mut lower = [0u8; 16];
            if run == 0 || run > lower.len() {
                return false;
            }
            lower[..run].copy_from_slice(&b[..run]);
            lower[..run].make_ascii_lowercase();
            std::str::from_utf8(&lower[..run]).is_ok_and(|w| words.contains(w))
        };
        let mut chars = rest.chars();
        match chars.next() {
            Some(c) if c.is_whitespace() => may_start(rest) || may_start(chars.as_str()),
            Some(_) => may_start(rest),
            None => false,
        }
    }
}

/// The bytes the words of `words` can open with, compared as `(?i)`
/// would: ASCII letters in either case, and every byte from 0x80, which
/// may open a char that folds onto a letter. Every byte for a word that
/// opens with no ASCII char.
fn first_bytes(words: &[impl AsRef<str>]) -> [bool; 256] {
    let mut firsts = [false; 256];
    firsts[0x80..].fill(true);
    for w in words {
        match w.as_ref().bytes().next() {
            Some(b) if b.is_ascii() => {
                firsts[usize::from(b.to_ascii_lowercase())] = true;
                firsts[usize::from(b.to_ascii_uppercase())] = true;
            }
            _ => firsts.fill(true),
        }
    }
    firsts
}

/// Whether a word opening with one of `firsts` may start `rest` after at
/// most one whitespace char.
fn may_open(rest: &str, firsts: &[bool; 256]) -> bool {
    let opens = |s: &str| {
        s.as_bytes()
            .first()
            .is_some_and(|&b| firsts[usize::from(b)])
    };
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_whitespace() => opens(rest) || opens(chars.as_str()),
        Some(_) => opens(rest),
        None => false,
    }
}

/// The figures of a lower and an upper bound, in either order, that
/// leave room between them; two bounds of one side are two figures.
fn bound_pair(a: &Quantity, b: &Quantity) -> Option<(f64, f64)> {
    let lower = |q: &Quantity| q.min.filter(|_| q.max.is_none());
    let upper = |q: &Quantity| q.max.filter(|_| q.min.is_none());
    let (min, max) = match (lower(a), upper(a), lower(b), upper(b)) {
        (Some(min), _, _, Some(max)) | (_, Some(max), Some(min), _) => (min, max),
        _ => return None,
    };
    (min < max).then_some((min, max))
}

/// Makes `q` what the bound rule `b` says it is.
fn set_bound(q: &mut Quantity, b: &crate::lexicon::BoundRule) {
    q.approx = b.approx;
    match b.side.as_str() {
        "min" => q.min = Some(q.value),
        "max" => q.max = Some(q.value),
        "exact" => (q.min, q.max) = (Some(q.value), Some(q.value)),
        _ => {}
    }
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

fn parse_grouped(s: &str, grouping: Grouping) -> Option<f64> {
    let spaces = [' ', '\u{a0}', '\u{202f}', '\u{2009}'];
    let cleaned: String = match grouping {
        Grouping::Comma => s.replace(',', ""),
        Grouping::Dot => s.replace('.', "").replace(',', "."),
        Grouping::DecimalComma => s.replace(',', "."),
        // A last `,dd` after space groups is a decimal comma.
        Grouping::Space => s.replace(spaces, "").replace(',', "."),
    };
    cleaned.parse().ok()
}

/// Whether `s` ends with `of` and whitespace, as `percent of` before a
/// number must.
fn ends_with_of(s: &str) -> bool {
    let t = s.trim_end().as_bytes();
    t.len() < s.len() && t.len() >= 2 && t[t.len() - 2..].eq_ignore_ascii_case(b"of")
}

/// Whether the gap between two tokens is a hyphen, and whether it joins
/// them (spaces or a hyphen only), as `str::trim` reads it.
fn gap_joins(gap: &str) -> (bool, bool) {
    // Unicode's white space in ASCII: what `trim` takes off there.
    let space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let (hyphen, blank) = if gap.is_ascii() {
        let b = gap.as_bytes();
        let start = b.iter().position(|c| !space(c)).unwrap_or(b.len());
        let end = b.iter().rposition(|c| !space(c)).map_or(start, |e| e + 1);
        (&b[start..end] == b"-", start == end)
    } else {
        (gap.trim() == "-", gap.trim().is_empty())
    };
    (hyphen, hyphen || (!gap.is_empty() && blank))
}

/// The spans the anchored vague-amount rule `re` finds at `starts`
/// (where its first words start a word), in order and apart, as a search
/// of the whole text would find them.
fn vague_spans(text: &str, starts: &[usize], re: &Regex) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for &start in starts {
        if out.last().is_some_and(|&(_, end)| start < end) {
            continue;
        }
        if let Some(m) = re.find(&text[start..]) {
            out.push((start, start + m.end()));
        }
    }
    out
}

fn floor(text: &str, at: usize) -> usize {
    crate::text::floor_boundary(text, at)
}

/// A word or a written number, for reading number words.
#[derive(Debug, Clone)]
struct Tok<'a> {
    start: usize,
    end: usize,
    /// The word in lower case.
    word: Option<&'a str>,
    /// Value of a written number and the scale its suffix gave (`3 million`).
    digits: Option<(f64, f64)>,
    /// Whether a number may start here: digits, or a word of
    /// [`Listed::NumberStart`].
    opens: bool,
    /// Whether the word is of [`Listed::NumberWord`].
    numeric: bool,
    /// Joined to the token before by spaces or a hyphen only.
    joined: bool,
    hyphen: bool,
}

impl Tok<'_> {
    fn is(&self, w: &str) -> bool {
        self.word == Some(w)
    }
}

/// The tokens kept for reading numbers, as [`Recognizer::tokens`] meets
/// them in order: a token is made only when its run is kept.
struct Runs<'t, 'a> {
    text: &'t str,
    lower: &'a str,
    toks: Vec<Tok<'a>>,
    /// Where the last token met starts and ends, and whether it is
    /// numeric, while its run is not kept: a word, for digits always open
    /// a run.
    unkept: Option<(usize, usize, bool)>,
    keeping: bool,
    last_end: Option<usize>,
}

impl<'a> Runs<'_, 'a> {
    /// Meets the token at `start..end`, made by `make` if it is kept.
    #[inline]
    fn see(
        &mut self,
        (start, end): (usize, usize),
        opens: bool,
        numeric: bool,
        make: impl FnOnce() -> Tok<'a>,
    ) {
        let (mut hyphen, mut joined) = (false, false);
        // The gap matters only to a token kept or opening a run: most
        // words are neither.
        if let Some(from) = self.last_end.filter(|_| self.keeping || opens) {
            // Most gaps are one space: no slicing of the text for those.
            (hyphen, joined) = match self.text.as_bytes().get(from..start) {
                Some(b" ") => (false, true),
                _ => gap_joins(&self.text[from..start]),
            };
        }
        self.last_end = Some(end);
        self.keeping &= joined;
        let lead = self.unkept.take();
        if opens && !self.keeping {
            self.keeping = true;
            if joined && let Some((start, end, numeric)) = lead {
                // Cut from the run before it, which is not kept.
                self.toks.push(Tok {
                    start,
                    end,
                    word: Some(&self.lower[start..end]),
                    digits: None,
                    opens: false,
                    numeric,
                    joined: false,
                    hyphen: false,
                });
            }
        }
        if self.keeping {
            self.toks.push(Tok {
                joined,
                hyphen,
                ..make()
            });
        } else {
            self.unkept = Some((start, end, numeric));
        }
    }
}

impl Runs<'_, '_> {
    /// Meets the word at `start..end` outside a run, where it neither opens
    /// one nor is kept: what [`Runs::see`] would do with it.
    fn pass(&mut self, start: usize, end: usize, numeric: bool) {
        debug_assert!(!self.keeping);
        self.last_end = Some(end);
        self.unkept = Some((start, end, numeric));
    }
}

/// An integer read from words: `one hundred and six`, `3 hundred`.
#[derive(Debug, Clone, Copy)]
struct Int {
    /// Token index after the last one read.
    end: usize,
    value: f64,
    /// Largest scale of the number (`million` in `two million and one`).
    scale: f64,
    /// Value and scale before the last `and`, for mixed fractions.
    before_and: Option<(f64, f64)>,
    /// Whether the last token read is a tens word (`thirty`).
    ends_in_tens: bool,
    /// Whether the first token is an article (`a hundred`).
    article: bool,
    /// Whether any word was read (not only digits).
    words: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Prev {
    Start,
    Article,
    Unit,
    Tens,
    Hundred,
    Big,
    Digits,
    And,
}

impl Recognizer {
    /// `cues` are the article's runs of letters and digits.
    pub(super) fn numbers(
        &self,
        text: &str,
        lower: &str,
        cues: &Cues,
        masked: &[(usize, usize)],
        separator: ThousandsSeparator,
    ) -> Vec<Found> {
        let lex = &self.lex;
        let masked = SpanSet::new(masked.to_vec());
        let blocked = |s: usize, e: usize| masked.overlaps(s, e);
        let mut found = self.digit_numbers(text, &cues.digit_runs, &blocked, separator);
        let mut words = Vec::new();
        self.word_numbers(text, lower, &cues.words, &found, &blocked, &mut words);

        for (start, digits_end, end) in ordinal_digits(text, &cues.digit_runs) {
            if blocked(start, end) {
                continue;
            }
            if let Ok(v) = text[start..digits_end].parse::<f64>() {
                found.push(Found::quantity(
                    MentionKind::Ordinal,
                    start,
                    end,
                    v,
                    &self.ids.number,
                ));
            }
        }
        for (start, end, value) in self.numbers.glyphs.find(text) {
            if !blocked(start, end) {
                found.push(Found::quantity(
                    MentionKind::Number,
                    start,
                    end,
                    value,
                    &self.ids.number,
                ));
            }
        }

        found.extend(words);

        let b = text.as_bytes();
        let vague_starts: Vec<usize> = cues
            .words
            .iter()
            .filter(|w| w.is(Listed::Vague))
            .filter(|w| {
                w.start == 0 || !(b[w.start - 1].is_ascii_alphanumeric() || b[w.start - 1] == b'_')
            })
            .map(|w| w.start)
            .collect();
        for ((rule, anchored), id) in lex
            .vague
            .iter()
            .zip(&self.numbers.vague_at)
            .zip(&self.ids.vague)
        {
            let spans: Vec<(usize, usize)> = match anchored {
                Some(re) if !cues.folds() => vague_spans(text, &vague_starts, re),
                _ => rule
                    .regex
                    .find_iter(text)
                    .map(|m| (m.start(), m.end()))
                    .collect(),
            };
            for (start, end) in spans {
                if blocked(start, end) {
                    continue;
                }
                let mut f = Found::quantity(MentionKind::Number, start, end, rule.min, id);
                if let MentionValue::Quantity(q) = &mut f.value {
                    q.min = Some(rule.min);
                    q.max = rule.max;
                    q.approx = true;
                }
                found.push(f);
            }
        }
        found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        found.dedup_by(|b, a| overlaps(a.start, a.end, b.start, b.end));
        self.decorate(text, &mut found);
        self.percents_alone(text, lower, cues.folds(), &blocked, &mut found);
        found
    }

    /// Percent words with no figure of their own (`a small percent`):
    /// those no number took and no mask covers.
    fn percents_alone(
        &self,
        text: &str,
        lower: &str,
        folds: bool,
        blocked: &dyn Fn(usize, usize) -> bool,
        found: &mut Vec<Found>,
    ) {
        if self.lex.percent_alone.is_empty() {
            return;
        }
        let taken = SpanSet::new(found.iter().map(|f| (f.start, f.end)).collect());
        for (rule, id) in self.lex.percent_alone.iter().zip(&self.ids.percent_alone) {
            let matches = match (&rule.twin, folds) {
                (Some(twin), false) => twin.find_iter(lower),
                _ => rule.regex.find_iter(text),
            };
            for m in matches {
                let (start, end) = (m.start(), m.end());
                // A figure right before the sign is a percentage that
                // some rule masked (`50%` in a URL), not one without value.
                let after_digit = text[..start].ends_with(|c: char| c.is_ascii_digit());
                if !after_digit && !blocked(start, end) && !taken.overlaps(start, end) {
                    found.push(Found {
                        kind: MentionKind::Percent,
                        start,
                        end,
                        value: MentionValue::Unvalued,
                        rule: id.clone(),
                    });
                }
            }
        }
    }

    /// Written numbers: every grouping, decimals, signs, exponents, digit
    /// fractions and scale suffixes.
    fn digit_numbers(
        &self,
        text: &str,
        digit_runs: &[(usize, usize)],
        blocked: &dyn Fn(usize, usize) -> bool,
        separator: ThousandsSeparator,
    ) -> Vec<Found> {
        let lex = &self.lex;
        let p = &self.numbers;
        // `1.000` is a thousand only where thousands are grouped with dots.
        // Told by the article's numbers when the first `1.000` asks.
        let mut separator = separator;
        // At most a number a run of digits: grown from nothing, the list
        // was copied three or four times an article.
        let mut found: Vec<Found> = Vec::with_capacity(digit_runs.len());
        let bytes = text.as_bytes();
        let mut at = 0;
        let mut run = 0;
        while let Some(m_start) = number_start(bytes, digit_runs, &mut run, at) {
            let start = m_start;
            let before = char_before(text, start);
            // Letters right before digits make a code (`F16`), unless they
            // are a currency (`EUR1 bln`).
            let letters = trailing_letters(&text[..start]);
            let is_currency = |s: &str| {
                lex.currency_symbols
                    .iter()
                    .any(|(c, _)| c.eq_ignore_ascii_case(s))
            };
            let currency = !letters.is_empty() && is_currency(letters);
            // `22,24,26`: a list goes on after the comma that ended the
            // number before.
            let listed = before == Some(',') && found.last().is_some_and(|f| f.end + 1 == start);
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == ',')
                && !currency
                && !listed
            {
                // No number starts inside the run either: a digit stands
                // before each of its places.
                at = digit_runs[run].1;
                continue;
            }
            let rest = &text[start..];
            // A mask over the first char (a time, a date) covers every
            // number from here.
            if blocked(start, start + 1) {
                at = start + plain_len(rest.as_bytes());
                continue;
            }
            let ends_run = |len: usize| {
                let tail = &rest[len..];
                let mut cs = tail.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), _) if c.is_ascii_digit() => false,
                    (Some('.' | ','), Some(d)) => !d.is_ascii_digit(),
                    _ => true,
                }
            };
            // Every grouped form opens with one to three digits and a
            // separator.
            let lead = digit_run(rest.as_bytes());
            let may_group = !listed
                && (1..=3).contains(&lead)
                && rest[lead..].starts_with([',', '.', ' ', '\u{a0}', '\u{202f}', '\u{2009}']);
            if separator == ThousandsSeparator::Auto
                && may_group
                && Form::DotThousand.len(rest.as_bytes(), lead).is_some()
            {
                separator = told_separator(bytes, digit_runs, blocked);
            }
            let forms: &[Form] = match separator {
                ThousandsSeparator::Dot => &FORMS_WITH_DOT_THOUSANDS,
                _ => &FORMS,
            };
            let (len, grouping) = forms
                .iter()
                .filter(|_| may_group)
                .filter_map(|f| {
                    f.len(rest.as_bytes(), lead)
                        .map(|len| (len, Some(f.grouping())))
                })
                .find(|&(len, _)| ends_run(len) && !blocked(start, start + len))
                .unwrap_or((plain_len(rest.as_bytes()), None));
            let mut end = start + len;
            // Past the start whatever the forms read: the loop always moves on.
            at = end.max(start + 1);
            let surface = &text[start..end];
            let Some(mut value) = (match grouping {
                Some(g) => parse_grouped(surface, g),
                None => surface.parse().ok(),
            }) else {
                continue;
            };
            if text[end..].starts_with(['e', 'E', '^', 'x'])
                && let Some(c) = p.exponent.captures(&text[end..])
            {
                if let Some(e) = c.name("e").or_else(|| c.name("x")) {
                    value *= 10f64.powi(e.as_str().parse().unwrap_or(0));
                } else if let Some(pw) = c.name("p") {
                    let digits: i32 = pw
                        .as_str()
                        .trim_start_matches(['+', '-'])
                        .parse()
                        .unwrap_or(0);
                    let minus = pw.as_str().matches('-').count() % 2 == 1;
                    value = value.powi(if minus { -digits } else { digits });
                }
                end += c.get(0).map_or(0, |x| x.end());
            }
            if char_after(text, end).is_some_and(|c| c.is_alphabetic() && !c.is_ascii())
                || blocked(start, end)
            {
                continue;
            }
            let mut start = start;
            if let Some(sign @ ('-' | '−')) = before {
                let at = start - sign.len_utf8();
                if char_before(text, at).is_none_or(char::is_whitespace) {
                    value = -value;
                    start = at;
                }
            }
            // An ordinal needs letters right after its digits.
            let window = crate::text::after(text, m_start, 24);
            let digits = digit_run(window.as_bytes());
            if digits > 0
                && window[digits..].starts_with(|c: char| c.is_alphabetic())
                && p.ordinal_here.is_match(window)
            {
                continue;
            }
            // `3/4` and `2 1/4`, with a denominator that is not a date or
            // a code (`9/11`, `24/7`).
            let next = &text[end..];
            let may_slash = next.starts_with('/')
                || next.starts_with(char::is_whitespace)
                    && next.trim_start().starts_with(|c: char| c.is_ascii_digit());
            if may_slash && let Some(c) = p.slash.captures(next) {
                let n: f64 = c
                    .name("n")
                    .map_or(Ok(value.abs()), |n| n.as_str().parse())
                    .unwrap_or(0.0);
                let d: f64 = c["d"].parse().unwrap_or(0.0);
                let whole = c.name("n").map_or(0.0, |_| value.abs());
                let after = end + c.get(0).map_or(0, |x| x.end());
                let ok = lex.slash_denominators.contains(&(d as u64))
                    && value.fract() == 0.0
                    && n < d
                    && !char_after(text, after).is_some_and(|c| c.is_alphanumeric() || c == '/');
                if ok {
                    value = (whole + n / d).copysign(value);
                    end = after;
                }
            }
            if p.may_have_suffix(&text[end..])
                && let Some(s) = p.suffix_after.captures(&text[end..])
            {
                let word = s["s"].to_lowercase();
                let attached = s["sp"].is_empty();
                let factor = lex
                    .scales
                    .get(&word)
                    .or_else(|| lex.suffixes.get(&word))
                    .copied();
                // A lower-case unit-like suffix (`10m`: metres) scales only
                // after a currency (`$10m`).
                let unit_like = lex.unit_like_suffixes.contains(&s["s"].to_string())
                    && !text[..start]
                        .trim_end()
                        .chars()
                        .next_back()
                        .is_some_and(|c| is_currency(&c.to_string()))
                    && !currency;
                // One-letter suffixes (`10M`) only when attached to the digits.
                if let Some(f) = factor
                    && (attached || word.len() > 1)
                    && !unit_like
                {
                    value *= f;
                    end += s.get(0).map_or(0, |x| x.end());
                    if text[..end].ends_with('.') {
                        end -= 1;
                    }
                }
            }
            at = at.max(end);
            if char_after(text, end).is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            found.push(Found::quantity(
                MentionKind::Number,
                start,
                end,
                value,
                &self.ids.number,
            ));
        }
        found
    }

    /// Tokens for reading number words: runs of ASCII letters (taken from
    /// `lower`, the text in ASCII lower case), and the written numbers
    /// found before.
    fn tokens<'a>(
        &self,
        text: &str,
        lower: &'a str,
        words: &[Word],
        digits: &[Found],
    ) -> Vec<Tok<'a>> {
        let lex = &self.lex;
        let digit_token = |d: &Found| {
            let MentionValue::Quantity(q) = &d.value else {
                return None;
            };
            let surface = &text[d.start..d.end];
            let scale = if surface.contains(char::is_alphabetic) {
                let suffix: String = surface
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .collect::<String>()
                    .to_lowercase();
                lex.scales
                    .get(&suffix)
                    .or_else(|| lex.suffixes.get(&suffix))
                    .copied()
                    .unwrap_or(1.0)
            } else {
                1.0
            };
            Some(Tok {
                start: d.start,
                end: d.end,
                word: None,
                digits: Some((q.value, scale)),
                opens: true,
                numeric: false,
                joined: false,
                hyphen: false,
            })
        };
        // Only runs of joined tokens that hold one a number can open with
        // are kept, from the token before the first such one (the `it
        // one` check reads it): the reading never leaves a run, and a
        // token for every word of the text was most of this stage's work.
        let mut run = Runs {
            text,
            lower,
            // Kept runs are a few tokens around each written number.
            toks: Vec::with_capacity(6 * digits.len() + words.len() / 4),
            unkept: None,
            keeping: false,
            last_end: None,
        };
        let word_token = |w: &Word| Tok {
            start: w.start,
            end: w.end,
            word: Some(&lower[w.start..w.end]),
            digits: None,
            opens: w.is(Listed::NumberStart),
            numeric: w.is(Listed::NumberWord),
            joined: false,
            hyphen: false,
        };
        // Written numbers come in order, each ending before the next
        // starts, so one walk beside the words finds those they overlap.
        let apart = digits.windows(2).all(|w| w[0].end <= w[1].start);
        if !apart {
            let taken = SpanSet::new(digits.iter().map(|d| (d.start, d.end)).collect());
            let mut sorted: Vec<Tok> = words
                .iter()
                .filter(|w| !taken.overlaps(w.start, w.end))
                .map(word_token)
                .chain(digits.iter().filter_map(digit_token))
                .collect();
            sorted.sort_by_key(|t| t.start);
            for t in sorted {
                let (start, end, opens) = (t.start, t.end, t.opens);
                let numeric = t.numeric;
                run.see((start, end), opens, numeric, || t);
            }
            return run.toks;
        }
        let mut next_digit = 0;
        let mut first_open = 0;
        // The first written number that overlaps or follows `w`, from `from` on.
        let first_open_at = |mut from: usize, w: &Word| {
            while from < digits.len() && digits[from].end <= w.start {
                from += 1;
            }
            from
        };
        let mut at = 0;
        while let Some(w) = words.get(at) {
            while next_digit < digits.len() && digits[next_digit].start < w.start {
                if let Some(t) = digit_token(&digits[next_digit]) {
                    run.see((t.start, t.end), t.opens, false, || t);
                }
                next_digit += 1;
            }
            // Outside a run, words up to the next that opens one (or the
            // next written number) only leave the last of them as the
            // token before: they are passed over in one step.
            if !run.keeping && !w.is(Listed::NumberStart) {
                let limit = digits.get(next_digit).map_or(usize::MAX, |d| d.start);
                let skipped = words[at + 1..]
                    .iter()
                    .take_while(|w| !w.is(Listed::NumberStart) && w.start < limit)
                    .count();
                let last = &words[at + skipped];
                let open = first_open_at(first_open, last);
                if digits.get(open).is_none_or(|d| d.start >= last.end) {
                    first_open = open;
                    run.pass(last.start, last.end, last.is(Listed::NumberWord));
                    at += skipped + 1;
                    continue;
                }
            }
            first_open = first_open_at(first_open, w);
            let overlapped = digits.get(first_open).is_some_and(|d| d.start < w.end);
            if !overlapped {
                let (opens, numeric) = (w.is(Listed::NumberStart), w.is(Listed::NumberWord));
                run.see((w.start, w.end), opens, numeric, || word_token(w));
            }
            at += 1;
        }
        for t in digits[next_digit..].iter().filter_map(digit_token) {
            run.see((t.start, t.end), t.opens, false, || t);
        }
        run.toks
    }

    fn scale_of(&self, t: &Tok, after_number: bool) -> Option<f64> {
        let w = t.word.filter(|_| t.numeric)?;
        if let Some(s) = self.lex.scales.get(w) {
            return Some(*s);
        }
        // `three dozens`, `five hundreds`: plural scales after a number.
        let single = w.strip_suffix('s')?;
        self.lex
            .scales
            .get(single)
            .copied()
            .filter(|_| after_number)
    }

    /// The integer starting at token `i`.
    fn integer(&self, toks: &[Tok], i: usize) -> Option<Int> {
        let lex = &self.lex;
        let (mut total, mut current, mut tail) = (0.0f64, 0.0f64, 0.0f64);
        let mut big = 0.0f64;
        let mut hundred = false;
        let mut prev = Prev::Start;
        let mut best: Option<Int> = None;
        let mut group_start: Option<Int> = None;
        let mut before_and: Option<(f64, f64)> = None;
        let mut article = false;
        let mut words = false;
        let mut k = i;
        while k < toks.len() {
            let t = &toks[k];
            if k > i && !t.joined {
                break;
            }
            let next_is =
                |f: &dyn Fn(&Tok) -> bool| toks.get(k + 1).is_some_and(|n| n.joined && f(n));
            if let Some((v, factor)) = t.digits {
                let small = factor == 1.0 && v.fract() == 0.0 && v < 1000.0;
                match prev {
                    Prev::Start if factor >= 1000.0 => {
                        total = v;
                        big = factor;
                        prev = Prev::Big;
                    }
                    // `3 hundred`, written with its scale.
                    Prev::Start | Prev::Big if factor > 1.0 && factor < 1000.0 => {
                        current += v;
                        hundred = factor == 100.0;
                        tail = 0.0;
                        prev = Prev::Hundred;
                    }
                    Prev::Start => {
                        current = v;
                        tail = v;
                        prev = Prev::Digits;
                    }
                    Prev::And | Prev::Big | Prev::Hundred if small => {
                        current += v;
                        tail = v;
                        prev = Prev::Digits;
                    }
                    _ => break,
                }
            } else {
                if !t.numeric {
                    break;
                }
                let w = t.word.unwrap_or("");
                if prev == Prev::Start && lex.articles.iter().any(|a| a == w) {
                    if !next_is(&|n| self.scale_of(n, false).is_some()) {
                        return None;
                    }
                    article = true;
                    prev = Prev::Article;
                    k += 1;
                    continue;
                }
                if w == "and" {
                    let next_small = next_is(&|n| {
                        n.word
                            .is_some_and(|w| lex.units.contains_key(w) || lex.tens.contains_key(w))
                            || n.digits
                                .is_some_and(|(v, f)| f == 1.0 && v.fract() == 0.0 && v < 1000.0)
                    });
                    let next_unit = next_is(&|n| {
                        n.word
                            .is_some_and(|w| lex.units.get(w).is_some_and(|u| (1..10).contains(u)))
                    });
                    let ok = match prev {
                        Prev::Hundred | Prev::Big => next_small,
                        Prev::Tens => next_unit,
                        _ => false,
                    };
                    if !ok {
                        break;
                    }
                    group_start = best;
                    before_and = Some((
                        total + current,
                        if big > 0.0 {
                            big
                        } else if hundred {
                            100.0
                        } else {
                            1.0
                        },
                    ));
                    prev = Prev::And;
                    k += 1;
                    continue;
                }
                if let Some(u) = lex.units.get(w) {
                    let u = *u as f64;
                    let ok = match prev {
                        Prev::Start | Prev::Article | Prev::Hundred | Prev::Big | Prev::And => true,
                        Prev::Tens => (1.0..10.0).contains(&u),
                        _ => false,
                    };
                    if !ok {
                        break;
                    }
                    current += u;
                    tail = if prev == Prev::Tens { tail + u } else { u };
                    prev = Prev::Unit;
                } else if let Some(tv) = lex.tens.get(w) {
                    if !matches!(prev, Prev::Start | Prev::Hundred | Prev::Big | Prev::And) {
                        break;
                    }
                    current += *tv as f64;
                    tail = *tv as f64;
                    prev = Prev::Tens;
                } else if let Some(s) =
                    self.scale_of(t, prev != Prev::Start && prev != Prev::Article)
                {
                    let plural = !lex.scales.contains_key(w);
                    if prev == Prev::Start && w.len() < 4 {
                        // `doz` alone is not a number.
                        break;
                    }
                    if s < 100.0 {
                        current = current - tail + tail.max(1.0) * s;
                        prev = Prev::Hundred;
                    } else if s < 1000.0 {
                        if hundred {
                            return group_start.or(best);
                        }
                        current = current.max(1.0) * s;
                        hundred = true;
                        prev = Prev::Hundred;
                    } else {
                        if s == big {
                            return group_start.or(best);
                        }
                        if s > big {
                            total = if total + current > 0.0 {
                                (total + current) * s
                            } else {
                                s
                            };
                            big = s;
                        } else {
                            total += current.max(1.0) * s;
                        }
                        current = 0.0;
                        hundred = false;
                        prev = Prev::Big;
                    }
                    tail = 0.0;
                    if plural {
                        words = true;
                        k += 1;
                        best = Some(Int {
                            end: k,
                            value: total + current,
                            scale: big.max(if hundred { 100.0 } else { 1.0 }),
                            before_and,
                            ends_in_tens: false,
                            article,
                            words,
                        });
                        break;
                    }
                } else {
                    break;
                }
                words = true;
            }
            k += 1;
            best = Some(Int {
                end: k,
                value: total + current,
                scale: big.max(if hundred { 100.0 } else { 1.0 }),
                before_and,
                ends_in_tens: prev == Prev::Tens,
                article,
                // `3 hundred and 21` is read here though it has no word.
                words: words || k - i > 1,
            });
        }
        best
    }

    /// A denominator at token `k`: `fifths`, `quarter`, `twenty-first`,
    /// `hundredths`; with its end and whether it is singular.
    fn denominator(&self, toks: &[Tok], k: usize) -> Option<(usize, f64, bool)> {
        let lex = &self.lex;
        let t = toks.get(k).filter(|t| t.joined && t.numeric)?;
        let w = t.word?;
        let read = |w: &str| -> Option<(f64, bool)> {
            if let Some(d) = lex.fractions.get(w) {
                return Some((*d, !w.ends_with('s')));
            }
            if let Some(o) = lex.ordinals.get(w) {
                return Some((*o as f64, true));
            }
            let single = w.strip_suffix('s')?;
            lex.ordinals.get(single).map(|o| (*o as f64, false))
        };
        if let Some(tens) = lex.tens.get(w)
            && let Some(n) = toks.get(k + 1).filter(|n| n.joined)
            && let Some((o, singular)) = n.word.and_then(read)
            && o < 10.0
        {
            return Some((k + 2, *tens as f64 + o, singular));
        }
        let (d, singular) = read(w)?;
        // `first` and `second` alone are never denominators.
        (d > 2.0 || w.starts_with("hal")).then_some((k + 1, d, singular))
    }

    /// Whether a fraction may end at token `end`: not `third-party`, and
    /// a lone `a third` only before `of` or the end of a phrase.
    fn fraction_ends(&self, toks: &[Tok], text: &str, end: usize, article_singular: bool) -> bool {
        let next = toks.get(end).filter(|n| n.joined);
        if next.is_some_and(|n| n.hyphen) {
            return false;
        }
        if article_singular {
            let last = toks[end - 1].end;
            return next.is_none_or(|n| n.is("of"))
                || !text[last..].starts_with(char::is_whitespace);
        }
        true
    }

    /// Runs of number words: `one hundred and six`, `twenty-three`,
    /// `a dozen`, `two-thirds`, `one and a half million`, `minus five
    /// point five`, `one in five`; and ordinals such as `third`.
    /// `lower` is the text in ASCII lower case.
    fn word_numbers(
        &self,
        text: &str,
        lower: &str,
        words: &[Word],
        digits: &[Found],
        blocked: &dyn Fn(usize, usize) -> bool,
        found: &mut Vec<Found>,
    ) {
        let lex = &self.lex;
        let toks = self.tokens(text, lower, words, digits);
        // A reading goes past written digits only into a joined number
        // word or the first word of a ratio (`1 in 5`); without one, the
        // digits alone are what `digit_numbers` found, and the reading,
        // which most figures would pay for, is passed over.
        let goes_on = |t: &Tok| {
            t.joined
                && (t.numeric
                    || t.word.is_none_or(|w| {
                        self.numbers
                            .ratio_words
                            .iter()
                            .any(|parts| parts.first().is_some_and(|p| p == w))
                    }))
        };
        let mut i = 0;
        while i < toks.len() {
            let digits_alone = toks[i].digits.is_some() && !toks.get(i + 1).is_some_and(goes_on);
            if !toks[i].opens || digits_alone || blocked(toks[i].start, toks[i].end) {
                i += 1;
                continue;
            }
            match self.read_number(&toks, text, i) {
                Some((end, kind, value)) if end > i + 1 || toks[i].digits.is_none() => {
                    let (s, e) = (toks[i].start, toks[end - 1].end);
                    let pronoun = end == i + 1
                        && toks[i].is("one")
                        && i > 0
                        && toks[i].joined
                        && toks[i - 1]
                            .word
                            .is_some_and(|w| lex.pronoun_after.iter().any(|p| p == w));
                    if !pronoun && !blocked(s, e) {
                        found.push(Found::quantity(kind, s, e, value, &self.ids.number));
                    }
                    i = end;
                }
                _ => i += 1,
            }
        }
    }

    /// The number starting at token `i`: its end token, kind and value.
    fn read_number(&self, toks: &[Tok], text: &str, i: usize) -> Option<(usize, MentionKind, f64)> {
        let lex = &self.lex;
        let word = |k: usize| toks.get(k).and_then(|t| t.word);
        let joined = |k: usize| toks.get(k).is_some_and(|t| t.joined);
        let mut k = i;
        let mut sign = 1.0;
        if word(k).is_some_and(|w| lex.signs.iter().any(|s| s == w)) && joined(k + 1) {
            sign = -1.0;
            k += 1;
        }
        let int = self.integer(toks, k);
        // (whole part, fraction, end token)
        let mut whole = 0.0;
        let mut frac = 0.0;
        let mut end;
        // The scale a fraction takes when no scale word follows it:
        // `two million and a half`.
        let mut frac_scale = 1.0;
        match int {
            Some(n) => {
                end = n.end;
                whole = n.value;
                let scale_of_whole = n.scale;
                // `one hundred thirty fifths` is 100/35: a tens word right
                // before a unit denominator belongs to it, unless `and`
                // ties it to the number.
                let resplit = n.ends_in_tens
                    && n.end - k >= 2
                    && !toks[n.end - 2].is("and")
                    && self
                        .denominator(toks, n.end)
                        .is_some_and(|(_, d, _)| d < 10.0);
                let den = if resplit {
                    self.denominator(toks, n.end - 1)
                } else {
                    self.denominator(toks, n.end)
                };
                if let Some((dend, d, singular)) = den
                    && n.words
                {
                    let numerator = if resplit {
                        lex.tens
                            .get(word(n.end - 1).unwrap_or(""))
                            .map_or(n.value, |t| n.value - *t as f64)
                    } else {
                        n.value
                    };
                    let after_and = n.before_and.map(|(b, _)| numerator - b);
                    let small = after_and.unwrap_or(numerator);
                    let ok = (small == 1.0 || !singular || d == 2.0)
                        && self.fraction_ends(toks, text, dend, singular && n.article);
                    if ok {
                        end = dend;
                        match n.before_and {
                            Some((b, s)) if small / d < 1.0 => {
                                whole = b;
                                frac = small / d;
                                frac_scale = s;
                            }
                            _ => {
                                whole = 0.0;
                                frac = numerator / d;
                            }
                        }
                    }
                }
                if frac == 0.0 {
                    // `and a half`, `and three fifths` after the integer.
                    if word(end) == Some("and") && joined(end) && joined(end + 1) {
                        let part = if word(end + 1)
                            .is_some_and(|w| lex.articles.iter().any(|a| a == w))
                        {
                            self.denominator(toks, end + 2)
                                .map(|(e, d, _)| (e, 1.0 / d))
                        } else {
                            self.integer(toks, end + 1)
                                .filter(|m| m.words)
                                .and_then(|m| {
                                    self.denominator(toks, m.end)
                                        .filter(|(_, d, s)| m.value < *d && (!s || m.value == 1.0))
                                        .map(|(e, d, _)| (e, m.value / d))
                                })
                        };
                        if let Some((e, f)) = part {
                            frac = f;
                            frac_scale = scale_of_whole;
                            end = e;
                        }
                    }
                }
                if frac == 0.0
                    && n.words
                    && word(end).is_some_and(|w| lex.points.iter().any(|p| p == w))
                    && joined(end)
                {
                    let mut decimals = String::new();
                    let mut e = end + 1;
                    while joined(e) {
                        let Some(w) = word(e) else { break };
                        if let Some(u) = lex.units.get(w) {
                            decimals.push_str(&u.to_string());
                        } else if let Some(t) = lex.tens.get(w) {
                            let unit = word(e + 1)
                                .and_then(|u| lex.units.get(u))
                                .filter(|u| **u < 10 && joined(e + 1));
                            decimals.push_str(&(t + unit.copied().unwrap_or(0)).to_string());
                            if unit.is_some() {
                                e += 1;
                            }
                        } else {
                            break;
                        }
                        e += 1;
                    }
                    if let Ok(f) = format!("0.{decimals}").parse::<f64>()
                        && !decimals.is_empty()
                    {
                        frac = f;
                        end = e;
                    }
                }
                if frac == 0.0 && end == n.end {
                    // `twenty-first`: an ordinal.
                    if n.ends_in_tens
                        && let Some(o) = word(end)
                            .and_then(|w| lex.ordinals.get(w))
                            .filter(|o| **o < 10)
                        && joined(end)
                    {
                        return Some((end + 1, MentionKind::Ordinal, whole + *o as f64));
                    }
                    // `two hundredth`, `three thousandth`: a count of a
                    // scale's ordinal (`two hundredths`, plural, is a
                    // fraction, read above).
                    if n.words
                        && (1.0..1000.0).contains(&whole)
                        && let Some(o) = word(end)
                            .and_then(|w| lex.ordinals.get(w))
                            .filter(|o| **o >= 100 && whole < **o as f64)
                        && joined(end)
                        && word(end + 1) != Some("of")
                    {
                        return Some((end + 1, MentionKind::Ordinal, whole * *o as f64));
                    }
                    // `one hundred and first`, `two hundred fifth`.
                    let and = usize::from(word(end) == Some("and") && joined(end));
                    if n.words
                        && whole >= 100.0
                        && whole % 100.0 == 0.0
                        && let Some(o) = word(end + and)
                            .and_then(|w| lex.ordinals.get(w))
                            .filter(|o| **o < 100)
                        && joined(end + and)
                    {
                        return Some((end + and + 1, MentionKind::Ordinal, whole + *o as f64));
                    }
                }
            }
            None => {
                // `half`, `a quarter`, `a fifth`.
                let article = word(k).is_some_and(|w| lex.articles.iter().any(|a| a == w));
                if let Some(f) = word(k).and_then(|w| lex.fraction_words.get(w)) {
                    frac = *f;
                    end = k + 1;
                } else if article
                    && let Some((e, d, singular)) = self.denominator(toks, k + 1)
                    && (singular || d == 2.0)
                    && self.fraction_ends(toks, text, e, d != 2.0 && d != 4.0)
                {
                    frac = 1.0 / d;
                    end = e;
                } else if k == i
                    && let Some(o) = word(k).and_then(|w| lex.ordinals.get(w))
                {
                    return Some((k + 1, MentionKind::Ordinal, *o as f64));
                } else {
                    return None;
                }
            }
        }
        // `half a million`, `five and a half million`, `two thirds of a
        // million`.
        if frac != 0.0 {
            let mut e = end;
            if word(e) == Some("of") && joined(e) {
                e += 1;
            }
            if word(e).is_some_and(|w| lex.articles.iter().any(|a| a == w)) && joined(e) {
                e += 1;
            }
            let follow = toks
                .get(e)
                .filter(|t| t.joined)
                .and_then(|t| self.scale_of(t, true))
                .filter(|s| *s >= 12.0 && (e == end || word(e - 1) != Some("of") || *s >= 1e6));
            if let Some(s) = follow {
                if whole >= s {
                    frac *= s;
                } else {
                    whole *= s;
                    frac *= s;
                }
                end = e + 1;
            } else if frac_scale >= 1e6 {
                frac *= frac_scale;
            }
        }
        let mut value = whole + frac;
        // `one in five`, `two out of three`, `1 over 20`.
        if frac == 0.0 {
            for (ratio, parts) in lex.ratios.iter().zip(&self.numbers.ratio_words) {
                let fits = parts
                    .iter()
                    .enumerate()
                    .all(|(j, p)| word(end + j) == Some(p.as_str()) && joined(end + j));
                if !fits {
                    continue;
                }
                let at = end + parts.len();
                let Some(den) = self
                    .integer(toks, at)
                    .filter(|d| joined(at) && d.value > value)
                else {
                    continue;
                };
                let after = toks.get(den.end).filter(|t| t.joined).and_then(|t| t.word);
                let year_like = toks[at].digits.is_some() && den.value >= 1000.0;
                let ok = match ratio.as_str() {
                    "over" => after.is_none(),
                    _ => {
                        !year_like
                            && !after.is_some_and(|w| lex.ratio_not_before.iter().any(|n| n == w))
                    }
                };
                if ok {
                    value /= den.value;
                    end = den.end;
                    break;
                }
            }
        }
        if int.is_none_or(|n| !n.words) && end == int.map_or(k, |n| n.end) && sign > 0.0 {
            return None;
        }
        Some((end, MentionKind::Number, sign * value))
    }
    /// Bounds before, percent after, and ranges between numbers.
    fn decorate(&self, text: &str, found: &mut Vec<Found>) {
        let lex = &self.lex;
        for f in found.iter_mut() {
            let MentionValue::Quantity(q) = &mut f.value else {
                continue;
            };
            if f.kind == MentionKind::Number
                && let Some(pct) = &lex.percent_after
                && may_open(&text[f.end..], &self.numbers.percent_firsts)
                && let Some(m) = pct.find(&text[f.end..])
            {
                let word_end = m
                    .as_str()
                    .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '%')
                    .len();
                f.kind = MentionKind::Percent;
                f.end += word_end;
                f.rule = self.ids.percent.clone();
            }
            // `percent of 10`, when no number before took the word.
            if f.kind == MentionKind::Number
                && let Some(pct) = &lex.percent_before
                && ends_with_of(&text[floor(text, f.start.saturating_sub(30))..f.start])
                && let Some(c) =
                    pct.captures(&text[floor(text, f.start.saturating_sub(30))..f.start])
            {
                let w = c.name("w").expect("percent group");
                f.kind = MentionKind::Percent;
                f.start = floor(text, f.start.saturating_sub(30)) + w.start();
                f.rule = self.ids.percent.clone();
            }
            if f.kind == MentionKind::Ordinal {
                continue;
            }
            let window_start = floor(text, f.start.saturating_sub(40));
            let before = &text[window_start..f.start];
            let trimmed = before.trim_end();
            let tail = trailing_letters(trimmed);
            // Of the rules whose words end right before the number, the
            // longest phrase wins (the first rule on a tie): `no more than
            // 50` is an upper bound though `more than 50` is a lower one.
            // A phrase ends the window only if its last word does.
            let compared = match &self.numbers.bound_tails {
                Some(tails)
                    if tail.is_ascii() && (before.is_ascii() || !before.contains(CASE_FOLDED)) =>
                {
                    Some(lowered(tail, |t| tails.get(t)).map_or(&[][..], Vec::as_slice))
                }
                _ => None,
            };
            let bound: Option<(usize, &crate::lexicon::BoundRule)> = match compared {
                Some(phrases) => phrases
                    .iter()
                    .filter_map(|(k, phrase)| phrase_before(trimmed, phrase).map(|at| (at, *k)))
                    .min()
                    .map(|(at, k)| (at, &lex.bounds[k])),
                None => lex
                    .bounds
                    .iter()
                    .filter_map(|b| {
                        let c = b.before.as_ref()?.captures(before)?;
                        Some((c.name("w").expect("bound group").start(), b))
                    })
                    .min_by_key(|&(at, _)| at),
            };
            let before_approx = bound.map(|(at, b)| {
                f.start = window_start + at;
                set_bound(q, b);
                b.side == "none"
            });
            // An approximation before still takes a side after: `about
            // 500 or more` is at least 500.
            if before_approx != Some(false)
                && may_open(&text[f.end..], &self.numbers.bound_after_firsts)
            {
                let rest = &text[f.end..];
                if let Some((len, b)) = lex
                    .bounds
                    .iter()
                    .filter(|b| before_approx.is_none() || b.side != "none")
                    .find_map(|b| b.after_len(rest).map(|len| (len, b)))
                {
                    f.end += len;
                    let approx = q.approx && before_approx.is_some();
                    set_bound(q, b);
                    q.approx |= approx;
                }
            }
        }
        // Ranges: `10 to 12`, `10-12`, `20 through 30`, `between 2 and
        // 5`; `from 10 to 12`
        // is a change, not a range.
        // Each mention is held against the one kept before it, which a
        // join may have grown: kept apart, for removing from the middle
        // made long articles quadratic.
        let mut kept: Vec<Found> = Vec::with_capacity(found.len());
        for b in found.drain(..) {
            let Some(a) = kept.last_mut() else {
                kept.push(b);
                continue;
            };
            // A percent sign or bound words can grow one mention into the
            // next (`5%28`): the later one goes.
            if b.start < a.end {
                continue;
            }
            let same_kind = a.kind == b.kind && a.kind != MentionKind::Ordinal;
            let gap = &text[a.end..b.start];
            // A lower and an upper bound joined (`more than 100 and less
            // than 300`, `at most 100 and at least 20`) bound one figure.
            if same_kind
                && let (MentionValue::Quantity(qa), MentionValue::Quantity(qb)) =
                    (&a.value, &b.value)
                && let Some((min, max)) = bound_pair(qa, qb)
                && self.numbers.bound_join.is_match(gap)
            {
                a.end = b.end;
                a.value = MentionValue::Quantity(Quantity {
                    value: min,
                    min: Some(min),
                    max: Some(max),
                    approx: true,
                });
                continue;
            }
            // A joiner is a dash, `~`, `to`, `through` or `and` between
            // spaces.
            let joiner = gap.trim();
            if !same_kind || (joiner.len() > 3 && !joiner.eq_ignore_ascii_case("through")) {
                kept.push(b);
                continue;
            }
            let window = &text[floor(text, a.start.saturating_sub(12))..a.start];
            let joined = self.numbers.range_join.is_match(gap);
            let is_and = gap.trim().eq_ignore_ascii_case("and");
            let between = self.numbers.range_between.is_match(window);
            let from = window.trim_end().to_lowercase().ends_with("from");
            if joined
                && (!is_and || between)
                && !from
                && let (MentionValue::Quantity(qa), MentionValue::Quantity(qb)) =
                    (&a.value, &b.value)
                && qb.value > qa.value
            {
                let q = Quantity {
                    value: qa.value,
                    min: Some(qa.value),
                    max: Some(qb.value),
                    approx: true,
                };
                if between {
                    a.start = floor(text, a.start.saturating_sub(12))
                        + window.to_lowercase().rfind("between").unwrap_or(0);
                }
                a.end = b.end;
                a.value = MentionValue::Quantity(q);
                continue;
            }
            kept.push(b);
        }
        *found = kept;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percent_word_is_looked_for_only_where_one_can_open() {
        let firsts = first_bytes(&["%".to_string(), "Percent".to_string()]);
        for rest in [
            "%",
            " %",
            " percent",
            "PERCENT",
            "\u{a0}per cent",
            " \u{212a}",
        ] {
            assert!(may_open(rest, &firsts), "{rest:?}");
        }
        for rest in ["", " ", "  %", " 5", " of", "-percent"] {
            assert!(!may_open(rest, &firsts), "{rest:?}");
        }
        // A word that opens beyond ASCII leaves every byte open.
        assert!(may_open(" x", &first_bytes(&["٪".to_string()])));
    }

    #[test]
    fn bound_phrases_compared_start_where_the_rule_regex_captures() {
        let book = crate::rules::RuleBook::with_dir(None).expect("rules");
        let lex = Lexicon::new(&book);
        let windows = [
            "",
            " ",
            "killed at least ",
            "At Least  ",
            "flat least ",
            "xat least",
            "5over ",
            "clover ",
            "over",
            "There were no more than ",
            "\u{2014}more than ",
            "\u{e9}above ",
            "greater than or equal to ",
            "more than\u{a0}",
            "more than\t\n",
            "more  than ",
            "some",
            "wholesome ",
            "when >= ",
            "x>",
            "(\u{2264} ",
            "a\u{2265}",
            "an estimated ",
            "estimated ",
        ];
        for b in lex.bounds.iter().filter(|b| b.before.is_some()) {
            let re = b.before.as_ref().expect("before regex");
            for window in windows {
                let captured = re
                    .captures(window)
                    .map(|c| c.name("w").expect("bound group").start());
                let compared = b
                    .words
                    .iter()
                    .filter_map(|phrase| phrase_before(window.trim_end(), phrase))
                    .min();
                assert_eq!(compared, captured, "{} on {window:?}", b.id);
            }
        }
    }
}
