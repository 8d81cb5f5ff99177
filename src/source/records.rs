//! Record sources: CSV (RFC 4180, header row) and JSONL (one JSON object per line).
//!
//! Both are scanned over the *decoded* text so that every character of a text field keeps its
//! raw byte span, escapes included (`""` in CSV, `\n`, `\uXXXX` in JSON).

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::value::RawValue;

use crate::document::{DocDate, Level};
use crate::error::{Error, Result};
use crate::source::manifest::{FieldNames, MetaFields};
use crate::text::{ByteSpan, MappedBuilder, MappedText};

/// One record of a CSV or JSONL source.
#[derive(Debug, Clone)]
pub struct Record {
    /// 1-based record number (data rows for CSV, non-empty lines for JSONL).
    pub number: usize,
    pub id: Option<String>,
    pub text: MappedText,
    pub meta: MetaFields,
}

fn source_err(file: &str, record: Option<usize>, message: String) -> Error {
    Error::Source {
        path: file.into(),
        record,
        message,
    }
}

/// Split decoded CSV into rows of fields, each field a `MappedText` (quotes removed, `""` → `"`).
fn csv_rows(text: &MappedText, file: &str) -> Result<Vec<Vec<MappedText>>> {
    let mut rows = Vec::new();
    let mut row: Vec<MappedText> = Vec::new();
    let mut field = MappedBuilder::default();
    let mut chars = text.iter().peekable();
    let mut in_quotes = false;
    let mut field_started = false;
    while let Some((c, span)) = chars.next() {
        if in_quotes {
            if c == '"' {
                if matches!(chars.peek(), Some(('"', _))) {
                    let (_, s2) = chars.next().unwrap_or((c, span));
                    field.push('"', span.cover(s2));
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(c, span);
            }
            continue;
        }
        match c {
            '"' if !field_started => {
                in_quotes = true;
                field_started = true;
            }
            ',' => {
                row.push(std::mem::take(&mut field).finish());
                field_started = false;
            }
            '\r' if matches!(chars.peek(), Some(('\n', _))) => {}
            '\n' => {
                row.push(std::mem::take(&mut field).finish());
                field_started = false;
                if !(row.len() == 1 && row[0].is_empty()) {
                    rows.push(std::mem::take(&mut row));
                } else {
                    row.clear();
                }
            }
            _ => {
                field.push(c, span);
                field_started = true;
            }
        }
    }
    if in_quotes {
        return Err(source_err(
            file,
            Some(rows.len()),
            "unterminated quoted field at end of file".into(),
        ));
    }
    row.push(field.finish());
    if !(row.len() == 1 && row[0].is_empty()) {
        rows.push(row);
    }
    Ok(rows)
}

/// Parse a CSV source. The header row names the columns; `fields` says which is which.
pub fn csv(text: &MappedText, fields: &FieldNames, file: &str) -> Result<Vec<Record>> {
    let mut rows = csv_rows(text, file)?.into_iter();
    let header: Vec<String> = rows
        .next()
        .ok_or_else(|| source_err(file, None, "empty CSV file (no header row)".into()))?
        .iter()
        .map(|f| f.as_str().trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name);
    let text_col = col(&fields.text).ok_or_else(|| {
        source_err(
            file,
            None,
            format!(
                "no column {:?} for the text; columns are {}; set `fields.text` in the manifest",
                fields.text,
                header.join(", ")
            ),
        )
    })?;
    let mut out = Vec::new();
    for (i, row) in rows.enumerate() {
        let number = i + 1;
        if row.len() != header.len() {
            return Err(source_err(
                file,
                Some(number),
                format!(
                    "has {} fields but the header has {}",
                    row.len(),
                    header.len()
                ),
            ));
        }
        let get = |name: &str| {
            col(name)
                .map(|c| row[c].as_str().trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let meta = meta_from(&get, fields, file, number)?;
        out.push(Record {
            number,
            id: get(&fields.id),
            text: row[text_col].clone(),
            meta,
        });
    }
    Ok(out)
}

fn meta_from(
    get: &dyn Fn(&str) -> Option<String>,
    fields: &FieldNames,
    file: &str,
    number: usize,
) -> Result<MetaFields> {
    let level = get(&fields.level)
        .map(|s| s.parse::<Level>())
        .transpose()
        .map_err(|e| source_err(file, Some(number), e))?;
    let date = get(&fields.date)
        .map(|s| s.parse::<DocDate>())
        .transpose()
        .map_err(|e| source_err(file, Some(number), e))?;
    Ok(MetaFields {
        level,
        province: get(&fields.province),
        city: get(&fields.city),
        date,
        title: get(&fields.title),
    })
}

/// Parse a JSONL source: one object per non-empty line.
///
/// One pass finds the lines and the char index each starts at (so locating a record's text
/// costs the length of its line, not of the file before it); the records are then parsed in
/// parallel, in order, and the first bad record in file order is the error.
pub fn jsonl(text: &MappedText, fields: &FieldNames, file: &str) -> Result<Vec<Record>> {
    let mut lines = Vec::new();
    let mut line_first_char = 0usize;
    for line in text.as_str().split_inclusive('\n') {
        let first_char = line_first_char;
        line_first_char += line.chars().count();
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() {
            lines.push(JsonLine {
                number: lines.len() + 1,
                body,
                first_char,
            });
        }
    }
    lines
        .into_par_iter()
        .map(|line| json_record(text.spans(), line, fields, file))
        .collect::<Vec<Result<Record>>>()
        .into_iter()
        .collect()
}

/// A non-empty line of a JSONL file.
struct JsonLine<'a> {
    /// 1-based record number.
    number: usize,
    /// The line without its line break.
    body: &'a str,
    /// Char index in the file of the line's first char.
    first_char: usize,
}

/// One JSONL record; `spans` is the file's offset map.
fn json_record(
    spans: &[ByteSpan],
    line: JsonLine<'_>,
    fields: &FieldNames,
    file: &str,
) -> Result<Record> {
    let JsonLine {
        number,
        body,
        first_char,
    } = line;
    let obj: BTreeMap<String, &RawValue> = serde_json::from_str(body).map_err(|e| {
        source_err(
            file,
            Some(number),
            format!("not a JSON object: {e} (JSONL needs one object per line)"),
        )
    })?;
    let raw_text = obj.get(&fields.text).ok_or_else(|| {
        let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        source_err(
            file,
            Some(number),
            format!(
                "no field {:?} for the text; fields are {}; set `fields.text` in the manifest",
                fields.text,
                keys.join(", ")
            ),
        )
    })?;
    // The raw JSON string token lies inside `body`; its chars keep their spans.
    let token = raw_text.get();
    let token_offset = token.as_ptr() as usize - body.as_ptr() as usize;
    let token_first = first_char + body[..token_offset].chars().count();
    let token_spans = spans.get(token_first..).unwrap_or_default();
    let token_chars: Vec<(char, ByteSpan)> =
        token.chars().zip(token_spans.iter().copied()).collect();
    let value = unescape_json_string(&token_chars).ok_or_else(|| {
        source_err(
            file,
            Some(number),
            format!("field {:?} is not a JSON string", fields.text),
        )
    })?;
    let get = |name: &str| -> Option<String> {
        let v: serde_json::Value = serde_json::from_str(obj.get(name)?.get()).ok()?;
        match v {
            serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let meta = meta_from(&get, fields, file, number)?;
    Ok(Record {
        number,
        id: get(&fields.id),
        text: value,
        meta,
    })
}

/// Decode a JSON string literal given as mapped chars (including its quotes).
fn unescape_json_string(items: &[(char, ByteSpan)]) -> Option<MappedText> {
    if items.len() < 2 || items[0].0 != '"' || items[items.len() - 1].0 != '"' {
        return None;
    }
    let inner = &items[1..items.len() - 1];
    let mut b = MappedBuilder::with_capacity(inner.len() * 3);
    let mut i = 0;
    while i < inner.len() {
        let (c, span) = inner[i];
        if c != '\\' {
            b.push(c, span);
            i += 1;
            continue;
        }
        let (e, espan) = *inner.get(i + 1)?;
        let simple = match e {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            '"' | '\\' | '/' => Some(e),
            'u' => None,
            _ => return None,
        };
        if let Some(out) = simple {
            b.push(out, span.cover(espan));
            i += 2;
            continue;
        }
        let hex = |at: usize| -> Option<u32> {
            let s: String = inner.get(at..at + 4)?.iter().map(|x| x.0).collect();
            u32::from_str_radix(&s, 16).ok()
        };
        let hi = hex(i + 2)?;
        let (cp, len) = if (0xD800..0xDC00).contains(&hi)
            && inner.get(i + 6).map(|x| x.0) == Some('\\')
            && inner.get(i + 7).map(|x| x.0) == Some('u')
        {
            let lo = hex(i + 8)?;
            (
                0x10000 + ((hi - 0xD800) << 10) + (lo.checked_sub(0xDC00)?),
                12,
            )
        } else {
            (hi, 6)
        };
        let end_span = inner.get(i + len - 1)?.1;
        b.push(char::from_u32(cp)?, span.cover(end_span));
        i += len;
    }
    Some(b.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_keep_raw_spans() {
        let src = "id,level,text\nwx1,municipal,\"坚持\"\"动态清零\"\",不动摇\"\nwx2,,内防反弹\n";
        let t = MappedText::identity(src, 0);
        let recs = csv(&t, &FieldNames::default(), "a.csv").unwrap();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].text.as_str(), "坚持\"动态清零\",不动摇");
        assert_eq!(recs[0].meta.level, Some(Level::Municipal));
        assert_eq!(recs[1].meta.level, None);
        let r = recs[0].text.raw_range(2..4);
        assert_eq!(&src[r], "\"\"动");
    }

    #[test]
    fn csv_bad_level_names_the_record() {
        let src = "id,level,text\na,city,x\n";
        let e = csv(
            &MappedText::identity(src, 0),
            &FieldNames::default(),
            "a.csv",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("a.csv: record 1: unknown level"), "{e}");
    }

    #[test]
    fn jsonl_text_field_maps_escapes() {
        let src = "{\"id\":\"x1\",\"date\":\"2022-03-18\",\"text\":\"外防\\n输入\\u5185\"}\n\n{\"id\":\"x2\",\"text\":\"b\"}\n";
        let t = MappedText::identity(src, 0);
        let recs = jsonl(&t, &FieldNames::default(), "c.jsonl").unwrap();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].text.as_str(), "外防\n输入内");
        assert_eq!(recs[0].id.as_deref(), Some("x1"));
        assert_eq!(recs[0].meta.date.unwrap().to_string(), "2022-03-18");
        assert_eq!(&src[recs[0].text.raw_range(5..6)], "\\u5185");
        assert_eq!(&src[recs[0].text.raw_range(2..3)], "\\n");
        assert_eq!(recs[1].number, 2);
    }

    #[test]
    fn jsonl_reports_the_first_bad_record_in_file_order() {
        let mut src = String::new();
        for i in 0..200 {
            src.push_str(&format!("{{\"id\":\"r{i}\",\"text\":\"内防反弹\"}}\n"));
        }
        src.push_str("{\"id\":\"bad1\"}\n");
        src.push_str("not json\n");
        let e = jsonl(
            &MappedText::identity(&src, 0),
            &FieldNames::default(),
            "c.jsonl",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("record 201: no field \"text\""), "{e}");
    }

    #[test]
    fn jsonl_missing_text_field_is_explained() {
        let e = jsonl(
            &MappedText::identity("{\"body\":\"x\"}\n", 0),
            &FieldNames::default(),
            "c.jsonl",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("record 1: no field \"text\""), "{e}");
    }
}
