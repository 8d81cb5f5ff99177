//! The parameters a sweep may vary, by name, and how a value string sets each one.

use std::str::FromStr;

use serde::Serialize;

use crate::analyses::cluster::Linkage;
use crate::analyses::grouping::FeatureSpace;
use crate::analyses::grouping::{ClusterParams, Method};
use crate::error::{Error, Result};
use crate::features::tokens::AnalyzerKind;
use crate::measures::similarity::VectorParams;
use crate::measures::tfidf::{DocFreq, Idf, Norm};
use crate::reuse::ReuseParams;

/// Everything one sweep combination runs with.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SweepParams {
    pub reuse: ReuseParams,
    pub vectors: VectorParams,
    pub cluster: ClusterParams,
    pub features: FeatureSpace,
}

/// Sweepable parameters: name, what it is. Names are the CLI flags with `_` for `-`.
pub const PARAMETERS: &[(&str, &str)] = &[
    ("shingle", "reuse: shingle length (alias seed_k)"),
    ("min_passage", "reuse: shortest passage kept"),
    ("max_gap", "reuse: largest gap bridged inside a passage"),
    ("min_identity", "reuse: lowest passage identity kept"),
    ("merge_gap", "reuse: passages closer than this are merged"),
    (
        "respect_dates",
        "reuse: ignore references dated after the target (true/false)",
    ),
    ("peers", "reuse: count peers as references (true/false)"),
    ("analyzer", "tokens: word or char"),
    ("ngram_min", "tokens: shortest Han n-gram (char analyzer)"),
    ("ngram_max", "tokens: longest Han n-gram (char analyzer)"),
    ("hmm", "tokens: jieba HMM for unknown words (true/false)"),
    ("stopwords", "tokens: drop stopwords (true/false)"),
    ("idf", "tf-idf: smooth, plain or quanteda"),
    ("sublinear_tf", "tf-idf: 1 + ln(tf) (true/false)"),
    ("norm", "tf-idf: l2 or none"),
    (
        "min_df",
        "tf-idf: minimum document frequency (count or proportion)",
    ),
    (
        "max_df",
        "tf-idf: maximum document frequency (count or proportion)",
    ),
    (
        "max_features",
        "tf-idf: keep the most frequent terms (a number or all)",
    ),
    ("features", "clustering: feature space, tfidf or reuse"),
    (
        "cluster_method",
        "clustering: kmeans, agglomerative or dbscan",
    ),
    ("k", "clustering: number of clusters, or auto"),
    ("k_max", "clustering: largest k tried when k is auto"),
    ("linkage", "clustering: average, complete or ward"),
    ("seed", "clustering: random seed of k-means"),
    ("eps", "clustering: DBSCAN radius"),
    ("min_points", "clustering: DBSCAN minimum points"),
];

fn parse<T: FromStr>(name: &str, value: &str, what: &str) -> Result<T> {
    value
        .trim()
        .parse()
        .map_err(|_| Error::InvalidArgument(format!("parameter {name}: {value:?} is not {what}")))
}

fn parse_with<T>(
    name: &str,
    value: &str,
    f: impl Fn(&str) -> std::result::Result<T, String>,
) -> Result<T> {
    f(value.trim()).map_err(|e| Error::InvalidArgument(format!("parameter {name}: {e}")))
}

impl SweepParams {
    /// Canonical name of a parameter (aliases resolved), or an error listing the known ones.
    pub fn canonical(name: &str) -> Result<&'static str> {
        let name = if name == "seed_k" { "shingle" } else { name };
        PARAMETERS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, _)| *n)
            .ok_or_else(|| {
                let known: Vec<&str> = PARAMETERS.iter().map(|(n, _)| *n).collect();
                Error::InvalidArgument(format!(
                    "unknown parameter {name:?}; sweepable parameters: {}",
                    known.join(", ")
                ))
            })
    }

    /// Set parameter `name` from its text `value`.
    pub fn set(&mut self, name: &str, value: &str) -> Result<()> {
        let name = Self::canonical(name)?;
        let a = &mut self.reuse.align;
        let c = &mut self.cluster;
        match name {
            "shingle" => a.shingle = parse(name, value, "a whole number")?,
            "min_passage" => a.min_passage = parse(name, value, "a whole number")?,
            "max_gap" => a.max_gap = parse(name, value, "a whole number")?,
            "min_identity" => a.min_identity = parse(name, value, "a number")?,
            "merge_gap" => a.merge_gap = parse(name, value, "a whole number")?,
            "respect_dates" => self.reuse.respect_dates = parse(name, value, "true or false")?,
            "peers" => self.reuse.peers = parse(name, value, "true or false")?,
            "analyzer" => {
                self.vectors.tokens.analyzer = parse_with(name, value, AnalyzerKind::from_str)?
            }
            "ngram_min" => self.vectors.tokens.ngram_min = parse(name, value, "a whole number")?,
            "ngram_max" => self.vectors.tokens.ngram_max = parse(name, value, "a whole number")?,
            "hmm" => self.vectors.tokens.hmm = parse(name, value, "true or false")?,
            "stopwords" => self.vectors.tokens.stopwords = parse(name, value, "true or false")?,
            "idf" => self.vectors.tfidf.idf = parse_with(name, value, Idf::from_str)?,
            "sublinear_tf" => {
                self.vectors.tfidf.sublinear_tf = parse(name, value, "true or false")?
            }
            "norm" => self.vectors.tfidf.norm = parse_with(name, value, Norm::from_str)?,
            "min_df" => self.vectors.tfidf.min_df = parse_with(name, value, DocFreq::from_str)?,
            "max_df" => self.vectors.tfidf.max_df = parse_with(name, value, DocFreq::from_str)?,
            "max_features" => {
                self.vectors.tfidf.max_features = match value.trim() {
                    "all" => None,
                    v => Some(parse(name, v, "a whole number or all")?),
                }
            }
            "features" => self.features = parse_with(name, value, FeatureSpace::from_str)?,
            "cluster_method" => c.method = parse_with(name, value, Method::from_str)?,
            "k" => {
                c.k = match value.trim() {
                    "auto" => None,
                    v => Some(parse(name, v, "a whole number or auto")?),
                }
            }
            "k_max" => c.k_max = parse(name, value, "a whole number")?,
            "linkage" => c.linkage = parse_with(name, value, Linkage::from_str)?,
            "seed" => c.seed = parse(name, value, "a whole number")?,
            "eps" => c.eps = parse(name, value, "a number")?,
            "min_points" => c.min_points = parse(name, value, "a whole number")?,
            _ => return Err(Error::Internal(format!("parameter {name} has no setter"))),
        }
        Ok(())
    }

    /// Set every `(name, value)` of a combination, then check that they fit together.
    pub fn apply(&mut self, values: &[(String, String)]) -> Result<()> {
        for (name, value) in values {
            self.set(name, value)?;
        }
        self.reuse
            .validate()
            .and_then(|()| self.vectors.tokens.validate())
            .map_err(|e| match e {
                Error::InvalidArgument(_) | Error::Parameter { .. } => {
                    let m = e.to_string();
                    let combination: Vec<String> =
                        values.iter().map(|(n, v)| format!("{n}={v}")).collect();
                    Error::InvalidArgument(format!("combination {}: {m}", combination.join(", ")))
                }
                other => other,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_parameter_has_a_setter() {
        for (name, _) in PARAMETERS {
            let value = match *name {
                "respect_dates" | "peers" => "false",
                "cluster_method" => "agglomerative",
                "analyzer" => "char",
                "idf" => "quanteda",
                "norm" => "none",
                "features" => "reuse",
                "hmm" | "stopwords" => "false",
                "sublinear_tf" => "true",
                "min_df" => "2",
                "max_df" => "0.9",
                "ngram_min" => "1",
                "ngram_max" => "5",
                "linkage" => "ward",
                "min_identity" | "eps" => "0.5",
                "k" => "3",
                "shingle" => "6",
                _ => "9",
            };
            let mut p = SweepParams::default();
            p.set(name, value).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_ne!(p, SweepParams::default(), "{name} changed nothing");
        }
    }

    #[test]
    fn errors_name_the_parameter() {
        let mut p = SweepParams::default();
        let e = p.set("min_pasage", "8").unwrap_err().to_string();
        assert!(
            e.contains("unknown parameter \"min_pasage\"") && e.contains("min_passage"),
            "{e}"
        );
        let e = p.set("min_identity", "high").unwrap_err().to_string();
        assert!(
            e.contains("parameter min_identity: \"high\" is not a number"),
            "{e}"
        );
        let e = p
            .apply(&[("shingle".into(), "10".into())])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("combination shingle=10: min_passage 8 is shorter than shingle 10"),
            "{e}"
        );
        let mut q = SweepParams::default();
        q.apply(&[
            ("shingle".into(), "10".into()),
            ("min_passage".into(), "12".into()),
        ])
        .unwrap();
        p.set("seed_k", "4").unwrap();
        assert_eq!(p.reuse.align.shingle, 4);
    }
}
