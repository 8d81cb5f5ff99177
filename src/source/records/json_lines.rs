//! JSONL records: one object per line, parsed in parallel, with the text field's characters
//! (JSON escapes included) mapped back to their raw bytes.

use super::*;

/// Parse a JSONL source: one object per non-empty line.
///
/// One pass finds the lines and where each starts (so locating a record's text costs the
/// length of its line, not of the file before it); the records are then parsed in parallel,
/// in order, and the first bad record in file order is the error.
pub fn jsonl(text: &MappedText, fields: &FieldNames, file: &str) -> Result<Vec<Record>> {
    let map = FileMap::of(text);
    let mut lines = Vec::new();
    let mut line_first_char = 0usize;
    for (line_index, line) in text.as_str().split_inclusive('\n').enumerate() {
        let first_char = line_first_char;
        if let FileMap::Spans(_) = map {
            line_first_char += line.chars().count();
        }
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() {
            lines.push(JsonLine {
                number: lines.len() + 1,
                line_no: line_index + 1,
                body,
                first_char,
            });
        }
    }
    let parsed: Vec<(Record, Vec<String>)> = lines
        .into_par_iter()
        .map(|line| json_record(&map, line, fields, file))
        .collect::<Vec<Result<(Record, Vec<String>)>>>()
        .into_iter()
        .collect::<Result<_>>()?;
    let named = fields.named();
    let missing = named.iter().find(|(_, name)| {
        !parsed
            .iter()
            .any(|(_, keys)| keys.iter().any(|k| k == name))
    });
    if let (Some((key, name)), Some((_, keys))) = (missing, parsed.first()) {
        return Err(source_err(
            file,
            None,
            format!(
                "no record has a field {name:?} (named by `fields.{key}` in the manifest); \
                 fields are {}",
                keys.join(", ")
            ),
        ));
    }
    Ok(parsed.into_iter().map(|(record, _)| record).collect())
}

/// Where a JSONL file's chars came from.
enum FileMap<'a> {
    /// The file was UTF-8: each char's span is its own bytes, from `base` on (`text` is the
    /// decoded file, so that a line's byte offset is where its body starts in it).
    Identity { text: &'a str, base: usize },
    /// Any other encoding: the file's offset map, indexed by char.
    Spans(&'a [ByteSpan]),
}

impl<'a> FileMap<'a> {
    fn of(text: &'a MappedText) -> Self {
        match text.identity_base() {
            Some(base) => FileMap::Identity {
                text: text.as_str(),
                base,
            },
            None => FileMap::Spans(text.spans()),
        }
    }

    /// The chars of `token` (a slice of `line`'s body) with their raw spans.
    fn chars_of(&self, line: &JsonLine<'_>, token: &str) -> Vec<(char, ByteSpan)> {
        match self {
            FileMap::Identity { text, base } => {
                let start = base + (token.as_ptr() as usize - text.as_ptr() as usize);
                token
                    .char_indices()
                    .map(|(i, c)| (c, ByteSpan::new(start + i, start + i + c.len_utf8())))
                    .collect()
            }
            FileMap::Spans(spans) => {
                let token_offset = token.as_ptr() as usize - line.body.as_ptr() as usize;
                let token_first = line.first_char + line.body[..token_offset].chars().count();
                let token_spans = spans.get(token_first..).unwrap_or_default();
                token.chars().zip(token_spans.iter().copied()).collect()
            }
        }
    }
}

/// A non-empty line of a JSONL file.
struct JsonLine<'a> {
    /// 1-based record number.
    number: usize,
    /// 1-based line number in the file.
    line_no: usize,
    /// The line without its line break.
    body: &'a str,
    /// Char index in the file of the line's first char (counted only when the file has an
    /// explicit offset map).
    first_char: usize,
}

/// One JSONL record and the keys its object has.
fn json_record(
    map: &FileMap<'_>,
    line: JsonLine<'_>,
    fields: &FieldNames,
    file: &str,
) -> Result<(Record, Vec<String>)> {
    let JsonLine {
        number,
        line_no,
        body,
        ..
    } = line;
    let err =
        |message: String| source_err(file, Some(number), format!("line {line_no}: {message}"));
    let obj: BTreeMap<String, &RawValue> = serde_json::from_str(body).map_err(|e| {
        err(format!(
            "column {}: not a JSON object: {} (JSONL needs one object per line)",
            e.column(),
            without_position(&e)
        ))
    })?;
    let raw_text = obj.get(fields.text()).ok_or_else(|| {
        let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        err(format!(
            "no field {:?} for the text; fields are {}; set `fields.text` in the manifest",
            fields.text(),
            keys.join(", ")
        ))
    })?;
    // The raw JSON string token lies inside `body`; its chars keep their spans.
    let token_chars = map.chars_of(&line, raw_text.get());
    let value = unescape_json_string(&token_chars)
        .ok_or_else(|| err(format!("field {:?} is not a JSON string", fields.text())))?;
    let mut strings = BTreeMap::new();
    for name in [
        fields.id(),
        fields.title(),
        fields.date(),
        fields.level(),
        fields.province(),
        fields.city(),
    ] {
        if let Some(raw) = obj.get(name) {
            strings.insert(name, string_value(raw).map_err(|kind| {
                err(format!(
                    "field {name:?} is {kind}, not a string; write it in quotes (or null when unknown)"
                ))
            })?);
        }
    }
    let get = |name: &str| strings.get(name).cloned().flatten();
    let meta = meta_from(&get, fields, file, number).map_err(|e| match e {
        Error::Source { message, .. } => err(message),
        other => other,
    })?;
    let id = checked_id(get(fields.id())).map_err(err)?;
    let record = Record {
        number,
        id,
        text: value.compact(),
        meta,
    };
    Ok((record, obj.into_keys().collect()))
}

/// A metadata value: a trimmed string (`None` when empty or null), or the JSON type it has
/// instead.
fn string_value(raw: &RawValue) -> std::result::Result<Option<String>, &'static str> {
    match serde_json::from_str::<serde_json::Value>(raw.get()) {
        Ok(serde_json::Value::String(s)) => {
            Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty()))
        }
        Ok(serde_json::Value::Null) => Ok(None),
        Ok(serde_json::Value::Number(_)) => Err("a number"),
        Ok(serde_json::Value::Bool(_)) => Err("true or false"),
        Ok(serde_json::Value::Array(_)) => Err("an array"),
        Ok(serde_json::Value::Object(_)) => Err("an object"),
        Err(_) => Err("not valid JSON"),
    }
}

/// A serde_json message without its " at line L column C" (JSONL errors name the file line).
fn without_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
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
