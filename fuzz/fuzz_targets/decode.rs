//! Fuzz target: raw bytes → `decode` under every encoding choice (auto detection, UTF-8 ± BOM,
//! UTF-16 with BOM, GB18030/GBK, lossy UTF-8). Decoding may fail with a typed error, never panic; a decoded
//! text's spans must tile raw bytes in order, inside the input, one non-empty span per char.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use tifa::decode::{EncodingChoice, decode};
use tifa::text::ByteSpan;

fuzz_target!(|bytes: &[u8]| {
    for choice in EncodingChoice::ALL {
        match decode(bytes, Path::new("fuzz.txt"), choice) {
            Ok(decoded) => {
                check(bytes, &decoded.text, &decoded.lost, decoded.encoding);
                if choice != EncodingChoice::Utf8Lossy {
                    assert!(decoded.lost.is_empty(), "only utf-8-lossy replaces bytes");
                }
            }
            // The error must render (it is what the user sees) and name a place.
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
});

fn check(bytes: &[u8], text: &tifa::text::MappedText, lost: &[ByteSpan], encoding: &str) {
    let mut replaced = lost.iter().peekable();
    let mut previous_end = 0usize;
    for (c, span) in text.iter() {
        let r = span.range();
        assert!(r.start < r.end, "{encoding}: empty span for {c:?}");
        assert!(
            r.end <= bytes.len(),
            "{encoding}: span {r:?} past the input"
        );
        assert!(
            r.start >= previous_end,
            "{encoding}: spans overlap or go back"
        );
        previous_end = r.end;
        // Each char decodes from its own span alone, in the encoding found.
        let piece = &bytes[r.clone()];
        if replaced.next_if(|l| **l == span).is_some() {
            assert_eq!(
                c,
                char::REPLACEMENT_CHARACTER,
                "{encoding}: lost bytes at {r:?}"
            );
            assert!(
                std::str::from_utf8(piece).is_err(),
                "{encoding}: valid bytes replaced"
            );
            continue;
        }
        let alone: Option<String> = match encoding {
            "UTF-8" | "UTF-8 (BOM)" | "UTF-8 (lossy)" | "UTF-8 (BOM, lossy)" => {
                std::str::from_utf8(piece).ok().map(str::to_owned)
            }
            "UTF-16LE" => encoding_rs::UTF_16LE
                .decode_without_bom_handling_and_without_replacement(piece)
                .map(|s| s.into_owned()),
            "UTF-16BE" => encoding_rs::UTF_16BE
                .decode_without_bom_handling_and_without_replacement(piece)
                .map(|s| s.into_owned()),
            "GBK" | "GB18030" => encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(piece)
                .map(|s| s.into_owned()),
            other => panic!("unknown encoding name {other:?}"),
        };
        assert_eq!(
            alone,
            Some(c.to_string()),
            "{encoding}: {c:?} from bytes {piece:02x?} at {r:?}"
        );
    }
    assert!(
        replaced.next().is_none(),
        "{encoding}: a lost span without its U+FFFD"
    );
}
