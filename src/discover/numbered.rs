//! Numbered formulas: a numeral, an optional 个 and one word (四个意识, 两个确立, 三保), and
//! pairs of them (六稳六保). Words come from jieba's segmentation of the content run, so the
//! formula ends where its word ends (三个月 is a numeral and a measure word, not a formula),
//! and a numeral inside a name in jieba's dictionary (四川, 十堰) starts none.

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

/// First characters of a word that make numeral + word a quantity, an ordinal or a range, not
/// a formula (三个月, 两年, 五次, 二是, 3艘, 两架, 十几天, 3到5年).
fn is_measure(c: char) -> bool {
    "年月日天周次人名位个家项条件倍批轮季度点时分秒元亿万千百米岁层级届期号处座所部份种类样只台辆户间场起例组支篇本张句段亩斤里克吨成些是要方者大小多余来岸国地省市县镇村艘架匹头棵株枚颗粒片块根把盏栋幢列趟班封双对套箱袋瓶杯碗桶几到至比".contains(c)
}

/// Units of more than one character whose first character may also open a formula (十公里,
/// but 三公).
const UNIT_WORDS: &[&str] = &["公里", "公斤", "公顷", "公尺", "平方", "英里", "海里"];

/// jieba's tags for names (places, people, organisations): a numeral inside one (四川, 三亚,
/// 六安) is part of the name.
fn is_name_tag(tag: &str) -> bool {
    tag.starts_with("ns") || tag.starts_with("nr") || tag == "nt"
}

/// A token of a content run, as normalized char offsets, and whether jieba tags it a name.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    name: bool,
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
        .tag(&run, false)
        .into_iter()
        .map(|t| {
            let n = t.word.chars().count();
            let token = Token {
                start: at,
                end: at + n,
                name: is_name_tag(t.tag),
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
    if token.name {
        return None;
    }
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
        && !UNIT_WORDS
            .iter()
            .any(|u| word.iter().copied().take(u.chars().count()).eq(u.chars()))
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
    fn places_counts_and_distances_in_news_are_not_formulas() {
        // 新闻联播 sentences whose numerals proposed 四川, 3艘, 两架, 十几天 and 十公里.
        for text in [
            "在贵州白里、云南楚雄、四川凉山等地，彝族群众一起撒火把。",
            "近年来，四川省铁路、公路等综合运输体系逐渐完善。",
            "印度军方出动了3艘军舰和3架飞机。",
            "用3到5年时间基本完成改造。",
            "美军确实出动了两架战机进行拦截。",
            "国防部决定将航空母舰编制从两艘削减到一艘。",
            "闹了十几天，医院方面仍然无法接受。",
            "国道318线雅安以西十公里处的巨石塌方已抢通。",
            "三亚、十堰和六安的代表出席。",
        ] {
            assert!(spans(text).is_empty(), "{text}: {:?}", spans(text));
        }
        // The formulas of the same transcripts stay.
        assert_eq!(spans("反对四风，压缩三公经费支出。"), ["四风", "三公"]);
        assert_eq!(
            spans("西藏的三农发展，全国两会就要召开。"),
            ["三农", "两会"]
        );
    }

    #[test]
    fn pairs_are_proposed_with_their_halves() {
        let s = spans("做好六稳工作、落实六保任务，扎实做好六稳六保。");
        assert!(s.contains(&"六稳六保".to_string()), "{s:?}");
        assert!(s.contains(&"六稳".to_string()), "{s:?}");
    }
}
