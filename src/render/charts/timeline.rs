//! A diffusion timeline: one row per formulation, first uses on one time axis — the centre's
//! (vermillion), each province's (blue) and each local unit's (orange). A first use known to
//! the day is a dot; one known to a month, a year or an interval is a bar over every day it
//! allows, so partial dates are drawn as what they are.

use super::dates::{date_axis, date_ticks};
use plotters::style::RGBColor;

use super::theme::*;
use crate::error::Result;

/// Who a mark is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    Central,
    Province,
    Local,
}

impl Tier {
    fn colour(self) -> RGBColor {
        match self {
            Tier::Central => Origin::Central.color(),
            Tier::Province => Origin::Provincial.color(),
            Tier::Local => category_color(0),
        }
    }

    fn label(self) -> &'static str {
        match self {
            Tier::Central => "中央 central",
            Tier::Province => "省级 provinces",
            Tier::Local => "地方 local units",
        }
    }
}

/// A first use: the first and last day its date allows (equal for a day).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    pub tier: Tier,
    pub first_day: i64,
    pub last_day: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimelineRow {
    pub label: String,
    pub marks: Vec<Mark>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub title: String,
    pub rows: Vec<TimelineRow>,
}

const ROW_H: i32 = 26;

pub fn render(input: &Timeline) -> Result<String> {
    check_size(input.rows.len(), "timeline rows")?;
    if let Some(m) = input
        .rows
        .iter()
        .flat_map(|r| &r.marks)
        .find(|m| m.last_day < m.first_day)
    {
        return Err(invalid(format!(
            "timeline: a mark ends ({}) before it starts ({})",
            m.last_day, m.first_day
        )));
    }
    let days: Vec<f64> = input
        .rows
        .iter()
        .flat_map(|r| &r.marks)
        .flat_map(|m| [m.first_day as f64, m.last_day as f64])
        .collect();
    if days.is_empty() {
        return no_data(&input.title);
    }
    let width = DEFAULT_WIDTH as i32;
    let labels: Vec<String> = input.rows.iter().map(|r| r.label.clone()).collect();
    let left = 16 + label_width(&labels, TICK_PX, 200.0) as i32 + 8;
    let right = width - 24;
    let top = 44;
    let bottom = top + ROW_H * input.rows.len() as i32;
    let items: Vec<LegendItem> = [Tier::Central, Tier::Province, Tier::Local]
        .iter()
        .map(|t| LegendItem {
            label: t.label().to_string(),
            color: t.colour(),
        })
        .collect();
    let height = bottom + 40 + legend_height(&items, width - 40) + 10;
    let (lo, hi) = padded_range(days.iter().copied(), 0.03);
    let sx = Scale::new(lo, hi, left, right);
    let ticks = date_ticks(lo, hi, 8);
    draw_svg(width as u32, height as u32, |area| {
        draw_title(area, &input.title, width as u32)?;
        date_axis(area, &sx, bottom, &ticks, Some(top), TICK_PX)?;
        for (i, row) in input.rows.iter().enumerate() {
            let y = top + ROW_H * i as i32 + ROW_H / 2;
            line(area, vec![(left, y), (right, y)], GRID_GREY, 1)?;
            let label = fit(&row.label, TICK_PX, 200.0);
            text(
                area,
                &label,
                (left - 8, y),
                TICK_PX,
                BLACK_TEXT,
                Anchor::End,
            )?;
            // Local units first, the centre last, so the centre's mark stays on top.
            for tier in [Tier::Local, Tier::Province, Tier::Central] {
                for m in row.marks.iter().filter(|m| m.tier == tier) {
                    draw_mark(area, &sx, y, m)?;
                }
            }
        }
        legend(area, &items, width / 2, bottom + 34, width - 40)?;
        Ok(())
    })
}

fn draw_mark(area: &Area<'_>, sx: &Scale, y: i32, m: &Mark) -> Result<()> {
    let r = match m.tier {
        Tier::Central => 6,
        Tier::Province => 5,
        Tier::Local => 4,
    };
    let colour = m.tier.colour();
    if m.first_day == m.last_day {
        return dot(area, (sx.px(m.first_day as f64), y), r, colour);
    }
    let (a, b) = (sx.px(m.first_day as f64), sx.px(m.last_day as f64));
    fill_rect(
        area,
        (a, y - r / 2 - 1),
        (b.max(a + 2), y + r / 2 + 1),
        colour,
    )
}
