//! From a target's found passages to what tifa reports: the passages kept (one per span,
//! origin and chosen source, unless exhaustive), their offsets in both texts, and the
//! document's shares, counts and segments.

use std::collections::BTreeMap;
use std::ops::Range;

use super::align::Aligned;
use super::attribution::Attribution;
use super::engine::{ReuseEngine, Target};
use super::lexicon;
use super::model::{DocReuse, FormulationCount, Hit, Origin, Passage, PassageKind, Shares};
use super::params::Scale;
use super::projection;
use super::rules::{self, Placement};
use crate::document::{DocDate, Level};

/// Where a passage's source text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// An indexed document.
    Document(u32),
    /// A lexicon entry (formulation number) that no allowed document uses.
    Lexicon(usize),
}

/// A passage found for a target, in projected coordinates, before it is reported.
#[derive(Debug, Clone)]
pub struct Pending {
    pub source: Source,
    pub aligned: Aligned,
    pub origin: Origin,
    pub carriers: usize,
    pub weight: f64,
    pub quoted: bool,
    /// The lexicon formulation this passage stands for.
    pub formulation: Option<usize>,
    /// Attributed from carrier summaries (the frequent path).
    pub frequent: bool,
}

/// The passages to report. Exhaustive: all. Otherwise, formulation passages all, and for each
/// origin the aligned and frequent passages by descending score (ties: earlier source, then
/// target start), each kept only if it covers a character no kept passage of its origin
/// covers. Every character attributed to an origin stays covered by a reported passage of it.
pub(super) fn select(
    pending: Vec<Pending>,
    scale: Scale,
    placements: &[Placement],
) -> Vec<Pending> {
    if scale == Scale::Exhaustive {
        return pending;
    }
    let (mut kept, mut text): (Vec<Pending>, Vec<Pending>) =
        pending.into_iter().partition(|p| p.formulation.is_some());
    let source_key = |s: Source| match s {
        Source::Document(d) => rules::earliest_key(&placements[d as usize], d),
        Source::Lexicon(_) => ((u16::MAX, 0, 0), u32::MAX),
    };
    text.sort_by(|a, b| {
        b.aligned
            .score()
            .cmp(&a.aligned.score())
            .then_with(|| source_key(a.source).cmp(&source_key(b.source)))
            .then_with(|| a.aligned.t_start.cmp(&b.aligned.t_start))
            .then_with(|| a.aligned.s_start.cmp(&b.aligned.s_start))
    });
    let end = text.iter().map(|p| p.aligned.t_end).max().unwrap_or(0);
    let mut covered: BTreeMap<Origin, Vec<bool>> = BTreeMap::new();
    for p in text {
        let c = covered.entry(p.origin).or_insert_with(|| vec![false; end]);
        let span = &mut c[p.aligned.t_start..p.aligned.t_end];
        if span.iter().any(|x| !x) {
            span.iter_mut().for_each(|x| *x = true);
            kept.push(p);
        }
    }
    kept
}

/// Everything tifa says about `target`, from its attribution, hits and kept passages.
pub(super) fn document(
    engine: &ReuseEngine,
    target: &Target,
    attribution: Attribution,
    hits: Vec<Hit>,
    mut pending: Vec<Pending>,
) -> DocReuse {
    // Lexicon-backed passages first among those starting together.
    let document_of = |s: Source| match s {
        Source::Document(d) => Some(d),
        Source::Lexicon(_) => None,
    };
    pending.sort_by_key(|p| (p.aligned.t_start, document_of(p.source), p.aligned.s_start));
    let passages: Vec<Passage> = pending
        .iter()
        .map(|p| {
            let relayed = attribution.relayed_in(p.aligned.t_start, p.aligned.t_end, p.origin);
            passage(engine, target, p, relayed)
        })
        .collect();
    summarize(engine, target, attribution, hits, passages)
}

fn passage(engine: &ReuseEngine, target: &Target, p: &Pending, relayed: bool) -> Passage {
    let a = &p.aligned;
    let mut t = target.projection.normalized_range(a.t_start, a.t_end);
    let (source_id, source_level, s, s_raw) = match p.source {
        Source::Document(r) => {
            let r = r as usize;
            let src = engine.references[r];
            let s = engine.projections[r].normalized_range(a.s_start, a.s_end);
            let (t_ext, s) =
                extend_over_shared_punctuation(t, &target.normalized, s, &engine.normalized[r]);
            t = t_ext;
            let s_raw = src.text.raw_range(s.clone());
            (src.meta.id.clone(), src.meta.level, s, s_raw)
        }
        Source::Lexicon(f) => {
            let f = engine.lexicon.formulations.get(f);
            (
                format!("lexicon:{}", f.map_or("", |f| f.id.as_str())),
                f.map_or(Level::Other, |f| f.level),
                a.s_start..a.s_end,
                0..0,
            )
        }
    };
    let t_raw = target.doc.text.raw_range(t.clone());
    let text: String = target.normalized[t.clone()].iter().collect();
    let kind = match (p.formulation, p.frequent) {
        (Some(_), _) => PassageKind::Formulation,
        (None, true) => PassageKind::Frequent,
        (None, false) => PassageKind::Aligned,
    };
    Passage {
        kind,
        target_start: t.start,
        target_end: t.end,
        raw_start: t_raw.start,
        raw_end: t_raw.end,
        source_id,
        source_level,
        origin: p.origin,
        source_start: s.start,
        source_end: s.end,
        source_raw_start: s_raw.start,
        source_raw_end: s_raw.end,
        length: a.t_len(),
        identity: a.identity(),
        score: a.score(),
        carriers: p.carriers,
        weight: p.weight,
        relayed,
        quoted: p.quoted,
        text,
    }
}

/// Grows a passage over punctuation that target and source share after it (the closing 。 of a
/// copied sentence) and over a shared opening quote before it: projections drop punctuation,
/// readers do not.
fn extend_over_shared_punctuation(
    mut t: Range<usize>,
    target: &[char],
    mut s: Range<usize>,
    source: &[char],
) -> (Range<usize>, Range<usize>) {
    let shared = |a: Option<&char>, b: Option<&char>| matches!((a, b), (Some(x), Some(y)) if x == y && !projection::is_content(*x) && !x.is_whitespace());
    while shared(target.get(t.end), source.get(s.end)) {
        t.end += 1;
        s.end += 1;
    }
    // Opening quotes and brackets, not the previous sentence's full stop.
    let opening = |c: Option<&char>| matches!(c, Some('“' | '‘' | '（' | '《' | '「'));
    while t.start > 0
        && s.start > 0
        && opening(target.get(t.start - 1))
        && shared(target.get(t.start - 1), source.get(s.start - 1))
    {
        t.start -= 1;
        s.start -= 1;
    }
    (t, s)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn summarize(
    engine: &ReuseEngine,
    target: &Target,
    attribution: Attribution,
    hits: Vec<Hit>,
    passages: Vec<Passage>,
) -> DocReuse {
    let meta = &target.doc.meta;
    let chars = target.projection.len();
    let mut counts: BTreeMap<&str, FormulationCount> = BTreeMap::new();
    for h in &hits {
        let entry = counts.entry(h.formulation.as_str()).or_insert_with(|| {
            let f = engine
                .lexicon
                .formulations
                .iter()
                .find(|f| f.id == h.formulation);
            FormulationCount {
                id: h.formulation.clone(),
                text: f.map_or_else(String::new, |f| f.text.clone()),
                level: h.level,
                topic: f.map_or(lexicon::Topic::Covid, |f| f.topic),
                count: 0,
                predates_first_known: match (f.and_then(|f| f.first_date), meta.date) {
                    (Some(first), Some(doc)) => first.certainly_after(doc),
                    _ => false,
                },
            }
        });
        entry.count += 1;
    }
    let formulation_hits = hits.len();
    let covid_hits = counts
        .values()
        .filter(|c| c.topic == lexicon::Topic::Covid)
        .map(|c| c.count)
        .sum();
    DocReuse {
        id: meta.id.clone(),
        level: meta.level,
        province: meta.province.clone(),
        city: meta.city.clone(),
        date: meta.date.map(|d: DocDate| d.to_string()),
        chars,
        shares: Shares::from_mass(attribution.raw_mass()),
        weighted_shares: Shares::from_mass(attribution.weighted_mass()),
        relayed_share: ratio(attribution.relayed_chars(), chars),
        quoted_share: ratio(attribution.quoted_chars(), attribution.reused_chars()),
        formulation_hits,
        covid_hits,
        hits_per_1000: if chars == 0 {
            0.0
        } else {
            formulation_hits as f64 * 1000.0 / chars as f64
        },
        formulations: counts.into_values().collect(),
        hits,
        passages,
        segments: attribution.segments(&target.projection),
    }
}
