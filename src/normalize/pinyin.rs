//! Normalization step `pinyin`: see the module docs of `normalize` and docs/METHODS.md.

use super::Fix;
use crate::text::MappedText;

/// Apply the step, logging every change into `log`.
pub fn apply(input: &MappedText, _log: &mut Vec<Fix>) -> MappedText {
    // TODO(normalize): implement.
    input.clone()
}
