//! History's Trends tab: pain, anxiety and mood over the range as lines
//! (their 7-day averages), with session and flare days marked.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Wrap};
use time::{Date, Duration};

use super::{HistoryData, axis_date, empty};
use crate::insights;
use crate::keymap::{Action, Keymap};
use crate::model::Scale;
use crate::tui::{keys, theme::Theme};

const SCALES: [(Scale, Color, Color); 3] = [
    (Scale::Pain, Color::Red, Color::LightRed),
    (Scale::Anxiety, Color::Yellow, Color::LightYellow),
    (Scale::Mood, Color::Cyan, Color::LightCyan),
];

/// One line (or set of dots) of the Trends chart: name, points, look.
type Series = (String, Vec<(f64, f64)>, Style, Marker, GraphType);

/// The chart and, under it, the latest averages in words; with `focus`
/// one scale alone, its daily values as dots.
pub(super) fn draw(
    frame: &mut Frame,
    area: Rect,
    data: &HistoryData,
    focus: Option<Scale>,
    map: &Keymap,
    theme: &Theme,
) {
    if data.checkins.is_empty() {
        let text = format!(
            "No check-ins in this range yet. Check in from Today ({}) or with `limber checkin`, and your pain, anxiety and mood will show here as lines. {} shows a longer range.",
            keys::first(map, Action::CheckIn),
            keys::first(map, Action::LongerRange)
        );
        empty(frame, area, &text, theme);
        return;
    }
    let [chart_area, summary] =
        Layout::vertical([Constraint::Min(6), Constraint::Length(2)]).areas(area);
    let x = |d: Date| (d - data.from).whole_days() as f64;
    let span = x(data.to).max(1.0);
    // Braille gives two points a cell: more would be drawn over each other.
    let buckets = usize::from(chart_area.width.saturating_sub(8)) * 2;
    let mut series: Vec<Series> = Vec::new();
    let mut latest = Vec::new();
    // All three scales: their 7-day averages, each drawn differently so
    // they read apart without colour. One scale (p, a, m): its daily values
    // as dots and its average as a line.
    for (scale, color, light) in SCALES {
        let daily = insights::daily_series(&data.checkins, scale);
        let average = insights::moving_average(&daily, 7);
        if let Some(&(_, last)) = average.last() {
            latest.push(format!("{} {last:.1}", scale.name()));
        }
        if focus.is_some_and(|f| f != scale) {
            continue;
        }
        let points = |s: &[(Date, f64)]| {
            insights::downsample(
                &s.iter().map(|&(d, v)| (x(d), v)).collect::<Vec<_>>(),
                buckets,
            )
        };
        let line = theme.fg(color).add_modifier(Modifier::BOLD);
        match focus {
            Some(_) => {
                series.push((
                    format!("• {} · daily", scale.name()),
                    points(&daily),
                    theme.fg(light),
                    Marker::Dot,
                    GraphType::Scatter,
                ));
                series.push((
                    format!("⠤ {} · 7-day average", scale.name()),
                    points(&average),
                    line,
                    Marker::Braille,
                    GraphType::Line,
                ));
            }
            None => {
                let (symbol, marker) = match scale {
                    Scale::Pain => ("▀", Marker::HalfBlock),
                    Scale::Anxiety => ("•", Marker::Dot),
                    _ => ("⠤", Marker::Braille),
                };
                series.push((
                    format!("{symbol} {} · 7-day", scale.name()),
                    points(&average),
                    line,
                    marker,
                    GraphType::Line,
                ));
            }
        }
    }
    let session_days: Vec<(f64, f64)> = data.sessions.iter().map(|s| (x(s.date), 0.0)).collect();
    let mut datasets: Vec<Dataset> = series
        .iter()
        .map(|(name, points, style, marker, graph)| {
            Dataset::default()
                .name(name.clone())
                .data(points)
                .style(*style)
                .marker(*marker)
                .graph_type(*graph)
        })
        .collect();
    datasets.push(
        Dataset::default()
            .name("█ session day")
            .data(&session_days)
            .style(theme.good)
            .marker(Marker::Block)
            .graph_type(GraphType::Scatter),
    );
    let flare_days: Vec<(f64, f64)> = data.flares.iter().map(|d| (x(*d), 10.0)).collect();
    if !flare_days.is_empty() {
        datasets.push(
            Dataset::default()
                .name("▄ flare day")
                .data(&flare_days)
                .style(theme.warn)
                .marker(Marker::Bar)
                .graph_type(GraphType::Scatter),
        );
    }
    let middle = data.from + Duration::days((span / 2.0) as i64);
    let chart = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([0.0, span])
                .labels([data.from, middle, data.to].map(|d| axis_date(d, span > 180.0)))
                .style(theme.dim),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, 10.0])
                .labels(["0", "5", "10"])
                .style(theme.dim),
        )
        .legend_position(Some(ratatui::widgets::LegendPosition::TopRight))
        .hidden_legend_constraints((Constraint::Percentage(60), Constraint::Percentage(70)));
    frame.render_widget(chart, chart_area);
    let n: u32 = data.checkins.iter().map(|d| d.n).sum();
    frame.render_widget(
        Paragraph::new(format!(
            "Latest 7-day average: {} — from {n} check-ins on {} days; {} session days.{}",
            latest.join(" · "),
            data.checkins.len(),
            data.sessions.len(),
            if focus.is_none() {
                format!(
                    " {}, {} or {}: one scale with its daily values.",
                    keys::first(map, Action::Pain),
                    keys::first(map, Action::Anxiety),
                    keys::first(map, Action::Mood)
                )
            } else {
                String::new()
            }
        ))
        .wrap(Wrap { trim: true }),
        summary,
    );
}
