//! Character-level alignment of a target with one source, both as projections:
//! seeds (shared k-shingles) → exact fragments (maximal runs on one diagonal) → chains of
//! fragments separated by small gaps (edits) → chains extended over the edits at their ends
//! (X-drop) → passages of at least `min_passage` characters.

use std::collections::HashMap;

/// Alignment parameters. The defaults were tuned on the synthetic harness (docs/ACCURACY.md),
/// not on the bundled corpus.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct AlignParams {
    /// Shingle length in content characters.
    pub shingle: usize,
    /// Shortest passage kept, in content characters of the target.
    pub min_passage: usize,
    /// Largest gap (in either text) bridged between two exact fragments of one passage.
    pub max_gap: usize,
    /// Lowest identity kept.
    pub min_identity: f64,
    /// Passages from one source closer than this in both texts are merged.
    pub merge_gap: usize,
}

impl Default for AlignParams {
    fn default() -> Self {
        AlignParams {
            shingle: 5,
            min_passage: 8,
            max_gap: 8,
            min_identity: 0.75,
            merge_gap: 20,
        }
    }
}

/// An exact match: target[t..t+len] == source[s..s+len].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Fragment {
    pub t: usize,
    pub s: usize,
    pub len: usize,
}

/// An aligned passage in projected coordinates.
///
/// `matched` counts target characters aligned to an equal source character: inside exact
/// fragments, and the single matches an end extension (`reuse::extend`) adds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Aligned {
    pub t_start: usize,
    pub t_end: usize,
    pub s_start: usize,
    pub s_end: usize,
    /// Target characters aligned to an equal source character.
    pub matched: usize,
}

impl Aligned {
    pub fn t_len(&self) -> usize {
        self.t_end - self.t_start
    }
    pub fn s_len(&self) -> usize {
        self.s_end - self.s_start
    }
    /// matched / max(target length, source length).
    pub fn identity(&self) -> f64 {
        let longest = self.t_len().max(self.s_len());
        if longest == 0 {
            0.0
        } else {
            self.matched as f64 / longest as f64
        }
    }
    /// Matches minus unmatched characters of the longer side: 2·matched − max(len_t, len_s).
    pub fn score(&self) -> i64 {
        2 * self.matched as i64 - self.t_len().max(self.s_len()) as i64
    }
}

/// Maximal exact runs from seeds `(t, s)` of k-shingles shared by both texts.
pub fn fragments(mut seeds: Vec<(usize, usize)>, k: usize) -> Vec<Fragment> {
    seeds.sort_unstable();
    seeds.dedup();
    // Diagonal s − t → index of the fragment whose last seed is on it.
    let mut open: HashMap<isize, usize> = HashMap::new();
    let mut out: Vec<Fragment> = Vec::new();
    for (t, s) in seeds {
        let diagonal = s as isize - t as isize;
        if let Some(&f) = open.get(&diagonal) {
            let frag = &mut out[f];
            if frag.t + frag.len - k + 1 == t {
                frag.len += 1;
                continue;
            }
        }
        open.insert(diagonal, out.len());
        out.push(Fragment { t, s, len: k });
    }
    out.sort_unstable();
    out
}

struct Chain {
    aligned: Aligned,
}

/// Chains fragments into passages and keeps the best non-overlapping ones (in the target).
pub fn chain(frags: &[Fragment], params: &AlignParams) -> Vec<Aligned> {
    select(chains(frags, params), params)
}

/// [`chain`] with every chain first extended over the edits at its ends
/// ([`super::extend::extend`]): what the
/// engine reports, given the two projections the fragments were found in.
pub fn chain_extended(
    frags: &[Fragment],
    target: &[char],
    source: &[char],
    params: &AlignParams,
) -> Vec<Aligned> {
    select(
        super::extend::extend(chains(frags, params), target, source, params),
        params,
    )
}

/// Every chain of fragments, unfiltered.
fn chains(frags: &[Fragment], params: &AlignParams) -> Vec<Aligned> {
    let gap = params.max_gap as isize;
    let k = params.shingle as isize;
    let mut open: Vec<Chain> = Vec::new();
    let mut done: Vec<Aligned> = Vec::new();
    for f in frags {
        let (ft, fs) = (f.t as isize, f.s as isize);
        // Chains that can no longer be reached are finished.
        let (alive, finished): (Vec<Chain>, Vec<Chain>) = open
            .into_iter()
            .partition(|c| c.aligned.t_end as isize + gap >= ft);
        done.extend(finished.into_iter().map(|c| c.aligned));
        open = alive;
        let best = open
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let a = &c.aligned;
                let gap_t = ft - a.t_end as isize;
                let gap_s = fs - a.s_end as isize;
                let reachable = gap_t > -k
                    && gap_s > -k
                    && gap_t <= gap
                    && gap_s <= gap
                    && (gap_t - gap_s).abs() <= gap
                    && f.t + f.len > a.t_end
                    && f.s + f.len > a.s_end;
                reachable.then_some(((gap_t - gap_s).abs(), std::cmp::Reverse(a.matched), i))
            })
            .min();
        match best {
            Some((_, _, i)) => {
                let a = &mut open[i].aligned;
                let new_t = (f.t + f.len).saturating_sub(a.t_end.max(f.t));
                a.matched += new_t.min(f.len);
                a.t_end = f.t + f.len;
                a.s_end = a.s_end.max(f.s + f.len);
            }
            None => open.push(Chain {
                aligned: Aligned {
                    t_start: f.t,
                    t_end: f.t + f.len,
                    s_start: f.s,
                    s_end: f.s + f.len,
                    matched: f.len,
                },
            }),
        }
    }
    done.extend(open.into_iter().map(|c| c.aligned));
    done
}

/// Long enough, similar enough, and not overlapping a better passage in the target.
fn select(mut candidates: Vec<Aligned>, params: &AlignParams) -> Vec<Aligned> {
    candidates.retain(|a| a.t_len() >= params.min_passage && a.identity() >= params.min_identity);
    candidates.sort_by(|a, b| {
        b.score()
            .cmp(&a.score())
            .then(a.t_start.cmp(&b.t_start))
            .then(a.s_start.cmp(&b.s_start))
    });
    let mut kept: Vec<Aligned> = Vec::new();
    for c in candidates {
        if kept
            .iter()
            .all(|k| c.t_end <= k.t_start || c.t_start >= k.t_end)
        {
            kept.push(c);
        }
    }
    kept.sort_by_key(|a| (a.t_start, a.s_start));
    merge_near(kept, params)
}

/// Merges passages (sorted by target start) whose target gap and source distance are both at
/// most `merge_gap`: clauses reordered inside a sentence align as pieces whose source spans
/// touch in another order, and they are one reuse. Pieces are grouped greedily as they come;
/// a group whose merged passage would fall below `min_identity` is not merged: its pieces
/// (each above the floor) stay separate passages.
fn merge_near(passages: Vec<Aligned>, params: &AlignParams) -> Vec<Aligned> {
    let mut groups: Vec<(Aligned, Vec<Aligned>)> = Vec::new();
    for p in passages {
        if let Some((merged, pieces)) = groups.last_mut() {
            let t_gap = p.t_start.saturating_sub(merged.t_end);
            let s_gap = interval_distance((merged.s_start, merged.s_end), (p.s_start, p.s_end));
            if t_gap <= params.merge_gap && s_gap <= params.merge_gap {
                merged.t_end = merged.t_end.max(p.t_end);
                merged.s_start = merged.s_start.min(p.s_start);
                merged.s_end = merged.s_end.max(p.s_end);
                merged.matched += p.matched;
                pieces.push(p);
                continue;
            }
        }
        groups.push((p, vec![p]));
    }
    let mut out = Vec::with_capacity(groups.len());
    for (merged, pieces) in groups {
        if pieces.len() == 1 || merged.identity() >= params.min_identity {
            out.push(merged);
        } else {
            out.extend(pieces);
        }
    }
    out
}

fn interval_distance(a: (usize, usize), b: (usize, usize)) -> usize {
    // Zero when the intervals overlap.
    b.0.saturating_sub(a.1).max(a.0.saturating_sub(b.1))
}

/// Every passage of `target` found in `source` (small inputs; the engine uses an index).
pub fn align_pair(target: &[char], source: &[char], params: &AlignParams) -> Vec<Aligned> {
    let k = params.shingle;
    let mut at: HashMap<&[char], Vec<usize>> = HashMap::new();
    for (s, w) in source.windows(k).enumerate() {
        at.entry(w).or_default().push(s);
    }
    let seeds: Vec<(usize, usize)> = target
        .windows(k)
        .enumerate()
        .flat_map(|(t, w)| at.get(w).into_iter().flatten().map(move |&s| (t, s)))
        .collect();
    chain_extended(&fragments(seeds, k), target, source, params)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn exact_copy_is_one_passage() {
        let src = chars("各地要坚持外防输入内防反弹总策略和动态清零总方针不动摇");
        let tgt = chars("会议强调坚持外防输入内防反弹总策略和动态清零总方针毫不放松");
        let p = align_pair(&tgt, &src, &AlignParams::default());
        assert_eq!(p.len(), 1);
        let a = p[0];
        assert_eq!(
            tgt[a.t_start..a.t_end].iter().collect::<String>(),
            "坚持外防输入内防反弹总策略和动态清零总方针"
        );
        assert_eq!((a.s_start, a.s_end), (3, 24));
        assert_eq!(a.identity(), 1.0);
    }

    #[test]
    fn small_edits_are_bridged() {
        // The Jiangsu sentence with one substitution (严→紧) and one deletion (的).
        let src = chars("要以最坚决的态度最果断的措施从快从严从紧抓好疫情防控各项工作");
        let tgt = chars("以最坚决的态度最果断措施从快从紧从紧抓好疫情防控各项工作");
        let p = align_pair(&tgt, &src, &AlignParams::default());
        assert_eq!(p.len(), 1, "{p:?}");
        let a = p[0];
        assert_eq!((a.t_start, a.t_end), (0, tgt.len()));
        assert_eq!((a.s_start, a.s_end), (1, src.len()));
        assert!(a.identity() > 0.8 && a.identity() < 1.0, "{}", a.identity());
    }

    /// The synthetic harness's missed case: a 12-character sentence with a deletion (有) and a
    /// substitution (复→覆) keeps one exact 5-character seed; the extension carries it past the
    /// edits to a passage of 9 characters.
    #[test]
    fn a_short_edited_sentence_is_found_from_one_seed() {
        let src = chars("管控到位对阳性病例有没有逐个复盘管因要理临");
        let tgt = chars("限风溢对阳性病例没有逐个覆盘杜小刚与现场");
        let p = align_pair(&tgt, &src, &AlignParams::default());
        assert_eq!(p.len(), 1, "{p:?}");
        let a = p[0];
        assert_eq!(
            tgt[a.t_start..a.t_end].iter().collect::<String>(),
            "对阳性病例没有逐个"
        );
        assert_eq!(
            src[a.s_start..a.s_end].iter().collect::<String>(),
            "对阳性病例有没有逐个"
        );
        assert_eq!(a.matched, 9);
        // Without the extension the lone seed is too short to keep.
        let frags = fragments(vec![(3, 4)], 5);
        assert!(chain(&frags, &AlignParams::default()).is_empty());
    }

    #[test]
    fn short_or_unrelated_text_gives_nothing() {
        let src = chars("疫情防控工作");
        let tgt = chars("安全生产工作疫情防控");
        assert!(align_pair(&tgt, &src, &AlignParams::default()).is_empty());
    }

    /// Issue 14, case 3: two exact clauses 15 characters apart in both texts merge within
    /// `merge_gap` (20), but the merged passage (22 matches over 37) would have identity 0.59,
    /// under the 0.75 floor `--min-identity` promises. They stay two passages.
    #[test]
    fn merging_never_goes_below_the_identity_floor() {
        let src =
            chars("坚持外防输入内防反弹甲乙丙丁戊己庚辛壬癸子丑寅卯辰压紧压实四方责任落实到位");
        let tgt =
            chars("坚持外防输入内防反弹天地玄黄宇宙洪荒日月盈昃辰宿列压紧压实四方责任落实到位");
        let p = align_pair(&tgt, &src, &AlignParams::default());
        assert_eq!(p.len(), 2, "{p:?}");
        for a in &p {
            assert!(a.identity() >= AlignParams::default().min_identity, "{a:?}");
        }
        // With a lower floor the merge is allowed and gives one passage.
        let loose = AlignParams {
            min_identity: 0.5,
            ..AlignParams::default()
        };
        let merged = align_pair(&tgt, &src, &loose);
        assert_eq!(merged.len(), 1, "{merged:?}");
        assert!(merged[0].identity() < 0.75);
    }

    /// Reordered clauses A C B of a source A B C: A and C alone would merge below the floor
    /// (C lies after B in the source), but the whole group A C B is one exact reuse.
    #[test]
    fn reordered_clauses_merge_as_a_group() {
        let src =
            chars("迅速圈定核酸检测重点区域强化核酸检测的现场组织管理决不能发生集聚性交叉感染");
        let tgt =
            chars("迅速圈定核酸检测重点区域决不能发生集聚性交叉感染强化核酸检测的现场组织管理");
        let p = align_pair(&tgt, &src, &AlignParams::default());
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!((p[0].t_start, p[0].t_end), (0, tgt.len()));
        assert_eq!(p[0].identity(), 1.0);
    }

    #[test]
    fn repeated_source_text_gives_one_passage_per_target_region() {
        let src = chars("压紧压实四方责任。压紧压实四方责任");
        let tgt = chars("进一步压紧压实四方责任");
        let p = align_pair(&tgt, &src, &AlignParams::default());
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].t_len(), 8);
    }

    proptest::proptest! {
        /// The `align` fuzz target's invariants on two texts over a small alphabet (many shared
        /// shingles, repeats and edits).
        #[test]
        fn passages_are_inside_long_enough_and_disjoint(
            t in "[甲乙丙丁戊]{0,60}",
            s in "[甲乙丙丁戊]{0,60}",
            shingle in 1usize..6,
            min_passage in 0usize..12,
            max_gap in 0usize..8,
            floor in 0u8..=100,
        ) {
            let (t, s): (Vec<char>, Vec<char>) = (t.chars().collect(), s.chars().collect());
            let params = AlignParams {
                shingle,
                min_passage,
                max_gap,
                min_identity: f64::from(floor) / 100.0,
                merge_gap: max_gap * 2,
            };
            let mut previous_end = 0;
            for p in align_pair(&t, &s, &params) {
                proptest::prop_assert!(previous_end <= p.t_start && p.t_start < p.t_end);
                proptest::prop_assert!(p.t_end <= t.len() && p.s_start < p.s_end && p.s_end <= s.len());
                proptest::prop_assert!(p.matched <= p.t_len() && p.t_len() >= min_passage);
                proptest::prop_assert!(p.identity() >= params.min_identity && p.identity() <= 1.0);
                previous_end = p.t_end;
            }
        }
    }
}
