//! The `?` overlay: the keys of the screen at hand, read from the user's
//! keymap, in a frame centred over the screen. Any key closes it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::keymap::Keymap;
use crate::tui::keys::{self, Row};
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, wrap};

/// The overlay for a screen's rows; it is rendered over the whole area and
/// centres itself.
pub struct KeysOverlay<'a> {
    pub map: &'a Keymap,
    pub rows: &'a [Row],
    pub theme: &'a Theme,
}

impl Widget for KeysOverlay<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // Keys in a column 14 wide (or as wide as the longest), then the action;
        // on a small terminal the actions wrap, and how to close it is in the
        // frame's title, where it cannot be cut off.
        let hints = keys::help_lines(self.map, self.rows);
        let column = hints
            .iter()
            .map(|(k, _)| k.chars().count() + 1)
            .max()
            .unwrap_or(0)
            .max(14);
        let width = hints
            .iter()
            .map(|(_, label)| column + label.chars().count())
            .max()
            .unwrap_or(20)
            .max(30) as u16
            + 2;
        let width = width.min(area.width);
        let text_width = usize::from(width.saturating_sub(2))
            .saturating_sub(column)
            .max(8);
        // Wrapped, unless that would push rows off the bottom: then one line
        // each, cut short, so every key still shows.
        let wrapped: Vec<Vec<String>> = hints
            .iter()
            .map(|(_, label)| wrap(label, text_width))
            .collect();
        let fits = wrapped.iter().map(Vec::len).sum::<usize>() + 2 <= usize::from(area.height);
        let mut lines: Vec<Line> = Vec::new();
        for ((keys, label), parts) in hints.iter().zip(wrapped) {
            let parts = if fits {
                parts
            } else {
                vec![crate::text::fit(label, text_width)]
            };
            for (i, part) in parts.into_iter().enumerate() {
                let keys = if i == 0 { keys.as_str() } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("{keys:<column$}"), self.theme.key),
                    Span::raw(part),
                ]));
            }
        }
        let popup = centered(area, width, lines.len() as u16 + 2);
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .block(Block::bordered().title(" keys · any key closes this "))
            .render(popup, buf);
    }
}
