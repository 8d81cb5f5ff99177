//! Clustering for corpora too large for an n × n distance matrix: seeded k-means (Lloyd, k-means++
//! starts) on truncated-SVD scores, k chosen by the silhouette of a seeded sample, and a
//! dendrogram of the clusters (not of the documents).
//!
//! Deterministic whatever the thread count: assignments run in parallel but each is a pure
//! function of the point and the centroids; centroid sums and inertia run serially in row order.

use ndarray::{Array2, ArrayView2};
use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{RngCore, SeedableRng};
use rayon::prelude::*;
use serde::Serialize;

use super::cluster::{self, Dendrogram, Linkage, canonical_labels};
use crate::error::{Error, Result};

/// k-means restarts (the best inertia wins) and the iteration cap of each.
const RESTARTS: usize = 4;
const MAX_ITERATIONS: usize = 100;

/// Documents whose silhouette is computed: a seeded sample of at most this many.
pub const SILHOUETTE_SAMPLE: usize = 2000;

fn uniform(rng: &mut Xoshiro256PlusPlus) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

fn squared_distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// k-means++ starting centroids (Arthur & Vassilvitskii 2007).
fn plus_plus(x: &[&[f64]], k: usize, rng: &mut Xoshiro256PlusPlus) -> Vec<Vec<f64>> {
    let n = x.len();
    let first = (rng.next_u64() % n as u64) as usize;
    let mut centroids = vec![x[first].to_vec()];
    let mut nearest: Vec<f64> = x.iter().map(|p| squared_distance(p, x[first])).collect();
    while centroids.len() < k {
        let total: f64 = nearest.iter().sum();
        let pick = if total > 0.0 {
            let target = uniform(rng) * total;
            let mut acc = 0.0;
            nearest
                .iter()
                .position(|&d| {
                    acc += d;
                    acc > target
                })
                .unwrap_or(n - 1)
        } else {
            centroids.len() % n
        };
        centroids.push(x[pick].to_vec());
        for (d, p) in nearest.iter_mut().zip(x) {
            *d = d.min(squared_distance(p, x[pick]));
        }
    }
    centroids
}

/// The nearest centroid of each point (ties to the lower index) and its squared distance.
fn assign(x: &[&[f64]], centroids: &[Vec<f64>]) -> Vec<(usize, f64)> {
    x.par_iter()
        .map(|p| {
            centroids
                .iter()
                .enumerate()
                .map(|(c, m)| (c, squared_distance(p, m)))
                .fold(
                    (0, f64::INFINITY),
                    |best, cur| {
                        if cur.1 < best.1 { cur } else { best }
                    },
                )
        })
        .collect()
}

/// One Lloyd run from k-means++ starts: (labels, inertia).
fn lloyd(x: &[&[f64]], k: usize, rng: &mut Xoshiro256PlusPlus) -> (Vec<usize>, f64) {
    let dim = x.first().map_or(0, |p| p.len());
    let mut centroids = plus_plus(x, k, rng);
    let mut labels = vec![usize::MAX; x.len()];
    for _ in 0..MAX_ITERATIONS {
        let assigned = assign(x, &centroids);
        let changed = assigned.iter().zip(&labels).any(|((c, _), &old)| *c != old);
        labels = assigned.iter().map(|(c, _)| *c).collect();
        if !changed {
            break;
        }
        let mut sums = vec![vec![0.0; dim]; k];
        let mut counts = vec![0usize; k];
        for (p, &c) in x.iter().zip(&labels) {
            counts[c] += 1;
            for (s, v) in sums[c].iter_mut().zip(p.iter()) {
                *s += v;
            }
        }
        for c in 0..k {
            if counts[c] > 0 {
                centroids[c] = sums[c].iter().map(|s| s / counts[c] as f64).collect();
            } else {
                // An empty cluster takes the point farthest from its centroid.
                let far = assigned
                    .iter()
                    .enumerate()
                    .fold(
                        (0, -1.0),
                        |best, (i, (_, d))| {
                            if *d > best.1 { (i, *d) } else { best }
                        },
                    )
                    .0;
                centroids[c] = x[far].to_vec();
            }
        }
    }
    let inertia = assign(x, &centroids).iter().map(|(_, d)| d).sum();
    (labels, inertia)
}

/// Seeded k-means on the rows of `x`, [`RESTARTS`] runs, the lowest inertia kept; labels are
/// canonical (numbered by first document).
pub fn kmeans(x: ArrayView2<f64>, k: usize, seed: u64) -> Result<Vec<usize>> {
    let n = x.nrows();
    if k == 0 || k > n {
        return Err(Error::InvalidArgument(format!(
            "k-means needs 1 <= k <= number of documents ({n}), got k = {k}"
        )));
    }
    let x = x.as_standard_layout();
    let points: Vec<&[f64]> = x
        .rows()
        .into_iter()
        .map(|r| r.to_slice().unwrap_or(&[]))
        .collect();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut best: Option<(Vec<usize>, f64)> = None;
    for _ in 0..RESTARTS {
        let (labels, inertia) = lloyd(&points, k, &mut rng);
        if best.as_ref().is_none_or(|(_, b)| inertia < *b) {
            best = Some((labels, inertia));
        }
    }
    let (labels, _) = best.ok_or_else(|| Error::Internal("k-means: no run".into()))?;
    Ok(canonical_labels(&labels))
}

/// A seeded sample of `size` distinct indices of `0..n`, ascending (partial Fisher–Yates).
pub fn sample(n: usize, size: usize, seed: u64) -> Vec<usize> {
    let mut all: Vec<usize> = (0..n).collect();
    let size = size.min(n);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    for i in 0..size {
        let j = i + (rng.next_u64() % (n - i) as u64) as usize;
        all.swap(i, j);
    }
    all.truncate(size);
    all.sort_unstable();
    all
}

/// Cosine distance between unit-length rows from their scores: ‖a − b‖² / 2, which the
/// centred SVD scores preserve up to the discarded components.
fn sample_distances(x: ArrayView2<f64>, sample: &[usize]) -> Array2<f64> {
    let s = sample.len();
    let rows: Vec<Vec<f64>> = sample
        .par_iter()
        .map(|&i| {
            sample
                .iter()
                .map(|&j| {
                    let d = &x.row(i) - &x.row(j);
                    d.dot(&d) / 2.0
                })
                .collect()
        })
        .collect();
    let mut out = Array2::zeros((s, s));
    for (a, r) in rows.into_iter().enumerate() {
        for (b, v) in r.into_iter().enumerate() {
            out[[a, b]] = v;
        }
    }
    out
}

/// Clusters of a large corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LargeClustering {
    pub labels: Vec<usize>,
    pub k: usize,
    /// (k, mean silhouette on the sample) when k was chosen automatically.
    pub silhouette_curve: Vec<(usize, f64)>,
    /// Mean silhouette of the final labels on the sample.
    pub silhouette: f64,
    /// How many documents the silhouette was computed on.
    pub silhouette_sample: usize,
}

/// k-means on the rows of `scores` (SVD coordinates of unit-length document vectors), with k
/// given or chosen in 2..=`k_max` by the sampled silhouette (ties to the smaller k).
pub fn cluster_scores(
    scores: ArrayView2<f64>,
    k: Option<usize>,
    k_max: usize,
    seed: u64,
) -> Result<LargeClustering> {
    let n = scores.nrows();
    let picked = sample(n, SILHOUETTE_SAMPLE, seed);
    let dist = sample_distances(scores, &picked);
    let sampled_silhouette = |labels: &[usize]| {
        let sub: Vec<usize> = picked.iter().map(|&i| labels[i]).collect();
        cluster::silhouette(&dist, &sub)
    };
    let (labels, curve) = match k {
        Some(k) => (kmeans(scores, k, seed)?, Vec::new()),
        None => {
            let hi = k_max.min(n.saturating_sub(1));
            let mut curve = Vec::new();
            let mut best: Option<(f64, Vec<usize>)> = None;
            for k in 2..=hi {
                let labels = kmeans(scores, k, seed)?;
                let s = sampled_silhouette(&labels);
                curve.push((k, s));
                if best.as_ref().is_none_or(|(b, _)| s > b + 1e-12) {
                    best = Some((s, labels));
                }
            }
            match best {
                Some((_, labels)) => (labels, curve),
                None => (vec![0; n], curve),
            }
        }
    };
    let k = labels.iter().copied().max().map_or(0, |m| m + 1);
    Ok(LargeClustering {
        silhouette: sampled_silhouette(&labels),
        silhouette_sample: picked.len(),
        labels,
        k,
        silhouette_curve: curve,
    })
}

/// A dendrogram of groups from their pairwise distances (a k × k matrix), for the charts of
/// large corpora: its leaves are the groups.
pub fn group_dendrogram(dist: &Array2<f64>, linkage: Linkage) -> Result<Dendrogram> {
    if dist.nrows() < 2 {
        return Ok(Dendrogram {
            n: dist.nrows(),
            merges: Vec::new(),
            leaf_order: (0..dist.nrows()).collect(),
        });
    }
    cluster::agglomerative(dist, linkage)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blobs() -> Array2<f64> {
        // Three tight groups of 30 points in 3-D.
        let centres = [[0.0, 0.0, 0.0], [5.0, 0.0, 0.0], [0.0, 5.0, 1.0]];
        let mut x = Array2::zeros((90, 3));
        for i in 0..90 {
            let c = centres[i % 3];
            for d in 0..3 {
                x[[i, d]] = c[d] + 0.1 * (((i * 7 + d * 13) % 17) as f64 / 17.0 - 0.5);
            }
        }
        x
    }

    #[test]
    fn finds_three_blobs_and_chooses_k_3() {
        let c = cluster_scores(blobs().view(), None, 6, 42).unwrap();
        assert_eq!(c.k, 3);
        assert_eq!(&c.labels[..6], &[0, 1, 2, 0, 1, 2]);
        assert_eq!(c.silhouette_sample, 90);
        assert!(c.silhouette > 0.9, "{}", c.silhouette);
    }

    #[test]
    fn sample_is_seeded_distinct_and_sorted() {
        let a = sample(1000, 50, 7);
        assert_eq!(a, sample(1000, 50, 7));
        assert_ne!(a, sample(1000, 50, 8));
        assert_eq!(a.len(), 50);
        assert!(a.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(sample(10, 50, 1), (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn kmeans_is_the_same_on_one_thread_and_many() {
        let x = blobs();
        let run = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| kmeans(x.view(), 4, 3).unwrap())
        };
        assert_eq!(run(1), run(3));
    }
}
