//! `MappedText`: a string whose every character remembers the raw byte range it came from.
//!
//! Every normalization step consumes a `MappedText` and produces a new one, so that after any
//! number of steps a span of normalized characters can still be shown in the original file.
//! Invariants (checked by `debug_assert` in the builder and by property tests):
//! - `spans().len()` equals the number of `char`s in `text`;
//! - span starts are non-decreasing and every span satisfies `start <= end`.
//!
//! Text decoded from UTF-8 maps every char to its own bytes; its map is built only when asked
//! for (a whole JSONL file's map is 8 bytes per char that no one reads: records locate their
//! text by byte offset, see [`MappedText::identity_base`]). A document's text is stored the
//! same way ([`MappedText::compact`]): as runs of chars that map to their own bytes, the full
//! map built on first use, so that a loaded corpus costs a few bytes per run, not 8 per char.

mod map;

use std::ops::Range;

use map::SpanMap;

/// Han characters: CJK unified ideographs (extensions A–G), compatibility ideographs and `〇`
/// (the Han zero of 二〇二二年). The one definition every stage uses, from the normalizer's
/// alignment checks to the n-gram analyzer and the synthetic corpora.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{3134F}')
}

/// Half-open range of raw bytes in the source file. `u32` keeps the map at 8 bytes per char.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ByteSpan {
    pub start: u32,
    pub end: u32,
}

impl ByteSpan {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Self {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span covering both.
    pub fn cover(self, other: ByteSpan) -> ByteSpan {
        ByteSpan {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Text plus a per-character map back to raw bytes.
#[derive(Debug, Clone, Default)]
pub struct MappedText {
    text: String,
    map: SpanMap,
}

/// Two mapped texts are equal when their texts and maps are, however each map is stored.
impl PartialEq for MappedText {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.spans() == other.spans()
    }
}

impl Eq for MappedText {}

impl MappedText {
    /// Text whose characters map to their own UTF-8 byte ranges (offset by `base`).
    /// Used for text that was UTF-8 in the source, and for synthetic documents in tests.
    pub fn identity(text: &str, base: usize) -> Self {
        Self {
            text: text.to_owned(),
            map: SpanMap::identity(text, base),
        }
    }

    /// Build from text and one span per char. Returns `None` when the lengths disagree.
    pub fn from_parts(text: String, spans: Vec<ByteSpan>) -> Option<Self> {
        (text.chars().count() == spans.len()).then_some(Self {
            text,
            map: SpanMap::Explicit(spans),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn spans(&self) -> &[ByteSpan] {
        self.map.spans(&self.text)
    }

    /// The same text and map, the map stored as runs when that is at least half the size
    /// (text that maps mostly to its own bytes, as almost all does). For what is kept long,
    /// such as a document's text; a text still being edited is better left explicit.
    pub fn compact(self) -> MappedText {
        MappedText {
            map: self.map.compact(&self.text),
            text: self.text,
        }
    }

    /// `Some(base)` when every char maps to its own UTF-8 bytes offset by `base` (text
    /// decoded from UTF-8): the span of the char at byte `i` of `as_str()` is then
    /// `base + i .. base + i + len`, with no map to read.
    pub fn identity_base(&self) -> Option<usize> {
        self.map.identity_base()
    }

    #[cfg(test)]
    fn map(&self) -> &SpanMap {
        &self.map
    }

    /// Whether the spelled-out map exists (always for an explicit map): what tests of the
    /// stages that should never build a file's map check.
    #[cfg(test)]
    pub(crate) fn map_is_built(&self) -> bool {
        self.map.is_built()
    }

    /// Number of characters (Unicode scalar values).
    pub fn char_len(&self) -> usize {
        self.map.char_len()
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Characters with their raw spans.
    pub fn iter(&self) -> impl Iterator<Item = (char, ByteSpan)> + '_ {
        self.text.chars().zip(self.spans().iter().copied())
    }

    /// Raw byte range covered by the characters `chars` (a char-index range).
    /// An empty range maps to the empty raw range at the position where it would start.
    pub fn raw_range(&self, chars: Range<usize>) -> Range<usize> {
        let start = chars.start.min(self.char_len());
        let end = chars.end.min(self.char_len()).max(start);
        if start == end {
            let at = match self.spans().get(start) {
                Some(s) => s.start as usize,
                None => self.spans().last().map_or(0, |s| s.end as usize),
            };
            return at..at;
        }
        let first = self.spans()[start];
        let max_end = self.spans()[start..end]
            .iter()
            .map(|s| s.end)
            .max()
            .unwrap_or(first.end);
        first.start as usize..max_end as usize
    }

    /// Sub-text of the characters in `chars`, keeping their spans.
    pub fn slice(&self, chars: Range<usize>) -> MappedText {
        let start = chars.start.min(self.char_len());
        let end = chars.end.min(self.char_len()).max(start);
        let text: String = self.text.chars().skip(start).take(end - start).collect();
        MappedText {
            text,
            map: SpanMap::Explicit(self.spans()[start..end].to_vec()),
        }
    }

    /// Sub-texts of many char ranges (in any order) in one pass over the text: what
    /// [`MappedText::slice`] gives for each, without walking from the start every time (a
    /// file of n articles would cost n² character steps).
    pub fn slices(&self, ranges: &[Range<usize>]) -> Vec<MappedText> {
        let clamp = |r: &Range<usize>| {
            let start = r.start.min(self.char_len());
            start..r.end.min(self.char_len()).max(start)
        };
        let mut bounds: Vec<usize> = ranges
            .iter()
            .map(clamp)
            .flat_map(|r| [r.start, r.end])
            .collect();
        bounds.sort_unstable();
        bounds.dedup();
        // Byte offset of each boundary char index, in `bounds` order.
        let mut bytes = Vec::with_capacity(bounds.len());
        let mut next = bounds.iter().peekable();
        for (char_index, (byte, _)) in self
            .text
            .char_indices()
            .chain(std::iter::once((self.text.len(), ' ')))
            .enumerate()
        {
            while next.next_if(|&&b| b == char_index).is_some() {
                bytes.push(byte);
            }
            if next.peek().is_none() {
                break;
            }
        }
        let byte_of = |c: usize| {
            bounds
                .binary_search(&c)
                .map_or(self.text.len(), |i| bytes[i])
        };
        ranges
            .iter()
            .map(|r| {
                let r = clamp(r);
                MappedText {
                    text: self.text[byte_of(r.start)..byte_of(r.end)].to_string(),
                    map: SpanMap::Explicit(self.spans()[r].to_vec()),
                }
            })
            .collect()
    }

    /// Byte offset in `as_str()` of every char index, plus the total length at the end.
    pub fn char_byte_offsets(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self.text.char_indices().map(|(i, _)| i).collect();
        v.push(self.text.len());
        v
    }
}

/// Accumulates characters and their spans; the only way steps build new text.
#[derive(Debug, Default)]
pub struct MappedBuilder {
    text: String,
    spans: Vec<ByteSpan>,
}

impl MappedBuilder {
    pub fn with_capacity(bytes: usize) -> Self {
        Self {
            text: String::with_capacity(bytes),
            spans: Vec::with_capacity(bytes / 3 + 1),
        }
    }

    /// Room for a text about the size of `like` (a step's input).
    pub fn sized_like(like: &MappedText) -> Self {
        Self {
            text: String::with_capacity(like.text.len()),
            spans: Vec::with_capacity(like.char_len()),
        }
    }

    pub fn push(&mut self, c: char, span: ByteSpan) {
        debug_assert!(
            self.spans.last().is_none_or(|l| l.start <= span.start),
            "spans must be monotonic"
        );
        self.text.push(c);
        self.spans.push(span);
    }

    /// Push every char of `s`, all mapped to `span` (a replacement of one source stretch).
    pub fn push_str(&mut self, s: &str, span: ByteSpan) {
        for c in s.chars() {
            self.push(c, span);
        }
    }

    /// Push `s` with one span per char (`spans.len()` equals the char count of `s`): a stretch
    /// copied unchanged from another `MappedText`.
    pub fn push_run(&mut self, s: &str, spans: &[ByteSpan]) {
        debug_assert_eq!(s.chars().count(), spans.len(), "one span per char");
        debug_assert!(
            spans
                .first()
                .is_none_or(|f| self.spans.last().is_none_or(|l| l.start <= f.start)),
            "spans must be monotonic"
        );
        self.text.push_str(s);
        self.spans.extend_from_slice(spans);
    }

    /// The last pushed character, if any.
    pub fn last_char(&self) -> Option<char> {
        self.text.chars().next_back()
    }

    /// Remove and return the last character with its span.
    pub fn pop(&mut self) -> Option<(char, ByteSpan)> {
        let c = self.text.pop()?;
        let s = self.spans.pop()?;
        Some((c, s))
    }

    pub fn finish(self) -> MappedText {
        MappedText {
            text: self.text,
            map: SpanMap::Explicit(self.spans),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_utf8_bytes() {
        let t = MappedText::identity("外防a输入", 10);
        assert_eq!(t.char_len(), 5);
        assert_eq!(t.raw_range(0..1), 10..13);
        assert_eq!(t.raw_range(2..3), 16..17);
        assert_eq!(t.raw_range(1..5), 13..23);
        assert_eq!(t.raw_range(5..5), 23..23);
        assert_eq!(t.slice(3..5).as_str(), "输入");
        assert_eq!(t.slice(3..5).raw_range(0..2), 17..23);
    }

    #[test]
    fn an_identity_map_is_built_only_when_read_and_equals_the_explicit_one() {
        let t = MappedText::identity("外防a输入", 10);
        assert_eq!(t.identity_base(), Some(10));
        assert_eq!(t.char_len(), 5);
        let explicit = MappedText::from_parts(
            "外防a输入".into(),
            [(10, 13), (13, 16), (16, 17), (17, 20), (20, 23)]
                .map(|(a, b)| ByteSpan::new(a, b))
                .to_vec(),
        )
        .unwrap();
        assert_eq!(explicit.identity_base(), None);
        // Equal before the lazy map exists (it is built for the comparison) and after.
        assert_eq!(t, explicit);
        assert_eq!(t.spans(), explicit.spans());
        assert_eq!(t.char_len(), 5);
        assert_ne!(MappedText::identity("外防a输入", 0), explicit);
    }

    #[test]
    fn han_includes_ling_and_extension_g() {
        assert!(is_han('應') && is_han('〇') && is_han('\u{20000}') && is_han('\u{30000}'));
        assert!(!is_han('，') && !is_han('a') && !is_han('5') && !is_han('\u{3006}'));
    }

    #[test]
    fn from_parts_rejects_length_mismatch() {
        assert!(MappedText::from_parts("ab".into(), vec![ByteSpan::new(0, 1)]).is_none());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn slices_equal_slice_for_each_range(
                text in "[外防输入a1，。\n]{0,40}",
                ranges in prop::collection::vec((0usize..45, 0usize..45), 0..8),
            ) {
                let t = MappedText::identity(&text, 3);
                let ranges: Vec<Range<usize>> = ranges.into_iter().map(|(a, b)| a..b).collect();
                let many = t.slices(&ranges);
                prop_assert_eq!(many.len(), ranges.len());
                for (r, got) in ranges.iter().zip(&many) {
                    prop_assert_eq!(got, &t.slice(r.clone()));
                }
            }
        }
    }
}
