//! Running a sweep: shared stages once (the corpus is loaded by the caller; shingle indexes are
//! built once per shingle length), combinations in parallel, results as tidy rows.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::grid::{Combination, Grid};
use super::params::SweepParams;
use crate::analyses::{grouping, profiles, stability};
use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::reuse::{DocReuse, MEASURE_NAMES, Origin, ReuseEngine, ReuseReport, lexicon::Lexicon};

/// Per-document measures, in output order: the reuse measures, then the cluster label.
pub const MEASURES: [&str; 15] = {
    let mut all = [""; 15];
    let mut i = 0;
    while i < MEASURE_NAMES.len() {
        all[i] = MEASURE_NAMES[i];
        i += 1;
    }
    all[14] = "cluster";
    all
};

/// The measures of one document under one combination, in [`MEASURES`] order.
fn measures(d: &DocReuse, cluster: usize) -> Vec<f64> {
    let mut v: Vec<f64> = d.measures().iter().map(|m| m.value).collect();
    v.push(cluster as f64);
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
    labels: Vec<usize>,
}

struct Engines<'a> {
    by_shingle: BTreeMap<usize, ReuseEngine<'a>>,
}

impl<'a> Engines<'a> {
    fn build(corpus: &'a Corpus, lexicon: &'a Lexicon, shingles: &[usize]) -> Result<Self> {
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
        Ok(Engines { by_shingle })
    }

    fn run(&self, params: &SweepParams) -> Result<Outcome> {
        let engine = self
            .by_shingle
            .get(&params.reuse.align.shingle)
            .ok_or_else(|| Error::Internal("no engine for this shingle length".into()))?;
        let documents = engine.analyze_all_with(&params.reuse)?;
        let report = ReuseReport {
            params: params.reuse.clone(),
            documents,
        };
        let (x, _) = profiles::reuse_profiles(&report);
        let labels = grouping::cluster_documents(x.view(), &params.cluster)?.labels;
        Ok(Outcome {
            documents: report.documents,
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
    let engines = Engines::build(corpus, lexicon, &shingles)?;
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
            .map(|(d, &l)| measures(d, l))
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
