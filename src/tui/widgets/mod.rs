//! Widgets shared by the screens.

pub mod body_map;
pub mod countdown;
pub mod keys_overlay;
pub mod questionnaire;
pub mod slider;

use ratatui::layout::{Constraint, Flex, Layout, Rect};

/// A rectangle of at most `width` × `height` centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// "4:05" or "1:02:03": a clock for people, not a duration format.
pub fn clock_text(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A progress bar of `width` cells: full blocks for what is done, eighths
/// for the cell under way, and a light shade for what is left, so it reads
/// without colour.
pub fn bar(ratio: f64, width: u16) -> String {
    const PARTS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let width = usize::from(width);
    let eighths = (ratio.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let (full, part) = (eighths / 8, eighths % 8);
    let mut out = "█".repeat(full);
    if full < width {
        if part > 0 {
            out.push(PARTS[part]);
        } else {
            out.push('░');
        }
        out.push_str(&"░".repeat(width - full - 1));
    }
    out
}

/// Text broken into lines that fit, by columns: `text::wrap`.
pub use crate::text::wrap;

/// A question asked at start (an unfinished session, entries left
/// unsaved): its lines in a bordered box, wrapped.
pub fn question(lines: Vec<ratatui::text::Line<'_>>) -> ratatui::widgets::Paragraph<'_> {
    use ratatui::widgets::{Block, Padding, Paragraph, Wrap};
    Paragraph::new(lines).wrap(Wrap { trim: false }).block(
        Block::bordered()
            .title(" limber ")
            .padding(Padding::horizontal(1)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_at_spaces_and_breaks_long_words() {
        assert_eq!(wrap("terminal too small", 9), vec!["terminal", "too small"]);
        assert_eq!(wrap("abcdef", 4), vec!["abcd", "ef"]);
        assert_eq!(wrap("a", 1), vec!["a"]);
    }

    #[test]
    fn bars_fill_in_eighths() {
        assert_eq!(bar(0.0, 4), "░░░░");
        assert_eq!(bar(0.5, 4), "██░░");
        assert_eq!(bar(0.5625, 4), "██▎░");
        assert_eq!(bar(1.0, 4), "████");
        assert_eq!(bar(2.0, 3), "███");
    }

    #[test]
    fn clock_text_reads_like_a_clock() {
        assert_eq!(clock_text(0), "0:00");
        assert_eq!(clock_text(65), "1:05");
        assert_eq!(clock_text(3723), "1:02:03");
    }
}
