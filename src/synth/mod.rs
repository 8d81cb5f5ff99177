//! Synthetic corpora with planted reuse, for measuring passage detection (`tifa synth`).
//!
//! Documents are made of *filler* — sentences of the source corpus whose Han characters are
//! shuffled, so that they look like Chinese text to the tokenizer but share no phrase with
//! anything — and *real* sentences drawn without replacement from the source corpus. Central,
//! provincial and peer documents carry real sentences; municipal target documents copy
//! passages (one or two consecutive real sentences) from them, at known offsets, optionally
//! obfuscated. `truth.json` records every planted passage in the coordinates tifa reports
//! (normalized character offsets of target and source) and in raw bytes of the written files.
//!
//! Every random choice comes from one SplitMix64 generator seeded with `--seed`, so a seed
//! always gives the same corpus, byte for byte.

pub mod diffusion;
pub mod obfuscate;
pub mod rng;

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::corpus::{self, Corpus};
use crate::document::Level;
use crate::error::{Error, Result};
use crate::render::bundle::{Bundle, OutputPolicy, write_dir};
use crate::text::is_han;
use obfuscate::{Obfuscation, Obfuscator};
use rng::SplitMix64;

/// Rates of each obfuscation (probability that it is applied to a planted passage).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rates {
    pub traditional: f64,
    pub pinyin: f64,
    pub punctuation: f64,
    pub page_break: f64,
    pub edits: f64,
    pub reorder: f64,
}

impl Default for Rates {
    fn default() -> Self {
        Rates {
            traditional: 0.2,
            pinyin: 0.15,
            punctuation: 0.3,
            page_break: 0.2,
            edits: 0.3,
            reorder: 0.15,
        }
    }
}

/// What to generate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SynthParams {
    /// Total number of documents (at least 4).
    pub docs: usize,
    pub seed: u64,
    pub rates: Rates,
}

impl SynthParams {
    /// Refuse what cannot be generated: fewer than 4 documents, a rate outside [0, 1]. Errors
    /// name the parameter (`docs`, `rate_edits`, …).
    pub fn validate(&self) -> Result<()> {
        if self.docs < 4 {
            return Err(Error::Parameter {
                name: "docs",
                message: format!("must be at least 4, got {}", self.docs),
            });
        }
        let r = &self.rates;
        for (name, rate) in [
            ("rate_traditional", r.traditional),
            ("rate_pinyin", r.pinyin),
            ("rate_punctuation", r.punctuation),
            ("rate_page_break", r.page_break),
            ("rate_edits", r.edits),
            ("rate_reorder", r.reorder),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(Error::Parameter {
                    name,
                    message: format!("must be between 0 and 1, got {rate}"),
                });
            }
        }
        Ok(())
    }
}

/// One planted passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub target_id: String,
    /// Normalized char offsets in the target document.
    pub target_start: usize,
    pub target_end: usize,
    /// Raw byte offsets in the target file.
    pub target_raw_start: usize,
    pub target_raw_end: usize,
    pub source_id: String,
    pub source_level: Level,
    /// Normalized char offsets in the source document.
    pub source_start: usize,
    pub source_end: usize,
    /// Obfuscations applied to this passage (`none` when clean).
    pub obfuscations: Vec<String>,
    /// The passage as planted (before obfuscation).
    pub text: String,
}

impl Case {
    /// The case as a PAN alignment (target and source spans).
    pub fn alignment(&self) -> crate::analyses::pan::Alignment {
        crate::analyses::pan::Alignment {
            target_id: self.target_id.clone(),
            target_start: self.target_start,
            target_end: self.target_end,
            source_id: self.source_id.clone(),
            source_start: self.source_start,
            source_end: self.source_end,
        }
    }
}

/// The ground truth of a synthetic corpus.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Truth {
    pub seed: u64,
    pub docs: usize,
    pub cases: Vec<Case>,
}

/// A planned document before writing.
struct Planned {
    id: String,
    level: Level,
    province: Option<&'static str>,
    city: Option<&'static str>,
    date: String,
    pieces: Vec<Piece>,
}

/// A sentence of a planned document.
struct Piece {
    clean: String,
    /// A real corpus sentence (copyable), as opposed to shuffled filler.
    real: bool,
    /// For planted passages: (source document index, index of the copied piece, obfuscations).
    planted: Option<(usize, usize, Vec<Obfuscation>)>,
}

const CITIES: [(&str, &str); 6] = [
    ("江苏省", "南通市"),
    ("江苏省", "无锡市"),
    ("江苏省", "常州市"),
    ("山西省", "晋中市"),
    ("四川省", "雅安市"),
    ("江苏省", "扬州市"),
];

/// The date of the `rank`-th city document: one day apart from 2022-01-01 (28-day months, so
/// every date is valid).
fn city_date(rank: usize) -> String {
    let year = 2022 + rank / (12 * 28);
    let month = 1 + (rank / 28) % 12;
    let day = 1 + rank % 28;
    format!("{year}-{month:02}-{day:02}")
}

/// Sentences of a corpus: split after 。！？； and kept when they have at least 12 chars.
pub fn sentences(corpus: &Corpus) -> Vec<String> {
    let mut out = Vec::new();
    for d in &corpus.documents {
        let mut cur = String::new();
        for c in d.text.as_str().chars() {
            if c == '\n' {
                cur.clear();
                continue;
            }
            cur.push(c);
            if matches!(c, '。' | '！' | '？' | '；') {
                if cur.chars().count() >= 12 {
                    out.push(std::mem::take(&mut cur));
                } else {
                    cur.clear();
                }
            }
        }
    }
    out.sort();
    out.dedup();
    without_shared_phrases(out)
}

/// Characters a sentence may share with another before it counts as reuse in the harness.
const SHARED_PHRASE: usize = 5;

/// Keep sentences (in order) that share no run of [`SHARED_PHRASE`] Han characters with a
/// sentence kept before them: the seeds quote each other (习近平总书记关于疫情防控工作的重要
/// 指示精神 is in most of them), and reuse the truth does not record would count as false
/// positives.
fn without_shared_phrases(sentences: Vec<String>) -> Vec<String> {
    let mut seen: std::collections::HashSet<Vec<char>> = std::collections::HashSet::new();
    let mut kept = Vec::new();
    for s in sentences {
        let han: Vec<char> = s.chars().filter(|&c| is_han(c)).collect();
        let windows: Vec<Vec<char>> = han.windows(SHARED_PHRASE).map(<[char]>::to_vec).collect();
        if windows.iter().any(|w| seen.contains(w)) {
            continue;
        }
        seen.extend(windows);
        kept.push(s);
    }
    kept
}

/// Shuffle the Han characters of a sentence (punctuation stays where it is).
fn salad(sentence: &str, rng: &mut SplitMix64) -> String {
    let chars: Vec<char> = sentence.chars().collect();
    let mut han: Vec<char> = chars.iter().copied().filter(|c| is_han(*c)).collect();
    rng.shuffle(&mut han);
    let mut it = han.into_iter();
    chars
        .into_iter()
        .map(|c| if is_han(c) { it.next().unwrap_or(c) } else { c })
        .collect()
}

/// Plan the corpus: levels, real sentences for sources, planted passages for targets.
fn plan(pool: &[String], params: &SynthParams, rng: &mut SplitMix64) -> Result<Vec<Planned>> {
    let n = params.docs;
    if pool.len() < 20 {
        return Err(Error::InvalidArgument(format!(
            "the source corpus has only {} usable sentences; need at least 20",
            pool.len()
        )));
    }
    let n_central = (n / 8).max(1);
    let n_provincial = (n / 8).max(1);
    // Real sentences are dealt without replacement; when the pool runs out, documents get
    // filler only, because a sentence dealt twice would be reuse the truth does not record.
    let mut deck: Vec<usize> = (0..pool.len()).collect();
    rng.shuffle(&mut deck);
    let mut docs = Vec::with_capacity(n);
    for i in 0..n {
        let (level, province, city, date, id) = if i < n_central {
            (
                Level::Central,
                None,
                None,
                "2021-01".to_string(),
                format!("central-{:03}", i + 1),
            )
        } else if i < n_central + n_provincial {
            (
                Level::Provincial,
                Some("江苏省"),
                None,
                "2021-06".to_string(),
                format!("jiangsu-{:03}", i + 1),
            )
        } else {
            let (p, c) = CITIES[rng.below(CITIES.len())];
            // Dates rise strictly with the index: a planted source (always an earlier
            // document) is older than its target, and a target is never a source's source.
            let date = city_date(i - n_central - n_provincial);
            (
                Level::Municipal,
                Some(p),
                Some(c),
                date,
                format!("city-{:03}", i + 1),
            )
        };
        let mut pieces: Vec<Piece> = (0..(8 + rng.below(8)))
            .map(|_| Piece {
                clean: salad(&pool[rng.below(pool.len())], rng),
                real: false,
                planted: None,
            })
            .collect();
        for _ in 0..(3 + rng.below(3)) {
            let at = rng.below(pieces.len() + 1);
            let Some(k) = deck.pop() else { break };
            pieces.insert(
                at,
                Piece {
                    clean: pool[k].clone(),
                    real: true,
                    planted: None,
                },
            );
        }
        docs.push(Planned {
            id,
            level,
            province,
            city,
            date,
            pieces,
        });
    }
    for t in (n_central + n_provincial)..n {
        for _ in 0..(1 + rng.below(3)) {
            let s = rng.below(t);
            if docs[s].city.is_some() && docs[s].city == docs[t].city {
                continue; // same city is not reuse from elsewhere
            }
            if docs[s].level == Level::Provincial && docs[s].province != docs[t].province {
                continue; // a city's references are its own province's documents only
            }
            let real: Vec<usize> = (0..docs[s].pieces.len())
                .filter(|&k| docs[s].pieces[k].real && docs[s].pieces[k].planted.is_none())
                .collect();
            if real.is_empty() {
                continue;
            }
            let k = real[rng.below(real.len())];
            let clean = docs[s].pieces[k].clean.clone();
            // Copied once only: two copies of one sentence would also match each other.
            docs[s].pieces[k].real = false;
            let obfuscations = obfuscate::choose(&params.rates, rng);
            let at = rng.below(docs[t].pieces.len() + 1);
            docs[t].pieces.insert(
                at,
                Piece {
                    clean,
                    real: false,
                    planted: Some((s, k, obfuscations)),
                },
            );
        }
    }
    Ok(docs)
}

/// Write the documents: one file per document, paragraphs of three sentences. Returns the raw
/// byte range of every piece, per document.
fn write_texts(
    docs: &[Planned],
    obf: &Obfuscator,
    rng: &mut SplitMix64,
) -> (Vec<String>, Vec<Vec<std::ops::Range<usize>>>) {
    let mut texts = Vec::with_capacity(docs.len());
    let mut ranges = Vec::with_capacity(docs.len());
    for d in docs {
        let mut text = String::new();
        let mut rs = Vec::with_capacity(d.pieces.len());
        for (k, p) in d.pieces.iter().enumerate() {
            if k > 0 && k % 3 == 0 {
                text.push_str("\n\n");
            }
            let written = match &p.planted {
                Some((_, _, obs)) => obf.apply(&p.clean, obs, rng),
                None => p.clean.clone(),
            };
            let start = text.len();
            text.push_str(&written);
            rs.push(start..text.len());
        }
        text.push('\n');
        texts.push(text);
        ranges.push(rs);
    }
    (texts, ranges)
}

fn manifest(docs: &[Planned], params: &SynthParams) -> String {
    let mut m = format!(
        "# Synthetic corpus written by `tifa synth --docs {} --seed {}`; truth in truth.json.\n\
         name = \"synth-{}\"\n\n[[sources]]\npath = \"raw\"\n",
        params.docs, params.seed, params.seed
    );
    for d in docs {
        push_document_entry(&mut m, &d.id, d.level, &d.date, d.province, d.city);
    }
    m
}

/// One `[[sources.documents]]` entry of a synthetic manifest: the file `ID.txt` under `raw/`.
fn push_document_entry(
    m: &mut String,
    id: &str,
    level: Level,
    date: &str,
    province: Option<&str>,
    city: Option<&str>,
) {
    m.push_str(&format!(
        "[[sources.documents]]\nid = \"{id}\"\nfile = \"{id}.txt\"\nlevel = \"{level}\"\ndate = \"{date}\"\n"
    ));
    if let Some(p) = province {
        m.push_str(&format!("province = \"{p}\"\n"));
    }
    if let Some(c) = city {
        m.push_str(&format!("city = \"{c}\"\n"));
    }
}

/// Normalized char range of the chars whose raw span starts inside `raw`.
fn normalized_range(
    doc: &crate::document::Document,
    raw: &std::ops::Range<usize>,
) -> std::ops::Range<usize> {
    let spans = doc.text.spans();
    let start = spans.partition_point(|s| (s.start as usize) < raw.start);
    let end = spans.partition_point(|s| (s.start as usize) < raw.end);
    start..end.max(start)
}

/// Generate a synthetic corpus from `source` and write it to `out` (atomically):
/// `raw/*.txt`, `corpus.toml`, `truth.json`, where `policy` allows it. Returns the truth.
pub fn generate(
    source: &Corpus,
    params: &SynthParams,
    out: &Path,
    policy: &OutputPolicy,
) -> Result<Truth> {
    params.validate()?;
    let pool = sentences(source);
    let mut rng = SplitMix64::new(params.seed);
    let docs = plan(&pool, params, &mut rng)?;
    let obf = Obfuscator::new()?;
    let (texts, ranges) = write_texts(&docs, &obf, &mut rng);
    let mut bundle = Bundle::default();
    for (d, t) in docs.iter().zip(&texts) {
        bundle.add(format!("raw/{}.txt", d.id), t.as_bytes());
    }
    bundle.add("corpus.toml", manifest(&docs, params));
    // Load what was written, exactly as tifa will, to express the truth in its coordinates.
    let staging = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let staged = staging.path().join("corpus");
    write_dir(&bundle, &staged, &OutputPolicy::default())?;
    let loaded = corpus::load(&staged.join("corpus.toml"))?;
    let by_id: BTreeMap<&str, &crate::document::Document> =
        loaded.documents.iter().map(|d| (d.id(), d)).collect();
    let mut cases = Vec::new();
    for (t, d) in docs.iter().enumerate() {
        for (k, p) in d.pieces.iter().enumerate() {
            let Some((s, sk, obs)) = &p.planted else {
                continue;
            };
            let (Some(td), Some(sd)) = (by_id.get(d.id.as_str()), by_id.get(docs[*s].id.as_str()))
            else {
                return Err(Error::Internal(format!(
                    "synthetic document {} did not load",
                    d.id
                )));
            };
            let tr = normalized_range(td, &ranges[t][k]);
            let sr = normalized_range(sd, &ranges[*s][*sk]);
            let mut names: Vec<String> = obs.iter().map(|o| o.name().to_string()).collect();
            if names.is_empty() {
                names.push("none".into());
            }
            cases.push(Case {
                target_id: d.id.clone(),
                target_start: tr.start,
                target_end: tr.end,
                target_raw_start: ranges[t][k].start,
                target_raw_end: ranges[t][k].end,
                source_id: docs[*s].id.clone(),
                source_level: docs[*s].level,
                source_start: sr.start,
                source_end: sr.end,
                obfuscations: names,
                text: p.clean.clone(),
            });
        }
    }
    let truth = Truth {
        seed: params.seed,
        docs: params.docs,
        cases,
    };
    let json = serde_json::to_string_pretty(&truth)
        .map_err(|e| Error::Internal(format!("truth.json: {e}")))?;
    bundle.add("truth.json", json + "\n");
    write_dir(&bundle, out, policy)?;
    Ok(truth)
}

#[cfg(test)]
mod tests;
