//! Tidy tables rendered as aligned text (for terminals), CSV (RFC 4180, UTF-8, for pandas and R),
//! JSON (an array of objects with the columns in order) or Parquet (render::parquet).

use std::fmt::Write as _;
use std::io::Write;
use std::str::FromStr;

use rayon::prelude::*;
use serde::Serialize;

use crate::error::{Error, Result};

/// Rows a CSV chunk holds: enough to keep a thread busy, few enough to share large tables.
const CSV_CHUNK_ROWS: usize = 4096;

/// Output format of a table-producing command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Table,
    Csv,
    Json,
    /// Apache Parquet: binary, typed columns (see render::parquet).
    Parquet,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "table" => Ok(Format::Table),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "parquet" => Ok(Format::Parquet),
            _ => Err(format!(
                "unknown format {s:?}; expected table, csv, json or parquet"
            )),
        }
    }
}

/// One cell. Floats are written with a fixed number of decimals so output is byte-stable.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Float(f64),
    /// A float written in full: the shortest text that reads back as the same f64.
    Number(f64),
    Empty,
}

/// A text cell as written to CSV: one that a spreadsheet would run as a formula (it begins with
/// `=`, `+`, `-`, `@`, a tab or a CR) gets a leading `'`, as OWASP advises against CSV
/// injection. Numbers are not text cells and stay numbers.
pub fn csv_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

impl Cell {
    fn to_text(&self, decimals: usize) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(i) => i.to_string(),
            Cell::Float(f) => format!("{f:.decimals$}"),
            Cell::Number(f) => format!("{f}"),
            Cell::Empty => String::new(),
        }
    }

    fn to_json(&self, decimals: usize) -> serde_json::Value {
        match self {
            Cell::Text(s) => serde_json::Value::String(s.clone()),
            Cell::Int(i) => serde_json::Value::from(*i),
            // Round through the printed form so JSON and CSV agree digit for digit.
            Cell::Float(f) => format!("{f:.decimals$}")
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Cell::Number(f) => serde_json::Number::from_f64(*f)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Cell::Empty => serde_json::Value::Null,
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}
impl From<usize> for Cell {
    fn from(v: usize) -> Self {
        Cell::Int(v as i64)
    }
}
impl From<f64> for Cell {
    fn from(v: f64) -> Self {
        Cell::Float(v)
    }
}
impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Empty, Into::into)
    }
}

/// A rectangular table with named columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Decimals for float cells (default 6).
    pub decimals: usize,
}

impl Table {
    pub fn new<S: Into<String>>(columns: impl IntoIterator<Item = S>) -> Self {
        Table {
            columns: columns.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
            decimals: 6,
        }
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    pub fn write(&self, format: Format, out: &mut dyn Write) -> Result<()> {
        let io = |e: std::io::Error| Error::io("<output>", e);
        match format {
            Format::Table => out.write_all(self.to_text().as_bytes()).map_err(io),
            Format::Csv => out.write_all(self.to_csv()?.as_bytes()).map_err(io),
            Format::Json => {
                let mut s = self.to_json();
                s.push('\n');
                out.write_all(s.as_bytes()).map_err(io)
            }
            Format::Parquet => out.write_all(&self.to_parquet()?).map_err(io),
        }
    }

    /// The table as the bytes of a Parquet file (typed columns; see render::parquet).
    pub fn to_parquet(&self) -> Result<Vec<u8>> {
        super::parquet::to_parquet(self)
    }

    /// A cell as CSV prints it.
    pub(crate) fn cell_text(&self, cell: &Cell) -> String {
        cell.to_text(self.decimals)
    }

    /// A float rounded to the table's decimals through its printed form (None if it does not
    /// print as a number), so JSON and Parquet hold the CSV's value digit for digit.
    pub(crate) fn rounded(&self, f: f64) -> Option<f64> {
        format!("{f:.prec$}", prec = self.decimals).parse().ok()
    }

    /// Aligned plain text; CJK characters count as two columns.
    /// Every cell as the text CSV would hold (the HTML report's table bodies).
    /// The first `limit` rows as display text.
    pub fn to_text_rows(&self, limit: usize) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .take(limit)
            .map(|r| r.iter().map(|c| c.to_text(self.decimals)).collect())
            .collect()
    }

    pub fn to_text(&self) -> String {
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.to_text(self.decimals)).collect())
            .collect();
        let mut widths: Vec<usize> = self.columns.iter().map(|c| display_width(c)).collect();
        for row in &cells {
            for (w, c) in widths.iter_mut().zip(row) {
                *w = (*w).max(display_width(c));
            }
        }
        let mut s = String::new();
        let line = |s: &mut String, items: &[String]| {
            let n = items.len();
            for (i, (item, w)) in items.iter().zip(&widths).enumerate() {
                s.push_str(item);
                if i + 1 < n {
                    let pad = w - display_width(item) + 2;
                    s.extend(std::iter::repeat_n(' ', pad));
                }
            }
            s.push('\n');
        };
        line(&mut s, &self.columns);
        for row in &cells {
            line(&mut s, row);
        }
        s
    }

    pub fn to_csv(&self) -> Result<String> {
        let err = |e: csv::Error| Error::Internal(format!("csv: {e}"));
        let records = |rows: &[Vec<Cell>], header: bool| -> Result<Vec<u8>> {
            let mut w = csv::Writer::from_writer(Vec::new());
            if header {
                w.write_record(&self.columns).map_err(err)?;
            }
            for row in rows {
                w.write_record(row.iter().map(|c| match c {
                    Cell::Text(s) => csv_safe(s).into_owned(),
                    other => other.to_text(self.decimals),
                }))
                .map_err(err)?;
            }
            w.into_inner()
                .map_err(|e| Error::Internal(format!("csv: {e}")))
        };
        // A record's bytes depend on that record alone, so chunks are written in parallel
        // and joined in order.
        let mut bytes = records(&[], true)?;
        let chunks: Vec<Vec<u8>> = self
            .rows
            .par_chunks(CSV_CHUNK_ROWS)
            .map(|rows| records(rows, false))
            .collect::<Result<_>>()?;
        bytes.extend(chunks.concat());
        String::from_utf8(bytes).map_err(|e| Error::Internal(format!("csv: {e}")))
    }

    /// JSON array of objects, keys in column order, pretty-printed with two spaces.
    pub fn to_json(&self) -> String {
        let mut s = String::from("[");
        for (i, row) in self.rows.iter().enumerate() {
            s.push_str(if i == 0 { "\n  {" } else { ",\n  {" });
            for (j, (col, cell)) in self.columns.iter().zip(row).enumerate() {
                if j > 0 {
                    s.push_str(", ");
                }
                let key = serde_json::Value::String(col.clone());
                let _ = write!(s, "{key}: {}", cell.to_json(self.decimals));
            }
            s.push('}');
        }
        s.push_str(if self.rows.is_empty() { "]" } else { "\n]" });
        s
    }
}

/// Terminal display width: East Asian wide characters take two columns.
pub fn display_width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF |
        0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new(["id", "city", "share"]);
        t.push(vec!["a".into(), "常州市".into(), 0.5.into()]);
        t.push(vec!["b,c".into(), Cell::Empty, 1.0.into()]);
        t
    }

    #[test]
    fn text_aligns_cjk() {
        let s = sample().to_text();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[0], "id   city    share");
        assert_eq!(lines[1], "a    常州市  0.500000");
    }

    #[test]
    fn csv_written_in_chunks_is_the_csv_written_row_after_row() {
        // Rows across several chunks, with cells that need quoting on both sides of a seam.
        let mut t = Table::new(["id", "title", "share"]);
        for i in 0..(2 * CSV_CHUNK_ROWS + 7) {
            let title = if i % 3 == 0 {
                format!("含\"引号\",{i}")
            } else {
                format!("=x{i}")
            };
            t.push(vec![
                format!("d{i}").into(),
                title.into(),
                (i as f64 / 7.0).into(),
            ]);
        }
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&t.columns).unwrap();
        for row in &t.rows {
            w.write_record(row.iter().map(|c| match c {
                Cell::Text(s) => csv_safe(s).into_owned(),
                other => other.to_text(t.decimals),
            }))
            .unwrap();
        }
        let one_writer = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(t.to_csv().unwrap(), one_writer);
        assert_eq!(one_writer.lines().count(), t.rows.len() + 1);
    }

    #[test]
    fn csv_quotes_and_keeps_empty() {
        let s = sample().to_csv().unwrap();
        assert_eq!(s, "id,city,share\na,常州市,0.500000\n\"b,c\",,1.000000\n");
    }

    #[test]
    fn csv_text_that_a_spreadsheet_would_run_is_quoted_but_numbers_stay_numbers() {
        let mut t = Table::new(["id", "title", "share"]);
        t.push(vec!["=1+1".into(), "@SUM(A1)".into(), (-0.5).into()]);
        t.push(vec!["-x".into(), "+y".into(), Cell::Int(-3)]);
        t.push(vec!["a-b".into(), "\tz".into(), 2.into()]);
        assert_eq!(
            t.to_csv().unwrap(),
            "id,title,share\n'=1+1,'@SUM(A1),-0.500000\n'-x,'+y,-3\na-b,'\tz,2\n"
        );
        // JSON is not a spreadsheet: text stays as it is.
        assert!(t.to_json().contains("\"id\": \"=1+1\""));
    }

    #[test]
    fn json_keeps_column_order() {
        let s = sample().to_json();
        assert!(s.starts_with("[\n  {\"id\": \"a\", \"city\": \"常州市\", \"share\": 0.5}"));
        assert!(s.contains("\"city\": null"));
    }
}
