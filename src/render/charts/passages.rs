//! Passage map: one strip per document, reused spans drawn along it in origin colours.

use super::theme::*;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq)]
pub struct PassageStrip {
    pub label: String,
    /// Document length in characters; the strip spans it whatever its absolute length.
    pub doc_chars: usize,
    /// Reused spans as character offsets `[start, end)`.
    pub spans: Vec<(usize, usize, Origin)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PassageMap {
    pub title: String,
    pub x_label: String,
    pub strips: Vec<PassageStrip>,
}

impl PassageMap {
    pub fn new(strips: Vec<PassageStrip>) -> Self {
        PassageMap {
            title: "复用段落分布 Reused passages".to_string(),
            x_label: "文中位置 position in document".to_string(),
            strips,
        }
    }
}

const ROW: i32 = 26;
const STRIP: i32 = 14;
const MAX_LABEL: f64 = 200.0;
const LENGTH_COLUMN: i32 = 70;
const BACKGROUND: plotters::style::RGBColor = plotters::style::RGBColor(0xF4, 0xF4, 0xF4);

fn validate(strips: &[PassageStrip]) -> Result<()> {
    check_size(strips.len(), "passages")?;
    for s in strips {
        if let Some(&(a, b, _)) = s.spans.iter().find(|(a, b, _)| a >= b || *b > s.doc_chars) {
            return Err(invalid(format!(
                "passages: {}: span {a}..{b} is empty or beyond {} chars",
                s.label, s.doc_chars
            )));
        }
    }
    Ok(())
}

pub fn render(input: &PassageMap) -> Result<String> {
    validate(&input.strips)?;
    if input.strips.is_empty() {
        return no_data(&input.title);
    }
    let width = DEFAULT_WIDTH as i32;
    let labels: Vec<String> = input.strips.iter().map(|s| s.label.clone()).collect();
    let left = 12 + label_width(&labels, TICK_PX, MAX_LABEL).ceil() as i32 + 10;
    let right = width - 16 - LENGTH_COLUMN;
    // The light background already stands for unreused text; "own" is listed only when drawn.
    let has_own = input
        .strips
        .iter()
        .flat_map(|s| &s.spans)
        .any(|s| s.2 == Origin::Own);
    let items: Vec<LegendItem> = origin_legend()
        .into_iter()
        .zip(Origin::ALL)
        .filter(|(_, o)| has_own || *o != Origin::Own)
        .map(|(item, _)| item)
        .collect();
    let legend_top = 34;
    let top = legend_top + legend_height(&items, width - 40) + 10;
    let bottom = top + ROW * input.strips.len() as i32;
    let height = bottom + 56;
    let scale = Scale::new(0.0, 1.0, left, right);
    draw_svg(width as u32, height as u32, |area| {
        draw_title(area, &input.title, width as u32)?;
        legend(area, &items, width / 2, legend_top, width - 40)?;
        let ticks = [0.0, 0.25, 0.5, 0.75, 1.0];
        x_axis_with(area, &scale, bottom, &ticks, Some(top), &percent)?;
        x_title(area, &input.x_label, (left + right) / 2, bottom)?;
        for (i, strip) in input.strips.iter().enumerate() {
            draw_strip(area, strip, &scale, top + i as i32 * ROW + ROW / 2)?;
        }
        Ok(())
    })
}

fn draw_strip(area: &Area<'_>, strip: &PassageStrip, scale: &Scale, mid: i32) -> Result<()> {
    let (y0, y1) = (mid - STRIP / 2, mid + STRIP / 2);
    let (x0, x1) = (scale.px(0.0), scale.px(1.0));
    let label = fit(&strip.label, TICK_PX, MAX_LABEL);
    text(
        area,
        &label,
        (x0 - 8, mid),
        TICK_PX,
        BLACK_TEXT,
        Anchor::End,
    )?;
    fill_rect(area, (x0, y0), (x1, y1), BACKGROUND)?;
    let len = strip.doc_chars.max(1) as f64;
    // Rarer, more telling origins are drawn last so they stay visible where spans overlap.
    for origin in Origin::ALL.iter().rev() {
        for &(a, b, _) in strip.spans.iter().filter(|s| s.2 == *origin) {
            let sa = scale.px(a as f64 / len);
            let sb = scale.px(b as f64 / len).max(sa + 1);
            fill_rect(area, (sa, y0), (sb, y1), origin.color())?;
        }
    }
    outline_rect(area, (x0, y0), (x1, y1), AXIS_GREY)?;
    let chars = format!("{} 字", strip.doc_chars);
    text(
        area,
        &chars,
        (x1 + 8, mid),
        TICK_PX,
        AXIS_GREY,
        Anchor::Start,
    )
}
