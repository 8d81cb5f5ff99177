//! Normalization step `punct`: collapse runs of pause/stop marks left by scraping (`，，`,
//! `，、`, `，。`, `。。`) to one mark: the run's last `。` if it has one, else its last mark.
//!
//! Why the last: the scraper of 001 inserted a `,` *before* the original mark (`,,` 43 times,
//! `,、` 27 times, `,。` 12 times), so the last mark is the original one: `市委副书记，、市长` was
//! `市委副书记、市长`. A sentence end is never weakened (`出席。，` keeps `。`). Ellipses, dashes,
//! quotes and brackets are not in the set and are never touched.

use super::chars::{collect, cover, rewrite_lines};
use super::{Fix, FixKind};
use crate::text::{MappedBuilder, MappedText};

/// Is `c` one of the collapsible pause/stop marks?
fn collapsible(c: char) -> bool {
    matches!(c, '、' | '，' | '：' | '；' | '。')
}

/// Apply the step, logging every change into `log`.
/// A run of marks never spans a line break, so the step runs line by line.
pub fn apply(input: &MappedText, log: &mut Vec<Fix>) -> MappedText {
    rewrite_lines(input, log, may_change, rewrite)
}

/// Whether the step could change `s`: only a run of two or more marks is collapsed.
fn may_change(s: &str) -> bool {
    let mut prev = false;
    s.chars().any(|c| {
        let this = collapsible(c);
        let run = prev && this;
        prev = this;
        run
    })
}

/// The step on text that may change: every char examined.
pub(super) fn rewrite(input: &MappedText, log: &mut Vec<Fix>) -> MappedText {
    let chars = collect(input);
    let mut out = MappedBuilder::sized_like(input);
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..]
            .iter()
            .take_while(|(c, _)| collapsible(*c))
            .count();
        if run < 2 {
            out.push(chars[i].0, chars[i].1);
            i += 1;
            continue;
        }
        // The kept mark keeps its own span.
        let last = i + run - 1;
        let keep = (i..i + run)
            .rev()
            .find(|&k| chars[k].0 == '。')
            .unwrap_or(last);
        out.push(chars[keep].0, chars[keep].1);
        log.push(Fix {
            kind: FixKind::Punctuation,
            raw: cover(&chars, i..i + run),
        });
        i += run;
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::test_support::run_step;

    fn run(s: &str) -> (String, Vec<Fix>) {
        run_step(apply, s)
    }

    #[test]
    fn doubled_lines_of_001() {
        // Line 4 of 001 after pinyin, t2s and width.
        let s = "市委副书记，、市长，、领导小组组长彭映梅对下一阶段全市疫情防控工作作出安排，，市委副书记，、市人大常委会主任、领导小组副组长白云出席，。";
        let (out, log) = run(s);
        assert_eq!(
            out,
            "市委副书记、市长、领导小组组长彭映梅对下一阶段全市疫情防控工作作出安排，市委副书记、市人大常委会主任、领导小组副组长白云出席。"
        );
        assert_eq!(log.len(), 5);
        let at = s.find("，、").unwrap();
        assert_eq!(log[0].raw.range(), at..at + 6);
        // The kept `。` of `出席，。` keeps its own raw bytes.
        let t = apply(&MappedText::identity(s, 0), &mut Vec::new());
        let last = t.char_len() - 1;
        assert_eq!(t.raw_range(last..last + 1), s.len() - 3..s.len());
    }

    #[test]
    fn last_mark_wins_but_sentence_ends_stay() {
        for (s, want) in [
            ("甲，，乙", "甲，乙"),
            ("甲，、乙", "甲、乙"),
            ("甲、，乙", "甲，乙"),
            ("甲，。乙", "甲。乙"),
            ("甲。。乙", "甲。乙"),
            ("甲、；，乙", "甲，乙"),
            ("甲：，乙", "甲，乙"),
            ("甲。，乙", "甲。乙"),
        ] {
            assert_eq!(run(s).0, want, "{s}");
            assert_eq!(run(s).1.len(), 1, "{s}");
        }
    }

    #[test]
    fn other_marks_untouched() {
        let s = "甲……乙——丙“”（）？，！，丁， 、戊";
        let (out, log) = run(s);
        assert_eq!(out, s);
        assert!(log.is_empty());
    }
}
