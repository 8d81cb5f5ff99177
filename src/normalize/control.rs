//! Normalization step `control`: remove control characters, which no document means to hold
//! and which would reach terminals and pages as raw escape sequences.
//!
//! C0 (except `\n` and `\t`), DEL and C1 characters are dropped. A CR is dropped before an LF
//! (CRLF line ends count like LF ones) and becomes the line break itself when it stands alone
//! (old Mac line ends). Every removal or change is a `control` fix at the raw bytes it concerns;
//! the kept characters keep their spans, so the offset map stays exact.

use super::{Fix, FixKind};
use crate::text::{MappedBuilder, MappedText};

/// A character this step removes (a CR is handled apart).
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\t' | '\r')
}

/// Apply the step, logging every change into `log`.
pub fn apply(input: &MappedText, log: &mut Vec<Fix>) -> MappedText {
    if !input
        .as_str()
        .chars()
        .any(|c| c == '\r' || is_stray_control(c))
    {
        return input.clone();
    }
    let mut out = MappedBuilder::with_capacity(input.as_str().len());
    let mut chars = input.iter().peekable();
    while let Some((c, span)) = chars.next() {
        let fix = Fix {
            kind: FixKind::Control,
            raw: span,
        };
        if c == '\r' {
            log.push(fix);
            if !matches!(chars.peek(), Some(('\n', _))) {
                out.push('\n', span);
            }
        } else if is_stray_control(c) {
            log.push(fix);
        } else {
            out.push(c, span);
        }
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_go_and_the_offsets_stay_exact() {
        let raw = "会议\u{0}强调\u{1b}[31m，\r\n要坚持\u{85}。\r下一行\t完";
        let mut log = Vec::new();
        let out = apply(&MappedText::identity(raw, 0), &mut log);
        assert_eq!(out.as_str(), "会议强调[31m，\n要坚持。\n下一行\t完");
        assert_eq!(log.len(), 5);
        assert!(log.iter().all(|f| f.kind == FixKind::Control));
        // Every kept char still points at its own bytes; a lone CR became the line break.
        for (i, c) in out.as_str().chars().enumerate() {
            let raw_char = &raw[out.raw_range(i..i + 1)];
            if c == '\n' && raw_char == "\r" {
                assert_eq!(i, 14);
            } else {
                assert_eq!(raw_char.chars().collect::<Vec<_>>(), vec![c], "char {i}");
            }
        }
    }

    #[test]
    fn clean_text_is_untouched() {
        let mut log = Vec::new();
        let t = MappedText::identity("外防输入\n内防反弹\t。", 0);
        assert_eq!(apply(&t, &mut log), t);
        assert!(log.is_empty());
    }
}
