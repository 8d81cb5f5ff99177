//! The order in which every path sums a dot product's products, so that the dense matrix, the
//! tiled search and the sweeps agree bit for bit: first the corpus's commonest columns (the
//! *dense* ones), in ascending column order, then every other column, in ascending order.
//!
//! Dense columns are the (at most [`DENSE_MAX`]) columns carried by at least [`DENSE_SHARE`]
//! of the rows, in matrices of at least [`DENSE_MIN_ROWS`] rows. In the 新闻联播 transcripts
//! three words of the page furniture (消息, 新闻联播, 央视网) each sit in 98–99% of the
//! documents and make 39% of all pair products; the tiled search multiplies such columns as
//! short dense vectors instead of walking their postings. Smaller matrices (the bundled
//! corpus, the tests) have no dense columns unless a test asks for them, and sum in plain
//! column order.

use crate::measures::tfidf::SparseMatrix;

/// At most this many dense columns; the tiled search keeps this many values per row.
pub(super) const DENSE_MAX: usize = 8;
/// A dense column is carried by at least this share of the rows.
const DENSE_SHARE: f64 = 0.5;
/// Matrices with fewer rows have no dense columns.
const DENSE_MIN_ROWS: usize = 1000;

/// Which columns are summed first, and where each sits among them.
#[derive(Debug, Clone)]
pub(super) struct SumOrder {
    /// Dense columns, ascending.
    dense: Vec<u32>,
    /// For every column: its position in `dense`, or `u8::MAX`.
    slot: Vec<u8>,
}

impl SumOrder {
    /// The order for `m` under the documented thresholds.
    pub fn of(m: &SparseMatrix) -> Self {
        Self::with(m, DENSE_SHARE, DENSE_MIN_ROWS)
    }

    /// The order with given thresholds (tests use it to exercise dense columns on small
    /// matrices). Ties in document frequency go to the lower column, so the choice depends on
    /// the matrix alone.
    pub fn with(m: &SparseMatrix, share: f64, min_rows: usize) -> Self {
        let n = m.rows();
        let mut df = vec![0usize; m.cols];
        for &c in &m.indices {
            df[c as usize] += 1;
        }
        let mut dense: Vec<u32> = Vec::new();
        if n >= min_rows.max(1) {
            let floor = (share * n as f64).ceil().max(1.0) as usize;
            let mut common: Vec<u32> = (0..m.cols as u32)
                .filter(|&c| df[c as usize] >= floor)
                .collect();
            common.sort_by(|&a, &b| df[b as usize].cmp(&df[a as usize]).then(a.cmp(&b)));
            common.truncate(DENSE_MAX);
            common.sort_unstable();
            dense = common;
        }
        let mut slot = vec![u8::MAX; m.cols];
        for (s, &c) in dense.iter().enumerate() {
            slot[c as usize] = s as u8;
        }
        SumOrder { dense, slot }
    }

    /// The dense columns, ascending.
    pub fn dense(&self) -> &[u32] {
        &self.dense
    }

    /// Column `c`'s position among the dense columns.
    pub fn slot(&self, c: u32) -> Option<usize> {
        match self.slot[c as usize] {
            u8::MAX => None,
            s => Some(s as usize),
        }
    }

    /// The dot product of rows `i` and `j`, products taken as row_i · row_j and summed in
    /// this order.
    pub fn dot(&self, m: &SparseMatrix, i: usize, j: usize) -> f64 {
        let mut sum = 0.0;
        for dense_pass in [true, false] {
            for (c, wi, wj) in shared_terms(m, i, j) {
                if self.slot(c).is_some() == dense_pass {
                    sum += wi * wj;
                }
            }
        }
        sum
    }
}

/// The columns rows `i` and `j` share, ascending, with the two rows' weights there.
pub(super) fn shared_terms(
    m: &SparseMatrix,
    i: usize,
    j: usize,
) -> impl Iterator<Item = (u32, f64, f64)> + '_ {
    let (ci, vi) = m.row(i);
    let (cj, vj) = m.row(j);
    let (mut a, mut b) = (0, 0);
    std::iter::from_fn(move || {
        while a < ci.len() && b < cj.len() {
            match ci[a].cmp(&cj[b]) {
                std::cmp::Ordering::Less => a += 1,
                std::cmp::Ordering::Greater => b += 1,
                std::cmp::Ordering::Equal => {
                    let found = (ci[a], vi[a], vj[b]);
                    a += 1;
                    b += 1;
                    return Some(found);
                }
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(rows: &[&[(u32, f64)]], cols: usize) -> SparseMatrix {
        let mut m = SparseMatrix {
            cols,
            indptr: vec![0],
            ..SparseMatrix::default()
        };
        for r in rows {
            for &(c, v) in *r {
                m.indices.push(c);
                m.values.push(v);
            }
            m.indptr.push(m.indices.len());
        }
        m
    }

    #[test]
    fn dense_columns_are_the_commonest_over_the_share() {
        // Column 2 in all four rows, 0 in three, 1 in one.
        let m = matrix(
            &[
                &[(0, 0.5), (2, 0.5)],
                &[(0, 0.5), (1, 0.5), (2, 0.5)],
                &[(0, 0.5), (2, 0.5)],
                &[(2, 1.0)],
            ],
            3,
        );
        let o = SumOrder::with(&m, 0.5, 0);
        assert_eq!(o.dense(), &[0, 2]);
        assert_eq!((o.slot(0), o.slot(1), o.slot(2)), (Some(0), None, Some(1)));
        // Below the row floor nothing is dense, and the sum is in column order.
        assert!(SumOrder::with(&m, 0.5, 5).dense().is_empty());
        assert!(SumOrder::of(&m).dense().is_empty());
    }

    #[test]
    fn dense_products_are_summed_first() {
        // Products by column: 1e16, 1, −1e16; column 2 is in every row.
        let m = matrix(
            &[
                &[(0, 1e8), (1, 1.0), (2, 1e8)],
                &[(0, 1e8), (1, 1.0), (2, -1e8)],
                &[(2, 1.0)],
            ],
            3,
        );
        // Column order: (1e16 + 1) − 1e16 = 0, the 1 lost to rounding.
        assert_eq!(SumOrder::with(&m, 1.0, 10).dot(&m, 0, 1), 0.0);
        // Column 2 dense, so first: (−1e16 + 1e16) + 1 = 1.
        let o = SumOrder::with(&m, 1.0, 0);
        assert_eq!(o.dense(), &[2]);
        assert_eq!(o.dot(&m, 0, 1), 1.0);
    }
}
