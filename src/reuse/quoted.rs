//! Explicit attribution: is a reused span introduced as somebody else's words within its
//! sentence (习近平总书记……强调, 党中央……, 省委……要求, 按照……要求, 贯彻落实……精神)?

use std::sync::LazyLock;

use regex::Regex;

/// Cues that name a higher authority or announce that its words follow.
static CUE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        "习近平|总书记|党中央|中央|国务院|省委|省政府|省领导小组|省指挥部|按照|根据.{0,30}要求|贯彻落实|重要指示|重要讲话|决策部署|精神",
    )
    .ok()
});

/// True when the sentence holding normalized char `start` has an attribution cue before it, or
/// within the first few characters of the span itself (习近平总书记强调…).
pub fn is_quoted(normalized: &[char], start: usize) -> bool {
    let Some(cue) = CUE.as_ref() else {
        return false;
    };
    let start = start.min(normalized.len());
    let sentence_start = normalized[..start]
        .iter()
        .rposition(|c| matches!(c, '。' | '！' | '？' | '；' | '\n'))
        .map_or(0, |i| i + 1);
    let lookahead = (start + 8).min(normalized.len());
    let context: String = normalized[sentence_start..lookahead].iter().collect();
    cue.is_match(&context)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str, span: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        let at = text.find(span).unwrap();
        is_quoted(&chars, text[..at].chars().count())
    }

    #[test]
    fn cues_in_the_same_sentence_quote() {
        // Changzhou (data/raw/000): the strategy is introduced by 习近平总书记's instruction.
        assert!(quoted(
            "要坚决贯彻习近平总书记重要指示精神，坚持外防输入、内防反弹总策略。",
            "外防输入"
        ));
        assert!(quoted("按照省委要求，压紧压实“四方责任”。", "压紧压实"));
    }

    #[test]
    fn a_cue_in_an_earlier_sentence_does_not() {
        assert!(!quoted(
            "会议传达学习了习近平总书记重要指示精神。会议要求，压紧压实“四方责任”。",
            "压紧压实"
        ));
    }
}
