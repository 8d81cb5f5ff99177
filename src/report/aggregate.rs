//! The report's analyses above [`AGGREGATE_ABOVE`] documents: top-k neighbour edges instead of
//! the n × n similarity matrix, a randomized truncated SVD for the 2-D projection and the
//! clustering coordinates, k-means on it, and similarities between *groups* of documents
//! (places and clusters) computed exactly from group sums, so that no chart draws one mark per
//! document pair.

use std::collections::BTreeMap;

use ndarray::Array2;
use serde::Serialize;

use crate::analyses::cluster::Dendrogram;
use crate::analyses::grouping::{ClusterParams, Clustering, Method};
use crate::analyses::pca::Projection;
use crate::analyses::scale;
use crate::analyses::svd::{self, SvdParams};
use crate::corpus::Corpus;
use crate::document::{Document, Level};
use crate::error::{Error, Result};
use crate::measures::similarity::{self, Edge};
use crate::measures::tfidf::SparseMatrix;

/// Above this many documents the report switches from per-document charts and the dense
/// similarity matrix to aggregate views (docs/METHODS.md, "Reports of large corpora").
pub const AGGREGATE_ABOVE: usize = 50;
/// Neighbours kept per document for the similarity table.
pub const TOP_K: usize = 10;
/// Places shown in the heatmap, share and formulation charts: the largest by document count.
pub const MAX_UNITS: usize = 40;

/// A place documents come from: the centre, a province, or a city (with its province).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Unit {
    pub level: Level,
    pub province: String,
    pub city: String,
}

impl Unit {
    pub fn of(d: &Document) -> Unit {
        let m = &d.meta;
        Unit {
            level: m.level,
            province: m.province.clone().unwrap_or_default(),
            city: m.city.clone().unwrap_or_default(),
        }
    }

    /// The chart label: the most specific place, or the level.
    pub fn label(&self) -> String {
        match (self.city.is_empty(), self.province.is_empty()) {
            (false, _) => self.city.clone(),
            (true, false) if self.level == Level::Provincial => self.province.clone(),
            (true, false) => format!("{} · {}", self.province, self.level.as_str()),
            (true, true) => self.level.as_str().to_string(),
        }
    }
}

/// Units with their documents, largest first (ties by unit), at most [`MAX_UNITS`].
#[derive(Debug, Clone)]
pub struct Units {
    pub kept: Vec<(Unit, Vec<usize>)>,
    /// How many distinct units the corpus has.
    pub total: usize,
}

pub fn units(corpus: &Corpus) -> Units {
    let mut by_unit: BTreeMap<Unit, Vec<usize>> = BTreeMap::new();
    for (i, d) in corpus.documents.iter().enumerate() {
        by_unit.entry(Unit::of(d)).or_default().push(i);
    }
    let total = by_unit.len();
    let mut kept: Vec<(Unit, Vec<usize>)> = by_unit.into_iter().collect();
    kept.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    kept.truncate(MAX_UNITS);
    Units { kept, total }
}

/// What a large report computes besides reuse.
#[derive(Debug, Clone)]
pub struct Aggregate {
    /// Each document's [`TOP_K`] nearest neighbours (cosine > 0), by (source, rank).
    pub neighbours: Vec<Edge>,
    pub units: Units,
    /// Mean cosine between the documents of two kept units (diagonal: distinct pairs within).
    pub unit_similarity: Array2<f64>,
    /// Dendrogram of the kept units on 1 − mean cosine (its leaf order orders the heatmap).
    pub unit_dendrogram: Dendrogram,
    /// Mean cosine between and within clusters.
    pub cluster_similarity: Array2<f64>,
    /// Documents per cluster.
    pub cluster_sizes: Vec<usize>,
    /// Each cluster's heaviest features (summed unit-length weights), at most three.
    pub cluster_terms: Vec<Vec<String>>,
    pub silhouette_sample: usize,
    pub svd_components: usize,
}

/// Rows scaled to unit length (empty rows stay empty).
pub fn unit_rows(m: &SparseMatrix) -> SparseMatrix {
    let mut out = m.clone();
    for i in 0..out.rows() {
        let r = out.indptr[i]..out.indptr[i + 1];
        let norm = out.values[r.clone()]
            .iter()
            .map(|v| v * v)
            .sum::<f64>()
            .sqrt();
        if norm > 0.0 {
            out.values[r].iter_mut().for_each(|v| *v /= norm);
        }
    }
    out
}

/// A dense matrix as sparse rows (the reuse-profile feature space).
pub fn sparse_of(x: &Array2<f64>) -> SparseMatrix {
    let mut m = SparseMatrix {
        cols: x.ncols(),
        indptr: vec![0],
        ..SparseMatrix::default()
    };
    for row in x.rows() {
        for (c, &v) in row.iter().enumerate() {
            if v != 0.0 {
                m.indices.push(c as u32);
                m.values.push(v);
            }
        }
        m.indptr.push(m.indices.len());
    }
    m
}

/// Mean pairwise cosine within and between groups of unit-length rows, exactly, from group sums:
/// between A and B it is `S_A · S_B / (n_A n_B)`; within A, `(‖S_A‖² − Σ‖x‖²) / (n_A (n_A − 1))`
/// (distinct pairs; 1 for a group of one).
pub fn group_similarity(m: &SparseMatrix, groups: &[&[usize]]) -> Array2<f64> {
    let sums: Vec<(Vec<f64>, f64)> = groups
        .iter()
        .map(|rows| {
            let mut s = vec![0.0; m.cols];
            let mut self_dots = 0.0;
            for &i in rows.iter() {
                let (cols, vals) = m.row(i);
                for (&c, &v) in cols.iter().zip(vals) {
                    s[c as usize] += v;
                    self_dots += v * v;
                }
            }
            (s, self_dots)
        })
        .collect();
    let g = groups.len();
    let mut out = Array2::zeros((g, g));
    for a in 0..g {
        for b in a..g {
            let dot: f64 = sums[a].0.iter().zip(&sums[b].0).map(|(x, y)| x * y).sum();
            let (na, nb) = (groups[a].len() as f64, groups[b].len() as f64);
            let v = if a == b {
                if groups[a].len() < 2 {
                    1.0
                } else {
                    (dot - sums[a].1) / (na * (na - 1.0))
                }
            } else if na * nb > 0.0 {
                dot / (na * nb)
            } else {
                0.0
            };
            out[[a, b]] = v;
            out[[b, a]] = v;
        }
    }
    out
}

fn distances(similarity: &Array2<f64>) -> Array2<f64> {
    let mut d = similarity.mapv(|s| (1.0 - s).clamp(0.0, 2.0));
    d.diag_mut().fill(0.0);
    d
}

/// Each group's heaviest columns by summed weight (ties by column), at most `n`.
fn top_features(m: &SparseMatrix, rows: &[usize], names: &[String], n: usize) -> Vec<String> {
    let mut weight: BTreeMap<u32, f64> = BTreeMap::new();
    for &i in rows {
        let (cols, vals) = m.row(i);
        for (&c, &v) in cols.iter().zip(vals) {
            *weight.entry(c).or_insert(0.0) += v;
        }
    }
    let mut ranked: Vec<(u32, f64)> = weight.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
        .into_iter()
        .take(n)
        .filter_map(|(c, _)| names.get(c as usize).cloned())
        .collect()
}

/// Clusters, projection and group similarities of a large corpus from its feature rows.
pub fn analyze(
    corpus: &Corpus,
    features: &SparseMatrix,
    feature_names: &[String],
    params: &ClusterParams,
) -> Result<(Clustering, Option<Projection>, Aggregate)> {
    if params.method != Method::Kmeans {
        return Err(Error::InvalidArgument(format!(
            "{:?} clustering needs an n × n distance matrix; above {AGGREGATE_ABOVE} documents the report clusters with k-means",
            params.method
        )));
    }
    let n = features.rows();
    if let Some(k) = params.k
        && (k == 0 || k > n)
    {
        return Err(Error::InvalidArgument(format!(
            "k = {k}: must lie in 1..={n} for {n} documents"
        )));
    }
    let x = unit_rows(features);
    let neighbours = similarity::neighbours(&x, Some(TOP_K), None);
    let svd_params = SvdParams {
        seed: params.seed,
        ..SvdParams::default()
    };
    let svd = svd::randomized_svd(&x, &svd_params)?;
    let large = scale::cluster_scores(svd.scores.view(), params.k, params.k_max, params.seed)?;
    let projection = (svd.scores.ncols() >= 2).then(|| Projection {
        coords: (0..n)
            .map(|i| [svd.scores[[i, 0]], svd.scores[[i, 1]]])
            .collect(),
        explained: [svd.explained(0), svd.explained(1)],
    });
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); large.k];
    for (i, &c) in large.labels.iter().enumerate() {
        members[c].push(i);
    }
    let member_refs: Vec<&[usize]> = members.iter().map(|m| m.as_slice()).collect();
    let cluster_similarity = group_similarity(&x, &member_refs);
    let cluster_dendrogram =
        scale::group_dendrogram(&distances(&cluster_similarity), params.linkage)?;
    let units = units(corpus);
    let unit_refs: Vec<&[usize]> = units.kept.iter().map(|(_, m)| m.as_slice()).collect();
    let unit_similarity = group_similarity(&x, &unit_refs);
    let unit_dendrogram = scale::group_dendrogram(&distances(&unit_similarity), params.linkage)?;
    let clustering = Clustering {
        labels: large.labels,
        k: large.k,
        silhouette_curve: large.silhouette_curve,
        silhouette: large.silhouette,
        dendrogram: cluster_dendrogram,
    };
    let aggregate = Aggregate {
        neighbours,
        unit_similarity,
        unit_dendrogram,
        cluster_similarity,
        cluster_sizes: members.iter().map(Vec::len).collect(),
        cluster_terms: members
            .iter()
            .map(|m| top_features(&x, m, feature_names, 3))
            .collect(),
        units,
        silhouette_sample: large.silhouette_sample,
        svd_components: svd.singular_values.len(),
    };
    Ok((clustering, projection, aggregate))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_similarity_is_the_mean_pairwise_cosine() {
        let dense = ndarray::array![[1.0, 0.0], [0.6, 0.8], [0.0, 1.0], [0.8, 0.6]];
        let m = sparse_of(&dense);
        let s = group_similarity(&m, &[&[0, 1], &[2, 3]]);
        // Within {0, 1}: the one pair's cosine 0.6.
        assert!((s[[0, 0]] - 0.6).abs() < 1e-12);
        // Between: (0·0 + 1·0.8 ... ) mean of cos(0,2)=0, cos(0,3)=0.8, cos(1,2)=0.8, cos(1,3)=0.96.
        assert!((s[[0, 1]] - (0.0 + 0.8 + 0.8 + 0.96) / 4.0).abs() < 1e-12);
        assert_eq!(s[[0, 1]], s[[1, 0]]);
    }
}
