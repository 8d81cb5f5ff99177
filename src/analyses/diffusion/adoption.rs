//! Adoption curves: for each formulation, the cumulative share of provinces and of local units
//! (cities, counties) that had certainly used it, by day. A unit counts from the last day its
//! first use's date allows (`2022-04` counts from 30 April): the curve never shows an adoption
//! earlier than the dates prove.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Diffusion;
use super::dates;
use crate::document::Level;

/// Which units a curve counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Provinces,
    Local,
}

impl Tier {
    pub fn of(level: Level) -> Option<Tier> {
        match level {
            Level::Central => None,
            Level::Provincial => Some(Tier::Provinces),
            _ => Some(Tier::Local),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Provinces => "provinces",
            Tier::Local => "local",
        }
    }
}

/// One formulation's adoption among the units of one tier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdoptionCurve {
    pub formulation: String,
    pub text: String,
    pub tier: Tier,
    /// Units of the tier in the corpus (the denominator).
    pub units: usize,
    /// (day number, cumulative share) at each day some unit adopted, ascending.
    pub steps: Vec<(i64, f64)>,
    /// Adopting units whose first use is undated (not on the curve).
    pub undated: usize,
    /// The centre's first use (its first possible day), if in the corpus and dated.
    pub central_day: Option<i64>,
}

/// Curves of every formulation with at least one dated adopter, by formulation id then tier.
pub fn adoption_curves(d: &Diffusion) -> Vec<AdoptionCurve> {
    let mut denominators: BTreeMap<Tier, usize> = BTreeMap::new();
    for u in &d.units {
        if let Some(tier) = Tier::of(u.key.level) {
            *denominators.entry(tier).or_default() += 1;
        }
    }
    // (formulation, tier) → (text, adoption days, undated, central day)
    type Acc = (String, Vec<i64>, usize, Option<i64>);
    let mut acc: BTreeMap<(String, Tier), Acc> = BTreeMap::new();
    for f in &d.first_uses {
        let Some(tier) = Tier::of(f.unit.level) else {
            continue;
        };
        let central_day = f
            .central
            .as_ref()
            .and_then(|c| c.date)
            .map(dates::first_day);
        let e = acc
            .entry((f.formulation.clone(), tier))
            .or_insert_with(|| (f.text.clone(), Vec::new(), 0, central_day));
        match f.first.date {
            Some(date) => e.1.push(dates::last_day(date)),
            None => e.2 += 1,
        }
    }
    acc.into_iter()
        .filter(|(_, (_, days, _, _))| !days.is_empty())
        .map(
            |((formulation, tier), (text, mut days, undated, central_day))| {
                days.sort_unstable();
                let units = denominators.get(&tier).copied().unwrap_or(0).max(1);
                let mut steps: Vec<(i64, f64)> = Vec::new();
                for (i, day) in days.iter().enumerate() {
                    let share = (i + 1) as f64 / units as f64;
                    match steps.last_mut() {
                        Some(last) if last.0 == *day => last.1 = share,
                        _ => steps.push((*day, share)),
                    }
                }
                AdoptionCurve {
                    formulation,
                    text,
                    tier,
                    units,
                    steps,
                    undated,
                    central_day,
                }
            },
        )
        .collect()
}
