//! Reading passage detections for scoring: `tifa reuse --format json` output (documents with
//! nested `passages`), a flat JSON array of passages with `target_id`, or a passages CSV.
//! Formulation passages (`"kind": "formulation"`: lexicon hits, not alignments) are skipped:
//! PAN scores measure text alignment.

use std::path::Path;

use serde_json::Value;

use crate::analyses::pan::Alignment;
use crate::error::{Error, Result};

fn bad(path: &Path, message: String) -> Error {
    Error::Source {
        path: path.into(),
        record: None,
        message,
    }
}

fn field_usize(v: &Value, key: &str) -> Option<usize> {
    v.get(key).and_then(Value::as_u64).map(|x| x as usize)
}

fn alignment(v: &Value, target: Option<&str>) -> Option<Alignment> {
    Some(Alignment {
        target_id: target
            .map(str::to_string)
            .or_else(|| v.get("target_id")?.as_str().map(str::to_string))?,
        target_start: field_usize(v, "target_start")?,
        target_end: field_usize(v, "target_end")?,
        source_id: v.get("source_id")?.as_str()?.to_string(),
        source_start: field_usize(v, "source_start")?,
        source_end: field_usize(v, "source_end")?,
    })
}

fn is_formulation(v: &Value) -> bool {
    v.get("kind").and_then(Value::as_str) == Some("formulation")
}

/// Parse detections from JSON text (either shape).
pub fn from_json(text: &str, path: &Path) -> Result<Vec<Alignment>> {
    let v: Value = serde_json::from_str(text).map_err(|e| bad(path, format!("not JSON: {e}")))?;
    let items = match &v {
        Value::Array(a) => a.as_slice(),
        Value::Object(o) => match o
            .get("documents")
            .or_else(|| o.get("passages"))
            .or_else(|| o.get("cases"))
        {
            Some(Value::Array(a)) => a.as_slice(),
            _ => {
                return Err(bad(
                    path,
                    "expected an array, or an object with `documents`, `passages` or `cases`"
                        .into(),
                ));
            }
        },
        _ => return Err(bad(path, "expected a JSON array".into())),
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if let Some(passages) = item.get("passages").and_then(Value::as_array) {
            let id = item.get("id").and_then(Value::as_str);
            for p in passages.iter().filter(|p| !is_formulation(p)) {
                out.push(alignment(p, id).ok_or_else(|| {
                    bad(
                        path,
                        format!("document {}: a passage lacks target/source offsets", i + 1),
                    )
                })?);
            }
        } else if !is_formulation(item) {
            out.push(alignment(item, None).ok_or_else(|| {
                bad(
                    path,
                    format!(
                        "item {} has no target_id, target_start, target_end, source_id, source_start, source_end",
                        i + 1
                    ),
                )
            })?);
        }
    }
    Ok(out)
}

/// Parse detections from a passages CSV with the same column names.
pub fn from_csv(text: &str, path: &Path) -> Result<Vec<Alignment>> {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r
        .headers()
        .map_err(|e| bad(path, format!("CSV header: {e}")))?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| bad(path, format!("no column {name:?}")))
    };
    let cols = [
        col("target_id")?,
        col("target_start")?,
        col("target_end")?,
        col("source_id")?,
        col("source_start")?,
        col("source_end")?,
    ];
    let kind = headers.iter().position(|h| h == "kind");
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| bad(path, format!("row {}: {e}", i + 1)))?;
        if kind.and_then(|k| rec.get(k)) == Some("formulation") {
            continue;
        }
        let num = |k: usize| -> Result<usize> {
            rec.get(cols[k])
                .and_then(|s| s.trim().parse().ok())
                .ok_or_else(|| {
                    bad(
                        path,
                        format!("row {}: column {} is not a whole number", i + 1, k),
                    )
                })
        };
        out.push(Alignment {
            target_id: rec.get(cols[0]).unwrap_or_default().to_string(),
            target_start: num(1)?,
            target_end: num(2)?,
            source_id: rec.get(cols[3]).unwrap_or_default().to_string(),
            source_start: num(4)?,
            source_end: num(5)?,
        });
    }
    Ok(out)
}

/// Read detections from a file, by extension (`.csv`, else JSON).
pub fn read(path: &Path) -> Result<Vec<Alignment>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        from_csv(&text, path)
    } else {
        from_json(&text, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_and_flat_json_and_csv_agree() {
        let p = Path::new("d.json");
        let nested = r#"[{"id":"t","passages":[{"target_start":1,"target_end":5,"source_id":"s","source_start":2,"source_end":6,"text":"x"}]}]"#;
        let flat = r#"[{"target_id":"t","target_start":1,"target_end":5,"source_id":"s","source_start":2,"source_end":6}]"#;
        let csv =
            "target_id,target_start,target_end,source_id,source_start,source_end\nt,1,5,s,2,6\n";
        let a = from_json(nested, p).unwrap();
        assert_eq!(a, from_json(flat, p).unwrap());
        assert_eq!(a, from_csv(csv, p).unwrap());
        assert_eq!(a[0].target_id, "t");
        assert!(from_json("{}", p).is_err());
    }
}
