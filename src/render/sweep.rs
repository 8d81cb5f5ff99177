//! Sweep results as tidy files: the long table (one row per combination × document × measure)
//! as CSV and JSON Lines, and the combinations table with stability measures.

use crate::error::{Error, Result};
use crate::render::bundle::Bundle;
use crate::render::charts::small_multiples::{self, Panel, SmallMultiples};
use crate::render::table::{Cell, Format, Table};
use crate::sweep::{Combination, Grid, MEASURES, SweepResult};

/// Shortest text that reads back as the same f64: values survive a round trip exactly.
fn number(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        String::new()
    }
}

fn csv_error(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("cannot write CSV: {e}"))
}

/// Column names of the long table: combination, every swept parameter, document, measure, value.
pub fn long_columns(result: &SweepResult) -> Vec<String> {
    let mut cols = vec!["combination".to_string()];
    cols.extend(result.grid.axes.iter().map(|(n, _)| n.clone()));
    cols.extend(["document", "measure", "value"].map(String::from));
    cols
}

/// Every (combination, document, measure) row, in that order.
fn long_rows(result: &SweepResult) -> impl Iterator<Item = Vec<String>> + '_ {
    result.combinations.iter().flat_map(move |c| {
        result
            .documents
            .iter()
            .enumerate()
            .flat_map(move |(d, doc)| {
                MEASURES.iter().enumerate().map(move |(m, measure)| {
                    let mut row = vec![c.combination.id.clone()];
                    row.extend(c.combination.values.iter().map(|(_, v)| v.clone()));
                    row.extend([doc.clone(), measure.to_string(), number(c.values[d][m])]);
                    row
                })
            })
    })
}

pub fn long_csv(result: &SweepResult) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(long_columns(result)).map_err(csv_error)?;
    for mut row in long_rows(result) {
        // The document id is the one free-text column (see `table::csv_safe`).
        if let Some(doc) = row.len().checked_sub(3).and_then(|i| row.get_mut(i)) {
            *doc = crate::render::table::csv_safe(doc).into_owned();
        }
        w.write_record(&row).map_err(csv_error)?;
    }
    let bytes = w.into_inner().map_err(csv_error)?;
    String::from_utf8(bytes).map_err(csv_error)
}

/// The long table as a [`Table`] (for Parquet): the columns and text of [`long_csv`], `value`
/// a number written in full (empty when undefined).
pub fn long_table(result: &SweepResult) -> Table {
    let mut t = Table::new(long_columns(result));
    for row in long_rows(result) {
        let last = row.len() - 1;
        t.push(
            row.into_iter()
                .enumerate()
                .map(|(i, cell)| match (i == last, cell.parse::<f64>()) {
                    (true, Ok(v)) => Cell::Number(v),
                    (true, Err(_)) => Cell::Empty,
                    (false, _) => Cell::Text(cell),
                })
                .collect(),
        );
    }
    t
}

/// The long table as JSON Lines; `value` is a number (null when undefined), the rest strings.
pub fn long_jsonl(result: &SweepResult) -> String {
    let columns = long_columns(result);
    let mut out = String::new();
    for row in long_rows(result) {
        let mut obj = serde_json::Map::new();
        for (i, (col, cell)) in columns.iter().zip(row).enumerate() {
            let value = if i + 1 == columns.len() {
                cell.parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(serde_json::Value::Null, serde_json::Value::Number)
            } else {
                serde_json::Value::String(cell)
            };
            obj.insert(col.clone(), value);
        }
        out.push_str(&serde_json::Value::Object(obj).to_string());
        out.push('\n');
    }
    out
}

/// `combination` and the swept parameters: the first columns of the combinations table.
fn combination_columns(grid: &Grid) -> Vec<String> {
    let mut cols = vec!["combination".to_string()];
    cols.extend(grid.axes.iter().map(|(n, _)| n.clone()));
    cols
}

/// A combination's id and parameter values, as text.
fn combination_cells(c: &Combination) -> Vec<Cell> {
    let mut row: Vec<Cell> = vec![c.id.as_str().into()];
    row.extend(c.values.iter().map(|(_, v)| Cell::Text(v.clone())));
    row
}

/// One row per combination of `grid`, before anything runs (`--dry-run`): the id and the
/// parameters.
pub fn plan_table(grid: &Grid) -> Table {
    let mut t = Table::new(combination_columns(grid));
    for c in grid.combinations() {
        t.push(combination_cells(&c));
    }
    t
}

/// One row per combination: its parameters, k, and stability against the defaults.
pub fn combinations_table(result: &SweepResult) -> Table {
    let mut cols = combination_columns(&result.grid);
    cols.extend(["clusters", "spearman_central", "spearman_provincial", "ari"].map(String::from));
    let mut t = Table::new(cols);
    t.decimals = 6;
    for c in &result.combinations {
        let mut row = combination_cells(&c.combination);
        row.extend([
            c.k.into(),
            c.spearman_central.into(),
            c.spearman_provincial.into(),
            Cell::Float(c.ari),
        ]);
        t.push(row);
    }
    t
}

/// The sweep directory in memory: the long table and the combinations table as CSV
/// (`sweep.csv`, `combinations.csv`) or Parquet (`.parquet`), `sweep.jsonl` always, and one
/// chart per swept parameter (`charts/PARAM.svg`).
pub fn bundle(result: &SweepResult, tables: Format) -> Result<Bundle> {
    let mut bundle = Bundle::default();
    match tables {
        Format::Csv => {
            bundle.add("sweep.csv", long_csv(result)?);
            bundle.add("combinations.csv", combinations_table(result).to_csv()?);
        }
        Format::Parquet => {
            bundle.add("sweep.parquet", long_table(result).to_parquet()?);
            bundle.add(
                "combinations.parquet",
                combinations_table(result).to_parquet()?,
            );
        }
        Format::Table | Format::Json => {
            return Err(Error::Parameter {
                name: "format",
                message: "must be csv or parquet for sweep tables".into(),
            });
        }
    }
    bundle.add("sweep.jsonl", long_jsonl(result));
    for (path, svg) in charts(result)? {
        bundle.add(path, svg);
    }
    Ok(bundle)
}

/// Measures drawn in the sweep charts (the rest are in the tables).
const CHARTED: [&str; 6] = [
    "central",
    "provincial",
    "peer",
    "weighted_provincial",
    "hits_per_1000",
    "nearest_cosine",
];

/// One small-multiples SVG per swept parameter: each measure against the parameter's values,
/// one line per document, the other parameters held at their first listed value.
pub fn charts(result: &SweepResult) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for (axis, (name, values)) in result.grid.axes.iter().enumerate() {
        // Combination for each value of this axis, others at their first value.
        let slice: Vec<Option<&crate::sweep::CombinationResult>> = values
            .iter()
            .map(|v| {
                result.combinations.iter().find(|c| {
                    c.combination.values.iter().enumerate().all(|(i, (n, x))| {
                        if i == axis {
                            x == v
                        } else {
                            result
                                .grid
                                .axes
                                .iter()
                                .find(|(m, _)| m == n)
                                .is_some_and(|(_, xs)| xs.first() == Some(x))
                        }
                    })
                })
            })
            .collect();
        let panels = CHARTED
            .iter()
            .filter_map(|m| MEASURES.iter().position(|x| x == m).map(|mi| (m, mi)))
            .map(|(m, mi)| Panel {
                measure: m.to_string(),
                values: (0..result.documents.len())
                    .map(|d| {
                        slice
                            .iter()
                            .map(|c| c.map_or(f64::NAN, |c| c.values[d][mi]))
                            .collect()
                    })
                    .collect(),
            })
            .collect();
        let chart = SmallMultiples {
            title: format!("参数扫描 Sweep: {name}"),
            parameter: name.clone(),
            param_values: values.clone(),
            documents: result.documents.clone(),
            panels,
        };
        out.push((
            format!("charts/{name}.svg"),
            small_multiples::render(&chart)?,
        ));
    }
    Ok(out)
}
