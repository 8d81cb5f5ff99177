//! Numbered formulas: a numeral, an optional 个 and one word (四个意识, 两个确立, 三保), and
//! pairs of them (六稳六保). Words come from jieba's segmentation of the content run, so the
//! formula ends where its word ends (三个月 is a numeral and a measure word, not a formula).

use super::{Kind, Proposal};
use crate::reuse::guards::segmenter;
use crate::reuse::projection::is_content;
use crate::text::is_han;

/// Numerals that open a formula. 一 is left out: it is part of too many ordinary words (一定,
/// 一些, 一起).
fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '两' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '2'..='9'
    )
}

/// First characters of a word that make numeral + word a quantity or an ordinal, not a
/// formula (三个月, 两年, 五次, 二是).
fn is_measure(c: char) -> bool {
    "年月日天周次人名位个家项条件倍批轮季度点时分秒元亿万千百米岁层级届期号处座所部份种类样只台辆户间场起例组支篇本张句段亩斤里克吨成些是要方者大小多余来岸国地省市县镇村".contains(c)
}

/// A token of a content run, as normalized char offsets.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
}

/// Numbered formulas of a normalized text.
pub fn find(chars: &[char]) -> Vec<Proposal> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_content(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_content(chars[i]) {
            i += 1;
        }
        if chars[start..i].iter().any(|&c| is_numeral(c)) {
            out.extend(in_run(chars, start, i));
        }
    }
    out
}

fn tokens(chars: &[char], start: usize, end: usize) -> Vec<Token> {
    let run: String = chars[start..end].iter().collect();
    let mut at = start;
    segmenter()
        .cut(&run, false)
        .into_iter()
        .map(|t| {
            let n = t.word.chars().count();
            let token = Token {
                start: at,
                end: at + n,
            };
            at += n;
            token
        })
        .collect()
}

fn in_run(chars: &[char], start: usize, end: usize) -> Vec<Proposal> {
    let tokens = tokens(chars, start, end);
    let mut formulas: Vec<(usize, usize, usize)> = Vec::new(); // (first token, last token, span end)
    for t in 0..tokens.len() {
        if let Some((last, span_end)) = formula_at(chars, &tokens, t) {
            formulas.push((t, last, span_end));
        }
    }
    let mut out: Vec<Proposal> = formulas
        .iter()
        .map(|&(t, _, span_end)| Proposal {
            kind: Kind::Numbered,
            start: tokens[t].start,
            end: span_end,
        })
        .collect();
    // Pairs: one formula right after another (六稳 + 六保).
    for pair in formulas.windows(2) {
        if pair[1].0 == pair[0].1 + 1 {
            out.push(Proposal {
                kind: Kind::Numbered,
                start: tokens[pair[0].0].start,
                end: pair[1].2,
            });
        }
    }
    out
}

/// A formula starting at token `t`: its last token and end.
fn formula_at(chars: &[char], tokens: &[Token], t: usize) -> Option<(usize, usize)> {
    let token = tokens[t];
    let before = token.start.checked_sub(1).map(|b| chars[b]);
    if before
        .is_some_and(|b| is_numeral(b) || b.is_ascii_digit() || b == '一' || b == '第' || b == '每')
    {
        return None;
    }
    let run_end = tokens.last().map_or(token.end, |t| t.end);
    let mut head = token.start;
    while head < run_end && head - token.start < 2 && is_numeral(chars[head]) {
        head += 1;
    }
    if head == token.start {
        return None;
    }
    if head < run_end && chars[head] == '个' {
        head += 1;
    }
    // The word: the rest of the token holding `head` (三保), or the token starting there.
    let last = (t..tokens.len()).find(|&k| tokens[k].end > head)?;
    let (word_start, word_end) = (head, tokens[last].end);
    let word = &chars[word_start..word_end];
    let fits = (1..=4).contains(&word.len())
        && word.iter().all(|&c| is_han(c))
        && !is_measure(word[0])
        && !is_numeral(word[0])
        && !matches!(word[0], '一' | '〇' | '零');
    fits.then_some((last, word_end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<String> {
        super::super::proposed(find, text)
    }

    #[test]
    fn numeral_and_word() {
        assert_eq!(
            spans("增强四个意识，做到两个维护。"),
            ["四个意识", "两个维护"]
        );
        assert_eq!(spans("增强4个意识。"), ["4个意识"]);
    }

    #[test]
    fn quantities_and_ordinals_are_not_formulas() {
        assert!(spans("三个月内，第三次，二是要加强。").is_empty());
    }

    #[test]
    fn pairs_are_proposed_with_their_halves() {
        let s = spans("做好六稳工作、落实六保任务，扎实做好六稳六保。");
        assert!(s.contains(&"六稳六保".to_string()), "{s:?}");
        assert!(s.contains(&"六稳".to_string()), "{s:?}");
    }
}
