//! Diffusion of formulations and of text between units: when each formulation first reached
//! each unit and how long after the centre and the province (`first_use`), and who copies whom
//! (`edges`), read from a reuse report; calendar arithmetic on partial dates in `dates`, the
//! units themselves in `units` (docs/METHODS.md, "Diffusion").

pub mod adoption;
pub mod dates;
pub mod edges;
pub mod first_use;
pub mod units;

pub use adoption::{AdoptionCurve, Tier, adoption_curves};
pub use dates::Lag;
pub use edges::Edge;
pub use first_use::{Anchor, Copied, FirstUse};
pub use units::{UnitInfo, UnitKey};

use crate::document::DocMeta;
use crate::error::{Error, Result};
use crate::reuse::ReuseReport;

/// Everything the diffusion measures say about a corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Diffusion {
    /// Every unit of the corpus, sorted (level, province, city).
    pub units: Vec<UnitInfo>,
    /// One row per formulation and unit that used it, by formulation id then unit.
    pub first_uses: Vec<FirstUse>,
    /// Unit-to-unit reuse, by source unit, target unit, origin.
    pub edges: Vec<Edge>,
}

/// The diffusion measures of documents `metas` from their reuse `report` (same documents, same
/// order).
pub fn analyze(metas: &[DocMeta], report: &ReuseReport) -> Result<Diffusion> {
    if metas.len() != report.documents.len()
        || metas
            .iter()
            .zip(&report.documents)
            .any(|(m, d)| m.id != d.id)
    {
        return Err(Error::InvalidArgument(
            "diffusion: the reuse report does not cover these documents in order".into(),
        ));
    }
    Ok(Diffusion {
        units: units::census(metas),
        first_uses: first_use::first_uses(metas, report),
        edges: edges::edges(metas, report),
    })
}
