//! Quoted spans: official texts put their formulations in quotation marks (“两重”,
//! “外防输入、内防反弹”). A span between “”, 「」, 『』 or a pair of ASCII " within one sentence,
//! holding 2–24 content characters, is proposed.

use super::{Kind, Proposal};
use crate::reuse::projection::is_content;

/// Longest quoted span looked at, in characters (marks and separators included).
const MAX_SPAN: usize = 40;
const MIN_CONTENT: usize = 2;
const MAX_CONTENT: usize = 24;

fn closing(open: char) -> Option<char> {
    match open {
        '“' => Some('”'),
        '「' => Some('」'),
        '『' => Some('』'),
        '"' => Some('"'),
        _ => None,
    }
}

/// Quoted spans of a normalized text (the marks excluded).
pub fn find(chars: &[char]) -> Vec<Proposal> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(close) = closing(chars[i]) else {
            i += 1;
            continue;
        };
        let limit = (i + 1 + MAX_SPAN).min(chars.len());
        let end = (i + 1..limit)
            .take_while(|&j| !matches!(chars[j], '。' | '！' | '？' | '\n'))
            .find(|&j| chars[j] == close);
        match end {
            Some(end) => {
                let content = chars[i + 1..end].iter().filter(|&&c| is_content(c)).count();
                if (MIN_CONTENT..=MAX_CONTENT).contains(&content) {
                    out.push(Proposal {
                        kind: Kind::Quote,
                        start: i + 1,
                        end,
                    });
                }
                i = end + 1;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<String> {
        super::super::proposed(find, text)
    }

    #[test]
    fn quoted_formulations_are_found() {
        assert_eq!(
            quoted("坚持“外防输入、内防反弹”总策略，推进“两重”建设和「人工智能+」行动。"),
            ["外防输入、内防反弹", "两重", "人工智能+"]
        );
    }

    #[test]
    fn too_short_too_long_and_unclosed_spans_are_not() {
        assert!(quoted("所谓“新”。").is_empty());
        assert!(
            quoted("他说“我们一定要把这件事情办好，让人民群众满意，让党中央放心。”").is_empty()
        );
        assert!(quoted("“外防输入。内防反弹”").is_empty());
    }
}
