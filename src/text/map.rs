//! How a [`MappedText`](super::MappedText)'s map is stored: spelled out, as the identity of
//! UTF-8 text, or as runs of chars that map to their own bytes. The last two build the spelled
//! out map on first use and keep it; whichever is stored, `spans` gives the same map.

use std::sync::OnceLock;

use super::ByteSpan;

/// How a text's chars map to raw bytes.
#[derive(Debug, Clone)]
pub(super) enum SpanMap {
    Explicit(Vec<ByteSpan>),
    /// Each char maps to its own UTF-8 bytes, offset by `base`; `chars` of them; `built` is
    /// that map, made on first use.
    Identity {
        base: usize,
        chars: usize,
        built: OnceLock<Vec<ByteSpan>>,
    },
    /// The map as runs (see [`Run`]) of `chars` chars in all; `built` is the full map, made
    /// on first use.
    Runs {
        runs: Box<[Run]>,
        chars: usize,
        built: OnceLock<Vec<ByteSpan>>,
    },
}

/// Chars from `first_char` up to the next run's first char. `end == None`: they map to their
/// own UTF-8 bytes one after the other from `start`. `Some(end)`: one char (a replaced
/// character, an escape) whose span is `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Run {
    first_char: u32,
    start: u32,
    end: Option<u32>,
}

/// The runs of `text`'s map `spans` (one span per char).
fn runs_of(text: &str, spans: &[ByteSpan]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    // Where the current run of own-bytes chars would continue, if one is open.
    let mut next_byte: Option<u32> = None;
    for (i, (c, span)) in text.chars().zip(spans).enumerate() {
        let own_bytes = (span.end - span.start) as usize == c.len_utf8();
        if own_bytes && next_byte == Some(span.start) {
            next_byte = Some(span.end);
            continue;
        }
        runs.push(Run {
            first_char: i as u32,
            start: span.start,
            end: (!own_bytes).then_some(span.end),
        });
        next_byte = own_bytes.then_some(span.end);
    }
    runs
}

/// The full map of `text` from its runs.
fn spans_of_runs(text: &str, runs: &[Run], chars: usize) -> Vec<ByteSpan> {
    let mut spans = Vec::with_capacity(chars);
    let mut text_chars = text.chars();
    for (r, run) in runs.iter().enumerate() {
        let until = runs.get(r + 1).map_or(chars, |n| n.first_char as usize);
        let count = until - run.first_char as usize;
        match run.end {
            Some(end) => {
                text_chars.next();
                spans.push(ByteSpan {
                    start: run.start,
                    end,
                });
            }
            None => {
                let mut at = run.start as usize;
                for c in text_chars.by_ref().take(count) {
                    spans.push(ByteSpan::new(at, at + c.len_utf8()));
                    at += c.len_utf8();
                }
            }
        }
    }
    spans
}

impl Default for SpanMap {
    fn default() -> Self {
        SpanMap::Explicit(Vec::new())
    }
}

impl SpanMap {
    /// The identity map of `text` from byte `base` on. Counts the chars now, so that
    /// `char_len` costs nothing later.
    pub(super) fn identity(text: &str, base: usize) -> Self {
        SpanMap::Identity {
            base,
            chars: text.chars().count(),
            built: OnceLock::new(),
        }
    }

    /// The map of `text` (the text this map belongs to), one span per char.
    pub(super) fn spans<'a>(&'a self, text: &str) -> &'a [ByteSpan] {
        match self {
            SpanMap::Explicit(spans) => spans,
            SpanMap::Identity { base, chars, built } => {
                built.get_or_init(|| identity_spans(text, *base, *chars))
            }
            SpanMap::Runs { runs, chars, built } => {
                built.get_or_init(|| spans_of_runs(text, runs, *chars))
            }
        }
    }

    pub(super) fn char_len(&self) -> usize {
        match self {
            SpanMap::Explicit(spans) => spans.len(),
            SpanMap::Identity { chars, .. } | SpanMap::Runs { chars, .. } => *chars,
        }
    }

    #[cfg(test)]
    pub(super) fn is_built(&self) -> bool {
        match self {
            SpanMap::Explicit(_) => true,
            SpanMap::Identity { built, .. } | SpanMap::Runs { built, .. } => built.get().is_some(),
        }
    }

    pub(super) fn identity_base(&self) -> Option<usize> {
        match self {
            SpanMap::Identity { base, .. } => Some(*base),
            SpanMap::Explicit(_) | SpanMap::Runs { .. } => None,
        }
    }

    /// Runs instead of an explicit map when they take at most half its size.
    pub(super) fn compact(self, text: &str) -> Self {
        let SpanMap::Explicit(spans) = &self else {
            return self;
        };
        let runs = runs_of(text, spans);
        if runs.len() * std::mem::size_of::<Run>() * 2
            > spans.len() * std::mem::size_of::<ByteSpan>()
        {
            return self;
        }
        SpanMap::Runs {
            runs: runs.into_boxed_slice(),
            chars: spans.len(),
            built: OnceLock::new(),
        }
    }
}

/// The spans of `text`'s chars as their own UTF-8 bytes offset by `base`.
fn identity_spans(text: &str, base: usize, chars: usize) -> Vec<ByteSpan> {
    // Sized up front: a whole file's map is 8 bytes per char, and growing it by doubling
    // costs as much as filling it.
    let mut spans = Vec::with_capacity(chars);
    spans.extend(
        text.char_indices()
            .map(|(i, c)| ByteSpan::new(base + i, base + i + c.len_utf8())),
    );
    spans
}

#[cfg(test)]
mod tests {
    use super::super::MappedText;
    use super::*;

    #[test]
    fn text_that_maps_to_its_own_bytes_is_kept_as_runs() {
        let (a, b) = ("外防输入、内防反弹", "动态清零总方针不动摇");
        let raw = format!("{{\"text\":\"{a}\\n{b}\"}}");
        // `a` from byte 9, the escape \n (2 bytes) as one char, then `b`.
        let own = |s: &str, from: usize| MappedText::identity(s, from).spans().to_vec();
        let escape = ByteSpan::new(9 + a.len(), 11 + a.len());
        let spans = [own(a, 9), vec![escape], own(b, 11 + a.len())].concat();
        let t = MappedText::from_parts(format!("{a}\n{b}"), spans.clone())
            .unwrap()
            .compact();
        let SpanMap::Runs { runs, .. } = t.map() else {
            panic!("not compacted: {t:?}");
        };
        assert_eq!(runs.len(), 3, "a | \\n | b");
        assert_eq!(t.char_len(), 20);
        assert_eq!(t.spans(), &spans[..]);
        assert_eq!(&raw[t.raw_range(9..10)], "\\n");
        assert_eq!(&raw[t.raw_range(10..20)], b);
        // Too many runs for their size: stays explicit.
        let scattered =
            MappedText::from_parts("ab".into(), vec![ByteSpan::new(0, 5), ByteSpan::new(9, 10)])
                .unwrap()
                .compact();
        assert!(matches!(scattered.map(), SpanMap::Explicit(_)));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// A compacted map gives back every span, whatever mix of own-bytes runs, gaps,
            /// replaced chars (other widths) and shared spans the text has.
            #[test]
            fn a_compact_map_gives_back_every_span(
                chars in prop::collection::vec(
                    (prop::sample::select(vec!['外', '防', 'a', '1', '，', '\n', '😀']), 0u32..3, 0u32..4),
                    0..60,
                ),
            ) {
                // Each char: its text, then a gap before its raw bytes and a raw width (0 =
                // its own UTF-8 width, else a replaced char or escape of that many bytes).
                let mut text = String::new();
                let mut spans = Vec::new();
                let mut at = 0u32;
                for (c, gap, width) in chars {
                    at += gap;
                    let width = if width == 0 { c.len_utf8() as u32 } else { width };
                    text.push(c);
                    spans.push(ByteSpan { start: at, end: at + width });
                    at += width;
                }
                // The runs give back the map whether or not `compact` finds them worth keeping.
                let runs = runs_of(&text, &spans);
                prop_assert_eq!(spans_of_runs(&text, &runs, spans.len()), spans.clone());
                let explicit = MappedText::from_parts(text, spans.clone()).expect("one span per char");
                let compact = explicit.clone().compact();
                prop_assert_eq!(compact.char_len(), spans.len());
                prop_assert_eq!(compact.spans(), &spans[..]);
                prop_assert_eq!(&compact, &explicit);
                prop_assert_eq!(compact.raw_range(0..spans.len()), explicit.raw_range(0..spans.len()));
            }
        }
    }
}
