//! Clustering of documents: seeded k-means (linfa), DBSCAN (linfa), and agglomerative clustering
//! with a dendrogram (kodama) on cosine distance. Labels are canonical: clusters are numbered in
//! order of their first document, so equal partitions always print the same.

use linfa::DatasetBase;
use linfa::traits::{Fit, Predict, Transformer};
use linfa_clustering::{Dbscan, KMeans};
use ndarray::{Array2, ArrayView2};
use rand_xoshiro::Xoshiro256Plus;
use rand_xoshiro::rand_core::SeedableRng;
use serde::Serialize;

use crate::error::{Error, Result};

/// Cosine distance `1 - cos` between the rows of `x` (rows need not be normalized; an all-zero
/// row is at distance 1 from everything but itself).
pub fn cosine_distances(x: ArrayView2<f64>) -> Array2<f64> {
    let n = x.nrows();
    let norms: Vec<f64> = x.rows().into_iter().map(|r| r.dot(&r).sqrt()).collect();
    let mut d = Array2::zeros((n, n));
    for i in 0..n {
        for j in (i + 1)..n {
            let denom = norms[i] * norms[j];
            let cos = if denom > 0.0 {
                x.row(i).dot(&x.row(j)) / denom
            } else {
                0.0
            };
            let v = (1.0 - cos).clamp(0.0, 2.0);
            d[[i, j]] = v;
            d[[j, i]] = v;
        }
    }
    d
}

/// Renumber labels in order of first appearance (0, 1, 2 …).
pub fn canonical_labels(labels: &[usize]) -> Vec<usize> {
    let mut map: Vec<(usize, usize)> = Vec::new();
    labels
        .iter()
        .map(|&l| match map.iter().find(|(from, _)| *from == l) {
            Some(&(_, to)) => to,
            None => {
                let to = map.len();
                map.push((l, to));
                to
            }
        })
        .collect()
}

/// k-means on the rows of `x` (Euclidean; on L2-normalized TF-IDF rows this orders points like
/// cosine distance), seeded, 10 restarts.
pub fn kmeans(x: ArrayView2<f64>, k: usize, seed: u64) -> Result<Vec<usize>> {
    let n = x.nrows();
    if k == 0 || k > n {
        return Err(Error::InvalidArgument(format!(
            "k-means needs 1 <= k <= number of documents ({n}), got k = {k}"
        )));
    }
    let data = DatasetBase::from(x.to_owned());
    let model = KMeans::params_with_rng(k, Xoshiro256Plus::seed_from_u64(seed))
        .n_runs(10)
        .max_n_iterations(300)
        .tolerance(1e-8)
        .fit(&data)
        .map_err(|e| Error::InvalidArgument(format!("k-means failed: {e}")))?;
    let labels = model.predict(&data);
    Ok(canonical_labels(&labels.to_vec()))
}

/// Mean silhouette coefficient of a partition under the distance matrix `dist`.
/// Documents alone in their cluster score 0 (Rousseeuw 1987). Returns 0 for fewer than 2 clusters.
pub fn silhouette(dist: &Array2<f64>, labels: &[usize]) -> f64 {
    let n = labels.len();
    let k = labels.iter().copied().max().map_or(0, |m| m + 1);
    if n < 2 || k < 2 {
        return 0.0;
    }
    let mut total = 0.0;
    for i in 0..n {
        let mut sum = vec![0.0; k];
        let mut count = vec![0usize; k];
        for j in 0..n {
            if i != j {
                sum[labels[j]] += dist[[i, j]];
                count[labels[j]] += 1;
            }
        }
        let own = labels[i];
        if count[own] == 0 {
            continue;
        }
        let a = sum[own] / count[own] as f64;
        let b = (0..k)
            .filter(|&c| c != own && count[c] > 0)
            .map(|c| sum[c] / count[c] as f64)
            .fold(f64::INFINITY, f64::min);
        if b.is_finite() {
            let m = a.max(b);
            if m > 0.0 {
                total += (b - a) / m;
            }
        }
    }
    total / n as f64
}

/// k chosen by the highest mean silhouette over a range, with the whole curve kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KChoice {
    pub k: usize,
    /// (k, mean silhouette) for every k tried, in increasing k.
    pub curve: Vec<(usize, f64)>,
    pub labels: Vec<usize>,
}

/// Run k-means for every k in `ks` (clamped to 2..=n-1) and keep the best silhouette;
/// ties go to the smaller k.
pub fn choose_k(
    x: ArrayView2<f64>,
    dist: &Array2<f64>,
    ks: std::ops::RangeInclusive<usize>,
    seed: u64,
) -> Result<KChoice> {
    let n = x.nrows();
    if n < 3 {
        return Err(Error::InvalidArgument(format!(
            "choosing k by silhouette needs at least 3 documents, got {n}"
        )));
    }
    let lo = (*ks.start()).max(2);
    let hi = (*ks.end()).min(n - 1);
    if lo > hi {
        return Err(Error::InvalidArgument(format!(
            "empty k range {}..={} for {n} documents",
            ks.start(),
            ks.end()
        )));
    }
    let mut best: Option<KChoice> = None;
    let mut curve = Vec::new();
    for k in lo..=hi {
        let labels = kmeans(x, k, seed)?;
        let s = silhouette(dist, &labels);
        curve.push((k, s));
        if best.as_ref().is_none_or(|b| s > b.curve_score() + 1e-12) {
            best = Some(KChoice {
                k,
                curve: vec![(k, s)],
                labels,
            });
        }
    }
    let mut best = best.ok_or_else(|| Error::Internal("no k tried".into()))?;
    best.curve = curve;
    Ok(best)
}

impl KChoice {
    fn curve_score(&self) -> f64 {
        self.curve
            .iter()
            .find(|(k, _)| *k == self.k)
            .map_or(f64::NEG_INFINITY, |(_, s)| *s)
    }
}

/// DBSCAN on the rows of `x` (Euclidean, `eps` radius). Noise gets label `None`.
pub fn dbscan(x: ArrayView2<f64>, eps: f64, min_points: usize) -> Result<Vec<Option<usize>>> {
    if eps.is_nan() || eps <= 0.0 || min_points < 2 {
        return Err(Error::InvalidArgument(format!(
            "DBSCAN needs eps > 0 and min_points >= 2, got eps = {eps}, min_points = {min_points}"
        )));
    }
    let checked = linfa::ParamGuard::check(Dbscan::params(min_points).tolerance(eps))
        .map_err(|e| Error::InvalidArgument(format!("DBSCAN: {e}")))?;
    let labels = checked.transform(&x.to_owned());
    // Canonical numbering of the clusters, noise kept as None.
    let present: Vec<usize> = labels.iter().flatten().copied().collect();
    let canon = canonical_labels(&present);
    let mut it = canon.into_iter();
    Ok(labels.iter().map(|l| l.and_then(|_| it.next())).collect())
}

/// Linkage criteria for agglomerative clustering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Linkage {
    Average,
    Complete,
    /// Ward on the Euclidean distance between L2-normalized rows, sqrt(2 (1 - cos)),
    /// because Ward's criterion is only defined for Euclidean distances.
    Ward,
}

impl std::str::FromStr for Linkage {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "average" => Ok(Linkage::Average),
            "complete" => Ok(Linkage::Complete),
            "ward" => Ok(Linkage::Ward),
            _ => Err(format!(
                "unknown linkage {s:?}; expected average, complete or ward"
            )),
        }
    }
}

/// One merge of the dendrogram, scipy-numbered: leaves are 0..n, merge i creates cluster n + i.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Merge {
    pub a: usize,
    pub b: usize,
    pub height: f64,
    pub size: usize,
}

/// A dendrogram and the leaf order it induces (left to right).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dendrogram {
    pub n: usize,
    pub merges: Vec<Merge>,
    pub leaf_order: Vec<usize>,
}

/// Agglomerative clustering of a cosine-distance matrix.
pub fn agglomerative(dist: &Array2<f64>, linkage: Linkage) -> Result<Dendrogram> {
    let n = dist.nrows();
    if n == 0 || dist.ncols() != n {
        return Err(Error::InvalidArgument(
            "agglomerative clustering needs a non-empty square distance matrix".into(),
        ));
    }
    if n == 1 {
        return Ok(Dendrogram {
            n,
            merges: Vec::new(),
            leaf_order: vec![0],
        });
    }
    let mut condensed = Vec::with_capacity(n * (n - 1) / 2);
    for i in 0..n {
        for j in (i + 1)..n {
            let d = dist[[i, j]];
            condensed.push(match linkage {
                Linkage::Ward => (2.0 * d).max(0.0).sqrt(),
                _ => d,
            });
        }
    }
    let method = match linkage {
        Linkage::Average => kodama::Method::Average,
        Linkage::Complete => kodama::Method::Complete,
        Linkage::Ward => kodama::Method::Ward,
    };
    let dend = kodama::linkage(&mut condensed, n, method);
    let merges: Vec<Merge> = dend
        .steps()
        .iter()
        .map(|s| Merge {
            a: s.cluster1,
            b: s.cluster2,
            height: s.dissimilarity,
            size: s.size,
        })
        .collect();
    let leaf_order = leaf_order(n, &merges);
    Ok(Dendrogram {
        n,
        merges,
        leaf_order,
    })
}

/// Leaves left to right: walk from the root, smaller cluster label first.
fn leaf_order(n: usize, merges: &[Merge]) -> Vec<usize> {
    let Some(root) = (n + merges.len()).checked_sub(1) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(n);
    let mut stack = vec![root];
    while let Some(c) = stack.pop() {
        if c < n {
            out.push(c);
        } else if let Some(m) = merges.get(c - n) {
            let (first, second) = (m.a.min(m.b), m.a.max(m.b));
            stack.push(second);
            stack.push(first);
        }
    }
    out
}

/// Cut a dendrogram into `k` clusters (undo the last k-1 merges); canonical labels.
pub fn cut(d: &Dendrogram, k: usize) -> Result<Vec<usize>> {
    if k == 0 || k > d.n {
        return Err(Error::InvalidArgument(format!(
            "cannot cut {} documents into {k} clusters",
            d.n
        )));
    }
    // Union-find over the first n - k merges.
    let total = d.n + d.merges.len();
    let mut parent: Vec<usize> = (0..total).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for (i, m) in d.merges.iter().take(d.n - k).enumerate() {
        let c = d.n + i;
        let ra = find(&mut parent, m.a);
        let rb = find(&mut parent, m.b);
        parent[ra] = c;
        parent[rb] = c;
    }
    let roots: Vec<usize> = (0..d.n).map(|i| find(&mut parent, i)).collect();
    Ok(canonical_labels(&roots))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    fn two_groups() -> Array2<f64> {
        array![
            [1.0, 0.1, 0.0],
            [0.9, 0.2, 0.0],
            [0.0, 0.1, 1.0],
            [0.1, 0.0, 0.9],
            [1.0, 0.0, 0.1],
        ]
    }

    #[test]
    fn kmeans_finds_two_groups_deterministically() {
        let x = two_groups();
        let a = kmeans(x.view(), 2, 7).unwrap();
        assert_eq!(a, vec![0, 0, 1, 1, 0]);
        assert_eq!(kmeans(x.view(), 2, 7).unwrap(), a);
        assert!(kmeans(x.view(), 6, 7).is_err());
    }

    #[test]
    fn silhouette_prefers_the_true_partition() {
        let x = two_groups();
        let d = cosine_distances(x.view());
        let good = silhouette(&d, &[0, 0, 1, 1, 0]);
        let bad = silhouette(&d, &[0, 1, 0, 1, 0]);
        assert!(good > 0.8 && bad < 0.0, "{good} {bad}");
        let c = choose_k(x.view(), &d, 2..=4, 1).unwrap();
        assert_eq!(c.k, 2);
        assert_eq!(c.curve.len(), 3);
    }

    #[test]
    fn dendrogram_orders_and_cuts() {
        let x = two_groups();
        let d = cosine_distances(x.view());
        for l in [Linkage::Average, Linkage::Complete, Linkage::Ward] {
            let dg = agglomerative(&d, l).unwrap();
            assert_eq!(dg.merges.len(), 4);
            let mut order = dg.leaf_order.clone();
            order.sort_unstable();
            assert_eq!(order, vec![0, 1, 2, 3, 4]);
            assert_eq!(cut(&dg, 2).unwrap(), vec![0, 0, 1, 1, 0], "{l:?}");
            assert_eq!(cut(&dg, 5).unwrap(), vec![0, 1, 2, 3, 4]);
            // Heights never decrease for these (monotone) linkages.
            assert!(
                dg.merges
                    .windows(2)
                    .all(|w| w[0].height <= w[1].height + 1e-12)
            );
        }
    }

    #[test]
    fn dbscan_marks_noise() {
        let x = array![[0.0, 0.0], [0.0, 0.1], [0.1, 0.0], [5.0, 5.0]];
        let l = dbscan(x.view(), 0.5, 2).unwrap();
        assert_eq!(l, vec![Some(0), Some(0), Some(0), None]);
    }
}
