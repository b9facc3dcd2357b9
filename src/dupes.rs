//! Near-duplicate passages, within one article and across articles.
//!
//! Sentences (and paragraphs too short in sentences to have any indexable
//! one) are normalized, shingled into word n-grams and MinHashed with
//! `gaoya`; LSH banding proposes candidate pairs without comparing all
//! pairs; each candidate is confirmed with the exact shingle Jaccard or a
//! strsim ratio; confirmed pairs that sit next to each other on both sides
//! merge into the longest matching passages. Indexing sentences rather than
//! whole paragraphs is what makes containment work: a sentence lifted into a
//! longer paragraph still matches the sentence it came from.

use std::cmp::Ordering;

use gaoya::minhash::{MinHasher, MinHasher32};
use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;

use crate::model::{Block, Duplicate, Passage, Scope, Segmented, Span};

/// Units this far apart (in indexed units) on both sides still belong to one
/// passage, so a heavily edited sentence does not split a copied paragraph.
const GAP: usize = 2;
/// How many earlier matches the merge looks back at; bounds the work when one
/// unit matches a great many others.
const MERGE_WINDOW: usize = 64;
/// LSH buckets larger than this are chained instead of paired, so text that
/// recurs thousands of times stays linear; chaining keeps each copy linked.
const MAX_BUCKET: usize = 200;
/// Levenshtein is quadratic: longer normalized texts are judged on shingles.
const MAX_RATIO_CHARS: usize = 2000;

pub struct DupeInput<'a> {
    pub text: &'a str,
    /// ISO `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    pub published: Option<&'a str>,
    pub segmented: &'a Segmented,
}

#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DupeSettings {
    /// Words per shingle.
    pub ngram: usize,
    /// Shingle Jaccard at which two passages count as near-duplicates.
    pub threshold: f64,
    /// strsim normalized-Levenshtein ratio that also confirms a pair: a
    /// light word edit breaks `ngram` shingles but only a few characters.
    pub min_ratio: f64,
    /// Passages with fewer words are not indexed on their own.
    pub min_words: usize,
    /// LSH bands; more bands find lower similarities at more cost.
    pub bands: usize,
    /// MinHash rows per band; more rows mean fewer weak candidates.
    pub rows: usize,
}

impl Default for DupeSettings {
    /// Tuned on generated news (see `examples/dupes_eval.rs`): 5-grams are
    /// the usual near-duplicate unit for news; 8 words skips datelines and
    /// "he said." fragments; 20 bands of 3 rows give a candidate for ~93 % of
    /// sentence pairs at Jaccard 0.5 and for every exact copy.
    fn default() -> Self {
        Self {
            ngram: 5,
            threshold: 0.5,
            min_ratio: 0.85,
            min_words: 8,
            bands: 20,
            rows: 3,
        }
    }
}

/// An indexed unit: a sentence, or a paragraph with no indexable sentence.
struct Unit {
    span: Span,
    /// Paragraph index; sentences outside every paragraph get a unique one.
    para: usize,
    /// Furniture paragraphs before this unit: passages never merge across one.
    run: usize,
    /// Range of this unit's sorted shingles in `Indexed::shingles`.
    shingles: std::ops::Range<usize>,
}

#[derive(Default)]
struct Indexed {
    units: Vec<Unit>,
    shingles: Vec<u32>,
    /// `bands` LSH keys per unit, unit-major.
    keys: Vec<u32>,
}

/// A confirmed unit pair, by global unit id (`a < b`).
struct Match {
    a: usize,
    b: usize,
    score: f64,
}

pub fn find_duplicates(docs: &[DupeInput<'_>], settings: &DupeSettings) -> Vec<Duplicate> {
    let s = Params::new(settings);
    let hasher = MinHasher32::new(s.bands * s.rows);
    let index: Vec<Indexed> = docs
        .par_iter()
        .map(|doc| index_article(doc, &s, &hasher))
        .collect();

    // Global unit ids follow (article, offset) order, so `a < b` in a pair
    // means `a` is the earlier passage.
    let owners: Vec<(usize, usize)> = index
        .iter()
        .enumerate()
        .flat_map(|(art, ix)| (0..ix.units.len()).map(move |u| (art, u)))
        .take(u32::MAX as usize)
        .collect();
    if owners.len() < 2 {
        return Vec::new();
    }

    let mut candidates: Vec<(usize, usize)> = (0..s.bands)
        .into_par_iter()
        .flat_map_iter(|band| band_candidates(&index, &owners, band, s.bands))
        .collect();
    candidates.par_sort_unstable();
    candidates.dedup();

    let unit = |g: usize| {
        let (art, u) = owners[g];
        (art, &index[art], &index[art].units[u])
    };
    let mut matches: Vec<Match> = candidates
        .par_iter()
        .filter_map(|&(a, b)| {
            let score = confirm(docs, unit(a), unit(b), &s)?;
            Some(Match { a, b, score })
        })
        .collect();
    drop(candidates);
    matches.par_sort_unstable_by_key(|m| (owners[m.a].0, owners[m.b].0, m.a, m.b));

    let pairs: Vec<&[Match]> = matches
        .chunk_by(|x, y| owners[x.a].0 == owners[y.a].0 && owners[x.b].0 == owners[y.b].0)
        .collect();
    let mut found: Vec<Duplicate> = pairs
        .par_iter()
        .flat_map_iter(|run| merge(docs, run, &unit, &s))
        .collect();
    found.sort_by(|x, y| {
        (x.a.article, x.a.span, x.b.article, x.b.span)
            .cmp(&(y.a.article, y.a.span, y.b.article, y.b.span))
            .then(x.similarity.total_cmp(&y.similarity))
    });
    for (i, d) in found.iter_mut().enumerate() {
        d.id = format!("D{}", i + 1);
    }
    found
}

/// Settings made safe to use: zero or absurd values would divide by zero or
/// allocate without bound.
struct Params {
    ngram: usize,
    threshold: f64,
    min_ratio: f64,
    min_words: usize,
    bands: usize,
    rows: usize,
}

impl Params {
    fn new(s: &DupeSettings) -> Self {
        Self {
            ngram: s.ngram.clamp(1, 64),
            threshold: s.threshold,
            min_ratio: s.min_ratio,
            min_words: s.min_words.max(1),
            bands: s.bands.clamp(1, 256),
            rows: s.rows.clamp(1, 32),
        }
    }
}

fn valid(text: &str, b: &Block) -> bool {
    b.span.start <= b.span.end
        && b.span.end <= text.len()
        && text.is_char_boundary(b.span.start)
        && text.is_char_boundary(b.span.end)
}

fn index_article<H: MinHasher<V = u32>>(doc: &DupeInput<'_>, s: &Params, hasher: &H) -> Indexed {
    let text = doc.text;
    let mut paras: Vec<Block> = doc
        .segmented
        .paragraphs
        .iter()
        .filter(|b| valid(text, b))
        .copied()
        .collect();
    paras.sort_by_key(|b| (b.span.start, b.span.end));
    // furniture_before[k] = furniture paragraphs among the first k.
    let mut furniture_before = vec![0usize; paras.len() + 1];
    for (k, p) in paras.iter().enumerate() {
        furniture_before[k + 1] = furniture_before[k] + usize::from(p.furniture);
    }

    let mut ix = Indexed::default();
    let mut words = Vec::new();
    let mut para_has_unit = vec![false; paras.len()];
    for (k, sent) in doc.segmented.sentences.iter().enumerate() {
        if sent.furniture || !valid(text, sent) {
            continue;
        }
        let before = paras.partition_point(|p| p.span.start <= sent.span.start);
        let inside = before
            .checked_sub(1)
            .filter(|&p| paras[p].span.end >= sent.span.end);
        if inside.is_some_and(|p| paras[p].furniture) {
            continue;
        }
        let para = inside.unwrap_or(paras.len() + k);
        if add_unit(
            &mut ix,
            &mut words,
            text,
            sent.span,
            para,
            furniture_before[before],
            s,
        ) && let Some(p) = inside
        {
            para_has_unit[p] = true;
        }
    }
    for (p, para) in paras.iter().enumerate() {
        if !para.furniture && !para_has_unit[p] {
            add_unit(
                &mut ix,
                &mut words,
                text,
                para.span,
                p,
                furniture_before[p],
                s,
            );
        }
    }
    ix.units.sort_by_key(|u| (u.span.start, u.span.end));

    ix.keys.reserve(ix.units.len() * s.bands);
    for u in &ix.units {
        let sig = hasher.create_signature(ix.shingles[u.shingles.clone()].iter());
        ix.keys
            .extend(sig.chunks(s.rows).take(s.bands).map(band_key));
    }
    ix
}

/// Indexes `span` if it has at least `min_words` words; says whether it did.
fn add_unit(
    ix: &mut Indexed,
    words: &mut Vec<u64>,
    text: &str,
    span: Span,
    para: usize,
    run: usize,
    s: &Params,
) -> bool {
    words.clear();
    word_hashes(&text[span.start..span.end], words);
    if words.len() < s.min_words {
        return false;
    }
    let from = ix.shingles.len();
    shingles(words, s.ngram, &mut ix.shingles);
    ix.units.push(Unit {
        span,
        para,
        run,
        shingles: from..ix.shingles.len(),
    });
    true
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{2018}')
}

/// Feeds the normalized words of `text` to `sink`, byte by byte, with `None`
/// after each word. Normalization: NFKC, lower case, punctuation and quote
/// marks dropped, whitespace collapsed; apostrophes vanish inside a word so
/// "don't" and "don’t" agree. ASCII text skips NFKC, which would not change it.
fn for_each_word(text: &str, mut sink: impl FnMut(Option<u8>)) {
    let mut in_word = false;
    if text.is_ascii() {
        for &b in text.as_bytes() {
            if b.is_ascii_alphanumeric() {
                sink(Some(b.to_ascii_lowercase()));
                in_word = true;
            } else if in_word && b != b'\'' {
                sink(None);
                in_word = false;
            }
        }
    } else {
        let mut buf = [0u8; 4];
        for c in text.nfkc() {
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    l.encode_utf8(&mut buf).bytes().for_each(|b| sink(Some(b)));
                }
                in_word = true;
            } else if in_word && !is_apostrophe(c) {
                sink(None);
                in_word = false;
            }
        }
    }
    if in_word {
        sink(None);
    }
}

/// splitmix64's finalizer: cheap and mixes every input bit into every output bit.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn word_hashes(text: &str, out: &mut Vec<u64>) {
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    let mut h = FNV_OFFSET;
    for_each_word(text, |b| match b {
        Some(b) => h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3),
        None => {
            out.push(mix(h));
            h = FNV_OFFSET;
        }
    });
}

/// Appends the sorted, distinct shingle hashes of `words`; a text shorter
/// than `n` words is one shingle. 32 bits suffice: a false shared shingle
/// between two passages of a few hundred shingles is a 1-in-10^4 event that
/// moves Jaccard by one shingle.
fn shingles(words: &[u64], n: usize, out: &mut Vec<u32>) {
    let from = out.len();
    out.extend(words.windows(n.min(words.len())).map(|w| {
        let h = w.iter().fold(0u64, |h, &x| mix(h.rotate_left(23) ^ x));
        (h >> 32) as u32
    }));
    out[from..].sort_unstable();
    let mut kept = from;
    for i in from..out.len() {
        if i == from || out[i] != out[kept - 1] {
            out[kept] = out[i];
            kept += 1;
        }
    }
    out.truncate(kept);
}

fn band_key(rows: &[u32]) -> u32 {
    let h = rows
        .iter()
        .fold(0x243f_6a88_85a3_08d3u64, |h, &r| mix(h ^ u64::from(r)));
    (h >> 32) as u32
}

/// Candidate pairs from one band: units whose band keys are equal. Sorting
/// packed (key, id) words groups a bucket contiguously with little memory.
fn band_candidates(
    index: &[Indexed],
    owners: &[(usize, usize)],
    band: usize,
    bands: usize,
) -> Vec<(usize, usize)> {
    let mut entries: Vec<u64> = owners
        .iter()
        .enumerate()
        .map(|(g, &(art, u))| (u64::from(index[art].keys[u * bands + band]) << 32) | g as u64)
        .collect();
    entries.sort_unstable();
    let id = |e: u64| (e & 0xffff_ffff) as usize;
    let mut pairs = Vec::new();
    for bucket in entries.chunk_by(|x, y| x >> 32 == y >> 32) {
        if bucket.len() <= MAX_BUCKET {
            for (i, &x) in bucket.iter().enumerate() {
                pairs.extend(bucket[i + 1..].iter().map(|&y| (id(x), id(y))));
            }
        } else {
            pairs.extend(bucket.windows(2).map(|w| (id(w[0]), id(w[1]))));
        }
    }
    pairs
}

fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

fn normalized(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    for_each_word(text, |b| out.push(b.unwrap_or(b' ')));
    out.pop();
    // Only whole UTF-8 sequences and spaces were pushed.
    String::from_utf8(out).unwrap_or_default()
}

/// The strsim ratio (normalized Levenshtein) of two normalized texts, when
/// their lengths leave it a chance of reaching `min_ratio` and it is cheap.
fn ratio(a: &str, b: &str, min_ratio: f64) -> Option<f64> {
    let (na, nb) = (normalized(a), normalized(b));
    let (la, lb) = (na.chars().count(), nb.chars().count());
    let (short, long) = (la.min(lb), la.max(lb));
    if long == 0 || long > MAX_RATIO_CHARS || (short as f64) < min_ratio * long as f64 {
        return None;
    }
    Some(strsim::normalized_levenshtein(&na, &nb))
}

type UnitRef<'x> = (usize, &'x Indexed, &'x Unit);

/// The exact similarity of a candidate pair, if it is a near-duplicate.
fn confirm(docs: &[DupeInput<'_>], a: UnitRef<'_>, b: UnitRef<'_>, s: &Params) -> Option<f64> {
    let ((art_a, ix_a, ua), (art_b, ix_b, ub)) = (a, b);
    if art_a == art_b && ua.span.start < ub.span.end && ub.span.start < ua.span.end {
        return None;
    }
    let j = jaccard(
        &ix_a.shingles[ua.shingles.clone()],
        &ix_b.shingles[ub.shingles.clone()],
    );
    if j >= s.threshold {
        return Some(j);
    }
    let text = |art: usize, sp: Span| &docs[art].text[sp.start..sp.end];
    let r = ratio(text(art_a, ua.span), text(art_b, ub.span), s.min_ratio)?;
    (r >= s.min_ratio).then_some(r.max(j))
}

/// Smallest span covering `spans`, with the line of the first one.
fn cover(spans: impl Iterator<Item = Span>) -> Option<Span> {
    spans.fold(None, |acc: Option<Span>, sp| {
        Some(match acc {
            None => sp,
            Some(c) => Span {
                start: c.start.min(sp.start),
                end: c.end.max(sp.end),
                line: if sp.start < c.start { sp.line } else { c.line },
            },
        })
    })
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

fn union(parent: &mut [usize], x: usize, y: usize) {
    let (rx, ry) = (find(parent, x), find(parent, y));
    if rx != ry {
        parent[rx.max(ry)] = rx.min(ry);
    }
}

/// Merges the confirmed matches of one article pair into passages: matches
/// in the same paragraph pair (reordered sentences) or within `GAP` units on
/// both sides (consecutive copied paragraphs) become one finding.
fn merge<'x>(
    docs: &[DupeInput<'_>],
    run: &[Match],
    unit: &(impl Fn(usize) -> UnitRef<'x> + Sync),
    s: &Params,
) -> Vec<Duplicate> {
    let local = |g: usize| unit(g).2;
    let mut parent: Vec<usize> = (0..run.len()).collect();
    for i in 0..run.len() {
        let (ai, bi) = (local(run[i].a), local(run[i].b));
        for j in (i.saturating_sub(MERGE_WINDOW)..i).rev() {
            let (aj, bj) = (local(run[j].a), local(run[j].b));
            // Global ids are consecutive within an article, so their
            // difference counts units.
            let da = run[i].a.abs_diff(run[j].a);
            if da > GAP {
                break;
            }
            let db = run[i].b.abs_diff(run[j].b);
            if db <= GAP && ai.run == aj.run && bi.run == bj.run {
                union(&mut parent, i, j);
            }
        }
    }
    let mut by_para: Vec<usize> = (0..run.len()).collect();
    by_para.sort_by_key(|&i| (local(run[i].a).para, local(run[i].b).para, i));
    for w in by_para.windows(2) {
        let (x, y) = (&run[w[0]], &run[w[1]]);
        if local(x.a).para == local(y.a).para && local(x.b).para == local(y.b).para {
            union(&mut parent, w[0], w[1]);
        }
    }

    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); run.len()];
    for i in 0..run.len() {
        let r = find(&mut parent, i);
        groups[r].push(i);
    }
    let (art_a, art_b) = (unit(run[0].a).0, unit(run[0].b).0);
    let mut out = Vec::new();
    for group in groups.into_iter().filter(|g| !g.is_empty()) {
        let span_a = cover(group.iter().map(|&i| local(run[i].a).span));
        let span_b = cover(group.iter().map(|&i| local(run[i].b).span));
        let (Some(sa), Some(sb)) = (span_a, span_b) else {
            continue;
        };
        if art_a == art_b && sa.start < sb.end && sb.start < sa.end {
            // Text repeating itself inside one article: merged passages
            // would overlap, so each matched pair stands alone.
            for &i in &group {
                let (a, b) = (local(run[i].a).span, local(run[i].b).span);
                out.push(duplicate(docs, art_a, a, art_b, b, run[i].score));
            }
        } else if group.len() == 1 {
            out.push(duplicate(docs, art_a, sa, art_b, sb, run[group[0]].score));
        } else {
            // Within an article every match has `a` before `b`, so `sa`
            // starts before `sb` too.
            let sim = passage_similarity(docs[art_a].text, sa, docs[art_b].text, sb, s);
            out.push(duplicate(docs, art_a, sa, art_b, sb, sim));
        }
    }
    out
}

/// Similarity of two merged passages: their shingle Jaccard, or the strsim
/// ratio when that is higher (light edits) and affordable.
fn passage_similarity(ta: &str, sa: Span, tb: &str, sb: Span, s: &Params) -> f64 {
    let (a, b) = (&ta[sa.start..sa.end], &tb[sb.start..sb.end]);
    let mut words = Vec::new();
    let (mut sh_a, mut sh_b) = (Vec::new(), Vec::new());
    word_hashes(a, &mut words);
    shingles(&words, s.ngram, &mut sh_a);
    words.clear();
    word_hashes(b, &mut words);
    shingles(&words, s.ngram, &mut sh_b);
    let j = jaccard(&sh_a, &sh_b);
    if j >= s.threshold {
        return j;
    }
    ratio(a, b, s.min_ratio).map_or(j, |r| r.max(j))
}

fn duplicate(
    docs: &[DupeInput<'_>],
    art_a: usize,
    a: Span,
    art_b: usize,
    b: Span,
    similarity: f64,
) -> Duplicate {
    Duplicate {
        id: String::new(),
        scope: if art_a == art_b {
            Scope::Within
        } else {
            Scope::Across
        },
        similarity,
        a: Passage {
            article: art_a,
            span: a,
        },
        b: Passage {
            article: art_b,
            span: b,
        },
        first: first_published(docs, art_a, art_b),
    }
}

/// (date as YYYYMMDD, minutes into the day when given).
fn published_key(s: &str) -> Option<(u32, Option<u32>)> {
    let b = s.trim().as_bytes();
    let num = |from: usize, len: usize| -> Option<u32> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let (y, m, d) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&d)
    {
        return None;
    }
    let time = match (b.get(10), num(11, 2), b.get(13), num(14, 2)) {
        (Some(b'T' | b' '), Some(h), Some(b':'), Some(min)) if h < 24 && min < 60 => {
            Some(h * 60 + min)
        }
        _ => None,
    };
    Some((y * 10_000 + m * 100 + d, time))
}

/// The article published first, when both dates are known and differ; a
/// date without a time cannot order two articles of the same day.
fn first_published(docs: &[DupeInput<'_>], a: usize, b: usize) -> Option<usize> {
    let ka = published_key(docs[a].published?)?;
    let kb = published_key(docs[b].published?)?;
    let order = match (ka.0.cmp(&kb.0), ka.1, kb.1) {
        (Ordering::Equal, Some(ta), Some(tb)) => ta.cmp(&tb),
        (o, _, _) => o,
    };
    match order {
        Ordering::Less => Some(a),
        Ordering::Greater => Some(b),
        Ordering::Equal => None,
    }
}
