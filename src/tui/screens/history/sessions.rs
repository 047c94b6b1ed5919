//! History's Sessions tab: one row a session (date and time of day, name,
//! minutes, how it ended, pain before → after; a note and the gentle
//! version marked), and one session opened with its exercises.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, TableState};

use super::table::Columns;
use super::{HistoryData, SessionDetail, empty};
use crate::keymap::{Action, Keymap};
use crate::model::{ExerciseStatus, SessionKind, SessionStatus};
use crate::store::SessionLine;
use crate::text::{fit, one_line};
use crate::tui::widgets::clock_text;
use crate::tui::{keys, theme::Theme};

/// The mark of a session with a note, explained under the table.
const NOTE_MARK: &str = "✎";
/// What marks the gentle version of a routine.
const GENTLE: &str = " (gentle)";
/// What the marks mean, those the list holds, for the line under the table.
fn legend(sessions: &[SessionLine]) -> Option<String> {
    let mut parts = Vec::new();
    if sessions.iter().any(has_note) {
        parts.push(format!("{NOTE_MARK} has a note"));
    }
    if sessions
        .iter()
        .any(|s| s.gentle && s.kind != SessionKind::Logged)
    {
        parts.push(if parts.is_empty() {
            format!("{} is the gentle version", GENTLE.trim())
        } else {
            format!("{GENTLE} the gentle version").trim().to_string()
        });
    }
    if sessions.iter().any(|s| status_word(s) == "short") {
        parts.push("short: too little done to count".to_string());
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn has_note(s: &SessionLine) -> bool {
    s.note.as_deref().is_some_and(|n| !n.trim().is_empty())
}

/// The name cell: the note mark first, then the routine or activity, then
/// what kind of session it was; a cut shortens the name, never the marks.
fn name_cell(s: &SessionLine, room: usize, wide: bool) -> String {
    let mark = if has_note(s) {
        format!("{NOTE_MARK} ")
    } else {
        String::new()
    };
    // A narrow table has no Status column: a short session says so here.
    let kind = if s.kind == SessionKind::Logged {
        " (logged)"
    } else if !wide && status_word(s) == "short" {
        " (short)"
    } else if s.gentle {
        GENTLE
    } else {
        ""
    };
    let marks = Span::raw(mark.as_str()).width() + Span::raw(kind).width();
    if room <= marks {
        return fit(&format!("{mark}{}{kind}", one_line(&s.activity)), room);
    }
    format!("{mark}{}{kind}", fit(&one_line(&s.activity), room - marks))
}

/// How it ended, in the Status column: "short" for one with too little
/// done to count as a session toward the week (`insights::count`).
pub(crate) fn status_word(s: &SessionLine) -> &'static str {
    use crate::insights::count::{Credit, credit};
    match s.status {
        SessionStatus::InProgress => s.status.word(),
        _ if credit(&s.work()) == Credit::Short => "short",
        status => status.word(),
    }
}

/// "2026-11-16 08:30", or "11-16 08:30" where room is short (the range
/// line above says the year).
fn when(s: &SessionLine, wide: bool) -> String {
    let time = format!(
        "{:02}:{:02}",
        s.started_at.time().hour(),
        s.started_at.time().minute()
    );
    if wide {
        format!("{} {time}", s.date)
    } else {
        format!("{:02}-{:02} {time}", u8::from(s.date.month()), s.date.day())
    }
}

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
    // The legend takes the last line when a session it explains is listed.
    let legend = legend(&data.session_lines).filter(|_| area.height > 3);
    let (area, legend) = match legend {
        Some(text) => {
            let [table, line] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
            (table, Some((text, line)))
        }
        None => (area, None),
    };
    let wide = area.width >= 64;
    // The fixed columns, the "› " mark and a space between columns.
    let fixed: u16 = if wide {
        16 + 4 + 11 + 12 + 2 + 4
    } else {
        11 + 12 + 2 + 2
    };
    let room = usize::from(area.width.saturating_sub(fixed));
    // Only the rows that fit are built: ten years of sessions draw as fast
    // as two weeks of them.
    let visible = usize::from(area.height.saturating_sub(1)).max(1);
    let selected = state
        .selected()
        .unwrap_or(0)
        .min(data.session_lines.len() - 1);
    let first = selected.saturating_sub(visible - 1);
    let rows = data.session_lines[first..].iter().take(visible).map(|s| {
        let status = status_word(s);
        [
            when(s, wide),
            name_cell(s, room, wide),
            format!("{:>3}", crate::insights::minutes(s.active_seconds)),
            status.to_string(),
            pain_change(s.pain_before, s.pain_after),
        ]
    });
    // A narrow terminal keeps the date, the name and the pain.
    let columns = Columns {
        // "Routine or activity" would be cut short where room is short.
        titles: [
            "When",
            if wide {
                "Routine or activity"
            } else {
                "Session"
            },
            "Min",
            "Status",
            "Pain",
        ],
        wide,
        dropped: [2, 3],
        wide_widths: [
            Constraint::Length(16),
            Constraint::Fill(1),
            Constraint::Length(4),
            Constraint::Length(11),
            Constraint::Length(12),
        ],
        narrow_widths: [
            Constraint::Length(11),
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
    if let Some((text, line)) = legend {
        frame.render_widget(
            Line::styled(fit(&text, usize::from(line.width)), theme.dim),
            line,
        );
    }
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
            fit(
                &format!(
                    "{}{} · {}",
                    one_line(&s.activity),
                    if s.gentle { GENTLE } else { "" },
                    when(s, true)
                ),
                usize::from(area.width),
            ),
            theme.title,
        ),
        Line::raw(format!(
            "{} active · pain {}",
            clock_text(u64::from(s.active_seconds)),
            pain_change(s.pain_before, s.pain_after)
        )),
    ];
    if status_word(s) == "short" {
        let said = format!(
            "Short: {} of {} exercises done; {} or ten minutes count as a session.",
            s.exercises_done,
            s.exercises,
            crate::insights::count::exercises_to_count(s.exercises)
        );
        lines.push(Line::styled(fit(&said, usize::from(area.width)), theme.dim));
    }
    if let Some(note) = s.note.as_deref().filter(|n| !n.trim().is_empty()) {
        let note = format!("{NOTE_MARK} {}", one_line(note));
        lines.push(Line::raw(fit(&note, usize::from(area.width))));
    }
    lines.push(Line::raw(""));
    if detail.exercises.is_empty() {
        lines.push(Line::styled(
            fit(
                "No exercises recorded (a logged activity, or ended before the first).",
                usize::from(area.width),
            ),
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
        // The name gives way first, so a narrow terminal keeps the rating.
        let name = usize::from(area.width).saturating_sub(27).clamp(8, 30);
        let line = format!(
            "{:<name$} {:<8} {:>6}  {rating}",
            fit(&one_line(&e.name), name),
            status,
            clock_text(u64::from(e.actual_seconds))
        );
        lines.push(Line::raw(fit(&line, usize::from(area.width))));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("{} back to the list", keys::first(map, Action::Back)),
        theme.dim,
    ));
    frame.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    fn line(note: Option<&str>, gentle: bool) -> SessionLine {
        SessionLine {
            id: 1,
            date: date!(2026 - 11 - 16),
            activity: "Breathe and relax".to_string(),
            kind: SessionKind::Guided,
            status: SessionStatus::Completed,
            active_seconds: 540,
            pain_before: None,
            pain_after: None,
            started_at: datetime!(2026-11-16 07:25 UTC),
            gentle,
            note: note.map(str::to_string),
            exercises: 7,
            exercises_done: 7,
        }
    }

    #[test]
    fn the_legend_explains_only_the_marks_listed() {
        assert_eq!(legend(&[line(None, false)]), None);
        assert_eq!(legend(&[line(Some("  "), false)]), None, "a blank note");
        assert_eq!(
            legend(&[line(Some("stiff"), false)]).as_deref(),
            Some("✎ has a note")
        );
        assert_eq!(
            legend(&[line(None, true)]).as_deref(),
            Some("(gentle) is the gentle version")
        );
        assert_eq!(
            legend(&[line(None, true), line(Some("stiff"), false)]).as_deref(),
            Some("✎ has a note · (gentle) the gentle version")
        );
    }

    #[test]
    fn a_cut_name_keeps_its_marks_and_ends_in_an_ellipsis() {
        let s = line(Some("stiff"), true);
        assert_eq!(name_cell(&s, 40, true), "✎ Breathe and relax (gentle)");
        assert_eq!(name_cell(&s, 20, true), "✎ Breathe… (gentle)");
        assert_eq!(fit("Breathe", 7), "Breathe");
        assert_eq!(fit("Breathe and", 8), "Breathe…");
    }
}
