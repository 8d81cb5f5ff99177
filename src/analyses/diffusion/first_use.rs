//! First use of every formulation in every unit: the date and document, the lag after the
//! centre's first use (and after the province's, for a unit below it), and whether the first
//! use came inside text the unit copied from a higher level.
//!
//! A unit's first use is its earliest *dated* document using the formulation (earliest possible
//! day, then corpus order); undated documents are first uses only when the unit has no dated
//! one, and then carry no date and no lag.

use std::collections::BTreeMap;

use serde::Serialize;

use super::dates::{self, Lag};
use super::units::UnitKey;
use crate::document::{DocDate, DocMeta};
use crate::reuse::projection::project_phrase;
use crate::reuse::{DocReuse, Origin, PassageKind, ReuseReport};

/// Where and when a formulation was first used by some unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Anchor {
    pub date: Option<DocDate>,
    pub document: String,
}

/// The higher-level passage a first use lies in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Copied {
    pub origin: Origin,
    pub source_id: String,
}

/// One formulation's first use in one unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirstUse {
    pub formulation: String,
    pub text: String,
    pub unit: UnitKey,
    pub first: Anchor,
    /// Documents of the unit using the formulation, and its hits in them.
    pub documents: usize,
    pub hits: usize,
    /// The centre's first use, and this unit's lag after it (None: no central use, or an
    /// undated side).
    pub central: Option<Anchor>,
    pub lag_central: Option<Lag>,
    /// For a unit below the province: the province's first use and the lag after it.
    pub province: Option<Anchor>,
    pub lag_province: Option<Lag>,
    /// The first use lies inside a central or provincial aligned or frequent passage.
    pub copied: Option<Copied>,
}

/// A unit's uses of one formulation: (document number, hits), in corpus order.
type Uses = Vec<(usize, usize)>;

/// First uses of every formulation by every unit, by formulation id then unit.
pub fn first_uses(metas: &[DocMeta], report: &ReuseReport) -> Vec<FirstUse> {
    let mut uses: BTreeMap<&str, BTreeMap<UnitKey, Uses>> = BTreeMap::new();
    let mut texts: BTreeMap<&str, &str> = BTreeMap::new();
    for (i, (meta, doc)) in metas.iter().zip(&report.documents).enumerate() {
        let Some(unit) = UnitKey::of(meta) else {
            continue;
        };
        for f in &doc.formulations {
            texts.insert(f.id.as_str(), f.text.as_str());
            uses.entry(f.id.as_str())
                .or_default()
                .entry(unit.clone())
                .or_default()
                .push((i, f.count));
        }
    }
    let mut out = Vec::new();
    for (formulation, by_unit) in &uses {
        let first: BTreeMap<&UnitKey, usize> = by_unit
            .iter()
            .map(|(u, docs)| (u, earliest(metas, docs)))
            .collect();
        let anchor = |d: usize| Anchor {
            date: metas[d].date,
            document: metas[d].id.clone(),
        };
        let central = by_unit
            .keys()
            .find(|u| u.level == crate::document::Level::Central)
            .and_then(|u| first.get(u).copied());
        for (unit, docs) in by_unit {
            let d = first[unit];
            let province = unit.province_unit().and_then(|p| first.get(&p).copied());
            let is_central = Some(d) == central;
            let lag_after = |from: Option<usize>| {
                let from = from.filter(|_| !is_central)?;
                Some(dates::lag(metas[d].date?, metas[from].date?))
            };
            out.push(FirstUse {
                formulation: formulation.to_string(),
                text: texts.get(formulation).copied().unwrap_or("").to_string(),
                unit: unit.clone(),
                first: anchor(d),
                documents: docs.len(),
                hits: docs.iter().map(|x| x.1).sum(),
                central: central.filter(|_| !is_central).map(anchor),
                lag_central: lag_after(central),
                province: province.map(anchor),
                lag_province: lag_after(province),
                copied: copied_at(&report.documents[d], formulation),
            });
        }
    }
    out
}

/// The first use among `docs`: the earliest dated one, else the first in corpus order.
fn earliest(metas: &[DocMeta], docs: &Uses) -> usize {
    docs.iter()
        .filter_map(|&(d, _)| metas[d].date.map(|date| ((date.earliest(), d), d)))
        .min()
        .map_or(docs[0].0, |(_, d)| d)
}

/// The highest-precedence central or provincial text passage holding a hit of `formulation`
/// and more: a passage that is only the formulation (a long one aligns on its own) is the use
/// itself, not evidence that text around it was copied.
fn copied_at(doc: &DocReuse, formulation: &str) -> Option<Copied> {
    doc.hits
        .iter()
        .filter(|h| h.formulation == formulation)
        .flat_map(|h| {
            let hit_len = project_phrase(&h.text).chars().count();
            doc.passages.iter().filter(move |p| {
                p.kind != PassageKind::Formulation
                    && matches!(p.origin, Origin::Central | Origin::Provincial)
                    && p.target_start <= h.start
                    && h.end <= p.target_end
                    && p.length > hit_len
            })
        })
        .min_by_key(|p| (p.origin, p.target_start))
        .map(|p| Copied {
            origin: p.origin,
            source_id: p.source_id.clone(),
        })
}
