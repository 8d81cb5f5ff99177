//! Paper-ready SVG charts: pure functions from plain data to an SVG string.
//!
//! Every chart shares the look defined in [`theme`]: a CJK font fallback list, the Okabe–Ito
//! palette (fixed colours per [`Origin`]), a white → dark-blue sequential scale, and a default
//! width of 720 px with height growing with the number of rows. Empty inputs give a valid SVG
//! saying "no data"; inconsistent inputs give [`crate::error::Error::InvalidArgument`].

pub mod adoption;
pub mod curve;
pub mod dates;
pub mod dendrogram;
pub mod heatmap;
pub mod matrix;
pub mod network;
pub mod passages;
pub mod scatter;
pub mod shares;
pub mod small_multiples;
pub mod theme;
pub mod timeline;

#[cfg(test)]
mod tests;

pub use theme::{FONT_FAMILY, Origin};
