//! Running a sweep: shared stages once (the corpus is loaded by the caller; shingle indexes are
//! built once per shingle length), combinations in parallel, results as tidy rows.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::grid::{Combination, Grid};
use super::params::SweepParams;
use crate::analyses::grouping::FeatureSpace;
use crate::analyses::space::dense_features;
use crate::analyses::{grouping, stability};
use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::features::tokens::{Analyzer, TokenParams};
use crate::measures::similarity;
use crate::measures::tfidf::Tfidf;
use crate::reuse::{DocReuse, MEASURE_NAMES, Origin, ReuseEngine, ReuseReport, lexicon::Lexicon};

/// What a sweep measures besides the reuse measures: the cosine of the nearest other document
/// in the combination's feature space, and the cluster label.
const OWN_MEASURES: [&str; 2] = ["nearest_cosine", "cluster"];

/// Per-document measures, in output order: the reuse measures ([`MEASURE_NAMES`]), then
/// [`OWN_MEASURES`].
pub const MEASURES: [&str; MEASURE_NAMES.len() + OWN_MEASURES.len()] = {
    let mut all = [""; MEASURE_NAMES.len() + OWN_MEASURES.len()];
    let mut i = 0;
    while i < all.len() {
        all[i] = if i < MEASURE_NAMES.len() {
            MEASURE_NAMES[i]
        } else {
            OWN_MEASURES[i - MEASURE_NAMES.len()]
        };
        i += 1;
    }
    all
};

/// The measures of one document under one combination, in [`MEASURES`] order.
fn measures(d: &DocReuse, nearest: f64, cluster: usize) -> Vec<f64> {
    let mut v: Vec<f64> = d.measures().iter().map(|m| m.value).collect();
    v.extend([nearest, cluster as f64]);
    v
}

/// One combination's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CombinationResult {
    pub combination: Combination,
    /// values[document][measure], documents in corpus order.
    pub values: Vec<Vec<f64>>,
    pub k: usize,
    /// Against the default parameters: Spearman ρ of central and provincial shares (None when
    /// undefined, e.g. constant shares), adjusted Rand index of the clusters.
    pub spearman_central: Option<f64>,
    pub spearman_provincial: Option<f64>,
    pub ari: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepResult {
    pub grid: Grid,
    pub documents: Vec<String>,
    pub combinations: Vec<CombinationResult>,
}

/// Reuse report and clusters for one parameter set.
struct Outcome {
    documents: Vec<DocReuse>,
    nearest: Vec<f64>,
    labels: Vec<usize>,
}

/// Stages shared between combinations: reuse engines by shingle length, tokens by analyzer.
struct Engines<'a> {
    by_shingle: BTreeMap<usize, ReuseEngine<'a>>,
    tokens: BTreeMap<String, Vec<Vec<&'a str>>>,
}

fn token_key(p: &TokenParams) -> String {
    serde_json::to_string(p).unwrap_or_default()
}

impl<'a> Engines<'a> {
    fn build(
        corpus: &'a Corpus,
        lexicon: &'a Lexicon,
        shingles: &[usize],
        token_params: &[TokenParams],
    ) -> Result<Self> {
        let mut tokens = BTreeMap::new();
        for p in token_params {
            if let std::collections::btree_map::Entry::Vacant(slot) = tokens.entry(token_key(p)) {
                let analyzer = Analyzer::new(p, &lexicon.words())?;
                slot.insert(similarity::corpus_tokens(corpus, &analyzer));
            }
        }
        let mut by_shingle = BTreeMap::new();
        for &k in shingles {
            let mut p = SweepParams::default().reuse;
            p.align.shingle = k;
            p.align.min_passage = p.align.min_passage.max(k);
            by_shingle.insert(
                k,
                ReuseEngine::new(&corpus.documents, lexicon, &corpus.exclude, &p)?,
            );
        }
        Ok(Engines { by_shingle, tokens })
    }

    fn run(&self, params: &SweepParams) -> Result<Outcome> {
        let engine = self
            .by_shingle
            .get(&params.reuse.align.shingle)
            .ok_or_else(|| Error::Internal("no engine for this shingle length".into()))?;
        let documents = engine.analyze_all(&params.reuse, &crate::progress::NoProgress)?;
        let report = ReuseReport {
            params: params.reuse.clone(),
            documents,
        };
        let space = dense_features(params.features, &report, || {
            let tokens = self
                .tokens
                .get(&token_key(&params.vectors.tokens))
                .ok_or_else(|| Error::Internal("no tokens for this analyzer".into()))?;
            Tfidf::fit_transform(tokens, &params.vectors.tfidf)
        })?;
        let (x, cosines) = (space.rows, space.cosine);
        let labels = grouping::cluster_documents(x.view(), &params.cluster)?.labels;
        let n = cosines.nrows();
        let nearest = (0..n)
            .map(|i| {
                (0..n)
                    .filter(|&j| j != i)
                    .map(|j| cosines[[i, j]])
                    .fold(0.0, f64::max)
            })
            .collect();
        Ok(Outcome {
            documents: report.documents,
            nearest,
            labels,
        })
    }
}

/// Run every combination of `grid` on `corpus`. Combinations run in parallel on the current
/// rayon pool; results are in combination order, so output does not depend on the pool size.
pub fn run(corpus: &Corpus, lexicon: &Lexicon, grid: &Grid) -> Result<SweepResult> {
    let combinations = grid.combinations();
    let params: Vec<SweepParams> = combinations
        .iter()
        .map(|c| {
            let mut p = SweepParams::default();
            p.apply(&c.values).map(|()| p)
        })
        .collect::<Result<_>>()?;
    let mut shingles: Vec<usize> = params.iter().map(|p| p.reuse.align.shingle).collect();
    shingles.push(SweepParams::default().reuse.align.shingle);
    shingles.sort_unstable();
    shingles.dedup();
    let mut token_params: Vec<TokenParams> = params
        .iter()
        .filter(|p| p.features == FeatureSpace::Tfidf)
        .map(|p| p.vectors.tokens.clone())
        .collect();
    token_params.push(SweepParams::default().vectors.tokens);
    let engines = Engines::build(corpus, lexicon, &shingles, &token_params)?;
    let baseline = engines.run(&SweepParams::default())?;
    let results: Vec<CombinationResult> = combinations
        .into_par_iter()
        .zip(params.par_iter())
        .map(|(combination, p)| {
            let outcome = engines.run(p)?;
            Ok(summarize(combination, &outcome, &baseline))
        })
        .collect::<Result<_>>()?;
    Ok(SweepResult {
        grid: grid.clone(),
        documents: corpus.documents.iter().map(|d| d.meta.id.clone()).collect(),
        combinations: results,
    })
}

fn summarize(combination: Combination, outcome: &Outcome, baseline: &Outcome) -> CombinationResult {
    let shares = |o: &Outcome, origin: Origin| -> Vec<f64> {
        o.documents.iter().map(|d| d.shares.get(origin)).collect()
    };
    CombinationResult {
        values: outcome
            .documents
            .iter()
            .zip(&outcome.labels)
            .zip(&outcome.nearest)
            .map(|((d, &l), &near)| measures(d, near, l))
            .collect(),
        k: outcome.labels.iter().copied().max().map_or(0, |m| m + 1),
        spearman_central: stability::spearman(
            &shares(outcome, Origin::Central),
            &shares(baseline, Origin::Central),
        ),
        spearman_provincial: stability::spearman(
            &shares(outcome, Origin::Provincial),
            &shares(baseline, Origin::Provincial),
        ),
        ari: stability::adjusted_rand(&outcome.labels, &baseline.labels),
        combination,
    }
}
