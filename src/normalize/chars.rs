//! Character classes and line helpers shared by the normalization steps.

use std::ops::Range;

use super::Fix;
use crate::text::{ByteSpan, MappedBuilder, MappedText, is_han};

/// Stand-in for a character the scrape lost; treated like a Han character in contexts.
pub const LOST: char = '\u{FFFD}';

/// Punctuation that only occurs in Chinese typesetting here: CJK symbols block, fullwidth
/// forms that are not letters or digits, curly quotes, ellipsis and dash.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{3006}'
        | '\u{3008}'..='\u{303F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Han, CJK punctuation or a lost character: what makes a neighbourhood "Chinese".
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c) || c == LOST
}

/// Horizontal white space of any width (`\n` is a line break, not blank).
pub fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\u{00A0}' | '\u{3000}')
}

/// Run a line-local step: `rewrite` on each line (with its `\n`) that `may_change`, the other
/// lines copied as they are. Only for steps whose every decision stays inside one line (no
/// state or look-ahead across a `\n`), so that rewriting line by line equals rewriting the
/// whole text; text that cannot change at all is returned as it is.
pub fn rewrite_lines(
    input: &MappedText,
    log: &mut Vec<Fix>,
    may_change: impl Fn(&str) -> bool,
    rewrite: impl Fn(&MappedText, &mut Vec<Fix>) -> MappedText,
) -> MappedText {
    let s = input.as_str();
    if !may_change(s) {
        return input.clone();
    }
    let spans = input.spans();
    let mut out = MappedBuilder::sized_like(input);
    let mut first = 0;
    for line in s.split_inclusive('\n') {
        let n = line.chars().count();
        let line_spans = &spans[first..first + n];
        first += n;
        if may_change(line) {
            let piece =
                MappedText::from_parts(line.to_string(), line_spans.to_vec()).unwrap_or_default();
            let new = rewrite(&piece, log);
            out.push_run(new.as_str(), new.spans());
        } else {
            out.push_run(line, line_spans);
        }
    }
    out.finish()
}

/// Char ranges of the lines of `chars`, without their `\n`.
pub fn line_ranges(chars: &[(char, ByteSpan)]) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, (c, _)) in chars.iter().enumerate() {
        if *c == '\n' {
            lines.push(start..i);
            start = i + 1;
        }
    }
    lines.push(start..chars.len());
    lines
}

/// The chars of `input` with their spans, for indexed access.
pub fn collect(input: &MappedText) -> Vec<(char, ByteSpan)> {
    input.iter().collect()
}

/// The text of `chars[range]`.
pub fn string_of(chars: &[(char, ByteSpan)], range: Range<usize>) -> String {
    chars[range].iter().map(|(c, _)| *c).collect()
}

/// Raw span covering every char of `chars[range]` (empty range: empty span at its position).
pub fn cover(chars: &[(char, ByteSpan)], range: Range<usize>) -> ByteSpan {
    let mut it = chars[range].iter().map(|(_, s)| *s);
    match it.next() {
        Some(first) => it.fold(first, ByteSpan::cover),
        None => ByteSpan::default(),
    }
}

/// Range `r` shrunk to exclude blank chars at both ends.
pub fn trim_range(chars: &[(char, ByteSpan)], r: Range<usize>) -> Range<usize> {
    let mut s = r.start;
    let mut e = r.end;
    while s < e && is_blank(chars[s].0) {
        s += 1;
    }
    while e > s && is_blank(chars[e - 1].0) {
        e -= 1;
    }
    s..e
}

/// Char offset in `s` of the byte offset `byte` (regex matches report bytes).
pub fn char_index(s: &str, byte: usize) -> usize {
    s.get(..byte).map_or(0, |p| p.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('應') && is_han('〇') && !is_han('，') && !is_han('a'));
        assert!(is_cjk_punct('，') && is_cjk_punct('“') && is_cjk_punct('、'));
        assert!(!is_cjk_punct(',') && !is_cjk_punct('Ａ') && !is_cjk_punct('５'));
        assert!(is_cjk(LOST));
    }

    #[test]
    fn lines_and_trim() {
        let t = MappedText::identity("ab\n\n c \n", 0);
        let chars = collect(&t);
        assert_eq!(line_ranges(&chars), vec![0..2, 3..3, 4..7, 8..8]);
        assert_eq!(trim_range(&chars, 4..7), 5..6);
        assert_eq!(cover(&chars, 0..2), ByteSpan::new(0, 2));
    }
}
