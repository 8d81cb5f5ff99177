//! Documents as dense feature rows in a [`FeatureSpace`], with the cosine similarity between
//! them: the step the report and sweeps share, so that both see the same matrix.

use ndarray::Array2;

use super::cluster::cosine_distances;
use super::grouping::{FeatureSpace, l2_rows};
use super::profiles;
use crate::error::Result;
use crate::measures::similarity::cosine_matrix;
use crate::measures::tfidf::{SparseMatrix, Tfidf};
use crate::reuse::ReuseReport;

/// Documents in one feature space.
pub struct DenseFeatures {
    /// One row per document, in corpus order.
    pub rows: Array2<f64>,
    /// The name of each column (terms, or formulations and shares).
    pub names: Vec<String>,
    /// Cosine similarity between documents (n × n, corpus order).
    pub cosine: Array2<f64>,
}

/// The documents in `space`: TF-IDF rows from `tfidf` (called only for that space), or the reuse
/// profiles of `reuse`.
pub fn dense_features(
    space: FeatureSpace,
    reuse: &ReuseReport,
    tfidf: impl FnOnce() -> Result<(Tfidf, SparseMatrix)>,
) -> Result<DenseFeatures> {
    Ok(match space {
        FeatureSpace::Tfidf => {
            let (fitted, m) = tfidf()?;
            DenseFeatures {
                rows: m.to_dense(),
                names: fitted.vocabulary,
                cosine: cosine_matrix(&m),
            }
        }
        FeatureSpace::Reuse => {
            let (rows, names) = profiles::reuse_profiles(reuse);
            let cosine = cosine_distances(l2_rows(rows.view()).view()).mapv(|d| 1.0 - d);
            DenseFeatures {
                rows,
                names,
                cosine,
            }
        }
    })
}
