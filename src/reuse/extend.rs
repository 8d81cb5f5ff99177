//! End extension of aligned chains: a banded gapped alignment with X-drop read outward from
//! each end of a chain, so that the characters after a chain's last edit (fewer than a shingle)
//! and short edited sentences with a single exact seed are kept (METHODS.md, "Aligned
//! passages", step 4).

use super::align::{AlignParams, Aligned};

/// The drop below the best score at which an end extension gives up: four net losses (say two
/// substitutions and two deletions) before the texts agree again.
const X_DROP: i64 = 4;
/// The least score an end extension must gain to be kept: two more equal pairs than unequal
/// pairs and gaps. One gained pair is what a date or a place name shared by two unrelated
/// sentences gives (12月11日接宜兴 against 12月11日，宜兴), not a continued copy.
const MIN_GAIN: i64 = 2;
/// The furthest an end extension reads into either text.
const EXTENSION_REACH: usize = 48;

/// Extends every chain at both ends by a banded gapped alignment with X-drop (+1 per equal
/// pair, −1 per unequal pair or gap; band `max_gap`), kept up to its best-scoring point: a
/// copied sentence whose last edit leaves fewer than k equal characters before its end (逐个
/// 复盘 → 逐个覆盘) keeps them, and a short sentence with one exact seed can reach
/// `min_passage`. An extension never crosses into the target span of a chain that starts after
/// (or ends before) this one, so it cannot swallow a neighbour.
pub(super) fn extend(
    mut chains: Vec<Aligned>,
    target: &[char],
    source: &[char],
    params: &AlignParams,
) -> Vec<Aligned> {
    let starts: Vec<usize> = {
        let mut v: Vec<usize> = chains.iter().map(|a| a.t_start).collect();
        v.sort_unstable();
        v
    };
    let ends: Vec<usize> = {
        let mut v: Vec<usize> = chains.iter().map(|a| a.t_end).collect();
        v.sort_unstable();
        v
    };
    for a in &mut chains {
        let next_start = starts[starts.partition_point(|&s| s < a.t_end)..]
            .first()
            .copied()
            .unwrap_or(target.len());
        let previous_end = ends[..ends.partition_point(|&e| e <= a.t_start)]
            .last()
            .copied()
            .unwrap_or(0);
        let t_room = next_start.min(target.len()) - a.t_end;
        let right = if may_extend(
            &target[a.t_end..a.t_end + t_room.min(FIRST_PAIR)],
            source.get(a.s_end..).unwrap_or_default(),
        ) {
            extension(
                |i| target.get(a.t_end + i).copied(),
                |j| source.get(a.s_end + j).copied(),
                t_room.min(EXTENSION_REACH),
                (source.len() - a.s_end.min(source.len())).min(EXTENSION_REACH),
                params.max_gap,
            )
        } else {
            Extension::default()
        };
        let t_room = a.t_start - previous_end.min(a.t_start);
        let s_from = a.s_start.min(source.len());
        let left = if may_extend(
            &target[a.t_start - t_room.min(FIRST_PAIR)..a.t_start],
            &source[s_from - s_from.min(FIRST_PAIR)..s_from],
        ) {
            extension(
                |i| a.t_start.checked_sub(i + 1).map(|t| target[t]),
                |j| {
                    a.s_start
                        .checked_sub(j + 1)
                        .and_then(|s| source.get(s).copied())
                },
                t_room.min(EXTENSION_REACH),
                s_from.min(EXTENSION_REACH),
                params.max_gap,
            )
        } else {
            Extension::default()
        };
        a.t_end += right.target;
        a.s_end += right.source;
        a.t_start -= left.target;
        a.s_start -= left.source;
        a.matched += right.matched + left.matched;
    }
    chains
}

/// Before its first equal pair an extension loses 1 per step, and is dropped after X_DROP:
/// its first equal pair lies within this many characters of both ends.
const FIRST_PAIR: usize = X_DROP as usize + 1;

/// Whether an extension can start: some character of the target's next `FIRST_PAIR` equals
/// one of the source's (most chain ends fail here, before any alignment is built).
fn may_extend(target_next: &[char], source_next: &[char]) -> bool {
    let source_next = &source_next[..source_next.len().min(FIRST_PAIR)];
    target_next.iter().any(|c| source_next.contains(c))
}

/// How far an end extension reaches, and the equal pairs it aligns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Extension {
    target: usize,
    source: usize,
    matched: usize,
}

/// The best-scoring gapped alignment of two character sequences read outward from an end
/// (`t(i)`, `s(j)` for i < `t_len`, j < `s_len`), |i − j| ≤ `band`, stopping when a whole row
/// falls `X_DROP` below the best. Ties keep the shorter extension; a best score under
/// `MIN_GAIN` extends nothing.
fn extension(
    t: impl Fn(usize) -> Option<char>,
    s: impl Fn(usize) -> Option<char>,
    t_len: usize,
    s_len: usize,
    band: usize,
) -> Extension {
    // Cells outside the band or dropped; far from overflow when 1 is subtracted.
    const NONE: i64 = i64::MIN / 2;
    // (score, matched) of the best path to each cell of the previous and the current row.
    let mut previous: Vec<(i64, usize)> = (0..=s_len)
        .map(|j| {
            if j <= band && j as i64 <= X_DROP {
                (-(j as i64), 0)
            } else {
                (NONE, 0)
            }
        })
        .collect();
    let mut current = vec![(NONE, 0usize); s_len + 1];
    let mut best = (0i64, Extension::default());
    for i in 1..=t_len {
        let Some(tc) = t(i - 1) else { break };
        let (lo, hi) = (i.saturating_sub(band), (i + band).min(s_len));
        let mut alive = false;
        for j in lo..=hi {
            // The target character against a gap, against s(j − 1), or a source character
            // against a gap; the diagonal wins ties.
            let mut here = (previous[j].0 - 1, previous[j].1);
            if j > 0 {
                let equal = s(j - 1) == Some(tc);
                let (d, m) = previous[j - 1];
                let diagonal = (d + if equal { 1 } else { -1 }, m + usize::from(equal));
                if diagonal.0 >= here.0 {
                    here = diagonal;
                }
            }
            if j > lo && current[j - 1].0 - 1 > here.0 {
                here = (current[j - 1].0 - 1, current[j - 1].1);
            }
            if here.0 < best.0 - X_DROP {
                current[j] = (NONE, 0);
                continue;
            }
            current[j] = here;
            alive = true;
            if here.0 > best.0 {
                best = (
                    here.0,
                    Extension {
                        target: i,
                        source: j,
                        matched: here.1,
                    },
                );
            }
        }
        if !alive {
            break;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    if best.0 >= MIN_GAIN {
        best.1
    } else {
        Extension::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_stops_in_unrelated_text() {
        let e = extension(
            |i| "甲乙丙丁戊己庚辛".chars().nth(i),
            |j| "子丑寅卯辰巳午未".chars().nth(j),
            8,
            8,
            8,
        );
        assert_eq!(e, Extension::default());
        // A gap and two equal pairs gain 1: not enough (a shared date and place, not a copy).
        let e = extension(
            |i| "接宜兴疫情".chars().nth(i),
            |j| "宜兴在对集".chars().nth(j),
            5,
            5,
            8,
        );
        assert_eq!(e, Extension::default());
        // One substitution, then four equal pairs: the best point is after them.
        let e = extension(
            |i| "甲乙丙丁戊".chars().nth(i),
            |j| "子乙丙丁戊".chars().nth(j),
            5,
            5,
            8,
        );
        assert_eq!((e.target, e.source, e.matched), (5, 5, 4));
    }
}
