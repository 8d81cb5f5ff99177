//! Normalization step `width`: fold every character to one canonical punctuation and width set
//! (the table is in docs/METHODS.md).
//!
//! Chinese punctuation is chosen by context, not globally, so that `2022-08-23`, `1,000` and
//! Latin text keep their ASCII marks while `常州市委,传达` gets `，`.

use super::chars::{collect, cover, is_blank, is_cjk, rewrite_lines};
use super::{Fix, FixKind};
use crate::text::{ByteSpan, MappedBuilder, MappedText};

/// Shortest run of `.` or `。` read as an ellipsis.
const ELLIPSIS_RUN: usize = 3;

/// ASCII marks that take their fullwidth form in a Chinese context.
fn fullwidth_mark(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '!' => '！',
        '?' => '？',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Folds that do not depend on context.
fn fold(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '\u{3000}' | '\u{00A0}' => ' ',
        '「' => '“',
        '」' => '”',
        '『' => '‘',
        '』' => '’',
        _ => c,
    }
}

/// Per-line state: the last non-blank output char, whether the next ASCII `"` closes, and the
/// decisions taken for the `(` still open.
#[derive(Default)]
struct Line {
    prev: Option<char>,
    quote_open: bool,
    parens: Vec<bool>,
}

/// Apply the step, logging every change into `log`.
/// Context (quotes, brackets, neighbours) is per line, so the step runs line by line.
pub fn apply(input: &MappedText, log: &mut Vec<Fix>) -> MappedText {
    rewrite_lines(input, log, may_change, rewrite)
}

/// Whether the step could change `s`: a char changes only through an ellipsis run, a quote or
/// bracket, a mark with a fullwidth form, or a context-free fold. Everything else (Han,
/// canonical Chinese punctuation, ASCII letters, digits, `.` outside `...`) is kept.
fn may_change(s: &str) -> bool {
    let ellipsis = |mark: char| s.contains(&*mark.to_string().repeat(ELLIPSIS_RUN));
    s.chars()
        .any(|c| matches!(c, '"' | '(' | ')') || fullwidth_mark(c).is_some() || fold(c) != c)
        || ellipsis('.')
        || ellipsis('。')
}

/// The step on text that may change: every char examined.
pub(super) fn rewrite(input: &MappedText, log: &mut Vec<Fix>) -> MappedText {
    let chars = collect(input);
    let mut out = MappedBuilder::sized_like(input);
    let mut line = Line::default();
    let mut i = 0;
    while i < chars.len() {
        let (c, span) = chars[i];
        if let Some(n) = ellipsis_len(&chars[i..]) {
            let raw = cover(&chars, i..i + n);
            out.push_str("……", raw);
            log.push(Fix {
                kind: FixKind::Width,
                raw,
            });
            line.prev = Some('…');
            i += n;
            continue;
        }
        if c == '\n' {
            line = Line::default();
            out.push(c, span);
            i += 1;
            continue;
        }
        let new = match c {
            '"' if cjk_context(line.prev, &chars, i) => {
                line.quote_open = !line.quote_open;
                if line.quote_open { '“' } else { '”' }
            }
            '(' => {
                let cjk = cjk_context(line.prev, &chars, i);
                line.parens.push(cjk);
                if cjk { '（' } else { c }
            }
            ')' => {
                // A closing bracket follows its opener, so pairs never mix widths.
                let cjk = line
                    .parens
                    .pop()
                    .unwrap_or_else(|| cjk_context(line.prev, &chars, i));
                if cjk { '）' } else { c }
            }
            _ => match fullwidth_mark(c) {
                Some(f) if cjk_context(line.prev, &chars, i) => f,
                Some(_) => c,
                None => fold(c),
            },
        };
        push(&mut out, log, c, new, span);
        if !is_blank(new) {
            line.prev = Some(new);
        }
        i += 1;
    }
    out.finish()
}

fn push(out: &mut MappedBuilder, log: &mut Vec<Fix>, old: char, new: char, span: ByteSpan) {
    if new != old {
        log.push(Fix {
            kind: FixKind::Width,
            raw: span,
        });
    }
    out.push(new, span);
}

/// Length of an ellipsis run (`...`, `。。。`, longer runs too) at the start of `rest`.
fn ellipsis_len(rest: &[(char, ByteSpan)]) -> Option<usize> {
    let first = rest.first()?.0;
    if first != '.' && first != '。' {
        return None;
    }
    let n = rest.iter().take_while(|(c, _)| *c == first).count();
    (n >= ELLIPSIS_RUN).then_some(n)
}

/// Whether the nearest non-blank char on either side, within the line, is Chinese. On the
/// left that is the already folded output (so `,,` after a Han char folds as a whole run); on
/// the right other ASCII marks are skipped for the same reason (`,,传达`).
fn cjk_context(prev: Option<char>, chars: &[(char, ByteSpan)], i: usize) -> bool {
    let next = chars[i + 1..]
        .iter()
        .map(|(c, _)| *c)
        .find(|&c| !is_blank(c) && c != '"' && fullwidth_mark(c).is_none())
        .filter(|&c| c != '\n');
    [prev, next].into_iter().flatten().any(|c| is_cjk(fold(c)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::test_support::run_step;

    fn run(s: &str) -> (String, Vec<Fix>) {
        run_step(apply, s)
    }

    #[test]
    fn first_line_of_000_after_t2s() {
        let (out, log) = run("4月26日晚,常州市委书记陈金虎主持召开市委常委会会议,传达贯彻");
        assert_eq!(
            out,
            "4月26日晚，常州市委书记陈金虎主持召开市委常委会会议，传达贯彻"
        );
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].raw.range(), 12..13);
    }

    #[test]
    fn doubled_marks_of_001() {
        let s =
            "市委副書記,、市長,、領導小組組長彭映梅對下一階段全市疫情防控工作作出安排,,市委副書記";
        let (out, log) = run(s);
        assert_eq!(
            out,
            "市委副書記，、市長，、領導小組組長彭映梅對下一階段全市疫情防控工作作出安排，，市委副書記"
        );
        assert_eq!(log.len(), 4);
        let (out, _) = run("確?!傲氵z漏");
        assert_eq!(out, "確？！傲氵z漏");
    }

    #[test]
    fn furniture_line_of_002() {
        let s = "来源:晋中新闻网 发布时间:2022-08-23 浏览次数: 【字体:";
        let (out, log) = run(s);
        assert_eq!(
            out,
            "来源：晋中新闻网 发布时间：2022-08-23 浏览次数： 【字体："
        );
        assert_eq!(log.len(), 4);
    }

    #[test]
    fn brackets_quotes_and_question_marks() {
        let (out, _) = run("各市县(区、市) 设分会场。(第53号)\n健康码(行程卡)和");
        assert_eq!(
            out,
            "各市县（区、市） 设分会场。（第53号）\n健康码（行程卡）和"
        );
        let (out, log) = run("“重点人员排查管控得怎么样?”他说\"要快\",又说\"要准\"。");
        assert_eq!(out, "“重点人员排查管控得怎么样？”他说“要快”，又说“要准”。");
        assert_eq!(log.len(), 6);
    }

    #[test]
    fn ascii_between_digits_and_latin_stays() {
        for s in [
            "2022-08-23",
            "1,000人",
            "24小时",
            "COVID-19 (Omicron) is fine: yes!",
            "f(x)=1",
        ] {
            assert_eq!(run(s).0, s);
        }
        assert_eq!(run("新冠(COVID-19)疫情").0, "新冠（COVID-19）疫情");
    }

    #[test]
    fn context_free_folds() {
        let (out, log) = run("ＡＢＣ１２３ｘ\u{3000}「好」『是』\u{a0}");
        assert_eq!(out, "ABC123x “好”‘是’ ");
        assert_eq!(log.len(), 13);
    }

    #[test]
    fn ellipsis() {
        let (out, log) = run("还有...等。。。好。。了……");
        assert_eq!(out, "还有……等……好。。了……");
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].raw.range(), 6..9);
    }
}
