//! Similarity heatmap: a square matrix in the caller's (dendrogram leaf) order.

use super::theme::*;
use crate::error::Result;

/// A square similarity matrix; `values[i][j]` is the similarity of `labels[i]` and `labels[j]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    pub title: String,
    pub labels: Vec<String>,
    pub values: Vec<Vec<f64>>,
    /// Caption above the colour bar.
    pub scale_caption: String,
    /// The value drawn darkest (the colour scale runs from 0 to it); 1 for cosines of documents,
    /// lower for means over groups, which are small.
    pub max: f64,
}

impl Heatmap {
    pub fn new(labels: Vec<String>, values: Vec<Vec<f64>>) -> Self {
        Heatmap {
            title: "相似度 Cosine similarity".to_string(),
            labels,
            values,
            scale_caption: "cosine".to_string(),
            max: 1.0,
        }
    }
}

const MAX_LABEL: f64 = 200.0;
const MAX_CELL: i32 = 60;
/// Below this a row label no longer fits its row.
const MIN_CELL: i32 = 15;
/// Printed values stay legible only on small matrices.
const MAX_PRINTED: usize = 12;

fn validate(input: &Heatmap) -> Result<()> {
    check_size(input.labels.len(), "heatmap")?;
    if !(input.max.is_finite() && input.max > 0.0) {
        return Err(invalid(format!(
            "heatmap: the top of the colour scale must be positive, got {}",
            input.max
        )));
    }
    let n = input.labels.len();
    if input.values.len() != n {
        return Err(invalid(format!(
            "heatmap: {} labels but {} rows",
            n,
            input.values.len()
        )));
    }
    if let Some((i, row)) = input.values.iter().enumerate().find(|(_, r)| r.len() != n) {
        return Err(invalid(format!(
            "heatmap: row {i} has {} values, expected {n}",
            row.len()
        )));
    }
    Ok(())
}

pub fn render(input: &Heatmap) -> Result<String> {
    validate(input)?;
    let n = input.labels.len();
    if n == 0 {
        return no_data(&input.title);
    }
    let label_w = label_width(&input.labels, TICK_PX, MAX_LABEL).ceil() as i32;
    let bar_reserve = 90;
    let avail = DEFAULT_WIDTH as i32 - 20 - label_w - bar_reserve;
    let cell = (avail / n as i32).clamp(MIN_CELL, MAX_CELL);
    let side = cell * n as i32;
    // Centre the labels + matrix + colour bar block when the cells hit their maximum size.
    let spare = (DEFAULT_WIDTH as i32 - 20 - label_w - side - bar_reserve).max(0);
    let left = 12 + spare / 2 + label_w + 8;
    let top = 44;
    let width = (left + side + bar_reserve + spare / 2).max(DEFAULT_WIDTH as i32);
    let height = top + side + 8 + label_w + 16;
    draw_svg(width as u32, height as u32, |area| {
        draw_title(area, &input.title, width as u32)?;
        for (i, row) in input.values.iter().enumerate() {
            for (j, &v) in row.iter().enumerate() {
                let (x, y) = (left + j as i32 * cell, top + i as i32 * cell);
                let shade = v / input.max;
                fill_rect(area, (x, y), (x + cell, y + cell), sequential(shade))?;
                if n <= MAX_PRINTED && v.is_finite() {
                    let c = (x + cell / 2, y + cell / 2);
                    text(
                        area,
                        &format!("{v:.2}"),
                        c,
                        TICK_PX,
                        text_on(shade),
                        Anchor::Middle,
                    )?;
                }
            }
        }
        outline_rect(area, (left, top), (left + side, top + side), AXIS_GREY)?;
        for (i, label) in input.labels.iter().enumerate() {
            let label = fit(label, TICK_PX, MAX_LABEL);
            let mid = i as i32 * cell + cell / 2;
            text(
                area,
                &label,
                (left - 6, top + mid),
                TICK_PX,
                BLACK_TEXT,
                Anchor::End,
            )?;
            rotated_text(
                area,
                &label,
                (left + mid, top + side + 6),
                TICK_PX,
                Anchor::Start,
                true,
            )?;
        }
        let bar_top = top + 24;
        let bar_h = (side - 24).clamp(60, 220);
        colour_bar(
            area,
            left + side + 18,
            bar_top,
            bar_h,
            0.0,
            input.max,
            &input.scale_caption,
        )
    })
}
