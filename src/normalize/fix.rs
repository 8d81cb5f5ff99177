//! What the normalization steps changed: `Fix` (one change at its raw bytes), `FixKind`, and
//! `Fixes`, a document's counts by kind.
//!
//! The kinds are declared once, in the table at the bottom of this file: a new kind of fix is one
//! row there (variant, column name, meaning); `Fixes`, its serialization and the `corpus check`
//! columns follow from it.

use std::ops::Range;

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};

use crate::text::ByteSpan;

/// One change made by a step, located by the raw bytes it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fix {
    pub kind: FixKind,
    pub raw: ByteSpan,
}

macro_rules! fix_kinds {
    ($($(#[doc = $doc:literal])* $kind:ident => $column:literal,)*) => {
        /// The kinds of fix, in the order of the steps that make them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum FixKind {
            $($(#[doc = $doc])* $kind,)*
        }

        impl FixKind {
            /// Every kind, in step order (the order of `Fixes`' fields and columns).
            pub const ALL: &[FixKind] = &[$(FixKind::$kind),*];

            /// The name of this kind's count in `corpus check` and the normalized JSONL.
            pub const fn column(self) -> &'static str {
                match self {
                    $(FixKind::$kind => $column,)*
                }
            }
        }
    };
}

fix_kinds! {
    /// Control characters removed (NUL, ESC, C1 ...) and CRs of CRLF line ends dropped.
    Control => "control",
    /// Pinyin annotations removed (`應(yīng)` → `應`).
    Pinyin => "pinyin",
    /// Characters lost in the scrape (a `?` standing for a Han character), left as U+FFFD.
    LostChar => "lost_chars",
    /// Characters changed by Traditional → Simplified conversion.
    Traditional => "traditional",
    /// Characters changed by width/compatibility folding.
    Width => "width",
    /// Doubled or mixed punctuation runs collapsed to one mark.
    Punctuation => "punctuation",
    /// Lines of site furniture removed (breadcrumbs, view counters, font menus ...).
    Furniture => "furniture",
    /// Markup tokens removed (markdown `#` headings, `**` emphasis).
    Markup => "markup",
    /// Paragraphs rejoined after a page or column break.
    Rejoined => "rejoined",
    /// Byline lines found and marked (kept in the text).
    Byline => "bylines",
}

const KINDS: usize = FixKind::ALL.len();

/// Counts of the fixes normalization made, by kind. Serialized as an object with one field per
/// kind, in step order, named by [`FixKind::column`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fixes([usize; KINDS]);

impl Fixes {
    /// How many fixes of this kind.
    pub fn get(&self, kind: FixKind) -> usize {
        self.0[kind as usize]
    }

    /// Count one more fix of this kind.
    pub fn record(&mut self, kind: FixKind) {
        self.0[kind as usize] += 1;
    }

    /// Every kind with its count, in step order.
    pub fn iter(&self) -> impl Iterator<Item = (FixKind, usize)> + '_ {
        FixKind::ALL.iter().map(|&k| (k, self.get(k)))
    }

    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }

    pub fn add(&mut self, other: &Fixes) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine += theirs;
        }
    }
}

impl Serialize for Fixes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(KINDS))?;
        for (kind, n) in self.iter() {
            map.serialize_entry(kind.column(), &n)?;
        }
        map.end()
    }
}

/// Count `fixes` whose raw span starts inside `raw` (a document's byte range).
pub(crate) fn count_fixes(fixes: &[Fix], raw: Range<usize>) -> Fixes {
    let mut counts = Fixes::default();
    for fix in fixes
        .iter()
        .filter(|x| raw.contains(&(x.raw.start as usize)))
    {
        counts.record(fix.kind);
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_index_their_own_slot() {
        for (i, k) in FixKind::ALL.iter().enumerate() {
            assert_eq!(*k as usize, i, "{k:?}");
        }
    }

    #[test]
    fn counts_serialize_by_column_name_in_step_order() {
        let fixes = [
            Fix {
                kind: FixKind::LostChar,
                raw: ByteSpan { start: 3, end: 4 },
            },
            Fix {
                kind: FixKind::Byline,
                raw: ByteSpan { start: 5, end: 9 },
            },
            Fix {
                kind: FixKind::Byline,
                raw: ByteSpan { start: 20, end: 29 },
            },
        ];
        let f = count_fixes(&fixes, 0..10);
        assert_eq!(f.get(FixKind::Byline), 1);
        assert_eq!(f.total(), 2);
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(
            json,
            r#"{"control":0,"pinyin":0,"lost_chars":1,"traditional":0,"width":0,"punctuation":0,"furniture":0,"markup":0,"rejoined":0,"bylines":1}"#
        );
    }
}
