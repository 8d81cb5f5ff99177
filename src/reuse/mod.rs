//! Reuse: which characters of each document come from the centre, its province, peer cities or
//! itself, backed by formulation hits (lexicon) and aligned passages (shingle index + chaining).
//!
//! Data flow: documents → projections (content characters) → shingle index over every document
//! → per target: lexicon hits, passages against each allowed reference → per-character origin by
//! precedence central > provincial > peer > own → shares, raw and weighted.

pub mod align;
pub mod index;
pub mod lexicon;
pub mod projection;
pub mod quoted;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::Corpus;
use crate::document::{DocDate, DocMeta, Document, Level};
use crate::error::{Error, Result};
use align::{AlignParams, Aligned};
use index::ShingleIndex;
use lexicon::{Lexicon, PhraseMatcher};
use projection::Projection;

/// Where a reused character comes from, in order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Central,
    Provincial,
    Peer,
    Own,
}

impl Origin {
    pub const ALL: [Origin; 4] = [
        Origin::Central,
        Origin::Provincial,
        Origin::Peer,
        Origin::Own,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Central => "central",
            Origin::Provincial => "provincial",
            Origin::Peer => "peer",
            Origin::Own => "own",
        }
    }
}

/// Generic phrases that are reused everywhere but say nothing about policy: institution names,
/// meeting furniture. Reused characters inside them weigh 0 in the weighted shares.
const GENERIC_PHRASES: &[&str] = &[
    "疫情防控工作领导小组",
    "疫情防控指挥部",
    "应对疫情工作领导小组",
    "新冠肺炎疫情防控",
    "新型冠状病毒",
    "疫情防控工作",
    "领导小组会议",
    "指挥部办公室",
    "召开会议",
    "主持会议",
    "会议强调",
    "会议指出",
    "会议要求",
    "视频会议",
    "市委书记",
    "常务副市长",
    "副市长",
    "市长",
    "省委书记",
    "省长",
    "副省长",
];

/// Reuse parameters (defaults documented in docs/METHODS.md, "Reuse").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReuseParams {
    pub align: AlignParams,
    /// Ignore references dated after the target (when both dates are known).
    pub respect_dates: bool,
    /// Count peers (documents of the same level elsewhere) as references.
    pub peers: bool,
}

impl Default for ReuseParams {
    fn default() -> Self {
        ReuseParams {
            align: AlignParams::default(),
            respect_dates: true,
            peers: true,
        }
    }
}

impl ReuseParams {
    pub fn validate(&self) -> Result<()> {
        let a = &self.align;
        if a.shingle < 2 {
            return Err(Error::InvalidArgument(format!(
                "--shingle {}: shingles need at least 2 characters",
                a.shingle
            )));
        }
        if a.min_passage < a.shingle {
            return Err(Error::InvalidArgument(format!(
                "--min-passage {} is shorter than --shingle {}; a passage holds at least one shingle",
                a.min_passage, a.shingle
            )));
        }
        if !(0.0..=1.0).contains(&a.min_identity) {
            return Err(Error::InvalidArgument(format!(
                "--min-identity {}: must lie in [0, 1]",
                a.min_identity
            )));
        }
        Ok(())
    }
}

/// Shares of a document's content characters by origin; they sum to 1.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Shares {
    pub central: f64,
    pub provincial: f64,
    pub peer: f64,
    pub own: f64,
}

impl Shares {
    pub fn get(&self, o: Origin) -> f64 {
        match o {
            Origin::Central => self.central,
            Origin::Provincial => self.provincial,
            Origin::Peer => self.peer,
            Origin::Own => self.own,
        }
    }

    fn from_mass(mass: [f64; 4]) -> Shares {
        let total: f64 = mass.iter().sum();
        if total <= 0.0 {
            return Shares {
                own: 1.0,
                ..Shares::default()
            };
        }
        Shares {
            central: mass[0] / total,
            provincial: mass[1] / total,
            peer: mass[2] / total,
            own: mass[3] / total,
        }
    }
}

/// One formulation's hits in a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormulationCount {
    pub id: String,
    pub text: String,
    pub level: Level,
    pub topic: lexicon::Topic,
    pub count: usize,
    /// The document is certainly older than the formulation's first known central use.
    pub predates_first_known: bool,
}

/// One lexicon hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub formulation: String,
    pub level: Level,
    /// Origin it counts as in this document (None: another province's formulation).
    pub origin: Option<Origin>,
    pub start: usize,
    pub end: usize,
    pub raw_start: usize,
    pub raw_end: usize,
    pub text: String,
    pub quoted: bool,
}

/// One aligned passage (normalized char offsets, end exclusive; raw byte offsets in the
/// document's source file).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    pub kind: PassageKind,
    pub target_start: usize,
    pub target_end: usize,
    pub raw_start: usize,
    pub raw_end: usize,
    pub source_id: String,
    pub source_level: Level,
    pub origin: Origin,
    pub source_start: usize,
    pub source_end: usize,
    pub source_raw_start: usize,
    pub source_raw_end: usize,
    /// Content characters of the target inside the passage.
    pub length: usize,
    pub identity: f64,
    pub score: i64,
    /// Indexed documents that carry the passage (at least half of its shingles).
    pub carriers: usize,
    /// Distinctiveness weight in [0, 1].
    pub weight: f64,
    pub relayed: bool,
    pub quoted: bool,
    pub text: String,
}

/// How a passage was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PassageKind {
    /// Character alignment with the source document.
    Aligned,
    /// A lexicon formulation, with its occurrence in the source (or the lexicon entry itself).
    Formulation,
}

impl PassageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PassageKind::Aligned => "aligned",
            PassageKind::Formulation => "formulation",
        }
    }
}

/// A maximal run of characters with one origin (normalized char offsets), for rendering.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub origin: Origin,
}

/// Everything tifa says about one document's reuse.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocReuse {
    pub id: String,
    pub level: Level,
    pub province: Option<String>,
    pub city: Option<String>,
    pub date: Option<String>,
    /// Content characters (letters, digits, Han), the denominator of every share.
    pub chars: usize,
    pub shares: Shares,
    pub weighted_shares: Shares,
    /// Share of the document's characters that are central and were also found in a
    /// provincial source.
    pub relayed_share: f64,
    /// Share of reused (non-own) characters inside explicit attributions.
    pub quoted_share: f64,
    pub formulation_hits: usize,
    /// Hits of formulations whose topic is COVID.
    pub covid_hits: usize,
    pub hits_per_1000: f64,
    pub formulations: Vec<FormulationCount>,
    pub hits: Vec<Hit>,
    pub passages: Vec<Passage>,
    pub segments: Vec<Segment>,
}

/// One named per-document measure. `count` marks whole numbers (printed without decimals).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measure {
    pub name: &'static str,
    pub value: f64,
    pub count: bool,
}

/// Names of [`DocReuse::measures`], in order.
pub const MEASURE_NAMES: [&str; 14] = [
    "central",
    "provincial",
    "peer",
    "own",
    "weighted_central",
    "weighted_provincial",
    "weighted_peer",
    "weighted_own",
    "relayed",
    "quoted",
    "formulation_hits",
    "covid_hits",
    "hits_per_1000",
    "passages",
];

impl DocReuse {
    /// The per-document measures of the reuse table and of sweeps, in [`MEASURE_NAMES`] order.
    pub fn measures(&self) -> [Measure; 14] {
        let s = &self.shares;
        let w = &self.weighted_shares;
        let values = [
            (s.central, false),
            (s.provincial, false),
            (s.peer, false),
            (s.own, false),
            (w.central, false),
            (w.provincial, false),
            (w.peer, false),
            (w.own, false),
            (self.relayed_share, false),
            (self.quoted_share, false),
            (self.formulation_hits as f64, true),
            (self.covid_hits as f64, true),
            (self.hits_per_1000, false),
            (self.passages.len() as f64, true),
        ];
        std::array::from_fn(|i| Measure {
            name: MEASURE_NAMES[i],
            value: values[i].0,
            count: values[i].1,
        })
    }
}

/// The reuse analysis of a corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReuseReport {
    pub params: ReuseParams,
    pub documents: Vec<DocReuse>,
}

/// Prepared references: projections, shingle index, lexicon and exclusion matchers.
pub struct ReuseEngine<'a> {
    references: Vec<&'a Document>,
    projections: Vec<Projection>,
    normalized: Vec<Vec<char>>,
    index: ShingleIndex,
    lexicon: &'a Lexicon,
    lexicon_matcher: PhraseMatcher,
    /// Lexicon hits in each reference, to back a target's hit with a source span.
    reference_hits: Vec<Vec<lexicon::PhraseHit>>,
    generic_matcher: PhraseMatcher,
    params: ReuseParams,
}

impl<'a> ReuseEngine<'a> {
    /// Index `references`; `exclude` adds phrases to the built-in generic list.
    pub fn new(
        references: &'a [Document],
        lexicon: &'a Lexicon,
        exclude: &[String],
        params: &ReuseParams,
    ) -> Result<Self> {
        params.validate()?;
        let normalized: Vec<Vec<char>> = references
            .par_iter()
            .map(|d| d.text.as_str().chars().collect())
            .collect();
        let projections: Vec<Projection> = references
            .par_iter()
            .map(|d| Projection::of(d.text.as_str()))
            .collect();
        let slices: Vec<&[char]> = projections.iter().map(|p| p.chars.as_slice()).collect();
        let index = ShingleIndex::build(params.align.shingle, &slices);
        let generic = GENERIC_PHRASES
            .iter()
            .copied()
            .chain(exclude.iter().map(String::as_str))
            .enumerate();
        let lexicon_matcher = PhraseMatcher::for_lexicon(lexicon)?;
        let reference_hits = projections
            .par_iter()
            .zip(&normalized)
            .map(|(p, n)| lexicon_matcher.find(p, n))
            .collect();
        Ok(ReuseEngine {
            references: references.iter().collect(),
            projections,
            normalized,
            index,
            lexicon,
            lexicon_matcher,
            reference_hits,
            generic_matcher: PhraseMatcher::new(generic)?,
            params: params.clone(),
        })
    }

    /// Analyse every indexed document against the others, in parallel, in corpus order.
    pub fn analyze_all(&self) -> Vec<DocReuse> {
        self.analyze_all_as(&self.params)
    }

    /// [`Self::analyze_all`] with other parameters of the same shingle length (sweeps share one
    /// index across combinations).
    pub fn analyze_all_with(&self, params: &ReuseParams) -> Result<Vec<DocReuse>> {
        params.validate()?;
        if params.align.shingle != self.index.k() {
            return Err(Error::InvalidArgument(format!(
                "this engine indexes {}-character shingles, not {}",
                self.index.k(),
                params.align.shingle
            )));
        }
        Ok(self.analyze_all_as(params))
    }

    fn analyze_all_as(&self, params: &ReuseParams) -> Vec<DocReuse> {
        self.analyze_all_reporting(params, &crate::progress::NoProgress)
    }

    /// [`Self::analyze_all`], advancing `progress` by one per document.
    pub fn analyze_all_reporting(
        &self,
        params: &ReuseParams,
        progress: &dyn crate::progress::Progress,
    ) -> Vec<DocReuse> {
        (0..self.references.len())
            .into_par_iter()
            .map(|i| {
                let r = self.analyze_as(self.references[i], Some(i), params);
                progress.advance(1);
                r
            })
            .collect()
    }

    /// Analyse `target`; `indexed_as` is its position among the references, if it is one.
    pub fn analyze(&self, target: &Document, indexed_as: Option<usize>) -> DocReuse {
        self.analyze_as(target, indexed_as, &self.params)
    }

    fn analyze_as(
        &self,
        target: &Document,
        indexed_as: Option<usize>,
        params: &ReuseParams,
    ) -> DocReuse {
        let owned_projection;
        let owned_normalized;
        let (projection, normalized) = match indexed_as {
            Some(i) => (&self.projections[i], &self.normalized[i]),
            None => {
                owned_projection = Projection::of(target.text.as_str());
                owned_normalized = target.text.as_str().chars().collect::<Vec<char>>();
                (&owned_projection, &owned_normalized)
            }
        };
        let allowed: Vec<Option<Origin>> = self
            .references
            .iter()
            .enumerate()
            .map(|(j, r)| {
                if Some(j) == indexed_as {
                    None
                } else {
                    reference_origin(&target.meta, &r.meta, params)
                }
            })
            .collect();
        let mut attribution = Attribution::new(projection.len());

        let hits = self.lexicon_hits(target, projection, normalized);
        for h in &hits {
            if let Some(origin) = h.hit.origin {
                attribution.mark(h.p_start, h.p_end, origin, 1.0, h.hit.quoted);
            }
        }
        let generic = self.generic_matcher.find(projection, normalized);
        for g in &generic {
            attribution.mark_generic(g.start, g.end);
        }
        let aligned = self.passages(projection, &allowed, &params.align);
        let corpus_docs = self.index.docs() + usize::from(indexed_as.is_none());
        let mut pending: Vec<PendingPassage> = Vec::with_capacity(aligned.len() + hits.len());
        for (source, a) in aligned {
            let origin = allowed[source].unwrap_or(Origin::Own);
            let carriers = self.carriers(projection, &a) + usize::from(indexed_as.is_none());
            let range = projection.normalized_range(a.t_start, a.t_end);
            pending.push(PendingPassage {
                source: Some(source),
                aligned: a,
                origin,
                carriers,
                weight: distinctiveness(carriers, corpus_docs),
                quoted: quoted::is_quoted(normalized, range.start),
                formulation: None,
            });
        }
        for h in &hits {
            if let Some(p) = self.formulation_passage(h, &allowed, &pending) {
                pending.push(p);
            }
        }
        for p in &pending {
            attribution.mark(
                p.aligned.t_start,
                p.aligned.t_end,
                p.origin,
                p.weight,
                p.quoted,
            );
        }
        pending.sort_by_key(|p| (p.aligned.t_start, p.source, p.aligned.s_start));
        let passages: Vec<Passage> = pending
            .iter()
            .map(|p| {
                let relayed = attribution.relayed_in(p.aligned.t_start, p.aligned.t_end, p.origin);
                self.passage(target, projection, normalized, p, relayed)
            })
            .collect();
        let hits: Vec<Hit> = hits.into_iter().map(|h| h.hit).collect();
        self.summarize(target, projection, attribution, hits, passages)
    }

    fn lexicon_hits(
        &self,
        target: &Document,
        projection: &Projection,
        normalized: &[char],
    ) -> Vec<LocatedHit> {
        self.lexicon_matcher
            .find(projection, normalized)
            .into_iter()
            .map(|m| {
                let f = &self.lexicon.formulations[m.owner];
                let origin = formulation_origin(&target.meta, f.level, f.province.as_deref());
                let range = projection.normalized_range(m.start, m.end);
                let raw = target.text.raw_range(range.clone());
                LocatedHit {
                    owner: m.owner,
                    p_start: m.start,
                    p_end: m.end,
                    hit: Hit {
                        formulation: f.id.clone(),
                        level: f.level,
                        origin,
                        start: range.start,
                        end: range.end,
                        raw_start: raw.start,
                        raw_end: raw.end,
                        text: normalized[range.clone()].iter().collect(),
                        quoted: quoted::is_quoted(normalized, range.start),
                    },
                }
            })
            .collect()
    }

    /// Passages against every allowed reference, in (reference, target start) order.
    fn passages(
        &self,
        target: &Projection,
        allowed: &[Option<Origin>],
        align_params: &AlignParams,
    ) -> Vec<(usize, Aligned)> {
        let k = self.index.k();
        let mut seeds: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
        for (t, window) in target.chars.windows(k).enumerate() {
            for posting in self.index.lookup(window) {
                let doc = posting.doc as usize;
                if allowed[doc].is_none() {
                    continue;
                }
                let pos = posting.pos as usize;
                if self.projections[doc].chars[pos..pos + k] == *window {
                    seeds.entry(doc).or_default().push((t, pos));
                }
            }
        }
        seeds
            .into_iter()
            .flat_map(|(doc, s)| {
                align::chain(&align::fragments(s, k), align_params)
                    .into_iter()
                    .map(move |a| (doc, a))
            })
            .collect()
    }

    /// Indexed documents holding at least half of the passage's shingles.
    fn carriers(&self, target: &Projection, a: &Aligned) -> usize {
        let k = self.index.k();
        let windows: Vec<&[char]> = target.chars[a.t_start..a.t_end].windows(k).collect();
        let mut per_doc: BTreeMap<u32, usize> = BTreeMap::new();
        for w in &windows {
            let mut docs: Vec<u32> = self.index.lookup(w).iter().map(|p| p.doc).collect();
            docs.dedup();
            for d in docs {
                *per_doc.entry(d).or_default() += 1;
            }
        }
        per_doc
            .values()
            .filter(|&&n| 2 * n >= windows.len())
            .count()
            .max(1)
    }

    /// A lexicon hit as a passage: backed by the first allowed reference of the hit's origin that
    /// uses the formulation (unless an aligned passage from it already covers the hit), or by the
    /// lexicon itself when no reference document uses it.
    fn formulation_passage(
        &self,
        h: &LocatedHit,
        allowed: &[Option<Origin>],
        aligned: &[PendingPassage],
    ) -> Option<PendingPassage> {
        let origin = h.hit.origin?;
        let backing = (0..self.references.len()).find_map(|r| {
            (allowed[r] == Some(origin))
                .then(|| self.reference_hits[r].iter().find(|x| x.owner == h.owner))
                .flatten()
                .map(|x| (r, x))
        });
        let covered_by = |r: usize| {
            aligned.iter().any(|p| {
                p.source == Some(r) && p.aligned.t_start <= h.p_start && p.aligned.t_end >= h.p_end
            })
        };
        let len = h.p_end - h.p_start;
        let carriers = self
            .reference_hits
            .iter()
            .filter(|hs| hs.iter().any(|x| x.owner == h.owner))
            .count();
        let (source, s_start, s_end) = match backing {
            Some((r, _)) if covered_by(r) => return None,
            Some((r, x)) => (Some(r), x.start, x.end),
            None => (None, 0, self.lexicon_text_len(h.owner)),
        };
        Some(PendingPassage {
            source,
            aligned: Aligned {
                t_start: h.p_start,
                t_end: h.p_end,
                s_start,
                s_end,
                matched: len,
            },
            origin,
            carriers,
            weight: 1.0,
            quoted: h.hit.quoted,
            formulation: Some(h.owner),
        })
    }

    fn lexicon_text_len(&self, formulation: usize) -> usize {
        self.lexicon
            .formulations
            .get(formulation)
            .map_or(0, |f| projection::project_phrase(&f.text).chars().count())
    }

    fn passage(
        &self,
        target: &Document,
        projection: &Projection,
        normalized: &[char],
        p: &PendingPassage,
        relayed: bool,
    ) -> Passage {
        let a = &p.aligned;
        let mut t = projection.normalized_range(a.t_start, a.t_end);
        let (source_id, source_level, s, s_raw) = match p.source {
            Some(r) => {
                let src = self.references[r];
                let s = self.projections[r].normalized_range(a.s_start, a.s_end);
                let (t_ext, s) =
                    extend_over_shared_punctuation(t, normalized, s, &self.normalized[r]);
                t = t_ext;
                let s_raw = src.text.raw_range(s.clone());
                (src.meta.id.clone(), src.meta.level, s, s_raw)
            }
            None => {
                let f = p.formulation.and_then(|i| self.lexicon.formulations.get(i));
                (
                    format!("lexicon:{}", f.map_or("", |f| f.id.as_str())),
                    f.map_or(Level::Other, |f| f.level),
                    a.s_start..a.s_end,
                    0..0,
                )
            }
        };
        let t_raw = target.text.raw_range(t.clone());
        let text: String = normalized[t.clone()].iter().collect();
        Passage {
            kind: if p.formulation.is_some() {
                PassageKind::Formulation
            } else {
                PassageKind::Aligned
            },
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

    fn summarize(
        &self,
        target: &Document,
        projection: &Projection,
        attribution: Attribution,
        hits: Vec<Hit>,
        passages: Vec<Passage>,
    ) -> DocReuse {
        let chars = projection.len();
        let mut counts: BTreeMap<&str, FormulationCount> = BTreeMap::new();
        for h in &hits {
            let entry = counts.entry(h.formulation.as_str()).or_insert_with(|| {
                let f = self
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
                    predates_first_known: match (f.and_then(|f| f.first_date), target.meta.date) {
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
            id: target.meta.id.clone(),
            level: target.meta.level,
            province: target.meta.province.clone(),
            city: target.meta.city.clone(),
            date: target.meta.date.map(|d: DocDate| d.to_string()),
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
            segments: attribution.segments(projection),
        }
    }
}

/// Grows a passage over punctuation that target and source share after it (the closing 。 of a
/// copied sentence) and over a shared opening quote before it: projections drop punctuation, readers do not.
fn extend_over_shared_punctuation(
    mut t: std::ops::Range<usize>,
    target: &[char],
    mut s: std::ops::Range<usize>,
    source: &[char],
) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
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

struct PendingPassage {
    /// Reference index; None for a formulation no reference document uses.
    source: Option<usize>,
    aligned: Aligned,
    origin: Origin,
    carriers: usize,
    weight: f64,
    quoted: bool,
    formulation: Option<usize>,
}

struct LocatedHit {
    owner: usize,
    p_start: usize,
    p_end: usize,
    hit: Hit,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Weight of a passage carried by `carriers` of `docs` documents: ln(N/c) / ln(N/2), clipped to
/// [0, 1]; 1 when only the target and its source carry it, 0 when every document does.
pub fn distinctiveness(carriers: usize, docs: usize) -> f64 {
    if docs <= 2 {
        return 1.0;
    }
    let n = docs as f64;
    let c = carriers.max(2) as f64;
    ((n / c).ln() / (n / 2.0).ln()).clamp(0.0, 1.0)
}

/// Is `reference` a source for `target`, and of which origin? Same-jurisdiction documents are
/// the target's own voice, lower levels never count, and a reference certainly dated after the
/// target is ignored when `respect_dates`.
pub fn reference_origin(
    target: &DocMeta,
    reference: &DocMeta,
    params: &ReuseParams,
) -> Option<Origin> {
    if params.respect_dates
        && let (Some(t), Some(r)) = (target.date, reference.date)
        && r.certainly_after(t)
    {
        return None;
    }
    let same_province = target.province.is_some() && target.province == reference.province;
    let same_city = same_province && target.city.is_some() && target.city == reference.city;
    match (reference.level, target.level) {
        (Level::Central, Level::Central) => None,
        (Level::Central, _) => Some(Origin::Central),
        (Level::Provincial, Level::Provincial) => {
            (params.peers && !same_province).then_some(Origin::Peer)
        }
        (Level::Provincial, Level::Central) => None,
        (Level::Provincial, _) => same_province.then_some(Origin::Provincial),
        (r, t) if r == t => (params.peers && !same_city).then_some(Origin::Peer),
        _ => None,
    }
}

/// The origin a formulation of `level` (and `province`) counts as in a document.
fn formulation_origin(target: &DocMeta, level: Level, province: Option<&str>) -> Option<Origin> {
    match (level, target.level) {
        (Level::Central, Level::Central) => None,
        (Level::Central, _) => Some(Origin::Central),
        (Level::Provincial, Level::Central | Level::Provincial) => None,
        (Level::Provincial, _) => (province.is_some() && target.province.as_deref() == province)
            .then_some(Origin::Provincial),
        _ => None,
    }
}

/// Per content character: best origin so far, weight, flags.
struct Attribution {
    origin: Vec<Origin>,
    weight: Vec<f64>,
    from_lexicon: Vec<bool>,
    generic: Vec<bool>,
    provincial_source: Vec<bool>,
    quoted: Vec<bool>,
}

impl Attribution {
    fn new(n: usize) -> Self {
        Attribution {
            origin: vec![Origin::Own; n],
            weight: vec![0.0; n],
            from_lexicon: vec![false; n],
            generic: vec![false; n],
            provincial_source: vec![false; n],
            quoted: vec![false; n],
        }
    }

    /// `weight` 1.0 marks a lexicon hit (it keeps full weight whatever else covers it).
    fn mark(&mut self, start: usize, end: usize, origin: Origin, weight: f64, quoted: bool) {
        let lexicon = weight >= 1.0 && origin != Origin::Own;
        for i in start..end.min(self.origin.len()) {
            if origin == Origin::Own {
                continue;
            }
            if origin == Origin::Provincial {
                self.provincial_source[i] = true;
            }
            if origin < self.origin[i] {
                self.origin[i] = origin;
                self.quoted[i] = quoted;
            } else if origin == self.origin[i] {
                self.quoted[i] |= quoted;
            }
            self.weight[i] = self.weight[i].max(weight);
            self.from_lexicon[i] |= lexicon;
        }
    }

    fn mark_generic(&mut self, start: usize, end: usize) {
        for g in &mut self.generic[start..end.min(self.origin.len())] {
            *g = true;
        }
    }

    fn char_weight(&self, i: usize) -> f64 {
        match self.origin[i] {
            Origin::Own => 1.0,
            _ if self.from_lexicon[i] => 1.0,
            _ if self.generic[i] => 0.0,
            _ => self.weight[i],
        }
    }

    fn raw_mass(&self) -> [f64; 4] {
        let mut m = [0.0; 4];
        for &o in &self.origin {
            m[o as usize] += 1.0;
        }
        m
    }

    fn weighted_mass(&self) -> [f64; 4] {
        let mut m = [0.0; 4];
        for (i, &o) in self.origin.iter().enumerate() {
            m[o as usize] += self.char_weight(i);
        }
        m
    }

    fn is_relayed(&self, i: usize) -> bool {
        self.origin[i] == Origin::Central && self.provincial_source[i]
    }

    fn relayed_chars(&self) -> usize {
        (0..self.origin.len())
            .filter(|&i| self.is_relayed(i))
            .count()
    }

    fn relayed_in(&self, start: usize, end: usize, origin: Origin) -> bool {
        matches!(origin, Origin::Central | Origin::Provincial)
            && (start..end.min(self.origin.len())).any(|i| self.is_relayed(i))
    }

    fn reused_chars(&self) -> usize {
        self.origin.iter().filter(|&&o| o != Origin::Own).count()
    }

    fn quoted_chars(&self) -> usize {
        (0..self.origin.len())
            .filter(|&i| self.origin[i] != Origin::Own && self.quoted[i])
            .count()
    }

    fn segments(&self, projection: &Projection) -> Vec<Segment> {
        let mut out: Vec<Segment> = Vec::new();
        let mut i = 0;
        while i < self.origin.len() {
            let o = self.origin[i];
            let mut j = i + 1;
            while j < self.origin.len() && self.origin[j] == o {
                j += 1;
            }
            if o != Origin::Own {
                let r = projection.normalized_range(i, j);
                out.push(Segment {
                    start: r.start,
                    end: r.end,
                    origin: o,
                });
            }
            i = j;
        }
        out
    }
}

/// Reuse of every document of `corpus` against the others.
pub fn analyze(corpus: &Corpus, lexicon: &Lexicon, params: &ReuseParams) -> Result<ReuseReport> {
    analyze_reporting(corpus, lexicon, params, &crate::progress::NoProgress)
}

/// [`analyze`], advancing `progress` by one per document.
pub fn analyze_reporting(
    corpus: &Corpus,
    lexicon: &Lexicon,
    params: &ReuseParams,
    progress: &dyn crate::progress::Progress,
) -> Result<ReuseReport> {
    let engine = ReuseEngine::new(&corpus.documents, lexicon, &corpus.exclude, params)?;
    Ok(ReuseReport {
        params: params.clone(),
        documents: engine.analyze_all_reporting(params, progress),
    })
}
