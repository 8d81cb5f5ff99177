//! Decoding: raw bytes → text whose every char maps to the raw bytes it was decoded from.
//!
//! Supported: UTF-8 with or without BOM, UTF-16LE/BE with BOM, GB18030 (a superset of GBK and
//! GB2312; reported as `GBK` when no four-byte sequence occurs). Nothing is decoded lossily
//! unless the manifest asks for `utf-8-lossy`: bytes that the chosen encoding cannot explain are
//! an error naming the byte offset.

use std::path::Path;
use std::str::FromStr;

use encoding_rs::{DecoderResult, GB18030};

use crate::error::{Error, Result};
use crate::text::{ByteSpan, MappedBuilder, MappedText};

/// Which encoding to use for a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EncodingChoice {
    /// BOM, else strict UTF-8, else GB18030 when the detector agrees.
    #[default]
    Auto,
    Utf8,
    Utf16,
    Gb18030,
    /// UTF-8 (± BOM) in which each invalid byte sequence becomes U+FFFD, mapped to those bytes
    /// and listed in [`Decoded::lost`] (counted as `lost_char` fixes).
    Utf8Lossy,
}

impl EncodingChoice {
    /// Every choice, in declaration order (for tests and fuzzing that try them all).
    pub const ALL: [EncodingChoice; 5] = [
        EncodingChoice::Auto,
        EncodingChoice::Utf8,
        EncodingChoice::Utf16,
        EncodingChoice::Gb18030,
        EncodingChoice::Utf8Lossy,
    ];
}

impl FromStr for EncodingChoice {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Ok(Self::Auto),
            "utf-8" | "utf8" => Ok(Self::Utf8),
            "utf-16" | "utf16" => Ok(Self::Utf16),
            "gb18030" | "gbk" | "gb2312" => Ok(Self::Gb18030),
            "utf-8-lossy" | "utf8-lossy" => Ok(Self::Utf8Lossy),
            _ => Err(format!(
                "unknown encoding {s:?}; expected auto, utf-8, utf-16, gb18030 (also for GBK) \
                 or utf-8-lossy"
            )),
        }
    }
}

/// A decoded file.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// Name of the encoding found: `UTF-8`, `UTF-8 (BOM)`, `UTF-16LE`, `UTF-16BE`, `GBK`,
    /// `GB18030`; `UTF-8 (lossy)` or `UTF-8 (BOM, lossy)` when `utf-8-lossy` replaced bytes.
    pub encoding: &'static str,
    /// Text with each char mapped to its raw byte range in the file.
    pub text: MappedText,
    /// Raw spans of the byte sequences replaced by U+FFFD (`utf-8-lossy` only), in file order.
    pub lost: Vec<ByteSpan>,
}

/// Decode `bytes` (the content of `path`, used in errors) according to `choice`.
pub fn decode(bytes: &[u8], path: &Path, choice: EncodingChoice) -> Result<Decoded> {
    let bom = sniff_bom(bytes);
    match (choice, bom) {
        (EncodingChoice::Auto | EncodingChoice::Utf8, Some(Bom::Utf8)) => {
            utf8(&bytes[3..], 3, path).map(|text| Decoded {
                encoding: "UTF-8 (BOM)",
                text,
                lost: Vec::new(),
            })
        }
        (EncodingChoice::Auto | EncodingChoice::Utf16, Some(Bom::Utf16(big))) => {
            utf16(&bytes[2..], 2, big, path).map(|text| Decoded {
                encoding: if big { "UTF-16BE" } else { "UTF-16LE" },
                text,
                lost: Vec::new(),
            })
        }
        (EncodingChoice::Utf16, _) => Err(Error::Decode {
            path: path.into(),
            offset: 0,
            message: "UTF-16 needs a byte-order mark (FF FE or FE FF) at the start; convert the file to UTF-8".into(),
        }),
        (EncodingChoice::Utf8, _) => utf8(bytes, 0, path).map(|text| Decoded {
            encoding: "UTF-8",
            text,
            lost: Vec::new(),
        }),
        (EncodingChoice::Gb18030, _) => gb18030(bytes, path).map(|(text, name)| Decoded {
            encoding: name,
            text,
            lost: Vec::new(),
        }),
        (EncodingChoice::Utf8Lossy, Some(Bom::Utf8)) => Ok(utf8_lossy(&bytes[3..], 3, true)),
        (EncodingChoice::Utf8Lossy, _) => Ok(utf8_lossy(bytes, 0, false)),
        (EncodingChoice::Auto, _) => auto(bytes, path),
    }
}

enum Bom {
    Utf8,
    Utf16(bool),
}

fn sniff_bom(bytes: &[u8]) -> Option<Bom> {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => Some(Bom::Utf8),
        [0xFF, 0xFE, ..] => Some(Bom::Utf16(false)),
        [0xFE, 0xFF, ..] => Some(Bom::Utf16(true)),
        _ => None,
    }
}

fn auto(bytes: &[u8], path: &Path) -> Result<Decoded> {
    if let Some((offset, message)) = not_text(bytes) {
        return Err(Error::Decode {
            path: path.into(),
            offset,
            message,
        });
    }
    let utf8_err = match std::str::from_utf8(bytes) {
        Ok(s) => {
            return Ok(Decoded {
                encoding: "UTF-8",
                text: MappedText::identity(s, 0),
                lost: Vec::new(),
            });
        }
        Err(e) => e,
    };
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if guess == encoding_rs::GBK || guess == GB18030 {
        return gb18030(bytes, path).map(|(text, name)| Decoded {
            encoding: name,
            text,
            lost: Vec::new(),
        });
    }
    let bad = bad_utf8_offsets(bytes);
    let message = if bad.len() <= STRAY_BYTES_SHOWN {
        let offsets: Vec<String> = bad.iter().map(usize::to_string).collect();
        format!(
            "UTF-8 except for {} byte sequence(s) that are not UTF-8, at byte offset(s) {} \
             (damaged bytes, or a piece in another encoding pasted in); fix or delete those bytes, \
             or set `encoding = \"utf-8-lossy\"` to read each as U+FFFD (counted as a lost character)",
            bad.len(),
            offsets.join(", ")
        )
    } else {
        format!(
            "neither UTF-8 nor GB18030/GBK (the bytes look most like {}); tifa reads UTF-8, \
             UTF-16 with a byte-order mark and GB18030/GBK: convert the file to UTF-8 \
             (iconv -f <its encoding> -t UTF-8)",
            guess.name()
        )
    };
    Err(Error::Decode {
        path: path.into(),
        offset: utf8_err.valid_up_to(),
        message,
    })
}

/// Up to this many invalid sequences, a file is "UTF-8 with stray bytes" and each is named.
const STRAY_BYTES_SHOWN: usize = 8;

/// Byte offsets of the invalid sequences in otherwise UTF-8 `bytes`.
fn bad_utf8_offsets(bytes: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            out.push(at);
            at += chunk.invalid().len();
        }
    }
    out
}

/// Bytes that are not text in any encoding `auto` tries: UTF-16 without its byte-order mark
/// (zero bytes at every other position) or binary data (NUL bytes in more than 10% of the file, or
/// in a file that is not UTF-8). A stray NUL in UTF-8 text is left to the `control` step. Returns the offset to report and the message.
fn not_text(bytes: &[u8]) -> Option<(usize, String)> {
    let zeros: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == 0)
        .map(|(i, _)| i)
        .collect();
    let first = *zeros.first()?;
    let odd = zeros.iter().filter(|&&i| i % 2 == 1).count();
    let even = zeros.len() - odd;
    let one_parity = odd.max(even) * 10 >= zeros.len() * 9;
    if bytes.len().is_multiple_of(2) && zeros.len() * 10 >= bytes.len() && one_parity {
        let (name, big) = if odd > even {
            ("UTF-16LE", false)
        } else {
            ("UTF-16BE", true)
        };
        if utf16(bytes, 0, big, Path::new("")).is_ok() {
            return Some((
                0,
                format!(
                    "looks like {name} without a byte-order mark (a zero byte at every other \
                     position); convert it to UTF-8 (iconv -f {name} -t UTF-8) or add the mark"
                ),
            ));
        }
    }
    if zeros.len() * 10 > bytes.len() || std::str::from_utf8(bytes).is_err() {
        return Some((
            first,
            format!(
                "holds {} NUL bytes: a binary file, not text (tifa reads plain-text, CSV and JSONL files)",
                zeros.len()
            ),
        ));
    }
    None
}

/// UTF-8 with each maximal invalid byte sequence (as `str::from_utf8` delimits them) replaced by
/// one U+FFFD that maps to those bytes.
fn utf8_lossy(bytes: &[u8], base: usize, bom: bool) -> Decoded {
    let mut b = MappedBuilder::with_capacity(bytes.len());
    let mut lost = Vec::new();
    let mut at = base;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        for (i, c) in valid.char_indices() {
            b.push(c, ByteSpan::new(at + i, at + i + c.len_utf8()));
        }
        at += valid.len();
        let invalid = chunk.invalid().len();
        if invalid > 0 {
            let span = ByteSpan::new(at, at + invalid);
            b.push(char::REPLACEMENT_CHARACTER, span);
            lost.push(span);
            at += invalid;
        }
    }
    let encoding = match (bom, lost.is_empty()) {
        (false, true) => "UTF-8",
        (true, true) => "UTF-8 (BOM)",
        (false, false) => "UTF-8 (lossy)",
        (true, false) => "UTF-8 (BOM, lossy)",
    };
    Decoded {
        encoding,
        text: b.finish(),
        lost,
    }
}

fn utf8(bytes: &[u8], base: usize, path: &Path) -> Result<MappedText> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(MappedText::identity(s, base)),
        Err(e) => Err(Error::Decode {
            path: path.into(),
            offset: base + e.valid_up_to(),
            message:
                "invalid UTF-8 sequence; if the file is GBK/GB18030 set `encoding = \"gb18030\"` \
                      in the manifest, otherwise convert it to UTF-8"
                    .into(),
        }),
    }
}

fn utf16(bytes: &[u8], base: usize, big_endian: bool, path: &Path) -> Result<MappedText> {
    let bad = |offset: usize, what: &str| Error::Decode {
        path: path.into(),
        offset,
        message: format!("invalid UTF-16: {what}"),
    };
    if !bytes.len().is_multiple_of(2) {
        return Err(bad(base + bytes.len() - 1, "odd number of bytes"));
    }
    let unit = |i: usize| -> u16 {
        let pair = [bytes[i], bytes[i + 1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    };
    let mut b = MappedBuilder::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let u = unit(i);
        let (c, len) = if (0xD800..0xDC00).contains(&u) {
            if i + 4 > bytes.len() {
                return Err(bad(base + i, "high surrogate at end of file"));
            }
            let lo = unit(i + 2);
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(bad(base + i, "high surrogate without low surrogate"));
            }
            let cp = 0x10000 + (((u as u32) - 0xD800) << 10) + ((lo as u32) - 0xDC00);
            (char::from_u32(cp), 4)
        } else if (0xDC00..0xE000).contains(&u) {
            return Err(bad(base + i, "unpaired low surrogate"));
        } else {
            (char::from_u32(u as u32), 2)
        };
        let c = c.ok_or_else(|| bad(base + i, "not a Unicode scalar value"))?;
        b.push(c, ByteSpan::new(base + i, base + i + len));
        i += len;
    }
    Ok(b.finish())
}

/// Strict GB18030 decoding with per-char spans. Returns the text and `GBK` or `GB18030`.
fn gb18030(bytes: &[u8], path: &Path) -> Result<(MappedText, &'static str)> {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 / 2 + 16);
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 4 + 16);
    out.reserve(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    if let DecoderResult::Malformed(bad_len, extra) = result {
        let offset = read - extra as usize - bad_len as usize;
        return Err(Error::Decode {
            path: path.into(),
            offset,
            message: "byte sequence that is neither UTF-8 nor GB18030/GBK".into(),
        });
    }
    // Walk the byte structure to recover each char's span: ASCII is one byte, a lead byte
    // followed by 0x30..=0x39 starts a four-byte sequence, otherwise two bytes.
    let mut spans = Vec::with_capacity(out.len() / 2);
    let mut four_byte = false;
    let mut i = 0;
    while i < bytes.len() {
        let len = match bytes[i] {
            0x00..=0x80 => 1,
            _ if matches!(bytes.get(i + 1), Some(0x30..=0x39)) => {
                four_byte = true;
                4
            }
            _ => 2,
        };
        let end = (i + len).min(bytes.len());
        spans.push(ByteSpan::new(i, end));
        i = end;
    }
    let text = MappedText::from_parts(out, spans).ok_or_else(|| Error::Decode {
        path: path.into(),
        offset: 0,
        message: "GB18030 decoding produced a different number of characters than byte sequences"
            .into(),
    })?;
    Ok((text, if four_byte { "GB18030" } else { "GBK" }))
}

#[cfg(test)]
mod tests;
