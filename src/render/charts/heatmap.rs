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
    /// The value drawn lightest (0 for cosines of documents), and the value drawn darkest (1 for
    /// cosines of documents); values between are shaded linearly, values outside at the ends.
    pub min: f64,
    pub max: f64,
}

impl Heatmap {
    pub fn new(labels: Vec<String>, values: Vec<Vec<f64>>) -> Self {
        Heatmap {
            title: "相似度 Cosine similarity".to_string(),
            labels,
            values,
            scale_caption: "cosine".to_string(),
            min: 0.0,
            max: 1.0,
        }
    }

    /// Sets the colour scale to run from the smallest to the largest finite value, each
    /// widened to a multiple of the colour bar's tick step, so that values which differ little
    /// (means over groups of texts are often all a few hundredths) still differ in shade.
    pub fn fit_scale_to_values(&mut self) {
        let (smallest, largest) = self
            .values
            .iter()
            .flatten()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        // No finite value, or only zeros: the default scale says as much as any.
        if smallest > largest || (smallest == 0.0 && largest == 0.0) {
            return;
        }
        let ticks = nice_ticks(smallest, largest);
        let step = match ticks.as_slice() {
            [a, b, ..] => b - a,
            // One value, or two within one step: a step of its own order of magnitude.
            _ => 10f64.powf(largest.abs().max(1e-12).log10().floor()),
        };
        let lo = (smallest / step).floor() * step;
        let hi = (largest / step).ceil() * step;
        (self.min, self.max) = (lo, if hi > lo { hi } else { lo + step });
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
    if !(input.min.is_finite() && input.max.is_finite() && input.max > input.min) {
        return Err(invalid(format!(
            "heatmap: the colour scale must run from a finite value up to a larger one, got {} to {}",
            input.min, input.max
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
                let shade = ((v - input.min) / (input.max - input.min)).clamp(0.0, 1.0);
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
            input.min,
            input.max,
            &input.scale_caption,
        )
    })
}
