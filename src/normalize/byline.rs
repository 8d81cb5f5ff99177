//! Normalization step `byline`: find bylines and mark them; the text is unchanged.
//!
//! Bylines are reporters' and photographers' names, not the issuer's words, so later stages
//! must be able to leave them out of reuse counts. Three shapes occur in the seeds: a line of
//! its own (`记者 彭华`, a photo caption `会议现场 记者 张毅 摄影`), a tail after the last
//! sentence of a paragraph (`…参加会议。 记者朱文君 李彤`) and an author parenthesis ending a
//! paragraph (`…铜墙铁壁”。（高美梅、惠晓婧）`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::chars::{char_index, is_blank};
use super::{Fix, FixKind};
use crate::text::{ByteSpan, MappedText};

/// A byline line is short; longer lines that start with `记者` are reporting.
const MAX_BYLINE_LINE: usize = 40;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

/// `记者 张毅`, `本报记者朱文君 李彤`, `通讯员 王某 摄`, optionally after a caption word
/// (`会议现场 记者 张毅 摄影`).
static LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:\p{Han}{1,10}[ \t]+)?(?:本报|本网|本台)?(?:见习记者|实习记者|特约记者|摄影记者|记者|通讯员|实习生|摄影)[ \t]*[\p{Han}·]{2,4}(?:[ \t、]+[\p{Han}·]{2,4})*(?:[ \t]*/?(?:摄影|摄|报道))?$",
    )
});

/// The same without a caption word, for the tail of a paragraph.
static TAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:本报|本网|本台)?(?:见习记者|实习记者|特约记者|摄影记者|记者|通讯员|实习生)[ \t]*[\p{Han}·]{2,4}(?:[ \t、]+[\p{Han}·]{2,4})*$",
    )
});

/// An author parenthesis after a sentence end, at the end of the line: `。（周波）`.
static AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"[。！？”][ \t]*(（(?:记者|通讯员)?[ \t]*[\p{Han}·]{2,4}(?:[、， \t][\p{Han}·]{2,4})*）)[ \t]*$",
    )
});

/// Sentence ends after which a tail byline may start.
fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '”')
}

/// Whether the whole (trimmed) line is a byline or photo caption.
pub fn whole_line(line: &str) -> bool {
    let line = line.trim_matches(is_blank);
    line.chars().count() <= MAX_BYLINE_LINE && LINE.is_match(line)
}

/// Char range of the byline in `line`, if any: the whole trimmed line, a tail after the last
/// sentence end, or a closing author parenthesis.
pub fn in_line(line: &str) -> Option<Range<usize>> {
    let lead = line.chars().take_while(|&c| is_blank(c)).count();
    let trimmed = line.trim_matches(is_blank);
    if whole_line(trimmed) {
        return Some(lead..lead + trimmed.chars().count());
    }
    if let Some(g) = AUTHOR.captures(line).and_then(|c| c.get(1)) {
        return Some(char_index(line, g.start())..char_index(line, g.end()));
    }
    let (end, _) = line.char_indices().rfind(|&(_, c)| is_sentence_end(c))?;
    let after = end + line[end..].chars().next().map_or(0, char::len_utf8);
    let tail = &line[after..];
    let tail_trimmed = tail.trim_matches(is_blank);
    if tail_trimmed.is_empty() || !TAIL.is_match(tail_trimmed) {
        return None;
    }
    let start = after + (tail.len() - tail.trim_start_matches(is_blank).len());
    let start = char_index(line, start);
    Some(start..start + tail_trimmed.chars().count())
}

/// Char ranges of bylines in `input`, sorted; each is logged as a `Byline` fix.
pub fn find(input: &MappedText, log: &mut Vec<Fix>) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for line in input.as_str().split('\n') {
        let start = line_start;
        line_start += line.chars().count() + 1;
        if line.trim_matches(is_blank).is_empty() {
            continue;
        }
        if let Some(r) = in_line(line) {
            let r = start + r.start..start + r.end;
            let raw = input.raw_range(r.clone());
            log.push(Fix {
                kind: FixKind::Byline,
                raw: ByteSpan::new(raw.start, raw.end),
            });
            found.push(r);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> (Vec<String>, Vec<Fix>) {
        let t = MappedText::identity(s, 0);
        let mut log = Vec::new();
        let ranges = find(&t, &mut log);
        let found = ranges
            .iter()
            .map(|r| t.slice(r.clone()).as_str().to_string())
            .collect();
        (found, log)
    }

    #[test]
    fn lines_of_001() {
        let s = "本网讯 8月6日上午，市委应对新冠肺炎疫情工作领导小组召开第十二次会议，传达学习\n会议现场 记者 张毅 摄影\n领导小组成员参加会议。\n记者 彭华";
        let (found, log) = run(s);
        assert_eq!(found, ["会议现场 记者 张毅 摄影", "记者 彭华"]);
        assert_eq!(log.len(), 2);
        let at = s.find("记者 彭华").unwrap();
        assert_eq!(log[1].raw.range(), at..s.len());
        assert_eq!(log[1].kind, FixKind::Byline);
    }

    #[test]
    fn tails_of_004() {
        let s = "会议以视频形式召开。市委、市政府相关领导，相关部门负责同志在主场参会。 记者朱文君\n\n市领导陆卫东、王洪涛、王晓斌，市政府秘书长凌屹参加会议。 记者朱文君 李彤\n市领导王凯、童剑、刘洪参加会议。 记者李彤";
        let (found, log) = run(s);
        assert_eq!(found, ["记者朱文君", "记者朱文君 李彤", "记者李彤"]);
        assert_eq!(log.len(), 3);
    }

    #[test]
    fn author_parentheses_of_003() {
        let s = "筑牢疫情防控“铜墙铁壁”。（高美梅、惠晓婧）\n\n一起守护美丽家园。（周波）\n\n（第53号）\n健康码（行程卡）和外来人员实名登记";
        let (found, _) = run(s);
        assert_eq!(found, ["（高美梅、惠晓婧）", "（周波）"]);
    }

    #[test]
    fn reporting_is_not_a_byline() {
        for s in [
            "记者从会上获悉，全市疫情防控形势总体平稳。",
            "杜小刚检查宜兴疫情防控工作 以最坚决果断有力举措织密织牢防控网",
            "常书铭提出具体要求 潘海燕王建忠出席",
            "无锡市新型冠状病毒感染的肺炎",
            "会议听取了工作汇报。记者获悉此事后又来到现场了解情况",
        ] {
            assert_eq!(in_line(s), None, "{s}");
        }
    }
}
