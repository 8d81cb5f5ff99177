//! Candidate keys and surface forms: a key is a span's content characters (separators and
//! quotes dropped, as the lexicon matcher drops them) with lone ASCII digits folded to Chinese
//! numerals, so that 4个意识 and 四个意识, 外防输入、内防反弹 and 外防输入,内防反弹 are one
//! candidate. Traditional characters are already Simplified by normalization.

use std::collections::BTreeMap;

use crate::reuse::projection::{is_content, project_phrase};
use crate::text::is_han;

const NUMERALS: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// The key of a span of normalized characters.
pub fn key(chars: &[char]) -> String {
    let content: Vec<char> = chars.iter().copied().filter(|&c| is_content(c)).collect();
    (0..content.len())
        .map(|i| {
            let lone = |j: Option<usize>| {
                j.and_then(|j| content.get(j))
                    .is_none_or(|c| !c.is_ascii_digit())
            };
            match content[i] {
                c @ '1'..='9' if lone(i.checked_sub(1)) && lone(Some(i + 1)) => {
                    NUMERALS[c as usize - '1' as usize]
                }
                c => c,
            }
        })
        .collect()
}

/// The key of a phrase.
pub fn key_of(phrase: &str) -> String {
    key(&phrase.chars().collect::<Vec<_>>())
}

/// Keys worth counting: 2–24 content characters, at least two of them Han and at least half.
pub fn is_plausible(key: &str) -> bool {
    let n = key.chars().count();
    let han = key.chars().filter(|&c| is_han(c)).count();
    (2..=24).contains(&n) && han >= 2 && han * 2 >= n
}

/// The forms to count for a key: the key, and its digit spelling when it starts with a numeral
/// or has a numeral before 个 (四个意识 → 4个意识, 六稳六保 → 6稳6保).
pub fn forms_of(key: &str) -> Vec<String> {
    let chars: Vec<char> = key.chars().collect();
    let numbered = chars.first().is_some_and(|c| NUMERALS.contains(c))
        || chars
            .windows(2)
            .any(|w| NUMERALS.contains(&w[0]) && w[1] == '个');
    let mut forms = vec![key.to_string()];
    if numbered {
        let digits: String = chars
            .iter()
            .map(|c| match NUMERALS.iter().position(|n| n == c) {
                Some(i) => char::from(b'1' + i as u8),
                None => *c,
            })
            .collect();
        if digits != key {
            forms.push(digits);
        }
    }
    forms
}

/// Forms by decreasing count, ties in code-point order.
pub fn by_frequency(forms: &BTreeMap<String, usize>) -> Vec<String> {
    let mut v: Vec<(&String, &usize)> = forms.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    v.into_iter().map(|(f, _)| f.clone()).collect()
}

/// The forms of `seen` whose content characters differ from `text`'s, once each.
pub fn distinct_content(text: &str, seen: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut contents = vec![project_phrase(text)];
    for form in seen {
        let content = project_phrase(form);
        if !contents.contains(&content) {
            contents.push(content);
            out.push(form.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_drop_separators_and_fold_lone_digits() {
        assert_eq!(key_of("“外防输入、内防反弹”"), "外防输入内防反弹");
        assert_eq!(key_of("4个意识"), "四个意识");
        assert_eq!(key_of("6稳6保"), "六稳六保");
        // A number is not a numeral of a formula.
        assert_eq!(key_of("2022年"), "2022年");
    }

    #[test]
    fn digit_forms_only_for_numbered_keys() {
        assert_eq!(forms_of("四个意识"), ["四个意识", "4个意识"]);
        assert_eq!(forms_of("六稳六保"), ["六稳六保", "6稳6保"]);
        assert_eq!(forms_of("进一步"), ["进一步"]);
    }

    #[test]
    fn plausible_keys_are_mostly_han() {
        assert!(is_plausible("三保"));
        assert!(!is_plausible("5G"));
        assert!(!is_plausible("COVID19疫情"));
        assert!(!is_plausible("一"));
    }

    #[test]
    fn variants_are_forms_with_other_content() {
        let seen = vec![
            "四个意识".to_string(),
            "“四个意识”".to_string(),
            "4个意识".to_string(),
        ];
        assert_eq!(distinct_content("四个意识", &seen), ["4个意识"]);
    }
}
