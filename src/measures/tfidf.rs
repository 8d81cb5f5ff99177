//! Sparse TF-IDF with scikit-learn's semantics (fit on one corpus, transform any), plus
//! quanteda's idf. Vocabulary in code-point order, as scikit-learn's `get_feature_names_out`.

use std::hash::BuildHasher;

use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::Serialize;

use crate::error::{Error, Result};

/// A document-frequency bound: a count of documents, or a proportion of them (scikit-learn: an
/// integer is a count, a float a proportion, so `1` and `1.0` differ).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocFreq {
    Count(usize),
    Proportion(f64),
}

impl DocFreq {
    fn documents(self, n: usize) -> f64 {
        match self {
            DocFreq::Count(c) => c as f64,
            DocFreq::Proportion(p) => p * n as f64,
        }
    }
}

impl std::str::FromStr for DocFreq {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let s = s.trim();
        if let Ok(c) = s.parse::<usize>() {
            return Ok(DocFreq::Count(c));
        }
        match s.parse::<f64>() {
            Ok(p) if (0.0..=1.0).contains(&p) => Ok(DocFreq::Proportion(p)),
            _ => Err(format!(
                "{s:?} is neither a document count (5) nor a proportion in [0, 1] (0.5)"
            )),
        }
    }
}

impl std::fmt::Display for DocFreq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocFreq::Count(c) => write!(f, "{c}"),
            DocFreq::Proportion(p) => write!(f, "{p:?}"),
        }
    }
}

/// Inverse document frequency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Idf {
    /// ln((1 + n) / (1 + df)) + 1 (scikit-learn's default, smooth_idf=True).
    #[default]
    Smooth,
    /// ln(n / df) + 1 (scikit-learn, smooth_idf=False).
    Plain,
    /// log10(n / df) (quanteda's docfreq "inverse", no +1).
    Quanteda,
}

impl std::str::FromStr for Idf {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "smooth" => Ok(Idf::Smooth),
            "plain" => Ok(Idf::Plain),
            "quanteda" => Ok(Idf::Quanteda),
            _ => Err(format!(
                "unknown idf {s:?}; expected smooth, plain or quanteda"
            )),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Norm {
    #[default]
    L2,
    None,
}

impl std::str::FromStr for Norm {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "l2" => Ok(Norm::L2),
            "none" => Ok(Norm::None),
            _ => Err(format!("unknown norm {s:?}; expected l2 or none")),
        }
    }
}

/// TF-IDF parameters, named as in scikit-learn's TfidfVectorizer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TfidfParams {
    pub min_df: DocFreq,
    pub max_df: DocFreq,
    pub max_features: Option<usize>,
    pub sublinear_tf: bool,
    pub norm: Norm,
    pub idf: Idf,
}

impl Default for TfidfParams {
    fn default() -> Self {
        TfidfParams {
            min_df: DocFreq::Count(1),
            max_df: DocFreq::Proportion(1.0),
            max_features: None,
            sublinear_tf: false,
            norm: Norm::L2,
            idf: Idf::Smooth,
        }
    }
}

/// Rows of (column, value) in compressed sparse row form; columns ascending within a row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SparseMatrix {
    pub cols: usize,
    pub indptr: Vec<usize>,
    pub indices: Vec<u32>,
    pub values: Vec<f64>,
}

impl SparseMatrix {
    pub fn rows(&self) -> usize {
        self.indptr.len().saturating_sub(1)
    }

    pub fn row(&self, i: usize) -> (&[u32], &[f64]) {
        let r = self.indptr[i]..self.indptr[i + 1];
        (&self.indices[r.clone()], &self.values[r])
    }

    fn from_rows(cols: usize, rows: Vec<Vec<(u32, f64)>>) -> Self {
        let mut indptr = Vec::with_capacity(rows.len() + 1);
        indptr.push(0);
        for row in &rows {
            indptr.push(indptr[indptr.len() - 1] + row.len());
        }
        let indices = rows
            .par_iter()
            .flat_map_iter(|r| r.iter().map(|&(c, _)| c))
            .collect();
        let values = rows
            .par_iter()
            .flat_map_iter(|r| r.iter().map(|&(_, v)| v))
            .collect();
        SparseMatrix {
            cols,
            indptr,
            indices,
            values,
        }
    }

    pub fn to_dense(&self) -> ndarray::Array2<f64> {
        let mut d = ndarray::Array2::zeros((self.rows(), self.cols));
        for i in 0..self.rows() {
            let (cols, vals) = self.row(i);
            for (&c, &v) in cols.iter().zip(vals) {
                d[[i, c as usize]] = v;
            }
        }
        d
    }
}

/// Terms are counted and numbered in this many shards (by hash), each shard on its own
/// thread. Nothing that reaches output depends on it: the vocabulary is sorted, rows are
/// sorted by column, and term numbers never leave this module.
const SHARDS: usize = 16;

/// A document's distinct terms with their counts, grouped by shard (in order of first
/// occurrence within each shard): shard `s` holds `terms[bounds[s]..bounds[s + 1]]`.
struct DocTerms<'a> {
    terms: Vec<(&'a str, u32)>,
    bounds: [u32; SHARDS + 1],
}

impl<'a> DocTerms<'a> {
    fn shard(&self, s: usize) -> &[(&'a str, u32)] {
        &self.terms[self.bounds[s] as usize..self.bounds[s + 1] as usize]
    }
}

/// A fitted vectorizer: vocabulary and idf.
#[derive(Debug, Clone)]
pub struct Tfidf {
    pub params: TfidfParams,
    pub vocabulary: Vec<String>,
    pub idf: Vec<f64>,
    /// Each term's column, built on the first [`Tfidf::transform`] (fit_transform never
    /// needs it).
    index: std::sync::OnceLock<FxHashMap<String, u32>>,
}

/// Two vectorizers are equal when they weigh every term alike (whether either has built its
/// term index yet does not matter).
impl PartialEq for Tfidf {
    fn eq(&self, other: &Self) -> bool {
        (&self.params, &self.vocabulary, &self.idf)
            == (&other.params, &other.vocabulary, &other.idf)
    }
}

/// Each distinct term of a document with its count, grouped by shard. FxHash (rustc's):
/// tokens are short, and SipHash's resistance to crafted collisions costs more than all the
/// rest of counting; nothing that reaches output depends on hash order.
fn term_counts<'a>(tokens: impl IntoIterator<Item = &'a str>) -> DocTerms<'a> {
    let mut at: FxHashMap<&str, u32> = FxHashMap::default();
    let mut counts: Vec<(&str, u32, u8)> = Vec::new();
    for t in tokens {
        let next = counts.len() as u32;
        let i = *at.entry(t).or_insert(next);
        if i == next {
            let shard = (FxBuildHasher.hash_one(t) >> 32) as usize % SHARDS;
            counts.push((t, 1, shard as u8));
        } else {
            counts[i as usize].1 += 1;
        }
    }
    let mut bounds = [0u32; SHARDS + 1];
    for &(_, _, s) in &counts {
        bounds[s as usize + 1] += 1;
    }
    for s in 0..SHARDS {
        bounds[s + 1] += bounds[s];
    }
    let mut next = bounds;
    let mut terms = vec![("", 0u32); counts.len()];
    for (t, k, s) in counts {
        terms[next[s as usize] as usize] = (t, k);
        next[s as usize] += 1;
    }
    DocTerms { terms, bounds }
}

/// Every term of the corpus numbered (shard by shard, in order of first occurrence within its
/// shard) with its document and corpus frequency, and each document's (term number, count).
/// Each shard is numbered on its own thread and reads only its own part of each document.
#[allow(clippy::type_complexity)]
fn number_terms<'a>(docs: &[DocTerms<'a>]) -> (Vec<(&'a str, usize, u64)>, Vec<Vec<(u32, u32)>>) {
    // Per shard: its terms, the number of each document's terms in order, and where each
    // document's numbers start.
    let shards: Vec<(Vec<(&str, usize, u64)>, Vec<u32>, Vec<usize>)> = (0..SHARDS)
        .into_par_iter()
        .map(|shard| {
            let mut number: FxHashMap<&str, u32> = FxHashMap::default();
            let mut terms: Vec<(&str, usize, u64)> = Vec::new();
            let mut ids = Vec::new();
            let mut starts = Vec::with_capacity(docs.len());
            for d in docs {
                starts.push(ids.len());
                for &(t, k) in d.shard(shard) {
                    let next = terms.len() as u32;
                    let id = *number.entry(t).or_insert(next);
                    if id == next {
                        terms.push((t, 0, 0));
                    }
                    let e = &mut terms[id as usize];
                    e.1 += 1;
                    e.2 += u64::from(k);
                    ids.push(id);
                }
            }
            (terms, ids, starts)
        })
        .collect();
    let mut offset = [0u32; SHARDS];
    for s in 1..SHARDS {
        offset[s] = offset[s - 1] + shards[s - 1].0.len() as u32;
    }
    let numbered = docs
        .par_iter()
        .enumerate()
        .map(|(d, doc)| {
            let mut out = Vec::with_capacity(doc.terms.len());
            for (s, (_, ids, starts)) in shards.iter().enumerate() {
                let part = doc.shard(s);
                let ids = &ids[starts[d]..starts[d] + part.len()];
                out.extend(
                    ids.iter()
                        .zip(part)
                        .map(|(&id, &(_, k))| (offset[s] + id, k)),
                );
            }
            out
        })
        .collect();
    let terms = shards.into_iter().flat_map(|(t, _, _)| t).collect();
    (terms, numbered)
}

/// A document's tokens as string slices.
fn strs<S: AsRef<str>>(tokens: &[S]) -> impl Iterator<Item = &str> {
    tokens.iter().map(AsRef::as_ref)
}

impl Tfidf {
    /// Learn vocabulary and idf from token streams (one per document).
    pub fn fit<S: AsRef<str> + Sync>(docs: &[Vec<S>], params: &TfidfParams) -> Result<Tfidf> {
        let counts: Vec<DocTerms<'_>> = docs.par_iter().map(|d| term_counts(strs(d))).collect();
        Ok(Self::fit_counts(&counts, params)?.0)
    }

    /// [`Tfidf::fit`] from each document's term counts. Also returns every document's counts
    /// by term number and each term number's column (None when the term was dropped), so that
    /// transforming the same documents needs no second string lookup.
    #[allow(clippy::type_complexity)]
    fn fit_counts(
        counts: &[DocTerms<'_>],
        params: &TfidfParams,
    ) -> Result<(Tfidf, Vec<Vec<(u32, u32)>>, Vec<Option<u32>>)> {
        let n = counts.len();
        if n == 0 {
            return Err(Error::InvalidArgument(
                "TF-IDF needs at least one document".into(),
            ));
        }
        let (terms, numbered) = number_terms(counts);
        let (lo, hi) = (params.min_df.documents(n), params.max_df.documents(n));
        if hi < lo {
            return Err(Error::InvalidArgument(format!(
                "max_df {} corresponds to fewer documents than min_df {}",
                params.max_df, params.min_df
            )));
        }
        // (term, df, corpus frequency, term number)
        let mut kept: Vec<(&str, usize, u64, u32)> = terms
            .iter()
            .enumerate()
            .filter(|(_, (_, df, _))| *df as f64 >= lo && *df as f64 <= hi)
            .map(|(id, &(t, df, tf))| (t, df, tf, id as u32))
            .collect();
        kept.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
        if let Some(limit) = params.max_features {
            // The most frequent terms in the corpus; ties go to the earlier term.
            let mut by_freq: Vec<usize> = (0..kept.len()).collect();
            by_freq.sort_by(|&a, &b| kept[b].2.cmp(&kept[a].2).then(a.cmp(&b)));
            let mut keep = vec![false; kept.len()];
            for &i in by_freq.iter().take(limit) {
                keep[i] = true;
            }
            let mut i = 0;
            kept.retain(|_| {
                i += 1;
                keep[i - 1]
            });
        }
        if kept.is_empty() {
            return Err(Error::InvalidArgument(
                "no terms remain after min_df/max_df/max_features; loosen them".into(),
            ));
        }
        let nf = n as f64;
        let idf = kept
            .iter()
            .map(|&(_, df, _, _)| {
                let df = df as f64;
                match params.idf {
                    Idf::Smooth => ((1.0 + nf) / (1.0 + df)).ln() + 1.0,
                    Idf::Plain => (nf / df).ln() + 1.0,
                    Idf::Quanteda => (nf / df).log10(),
                }
            })
            .collect();
        let mut column = vec![None; terms.len()];
        for (c, &(_, _, _, id)) in kept.iter().enumerate() {
            column[id as usize] = Some(c as u32);
        }
        let vocabulary: Vec<String> = kept.iter().map(|&(t, _, _, _)| t.to_string()).collect();
        let t = Tfidf {
            params: *params,
            vocabulary,
            idf,
            index: std::sync::OnceLock::new(),
        };
        Ok((t, numbered, column))
    }

    /// TF-IDF rows for token streams; terms outside the vocabulary are ignored.
    pub fn transform<S: AsRef<str> + Sync>(&self, docs: &[Vec<S>]) -> SparseMatrix {
        let rows = docs
            .par_iter()
            .map(|d| self.row(&term_counts(strs(d))))
            .collect();
        SparseMatrix::from_rows(self.vocabulary.len(), rows)
    }

    /// [`Tfidf::fit`] then [`Tfidf::transform`] on the same documents, counting terms once.
    pub fn fit_transform<S: AsRef<str> + Sync>(
        docs: &[Vec<S>],
        params: &TfidfParams,
    ) -> Result<(Tfidf, SparseMatrix)> {
        Self::fit_transform_each(docs.len(), |i| strs(&docs[i]), params)
    }

    /// [`Tfidf::fit_transform`] on `n` documents whose tokens `tokens_of(i)` yields (slices
    /// of text that outlives the call): each document is counted as soon as it is cut, so
    /// the corpus's token lists never exist all at once.
    pub fn fit_transform_each<'a, F, I>(
        n: usize,
        tokens_of: F,
        params: &TfidfParams,
    ) -> Result<(Tfidf, SparseMatrix)>
    where
        F: Fn(usize) -> I + Sync,
        I: IntoIterator<Item = &'a str>,
    {
        let counts: Vec<DocTerms<'a>> = (0..n)
            .into_par_iter()
            .map(|i| term_counts(tokens_of(i)))
            .collect();
        let (t, numbered, column) = Tfidf::fit_counts(&counts, params)?;
        drop(counts);
        let rows = numbered
            .par_iter()
            .map(|c| {
                t.weigh(
                    c.iter()
                        .filter_map(|&(id, k)| column[id as usize].map(|c| (c, f64::from(k))))
                        .collect(),
                )
            })
            .collect();
        let m = SparseMatrix::from_rows(t.vocabulary.len(), rows);
        Ok((t, m))
    }

    fn row(&self, counts: &DocTerms<'_>) -> Vec<(u32, f64)> {
        self.weigh(
            counts
                .terms
                .iter()
                .filter_map(|&(t, k)| self.index().get(t).map(|&c| (c, f64::from(k))))
                .collect(),
        )
    }

    fn index(&self) -> &FxHashMap<String, u32> {
        self.index.get_or_init(|| {
            let pairs = self.vocabulary.iter().enumerate();
            pairs.map(|(i, t)| (t.clone(), i as u32)).collect()
        })
    }

    /// A row's TF-IDF values from its (column, count) pairs.
    fn weigh(&self, mut row: Vec<(u32, f64)>) -> Vec<(u32, f64)> {
        row.sort_unstable_by_key(|&(c, _)| c);
        for (c, v) in &mut row {
            let tf = if self.params.sublinear_tf {
                1.0 + v.ln()
            } else {
                *v
            };
            *v = tf * self.idf[*c as usize];
        }
        if self.params.norm == Norm::L2 {
            // Summed in column order so the result does not depend on hashing.
            let norm = row.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
            if norm > 0.0 {
                for (_, v) in &mut row {
                    *v /= norm;
                }
            }
        }
        row.retain(|&(_, v)| v != 0.0);
        row
    }
}

#[cfg(test)]
pub(crate) mod tests;
