//! Cosine similarity between TF-IDF rows: all pairs (dense n × n) for small corpora, and exact
//! top-k neighbours / threshold edges from an inverted index for large ones, never building
//! n × n. Both paths sum the same products in the same order ([`order::SumOrder`]), so they
//! agree exactly.

use ndarray::Array2;
use rayon::prelude::*;
use serde::Serialize;

mod order;
mod search;

use order::SumOrder;

use super::tfidf::{SparseMatrix, Tfidf, TfidfParams};
use crate::corpus::Corpus;
use crate::error::Result;
use crate::features::tokens::{Analyzer, TokenParams};
use crate::progress::{NoProgress, Progress};

/// Token and TF-IDF settings: everything that makes a document vector.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct VectorParams {
    pub tokens: TokenParams,
    pub tfidf: TfidfParams,
}

/// Tokens of every document of `corpus`, in order, with the lexicon's words kept whole.
pub fn corpus_tokens<'c>(corpus: &'c Corpus, analyzer: &Analyzer) -> Vec<Vec<&'c str>> {
    corpus
        .documents
        .par_iter()
        .map(|d| analyzer.token_slices(d.text.as_str()))
        .collect()
}

/// The fitted vectorizer and the TF-IDF rows of `corpus`, each document counted as soon as it
/// is cut into tokens (the corpus's token lists never exist all at once).
pub fn vectors_of(
    corpus: &Corpus,
    analyzer: &Analyzer,
    params: &TfidfParams,
) -> Result<(Tfidf, SparseMatrix)> {
    let docs = &corpus.documents;
    Tfidf::fit_transform_each(
        docs.len(),
        |i| analyzer.token_slices(docs[i].text.as_str()),
        params,
    )
}

/// The fitted vectorizer and the TF-IDF rows of `corpus`.
pub fn document_vectors(
    corpus: &Corpus,
    params: &VectorParams,
    extra_words: &[String],
) -> Result<(Tfidf, SparseMatrix)> {
    let analyzer = Analyzer::new(&params.tokens, extra_words)?;
    vectors_of(corpus, &analyzer, &params.tfidf)
}

fn norms(m: &SparseMatrix) -> Vec<f64> {
    (0..m.rows())
        .map(|i| m.row(i).1.iter().map(|v| v * v).sum::<f64>().sqrt())
        .collect()
}

fn cosine_of(dot: f64, a: f64, b: f64) -> f64 {
    if a == 0.0 || b == 0.0 {
        0.0
    } else {
        dot / (a * b)
    }
}

/// All pairwise cosines (n × n, diagonal 1 for non-empty rows).
pub fn cosine_matrix(m: &SparseMatrix) -> Array2<f64> {
    cosine_matrix_in(m, &SumOrder::of(m))
}

fn cosine_matrix_in(m: &SparseMatrix, order: &SumOrder) -> Array2<f64> {
    let n = m.rows();
    let norm = norms(m);
    let rows: Vec<Vec<f64>> = (0..n)
        .into_par_iter()
        .map(|i| {
            (0..n)
                .map(|j| cosine_of(order.dot(m, i, j), norm[i], norm[j]))
                .collect()
        })
        .collect();
    let mut out = Array2::zeros((n, n));
    for (i, r) in rows.into_iter().enumerate() {
        for (j, v) in r.into_iter().enumerate() {
            out[[i, j]] = v;
        }
    }
    out
}

/// A similarity edge.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Edge {
    pub source: usize,
    pub target: usize,
    pub cosine: f64,
}

/// For every row, its neighbours with cosine > 0 (and ≥ `min_similarity` if given), best first
/// (ties by row), at most `top_k` of them if given; output sorted by (source, descending cosine,
/// target). Never builds n × n.
pub fn neighbours(
    m: &SparseMatrix,
    top_k: Option<usize>,
    min_similarity: Option<f64>,
) -> Vec<Edge> {
    neighbours_reporting(m, top_k, min_similarity, &NoProgress)
}

/// [`neighbours`], reporting a "neighbours" stage whose units are document pairs compared.
pub fn neighbours_reporting(
    m: &SparseMatrix,
    top_k: Option<usize>,
    min_similarity: Option<f64>,
    progress: &dyn Progress,
) -> Vec<Edge> {
    search::neighbours_tiled(
        m,
        &SumOrder::of(m),
        top_k,
        min_similarity,
        search::SOURCE_BLOCK,
        search::TARGET_TILE,
        progress,
    )
}

/// A term's part of a pair's cosine.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    pub term: String,
    pub weight_a: f64,
    pub weight_b: f64,
    /// weight_a · weight_b / (‖a‖ ‖b‖); the contributions sum to the cosine.
    pub contribution: f64,
}

/// The terms behind the cosine of rows a and b, largest contribution first (ties by term).
pub fn explain(t: &Tfidf, m: &SparseMatrix, a: usize, b: usize) -> Vec<Contribution> {
    let norm = norms(m);
    let mut out: Vec<Contribution> = order::shared_terms(m, a, b)
        .map(|(c, wa, wb)| Contribution {
            term: t.vocabulary[c as usize].clone(),
            weight_a: wa,
            weight_b: wb,
            contribution: cosine_of(wa * wb, norm[a], norm[b]),
        })
        .collect();
    out.sort_by(|x, y| {
        y.contribution
            .total_cmp(&x.contribution)
            .then(x.term.cmp(&y.term))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::search::{edge_order, neighbours_tiled};
    use super::*;
    use crate::measures::tfidf::{Idf, tests::docs};

    const SPEC: [&str; 3] = [
        "外防 输入 内防 反弹 动态 清零",
        "外防 输入 内防 反弹 四方 责任",
        "动态 清零 防 疫",
    ];

    fn check(idf: Idf, df2: f64, df1: f64, c01: f64, c02: f64) {
        let (t, m) = Tfidf::fit_transform(
            &docs(&SPEC),
            &TfidfParams {
                idf,
                ..TfidfParams::default()
            },
        )
        .unwrap();
        let at = |w: &str| t.vocabulary.iter().position(|v| v == w).unwrap();
        assert!(
            (t.idf[at("外防")] - df2).abs() < 1e-6,
            "{}",
            t.idf[at("外防")]
        );
        assert!((t.idf[at("防")] - df1).abs() < 1e-6, "{}", t.idf[at("防")]);
        let c = cosine_matrix(&m);
        assert!((c[[0, 1]] - c01).abs() < 1e-6, "{}", c[[0, 1]]);
        assert!((c[[0, 2]] - c02).abs() < 1e-6, "{}", c[[0, 2]]);
        assert_eq!(c[[1, 2]], 0.0);
    }

    #[test]
    fn the_specified_small_vector_smooth_idf() {
        check(Idf::Smooth, 1.287682, 1.693147, 0.597969, 0.349498);
    }

    #[test]
    fn the_specified_small_vector_plain_idf() {
        check(Idf::Plain, 1.405465, 2.098612, 0.561462, 0.321267);
    }

    #[test]
    fn explain_sums_to_the_cosine() {
        let (t, m) = Tfidf::fit_transform(&docs(&SPEC), &TfidfParams::default()).unwrap();
        let e = explain(&t, &m, 0, 1);
        let terms: Vec<&str> = e.iter().map(|c| c.term.as_str()).collect();
        assert_eq!(terms, ["内防", "反弹", "外防", "输入"]);
        let sum: f64 = e.iter().map(|c| c.contribution).sum();
        assert!((sum - cosine_matrix(&m)[[0, 1]]).abs() < 1e-12);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn corpus() -> impl Strategy<Value = Vec<Vec<String>>> {
            prop::collection::vec(
                prop::collection::vec(
                    prop::sample::select(vec!["外防", "输入", "清零", "防", "疫", "四方", "责任"]),
                    0..12,
                ),
                2..12,
            )
            .prop_map(|ds| {
                ds.into_iter()
                    .map(|d| d.into_iter().map(String::from).collect())
                    .collect()
            })
        }

        /// Row i's k best edges in the dense matrix, ties by target.
        fn best_of_row(dense: &Array2<f64>, i: usize, k: usize) -> Vec<Edge> {
            let mut want: Vec<Edge> = (0..dense.nrows())
                .filter(|&j| j != i && dense[[i, j]] > 0.0)
                .map(|j| Edge {
                    source: i,
                    target: j,
                    cosine: dense[[i, j]],
                })
                .collect();
            want.sort_by(edge_order);
            want.truncate(k);
            want
        }

        proptest! {
            #[test]
            fn l2_rows_have_unit_norm(ds in corpus()) {
                if let Ok((_, m)) = Tfidf::fit_transform(&ds, &TfidfParams::default()) {
                    for i in 0..m.rows() {
                        let n: f64 = m.row(i).1.iter().map(|v| v * v).sum::<f64>().sqrt();
                        prop_assert!(n == 0.0 || (n - 1.0).abs() < 1e-12);
                    }
                }
            }

            #[test]
            fn sparse_neighbours_equal_the_dense_matrix(ds in corpus(), k in 1usize..4) {
                if let Ok((_, m)) = Tfidf::fit_transform(&ds, &TfidfParams { sublinear_tf: true, ..TfidfParams::default() }) {
                    let dense = cosine_matrix(&m);
                    let edges = neighbours(&m, None, None);
                    for e in &edges {
                        prop_assert_eq!(e.cosine, dense[[e.source, e.target]]);
                    }
                    // Every positive off-diagonal cosine is an edge.
                    let positive = (0..m.rows()).flat_map(|i| (0..m.rows()).map(move |j| (i, j)))
                        .filter(|&(i, j)| i != j && dense[[i, j]] > 0.0).count();
                    prop_assert_eq!(edges.len(), positive);
                    let top = neighbours(&m, Some(k), None);
                    for i in 0..m.rows() {
                        let mine: Vec<Edge> = top.iter().filter(|e| e.source == i).copied().collect();
                        prop_assert_eq!(mine, best_of_row(&dense, i, k));
                    }
                    // Tiny blocks and tiles (many of each) give the same edges.
                    let plain = SumOrder::of(&m);
                    for (block, tile) in [(1, 1), (3, 4), (5, 2)] {
                        prop_assert_eq!(&neighbours_tiled(&m, &plain, None, None, block, tile, &NoProgress), &edges);
                        prop_assert_eq!(&neighbours_tiled(&m, &plain, Some(k), None, block, tile, &NoProgress), &top);
                        prop_assert_eq!(
                            neighbours_tiled(&m, &plain, None, Some(0.3), block, tile, &NoProgress),
                            edges.iter().filter(|e| e.cosine >= 0.3).copied().collect::<Vec<_>>()
                        );
                    }
                }
            }

            #[test]
            fn dense_columns_keep_search_and_matrix_equal(ds in corpus(), k in 1usize..4, share in 0.1f64..0.8) {
                if let Ok((_, m)) = Tfidf::fit_transform(&ds, &TfidfParams::default()) {
                    // Force dense columns on a small matrix: both paths sum them first.
                    let order = SumOrder::with(&m, share, 0);
                    let dense = cosine_matrix_in(&m, &order);
                    for (block, tile) in [(64, 1024), (3, 4), (1, 1)] {
                        let top = neighbours_tiled(&m, &order, Some(k), None, block, tile, &NoProgress);
                        for i in 0..m.rows() {
                            let mine: Vec<Edge> = top.iter().filter(|e| e.source == i).copied().collect();
                            prop_assert_eq!(mine, best_of_row(&dense, i, k));
                        }
                    }
                }
            }

            #[test]
            fn thread_count_does_not_change_vectors(ds in corpus()) {
                let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap()
                    .install(|| Tfidf::fit_transform(&ds, &TfidfParams::default()).ok().map(|(_, m)| m));
                let three = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap()
                    .install(|| Tfidf::fit_transform(&ds, &TfidfParams::default()).ok().map(|(_, m)| m));
                prop_assert_eq!(one, three);
            }
        }
    }
}
