//! Checks a lexicon hit must pass besides its surface form: context guards (words required or
//! forbidden near the hit) and whole-word matching (the hit must start and end on a word
//! boundary of jieba's segmentation, so that 两重 does not fire inside 两重要).

use std::sync::OnceLock;

use jieba_rs::Jieba;

use super::projection::{Projection, is_content, project_phrase};

/// Default guard window: content characters on each side of a hit.
pub const DEFAULT_NEAR: usize = 12;

/// Surface forms this short (content characters) are matched as whole words unless the entry
/// says `whole_word = false`.
pub const AUTO_WHOLE_WORD_MAX: usize = 2;

/// Content characters of context segmented on each side of a hit for the word check.
const WORD_CONTEXT: usize = 8;

/// The context rules of one lexicon entry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContextGuard {
    /// Projected words of which at least one must occur near the hit (none: no requirement).
    pub require: Vec<String>,
    /// Projected words none of which may occur near the hit.
    pub forbid: Vec<String>,
    /// Window, in content characters on each side of the hit, within the hit's sentence.
    pub near: usize,
}

impl ContextGuard {
    pub fn new(require: &[String], forbid: &[String], near: Option<usize>) -> Self {
        let project = |words: &[String]| -> Vec<String> {
            words
                .iter()
                .map(|w| project_phrase(w))
                .filter(|w| !w.is_empty())
                .collect()
        };
        ContextGuard {
            require: project(require),
            forbid: project(forbid),
            near: near.unwrap_or(DEFAULT_NEAR),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.require.is_empty() && self.forbid.is_empty()
    }

    /// True when the hit at projected `start..end` satisfies the guard: some required word
    /// (if any are listed) and no forbidden word occurs within `near` content characters before
    /// or after it, inside its sentence. Words straddling the hit's own edges are not seen.
    pub fn accepts(&self, p: &Projection, normalized: &[char], start: usize, end: usize) -> bool {
        if self.is_empty() {
            return true;
        }
        let before = (start.saturating_sub(self.near), start);
        let after = (end, (end + self.near).min(p.len()));
        let near = |word: &str| {
            [before, after].into_iter().any(|(lo, hi)| {
                occurrences(&p.chars[lo..hi], word).any(|at| {
                    let (w_start, w_end) = (lo + at, lo + at + word.chars().count());
                    let (span_lo, span_hi) = (w_start.min(start), w_end.max(end));
                    !crosses_sentence_end(p, normalized, span_lo, span_hi)
                })
            })
        };
        let required = self.require.is_empty() || self.require.iter().any(|w| near(w));
        required && !self.forbid.iter().any(|w| near(w))
    }
}

/// Start positions (chars) of `word` in `haystack`.
fn occurrences<'a>(haystack: &'a [char], word: &'a str) -> impl Iterator<Item = usize> + 'a {
    let w: Vec<char> = word.chars().collect();
    let n = w.len();
    (0..=haystack.len().saturating_sub(n))
        .filter(move |&i| n > 0 && i + n <= haystack.len() && haystack[i..i + n] == w[..])
}

/// True when the normalized extent of projected `start..end` holds a sentence end.
pub fn crosses_sentence_end(p: &Projection, normalized: &[char], start: usize, end: usize) -> bool {
    let range = p.normalized_range(start, end);
    normalized[range.start.min(normalized.len())..range.end.min(normalized.len())]
        .iter()
        .any(|c| matches!(c, '。' | '！' | '？' | '\n'))
}

/// jieba with its bundled dictionary only: the lexicon's own words are *not* added, or 两重
/// would become a dictionary word and cut 两重要 as 两重 + 要.
pub(crate) fn segmenter() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// True when projected `start..end` begins and ends on a word boundary of the jieba
/// segmentation (no HMM) of the hit's clause: up to 8 content characters on each side, stopping
/// at punctuation, which is always a boundary.
pub fn is_whole_word(p: &Projection, normalized: &[char], start: usize, end: usize) -> bool {
    let range = p.normalized_range(start, end);
    if range.is_empty() || range.end > normalized.len() {
        return false;
    }
    let mut lo = range.start;
    while lo > 0 && range.start - lo < WORD_CONTEXT && is_content(normalized[lo - 1]) {
        lo -= 1;
    }
    let mut hi = range.end;
    while hi < normalized.len() && hi - range.end < WORD_CONTEXT && is_content(normalized[hi]) {
        hi += 1;
    }
    let window: String = normalized[lo..hi].iter().collect();
    let mut boundaries = vec![0usize];
    for word in segmenter().cut(&window, false) {
        let last = boundaries.last().copied().unwrap_or(0);
        boundaries.push(last + word.word.chars().count());
    }
    let (s, e) = (range.start - lo, range.end - lo);
    boundaries.contains(&s) && boundaries.contains(&e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard_accepts(guard: &ContextGuard, text: &str, phrase: &str) -> bool {
        let p = Projection::of(text);
        let chars: Vec<char> = text.chars().collect();
        let key: Vec<char> = project_phrase(phrase).chars().collect();
        let start = occurrences(&p.chars, &project_phrase(phrase))
            .next()
            .expect("phrase in text");
        guard.accepts(&p, &chars, start, start + key.len())
    }

    fn whole(text: &str, phrase: &str) -> bool {
        let p = Projection::of(text);
        let chars: Vec<char> = text.chars().collect();
        let n = project_phrase(phrase).chars().count();
        let start = occurrences(&p.chars, &project_phrase(phrase))
            .next()
            .expect("phrase in text");
        is_whole_word(&p, &chars, start, start + n)
    }

    /// The wage-arrears sentence of the central corpus (xwlb-20201230-05).
    const WAGES: &str = "二是督促项目欠薪春节前动态清零，政府和国企项目务必率先清零。";

    #[test]
    fn forbidden_words_near_the_hit_reject_it() {
        let g = ContextGuard::new(&[], &["欠薪".into(), "工资".into()], None);
        assert!(!guard_accepts(&g, WAGES, "动态清零"));
        assert!(guard_accepts(&g, "坚持动态清零总方针不动摇。", "动态清零"));
    }

    #[test]
    fn the_window_is_bounded_by_near_and_by_the_sentence() {
        let g = ContextGuard::new(&[], &["欠薪".into()], Some(3));
        // 欠薪 is 5 content characters before 动态清零 (欠薪春节前): outside a window of 3.
        assert!(guard_accepts(&g, WAGES, "动态清零"));
        let g = ContextGuard::new(&[], &["欠薪".into()], None);
        assert!(guard_accepts(
            &g,
            "解决欠薪问题。坚持动态清零。",
            "动态清零"
        ));
    }

    #[test]
    fn required_words_must_be_near() {
        let g = ContextGuard::new(&["疫情".into(), "防控".into()], &[], None);
        assert!(guard_accepts(&g, "疫情防控坚持动态清零。", "动态清零"));
        assert!(!guard_accepts(&g, WAGES, "动态清零"));
    }

    #[test]
    fn two_characters_match_as_words_only() {
        assert!(whole("加快推进两重建设", "两重"));
        assert!(whole("统筹推进两重两新工作", "两重"));
        assert!(!whole("这两重要文件", "两重"));
        assert!(!whole("实现两不愁三保障", "三保"));
        assert!(whole("做好三保工作", "三保"));
        assert!(whole("实现双碳目标", "双碳"));
        assert!(whole("“两重”", "两重"));
    }
}
