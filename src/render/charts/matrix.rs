//! Formulation × document matrix of counts, formulations grouped by level.

use super::theme::*;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq)]
pub struct Formulation {
    pub text: String,
    pub level: Origin,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormulationMatrix {
    pub title: String,
    pub formulations: Vec<Formulation>,
    pub documents: Vec<String>,
    /// `counts[f][d]`: occurrences of formulation `f` in document `d`.
    pub counts: Vec<Vec<u32>>,
}

impl FormulationMatrix {
    pub fn new(
        formulations: Vec<Formulation>,
        documents: Vec<String>,
        counts: Vec<Vec<u32>>,
    ) -> Self {
        FormulationMatrix {
            title: "提法使用 Formulations by document".to_string(),
            formulations,
            documents,
            counts,
        }
    }
}

const ROW: i32 = 24;
const MAX_ROW_LABEL: f64 = 220.0;
const MAX_COL_LABEL: f64 = 160.0;
const MAX_CELL: i32 = 64;
const MIN_CELL: i32 = 24;
/// A single occurrence must still read as "present" next to the largest count.
const MIN_SHADE: f64 = 0.12;
const ZERO_INK: plotters::style::RGBColor = plotters::style::RGBColor(0x99, 0x99, 0x99);

fn validate(m: &FormulationMatrix) -> Result<()> {
    check_size(m.formulations.len(), "matrix rows")?;
    check_size(m.documents.len(), "matrix columns")?;
    if m.counts.len() != m.formulations.len() {
        return Err(invalid(format!(
            "matrix: {} formulations but {} count rows",
            m.formulations.len(),
            m.counts.len()
        )));
    }
    if let Some((i, row)) = m
        .counts
        .iter()
        .enumerate()
        .find(|(_, r)| r.len() != m.documents.len())
    {
        return Err(invalid(format!(
            "matrix: count row {i} has {} values for {} documents",
            row.len(),
            m.documents.len()
        )));
    }
    Ok(())
}

fn shade(count: u32, max: u32) -> f64 {
    if count == 0 || max == 0 {
        0.0
    } else {
        MIN_SHADE + (1.0 - MIN_SHADE) * f64::from(count) / f64::from(max)
    }
}

pub fn render(input: &FormulationMatrix) -> Result<String> {
    validate(input)?;
    if input.formulations.is_empty() || input.documents.is_empty() {
        return no_data(&input.title);
    }
    // Stable sort keeps the caller's order inside each level.
    let mut order: Vec<usize> = (0..input.formulations.len()).collect();
    order.sort_by_key(|&i| input.formulations[i].level);
    let mut levels: Vec<Origin> = order.iter().map(|&i| input.formulations[i].level).collect();
    levels.dedup();
    let items: Vec<LegendItem> = levels
        .iter()
        .map(|o| LegendItem {
            label: o.label().to_string(),
            color: o.color(),
        })
        .collect();

    let row_labels: Vec<String> = input.formulations.iter().map(|f| f.text.clone()).collect();
    let left = 12 + 16 + label_width(&row_labels, TICK_PX, MAX_ROW_LABEL).ceil() as i32 + 8;
    let ncols = input.documents.len() as i32;
    let avail = DEFAULT_WIDTH as i32 - left - 20;
    let cell = (avail / ncols).clamp(MIN_CELL, MAX_CELL);
    let width = (left + cell * ncols + 20).max(DEFAULT_WIDTH as i32);
    let horizontal = input
        .documents
        .iter()
        .all(|d| text_width(d, TICK_PX) <= f64::from(cell - 4));
    let col_h = if horizontal {
        20
    } else {
        label_width(&input.documents, TICK_PX, MAX_COL_LABEL).ceil() as i32 + 10
    };
    let legend_top = 34;
    let top = legend_top + legend_height(&items, width - 40) + 8 + col_h;
    let bottom = top + ROW * order.len() as i32;
    let height = bottom + 36;
    let max = input.counts.iter().flatten().copied().max().unwrap_or(0);

    draw_svg(width as u32, height as u32, |area| {
        draw_title(area, &input.title, width as u32)?;
        legend(area, &items, width / 2, legend_top, width - 40)?;
        for (c, doc) in input.documents.iter().enumerate() {
            let x = left + c as i32 * cell + cell / 2;
            if horizontal {
                text(
                    area,
                    doc,
                    (x, top - 10),
                    TICK_PX,
                    BLACK_TEXT,
                    Anchor::Middle,
                )?;
            } else {
                let doc = fit(doc, TICK_PX, MAX_COL_LABEL);
                rotated_text(area, &doc, (x, top - 6), TICK_PX, Anchor::End, true)?;
            }
        }
        for (r, &f) in order.iter().enumerate() {
            draw_row(area, input, f, top + r as i32 * ROW, left, cell, max)?;
        }
        for r in 1..order.len() {
            if input.formulations[order[r]].level != input.formulations[order[r - 1]].level {
                let y = top + r as i32 * ROW;
                line(area, vec![(12, y), (left + cell * ncols, y)], BLACK_TEXT, 2)?;
            }
        }
        outline_rect(area, (left, top), (left + cell * ncols, bottom), AXIS_GREY)?;
        let note = format!("颜色深浅 = 次数 shade = count (max {max})");
        text(
            area,
            &note,
            (left, bottom + 18),
            TICK_PX,
            AXIS_GREY,
            Anchor::Start,
        )
    })
}

fn draw_row(
    area: &Area<'_>,
    m: &FormulationMatrix,
    f: usize,
    y: i32,
    left: i32,
    cell: i32,
    max: u32,
) -> Result<()> {
    let formulation = &m.formulations[f];
    let mid = y + ROW / 2;
    fill_rect(
        area,
        (12, mid - 5),
        (22, mid + 5),
        formulation.level.color(),
    )?;
    let label = fit(&formulation.text, TICK_PX, MAX_ROW_LABEL);
    text(
        area,
        &label,
        (left - 8, mid),
        TICK_PX,
        BLACK_TEXT,
        Anchor::End,
    )?;
    for (c, &count) in m.counts[f].iter().enumerate() {
        let x = left + c as i32 * cell;
        let t = shade(count, max);
        fill_rect(area, (x, y), (x + cell, y + ROW), sequential(t))?;
        let ink = if count == 0 { ZERO_INK } else { text_on(t) };
        text(
            area,
            &count.to_string(),
            (x + cell / 2, mid),
            TICK_PX,
            ink,
            Anchor::Middle,
        )?;
    }
    line(
        area,
        vec![
            (left, y + ROW),
            (left + cell * m.documents.len() as i32, y + ROW),
        ],
        GRID_GREY,
        1,
    )
}
