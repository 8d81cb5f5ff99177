//! Adoption curves as small multiples: one panel per formulation, the cumulative share of
//! provinces and of local units that had used it, by date, on one shared time axis, with the
//! centre's first use as a vertical line.

use super::dates::{date_axis, date_ticks};
use plotters::style::RGBColor;

use super::theme::*;
use crate::error::Result;

/// One tier's curve in a panel.
#[derive(Debug, Clone, PartialEq)]
pub struct AdoptionSeries {
    /// 省级 provinces or 地方 local units; colour by position (provinces blue, local orange).
    pub label: String,
    /// (day number, cumulative share in [0, 1]), ascending days.
    pub steps: Vec<(i64, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AdoptionPanel {
    pub label: String,
    pub central_day: Option<i64>,
    pub series: Vec<AdoptionSeries>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Adoption {
    pub title: String,
    pub panels: Vec<AdoptionPanel>,
}

const COLUMNS: usize = 3;
const PANEL_H: i32 = 170;
const GAP: i32 = 18;
const MARGIN: i32 = 14;

fn series_colour(i: usize) -> RGBColor {
    if i == 0 {
        Origin::Provincial.color()
    } else {
        category_color(0)
    }
}

fn validate(a: &Adoption) -> Result<()> {
    check_size(a.panels.len(), "adoption panels")?;
    for p in &a.panels {
        for s in &p.series {
            if s.steps.windows(2).any(|w| w[1].0 < w[0].0)
                || s.steps.iter().any(|x| !(0.0..=1.0).contains(&x.1))
            {
                return Err(invalid(format!(
                    "adoption: {} / {}: days must ascend and shares lie in [0, 1]",
                    p.label, s.label
                )));
            }
        }
    }
    Ok(())
}

pub fn render(input: &Adoption) -> Result<String> {
    validate(input)?;
    let days: Vec<f64> = input
        .panels
        .iter()
        .flat_map(|p| {
            p.series
                .iter()
                .flat_map(|s| s.steps.iter().map(|x| x.0 as f64))
                .chain(p.central_day.map(|d| d as f64))
        })
        .collect();
    if days.is_empty() {
        return no_data(&input.title);
    }
    let width = DEFAULT_WIDTH as i32;
    let (lo, hi) = padded_range(days.iter().copied(), 0.04);
    let rows = input.panels.len().div_ceil(COLUMNS) as i32;
    let panel_w = (width - 2 * MARGIN - (COLUMNS as i32 - 1) * GAP) / COLUMNS as i32;
    let legend_items: Vec<LegendItem> = input.panels[0]
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| LegendItem {
            label: s.label.clone(),
            color: series_colour(i),
        })
        .chain(std::iter::once(LegendItem {
            label: "中央首次使用 central first use".to_string(),
            color: Origin::Central.color(),
        }))
        .collect();
    let top = 40;
    let legend_h = legend_height(&legend_items, width - 40);
    let height = top + rows * (PANEL_H + GAP) + legend_h + 16;
    draw_svg(width as u32, height as u32, |area| {
        draw_title(area, &input.title, width as u32)?;
        for (i, panel) in input.panels.iter().enumerate() {
            let (r, c) = ((i / COLUMNS) as i32, (i % COLUMNS) as i32);
            let x0 = MARGIN + c * (panel_w + GAP);
            let y0 = top + r * (PANEL_H + GAP);
            draw_panel(area, panel, (x0, y0), panel_w, (lo, hi))?;
        }
        legend(
            area,
            &legend_items,
            width / 2,
            top + rows * (PANEL_H + GAP),
            width - 40,
        )?;
        Ok(())
    })
}

fn draw_panel(
    area: &Area<'_>,
    panel: &AdoptionPanel,
    (x0, y0): (i32, i32),
    w: i32,
    (lo, hi): (f64, f64),
) -> Result<()> {
    let (left, right) = (x0 + 34, x0 + w - 4);
    let (top, bottom) = (y0 + 22, y0 + PANEL_H - 26);
    let label = fit(&panel.label, TICK_PX + 1.0, f64::from(w - 8));
    bold_text(
        area,
        &label,
        (x0 + w / 2, y0 + 8),
        TICK_PX + 1.0,
        Anchor::Middle,
    )?;
    let sx = Scale::new(lo, hi, left, right);
    let sy = Scale::new(0.0, 1.0, bottom, top);
    let ticks = date_ticks(lo, hi, 4);
    date_axis(area, &sx, bottom, &ticks, Some(top), TICK_PX)?;
    for t in [0.0, 0.5, 1.0] {
        let y = sy.px(t);
        line(area, vec![(left, y), (right, y)], GRID_GREY, 1)?;
        text(
            area,
            &percent(t),
            (left - 4, y),
            TICK_PX,
            BLACK_TEXT,
            Anchor::End,
        )?;
    }
    line(area, vec![(left, top), (left, bottom)], AXIS_GREY, 1)?;
    if let Some(day) = panel.central_day {
        let x = sx.px(day as f64);
        line(
            area,
            vec![(x, top), (x, bottom)],
            Origin::Central.color(),
            2,
        )?;
    }
    for (i, s) in panel.series.iter().enumerate() {
        let colour = series_colour(i);
        let mut pts: Vec<(i32, i32)> = Vec::new();
        let mut share = 0.0;
        for &(day, v) in &s.steps {
            let x = sx.px(day as f64);
            pts.push((x, sy.px(share)));
            pts.push((x, sy.px(v)));
            share = v;
        }
        if let Some(&(x, _)) = pts.last() {
            pts.push((x.max(right), sy.px(share)));
            // Start flat at 0 from the left edge.
            pts.insert(0, (left, sy.px(0.0)));
            line(area, pts, colour, 2)?;
        }
    }
    Ok(())
}
