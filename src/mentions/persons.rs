//! Persons: capitalized name runs confirmed by a signal (a title before, a
//! speech verb beside, `according to`), or known by rule; later bare
//! surnames and first names join the person they belong to.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use regex::Regex;
use regex_automata::dfa::{Automaton, OverlappingState as dense_overlapping, StartKind, dense};
use regex_automata::hybrid::dfa::{Cache, DFA, OverlappingState};
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::util::primitives::StateID;
use regex_automata::util::start;
use regex_automata::{Anchored, HalfMatch, Input, MatchKind};
use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Repetition,
};
use scan::{Letters, WordSet};

mod scan;

use super::cues::{Cue, Cues, any_in};
use super::{Found, Recognizer};
use crate::model::{MentionKind, MentionValue};

pub(super) struct PersonPatterns {
    letters: Letters,
    verb_after: Signal,
    verb_after_who: Signal,
    verb_before: Signal,
    according_before: Signal,
    title_after: Signal,
    cue_before: Signal,
    /// Every title pattern, in the order of the rules.
    title_patterns: Vec<Regex>,
    /// The title patterns reversed, as lazy DFAs: a backward read from a
    /// name finds the few patterns that can end right before it, so only
    /// those are searched. The first reads ASCII only (see [`ascii_only`]).
    title_ends: [Option<Dfa>; 2],
    /// The lazy DFAs' caches, one set per thread.
    caches: Pool<Caches>,
    /// Known persons' names and aliases, person by person.
    spellings: Vec<Spelling>,
    /// The last words of `spellings`.
    surnames: WordSet,
    /// Words that are never names, from the rules.
    not_names: WordSet,
}

/// A spelling of a person known by rule.
struct Spelling {
    /// The person's place in the rules.
    person: usize,
    text: String,
    /// Its last word.
    surname: String,
}

/// Speech verbs, attribution words and person cues: a signal pattern runs
/// only where its words are near a name. A signal matches inside the
/// window its pattern reads, so every word of it is there: each phrase is
/// found by its longest word (`according` of `according to`, not `in` of
/// `in the words of`), the rarest.
pub(super) fn cue_words(lex: &crate::lexicon::Lexicon) -> Vec<(Cue, Vec<String>)> {
    let longest_words = |alternation: &str| -> Vec<String> {
        alternation
            .split('|')
            .filter_map(|phrase| phrase.split(r"\s+").max_by_key(|w| w.len()))
            .map(str::to_string)
            .collect()
    };
    vec![
        (Cue::SpeechVerb, longest_words(&lex.speech_verbs)),
        (Cue::Attribution, longest_words(&lex.attribution)),
        (Cue::NameAnnouncer, longest_words(&lex.person_cues)),
    ]
}

impl PersonPatterns {
    pub(super) fn new(lex: &crate::lexicon::Lexicon) -> PersonPatterns {
        let verbs = &lex.speech_verbs;
        let attribution = if lex.attribution.is_empty() {
            "$^".to_string()
        } else {
            lex.attribution.clone()
        };
        let title_patterns: Vec<Regex> = lex
            .titles
            .iter()
            .flat_map(|t| t.patterns.iter().cloned())
            .collect();
        let mut parser = regex_syntax::ParserBuilder::new();
        parser.case_insensitive(true);
        let title_hirs: Option<Vec<Hir>> = title_patterns
            .iter()
            .map(|p| parser.build().parse(p.as_str()).ok())
            .collect();
        let title_ends = title_hirs.map_or([None, None], |hirs| {
            let ascii: Vec<Hir> = hirs.iter().map(ascii_only).collect();
            [Dfa::new(&ascii, true, true), Dfa::new(&hirs, true, false)]
        });
        let spellings: Vec<Spelling> = lex
            .persons
            .iter()
            .enumerate()
            .flat_map(|(person, p)| {
                std::iter::once(&p.name)
                    .chain(&p.aliases)
                    .map(move |n| (person, n))
            })
            .filter_map(|(person, n)| {
                Some(Spelling {
                    person,
                    surname: n.split_whitespace().next_back()?.to_string(),
                    text: n.clone(),
                })
            })
            .collect();
        PersonPatterns {
            letters: Letters::new(),
            title_patterns,
            title_ends,
            caches: Pool::new(Caches::default),
            surnames: WordSet::new(spellings.iter().map(|s: &Spelling| s.surname.as_str())),
            not_names: WordSet::new(lex.not_names.iter().map(String::as_str)),
            spellings,
            // `X said`, `X, who …, said`, `X:` opening a headline.
            verb_after: Signal::forward(&format!(r"(?i)^(?:['’]s)?\s*(?:,\s*)?(?:who\s+)?(?:has\s+|had\s+|have\s+|also\s+)?(?:{verbs})\b|^:\s"), true).expect("verb after"),
            // Bounded repetitions make this and `title_after` huge as whole
            // DFAs.
            verb_after_who: Signal::forward(&format!(r"(?i)^,\s+who\b[^.]{{0,100}}?,\s+(?:{verbs})\b"), false).expect("verb after who"),
            // `said X`, `said Chairman X`.
            verb_before: Signal::backward(&format!(r"(?i:\b(?:{verbs}))\s+(?:\p{{Lu}}\p{{L}}*\s+){{0,3}}$"), true).expect("verb before"),
            according_before: Signal::backward(&format!(r"(?i)\b(?:{attribution})\s*$"), true).expect("according"),
            cue_before: Signal::backward(&format!(r"(?i)\b(?:{})\s+$", if lex.person_cues.is_empty() { "$^" } else { lex.person_cues.as_str() }), true).expect("cue before"),
            title_after: Signal::forward(r"^,\s+(?:the\s+|a\s+|\p{Lu}[\p{L}]+['’]s\s+)?[\p{L}\s]{0,20}?(?:\p{Lu}|chief|head|spokes|secretary|minister|president|mayor|governor|director|leader|chair|judge|officer|commander|ambassador)", false).expect("title after"),
        }
    }
}

/// A signal pattern, with a lazy DFA of it that reads the window from the
/// pattern's anchor (`^` forward, `$` backward) and stops where no match
/// can follow: the regex crate's per-search setup cost more than reading
/// the few bytes that decide.
struct Signal {
    regex: Regex,
    /// The pattern for windows of ASCII only (see [`ascii_only`]); `None`
    /// when it is beyond the DFAs.
    ascii: Option<Dfa>,
    backward: bool,
}

impl Signal {
    /// A pattern anchored at the window's start; `whole` as in [`Dfa::new`].
    /// A pattern split at its top alternatives matches where one does.
    fn forward(pattern: &str, whole: bool) -> Result<Signal, regex::Error> {
        Signal::new(pattern, false, whole)
    }

    /// A pattern anchored at the window's end.
    fn backward(pattern: &str, whole: bool) -> Result<Signal, regex::Error> {
        Signal::new(pattern, true, whole)
    }

    fn new(pattern: &str, backward: bool, whole: bool) -> Result<Signal, regex::Error> {
        let regex = crate::rules::code_regex(pattern)?;
        let mut parser = regex_syntax::Parser::new();
        let ascii = parser
            .parse(regex.as_str())
            .ok()
            .and_then(|hir| Dfa::new(&[ascii_only(&hir)], backward, whole));
        Ok(Signal {
            regex,
            ascii,
            backward,
        })
    }

    /// Whether the pattern matches `window`, as `Regex::is_match` says.
    fn is_match(&self, cache: &mut Option<Cache>, window: &str) -> bool {
        let found = self.ascii.as_ref().and_then(|dfa| {
            let bytes = window.bytes();
            if self.backward {
                dfa.walk_ascii(cache, bytes.rev())
            } else {
                dfa.walk_ascii(cache, bytes)
            }
        });
        found.unwrap_or_else(|| self.regex.is_match(window))
    }
}

/// `hir` narrowed to what it matches in ASCII: each class keeps its ASCII
/// members and a literal beyond ASCII matches nothing, which on haystacks
/// of ASCII only changes no match. Small classes make DFA states cheap to
/// build, where `\p{L}` whole makes each cost thousands of instructions.
fn ascii_only(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => hir.clone(),
        HirKind::Literal(literal) if literal.0.is_ascii() => hir.clone(),
        HirKind::Literal(_) => Hir::fail(),
        HirKind::Class(Class::Unicode(class)) => {
            let mut class = class.clone();
            class.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]));
            Hir::class(Class::Unicode(class))
        }
        HirKind::Class(Class::Bytes(class)) => {
            let mut class = class.clone();
            class.intersect(&ClassBytes::new([ClassBytesRange::new(0, 0x7F)]));
            Hir::class(Class::Bytes(class))
        }
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(ascii_only(&repetition.sub)),
            ..repetition.clone()
        }),
        HirKind::Capture(capture) => Hir::capture(Capture {
            sub: Box::new(ascii_only(&capture.sub)),
            ..capture.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(ascii_only).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(ascii_only).collect()),
    }
}

/// Patterns as one DFA, matching all at once (`MatchKind::All`), anchored:
/// built whole when small, so a step reads a table and no state is built
/// while reading, and lazily otherwise.
enum Dfa {
    /// With its anchored start state, the same for every window: each
    /// window is a haystack of its own.
    Whole(dense::DFA<Vec<u32>>, StateID),
    Lazy(DFA),
}

/// A whole DFA larger than this is built lazily instead.
const WHOLE_DFA_BYTES: usize = 2 << 20;

impl Dfa {
    /// `whole` tries the whole DFA first; `None` when the patterns are
    /// beyond both.
    fn new(hirs: &[Hir], backward: bool, whole: bool) -> Option<Dfa> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .reverse(backward)
                    .shrink(backward)
                    .which_captures(thompson::WhichCaptures::None),
            )
            .build_many_from_hir(hirs)
            .ok()?;
        let built = whole
            .then(|| {
                dense::Builder::new()
                    .configure(
                        dense::Config::new()
                            .match_kind(MatchKind::All)
                            .start_kind(StartKind::Anchored)
                            .unicode_word_boundary(true)
                            .dfa_size_limit(Some(WHOLE_DFA_BYTES))
                            .determinize_size_limit(Some(WHOLE_DFA_BYTES)),
                    )
                    .build_from_nfa(&nfa)
                    .ok()
            })
            .flatten();
        let whole_start = |dfa: &dense::DFA<Vec<u32>>| {
            dfa.start_state(&start::Config::new().anchored(Anchored::Yes))
                .ok()
        };
        match built.and_then(|dfa| Some((whole_start(&dfa)?, dfa))) {
            Some((start, dfa)) => Some(Dfa::Whole(dfa, start)),
            None => DFA::builder()
                .configure(
                    DFA::config()
                        .match_kind(MatchKind::All)
                        .unicode_word_boundary(true),
                )
                .build_from_nfa(nfa)
                .ok()
                .map(Dfa::Lazy),
        }
    }

    /// Whether the DFA of ASCII patterns, reading `bytes` from a haystack's
    /// edge in its own direction, matches anchored there; `None` when it
    /// would read a byte beyond ASCII first. The walk stops where the DFA
    /// dies, within a few bytes on most windows, and skips the setup a
    /// search pays on every call.
    #[inline]
    fn walk_ascii(
        &self,
        cache: &mut Option<Cache>,
        bytes: impl Iterator<Item = u8>,
    ) -> Option<bool> {
        let Dfa::Whole(dfa, start) = self else {
            return self.walk_ascii_lazily(cache, bytes);
        };
        let mut state = *start;
        for b in bytes {
            if !b.is_ascii() {
                return None;
            }
            state = dfa.next_state(state, b);
            if dfa.is_special_state(state) {
                if dfa.is_match_state(state) {
                    return Some(true);
                }
                if dfa.is_dead_state(state) {
                    return Some(false);
                }
                if dfa.is_quit_state(state) {
                    return None;
                }
            }
        }
        Some(dfa.is_match_state(dfa.next_eoi_state(state)))
    }

    /// [`Self::walk_ascii`] of a lazy DFA.
    fn walk_ascii_lazily(
        &self,
        cache: &mut Option<Cache>,
        bytes: impl Iterator<Item = u8>,
    ) -> Option<bool> {
        let Dfa::Lazy(dfa) = self else {
            return None;
        };
        let cache = cache.get_or_insert_with(|| dfa.create_cache());
        let mut state = dfa
            .start_state(cache, &start::Config::new().anchored(Anchored::Yes))
            .ok()?;
        for b in bytes {
            if !b.is_ascii() {
                return None;
            }
            state = dfa.next_state(cache, state, b).ok()?;
            if state.is_tagged() {
                if state.is_match() {
                    return Some(true);
                }
                if state.is_dead() {
                    return Some(false);
                }
                if state.is_quit() {
                    return None;
                }
            }
        }
        Some(dfa.next_eoi_state(cache, state).ok()?.is_match())
    }

    /// Whether `ends_here` holds for a pattern that the reverse DFA finds
    /// ending at the end of `hay`; `None` when the DFA quits.
    fn ending_patterns(
        &self,
        cache: &mut Option<Cache>,
        hay: &str,
        ends_here: impl Fn(usize) -> bool,
    ) -> Option<bool> {
        let input = Input::new(hay).anchored(Anchored::Yes);
        // A pattern that matches ending here may still not be where its
        // own leftmost matches fall.
        let decide = |m: Option<HalfMatch>| m.map(|m| ends_here(m.pattern().as_usize()));
        match self {
            Dfa::Whole(dfa, _) => {
                let mut state = dense_overlapping::start();
                loop {
                    dfa.try_search_overlapping_rev(&input, &mut state).ok()?;
                    match decide(state.get_match()) {
                        Some(true) => return Some(true),
                        Some(false) => {}
                        None => return Some(false),
                    }
                }
            }
            Dfa::Lazy(dfa) => {
                let cache = cache.get_or_insert_with(|| dfa.create_cache());
                let mut state = OverlappingState::start();
                loop {
                    dfa.try_search_overlapping_rev(cache, &input, &mut state)
                        .ok()?;
                    match decide(state.get_match()) {
                        Some(true) => return Some(true),
                        Some(false) => {}
                        None => return Some(false),
                    }
                }
            }
        }
    }
}

/// A thread's caches for the lazy DFAs of [`PersonPatterns`].
#[derive(Default)]
struct Caches {
    verb_after: Option<Cache>,
    verb_after_who: Option<Cache>,
    verb_before: Option<Cache>,
    according_before: Option<Cache>,
    cue_before: Option<Cache>,
    title_after: Option<Cache>,
    title_ends: [Option<Cache>; 2],
}

/// A name as found in one article, before the batch folds spellings: its
/// text is the article's `start..end`.
#[derive(Debug, Clone)]
pub(super) struct NameRun {
    pub start: usize,
    pub end: usize,
    /// Where its last word starts; `start` for a one-word name.
    pub last_word: usize,
    /// Where its first word ends; `end` for a one-word name.
    pub first_end: usize,
    /// Whether it names a person known by rule.
    pub known: bool,
    pub signalled: bool,
}

impl NameRun {
    fn is_full(&self) -> bool {
        self.last_word > self.start
    }
}

/// The cues of one family, asked in order: windows only move forward
/// through an article, so each question skips the cues the last passed.
struct CuesAhead<'a> {
    /// `None` when every place may hold a cue.
    rest: Option<&'a [usize]>,
}

impl<'a> CuesAhead<'a> {
    fn new(cues: &'a Cues, family: Cue) -> CuesAhead<'a> {
        CuesAhead {
            rest: cues.at(family),
        }
    }

    /// Whether a cue starts in `start..end`; `start` never goes back.
    #[inline]
    fn any_in(&mut self, start: usize, end: usize) -> bool {
        let Some(rest) = &mut self.rest else {
            return true;
        };
        let passed = rest.iter().take_while(|&&p| p < start).count();
        *rest = &rest[passed..];
        // Every cue left starts at `start` or later: the first decides.
        any_in(&rest[..rest.len().min(1)], start, end)
    }
}

/// The cues each signal needs near a name.
struct Near<'a> {
    speech_after: CuesAhead<'a>,
    speech_before: CuesAhead<'a>,
    attribution: CuesAhead<'a>,
    announcer: CuesAhead<'a>,
}

impl Recognizer {
    fn title_ends_at(&self, text: &str, at: usize, caches: &mut [Option<Cache>; 2]) -> bool {
        // The 90 bytes before, as `crate::text::before` cuts them, without
        // the spaces and commas they end in.
        let from = crate::text::ceil_boundary(text, at.saturating_sub(90));
        let bytes = text.as_bytes();
        let mut to = at;
        while to > from && matches!(bytes[to - 1], b' ' | b',') {
            to -= 1;
        }
        let trimmed = &text[from..to];
        let patterns = &self.persons.title_patterns;
        let ends_here = |p: usize| {
            patterns[p]
                .find_iter(trimmed)
                .any(|m| m.end() == trimmed.len())
        };
        let dfas = &self.persons.title_ends;
        if let Some(dfa) = &dfas[0]
            && dfa.walk_ascii(&mut caches[0], trimmed.bytes().rev()) == Some(false)
        {
            return false;
        }
        // The first DFA reads ASCII only.
        let skip = usize::from(!trimmed.is_ascii());
        dfas.iter()
            .zip(caches)
            .skip(skip)
            .find_map(|(dfa, cache)| dfa.as_ref()?.ending_patterns(cache, trimmed, ends_here))
            .unwrap_or_else(|| (0..patterns.len()).any(ends_here))
    }

    /// Whether the word at `start..end` of `text` is never part of a name:
    /// without its possessive endings, as written or, when short (`Un`),
    /// in capitals.
    #[inline]
    fn not_a_name(&self, text: &str, (start, end): (usize, usize)) -> bool {
        let word = without_possessive(&text.as_bytes()[start..end]);
        let short = word.len() <= 4;
        if short && !word.is_ascii() {
            let word = &text[start..start + word.len()];
            let not_names = &self.lex.not_names;
            return not_names.contains(word) || not_names.contains(&word.to_uppercase());
        }
        self.persons
            .not_names
            .holds(text.as_bytes(), start, word.len(), short)
    }

    /// The name a run holds, if any, not yet signalled. Words that are
    /// never names split the run, and names right before one name a body
    /// (`Kestria Ministry`), not a person: only the words after the last
    /// of them may be a name.
    #[inline]
    fn name_in(&self, text: &str, words: &[(usize, usize)]) -> Option<NameRun> {
        let mut first = words.len();
        while first > 0 && !self.not_a_name(text, words[first - 1]) {
            first -= 1;
            if words.len() - first > 3 {
                return None;
            }
        }
        let (&(start, first_end), &(last_word, mut end)) =
            (words[first..].first()?, words[first..].last()?);
        let bytes = text.as_bytes();
        for suffix in ["'s", "’s"] {
            if bytes[start..end].ends_with(suffix.as_bytes()) {
                end -= suffix.len();
            }
        }
        if !is_name(&text[start..end]) {
            return None;
        }
        Some(NameRun {
            start,
            end,
            last_word,
            first_end: first_end.min(end),
            known: false,
            signalled: false,
        })
    }

    /// Whether the context of a name proves a person. The windows are cut
    /// as [`crate::text::after`] and [`crate::text::before`] cut them, only
    /// when a signal reads them.
    fn signalled(&self, text: &str, run: &NameRun, near: &mut Near, caches: &mut Caches) -> bool {
        let p = &self.persons;
        let (start, end) = (run.start, run.end);
        let after_end = crate::text::floor_boundary(text, end + 60);
        let before_start = crate::text::ceil_boundary(text, start.saturating_sub(40));
        let after = || &text[end..after_end];
        let before = || &text[before_start..start];
        let next = text.as_bytes().get(end);
        run.known
            || run.is_full()
                && next == Some(&b',')
                && p.title_after.is_match(&mut caches.title_after, after())
            || (next == Some(&b':') || near.speech_after.any_in(end, after_end))
                && (p.verb_after.is_match(&mut caches.verb_after, after())
                    || p.verb_after_who
                        .is_match(&mut caches.verb_after_who, after()))
            || near.speech_before.any_in(before_start, start)
                && p.verb_before.is_match(&mut caches.verb_before, before())
            || near.attribution.any_in(before_start, start)
                && p.according_before
                    .is_match(&mut caches.according_before, before())
            || near.announcer.any_in(before_start, start)
                && p.cue_before.is_match(&mut caches.cue_before, before())
            || self.title_ends_at(text, start, &mut caches.title_ends)
    }

    /// Name runs of one article; `signalled` says the context proves a person.
    /// `cues` are the article's cue words.
    pub(super) fn name_runs(&self, text: &str, cues: &Cues) -> Vec<NameRun> {
        let mut caches = self.persons.caches.get();
        let mut near = Near {
            speech_after: CuesAhead::new(cues, Cue::SpeechVerb),
            speech_before: CuesAhead::new(cues, Cue::SpeechVerb),
            attribution: CuesAhead::new(cues, Cue::Attribution),
            announcer: CuesAhead::new(cues, Cue::NameAnnouncer),
        };
        // About one name run in a hundred bytes of news prose.
        let mut out = Vec::with_capacity(text.len() / 64);
        self.persons.letters.each_run(text, |words| {
            if let Some(mut name) = self.name_in(text, words) {
                name.known = self
                    .known_as(&text[name.start..name.end], &text[name.last_word..name.end])
                    .is_some();
                name.signalled = self.signalled(text, &name, &mut near, &mut caches);
                out.push(name);
            }
        });
        out
    }

    /// The canonical name of a person known by rule, if `name` is one.
    pub(super) fn known_person(&self, name: &str) -> Option<&str> {
        self.known_as(name, name.split_whitespace().next_back()?)
    }

    /// [`Self::known_person`] of a name whose last word is `surname`. A
    /// spelling that is the name ends in its last word too, so only
    /// spellings with that last word are read.
    #[inline]
    fn known_as(&self, name: &str, surname: &str) -> Option<&str> {
        if !self.persons.surnames.holds_in_any_case(surname.as_bytes()) {
            return None;
        }
        self.spelled(name, surname)
    }

    /// [`Self::known_as`] past the check that some spelling ends in
    /// `surname`.
    fn spelled(&self, name: &str, surname: &str) -> Option<&str> {
        let spelling = self.persons.spellings.iter().find(|s| {
            s.surname.eq_ignore_ascii_case(surname)
                && (s.text.eq_ignore_ascii_case(name)
                    || name.split_whitespace().nth(1).is_none()
                    || first_names_agree(&s.text, name))
        })?;
        Some(&self.lex.persons[spelling.person].name)
    }

    /// Persons of one article: signalled runs, then bare names that match
    /// their first or last names.
    pub(super) fn persons(&self, text: &str, cues: &Cues) -> Vec<Found> {
        let runs = self.name_runs(text, cues);
        // Names compare as bytes: spans are char boundaries already.
        let bytes = text.as_bytes();
        let name = |r: &NameRun| &bytes[r.start..r.end];
        let last_word = |r: &NameRun| &bytes[r.last_word..r.end];
        let first_word = |r: &NameRun| &bytes[r.start..r.first_end];
        // Looked up by name, first word and last word: a scan of the full
        // names for every run made long articles quadratic.
        let mut full_names: Vec<&NameRun> =
            runs.iter().filter(|r| r.signalled && r.is_full()).collect();
        // Sized up front: growing them cost more than the lookups.
        let fulls = runs.iter().filter(|r| r.is_full()).count();
        let sized = || HashMap::with_capacity_and_hasher(fulls, Default::default());
        let mut known_full: HashSet<&[u8]> =
            HashSet::with_capacity_and_hasher(fulls, Default::default());
        known_full.extend(full_names.iter().map(|f| name(f)));
        let mut first_full_by_last: HashMap<&[u8], &NameRun> = sized();
        for f in runs.iter().filter(|f| f.is_full()) {
            first_full_by_last.entry(last_word(f)).or_insert(f);
        }
        // `Lantz said` makes the earlier `Ivo Lantz` a person too.
        for single in runs.iter().filter(|r| r.signalled && !r.is_full()) {
            if let Some(&f) = first_full_by_last.get(name(single))
                && known_full.insert(name(f))
            {
                full_names.push(f);
            }
        }
        let mut by_last: HashMap<&[u8], &NameRun> = sized();
        let mut by_first: HashMap<&[u8], &NameRun> = sized();
        for &f in &full_names {
            by_last.entry(last_word(f)).or_insert(f);
            by_first.entry(first_word(f)).or_insert(f);
        }
        let mut out = Vec::with_capacity(runs.len());
        for run in &runs {
            let full = if run.is_full() {
                known_full.contains(name(run)).then_some(run)
            } else {
                // A bare name takes the full name it is part of.
                by_last
                    .get(name(run))
                    .or_else(|| by_first.get(name(run)))
                    .copied()
            };
            if !run.signalled && full.is_none() {
                continue;
            }
            let named = full.unwrap_or(run);
            let name = &text[named.start..named.end];
            let canonical = named
                .known
                .then(|| self.known_person(name))
                .flatten()
                .unwrap_or(name);
            out.push(Found {
                kind: MentionKind::Person,
                start: run.start,
                end: run.end,
                value: MentionValue::Text(canonical.to_string()),
                rule: self.ids.person.clone(),
            });
        }
        out
    }
}

/// A word without its possessive endings, as `trim_end_matches` would
/// take them: every `'s`, then every `’s`.
fn without_possessive(mut word: &[u8]) -> &[u8] {
    while let Some(w) = word.strip_suffix(b"'s") {
        word = w;
    }
    while let Some(w) = word.strip_suffix("’s".as_bytes()) {
        word = w;
    }
    word
}

/// Whether a run's words make a name: two letters, one in lower case.
#[inline]
fn is_name(name: &str) -> bool {
    // Most names start with an ASCII capital and a lower-case letter.
    if let [b'A'..=b'Z', b'a'..=b'z', ..] = name.as_bytes() {
        return true;
    }
    let (mut letters, mut lower) = (0, false);
    for c in name.chars() {
        letters += usize::from(c.is_alphabetic());
        lower |= c.is_lowercase();
        if letters >= 2 && lower {
            return true;
        }
    }
    false
}

/// First names agree when either is missing, one is the other's initial,
/// or they are equal.
pub fn first_names_agree(a: &str, b: &str) -> bool {
    let first = |s: &str| {
        let t: Vec<&str> = s.split_whitespace().collect();
        (t.len() >= 2).then(|| t[0].trim_end_matches('.').to_lowercase())
    };
    match (first(a), first(b)) {
        (Some(x), Some(y)) => {
            x == y || x.len() == 1 && y.starts_with(&x) || y.len() == 1 && x.starts_with(&y)
        }
        _ => true,
    }
}
