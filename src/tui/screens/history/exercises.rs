//! History's Exercises tab: every exercise done in the range, favourites
//! first, and for a feared one its expected against actual pain as a chart.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, TableState, Wrap};
use time::Date;

use super::table::Columns;
use super::{HistoryData, axis_date, empty};
use crate::insights;
use crate::text::{columns, fit, one_line};
use crate::tui::theme::Theme;

/// The table, with a feared exercise's panel under it when one is picked.
pub(super) fn draw(
    frame: &mut Frame,
    area: Rect,
    data: &HistoryData,
    state: &TableState,
    theme: &Theme,
) {
    if data.exercises.is_empty() {
        empty(
            frame,
            area,
            "No exercises done in this range yet. After a guided session, rate how each exercise felt (1–5) and your favourites rise to the top here.",
            theme,
        );
        return;
    }
    // A feared exercise, when picked, gets its expected / actual panel below.
    let picked = data
        .exercises
        .get(state.selected().unwrap_or(0))
        .map(|e| e.name.as_str());
    let panel_for = picked.filter(|name| {
        data.feared.iter().any(|f| f == name) || data.exposures.iter().any(|(n, _)| n == name)
    });
    let area = match panel_for {
        Some(name) if area.height >= 12 => {
            let [table, panel] =
                Layout::vertical([Constraint::Min(4), Constraint::Length(9)]).areas(area);
            draw_exposure(frame, panel, data, name, theme);
            table
        }
        // Too short for the chart: the gap in words, on one line.
        Some(name) if area.height >= 4 => {
            let [table, line] =
                Layout::vertical([Constraint::Min(2), Constraint::Length(1)]).areas(area);
            let tries = data
                .exposures
                .iter()
                .find(|(n, _)| n == name)
                .map_or(&[][..], |(_, t)| t.as_slice());
            let text = insights::exposure_stat(tries).map_or_else(
                || "◆ feared: no answers yet".to_string(),
                |s| format!("◆ {}", s.sentence()),
            );
            frame.render_widget(
                Line::styled(fit(&text, usize::from(line.width)), theme.dim),
                line,
            );
            table
        }
        _ => area,
    };
    // A narrow terminal keeps the name, the comfort and the pain change.
    let columns = Columns {
        titles: ["Exercise", "Done", "Last", "Comfort", "Pain ±"],
        wide: area.width >= 64,
        dropped: [1, 2],
        wide_widths: [
            Constraint::Fill(1),
            Constraint::Length(5),
            Constraint::Length(10),
            Constraint::Length(16),
            Constraint::Length(11),
        ],
        narrow_widths: [
            Constraint::Fill(1),
            Constraint::Length(9),
            Constraint::Length(9),
        ],
    };
    let wide = columns.wide;
    let rows = data.exercises.iter().map(|e| {
        let comfort = match e.comfort {
            Some(c) if wide => format!("{} {c:.1} ({})", "★".repeat(c.round() as usize), e.ratings),
            Some(c) => format!("★{c:.1} ({})", e.ratings),
            None => "not rated".to_string(),
        };
        let pain = match e.pain_change {
            Some(p) if e.pain_n > 0 => format!(
                "{}{:.1} ({})",
                if p < 0.0 { "−" } else { "+" },
                p.abs(),
                e.pain_n
            ),
            _ => "–".to_string(),
        };
        let feared = if data.feared.contains(&e.name) {
            "◆ "
        } else {
            ""
        };
        [
            format!("{feared}{}", one_line(&e.name)),
            e.times.to_string(),
            e.last.to_string(),
            comfort,
            pain,
        ]
    });
    columns.draw(frame, area, rows, *state, theme);
}

/// Expected against actual pain of one feared exercise: two lines over
/// time, and the mean gap in words with its number of tries.
fn draw_exposure(frame: &mut Frame, area: Rect, data: &HistoryData, name: &str, theme: &Theme) {
    let tries: &[crate::model::Exposure] = data
        .exposures
        .iter()
        .find(|(n, _)| n == name)
        .map_or(&[], |(_, t)| t.as_slice());
    let [sentence, chart_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let Some(stat) = insights::exposure_stat(tries) else {
        frame.render_widget(
            Paragraph::new(format!(
                "◆ {} is an exercise you fear. Before its first set limber asks how much you expect it to hurt, and after its last how much it did; here the two will meet.",
                one_line(name)
            ))
            .style(theme.dim)
            .wrap(Wrap { trim: true }),
            area,
        );
        return;
    };
    let title = fit(
        &format!("◆ {}: ", one_line(name)),
        usize::from(sentence.width),
    );
    let rest = usize::from(sentence.width).saturating_sub(columns(&title));
    frame.render_widget(
        Line::from(vec![
            Span::styled(title, theme.title),
            Span::raw(fit(&stat.sentence(), rest)),
        ]),
        sentence,
    );
    // The legend under the sentence, beside the plot rather than over its
    // newest tries.
    let key = super::trends::legend(
        &[
            ("• expected".to_string(), theme.warn),
            ("█ actual".to_string(), theme.good),
        ],
        chart_area.width,
    );
    let [key_area, chart_area] =
        Layout::vertical([Constraint::Length(key.len() as u16), Constraint::Min(1)])
            .areas(chart_area);
    frame.render_widget(Paragraph::new(key), key_area);
    let x = |d: Date| (d - data.from).whole_days() as f64;
    let expected: Vec<(f64, f64)> = tries
        .iter()
        .filter_map(|t| Some((x(t.date), f64::from(t.expected?))))
        .collect();
    let actual: Vec<(f64, f64)> = tries
        .iter()
        .filter_map(|t| Some((x(t.date), f64::from(t.actual?))))
        .collect();
    let span = x(data.to).max(1.0);
    let chart = Chart::new(vec![
        Dataset::default()
            .name("• expected")
            .data(&expected)
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(theme.warn),
        Dataset::default()
            .name("█ actual")
            .data(&actual)
            .marker(Marker::Block)
            .graph_type(GraphType::Line)
            .style(theme.good),
    ])
    .x_axis(
        Axis::default()
            .bounds([0.0, span])
            .labels([
                axis_date(data.from, span > 180.0),
                axis_date(data.to, span > 180.0),
            ])
            .style(theme.dim),
    )
    .y_axis(
        Axis::default()
            .bounds([0.0, 10.0])
            .labels(["0", "10"])
            .style(theme.dim),
    )
    .legend_position(None);
    frame.render_widget(chart, chart_area);
}
