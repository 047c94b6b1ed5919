//! History's Sessions tab: one row a session (date, name, minutes, how it
//! ended, pain before → after), and one session opened with its exercises.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, TableState};

use super::table::Columns;
use super::{HistoryData, SessionDetail, empty};
use crate::keymap::{Action, Keymap};
use crate::model::{ExerciseStatus, SessionKind, SessionStatus};
use crate::text::one_line;
use crate::tui::widgets::clock_text;
use crate::tui::{keys, theme::Theme};

/// Pain before → after, with a dash for an answer not given.
fn pain_change(before: Option<u8>, after: Option<u8>) -> String {
    match (before, after) {
        (Some(b), Some(a)) => crate::tui::screens::summary::change("", b, a)
            .trim()
            .to_string(),
        (Some(b), None) => format!("{b} → –"),
        _ => "–".to_string(),
    }
}

/// The rows that fit, scrolled to keep the picked one in sight.
pub(super) fn draw(
    frame: &mut Frame,
    area: Rect,
    data: &HistoryData,
    state: &TableState,
    map: &Keymap,
    theme: &Theme,
) {
    if data.session_lines.is_empty() {
        let text = format!(
            "No sessions in this range yet. Pick a routine on Today and press {}, or press {} for a longer range.",
            keys::first(map, Action::Open),
            keys::first(map, Action::LongerRange)
        );
        empty(frame, area, &text, theme);
        return;
    }
    // Only the rows that fit are built: ten years of sessions draw as fast
    // as two weeks of them.
    let visible = usize::from(area.height.saturating_sub(1)).max(1);
    let selected = state
        .selected()
        .unwrap_or(0)
        .min(data.session_lines.len() - 1);
    let first = selected.saturating_sub(visible - 1);
    let rows = data.session_lines[first..].iter().take(visible).map(|s| {
        let status = match s.status {
            SessionStatus::Completed => "done",
            SessionStatus::Aborted => "ended early",
            SessionStatus::InProgress => "in progress",
        };
        let kind = if s.kind == SessionKind::Logged {
            " (logged)"
        } else {
            ""
        };
        [
            s.date.to_string(),
            format!("{}{kind}", one_line(&s.activity)),
            format!("{:>3}", crate::insights::minutes(s.active_seconds)),
            status.to_string(),
            pain_change(s.pain_before, s.pain_after),
        ]
    });
    // A narrow terminal keeps the date, the name and the pain.
    let columns = Columns {
        titles: ["Date", "Routine or activity", "Min", "Status", "Pain"],
        wide: area.width >= 64,
        dropped: [2, 3],
        wide_widths: [
            Constraint::Length(10),
            Constraint::Fill(1),
            Constraint::Length(4),
            Constraint::Length(11),
            Constraint::Length(12),
        ],
        narrow_widths: [
            Constraint::Length(10),
            Constraint::Fill(1),
            Constraint::Length(12),
        ],
    };
    columns.draw(
        frame,
        area,
        rows,
        TableState::default().with_selected(Some(selected - first)),
        theme,
    );
}

/// One session: its length and pain, then each exercise as it went.
pub(super) fn draw_detail(
    frame: &mut Frame,
    area: Rect,
    detail: &SessionDetail,
    map: &Keymap,
    theme: &Theme,
) {
    let s = &detail.line;
    let mut lines = vec![
        Line::styled(
            format!("{} · {}", one_line(&s.activity), s.date),
            theme.title,
        ),
        Line::raw(format!(
            "{} active · pain {}",
            clock_text(u64::from(s.active_seconds)),
            pain_change(s.pain_before, s.pain_after)
        )),
        Line::raw(""),
    ];
    if detail.exercises.is_empty() {
        lines.push(Line::styled(
            "No exercises recorded (a logged activity, or ended before the first).",
            theme.dim,
        ));
    }
    for e in &detail.exercises {
        let status = match e.status {
            ExerciseStatus::Done => "done",
            ExerciseStatus::Partial => "partly",
            ExerciseStatus::Skipped => "skipped",
        };
        let rating = e.comfort.map_or("not rated".to_string(), |c| {
            format!("{} {c}", "★".repeat(usize::from(c)))
        });
        lines.push(Line::raw(format!(
            "{:<30.30} {:<8} {:>6}  {rating}",
            one_line(&e.name),
            status,
            clock_text(u64::from(e.actual_seconds))
        )));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("{} back to the list", keys::first(map, Action::Back)),
        theme.dim,
    ));
    frame.render_widget(Paragraph::new(lines), area);
}
