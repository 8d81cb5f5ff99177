//! Origin shares: one stacked horizontal bar per document, rows in the caller's order.

use super::theme::*;
use crate::error::Result;

/// Shares of one document's characters by origin; each in [0, 1], summing to 1.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareRow {
    pub label: String,
    pub central: f64,
    pub provincial: f64,
    pub peer: f64,
    pub self_reuse: f64,
    pub own: f64,
}

impl ShareRow {
    fn parts(&self) -> [(Origin, f64); 5] {
        [
            (Origin::Central, self.central),
            (Origin::Provincial, self.provincial),
            (Origin::Peer, self.peer),
            (Origin::SelfReuse, self.self_reuse),
            (Origin::Own, self.own),
        ]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Shares {
    pub title: String,
    pub x_label: String,
    pub rows: Vec<ShareRow>,
}

impl Shares {
    pub fn new(rows: Vec<ShareRow>) -> Self {
        Shares {
            title: "来源构成 Origin shares".to_string(),
            x_label: "字符占比 share of characters".to_string(),
            rows,
        }
    }
}

const MAX_LABEL: f64 = 220.0;
const ROW: i32 = 24;
const BAR: i32 = 16;
/// Segments narrower than this get no printed percentage.
const MIN_PRINTED: i32 = 34;
/// Rounding in the caller's shares is tolerated up to this much.
const SUM_TOLERANCE: f64 = 0.01;

fn validate(rows: &[ShareRow]) -> Result<()> {
    check_size(rows.len(), "shares")?;
    for row in rows {
        let parts = row.parts();
        if let Some((o, v)) = parts
            .iter()
            .find(|(_, v)| !v.is_finite() || *v < 0.0 || *v > 1.0 + SUM_TOLERANCE)
        {
            return Err(invalid(format!(
                "shares: {}: {} share {v} is not in [0, 1]",
                row.label,
                o.label()
            )));
        }
        let sum: f64 = parts.iter().map(|(_, v)| v).sum();
        // An empty document has no characters to share out; it is drawn as an empty bar.
        if sum != 0.0 && (sum - 1.0).abs() > SUM_TOLERANCE {
            return Err(invalid(format!(
                "shares: {}: shares sum to {sum}, not 1",
                row.label
            )));
        }
    }
    Ok(())
}

pub fn render(input: &Shares) -> Result<String> {
    validate(&input.rows)?;
    if input.rows.is_empty() {
        return no_data(&input.title);
    }
    let width = DEFAULT_WIDTH as i32;
    let labels: Vec<String> = input.rows.iter().map(|r| r.label.clone()).collect();
    let left = 12 + label_width(&labels, TICK_PX, MAX_LABEL).ceil() as i32 + 10;
    let right = width - 24;
    let items = origin_legend();
    let legend_top = 34;
    let top = legend_top + legend_height(&items, width - 40) + 10;
    let bottom = top + ROW * input.rows.len() as i32;
    let height = bottom + 56;
    let scale = Scale::new(0.0, 1.0, left, right);
    draw_svg(width as u32, height as u32, |area| {
        draw_title(area, &input.title, width as u32)?;
        legend(area, &items, width / 2, legend_top, width - 40)?;
        let ticks = [0.0, 0.25, 0.5, 0.75, 1.0];
        x_axis_with(area, &scale, bottom, &ticks, Some(top), &percent)?;
        for (i, row) in input.rows.iter().enumerate() {
            let mid = top + i as i32 * ROW + ROW / 2;
            let label = fit(&row.label, TICK_PX, MAX_LABEL);
            text(
                area,
                &label,
                (left - 8, mid),
                TICK_PX,
                BLACK_TEXT,
                Anchor::End,
            )?;
            draw_bar(area, &scale, row, mid)?;
        }
        x_title(area, &input.x_label, (left + right) / 2, bottom)
    })
}

fn draw_bar(area: &Area<'_>, scale: &Scale, row: &ShareRow, mid: i32) -> Result<()> {
    let (y0, y1) = (mid - BAR / 2, mid + BAR / 2);
    let mut start = 0.0;
    for (origin, share) in row.parts() {
        let end = (start + share).min(1.0);
        let (x0, x1) = (scale.px(start), scale.px(end));
        if x1 > x0 {
            fill_rect(area, (x0, y0), (x1, y1), origin.color())?;
        }
        if x1 - x0 >= MIN_PRINTED {
            text(
                area,
                &percent(share),
                ((x0 + x1) / 2, mid),
                TICK_PX,
                origin.ink(),
                Anchor::Middle,
            )?;
        }
        start = end;
    }
    outline_rect(area, (scale.px(0.0), y0), (scale.px(1.0), y1), AXIS_GREY)
}
