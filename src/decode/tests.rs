use super::*;

fn p() -> &'static Path {
    Path::new("t.txt")
}

#[test]
fn utf8_with_and_without_bom() {
    let d = decode("外防输入".as_bytes(), p(), EncodingChoice::Auto).unwrap();
    assert_eq!(d.encoding, "UTF-8");
    assert_eq!(d.text.raw_range(1..2), 3..6);
    let mut b = vec![0xEF, 0xBB, 0xBF];
    b.extend_from_slice("内防".as_bytes());
    let d = decode(&b, p(), EncodingChoice::Auto).unwrap();
    assert_eq!(d.encoding, "UTF-8 (BOM)");
    assert_eq!(d.text.as_str(), "内防");
    assert_eq!(d.text.raw_range(0..1), 3..6);
}

#[test]
fn utf16_both_orders_with_surrogates() {
    let s = "清零𠀀a";
    for big in [false, true] {
        let mut b: Vec<u8> = if big {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in s.encode_utf16() {
            b.extend(if big {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        let d = decode(&b, p(), EncodingChoice::Auto).unwrap();
        assert_eq!(d.text.as_str(), s);
        assert_eq!(d.text.raw_range(2..3), 6..10);
        assert_eq!(d.text.raw_range(3..4), 10..12);
    }
}

#[test]
fn gbk_is_detected_and_mapped() {
    let s = "常州市委应对新冠肺炎疫情工作领导小组会议，坚持外防输入、内防反弹。";
    let (bytes, _, _) = encoding_rs::GBK.encode(s);
    let d = decode(&bytes, p(), EncodingChoice::Auto).unwrap();
    assert_eq!(d.encoding, "GBK");
    assert_eq!(d.text.as_str(), s);
    assert_eq!(d.text.raw_range(0..3), 0..6);
}

#[test]
fn gb18030_four_byte_sequences() {
    let s = "疫情€𠀀防控";
    let (bytes, _, _) = GB18030.encode(s);
    let d = decode(&bytes, p(), EncodingChoice::Gb18030).unwrap();
    assert_eq!(d.encoding, "GB18030");
    assert_eq!(d.text.as_str(), s);
    let (prefix, _, _) = GB18030.encode("疫情€");
    assert_eq!(d.text.raw_range(3..4), prefix.len()..prefix.len() + 4);
}

#[test]
fn undecodable_bytes_name_the_offset() {
    let mut b = "外防输入".as_bytes().to_vec();
    b.push(0xFF);
    let e = decode(&b, p(), EncodingChoice::Utf8).unwrap_err();
    assert!(e.to_string().contains("byte offset 12"), "{e}");
    let e = decode(&[0xFE, 0xFF, 0xD8, 0x00], p(), EncodingChoice::Auto).unwrap_err();
    assert!(e.to_string().contains("byte offset 2"), "{e}");
}

#[test]
fn lossy_utf8_replaces_each_bad_sequence_and_keeps_offsets() {
    // 外 FF 防 E5 9C (a cut-off 在) 入, then a BOM-prefixed copy.
    let mut b = "外".as_bytes().to_vec();
    b.push(0xFF);
    b.extend_from_slice("防".as_bytes());
    b.extend_from_slice(&[0xE5, 0x9C]);
    b.extend_from_slice("入".as_bytes());
    let d = decode(&b, p(), EncodingChoice::Utf8Lossy).unwrap();
    assert_eq!(d.encoding, "UTF-8 (lossy)");
    assert_eq!(d.text.as_str(), "外\u{FFFD}防\u{FFFD}入");
    assert_eq!(d.lost, vec![ByteSpan::new(3, 4), ByteSpan::new(7, 9)]);
    assert_eq!(d.text.raw_range(3..5), 7..12);
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(&b);
    let d = decode(&bom, p(), EncodingChoice::Utf8Lossy).unwrap();
    assert_eq!(d.encoding, "UTF-8 (BOM, lossy)");
    assert_eq!(d.lost[0], ByteSpan::new(6, 7));
    let clean = decode("外防".as_bytes(), p(), EncodingChoice::Utf8Lossy).unwrap();
    assert_eq!((clean.encoding, clean.lost.len()), ("UTF-8", 0));
    assert_eq!("utf-8-lossy".parse(), Ok(EncodingChoice::Utf8Lossy));
}

fn auto_error(bytes: &[u8]) -> String {
    decode(bytes, p(), EncodingChoice::Auto)
        .unwrap_err()
        .to_string()
}

#[test]
fn what_undecodable_bytes_look_like_is_said() {
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    let e = auto_error(&binary);
    assert!(
        e.contains("byte offset 0: holds 16 NUL bytes: a binary file"),
        "{e}"
    );

    let utf16le: Vec<u8> = "Policy 外防输入\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let e = auto_error(&utf16le);
    assert!(
        e.contains("looks like UTF-16LE without a byte-order mark"),
        "{e}"
    );
    let utf16be: Vec<u8> = "Policy 2022\n"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    assert!(auto_error(&utf16be).contains("UTF-16BE"));

    let mut stray = "外防输入，内防反弹。".repeat(20).into_bytes();
    stray.insert(30, 0xFF);
    stray.insert(61, 0xC3);
    stray.insert(92, 0x80);
    let e = auto_error(&stray);
    assert!(
        e.contains("byte offset 30: UTF-8 except for 3 byte sequence(s) that are not UTF-8, at byte offset(s) 30, 61, 92"),
        "{e}"
    );
    assert!(!e.contains("windows-1252"), "{e}");

    // One stray NUL in text is not binary: the control step removes it.
    let mut text = "外防输入，内防反弹。".repeat(20).into_bytes();
    text.insert(30, 0);
    assert!(decode(&text, p(), EncodingChoice::Auto).is_ok());
}

proptest::proptest! {
    /// The `decode` fuzz target's invariants: every choice either fails or maps each char
    /// to its own non-empty, ordered span, which decodes to that char alone.
    #[test]
    fn decoded_chars_map_to_their_own_bytes(
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            &b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF", "外防".as_bytes(), b"ab\n",
            b"\xCD\xE2", b"\x81\x30\x81\x30", b"\xFF", b"\xC3", b"\x00", b"\xD8\x00",
        ]), 0..16),
    ) {
        let bytes = pieces.concat();
        for choice in EncodingChoice::ALL {
            let Ok(d) = decode(&bytes, p(), choice) else { continue };
            let mut previous_end = 0;
            for (c, span) in d.text.iter() {
                let r = span.range();
                proptest::prop_assert!(previous_end <= r.start && r.start < r.end);
                proptest::prop_assert!(r.end <= bytes.len());
                previous_end = r.end;
                let piece = &bytes[r];
                let alone = if d.lost.contains(&span) {
                    Some(char::REPLACEMENT_CHARACTER.to_string())
                } else if d.encoding.starts_with("UTF-8") {
                    std::str::from_utf8(piece).ok().map(str::to_owned)
                } else if d.encoding.starts_with("UTF-16") {
                    let enc = if d.encoding == "UTF-16LE" {
                        encoding_rs::UTF_16LE
                    } else {
                        encoding_rs::UTF_16BE
                    };
                    enc.decode_without_bom_handling_and_without_replacement(piece)
                        .map(|s| s.into_owned())
                } else {
                    GB18030
                        .decode_without_bom_handling_and_without_replacement(piece)
                        .map(|s| s.into_owned())
                };
                proptest::prop_assert_eq!(alone, Some(c.to_string()), "{} {:?}", d.encoding, choice);
            }
        }
    }
}
