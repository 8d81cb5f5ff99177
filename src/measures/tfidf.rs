//! Sparse TF-IDF with scikit-learn's semantics (fit on one corpus, transform any), plus
//! quanteda's idf. Vocabulary in code-point order, as scikit-learn's `get_feature_names_out`.

use std::collections::HashMap;

use rayon::prelude::*;
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
        let mut m = SparseMatrix {
            cols,
            indptr: Vec::with_capacity(rows.len() + 1),
            ..SparseMatrix::default()
        };
        m.indptr.push(0);
        for row in rows {
            for (c, v) in row {
                m.indices.push(c);
                m.values.push(v);
            }
            m.indptr.push(m.indices.len());
        }
        m
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

/// A fitted vectorizer: vocabulary and idf.
#[derive(Debug, Clone, PartialEq)]
pub struct Tfidf {
    pub params: TfidfParams,
    pub vocabulary: Vec<String>,
    pub idf: Vec<f64>,
    index: HashMap<String, u32>,
}

fn term_counts(tokens: &[String]) -> HashMap<&str, u32> {
    let mut c: HashMap<&str, u32> = HashMap::new();
    for t in tokens {
        *c.entry(t.as_str()).or_insert(0) += 1;
    }
    c
}

impl Tfidf {
    /// Learn vocabulary and idf from token streams (one per document).
    pub fn fit(docs: &[Vec<String>], params: &TfidfParams) -> Result<Tfidf> {
        let n = docs.len();
        if n == 0 {
            return Err(Error::InvalidArgument(
                "TF-IDF needs at least one document".into(),
            ));
        }
        let counts: Vec<HashMap<&str, u32>> = docs.par_iter().map(|d| term_counts(d)).collect();
        // Document and corpus frequencies, merged in document order.
        let mut stats: HashMap<&str, (usize, u64)> = HashMap::new();
        for c in &counts {
            for (&t, &k) in c {
                let e = stats.entry(t).or_insert((0, 0));
                e.0 += 1;
                e.1 += u64::from(k);
            }
        }
        let (lo, hi) = (params.min_df.documents(n), params.max_df.documents(n));
        if hi < lo {
            return Err(Error::InvalidArgument(format!(
                "max_df {} corresponds to fewer documents than min_df {}",
                params.max_df, params.min_df
            )));
        }
        let mut kept: Vec<(&str, usize, u64)> = stats
            .into_iter()
            .filter(|&(_, (df, _))| df as f64 >= lo && df as f64 <= hi)
            .map(|(t, (df, tf))| (t, df, tf))
            .collect();
        kept.sort_unstable_by(|a, b| a.0.cmp(b.0));
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
            .map(|&(_, df, _)| {
                let df = df as f64;
                match params.idf {
                    Idf::Smooth => ((1.0 + nf) / (1.0 + df)).ln() + 1.0,
                    Idf::Plain => (nf / df).ln() + 1.0,
                    Idf::Quanteda => (nf / df).log10(),
                }
            })
            .collect();
        let vocabulary: Vec<String> = kept.iter().map(|&(t, _, _)| t.to_string()).collect();
        let index = vocabulary
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        Ok(Tfidf {
            params: *params,
            vocabulary,
            idf,
            index,
        })
    }

    /// TF-IDF rows for token streams; terms outside the vocabulary are ignored.
    pub fn transform(&self, docs: &[Vec<String>]) -> SparseMatrix {
        let rows = docs.par_iter().map(|d| self.row(d)).collect();
        SparseMatrix::from_rows(self.vocabulary.len(), rows)
    }

    pub fn fit_transform(
        docs: &[Vec<String>],
        params: &TfidfParams,
    ) -> Result<(Tfidf, SparseMatrix)> {
        let t = Tfidf::fit(docs, params)?;
        let m = t.transform(docs);
        Ok((t, m))
    }

    fn row(&self, tokens: &[String]) -> Vec<(u32, f64)> {
        let mut row: Vec<(u32, f64)> = term_counts(tokens)
            .into_iter()
            .filter_map(|(t, k)| self.index.get(t).map(|&c| (c, f64::from(k))))
            .collect();
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
pub(crate) mod tests {
    use super::*;

    pub(crate) fn docs(lines: &[&str]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.split_whitespace().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn doc_freq_parses_like_scikit_learn() {
        assert_eq!("2".parse::<DocFreq>().unwrap(), DocFreq::Count(2));
        assert_eq!("1.0".parse::<DocFreq>().unwrap(), DocFreq::Proportion(1.0));
        assert_eq!("0.5".parse::<DocFreq>().unwrap(), DocFreq::Proportion(0.5));
        assert!("1.5".parse::<DocFreq>().is_err());
    }

    #[test]
    fn df_bounds_and_max_features() {
        let d = docs(&["a b c", "a b", "a d"]);
        let p = TfidfParams {
            min_df: DocFreq::Count(2),
            ..TfidfParams::default()
        };
        assert_eq!(Tfidf::fit(&d, &p).unwrap().vocabulary, ["a", "b"]);
        let p = TfidfParams {
            max_df: DocFreq::Proportion(0.7),
            ..TfidfParams::default()
        };
        assert_eq!(Tfidf::fit(&d, &p).unwrap().vocabulary, ["b", "c", "d"]);
        let p = TfidfParams {
            max_features: Some(2),
            ..TfidfParams::default()
        };
        // a (3) and b (2) are the most frequent.
        assert_eq!(Tfidf::fit(&d, &p).unwrap().vocabulary, ["a", "b"]);
        let p = TfidfParams {
            min_df: DocFreq::Count(3),
            max_df: DocFreq::Count(2),
            ..TfidfParams::default()
        };
        assert!(Tfidf::fit(&d, &p).is_err());
    }

    #[test]
    fn quanteda_idf_has_no_plus_one() {
        let d = docs(&["a b", "a"]);
        let p = TfidfParams {
            idf: Idf::Quanteda,
            norm: Norm::None,
            ..TfidfParams::default()
        };
        let (t, m) = Tfidf::fit_transform(&d, &p).unwrap();
        assert_eq!(t.idf, vec![0.0, 2f64.log10()]);
        // a has weight 0 everywhere and is not stored.
        assert_eq!(m.row(0), (&[1u32][..], &[2f64.log10()][..]));
    }
}
