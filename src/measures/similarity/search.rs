//! The inverted-index search behind `neighbours`: source rows in blocks, target rows in tiles,
//! each pair computed once, so that exact top-k neighbours and threshold edges never need the
//! n × n matrix. Kept apart from the dense path it must agree with bit for bit.

use std::sync::Mutex;

use rayon::prelude::*;

use super::{Edge, cosine_of, norms};
use crate::measures::tfidf::SparseMatrix;
use crate::progress::Progress;

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
pub(super) const SOURCE_BLOCK: usize = 64;
/// Target rows per tile: the block's accumulators (SOURCE_BLOCK × TARGET_TILE f64, 512 KiB)
/// stay in cache, which is what makes the search fast on large corpora.
pub(super) const TARGET_TILE: usize = 1024;

/// Best first; ties by target.
pub(super) fn edge_order(a: &Edge, b: &Edge) -> std::cmp::Ordering {
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
pub(super) fn neighbours_tiled(
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
