//! The safety notice, shown once before anything else: the signs that mean
//! seeing a clinician now, and that limber is not a doctor. On a small
//! terminal it scrolls, and Enter only counts as "read" once the end has
//! been on screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};

use crate::keymap::{Action, Keymap};
use crate::safety::RED_FLAGS;
use crate::tui::widgets::wrap;
use crate::tui::{keys, theme::Theme};

/// The notice's lines, wrapped to `width`.
fn lines(width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let width = usize::from(width.max(8));
    let mut out = vec![Line::styled("Before you start", theme.title), Line::raw("")];
    let para = |text: &str, out: &mut Vec<Line<'static>>| {
        out.extend(wrap(text, width).into_iter().map(Line::raw));
    };
    para(
        "limber guides gentle exercise and keeps your own numbers. It is not a doctor.",
        &mut out,
    );
    out.push(Line::raw(""));
    out.extend(
        wrap("See a clinician now, not a routine, if you have:", width)
            .into_iter()
            .map(|l| Line::styled(l, theme.title)),
    );
    for flag in RED_FLAGS {
        for (i, part) in wrap(flag, width.saturating_sub(4).max(4))
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 { "  ! " } else { "    " };
            out.push(Line::from(vec![
                Span::styled(lead, theme.warn),
                Span::raw(part),
            ]));
        }
    }
    out.push(Line::raw(""));
    para(
        "Stop any exercise that causes sharp pain, or pain, numbness or tingling down a leg.",
        &mut out,
    );
    out
}

/// The inner size of the notice's frame for a terminal area: text width
/// and the rows the text may use (the last inner row holds the keys).
fn viewport(area: Rect) -> (u16, u16) {
    (area.width.saturating_sub(4), area.height.saturating_sub(4))
}

/// How far the notice can scroll in an area of this size.
pub fn max_scroll(area: Rect) -> u16 {
    let (width, rows) = viewport(area);
    // Only the count matters here, and styles do not change it.
    (lines(width, &Theme::default()).len() as u16).saturating_sub(rows)
}

/// The notice, scrolled this far.
#[derive(Debug, Clone, Default)]
pub struct Safety {
    pub scroll: u16,
}

/// What a key on the notice asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    None,
    /// Read to the end: go on, and do not show it again.
    Read,
    Quit,
}

impl Safety {
    /// What an action does here; `area` is the terminal the notice is drawn
    /// in, which decides how far it scrolls.
    pub fn handle_key(&mut self, action: Option<Action>, area: Rect) -> Outcome {
        let end = max_scroll(area);
        let page = area.height.saturating_sub(5).max(1);
        let scroll = &mut self.scroll;
        match action {
            Some(Action::ReadOn) if *scroll >= end => return Outcome::Read,
            // Not all of it was on screen yet: it reads on.
            Some(Action::ReadOn | Action::PageDown) => *scroll = (*scroll + page).min(end),
            Some(Action::PageUp) => *scroll = scroll.saturating_sub(page),
            Some(Action::Down) => *scroll = (*scroll + 1).min(end),
            Some(Action::Up) => *scroll = scroll.saturating_sub(1),
            Some(Action::First) => *scroll = 0,
            Some(Action::Last) => *scroll = end,
            Some(Action::Quit) => return Outcome::Quit,
            _ => {}
        }
        Outcome::None
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, map: &Keymap, theme: &Theme) {
        let block = Block::bordered()
            .title(" limber ")
            .padding(Padding::horizontal(1));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [text, _, keys] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        let (width, _) = viewport(area);
        let scroll = self.scroll.min(max_scroll(area));
        frame.render_widget(
            Paragraph::new(lines(width, theme)).scroll((scroll, 0)),
            text,
        );
        let footer = if scroll < max_scroll(area) {
            Line::from(vec![
                Span::styled(
                    format!(
                        "{} {}",
                        keys::first(map, Action::Down),
                        keys::first(map, Action::ReadOn)
                    ),
                    theme.key,
                ),
                Span::raw(" read on  ·  "),
                Span::styled(keys::first(map, Action::Quit), theme.key),
                Span::raw(" quit"),
            ])
        } else {
            Line::from(vec![
                Span::styled(keys::first(map, Action::ReadOn), theme.key),
                Span::raw(" I have read this  ·  "),
                Span::styled(keys::first(map, Action::Quit), theme.key),
                Span::raw(" quit"),
            ])
        };
        frame.render_widget(footer, keys);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_big_terminal_shows_it_all_and_a_small_one_scrolls() {
        assert_eq!(max_scroll(Rect::new(0, 0, 80, 24)), 0);
        assert!(max_scroll(Rect::new(0, 0, 44, 14)) > 0);
    }
}
