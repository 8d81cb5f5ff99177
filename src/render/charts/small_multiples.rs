//! Parameter sweep: one panel per measure, x = swept value (categorical), one line per document.

use super::theme::*;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub measure: String,
    /// `values[d][p]`: the measure for document `d` at parameter value `p`; NaN leaves a gap.
    pub values: Vec<Vec<f64>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SmallMultiples {
    pub title: String,
    /// Name of the swept parameter, the x caption of every panel.
    pub parameter: String,
    pub param_values: Vec<String>,
    pub documents: Vec<String>,
    pub panels: Vec<Panel>,
}

const PANEL_H: i32 = 230;
const GAP: i32 = 24;
const MARGIN: i32 = 16;
const Y_AXIS: i32 = 46;

fn validate(s: &SmallMultiples) -> Result<()> {
    check_size(s.panels.len(), "small multiples panels")?;
    check_size(s.documents.len(), "small multiples documents")?;
    check_size(s.param_values.len(), "small multiples parameter values")?;
    for p in &s.panels {
        if p.values.len() != s.documents.len() {
            return Err(invalid(format!(
                "small multiples: panel {} has {} documents, expected {}",
                p.measure,
                p.values.len(),
                s.documents.len()
            )));
        }
        if let Some(row) = p.values.iter().find(|r| r.len() != s.param_values.len()) {
            return Err(invalid(format!(
                "small multiples: panel {} has {} values per document, expected {}",
                p.measure,
                row.len(),
                s.param_values.len()
            )));
        }
    }
    Ok(())
}

pub fn render(input: &SmallMultiples) -> Result<String> {
    validate(input)?;
    if input.panels.is_empty() || input.documents.is_empty() || input.param_values.is_empty() {
        return no_data(&input.title);
    }
    let width = DEFAULT_WIDTH as i32;
    let items: Vec<LegendItem> = input
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| LegendItem {
            label: d.clone(),
            color: category_color(i),
        })
        .collect();
    let legend_top = 34;
    let top = legend_top + legend_height(&items, width - 40) + 10;
    let columns = if input.panels.len() == 1 { 1 } else { 2 };
    let rows = input.panels.len().div_ceil(columns) as i32;
    let panel_w = (width - 2 * MARGIN - GAP * (columns as i32 - 1)) / columns as i32;
    let height = top + rows * (PANEL_H + GAP) + MARGIN;
    draw_svg(width as u32, height as u32, |area| {
        draw_title(area, &input.title, width as u32)?;
        legend(area, &items, width / 2, legend_top, width - 40)?;
        for (i, panel) in input.panels.iter().enumerate() {
            let (c, r) = ((i % columns) as i32, (i / columns) as i32);
            let origin = (MARGIN + c * (panel_w + GAP), top + r * (PANEL_H + GAP));
            draw_panel(area, input, panel, origin, panel_w)?;
        }
        Ok(())
    })
}

fn draw_panel(
    area: &Area<'_>,
    s: &SmallMultiples,
    panel: &Panel,
    (x, y): (i32, i32),
    w: i32,
) -> Result<()> {
    let (left, right) = (x + Y_AXIS, x + w - 8);
    let (top, bottom) = (y + 26, y + PANEL_H - 48);
    bold_text(
        area,
        &fit(&panel.measure, LABEL_PX, f64::from(w)),
        (x + w / 2, y + 10),
        LABEL_PX,
        Anchor::Middle,
    )?;
    let (lo, hi) = padded_range(panel.values.iter().flatten().copied(), 0.08);
    let sy = Scale::new(lo, hi, bottom, top);
    // Categories sit at the centres of equal slots.
    let n = s.param_values.len();
    let sx = Scale::new(-0.5, n as f64 - 0.5, left, right);
    let ticks: Vec<f64> = (0..n).map(|i| i as f64).collect();
    let names = |t: f64| s.param_values.get(t as usize).cloned().unwrap_or_default();
    x_axis_with(area, &sx, bottom, &ticks, Some(top), &names)?;
    y_axis(area, &sy, left, &nice_ticks(lo, hi), Some(right))?;
    text(
        area,
        &s.parameter,
        ((left + right) / 2, bottom + 32),
        TICK_PX,
        BLACK_TEXT,
        Anchor::Middle,
    )?;
    for (d, values) in panel.values.iter().enumerate() {
        let colour = category_color(d);
        let points: Vec<(usize, f64)> = values.iter().copied().enumerate().collect();
        for run in points.split(|(_, v)| !v.is_finite()) {
            let pts: Vec<(i32, i32)> = run
                .iter()
                .map(|&(i, v)| (sx.px(i as f64), sy.px(v)))
                .collect();
            line(area, pts, colour, 2)?;
        }
        for &(i, v) in points.iter().filter(|(_, v)| v.is_finite()) {
            dot(area, (sx.px(i as f64), sy.px(v)), 4, colour)?;
        }
    }
    Ok(())
}
