//! Stability measures for parameter sweeps: Spearman rank correlation and the adjusted Rand index.

/// Average ranks (1-based) with ties sharing the mean of their positions.
pub fn ranks(values: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..values.len()).collect();
    idx.sort_by(|&a, &b| values[a].total_cmp(&values[b]).then(a.cmp(&b)));
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && values[idx[j + 1]] == values[idx[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            out[k] = rank;
        }
        i = j + 1;
    }
    out
}

/// Pearson correlation; `None` when either side is constant or lengths differ or n < 2.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() || x.len() < 2 {
        return None;
    }
    let n = x.len() as f64;
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Spearman's ρ: Pearson correlation of average ranks (ties handled as in R's `cor(method =
/// "spearman")` and SciPy's `spearmanr`). `None` when undefined (constant input, n < 2).
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    if x.len() != y.len() {
        return None;
    }
    pearson(&ranks(x), &ranks(y))
}

/// Adjusted Rand index (Hubert and Arabie 1985) between two labelings of the same items.
/// 1 for identical partitions (up to renaming), about 0 for independent ones. When both
/// partitions put everything in one cluster, or everything apart, the index is 1.
pub fn adjusted_rand(a: &[usize], b: &[usize]) -> f64 {
    debug_assert_eq!(a.len(), b.len(), "labelings of the same items");
    let n = a.len().min(b.len());
    let ka = a.iter().copied().max().map_or(0, |m| m + 1);
    let kb = b.iter().copied().max().map_or(0, |m| m + 1);
    let mut table = vec![vec![0u64; kb]; ka];
    for (&x, &y) in a.iter().zip(b) {
        table[x][y] += 1;
    }
    let c2 = |m: u64| (m * m.saturating_sub(1)) as f64 / 2.0;
    let index: f64 = table.iter().flatten().map(|&m| c2(m)).sum();
    let rows: f64 = table.iter().map(|r| c2(r.iter().sum())).sum();
    let cols: f64 = (0..kb).map(|j| c2(table.iter().map(|r| r[j]).sum())).sum();
    let total = c2(n as u64);
    if total == 0.0 {
        return 1.0;
    }
    let expected = rows * cols / total;
    let max = (rows + cols) / 2.0;
    if (max - expected).abs() < 1e-12 {
        return 1.0;
    }
    (index - expected) / (max - expected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ranks_average_ties() {
        assert_eq!(ranks(&[10.0, 20.0, 10.0, 30.0]), vec![1.5, 3.0, 1.5, 4.0]);
    }

    #[test]
    fn spearman_reference_values() {
        // scipy.stats.spearmanr([1,2,3,4,5],[5,6,7,8,7]) = 0.8207826816681233
        let r = spearman(&[1.0, 2.0, 3.0, 4.0, 5.0], &[5.0, 6.0, 7.0, 8.0, 7.0]).unwrap();
        assert!((r - 0.8207826816681233).abs() < 1e-12, "{r}");
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), Some(-1.0));
        assert_eq!(spearman(&[1.0, 1.0], &[1.0, 2.0]), None);
    }

    #[test]
    fn ari_reference_values() {
        // sklearn.metrics.adjusted_rand_score([0,0,1,1],[0,0,1,2]) = 0.5714285714285715
        assert!((adjusted_rand(&[0, 0, 1, 1], &[0, 0, 1, 2]) - 0.5714285714285715).abs() < 1e-12);
        // sklearn: adjusted_rand_score([0,0,0,0],[0,0,1,1]) = 0.0
        assert_eq!(adjusted_rand(&[0, 0, 0, 0], &[0, 0, 1, 1]), 0.0);
        // Every pair split in both: index 0, expected 1.2, max 4.5 → −1.2/3.3.
        let r = adjusted_rand(&[0, 0, 0, 1, 1, 1], &[0, 1, 2, 0, 1, 2]);
        assert!((r + 1.2 / 3.3).abs() < 1e-12, "{r}");
        assert_eq!(adjusted_rand(&[0, 0, 1], &[1, 1, 0]), 1.0);
    }

    proptest! {
        #[test]
        fn ari_of_a_partition_with_itself_is_one(labels in proptest::collection::vec(0usize..5, 1..40)) {
            prop_assert!((adjusted_rand(&labels, &labels) - 1.0).abs() < 1e-12);
        }

        #[test]
        fn spearman_is_bounded_and_symmetric(
            xy in proptest::collection::vec((-1e3f64..1e3, -1e3f64..1e3), 2..30)
        ) {
            let (x, y): (Vec<f64>, Vec<f64>) = xy.into_iter().unzip();
            if let Some(r) = spearman(&x, &y) {
                prop_assert!((-1.0..=1.0).contains(&r));
                prop_assert!((spearman(&y, &x).unwrap() - r).abs() < 1e-12);
            }
        }
    }
}
