//! History's Activity tab: the streak, a calendar of session and flare days,
//! and minutes a week as bars against the weekly goal.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier};
use ratatui::text::Line;
use ratatui::widgets::calendar::{CalendarEventStore, Monthly};
use ratatui::widgets::{Bar, BarChart, BarGroup};
use time::Duration;

use super::{HistoryData, empty};
use crate::insights::{self, Week};
use crate::tui::theme::Theme;

/// The streak line, as many months as fit, a legend and (when tall enough) the bars.
pub(super) fn draw(frame: &mut Frame, area: Rect, data: &HistoryData, theme: &Theme) {
    // A short terminal keeps the calendar and drops the bars.
    let bars_rows = if area.height >= 15 { 3 } else { 0 };
    let [streaks, calendar, legend, bars] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(8),
        Constraint::Length(1),
        Constraint::Min(bars_rows),
    ])
    .areas(area);
    let days = |n: u32| {
        if n == 1 {
            "1 day".to_string()
        } else {
            format!("{n} days")
        }
    };
    let streak = match data.streak {
        0 => "No streak today".to_string(),
        n => format!("Streak {}", days(n)),
    };
    let week = insights::week_start(data.to);
    let goal_now = insights::weekly_goal(
        data.weekly_goal,
        data.flares.iter().any(|d| *d >= week && *d <= data.to),
    );
    frame.render_widget(
        Line::raw(format!(
            "{streak} · longest {} · {} of {goal_now} sessions this week",
            days(data.longest_streak),
            data.this_week,
        )),
        streaks,
    );
    // Active days in reverse video: visible with or without colour.
    let mut events = CalendarEventStore::default();
    let active = theme
        .fg(Color::Green)
        .add_modifier(Modifier::REVERSED | Modifier::BOLD);
    for day in &data.sessions {
        events.add(day.date, active);
    }
    let flare = theme
        .fg(Color::Magenta)
        .add_modifier(Modifier::UNDERLINED | Modifier::ITALIC);
    for day in &data.flares {
        if !data.sessions.iter().any(|s| s.date == *day) {
            events.add(*day, flare);
        }
    }
    let months = (calendar.width / 23).clamp(1, 6);
    let slots = Layout::horizontal(vec![Constraint::Length(23); months as usize]).split(calendar);
    let mut month = data.to.replace_day(1).unwrap_or(data.to);
    for slot in slots.iter().rev() {
        frame.render_widget(
            Monthly::new(month, &events)
                .show_month_header(theme.title)
                .show_weekdays_header(theme.dim),
            *slot,
        );
        // A flare day carries a symbol as well as a style: ⚑ in place of
        // its number (its place in the grid still says which day it is).
        let offset = u16::from(month.weekday().number_days_from_sunday());
        for day in data
            .flares
            .iter()
            .filter(|d| d.month() == month.month() && d.year() == month.year())
        {
            let cell = u16::from(day.day()) - 1 + offset;
            let (x, y) = (slot.x + (cell % 7) * 3, slot.y + 2 + cell / 7);
            if x + 2 < slot.right() && y < slot.bottom() {
                frame.buffer_mut()[(x + 1, y)].set_symbol(" ");
                frame.buffer_mut()[(x + 2, y)].set_symbol("⚑");
            }
        }
        month = month
            .previous_day()
            .and_then(|d| d.replace_day(1).ok())
            .unwrap_or(month);
    }
    frame.render_widget(
        Line::styled(
            "Highlighted: a session · ⚑ rest day you chose · bars: minutes a week, ✓ = goal met",
            theme.dim,
        ),
        legend,
    );
    if bars_rows == 0 {
        return;
    }
    let weeks = insights::weekly_totals(&data.sessions, data.from, data.to);
    if weeks.iter().all(|w| w.sessions == 0) {
        empty(
            frame,
            bars,
            "No sessions in this range yet. Start a routine from Today, or log a walk with `limber log walk --minutes 20`.",
            theme,
        );
        return;
    }
    let fit = usize::from(bars.width / 5).max(1);
    let shown: &[Week] = &weeks[weeks.len().saturating_sub(fit)..];
    let bar_items: Vec<Bar> = shown
        .iter()
        .map(|w| {
            let flare = data
                .flares
                .iter()
                .any(|d| *d >= w.start && *d < w.start + Duration::days(7));
            let met = w.sessions >= insights::weekly_goal(data.weekly_goal, flare);
            Bar::default()
                .value(u64::from(w.minutes))
                .text_value(if met {
                    format!("{}✓", w.minutes)
                } else {
                    w.minutes.to_string()
                })
                .label(Line::from(format!("{:02}", w.start.day())))
                .style(if met { theme.good } else { theme.accent })
        })
        .collect();
    frame.render_widget(
        BarChart::default()
            .data(BarGroup::default().bars(&bar_items))
            .bar_width(4)
            .bar_gap(1),
        bars,
    );
}
