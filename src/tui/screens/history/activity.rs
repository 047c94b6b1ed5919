//! History's Activity tab: the streak, a calendar of session and flare days,
//! and minutes a week as bars against the weekly goal.

use std::collections::HashSet;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};
use time::{Date, Weekday};

use super::{HistoryData, empty};
use crate::insights::{self, Week};
use crate::text::fit;
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
    let weeks_word = |n: u32| super::trends::count(n, "week", "weeks");
    let p = &data.progress;
    let streak = match (p.streak, data.longest_streak) {
        (_, 0) => "No streak yet".to_string(),
        (0, longest) => format!("No streak now · longest {}", weeks_word(longest)),
        (n, longest) => format!(
            "Streak {} at your goal · longest {}",
            weeks_word(n),
            weeks_word(longest)
        ),
    };
    let first = data.week_start;
    let goal_now = p.weekly_goal;
    let sessions_word = if goal_now == 1 { "session" } else { "sessions" };
    frame.render_widget(
        Line::raw(fit(
            &format!(
                "{streak} · {} of {goal_now} {sessions_word} this week",
                p.this_week,
            ),
            usize::from(streaks.width),
        )),
        streaks,
    );
    // Days with a session that counts; a short one's minutes are in the bars.
    let sessions: HashSet<Date> = data
        .sessions
        .iter()
        .filter(|s| s.sessions > 0)
        .map(|s| s.date)
        .collect();
    let flares: HashSet<Date> = data.flares.iter().copied().collect();
    let months = (calendar.width / 23).clamp(1, 6);
    let slots = Layout::horizontal(vec![Constraint::Length(23); months as usize]).split(calendar);
    let mut month = data.to.replace_day(1).unwrap_or(data.to);
    for slot in slots.iter().rev() {
        let days = Month {
            first_day: month,
            week_start: first,
            sessions: &sessions,
            flares: &flares,
        };
        frame.render_widget(Paragraph::new(days.lines(theme)), *slot);
        month = month
            .previous_day()
            .and_then(|d| d.replace_day(1).ok())
            .unwrap_or(month);
    }
    frame.render_widget(
        Line::styled(
            fit(
                "Highlighted: session · ⚑ rest day you chose · bars: minutes a week, ✓ goal met",
                usize::from(legend.width),
            ),
            theme.dim,
        ),
        legend,
    );
    if bars_rows == 0 {
        return;
    }
    let weeks = insights::weekly_totals(&data.sessions, data.from, data.to, first);
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
            let plan = insights::count::Plan::calendar(first, data.weekly_goal);
            let met = w.sessions >= plan.goal_of(w.start, &data.flares);
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

/// One month of the calendar, its weeks beginning on `week_start` (the
/// same day the weekly figures begin on).
struct Month<'a> {
    first_day: Date,
    week_start: Weekday,
    sessions: &'a HashSet<Date>,
    flares: &'a HashSet<Date>,
}

impl Month<'_> {
    /// Its name, the days of the week, then a row per week: a session day
    /// in reverse video (visible with or without colour), a flare day with ⚑
    /// just before its number.
    fn lines(&self, theme: &Theme) -> Vec<Line<'static>> {
        let active = theme
            .fg(Color::Green)
            .add_modifier(Modifier::REVERSED | Modifier::BOLD);
        let flare = theme
            .fg(Color::Magenta)
            .add_modifier(Modifier::UNDERLINED | Modifier::ITALIC);
        let month = self.first_day.month();
        let mut lines = vec![
            Line::styled(format!("{month} {}", self.first_day.year()), theme.title).centered(),
        ];
        let mut day = insights::week_start(self.first_day, self.week_start);
        let names: String = (0..7)
            .map(|i| {
                let name = insights::weekday_short(day.weekday().nth_next(i));
                format!(" {}", &name[..2])
            })
            .collect();
        lines.push(Line::styled(names, theme.dim));
        // A month spans at most six weeks.
        for _ in 0..6 {
            if day.month() != month && day > self.first_day {
                break;
            }
            let mut spans = Vec::with_capacity(14);
            for _ in 0..7 {
                // A flare day keeps its number, the ⚑ in the gap before it.
                if day.month() == month && self.flares.contains(&day) {
                    let style = if self.sessions.contains(&day) {
                        active
                    } else {
                        flare
                    };
                    spans.push(Span::styled(
                        format!("{:>3}", format!("⚑{}", day.day())),
                        style,
                    ));
                    day = day.next_day().unwrap_or(day);
                    continue;
                }
                spans.push(Span::raw(" "));
                let style = if self.sessions.contains(&day) {
                    active
                } else if self.flares.contains(&day) {
                    flare
                } else {
                    ratatui::style::Style::default()
                };
                let text = match day {
                    d if d.month() != month => "  ".to_string(),
                    d => format!("{:2}", d.day()),
                };
                spans.push(if day.month() == month {
                    Span::styled(text, style)
                } else {
                    Span::raw(text)
                });
                day = day.next_day().unwrap_or(day);
            }
            lines.push(Line::from(spans));
        }
        lines
    }
}
