//! Article splitting: one normalized file → the char ranges of the articles it holds.
//!
//! An article starts at
//! - a news lead paragraph (本报讯, 晚报讯, 本网讯, 晚报综合消息, 新华社…电 …), together with the
//!   block of up to three headline-shaped lines right before it;
//! - a markdown heading of level 1 or 2 in the raw file (`#`, `##`), with the headline-shaped
//!   lines right before it;
//! - a notice header: a headline-shaped line ending in 通告/公告 followed by a number line
//!   such as （第53号）;
//! - a line beginning with one of the manifest's `breaks`.
//!
//! Text before the first start is part of the first article unless it contains a full sentence
//! (a 。), in which case it is an article of its own. A headline-shaped line has 4 to 80
//! characters and none of ，。；！？： (see `docs/METHODS.md`, "Article splitting").

use std::ops::Range;

/// An article found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Char range in the normalized file text, trimmed of surrounding whitespace.
    pub chars: Range<usize>,
    /// Headline lines at the article's top, joined with a space.
    pub headline: Option<String>,
}

/// Why a line starts an article (for diagnostics and tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartReason {
    Lead,
    Heading,
    Notice,
    Break,
}

#[derive(Debug, Clone)]
struct Line<'a> {
    text: &'a str,
    /// Char range of the line without its newline.
    chars: Range<usize>,
}

const LEADS: &[&str] = &[
    "本报讯",
    "本報訊",
    "晚报讯",
    "晚報訊",
    "本网讯",
    "本網訊",
    "晚报综合消息",
    "本报综合消息",
    "央视网消息",
    "本台消息",
];

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut char_pos = 0;
    for raw in text.split('\n') {
        let n = raw.chars().count();
        out.push(Line {
            text: raw,
            chars: char_pos..char_pos + n,
        });
        char_pos += n + 1;
    }
    out
}

/// Does the line open a news item (本报讯 …, 新华社北京3月17日电 …)?
pub fn is_lead(line: &str) -> bool {
    let t = line.trim_start();
    if LEADS.iter().any(|l| t.starts_with(l)) {
        return true;
    }
    // 新华社北京3月17日电 / 新华社记者…: a dateline ending in 电 within the first 16 chars.
    t.starts_with("新华社") && t.chars().take(16).any(|c| c == '电')
}

/// Short, no sentence punctuation: a headline, subtitle or sign-off line.
pub fn is_headline_shaped(line: &str) -> bool {
    let t = line.trim();
    let n = t.chars().count();
    (4..=80).contains(&n)
        && !t.contains(['，', '。', '；', '！', '？', '：', ',', ';', ':'])
        && !t.starts_with("记者")
        && !is_lead(t)
}

fn is_notice_number(line: &str) -> bool {
    let t = line.trim();
    let inner = t
        .strip_prefix(['（', '('])
        .and_then(|s| s.strip_suffix(['）', ')']))
        .unwrap_or("");
    inner.starts_with('第') && inner.ends_with('号') && inner.chars().count() >= 3
}

/// Split `text` into articles. `is_heading(char_offset)` tells whether the line starting at that
/// char was a level-1/2 markdown heading in the raw file; `breaks` are manual article starts.
pub fn split(text: &str, is_heading: &dyn Fn(usize) -> bool, breaks: &[String]) -> Vec<Article> {
    let ls = lines(text);
    let nonempty: Vec<usize> = (0..ls.len())
        .filter(|&i| !ls[i].text.trim().is_empty())
        .collect();
    let mut starts: Vec<usize> = Vec::new();
    for (k, &i) in nonempty.iter().enumerate() {
        let line = ls[i].text;
        let reason = if breaks
            .iter()
            .any(|b| !b.is_empty() && line.trim_start().starts_with(b.as_str()))
        {
            Some(StartReason::Break)
        } else if is_lead(line) {
            Some(StartReason::Lead)
        } else if is_heading(ls[i].chars.start) {
            Some(StartReason::Heading)
        } else if is_headline_shaped(line)
            && line.trim_end().ends_with(['告'])
            && nonempty
                .get(k + 1)
                .is_some_and(|&j| is_notice_number(ls[j].text))
        {
            Some(StartReason::Notice)
        } else {
            None
        };
        let Some(reason) = reason else { continue };
        let mut first = k;
        if matches!(reason, StartReason::Lead | StartReason::Heading) {
            while first > 0 && k - first < 3 && is_headline_shaped(ls[nonempty[first - 1]].text) {
                first -= 1;
            }
        }
        starts.push(nonempty[first]);
    }
    starts.sort_unstable();
    starts.dedup();

    let Some(&first_nonempty) = nonempty.first() else {
        return Vec::new();
    };
    match starts.first().copied() {
        None => starts.push(first_nonempty),
        Some(s) if s > first_nonempty => {
            let prose_before = ls[first_nonempty..s].iter().any(|l| l.text.contains('。'));
            if prose_before {
                starts.insert(0, first_nonempty);
            } else {
                starts[0] = first_nonempty;
            }
        }
        Some(_) => {}
    }

    let total = text.chars().count();
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (n, &s) in starts.iter().enumerate() {
        let begin = ls[s].chars.start;
        let end = starts.get(n + 1).map_or(total, |&e| ls[e].chars.start);
        let range = trim_range(&chars, begin..end);
        if range.is_empty() {
            continue;
        }
        out.push(Article {
            headline: headline_of(&ls, s, range.end),
            chars: range,
        });
    }
    out
}

fn trim_range(chars: &[char], mut r: Range<usize>) -> Range<usize> {
    while r.start < r.end && chars[r.start].is_whitespace() {
        r.start += 1;
    }
    while r.end > r.start && chars[r.end - 1].is_whitespace() {
        r.end -= 1;
    }
    r
}

/// Up to three consecutive headline-shaped lines at the article's top.
fn headline_of(ls: &[Line<'_>], start: usize, end_char: usize) -> Option<String> {
    let parts: Vec<&str> = ls[start..]
        .iter()
        .take_while(|l| l.chars.start < end_char)
        .filter(|l| !l.text.trim().is_empty())
        .take_while(|l| is_headline_shaped(l.text))
        .take(3)
        .map(|l| l.text.trim())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_heading(_: usize) -> bool {
        false
    }

    fn texts(text: &str, arts: &[Article]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        arts.iter()
            .map(|a| chars[a.chars.clone()].iter().collect())
            .collect()
    }

    #[test]
    fn leads_split_with_their_headlines() {
        let t = "\n\n杜小刚检查宜兴疫情防控工作 以最坚决果断有力举措织密织牢防控网\n\n本报讯 12月12日，市委书记杜小刚来到宜兴市。\n\n正文。（周波）\n\n赵建军在宜兴指导疫情防控工作 全力防输出防扩散防输入\n\n本报讯 12月11日，代市长赵建军赶赴宜兴。\n";
        let arts = split(t, &no_heading, &[]);
        assert_eq!(arts.len(), 2);
        let ts = texts(t, &arts);
        assert!(ts[0].starts_with("杜小刚检查") && ts[0].ends_with("（周波）"));
        assert!(ts[1].starts_with("赵建军在宜兴指导"));
        assert_eq!(
            arts[1].headline.as_deref(),
            Some("赵建军在宜兴指导疫情防控工作 全力防输出防扩散防输入")
        );
    }

    #[test]
    fn notice_header_starts_an_article() {
        let t = "正文第一篇。\n\n市疫情防控应急指挥部通告\n\n（第53号）\n\n12月11日，宜兴发现一例。\n\n无锡市新型冠状病毒感染的肺炎\n疫情防控应急指挥部\n2021年12月12日";
        let arts = split(t, &no_heading, &[]);
        let ts = texts(t, &arts);
        assert_eq!(ts.len(), 2);
        assert_eq!(ts[0], "正文第一篇。");
        assert!(ts[1].starts_with("市疫情防控应急指挥部通告") && ts[1].ends_with("2021年12月12日"));
        assert_eq!(
            arts[1].headline.as_deref(),
            Some("市疫情防控应急指挥部通告 （第53号）")
        );
    }

    #[test]
    fn prose_without_lead_is_one_article() {
        let t = "4月26日晚，常州市委书记陈金虎主持召开会议。\n党中央高度重视疫情防控工作。\n";
        let arts = split(t, &no_heading, &[]);
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].headline, None);
    }

    #[test]
    fn manual_breaks_split() {
        let t = "甲文。\n乙文开始。\n";
        let arts = split(t, &no_heading, &["乙文".to_string()]);
        assert_eq!(texts(t, &arts), vec!["甲文。", "乙文开始。"]);
    }

    #[test]
    fn headings_start_articles() {
        let t =
            "第一篇正文。\n吴新明在市安委会全体会议上强调 一着不让防风险\n昨天上午，我市召开会议。";
        let heading_at = t.split('\n').next().map_or(0, |l| l.chars().count() + 1);
        let arts = split(t, &|c| c == heading_at, &[]);
        assert_eq!(arts.len(), 2);
    }

    proptest::proptest! {
        /// The `split` fuzz target's invariants, on text made of lines that matter to the splitter.
        #[test]
        fn articles_are_ordered_trimmed_and_inside(
            lines in proptest::collection::vec(proptest::sample::select(vec![
                "", " ", "本报讯 会议强调。", "新华社北京3月17日电 会议指出。", "关于疫情防控的通告",
                "（第53号）", "市委召开常委会会议", "正文，继续。", "---", "\u{3000}", "第二篇",
            ]), 0..24),
            heading_bits in 0u8..,
        ) {
            let text = lines.join("\n");
            let chars: Vec<char> = text.chars().collect();
            let is_heading = |c: usize| heading_bits & (1 << (c % 8)) != 0;
            let mut previous_end = 0;
            for a in split(&text, &is_heading, &["---".to_string(), String::new()]) {
                proptest::prop_assert!(previous_end <= a.chars.start && a.chars.start <= a.chars.end);
                proptest::prop_assert!(a.chars.end <= chars.len());
                let body = &chars[a.chars.clone()];
                proptest::prop_assert!(body.first().is_none_or(|c| !c.is_whitespace()));
                proptest::prop_assert!(body.last().is_none_or(|c| !c.is_whitespace()));
                previous_end = a.chars.end;
            }
        }
    }
}
