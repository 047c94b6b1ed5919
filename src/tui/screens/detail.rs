//! A routine's detail: its exercises with durations, sets, sides,
//! instructions and what to stop for. Enter starts it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::config::Config;
use crate::keymap::Action;
use crate::routine::{Routine, Source};
use crate::text::{columns, count, fit, one_line};
use crate::tui::hits::Hits;
use crate::tui::screens::Context;
use crate::tui::widgets::wrap;
use crate::tui::{keys, theme::Theme};

#[derive(Debug, Clone)]
pub struct Detail {
    pub routine: Routine,
    /// The exercise picked with ↑ ↓ (for `f`, "I fear this one").
    pub selected: usize,
}

/// What a key on a routine's detail asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    None,
    Start,
    /// Open the routine in the user's editor.
    Edit,
    /// `e` on a routine with no file behind it (the favourites).
    NoFile,
    /// Mark this exercise as feared, or not any more.
    Fear(String),
    Back,
}

/// The lines of every exercise, and the line each exercise starts on.
fn exercise_lines(
    routine: &Routine,
    config: &Config,
    width: u16,
    selected: usize,
    feared: &[String],
    theme: &Theme,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let mut starts = Vec::new();
    let indented = |text: &str| {
        wrap(&one_line(text), usize::from(width.saturating_sub(4)))
            .into_iter()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
    };
    let mut lines = Vec::new();
    for (i, e) in routine.exercises.iter().enumerate() {
        let parts = e.dose(config.default_rest, i + 1 == routine.exercises.len());
        starts.push(lines.len());
        let marker = if i == selected { "›" } else { " " };
        // The row fits its width: the name first, then the kind and dose,
        // ended with "…" when cut, and the feared mark kept whole.
        let width = usize::from(width);
        let name = fit(
            &format!("{:>2}. {}", i + 1, one_line(&e.name)),
            width.saturating_sub(1),
        );
        let mark = if feared.contains(&e.name) {
            "  ◆ feared"
        } else {
            ""
        };
        let room = width.saturating_sub(1 + columns(&name) + columns(mark));
        let mut head = vec![
            Span::styled(marker, theme.accent),
            Span::styled(name, theme.title),
            Span::styled(
                fit(&format!("  {} · {}", e.kind, parts.join(" · ")), room),
                theme.dim,
            ),
        ];
        if !mark.is_empty() {
            head.push(Span::styled(mark, theme.warn));
        }
        lines.push(Line::from(head));
        lines.extend(indented(&e.instructions).into_iter().map(Line::raw));
        if let Some(stop) = &e.stop_if {
            lines.extend(
                indented(stop)
                    .into_iter()
                    .map(|l| Line::styled(l, theme.dim)),
            );
        }
    }
    (lines, starts)
}

impl Detail {
    pub fn new(routine: Routine) -> Detail {
        Detail {
            routine,
            selected: 0,
        }
    }

    /// The routine as it reads after an edit; the pick stays where it can.
    pub fn refresh(&mut self, routine: Routine) {
        self.routine = routine;
        self.selected = self
            .selected
            .min(self.routine.exercises.len().saturating_sub(1));
    }

    /// Whether a file describes the routine (a built-in one is copied to
    /// one when edited); the favourites are made from ratings instead.
    pub fn has_file(&self) -> bool {
        self.routine.path.is_some() || self.routine.source == Source::Builtin
    }

    /// What an action does here.
    pub fn handle_key(&mut self, action: Option<Action>) -> Outcome {
        match action {
            Some(Action::Start) => Outcome::Start,
            Some(Action::Edit) if self.has_file() => Outcome::Edit,
            Some(Action::Edit) => Outcome::NoFile,
            Some(Action::Fear) => match self.routine.exercises.get(self.selected) {
                Some(e) => Outcome::Fear(e.name.clone()),
                None => Outcome::None,
            },
            Some(Action::Back) => Outcome::Back,
            Some(a) => {
                let len = self.routine.exercises.len();
                if let Some(i) = keys::list_move(a, self.selected, len) {
                    self.selected = i;
                }
                Outcome::None
            }
            None => Outcome::None,
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, _hits: &mut Hits) {
        let (config, feared, theme) = (cx.config, cx.feared, cx.theme);
        let [title, summary, _, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let r = &self.routine;
        frame.render_widget(Line::styled(one_line(&r.name), theme.title), title);
        let total = r.total_seconds(config.get_ready, config.default_rest);
        let mut text = format!(
            "{} · about {}",
            count(r.exercises.len() as u64, "exercise", "exercises"),
            crate::routine::format_about(total)
        );
        if !r.description.is_empty() {
            text.push_str(&format!(" · {}", one_line(&r.description)));
        }
        frame.render_widget(
            Line::styled(
                crate::text::fit(&text, usize::from(summary.width)),
                theme.dim,
            ),
            summary,
        );
        frame.render_widget(
            {
                let (lines, starts) =
                    exercise_lines(r, config, body.width, self.selected, feared, theme);
                // Keep the picked exercise on screen: its first line in the
                // top third once the list no longer fits.
                let start = starts.get(self.selected).copied().unwrap_or(0);
                let end = starts
                    .get(self.selected + 1)
                    .copied()
                    .unwrap_or(lines.len());
                let height = usize::from(body.height);
                let scroll = if end > height {
                    start.saturating_sub(height / 3)
                } else {
                    0
                };
                Paragraph::new(lines).scroll((scroll as u16, 0))
            },
            body,
        );
        // An exercise already marked offers to be unmarked.
        let marked = r
            .exercises
            .get(self.selected)
            .is_some_and(|e| feared.contains(&e.name));
        let rows: Vec<keys::Row> = keys::DETAIL
            .iter()
            .map(|row| match row.actions {
                [Action::Fear] if marked => keys::Row {
                    label: "unmark it as one you fear",
                    ..*row
                },
                _ => *row,
            })
            .collect();
        frame.render_widget(
            keys::footer(&config.keys, &rows, footer.width, theme),
            footer,
        );
    }
}
