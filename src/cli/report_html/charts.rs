//! The printed report's charts, drawn with plotters' SVG backend into
//! strings. Each series differs by dash pattern and marker as well as
//! colour, and is named in a key above the plot, so a black-and-white
//! print reads as well as a colour one. Only numbers and fixed words are
//! drawn here; nothing a person typed reaches a chart.

use anyhow::Result;
use plotters::coord::Shift;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use time::{Date, Duration};

use crate::insights::charts::{ChartDay, ChartResult, ReportCharts};

const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const FAINT: RGBColor = RGBColor(0x88, 0x88, 0x88);
const GRID: RGBColor = RGBColor(0xe4, 0xe4, 0xe4);
const PAIN: RGBColor = RGBColor(0x1d, 0x3f, 0x6e);
const ANXIETY: RGBColor = RGBColor(0x9a, 0x52, 0x0c);
const MOOD: RGBColor = RGBColor(0x2f, 0x6e, 0x4e);
const BAR: RGBColor = RGBColor(0x9d, 0xb2, 0xc8);
const FONT: &str = "sans-serif";
/// Text size in the drawing's pixels; a chart 1000 pixels wide is printed
/// about 180 mm wide, so this is about 8 pt on paper.
const TEXT: f64 = 20.0;
/// Text size in the small charts, printed about 34 mm wide (five a row).
const SMALL_TEXT: f64 = 31.0;
/// Days without a check-in after which a line is broken, not drawn across.
const GAP_DAYS: f64 = 3.0;

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// A chart `size` pixels big, drawn by `draw`, as an `<svg>` element for
/// an HTML page (the namespace attribute left out: an HTML parser gives
/// inline SVG its namespace, and the page then names no URL at all).
fn svg(size: (u32, u32), draw: impl FnOnce(&Area) -> Result<()>) -> Result<String> {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        draw(&root)?;
        root.present()?;
    }
    Ok(buf.replace(r#" xmlns="http://www.w3.org/2000/svg""#, ""))
}

fn font(size: f64) -> TextStyle<'static> {
    (FONT, size).into_font().color(&INK)
}

/// "7 Sep" (or "Sep 2026" in a window of over a year): day `offset` of
/// the window; nothing between two days.
fn day_label(from: Date, offset: f64, long: bool) -> String {
    if offset < -0.01 || (offset - offset.round()).abs() > 0.01 {
        return String::new();
    }
    let day = from + Duration::days(offset.round() as i64);
    let month = &day.month().to_string()[..3];
    if long {
        format!("{month} {}", day.year())
    } else {
        format!("{} {month}", day.day())
    }
}

/// Whether dates in the charts need their year.
fn long(c: &ReportCharts) -> bool {
    c.days.len() > 365
}

/// How a series is drawn in a key.
#[derive(Clone, Copy)]
enum Mark {
    Solid(RGBColor),
    Dashed(RGBColor),
    Dotted(RGBColor),
    Dot(RGBColor),
    Ring(RGBColor),
    Triangle(RGBColor),
    Tick,
    Bar,
    Hollow,
}

/// A key above a plot: each mark with its words, left to right.
fn key(area: &Area, items: &[(&[Mark], &str)]) -> Result<()> {
    let y = 16;
    let mut x = 40;
    for (marks, words) in items {
        let (left, right) = (x, x + 34);
        for mark in *marks {
            let mid = (left + right) / 2;
            match *mark {
                Mark::Solid(c) => area.draw(&PathElement::new(
                    vec![(left, y), (right, y)],
                    c.stroke_width(2),
                ))?,
                Mark::Dashed(c) => area.draw(&DashedPathElement::new(
                    vec![(left, y), (right, y)],
                    9,
                    5,
                    c.stroke_width(2),
                ))?,
                Mark::Dotted(c) => area.draw(&DashedPathElement::new(
                    vec![(left, y), (right, y)],
                    2,
                    4,
                    c.stroke_width(2),
                ))?,
                Mark::Dot(c) => area.draw(&Circle::new((mid, y), 4, c.filled()))?,
                Mark::Ring(c) => area.draw(&Circle::new((mid, y), 4, c.stroke_width(2)))?,
                Mark::Triangle(c) => area.draw(&TriangleMarker::new((mid, y), 5, c.filled()))?,
                Mark::Tick => area.draw(&PathElement::new(
                    vec![(mid, y - 8), (mid, y + 8)],
                    FAINT.stroke_width(3),
                ))?,
                Mark::Bar => area.draw(&Rectangle::new(
                    [(mid - 7, y - 8), (mid + 7, y + 8)],
                    BAR.filled(),
                ))?,
                Mark::Hollow => area.draw(&Rectangle::new(
                    [(mid - 7, y - 8), (mid + 7, y + 8)],
                    BAR.stroke_width(2),
                ))?,
            }
        }
        let style = font(TEXT).pos(Pos::new(HPos::Left, VPos::Center));
        area.draw(&Text::new(words.to_string(), (right + 8, y), style))?;
        x = right + 8 + (words.chars().count() as i32) * 9 + 20;
    }
    Ok(())
}

/// Runs of points, each `step` days apart, with no gap longer than
/// `GAP_DAYS` inside.
fn runs(points: Vec<(f64, f64)>, step: f64) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    for p in points {
        match out.last_mut() {
            Some(run) if run.last().is_some_and(|l| p.0 - l.0 <= GAP_DAYS + step) => run.push(p),
            _ => out.push(vec![p]),
        }
    }
    out
}

/// A chart over the days of `c` (x is the day's offset from `c.from`) on
/// a scale from 0 to `top`, in the page's one style: faint axes, a grid
/// across. `margins` are the right and top ones, `y_area` the width kept
/// for the scale's numbers, `labels` how many along the days and up the
/// scale at most, `text` their size.
fn day_chart<'a, 'b>(
    area: &'a Area<'b>,
    c: &ReportCharts,
    margins: (u32, u32),
    y_area: u32,
    top: f64,
    labels: (usize, usize),
    text: f64,
) -> Result<Chart<'a, 'b>> {
    let n = c.days.len() as f64;
    let mut chart = ChartBuilder::on(area)
        .margin_right(margins.0)
        .margin_top(margins.1)
        .x_label_area_size(34)
        .y_label_area_size(y_area)
        .build_cartesian_2d(-0.5..n - 0.5, 0.0..top)?;
    let day = |x: &f64| day_label(c.from, *x, long(c));
    mesh(&mut chart, labels, (&day, &|y| format!("{y:.0}")), text)?;
    Ok(chart)
}

type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// How a value along an axis is written.
type Label<'l> = dyn Fn(&f64) -> String + 'l;

/// The grid and axes in the page's one style: faint axes, a grid across;
/// at most `labels` along x and up y, written by `label` (x, y).
fn mesh(
    chart: &mut Chart<'_, '_>,
    labels: (usize, usize),
    label: (&Label<'_>, &Label<'_>),
    text: f64,
) -> Result<()> {
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(FAINT)
        .y_labels(labels.1)
        .x_labels(labels.0)
        .x_label_formatter(label.0)
        .y_label_formatter(label.1)
        .label_style(font(text))
        .draw()?;
    Ok(())
}

/// Pain, anxiety and mood, each day's mean, with the days of a session
/// marked along the bottom.
pub fn daily(c: &ReportCharts) -> Result<String> {
    svg((1000, 245), |root| {
        let (top, plot) = root.split_vertically(36);
        let items: [(&[Mark], &str); 4] = [
            (&[Mark::Solid(PAIN), Mark::Dot(PAIN)], "pain"),
            (&[Mark::Dashed(ANXIETY), Mark::Triangle(ANXIETY)], "anxiety"),
            (&[Mark::Dotted(MOOD), Mark::Ring(MOOD)], "mood"),
            (&[Mark::Tick], "a session that day"),
        ];
        // Session days are marked only when a point is a day.
        key(&top, &items[..if c.point_days() == 1 { 4 } else { 3 }])?;
        let mut chart = day_chart(&plot, c, (18, 4), 44, 10.0, (9, 6), TEXT)?;
        let step = c.point_days();
        let days = c.days.iter().enumerate().filter(|_| step == 1);
        chart.draw_series(days.filter(|(_, d)| d.session).map(|(i, _)| {
            PathElement::new(
                vec![(i as f64, 0.0), (i as f64, 0.7)],
                FAINT.stroke_width(3),
            )
        }))?;
        let series = |f: fn(&ChartDay) -> Option<f64>| runs(c.points(f), step as f64);
        for run in series(|d| d.mood) {
            chart.draw_series(DashedLineSeries::new(
                run.clone(),
                2,
                4,
                MOOD.stroke_width(2),
            ))?;
            chart.draw_series(run.iter().map(|&p| Circle::new(p, 3, MOOD.stroke_width(1))))?;
        }
        for run in series(|d| d.anxiety) {
            chart.draw_series(DashedLineSeries::new(
                run.clone(),
                9,
                5,
                ANXIETY.stroke_width(2),
            ))?;
            chart.draw_series(
                run.iter()
                    .map(|&p| TriangleMarker::new(p, 4, ANXIETY.filled())),
            )?;
        }
        for run in series(|d| d.pain) {
            chart.draw_series(LineSeries::new(run.clone(), PAIN.stroke_width(2)))?;
            chart.draw_series(run.iter().map(|&p| Circle::new(p, 3, PAIN.filled())))?;
        }
        Ok(())
    })
}

/// Sessions a week in each block of the window (a week, or more in a long
/// one) against the goal, with the active minutes a week written above each
/// bar when there are few enough bars to read them. A block shorter than
/// the others (the window's first days) is hollow.
pub fn weekly(c: &ReportCharts) -> Result<String> {
    let n = c.weeks.len() as f64;
    let most = c.weeks.iter().map(|w| w.per_week().0).fold(0.0, f64::max);
    let top = most.max(f64::from(c.goal_per_week)).ceil() + 1.0;
    let labelled = c.weeks.len() <= 20;
    svg((500, 260), |root| {
        let (top_area, plot) = root.split_vertically(36);
        let goal = format!("goal, {} a week", c.goal_per_week);
        let part = c.weeks.iter().any(|w| i64::from(w.days) < c.block_days);
        let mut items: Vec<(&[Mark], &str)> = vec![
            (&[Mark::Bar], "sessions"),
            (&[Mark::Dashed(INK)], goal.as_str()),
        ];
        if part {
            items.push((&[Mark::Hollow], "shorter"));
        }
        key(&top_area, &items)?;
        let mut chart = ChartBuilder::on(&plot)
            .margin_right(10)
            .margin_top(4)
            .x_label_area_size(34)
            .y_label_area_size(36)
            .build_cartesian_2d(-0.6..n - 0.4, 0.0..top * 1.12)?;
        // Each week by its first day, and whole numbers of sessions.
        let week = |x: &f64| {
            let i = x.round();
            if (x - i).abs() > 0.01 || i < 0.0 {
                return String::new();
            }
            c.weeks
                .get(i as usize)
                .map_or(String::new(), |w| day_label(w.first, 0.0, long(c)))
        };
        let sessions = |y: &f64| {
            if (y - y.round()).abs() < 0.01 {
                format!("{y:.0}")
            } else {
                String::new()
            }
        };
        let labels = (c.weeks.len().min(6), (top as usize + 1).min(8));
        mesh(&mut chart, labels, (&week, &sessions), TEXT)?;
        for (i, w) in c.weeks.iter().enumerate() {
            let x = i as f64;
            let (sessions, minutes) = w.per_week();
            let corners = [(x - 0.32, 0.0), (x + 0.32, sessions)];
            if i64::from(w.days) < c.block_days {
                chart.draw_series([Rectangle::new(corners, BAR.stroke_width(2))])?;
            } else {
                chart.draw_series([Rectangle::new(corners, BAR.filled())])?;
            }
            if labelled {
                let label = font(TEXT * 0.85).pos(Pos::new(HPos::Center, VPos::Bottom));
                chart.draw_series([Text::new(
                    format!("{minutes:.0}"),
                    (x, sessions + top * 0.02),
                    label,
                )])?;
            }
        }
        let goal = f64::from(c.goal_per_week);
        chart.draw_series(DashedLineSeries::new(
            [(-0.6, goal), (n - 0.4, goal)],
            9,
            5,
            INK.stroke_width(2),
        ))?;
        Ok(())
    })
}

/// Pain before and after each session with a check-in on both sides: a
/// ring before, a smaller dot after, joined; the same pain both times is a
/// dot in its ring.
pub fn pairs(c: &ReportCharts) -> Result<String> {
    svg((500, 260), |root| {
        let (top, plot) = root.split_vertically(36);
        key(
            &top,
            &[
                (&[Mark::Ring(PAIN)], "pain before"),
                (&[Mark::Dot(PAIN)], "after"),
            ],
        )?;
        let mut chart = day_chart(&plot, c, (12, 4), 36, 10.0, (5, 6), TEXT)?;
        let points = c.pair_points();
        chart.draw_series(points.iter().map(|&(x, before, after)| {
            PathElement::new(vec![(x, before), (x, after)], PAIN.stroke_width(2))
        }))?;
        chart.draw_series(
            points
                .iter()
                .map(|&(x, before, _)| Circle::new((x, before), 5, WHITE.filled())),
        )?;
        chart.draw_series(
            points
                .iter()
                .map(|&(x, before, _)| Circle::new((x, before), 5, PAIN.stroke_width(2))),
        )?;
        chart.draw_series(
            points
                .iter()
                .map(|&(x, _, after)| Circle::new((x, after), 3, PAIN.filled())),
        )?;
        Ok(())
    })
}

/// One measure's results over the window (a fitness test, or the WHO-5 on
/// 0–100), each labelled with its value; a practice try is a ring.
pub fn results(c: &ReportCharts, results: &[ChartResult], ceiling: Option<u32>) -> Result<String> {
    let most = results.iter().map(|r| r.value).max().unwrap_or(0);
    let top = match ceiling {
        Some(top) => f64::from(top),
        None => (f64::from(most) * 1.3).max(5.0).ceil(),
    };
    svg((330, 215), |root| {
        // Room for "100" (the WHO-5's top, a step count) whole.
        let mut chart = day_chart(root, c, (14, 12), 56, top * 1.1, (3, 5), SMALL_TEXT)?;
        let points: Vec<(f64, f64)> = results
            .iter()
            .map(|r| ((r.date - c.from).whole_days() as f64, f64::from(r.value)))
            .collect();
        chart.draw_series(LineSeries::new(points.clone(), INK.stroke_width(2)))?;
        for (r, &p) in results.iter().zip(&points) {
            if r.practice {
                chart.draw_series([Circle::new(p, 4, WHITE.filled())])?;
                chart.draw_series([Circle::new(p, 4, INK.stroke_width(2))])?;
            } else {
                chart.draw_series([Circle::new(p, 4, INK.filled())])?;
            }
            let label = font(SMALL_TEXT).pos(Pos::new(HPos::Center, VPos::Bottom));
            chart.draw_series([Text::new(
                r.value.to_string(),
                (p.0, p.1 + top * 0.05),
                label,
            )])?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_breaks_over_more_than_three_days_without_a_check_in() {
        let points = [(0.0, 1.0), (1.0, 2.0), (5.0, 3.0), (10.0, 4.0)];
        let split: Vec<usize> = runs(points.to_vec(), 1.0).iter().map(Vec::len).collect();
        assert_eq!(split, vec![3, 1]);
        // A point a week: a gap of up to ten days is a missing day or three.
        let weekly = [(3.0, 1.0), (10.0, 2.0), (20.0, 3.0), (31.0, 4.0)];
        let split: Vec<usize> = runs(weekly.to_vec(), 7.0).iter().map(Vec::len).collect();
        assert_eq!(split, vec![3, 1]);
    }

    #[test]
    fn days_are_named_by_day_and_month_and_between_days_by_nothing() {
        let from = time::macros::date!(2026 - 09 - 08);
        assert_eq!(day_label(from, 0.0, false), "8 Sep");
        assert_eq!(day_label(from, 30.0, false), "8 Oct");
        assert_eq!(day_label(from, 2.5, false), "");
        assert_eq!(day_label(from, 120.0, true), "Jan 2027");
    }
}
