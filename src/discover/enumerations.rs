//! Enumerations: parallel items with a shared frame, the commonest shape of a formulation.
//! Separated items (人民至上、生命至上; 早发现、早报告、早隔离、早治疗; 疫情要防住、经济要稳住、
//! 发展要安全) and repeated frames inside one word run (从快从严从紧, 联防联控, 以快制快).

use super::{Kind, Proposal};
use crate::reuse::guards::{is_whole_word, segmenter};
use crate::reuse::projection::Projection;
use crate::text::is_han;

/// Separators between enumerated items.
fn is_separator(c: char) -> bool {
    matches!(c, '、' | '，' | '；' | ',' | ' ')
}

/// Longest item of an enumeration, in characters.
const MAX_ITEM: usize = 8;

/// Enumerations and repeated frames of a normalized text.
pub fn find(chars: &[char]) -> Vec<Proposal> {
    let mut out = separated(chars);
    out.extend(frames(chars));
    out
}

/// A Han run: `start..end` in normalized chars.
type Item = (usize, usize);

fn han_runs(chars: &[char]) -> Vec<Item> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if is_han(chars[i]) {
            let start = i;
            while i < chars.len() && is_han(chars[i]) {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs
}

/// Runs of items, each separated from the next by exactly one separator.
fn item_runs(chars: &[char]) -> Vec<Vec<Item>> {
    let mut runs: Vec<Vec<Item>> = Vec::new();
    for item in han_runs(chars) {
        let joined = runs
            .last()
            .and_then(|r| r.last())
            .is_some_and(|prev| item.0 == prev.1 + 1 && is_separator(chars[prev.1]));
        if joined && let Some(run) = runs.last_mut() {
            run.push(item);
        } else {
            runs.push(vec![item]);
        }
    }
    runs.retain(|r| r.len() >= 2);
    runs
}

/// Positions at which every piece (same length) has the same character.
fn shared_positions(chars: &[char], pieces: &[usize], len: usize) -> usize {
    (0..len)
        .filter(|&k| pieces.iter().all(|&p| chars[p + k] == chars[pieces[0] + k]))
        .count()
}

/// The best item length for the pair `a`, `b` (suffix of `a`, prefix of `b`): most shared
/// positions, then the longer; `None` when no length shares a position.
fn pair_length(chars: &[char], a: Item, b: Item) -> Option<(usize, usize)> {
    let max = (a.1 - a.0).min(b.1 - b.0).min(MAX_ITEM);
    (2..=max)
        .map(|len| (shared_positions(chars, &[a.1 - len, b.0], len), len))
        .filter(|&(shared, _)| shared > 0)
        .max()
}

fn separated(chars: &[char]) -> Vec<Proposal> {
    let mut out = Vec::new();
    for run in item_runs(chars) {
        let mut i = 0;
        while i + 1 < run.len() {
            let Some((last, len)) = chain_from(chars, &run, i) else {
                i += 1;
                continue;
            };
            out.push(Proposal {
                kind: Kind::Enumeration,
                start: word_start(chars, run[i], run[i].1 - len),
                end: word_end(chars, run[last], run[last].0 + len),
            });
            i = last;
        }
    }
    out
}

/// Word boundaries (jieba, no HMM) of an item, as char offsets in the text.
fn boundaries(chars: &[char], item: Item) -> Vec<usize> {
    let text: String = chars[item.0..item.1].iter().collect();
    let mut at = item.0;
    let mut out = vec![at];
    for t in segmenter().cut(&text, false) {
        at += t.word.chars().count();
        out.push(at);
    }
    out
}

/// `start` moved back to the nearest word boundary of the first item (人民战争、总体战: the
/// three-character frame starts inside 人民战争, the enumeration at 人).
fn word_start(chars: &[char], item: Item, start: usize) -> usize {
    let b = boundaries(chars, item);
    b.iter()
        .rev()
        .copied()
        .find(|&x| x <= start)
        .unwrap_or(item.0)
}

/// `end` moved on to the nearest word boundary of the last item.
fn word_end(chars: &[char], item: Item, end: usize) -> usize {
    let b = boundaries(chars, item);
    b.iter().copied().find(|&x| x >= end).unwrap_or(item.1)
}

/// The longest chain of parallel items starting at `run[i]`: the index of its last item and
/// the item length. Inner items must have exactly that length. Either every piece shares a
/// character at some position (the frame: 早发现、早报告), or — with no shared character —
/// three or more whole items of 3+ characters (麻痹思想、厌战情绪、侥幸心理、松劲心态; the first
/// may be preceded by other words).
fn chain_from(chars: &[char], run: &[Item], i: usize) -> Option<(usize, usize)> {
    let width = |k: usize| run[k].1 - run[k].0;
    let whole = width(i + 1).min(MAX_ITEM);
    let (framed, len) = match pair_length(chars, run[i], run[i + 1]) {
        Some((_, len)) => (true, len),
        None if whole >= 3 && width(i) >= whole => (false, whole),
        None => return None,
    };
    let mut pieces = vec![run[i].1 - len, run[i + 1].0];
    let mut last = i + 1;
    while last + 1 < run.len() && width(last) == len && width(last + 1) >= len {
        let mut longer = pieces.clone();
        longer.push(run[last + 1].0);
        let keeps = if framed {
            shared_positions(chars, &longer, len) > 0
        } else {
            width(last + 1) == len
        };
        if !keeps {
            break;
        }
        pieces = longer;
        last += 1;
    }
    let whole_items = width(i) == len && width(last) == len;
    let listed = (i..last).all(|k| chars[run[k].1] == '、');
    let accepted = if framed {
        // Clauses (，；) are parallel only as whole items; list items (、) may be embedded.
        listed || whole_items
    } else {
        pieces.len() >= 3 && width(last) == len
    };
    accepted.then_some((last, len))
}

/// Repeated frames inside a Han run: a character at every other position (从快从严从紧,
/// 联防联控: X a X b …) or the second and fourth of four (以快制快), whole words of the run.
fn frames(chars: &[char]) -> Vec<Proposal> {
    let mut out = Vec::new();
    let projection = Projection::of(&chars.iter().collect::<String>());
    for (start, end) in han_runs(chars) {
        let mut i = start;
        while i + 4 <= end {
            let mut len = 0;
            if chars[i] == chars[i + 2] && chars[i] != chars[i + 1] {
                len = 4;
                while i + len + 2 <= end && chars[i + len] == chars[i] {
                    len += 2;
                }
            } else if chars[i + 1] == chars[i + 3] && chars[i] != chars[i + 1] {
                len = 4;
            }
            if len > 0 && whole_word_at(&projection, chars, i, i + len) {
                out.push(Proposal {
                    kind: Kind::Enumeration,
                    start: i,
                    end: i + len,
                });
                i += len;
            } else {
                i += 1;
            }
        }
    }
    out
}

/// The word check on a span of normalized chars (all content, as Han runs are).
fn whole_word_at(p: &Projection, chars: &[char], start: usize, end: usize) -> bool {
    let Ok(ps) = p.to_normalized.binary_search(&(start as u32)) else {
        return false;
    };
    is_whole_word(p, chars, ps, ps + (end - start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<String> {
        super::super::proposed(find, text)
    }

    #[test]
    fn separated_enumerations_with_a_shared_frame() {
        assert_eq!(
            spans("坚持外防输入、内防反弹总策略。"),
            ["外防输入、内防反弹"]
        );
        assert_eq!(spans("坚持人民至上、生命至上。"), ["人民至上、生命至上"]);
        assert_eq!(
            spans("做到早发现、早报告、早隔离、早治疗。"),
            ["早发现、早报告、早隔离、早治疗"]
        );
        assert_eq!(
            spans("要求疫情要防住、经济要稳住、发展要安全。"),
            ["疫情要防住、经济要稳住、发展要安全"]
        );
    }

    #[test]
    fn parallel_whole_items_without_a_shared_character() {
        assert_eq!(
            spans("克服麻痹思想、厌战情绪、侥幸心理、松劲心态。"),
            ["麻痹思想、厌战情绪、侥幸心理、松劲心态"]
        );
        // Two unrelated items are not an enumeration.
        assert!(spans("加强领导、压实责任。").is_empty());
        // The first item is kept whole when the frame starts inside a word.
        assert_eq!(
            spans("打赢疫情防控的人民战争、总体战、阻击战。"),
            ["人民战争、总体战、阻击战"]
        );
        // Clauses must be whole to be parallel.
        assert!(spans("推动经济社会发展，统筹发展和安全。").is_empty());
        // A chain stops where the frame does.
        assert_eq!(
            spans("坚持人民至上、生命至上，坚持外防输入、内防反弹。"),
            ["人民至上、生命至上", "外防输入、内防反弹"]
        );
    }

    #[test]
    fn repeated_frames_inside_a_run() {
        assert_eq!(spans("坚持从快从严从紧。"), ["从快从严从紧"]);
        assert_eq!(spans("以快制快。"), ["以快制快"]);
    }
}
