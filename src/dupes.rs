//! Near-duplicate passages, within one article and across articles.
//!
//! Sentences (and paragraphs with no sentence long enough to index) are
//! normalized, shingled into word n-grams and MinHashed with `gaoya`; LSH
//! banding proposes candidate pairs without comparing all pairs; each candidate is confirmed with the exact shingle Jaccard or a
//! strsim ratio; confirmed pairs that sit next to each other on both sides
//! merge into the longest matching passages. Indexing sentences rather than
//! whole paragraphs is what makes containment work: a sentence lifted into a
//! longer paragraph still matches the sentence it came from.

use std::cmp::Ordering;
use std::sync::atomic::AtomicU16;
use std::sync::atomic::Ordering::Relaxed;

use gaoya::minhash::{MinHasher, MinHasher32};
use rayon::prelude::*;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

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
    /// Shingles found in more passages than this are stock phrases and are
    /// left out of the MinHash (they still count in the exact similarity).
    pub max_shingle_units: usize,
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
            max_shingle_units: 50,
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
    /// `bands` LSH keys per unit, band-major so one band reads contiguously.
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

    let mut index: Vec<Indexed> = docs.par_iter().map(|doc| index_article(doc, &s)).collect();
    // LSH entries pack a unit id into 32 bits; four billion passages would
    // not fit in memory anyway, so any excess is simply not indexed.
    let mut room = u32::MAX as usize;
    for ix in &mut index {
        ix.units.truncate(room);
        room -= ix.units.len();
    }
    let common = CommonShingles::count(&index, s.max_shingle_units);
    let hasher = MinHasher32::new(s.bands * s.rows);
    index
        .par_iter_mut()
        .for_each(|ix| sign(ix, &common, &hasher, &s));
    drop(common);

    // Global unit ids follow (article, offset) order, so `a < b` in a pair
    // means `a` is the earlier passage.
    let owners: Vec<(usize, usize)> = index
        .iter()
        .enumerate()
        .flat_map(|(art, ix)| (0..ix.units.len()).map(move |u| (art, u)))
        .collect();
    if owners.len() < 2 {
        return Vec::new();
    }

    let mut candidates: Vec<(usize, usize)> = (0..s.bands)
        .into_par_iter()
        .flat_map_iter(|band| band_candidates(&index, band))
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
    max_shingle_units: usize,
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
            max_shingle_units: s.max_shingle_units,
        }
    }
}

fn valid(text: &str, b: &Block) -> bool {
    b.span.start <= b.span.end
        && b.span.end <= text.len()
        && text.is_char_boundary(b.span.start)
        && text.is_char_boundary(b.span.end)
}

fn index_article(doc: &DupeInput<'_>, s: &Params) -> Indexed {
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
    // About one shingle per six bytes of news; reserving avoids regrowing.
    ix.shingles.reserve(text.len() / 6);
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
    ix.shingles.shrink_to_fit();
    ix
}

/// Approximate count of the units each shingle occurs in, in a table of
/// saturating counters indexed by shingle hash. Shingles in more than
/// `max_shingle_units` units are stock phrases ("did not immediately respond
/// to a request for comment"): left in the signatures, they make every pair
/// of sentences sharing one a candidate, which grows quadratically with the
/// batch. Collisions in the table only ever overcount, by about one.
struct CommonShingles {
    counts: Vec<AtomicU16>,
    mask: usize,
    max: u16,
}

impl CommonShingles {
    fn count(index: &[Indexed], max_shingle_units: usize) -> Self {
        let total: usize = index.iter().map(|ix| ix.shingles.len()).sum();
        // About four shingles a counter keeps the table small enough to stay
        // mostly in cache; the overcount that adds is tiny next to the limit.
        let size = (total / 4).next_power_of_two().clamp(1 << 10, 1 << 28);
        let max = u16::try_from(max_shingle_units)
            .unwrap_or(u16::MAX - 1)
            .min(u16::MAX - 1);
        let table = Self {
            counts: (0..size).map(|_| AtomicU16::new(0)).collect(),
            mask: size - 1,
            max,
        };
        index.par_iter().for_each(|ix| {
            for &sh in &ix.shingles {
                let c = &table.counts[table.slot(sh)];
                // Racing increments may lose a count; saturating well below
                // u16::MAX keeps them from wrapping.
                if c.load(Relaxed) <= max {
                    c.fetch_add(1, Relaxed);
                }
            }
        });
        table
    }

    fn slot(&self, sh: u32) -> usize {
        (mix(u64::from(sh)) as usize) & self.mask
    }

    fn is_common(&self, sh: u32) -> bool {
        self.counts[self.slot(sh)].load(Relaxed) > self.max
    }
}

/// LSH keys of every unit, from a MinHash of its uncommon shingles. A unit
/// that is mostly common text (a wire paragraph syndicated everywhere, even
/// lightly edited) keeps them all: its rare shingles would be only its edits.
fn sign<H: MinHasher<V = u32>>(ix: &mut Indexed, common: &CommonShingles, hasher: &H, s: &Params) {
    let n = ix.units.len();
    ix.keys = vec![0; n * s.bands];
    let mut rare = Vec::new();
    for (u, unit) in ix.units.iter().enumerate() {
        let all = &ix.shingles[unit.shingles.clone()];
        rare.clear();
        rare.extend(all.iter().filter(|&&sh| !common.is_common(sh)));
        let basis: &[u32] = if rare.len() * 2 < all.len() {
            all
        } else {
            &rare
        };
        let sig = hasher.create_signature(basis.iter());
        for (band, rows) in sig.chunks(s.rows).take(s.bands).enumerate() {
            ix.keys[band * n + u] = band_key(rows);
        }
    }
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
        // Most text is already NFKC (curly quotes, accents): skip the rewrite.
        let chars: Box<dyn Iterator<Item = char>> = match is_nfkc_quick(text.chars()) {
            IsNormalized::Yes => Box::new(text.chars()),
            _ => Box::new(text.nfkc()),
        };
        for c in chars {
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
    if words.is_empty() {
        return;
    }
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
fn band_candidates(index: &[Indexed], band: usize) -> Vec<(usize, usize)> {
    let mut entries = Vec::new();
    let mut gid = 0u64;
    for ix in index {
        let n = ix.units.len();
        entries.extend(ix.keys[band * n..(band + 1) * n].iter().map(|&key| {
            gid += 1;
            (u64::from(key) << 32) | (gid - 1)
        }));
    }
    let entries = radix_sort(entries);
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

/// Sorts by the top byte in one counting pass, then each of the 256 parts
/// in cache: a band of millions of entries sorts in close to linear time.
fn radix_sort(entries: Vec<u64>) -> Vec<u64> {
    let mut starts = [0usize; 257];
    for &e in &entries {
        starts[(e >> 56) as usize + 1] += 1;
    }
    for b in 1..starts.len() {
        starts[b] += starts[b - 1];
    }
    let mut next = starts;
    let mut out = vec![0u64; entries.len()];
    for &e in &entries {
        let b = (e >> 56) as usize;
        out[next[b]] = e;
        next[b] += 1;
    }
    for w in starts.windows(2) {
        out[w[0]..w[1]].sort_unstable();
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    const S: [&str; 12] = [
        "The regional governor said on Monday that the bridge would reopen within two weeks.",
        "Engineers found cracks in three of the supporting pillars during a routine inspection.",
        "Traffic has been diverted through the old town, causing long queues at rush hour.",
        "Local businesses say they have lost nearly a third of their customers since March.",
        "The transport ministry promised compensation but has not yet published any figures.",
        "Opposition councillors accused the administration of ignoring warnings from last year.",
        "A spokesperson for the construction firm declined to comment on the allegations.",
        "Residents plan to hold a protest outside the city hall on Saturday afternoon.",
        "Heavy rain is expected to delay the repair work by at least several days.",
        "The football club postponed its home match after police raised safety concerns.",
        "Scientists at the university recorded the warmest April since measurements began.",
        "Farmers in the south warned that the drought could halve this year's wheat harvest.",
    ];

    /// Lines are paragraphs, sentences end at ". ", and lines starting with
    /// "Read also" or "©" are furniture.
    fn segment(text: &str) -> Segmented {
        let mut seg = Segmented::default();
        let mut offset = 0;
        for (i, line) in text.split('\n').enumerate() {
            let start = offset;
            offset += line.len() + 1;
            if line.trim().is_empty() {
                continue;
            }
            let furniture = line.starts_with("Read also") || line.starts_with('©');
            let span = Span {
                start,
                end: start + line.len(),
                line: i + 1,
            };
            seg.paragraphs.push(Block { span, furniture });
            let mut s = start;
            for piece in line.split_inclusive(". ") {
                let end = s + piece.trim_end().len();
                let span = Span {
                    start: s,
                    end,
                    line: i + 1,
                };
                seg.sentences.push(Block { span, furniture });
                s += piece.len();
            }
        }
        seg
    }

    fn run_with(texts: &[&str], dates: &[Option<&str>], settings: &DupeSettings) -> Vec<Duplicate> {
        let segs: Vec<Segmented> = texts.iter().map(|t| segment(t)).collect();
        let docs: Vec<DupeInput> = texts
            .iter()
            .zip(&segs)
            .enumerate()
            .map(|(i, (text, segmented))| DupeInput {
                text,
                published: dates.get(i).copied().flatten(),
                segmented,
            })
            .collect();
        find_duplicates(&docs, settings)
    }

    fn run(texts: &[&str]) -> Vec<Duplicate> {
        run_with(texts, &[], &DupeSettings::default())
    }

    fn text_of<'t>(texts: &[&'t str], p: &Passage) -> &'t str {
        &texts[p.article][p.span.start..p.span.end]
    }

    #[test]
    fn repeated_lead_within_one_article_is_found() {
        let lead = [S[0], S[1], S[2]].join(" ");
        let text = format!(
            "{lead}\n\n{}\n\n{}\n\n{lead}\n",
            S[3],
            [S[4], S[5]].join(" ")
        );
        let found = run(&[&text]);
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!(
            (d.id.as_str(), d.scope, d.first),
            ("D1", Scope::Within, None)
        );
        assert_eq!(text_of(&[&text], &d.a), lead);
        assert_eq!(text_of(&[&text], &d.b), lead);
        assert_eq!((d.a.span.line, d.b.span.line), (1, 7));
        assert!(d.a.span.start < d.b.span.start);
        assert!((d.similarity - 1.0).abs() < 1e-9);
    }

    #[test]
    fn sentence_lifted_into_a_longer_paragraph_is_found() {
        let a = format!("{}\n\n{}", [S[0], S[1]].join(" "), [S[2], S[3]].join(" "));
        let b = format!("{}\n\n{}", [S[9], S[10], S[1], S[11]].join(" "), S[8]);
        let texts = [a.as_str(), b.as_str()];
        let found = run(&texts);
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!(d.scope, Scope::Across);
        assert_eq!((d.a.article, d.b.article), (0, 1));
        assert_eq!(text_of(&texts, &d.a), S[1]);
        assert_eq!(text_of(&texts, &d.b), S[1]);
    }

    #[test]
    fn furniture_shared_across_articles_is_never_reported() {
        let furniture = "Read also: Ten things the city council does not want you to know about the budget\n\
                         © 2025 The Daily Planet. All rights reserved. Reproduction without written permission is prohibited.";
        let a = format!("{}\n{furniture}\n{}", S[0], S[1]);
        let b = format!("{}\n{furniture}\n{}", S[5], S[6]);
        assert_eq!(run(&[&a, &b]), vec![]);
        // The same lines as body text are duplicates: the test is not vacuous.
        let plain = furniture
            .replace("Read also", "Also read")
            .replace('©', "(c)");
        let a = format!("{}\n{plain}\n{}", S[0], S[1]);
        let b = format!("{}\n{plain}\n{}", S[5], S[6]);
        assert_eq!(run(&[&a, &b]).len(), 1);
    }

    #[test]
    fn overlapping_hits_merge_into_one_passage() {
        let para = S[..6].join(" ");
        let edited = para.replace("two weeks", "a fortnight").to_uppercase();
        let a = format!("{}\n{para}\n{}", S[10], S[11]);
        let b = format!("{}\n{edited}\n{}", S[9], S[8]);
        let texts = [a.as_str(), b.as_str()];
        let found = run(&texts);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(text_of(&texts, &found[0].a), para);
        assert_eq!(text_of(&texts, &found[0].b), edited);
        assert!(found[0].similarity > 0.7 && found[0].similarity < 1.0);
    }

    #[test]
    fn consecutive_copied_paragraphs_and_reordered_sentences_are_one_finding() {
        let (p1, p2) = (S[..3].join(" "), S[3..6].join(" "));
        let reordered = [S[5], S[3], S[4]].join(" ");
        let a = format!("{}\n{p1}\n{p2}", S[10]);
        let b = format!("{p1}\n{reordered}\n{}", S[11]);
        let texts = [a.as_str(), b.as_str()];
        let found = run(&texts);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(text_of(&texts, &found[0].a), format!("{p1}\n{p2}"));
        assert_eq!(text_of(&texts, &found[0].b), format!("{p1}\n{reordered}"));
    }

    #[test]
    fn unrelated_texts_give_nothing() {
        let a = S[..6].join(" ");
        let b = S[6..].join(" ");
        assert_eq!(run(&[&a, &b]), vec![]);
    }

    #[test]
    fn normalization_ignores_case_quotes_spacing_and_width() {
        let a = "\u{201c}We will rebuild the bridge before winter,\u{201d} the governor told reporters on Monday.";
        let b = "\"WE WILL  REBUILD the ｂｒｉｄｇｅ before winter\" - the governor told reporters on Monday!";
        let found = run(&[a, b]);
        assert_eq!(found.len(), 1);
        assert!((found[0].similarity - 1.0).abs() < 1e-9);
    }

    #[test]
    fn first_is_the_article_published_earlier() {
        let texts = [S[0], S[0], S[0]];
        let dates = [
            Some("2025-05-23T10:00"),
            Some("2025-05-22"),
            Some("2025-05-23"),
        ];
        let found = run_with(&texts, &dates, &DupeSettings::default());
        let firsts: Vec<_> = found
            .iter()
            .map(|d| (d.a.article, d.b.article, d.first))
            .collect();
        assert_eq!(firsts, vec![(0, 1, Some(1)), (0, 2, None), (1, 2, Some(1))]);
        let ids: Vec<&str> = found.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["D1", "D2", "D3"]);
        assert_eq!(published_key("2025-5-23"), None);
        assert_eq!(published_key("2025-05-23T25:00"), Some((20250523, None)));
    }

    #[test]
    fn odd_input_never_panics() {
        assert!(find_duplicates(&[], &DupeSettings::default()).is_empty());
        let empty = Segmented::default();
        let text = "é🙂 a\u{301}\u{0}\n\n\u{feff}";
        let bad = Segmented {
            paragraphs: vec![
                Block {
                    span: Span {
                        start: 0,
                        end: 1,
                        line: 1,
                    },
                    furniture: false,
                },
                Block {
                    span: Span {
                        start: 5,
                        end: 2,
                        line: 1,
                    },
                    furniture: false,
                },
                Block {
                    span: Span {
                        start: 0,
                        end: 999,
                        line: 1,
                    },
                    furniture: false,
                },
            ],
            sentences: vec![
                Block {
                    span: Span {
                        start: 0,
                        end: text.len(),
                        line: 1,
                    },
                    furniture: false,
                },
                Block {
                    span: Span {
                        start: 0,
                        end: text.len(),
                        line: 1,
                    },
                    furniture: false,
                },
            ],
        };
        let docs = [
            DupeInput {
                text: "",
                published: Some("garbage"),
                segmented: &empty,
            },
            DupeInput {
                text,
                published: None,
                segmented: &bad,
            },
            DupeInput {
                text,
                published: Some(""),
                segmented: &bad,
            },
        ];
        let zero = DupeSettings {
            ngram: 0,
            threshold: f64::NAN,
            min_ratio: -1.0,
            min_words: 0,
            bands: 0,
            rows: 0,
            max_shingle_units: 0,
        };
        for settings in [DupeSettings::default(), zero] {
            for d in find_duplicates(&docs, &settings) {
                assert!(d.a.article <= d.b.article);
            }
        }
    }

    #[test]
    fn settings_deserialize_with_defaults_and_refuse_unknown_fields() {
        let s: DupeSettings = serde_json::from_str(r#"{"ngram": 4}"#).unwrap();
        assert_eq!((s.ngram, s.min_words, s.bands), (4, 8, 20));
        assert!(serde_json::from_str::<DupeSettings>(r#"{"ngarm": 4}"#).is_err());
    }
}
