//! Fuzz target: the normalization chain on arbitrary text, asserting the offset-map invariants
//! documented in `src/text.rs` and `docs/ARCHITECTURE.md`: one span per char, span starts
//! non-decreasing, every span inside the raw text and on its char boundaries; fixes and bylines
//! inside their texts. The first byte chooses which steps run; the rest is the raw file (decoded
//! as UTF-8 when it is, else through `decode`'s detection, so GB18030 spans are covered too).
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tifa::decode::{EncodingChoice, decode};
use tifa::normalize::{NormalizeOptions, Normalizer};
use tifa::text::MappedText;

fn normalizers() -> &'static [Normalizer; 2] {
    static N: OnceLock<[Normalizer; 2]> = OnceLock::new();
    N.get_or_init(|| {
        let all = NormalizeOptions::default();
        let some = NormalizeOptions {
            traditional: false,
            rejoin: false,
            ..all
        };
        [
            Normalizer::new(all).expect("OpenCC tables load"),
            Normalizer::new(some).expect("normalizer"),
        ]
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, raw)) = data.split_first() else {
        return;
    };
    let Ok(decoded) = decode(raw, Path::new("fuzz.txt"), EncodingChoice::Auto) else {
        return;
    };
    let normalizer = &normalizers()[usize::from(which & 1)];
    let out = normalizer.normalize(&decoded.text);
    check_map(raw, &decoded.text, &out.text, decoded.encoding);
    for fix in &out.fixes {
        assert!(fix.raw.start <= fix.raw.end && fix.raw.end as usize <= raw.len());
    }
    for b in &out.bylines {
        assert!(
            b.start <= b.end && b.end <= out.text.char_len(),
            "byline {b:?}"
        );
    }
    // Normalizing again must not break the map either (idempotence is not promised).
    let again = normalizer.normalize(&out.text);
    check_map(raw, &decoded.text, &again.text, decoded.encoding);
});

fn check_map(raw: &[u8], decoded: &MappedText, text: &MappedText, encoding: &str) {
    assert_eq!(text.as_str().chars().count(), text.spans().len());
    // Raw char boundaries: where a decoded char starts or ends.
    let mut boundaries = vec![false; raw.len() + 1];
    boundaries[0] = true;
    boundaries[raw.len()] = true;
    for s in decoded.spans() {
        boundaries[s.start as usize] = true;
        boundaries[s.end as usize] = true;
    }
    let mut previous_start = 0u32;
    for (c, s) in text.iter() {
        assert!(s.start <= s.end, "{encoding}: inverted span for {c:?}");
        assert!(
            s.end as usize <= raw.len(),
            "{encoding}: span past the file"
        );
        assert!(
            s.start >= previous_start,
            "{encoding}: span starts decrease"
        );
        assert!(
            boundaries[s.start as usize] && boundaries[s.end as usize],
            "{encoding}: span {s:?} of {c:?} cuts a raw char"
        );
        previous_start = s.start;
    }
    // raw_range of any prefix stays inside the file.
    let r = text.raw_range(0..text.char_len());
    assert!(r.start <= r.end && r.end <= raw.len());
}
