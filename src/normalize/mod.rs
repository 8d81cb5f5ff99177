//! Normalization: decoded raw text → clean text, with an offset map back to raw bytes.
//!
//! A chain of small steps in a fixed, documented order (see `docs/METHODS.md`):
//!
//! 0. `control`     remove control characters (NUL, ESC, C1 ...) and the CR of CRLF;
//! 1. `pinyin`      remove pinyin annotations after Han characters: `應(yīng)對` → `應對`;
//! 2. `script`      Traditional → Simplified (OpenCC `t2s`);
//! 3. `width`       width/compatibility folding to one canonical punctuation set;
//! 4. `punct`       collapse doubled or mixed punctuation left by scraping (`,,` `、,` `。。`);
//! 5. `furniture`   strip site furniture lines and markdown markup;
//! 6. `rejoin`      rejoin paragraphs cut mid-sentence by page or column breaks;
//! 7. `byline`      find bylines (记者 …) and mark them; they stay in the text.
//!
//! Each step reads a `MappedText` and writes a new one; every change is logged as a `Fix` with
//! the raw byte span it touched, so that fixes can be counted per document after splitting.

pub mod byline;
mod chars;
pub mod control;
mod fix;
pub mod furniture;
pub mod pinyin;
pub mod punct;
pub mod rejoin;
pub mod script;
pub mod width;

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::text::MappedText;

pub(crate) use fix::count_fixes;
pub use fix::{Fix, FixKind, Fixes};

/// Which steps run. Every step is on by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NormalizeOptions {
    pub control: bool,
    pub pinyin: bool,
    pub traditional: bool,
    pub width: bool,
    pub punctuation: bool,
    pub furniture: bool,
    pub rejoin: bool,
    pub bylines: bool,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        Self {
            control: true,
            pinyin: true,
            traditional: true,
            width: true,
            punctuation: true,
            furniture: true,
            rejoin: true,
            bylines: true,
        }
    }
}

/// Output of the chain for one decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: MappedText,
    pub fixes: Vec<Fix>,
    /// Char ranges of `text` that are bylines.
    pub bylines: Vec<Range<usize>>,
}

impl Normalized {
    /// Count the fixes whose raw span starts inside `raw` (a document's byte range).
    pub fn count_fixes(&self, raw: Range<usize>) -> Fixes {
        count_fixes(&self.fixes, raw)
    }
}

/// The normalization chain. Build once (loading the OpenCC tables), use for many texts;
/// `Send + Sync`, so it can be shared across rayon workers.
pub struct Normalizer {
    options: NormalizeOptions,
    t2s: Option<script::T2s>,
}

impl Normalizer {
    pub fn new(options: NormalizeOptions) -> Result<Self, Error> {
        let t2s = if options.traditional {
            Some(script::T2s::new()?)
        } else {
            None
        };
        Ok(Self { options, t2s })
    }

    pub fn options(&self) -> NormalizeOptions {
        self.options
    }

    /// Run every enabled step on `input` (typically a whole decoded file).
    pub fn normalize(&self, input: &MappedText) -> Normalized {
        let o = self.options;
        let mut log = Vec::new();
        let mut text = input.clone();
        if o.control {
            text = control::apply(&text, &mut log);
        }
        if o.pinyin {
            text = pinyin::apply(&text, &mut log);
        }
        if let Some(t2s) = &self.t2s {
            text = t2s.apply(&text, &mut log);
        }
        if o.width {
            text = width::apply(&text, &mut log);
        }
        if o.punctuation {
            text = punct::apply(&text, &mut log);
        }
        if o.furniture {
            text = furniture::apply(&text, &mut log);
        }
        if o.rejoin {
            text = rejoin::apply(&text, &mut log);
        }
        let bylines = if o.bylines {
            byline::find(&text, &mut log)
        } else {
            Vec::new()
        };
        log.sort_by_key(|f| (f.raw.start, f.raw.end, f.kind));
        Normalized {
            text,
            fixes: log,
            bylines,
        }
    }
}

#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
