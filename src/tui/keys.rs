//! The keys of each screen, in one table per screen: the footer hints and
//! the `?` help overlay are both drawn from these, so they cannot disagree.

use ratatui::crossterm::event::KeyCode;
use ratatui::text::{Line, Span};

use crate::tui::theme;

/// Where a list's selection goes for a movement key (↑ ↓ j k, g G Home
/// End), or `None` for any other key. Every list screen moves the same way.
pub fn list_move(code: KeyCode, selected: usize, len: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    match code {
        KeyCode::Down | KeyCode::Char('j') => Some((selected + 1).min(last)),
        KeyCode::Up | KeyCode::Char('k') => Some(selected.saturating_sub(1)),
        KeyCode::Home | KeyCode::Char('g') => Some(0),
        KeyCode::End | KeyCode::Char('G') => Some(last),
        _ => None,
    }
}

pub struct Hint {
    pub keys: &'static str,
    pub action: &'static str,
    /// Shown in the footer as well as in the help overlay.
    pub footer: bool,
}

const fn hint(keys: &'static str, action: &'static str, footer: bool) -> Hint {
    Hint {
        keys,
        action,
        footer,
    }
}

pub const TODAY: &[Hint] = &[
    hint("↑ ↓  j k", "move", true),
    hint("g G  Home End", "first / last routine", false),
    hint("Enter", "open", true),
    hint("c", "check in", true),
    hint("h", "history", true),
    hint("f", "a routine of your favourite exercises", false),
    hint(
        "e",
        "edit the routine in $VISUAL / $EDITOR (a built-in becomes your copy)",
        false,
    ),
    hint(
        "r",
        "today is a flare-up: a rest day (again: take it back)",
        false,
    ),
    hint("?", "keys", true),
    hint("q  Esc", "quit", true),
];

pub const HISTORY: &[Hint] = &[
    hint("Tab  1–5", "tab", true),
    hint("[ ]", "range", true),
    hint("↑ ↓  j k", "move", true),
    hint("g G  PgUp PgDn", "first / last / page", false),
    hint("Enter", "open a session", true),
    hint(
        "p a m",
        "Trends: pain, anxiety or mood alone (again: all three)",
        false,
    ),
    hint("← →  h l", "previous / next tab", false),
    hint("Esc  q", "back", true),
];

pub const DETAIL: &[Hint] = &[
    hint("Enter", "start", true),
    hint("↑ ↓  j k", "pick an exercise", true),
    hint("g G  Home End", "first / last exercise", false),
    hint("f", "mark it as one you fear", true),
    hint("e", "edit the routine", false),
    hint("?", "keys", true),
    hint("Esc  q", "back", true),
];

pub const EDIT_PROBLEMS: &[Hint] = &[
    hint("e  Enter", "edit it again", true),
    hint("Esc", "keep it as it is", true),
];

pub const GENTLE: &[Hint] = &[
    hint("Enter  g", "the gentle version", true),
    hint("f", "the full version", true),
    hint("Esc", "back to Today", true),
];

pub const CHECKIN: &[Hint] = &[
    hint("↑ ↓  Tab", "field", true),
    hint("← →  0–9", "set", true),
    hint("1 then 0", "ten", false),
    hint("Backspace", "clear fear of movement", false),
    hint("n", "note", true),
    hint("Enter", "save", true),
    hint("Esc", "skip", true),
];

pub const RUN: &[Hint] = &[
    hint("Space", "pause", true),
    hint("n  →", "skip", true),
    hint("p  ←", "back", true),
    hint("+", "15 s more", true),
    hint("Enter", "reps done", false),
    hint(
        "f",
        "mark this exercise as one you fear (again: unmark)",
        false,
    ),
    hint("0–9", "answer how much it hurts (1 then 0 for 10)", false),
    hint("Backspace", "skip that question", false),
    hint("1–5", "rate the last exercise (during a rest)", false),
    hint("?", "keys", false),
    hint("q  Esc", "end", true),
];

pub const SUMMARY: &[Hint] = &[
    hint("↑ ↓  j k", "pick", true),
    hint("1–5", "rate", true),
    hint("Enter  Esc", "done", true),
];

/// The footer line: the hints marked for it, as "key action" pairs, as many
/// whole ones as fit in `width` (a hint is never cut in half).
pub fn footer(hints: &[Hint], width: u16) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for h in hints.iter().filter(|h| h.footer) {
        let key = h.keys.split("  ").next().unwrap_or(h.keys);
        let gap = if spans.is_empty() { 0 } else { 2 };
        let len = gap + key.chars().count() + 1 + h.action.chars().count();
        if used + len > usize::from(width) {
            break;
        }
        used += len;
        if gap > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(key, theme::key()));
        spans.push(Span::raw(format!(" {}", h.action)));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_moves_within_its_ends_and_ignores_other_keys() {
        let mv = |c, at, len| list_move(KeyCode::Char(c), at, len);
        assert_eq!(mv('j', 0, 3), Some(1));
        assert_eq!(mv('j', 2, 3), Some(2));
        assert_eq!(mv('k', 0, 3), Some(0));
        assert_eq!(mv('G', 0, 3), Some(2));
        assert_eq!(mv('g', 2, 3), Some(0));
        assert_eq!(list_move(KeyCode::End, 0, 0), Some(0));
        assert_eq!(list_move(KeyCode::Down, 0, 0), Some(0));
        assert_eq!(mv('x', 1, 3), None);
        assert_eq!(list_move(KeyCode::Enter, 1, 3), None);
    }

    #[test]
    fn the_footer_keeps_whole_hints() {
        let text = |w| footer(TODAY, w).to_string();
        assert_eq!(
            text(80),
            "↑ ↓ move  Enter open  c check in  h history  ? keys  q quit"
        );
        assert_eq!(text(30), "↑ ↓ move  Enter open");
        assert_eq!(text(3), "");
    }
}
