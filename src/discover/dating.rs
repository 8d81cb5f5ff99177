//! Dating: the first use of every lexicon entry in a corpus, at the entry's level or above,
//! and the earliest use below it (a local text older than the first known central use).

use rayon::prelude::*;
use serde::Serialize;

use super::occurrences::{self, Pattern, Uses};
use super::{FirstUse, first_use};
use crate::document::{DocDate, Document, Level};
use crate::error::Result;
use crate::reuse::lexicon::Lexicon;
use crate::reuse::projection::{Projection, project_phrase};

/// When a lexicon entry was first used in a corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryDating {
    pub id: String,
    pub text: String,
    pub level: Level,
    /// The entry's `first_date`.
    pub documented: Option<DocDate>,
    /// Documents at the entry's level or above using it.
    pub docs: usize,
    /// Its first use at its level or above.
    pub first: Option<FirstUse>,
    /// Whether the first use found lies within the documented date (`2022` holds
    /// `2022-04-28`); None when either is missing.
    pub agrees: Option<bool>,
    /// Documents below the entry's level using it.
    pub docs_below: usize,
    /// The earliest of those uses.
    pub earliest_below: Option<FirstUse>,
    /// That use is certainly earlier than the first known use at the entry's level (the
    /// documented date, or else the first use found).
    pub predates_first_known: bool,
}

/// The documents selected by `keep`, in date order, with their projections and chars.
struct Slice<'a> {
    docs: Vec<&'a Document>,
    projections: Vec<Projection>,
    chars: Vec<Vec<char>>,
}

impl<'a> Slice<'a> {
    fn of(documents: &'a [Document], keep: impl Fn(Level) -> bool) -> Self {
        let docs: Vec<&Document> = super::level_documents(documents, Level::Other)
            .into_iter()
            .filter(|d| keep(d.meta.level))
            .collect();
        Slice {
            projections: docs
                .par_iter()
                .map(|d| Projection::of(d.text.as_str()))
                .collect(),
            chars: docs
                .par_iter()
                .map(|d| d.text.as_str().chars().collect())
                .collect(),
            docs,
        }
    }

    fn count(&self, patterns: &[Pattern]) -> Result<Vec<Uses>> {
        occurrences::count(
            patterns,
            &self.docs,
            &self.projections,
            &self.chars,
            &crate::progress::NoProgress,
        )
    }

    fn first(&self, uses: &Uses) -> Option<FirstUse> {
        uses.first
            .map(|(d, start, end)| first_use(self.docs[d], &self.chars[d], start, end))
    }
}

/// Every entry of `lexicon`, dated against `documents`, in lexicon order.
pub fn date_lexicon(documents: &[Document], lexicon: &Lexicon) -> Result<Vec<EntryDating>> {
    let mut out: Vec<Option<EntryDating>> = vec![None; lexicon.formulations.len()];
    for level in Level::ALL {
        let entries: Vec<usize> = (0..lexicon.formulations.len())
            .filter(|&i| lexicon.formulations[i].level == level)
            .collect();
        if entries.is_empty() {
            continue;
        }
        let patterns: Vec<Pattern> = entries
            .iter()
            .enumerate()
            .flat_map(|(owner, &i)| {
                let f = &lexicon.formulations[i];
                std::iter::once(&f.text)
                    .chain(&f.variants)
                    .map(move |form| Pattern {
                        owner,
                        text: project_phrase(form),
                        whole_word: f.whole_word_for(form),
                        guard: f.guard.clone(),
                    })
            })
            .collect();
        let at_or_above = Slice::of(documents, |l| l <= level);
        let below = Slice::of(documents, |l| l > level);
        let uses = at_or_above.count(&patterns)?;
        let uses_below = below.count(&patterns)?;
        for (owner, &i) in entries.iter().enumerate() {
            let f = &lexicon.formulations[i];
            let empty = Uses::default();
            let here = uses.get(owner).unwrap_or(&empty);
            let lower = uses_below.get(owner).unwrap_or(&empty);
            let first = at_or_above.first(here);
            let earliest_below = below.first(lower);
            let known = f.first_date.or(first.as_ref().and_then(|u| u.date));
            let predates_first_known = match (known, earliest_below.as_ref().and_then(|u| u.date)) {
                (Some(known), Some(local)) => known.certainly_after(local),
                _ => false,
            };
            out[i] = Some(EntryDating {
                id: f.id.clone(),
                text: f.text.clone(),
                level,
                documented: f.first_date,
                docs: here.docs.len(),
                agrees: match (f.first_date, first.as_ref().and_then(|u| u.date)) {
                    (Some(doc), Some(found)) => {
                        Some(found.earliest() >= doc.earliest() && found.latest() <= doc.latest())
                    }
                    _ => None,
                },
                first,
                docs_below: lower.docs.len(),
                earliest_below,
                predates_first_known,
            });
        }
    }
    Ok(out.into_iter().flatten().collect())
}
