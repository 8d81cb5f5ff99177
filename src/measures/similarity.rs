//! Cosine similarity between TF-IDF rows: all pairs (dense n × n) for small corpora, and exact
//! top-k neighbours / threshold edges from an inverted index for large ones, never building
//! n × n. Both paths sum the same products in the same (column) order, so they agree exactly.

use std::sync::Mutex;

use ndarray::Array2;
use rayon::prelude::*;
use serde::Serialize;

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
pub fn corpus_tokens(corpus: &Corpus, analyzer: &Analyzer) -> Vec<Vec<String>> {
    corpus
        .documents
        .par_iter()
        .map(|d| analyzer.tokens(d.text.as_str()))
        .collect()
}

/// The fitted vectorizer and the TF-IDF rows of `corpus`.
pub fn document_vectors(
    corpus: &Corpus,
    params: &VectorParams,
    extra_words: &[String],
) -> Result<(Tfidf, SparseMatrix)> {
    let analyzer = Analyzer::new(&params.tokens, extra_words)?;
    Tfidf::fit_transform(&corpus_tokens(corpus, &analyzer), &params.tfidf)
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

/// Dot product of rows i and j, summed in column order, products taken as row_i · row_j.
fn dot(m: &SparseMatrix, i: usize, j: usize) -> f64 {
    let (ci, vi) = m.row(i);
    let (cj, vj) = m.row(j);
    let (mut a, mut b, mut sum) = (0, 0, 0.0);
    while a < ci.len() && b < cj.len() {
        match ci[a].cmp(&cj[b]) {
            std::cmp::Ordering::Less => a += 1,
            std::cmp::Ordering::Greater => b += 1,
            std::cmp::Ordering::Equal => {
                sum += vi[a] * vj[b];
                a += 1;
                b += 1;
            }
        }
    }
    sum
}

/// All pairwise cosines (n × n, diagonal 1 for non-empty rows).
pub fn cosine_matrix(m: &SparseMatrix) -> Array2<f64> {
    let n = m.rows();
    let norm = norms(m);
    let rows: Vec<Vec<f64>> = (0..n)
        .into_par_iter()
        .map(|i| {
            (0..n)
                .map(|j| cosine_of(dot(m, i, j), norm[i], norm[j]))
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

/// The matrix by columns (CSC): for each column, the rows holding it (ascending) and their
/// values, in two flat arrays so that a column's postings are contiguous in memory.
struct Columns {
    indptr: Vec<usize>,
    rows: Vec<u32>,
    values: Vec<f64>,
}

impl Columns {
    fn new(m: &SparseMatrix) -> Self {
        let mut indptr = vec![0usize; m.cols + 1];
        for &c in &m.indices {
            indptr[c as usize + 1] += 1;
        }
        for c in 0..m.cols {
            indptr[c + 1] += indptr[c];
        }
        let mut next = indptr.clone();
        let mut rows = vec![0u32; m.indices.len()];
        let mut values = vec![0.0f64; m.indices.len()];
        for i in 0..m.rows() {
            let (cols, vals) = m.row(i);
            for (&c, &v) in cols.iter().zip(vals) {
                let at = &mut next[c as usize];
                rows[*at] = i as u32;
                values[*at] = v;
                *at += 1;
            }
        }
        Columns {
            indptr,
            rows,
            values,
        }
    }

    /// The postings of column `c` as a range into `rows` and `values`.
    fn range(&self, c: u32) -> std::ops::Range<usize> {
        self.indptr[c as usize]..self.indptr[c as usize + 1]
    }
}

/// Source rows searched together: their columns are merged once, and each posting read is
/// shared by every source row that has its column.
const SOURCE_BLOCK: usize = 64;
/// Target rows per tile: the block's accumulators (SOURCE_BLOCK × TARGET_TILE f64, 512 KiB)
/// stay in cache, which is what makes the search fast on large corpora.
const TARGET_TILE: usize = 1024;

/// Best first; ties by target.
fn edge_order(a: &Edge, b: &Edge) -> std::cmp::Ordering {
    b.cosine.total_cmp(&a.cosine).then(a.target.cmp(&b.target))
}

/// The kept edges of one source row: all of them, or the `k` best (trimmed lazily so that
/// offering an edge is O(1) amortized).
struct Kept {
    edges: Vec<Edge>,
    k: Option<usize>,
    /// After a trim to k: the k-th best cosine. An edge below it can never be among the k best
    /// (the order is total and kept edges only get better), so it is refused at once.
    entry: f64,
}

impl Kept {
    fn new(k: Option<usize>) -> Self {
        Kept {
            edges: Vec::new(),
            k,
            entry: f64::NEG_INFINITY,
        }
    }

    fn offer(&mut self, e: Edge) {
        if e.cosine < self.entry {
            return;
        }
        self.edges.push(e);
        if let Some(k) = self.k
            && self.edges.len() >= 2 * k.max(16)
        {
            self.trim(k);
        }
    }

    fn trim(&mut self, k: usize) {
        if self.edges.len() > k && k > 0 {
            self.edges.select_nth_unstable_by(k - 1, edge_order);
        }
        self.edges.truncate(k);
        if k > 0 && self.edges.len() == k {
            self.entry = self
                .edges
                .iter()
                .map(|e| e.cosine)
                .fold(f64::INFINITY, f64::min);
        }
    }

    fn finish(mut self) -> Vec<Edge> {
        if let Some(k) = self.k {
            self.trim(k);
        }
        self.edges.sort_by(edge_order);
        self.edges
    }
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
    neighbours_tiled(
        m,
        top_k,
        min_similarity,
        SOURCE_BLOCK,
        TARGET_TILE,
        progress,
    )
}

/// One source block's columns: for each column it holds, the (source offset, weight) of the
/// block's rows holding it, and a cursor into the column's postings.
struct BlockColumns {
    /// (column, source offset, weight), columns ascending, then sources.
    entries: Vec<(u32, u32, f64)>,
    /// Start of each column's run in `entries` (one past the end last).
    starts: Vec<usize>,
    /// Next unread posting of each column, and the row it holds (u32::MAX once exhausted):
    /// checking a tile against this dense array touches no postings memory.
    cursor: Vec<usize>,
    next_row: Vec<u32>,
}

impl BlockColumns {
    fn new(m: &SparseMatrix, columns: &Columns, sources: std::ops::Range<usize>) -> Self {
        let start = sources.start;
        let mut entries: Vec<(u32, u32, f64)> = sources
            .flat_map(|i| {
                let (cols, vals) = m.row(i);
                cols.iter()
                    .zip(vals)
                    .map(move |(&c, &v)| (c, (i - start) as u32, v))
            })
            .collect();
        entries.sort_unstable_by_key(|&(c, s, _)| (c, s));
        let mut starts = Vec::new();
        for (e, &(c, _, _)) in entries.iter().enumerate() {
            if e == 0 || entries[e - 1].0 != c {
                starts.push(e);
            }
        }
        let (mut cursor, mut next_row) = (Vec::new(), Vec::new());
        for &e in &starts {
            let range = columns.range(entries[e].0);
            let postings = &columns.rows[range.clone()];
            let from = range.start + postings.partition_point(|&j| (j as usize) < start);
            cursor.push(from);
            next_row.push(if from < range.end {
                columns.rows[from]
            } else {
                u32::MAX
            });
        }
        starts.push(entries.len());
        BlockColumns {
            entries,
            starts,
            cursor,
            next_row,
        }
    }
}

/// The search behind [`neighbours`]: source rows in blocks (in parallel), target rows in tiles.
/// Each unordered pair is computed once, by the block of its smaller row, and offered in both
/// directions (the cosine is symmetric bit for bit: the same products, commuted, summed in the
/// same order). For each block and tile, the block's columns are visited in ascending order
/// and each posting in the tile adds w_source · w_target to its (target, source) accumulator,
/// so every dot product is the same products summed in the same (column) order as
/// [`cosine_matrix`]: both paths give bit-identical cosines. What a row keeps does not depend
/// on the order edges reach it (the order of [`edge_order`] is total), so the output does not
/// depend on the thread count.
fn neighbours_tiled(
    m: &SparseMatrix,
    top_k: Option<usize>,
    min_similarity: Option<f64>,
    block: usize,
    tile: usize,
    progress: &dyn Progress,
) -> Vec<Edge> {
    let (block, tile) = (block.max(1), tile.max(1));
    let n = m.rows();
    // A block starting at `start` compares its rows with the rows from `start` on.
    let pairs_of = |start: usize| ((start + block).min(n) - start) as u64 * (n - start) as u64;
    let norm = norms(m);
    let columns = Columns::new(m);
    // Edges whose source lies in an earlier-computed position: j → i for i < j in another block.
    let mirrored: Vec<Mutex<Kept>> = (0..n).map(|_| Mutex::new(Kept::new(top_k))).collect();
    let starts: Vec<usize> = (0..n).step_by(block).collect();
    progress.stage("neighbours", starts.iter().map(|&s| pairs_of(s)).sum());
    let per_block: Vec<Vec<Kept>> = starts
        .into_par_iter()
        .with_max_len(1)
        .map_init(
            || (vec![0.0f64; block * tile], Vec::<Edge>::new()),
            |(acc, mirror), start| {
                let sources = start..(start + block).min(n);
                let mut bc = BlockColumns::new(m, &columns, sources.clone());
                let mut kept: Vec<Kept> = sources.clone().map(|_| Kept::new(top_k)).collect();
                for t0 in (start..n).step_by(tile) {
                    let t1 = (t0 + tile).min(n);
                    accumulate_tile(&columns, &mut bc, acc, (block, t0, t1));
                    for j in t0..t1 {
                        let row = &mut acc[(j - t0) * block..][..block];
                        for (s, slot) in row.iter_mut().enumerate() {
                            let dot = std::mem::take(slot);
                            let i = start + s;
                            if dot == 0.0 || i >= j {
                                continue;
                            }
                            let cosine = cosine_of(dot, norm[i], norm[j]);
                            if cosine > 0.0 && min_similarity.is_none_or(|t| cosine >= t) {
                                kept[s].offer(Edge {
                                    source: i,
                                    target: j,
                                    cosine,
                                });
                                let back = Edge {
                                    source: j,
                                    target: i,
                                    cosine,
                                };
                                match kept.get_mut(j - start) {
                                    Some(k) => k.offer(back),
                                    None => mirror.push(back),
                                }
                            }
                        }
                        if !mirror.is_empty() {
                            let mut k = mirrored[j].lock().unwrap_or_else(|p| p.into_inner());
                            mirror.drain(..).for_each(|e| k.offer(e));
                        }
                    }
                }
                progress.advance(pairs_of(start));
                kept
            },
        )
        .collect();
    progress.finish_stage();
    let mut mirrored = mirrored
        .into_iter()
        .map(|k| k.into_inner().unwrap_or_else(|p| p.into_inner()));
    per_block
        .into_iter()
        .flatten()
        .flat_map(|mut own| {
            if let Some(more) = mirrored.next() {
                own.edges.extend(more.edges);
            }
            own.finish()
        })
        .collect()
}

/// Adds the products of the block's rows with target rows t0..t1 into `acc` (target-major:
/// `acc[(j - t0) * block + s]`), columns in ascending order, advancing each column's cursor
/// past the tile.
fn accumulate_tile(
    columns: &Columns,
    bc: &mut BlockColumns,
    acc: &mut [f64],
    (block, t0, t1): (usize, usize, usize),
) {
    for g in 0..bc.next_row.len() {
        if (bc.next_row[g] as usize) >= t1 {
            continue;
        }
        let group = &bc.entries[bc.starts[g]..bc.starts[g + 1]];
        let end = columns.range(group[0].0).end;
        let mut at = bc.cursor[g];
        while at < end {
            let j = columns.rows[at] as usize;
            if j >= t1 {
                break;
            }
            let vt = columns.values[at];
            let row = &mut acc[(j - t0) * block..][..block];
            for &(_, s, vs) in group {
                row[s as usize] += vs * vt;
            }
            at += 1;
        }
        bc.cursor[g] = at;
        bc.next_row[g] = if at < end { columns.rows[at] } else { u32::MAX };
    }
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
    let (ca, va) = m.row(a);
    let (cb, vb) = m.row(b);
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < ca.len() && j < cb.len() {
        match ca[i].cmp(&cb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(Contribution {
                    term: t.vocabulary[ca[i] as usize].clone(),
                    weight_a: va[i],
                    weight_b: vb[j],
                    contribution: cosine_of(va[i] * vb[j], norm[a], norm[b]),
                });
                i += 1;
                j += 1;
            }
        }
    }
    out.sort_by(|x, y| {
        y.contribution
            .total_cmp(&x.contribution)
            .then(x.term.cmp(&y.term))
    });
    out
}

#[cfg(test)]
mod tests {
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
                        // The dense row's k best, ties by target.
                        let mut want: Vec<Edge> = (0..m.rows())
                            .filter(|&j| j != i && dense[[i, j]] > 0.0)
                            .map(|j| Edge { source: i, target: j, cosine: dense[[i, j]] })
                            .collect();
                        want.sort_by(edge_order);
                        want.truncate(k);
                        prop_assert_eq!(mine, want);
                    }
                    // Tiny blocks and tiles (many of each) give the same edges.
                    for (block, tile) in [(1, 1), (3, 4), (5, 2)] {
                        prop_assert_eq!(&neighbours_tiled(&m, None, None, block, tile, &NoProgress), &edges);
                        prop_assert_eq!(&neighbours_tiled(&m, Some(k), None, block, tile, &NoProgress), &top);
                        prop_assert_eq!(
                            neighbours_tiled(&m, None, Some(0.3), block, tile, &NoProgress),
                            edges.iter().filter(|e| e.cosine >= 0.3).copied().collect::<Vec<_>>()
                        );
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
