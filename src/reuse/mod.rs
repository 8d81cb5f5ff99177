//! Reuse: which characters of each document come from the centre, its province, peer cities or
//! itself, backed by formulation hits (lexicon) and passages (shingle index + alignment).
//!
//! Data flow: documents → projections (content characters) → shingle index over every document
//! → per target: lexicon hits; rare shingles aligned pairwise with their allowed carriers;
//! frequent shingles attributed from carrier summaries → per-character origin by precedence
//! central > provincial > peer > self > own → shares, raw and weighted.
//!
//! Rooms: `model` (output types), `params`, `lexicon` and `guards` (formulations and the
//! context and word checks of their hits), `rules` (who is a source of whom), `summary`
//! (earliest allowed carriers of frequent text), `index`, `align`, `extend` (chain ends),
//! `seeds` (the rare path),
//! `frequent` (the frequent path), `attribution` (precedence and weights), `weights`,
//! `output` (passages kept and the per-document result), `engine` (the order of it all).

pub mod align;
pub mod attribution;
pub mod engine;
mod extend;
mod frequent;
pub mod guards;
pub mod index;
pub mod lexicon;
pub mod model;
mod output;
pub mod params;
pub mod projection;
pub mod quoted;
pub mod rules;
mod seeds;
mod summary;
pub mod weights;

pub use engine::ReuseEngine;
pub use model::{
    DocReuse, FormulationCount, Hit, MEASURE_NAMES, Measure, Origin, Passage, PassageKind,
    ReuseReport, Segment, Shares,
};
pub use params::{DEFAULT_MAX_CARRIERS, ReuseParams, Scale};
pub use weights::distinctiveness;

use crate::corpus::Corpus;
use crate::error::Result;
use crate::progress::Progress;
use lexicon::Lexicon;

/// Reuse of every document of `corpus` against the others, advancing `progress` by one per
/// document.
pub fn analyze(
    corpus: &Corpus,
    lexicon: &Lexicon,
    params: &ReuseParams,
    progress: &dyn Progress,
) -> Result<ReuseReport> {
    let engine = ReuseEngine::new(&corpus.documents, lexicon, &corpus.exclude, params)?;
    Ok(ReuseReport {
        params: params.clone(),
        documents: engine.analyze_all(params, progress)?,
    })
}
