//! Fuzz target: passage alignment of two arbitrary texts. The first four bytes set the
//! parameters (shingle 1–8, minimum passage, gap, identity floor); the rest is two texts
//! separated by the first NUL. Fragments must be exact matches; passages lie inside both texts,
//! are at least `min_passage` long, above the identity floor, and do not overlap in the target.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use tifa::reuse::align::{AlignParams, align_pair, fragments};

fuzz_target!(|data: &[u8]| {
    let [a, b, c, d, rest @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let (target, source) = text.split_once('\0').unwrap_or((text, text));
    let t: Vec<char> = target.chars().collect();
    let s: Vec<char> = source.chars().collect();
    let params = AlignParams {
        shingle: 1 + usize::from(a % 8),
        min_passage: usize::from(b % 32),
        max_gap: usize::from(c % 16),
        min_identity: f64::from(d % 101) / 100.0,
        merge_gap: usize::from(b / 8),
    };
    if !check_fragments(&t, &s, params.shingle) {
        return;
    }
    let passages = align_pair(&t, &s, &params);
    let mut previous_end = 0;
    for p in &passages {
        assert!(
            p.t_start < p.t_end && p.t_end <= t.len(),
            "{p:?} outside target"
        );
        assert!(
            p.s_start < p.s_end && p.s_end <= s.len(),
            "{p:?} outside source"
        );
        assert!(
            p.t_start >= previous_end,
            "{p:?} overlaps the previous passage"
        );
        previous_end = p.t_end;
        assert!(p.matched <= p.t_len(), "{p:?} matches more than its length");
        assert!(
            p.t_len() >= params.min_passage,
            "{p:?} shorter than {}",
            params.min_passage
        );
        assert!(
            p.identity() >= params.min_identity && p.identity() <= 1.0,
            "{p:?}"
        );
    }
});

/// Checks the exact fragments of the shared shingles; false when there are so many seeds (a text
/// of one repeated character) that aligning would only slow the fuzzer down: `align_pair` is
/// quadratic there by design, and the engine only seeds from rare shingles.
fn check_fragments(t: &[char], s: &[char], k: usize) -> bool {
    let mut at: HashMap<&[char], Vec<usize>> = HashMap::new();
    for (j, w) in s.windows(k).enumerate() {
        at.entry(w).or_default().push(j);
    }
    let mut seeds = Vec::new();
    for (i, w) in t.windows(k).enumerate() {
        seeds.extend(at.get(w).into_iter().flatten().map(|&j| (i, j)));
        if seeds.len() > 20_000 {
            return false;
        }
    }
    for f in fragments(seeds, k) {
        assert!(
            f.t + f.len <= t.len() && f.s + f.len <= s.len(),
            "{f:?} outside"
        );
        assert_eq!(
            t[f.t..f.t + f.len],
            s[f.s..f.s + f.len],
            "{f:?} is not an exact match"
        );
    }
    true
}
