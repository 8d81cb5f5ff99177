//! Similarity results as tables: the full cosine matrix, nearest-neighbour edges, and the terms
//! behind one pair's cosine (`tifa similarity`).

use ndarray::Array2;

use crate::measures::similarity::{Contribution, Edge};
use crate::render::table::{Cell, Table};

/// The n × n cosine matrix with an `id` column and one column per document (`ids` in matrix
/// order).
pub fn matrix_table(ids: &[&str], cosine: &Array2<f64>) -> Table {
    let mut cols = vec!["id"];
    cols.extend(ids.iter().copied());
    let mut t = Table::new(cols);
    for (i, id) in ids.iter().enumerate() {
        let mut row: Vec<Cell> = vec![(*id).into()];
        row.extend((0..ids.len()).map(|j| Cell::Float(cosine[[i, j]])));
        t.push(row);
    }
    t
}

/// One row per edge: source and target ids (`ids` indexes the edges' documents) and cosine.
pub fn edges_table(ids: &[&str], edges: &[Edge]) -> Table {
    let mut t = Table::new(["source", "target", "cosine"]);
    for e in edges {
        t.push(vec![
            ids[e.source].into(),
            ids[e.target].into(),
            Cell::Float(e.cosine),
        ]);
    }
    t
}

/// One row per shared term, largest contribution first (as `explain` orders them).
pub fn explain_table(contributions: &[Contribution]) -> Table {
    let mut t = Table::new(["term", "weight_a", "weight_b", "contribution"]);
    for c in contributions {
        t.push(vec![
            c.term.as_str().into(),
            Cell::Float(c.weight_a),
            Cell::Float(c.weight_b),
            Cell::Float(c.contribution),
        ]);
    }
    t
}
