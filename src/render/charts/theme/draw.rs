//! Drawing in pixel coordinates: the SVG canvas, text with explicit anchors, rectangles,
//! lines and dots, and the errors and size limit every chart shares.

use super::*;

pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

pub fn plot_err<E: std::fmt::Display>(e: E) -> Error {
    Error::Internal(format!("plotting: {e}"))
}

pub fn invalid(msg: impl Into<String>) -> Error {
    Error::InvalidArgument(msg.into())
}

/// Charts stop being readable (and pixel arithmetic could overflow) long before this.
pub const MAX_ITEMS: usize = 5000;

/// Rejects inputs too large to draw: `count` rows/columns/points of `what`.
pub fn check_size(count: usize, what: &str) -> Result<()> {
    if count > MAX_ITEMS {
        return Err(invalid(format!(
            "{what}: {count} items, at most {MAX_ITEMS} can be drawn"
        )));
    }
    Ok(())
}

/// Runs `draw` on a white canvas and returns the finished SVG.
pub fn draw_svg<F>(width: u32, height: u32, draw: F) -> Result<String>
where
    F: FnOnce(&Area<'_>) -> Result<()>,
{
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(plot_err)?;
        draw(&root)?;
        root.present().map_err(plot_err)?;
    }
    Ok(svg)
}

/// Valid SVG carrying the chart title and a "no data" notice.
pub fn no_data(title: &str) -> Result<String> {
    draw_svg(DEFAULT_WIDTH, 160, |area| {
        draw_title(area, title, DEFAULT_WIDTH)?;
        let at = (DEFAULT_WIDTH as i32 / 2, 95);
        text(
            area,
            "无数据 no data",
            at,
            LABEL_PX,
            AXIS_GREY,
            Anchor::Middle,
        )
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

fn styled(px: f64, color: RGBColor, anchor: Anchor, weight: FontStyle) -> TextStyle<'static> {
    let h = match anchor {
        Anchor::Start => HPos::Left,
        Anchor::Middle => HPos::Center,
        Anchor::End => HPos::Right,
    };
    // plotters-svg divides the size by 1.24 when writing font-size.
    (FONT_FAMILY, px * 1.24, weight)
        .into_font()
        .color(&color)
        .pos(Pos::new(h, VPos::Center))
}

/// Text vertically centred on `at`.
pub fn text(
    area: &Area<'_>,
    s: &str,
    at: (i32, i32),
    px: f64,
    color: RGBColor,
    anchor: Anchor,
) -> Result<()> {
    draw_styled(area, s, at, styled(px, color, anchor, FontStyle::Normal))
}

pub fn bold_text(area: &Area<'_>, s: &str, at: (i32, i32), px: f64, anchor: Anchor) -> Result<()> {
    draw_styled(area, s, at, styled(px, BLACK_TEXT, anchor, FontStyle::Bold))
}

fn draw_styled(area: &Area<'_>, s: &str, at: (i32, i32), st: TextStyle<'_>) -> Result<()> {
    area.draw(&Text::new(s.to_string(), at, st))
        .map_err(plot_err)
}

/// Text turned a quarter: `down` reads top-to-bottom (natural for CJK), otherwise bottom-to-top.
pub fn rotated_text(
    area: &Area<'_>,
    s: &str,
    at: (i32, i32),
    px: f64,
    anchor: Anchor,
    down: bool,
) -> Result<()> {
    let turn = if down {
        FontTransform::Rotate90
    } else {
        FontTransform::Rotate270
    };
    let st = styled(px, BLACK_TEXT, anchor, FontStyle::Normal).transform(turn);
    area.draw(&Text::new(s.to_string(), at, st))
        .map_err(plot_err)
}

pub fn draw_title(area: &Area<'_>, title: &str, width: u32) -> Result<()> {
    let t = fit(title, TITLE_PX, f64::from(width) - 20.0);
    bold_text(area, &t, (width as i32 / 2, 18), TITLE_PX, Anchor::Middle)
}

pub fn fill_rect(area: &Area<'_>, a: (i32, i32), b: (i32, i32), color: RGBColor) -> Result<()> {
    area.draw(&Rectangle::new([a, b], color.filled()))
        .map_err(plot_err)
}

pub fn outline_rect(area: &Area<'_>, a: (i32, i32), b: (i32, i32), color: RGBColor) -> Result<()> {
    area.draw(&Rectangle::new([a, b], color.stroke_width(1)))
        .map_err(plot_err)
}

pub fn line(area: &Area<'_>, points: Vec<(i32, i32)>, color: RGBColor, width: u32) -> Result<()> {
    area.draw(&PathElement::new(points, color.stroke_width(width)))
        .map_err(plot_err)
}

pub fn dot(area: &Area<'_>, at: (i32, i32), r: i32, color: RGBColor) -> Result<()> {
    area.draw(&Circle::new(at, r, color.filled()))
        .map_err(plot_err)?;
    // A white rim keeps overlapping markers distinguishable.
    area.draw(&Circle::new(at, r, WHITE.stroke_width(1)))
        .map_err(plot_err)
}
