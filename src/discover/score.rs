//! Ranking: the discovery score (docs/METHODS.md, "Formulation discovery") and the removal of
//! candidates that are mostly used inside a longer candidate.

use aho_corasick::{AhoCorasickBuilder, MatchKind};

use super::{Candidate, Kind};

/// A contained candidate is removed when its container is used by this share of its documents.
const CONTAINED_SHARE: f64 = 0.8;
/// An n-gram is a context of a candidate it holds when that one has this many times its documents.
const CONTEXT_RATIO: usize = 2;

/// How much a kind of evidence says that a phrase is a formulation.
pub fn kind_weight(kind: Kind) -> f64 {
    match kind {
        Kind::Quote | Kind::Enumeration => 1.0,
        Kind::Numbered => 0.8,
        Kind::Ngram => 0.3,
    }
}

/// score = w(kind) × ln(1 + df) × (df / N_after)^¼ × v, where df counts the documents using
/// the candidate, N_after the mined documents from its first use on, and v is √variety (the
/// accessor variety of its uses) for a candidate only the n-gram miner proposed, 1 otherwise: a
/// frozen formulation may always follow the same verb (坚持人民至上、生命至上), while an n-gram
/// that always meets the same neighbour is a fragment.
pub fn score(c: &Candidate) -> f64 {
    let df = c.docs() as f64;
    let after = c.docs_after_first.max(1) as f64;
    let variety = if c.kinds == [Kind::Ngram] {
        c.variety.clamp(0.0, 1.0).sqrt()
    } else {
        1.0
    };
    kind_weight(c.kind())
        * items_bonus(c)
        * (1.0 + df).ln()
        * (df / after).min(1.0).powf(0.25)
        * variety
}

/// 1 + 0.2 per enumerated item beyond two: a parallel frame of three or four items is rarely
/// an accident (早发现、早报告、早隔离、早治疗).
pub fn items_bonus(c: &Candidate) -> f64 {
    if c.kind() != Kind::Enumeration {
        return 1.0;
    }
    let separators = c.text.chars().filter(|ch| "、，；, ".contains(*ch)).count();
    1.0 + 0.2 * separators.saturating_sub(1) as f64
}

/// Scores every candidate and sorts best first; ties by more documents, then by key.
pub fn rank(candidates: &mut [Candidate]) {
    for c in candidates.iter_mut() {
        c.score = score(c);
    }
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| b.docs().cmp(&a.docs()))
            .then_with(|| a.key.cmp(&b.key))
    });
}

/// Drops each candidate whose key lies inside a longer candidate's key used by at least 80% as
/// many documents (外防输入 when nearly every use is in 外防输入、内防反弹), and each n-gram
/// that holds a candidate used by at least twice as many documents (做好常态化疫情防控 beside
/// 常态化疫情防控: the phrase in one of its contexts).
pub fn suppress_contained(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let Ok(automaton) = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build(candidates.iter().map(|c| c.key.as_str()))
    else {
        return candidates;
    };
    let mut contained = vec![false; candidates.len()];
    for (outer_index, outer) in candidates.iter().enumerate() {
        for m in automaton.find_overlapping_iter(&outer.key) {
            let inner = m.pattern().as_usize();
            let c = &candidates[inner];
            if c.key.len() >= outer.key.len() {
                continue;
            }
            if outer.docs() as f64 >= CONTAINED_SHARE * c.docs() as f64 {
                contained[inner] = true;
            }
            if outer.kinds == [Kind::Ngram] && c.docs() >= CONTEXT_RATIO * outer.docs() {
                contained[outer_index] = true;
            }
        }
    }
    candidates
        .into_iter()
        .zip(contained)
        .filter(|(_, gone)| !gone)
        .map(|(c, _)| c)
        .collect()
}
