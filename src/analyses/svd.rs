//! Randomized truncated SVD (Halko, Martinsson & Tropp 2011) of the *centred* rows of a sparse
//! matrix: the principal components of a large corpus without an n × n matrix and without a
//! dense n × vocabulary one. Centring is implicit (`Xc = X − 1μᵀ` is never formed).
//!
//! Deterministic: the Gaussian test matrix comes from a seeded generator, row products run in
//! parallel but each row is computed serially, and column sums run serially in row order, so the
//! result does not depend on the thread count.

use ndarray::{Array2, ArrayView2};
use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{RngCore, SeedableRng};
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::measures::tfidf::SparseMatrix;

/// How many components, and how hard to work for them.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct SvdParams {
    /// Components kept (fewer when the matrix has fewer rows or columns).
    pub components: usize,
    /// Extra random directions beyond `components` (Halko et al. recommend 5–10).
    pub oversample: usize,
    /// Power iterations, each one re-orthonormalized (sharpens a slowly decaying spectrum).
    pub power_iterations: usize,
    pub seed: u64,
}

impl Default for SvdParams {
    fn default() -> Self {
        SvdParams {
            components: 50,
            oversample: 10,
            power_iterations: 4,
            seed: 42,
        }
    }
}

/// The top principal components of the rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Svd {
    /// n × r principal-component scores (`U Σ` of the centred rows), components by decreasing
    /// singular value, each flipped so that its largest-magnitude score is positive.
    pub scores: Array2<f64>,
    pub singular_values: Vec<f64>,
    /// Σ‖xᵢ − μ‖²: the denominator of explained variance.
    pub total_variance: f64,
}

impl Svd {
    /// Share of the total variance carried by component `j` (0 when there is none).
    pub fn explained(&self, j: usize) -> f64 {
        match self.singular_values.get(j) {
            Some(s) if self.total_variance > 0.0 => s * s / self.total_variance,
            _ => 0.0,
        }
    }
}

/// Uniform in [0, 1) from the top 53 bits.
fn uniform(rng: &mut Xoshiro256PlusPlus) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// Standard normal deviates by Box–Muller.
fn gaussian_matrix(rows: usize, cols: usize, seed: u64) -> Array2<f64> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut out = Array2::zeros((rows, cols));
    for v in out.iter_mut() {
        let u1 = uniform(&mut rng).max(f64::MIN_POSITIVE);
        let u2 = uniform(&mut rng);
        *v = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
    }
    out
}

/// Column means of `m` (dense, length `m.cols`).
fn column_means(m: &SparseMatrix) -> Vec<f64> {
    let mut mean = vec![0.0; m.cols];
    for i in 0..m.rows() {
        let (cols, vals) = m.row(i);
        for (&c, &v) in cols.iter().zip(vals) {
            mean[c as usize] += v;
        }
    }
    let n = m.rows().max(1) as f64;
    mean.iter_mut().for_each(|v| *v /= n);
    mean
}

/// `Xc · B` for a dense `B` (cols × l): rows in parallel, collected in order.
fn times(m: &SparseMatrix, mean: &[f64], b: ArrayView2<f64>) -> Array2<f64> {
    let l = b.ncols();
    let mean_b: Vec<f64> = (0..l)
        .map(|j| mean.iter().zip(b.column(j)).map(|(m, v)| m * v).sum())
        .collect();
    let rows: Vec<Vec<f64>> = (0..m.rows())
        .into_par_iter()
        .map(|i| {
            let (cols, vals) = m.row(i);
            let mut out: Vec<f64> = mean_b.iter().map(|v| -v).collect();
            for (&c, &v) in cols.iter().zip(vals) {
                for (o, &x) in out.iter_mut().zip(b.row(c as usize)) {
                    *o += v * x;
                }
            }
            out
        })
        .collect();
    let mut out = Array2::zeros((m.rows(), l));
    for (i, r) in rows.into_iter().enumerate() {
        out.row_mut(i).assign(&ndarray::Array1::from(r));
    }
    out
}

/// `Xcᵀ · Q` for a dense `Q` (rows × l), summed serially in row order.
fn times_transposed(m: &SparseMatrix, mean: &[f64], q: ArrayView2<f64>) -> Array2<f64> {
    let l = q.ncols();
    let mut out = Array2::zeros((m.cols, l));
    for i in 0..m.rows() {
        let (cols, vals) = m.row(i);
        let qi = q.row(i);
        for (&c, &v) in cols.iter().zip(vals) {
            out.row_mut(c as usize).scaled_add(v, &qi);
        }
    }
    let col_sums: Vec<f64> = (0..l).map(|j| q.column(j).sum()).collect();
    for (c, &mu) in mean.iter().enumerate() {
        if mu != 0.0 {
            for (o, s) in out.row_mut(c).iter_mut().zip(&col_sums) {
                *o -= mu * s;
            }
        }
    }
    out
}

/// Orthonormalize the columns of `a` in place (modified Gram–Schmidt, twice for stability);
/// columns that are numerically dependent on earlier ones become zero. Works on the transpose so
/// that each column is contiguous.
fn orthonormalize(a: &mut Array2<f64>) {
    let mut t = a.t().as_standard_layout().to_owned();
    let l = t.nrows();
    for j in 0..l {
        let (done, mut rest) = t.view_mut().split_at(ndarray::Axis(0), j);
        let mut col = rest.row_mut(0);
        let scale = col.dot(&col).sqrt();
        for _ in 0..2 {
            for q in done.rows() {
                let c = q.dot(&col);
                col.scaled_add(-c, &q);
            }
        }
        let norm = col.dot(&col).sqrt();
        if norm > 0.0 && norm > 1e-10 * scale {
            col.mapv_inplace(|v| v / norm);
        } else {
            col.fill(0.0);
        }
    }
    a.assign(&t.t());
}

/// Eigenvalues (descending) and eigenvectors (columns) of a symmetric matrix, by cyclic Jacobi
/// rotations: exact to rounding for the small (l × l) matrices this module needs.
pub fn symmetric_eigen(a: &Array2<f64>) -> (Vec<f64>, Array2<f64>) {
    let n = a.nrows();
    let mut a = a.clone();
    let mut v = Array2::eye(n);
    for _sweep in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[[i, j]] * a[[i, j]])
            .sum();
        let diag: f64 = (0..n).map(|i| a[[i, i]] * a[[i, i]]).sum();
        if off <= 1e-30 * diag.max(1e-300) {
            break;
        }
        for p in 0..n {
            for q in (p + 1)..n {
                let apq = a[[p, q]];
                if apq == 0.0 {
                    continue;
                }
                let theta = (a[[q, q]] - a[[p, p]]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[[k, p]], a[[k, q]]);
                    a[[k, p]] = c * akp - s * akq;
                    a[[k, q]] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[[p, k]], a[[q, k]]);
                    a[[p, k]] = c * apk - s * aqk;
                    a[[q, k]] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let (vkp, vkq) = (v[[k, p]], v[[k, q]]);
                    v[[k, p]] = c * vkp - s * vkq;
                    v[[k, q]] = s * vkp + c * vkq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&x, &y| a[[y, y]].total_cmp(&a[[x, x]]).then(x.cmp(&y)));
    let values = order.iter().map(|&i| a[[i, i]]).collect();
    let mut vectors = Array2::zeros((n, n));
    for (to, &from) in order.iter().enumerate() {
        vectors.column_mut(to).assign(&v.column(from));
    }
    (values, vectors)
}

/// The top principal components of the rows of `m`.
pub fn randomized_svd(m: &SparseMatrix, params: &SvdParams) -> Result<Svd> {
    let (n, d) = (m.rows(), m.cols);
    if n < 2 || d < 1 {
        return Err(Error::InvalidArgument(format!(
            "a truncated SVD needs at least 2 rows and 1 column, got {n} x {d}"
        )));
    }
    let r = params.components.min(n - 1).min(d).max(1);
    let l = (r + params.oversample).min(n).min(d);
    let mean = column_means(m);
    let omega = gaussian_matrix(d, l, params.seed);
    let mut y = times(m, &mean, omega.view());
    for _ in 0..params.power_iterations {
        orthonormalize(&mut y);
        let mut z = times_transposed(m, &mean, y.view());
        orthonormalize(&mut z);
        y = times(m, &mean, z.view());
    }
    orthonormalize(&mut y);
    let z = times_transposed(m, &mean, y.view());
    // B = Qᵀ Xc, so B Bᵀ = Zᵀ Z: its eigenvectors W give U = Q W and its eigenvalues σ².
    let bbt = z.t().dot(&z);
    let (eigenvalues, w) = symmetric_eigen(&bbt);
    let singular_values: Vec<f64> = eigenvalues
        .iter()
        .take(r)
        .map(|&e| e.max(0.0).sqrt())
        .collect();
    let mut scores = y.dot(&w.slice(ndarray::s![.., ..r]));
    for (j, &s) in singular_values.iter().enumerate() {
        let mut col = scores.column_mut(j);
        // Normalize U's column length to exactly 1 before scaling, then orient it.
        let norm = col.dot(&col).sqrt();
        if norm > 0.0 {
            col.mapv_inplace(|v| v / norm * s);
        }
        let pivot = col.iter().copied().fold(
            0.0f64,
            |best, v| if v.abs() > best.abs() { v } else { best },
        );
        if pivot < 0.0 {
            col.mapv_inplace(|v| -v);
        }
    }
    let squared: f64 = m.values.iter().map(|v| v * v).sum();
    let total_variance = (squared - n as f64 * mean.iter().map(|v| v * v).sum::<f64>()).max(0.0);
    Ok(Svd {
        scores,
        singular_values,
        total_variance,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyses::pca;

    fn sparse(rows: &[&[f64]]) -> SparseMatrix {
        let cols = rows[0].len();
        let mut m = SparseMatrix {
            cols,
            indptr: vec![0],
            ..SparseMatrix::default()
        };
        for r in rows {
            for (c, &v) in r.iter().enumerate() {
                if v != 0.0 {
                    m.indices.push(c as u32);
                    m.values.push(v);
                }
            }
            m.indptr.push(m.indices.len());
        }
        m
    }

    #[test]
    fn jacobi_finds_known_eigenvalues() {
        let a = ndarray::array![[2.0, 1.0], [1.0, 2.0]];
        let (values, vectors) = symmetric_eigen(&a);
        assert!((values[0] - 3.0).abs() < 1e-12 && (values[1] - 1.0).abs() < 1e-12);
        let v0 = vectors.column(0);
        assert!((v0[0].abs() - 0.5f64.sqrt()).abs() < 1e-12);
    }

    #[test]
    fn agrees_with_exact_pca_on_a_small_matrix() {
        let rows: Vec<Vec<f64>> = (0..12)
            .map(|i| {
                let t = i as f64;
                vec![
                    t,
                    0.5 * t + (t * 1.7).sin(),
                    (t * 0.3).cos(),
                    0.0,
                    0.1 * t * t,
                ]
            })
            .collect();
        let refs: Vec<&[f64]> = rows.iter().map(|r| r.as_slice()).collect();
        let m = sparse(&refs);
        let svd = randomized_svd(&m, &SvdParams::default()).unwrap();
        let exact = pca::project_2d(m.to_dense().view()).unwrap();
        for (i, c) in exact.coords.iter().enumerate() {
            assert!((svd.scores[[i, 0]] - c[0]).abs() < 1e-8, "row {i} pc1");
            assert!((svd.scores[[i, 1]] - c[1]).abs() < 1e-8, "row {i} pc2");
        }
        assert!((svd.explained(0) - exact.explained[0]).abs() < 1e-10);
        assert!((svd.explained(1) - exact.explained[1]).abs() < 1e-10);
    }

    #[test]
    fn same_seed_same_scores_whatever_the_thread_count() {
        let rows: Vec<Vec<f64>> = (0..40)
            .map(|i| {
                (0..30)
                    .map(|j| ((i * 7 + j * 3) % 11) as f64 * 0.1)
                    .collect()
            })
            .collect();
        let refs: Vec<&[f64]> = rows.iter().map(|r| r.as_slice()).collect();
        let m = sparse(&refs);
        let params = SvdParams {
            components: 5,
            ..SvdParams::default()
        };
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(|| randomized_svd(&m, &params).unwrap());
        let many = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap()
            .install(|| randomized_svd(&m, &params).unwrap());
        assert_eq!(one, many);
    }
}
