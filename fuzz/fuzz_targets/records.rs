//! Fuzz target: CSV and JSONL record scanning over arbitrary decoded text. The first byte picks
//! the format and the `fields` mapping. Records may be refused with a typed error, never a
//! panic; a record's text must map inside the file, in order, on the file's char boundaries, and
//! a character copied unescaped must be the raw character it maps to.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tifa::source::manifest::FieldNames;
use tifa::source::records::{csv, jsonl};
use tifa::text::MappedText;

fn mappings() -> &'static [FieldNames; 4] {
    static F: OnceLock<[FieldNames; 4]> = OnceLock::new();
    F.get_or_init(|| {
        let parse = |json: &str| serde_json::from_str::<FieldNames>(json).expect("fields");
        [
            FieldNames::default(),
            parse(r#"{"text":"body"}"#),
            parse(r#"{"text":"t","id":"i","date":"d","level":"l","title":"h"}"#),
            parse(r#"{"province":"p","city":"c"}"#),
        ]
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(raw) = std::str::from_utf8(rest) else {
        return;
    };
    // Start past 0 as a BOM would, so spans are checked against an offset base too.
    let base = usize::from(which >> 7) * 3;
    let text = MappedText::identity(raw, base);
    let fields = &mappings()[usize::from(which >> 1) % 4];
    let result = if which & 1 == 0 {
        csv(&text, fields, "fuzz.csv")
    } else {
        jsonl(&text, fields, "fuzz.jsonl")
    };
    let records = match result {
        Ok(records) => records,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let mut previous_number = 0;
    for r in &records {
        assert!(r.number > previous_number, "record numbers must increase");
        previous_number = r.number;
        let mut previous_start = base;
        for (c, s) in r.text.iter() {
            let span = s.range();
            assert!(
                span.start >= previous_start,
                "spans go back in record {}",
                r.number
            );
            assert!(
                span.start < span.end && span.end <= base + raw.len(),
                "span {span:?}"
            );
            let piece = &raw[span.start - base..span.end - base]; // panics off a char boundary
            if piece.chars().count() == 1 {
                assert_eq!(
                    piece.chars().next(),
                    Some(c),
                    "record {} maps {c:?} to {piece:?}",
                    r.number
                );
            }
            previous_start = span.start;
        }
        if let Some(id) = &r.id {
            assert!(
                tifa::source::manifest::id_problem(id).is_none(),
                "bad id {id:?} accepted"
            );
        }
    }
});
