//! Normalization step `script`: Traditional → Simplified with OpenCC's `t2s` tables.
//!
//! OpenCC converts phrases, so it sees whole lines; its output is mapped back 1:1 when the line
//! keeps its length and every changed position is Han on both sides. Otherwise the offset map
//! cannot be trusted and the line is converted char by char (losing phrase context only there).

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

use super::chars::collect;
use super::{Fix, FixKind};
use crate::error::Error;
use crate::text::{ByteSpan, MappedBuilder, MappedText, is_han};

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
    pub fn apply(&self, input: &MappedText, log: &mut Vec<Fix>) -> MappedText {
        let chars = collect(input);
        let mut out = MappedBuilder::with_capacity(input.as_str().len());
        for line in chars.split_inclusive(|(c, _)| *c == '\n') {
            let text: String = line.iter().map(|(c, _)| *c).collect();
            let converted = self.cc.convert(&text);
            if aligned(&text, &converted) {
                for ((old, span), new) in line.iter().zip(converted.chars()) {
                    push_logged(&mut out, log, *old, new.encode_utf8(&mut [0; 4]), *span);
                }
            } else {
                for &(old, span) in line {
                    let new = self.cc.convert(old.encode_utf8(&mut [0; 4]));
                    push_logged(&mut out, log, old, &new, span);
                }
            }
        }
        out.finish()
    }
}

/// Whether `converted` can inherit the spans of `text` position by position.
fn aligned(text: &str, converted: &str) -> bool {
    text.chars().count() == converted.chars().count()
        && text
            .chars()
            .zip(converted.chars())
            .all(|(a, b)| a == b || (is_han(a) && is_han(b)))
}

/// Push `new` (the conversion of `old`) with `old`'s span; log it when it differs.
fn push_logged(out: &mut MappedBuilder, log: &mut Vec<Fix>, old: char, new: &str, span: ByteSpan) {
    let mut it = new.chars();
    if !(it.next() == Some(old) && it.next().is_none()) {
        log.push(Fix {
            kind: FixKind::Traditional,
            raw: span,
        });
    }
    out.push_str(new, span);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t2s() -> T2s {
        T2s::new().unwrap()
    }

    #[test]
    fn converts_first_line_of_000_with_spans() {
        let s = "4月26日晚,常州市委書記陳金虎主持召開市委常委會會議";
        let mut log = Vec::new();
        let out = t2s().apply(&MappedText::identity(s, 100), &mut log);
        assert_eq!(
            out.as_str(),
            "4月26日晚,常州市委书记陈金虎主持召开市委常委会会议"
        );
        // 書 記 陳 開 會 會 議
        assert_eq!(log.len(), 7);
        assert!(log.iter().all(|f| f.kind == FixKind::Traditional));
        let at = 100 + s.find('書').unwrap();
        assert_eq!(log[0].raw.range(), at..at + 3);
        let pos = out.as_str().chars().position(|c| c == '书').unwrap();
        assert_eq!(out.raw_range(pos..pos + 1), at..at + 3);
    }

    #[test]
    fn simplified_and_non_han_untouched() {
        let s = "吴俊清主持召开市委第一百一十一次疫情防控专题会强调\n来源:晋中新闻网 2022-08-23 \u{FFFD}";
        let mut log = Vec::new();
        let out = t2s().apply(&MappedText::identity(s, 0), &mut log);
        assert_eq!(out.as_str(), s);
        assert!(log.is_empty());
    }

    #[test]
    fn idempotent_on_converted_text() {
        let c = t2s();
        let s = "確保風險人群底數盡快出清、管控及時到位、傳播鏈條快速切斷。";
        let mut log = Vec::new();
        let once = c.apply(&MappedText::identity(s, 0), &mut log);
        assert_eq!(c.convert_str(once.as_str()), once.as_str());
        let mut again = Vec::new();
        assert_eq!(c.apply(&once, &mut again), once);
        assert!(again.is_empty());
    }

    #[test]
    fn alignment_check() {
        assert!(aligned("書記,", "书记,"));
        assert!(!aligned("書記,", "书记"));
        assert!(!aligned("書,記", "书记,"));
    }
}
