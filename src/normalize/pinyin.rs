//! Normalization step `pinyin`: remove pinyin annotations after Han characters
//! (`應(yīng)對` → `應對`) and mark characters the scrape lost together with their opening
//! bracket (`再?gòu)氐` → `再\u{FFFD}氐`).
//!
//! An annotation is a bracket pair around exactly one well-formed syllable, so bracketed
//! Chinese (`來(lái)(返)雅`, `县(区)`) and Latin words that are not syllables stay.

use std::sync::LazyLock;

use regex::Regex;

use super::chars::{LOST, collect, cover, rewrite_lines};
use super::{Fix, FixKind};
use crate::text::{ByteSpan, MappedBuilder, MappedText, is_han};

/// Longest syllable (`zhuang`) plus a tone digit.
const MAX_SYLLABLE: usize = 7;

/// Initial + final of Hanyu Pinyin over toneless lowercase letters (`v` stands for `ü`), or a
/// syllabic nasal. Stricter than "letters" so that words like `ok` or `pcr` are not syllables.
static SYLLABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:a|o|e|ai|ei|ao|ou|an|en|ang|eng|ong|er|i|ia|ie|iao|iu|ian|in|iang|ing|iong|u|ua|uo|uai|ui|uan|un|uang|ueng|ue|v|ve|van|vn)|ng|n|m|hm|hng)$",
    )
    .expect("static regex")
});

/// Apply the step, logging every change into `log`.
/// Annotations and lost characters never span a line break (a syllable has no `\n`) and the host of an annotation is on its line, so the step runs line by line.
pub fn apply(input: &MappedText, log: &mut Vec<Fix>) -> MappedText {
    rewrite_lines(input, log, may_change, rewrite)
}

/// Whether the step could change `s`: every annotation opens with a bracket and every lost
/// character is a `?` or U+FFFD, so text without them is left as it is.
fn may_change(s: &str) -> bool {
    s.contains(['(', '（', '?', LOST])
}

/// The step on text that may change: every char examined.
pub(super) fn rewrite(input: &MappedText, log: &mut Vec<Fix>) -> MappedText {
    let chars = collect(input);
    let mut out = MappedBuilder::sized_like(input);
    // The last two output chars: the possible host of an annotation and its left neighbour.
    let mut host = (None, None);
    let mut i = 0;
    while i < chars.len() {
        let (c, span) = chars[i];
        let (pushed, len) = match lost_char(&chars[i..]) {
            Some(len) => {
                let raw = cover(&chars, i..i + len);
                log.push(Fix {
                    kind: FixKind::LostChar,
                    raw,
                });
                out.push(LOST, raw);
                (LOST, len)
            }
            None => {
                out.push(c, span);
                (c, 1)
            }
        };
        i += len;
        host = (host.1, Some(pushed));
        if can_host(host, &chars[i..]) {
            i = skip_annotations(&chars, i, log);
        }
    }
    out.finish()
}

/// Whether an annotation at the start of `rest` belongs to the output char `host.1`: a Han or
/// lost character, or a stray Latin letter right after a Han character (a byte of a GBK pair
/// split by the scrape, `瘫O(jiān)管`), which only counts with a toned annotation.
fn can_host(host: (Option<char>, Option<char>), rest: &[(char, ByteSpan)]) -> bool {
    match host {
        (_, Some(c)) if is_han(c) || c == LOST => true,
        (Some(b), Some(c)) if is_han(b) && c.is_ascii_alphabetic() => {
            annotation_len(rest).is_some_and(|n| toned(&rest[..n]))
        }
        _ => false,
    }
}

/// Skip every annotation starting at `i` (`字(zì)(zì)` happens), logging each; returns the new
/// position.
fn skip_annotations(chars: &[(char, ByteSpan)], mut i: usize, log: &mut Vec<Fix>) -> usize {
    while let Some(len) = annotation_len(&chars[i..]) {
        log.push(Fix {
            kind: FixKind::Pinyin,
            raw: cover(chars, i..i + len),
        });
        i += len;
    }
    i
}

/// Length of an annotation `(syllable)` at the start of `rest`, brackets of either width.
fn annotation_len(rest: &[(char, ByteSpan)]) -> Option<usize> {
    match rest.first() {
        Some(('(' | '（', _)) => closed_syllable_len(&rest[1..]).map(|n| n + 1),
        _ => None,
    }
}

/// Length of `syllable)` at the start of `rest` (the closing bracket included).
fn closed_syllable_len(rest: &[(char, ByteSpan)]) -> Option<usize> {
    let close = rest
        .iter()
        .take(MAX_SYLLABLE + 1)
        .position(|(c, _)| matches!(c, ')' | '）'))?;
    let word: String = rest[..close].iter().map(|(c, _)| *c).collect();
    is_syllable(&word).then_some(close + 1)
}

/// Length of a lost character at the start of `rest`: a `?` (or U+FFFD) that stands where a Han
/// character and its opening bracket were, followed by the rest of its annotation (`?gòu)`),
/// or a `?` followed by a whole annotation (`?(gòu)`). A plain question mark never matches.
fn lost_char(rest: &[(char, ByteSpan)]) -> Option<usize> {
    match rest.first() {
        Some(('?' | LOST, _)) => closed_syllable_len(&rest[1..])
            .or_else(|| annotation_len(&rest[1..]))
            .map(|n| n + 1),
        _ => None,
    }
}

/// One lowercase pinyin syllable, with tone marks or a trailing tone digit 1–5 (or neutral).
pub fn is_syllable(word: &str) -> bool {
    let word = word
        .strip_suffix(|c: char| matches!(c, '1'..='5'))
        .unwrap_or(word);
    let mut base = String::with_capacity(word.len());
    for c in word.chars() {
        match toneless(c) {
            Some(b) => base.push(b),
            None => return false,
        }
    }
    SYLLABLE.is_match(&base)
}

/// Whether the annotation `chars` (brackets included) carries a tone.
fn toned(chars: &[(char, ByteSpan)]) -> bool {
    chars
        .iter()
        .any(|(c, _)| c.is_ascii_digit() || toneless(*c).is_some_and(|b| b != *c))
}

/// Base letter of a lowercase pinyin letter (`ǚ` → `v`), `None` for anything else.
fn toneless(c: char) -> Option<char> {
    Some(match c {
        'a'..='z' => c,
        'ā' | 'á' | 'ǎ' | 'à' => 'a',
        'ē' | 'é' | 'ě' | 'è' => 'e',
        'ī' | 'í' | 'ǐ' | 'ì' => 'i',
        'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
        'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
        'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'ü' => 'v',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::test_support::{count_kind as kinds, run_step};

    fn run(s: &str) -> (String, Vec<Fix>) {
        run_step(apply, s)
    }

    #[test]
    fn syllables() {
        for s in [
            "yīng", "lǐng", "dǎo", "zhuǎn", "xuè", "lǜ", "nǚ", "er", "de", "ying1", "ng",
        ] {
            assert!(is_syllable(s), "{s}");
        }
        for s in ["返", "ok", "pcr", "Ying", "", "yīngg", "ying6", "53"] {
            assert!(!is_syllable(s), "{s}");
        }
    }

    #[test]
    fn first_line_of_000() {
        let s = "4月26日晚,常州市委書記陳金虎主持召開市委常委會會議暨市委應(yīng)對新冠肺炎疫情工作領(lǐng)導(dǎo)小組會議,";
        let (out, log) = run(s);
        assert_eq!(
            out,
            "4月26日晚,常州市委書記陳金虎主持召開市委常委會會議暨市委應對新冠肺炎疫情工作領導小組會議,"
        );
        assert_eq!(kinds(&log, FixKind::Pinyin), 3);
        assert_eq!(log.len(), 3);
        // `(yīng)` follows `應`; the fix covers exactly the annotation's bytes.
        let at = s.find("(yīng)").unwrap();
        assert_eq!(log[0].raw.range(), at..at + "(yīng)".len());
        assert_eq!(&s[log[0].raw.range()], "(yīng)");
    }

    #[test]
    fn keeps_real_brackets() {
        let s = "來(lái)(返)雅人員,(第53号),县(区),(高美梅、惠晓婧),全体(扩大)会议,核酸(pcr)";
        let (out, log) = run(s);
        assert_eq!(
            out,
            "來(返)雅人員,(第53号),县(区),(高美梅、惠晓婧),全体(扩大)会议,核酸(pcr)"
        );
        assert_eq!(log.len(), 1);
    }

    #[test]
    fn lost_chars_of_001() {
        let s = "李酌指出,,排查要再?gòu)氐?,進(jìn)一步補(bǔ)齊";
        let (out, log) = run(s);
        assert_eq!(out, "李酌指出,,排查要再\u{FFFD}氐?,進一步補齊");
        assert_eq!(kinds(&log, FixKind::LostChar), 1);
        assert_eq!(kinds(&log, FixKind::Pinyin), 2);
        let lost = log.iter().find(|f| f.kind == FixKind::LostChar).unwrap();
        assert_eq!(&s[lost.raw.range()], "?gòu)");

        let (out, log) = run("完善進(jìn)口冷鏈?zhǔn)称泛头");
        assert_eq!(out, "完善進口冷鏈\u{FFFD}称泛头");
        assert_eq!(kinds(&log, FixKind::LostChar), 1);
    }

    #[test]
    fn plain_question_marks_stay() {
        let s = "“重点人员排查管控得怎么样?”“外来货车如何管理?”……確?!傲氵z漏";
        let (out, log) = run(s);
        assert_eq!(out, s);
        assert!(log.is_empty());
    }

    #[test]
    fn annotation_after_stray_byte_of_001() {
        let (out, log) = run("疫情防控全瘫O(jiān)管,A(b)");
        assert_eq!(out, "疫情防控全瘫O管,A(b)");
        assert_eq!(kinds(&log, FixKind::Pinyin), 1);
        // Without a tone the stray-letter host is not trusted.
        assert_eq!(run("瘫O(jian)管").0, "瘫O(jian)管");
    }

    #[test]
    fn fullwidth_and_repeated_annotations() {
        let (out, log) = run("應（yīng）對字(zi4)(zì)");
        assert_eq!(out, "應對字");
        assert_eq!(log.len(), 3);
    }
}
