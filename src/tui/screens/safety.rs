//! The safety notice, shown once before anything else: the signs that need
//! help now, in two tiers, and that limber is not a doctor. On a small
//! terminal it scrolls, and Enter only counts as "read" once the end has
//! been on screen. The same list opens over any screen on its key, and on
//! its triggers with the reason first (`RedFlags`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use crate::keymap::Action;
use crate::safety::{NOT_A_DOCTOR, STOP, Warning};
use crate::tui::hits::Hits;
use crate::tui::screens::Context;
use crate::tui::widgets::wrap;
use crate::tui::{keys, theme::Theme};

/// The notice's lines, wrapped to `width`: on 80 columns by 24 rows it
/// fits whole.
fn lines(width: u16, theme: &Theme) -> Vec<Line<'static>> {
    let width = usize::from(width.max(8));
    let mut out: Vec<Line<'static>> = wrap(
        "limber is not a doctor. See a clinician now, not a routine, if you have any of these signs.",
        width,
    )
    .into_iter()
    .map(|l| Line::styled(l, theme.title))
    .collect();
    out.push(Line::raw(""));
    out.extend(list_lines(&Warning::asked(), width, theme));
    out
}

/// A warning's lines, wrapped to `width`: its reasons, each tier's heading
/// and its signs, and what to stop for.
pub fn list_lines(warning: &Warning, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for reason in &warning.reasons {
        out.extend(
            wrap(reason, width)
                .into_iter()
                .map(|l| Line::styled(l, theme.warn)),
        );
        out.push(Line::raw(""));
    }
    for tier in &warning.tiers {
        out.extend(
            wrap(tier.heading(), width)
                .into_iter()
                .map(|l| Line::styled(l, theme.title)),
        );
        for sign in tier.signs() {
            for (i, part) in wrap(sign, width.saturating_sub(4).max(4))
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
    }
    out.extend(wrap(STOP, width).into_iter().map(Line::raw));
    out
}

/// What a key did to the red-flag list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListOutcome {
    /// It scrolled, and stays open.
    Scrolled,
    /// Any other key: it closes.
    Close,
}

/// The list over any screen: asked for on its key, or shown on a trigger
/// with the reason first. Up and down scroll it; any other key closes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedFlags {
    pub warning: Warning,
    pub scroll: u16,
}

impl RedFlags {
    pub fn new(warning: Warning) -> RedFlags {
        RedFlags { warning, scroll: 0 }
    }

    fn text(&self, area: Rect, theme: &Theme) -> Vec<Line<'static>> {
        let mut lines = list_lines(&self.warning, usize::from(viewport(area).0.max(8)), theme);
        lines.push(Line::raw(""));
        lines.extend(
            wrap(NOT_A_DOCTOR, usize::from(viewport(area).0.max(8)))
                .into_iter()
                .map(|l| Line::styled(l, theme.dim)),
        );
        lines
    }

    fn end(&self, area: Rect) -> u16 {
        let rows = area.height.saturating_sub(2);
        (self.text(area, &Theme::default()).len() as u16).saturating_sub(rows)
    }

    /// A key while it is open: up and down scroll it, any other closes it.
    pub fn handle_key(&mut self, action: Option<Action>, area: Rect) -> ListOutcome {
        let end = self.end(area);
        let page = area.height.saturating_sub(3).max(1);
        let scroll = &mut self.scroll;
        match action {
            Some(Action::Down) => *scroll = (*scroll + 1).min(end),
            Some(Action::Up) => *scroll = scroll.saturating_sub(1),
            Some(Action::PageDown) => *scroll = (*scroll + page).min(end),
            Some(Action::PageUp) => *scroll = scroll.saturating_sub(page),
            Some(Action::First) => *scroll = 0,
            Some(Action::Last) => *scroll = end,
            _ => return ListOutcome::Close,
        }
        ListOutcome::Scrolled
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, _hits: &mut Hits) {
        let theme = cx.theme;
        let more = self.scroll < self.end(area);
        let title = if more {
            " signs that need help now · ↓ more · any other key closes this "
        } else {
            " signs that need help now · any key closes this "
        };
        let block = Block::bordered()
            .title(title)
            .padding(Padding::horizontal(1));
        frame.render_widget(Clear, area);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(
            Paragraph::new(self.text(area, theme)).scroll((self.scroll.min(self.end(area)), 0)),
            inner,
        );
    }
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

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Context, _hits: &mut Hits) {
        let (map, theme) = (cx.map, cx.theme);
        let block = Block::bordered()
            .title(" limber · before you start ")
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
        let end = max_scroll(area);
        let scroll = self.scroll.min(end);
        frame.render_widget(
            Paragraph::new(lines(width, theme)).scroll((scroll, 0)),
            text,
        );
        let footer = if scroll < end {
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
            let mut spans = vec![
                Span::styled(keys::first(map, Action::ReadOn), theme.key),
                Span::raw(" I have read this  ·  "),
            ];
            // Where it fits: the key that shows the list again later.
            if keys.width >= 64 {
                spans.push(Span::styled(
                    keys::first(map, Action::SafetyList),
                    theme.key,
                ));
                spans.push(Span::raw(" shows it again, on any screen  ·  "));
            }
            spans.push(Span::styled(keys::first(map, Action::Quit), theme.key));
            spans.push(Span::raw(" quit"));
            Line::from(spans)
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

    #[test]
    fn the_list_over_a_screen_scrolls_and_any_other_key_closes_it() {
        let area = Rect::new(0, 0, 44, 14);
        let mut list = RedFlags::new(Warning::asked());
        assert_eq!(
            list.handle_key(Some(Action::Down), area),
            ListOutcome::Scrolled
        );
        assert_eq!(list.scroll, 1);
        assert_eq!(
            list.handle_key(Some(Action::Last), area),
            ListOutcome::Scrolled
        );
        assert!(list.scroll > 1);
        assert_eq!(
            list.handle_key(Some(Action::Open), area),
            ListOutcome::Close
        );
        assert_eq!(list.handle_key(None, area), ListOutcome::Close);
    }
}
