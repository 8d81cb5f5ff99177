//! One call from a feature matrix to document clusters, whatever the method: the interface the
//! report and sweeps use. Rows are L2-normalized first, so every method works on cosine geometry.

use ndarray::{Array2, ArrayView2};
use serde::Serialize;

use super::cluster::{self, Dendrogram, Linkage};
use crate::error::{Error, Result};

/// Which document vectors clustering, the heatmap and the scatter use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FeatureSpace {
    /// TF-IDF vectors: "which cities talk alike".
    #[default]
    Tfidf,
    /// Formulation densities and origin shares: "which cities borrow alike".
    Reuse,
}

impl std::str::FromStr for FeatureSpace {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "tfidf" => Ok(FeatureSpace::Tfidf),
            "reuse" => Ok(FeatureSpace::Reuse),
            _ => Err(format!(
                "unknown feature space {s:?}; expected tfidf or reuse"
            )),
        }
    }
}

/// Clustering method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    Kmeans,
    Agglomerative,
    Dbscan,
}

impl std::str::FromStr for Method {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "kmeans" => Ok(Method::Kmeans),
            "agglomerative" => Ok(Method::Agglomerative),
            "dbscan" => Ok(Method::Dbscan),
            _ => Err(format!(
                "unknown clustering method {s:?}; expected kmeans, agglomerative or dbscan"
            )),
        }
    }
}

/// Clustering parameters (defaults in docs/METHODS.md, "Clustering").
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClusterParams {
    pub method: Method,
    /// Number of clusters; None chooses k in 2..=`k_max` by mean silhouette.
    pub k: Option<usize>,
    pub k_max: usize,
    pub linkage: Linkage,
    pub seed: u64,
    /// DBSCAN radius (Euclidean on L2-normalized rows) and minimum points.
    pub eps: f64,
    pub min_points: usize,
}

impl Default for ClusterParams {
    fn default() -> Self {
        ClusterParams {
            method: Method::Kmeans,
            k: None,
            k_max: 6,
            linkage: Linkage::Average,
            seed: 42,
            eps: 0.8,
            min_points: 2,
        }
    }
}

/// Clusters of the documents, with what the charts need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Clustering {
    /// One label per document; DBSCAN noise gets the label after the last cluster.
    pub labels: Vec<usize>,
    pub k: usize,
    /// (k, mean silhouette) when k was chosen automatically.
    pub silhouette_curve: Vec<(usize, f64)>,
    /// Mean silhouette of the final labels.
    pub silhouette: f64,
    /// Average-linkage dendrogram on cosine distance (always computed: it orders heatmaps).
    pub dendrogram: Dendrogram,
}

/// Rows scaled to unit length (zero rows stay zero).
pub fn l2_rows(x: ArrayView2<f64>) -> Array2<f64> {
    let mut out = x.to_owned();
    for mut row in out.rows_mut() {
        let norm = row.dot(&row).sqrt();
        if norm > 0.0 {
            row /= norm;
        }
    }
    out
}

/// Coordinates of the rows in an orthonormal basis of their span (modified Gram–Schmidt, twice):
/// an n × r matrix (r ≤ n) with the same dot products and distances as the rows of `x`. k-means
/// on it equals k-means on `x` up to rounding, and is far cheaper when documents are few and
/// vocabularies large.
pub fn row_space(x: ArrayView2<f64>) -> Array2<f64> {
    let n = x.nrows();
    let mut basis: Vec<ndarray::Array1<f64>> = Vec::new();
    let mut coords = Array2::zeros((n, n));
    for (i, row) in x.rows().into_iter().enumerate() {
        let mut v = row.to_owned();
        let scale = v.dot(&v).sqrt().max(1.0);
        for _ in 0..2 {
            for (j, q) in basis.iter().enumerate() {
                let c = q.dot(&v);
                coords[[i, j]] += c;
                v.scaled_add(-c, q);
            }
        }
        let norm = v.dot(&v).sqrt();
        if norm > 1e-12 * scale && basis.len() < n {
            coords[[i, basis.len()]] = norm;
            basis.push(v / norm);
        }
    }
    let rank = basis.len().max(1);
    coords.slice(ndarray::s![.., ..rank]).to_owned()
}

pub fn cluster_documents(x: ArrayView2<f64>, params: &ClusterParams) -> Result<Clustering> {
    let n = x.nrows();
    if n < 2 {
        return Err(Error::InvalidArgument(format!(
            "clustering needs at least 2 documents, got {n}"
        )));
    }
    let x = l2_rows(x);
    let x = if x.ncols() > n {
        row_space(x.view())
    } else {
        x
    };
    let dist = cluster::cosine_distances(x.view());
    let dendrogram = cluster::agglomerative(&dist, params.linkage)?;
    let by_k = |k: usize| -> Result<Vec<usize>> {
        match params.method {
            Method::Kmeans => cluster::kmeans(x.view(), k, params.seed),
            _ => cluster::cut(&dendrogram, k),
        }
    };
    let (labels, silhouette_curve) = match (params.method, params.k) {
        (Method::Dbscan, _) => (dbscan_labels(x.view(), params)?, Vec::new()),
        (_, Some(k)) => {
            if k == 0 || k > n {
                return Err(Error::InvalidArgument(format!(
                    "k = {k}: must lie in 1..={n} for {n} documents"
                )));
            }
            (by_k(k)?, Vec::new())
        }
        (_, None) => choose_k(n, &dist, params.k_max, by_k)?,
    };
    let k = labels.iter().copied().max().map_or(0, |m| m + 1);
    Ok(Clustering {
        silhouette: cluster::silhouette(&dist, &labels),
        labels,
        k,
        silhouette_curve,
        dendrogram,
    })
}

/// (k, mean silhouette) for every k tried.
type SilhouetteCurve = Vec<(usize, f64)>;

fn choose_k(
    n: usize,
    dist: &Array2<f64>,
    k_max: usize,
    by_k: impl Fn(usize) -> Result<Vec<usize>>,
) -> Result<(Vec<usize>, SilhouetteCurve)> {
    let hi = k_max.min(n.saturating_sub(1));
    if hi < 2 {
        return Ok((vec![0; n], Vec::new()));
    }
    let mut curve = Vec::new();
    let mut best: Option<(f64, Vec<usize>)> = None;
    for k in 2..=hi {
        let labels = by_k(k)?;
        let s = cluster::silhouette(dist, &labels);
        curve.push((k, s));
        if best.as_ref().is_none_or(|(b, _)| s > b + 1e-12) {
            best = Some((s, labels));
        }
    }
    let (_, labels) = best.ok_or_else(|| Error::Internal("no k tried".into()))?;
    Ok((labels, curve))
}

fn dbscan_labels(x: ArrayView2<f64>, params: &ClusterParams) -> Result<Vec<usize>> {
    let raw = cluster::dbscan(x, params.eps, params.min_points)?;
    let noise = raw.iter().flatten().copied().max().map_or(0, |m| m + 1);
    Ok(cluster::canonical_labels(
        &raw.into_iter()
            .map(|l| l.unwrap_or(noise))
            .collect::<Vec<_>>(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn two_obvious_groups_are_found_by_every_method() {
        let x = array![[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9], [0.05, 1.0]];
        for method in [Method::Kmeans, Method::Agglomerative, Method::Dbscan] {
            let c = cluster_documents(
                x.view(),
                &ClusterParams {
                    method,
                    eps: 0.3,
                    ..ClusterParams::default()
                },
            )
            .unwrap();
            assert_eq!(c.labels, vec![0, 0, 1, 1, 1], "{method:?}");
            assert_eq!(c.k, 2);
        }
    }

    #[test]
    fn automatic_k_keeps_the_silhouette_curve() {
        let x = array![[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9], [0.05, 1.0]];
        let c = cluster_documents(x.view(), &ClusterParams::default()).unwrap();
        let ks: Vec<usize> = c.silhouette_curve.iter().map(|(k, _)| *k).collect();
        assert_eq!(ks, vec![2, 3, 4]);
        assert!(c.silhouette > 0.8, "{}", c.silhouette);
    }

    #[test]
    fn row_space_keeps_every_distance() {
        let x = array![
            [1.0, 0.0, 2.0, 0.0, 1.0],
            [0.0, 1.0, 1.0, 0.0, 0.0],
            [1.0, 0.0, 2.0, 0.0, 1.0],
            [0.5, 0.5, 0.0, 3.0, 0.0]
        ];
        let r = row_space(x.view());
        assert_eq!(r.dim(), (4, 3), "rank 3: rows 0 and 2 are equal");
        for i in 0..4 {
            for j in 0..4 {
                let d = |m: &Array2<f64>| {
                    let diff = &m.row(i) - &m.row(j);
                    diff.dot(&diff).sqrt()
                };
                assert!((d(&x.to_owned()) - d(&r)).abs() < 1e-12, "{i} {j}");
            }
        }
    }

    #[test]
    fn bad_k_is_an_argument_error() {
        let x = array![[1.0, 0.0], [0.0, 1.0]];
        let e = cluster_documents(
            x.view(),
            &ClusterParams {
                k: Some(5),
                ..ClusterParams::default()
            },
        )
        .unwrap_err();
        assert!(matches!(e, Error::InvalidArgument(_)), "{e}");
    }
}
