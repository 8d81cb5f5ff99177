//! The frequent path: text whose shingles more than `max_carriers` documents carry is
//! attributed from carrier summaries, never aligned against every carrier.
//!
//! For each origin, a *run* is a maximal stretch of consecutive target positions whose
//! shingles are all frequent and each have an allowed carrier of that origin; a run of at
//! least `min_passage` characters is attributed to the origin. Its passage names one
//! representative source: among the earliest allowed carriers of the run's shingles (at most
//! [`CANDIDATES`] of them, in target order), the one holding the most of the run's shingles,
//! ties to the earliest. Source offsets and identity come from aligning the run with it.

use super::align::{self, AlignParams, Aligned};
use super::engine::{ReuseEngine, Target};
use super::model::Origin;
use super::params::ReuseParams;
use super::rules;

/// Candidate representatives examined per run.
pub const CANDIDATES: usize = 16;

/// A run of frequent text attributed to `origin`, with its representative source.
pub struct Run {
    pub origin: Origin,
    pub source: u32,
    pub aligned: Aligned,
}

const ORIGINS: [Origin; 4] = [
    Origin::Central,
    Origin::Provincial,
    Origin::Peer,
    Origin::SelfReuse,
];

/// Runs of every origin, in (origin, target start) order.
pub(super) fn runs(
    engine: &ReuseEngine,
    target: &Target,
    params: &ReuseParams,
    max_carriers: usize,
) -> Vec<Run> {
    if max_carriers == usize::MAX {
        return Vec::new();
    }
    let n = target.shingles.len();
    // The earliest allowed carrier of each origin at each position (None: not frequent there,
    // or no allowed carrier).
    let mut chosen: [Vec<Option<u32>>; 4] = std::array::from_fn(|_| vec![None; n]);
    for (t, id) in target.shingles.iter().enumerate() {
        let Some(id) = *id else { continue };
        if engine.index.df(id) <= max_carriers {
            continue;
        }
        let summary = engine.summary(id);
        // The index keys shingles by hash: a carrier of a collided key, or of a hash that a
        // target outside the index happens to share, must be checked to hold this shingle.
        let verify = engine.index.collided(id) || !target.indexed();
        for (o, origin) in ORIGINS.iter().enumerate() {
            chosen[o][t] = summary
                .earliest_allowed(
                    (&target.placement, target.number),
                    *origin,
                    &engine.placements.of,
                    params,
                )
                .filter(|&d| !verify || !engine.positions_in(target, t, d).is_empty());
        }
    }
    let k = engine.index.k();
    let mut out = Vec::new();
    for (o, origin) in ORIGINS.iter().enumerate() {
        let mut t = 0;
        while t < n {
            if chosen[o][t].is_none() {
                t += 1;
                continue;
            }
            let start = t;
            while t < n && chosen[o][t].is_some() {
                t += 1;
            }
            // The run covers t - start + k - 1 characters.
            if t - start + k > params.align.min_passage {
                out.push(represent(engine, target, *origin, start..t, &chosen[o]));
            }
        }
    }
    out
}

/// The run at positions `positions` with its representative source and alignment.
fn represent(
    engine: &ReuseEngine,
    target: &Target,
    origin: Origin,
    positions: std::ops::Range<usize>,
    chosen: &[Option<u32>],
) -> Run {
    let mut candidates: Vec<u32> = Vec::new();
    for d in chosen[positions.clone()].iter().flatten() {
        if candidates.len() == CANDIDATES {
            break;
        }
        if !candidates.contains(d) {
            candidates.push(*d);
        }
    }
    let placements = &engine.placements.of;
    let seeds_of = |d: u32| -> Vec<(usize, usize)> {
        positions
            .clone()
            .flat_map(|t| {
                engine
                    .positions_in(target, t, d)
                    .into_iter()
                    .map(move |s| (t, s))
            })
            .collect()
    };
    let best = candidates
        .iter()
        .map(|&d| (d, seeds_of(d)))
        .max_by(|(a, sa), (b, sb)| {
            let held = |s: &[(usize, usize)]| {
                let mut ts: Vec<usize> = s.iter().map(|x| x.0).collect();
                ts.dedup();
                ts.len()
            };
            held(sa).cmp(&held(sb)).then_with(|| {
                rules::earliest_key(&placements[*b as usize], *b)
                    .cmp(&rules::earliest_key(&placements[*a as usize], *a))
            })
        });
    let k = engine.index.k();
    let t_start = positions.start;
    let t_end = positions.end - 1 + k;
    let (source, seeds) = best.unwrap_or((chosen[t_start].unwrap_or(0), Vec::new()));
    // The representative's best chain inside the run gives the source span and the matches.
    let loose = AlignParams {
        shingle: k,
        min_passage: k,
        min_identity: 0.0,
        ..AlignParams::default()
    };
    let chain = align::chain(&align::fragments(seeds, k), &loose)
        .into_iter()
        .max_by_key(|a| (a.matched, std::cmp::Reverse(a.t_start)));
    let (s_start, s_end, matched) = chain.map_or((0, 0, 0), |a| (a.s_start, a.s_end, a.matched));
    Run {
        origin,
        source,
        aligned: Aligned {
            t_start,
            t_end,
            s_start,
            s_end,
            matched: matched.min(t_end - t_start),
        },
    }
}
