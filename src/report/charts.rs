//! The report's charts: report results → chart inputs → SVG (render::charts). Each chart is also
//! available alone (`tifa plot KIND`).

use std::str::FromStr;

use super::aggregate::Aggregate;
use super::build::{ReportData, Scale};
use super::charts_aggregate as ca;
use crate::corpus::Corpus;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::render::charts::{curve, dendrogram, heatmap, matrix, passages, scatter, shares};
use crate::render::corpus::short;
use crate::render::html::ChartView;
use crate::reuse::Origin;

/// The charts `tifa plot` can draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Heatmap,
    Shares,
    Pca,
    Dendrogram,
    Formulations,
    Passages,
    Silhouette,
    /// Mean origin shares by city (large corpora only).
    SharesCity,
    /// Mean origin shares by month or year (large corpora only).
    SharesTime,
}

impl ChartKind {
    pub const ALL: [ChartKind; 9] = [
        ChartKind::Heatmap,
        ChartKind::Shares,
        ChartKind::SharesCity,
        ChartKind::SharesTime,
        ChartKind::Pca,
        ChartKind::Dendrogram,
        ChartKind::Formulations,
        ChartKind::Passages,
        ChartKind::Silhouette,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ChartKind::Heatmap => "heatmap",
            ChartKind::Shares => "shares",
            ChartKind::Pca => "pca",
            ChartKind::Dendrogram => "dendrogram",
            ChartKind::Formulations => "formulations",
            ChartKind::Passages => "passages",
            ChartKind::Silhouette => "silhouette",
            ChartKind::SharesCity => "shares-city",
            ChartKind::SharesTime => "shares-time",
        }
    }

    fn titles(self) -> (&'static str, &'static str, &'static str) {
        match self {
            ChartKind::Heatmap => (
                "相似度热图",
                "Similarity heatmap",
                "Cosine similarity of every pair of documents, rows and columns in dendrogram leaf order: dark blocks on the diagonal are groups of documents that talk alike.",
            ),
            ChartKind::Shares => (
                "来源构成",
                "Origin shares",
                "Each bar is one document's content characters by origin (central, provincial, peer, self, own), sorted by the share reused from higher levels.",
            ),
            ChartKind::Pca => (
                "主成分散点图",
                "PCA scatter",
                "Documents on the first two principal components of their feature vectors, coloured by cluster; the axis titles give the share of variance each component carries.",
            ),
            ChartKind::Dendrogram => (
                "层次聚类树",
                "Dendrogram",
                "Average-linkage clustering on cosine distance: documents joined further left are more alike.",
            ),
            ChartKind::Formulations => (
                "提法矩阵",
                "Formulations by document",
                "How often each lexicon formulation occurs in each document; formulations grouped by level (marker colour).",
            ),
            ChartKind::Passages => (
                "段落分布",
                "Passage map",
                "One strip per document, its length scaled to 1: reused characters are placed where they occur and coloured by origin.",
            ),
            ChartKind::Silhouette => (
                "轮廓系数",
                "Silhouette by k",
                "Mean silhouette of the clustering for each number of clusters tried; the highlighted k was chosen.",
            ),
            ChartKind::SharesCity => ("来源构成（城市）", "Origin shares by city", ""),
            ChartKind::SharesTime => ("来源构成（时间）", "Origin shares over time", ""),
        }
    }

    /// Titles and caption of the aggregate version drawn above the document threshold.
    fn aggregate_titles(self) -> (&'static str, &'static str, &'static str) {
        match self {
            ChartKind::Heatmap => (
                "地区相似度",
                "Similarity between places",
                "Mean cosine similarity between the documents of two places (centre, provinces, cities; the largest places by document count), and within a place on the diagonal (distinct pairs), computed exactly from the places' summed unit-length vectors; rows in the order of the places' own average-linkage tree. Colours run from the smallest to the largest mean (the colour bar gives the values), not from 0.",
            ),
            ChartKind::Shares => (
                "来源构成（级别、省份）",
                "Origin shares by level and province",
                "Each bar is the mean over a group of documents (n in the label) of their content characters by origin: first by administrative level, then by province, largest provinces first.",
            ),
            ChartKind::SharesCity => (
                "来源构成（城市）",
                "Origin shares by city",
                "Each bar is the mean origin shares of one city's documents (n in the label), the cities with most documents first.",
            ),
            ChartKind::SharesTime => (
                "来源构成（时间）",
                "Origin shares over time",
                "Each bar is the mean origin shares of the documents dated in one month (one year when the corpus spans more than ten years), in time order; undated documents are left out.",
            ),
            ChartKind::Pca => (
                "主成分散点图",
                "PCA scatter (sample)",
                "A seeded sample of documents on the first two principal components (randomized truncated SVD of the unit-length feature vectors), coloured by cluster; the axis titles give the share of the total variance.",
            ),
            ChartKind::Dendrogram => (
                "聚类树",
                "Dendrogram of clusters",
                "The k-means clusters joined by average linkage on 1 − mean cosine between their documents; each leaf names the cluster's size and heaviest terms.",
            ),
            ChartKind::Formulations => (
                "提法矩阵",
                "Formulations by place",
                "Hits of the most used lexicon formulations per 100 documents of each place (the largest places); formulations grouped by level (marker colour).",
            ),
            ChartKind::Passages => (
                "段落分布",
                "Passage map (most reused documents)",
                "One strip per document for the documents with the highest reused share (central + provincial + peer + self), its length scaled to 1: reused characters where they occur, coloured by origin. Every document's evidence page shows its passages.",
            ),
            ChartKind::Silhouette => (
                "轮廓系数",
                "Silhouette by k (sample)",
                "Mean silhouette, on a seeded sample of documents, of the k-means clustering for each number of clusters tried; the highlighted k was chosen.",
            ),
        }
    }
}

impl FromStr for ChartKind {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        ChartKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = ChartKind::ALL.iter().map(|k| k.as_str()).collect();
                format!("unknown chart {s:?}; expected one of {}", names.join(", "))
            })
    }
}

/// A document's chart label: place and the start of its title.
pub fn label(d: &Document) -> String {
    let place = d
        .meta
        .city
        .as_deref()
        .or(d.meta.province.as_deref())
        .unwrap_or(d.meta.level.as_str());
    format!("{place} · {}", short(&d.meta.title, 9))
}

/// One aggregate chart as SVG (large corpora); None when the data cannot support it.
fn render_aggregate(
    kind: ChartKind,
    corpus: &Corpus,
    data: &ReportData,
    agg: &Aggregate,
    seed: u64,
) -> Result<Option<String>> {
    Ok(match kind {
        ChartKind::Heatmap => Some(ca::place_heatmap(agg)?),
        ChartKind::Shares => Some(ca::shares_by_level_and_province(data)?),
        ChartKind::SharesCity => ca::shares_by_city(data)?,
        ChartKind::SharesTime => ca::shares_by_month(data)?,
        ChartKind::Pca => ca::scatter_sample(corpus, data, seed)?,
        ChartKind::Dendrogram => Some(ca::cluster_dendrogram(data, agg)?),
        ChartKind::Formulations => Some(ca::place_formulations(data, agg)?),
        ChartKind::Passages => Some(ca::top_passages(corpus, data)?),
        ChartKind::Silhouette => silhouette(data)?,
    })
}

fn silhouette(data: &ReportData) -> Result<Option<String>> {
    let curve_points = &data.clustering.silhouette_curve;
    if curve_points.is_empty() {
        return Ok(None);
    }
    curve::render(&curve::Curve {
        title: "轮廓系数 Silhouette by k".to_string(),
        x_label: "聚类数 k".to_string(),
        y_label: "平均轮廓系数 mean silhouette".to_string(),
        points: curve_points.iter().map(|&(k, s)| (k as f64, s)).collect(),
        highlight: Some(data.clustering.k as f64),
    })
    .map(Some)
}

/// One chart as SVG; None when the data cannot support it (no projection, no k choice, an
/// aggregate-only chart on a small corpus). `seed` picks the scatter's sample of a large corpus.
pub fn render(
    kind: ChartKind,
    corpus: &Corpus,
    data: &ReportData,
    seed: u64,
) -> Result<Option<String>> {
    let similarity = match &data.scale {
        Scale::Aggregate(agg) => return render_aggregate(kind, corpus, data, agg, seed),
        Scale::Documents { similarity, .. } => similarity,
    };
    let labels: Vec<String> = corpus.documents.iter().map(label).collect();
    let svg = match kind {
        ChartKind::SharesCity | ChartKind::SharesTime => return Ok(None),
        ChartKind::Heatmap => {
            let order = &data.clustering.dendrogram.leaf_order;
            let values = order
                .iter()
                .map(|&i| order.iter().map(|&j| similarity[[i, j]]).collect())
                .collect();
            let ordered = order.iter().map(|&i| labels[i].clone()).collect();
            heatmap::render(&heatmap::Heatmap::new(ordered, values))?
        }
        ChartKind::Shares => {
            let mut rows: Vec<(f64, shares::ShareRow)> = data
                .reuse
                .documents
                .iter()
                .zip(&labels)
                .map(|(d, l)| {
                    let s = d.shares;
                    (
                        s.central + s.provincial,
                        shares::ShareRow {
                            label: l.clone(),
                            central: s.central,
                            provincial: s.provincial,
                            peer: s.peer,
                            self_reuse: s.self_reuse,
                            own: s.own,
                        },
                    )
                })
                .collect();
            rows.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.label.cmp(&b.1.label)));
            shares::render(&shares::Shares::new(
                rows.into_iter().map(|(_, r)| r).collect(),
            ))?
        }
        ChartKind::Pca => {
            let Some(p) = &data.projection else {
                return Ok(None);
            };
            let points = p
                .coords
                .iter()
                .zip(&labels)
                .zip(&data.clustering.labels)
                .map(|((c, l), &k)| scatter::ScatterPoint {
                    label: l.clone(),
                    x: c[0],
                    y: c[1],
                    cluster: k,
                })
                .collect();
            scatter::render(&scatter::Scatter::new(
                points,
                (p.explained[0], p.explained[1]),
            ))?
        }
        ChartKind::Dendrogram => {
            let d = &data.clustering.dendrogram;
            let merges = d.merges.iter().map(|m| (m.a, m.b, m.height)).collect();
            let mut chart = dendrogram::Dendrogram::new(merges, d.leaf_order.clone(), labels);
            chart.clusters = data.clustering.labels.clone();
            dendrogram::render(&chart)?
        }
        ChartKind::Formulations => formulation_matrix(corpus, data)?,
        ChartKind::Passages => {
            let strips = corpus
                .documents
                .iter()
                .zip(&data.reuse.documents)
                .zip(labels)
                .map(|((doc, r), l)| passage_strip(l, doc, r))
                .collect();
            passages::render(&passages::PassageMap::new(strips))?
        }
        ChartKind::Silhouette => return silhouette(data),
    };
    Ok(Some(svg))
}

/// Formulations that occur anywhere, central first, then provincial, each in lexicon order.
fn formulation_matrix(corpus: &Corpus, data: &ReportData) -> Result<String> {
    let mut used: Vec<(crate::document::Level, String, String)> = Vec::new();
    for d in &data.reuse.documents {
        for f in &d.formulations {
            if !used.iter().any(|(_, id, _)| *id == f.id) {
                used.push((f.level, f.id.clone(), f.text.clone()));
            }
        }
    }
    used.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let counts = used
        .iter()
        .map(|(_, id, _)| {
            data.reuse
                .documents
                .iter()
                .map(|d| {
                    d.formulations
                        .iter()
                        .find(|f| f.id == *id)
                        .map_or(0, |f| u32::try_from(f.count).unwrap_or(u32::MAX))
                })
                .collect()
        })
        .collect();
    let formulations = used
        .into_iter()
        .map(|(level, _, text)| matrix::Formulation {
            text,
            level: match level {
                crate::document::Level::Central => Origin::Central,
                _ => Origin::Provincial,
            },
        })
        .collect();
    let documents = corpus.documents.iter().map(label).collect();
    matrix::render(&matrix::FormulationMatrix::new(
        formulations,
        documents,
        counts,
    ))
}

/// Every chart the data supports, as report views.
pub fn all(corpus: &Corpus, data: &ReportData, seed: u64) -> Result<Vec<ChartView>> {
    let mut out = Vec::new();
    for kind in ChartKind::ALL {
        if let Some(svg) = render(kind, corpus, data, seed)? {
            let (zh, en, caption) = match data.aggregate() {
                Some(_) => kind.aggregate_titles(),
                None => kind.titles(),
            };
            out.push(ChartView {
                id: kind.as_str().to_string(),
                title_zh: zh.to_string(),
                title_en: en.to_string(),
                svg,
                caption: caption.to_string(),
            });
        }
    }
    Ok(out)
}

/// One chart for `tifa plot`, or an error saying why the data cannot support it.
pub fn one(kind: ChartKind, corpus: &Corpus, data: &ReportData, seed: u64) -> Result<String> {
    render(kind, corpus, data, seed)?.ok_or_else(|| {
        Error::InvalidArgument(format!(
            "the {} chart needs {}",
            kind.as_str(),
            match kind {
                ChartKind::Pca => "at least 3 documents and 2 features".to_string(),
                ChartKind::SharesCity | ChartKind::SharesTime => {
                    format!("{} with cities or dates", ca::needs_many_documents())
                }
                _ => "k chosen automatically (no fixed k)".to_string(),
            }
        ))
    })
}

/// A document as a strip of its length with its reused segments, for the passage map.
pub(super) fn passage_strip(
    label: String,
    doc: &crate::document::Document,
    reuse: &crate::reuse::DocReuse,
) -> passages::PassageStrip {
    passages::PassageStrip {
        label,
        doc_chars: doc.chars(),
        spans: reuse
            .segments
            .iter()
            .filter(|s| s.start < s.end)
            .map(|s| (s.start, s.end.min(doc.chars()), s.origin))
            .collect(),
    }
}
