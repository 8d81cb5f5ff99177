//! Discovery and dating output: the candidate lexicon (TOML in the format of
//! `data/lexicon/*.toml`, every entry `status = "candidate"`), the candidate table and the
//! dating table (docs/FORMATS.md, "Candidate lexicon" and "tifa lexicon date").

use std::fmt::Write as _;

use super::table::{Cell, Table};
use crate::discover::dating::EntryDating;
use crate::discover::{Candidate, FirstUse};
use crate::document::Level;
use crate::reuse::lexicon::Topic;

/// A TOML basic string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn string_array(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| quoted(s)).collect();
    format!("[{}]", parts.join(", "))
}

/// Candidate ids: `cand-` and the rank, zero-padded to the width of the list.
pub fn candidate_id(rank: usize, count: usize) -> String {
    let width = count.to_string().len().max(3);
    format!("cand-{rank:0width$}")
}

fn source_of(first: &FirstUse) -> String {
    format!("{} {}", first.id, first.title).trim().to_string()
}

/// The candidate lexicon: `header` (comment lines, `# ` added), the level, then one entry per
/// candidate in rank order.
pub fn candidates_toml(candidates: &[Candidate], level: Level, header: &[String]) -> String {
    let mut out = String::new();
    for line in header {
        let _ = writeln!(out, "{}", format!("# {line}").trim_end());
    }
    let _ = writeln!(out, "\nlevel = {}", quoted(level.as_str()));
    for (rank, c) in candidates.iter().enumerate() {
        let _ = writeln!(out, "\n[[formulation]]");
        let _ = writeln!(
            out,
            "id = {}",
            quoted(&candidate_id(rank + 1, candidates.len()))
        );
        let _ = writeln!(out, "text = {}", quoted(&c.text));
        if !c.variants.is_empty() {
            let _ = writeln!(out, "variants = {}", string_array(&c.variants));
        }
        let _ = writeln!(out, "status = \"candidate\"");
        let topic = match c.topic {
            Topic::Covid => "covid",
            Topic::General => "general",
        };
        let _ = writeln!(out, "topic = {}", quoted(topic));
        let _ = writeln!(out, "kind = {}", quoted(c.kind().as_str()));
        let _ = writeln!(out, "score = {:.4}", c.score);
        if let Some(first) = &c.first {
            if let Some(date) = first.date {
                let _ = writeln!(out, "first_date = {}", quoted(&date.to_string()));
            }
            let _ = writeln!(out, "source = {}", quoted(&source_of(first)));
            let _ = writeln!(out, "first_doc = {}", quoted(&first.id));
            let _ = writeln!(out, "context = {}", quoted(&first.context));
        }
        let freq: Vec<String> = c
            .doc_freq
            .iter()
            .map(|(level, n)| format!("{} = {n}", level.as_str()))
            .collect();
        let _ = writeln!(out, "doc_freq = {{ {} }}", freq.join(", "));
        let _ = writeln!(out, "seen = {}", string_array(&c.seen));
        if let Some(known) = &c.known {
            let _ = writeln!(out, "known = {}", quoted(known));
        }
        if !c.guard.require.is_empty() {
            let _ = writeln!(out, "require_near = {}", string_array(&c.guard.require));
        }
        if !c.guard.forbid.is_empty() {
            let _ = writeln!(out, "forbid_near = {}", string_array(&c.guard.forbid));
        }
        if !c.guard.is_empty() {
            let _ = writeln!(out, "near = {}", c.guard.near);
        }
    }
    out
}

fn text_cell(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

fn opt_first(first: Option<&FirstUse>) -> [Cell; 4] {
    match first {
        Some(f) => [
            f.date.map_or(Cell::Empty, |d| text_cell(&d.to_string())),
            text_cell(&f.id),
            text_cell(&f.title),
            text_cell(&f.context),
        ],
        None => [Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty],
    }
}

/// One row per candidate, in rank order.
pub fn candidates_table(candidates: &[Candidate]) -> Table {
    let mut t = Table::new([
        "rank",
        "id",
        "text",
        "kind",
        "kinds",
        "score",
        "docs",
        "central",
        "provincial",
        "first_date",
        "first_doc",
        "first_title",
        "context",
        "seen",
        "variants",
        "known",
    ]);
    for (rank, c) in candidates.iter().enumerate() {
        let kinds: Vec<&str> = c.kinds.iter().map(|k| k.as_str()).collect();
        let at = |l: Level| Cell::Int(c.doc_freq.get(&l).copied().unwrap_or(0) as i64);
        let mut row = vec![
            Cell::Int(rank as i64 + 1),
            text_cell(&candidate_id(rank + 1, candidates.len())),
            text_cell(&c.text),
            text_cell(c.kind().as_str()),
            text_cell(&kinds.join(" ")),
            Cell::Float(c.score),
            Cell::Int(c.docs() as i64),
            at(Level::Central),
            at(Level::Provincial),
        ];
        row.extend(opt_first(c.first.as_ref()));
        row.push(text_cell(&c.seen.join(" | ")));
        row.push(text_cell(&c.variants.join(" | ")));
        row.push(c.known.as_deref().map_or(Cell::Empty, text_cell));
        t.push(row);
    }
    t
}

/// One row per lexicon entry, in lexicon order.
pub fn dating_table(datings: &[EntryDating]) -> Table {
    let mut t = Table::new([
        "id",
        "text",
        "level",
        "documented",
        "docs",
        "first_date",
        "first_doc",
        "first_title",
        "context",
        "agrees",
        "docs_below",
        "earliest_below_date",
        "earliest_below_doc",
        "predates_first_known",
    ]);
    for d in datings {
        let mut row = vec![
            text_cell(&d.id),
            text_cell(&d.text),
            text_cell(d.level.as_str()),
            d.documented
                .map_or(Cell::Empty, |x| text_cell(&x.to_string())),
            Cell::Int(d.docs as i64),
        ];
        row.extend(opt_first(d.first.as_ref()));
        row.push(
            d.agrees
                .map_or(Cell::Empty, |a| text_cell(if a { "true" } else { "false" })),
        );
        row.push(Cell::Int(d.docs_below as i64));
        let below = d.earliest_below.as_ref();
        row.push(
            below
                .and_then(|b| b.date)
                .map_or(Cell::Empty, |x| text_cell(&x.to_string())),
        );
        row.push(below.map_or(Cell::Empty, |b| text_cell(&b.id)));
        row.push(text_cell(if d.predates_first_known {
            "true"
        } else {
            "false"
        }));
        t.push(row);
    }
    t
}
