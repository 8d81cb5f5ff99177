//! Record sources: CSV (RFC 4180, header row) and JSONL (one JSON object per line).
//!
//! Both are scanned over the *decoded* text so that every character of a text field keeps its
//! raw byte span, escapes included (`""` in CSV, `\n`, `\uXXXX` in JSON).

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::value::RawValue;

use crate::document::{DocDate, Level};
use crate::error::{Error, Result};
use crate::source::manifest::{FieldNames, ID_RULE, MetaFields, id_problem};
use crate::text::{ByteSpan, MappedBuilder, MappedText};

mod json_lines;

pub use json_lines::jsonl;

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
    let text_col = col(fields.text()).ok_or_else(|| {
        source_err(
            file,
            None,
            format!(
                "no column {:?} for the text; columns are {}; set `fields.text` in the manifest",
                fields.text(),
                header.join(", ")
            ),
        )
    })?;
    if let Some((key, name)) = fields
        .named()
        .into_iter()
        .find(|(_, name)| col(name).is_none())
    {
        return Err(source_err(
            file,
            None,
            format!(
                "no column {name:?} (named by `fields.{key}` in the manifest); columns are {}",
                header.join(", ")
            ),
        ));
    }
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
        let id = checked_id(get(fields.id())).map_err(|m| source_err(file, Some(number), m))?;
        out.push(Record {
            number,
            id,
            text: row[text_col].clone().compact(),
            meta,
        });
    }
    Ok(out)
}

/// A record's id (trimmed; `None` when the cell is empty), unless it breaks the id rule.
fn checked_id(id: Option<String>) -> std::result::Result<Option<String>, String> {
    match id.as_deref().and_then(id_problem) {
        Some(problem) => Err(format!(
            "id {:?} {problem}; {ID_RULE}",
            id.unwrap_or_default()
        )),
        None => Ok(id),
    }
}

fn meta_from(
    get: &dyn Fn(&str) -> Option<String>,
    fields: &FieldNames,
    file: &str,
    number: usize,
) -> Result<MetaFields> {
    let level = get(fields.level())
        .map(|s| s.parse::<Level>())
        .transpose()
        .map_err(|e| source_err(file, Some(number), e))?;
    let date = get(fields.date())
        .map(|s| s.parse::<DocDate>())
        .transpose()
        .map_err(|e| source_err(file, Some(number), e))?;
    Ok(MetaFields {
        level,
        province: get(fields.province()),
        city: get(fields.city()),
        date,
        title: get(fields.title()),
    })
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
        // The records found their bytes by offset: the file's own map was never built.
        assert!(!t.map_is_built());
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
        assert!(e.contains("record 1: line 1: no field \"text\""), "{e}");
    }

    fn fields(toml_text: &str) -> FieldNames {
        toml::from_str(toml_text).unwrap()
    }

    #[test]
    fn a_named_column_that_is_missing_lists_the_columns() {
        let src = "id,text,date\na,x,2022\n";
        let e = csv(
            &MappedText::identity(src, 0),
            &fields("level = \"rank\""),
            "a.csv",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            e,
            "a.csv: no column \"rank\" (named by `fields.level` in the manifest); columns are id, text, date"
        );
        // Unnamed metadata columns may be absent.
        assert!(
            csv(
                &MappedText::identity(src, 0),
                &FieldNames::default(),
                "a.csv"
            )
            .is_ok()
        );
    }

    #[test]
    fn jsonl_errors_name_the_file_line_and_the_wrong_type() {
        let src = "{\"text\":\"a\"}\n\n{\"text\":\"b\",\"id\":17}\n";
        let e = jsonl(
            &MappedText::identity(src, 0),
            &FieldNames::default(),
            "c.jsonl",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            e,
            "c.jsonl: record 2: line 3: field \"id\" is a number, not a string; write it in quotes (or null when unknown)"
        );
        let e = jsonl(
            &MappedText::identity("\n{\"text\": x}\n", 0),
            &FieldNames::default(),
            "c.jsonl",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with(
                "c.jsonl: record 1: line 2: column 10: not a JSON object: expected value ("
            ),
            "{e}"
        );
    }

    #[test]
    fn a_named_jsonl_field_no_record_has_is_an_error() {
        let src = "{\"text\":\"a\",\"pub\":\"2022\"}\n";
        let e = jsonl(
            &MappedText::identity(src, 0),
            &fields("date = \"pubdate\""),
            "c.jsonl",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            e,
            "c.jsonl: no record has a field \"pubdate\" (named by `fields.date` in the manifest); fields are pub, text"
        );
    }

    proptest::proptest! {
        /// The `records` fuzz target's invariants on CSV and JSONL made of troublesome pieces:
        /// no panic, and every field char maps inside the file, in order, to itself or an escape.
        #[test]
        fn record_chars_map_inside_the_file(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "id,text\n", "\"", "\"\"", ",", "\n", "\r\n", "外防", "{\"id\":\"a\",\"text\":\"",
                "\\n", "\\u5185", "\\ud83d\\ude00", "\"}", "{", "}", ":", "\"level\":2",
            ]), 0..24),
            base in 0usize..4,
        ) {
            let raw = pieces.concat();
            let text = MappedText::identity(&raw, base);
            // The same file with its map spelled out takes the other path through `jsonl`
            // (char indices into the map instead of byte offsets) and must read the same.
            let explicit = MappedText::from_parts(raw.clone(), text.spans().to_vec())
                .expect("one span per char");
            let lazy = MappedText::identity(&raw, base);
            proptest::prop_assert_eq!(
                format!("{:?}", jsonl(&lazy, &FieldNames::default(), "p.jsonl")),
                format!("{:?}", jsonl(&explicit, &FieldNames::default(), "p.jsonl"))
            );
            for result in [
                csv(&text, &FieldNames::default(), "p.csv"),
                jsonl(&text, &FieldNames::default(), "p.jsonl"),
            ] {
                let Ok(records) = result else { continue };
                for r in records {
                    let mut previous_start = base;
                    for (c, s) in r.text.iter() {
                        let span = s.range();
                        proptest::prop_assert!(previous_start <= span.start && span.start < span.end);
                        proptest::prop_assert!(span.end <= base + raw.len());
                        let piece = &raw[span.start - base..span.end - base];
                        if piece.chars().count() == 1 {
                            proptest::prop_assert_eq!(piece.chars().next(), Some(c));
                        }
                        previous_start = span.start;
                    }
                }
            }
        }
    }
}
