//! Normalization step `byline`: find byline lines (记者 …) and mark them; the text is unchanged.

use std::ops::Range;

use super::Fix;
use crate::text::MappedText;

/// Char ranges of byline lines in `input`; each is logged as a `Byline` fix.
pub fn find(_input: &MappedText, _log: &mut Vec<Fix>) -> Vec<Range<usize>> {
    // TODO(normalize): implement.
    Vec::new()
}
