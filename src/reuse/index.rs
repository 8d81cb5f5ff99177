//! An inverted index of k-character shingles over the projections of reference documents.

use std::collections::HashMap;

/// Where a shingle occurs: document (index in the indexed collection) and projected position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Posting {
    pub doc: u32,
    pub pos: u32,
}

/// Shingle → postings, with postings sorted by (doc, pos).
#[derive(Debug, Clone)]
pub struct ShingleIndex {
    k: usize,
    postings: HashMap<u64, Vec<Posting>>,
    docs: usize,
}

/// FNV-1a over the chars: stable across runs and platforms (HashMap keys only; matches are
/// verified char by char, so a collision can cost time but never a wrong passage).
pub fn shingle_hash(chars: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in chars {
        h ^= c as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

impl ShingleIndex {
    pub fn build(k: usize, docs: &[&[char]]) -> Self {
        let mut postings: HashMap<u64, Vec<Posting>> = HashMap::new();
        for (d, chars) in docs.iter().enumerate() {
            for (pos, window) in chars.windows(k).enumerate() {
                postings
                    .entry(shingle_hash(window))
                    .or_default()
                    .push(Posting {
                        doc: d as u32,
                        pos: pos as u32,
                    });
            }
        }
        ShingleIndex {
            k,
            postings,
            docs: docs.len(),
        }
    }

    pub fn k(&self) -> usize {
        self.k
    }

    pub fn docs(&self) -> usize {
        self.docs
    }

    /// Postings of the shingle `window` (k chars); unverified, see [`shingle_hash`].
    pub fn lookup(&self, window: &[char]) -> &[Posting] {
        self.postings
            .get(&shingle_hash(window))
            .map_or(&[], |v| v.as_slice())
    }
}
