//! The inverted-index search behind `neighbours`: source rows in blocks, target rows in tiles,
//! each pair computed once, so that exact top-k neighbours and threshold edges never need the
//! n × n matrix. Kept apart from the dense path it must agree with bit for bit.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::order::{DENSE_MAX, SumOrder};
use super::{Edge, norms};
use crate::measures::tfidf::SparseMatrix;
use crate::progress::Progress;

/// The matrix by columns (CSC), dense columns left out: for each column, the rows holding it
/// (ascending) and their values, in two flat arrays so that a column's postings are contiguous
/// in memory.
struct Columns {
    indptr: Vec<usize>,
    rows: Vec<u32>,
    values: Vec<f64>,
    /// For every entry of the matrix (in its row-major order), where it sits in `rows` and
    /// `values` (`usize::MAX` for a dense column's): a block finds where its postings start
    /// without searching them.
    position: Vec<usize>,
}

impl Columns {
    fn new(m: &SparseMatrix, order: &SumOrder) -> Self {
        let mut indptr = vec![0usize; m.cols + 1];
        for &c in m.indices.iter().filter(|&&c| order.slot(c).is_none()) {
            indptr[c as usize + 1] += 1;
        }
        for c in 0..m.cols {
            indptr[c + 1] += indptr[c];
        }
        let mut next = indptr.clone();
        let mut rows = vec![0u32; indptr[m.cols]];
        let mut values = vec![0.0f64; indptr[m.cols]];
        let mut position = vec![usize::MAX; m.indices.len()];
        for i in 0..m.rows() {
            let entries = m.indptr[i]..m.indptr[i + 1];
            for (e, (&c, &v)) in entries
                .clone()
                .zip(m.indices[entries.clone()].iter().zip(&m.values[entries]))
            {
                if order.slot(c).is_some() {
                    continue;
                }
                let at = &mut next[c as usize];
                rows[*at] = i as u32;
                values[*at] = v;
                position[e] = *at;
                *at += 1;
            }
        }
        Columns {
            indptr,
            rows,
            values,
            position,
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

/// One source block's columns: its dense columns' weights, and for each other column it holds,
/// the (source offset, weight) of the block's rows holding it and a cursor into the column's
/// postings.
struct BlockColumns {
    /// Dense column weights, column-major: `dense[slot * block + source offset]` (0 where
    /// the row lacks the column).
    dense: Vec<f64>,
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
    fn new(
        m: &SparseMatrix,
        order: &SumOrder,
        columns: &Columns,
        sources: std::ops::Range<usize>,
        block: usize,
    ) -> Self {
        let start = sources.start;
        let mut dense = vec![0.0f64; DENSE_MAX * block];
        let mut entries: Vec<(u32, u32, f64)> = Vec::new();
        for i in sources {
            let (cols, vals) = m.row(i);
            for (&c, &v) in cols.iter().zip(vals) {
                match order.slot(c) {
                    Some(slot) => dense[slot * block + (i - start)] = v,
                    None => entries.push((c, (i - start) as u32, v)),
                }
            }
        }
        entries.sort_unstable_by_key(|&(c, s, _)| (c, s));
        let mut starts = Vec::new();
        for (e, &(c, _, _)) in entries.iter().enumerate() {
            if e == 0 || entries[e - 1].0 != c {
                starts.push(e);
            }
        }
        let (mut cursor, mut next_row) = (Vec::new(), Vec::new());
        for &e in &starts {
            let (c, s, _) = entries[e];
            let range = columns.range(c);
            // The first posting from `start` on is the block's first row holding `c`.
            let row = start + s as usize;
            let within = m.row(row).0.partition_point(|&d| d < c);
            let from = columns.position[m.indptr[row] + within];
            cursor.push(from);
            next_row.push(if from < range.end {
                columns.rows[from]
            } else {
                u32::MAX
            });
        }
        starts.push(entries.len());
        BlockColumns {
            dense,
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
/// same order). For each block and tile, the dense columns' products are added first (short
/// dense vectors), then the block's other columns are visited in ascending order and each
/// posting in the tile adds w_source · w_target to its (target, source) accumulator, so every
/// dot product is the same products summed in the order of [`SumOrder::dot`], which
/// [`cosine_matrix`] uses too: both paths give bit-identical cosines. What a row keeps does not depend
/// on the order edges reach it (the order of [`edge_order`] is total), so the output does not
/// depend on the thread count.
#[allow(clippy::too_many_arguments)]
pub(super) fn neighbours_tiled(
    m: &SparseMatrix,
    order: &SumOrder,
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
    let columns = Columns::new(m, order);
    let dense_rows = dense_rows(m, order);
    let dense_count = order.dense().len();
    let floor = min_similarity.unwrap_or(f64::NEG_INFINITY);
    // Edges whose source lies in an earlier-computed position: j → i for i < j in another block.
    let mirrored: Vec<Mutex<Kept>> = (0..n).map(|_| Mutex::new(Kept::new(top_k))).collect();
    // Each mirrored row's entry cosine, readable without its lock: it only rises, so an edge
    // below a value read here (however stale) can never be among that row's k best and is not
    // even sent. What is kept stays independent of timing and thread count.
    let mirrored_entry: Vec<AtomicU64> = (0..n)
        .map(|_| AtomicU64::new(f64::NEG_INFINITY.to_bits()))
        .collect();
    let starts: Vec<usize> = (0..n).step_by(block).collect();
    progress.stage("neighbours", starts.iter().map(|&s| pairs_of(s)).sum());
    let per_block: Vec<Vec<Kept>> = starts
        .into_par_iter()
        .with_max_len(1)
        .map_init(
            || (vec![0.0f64; block * tile], Vec::<Edge>::new()),
            |(acc, mirror), start| {
                let sources = start..(start + block).min(n);
                let mut bc = BlockColumns::new(m, order, &columns, sources.clone(), block);
                let mut kept: Vec<Kept> = sources.clone().map(|_| Kept::new(top_k)).collect();
                // Each source row's entry cosine, beside `kept` so that a target's pairs are
                // checked in one loop the compiler vectorizes.
                let mut entries: Vec<f64> = kept.iter().map(|k| k.entry).collect();
                for t0 in (start..n).step_by(tile) {
                    let t1 = (t0 + tile).min(n);
                    add_dense(dense_count, &dense_rows, &bc.dense, acc, (block, t0, t1));
                    accumulate_tile(&columns, &mut bc, acc, (block, t0, t1));
                    for j in t0..t1 {
                        let row = &mut acc[(j - t0) * block..][..block];
                        let own = (j - start < kept.len()).then_some(j - start);
                        let entry_j = match own {
                            Some(o) => kept[o].entry,
                            None => f64::from_bits(mirrored_entry[j].load(Ordering::Relaxed)),
                        };
                        // Pairs (i, j) with i < j: every source row once j is past the block.
                        let width = kept.len().min(j - start);
                        let passing = cosines_passing(
                            &mut row[..width],
                            (&norm[start..start + width], norm[j]),
                            (&entries[..width], entry_j),
                            floor,
                        );
                        if passing > 0 {
                            for s in 0..width {
                                let cosine = row[s];
                                if !keeps(cosine, entries[s].min(entry_j), floor) {
                                    continue;
                                }
                                let i = start + s;
                                kept[s].offer(Edge {
                                    source: i,
                                    target: j,
                                    cosine,
                                });
                                entries[s] = kept[s].entry;
                                if cosine >= entry_j {
                                    let back = Edge {
                                        source: j,
                                        target: i,
                                        cosine,
                                    };
                                    match own {
                                        Some(o) => {
                                            kept[o].offer(back);
                                            entries[o] = kept[o].entry;
                                        }
                                        None => mirror.push(back),
                                    }
                                }
                            }
                        }
                        // Slots past the block's last row (a short last block) hold nothing.
                        row[..kept.len()].fill(0.0);
                        if !mirror.is_empty() {
                            let mut k = mirrored[j].lock().unwrap_or_else(|p| p.into_inner());
                            mirror.drain(..).for_each(|e| k.offer(e));
                            mirrored_entry[j].store(k.entry.to_bits(), Ordering::Relaxed);
                        }
                    }
                }
                progress.advance(pairs_of(start));
                kept
            },
        )
        .collect();
    progress.finish_stage();
    let own: Vec<Kept> = per_block.into_iter().flatten().collect();
    let rows: Vec<Vec<Edge>> = own
        .into_par_iter()
        .zip(mirrored.into_par_iter())
        .map(|(mut own, more)| {
            own.edges
                .extend(more.into_inner().unwrap_or_else(|p| p.into_inner()).edges);
            own.finish()
        })
        .collect();
    rows.concat()
}

/// Whether a pair's cosine can be kept: positive, at least `floor` (the similarity
/// threshold, −∞ without one) and at least `entry`, the smaller of its two rows' entry
/// cosines (an edge below both can never be among either row's k best).
fn keeps(cosine: f64, entry: f64, floor: f64) -> bool {
    cosine > 0.0 && cosine >= floor && cosine >= entry
}

/// Turns a target's dot products (one per source row) into cosines in place and counts the
/// pairs [`keeps`] lets through: one branch-free loop the compiler vectorizes, so that a
/// target none of whose pairs can be kept (almost every one, once rows have k edges) costs
/// no more.
fn cosines_passing(
    row: &mut [f64],
    (source_norms, target_norm): (&[f64], f64),
    (source_entries, target_entry): (&[f64], f64),
    floor: f64,
) -> usize {
    let n = row.len();
    let (source_norms, source_entries) = (&source_norms[..n], &source_entries[..n]);
    let mut passing = 0u64;
    for s in 0..n {
        let denominator = source_norms[s] * target_norm;
        // As `cosine_of`, with a select instead of a branch: 0 when either norm is.
        let quotient = row[s] / denominator;
        let cosine = if denominator == 0.0 { 0.0 } else { quotient };
        row[s] = cosine;
        let entry = if source_entries[s] < target_entry {
            source_entries[s]
        } else {
            target_entry
        };
        passing += u64::from((cosine > 0.0) & (cosine >= floor) & (cosine >= entry));
    }
    passing as usize
}

/// Every row's dense column weights, row-major (`DENSE_MAX` per row, 0 where it lacks one).
fn dense_rows(m: &SparseMatrix, order: &SumOrder) -> Vec<f64> {
    let mut out = vec![
        0.0f64;
        if order.dense().is_empty() {
            0
        } else {
            m.rows() * DENSE_MAX
        }
    ];
    if order.dense().is_empty() {
        return out;
    }
    for i in 0..m.rows() {
        let (cols, vals) = m.row(i);
        for (&c, &v) in cols.iter().zip(vals) {
            if let Some(slot) = order.slot(c) {
                out[i * DENSE_MAX + slot] = v;
            }
        }
    }
    out
}

/// Adds the dense columns' products of the block's rows with target rows t0..t1 into `acc`
/// (before any other column: see [`SumOrder`]). The first `count` slots are used.
fn add_dense(
    count: usize,
    dense_rows: &[f64],
    block_dense: &[f64],
    acc: &mut [f64],
    shape: (usize, usize, usize),
) {
    match count {
        0 => {}
        1 => add_dense_n::<1>(dense_rows, block_dense, acc, shape),
        2 => add_dense_n::<2>(dense_rows, block_dense, acc, shape),
        3 => add_dense_n::<3>(dense_rows, block_dense, acc, shape),
        4 => add_dense_n::<4>(dense_rows, block_dense, acc, shape),
        5 => add_dense_n::<5>(dense_rows, block_dense, acc, shape),
        6 => add_dense_n::<6>(dense_rows, block_dense, acc, shape),
        7 => add_dense_n::<7>(dense_rows, block_dense, acc, shape),
        _ => add_dense_n::<DENSE_MAX>(dense_rows, block_dense, acc, shape),
    }
}

/// [`add_dense`] with `F` slots, a constant so that the per-source sum over slots unrolls and
/// the loop over sources vectorizes. Each accumulator still adds its F products one after the
/// other, slot order, as [`SumOrder::dot`] does (adding a zero product changes nothing).
fn add_dense_n<const F: usize>(
    dense_rows: &[f64],
    block_dense: &[f64],
    acc: &mut [f64],
    (block, t0, t1): (usize, usize, usize),
) {
    let weights: [&[f64]; F] = std::array::from_fn(|c| &block_dense[c * block..][..block]);
    for j in t0..t1 {
        let x: [f64; F] = std::array::from_fn(|c| dense_rows[j * DENSE_MAX + c]);
        if x.iter().all(|&v| v == 0.0) {
            continue;
        }
        let row = &mut acc[(j - t0) * block..][..block];
        for (s, a) in row.iter_mut().enumerate() {
            let mut sum = *a;
            for c in 0..F {
                sum += weights[c][s] * x[c];
            }
            *a = sum;
        }
    }
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
