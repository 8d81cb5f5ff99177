//! The report pipeline: reuse → features → similarity → clusters → projection → tables, charts
//! and the HTML page, all in memory, with stage timings and progress.

use ndarray::Array2;
use rayon::prelude::*;
use serde::Serialize;

use super::aggregate::{self, AGGREGATE_ABOVE, Aggregate};
use super::{CorpusCounts, Progress, Timings, counts, inputs, tables};
use crate::analyses::grouping::{self, ClusterParams, Clustering, l2_rows};
use crate::analyses::pca::{self, Projection};
use crate::analyses::profiles;
use crate::analyses::space::dense_features;
use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::features::tokens::Analyzer;
use crate::measures::similarity::{self, VectorParams};
use crate::measures::tfidf::{SparseMatrix, Tfidf};
use crate::render::bundle::{Bundle, TableFormats};
use crate::render::charts::theme::origin_palette;
use crate::render::evidence;
use crate::render::html::{self, ChartView, DiffusionView, ReportView, TableView};
use crate::reuse::{self, ReuseParams, ReuseReport, lexicon::Lexicon};
use crate::source::InputFile;

pub use crate::analyses::grouping::FeatureSpace;

/// Every parameter of a report run (recorded in run.json).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ReportParams {
    pub reuse: ReuseParams,
    pub vectors: VectorParams,
    pub cluster: ClusterParams,
    pub features: FeatureSpace,
    /// The user dictionary and stopword files given by path (run.json records them among the
    /// inputs as read, not among the parameters).
    #[serde(skip)]
    pub paths: inputs::InputPaths,
    /// The files each table becomes (what is written, not what is measured: not in run.json).
    #[serde(skip)]
    pub tables: TableFormats,
    /// Evidence pages only for this many documents, those with the largest reused share
    /// (what is written: not in run.json); `None`: every document's.
    #[serde(skip)]
    pub evidence_pages: Option<usize>,
}

/// The computed results a report shows.
pub struct ReportData {
    pub reuse: ReuseReport,
    pub feature_names: Vec<String>,
    pub clustering: Clustering,
    /// None when the corpus is too small to project.
    pub projection: Option<Projection>,
    pub scale: Scale,
    /// The user dictionary and stopword files the analyzer read (for run.json).
    pub word_lists: Vec<InputFile>,
}

/// Per-document results for small corpora, or aggregates for large ones.
pub enum Scale {
    /// At most [`AGGREGATE_ABOVE`] documents: every pair.
    Documents {
        features: Array2<f64>,
        /// Cosine similarity between documents (rows and columns in corpus order).
        similarity: Array2<f64>,
    },
    /// More documents: neighbours, clusters and places.
    Aggregate(Box<Aggregate>),
}

impl ReportData {
    pub fn aggregate(&self) -> Option<&Aggregate> {
        match &self.scale {
            Scale::Aggregate(a) => Some(a),
            Scale::Documents { .. } => None,
        }
    }

    /// Every document's index, the most reused first: highest reused share (1 − own, the
    /// central + provincial + peer + self share), ties to the earlier document.
    pub fn most_reused(&self) -> Vec<usize> {
        let docs = &self.reuse.documents;
        let reused = |i: usize| 1.0 - docs[i].shares.own;
        let mut ranked: Vec<usize> = (0..docs.len()).collect();
        ranked.sort_by(|&a, &b| reused(b).total_cmp(&reused(a)).then(a.cmp(&b)));
        ranked
    }
}

/// Whether a corpus of `n` documents gets the aggregate views.
pub fn is_large(n: usize) -> bool {
    n > AGGREGATE_ABOVE
}

/// The fitted vectorizer and TF-IDF rows, tokenized with the given user dictionary and
/// stopword list (the bundled ones when none are given); the list files read go to `read`.
fn tfidf_rows(
    corpus: &Corpus,
    params: &ReportParams,
    lexicon: &Lexicon,
    read: &mut Vec<InputFile>,
) -> Result<(Tfidf, SparseMatrix)> {
    let analyzer = Analyzer::with_lists(
        &params.vectors.tokens,
        &lexicon.words(),
        params.paths.userdict.as_deref(),
        params.paths.stopwords.as_deref(),
    )?;
    read.extend(analyzer.lists_read().iter().cloned());
    similarity::vectors_of(corpus, &analyzer, &params.vectors.tfidf)
}

pub fn analyze(
    corpus: &Corpus,
    lexicon: &Lexicon,
    params: &ReportParams,
    progress: &dyn Progress,
    timings: &mut Timings,
) -> Result<ReportData> {
    if corpus.documents.len() < 2 {
        return Err(Error::InvalidArgument(format!(
            "the report and its charts compare documents: the corpus needs at least 2, it has {}",
            corpus.documents.len()
        )));
    }
    let n = corpus.documents.len() as u64;
    let mut word_lists = Vec::new();
    let reuse = timings.time("reuse", progress, n, || {
        reuse::analyze(corpus, lexicon, &params.reuse, progress)
    })?;
    if is_large(corpus.documents.len()) {
        let (rows, feature_names) = timings.time("features", progress, n, || -> Result<_> {
            Ok(match params.features {
                FeatureSpace::Tfidf => {
                    let (tfidf, m) = tfidf_rows(corpus, params, lexicon, &mut word_lists)?;
                    (m, tfidf.vocabulary.clone())
                }
                FeatureSpace::Reuse => {
                    let (x, names) = profiles::reuse_profiles(&reuse);
                    (aggregate::sparse_of(&x), names)
                }
            })
        })?;
        let (clustering, projection, agg) = timings.time("clustering", progress, n, || {
            aggregate::analyze(corpus, &rows, &feature_names, &params.cluster)
        })?;
        return Ok(ReportData {
            reuse,
            feature_names,
            clustering,
            projection,
            scale: Scale::Aggregate(Box::new(agg)),
            word_lists,
        });
    }
    let space = timings.time("features", progress, n, || {
        dense_features(params.features, &reuse, || {
            tfidf_rows(corpus, params, lexicon, &mut word_lists)
        })
    })?;
    let (features, feature_names, similarity) = (space.rows, space.names, space.cosine);
    let clustering = timings.time("clustering", progress, n, || {
        grouping::cluster_documents(features.view(), &params.cluster)
    })?;
    let projection = timings.time("projection", progress, n, || {
        pca::project_2d(l2_rows(features.view()).view()).ok()
    });
    Ok(ReportData {
        reuse,
        feature_names,
        clustering,
        projection,
        scale: Scale::Documents {
            features,
            similarity,
        },
        word_lists,
    })
}

/// What run.json records.
#[derive(Debug, Serialize)]
struct RunRecord<'a> {
    tifa_version: &'static str,
    corpus: &'a str,
    parameters: &'a ReportParams,
    inputs: Vec<InputFile>,
    counts: CorpusCounts,
    clusters: usize,
    /// Mean silhouette of the clusters, and the share of variance on PC1 and PC2.
    silhouette: f64,
    explained_variance: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aggregate: Option<AggregateRecord>,
    timings_seconds: &'a Timings,
}

/// How a large report aggregated (absent for small corpora).
#[derive(Debug, Serialize)]
struct AggregateRecord {
    /// Aggregate views are used above this many documents.
    above_documents: usize,
    neighbours_per_document: usize,
    svd_components: usize,
    /// Documents in the seeded sample the silhouette was computed on.
    silhouette_sample: usize,
    places_shown: usize,
    places: usize,
}

fn aggregate_record(a: &Aggregate) -> AggregateRecord {
    AggregateRecord {
        above_documents: AGGREGATE_ABOVE,
        neighbours_per_document: aggregate::TOP_K,
        svd_components: a.svd_components,
        silhouette_sample: a.silhouette_sample,
        places_shown: a.units.kept.len(),
        places: a.units.total,
    }
}

/// The report's charts, drawn by the caller from the computed data (the CLI passes
/// `report::charts::all`) and timed here as the "charts" stage.
pub type ChartSet = Vec<ChartView>;

/// Build the whole bundle: tables, charts, index.html, evidence pages (large corpora) and
/// run.json.
pub fn build(
    corpus: &Corpus,
    lexicon: &Lexicon,
    params: &ReportParams,
    progress: &dyn Progress,
    charts: impl FnOnce(&Corpus, &ReportData) -> Result<ChartSet>,
) -> Result<(Bundle, ReportData)> {
    let mut timings = Timings::default();
    let data = analyze(corpus, lexicon, params, progress, &mut timings)?;
    let mut bundle = Bundle::with_tables(params.tables);
    let evidence_files = data
        .aggregate()
        .map(|_| evidence_file_names(corpus, &data, params.evidence_pages));
    let tables = timings.time("tables", progress, 0, || {
        tables::tables(corpus, &data, params.tables.label())
    });
    let mut table_views = Vec::new();
    for t in tables {
        bundle.add_table(t.name, &t.table)?;
        table_views.push(tables::table_view(
            t,
            corpus,
            evidence_files.as_deref(),
            &bundle.tables,
        ));
    }
    let chart_views = timings.time("charts", progress, 0, || charts(corpus, &data))?;
    for c in &chart_views {
        bundle.add(format!("charts/{}.svg", c.id), c.svg.clone());
    }
    let diffusion_view = timings.time("diffusion", progress, 0, || {
        diffusion_section(corpus, &data, &mut bundle, evidence_files.as_deref())
    })?;
    if let Some(files) = &evidence_files {
        let written = files.iter().flatten().count() as u64;
        let pages = timings.time("evidence", progress, written, || {
            evidence_pages(corpus, &data, files)
        })?;
        for (path, page) in pages {
            bundle.add(path, page);
        }
    }
    let page = timings.time("html", progress, n_docs(corpus), || {
        html::render(&page_view(
            corpus,
            &data,
            chart_views,
            table_views,
            diffusion_view,
            evidence_files.as_deref(),
        ))
    })?;
    bundle.add("index.html", page);
    let record = RunRecord {
        tifa_version: env!("CARGO_PKG_VERSION"),
        corpus: &corpus.name,
        parameters: params,
        inputs: inputs::of_run(corpus, lexicon, &data.word_lists),
        counts: counts(corpus),
        clusters: data.clustering.k,
        silhouette: data.clustering.silhouette,
        explained_variance: data.projection.as_ref().map(|p| p.explained),
        aggregate: data.aggregate().map(aggregate_record),
        timings_seconds: &timings,
    };
    let mut json = serde_json::to_string_pretty(&record)
        .map_err(|e| Error::Internal(format!("run.json: {e}")))?;
    json.push('\n');
    bundle.add("run.json", json);
    Ok((bundle, data))
}

/// The diffusion measures of the report's reuse run: tables and charts into `bundle`
/// (`tables/diffusion_*`, `charts/diffusion-*.svg`, `tables/diffusion_network.graphml`) and the
/// page's section.
fn diffusion_section(
    corpus: &Corpus,
    data: &ReportData,
    bundle: &mut Bundle,
    evidence_files: Option<&[Option<String>]>,
) -> Result<DiffusionView> {
    let metas: Vec<_> = corpus.documents.iter().map(|d| d.meta.clone()).collect();
    let d = crate::analyses::diffusion::analyze(&metas, &data.reuse)?;
    let mut table_views = Vec::new();
    for t in tables::diffusion_tables(&d) {
        bundle.add_table(t.name, &t.table)?;
        table_views.push(tables::table_view(
            t,
            corpus,
            evidence_files,
            &bundle.tables,
        ));
    }
    bundle.add(
        "tables/diffusion_network.graphml",
        crate::render::diffusion::graphml(&d),
    );
    let charts = super::diffusion::charts(&d)?;
    for c in &charts {
        bundle.add(format!("charts/{}.svg", c.id), c.svg.clone());
    }
    let formulations = super::diffusion::ranked_formulations(&d).len();
    let lags = d
        .first_uses
        .iter()
        .filter(|f| f.lag_central.is_some_and(|l| l.days.is_some()))
        .count();
    let intervals = d
        .first_uses
        .iter()
        .filter(|f| f.lag_central.is_some_and(|l| l.days.is_none()))
        .count();
    let copied = d.first_uses.iter().filter(|f| f.copied.is_some()).count();
    Ok(DiffusionView {
        intro: format!(
            "{} first uses of {formulations} formulations by {} units; {lags} with a lag in days after the centre's first use, {intervals} with only an interval (partial dates), {copied} inside text copied from a higher level; {} unit-to-unit edges (tables/diffusion_network.graphml opens in Gephi or networkx). Definitions: docs/METHODS.md, \"Diffusion\".",
            d.first_uses.len(),
            d.units.len(),
            d.edges.len()
        ),
        charts,
        tables: table_views,
    })
}

/// Each document's evidence page (corpus order; `None` for a document without one): every
/// document's, or with a bound the `bound` [most reused](ReportData::most_reused) documents.
/// A page's name is the same whether or not there is a bound.
fn evidence_file_names(
    corpus: &Corpus,
    data: &ReportData,
    bound: Option<usize>,
) -> Vec<Option<String>> {
    let names = evidence::file_names(corpus.documents.iter().map(|d| d.id()));
    let Some(bound) = bound else {
        return names.into_iter().map(Some).collect();
    };
    let mut shown = vec![false; names.len()];
    for i in data.most_reused().into_iter().take(bound) {
        shown[i] = true;
    }
    names
        .into_iter()
        .zip(shown)
        .map(|(name, shown)| shown.then_some(name))
        .collect()
}

/// One `evidence/NAME.html` per document that has a name, its reused segments linking to
/// their sources' pages.
fn evidence_pages(
    corpus: &Corpus,
    data: &ReportData,
    files: &[Option<String>],
) -> Result<Vec<(String, String)>> {
    let file_of = tables::evidence_file_of(corpus, files);
    let link = |id: &str| file_of.get(id).map(|f| f.to_string());
    let pages = html::EvidencePages::new()?;
    let palette = origin_palette();
    let version = env!("CARGO_PKG_VERSION");
    let docs: Vec<(usize, &str)> = files
        .iter()
        .enumerate()
        .filter_map(|(i, f)| Some((i, f.as_deref()?)))
        .collect();
    docs.par_iter()
        .map(|&(i, file)| {
            let (d, r) = (&corpus.documents[i], &data.reuse.documents[i]);
            let view = evidence::document_view_linked(d, r, &link);
            let page = pages.render(&corpus.name, version, &view, &palette)?;
            Ok((format!("evidence/{file}"), page))
        })
        .collect()
}

/// What the page says about the evidence pages: one per document, or how many and which.
fn evidence_note(files: &[Option<String>]) -> String {
    let pages = files.iter().flatten().count();
    if pages == files.len() {
        "每个文件一页证据 · one evidence page per document in evidence/, linked from the ids in the documents and similarity tables".to_string()
    } else {
        format!(
            "证据页 · evidence pages in evidence/ for the {pages} of {} documents with the largest reused share (1 − own), linked from their ids in the documents and similarity tables; the other ids have no page",
            files.len()
        )
    }
}

fn n_docs(corpus: &Corpus) -> u64 {
    corpus.documents.len() as u64
}

fn page_view(
    corpus: &Corpus,
    data: &ReportData,
    charts: Vec<ChartView>,
    tables: Vec<TableView>,
    diffusion: DiffusionView,
    evidence_files: Option<&[Option<String>]>,
) -> ReportView {
    let c = counts(corpus);
    let mut summary = vec![
        ("文件 documents".to_string(), c.documents.to_string()),
        ("字符 characters".to_string(), c.chars.to_string()),
    ];
    for (level, n) in &c.by_level {
        summary.push((format!("级别 level: {level}"), n.to_string()));
    }
    let agg = data.aggregate();
    let silhouette_of = match agg {
        Some(a) => format!(
            "mean silhouette {:.3} on a seeded sample of {} documents",
            data.clustering.silhouette, a.silhouette_sample
        ),
        None => format!("mean silhouette {:.3}", data.clustering.silhouette),
    };
    summary.push((
        "聚类 clusters".to_string(),
        format!("{} ({silhouette_of})", data.clustering.k),
    ));
    if let Some(p) = &data.projection {
        summary.push((
            "主成分 PCA".to_string(),
            format!(
                "PC1 {:.1}%, PC2 {:.1}% of the variance{}",
                100.0 * p.explained[0],
                100.0 * p.explained[1],
                if agg.is_some() {
                    " (randomized truncated SVD)"
                } else {
                    ""
                }
            ),
        ));
    }
    if let Some(a) = agg {
        summary.push((
            "视图 views".to_string(),
            format!(
                "more than {AGGREGATE_ABOVE} documents: charts aggregate over places, clusters, months or the top documents; similarity lists each document's {} nearest neighbours; {} of {} places shown",
                aggregate::TOP_K,
                a.units.kept.len(),
                a.units.total
            ),
        ));
    }
    let documents = match agg {
        Some(_) => Vec::new(),
        None => corpus
            .documents
            .iter()
            .zip(&data.reuse.documents)
            .map(|(d, r)| evidence::document_view(d, r))
            .collect(),
    };
    ReportView {
        corpus: corpus.name.clone(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        summary,
        charts,
        tables,
        diffusion: Some(diffusion),
        documents,
        evidence_note: evidence_files.map(evidence_note),
        palette: origin_palette(),
    }
}
