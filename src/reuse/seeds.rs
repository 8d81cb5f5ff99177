//! The rare path: shingles carried by at most `max_carriers` documents seed a pairwise
//! alignment with every allowed carrier, as in the exhaustive method. A source found this way
//! is then followed over the *frequent* shingles around its seeds that it also carries, so
//! that a copied sentence mixing rare and boilerplate words aligns as one edit-tolerant passage.

use std::collections::BTreeMap;

use super::align::{self, Aligned};
use super::engine::{ReuseEngine, Target};
use super::params::ReuseParams;

/// Passages against every document seeded by a rare shingle, in (document, target start) order.
pub(super) fn aligned(
    engine: &ReuseEngine,
    target: &Target,
    params: &ReuseParams,
    max_carriers: usize,
) -> Vec<(u32, Aligned)> {
    let k = engine.index.k();
    let mut seeds: BTreeMap<u32, Vec<(usize, usize)>> = BTreeMap::new();
    for (t, id) in target.shingles.iter().enumerate() {
        let Some(id) = *id else { continue };
        if engine.index.df(id) > max_carriers {
            continue;
        }
        let window = &target.projection.chars[t..t + k];
        // A target that is not indexed may hold a shingle that only shares a hash.
        let verify = engine.index.collided(id) || !target.indexed();
        // Postings are sorted by document: ask the rules once per document.
        let mut current: Option<(u32, bool)> = None;
        for posting in engine.index.postings(id) {
            let (doc, pos) = (posting.doc, posting.pos as usize);
            let allowed = match current {
                Some((d, allowed)) if d == doc => allowed,
                _ => {
                    let allowed = engine.origin_of(target, doc, params).is_some();
                    current = Some((doc, allowed));
                    allowed
                }
            };
            if !allowed
                || (verify && engine.projections[doc as usize].chars[pos..pos + k] != *window)
            {
                continue;
            }
            seeds.entry(doc).or_default().push((t, pos));
        }
    }
    let reach = k + params.align.max_gap;
    seeds
        .into_iter()
        .flat_map(|(doc, mut s)| {
            if max_carriers != usize::MAX {
                let extension = follow_frequent(engine, target, doc, &s, reach, max_carriers);
                s.extend(extension);
            }
            let source = &engine.projections[doc as usize].chars;
            let target_chars = &target.projection.chars;
            align::chain_extended(&align::fragments(s, k), target_chars, source, &params.align)
                .into_iter()
                .map(move |a| (doc, a))
        })
        .collect()
}

/// Seeds of `doc` at frequent target positions within `reach` of its other seeds, walking
/// outward from the rare seeds in both directions (each found seed extends the reach).
fn follow_frequent(
    engine: &ReuseEngine,
    target: &Target,
    doc: u32,
    rare: &[(usize, usize)],
    reach: usize,
    max_carriers: usize,
) -> Vec<(usize, usize)> {
    let n = target.shingles.len();
    let mut anchors: Vec<usize> = rare.iter().map(|&(t, _)| t).collect();
    anchors.sort_unstable();
    anchors.dedup();
    let frequent =
        |t: usize| target.shingles[t].is_some_and(|id| engine.index.df(id) > max_carriers);
    let mut found: Vec<(usize, usize)> = Vec::new();
    let visit = |t: usize, found: &mut Vec<(usize, usize)>| -> bool {
        if !frequent(t) {
            return false;
        }
        let positions = engine.positions_in(target, t, doc);
        let hit = !positions.is_empty();
        found.extend(positions.into_iter().map(|pos| (t, pos)));
        hit
    };
    // Forward: from each anchor, on while a seed lies within reach.
    let mut last_forward: Option<usize> = None;
    for &a in &anchors {
        let from = match last_forward {
            Some(l) if l >= a => l,
            _ => a,
        };
        let mut last = a.max(from);
        let mut t = from + 1;
        while t < n && t <= last + reach {
            if anchors.binary_search(&t).is_ok() || visit(t, &mut found) {
                last = t;
            }
            t += 1;
        }
        last_forward = Some(t.saturating_sub(1));
    }
    // Backward: the same from each anchor towards the start.
    let mut last_backward: Option<usize> = None;
    for &a in anchors.iter().rev() {
        let from = match last_backward {
            Some(l) if l <= a => l,
            _ => a,
        };
        let mut last = a.min(from);
        let mut t = from;
        while t > 0 && t - 1 + reach >= last {
            t -= 1;
            if anchors.binary_search(&t).is_ok() || visit(t, &mut found) {
                last = t;
            }
        }
        last_backward = Some(t);
    }
    found
}
