//! How the Diary draws: the list with each note in full, and one entry
//! opened with every field.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{DiaryEntry, Opened, kind_name, list_values, with_words};
use crate::keymap::{Action, Keymap};
use crate::model::{CheckInKind, EntryKind, EntryValues, ExerciseStatus};
use crate::text::one_line;
use crate::tui::widgets::{clock_text, wrap};
use crate::tui::{keys, theme::Theme};

/// The one text-fitting rule (`text::fit`), for the Diary's drawing.
pub(super) use crate::text::fit;

/// Rows of one entry in the list: its line, then its note in full.
fn entry_lines(e: &DiaryEntry, width: usize, wide: bool, theme: &Theme) -> Vec<Line<'static>> {
    let room = width.saturating_sub(2);
    let when = if wide {
        format!("{:<16}", e.when())
    } else {
        // "11-30 08:12": the year goes first on a narrow terminal.
        let date = e.entry.local_date.to_string();
        format!("{:<11}", format!("{} {}", &date[5..], e.time).trim_end())
    };
    let kind = if wide {
        format!(
            "  {:<8}  ",
            kind_name(e.entry.kind()).split(' ').next().unwrap_or("")
        )
    } else {
        " ".to_string()
    };
    let head = fit(&format!("{when}{kind}{}", list_values(&e.entry)), room);
    let mut lines = vec![Line::raw(head)];
    // What went with a check-in, under its line.
    if let Some(with) = with_words(&e.with) {
        lines.push(Line::styled(
            format!("    {}", fit(&with, room.saturating_sub(4))),
            theme.dim,
        ));
    }
    if let Some(note) = e.entry.note.as_deref() {
        let quoted = format!("“{}”", one_line(note));
        for part in wrap(&quoted, room.saturating_sub(4).max(8)) {
            lines.push(Line::styled(format!("    {part}"), theme.dim));
        }
    }
    lines
}

/// The entries from the first that keeps the picked one in sight, each
/// with its note; the picked one marked with `›`.
pub(super) fn draw_list(
    frame: &mut Frame,
    area: Rect,
    entries: &[DiaryEntry],
    selected: usize,
    theme: &Theme,
) {
    let width = usize::from(area.width);
    let wide = area.width >= 60;
    let height = usize::from(area.height);
    let selected = selected.min(entries.len().saturating_sub(1));
    // Walk back from the picked entry while the entries fit: the picked one
    // is in sight (at the foot once the list has scrolled).
    let picked = entry_lines(&entries[selected], width, wide, theme).len();
    let mut first = selected;
    let mut used = picked.min(height);
    while first > 0 {
        let above = entry_lines(&entries[first - 1], width, wide, theme).len();
        if used + above > height {
            break;
        }
        used += above;
        first -= 1;
    }
    let mut lines: Vec<Line> = Vec::new();
    for (i, e) in entries.iter().enumerate().skip(first) {
        if lines.len() >= height {
            break;
        }
        for (n, line) in entry_lines(e, width, wide, theme).into_iter().enumerate() {
            let mark = if i == selected && n == 0 {
                "› "
            } else {
                "  "
            };
            let style = if i == selected && n == 0 {
                theme.selected
            } else {
                line.style
            };
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            lines.push(Line::from(vec![
                Span::styled(mark, theme.accent),
                Span::styled(text, style),
            ]));
        }
    }
    lines.truncate(height);
    frame.render_widget(Paragraph::new(lines), area);
}

/// One entry with every field, its note in full and, for a session, its
/// exercises with how each went and its rating.
pub(super) fn draw_opened(
    frame: &mut Frame,
    area: Rect,
    entry: &DiaryEntry,
    opened: &Opened,
    map: &Keymap,
    theme: &Theme,
) {
    let e = &entry.entry;
    let width = usize::from(area.width).max(10);
    let mut lines = vec![Line::styled(
        fit(
            &format!("{} · {}", capitalised(kind_name(e.kind())), entry.when()),
            width,
        ),
        theme.title,
    )];
    let mut field = |name: &str, value: String| {
        for (i, part) in wrap(&format!("{name}: {value}"), width)
            .into_iter()
            .enumerate()
        {
            lines.push(Line::raw(if i == 0 { part } else { format!("  {part}") }));
        }
    };
    match &e.values {
        EntryValues::CheckIn { context, scales } => {
            let scale = |v: Option<u8>| v.map_or("not answered".to_string(), |v| v.to_string());
            field("Pain", scales.pain.to_string());
            field("Anxiety", scales.anxiety.to_string());
            field("Mood", scales.mood.to_string());
            field("Fear of movement", scale(scales.fear));
            let context = match context {
                CheckInKind::Before => "before a session",
                CheckInKind::After => "after a session",
                CheckInKind::Daily => "on its own (daily)",
            };
            field("When", context.to_string());
            let none = || "none".to_string();
            let tags: Vec<String> = entry.with.tags.iter().map(|t| one_line(t)).collect();
            field(
                "Tags",
                Some(tags.join(", "))
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(none),
            );
            let places: Vec<&str> = entry.with.regions.iter().map(|r| r.label()).collect();
            field(
                "Where it hurts",
                Some(places.join(", "))
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(none),
            );
            let took: Vec<String> = entry
                .with
                .took
                .iter()
                .map(|t| one_line(&t.to_string()))
                .collect();
            field(
                "What you took",
                Some(took.join(", "))
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(none),
            );
        }
        EntryValues::Session {
            routine, minutes, ..
        } => {
            field("Activity", one_line(routine));
            field("Minutes", minutes.to_string());
            field("Status", e.status_word().to_string());
        }
        EntryValues::Flare => field("Day", "a flare-up: a rest day you chose".to_string()),
        EntryValues::Fitness { .. } | EntryValues::Wellbeing { .. } => {
            field("Result", e.self_test_values())
        }
    }
    let note = e.note.as_deref().map_or("none".to_string(), one_line);
    lines.push(Line::raw("Note:"));
    for part in wrap(&note, width.saturating_sub(2)) {
        lines.push(Line::raw(format!("  {part}")));
    }
    if e.kind() == EntryKind::Session {
        lines.push(Line::raw(""));
        match &opened.exercises {
            None => lines.push(Line::styled("reading its exercises…", theme.dim)),
            Some(list) if list.is_empty() => lines.extend(
                wrap(
                    "No exercises recorded (a logged activity, or ended before the first).",
                    width,
                )
                .into_iter()
                .map(|part| Line::styled(part, theme.dim)),
            ),
            Some(list) => {
                for x in list {
                    let status = match x.status {
                        ExerciseStatus::Done => "done",
                        ExerciseStatus::Partial => "partly",
                        ExerciseStatus::Skipped => "skipped",
                    };
                    let rating = x
                        .comfort
                        .map_or("not rated".to_string(), |c| "★".repeat(usize::from(c)));
                    lines.push(Line::raw(fit(
                        &format!(
                            "{:<24} {:<7} {:>5}  {rating}",
                            fit(&one_line(&x.name), 24),
                            status,
                            clock_text(u64::from(x.actual_seconds))
                        ),
                        width,
                    )));
                }
            }
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        fit(
            &format!(
                "{} edit · {} delete · {} back to the list",
                keys::first(map, Action::EditEntry),
                keys::first(map, Action::DeleteEntry),
                keys::first(map, Action::Back)
            ),
            width,
        ),
        theme.dim,
    ));
    let scroll = opened
        .scroll
        .min((lines.len() as u16).saturating_sub(area.height));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_does_not_fit_ends_with_an_ellipsis() {
        assert_eq!(fit("abc", 3), "abc");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("膝が痛い", 5), "膝が…");
    }
}
