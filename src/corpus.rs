//! Synthetic news batches with near-duplicate passages planted at known
//! places and edit levels, to measure the dupes stage against ground truth.
//!
//! Articles are paragraphs of sentences drawn from a synthetic Zipf-like
//! vocabulary, with stock phrases that make unrelated sentences share a few
//! n-grams (as real news does), curly quotes and accented words, and page
//! furniture (bylines, `Read also: ...`, copyright lines) shared by every
//! article of an outlet and marked as furniture in the returned `Segmented`.
//! Everything is deterministic from the seed.

use rayon::prelude::*;
use std::collections::HashSet;

use crate::dupes::DupeInput;
use crate::model::{Block, Passage, Segmented, Span};

/// How a planted copy differs from its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Edit {
    /// A paragraph copied verbatim.
    Exact,
    /// A paragraph with a few words replaced and case, quote marks and
    /// spacing changed.
    Light,
    /// A paragraph with one sentence left out.
    Dropped,
    /// A paragraph with its sentences shuffled.
    Reordered,
    /// One sentence placed inside another paragraph.
    Inserted,
    /// The lead paragraph repeated further down the same article, verbatim
    /// or lightly edited (a scraper artefact).
    Lead,
    /// A wire paragraph run by dozens of outlets, some lightly edited: every
    /// pair of its copies is a planted pair. Its shingles are common in the
    /// batch, like stock phrases, yet it must still be found.
    Wire,
}

impl Edit {
    pub const ALL: [Edit; 7] = [
        Edit::Exact,
        Edit::Light,
        Edit::Dropped,
        Edit::Reordered,
        Edit::Inserted,
        Edit::Lead,
        Edit::Wire,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Edit::Exact => "exact",
            Edit::Light => "light",
            Edit::Dropped => "dropped",
            Edit::Reordered => "reordered",
            Edit::Inserted => "inserted",
            Edit::Lead => "lead",
            Edit::Wire => "wire",
        }
    }
}

/// A planted near-duplicate: `a` is the source, `b` the copy.
#[derive(Debug, Clone)]
pub struct Planted {
    pub edit: Edit,
    pub a: Passage,
    pub b: Passage,
    /// Word 5-gram Jaccard of the two passages (lower case, punctuation
    /// dropped), computed independently of the dupes stage.
    pub jaccard: f64,
}

pub struct Corpus {
    pub texts: Vec<String>,
    pub published: Vec<String>,
    pub segmented: Vec<Segmented>,
    pub planted: Vec<Planted>,
}

impl Corpus {
    pub fn inputs(&self) -> Vec<DupeInput<'_>> {
        self.texts
            .iter()
            .zip(&self.published)
            .zip(&self.segmented)
            .map(|((text, published), segmented)| DupeInput {
                text,
                published: Some(published),
                segmented,
            })
            .collect()
    }

    pub fn bytes(&self) -> usize {
        self.texts.iter().map(String::len).sum()
    }
}

/// SplitMix64: tiny, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    /// Independent streams: hashing the stream number keeps the counters of
    /// two streams far apart, so their sequences never overlap.
    fn new(seed: u64, stream: u64) -> Self {
        let mut r = Rng(stream);
        let start = r.next();
        Rng(seed ^ start)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        &items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "said", "on", "for", "that", "with", "was", "is", "by",
    "at", "from", "as", "it", "have", "has", "were", "after", "over", "about", "more", "than",
    "their", "its", "an", "be", "this", "who", "which", "not", "also", "but", "he", "she", "they",
    "would", "will", "had", "been", "into", "two", "last", "new", "people",
];

/// Multi-word phrases news repeats everywhere; they make unrelated sentences
/// share a few 5-grams, which must not make them duplicates.
const STOCK: &[&str] = &[
    "according to a statement released by the ministry",
    "told reporters on condition of anonymity that",
    "said in a statement on its website",
    "did not immediately respond to a request for comment",
    "the ministry of foreign affairs said on",
    "according to preliminary data from the regional administration",
    "in an interview with local media on",
    "officials said the number could still rise",
];

const SYLLABLES: &[&str] = &[
    "ba", "ko", "ri", "ten", "mu", "sa", "lo", "vie", "dra", "ne", "po", "gu", "shi", "tar", "el",
    "mon", "ka", "di", "fe", "zo", "ra", "pel", "nu", "ost", "ja", "bri", "cu", "len", "mi", "tor",
];

struct Vocab {
    words: Vec<String>,
}

impl Vocab {
    fn new() -> Self {
        let mut rng = Rng::new(0x5eed, 0);
        let mut seen = HashSet::new();
        let mut words = Vec::new();
        while words.len() < 20_000 {
            let n = rng.range(2, 4);
            let mut w: String = (0..n).map(|_| *rng.pick(SYLLABLES)).collect();
            // A few accented words exercise the NFKC path.
            if rng.chance(0.01) {
                w.push('é');
            }
            if seen.insert(w.clone()) {
                words.push(w);
            }
        }
        Vocab { words }
    }

    /// A content word; log-uniform ranks give a Zipf-like frequency curve.
    fn content(&self, rng: &mut Rng) -> &str {
        let n = self.words.len() as f64;
        let rank = (n.powf((rng.next() >> 11) as f64 / (1u64 << 53) as f64) - 1.0) as usize;
        &self.words[rank.min(self.words.len() - 1)]
    }

    fn word(&self, rng: &mut Rng) -> String {
        if rng.chance(0.45) {
            (*rng.pick(FUNCTION_WORDS)).to_string()
        } else if rng.chance(0.04) {
            format!("{}", rng.range(2, 5000))
        } else {
            self.content(rng).to_string()
        }
    }

    fn name(&self, rng: &mut Rng) -> String {
        format!(
            "{} {}",
            capitalize(self.content(rng)),
            capitalize(self.content(rng))
        )
    }

    fn words(&self, rng: &mut Rng, n: usize) -> Vec<String> {
        (0..n).map(|_| self.word(rng)).collect()
    }

    fn sentence(&self, rng: &mut Rng) -> String {
        let n = rng.range(8, 24);
        let mut words = self.words(rng, n);
        if rng.chance(0.15) {
            let at = rng.below(words.len());
            words.insert(at, (*rng.pick(STOCK)).to_string());
        }
        for w in words.iter_mut().skip(2) {
            if rng.chance(0.07) {
                w.push(',');
            }
        }
        let body = capitalize(&words.join(" "));
        let body = body.trim_end_matches(',');
        if rng.chance(0.1) {
            format!("\u{201c}{body},\u{201d} said {}.", self.name(rng))
        } else {
            format!("{body}.")
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

struct Sentence {
    id: u64,
    text: String,
}

struct Para {
    sentences: Vec<Sentence>,
    furniture: bool,
    /// Planted copies and paragraphs that received a planted sentence are
    /// never copied again: that would make unplanted duplicates.
    used: bool,
}

struct Draft {
    paras: Vec<Para>,
    next_id: u64,
    published: String,
}

impl Draft {
    fn id(&mut self, article: usize) -> u64 {
        self.next_id += 1;
        ((article as u64) << 24) | self.next_id
    }

    fn body(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.paras.len()).filter(|&p| !self.paras[p].furniture)
    }
}

struct Outlet {
    name: String,
    reporters: Vec<String>,
    read_also: Vec<String>,
}

fn outlet(vocab: &Vocab, seed: u64, k: usize) -> Outlet {
    let mut rng = Rng::new(seed, 1 << 40 | k as u64);
    let name = format!(
        "The {} {}",
        capitalize(vocab.content(&mut rng)),
        capitalize(vocab.content(&mut rng))
    );
    let reporters = (0..5).map(|_| vocab.name(&mut rng)).collect();
    let read_also = (0..4)
        .map(|_| {
            let n = rng.range(8, 12);
            format!(
                "Read also: {}",
                capitalize(&vocab.words(&mut rng, n).join(" "))
            )
        })
        .collect();
    Outlet {
        name,
        reporters,
        read_also,
    }
}

fn furniture(id: u64, text: String) -> Para {
    Para {
        sentences: vec![Sentence { id, text }],
        furniture: true,
        used: true,
    }
}

fn draft(vocab: &Vocab, outlet: &Outlet, seed: u64, article: usize) -> Draft {
    let mut rng = Rng::new(seed, article as u64);
    let mut d = Draft {
        paras: Vec::new(),
        next_id: 0,
        published: String::new(),
    };
    let day = rng.range(1, 28);
    d.published = if rng.chance(0.7) {
        format!("2025-05-{day:02}T{:02}:{:02}", rng.below(24), rng.below(60))
    } else {
        format!("2025-05-{day:02}")
    };
    let n = rng.range(6, 12);
    let headline = capitalize(&vocab.words(&mut rng, n).join(" "));
    let id = d.id(article);
    d.paras.push(Para {
        sentences: vec![Sentence { id, text: headline }],
        furniture: false,
        used: true,
    });
    let id = d.id(article);
    let byline = format!(
        "By {} | {} | Updated {}",
        rng.pick(&outlet.reporters),
        outlet.name,
        d.published
    );
    d.paras.push(furniture(id, byline));
    let paragraphs = rng.range(5, 7);
    let read_also_at = rng.range(2, paragraphs - 1);
    for p in 0..paragraphs {
        if p == read_also_at {
            let id = d.id(article);
            d.paras
                .push(furniture(id, rng.pick(&outlet.read_also).clone()));
        }
        let sentences = (0..rng.range(2, 6))
            .map(|_| Sentence {
                id: d.id(article),
                text: vocab.sentence(&mut rng),
            })
            .collect();
        d.paras.push(Para {
            sentences,
            furniture: false,
            used: false,
        });
    }
    let id = d.id(article);
    let copyright = format!(
        "\u{a9} 2025 {}. All rights reserved. Reproduction in whole or in part without permission is prohibited.",
        outlet.name
    );
    d.paras.push(furniture(id, copyright));
    d
}

/// Light edit: some words replaced, plus changes normalization must undo.
fn light_edit(vocab: &Vocab, rng: &mut Rng, text: &str, replace: bool) -> String {
    let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
    if replace && words.len() > 3 {
        let at = rng.range(1, words.len() - 2);
        let tail: String = words[at].chars().filter(|c| !c.is_alphanumeric()).collect();
        words[at] = format!("{}{tail}", vocab.content(rng));
    }
    let mut out = words.join(if rng.chance(0.3) { "  " } else { " " });
    if rng.chance(0.5) {
        out = out.replace(['\u{201c}', '\u{201d}'], "\"");
    }
    if rng.chance(0.3) {
        out = out.to_uppercase();
    }
    out
}

struct Plant {
    edit: Edit,
    a: (usize, Vec<u64>),
    b: (usize, Vec<u64>),
}

/// Picks an unused body paragraph of `d` with at least `min` sentences.
fn source_para(d: &Draft, rng: &mut Rng, min: usize) -> Option<usize> {
    let options: Vec<usize> = d
        .body()
        .filter(|&p| !d.paras[p].used && d.paras[p].sentences.len() >= min)
        .collect();
    (!options.is_empty()).then(|| *rng.pick(&options))
}

/// Where a copied paragraph may go: between body paragraphs, after the lead.
fn insert_at(d: &Draft, rng: &mut Rng, after: usize) -> usize {
    let body: Vec<usize> = d.body().filter(|&p| p > after).collect();
    if body.is_empty() {
        d.paras.len() - 1
    } else {
        *rng.pick(&body)
    }
}

fn plant(drafts: &mut [Draft], vocab: &Vocab, rng: &mut Rng, target: usize) -> Option<Plant> {
    // Every kind but `Wire`, which `wire` plants across many articles.
    let edit = *rng.pick(&Edit::ALL[..6]);
    let source = if edit == Edit::Lead {
        target
    } else {
        let s = rng.below(drafts.len() - 1);
        if s >= target { s + 1 } else { s }
    };
    let min = match edit {
        Edit::Dropped | Edit::Reordered => 3,
        _ => 2,
    };
    let sp = if edit == Edit::Lead {
        let lead = drafts[source].body().nth(1)?;
        (!drafts[source].paras[lead].used).then_some(lead)?
    } else {
        source_para(&drafts[source], rng, min)?
    };
    drafts[source].paras[sp].used = true;
    let src: Vec<(u64, String)> = drafts[source].paras[sp]
        .sentences
        .iter()
        .map(|s| (s.id, s.text.clone()))
        .collect();

    if edit == Edit::Inserted {
        let (id, text) = src[rng.below(src.len())].clone();
        let tp = source_para(&drafts[target], rng, 1)?;
        let new_id = drafts[target].id(target);
        let para = &mut drafts[target].paras[tp];
        para.used = true;
        let at = rng.range(1, para.sentences.len());
        para.sentences.insert(at, Sentence { id: new_id, text });
        return Some(Plant {
            edit,
            a: (source, vec![id]),
            b: (target, vec![new_id]),
        });
    }

    let mut copy: Vec<String> = src.iter().map(|(_, t)| t.clone()).collect();
    match edit {
        Edit::Light => {
            let replaced = rng.range(1, 3);
            for (k, s) in copy.iter_mut().enumerate() {
                *s = light_edit(vocab, rng, s, k < replaced);
            }
        }
        Edit::Lead if rng.chance(0.5) => {
            for s in copy.iter_mut() {
                *s = light_edit(vocab, rng, s, false);
            }
        }
        Edit::Dropped => {
            copy.remove(rng.below(copy.len()));
        }
        Edit::Reordered => {
            let original = copy.clone();
            while copy == original {
                rng.shuffle(&mut copy);
            }
        }
        _ => {}
    }
    let at = insert_at(
        &drafts[target],
        rng,
        if edit == Edit::Lead { sp + 1 } else { 2 },
    );
    let d = &mut drafts[target];
    let sentences: Vec<Sentence> = copy
        .into_iter()
        .map(|text| Sentence {
            id: d.id(target),
            text,
        })
        .collect();
    let ids = sentences.iter().map(|s| s.id).collect();
    d.paras.insert(
        at,
        Para {
            sentences,
            furniture: false,
            used: true,
        },
    );
    Some(Plant {
        edit,
        a: (source, src.iter().map(|(id, _)| *id).collect()),
        b: (target, ids),
    })
}

/// One wire paragraph copied into `copies` other articles; returns the
/// article and sentence ids of the original and of every copy.
fn wire(
    drafts: &mut [Draft],
    vocab: &Vocab,
    rng: &mut Rng,
    copies: usize,
) -> Option<Vec<(usize, Vec<u64>)>> {
    let source = rng.below(drafts.len());
    let sp = source_para(&drafts[source], rng, 3)?;
    drafts[source].paras[sp].used = true;
    let sentences = &drafts[source].paras[sp].sentences;
    let src: Vec<String> = sentences.iter().map(|s| s.text.clone()).collect();
    let mut sides = vec![(source, sentences.iter().map(|s| s.id).collect())];
    let mut targets: Vec<usize> = (0..drafts.len()).filter(|&t| t != source).collect();
    rng.shuffle(&mut targets);
    for &t in targets.iter().take(copies) {
        let edited = rng.chance(0.5);
        let replaced = rng.range(1, 2);
        let d = &mut drafts[t];
        let sentences: Vec<Sentence> = src
            .iter()
            .enumerate()
            .map(|(k, text)| Sentence {
                id: d.id(t),
                text: if edited {
                    light_edit(vocab, rng, text, k < replaced)
                } else {
                    text.clone()
                },
            })
            .collect();
        sides.push((t, sentences.iter().map(|s| s.id).collect()));
        let at = insert_at(d, rng, 2);
        d.paras.insert(
            at,
            Para {
                sentences,
                furniture: false,
                used: true,
            },
        );
    }
    Some(sides)
}

/// An article's text, its segmentation, and the span of each sentence id.
type Rendered = (String, Segmented, Vec<(u64, Span)>);

/// Renders a draft: paragraphs on their own lines, blank lines between.
fn render(d: &Draft) -> Rendered {
    let mut text = String::with_capacity(4096);
    let mut seg = Segmented::default();
    let mut ids = Vec::new();
    for (k, p) in d.paras.iter().enumerate() {
        if k > 0 {
            text.push_str("\n\n");
        }
        let line = 1 + 2 * k;
        let start = text.len();
        for (j, s) in p.sentences.iter().enumerate() {
            if j > 0 {
                text.push(' ');
            }
            let span = Span {
                start: text.len(),
                end: text.len() + s.text.len(),
                line,
            };
            text.push_str(&s.text);
            seg.sentences.push(Block {
                span,
                furniture: p.furniture,
            });
            ids.push((s.id, span));
        }
        seg.paragraphs.push(Block {
            span: Span {
                start,
                end: text.len(),
                line,
            },
            furniture: p.furniture,
        });
    }
    text.push('\n');
    ids.sort_unstable();
    (text, seg, ids)
}

/// Word 5-gram Jaccard with a deliberately simple normalizer, independent
/// of the stage under test.
pub fn truth_jaccard(a: &str, b: &str) -> f64 {
    let grams = |t: &str| -> HashSet<String> {
        let lower = t.to_lowercase().replace(['\'', '\u{2019}'], "");
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        words
            .windows(5.min(words.len()))
            .map(|w| w.join(" "))
            .collect()
    };
    let (x, y) = (grams(a), grams(b));
    let common = x.intersection(&y).count();
    let union = x.len() + y.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// `articles` articles (~3.3 KB each) from `seed`: about `plant_rate` of them
/// receive one planted copy, and one wire paragraph per 10k articles is run
/// by up to 60 of them.
pub fn generate(articles: usize, seed: u64, plant_rate: f64) -> Corpus {
    let vocab = Vocab::new();
    let outlets: Vec<Outlet> = (0..articles.div_ceil(200).clamp(1, 500))
        .map(|k| outlet(&vocab, seed, k))
        .collect();
    let mut drafts: Vec<Draft> = (0..articles)
        .into_par_iter()
        .map(|i| draft(&vocab, &outlets[i % outlets.len()], seed, i))
        .collect();

    let mut rng = Rng::new(seed, u64::MAX);
    let mut plants = Vec::new();
    if articles >= 2 {
        for target in 0..articles {
            if rng.chance(plant_rate) {
                plants.extend(plant(&mut drafts, &vocab, &mut rng, target));
            }
        }
        // One wire story per 10k articles, each run by up to 60 outlets:
        // more than the default `max_shingle_units`.
        for _ in 0..articles.div_ceil(10_000) {
            let copies = (articles / 10).clamp(1, 60);
            let Some(sides) = wire(&mut drafts, &vocab, &mut rng, copies) else {
                continue;
            };
            for (i, a) in sides.iter().enumerate() {
                for b in &sides[i + 1..] {
                    plants.push(Plant {
                        edit: Edit::Wire,
                        a: a.clone(),
                        b: b.clone(),
                    });
                }
            }
        }
    }

    let rendered: Vec<Rendered> = drafts.par_iter().map(render).collect();
    let passage = |(art, ids): &(usize, Vec<u64>)| {
        let spans = &rendered[*art].2;
        let found = ids.iter().filter_map(|id| {
            spans
                .binary_search_by_key(id, |&(i, _)| i)
                .ok()
                .map(|k| spans[k].1)
        });
        let span = found
            .reduce(|x, y| Span {
                start: x.start.min(y.start),
                end: x.end.max(y.end),
                line: if y.start < x.start { y.line } else { x.line },
            })
            .unwrap_or(Span {
                start: 0,
                end: 0,
                line: 1,
            });
        Passage {
            article: *art,
            span,
        }
    };
    let planted = plants
        .par_iter()
        .map(|p| {
            let (a, b) = (passage(&p.a), passage(&p.b));
            let text = |x: &Passage| &rendered[x.article].0[x.span.start..x.span.end];
            Planted {
                edit: p.edit,
                a,
                b,
                jaccard: truth_jaccard(text(&a), text(&b)),
            }
        })
        .collect();
    let published = drafts.into_iter().map(|d| d.published).collect();
    let (texts, segmented) = rendered.into_iter().map(|(t, s, _)| (t, s)).unzip();
    Corpus {
        texts,
        published,
        segmented,
        planted,
    }
}

/// The text of every `.txt` file under `dirs` (each walked in sorted
/// order): written prose, the project's own fixture articles, for
/// measurements beside the generated batches. Unreadable entries are
/// skipped: this serves benchmarks and tools, not the pipeline.
pub fn fixture_texts(dirs: &[std::path::PathBuf]) -> Vec<String> {
    fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<std::path::PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "txt")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                out.push(text);
            }
        }
    }
    let mut out = Vec::new();
    for dir in dirs {
        walk(dir, &mut out);
    }
    out
}

/// Articles of `originals`, copied in turn until they hold `bytes`, each
/// dated so relative dates resolve: written prose or published news made
/// as large as a generated batch, for speed measurements.
pub fn copies(originals: &[String], bytes: usize) -> Vec<crate::model::Article> {
    let mut out = Vec::new();
    let mut total = 0;
    for (i, text) in originals.iter().cycle().enumerate() {
        if total >= bytes {
            break;
        }
        total += text.len();
        out.push(crate::model::Article {
            id: format!("f{i}"),
            path: format!("copies/{i:06}.txt"),
            title: None,
            source: None,
            published: Some("2025-05-23".to_string()),
            url: None,
            label: String::new(),
            text: text.clone(),
        });
    }
    out
}

/// News-like articles for speed measurements of the whole pipeline: page
/// furniture, datelines, counts in every number style, dates in every
/// format, quotes with `said X` and `- said X` lines, titles and names.
/// Deterministic from the seed; each article is about 3 KB.
pub fn news_batch(articles: usize, seed: u64) -> Vec<crate::model::Article> {
    const OUTLETS: &[&str] = &[
        "NordWire",
        "Harbor Ledger",
        "Daily Meridian",
        "Eastgate Post",
        "Sentinel Daily",
    ];
    const PEOPLE: &[(&str, &str)] = &[
        ("Marta Ilvenko", "Foreign Minister"),
        ("Tomas Brandt", "President"),
        ("Ines Marlow", "Mayor"),
        ("Victor Salme", "chief executive"),
        ("Lena Ortiz", "Defence Minister"),
        ("Arno Veld", "Police Chief"),
    ];
    const PREDICATES: &[&str] = &[
        "returned",
        "freed",
        "evacuated",
        "detained",
        "released",
        "laid off",
    ];
    const NOUNS: &[&str] = &[
        "people",
        "soldiers",
        "civilians",
        "residents",
        "workers",
        "prisoners",
    ];
    const MONTHS: &[&str] = &["January", "March", "May", "June", "September", "November"];
    const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Thursday", "Friday", "Sunday"];
    (0..articles)
        .into_par_iter()
        .map(|i| {
            let mut r = Rng::new(seed, i as u64);
            let outlet = r.pick(OUTLETS);
            let day = r.range(1, 28);
            let month = r.range(1, 12);
            let published = format!("2025-{month:02}-{day:02}");
            let mut t = format!("{outlet}\nNews\n{:02}:{:02} {day:02}.{month:02}.2025\n\n", r.range(0, 23), r.range(0, 59));
            let (name, title) = r.pick(PEOPLE);
            let n = r.range(10, 99_999);
            let number = match r.below(4) {
                0 => n.to_string(),
                1 if n >= 1000 => format!("{},{:03}", n / 1000, n % 1000),
                2 if n >= 1000 => format!("{} {:03}", n / 1000, n % 1000),
                _ => format!("about {n}"),
            };
            t.push_str(&format!(
                "{title} {name}: {number} {} {} after talks\n\n1 min read\n\n",
                r.pick(NOUNS),
                r.pick(PREDICATES)
            ));
            for p in 0..r.range(5, 7) {
                let (who, role) = r.pick(PEOPLE);
                t.push_str(&format!(
                    "Officials {} {} {} on {} {}, {}, {role} {who} said on {}. The figure was {} higher than the {} reported on {:02}.{:02}.2025, and at least {} others remain missing.\n\n",
                    r.pick(PREDICATES),
                    r.range(10, 5000),
                    r.pick(NOUNS),
                    r.pick(MONTHS),
                    r.range(1, 28),
                    2020 + r.below(6),
                    r.pick(WEEKDAYS),
                    r.range(2, 40),
                    r.range(100, 900),
                    r.range(1, 28),
                    r.range(1, 12),
                    r.range(2, 60),
                ));
                if p % 2 == 0 {
                    t.push_str(&format!(
                        "\"We will not stop until the last of our {} is home. Nearly {} families are still waiting for news,\" {who} said.\n\n",
                        r.pick(NOUNS),
                        r.range(100, 1200)
                    ));
                } else {
                    t.push_str(&format!(
                        "The exchange in the {n2}-for-{n2} format took place on {} May {}, two-thirds of the lists are agreed, and up to {} more could follow in the next two days\n\n- said {who}.\n\n",
                        r.range(1, 28),
                        2025,
                        r.range(10, 300),
                        n2 = r.range(50, 1000)
                    ));
                }
            }
            t.push_str("Read also: Ukraine returns 205 soldiers from captivity\n\nTags: #exchange #news\n\nMORE ABOUT\n\n");
            for _ in 0..4 {
                t.push_str(&format!(
                    "{:02}:{:02} {:02}.{:02}.2025\n{} on {} for {}: {} killed, {} injured\n\n",
                    r.range(0, 23),
                    r.range(0, 59),
                    r.range(1, 28),
                    r.range(1, 12),
                    r.pick(PEOPLE).0,
                    r.range(100, 999),
                    r.range(100, 999),
                    r.range(1, 30),
                    r.range(1, 90)
                ));
            }
            t.push_str(&format!("All rights reserved. © 2010 — 2025 {outlet}\n"));
            crate::model::Article {
                id: format!("a{}", i + 1),
                path: format!("gen/{i:06}.txt"),
                title: None,
                source: Some((*outlet).to_string()),
                published: Some(published),
                url: None,
                label: String::new(),
                text: t,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dupes::{DupeSettings, find_duplicates};

    #[test]
    fn same_seed_same_corpus_and_same_findings() {
        let (x, y) = (generate(300, 7, 0.3), generate(300, 7, 0.3));
        assert_eq!(x.texts, y.texts);
        assert_eq!(x.planted.len(), y.planted.len());
        let settings = DupeSettings::default();
        assert_eq!(
            find_duplicates(&x.inputs(), &settings),
            find_duplicates(&y.inputs(), &settings)
        );
        assert_ne!(x.texts, generate(300, 8, 0.3).texts);
    }

    #[test]
    fn furniture_is_marked_and_shared_within_an_outlet() {
        let c = generate(50, 1, 0.3);
        let furniture = |i: usize| -> Vec<&str> {
            c.segmented[i]
                .paragraphs
                .iter()
                .filter(|b| b.furniture)
                .map(|b| &c.texts[i][b.span.start..b.span.end])
                .collect()
        };
        let f0 = furniture(0);
        assert!(f0.iter().any(|t| t.starts_with("Read also: ")));
        assert!(f0.iter().any(|t| t.starts_with('\u{a9}')));
        let copyright = f0.iter().find(|t| t.starts_with('\u{a9}')).unwrap();
        assert!(furniture(1).contains(copyright));
        for (text, seg) in c.texts.iter().zip(&c.segmented) {
            assert!(
                seg.sentences
                    .iter()
                    .all(|s| text.is_char_boundary(s.span.start))
            );
            let lines = |b: &Block| 1 + text[..b.span.start].matches('\n').count();
            assert!(seg.paragraphs.iter().all(|p| lines(p) == p.span.line));
        }
    }

    #[test]
    fn planted_pairs_are_found() {
        let c = generate(400, 3, 0.3);
        assert!(c.planted.iter().any(|p| p.a.article == p.b.article));
        let found = find_duplicates(&c.inputs(), &DupeSettings::default());
        let overlaps = |x: &Passage, y: &Passage| {
            x.article == y.article && x.span.start < y.span.end && y.span.start < x.span.end
        };
        let hit = |p: &Planted| {
            found.iter().any(|d| {
                overlaps(&d.a, &p.a) && overlaps(&d.b, &p.b)
                    || overlaps(&d.a, &p.b) && overlaps(&d.b, &p.a)
            })
        };
        let target: Vec<&Planted> = c.planted.iter().filter(|p| p.jaccard >= 0.7).collect();
        let recalled = target.iter().filter(|p| hit(p)).count();
        assert!(recalled as f64 >= 0.97 * target.len() as f64);
        let correct = found
            .iter()
            .filter(|d| {
                c.planted.iter().any(|p| {
                    overlaps(&d.a, &p.a) && overlaps(&d.b, &p.b)
                        || overlaps(&d.a, &p.b) && overlaps(&d.b, &p.a)
                })
            })
            .count();
        assert!(correct as f64 >= 0.97 * found.len() as f64);
    }
}
