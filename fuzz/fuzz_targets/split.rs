//! Fuzz target: the article splitter on arbitrary text. The first byte says which lines count as
//! markdown headings (by char offset), the second chooses manual breaks. Articles must lie inside
//! the text, in order, without overlapping, and be trimmed of surrounding whitespace.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tifa::split::split;

fuzz_target!(|data: &[u8]| {
    let [heading_bits, break_choice, rest @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let breaks: Vec<String> = match break_choice % 4 {
        0 => vec![],
        1 => vec!["---".into()],
        2 => vec!["".into(), "第".into()],
        _ => vec!["【".into(), "本报讯".into(), "\n".into()],
    };
    let heading_bits = *heading_bits;
    let is_heading = move |offset: usize| heading_bits & (1 << (offset % 8)) != 0;
    let chars: Vec<char> = text.chars().collect();
    let articles = split(text, &is_heading, &breaks);
    let mut previous_end = 0;
    for a in &articles {
        assert!(a.chars.start <= a.chars.end, "inverted {:?}", a.chars);
        assert!(
            a.chars.end <= chars.len(),
            "{:?} past {} chars",
            a.chars,
            chars.len()
        );
        assert!(a.chars.start >= previous_end, "articles overlap or go back");
        previous_end = a.chars.end;
        let body = &chars[a.chars.clone()];
        if let (Some(first), Some(last)) = (body.first(), body.last()) {
            assert!(
                !first.is_whitespace() && !last.is_whitespace(),
                "untrimmed {:?}",
                a.chars
            );
        }
        if let Some(h) = &a.headline {
            assert!(!h.is_empty());
        }
    }
});
