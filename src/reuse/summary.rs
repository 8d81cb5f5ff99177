//! Carrier summaries: for a piece of text many documents carry (a frequent shingle, a lexicon
//! formulation), the few carriers that can ever be a target's chosen source, so that a target
//! asks "which is the earliest allowed carrier of origin o?" in constant time instead of
//! scanning every carrier.
//!
//! Invariant: for any target and origin, [`CarrierSummary::earliest_allowed`] returns exactly
//! the carrier that a scan of all carriers with [`rules::reference_origin`] would pick as the
//! earliest allowed one (property-tested below). It holds because "allowed" is monotone in the
//! date (a carrier is allowed iff its earliest day is not after the target's latest day), so
//! within a group the earliest carrier is allowed whenever any is, and the groups kept (the
//! centre, each province, and the two earliest units of each level) are the only ways a
//! carrier can be central, provincial or a peer.
//!
//! For `self` (a carrier of the target's own unit that precedes it) the summary is exact when
//! the target's unit is one of its level's two earliest units: that unit's earliest carrier
//! precedes the target whenever any of its carriers does. Otherwise it answers None, although
//! an earlier carrier of the unit may exist; but then two other units of the same level carry
//! the text before it, and before the target, so with peers counted the earliest of them is an
//! allowed peer, which outranks `self` on every character of the shingle. Only without peers
//! (`peers = false`) can frequent text that the exhaustive path calls `self` stay `own` here
//! (docs/METHODS.md, "Frequent text").

use super::model::Origin;
use super::params::ReuseParams;
use super::rules::{self, Placement, Unit};
use crate::document::Level;

type EarliestKey = ((u16, u8, u8), u32);

/// The carriers of one piece of text that may be chosen as its source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CarrierSummary {
    /// Documents carrying the text.
    pub carriers: usize,
    /// The earliest central carrier.
    central: Option<u32>,
    /// The earliest provincial carrier of each province, sorted by province.
    provincial: Vec<(Option<u32>, u32)>,
    /// For each level, the earliest carriers of its two earliest units (distinct units).
    peers: [[Option<(Unit, u32)>; 2]; 5],
}

fn level_slot(level: Level) -> usize {
    Level::ALL.iter().position(|&l| l == level).unwrap_or(0)
}

impl CarrierSummary {
    /// Summarize `carriers` (document numbers, each once) placed by `placements`.
    pub fn build(carriers: impl IntoIterator<Item = u32>, placements: &[Placement]) -> Self {
        let mut s = CarrierSummary::default();
        let key = |d: u32| rules::earliest_key(&placements[d as usize], d);
        let earlier = |a: u32, b: Option<u32>| b.is_none_or(|b| key(a) < key(b));
        for d in carriers {
            s.carriers += 1;
            let p = &placements[d as usize];
            match p.level {
                Level::Central if earlier(d, s.central) => s.central = Some(d),
                Level::Provincial => {
                    match s.provincial.binary_search_by_key(&p.province, |x| x.0) {
                        Ok(i) if earlier(d, Some(s.provincial[i].1)) => s.provincial[i].1 = d,
                        Ok(_) => {}
                        Err(i) => s.provincial.insert(i, (p.province, d)),
                    }
                }
                _ => {}
            }
            s.offer_peer(p.level, p.unit(d), d, key);
        }
        s
    }

    /// Keep `d` among its level's peers if it is the earliest of its unit and its unit is one
    /// of the level's two earliest.
    fn offer_peer(&mut self, level: Level, unit: Unit, d: u32, key: impl Fn(u32) -> EarliestKey) {
        let slot = &mut self.peers[level_slot(level)];
        match slot.iter().position(|x| x.is_some_and(|(u, _)| u == unit)) {
            Some(i) => {
                if slot[i].is_some_and(|(_, best)| key(d) < key(best)) {
                    slot[i] = Some((unit, d));
                }
            }
            None => {
                if slot[0].is_none_or(|(_, b)| key(d) < key(b)) {
                    slot[1] = slot[0];
                    slot[0] = Some((unit, d));
                } else if slot[1].is_none_or(|(_, b)| key(d) < key(b)) {
                    slot[1] = Some((unit, d));
                }
            }
        }
        if let [Some(a), Some(b)] = *slot
            && key(b.1) < key(a.1)
        {
            slot.swap(0, 1);
        }
    }

    /// The earliest carrier that is a source of `origin` for `target` (document `t`), if any.
    pub fn earliest_allowed(
        &self,
        target: (&Placement, u32),
        origin: Origin,
        placements: &[Placement],
        params: &ReuseParams,
    ) -> Option<u32> {
        let (tp, _) = target;
        let allowed = |d: u32| {
            rules::reference_origin(target, (&placements[d as usize], d), params) == Some(origin)
        };
        match origin {
            Origin::Central => self.central.filter(|&d| allowed(d)),
            Origin::Provincial => {
                let i = self
                    .provincial
                    .binary_search_by_key(&tp.province, |x| x.0)
                    .ok()?;
                Some(self.provincial[i].1).filter(|&d| allowed(d))
            }
            Origin::Peer => {
                let own_unit = tp.unit(target.1);
                // The earliest carrier outside the target's unit: the first of the two kept.
                self.peers[level_slot(tp.level)]
                    .iter()
                    .flatten()
                    .find(|(u, _)| *u != own_unit)
                    .map(|&(_, d)| d)
                    .filter(|&d| allowed(d))
            }
            Origin::SelfReuse => {
                let own_unit = tp.unit(target.1);
                // The earliest carrier of the target's own unit, if its unit is one of the two
                // kept; otherwise two other units carry the text earlier, and they are peers
                // that outrank `self` whenever peers count (see the module comment).
                self.peers[level_slot(tp.level)]
                    .iter()
                    .flatten()
                    .find(|(u, _)| *u == own_unit)
                    .map(|&(_, d)| d)
                    .filter(|&d| allowed(d))
            }
            Origin::Own => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::document::{DocDate, DocMeta};
    use crate::reuse::rules::Placements;

    const LEVELS: [Level; 4] = [
        Level::Central,
        Level::Provincial,
        Level::Municipal,
        Level::County,
    ];
    const PROVINCES: [Option<&str>; 3] = [Some("江苏省"), Some("四川省"), None];
    const CITIES: [Option<&str>; 3] = [Some("无锡市"), Some("南通市"), None];

    fn meta(level: usize, province: usize, city: usize, date: Option<(u8, bool)>) -> DocMeta {
        DocMeta {
            id: String::new(),
            level: LEVELS[level],
            province: PROVINCES[province].map(str::to_string),
            city: CITIES[city].map(str::to_string),
            // Month precision or a whole year, so that partial dates overlap.
            date: date.map(|(m, year_only)| {
                let s = if year_only {
                    "2022".to_string()
                } else {
                    format!("2022-{m:02}")
                };
                s.parse::<DocDate>().expect("test date")
            }),
            title: String::new(),
        }
    }

    fn doc_strategy() -> impl Strategy<Value = DocMeta> {
        (
            0..4usize,
            0..3usize,
            0..3usize,
            proptest::option::of((1..=12u8, any::<bool>())),
        )
            .prop_map(|(l, p, c, d)| meta(l, p, c, d))
    }

    proptest! {
        /// The summary's answer is the earliest allowed carrier a scan of every carrier finds.
        #[test]
        fn earliest_allowed_matches_a_scan_of_every_carrier(
            metas in proptest::collection::vec(doc_strategy(), 1..24),
            carrier_mask in proptest::collection::vec(any::<bool>(), 24),
            target in 0usize..24,
            peers in any::<bool>(),
            respect_dates in any::<bool>(),
        ) {
            let placements = Placements::new(metas.iter());
            let carriers: Vec<u32> = (0..metas.len() as u32)
                .filter(|&d| carrier_mask[d as usize])
                .collect();
            let summary = CarrierSummary::build(carriers.iter().copied(), &placements.of);
            prop_assert_eq!(summary.carriers, carriers.len());
            let params = ReuseParams { peers, respect_dates, ..ReuseParams::default() };
            let t = (target % metas.len()) as u32;
            let tp = placements.of[t as usize];
            let scan = |origin: Origin| {
                carriers
                    .iter()
                    .copied()
                    .filter(|&d| {
                        rules::reference_origin((&tp, t), (&placements.of[d as usize], d), &params)
                            == Some(origin)
                    })
                    .min_by_key(|&d| rules::earliest_key(&placements.of[d as usize], d))
            };
            for origin in [Origin::Central, Origin::Provincial, Origin::Peer] {
                let got = summary.earliest_allowed((&tp, t), origin, &placements.of, &params);
                prop_assert_eq!(got, scan(origin), "origin {:?}", origin);
            }
            // `self`: exact, or None where an allowed peer outranks it (module comment); only
            // without peers may a `self` carrier go unseen.
            let got = summary.earliest_allowed((&tp, t), Origin::SelfReuse, &placements.of, &params);
            let want = scan(Origin::SelfReuse);
            if got != want {
                prop_assert_eq!(got, None);
                prop_assert!(!peers || scan(Origin::Peer).is_some(), "self missed without a peer");
            }
            if peers {
                prop_assert!(got == want || scan(Origin::Peer).is_some());
            }
        }
    }
}
