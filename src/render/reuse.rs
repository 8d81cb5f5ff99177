//! Reuse results as tidy tables (documents, passages, formulations), JSON and coloured terminal
//! text.

use crate::error::{Error, Result};
use crate::render::table::{Cell, Table};
use crate::reuse::{DocReuse, MEASURE_NAMES, Origin, ReuseReport};

/// One row per document: metadata, then every measure of [`DocReuse::measures`].
pub fn documents_table(report: &ReuseReport) -> Table {
    let mut columns = vec!["id", "level", "province", "city", "date", "chars"];
    columns.extend(MEASURE_NAMES);
    let mut t = Table::new(columns);
    t.decimals = 4;
    for d in &report.documents {
        let mut row: Vec<Cell> = vec![
            d.id.as_str().into(),
            d.level.as_str().into(),
            d.province.clone().into(),
            d.city.clone().into(),
            d.date.clone().into(),
            d.chars.into(),
        ];
        row.extend(d.measures().iter().map(|m| {
            if m.count {
                Cell::Int(m.value as i64)
            } else {
                Cell::Float(m.value)
            }
        }));
        t.push(row);
    }
    t
}

/// Documents the printed summary of `tifa report` lists; the rest are in tables/documents.csv.
pub const SUMMARY_ROWS: usize = 50;

/// The summary `tifa report` prints: one row per document with its origin shares and its
/// cluster (`clusters` in document order), for the first [`SUMMARY_ROWS`] documents of
/// `listed` (document indices, each at most once, in the order to print); and how many
/// documents are left out.
pub fn shares_summary(
    report: &ReuseReport,
    clusters: &[usize],
    listed: &[usize],
) -> (Table, usize) {
    let mut all = shares_table(report, clusters);
    let rows: Vec<Vec<Cell>> = listed
        .iter()
        .take(SUMMARY_ROWS)
        .map(|&i| std::mem::take(&mut all.rows[i]))
        .collect();
    let left_out = all.rows.len() - rows.len();
    (Table { rows, ..all }, left_out)
}

/// One row per document with its origin shares and its cluster (`clusters` in document order).
pub fn shares_table(report: &ReuseReport, clusters: &[usize]) -> Table {
    let mut t = Table::new([
        "id",
        "central",
        "provincial",
        "peer",
        "self",
        "own",
        "cluster",
    ]);
    t.decimals = 3;
    for (d, label) in report.documents.iter().zip(clusters) {
        t.push(vec![
            d.id.as_str().into(),
            Cell::Float(d.shares.central),
            Cell::Float(d.shares.provincial),
            Cell::Float(d.shares.peer),
            Cell::Float(d.shares.self_reuse),
            Cell::Float(d.shares.own),
            (*label).into(),
        ]);
    }
    t
}

/// One row per passage, in document order then target position.
pub fn passages_table(report: &ReuseReport) -> Table {
    let mut t = Table::new([
        "target_id",
        "kind",
        "target_start",
        "target_end",
        "raw_start",
        "raw_end",
        "source_id",
        "source_level",
        "origin",
        "source_start",
        "source_end",
        "length",
        "identity",
        "score",
        "carriers",
        "weight",
        "relayed",
        "quoted",
        "text",
    ]);
    t.decimals = 4;
    for d in &report.documents {
        for p in &d.passages {
            t.push(vec![
                d.id.as_str().into(),
                p.kind.as_str().into(),
                p.target_start.into(),
                p.target_end.into(),
                p.raw_start.into(),
                p.raw_end.into(),
                p.source_id.as_str().into(),
                p.source_level.as_str().into(),
                p.origin.as_str().into(),
                p.source_start.into(),
                p.source_end.into(),
                p.length.into(),
                Cell::Float(p.identity),
                Cell::Int(p.score),
                p.carriers.into(),
                Cell::Float(p.weight),
                bool_cell(p.relayed),
                bool_cell(p.quoted),
                p.text.as_str().into(),
            ]);
        }
    }
    t
}

/// One row per (document, formulation) with at least one hit.
pub fn formulations_table(report: &ReuseReport) -> Table {
    let mut t = Table::new([
        "id",
        "formulation",
        "text",
        "level",
        "topic",
        "count",
        "predates_first_known",
    ]);
    for d in &report.documents {
        for f in &d.formulations {
            t.push(vec![
                d.id.as_str().into(),
                f.id.as_str().into(),
                f.text.as_str().into(),
                f.level.as_str().into(),
                match f.topic {
                    crate::reuse::lexicon::Topic::Covid => "covid",
                    crate::reuse::lexicon::Topic::General => "general",
                }
                .into(),
                f.count.into(),
                bool_cell(f.predates_first_known),
            ]);
        }
    }
    t
}

fn bool_cell(b: bool) -> Cell {
    Cell::Text(if b { "true" } else { "false" }.into())
}

/// The whole report as pretty JSON (schema in docs/FORMATS.md).
pub fn to_json(report: &ReuseReport) -> Result<String> {
    serde_json::to_string_pretty(report)
        .map(|s| s + "\n")
        .map_err(|e| Error::Internal(format!("cannot serialize the reuse report: {e}")))
}

/// ANSI colour of an origin on a terminal (vermillion, blue, green, pink as in the charts).
fn ansi(origin: Origin) -> &'static str {
    match origin {
        Origin::Central => "\x1b[38;5;166m",
        Origin::Provincial => "\x1b[38;5;25m",
        Origin::Peer => "\x1b[38;5;29m",
        Origin::SelfReuse => "\x1b[38;5;175m",
        Origin::Own => "",
    }
}

/// `text` with reused segments coloured by origin (or bracketed as [central:…] when `colour` is
/// false), and a legend line first.
pub fn show(doc: &DocReuse, text: &str, colour: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    if colour {
        for o in [
            Origin::Central,
            Origin::Provincial,
            Origin::Peer,
            Origin::SelfReuse,
        ] {
            out.push_str(&format!("{}■ {}\x1b[0m  ", ansi(o), o.as_str()));
        }
    } else {
        out.push_str("[central:…] [provincial:…] [peer:…] [self:…]");
    }
    out.push('\n');
    let mut at = 0;
    for s in &doc.segments {
        let (start, end) = (s.start.min(chars.len()), s.end.min(chars.len()));
        if start < at {
            continue;
        }
        out.extend(&chars[at..start]);
        let piece: String = chars[start..end].iter().collect();
        if colour {
            out.push_str(&format!("{}\x1b[1m{piece}\x1b[0m", ansi(s.origin)));
        } else {
            out.push_str(&format!("[{}:{piece}]", s.origin.as_str()));
        }
        at = end;
    }
    out.extend(&chars[at..]);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}
