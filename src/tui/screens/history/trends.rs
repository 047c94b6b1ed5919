//! History's Trends tab: pain, anxiety and mood over the range as lines
//! (their 7-day averages), with session and flare days marked.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph};
use time::{Date, Duration};

use super::{HistoryData, axis_date, empty};
use crate::insights;
use crate::keymap::{Action, Keymap};
use crate::model::Scale;
use crate::text::{columns, fit, fit_lines};
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
    let [top, summary] = Layout::vertical([Constraint::Min(6), Constraint::Length(2)]).areas(area);
    // The chart is as wide as the area: its legend goes above it, once the
    // series are known.
    let chart_width = top.width;
    let x = |d: Date| (d - data.from).whole_days() as f64;
    let span = x(data.to).max(1.0);
    // Braille gives two points a cell: more would be drawn over each other.
    let buckets = usize::from(chart_width.saturating_sub(8)) * 2;
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
    let session_days: Vec<(f64, f64)> = data
        .sessions
        .iter()
        .filter(|s| s.sessions > 0)
        .map(|s| (x(s.date), 0.0))
        .collect();
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
    // The legend above the plot, never over it: the newest days are at
    // the right, where a legend box would sit.
    let mut entries: Vec<(String, Style)> = series
        .iter()
        .map(|(name, _, style, _, _)| (name.clone(), *style))
        .collect();
    entries.push(("█ session day".to_string(), theme.good));
    if !flare_days.is_empty() {
        entries.push(("▄ flare day".to_string(), theme.warn));
    }
    // On one line if it can be: without " · 7-day" when narrow (the
    // summary under the chart says the lines are 7-day averages).
    let mut key = legend(&entries, top.width);
    if key.len() > 1 && focus.is_none() {
        let short: Vec<(String, Style)> = entries
            .iter()
            .map(|(name, style)| (name.replace(" · 7-day", ""), *style))
            .collect();
        key = legend(&short, top.width);
    }
    let [key_area, chart_area] =
        Layout::vertical([Constraint::Length(key.len() as u16), Constraint::Min(1)]).areas(top);
    frame.render_widget(Paragraph::new(key), key_area);
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
        .legend_position(None);
    frame.render_widget(chart, chart_area);
    // The n beside the average is the average's own: the check-ins of its
    // seven days, not of the whole range.
    let (n, days) = last_week_n(&data.checkins);
    let session_days = data.sessions.iter().filter(|s| s.sessions > 0).count() as u32;
    let text = format!(
        "Latest 7-day average: {} ({} on {}); {}.{}",
        latest.join(" · "),
        count(n, "check-in", "check-ins"),
        count(days, "day", "days"),
        count(session_days, "session day", "session days"),
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
    );
    let lines: Vec<Line> = fit_lines(&text, usize::from(summary.width), 2)
        .into_iter()
        .map(Line::raw)
        .collect();
    frame.render_widget(Paragraph::new(lines), summary);
}

/// The check-ins and days the latest 7-day average is made of: those of
/// the seven days ending on the last day with a check-in (`days` oldest
/// first, as `moving_average` reads them).
fn last_week_n(days: &[crate::model::DayCheckins]) -> (u32, u32) {
    let Some(last) = days.last().map(|d| d.date) else {
        return (0, 0);
    };
    let week: Vec<_> = days
        .iter()
        .filter(|d| d.date > last - Duration::days(7))
        .collect();
    (week.iter().map(|d| d.n).sum(), week.len() as u32)
}

/// "1 day", "3 days", "no days": a count as a person writes it.
pub(super) fn count(n: u32, one: &str, many: &str) -> String {
    match n {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

/// A chart's legend as lines of text for above or below the plot: each
/// entry in its own style, as many to a line as fit in `width`, an entry
/// wider than a line cut with "…".
pub(super) fn legend(entries: &[(String, Style)], width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let mut lines: Vec<Line> = Vec::new();
    let mut line: Vec<Span> = Vec::new();
    let mut used = 0;
    for (name, style) in entries {
        let name = fit(name, width);
        let w = columns(&name);
        if !line.is_empty() && used + 2 + w > width {
            lines.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        }
        if !line.is_empty() {
            line.push(Span::raw("  "));
            used += 2;
        }
        line.push(Span::styled(name, *style));
        used += w;
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}
