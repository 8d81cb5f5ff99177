//! tifa (提法): measures how much Chinese local-government texts reuse the formulations of the
//! provinces and the centre.
//!
//! The library is a pipeline; each stage is a module that only depends on earlier ones:
//! `source` (manifest, files, records) → `decode` (bytes → text + byte map) → `normalize`
//! (clean text with an offset map) → `split` (articles) → `corpus` (documents) → features →
//! measures → analyses → `render`. See `docs/ARCHITECTURE.md`.

pub mod analyses;
pub mod corpus;
pub mod decode;
pub mod discover;
pub mod document;
pub mod error;
pub mod features;
pub mod measures;
pub mod normalize;
pub mod progress;
pub mod render;
pub mod report;
pub mod reuse;
pub mod source;
pub mod split;
pub mod sweep;
pub mod synth;
pub mod text;

pub use corpus::Corpus;
pub use document::{DocDate, DocMeta, Document, Level};
pub use error::{Error, Result};
pub use normalize::Fixes;
