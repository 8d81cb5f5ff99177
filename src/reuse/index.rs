//! An inverted index of k-character shingles over the projections of the indexed documents,
//! stored flat (sorted keys, offsets, postings) so that 10^7 shingles cost a few bytes each,
//! with each shingle's document frequency.

use rayon::prelude::*;

/// Where a shingle occurs: document (index in the indexed collection) and projected position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Posting {
    pub doc: u32,
    pub pos: u32,
}

/// Number of a distinct shingle in the index.
pub type ShingleId = u32;

/// Shingle → postings sorted by (doc, pos), and how many documents carry it.
#[derive(Debug, Clone)]
pub struct ShingleIndex {
    k: usize,
    docs: usize,
    /// Sorted, distinct shingle hashes.
    keys: Vec<u64>,
    /// Postings of key i: `postings[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<usize>,
    postings: Vec<Posting>,
    /// Distinct documents in each key's postings.
    df: Vec<u32>,
    /// The shingle at each position of each indexed document.
    doc_shingles: Vec<Vec<ShingleId>>,
    /// Keys shared by different shingles (a hash collision): only their postings need checking.
    collided: Vec<bool>,
}

/// FNV-1a over the chars: stable across runs and platforms. The index marks keys whose
/// postings hold different shingles ([`ShingleIndex::collided`]); seeds from those are verified
/// char by char, so a collision can cost time but never a wrong passage. Document frequencies
/// of a collided key count both shingles (odds about n²/2⁶⁵, under 10⁻⁵ for 10⁷ distinct
/// shingles), which can only move a shingle between the rare and frequent paths.
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
        let mut entries: Vec<(u64, Posting)> = docs
            .par_iter()
            .enumerate()
            .flat_map_iter(|(d, chars)| {
                chars.windows(k).enumerate().map(move |(pos, w)| {
                    let posting = Posting {
                        doc: d as u32,
                        pos: pos as u32,
                    };
                    (shingle_hash(w), posting)
                })
            })
            .collect();
        // Entries are distinct, so the unstable sort is deterministic.
        entries.par_sort_unstable();
        let mut index = ShingleIndex {
            k,
            docs: docs.len(),
            keys: Vec::new(),
            offsets: Vec::new(),
            postings: Vec::with_capacity(entries.len()),
            df: Vec::new(),
            doc_shingles: docs
                .iter()
                .map(|d| vec![0; (d.len() + 1).saturating_sub(k)])
                .collect(),
            collided: Vec::new(),
        };
        for (hash, posting) in entries {
            if index.keys.last() != Some(&hash) {
                index.keys.push(hash);
                index.offsets.push(index.postings.len());
                index.df.push(0);
            }
            let new_doc = index.postings.len() == *index.offsets.last().unwrap_or(&0)
                || index.postings.last().is_none_or(|p| p.doc != posting.doc);
            if new_doc && let Some(df) = index.df.last_mut() {
                *df += 1;
            }
            let id = (index.keys.len() - 1) as ShingleId;
            index.doc_shingles[posting.doc as usize][posting.pos as usize] = id;
            index.postings.push(posting);
        }
        index.offsets.push(index.postings.len());
        index.collided = (0..index.keys.len())
            .into_par_iter()
            .map(|i| {
                let window = |p: &Posting| {
                    let pos = p.pos as usize;
                    &docs[p.doc as usize][pos..pos + k]
                };
                let postings = index.postings(i as ShingleId);
                postings
                    .first()
                    .is_some_and(|first| postings.iter().any(|p| window(p) != window(first)))
            })
            .collect();
        index
    }

    /// Do the postings of shingle `id` hold more than one shingle (a hash collision)?
    pub fn collided(&self, id: ShingleId) -> bool {
        self.collided[id as usize]
    }

    pub fn k(&self) -> usize {
        self.k
    }

    /// Number of indexed documents.
    pub fn docs(&self) -> usize {
        self.docs
    }

    /// Number of distinct shingles (by hash).
    pub fn shingles(&self) -> usize {
        self.keys.len()
    }

    /// The id of the shingle `window` (k chars), if any indexed document has it.
    pub fn id(&self, window: &[char]) -> Option<ShingleId> {
        self.keys
            .binary_search(&shingle_hash(window))
            .ok()
            .map(|i| i as ShingleId)
    }

    /// The shingles of indexed document `doc`, one per position.
    pub fn shingles_of(&self, doc: usize) -> &[ShingleId] {
        self.doc_shingles.get(doc).map_or(&[], Vec::as_slice)
    }

    /// Postings of shingle `id`, sorted by (doc, pos); unverified, see [`shingle_hash`].
    pub fn postings(&self, id: ShingleId) -> &[Posting] {
        let i = id as usize;
        &self.postings[self.offsets[i]..self.offsets[i + 1]]
    }

    /// Postings of shingle `id` in document `doc`.
    pub fn postings_in(&self, id: ShingleId, doc: u32) -> &[Posting] {
        let all = self.postings(id);
        let from = all.partition_point(|p| p.doc < doc);
        let to = from + all[from..].partition_point(|p| p.doc == doc);
        &all[from..to]
    }

    /// Documents carrying shingle `id`.
    pub fn df(&self, id: ShingleId) -> usize {
        self.df[id as usize] as usize
    }

    /// The distinct documents carrying shingle `id`, ascending.
    pub fn carriers(&self, id: ShingleId) -> impl Iterator<Item = u32> + '_ {
        let postings = self.postings(id);
        postings
            .iter()
            .enumerate()
            .filter(move |(i, p)| *i == 0 || postings[i - 1].doc != p.doc)
            .map(|(_, p)| p.doc)
    }

    /// Postings of the shingle `window` (k chars); unverified, see [`shingle_hash`].
    pub fn lookup(&self, window: &[char]) -> &[Posting] {
        self.id(window).map_or(&[], |id| self.postings(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn postings_and_document_frequencies() {
        let a = chars("外防输入内防反弹外防输入");
        let b = chars("坚持外防输入");
        let c = chars("动态清零");
        let index = ShingleIndex::build(4, &[&a, &b, &c]);
        assert_eq!(index.docs(), 3);
        let id = index.id(&chars("外防输入")).expect("indexed");
        assert_eq!(
            index.postings(id),
            [
                Posting { doc: 0, pos: 0 },
                Posting { doc: 0, pos: 8 },
                Posting { doc: 1, pos: 2 }
            ]
        );
        assert_eq!(index.df(id), 2);
        assert_eq!(index.carriers(id).collect::<Vec<_>>(), [0, 1]);
        assert_eq!(index.postings_in(id, 0).len(), 2);
        assert_eq!(index.postings_in(id, 1), [Posting { doc: 1, pos: 2 }]);
        assert!(index.postings_in(id, 2).is_empty());
        assert_eq!(
            index.lookup(&chars("动态清零")),
            [Posting { doc: 2, pos: 0 }]
        );
        assert!(index.id(&chars("清零动态")).is_none());
        assert_eq!(index.shingles_of(0)[0], id);
        assert_eq!(index.shingles_of(0)[8], id);
        assert_eq!(index.shingles_of(1)[2], id);
        assert_eq!(index.shingles_of(2).len(), 1);
        assert!((0..index.shingles() as ShingleId).all(|i| !index.collided(i)));
        // 9 + 3 + 1 windows; 外防输入 occurs three times: 11 distinct shingles.
        assert_eq!(index.shingles(), 11);
    }
}
