//! Counting: every use of every pattern in every document, overlapping (外防输入 is counted
//! inside 外防输入、内防反弹 too), on projected text as the lexicon matcher sees it (no match
//! across a sentence end; the whole-word rule and the context guard of each pattern applied).

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rayon::prelude::*;

use crate::document::Document;
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::reuse::guards::{ContextGuard, crosses_sentence_end, is_whole_word};
use crate::reuse::projection::Projection;
use crate::text::is_han;

/// One surface form to count, for its owner (a candidate or a lexicon entry).
#[derive(Debug, Clone)]
pub struct Pattern {
    pub owner: usize,
    /// Projected text.
    pub text: String,
    pub whole_word: bool,
    pub guard: ContextGuard,
}

/// The uses of one owner.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Uses {
    /// Indices of the documents using it, ascending.
    pub docs: Vec<usize>,
    /// First use: document index and normalized char range.
    pub first: Option<(usize, usize, usize)>,
    /// Surface forms (normalized text of each use) and the documents using each.
    pub forms: BTreeMap<String, usize>,
    /// Every use, in every document.
    pub uses: usize,
    /// Uses by the Han character just before them (other neighbours are boundaries).
    pub left: BTreeMap<char, usize>,
    /// Uses by the Han character just after them.
    pub right: BTreeMap<char, usize>,
}

impl Uses {
    /// Accessor variety: 1 minus the larger share of uses that have the same Han neighbour on
    /// one side. Near 0 for a fragment of a longer phrase (构建人类, always before 命运共同体).
    pub fn variety(&self) -> f64 {
        if self.uses == 0 {
            return 0.0;
        }
        let top = |m: &BTreeMap<char, usize>| m.values().copied().max().unwrap_or(0);
        1.0 - top(&self.left).max(top(&self.right)) as f64 / self.uses as f64
    }
}

/// One document's uses of one owner.
struct DocUse {
    first: (usize, usize),
    forms: Vec<String>,
    uses: usize,
    left: Vec<char>,
    right: Vec<char>,
}

/// Per-document uses by owner.
type DocUses = BTreeMap<usize, DocUse>;

/// Uses of every owner (`0..=max owner`) in `docs`, whose projections and normalized chars are
/// given in the same order.
pub fn count(
    patterns: &[Pattern],
    docs: &[&Document],
    projections: &[Projection],
    chars: &[Vec<char>],
    progress: &dyn Progress,
) -> Result<Vec<Uses>> {
    let owners = patterns.iter().map(|p| p.owner + 1).max().unwrap_or(0);
    let mut uses = vec![Uses::default(); owners];
    if patterns.is_empty() {
        return Ok(uses);
    }
    let automaton = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build(patterns.iter().map(|p| p.text.as_str()))
        .map_err(|e| Error::Internal(format!("cannot build the phrase counter: {e}")))?;
    progress.stage("count", docs.len() as u64);
    let per_doc: Vec<DocUses> = (0..docs.len())
        .into_par_iter()
        .map(|d| {
            let uses = in_document(&automaton, patterns, &projections[d], &chars[d]);
            progress.advance(1);
            uses
        })
        .collect();
    progress.finish_stage();
    for (d, doc_uses) in per_doc.into_iter().enumerate() {
        for (owner, mut doc_use) in doc_uses {
            let u = &mut uses[owner];
            u.docs.push(d);
            if u.first.is_none() {
                u.first = Some((d, doc_use.first.0, doc_use.first.1));
            }
            u.uses += doc_use.uses;
            for c in doc_use.left {
                *u.left.entry(c).or_insert(0) += 1;
            }
            for c in doc_use.right {
                *u.right.entry(c).or_insert(0) += 1;
            }
            let mut forms = std::mem::take(&mut doc_use.forms);
            forms.sort();
            forms.dedup();
            for f in forms {
                *u.forms.entry(f).or_insert(0) += 1;
            }
        }
    }
    Ok(uses)
}

fn in_document(
    automaton: &AhoCorasick,
    patterns: &[Pattern],
    p: &Projection,
    normalized: &[char],
) -> DocUses {
    let haystack: String = p.chars.iter().collect();
    let mut char_of_byte = vec![0usize; haystack.len() + 1];
    for (ci, (bi, _)) in haystack.char_indices().enumerate() {
        char_of_byte[bi] = ci;
    }
    char_of_byte[haystack.len()] = p.len();
    let mut out: DocUses = BTreeMap::new();
    for m in automaton.find_overlapping_iter(&haystack) {
        let pattern = &patterns[m.pattern().as_usize()];
        let (start, end) = (char_of_byte[m.start()], char_of_byte[m.end()]);
        // A digit form (4个意识) is not a piece of a longer number (2021年).
        let inside_number =
            (start > 0 && p.chars[start].is_ascii_digit() && p.chars[start - 1].is_ascii_digit())
                || (end < p.len()
                    && p.chars[end - 1].is_ascii_digit()
                    && p.chars[end].is_ascii_digit());
        let accepted = !inside_number
            && !crosses_sentence_end(p, normalized, start, end)
            && pattern.guard.accepts(p, normalized, start, end)
            && (!pattern.whole_word || is_whole_word(p, normalized, start, end));
        if !accepted {
            continue;
        }
        let range = p.normalized_range(start, end);
        let form: String = normalized[range.clone()].iter().collect();
        let entry = out.entry(pattern.owner).or_insert(DocUse {
            first: (range.start, range.end),
            forms: Vec::new(),
            uses: 0,
            left: Vec::new(),
            right: Vec::new(),
        });
        entry.forms.push(form);
        entry.uses += 1;
        let han = |i: Option<usize>| {
            i.and_then(|i| normalized.get(i))
                .copied()
                .filter(|&c| is_han(c))
        };
        entry.left.extend(han(range.start.checked_sub(1)));
        entry.right.extend(han(Some(range.end)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::central_documents as docs;

    fn uses(patterns: &[(&str, bool)], texts: &[&str]) -> Vec<Uses> {
        let documents = docs(texts);
        let refs: Vec<&Document> = documents.iter().collect();
        let projections: Vec<Projection> = texts.iter().map(|t| Projection::of(t)).collect();
        let chars: Vec<Vec<char>> = texts.iter().map(|t| t.chars().collect()).collect();
        let patterns: Vec<Pattern> = patterns
            .iter()
            .enumerate()
            .map(|(owner, (text, whole_word))| Pattern {
                owner,
                text: text.to_string(),
                whole_word: *whole_word,
                guard: ContextGuard::default(),
            })
            .collect();
        count(
            &patterns,
            &refs,
            &projections,
            &chars,
            &crate::progress::NoProgress,
        )
        .unwrap()
    }

    #[test]
    fn overlapping_uses_forms_and_neighbours() {
        let u = uses(
            &[("外防输入内防反弹", false), ("外防输入", false)],
            &[
                "坚持外防输入、内防反弹。",
                "要外防输入，内防反弹。",
                "外防输入。",
            ],
        );
        assert_eq!(u[0].docs, [0, 1]);
        assert_eq!(u[0].first, Some((0, 2, 11)));
        let forms: Vec<&String> = u[0].forms.keys().collect();
        assert_eq!(forms, ["外防输入、内防反弹", "外防输入，内防反弹"]);
        // The short key is counted inside the long one as well.
        assert_eq!(u[1].docs, [0, 1, 2]);
        // Left neighbours 持 and 要; right: a boundary each time.
        assert_eq!(u[1].uses, 3);
        assert!((u[1].variety() - (1.0 - 1.0 / 3.0)).abs() < 1e-12);
    }

    #[test]
    fn digit_forms_are_not_pieces_of_numbers() {
        let u = uses(&[("4个意识", false)], &["增强4个意识。", "增强14个意识。"]);
        assert_eq!(u[0].docs, [0]);
    }
}
