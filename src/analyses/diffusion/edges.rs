//! Who copies whom: reuse passages aggregated into edges between units (source unit → target
//! unit, by origin), with characters, passages, documents and the median lag.
//!
//! Only text passages count (kind `aligned` or `frequent`): a formulation passage says a
//! formulation was used, not that text was copied from its backing document.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::dates;
use super::units::UnitKey;
use crate::document::DocMeta;
use crate::reuse::{Origin, PassageKind, ReuseReport};

/// Reuse from one unit into another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    pub source: UnitKey,
    pub target: UnitKey,
    pub origin: Origin,
    /// Content characters of the targets inside the passages (overlaps counted once per
    /// passage).
    pub chars: usize,
    pub passages: usize,
    /// Target documents holding the passages, and source documents they come from.
    pub documents: usize,
    pub source_documents: usize,
    /// Passages whose target and source dates both name one day, and their median lag.
    pub dated_passages: usize,
    pub median_lag_days: Option<f64>,
}

#[derive(Default)]
struct Tally {
    chars: usize,
    passages: usize,
    targets: BTreeSet<usize>,
    sources: BTreeSet<usize>,
    lags: Vec<i64>,
}

/// Edges between units, by (source, target, origin).
pub fn edges(metas: &[DocMeta], report: &ReuseReport) -> Vec<Edge> {
    let index: BTreeMap<&str, usize> = metas
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    let mut tallies: BTreeMap<(UnitKey, UnitKey, Origin), Tally> = BTreeMap::new();
    for (t, (meta, doc)) in metas.iter().zip(&report.documents).enumerate() {
        let Some(target) = UnitKey::of(meta) else {
            continue;
        };
        for p in &doc.passages {
            if p.kind == PassageKind::Formulation || p.origin == Origin::Own {
                continue;
            }
            let Some(&s) = index.get(p.source_id.as_str()) else {
                continue;
            };
            let Some(source) = UnitKey::of(&metas[s]) else {
                continue;
            };
            let tally = tallies
                .entry((source, target.clone(), p.origin))
                .or_default();
            tally.chars += p.length;
            tally.passages += 1;
            tally.targets.insert(t);
            tally.sources.insert(s);
            if let (Some(a), Some(b)) = (meta.date, metas[s].date)
                && let Some(days) = dates::lag(a, b).days
            {
                tally.lags.push(days);
            }
        }
    }
    tallies
        .into_iter()
        .map(|((source, target, origin), t)| Edge {
            source,
            target,
            origin,
            chars: t.chars,
            passages: t.passages,
            documents: t.targets.len(),
            source_documents: t.sources.len(),
            dated_passages: t.lags.len(),
            median_lag_days: median(t.lags),
        })
        .collect()
}

/// The median (mean of the two middle values for an even count).
fn median(mut v: Vec<i64>) -> Option<f64> {
    v.sort_unstable();
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2] as f64),
        _ => Some((v[n / 2 - 1] + v[n / 2]) as f64 / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![9, 1, 5]), Some(5.0));
        assert_eq!(median(vec![4, 1, 10, 2]), Some(3.0));
    }
}
