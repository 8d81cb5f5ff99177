//! Who may be a source for whom: the reference and formulation rules (level × province × city ×
//! date → origin). The one definition of these rules; summaries and the engine only ask them.
//!
//! Documents are compared through [`Placement`]s, their metadata with province and city names
//! interned, so the rules cost a few integer comparisons however large the corpus.

use std::collections::BTreeMap;

use super::model::Origin;
use super::params::ReuseParams;
use crate::document::{DocDate, DocMeta, Level};

/// Interned name (province or city).
pub type NameId = u32;

/// Ids for names, in order of first appearance (deterministic for a given corpus order).
#[derive(Debug, Default, Clone)]
pub struct Names {
    ids: BTreeMap<String, NameId>,
}

impl Names {
    fn intern(&mut self, name: &str) -> NameId {
        let next = self.ids.len() as NameId;
        *self.ids.entry(name.to_string()).or_insert(next)
    }

    /// The id of `name`, or an id that no interned name has (a name the corpus never uses).
    fn lookup(&self, name: &str) -> NameId {
        self.ids.get(name).copied().unwrap_or(NameId::MAX)
    }
}

/// Where and when a document (or a formulation) was issued, with names interned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub level: Level,
    pub province: Option<NameId>,
    pub city: Option<NameId>,
    pub date: Option<DocDate>,
}

/// Placements of a set of documents, sharing one table of names.
#[derive(Debug, Default, Clone)]
pub struct Placements {
    provinces: Names,
    cities: Names,
    pub of: Vec<Placement>,
}

impl Placements {
    pub fn new<'a>(metas: impl IntoIterator<Item = &'a DocMeta>) -> Self {
        let mut p = Placements::default();
        for m in metas {
            let placement = Placement {
                level: m.level,
                province: m.province.as_deref().map(|n| p.provinces.intern(n)),
                city: m.city.as_deref().map(|n| p.cities.intern(n)),
                date: m.date,
            };
            p.of.push(placement);
        }
        p
    }

    /// The placement of a document that is not one of the indexed documents.
    pub fn place(&self, m: &DocMeta) -> Placement {
        Placement {
            level: m.level,
            province: m.province.as_deref().map(|n| self.provinces.lookup(n)),
            city: m.city.as_deref().map(|n| self.cities.lookup(n)),
            date: m.date,
        }
    }

    /// The placement of a formulation of `level` issued by `province`.
    pub fn formulation(&self, level: Level, province: Option<&str>) -> Placement {
        Placement {
            level,
            province: province.map(|n| self.provinces.lookup(n)),
            city: None,
            date: None,
        }
    }
}

/// The unit a document speaks for: documents of one unit are each other's own voice, never
/// sources. Central documents form one unit; provincial ones one per province; municipal,
/// county and other documents one per (province, city). A missing province or city is a value
/// like any other (two documents of 某市 without a province share a unit), except that a
/// document below the province without a city is a unit of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    Central,
    Province(Option<NameId>),
    City {
        level: Level,
        province: Option<NameId>,
        city: NameId,
    },
    Alone(u32),
}

impl Placement {
    /// The unit of this placement when it is document number `doc`.
    pub fn unit(&self, doc: u32) -> Unit {
        match (self.level, self.city) {
            (Level::Central, _) => Unit::Central,
            (Level::Provincial, _) => Unit::Province(self.province),
            (level, Some(city)) => Unit::City {
                level,
                province: self.province,
                city,
            },
            (_, None) => Unit::Alone(doc),
        }
    }

    /// Dates allow `reference` as a source of `self` unless it certainly lies after it.
    fn date_allows(&self, reference: &Placement, params: &ReuseParams) -> bool {
        match (self.date, reference.date) {
            (Some(t), Some(r)) if params.respect_dates => !r.certainly_after(t),
            _ => true,
        }
    }
}

/// Is document `reference` (number `r`) a source for document `target` (number `t`), and of
/// which origin? A document of the target's own unit that precedes it ([`earliest_key`]) is a
/// `self` source (跨时抄); later ones are not sources. Lower levels never count, and a
/// reference certainly dated after the target is ignored when dates are respected.
pub fn reference_origin(
    target: (&Placement, u32),
    reference: (&Placement, u32),
    params: &ReuseParams,
) -> Option<Origin> {
    let ((t, ti), (r, ri)) = (target, reference);
    if ti == ri || !t.date_allows(r, params) {
        return None;
    }
    let same_unit = t.unit(ti) == r.unit(ri);
    if same_unit {
        return (earliest_key(r, ri) < earliest_key(t, ti)).then_some(Origin::SelfReuse);
    }
    match (r.level, t.level) {
        (Level::Central, Level::Central) => None,
        (Level::Central, _) => Some(Origin::Central),
        (Level::Provincial, Level::Central) => None,
        (Level::Provincial, Level::Provincial) => params.peers.then_some(Origin::Peer),
        (Level::Provincial, _) => {
            (t.province.is_some() && t.province == r.province).then_some(Origin::Provincial)
        }
        (rl, tl) if rl == tl => params.peers.then_some(Origin::Peer),
        _ => None,
    }
}

/// The origin a formulation of `formulation.level` (and province) counts as in `target`.
/// Formulations are not dated sources: their level says where they come from.
pub fn formulation_origin(target: &Placement, formulation: &Placement) -> Option<Origin> {
    match (formulation.level, target.level) {
        (Level::Central, Level::Central) => None,
        (Level::Central, _) => Some(Origin::Central),
        (Level::Provincial, Level::Central | Level::Provincial) => None,
        (Level::Provincial, _) => (formulation.province.is_some()
            && target.province == formulation.province)
            .then_some(Origin::Provincial),
        _ => None,
    }
}

/// Sort key "earliest first": the earliest possible day (undated documents first, as they may
/// be the oldest), then corpus order. Within a unit it is also what "earlier" means for `self`.
pub fn earliest_key(p: &Placement, doc: u32) -> ((u16, u8, u8), u32) {
    (p.date.map_or((0, 0, 0), |d| d.earliest()), doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(level: Level, province: Option<&str>, city: Option<&str>, date: &str) -> DocMeta {
        DocMeta {
            id: "x".into(),
            level,
            province: province.map(str::to_string),
            city: city.map(str::to_string),
            date: (!date.is_empty()).then(|| date.parse().expect("test date")),
            title: String::new(),
        }
    }

    fn origin(target: &DocMeta, reference: &DocMeta, params: &ReuseParams) -> Option<Origin> {
        let p = Placements::new([target, reference]);
        reference_origin((&p.of[0], 0), (&p.of[1], 1), params)
    }

    use Level::{Central as C, County as K, Municipal as M, Provincial as P};
    const JS: Option<&str> = Some("江苏省");
    const SC: Option<&str> = Some("四川省");
    const WX: Option<&str> = Some("无锡市");
    const NT: Option<&str> = Some("南通市");

    /// The reference table of docs/METHODS.md ("References"), row by row.
    #[test]
    fn reference_table() {
        let d = ReuseParams::default();
        let no_peers = ReuseParams {
            peers: false,
            ..ReuseParams::default()
        };
        #[rustfmt::skip]
        let rows: &[(DocMeta, DocMeta, &ReuseParams, Option<Origin>)] = &[
            // reference central: a source of every lower level, never of the centre
            (meta(M, JS, WX, ""), meta(C, None, None, ""), &d, Some(Origin::Central)),
            (meta(P, JS, None, ""), meta(C, None, None, ""), &d, Some(Origin::Central)),
            (meta(C, None, None, ""), meta(C, None, None, ""), &d, None),
            // provincial reference: own province's cities and counties; other provinces are peers
            (meta(M, JS, WX, ""), meta(P, JS, None, ""), &d, Some(Origin::Provincial)),
            (meta(K, JS, None, ""), meta(P, JS, None, ""), &d, Some(Origin::Provincial)),
            (meta(M, SC, WX, ""), meta(P, JS, None, ""), &d, None),
            (meta(P, SC, None, ""), meta(P, JS, None, ""), &d, Some(Origin::Peer)),
            (meta(P, SC, None, ""), meta(P, JS, None, ""), &no_peers, None),
            (meta(C, None, None, ""), meta(P, JS, None, ""), &d, None),
            // same level: other cities are peers, one's own city is one's own voice
            (meta(M, JS, WX, ""), meta(M, JS, NT, ""), &d, Some(Origin::Peer)),
            (meta(M, JS, WX, ""), meta(M, SC, NT, ""), &d, Some(Origin::Peer)),
            (meta(M, JS, WX, ""), meta(M, JS, NT, ""), &no_peers, None),
            // lower levels never count
            (meta(M, JS, WX, ""), meta(K, JS, NT, ""), &d, None),
            (meta(P, JS, None, ""), meta(M, JS, WX, ""), &d, None),
            // without a province: no provincial source; one city without a province is one unit
            (meta(M, None, WX, ""), meta(P, JS, None, ""), &d, None),
            (meta(M, None, WX, ""), meta(M, None, NT, ""), &d, Some(Origin::Peer)),
            // without a city: a unit of its own
            (meta(M, JS, None, ""), meta(M, JS, None, ""), &d, Some(Origin::Peer)),
            // dates: a reference certainly after the target is ignored; partial dates overlap
            (meta(M, JS, WX, "2022-04-26"), meta(C, None, None, "2022-05-01"), &d, None),
            (meta(M, JS, WX, "2022-04-26"), meta(C, None, None, "2022"), &d, Some(Origin::Central)),
            (meta(M, JS, WX, "2022-04-26"), meta(C, None, None, "2022-04-26"), &d, Some(Origin::Central)),
            (meta(M, JS, WX, ""), meta(C, None, None, "2022-05-01"), &d, Some(Origin::Central)),
            // same unit: an earlier document is `self`, a later one is no source (the target
            // is document 0, the reference document 1: undated or same day, corpus order rules)
            (meta(M, JS, WX, "2022-04-26"), meta(M, JS, WX, "2022-04-01"), &d, Some(Origin::SelfReuse)),
            (meta(M, JS, WX, "2022-04-26"), meta(M, JS, WX, "2022-05-01"), &d, None),
            (meta(M, JS, WX, "2022-04-26"), meta(M, JS, WX, "2022-04-26"), &d, None),
            (meta(M, JS, WX, "2022-04-26"), meta(M, JS, WX, "2022"), &d, Some(Origin::SelfReuse)),
            (meta(M, JS, WX, "2022-04-26"), meta(M, JS, WX, ""), &d, Some(Origin::SelfReuse)),
            (meta(M, JS, WX, ""), meta(M, JS, WX, ""), &d, None),
            (meta(M, JS, WX, "2022-04-26"), meta(M, JS, WX, "2022-04-01"), &no_peers, Some(Origin::SelfReuse)),
            (meta(P, JS, None, "2022-04-26"), meta(P, JS, None, "2022-03-01"), &d, Some(Origin::SelfReuse)),
            (meta(P, JS, None, "2022-03-01"), meta(P, JS, None, "2022-04-26"), &d, None),
            (meta(C, None, None, "2022-04-26"), meta(C, None, None, "2022-03-01"), &d, Some(Origin::SelfReuse)),
            (meta(M, None, WX, "2022-04-26"), meta(M, None, WX, "2022-03-01"), &d, Some(Origin::SelfReuse)),
            // a city's municipal and county documents are different units
            (meta(K, JS, WX, "2022-04-26"), meta(M, JS, WX, "2022-03-01"), &d, None),
            // below the province without a city: a unit of its own, so another such is a peer
            (meta(M, JS, None, "2022-04-26"), meta(M, JS, None, "2022-03-01"), &d, Some(Origin::Peer)),
        ];
        for (i, (t, r, params, want)) in rows.iter().enumerate() {
            assert_eq!(origin(t, r, params), *want, "row {i}: {t:?} ← {r:?}");
        }
        let ignore_dates = ReuseParams {
            respect_dates: false,
            ..ReuseParams::default()
        };
        assert_eq!(
            origin(
                &meta(M, JS, WX, "2022-04-26"),
                &meta(C, None, None, "2022-05-01"),
                &ignore_dates
            ),
            Some(Origin::Central)
        );
        // Ignoring dates never makes a later document of one's own unit a `self` source.
        assert_eq!(
            origin(
                &meta(M, JS, WX, "2022-04-26"),
                &meta(M, JS, WX, "2022-05-01"),
                &ignore_dates
            ),
            None
        );
    }

    #[test]
    fn a_document_is_never_its_own_source() {
        let m = meta(M, JS, WX, "");
        let p = Placements::new([&m]);
        let d = ReuseParams::default();
        assert_eq!(reference_origin((&p.of[0], 0), (&p.of[0], 0), &d), None);
    }

    #[test]
    fn formulation_table() {
        let p = Placements::new([&meta(M, JS, WX, "")]);
        let central = p.formulation(C, None);
        let jiangsu = p.formulation(P, Some("江苏省"));
        let sichuan = p.formulation(P, Some("四川省"));
        let city = p.place(&meta(M, JS, WX, ""));
        assert_eq!(formulation_origin(&city, &central), Some(Origin::Central));
        assert_eq!(
            formulation_origin(&city, &jiangsu),
            Some(Origin::Provincial)
        );
        assert_eq!(formulation_origin(&city, &sichuan), None);
        let province = p.place(&meta(P, JS, None, ""));
        assert_eq!(
            formulation_origin(&province, &central),
            Some(Origin::Central)
        );
        assert_eq!(formulation_origin(&province, &jiangsu), None);
        let centre = p.place(&meta(C, None, None, ""));
        assert_eq!(formulation_origin(&centre, &central), None);
        let no_province = p.place(&meta(M, None, WX, ""));
        assert_eq!(formulation_origin(&no_province, &jiangsu), None);
    }
}
