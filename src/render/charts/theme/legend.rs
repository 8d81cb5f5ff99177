//! Legends (wrapped rows of swatches, the origin legend) and the colour bar of the sequential
//! scale.

use super::*;

/// One legend entry: a colour swatch and its label.
pub struct LegendItem {
    pub label: String,
    pub color: RGBColor,
}

const SWATCH: i32 = 12;
const LEGEND_ROW: i32 = 20;

fn legend_item_width(item: &LegendItem) -> i32 {
    SWATCH + 6 + text_width(&item.label, TICK_PX).ceil() as i32 + 16
}

/// Height a wrapped legend needs within `max_width`.
pub fn legend_height(items: &[LegendItem], max_width: i32) -> i32 {
    legend_rows(items, max_width).len() as i32 * LEGEND_ROW
}

fn legend_rows(items: &[LegendItem], max_width: i32) -> Vec<Vec<&LegendItem>> {
    let mut rows: Vec<Vec<&LegendItem>> = Vec::new();
    let mut used = 0;
    for item in items {
        let w = legend_item_width(item);
        match rows.last_mut() {
            Some(row) if used + w <= max_width => {
                row.push(item);
                used += w;
            }
            _ => {
                rows.push(vec![item]);
                used = w;
            }
        }
    }
    rows
}

/// Legend wrapped into centred rows starting at pixel row `top`; returns the height used.
pub fn legend(
    area: &Area<'_>,
    items: &[LegendItem],
    center_x: i32,
    top: i32,
    max_width: i32,
) -> Result<i32> {
    let rows = legend_rows(items, max_width);
    for (r, row) in rows.iter().enumerate() {
        let total: i32 = row.iter().map(|i| legend_item_width(i)).sum::<i32>() - 16;
        let mut x = center_x - total / 2;
        let y = top + r as i32 * LEGEND_ROW + LEGEND_ROW / 2;
        for item in row {
            fill_rect(
                area,
                (x, y - SWATCH / 2),
                (x + SWATCH, y + SWATCH / 2),
                item.color,
            )?;
            text(
                area,
                &item.label,
                (x + SWATCH + 6, y),
                TICK_PX,
                BLACK_TEXT,
                Anchor::Start,
            )?;
            x += legend_item_width(item);
        }
    }
    Ok(rows.len() as i32 * LEGEND_ROW)
}

/// Vertical colour bar for the sequential scale, `lo` at the bottom.
pub fn colour_bar(
    area: &Area<'_>,
    x: i32,
    top: i32,
    height: i32,
    lo: f64,
    hi: f64,
    caption: &str,
) -> Result<()> {
    const STEPS: i32 = 50;
    let w = 14;
    for s in 0..STEPS {
        let y0 = top + height - (s + 1) * height / STEPS;
        let y1 = top + height - s * height / STEPS;
        let t = (f64::from(s) + 0.5) / f64::from(STEPS);
        fill_rect(area, (x, y0), (x + w, y1), sequential(t))?;
    }
    outline_rect(area, (x, top), (x + w, top + height), AXIS_GREY)?;
    let scale = Scale::new(lo, hi, top + height, top);
    let ticks = nice_ticks(lo, hi);
    for &t in &ticks {
        let y = scale.px(t);
        line(area, vec![(x + w, y), (x + w + 4, y)], AXIS_GREY, 1)?;
        let label = tick_label(t, &ticks);
        text(
            area,
            &label,
            (x + w + 6, y),
            TICK_PX,
            BLACK_TEXT,
            Anchor::Start,
        )?;
    }
    text(
        area,
        caption,
        (x, top - 12),
        TICK_PX,
        BLACK_TEXT,
        Anchor::Start,
    )
}

/// Legend entries for the five origins in their fixed order.
pub fn origin_legend() -> Vec<LegendItem> {
    Origin::ALL
        .iter()
        .map(|o| LegendItem {
            label: o.label().to_string(),
            color: o.color(),
        })
        .collect()
}
