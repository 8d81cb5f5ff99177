//! Ranking: the discovery score (docs/METHODS.md, "Formulation discovery") and the removal of
//! candidates that are mostly used inside a longer candidate.

use aho_corasick::{AhoCorasickBuilder, MatchKind};

use super::filters::SEPARATORS;
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
    let separators = c.text.chars().filter(|ch| SEPARATORS.contains(*ch)).count();
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

#[cfg(test)]
pub(super) mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::document::Level;

    /// A candidate with `key` as its only surface form, used by `docs` central documents.
    pub(in crate::discover) fn candidate(
        key: &str,
        kinds: &[Kind],
        docs: usize,
        after: usize,
    ) -> Candidate {
        Candidate {
            key: key.into(),
            text: key.into(),
            kinds: kinds.to_vec(),
            seen: vec![key.into()],
            variants: vec![],
            first: None,
            doc_freq: BTreeMap::from([(Level::Central, docs)]),
            docs_after_first: after,
            variety: 0.64,
            score: 0.0,
            known: None,
            topic: crate::reuse::lexicon::Topic::General,
            guard: Default::default(),
        }
    }

    #[test]
    fn the_score_follows_its_formula() {
        // 外防输入、内防反弹 in the central corpus: 25 of the 241 items from 2020-03-27 on.
        let mut c = candidate(
            "外防输入内防反弹",
            &[Kind::Quote, Kind::Enumeration],
            25,
            241,
        );
        c.text = "外防输入、内防反弹".into();
        let expected = 26f64.ln() * (25.0f64 / 241.0).powf(0.25);
        assert!((score(&c) - expected).abs() < 1e-12);
        // An n-gram alone: weight 0.3 and √variety.
        let n = candidate("常态化疫情防控", &[Kind::Ngram], 33, 222);
        let expected = 0.3 * 34f64.ln() * (33.0f64 / 222.0).powf(0.25) * 0.8;
        assert!((score(&n) - expected).abs() < 1e-12);
        // Four enumerated items: 1.4 times.
        let mut e = candidate("早发现早报告早隔离早治疗", &[Kind::Enumeration], 9, 328);
        e.text = "早发现、早报告、早隔离、早治疗".into();
        assert!((items_bonus(&e) - 1.4).abs() < 1e-12);
    }

    #[test]
    fn contained_candidates_and_contexts_are_removed() {
        let kept = suppress_contained(vec![
            candidate("外防输入内防反弹", &[Kind::Enumeration], 25, 241),
            // Used in 30 documents, 25 of them inside the longer one: 25 >= 0.8 × 30.
            candidate("外防输入", &[Kind::Ngram], 30, 241),
            candidate("常态化疫情防控", &[Kind::Ngram], 33, 222),
            // A context of 常态化疫情防控 (33 >= 2 × 11).
            candidate("做好常态化疫情防控", &[Kind::Ngram], 11, 200),
        ]);
        let keys: Vec<&str> = kept.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["外防输入内防反弹", "常态化疫情防控"]);
    }

    #[test]
    fn ties_break_on_documents_then_key() {
        let mut v = vec![
            candidate("乙乙乙乙", &[Kind::Quote], 5, 5),
            candidate("甲甲甲甲", &[Kind::Quote], 5, 5),
        ];
        rank(&mut v);
        // 乙 (U+4E59) sorts before 甲 (U+7532).
        assert_eq!(v[0].key, "乙乙乙乙");
    }
}
