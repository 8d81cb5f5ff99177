//! The report's tables: what each file holds (documents, similarity, passages, formulations,
//! clusters) and what the page shows of it (at most [`PAGE_ROWS`] rows, nearest neighbours
//! instead of every pair, links to evidence pages).

use super::build::{ReportData, Scale};
use crate::corpus::Corpus;
use crate::measures::similarity;
use crate::render::bundle::TableFormats;
use crate::render::html::TableView;
use crate::render::reuse as reuse_tables;
use crate::render::table::{Cell, Table};

/// A table of the report: its file name, its titles, all of it (the files), and, when the page
/// should show something else, that.
pub(super) struct NamedTable {
    pub(super) name: &'static str,
    zh: &'static str,
    en: &'static str,
    pub(super) table: Table,
    page: Option<PageView>,
}

/// What the page shows of a table instead of its first rows, and a note saying what it is.
struct PageView {
    /// Its first rows: at least the [`PAGE_ROWS`] the page shows, when it has that many.
    table: Table,
    /// Rows the view has in all.
    rows_in_all: usize,
    note: String,
}

fn named(name: &'static str, zh: &'static str, en: &'static str, table: Table) -> NamedTable {
    NamedTable {
        name,
        zh,
        en,
        table,
        page: None,
    }
}

/// The Diffusion section's tables: first uses and unit edges.
pub(super) fn diffusion_tables(d: &crate::analyses::diffusion::Diffusion) -> Vec<NamedTable> {
    use crate::render::diffusion as t;
    vec![
        named(
            "diffusion_first_uses",
            "首次使用",
            "First uses",
            t::first_uses_table(d),
        ),
        named(
            "diffusion_edges",
            "谁抄谁",
            "Who copies whom",
            t::edges_table(d),
        ),
    ]
}

/// `file_label` names the file the page sends readers to for whole tables ("CSV", ...).
pub(super) fn tables(corpus: &Corpus, data: &ReportData, file_label: &str) -> Vec<NamedTable> {
    let n = corpus.documents.len();
    let documents = documents_table(data);
    let similarity = similarity_table(corpus, data);
    let passages = reuse_tables::passages_table(&data.reuse);
    // Large corpora only: the order of the evidence pages and the passage map.
    let ranked = data.aggregate().map(|_| data.most_reused());
    let by_reuse = |table: &Table, rows_per_document: &[usize], zh: &str, en: &str| {
        Some(PageView {
            table: most_reused_first(table, rows_per_document, ranked.as_deref()?),
            rows_in_all: table.rows.len(),
            note: format!("{zh} · {en}; corpus order in the {file_label}"),
        })
    };
    let documents_page = by_reuse(
        &documents,
        &vec![1; n],
        "复用最多的在前",
        "most reused first (1 − own)",
    );
    let similarity_page = nearest_view(corpus, data, file_label).or_else(|| {
        let mut per_source = vec![0; n];
        for e in &data.aggregate()?.neighbours {
            per_source[e.source] += 1;
        }
        by_reuse(
            &similarity,
            &per_source,
            "最相似的文件，复用最多的在前",
            "each document's nearest, most reused documents first",
        )
    });
    let per_target: Vec<usize> = data
        .reuse
        .documents
        .iter()
        .map(|d| d.passages.len())
        .collect();
    let passages_page = by_reuse(
        &passages,
        &per_target,
        "复用最多的文件在前",
        "passages of the most reused documents first",
    );
    vec![
        NamedTable {
            page: documents_page,
            ..named("documents", "文件", "Documents", documents)
        },
        NamedTable {
            page: similarity_page,
            ..named("similarity", "相似度", "Similarity", similarity)
        },
        NamedTable {
            page: passages_page,
            ..named("passages", "段落", "Passages", passages)
        },
        named(
            "formulations",
            "提法",
            "Formulations",
            reuse_tables::formulations_table(&data.reuse),
        ),
        named("clusters", "聚类", "Clusters", clusters_table(corpus, data)),
    ]
}

/// The reuse documents table with each document's cluster and PCA coordinates.
fn documents_table(data: &ReportData) -> Table {
    let mut t = reuse_tables::documents_table(&data.reuse);
    t.columns
        .extend(["cluster", "pc1", "pc2"].map(String::from));
    for (i, row) in t.rows.iter_mut().enumerate() {
        row.push(data.clustering.labels[i].into());
        match &data.projection {
            Some(p) => row.extend([Cell::Float(p.coords[i][0]), Cell::Float(p.coords[i][1])]),
            None => row.extend([Cell::Empty, Cell::Empty]),
        }
    }
    t
}

/// Long form: every ordered pair of documents with their cosine, or, for large corpora, each
/// document's nearest neighbours with their rank.
fn similarity_table(corpus: &Corpus, data: &ReportData) -> Table {
    let similarity = match &data.scale {
        Scale::Documents { similarity, .. } => similarity,
        Scale::Aggregate(a) => return neighbours_table(corpus, &a.neighbours),
    };
    let mut t = Table::new(["source", "target", "cosine"]);
    for (i, a) in corpus.documents.iter().enumerate() {
        for (j, b) in corpus.documents.iter().enumerate() {
            t.push(vec![
                a.id().into(),
                b.id().into(),
                Cell::Float(similarity[[i, j]]),
            ]);
        }
    }
    t
}

fn neighbours_table(corpus: &Corpus, edges: &[similarity::Edge]) -> Table {
    let mut t = Table::new(["source", "rank", "target", "cosine"]);
    let mut rank = 0;
    let mut previous = usize::MAX;
    for e in edges {
        rank = if e.source == previous { rank + 1 } else { 1 };
        previous = e.source;
        t.push(vec![
            corpus.documents[e.source].id().into(),
            rank.into(),
            corpus.documents[e.target].id().into(),
            Cell::Float(e.cosine),
        ]);
    }
    t
}

fn clusters_table(corpus: &Corpus, data: &ReportData) -> Table {
    let mut t = Table::new(["id", "cluster", "leaf_order"]);
    let position = leaf_positions(corpus.documents.len(), data);
    for (i, d) in corpus.documents.iter().enumerate() {
        t.push(vec![
            d.id().into(),
            data.clustering.labels[i].into(),
            position[i].into(),
        ]);
    }
    t
}

/// Each document's position in the dendrogram's leaf order; for large corpora, whose dendrogram
/// has clusters as leaves, documents follow their cluster's leaf position, then corpus order.
fn leaf_positions(n: usize, data: &ReportData) -> Vec<usize> {
    let leaf_order = &data.clustering.dendrogram.leaf_order;
    let mut position = vec![0; n];
    if data.aggregate().is_some() {
        let mut cluster_rank = vec![0; data.clustering.k];
        for (rank, &c) in leaf_order.iter().enumerate() {
            if let Some(r) = cluster_rank.get_mut(c) {
                *r = rank;
            }
        }
        let mut docs: Vec<usize> = (0..n).collect();
        docs.sort_by_key(|&i| (cluster_rank.get(data.clustering.labels[i]).copied(), i));
        for (rank, i) in docs.into_iter().enumerate() {
            position[i] = rank;
        }
        return position;
    }
    for (rank, &leaf) in leaf_order.iter().enumerate() {
        if let Some(p) = position.get_mut(leaf) {
            *p = rank;
        }
    }
    position
}

/// The page shows at most this many rows of a table; the table's files always have all of them.
const PAGE_ROWS: usize = 1000;
/// Above this many documents the page shows each document's nearest neighbours instead of the
/// n × n similarity pairs.
const PAGE_PAIRS_DOCS: usize = 20;
const PAGE_NEIGHBOURS: usize = 5;

/// Each document's nearest neighbours (best first, ties by corpus order), when the corpus is too
/// large for every pair to be readable on the page.
fn nearest_view(corpus: &Corpus, data: &ReportData, file_label: &str) -> Option<PageView> {
    let n = corpus.documents.len();
    let Scale::Documents { similarity, .. } = &data.scale else {
        return None;
    };
    if n <= PAGE_PAIRS_DOCS {
        return None;
    }
    let mut t = Table::new(["source", "rank", "target", "cosine"]);
    for (i, a) in corpus.documents.iter().enumerate() {
        let mut others: Vec<usize> = (0..n).filter(|&j| j != i).collect();
        others.sort_by(|&x, &y| {
            similarity[[i, y]]
                .total_cmp(&similarity[[i, x]])
                .then(x.cmp(&y))
        });
        for (rank, &j) in others.iter().take(PAGE_NEIGHBOURS).enumerate() {
            t.push(vec![
                a.id().into(),
                (rank + 1).into(),
                corpus.documents[j].id().into(),
                Cell::Float(similarity[[i, j]]),
            ]);
        }
    }
    let note = format!(
        "每个文件最相似的{PAGE_NEIGHBOURS}个 · each document's {PAGE_NEIGHBOURS} nearest; all {} pairs in the {file_label}",
        n * n
    );
    Some(PageView {
        rows_in_all: t.rows.len(),
        table: t,
        note,
    })
}

/// The page's rows of a table whose rows come in runs of `rows_per_document[d]` per document,
/// in corpus order: the same runs, documents in `ranked` order (most reused first, the order in
/// which they get evidence pages and strips in the passage map), so that the rows the page
/// shows are those with evidence to open. Only the rows the page shows are copied; the table's
/// files keep corpus order.
fn most_reused_first(table: &Table, rows_per_document: &[usize], ranked: &[usize]) -> Table {
    let mut starts = Vec::with_capacity(rows_per_document.len() + 1);
    starts.push(0);
    for &k in rows_per_document {
        starts.push(starts.last().copied().unwrap_or(0) + k);
    }
    debug_assert_eq!(starts.last(), Some(&table.rows.len()));
    let rows = ranked
        .iter()
        .flat_map(|&d| {
            table
                .rows
                .get(starts[d]..starts[d + 1])
                .into_iter()
                .flatten()
        })
        .take(PAGE_ROWS)
        .cloned()
        .collect();
    Table {
        columns: table.columns.clone(),
        rows,
        decimals: table.decimals,
    }
}

/// The page's view of a table: its `page` table (with its note) or the table itself, at most
/// [`PAGE_ROWS`] rows of it.
pub(super) fn table_view(
    t: NamedTable,
    corpus: &Corpus,
    evidence_files: Option<&[Option<String>]>,
    formats: &TableFormats,
) -> TableView {
    let (file, file_label) = (formats.link(t.name), formats.label());
    let (shown, rows_in_all, mut note) = match &t.page {
        Some(p) => (&p.table, p.rows_in_all, Some(p.note.clone())),
        None => (&t.table, t.table.rows.len(), None),
    };
    let numeric: Vec<bool> = (0..shown.columns.len())
        .map(|c| {
            shown
                .rows
                .iter()
                .all(|r| matches!(r.get(c), Some(Cell::Int(_) | Cell::Float(_) | Cell::Empty)))
        })
        .collect();
    if rows_in_all > PAGE_ROWS {
        let cut = format!(
            "前{PAGE_ROWS}行 · the first {PAGE_ROWS} of {rows_in_all} rows; all of them in the {file_label}"
        );
        note = Some(note.map_or(cut.clone(), |n| format!("{n} · {cut}")));
    }
    let text = shown.to_text_rows(PAGE_ROWS);
    let links = match evidence_files {
        Some(files) if t.name == "documents" || t.name == "similarity" => {
            evidence_links(corpus, files, &text)
        }
        _ => Vec::new(),
    };
    TableView {
        id: t.name.to_string(),
        title_zh: t.zh.to_string(),
        title_en: t.en.to_string(),
        columns: shown.columns.clone(),
        rows: text,
        numeric,
        file,
        file_label: file_label.to_string(),
        note,
        links,
    }
}

/// Document id → its evidence page's file name (`files` in corpus order; documents without
/// a page are left out).
pub(super) fn evidence_file_of<'a>(
    corpus: &'a Corpus,
    files: &'a [Option<String>],
) -> std::collections::HashMap<&'a str, &'a str> {
    corpus
        .documents
        .iter()
        .zip(files)
        .filter_map(|(d, f)| Some((d.id(), f.as_deref()?)))
        .collect()
}

/// The evidence page of each shown row's first cell (a document id).
fn evidence_links(corpus: &Corpus, files: &[Option<String>], rows: &[Vec<String>]) -> Vec<String> {
    let file_of = evidence_file_of(corpus, files);
    rows.iter()
        .map(|r| {
            r.first()
                .and_then(|id| file_of.get(id.as_str()))
                .map(|f| format!("evidence/{f}"))
                .unwrap_or_default()
        })
        .collect()
}
