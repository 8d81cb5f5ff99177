//! Normalization step `script`: Traditional → Simplified with OpenCC's `t2s` tables.

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

use super::Fix;
use crate::error::Error;
use crate::text::MappedText;

/// OpenCC converter loaded once.
pub struct T2s {
    cc: OpenCC,
}

impl T2s {
    pub fn new() -> Result<Self, Error> {
        let cc = OpenCC::from_config(BuiltinConfig::T2s)
            .map_err(|e| Error::Internal(format!("cannot load OpenCC t2s tables: {e}")))?;
        Ok(Self { cc })
    }

    /// Convert `s` (used by tests and by the lexicon to canonicalize entries).
    pub fn convert_str(&self, s: &str) -> String {
        self.cc.convert(s)
    }

    /// Apply the step, logging every changed character into `log`.
    pub fn apply(&self, input: &MappedText, _log: &mut Vec<Fix>) -> MappedText {
        // TODO(normalize): implement with the offset map.
        input.clone()
    }
}
