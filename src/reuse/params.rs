//! Reuse parameters and their validation (defaults documented in docs/METHODS.md, "Reuse").

use serde::Serialize;

use super::align::AlignParams;
use crate::error::{Error, Result};

/// Shingles carried by more documents than this are "frequent" by default: they are attributed
/// from carrier summaries instead of being aligned against every carrier.
pub const DEFAULT_MAX_CARRIERS: usize = 50;

/// How the engine treats text that many documents carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "mode", content = "max_carriers")]
pub enum Scale {
    /// Shingles with more than `max_carriers` carriers are attributed from summaries; one
    /// passage per target span, origin and chosen source. Cost grows with the text.
    Summarized(usize),
    /// Every shingle is aligned against every carrier and every passage is kept (the pairwise
    /// method; cost grows with the square of the corpus).
    Exhaustive,
}

impl Scale {
    /// Carriers above which a shingle is frequent (`usize::MAX` when exhaustive).
    pub fn max_carriers(self) -> usize {
        match self {
            Scale::Summarized(n) => n,
            Scale::Exhaustive => usize::MAX,
        }
    }
}

/// Reuse parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReuseParams {
    pub align: AlignParams,
    /// Ignore references dated after the target (when both dates are known).
    pub respect_dates: bool,
    /// Count peers (documents of the same level elsewhere) as references.
    pub peers: bool,
    pub scale: Scale,
}

impl Default for ReuseParams {
    fn default() -> Self {
        ReuseParams {
            align: AlignParams::default(),
            respect_dates: true,
            peers: true,
            scale: Scale::Summarized(DEFAULT_MAX_CARRIERS),
        }
    }
}

/// Parameters are named as sweeps name them (`min_passage`); the CLI's flags are the same
/// names with dashes.
fn invalid(name: &'static str, message: String) -> Error {
    Error::Parameter { name, message }
}

impl ReuseParams {
    pub fn validate(&self) -> Result<()> {
        let a = &self.align;
        if a.shingle < 2 {
            return Err(invalid(
                "shingle",
                format!("{}: shingles need at least 2 characters", a.shingle),
            ));
        }
        if a.min_passage < a.shingle {
            return Err(invalid(
                "min_passage",
                format!(
                    "{} is shorter than shingle {}; a passage holds at least one shingle",
                    a.min_passage, a.shingle
                ),
            ));
        }
        if !(0.0..=1.0).contains(&a.min_identity) {
            return Err(invalid(
                "min_identity",
                format!("{}: must lie in [0, 1]", a.min_identity),
            ));
        }
        if self.scale == Scale::Summarized(0) {
            return Err(invalid(
                "max_carriers",
                "0: every shingle would be frequent; use at least 1".into(),
            ));
        }
        Ok(())
    }
}
