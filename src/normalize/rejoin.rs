//! Normalization step `rejoin`: rejoin paragraphs that a page or column break cut
//! mid-sentence or mid-word (`杜小\n\n刚直奔` → `杜小刚直奔`).
//!
//! A break is undone only when the text before it is running prose that stops without a
//! sentence end, and the text after it does not look like the start of something new (a
//! byline or caption, a headline, a speaker formula, a list item). Every test must hold,
//! because a wrong join glues two paragraphs, one of them often by another speaker.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::byline;
use super::chars::{collect, cover, is_blank, line_ranges, string_of, trim_range};
use super::{Fix, FixKind};
use crate::text::{ByteSpan, MappedBuilder, MappedText};

/// Prose before a break has at least this many chars. Low enough for the shortest cut
/// paragraph in the seeds (`吴新明要求，要全力压紧压实各`, 14 chars).
const MIN_PROSE_CHARS: usize = 12;

/// A paragraph opened by a speaker (`李酌指出`, `会议听取了`) or a list item (`一、`, `（二）`,
/// `3.`) starts something new.
static NEW_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^\p{Han}{2,4}(?:指出|强调|要求|表示|说|认为)",
        r"|^会议(?:听取|强调|指出|要求|认为|以)",
        r"|^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])"
    ))
    .expect("static regex")
});

/// Apply the step, logging every change into `log`.
pub fn apply(input: &MappedText, log: &mut Vec<Fix>) -> MappedText {
    if !may_change(input.as_str()) {
        return input.clone();
    }
    rewrite(input, log)
}

/// Whether the step could change `s`: the first break it removes lies between a line that
/// continues and the next non-empty line (the paragraph only grows beyond one line after a
/// join), so without such a pair nothing is joined.
fn may_change(s: &str) -> bool {
    let mut lines = s
        .split('\n')
        .map(|l| l.trim_matches(is_blank))
        .filter(|l| !l.is_empty())
        .peekable();
    while let Some(a) = lines.next() {
        if let Some(b) = lines.peek()
            && continues(a)
            && !starts_anew(b)
        {
            return true;
        }
    }
    false
}

/// The step on text that may change: every break examined.
pub(super) fn rewrite(input: &MappedText, log: &mut Vec<Fix>) -> MappedText {
    let chars = collect(input);
    let breaks = breaks_to_remove(&chars);
    let mut out = MappedBuilder::sized_like(input);
    let mut next = breaks.iter().peekable();
    let mut k = 0;
    while k < chars.len() {
        if let Some(r) = next.next_if(|r| r.start == k) {
            log.push(Fix {
                kind: FixKind::Rejoined,
                raw: cover(&chars, r.clone()),
            });
            k = r.end;
            continue;
        }
        out.push(chars[k].0, chars[k].1);
        k += 1;
    }
    out.finish()
}

/// Char ranges between a cut paragraph and its continuation (line breaks, blank lines and the
/// blanks around them), in order.
fn breaks_to_remove(chars: &[(char, ByteSpan)]) -> Vec<Range<usize>> {
    let lines: Vec<Range<usize>> = line_ranges(chars)
        .into_iter()
        .map(|l| trim_range(chars, l))
        .filter(|l| !l.is_empty())
        .collect();
    let mut breaks = Vec::new();
    // The paragraph so far: a join makes the next line part of it.
    let mut paragraph = String::new();
    for pair in lines.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let line_a = string_of(chars, a.clone());
        if breaks
            .last()
            .is_some_and(|r: &Range<usize>| r.end == a.start)
        {
            paragraph.push_str(&line_a);
        } else {
            paragraph = line_a;
        }
        if continues(&paragraph) && !starts_anew(&string_of(chars, b.clone())) {
            breaks.push(a.end..b.start);
        }
    }
    breaks
}

/// Whether `paragraph` is prose that a break interrupted: it has clause punctuation, is long
/// enough, and stops without a sentence end or a byline.
fn continues(paragraph: &str) -> bool {
    let has_clause = paragraph.contains(['，', '。']);
    let long = paragraph.chars().count() >= MIN_PROSE_CHARS;
    let open_end = paragraph
        .chars()
        .next_back()
        .is_some_and(|c| !is_terminal(c));
    has_clause && long && open_end && byline::in_line(paragraph).is_none()
}

/// Marks after which a paragraph may legitimately end (ASCII forms for unfolded input).
fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '。' | '！'
            | '？'
            | '；'
            | '…'
            | '”'
            | '）'
            | '：'
            | '.'
            | '!'
            | '?'
            | ';'
            | ')'
            | ':'
            | '"'
    )
}

/// Whether `line` begins something new rather than continuing the previous paragraph.
fn starts_anew(line: &str) -> bool {
    byline::whole_line(line) || is_headline_shaped(line) || NEW_START.is_match(line)
}

/// Headlines, captions and sign-offs carry no sentence punctuation.
fn is_headline_shaped(line: &str) -> bool {
    !line.contains(['，', '。', '；', '！', '？', ',', ';', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::test_support::run_step;

    fn run(s: &str) -> (String, Vec<Fix>) {
        run_step(apply, s)
    }

    #[test]
    fn page_breaks_of_003() {
        let s = "超市内，虽然人流较平日减少，但各类商品供应充足，销售额与平时基本持平。杜小\n\n刚直奔农副产区，细致询问产品价格。\n\n守好小区门，护好一座城。";
        let (out, log) = run(s);
        assert_eq!(
            out,
            "超市内，虽然人流较平日减少，但各类商品供应充足，销售额与平时基本持平。杜小刚直奔农副产区，细致询问产品价格。\n\n守好小区门，护好一座城。"
        );
        assert_eq!(log.len(), 1);
        let at = s.find("\n\n").unwrap();
        assert_eq!(log[0].raw.range(), at..at + 2);
    }

    #[test]
    fn joins_required_in_003_and_004() {
        for (a, b, joined) in [
            (
                "叮嘱隔离点在科学准确开展医学观察的同时，",
                "做好各项服务保障工作，在细节处体现温度。",
                "的同时，做好各项服务保障工作",
            ),
            (
                "确保资源和力量平时好用、战时管用、急时够用。傍晚时分，在和",
                "桥镇同里村、北庄村采样点看到，居民们正排队进行核酸采样。",
                "在和桥镇",
            ),
            (
                "全力做好各项保障工作，在刚性管理中体现城",
                "市温度。要加大国际货运、冷链运输等消杀力度。",
                "城市温度",
            ),
            (
                "坚决打赢疫情防控歼灭战。副市长刘",
                "必权、秦咏薪参加。",
                "刘必权",
            ),
            (
                "当看到沿街店铺均已按照规定落实防疫措施，店主们也对疫情防控工",
                "作十分理解配合，赵建军表示感谢。",
                "工作十分理解",
            ),
            (
                "属地、部门、单位、个人责任必须落细落实落到位，网格化管理必须到小区、到楼栋、到店铺、到户到",
                "人，确保一户不少、一人不漏。",
                "到户到人",
            ),
            (
                "切实扛起疫情防控的政治责任，科学有序、坚",
                "定有力做好各项防控工作。",
                "坚定有力",
            ),
            (
                "吴新明要求，要全力压紧压实各",
                "方安全生产责任。",
                "各方安全生产",
            ),
        ] {
            let (out, log) = run(&format!("{a}\n\n{b}"));
            assert_eq!(out, format!("{a}{b}"));
            assert!(out.contains(joined));
            assert_eq!(log.len(), 1);
        }
    }

    #[test]
    fn no_joins_in_001() {
        // Lines of 001 after the earlier steps, separated by single line breaks.
        let s = "本网讯 8月6日上午，市委应对新冠肺炎疫情工作领导小组召开第十二次会议，传达学习\n会议现场 记者 张毅 摄影\n李酌在讲话中指出，认识要再深化。党中央高度重视新冠肺炎疫情防控，\n李酌指出，排查要再\u{FFFD}氐？，进一步补齐防控工作的短板和薄弱环节。要对照典\n李酌指出，措施要再精准。\n我们正面临常态化疫情防控以来最复杂、最严峻的挑战。对标\n会议听取了领导小组有关工作组关于疫情防控工作推进情况的汇报。";
        let (out, log) = run(s);
        assert_eq!(out, s);
        assert!(log.is_empty());
    }

    #[test]
    fn no_joins_of_headlines_bylines_and_sign_offs() {
        let s = "吴政隆主持召开省疫情防控工作领导小组会议强调\n\n从快从严从紧 压紧压实责任 坚决遏制疫情反弹反复\n\n会议以视频形式召开。市委、市政府相关领导，相关部门负责同志在主场参会。 记者朱文君\n\n王晖在市疫情防控工作视频点调会上强调\n\n对疫情防控“四方责任”落实不到位的，将依法依规追究相关责任。\n\n无锡市新型冠状病毒感染的肺炎\n疫情防控应急指挥部\n2021年12月12日\n\n现就通告如下，请各单位遵照执行\n\n一、12月6日以来有宜兴市旅居史人员，来锡返锡后要立即报备。";
        let (out, log) = run(s);
        assert_eq!(out, s);
        assert!(log.is_empty());
    }

    #[test]
    fn chained_breaks_join_into_one_paragraph() {
        let (out, log) = run("会议强调，要压紧压实各方责任，网格\n\n化管理，必须到\n\n户到人。");
        assert_eq!(
            out,
            "会议强调，要压紧压实各方责任，网格化管理，必须到户到人。"
        );
        assert_eq!(log.len(), 2);
    }
}
