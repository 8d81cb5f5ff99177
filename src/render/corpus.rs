//! Corpus summaries: the `corpus check` table and the normalized-documents JSONL export.

use serde::Serialize;

use crate::corpus::Corpus;
use crate::document::Document;
use crate::normalize::{FixKind, Fixes};
use crate::render::table::{Cell, Table};

/// One row per document: metadata, encoding, sizes and fixes by kind.
pub fn check_table(corpus: &Corpus) -> Table {
    let mut columns = vec![
        "id",
        "level",
        "province",
        "city",
        "date",
        "title",
        "file",
        "encoding",
        "raw_chars",
        "chars",
    ];
    columns.extend(FixKind::ALL.iter().map(|k| k.column()));
    let mut t = Table::new(columns);
    for d in &corpus.documents {
        let mut row: Vec<Cell> = vec![
            d.meta.id.as_str().into(),
            d.meta.level.as_str().into(),
            d.meta.province.clone().into(),
            d.meta.city.clone().into(),
            d.meta.date.map(|x| x.to_string()).into(),
            d.meta.title.as_str().into(),
            d.provenance.file.as_str().into(),
            d.provenance.encoding.as_str().into(),
            d.raw_text.chars().count().into(),
            d.chars().into(),
        ];
        row.extend(d.fixes.iter().map(|(_, n)| Cell::from(n)));
        t.push(row);
    }
    t
}

/// What a reader of `corpus check` should know about how the corpus will be measured: today,
/// documents below the province without a province (they can have no provincial sources).
pub fn notes(corpus: &Corpus) -> Vec<String> {
    use crate::document::Level;
    let unplaced: Vec<&str> = corpus
        .documents
        .iter()
        .filter(|d| {
            matches!(d.meta.level, Level::Municipal | Level::County) && d.meta.province.is_none()
        })
        .map(|d| d.meta.id.as_str())
        .collect();
    if unplaced.is_empty() {
        return Vec::new();
    }
    let shown: Vec<&str> = unplaced.iter().copied().take(3).collect();
    vec![format!(
        "note: {} municipal or county document(s) without a province ({}{}): reuse gives them no \
         provincial sources; set `province` in the manifest",
        unplaced.len(),
        shown.join(", "),
        if unplaced.len() > shown.len() {
            ", …"
        } else {
            ""
        }
    )]
}

/// Shorten a title for terminal tables.
pub fn short(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max_chars.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// `check_table` with titles shortened for a terminal.
pub fn check_table_for_terminal(corpus: &Corpus) -> Table {
    let mut t = check_table(corpus);
    for row in &mut t.rows {
        if let Cell::Text(title) = &row[5] {
            row[5] = Cell::Text(short(title, 16));
        }
    }
    t
}

#[derive(Serialize)]
struct NormalizedRecord<'a> {
    id: &'a str,
    level: &'a str,
    province: Option<&'a str>,
    city: Option<&'a str>,
    date: Option<String>,
    title: &'a str,
    file: &'a str,
    encoding: &'a str,
    raw_start: usize,
    raw_end: usize,
    record: Option<usize>,
    chars: usize,
    fixes: &'a Fixes,
    bylines: Vec<[usize; 2]>,
    text: &'a str,
}

/// One JSON object per line per document, in corpus order.
pub fn normalized_jsonl(corpus: &Corpus) -> String {
    let mut out = String::new();
    for d in &corpus.documents {
        out.push_str(&normalized_record(d));
        out.push('\n');
    }
    out
}

fn normalized_record(d: &Document) -> String {
    let rec = NormalizedRecord {
        id: &d.meta.id,
        level: d.meta.level.as_str(),
        province: d.meta.province.as_deref(),
        city: d.meta.city.as_deref(),
        date: d.meta.date.map(|x| x.to_string()),
        title: &d.meta.title,
        file: &d.provenance.file,
        encoding: &d.provenance.encoding,
        raw_start: d.provenance.raw_start,
        raw_end: d.provenance.raw_end,
        record: d.provenance.record,
        chars: d.chars(),
        fixes: &d.fixes,
        bylines: d.bylines.iter().map(|r| [r.start, r.end]).collect(),
        text: d.text.as_str(),
    };
    // Serializing plain strings and integers cannot fail.
    serde_json::to_string(&rec).unwrap_or_default()
}
