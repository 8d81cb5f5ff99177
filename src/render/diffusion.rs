//! Diffusion output: the first-uses and edges tables (docs/FORMATS.md, `tifa diffusion`) and
//! the unit network as GraphML (Gephi, networkx, igraph).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::analyses::diffusion::{Anchor, Diffusion, Lag, UnitKey};
use crate::error::Result;
use crate::render::bundle::Bundle;
use crate::render::table::{Cell, Format, Table};

fn text(s: Option<&str>) -> Cell {
    s.map_or(Cell::Empty, |s| Cell::Text(s.to_string()))
}

fn anchor_cells(a: Option<&Anchor>) -> [Cell; 2] {
    [
        text(a.and_then(|a| a.date).map(|d| d.to_string()).as_deref()),
        text(a.map(|a| a.document.as_str())),
    ]
}

fn lag_cells(l: Option<&Lag>) -> [Cell; 3] {
    [
        l.and_then(|l| l.days).map_or(Cell::Empty, Cell::Int),
        l.map_or(Cell::Empty, |l| Cell::Int(l.min)),
        l.map_or(Cell::Empty, |l| Cell::Int(l.max)),
    ]
}

/// One row per formulation and unit that used it.
pub fn first_uses_table(d: &Diffusion) -> Table {
    let mut t = Table::new([
        "formulation",
        "text",
        "unit",
        "level",
        "province",
        "city",
        "first_date",
        "first_document",
        "documents",
        "hits",
        "central_date",
        "central_document",
        "lag_central_days",
        "lag_central_min",
        "lag_central_max",
        "province_date",
        "province_document",
        "lag_province_days",
        "lag_province_min",
        "lag_province_max",
        "copied_from",
        "copied_source",
    ]);
    for f in &d.first_uses {
        let mut row = vec![
            Cell::Text(f.formulation.clone()),
            Cell::Text(f.text.clone()),
            Cell::Text(f.unit.label()),
            Cell::Text(f.unit.level.as_str().to_string()),
            text(f.unit.province.as_deref()),
            text(f.unit.city.as_deref()),
        ];
        row.extend(anchor_cells(Some(&f.first)));
        row.push(f.documents.into());
        row.push(f.hits.into());
        row.extend(anchor_cells(f.central.as_ref()));
        row.extend(lag_cells(f.lag_central.as_ref()));
        row.extend(anchor_cells(f.province.as_ref()));
        row.extend(lag_cells(f.lag_province.as_ref()));
        row.push(text(f.copied.as_ref().map(|c| c.origin.as_str())));
        row.push(text(f.copied.as_ref().map(|c| c.source_id.as_str())));
        t.push(row);
    }
    t
}

/// One row per (source unit, target unit, origin).
pub fn edges_table(d: &Diffusion) -> Table {
    let mut t = Table::new([
        "source_unit",
        "target_unit",
        "source_level",
        "target_level",
        "origin",
        "chars",
        "passages",
        "documents",
        "source_documents",
        "dated_passages",
        "median_lag_days",
    ]);
    t.decimals = 1;
    for e in &d.edges {
        t.push(vec![
            Cell::Text(e.source.label()),
            Cell::Text(e.target.label()),
            Cell::Text(e.source.level.as_str().to_string()),
            Cell::Text(e.target.level.as_str().to_string()),
            Cell::Text(e.origin.as_str().to_string()),
            e.chars.into(),
            e.passages.into(),
            e.documents.into(),
            e.source_documents.into(),
            e.dated_passages.into(),
            e.median_lag_days.into(),
        ]);
    }
    t
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped (labels come from user metadata).
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The unit network as GraphML: one node per unit of the corpus (`label`, `level`,
/// `province`, `city`, `documents`), one directed edge per row of the edges table (`origin`,
/// `chars`, `passages`, `documents`, `median_lag_days` when known).
pub fn graphml(d: &Diffusion) -> String {
    let ids: BTreeMap<&UnitKey, usize> = d
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (&u.key, i))
        .collect();
    let mut s = String::new();
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    for (id, on, name, ty) in [
        ("label", "node", "label", "string"),
        ("level", "node", "level", "string"),
        ("province", "node", "province", "string"),
        ("city", "node", "city", "string"),
        ("ndocs", "node", "documents", "int"),
        ("origin", "edge", "origin", "string"),
        ("chars", "edge", "chars", "int"),
        ("passages", "edge", "passages", "int"),
        ("edocs", "edge", "documents", "int"),
        ("lag", "edge", "median_lag_days", "double"),
    ] {
        let _ = writeln!(
            s,
            "  <key id=\"{id}\" for=\"{on}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    s.push_str("  <graph id=\"units\" edgedefault=\"directed\">\n");
    for (i, u) in d.units.iter().enumerate() {
        let _ = writeln!(s, "    <node id=\"u{i}\">");
        let _ = writeln!(
            s,
            "      <data key=\"label\">{}</data>",
            xml_escape(&u.key.label())
        );
        let _ = writeln!(
            s,
            "      <data key=\"level\">{}</data>",
            u.key.level.as_str()
        );
        for (key, v) in [("province", &u.key.province), ("city", &u.key.city)] {
            if let Some(v) = v {
                let _ = writeln!(s, "      <data key=\"{key}\">{}</data>", xml_escape(v));
            }
        }
        let _ = writeln!(s, "      <data key=\"ndocs\">{}</data>", u.documents);
        s.push_str("    </node>\n");
    }
    for (i, e) in d.edges.iter().enumerate() {
        let (Some(a), Some(b)) = (ids.get(&e.source), ids.get(&e.target)) else {
            continue;
        };
        let _ = writeln!(s, "    <edge id=\"e{i}\" source=\"u{a}\" target=\"u{b}\">");
        let _ = writeln!(s, "      <data key=\"origin\">{}</data>", e.origin.as_str());
        let _ = writeln!(s, "      <data key=\"chars\">{}</data>", e.chars);
        let _ = writeln!(s, "      <data key=\"passages\">{}</data>", e.passages);
        let _ = writeln!(s, "      <data key=\"edocs\">{}</data>", e.documents);
        if let Some(lag) = e.median_lag_days {
            let _ = writeln!(s, "      <data key=\"lag\">{lag}</data>");
        }
        s.push_str("    </edge>\n");
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

/// The files `tifa diffusion` writes: `first_uses` and `edges` tables in `format` (csv, json or
/// parquet) and `network.graphml`.
pub fn bundle(d: &Diffusion, format: Format) -> Result<Bundle> {
    let mut b = Bundle::default();
    for (name, table) in [
        ("first_uses", first_uses_table(d)),
        ("edges", edges_table(d)),
    ] {
        let bytes = match format {
            Format::Csv | Format::Table => table.to_csv()?.into_bytes(),
            Format::Json => (table.to_json() + "\n").into_bytes(),
            Format::Parquet => table.to_parquet()?,
        };
        let ext = match format {
            Format::Csv | Format::Table => "csv",
            Format::Json => "json",
            Format::Parquet => "parquet",
        };
        b.add(format!("{name}.{ext}"), bytes);
    }
    b.add("network.graphml", graphml(d));
    Ok(b)
}
