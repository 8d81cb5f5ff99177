//! The reuse engine: indexes the documents once, then analyses each target:
//! lexicon hits → rare seeds aligned pairwise (extended over frequent text their source also
//! carries) → frequent runs attributed from carrier summaries → formulation passages →
//! per-character attribution → one passage per span, origin and chosen source → `DocReuse`.
//!
//! Cost per target grows with its length and with the carriers of its *rare* shingles (at
//! most `max_carriers` each), not with the corpus: frequent shingles are answered by
//! [`CarrierSummary`]s, built once per shingle on first use.

use std::borrow::Cow;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::attribution::{Attribution, Evidence};
use super::frequent;
use super::index::{ShingleId, ShingleIndex};
use super::lexicon::{Lexicon, PhraseHit, PhraseMatcher};
use super::model::{DocReuse, Hit, Origin};
use super::output::{self, Pending, Source};
use super::params::ReuseParams;
use super::projection::{self, Projection};
use super::rules::{self, Placement, Placements};
use super::seeds;
use super::summary::CarrierSummary;
use super::weights::{self, GENERIC_PHRASES};
use super::{align, quoted};
use crate::document::Document;
use crate::error::{Error, Result};
use crate::progress::Progress;

/// Indexed documents with everything a target needs to be analysed against them.
pub struct ReuseEngine<'a> {
    pub(super) references: Vec<&'a Document>,
    pub(super) placements: Placements,
    pub(super) projections: Vec<Projection>,
    pub(super) normalized: Vec<Vec<char>>,
    pub(super) index: ShingleIndex,
    /// Carrier summary of each shingle, built when a target first finds it frequent.
    summaries: Vec<OnceLock<Box<CarrierSummary>>>,
    pub(super) lexicon: &'a Lexicon,
    lexicon_matcher: PhraseMatcher,
    /// Lexicon hits in each indexed document, to back a target's hit with a source span.
    pub(super) reference_hits: Vec<Vec<PhraseHit>>,
    /// For each formulation, the documents using it.
    formulation_carriers: Vec<CarrierSummary>,
    generic_matcher: PhraseMatcher,
    params: ReuseParams,
}

/// One document being analysed, in the engine's coordinates.
pub(super) struct Target<'t> {
    pub doc: &'t Document,
    /// Its number among the indexed documents, or `u32::MAX` when it is not indexed.
    pub number: u32,
    pub placement: Placement,
    pub projection: Cow<'t, Projection>,
    pub normalized: Cow<'t, [char]>,
    /// The indexed shingle at each projected position (None: no indexed document has it).
    pub shingles: Vec<Option<ShingleId>>,
}

impl Target<'_> {
    pub fn indexed(&self) -> bool {
        self.number != u32::MAX
    }
}

impl<'a> ReuseEngine<'a> {
    /// Index `documents`; `exclude` adds phrases to the built-in generic list.
    pub fn new(
        documents: &'a [Document],
        lexicon: &'a Lexicon,
        exclude: &[String],
        params: &ReuseParams,
    ) -> Result<Self> {
        params.validate()?;
        let normalized: Vec<Vec<char>> = documents
            .par_iter()
            .map(|d| d.text.as_str().chars().collect())
            .collect();
        let projections: Vec<Projection> = documents
            .par_iter()
            .map(|d| Projection::of(d.text.as_str()))
            .collect();
        let slices: Vec<&[char]> = projections.iter().map(|p| p.chars.as_slice()).collect();
        let index = ShingleIndex::build(params.align.shingle, &slices);
        let placements = Placements::new(documents.iter().map(|d| &d.meta));
        let lexicon_matcher = PhraseMatcher::for_lexicon(lexicon)?;
        let reference_hits: Vec<Vec<PhraseHit>> = projections
            .par_iter()
            .zip(&normalized)
            .map(|(p, n)| lexicon_matcher.find(p, n))
            .collect();
        let formulation_carriers = (0..lexicon.formulations.len())
            .map(|f| {
                let users = (0..reference_hits.len() as u32)
                    .filter(|&d| reference_hits[d as usize].iter().any(|h| h.owner == f));
                CarrierSummary::build(users, &placements.of)
            })
            .collect();
        let generic = GENERIC_PHRASES
            .iter()
            .copied()
            .chain(exclude.iter().map(String::as_str))
            .enumerate();
        Ok(ReuseEngine {
            references: documents.iter().collect(),
            placements,
            projections,
            normalized,
            summaries: (0..index.shingles()).map(|_| OnceLock::new()).collect(),
            index,
            lexicon,
            lexicon_matcher,
            reference_hits,
            formulation_carriers,
            generic_matcher: PhraseMatcher::new(generic)?,
            params: params.clone(),
        })
    }

    /// The parameters the engine was built with.
    pub fn params(&self) -> &ReuseParams {
        &self.params
    }

    /// Analyse every indexed document against the others, in parallel, in corpus order,
    /// advancing `progress` by one per document. `params` may differ from the engine's in
    /// everything but the shingle length (sweeps share one index across combinations).
    pub fn analyze_all(
        &self,
        params: &ReuseParams,
        progress: &dyn Progress,
    ) -> Result<Vec<DocReuse>> {
        self.check(params)?;
        Ok((0..self.references.len())
            .into_par_iter()
            .map(|i| {
                let r = self.analyze_target(self.target(self.references[i], Some(i)), params);
                progress.advance(1);
                r
            })
            .collect())
    }

    /// Analyse one document; `indexed_as` is its position among the indexed documents, if it
    /// is one (a document is never its own source).
    pub fn analyze(
        &self,
        document: &Document,
        indexed_as: Option<usize>,
        params: &ReuseParams,
    ) -> Result<DocReuse> {
        self.check(params)?;
        Ok(self.analyze_target(self.target(document, indexed_as), params))
    }

    fn check(&self, params: &ReuseParams) -> Result<()> {
        params.validate()?;
        if params.align.shingle != self.index.k() {
            return Err(Error::InvalidArgument(format!(
                "shingle: this engine indexes {}-character shingles, not {}",
                self.index.k(),
                params.align.shingle
            )));
        }
        Ok(())
    }

    fn target<'t>(&'t self, doc: &'t Document, indexed_as: Option<usize>) -> Target<'t> {
        let (number, placement, projection, normalized) = match indexed_as {
            Some(i) => (
                i as u32,
                self.placements.of[i],
                Cow::Borrowed(&self.projections[i]),
                Cow::Borrowed(self.normalized[i].as_slice()),
            ),
            None => (
                u32::MAX,
                self.placements.place(&doc.meta),
                Cow::Owned(Projection::of(doc.text.as_str())),
                Cow::Owned(doc.text.as_str().chars().collect()),
            ),
        };
        let shingles = match indexed_as {
            Some(i) => self
                .index
                .shingles_of(i)
                .iter()
                .map(|&id| Some(id))
                .collect(),
            None => projection
                .chars
                .windows(self.index.k())
                .map(|w| self.index.id(w))
                .collect(),
        };
        Target {
            doc,
            number,
            placement,
            projection,
            normalized,
            shingles,
        }
    }

    /// The origin document `doc` has as a source of `target`, if it is one.
    pub(super) fn origin_of(
        &self,
        target: &Target,
        doc: u32,
        params: &ReuseParams,
    ) -> Option<Origin> {
        rules::reference_origin(
            (&target.placement, target.number),
            (&self.placements.of[doc as usize], doc),
            params,
        )
    }

    /// The carrier summary of shingle `id` (built on first use; the same whoever builds it).
    pub(super) fn summary(&self, id: ShingleId) -> &CarrierSummary {
        self.summaries[id as usize].get_or_init(|| {
            Box::new(CarrierSummary::build(
                self.index.carriers(id),
                &self.placements.of,
            ))
        })
    }

    /// Does document `doc` hold the target's window at `t`? Its positions there (verified).
    pub(super) fn positions_in(&self, target: &Target, t: usize, doc: u32) -> Vec<usize> {
        let Some(id) = target.shingles[t] else {
            return Vec::new();
        };
        let k = self.index.k();
        let window = &target.projection.chars[t..t + k];
        let verify = self.index.collided(id) || !target.indexed();
        self.index
            .postings_in(id, doc)
            .iter()
            .map(|p| p.pos as usize)
            .filter(|&pos| !verify || self.projections[doc as usize].chars[pos..pos + k] == *window)
            .collect()
    }

    /// Documents carrying the passage at target positions `start..end` (see
    /// [`weights::median_carriers`]), the target included.
    pub(super) fn carriers(&self, target: &Target, start: usize, end: usize) -> usize {
        let k = self.index.k();
        let last = end.saturating_sub(k) + 1;
        let dfs: Vec<usize> = target.shingles[start.min(last)..last.min(target.shingles.len())]
            .iter()
            .flatten()
            .map(|&id| self.index.df(id))
            .collect();
        weights::median_carriers(dfs) + usize::from(!target.indexed())
    }

    fn analyze_target(&self, target: Target, params: &ReuseParams) -> DocReuse {
        let n = target.projection.len();
        let mut attribution = Attribution::new(n);
        let hits = self.lexicon_hits(&target);
        for h in &hits {
            if let Some(origin) = h.hit.origin {
                attribution.mark(
                    h.p_start,
                    h.p_end,
                    origin,
                    Evidence::Formulation,
                    h.hit.quoted,
                );
            }
        }
        for g in self
            .generic_matcher
            .find(&target.projection, &target.normalized)
        {
            attribution.mark_generic(g.start, g.end);
        }
        let corpus_docs = self.index.docs() + usize::from(!target.indexed());
        let max_carriers = params.scale.max_carriers();
        let mut pending: Vec<Pending> = Vec::new();
        for (doc, a) in seeds::aligned(self, &target, params, max_carriers) {
            let origin = self.origin_of(&target, doc, params).unwrap_or(Origin::Own);
            pending.push(self.pending(&target, doc, origin, a, corpus_docs));
        }
        for run in frequent::runs(self, &target, params, max_carriers) {
            let mut p = self.pending(&target, run.source, run.origin, run.aligned, corpus_docs);
            p.frequent = true;
            pending.push(p);
        }
        for h in &hits {
            if let Some(p) = self.formulation_passage(&target, h, params, &pending) {
                pending.push(p);
            }
        }
        for p in &pending {
            let evidence = match p.formulation {
                Some(_) => Evidence::Formulation,
                None => Evidence::Aligned { weight: p.weight },
            };
            attribution.mark(
                p.aligned.t_start,
                p.aligned.t_end,
                p.origin,
                evidence,
                p.quoted,
            );
        }
        let pending = output::select(pending, params.scale, &self.placements.of);
        output::document(
            self,
            &target,
            attribution,
            hits.into_iter().map(|h| h.hit).collect(),
            pending,
        )
    }

    /// An aligned passage from document `doc`.
    fn pending(
        &self,
        target: &Target,
        doc: u32,
        origin: Origin,
        aligned: align::Aligned,
        corpus_docs: usize,
    ) -> Pending {
        let carriers = self.carriers(target, aligned.t_start, aligned.t_end);
        let start = target
            .projection
            .normalized_range(aligned.t_start, aligned.t_end)
            .start;
        Pending {
            source: Source::Document(doc),
            aligned,
            origin,
            carriers,
            weight: weights::distinctiveness(carriers, corpus_docs),
            quoted: quoted::is_quoted(&target.normalized, start),
            formulation: None,
            frequent: false,
        }
    }

    fn lexicon_hits(&self, target: &Target) -> Vec<LocatedHit> {
        self.lexicon_matcher
            .find(&target.projection, &target.normalized)
            .into_iter()
            .map(|m| {
                let f = &self.lexicon.formulations[m.owner];
                let placement = self.placements.formulation(f.level, f.province.as_deref());
                let origin = rules::formulation_origin(&target.placement, &placement);
                let range = target.projection.normalized_range(m.start, m.end);
                let raw = target.doc.text.raw_range(range.clone());
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
                        text: target.normalized[range.clone()].iter().collect(),
                        quoted: quoted::is_quoted(&target.normalized, range.start),
                    },
                }
            })
            .collect()
    }

    /// A lexicon hit as a passage: backed by the earliest allowed document of the hit's origin
    /// that uses the formulation (unless an aligned passage from it already covers the hit),
    /// or by the lexicon itself when no such document exists.
    fn formulation_passage(
        &self,
        target: &Target,
        h: &LocatedHit,
        params: &ReuseParams,
        aligned: &[Pending],
    ) -> Option<Pending> {
        let origin = h.hit.origin?;
        let users = &self.formulation_carriers[h.owner];
        let backing = users
            .earliest_allowed(
                (&target.placement, target.number),
                origin,
                &self.placements.of,
                params,
            )
            .and_then(|r| {
                self.reference_hits[r as usize]
                    .iter()
                    .find(|x| x.owner == h.owner)
                    .map(|x| (r, x))
            });
        let covered_by = |r: u32| {
            aligned.iter().any(|p| {
                p.source == Source::Document(r)
                    && p.aligned.t_start <= h.p_start
                    && p.aligned.t_end >= h.p_end
            })
        };
        let len = h.p_end - h.p_start;
        let (source, s_start, s_end) = match backing {
            Some((r, _)) if covered_by(r) => return None,
            Some((r, x)) => (Source::Document(r), x.start, x.end),
            None => (Source::Lexicon(h.owner), 0, self.lexicon_text_len(h.owner)),
        };
        Some(Pending {
            source,
            aligned: align::Aligned {
                t_start: h.p_start,
                t_end: h.p_end,
                s_start,
                s_end,
                matched: len,
            },
            origin,
            carriers: users.carriers,
            weight: 1.0,
            quoted: h.hit.quoted,
            formulation: Some(h.owner),
            frequent: false,
        })
    }

    fn lexicon_text_len(&self, formulation: usize) -> usize {
        self.lexicon
            .formulations
            .get(formulation)
            .map_or(0, |f| projection::project_phrase(&f.text).chars().count())
    }
}

/// A lexicon hit with its projected extent.
struct LocatedHit {
    owner: usize,
    p_start: usize,
    p_end: usize,
    hit: Hit,
}
