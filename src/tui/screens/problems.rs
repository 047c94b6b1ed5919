//! An edited routine file has problems: each one with its line and
//! column, and the choice to edit it again or keep it as it is.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::keymap::Action;
use crate::routine::Routine;
use crate::text::one_line;
use crate::tui::hits::Hits;
use crate::tui::keys;
use crate::tui::screens::Context;
use crate::tui::screens::today::TodayData;

/// What the loop found after the user edited a routine.
#[derive(Debug, Clone, PartialEq)]
pub struct RoutinesChanged {
    pub routines: Vec<Routine>,
    pub today: TodayData,
    pub slug: String,
    pub path: std::path::PathBuf,
    /// What is wrong with the edited file; empty when it checks.
    pub problems: Vec<crate::located::Located>,
}

/// What a key on the problems page asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    None,
    /// Open the file in the editor again.
    Edit,
    /// Keep it as it is (listed as broken until fixed).
    Back,
}

impl RoutinesChanged {
    /// What an action does here.
    pub fn handle_key(&mut self, action: Option<Action>) -> Outcome {
        match action {
            Some(Action::Edit | Action::Open) => Outcome::Edit,
            Some(Action::Back) => Outcome::Back,
            _ => Outcome::None,
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, _hits: &mut Hits) {
        let (map, theme) = (cx.map, cx.theme);
        let mut lines = vec![
            Line::styled(
                format!(
                    "{} has {}:",
                    self.path.display(),
                    if self.problems.len() == 1 {
                        "a problem"
                    } else {
                        "problems"
                    }
                ),
                theme.title,
            ),
            Line::raw(""),
        ];
        lines.extend(self.problems.iter().map(|p| {
            Line::from(vec![
                Span::styled("✗ ", theme.warn),
                Span::raw(one_line(&format!("{}:{}: {}", p.line, p.column, p.message))),
            ])
        }));
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled(keys::first(map, Action::Edit), theme.key),
            Span::raw(" edit it again    "),
            Span::styled(keys::first(map, Action::Back), theme.key),
            Span::raw(" keep it as it is (listed as broken until fixed)"),
        ]));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
    }
}
