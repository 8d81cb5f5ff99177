//! What the step tests share: running one step on a string, and counting its fixes by kind.

use super::{Fix, FixKind};
use crate::text::MappedText;

/// One step's output on `s` (as a file of its own) and the fixes it logged.
pub(super) fn run_step(
    apply: fn(&MappedText, &mut Vec<Fix>) -> MappedText,
    s: &str,
) -> (String, Vec<Fix>) {
    let mut log = Vec::new();
    let out = apply(&MappedText::identity(s, 0), &mut log);
    (out.as_str().to_string(), log)
}

/// How many fixes of `kind` the log holds.
pub(super) fn count_kind(log: &[Fix], kind: FixKind) -> usize {
    log.iter().filter(|f| f.kind == kind).count()
}
