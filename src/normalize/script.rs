//! Normalization step `script`: Traditional → Simplified with OpenCC's `t2s` tables.
//!
//! OpenCC converts phrases, so it sees whole lines; its output is mapped back 1:1 when the line
//! keeps its length and every changed position is Han on both sides. Otherwise the offset map
//! cannot be trusted and the line is converted char by char (losing phrase context only there).
//!
//! Most lines of Simplified text hold no character OpenCC could change, and converting them is
//! most of the cost of normalization. Such lines are copied without calling OpenCC: a line
//! without a *trigger* character (`t2s_triggers.txt`, generated from the dictionaries by
//! `scripts/t2s_triggers.py`) converts to itself, so skipping it changes nothing. Within a line
//! that may change, only the runs of characters that occur in some dictionary key
//! (`t2s_keys.txt`) go through OpenCC, since no match can start at or cross any other
//! character; single-character runs, the most common, are looked up in a table.

use std::collections::HashMap;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;

use super::{Fix, FixKind};
use crate::error::Error;
use crate::text::{ByteSpan, MappedBuilder, MappedText, is_han};

/// Characters without which OpenCC t2s changes nothing (see `scripts/t2s_triggers.py`).
const TRIGGERS: &str = include_str!("t2s_triggers.txt");

/// Every character of every t2s dictionary key (same script).
const KEY_CHARS: &str = include_str!("t2s_keys.txt");

/// OpenCC converter loaded once, with the character sets that say where it can act.
pub struct T2s {
    cc: OpenCC,
    triggers: CharSet,
    keys: CharSet,
    /// OpenCC's conversion of each key character on its own.
    single: HashMap<char, String>,
}

impl T2s {
    pub fn new() -> Result<Self, Error> {
        let cc = OpenCC::from_config(BuiltinConfig::T2s)
            .map_err(|e| Error::Internal(format!("cannot load OpenCC t2s tables: {e}")))?;
        let single = list_chars(KEY_CHARS)
            .map(|c| (c, cc.convert(c.encode_utf8(&mut [0; 4]))))
            .collect();
        Ok(Self {
            cc,
            triggers: CharSet::of_list(TRIGGERS),
            keys: CharSet::of_list(KEY_CHARS),
            single,
        })
    }

    /// Convert `s` (used by tests and by the lexicon to canonicalize entries).
    pub fn convert_str(&self, s: &str) -> String {
        self.cc.convert(s)
    }

    /// Whether OpenCC could change `s`; when false, `convert_str(s) == s`.
    pub fn may_change(&self, s: &str) -> bool {
        s.chars().any(|c| self.triggers.contains(c))
    }

    /// Apply the step, logging every changed character into `log`.
    pub fn apply(&self, input: &MappedText, log: &mut Vec<Fix>) -> MappedText {
        if !self.may_change(input.as_str()) {
            return input.clone();
        }
        let spans = input.spans();
        let mut out = MappedBuilder::sized_like(input);
        let mut first = 0;
        for line in input.as_str().split_inclusive('\n') {
            let n = line.chars().count();
            let line_spans = &spans[first..first + n];
            first += n;
            if self.may_change(line) {
                self.convert_line(line, line_spans, &mut out, log);
            } else {
                out.push_run(line, line_spans);
            }
        }
        out.finish()
    }

    /// The step without shortcuts: every whole line through OpenCC, as before the trigger and
    /// key-run checks (the reference the tests hold `apply` to).
    #[cfg(test)]
    pub(super) fn rewrite(&self, input: &MappedText, log: &mut Vec<Fix>) -> MappedText {
        let chars = super::chars::collect(input);
        let mut out = MappedBuilder::sized_like(input);
        for line in chars.split_inclusive(|(c, _)| *c == '\n') {
            let text: String = line.iter().map(|(c, _)| *c).collect();
            let converted = self.cc.convert(&text);
            if aligned(&text, &converted) {
                for (&(old, span), new) in line.iter().zip(converted.chars()) {
                    push_logged(&mut out, log, old, new.encode_utf8(&mut [0; 4]), span);
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

    /// Convert one line (with its `\n`), mapping the result back to `spans`.
    fn convert_line(
        &self,
        line: &str,
        spans: &[ByteSpan],
        out: &mut MappedBuilder,
        log: &mut Vec<Fix>,
    ) {
        let converted = self.convert_runs(line);
        if aligned(line, &converted) {
            for ((old, &span), new) in line.chars().zip(spans).zip(converted.chars()) {
                push_logged(out, log, old, new.encode_utf8(&mut [0; 4]), span);
            }
        } else {
            for (old, &span) in line.chars().zip(spans) {
                let mut buf = [0; 4];
                let new = self
                    .single
                    .get(&old)
                    .map_or(&*old.encode_utf8(&mut buf), String::as_str);
                push_logged(out, log, old, new, span);
            }
        }
    }

    /// OpenCC's conversion of `text`, computed run by run: each maximal run of key characters
    /// converted on its own (a one-char run from the table), every other character kept.
    fn convert_runs(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut run_start = None;
        for (i, c) in text.char_indices() {
            if self.keys.contains(c) {
                run_start.get_or_insert(i);
                continue;
            }
            if let Some(start) = run_start.take() {
                self.convert_run(&text[start..i], &mut out);
            }
            out.push(c);
        }
        if let Some(start) = run_start {
            self.convert_run(&text[start..], &mut out);
        }
        out
    }

    fn convert_run(&self, run: &str, out: &mut String) {
        let mut chars = run.chars();
        let single = match (chars.next(), chars.next()) {
            (Some(c), None) => self.single.get(&c),
            _ => None,
        };
        match single {
            Some(s) => out.push_str(s),
            None => out.push_str(&self.cc.convert(run)),
        }
    }
}

/// The chars of a generated list, skipping `#` comment lines and line breaks.
fn list_chars(list: &str) -> impl Iterator<Item = char> + '_ {
    list.lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::chars)
}

/// A set of chars as a bitmap over code points (the trigger list spans U+3400 to the
/// supplementary planes: about 25 KB).
struct CharSet {
    bits: Vec<u64>,
}

impl CharSet {
    /// The chars of a generated list.
    fn of_list(list: &str) -> Self {
        let max = list_chars(list).map(|c| c as usize).max().unwrap_or(0);
        let mut bits = vec![0u64; max / 64 + 1];
        for c in list_chars(list) {
            bits[c as usize / 64] |= 1 << (c as usize % 64);
        }
        Self { bits }
    }

    fn contains(&self, c: char) -> bool {
        let i = c as usize;
        self.bits
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
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
    use std::sync::LazyLock;

    use proptest::prelude::*;

    use super::*;

    static T2S: LazyLock<T2s> = LazyLock::new(|| T2s::new().unwrap());

    fn t2s() -> &'static T2s {
        &T2S
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
    fn every_changed_code_point_is_a_trigger() {
        let c = t2s();
        let missing: Vec<char> = (0..=0x3_FFFF)
            .filter_map(char::from_u32)
            .filter(|&ch| {
                let s = ch.to_string();
                c.convert_str(&s) != s && !c.may_change(&s)
            })
            .collect();
        assert!(missing.is_empty(), "not in t2s_triggers.txt: {missing:?}");
    }

    #[test]
    fn triggers_are_key_characters() {
        let c = t2s();
        assert!(list_chars(TRIGGERS).all(|t| c.keys.contains(t)));
        assert!(!c.keys.contains('的') && c.keys.contains('瞭') && c.keys.contains('一'));
    }

    #[test]
    fn runs_convert_like_whole_lines() {
        let c = t2s();
        for s in [
            "常州市委書記陳金虎主持召開市委常委會會議",
            "一目瞭然，乾隆年間，反覆思量，沈船",
            "應(yīng)對新冠肺炎疫情工作領(lǐng)導(dǎo)小組",
        ] {
            assert_eq!(c.convert_runs(s), c.convert_str(s), "{s}");
        }
    }

    #[test]
    fn triggers_match_the_locked_opencc() {
        let lock = include_str!("../../Cargo.lock");
        let locked = lock
            .split("[[package]]")
            .find(|p| p.contains("name = \"ferrous-opencc\""))
            .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = ")))
            .map(|v| v.trim_matches('"'));
        assert!(locked.is_some());
        for list in [TRIGGERS, KEY_CHARS] {
            let generated = list
                .lines()
                .find_map(|l| l.strip_prefix("# ferrous-opencc "));
            assert_eq!(
                locked, generated,
                "ferrous-opencc changed: rerun scripts/t2s_triggers.py"
            );
        }
    }

    #[test]
    fn phrases_without_changing_characters_still_convert() {
        // 瞭, 藉 and 覆 map to themselves alone but change inside phrases.
        let mut log = Vec::new();
        let s = "一目瞭然\n藉此\n反覆\n乾隆\n书记";
        let out = t2s().apply(&MappedText::identity(s, 0), &mut log);
        assert_eq!(out.as_str(), "一目了然\n借此\n反复\n乾隆\n书记");
        assert_eq!(log.len(), 3);
    }

    /// Chars that matter to t2s: triggers, the other chars of phrases (一 目 然 隆 此 反 解),
    /// chars that map to themselves alone (瞭 藉 覆 乾), Simplified, 〇, supplementary Han,
    /// ASCII and line breaks.
    const ALPHABET: &[char] = &[
        '書', '記', '會', '議', '開', '陳', '應', '對', '瞭', '藉', '覆', '乾', '沈', '船', '一',
        '目', '然', '隆', '此', '反', '解', '口', '了', '干', '书', '记', '会', '〇', '𠀀', '㑯',
        '(', 'y', 'ī', ',', ' ', '\n', '\n',
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn skipping_lines_without_triggers_changes_nothing(
            picks in proptest::collection::vec(0..ALPHABET.len(), 0..60),
            base in 0usize..1000,
        ) {
            let s: String = picks.iter().map(|&i| ALPHABET[i]).collect();
            let input = MappedText::identity(&s, base);
            let (mut fast_log, mut full_log) = (Vec::new(), Vec::new());
            let fast = t2s().apply(&input, &mut fast_log);
            let full = t2s().rewrite(&input, &mut full_log);
            prop_assert_eq!(fast, full);
            prop_assert_eq!(fast_log, full_log);
        }
    }

    #[test]
    fn alignment_check() {
        assert!(aligned("書記,", "书记,"));
        assert!(!aligned("書記,", "书记"));
        assert!(!aligned("書,記", "书记,"));
    }
}
