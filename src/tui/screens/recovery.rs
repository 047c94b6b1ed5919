//! The question asked at start when an earlier run could not save some
//! entries and left them in a recovery file: bring them in now, or keep
//! the file for later (`limber import FILE` brings it in any time).

use std::path::PathBuf;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::keymap::Action;
use crate::text::one_line;
use crate::tui::hits::Hits;
use crate::tui::keys;
use crate::tui::screens::Context;

/// The recovery files found in the data folder, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recovery {
    pub files: Vec<PathBuf>,
}

/// What a key on the question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    None,
    BringIn,
    Later,
    Quit,
}

impl Recovery {
    /// The resume question's keys: the first answer brings them in, the
    /// second keeps the file.
    pub fn handle_key(&self, action: Option<Action>) -> Outcome {
        match action {
            Some(Action::Resume) => Outcome::BringIn,
            Some(Action::KeepEnded) => Outcome::Later,
            Some(Action::Quit) => Outcome::Quit,
            _ => Outcome::None,
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, _hits: &mut Hits) {
        let (map, theme) = (cx.map, cx.theme);
        let (they, files) = if self.files.len() == 1 {
            ("It is", "this file")
        } else {
            ("They are", "these files")
        };
        let mut lines = vec![
            Line::styled("Some entries were not saved last time", theme.title),
            Line::raw(""),
            Line::raw(format!(
                "The disk could not take them then, so limber kept them in {files} in the data folder:"
            )),
        ];
        lines.extend(self.files.iter().map(|f| {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            Line::styled(format!("  {}", one_line(&name)), theme.dim)
        }));
        lines.extend([
            Line::raw(""),
            Line::from(vec![
                Span::styled(keys::first(map, Action::Resume), theme.key),
                Span::raw(" bring them in now (anything already here is not added twice)"),
            ]),
            Line::from(vec![
                Span::styled(keys::first(map, Action::KeepEnded), theme.key),
                Span::raw(format!(
                    " keep {files} for later — `limber import FILE` brings it in any time"
                )),
            ]),
            Line::raw(""),
            Line::styled(
                format!("{they} asked about at each start until brought in."),
                theme.dim,
            ),
        ]);
        frame.render_widget(crate::tui::widgets::question(lines), area);
    }
}
