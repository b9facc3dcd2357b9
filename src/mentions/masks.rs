//! Spans of rule patterns that mark text as no number or no date
//! (`14:30`, `COVID-19`, `24/7`), found without reading the whole text
//! where a pattern allows.
//!
//! Most such patterns cannot match without an ASCII digit, and cannot
//! match across a byte they never hold (a letter of the time pattern, a
//! space of the code pattern). Each of those is searched only in the
//! stretches of bytes it can hold that surround the text's digits (or
//! the bytes of a rarer set it needs one of, as the `:` of a time), and
//! only in a stretch that holds a byte of each set the pattern needs one
//! of (the `:` of a time), each stretch with the char on either side
//! (which the pattern cannot hold) so that word boundaries read as in the
//! whole text. A match never crosses a stretch's end, so the matches are
//! those of a whole-text search. Other patterns are searched in the
//! whole text.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

use super::cues::Cues;
use crate::lexicon::{NamedRegex, pick};

/// Bytes as a set.
#[derive(Clone, Copy, Default)]
struct Bytes([u64; 4]);

impl Bytes {
    fn insert(&mut self, b: u8) {
        self.0[usize::from(b / 64)] |= 1 << (b % 64);
    }

    fn insert_range(&mut self, from: u8, to: u8) {
        for b in from..=to {
            self.insert(b);
        }
    }

    fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b / 64)] & (1 << (b % 64)) != 0
    }

    fn union(&mut self, other: &Bytes) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a |= b;
        }
    }

    fn meets(&self, other: &Bytes) -> bool {
        self.0.iter().zip(other.0).any(|(a, b)| a & b != 0)
    }

    fn len(&self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }

    fn members(&self) -> impl Iterator<Item = u8> + '_ {
        (0..=255).filter(|&b| self.contains(b))
    }

    /// Narrower sets first; among as narrow ones, those with fewer
    /// letters and digits, which prose is mostly made of: a set a match
    /// needs one of is a better clue the rarer its bytes are.
    fn rarity(&self) -> (u32, usize) {
        (
            self.len(),
            self.members().filter(u8::is_ascii_alphanumeric).count(),
        )
    }
}

/// Sets of bytes that every match of `hir` holds one byte of each of.
fn required(hir: &Hir) -> Vec<Bytes> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Vec::new(),
        // Every byte of a literal is in every match: `24/7` needs its `/`.
        HirKind::Literal(lit) => lit
            .0
            .iter()
            .map(|&b| {
                let mut bytes = Bytes::default();
                bytes.insert(b);
                bytes
            })
            .collect(),
        HirKind::Class(_) => {
            let mut bytes = Bytes::default();
            alphabet(hir, &mut bytes);
            vec![bytes]
        }
        HirKind::Repetition(rep) if rep.min > 0 => required(&rep.sub),
        HirKind::Repetition(_) => Vec::new(),
        HirKind::Capture(cap) => required(&cap.sub),
        HirKind::Concat(subs) => subs.iter().flat_map(required).collect(),
        // Each branch gives its narrowest set; a match holds a byte of
        // the branch it took, so of their union.
        HirKind::Alternation(subs) => {
            let mut union = Bytes::default();
            for sub in subs {
                match required(sub).into_iter().min_by_key(Bytes::rarity) {
                    Some(narrowest) => union.union(&narrowest),
                    None => return Vec::new(),
                }
            }
            vec![union]
        }
    }
}

/// The bytes the matches of `hir` can hold; a char beyond ASCII adds
/// every byte from 0x80, so a stretch never ends inside a char.
fn alphabet(hir: &Hir, out: &mut Bytes) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(lit) => {
            for &b in lit.0.iter() {
                out.insert(b);
            }
        }
        HirKind::Class(Class::Unicode(class)) => {
            for r in class.ranges() {
                let (start, end) = (u32::from(r.start()), u32::from(r.end()));
                if start < 0x80 {
                    out.insert_range(start as u8, end.min(0x7f) as u8);
                }
                if end >= 0x80 {
                    out.insert_range(0x80, 0xff);
                }
            }
        }
        HirKind::Class(Class::Bytes(class)) => {
            for r in class.ranges() {
                out.insert_range(r.start(), r.end());
            }
        }
        HirKind::Repetition(rep) => alphabet(&rep.sub, out),
        HirKind::Capture(cap) => alphabet(&cap.sub, out),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            for sub in subs {
                alphabet(sub, out);
            }
        }
    }
}

/// Whether every match of `hir` holds an ASCII digit.
fn needs_digit(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(lit) => lit.0.iter().any(u8::is_ascii_digit),
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .all(|r| r.start() >= '0' && r.end() <= '9'),
        HirKind::Class(Class::Bytes(class)) => class
            .ranges()
            .iter()
            .all(|r| r.start() >= b'0' && r.end() <= b'9'),
        HirKind::Repetition(rep) => rep.min > 0 && needs_digit(&rep.sub),
        HirKind::Capture(cap) => needs_digit(&cap.sub),
        HirKind::Concat(subs) => subs.iter().any(needs_digit),
        HirKind::Alternation(subs) => subs.iter().all(needs_digit),
    }
}

/// Where a pattern can match: the bytes it can hold, and sets of bytes a
/// match holds one of each of.
struct Stretch {
    holds: Bytes,
    needs: Vec<Bytes>,
    /// The rarest needed set when it is one to three bytes and no digit
    /// (the `:` of a time): its bytes, found by a byte search, lead to
    /// fewer stretches than the text's digits do.
    clue: Option<Vec<u8>>,
}

/// How a user pattern (compiled as [`crate::rules::build_regex`] does)
/// can be searched in stretches around digits, if it can: every match
/// holds a digit and at least one byte, and its only assertions are
/// ASCII word boundaries.
fn digit_stretch(pattern: &str) -> Option<Stretch> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(&crate::rules::ascii_boundaries(pattern))
        .ok()?;
    let props = hir.properties();
    let bounds_only = props
        .look_set()
        .iter()
        .all(|look| matches!(look, Look::WordAscii | Look::WordAsciiNegate));
    if !bounds_only || props.minimum_len().is_none_or(|n| n == 0) || !needs_digit(&hir) {
        return None;
    }
    let mut holds = Bytes::default();
    alphabet(&hir, &mut holds);
    let needs = required(&hir);
    let clue = needs
        .iter()
        .min_by_key(|n| n.rarity())
        .filter(|n| n.len() <= 3 && n.members().all(|b| !b.is_ascii_digit()))
        .map(|n| n.members().collect());
    Some(Stretch { holds, needs, clue })
}

/// A list of rule patterns, each searched around digits if it can be.
pub(super) struct MaskRules {
    /// By rule: how to search it around digits, or `None` for the whole
    /// text.
    stretches: Vec<Option<Stretch>>,
}

impl MaskRules {
    pub(super) fn new(rules: &[NamedRegex]) -> MaskRules {
        MaskRules {
            stretches: rules.iter().map(|r| digit_stretch(&r.pattern)).collect(),
        }
    }

    /// Every match of every rule, as `(rule index, start, end)`, each
    /// rule's matches as a search of the whole text finds them, but for
    /// those in a stretch that `known` says is masked already.
    pub(super) fn spans(
        &self,
        rules: &[NamedRegex],
        text: &str,
        lower: &str,
        cues: &Cues,
        known: impl Fn(usize, usize) -> bool,
    ) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let b = text.as_bytes();
        for (i, (rule, stretch)) in rules.iter().zip(&self.stretches).enumerate() {
            let (re, searched) = pick(&rule.regex, rule.lower.as_ref(), text, lower, cues.folds());
            let Some(stretch) = stretch else {
                out.extend(re.find_iter(searched).map(|m| (i, m.start(), m.end())));
                continue;
            };
            // Every stretch a match can lie in holds a digit and a byte of
            // the clue: found from either, each stretch is searched once.
            let seeds: Box<dyn Iterator<Item = usize>> = match stretch.clue.as_deref() {
                Some(&[x]) => Box::new(memchr::memchr_iter(x, b)),
                Some(&[x, y]) => Box::new(memchr::memchr2_iter(x, y, b)),
                Some(&[x, y, z]) => Box::new(memchr::memchr3_iter(x, y, z, b)),
                _ => Box::new(cues.digit_runs.iter().map(|&(digits, _)| digits)),
            };
            let mut covered = 0;
            for seed in seeds {
                if seed < covered {
                    continue;
                }
                let held = |c: &&u8| stretch.holds.contains(**c);
                let start = seed - b[..seed].iter().rev().take_while(held).count();
                let end = seed + b[seed..].iter().take_while(held).count();
                covered = end;
                let mut present = Bytes::default();
                for &c in &b[start..end] {
                    present.insert(c);
                }
                let digit = (b'0'..=b'9').any(|d| present.contains(d));
                if !digit || !stretch.needs.iter().all(|n| n.meets(&present)) || known(start, end) {
                    continue;
                }
                // The char on either side, which the rule cannot hold, so
                // that word boundaries read as in the whole text. A
                // stretch is all ASCII or holds every byte from 0x80, so
                // it ends between chars.
                let from = start - text[..start].chars().next_back().map_or(0, char::len_utf8);
                let to = end + text[end..].chars().next().map_or(0, char::len_utf8);
                out.extend(
                    re.find_iter(&searched[from..to])
                        .map(|m| (i, from + m.start(), from + m.end())),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_that_need_a_digit_are_searched_around_digits() {
        assert!(digit_stretch(r"\b[0-9]{1,2}:[0-9]{2}\b").is_some());
        assert!(digit_stretch(r"\b[a-z]+[0-9]*-?[0-9]+\b").is_some());
        // A URL needs no digit; an anchor or an empty match reads more
        // than a stretch.
        assert!(digit_stretch(r"\bwww\.[^\s]+").is_none());
        assert!(digit_stretch(r"^[0-9]+").is_none());
        assert!(digit_stretch(r"[0-9]*").is_none());
        assert!(digit_stretch(r"[0-9]|x").is_none());
    }

    #[test]
    fn a_stretch_holds_only_what_the_pattern_can_match() {
        let stretch = digit_stretch(r"\b[0-9]{1,2}:[0-9]{2}(?:\s?[ap]m)?").expect("stretch");
        for b in b"0123456789: aApPmM" {
            assert!(stretch.holds.contains(*b), "{}", *b as char);
        }
        for b in b"bxZ-,." {
            assert!(!stretch.holds.contains(*b), "{}", *b as char);
        }
        // A time needs its colon: a stretch without one is not searched.
        let mut colon = Bytes::default();
        colon.insert(b':');
        assert!(
            stretch
                .needs
                .iter()
                .any(|n| !n.meets(&Bytes::default()) && n.meets(&colon) && n.len() == 1)
        );
    }

    #[test]
    fn a_rare_needed_byte_leads_the_search() {
        let clue = |pattern: &str| digit_stretch(pattern).and_then(|s| s.clue);
        assert_eq!(clue(r"\b[0-9]{1,2}:[0-9]{2}\b"), Some(vec![b':']));
        // Each byte of a literal is needed; `/` is rarer than a digit.
        assert_eq!(clue(r"\b(?:24/7|50/50)\b"), Some(vec![b'/']));
        // Nothing rarer than a digit: found from the digits.
        assert_eq!(clue(r"\b[a-z]+[0-9]+\b"), None);
    }

    fn rule(pattern: &str) -> NamedRegex {
        NamedRegex {
            id: "test".into(),
            regex: crate::rules::build_regex(pattern).expect("pattern"),
            lower: crate::rules::lower_case_twin(pattern),
            pattern: pattern.into(),
        }
    }

    #[test]
    fn spans_are_those_of_a_whole_text_search() {
        let rules = [
            rule(r"\b[0-9]{1,2}:[0-9]{2}(?:\s?[ap]\.?m\.?)?"),
            rule(r"\b[a-z]+[0-9]*-?[0-9]+(?:-[0-9a-z]+)*\b"),
            rule(r"\bwww\.[^\s]+"),
            rule(r"\b24/7\b"),
        ];
        let masks = MaskRules::new(&rules);
        let whole: Vec<bool> = masks.stretches.iter().map(Option::is_none).collect();
        assert_eq!(whole, [false, false, true, false]);
        let text = "At 14:30 pm, F-16 and x_19 jets flew 24/7 (see www.a1.org) over 12 towns; _24/7 is no phrase, €24/7€ is. Note: 9:05, and/or 7/.";
        let lower = text.to_ascii_lowercase();
        let cues = super::super::cues::CueWords::new(&[], [], []).scan(&lower, false);
        let mut got = masks.spans(&rules, text, &lower, &cues, |_, _| false);
        got.sort_unstable();
        let mut want: Vec<(usize, usize, usize)> = rules
            .iter()
            .enumerate()
            .flat_map(|(i, r)| {
                r.regex
                    .find_iter(text)
                    .map(move |m| (i, m.start(), m.end()))
            })
            .collect();
        want.sort_unstable();
        assert_eq!(got, want);
        assert!(
            got.iter()
                .any(|&(i, s, _)| i == 0 && &text[s..s + 5] == "14:30")
        );
    }
}
