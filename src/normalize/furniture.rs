//! Normalization step `furniture`: remove whole lines of site furniture (breadcrumbs,
//! metadata and menu lines) and the markers of markdown headings and `**` emphasis.
//!
//! Only whole lines go, and only lines whose shape is furniture: article text that merely
//! mentions `来源` or `首页` stays. Headlines and bylines are content and are kept.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::chars::{
    char_index, collect, cover, is_blank, line_ranges, rewrite_lines, string_of, trim_range,
};
use super::{Fix, FixKind};
use crate::text::{ByteSpan, MappedBuilder, MappedText};

/// A metadata line that names only one field is furniture when at most this long.
const MAX_META_LINE: usize = 40;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("static regex")
}

/// Breadcrumbs: `您的位置：首页 >…`, `当前位置：…`, `首页 > 新闻`.
static BREADCRUMB: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:(?:您|你)(?:现在)?的位置|当前位置|所在位置|现在位置)\s*[:：]|^首页\s*[>＞»›]")
});

/// Page metadata fields (`来源：`, `发布时间：`, `浏览次数：`, `【字体：`).
static META_KEY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:来源|发布时间|发布日期|更新时间|浏览次数|点击次数|点击数|阅读次数|访问量|作者|责任编辑|编辑|字体|字号)\s*[:：]",
    )
});

/// Menus made only of bracketed commands (`【打印】【关闭】`), font-size menus, share and
/// navigation lines.
static MENU: LazyLock<Regex> = LazyLock::new(|| {
    re(concat!(
        r"^(?:[【\[](?:打印(?:本页|此页)?|关闭(?:窗口|本页)?|(?:加入)?收藏|返回(?:顶部|首页)?|保存|纠错|分享|大|中|小|默认)[】\]]\s*)+$",
        r"|^【?(?:字体|字号)\s*[:：]\s*(?:[【\[]?[大中小][】\]]?\s*)*】?$",
        r"|^(?:分享到|扫一扫|上一篇|下一篇|上一条|下一条)"
    ))
});

/// A markdown heading marker with its space: `# `, `## ` … `###### `.
static HEADING: LazyLock<Regex> = LazyLock::new(|| re(r"^#{1,6}[ \t]+"));

/// Whether the (trimmed) line is site furniture.
pub fn is_furniture(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() {
        return false;
    }
    if BREADCRUMB.is_match(line) || MENU.is_match(line) {
        return true;
    }
    let keys = META_KEY.find_iter(line).count();
    keys >= 2 || (keys == 1 && starts_with_meta(line) && line.chars().count() <= MAX_META_LINE)
}

fn starts_with_meta(line: &str) -> bool {
    META_KEY
        .find(line.trim_start_matches('【'))
        .is_some_and(|m| m.start() == 0)
}

/// Apply the step, logging every change into `log`.
/// Furniture and markup are decided line by line, so the step runs line by line.
pub fn apply(input: &MappedText, log: &mut Vec<Fix>) -> MappedText {
    rewrite_lines(input, log, may_change, rewrite)
}

/// Whether the step could change `s`: some line is furniture, starts (after blanks) with the
/// `#` of a heading marker, or holds a `**`.
fn may_change(s: &str) -> bool {
    s.split('\n').any(|line| {
        line.trim_start_matches(is_blank).starts_with('#')
            || line.contains("**")
            || is_furniture(line)
    })
}

/// The step on text that may change: every line examined and copied.
pub(super) fn rewrite(input: &MappedText, log: &mut Vec<Fix>) -> MappedText {
    let chars = collect(input);
    let mut out = MappedBuilder::sized_like(input);
    let lines = line_ranges(&chars);
    let last = lines.len().saturating_sub(1);
    for (n, line) in lines.into_iter().enumerate() {
        // The line plus its `\n`, if it has one.
        let with_break = line.start..(line.end + usize::from(n < last)).min(chars.len());
        if is_furniture(&string_of(&chars, line.clone())) {
            log.push(Fix {
                kind: FixKind::Furniture,
                raw: cover(&chars, with_break),
            });
            continue;
        }
        let drop = markup(&chars, line);
        for r in &drop {
            log.push(Fix {
                kind: FixKind::Markup,
                raw: cover(&chars, r.clone()),
            });
        }
        push_except(&mut out, &chars, with_break, &drop);
    }
    out.finish()
}

/// Push `chars[range]` except the chars in `drop` (sorted, disjoint, inside `range`).
fn push_except(
    out: &mut MappedBuilder,
    chars: &[(char, ByteSpan)],
    range: Range<usize>,
    drop: &[Range<usize>],
) {
    let mut d = drop.iter().peekable();
    for k in range {
        while d.next_if(|r| r.end <= k).is_some() {}
        if d.peek().is_some_and(|r| r.contains(&k)) {
            continue;
        }
        out.push(chars[k].0, chars[k].1);
    }
}

/// Char ranges of the markdown markers of one line: its heading marker, then every `**` that
/// has a partner on the same line (an unpaired `**` is text).
fn markup(chars: &[(char, ByteSpan)], line: Range<usize>) -> Vec<Range<usize>> {
    let body = trim_range(chars, line);
    let text = string_of(chars, body.clone());
    let mut found = Vec::new();
    let mut from = 0;
    if let Some(m) = HEADING.find(&text) {
        found.push(body.start..body.start + char_index(&text, m.end()));
        from = m.end();
    }
    let stars: Vec<usize> = text[from..]
        .match_indices("**")
        .map(|(b, _)| body.start + char_index(&text, from + b))
        .collect();
    for pair in stars.chunks_exact(2) {
        found.push(pair[0]..pair[0] + 2);
        found.push(pair[1]..pair[1] + 2);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::test_support::{count_kind as count, run_step};

    fn run(s: &str) -> (String, Vec<Fix>) {
        run_step(apply, s)
    }

    #[test]
    fn furniture_lines_of_002() {
        // Lines 1–8 of 002 after width folding.
        let s = "您的位置： 首页 >新闻中心>本市时政>详细内容\n\n吴俊清主持召开市委第一百一十一次疫情防控专题会强调\n集中力量迅速扑灭局部疫情燃点 强化措施有效加固外防输入阵地\n\n来源：晋中新闻网 发布时间：2022-08-23 浏览次数： 【字体：\n\n常书铭提出具体要求 潘海燕王建忠出席";
        let (out, log) = run(s);
        assert_eq!(
            out,
            "\n吴俊清主持召开市委第一百一十一次疫情防控专题会强调\n集中力量迅速扑灭局部疫情燃点 强化措施有效加固外防输入阵地\n\n\n常书铭提出具体要求 潘海燕王建忠出席"
        );
        assert_eq!(count(&log, FixKind::Furniture), 2);
        assert_eq!(log.len(), 2);
        let first = "您的位置： 首页 >新闻中心>本市时政>详细内容";
        assert_eq!(log[0].raw.range(), 0..first.len() + 1);
    }

    #[test]
    fn menus_and_navigation() {
        for s in [
            "【打印】【关闭】",
            "【打印本页】 【关闭窗口】",
            "字体：大 中 小",
            "【字体：大 中 小】",
            "分享到：",
            "扫一扫在手机打开当前页",
            "上一篇：吴俊清主持召开会议",
            "当前位置：首页 > 要闻",
            "来源：晋中日报",
            "责任编辑：王某",
        ] {
            assert!(is_furniture(s), "{s}");
        }
        for s in [
            "吴俊清主持召开市委第一百一十一次疫情防控专题会强调",
            "【抗疫一线】",
            "要严格落实来源地核查，对来源：不明的货物一律封存，并第一时间向社会公布核酸检测结果，确保所有风险人员全部管控到位。",
            "记者朱文君 李彤",
        ] {
            assert!(!is_furniture(s), "{s}");
        }
    }

    #[test]
    fn markdown_of_004() {
        let s = "# 从快从严从紧 压紧压实责任 坚决遏制疫情反弹反复\n\n**晚报综合消息** 昨天，省委书记吴政隆主持召开会议。\n## 以最大决心最强力度 打好疫情防控阻击战";
        let (out, log) = run(s);
        assert_eq!(
            out,
            "从快从严从紧 压紧压实责任 坚决遏制疫情反弹反复\n\n晚报综合消息 昨天，省委书记吴政隆主持召开会议。\n以最大决心最强力度 打好疫情防控阻击战"
        );
        assert_eq!(count(&log, FixKind::Markup), 4);
        assert_eq!(log.len(), 4);
        let at = s.find("**").unwrap();
        assert_eq!(log[1].raw.range(), at..at + 2);
    }

    #[test]
    fn unpaired_and_inline_markers_stay() {
        let (out, log) = run("#话题# **晚报讯** 数字5**2\n##标题");
        assert_eq!(out, "#话题# 晚报讯 数字5**2\n##标题");
        assert_eq!(log.len(), 2);
    }
}
