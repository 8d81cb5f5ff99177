//! The report's Diffusion section, also the charts of `tifa diffusion`: adoption curves,
//! the first-use timeline and the unit network, each capped so that it stays readable at any
//! corpus size (docs/METHODS.md, "Diffusion").

use std::collections::BTreeMap;

use crate::analyses::diffusion::{self, Diffusion, Tier, UnitKey, dates};
use crate::document::Level;
use crate::error::Result;
use crate::render::charts::adoption::{Adoption, AdoptionPanel, AdoptionSeries};
use crate::render::charts::network::{NetEdge, NetNode, Network};
use crate::render::charts::timeline::{self, Mark, Timeline, TimelineRow};
use crate::render::charts::{adoption, network};
use crate::render::html::ChartView;

/// Formulations shown in the adoption curves (small multiples, three per row).
pub const TOP_ADOPTION: usize = 12;
/// Formulations shown on the timeline.
pub const TOP_TIMELINE: usize = 30;
/// Provinces and local units shown in the network.
pub const TOP_PROVINCES: usize = 34;
pub const TOP_LOCAL: usize = 40;
/// Edges drawn in the network, the heaviest: beyond this many, peer arcs among dozens of cities
/// cover each other and nothing can be read.
pub const TOP_EDGES: usize = 150;

/// Formulations by how many units below the centre used them (most first, ties by id).
pub fn ranked_formulations(d: &Diffusion) -> Vec<(String, String)> {
    let mut count: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in &d.first_uses {
        let e = count.entry((&f.formulation, &f.text)).or_default();
        if f.unit.level != Level::Central {
            *e += 1;
        }
    }
    let mut ranked: Vec<((&str, &str), usize)> = count.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
        .into_iter()
        .map(|((id, text), _)| (id.to_string(), text.to_string()))
        .collect()
}

fn panel_label(id: &str, text: &str) -> String {
    if text.is_empty() {
        id.to_string()
    } else {
        text.to_string()
    }
}

/// Adoption curves of the [`TOP_ADOPTION`] most adopted formulations.
pub fn adoption_chart(d: &Diffusion) -> Result<String> {
    let curves = diffusion::adoption_curves(d);
    let panels = ranked_formulations(d)
        .into_iter()
        .take(TOP_ADOPTION)
        .filter_map(|(id, text)| {
            let mine: Vec<_> = curves.iter().filter(|c| c.formulation == id).collect();
            let central_day = d
                .first_uses
                .iter()
                .find(|f| f.formulation == id && f.unit.level == Level::Central)
                .and_then(|f| f.first.date)
                .map(dates::first_day);
            let series: Vec<AdoptionSeries> = [Tier::Provinces, Tier::Local]
                .iter()
                .map(|tier| AdoptionSeries {
                    label: match tier {
                        Tier::Provinces => "省级 provinces".to_string(),
                        Tier::Local => "地方 local units".to_string(),
                    },
                    steps: mine
                        .iter()
                        .find(|c| c.tier == *tier)
                        .map(|c| c.steps.clone())
                        .unwrap_or_default(),
                })
                .collect();
            (series.iter().any(|s| !s.steps.is_empty()) || central_day.is_some()).then(|| {
                AdoptionPanel {
                    label: panel_label(&id, &text),
                    central_day,
                    series,
                }
            })
        })
        .collect();
    adoption::render(&Adoption {
        title: "采用曲线 Adoption curves (share of units that had used each formulation)"
            .to_string(),
        panels,
    })
}

/// First uses of the [`TOP_TIMELINE`] most adopted formulations on one time axis.
pub fn timeline_chart(d: &Diffusion) -> Result<String> {
    let rows = ranked_formulations(d)
        .into_iter()
        .take(TOP_TIMELINE)
        .map(|(id, text)| TimelineRow {
            label: panel_label(&id, &text),
            marks: d
                .first_uses
                .iter()
                .filter(|f| f.formulation == id)
                .filter_map(|f| {
                    let date = f.first.date?;
                    Some(Mark {
                        tier: match f.unit.level {
                            Level::Central => timeline::Tier::Central,
                            Level::Provincial => timeline::Tier::Province,
                            _ => timeline::Tier::Local,
                        },
                        first_day: dates::first_day(date),
                        last_day: dates::last_day(date),
                    })
                })
                .collect(),
        })
        .filter(|r| !r.marks.is_empty())
        .collect();
    timeline::render(&Timeline {
        title: "首次使用时间线 First uses: centre, provinces, local units".to_string(),
        rows,
    })
}

/// The unit network: the centre, the [`TOP_PROVINCES`] provinces and [`TOP_LOCAL`] local units
/// that reuse or are reused the most (characters over all their edges, ties by name), and the
/// [`TOP_EDGES`] heaviest edges between them (ties by source, then target).
pub fn network_chart(d: &Diffusion) -> Result<String> {
    let mut weight: BTreeMap<&UnitKey, usize> = BTreeMap::new();
    for e in &d.edges {
        *weight.entry(&e.source).or_default() += e.chars;
        *weight.entry(&e.target).or_default() += e.chars;
    }
    let keep = |is: &dyn Fn(&UnitKey) -> bool, cap: usize| -> Vec<&UnitKey> {
        let mut units: Vec<&UnitKey> = d.units.iter().map(|u| &u.key).filter(|k| is(k)).collect();
        units.sort_by(|a, b| {
            let (wa, wb) = (weight.get(a).copied(), weight.get(b).copied());
            wb.unwrap_or(0).cmp(&wa.unwrap_or(0)).then(a.cmp(b))
        });
        units.truncate(cap);
        units.sort();
        units
    };
    let mut kept: Vec<&UnitKey> = keep(&|k| k.level == Level::Central, 1);
    kept.extend(keep(&|k| k.level == Level::Provincial, TOP_PROVINCES));
    kept.extend(keep(&|k| k.is_local(), TOP_LOCAL));
    let index: BTreeMap<&UnitKey, usize> = kept.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let docs: BTreeMap<&UnitKey, usize> = d.units.iter().map(|u| (&u.key, u.documents)).collect();
    let nodes = kept
        .iter()
        .map(|k| NetNode {
            label: match (&k.city, k.level) {
                (Some(c), Level::Municipal) => c.clone(),
                _ => k.label(),
            },
            row: match k.level {
                Level::Central => 0,
                Level::Provincial => 1,
                _ => 2,
            },
            documents: docs.get(k).copied().unwrap_or(0),
        })
        .collect();
    let mut edges: Vec<NetEdge> = d
        .edges
        .iter()
        .filter_map(|e| {
            Some(NetEdge {
                source: *index.get(&e.source)?,
                target: *index.get(&e.target)?,
                origin: e.origin,
                chars: e.chars,
            })
        })
        .collect();
    edges.sort_by(|a, b| {
        b.chars
            .cmp(&a.chars)
            .then(a.source.cmp(&b.source))
            .then(a.target.cmp(&b.target))
    });
    edges.truncate(TOP_EDGES);
    network::render(&Network {
        title: "谁抄谁 Who copies whom (units by level; width: characters reused)".to_string(),
        nodes,
        edges,
    })
}

/// The three diffusion charts with their titles and captions.
pub fn charts(d: &Diffusion) -> Result<Vec<ChartView>> {
    let ranked = ranked_formulations(d).len();
    let view = |id: &str, zh: &str, en: &str, svg: String, caption: String| ChartView {
        id: id.to_string(),
        title_zh: zh.to_string(),
        title_en: en.to_string(),
        svg,
        caption,
    };
    Ok(vec![
        view(
            "diffusion-adoption",
            "采用曲线",
            "Adoption curves",
            adoption_chart(d)?,
            format!(
                "Share of the corpus's provinces (blue) and local units (orange) that had certainly used each formulation by each date (a month- or year-dated first use counts from its last day); vermillion line: the centre's first use. The {} most adopted of {ranked} formulations.",
                TOP_ADOPTION.min(ranked)
            ),
        ),
        view(
            "diffusion-timeline",
            "首次使用时间线",
            "First-use timeline",
            timeline_chart(d)?,
            format!(
                "Each unit's first use of each formulation: dots are days, bars are the days a partial date allows. The {} most adopted of {ranked} formulations.",
                TOP_TIMELINE.min(ranked)
            ),
        ),
        view(
            "diffusion-network",
            "谁抄谁",
            "Who copies whom",
            network_chart(d)?,
            format!(
                "Units placed by level; an edge carries the text a unit took from another (colour: origin; width: characters reused); a ring is reuse of the unit's own earlier text. The centre, up to {TOP_PROVINCES} provinces and {TOP_LOCAL} local units with the most reuse; at most {TOP_EDGES} edges, the heaviest."
            ),
        ),
    ])
}
