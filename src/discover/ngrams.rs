//! Recurring n-grams: runs of 4–16 Han characters used by at least `min_docs` documents,
//! grown level by level (an (n+1)-gram can only be frequent where both of its n-grams are), kept
//! only when closed (no one-character extension is used by 90% of their documents or more)
//! and when they start and end on word boundaries at their first use.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::progress::Progress;
use crate::reuse::guards::is_whole_word;
use crate::reuse::projection::Projection;
use crate::text::is_han;

pub const MIN_LEN: usize = 4;
pub const MAX_LEN: usize = 16;
/// An n-gram whose extension keeps this share of its documents is absorbed by it.
const CLOSED_SHARE: f64 = 0.9;

/// FNV-1a over the code points of a gram: stable across runs and platforms.
fn hash(chars: &[char]) -> u64 {
    chars.iter().fold(0xcbf2_9ce4_8422_2325, |h, &c| {
        (h ^ u64::from(c as u32)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Document frequency and first occurrence (document, position) of a gram.
#[derive(Debug, Clone, Copy)]
struct Gram {
    docs: u32,
    doc: u32,
    pos: u32,
}

/// Grams of length `n` starting at the flagged positions of every document, counted once per
/// document; those in at least `min_docs` documents.
fn count(texts: &[&[char]], starts: &[Vec<bool>], n: usize, min_docs: usize) -> HashMap<u64, Gram> {
    let mut all: Vec<(u64, u32, u32)> = texts
        .par_iter()
        .zip(starts)
        .enumerate()
        .map(|(d, (text, flags))| {
            let mut grams: Vec<(u64, u32, u32)> = (0..flags.len())
                .filter(|&i| flags[i])
                .map(|i| (hash(&text[i..i + n]), d as u32, i as u32))
                .collect();
            grams.sort_unstable();
            grams.dedup_by_key(|g| g.0);
            grams
        })
        .flatten()
        .collect();
    all.par_sort_unstable();
    let mut frequent = HashMap::new();
    for run in all.chunk_by(|a, b| a.0 == b.0) {
        if run.len() >= min_docs {
            let (h, doc, pos) = run[0];
            frequent.insert(
                h,
                Gram {
                    docs: run.len() as u32,
                    doc,
                    pos,
                },
            );
        }
    }
    frequent
}

/// Start positions of the level-`MIN_LEN` grams: inside one Han run.
fn first_starts(text: &[char]) -> Vec<bool> {
    let mut flags = vec![false; text.len()];
    let mut han_run = 0usize;
    for (i, &c) in text.iter().enumerate() {
        han_run = if is_han(c) { han_run + 1 } else { 0 };
        if han_run >= MIN_LEN {
            flags[i + 1 - MIN_LEN] = true;
        }
    }
    flags
}

/// The closed recurring n-grams of the documents' normalized chars (Han runs only: a gram never
/// spans punctuation), in code-point order. `projections` serve the word check.
pub fn recurring(
    projections: &[Projection],
    normalized: &[Vec<char>],
    min_docs: usize,
    progress: &dyn Progress,
) -> Vec<String> {
    progress.stage("n-grams", (MAX_LEN - MIN_LEN + 1) as u64);
    let texts: Vec<&[char]> = normalized.iter().map(Vec::as_slice).collect();
    let mut starts: Vec<Vec<bool>> = texts.par_iter().map(|t| first_starts(t)).collect();
    let mut levels: Vec<HashMap<u64, Gram>> = Vec::new();
    let mut absorbed: HashSet<(usize, u64)> = HashSet::new();
    for n in MIN_LEN..=MAX_LEN {
        let frequent = count(&texts, &starts, n, min_docs.max(2));
        progress.advance(1);
        if frequent.is_empty() {
            break;
        }
        if let Some(shorter) = levels.last() {
            for g in frequent.values() {
                let (doc, pos) = (g.doc as usize, g.pos as usize);
                for at in [pos, pos + 1] {
                    let h = hash(&texts[doc][at..at + n - 1]);
                    if shorter
                        .get(&h)
                        .is_some_and(|s| f64::from(g.docs) >= CLOSED_SHARE * f64::from(s.docs))
                    {
                        absorbed.insert((n - 1, h));
                    }
                }
            }
        }
        // Where the next level can start: both of its n-grams frequent.
        starts = texts
            .par_iter()
            .zip(&starts)
            .map(|(text, flags)| {
                let frequent_at =
                    |i: usize| flags[i] && frequent.contains_key(&hash(&text[i..i + n]));
                let here: Vec<bool> = (0..flags.len()).map(frequent_at).collect();
                (0..flags.len())
                    .map(|i| here[i] && i + 1 < here.len() && here[i + 1])
                    .collect()
            })
            .collect();
        levels.push(frequent);
    }
    progress.finish_stage();
    let mut keys: Vec<String> = Vec::new();
    for (l, level) in levels.iter().enumerate() {
        let n = MIN_LEN + l;
        for (h, g) in level {
            if absorbed.contains(&(n, *h)) {
                continue;
            }
            let (doc, pos) = (g.doc as usize, g.pos as usize);
            let Ok(at) = projections[doc].to_normalized.binary_search(&(pos as u32)) else {
                continue;
            };
            if is_whole_word(&projections[doc], &normalized[doc], at, at + n) {
                keys.push(texts[doc][pos..pos + n].iter().collect());
            }
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(texts: &[&str], min_docs: usize) -> Vec<String> {
        let projections: Vec<Projection> = texts.iter().map(|t| Projection::of(t)).collect();
        let chars: Vec<Vec<char>> = texts.iter().map(|t| t.chars().collect()).collect();
        recurring(&projections, &chars, min_docs, &crate::progress::NoProgress)
    }

    #[test]
    fn closed_grams_of_enough_documents() {
        let keys = run(
            &[
                "坚持常态化疫情防控不放松。",
                "做好常态化疫情防控工作。",
                "今天天气很好。",
                "落实常态化疫情防控措施。",
            ],
            3,
        );
        // 常态化疫情防控 absorbs its parts (化疫情防, 常态化疫 ...).
        assert_eq!(keys, ["常态化疫情防控"]);
    }

    #[test]
    fn too_rare_grams_are_not_kept() {
        assert!(run(&["常态化疫情防控", "常态化疫情防控", "别的"], 3).is_empty());
    }
}
