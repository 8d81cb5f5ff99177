//! The report's charts above [`AGGREGATE_ABOVE`] documents: each draws groups (places,
//! clusters, months) or a bounded selection of documents, never one mark per document pair, so
//! every chart stays small and readable whatever the corpus size. Titles say what is aggregated.

use std::collections::BTreeMap;

use super::aggregate::{AGGREGATE_ABOVE, Aggregate, MAX_UNITS};
use super::build::ReportData;
use super::charts::{label, passage_strip};
use crate::analyses::scale;
use crate::corpus::Corpus;
use crate::document::Level;
use crate::error::Result;
use crate::render::charts::{dendrogram, heatmap, matrix, passages, scatter, shares};
use crate::reuse::{DocReuse, Origin};

/// Points drawn in the projection: a seeded sample of at most this many documents.
pub const SCATTER_SAMPLE: usize = 2000;
/// Documents in the passage map: the most reused (highest central + provincial + peer + self share).
pub const PASSAGE_DOCUMENTS: usize = 40;
/// Formulations in the matrix: the most used over the corpus.
pub const TOP_FORMULATIONS: usize = 30;
/// Months drawn one bar each; beyond this the shares over time go by year.
const MAX_MONTHS: usize = 120;

/// Mean shares of a group of documents, labelled with the group and its size.
fn mean_row(name: &str, docs: &[&DocReuse]) -> shares::ShareRow {
    let n = docs.len().max(1) as f64;
    let sum = |f: fn(&DocReuse) -> f64| docs.iter().map(|d| f(d)).sum::<f64>() / n;
    shares::ShareRow {
        label: format!("{name} (n={})", docs.len()),
        central: sum(|d| d.shares.central),
        provincial: sum(|d| d.shares.provincial),
        peer: sum(|d| d.shares.peer),
        self_reuse: sum(|d| d.shares.self_reuse),
        own: sum(|d| d.shares.own),
    }
}

fn shares_chart(title: String, rows: Vec<shares::ShareRow>) -> Result<String> {
    let mut chart = shares::Shares::new(rows);
    chart.title = title;
    chart.x_label = "平均字符占比 mean share of characters".to_string();
    shares::render(&chart)
}

/// Mean origin shares by level, then by province (documents that name one).
pub fn shares_by_level_and_province(data: &ReportData) -> Result<String> {
    let mut rows = Vec::new();
    for level in Level::ALL {
        let docs: Vec<&DocReuse> = data
            .reuse
            .documents
            .iter()
            .filter(|d| d.level == level)
            .collect();
        if !docs.is_empty() {
            rows.push(mean_row(&format!("级别 {}", level.as_str()), &docs));
        }
    }
    let mut by_province: BTreeMap<&str, Vec<&DocReuse>> = BTreeMap::new();
    for d in &data.reuse.documents {
        if let Some(p) = d.province.as_deref() {
            by_province.entry(p).or_default().push(d);
        }
    }
    let mut provinces: Vec<(&str, Vec<&DocReuse>)> = by_province.into_iter().collect();
    provinces.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    let total = provinces.len();
    for (p, docs) in provinces.into_iter().take(MAX_UNITS) {
        rows.push(mean_row(p, &docs));
    }
    shares_chart(
        format!(
            "来源构成 Mean origin shares by level and province ({} of {total} provinces)",
            total.min(MAX_UNITS)
        ),
        rows,
    )
}

/// Mean origin shares by city, the largest cities first.
pub fn shares_by_city(data: &ReportData) -> Result<Option<String>> {
    let mut by_city: BTreeMap<&str, Vec<&DocReuse>> = BTreeMap::new();
    for d in &data.reuse.documents {
        if let Some(c) = d.city.as_deref() {
            by_city.entry(c).or_default().push(d);
        }
    }
    if by_city.is_empty() {
        return Ok(None);
    }
    let mut cities: Vec<(&str, Vec<&DocReuse>)> = by_city.into_iter().collect();
    cities.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    let total = cities.len();
    let rows = cities
        .into_iter()
        .take(MAX_UNITS)
        .map(|(c, docs)| mean_row(c, &docs))
        .collect();
    shares_chart(
        format!(
            "来源构成 Mean origin shares by city (the {} largest of {total})",
            total.min(MAX_UNITS)
        ),
        rows,
    )
    .map(Some)
}

/// Mean origin shares by month (by year when there are too many months), in time order.
pub fn shares_by_month(data: &ReportData) -> Result<Option<String>> {
    let period = |d: &DocReuse, len: usize| -> Option<String> {
        let date = d.date.as_deref()?;
        (date.len() >= len && date.is_char_boundary(len)).then(|| date[..len].to_string())
    };
    let group = |len: usize| {
        let mut by: BTreeMap<String, Vec<&DocReuse>> = BTreeMap::new();
        for d in &data.reuse.documents {
            if let Some(p) = period(d, len) {
                by.entry(p).or_default().push(d);
            }
        }
        by
    };
    let (by, unit) = match group(7) {
        m if m.len() <= MAX_MONTHS => (m, "month"),
        _ => (group(4), "year"),
    };
    if by.len() < 2 {
        return Ok(None);
    }
    let dated: usize = by.values().map(Vec::len).sum();
    let rows = by.iter().map(|(p, docs)| mean_row(p, docs)).collect();
    shares_chart(
        format!("来源构成 Mean origin shares by {unit} ({dated} dated documents)"),
        rows,
    )
    .map(Some)
}

/// Mean cosine between and within places, in the places' dendrogram order.
pub fn place_heatmap(agg: &Aggregate) -> Result<String> {
    let order = &agg.unit_dendrogram.leaf_order;
    let labels = order
        .iter()
        .map(|&u| {
            let (unit, docs) = &agg.units.kept[u];
            format!("{} (n={})", unit.label(), docs.len())
        })
        .collect();
    let values = order
        .iter()
        .map(|&a| order.iter().map(|&b| agg.unit_similarity[[a, b]]).collect())
        .collect();
    let mut chart = heatmap::Heatmap::new(labels, values);
    chart.title = format!(
        "相似度 Mean cosine between places ({} of {})",
        agg.units.kept.len(),
        agg.units.total
    );
    chart.scale_caption = "mean cosine".to_string();
    // Means over groups of news texts are small and close together (0.01–0.03 on the
    // 新闻联播 transcripts): from 0, every cell would look alike.
    chart.fit_scale_to_values();
    heatmap::render(&chart)
}

/// Average-linkage dendrogram of the clusters, each labelled with its size and heaviest terms.
pub fn cluster_dendrogram(data: &ReportData, agg: &Aggregate) -> Result<String> {
    let d = &data.clustering.dendrogram;
    let labels = agg
        .cluster_sizes
        .iter()
        .zip(&agg.cluster_terms)
        .enumerate()
        .map(|(c, (n, terms))| format!("簇 {} (n={n}) {}", c + 1, terms.join(" ")))
        .collect();
    let merges = d.merges.iter().map(|m| (m.a, m.b, m.height)).collect();
    let mut chart = dendrogram::Dendrogram::new(merges, d.leaf_order.clone(), labels);
    chart.clusters = (0..agg.cluster_sizes.len()).collect();
    chart.title = format!(
        "层次聚类 Clusters joined by 1 − mean cosine ({} clusters of {} documents)",
        agg.cluster_sizes.len(),
        data.clustering.labels.len()
    );
    dendrogram::render(&chart)
}

/// The projection of a seeded sample of documents, coloured by cluster, without labels.
pub fn scatter_sample(corpus: &Corpus, data: &ReportData, seed: u64) -> Result<Option<String>> {
    let Some(p) = &data.projection else {
        return Ok(None);
    };
    let n = p.coords.len();
    let picked = scale::sample(n, SCATTER_SAMPLE, seed);
    let points = picked
        .iter()
        .map(|&i| scatter::ScatterPoint {
            label: label(&corpus.documents[i]),
            x: p.coords[i][0],
            y: p.coords[i][1],
            cluster: data.clustering.labels[i],
        })
        .collect();
    let mut chart = scatter::Scatter::new(points, (p.explained[0], p.explained[1]));
    chart.title = format!(
        "主成分 PCA (truncated SVD): a seeded sample of {} of {n} documents",
        picked.len()
    );
    chart.label_points = false;
    chart.radius = 3;
    scatter::render(&chart).map(Some)
}

/// Places × the most used formulations: hits per 100 documents of the place.
pub fn place_formulations(data: &ReportData, agg: &Aggregate) -> Result<String> {
    let mut totals: BTreeMap<&str, (Level, &str, usize)> = BTreeMap::new();
    for d in &data.reuse.documents {
        for f in &d.formulations {
            totals
                .entry(f.id.as_str())
                .or_insert((f.level, f.text.as_str(), 0))
                .2 += f.count;
        }
    }
    let mut used: Vec<(&str, (Level, &str, usize))> = totals.into_iter().collect();
    used.sort_by(|a, b| b.1.2.cmp(&a.1.2).then(a.0.cmp(b.0)));
    let total_formulations = used.len();
    used.truncate(TOP_FORMULATIONS);
    used.sort_by(|a, b| a.1.0.cmp(&b.1.0).then(a.0.cmp(b.0)));
    let counts = used
        .iter()
        .map(|(id, _)| {
            agg.units
                .kept
                .iter()
                .map(|(_, docs)| {
                    let hits: usize = docs
                        .iter()
                        .filter_map(|&i| {
                            data.reuse.documents[i]
                                .formulations
                                .iter()
                                .find(|f| f.id == *id)
                        })
                        .map(|f| f.count)
                        .sum();
                    let per_100 = (hits as f64 * 100.0 / docs.len().max(1) as f64).round();
                    per_100.min(f64::from(u32::MAX)) as u32
                })
                .collect()
        })
        .collect();
    let formulations = used
        .iter()
        .map(|(_, (level, text, _))| matrix::Formulation {
            text: text.to_string(),
            level: match level {
                Level::Central => Origin::Central,
                _ => Origin::Provincial,
            },
        })
        .collect();
    let places = agg
        .units
        .kept
        .iter()
        .map(|(u, docs)| format!("{} (n={})", u.label(), docs.len()))
        .collect();
    let mut chart = matrix::FormulationMatrix::new(formulations, places, counts);
    chart.title = format!(
        "提法使用 Hits per 100 documents: the {} most used of {total_formulations} formulations × {} of {} places",
        used.len(),
        agg.units.kept.len(),
        agg.units.total
    );
    matrix::render(&chart)
}

/// The passage map of the most reused documents.
pub fn top_passages(corpus: &Corpus, data: &ReportData) -> Result<String> {
    let mut ranked = data.most_reused();
    ranked.truncate(PASSAGE_DOCUMENTS);
    let strips = ranked
        .iter()
        .map(|&i| {
            let doc = &corpus.documents[i];
            passage_strip(label(doc), doc, &data.reuse.documents[i])
        })
        .collect();
    let mut chart = passages::PassageMap::new(strips);
    chart.title = format!(
        "复用段落分布 Reused passages: the {} most reused of {} documents",
        ranked.len(),
        corpus.documents.len()
    );
    passages::render(&chart)
}

/// Why a chart kind is absent from small reports.
pub fn needs_many_documents() -> String {
    format!("more than {AGGREGATE_ABOVE} documents")
}
