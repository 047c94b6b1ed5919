//! The mouse: the wheel as the screen's movement actions, and a click on
//! Today's list or History's tab bar.

use std::time::Instant;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{App, Screen, act, closed_the_keys};
use crate::keymap::Action;
use crate::tui::Effect;
use crate::tui::screens::history;

/// What the wheel means where it turns: a list moves; on History's charts
/// and calendar the range widens or narrows.
fn wheel_action(app: &App, direction: i8) -> Option<Action> {
    let forward = direction > 0;
    let pick = |a: Action, b: Action| Some(if forward { a } else { b });
    match &app.screen {
        Screen::Today | Screen::Detail(_) | Screen::Summary(_) => pick(Action::Down, Action::Up),
        Screen::History(h) => match h.tab {
            history::Tab::Trends | history::Tab::Activity => {
                pick(Action::LongerRange, Action::ShorterRange)
            }
            _ => pick(Action::Down, Action::Up),
        },
        _ => None,
    }
}

/// A turn of the wheel, as its action on the screen at hand.
pub(super) fn wheel(app: &mut App, direction: i8, now: Instant) -> Vec<Effect> {
    app.notice = None;
    if closed_the_keys(app) {
        return Vec::new();
    }
    match wheel_action(app, direction) {
        Some(action) => act(app, KeyEvent::from(KeyCode::Null), Some(action), now),
        None => Vec::new(),
    }
}

/// A click: on Today's list it picks a routine (a second click opens it);
/// on History's tab bar it opens the tab.
pub(super) fn click(app: &mut App, column: u16, row: u16, now: Instant) -> Vec<Effect> {
    // Like a key: a click first clears the notice, or only closes the keys.
    app.notice = None;
    if closed_the_keys(app) {
        return Vec::new();
    }
    let (width, height) = app.size;
    match &mut app.screen {
        Screen::Today => match app.today.routine_at(row, height) {
            Some(index) if index == app.today.selected => {
                act(app, KeyEvent::from(KeyCode::Null), Some(Action::Open), now)
            }
            Some(index) => {
                app.today.selected = index;
                Vec::new()
            }
            None => Vec::new(),
        },
        Screen::History(h) if row == 0 => {
            let narrow = width.saturating_sub(2) < 56;
            let mut x = 1u16;
            for (i, tab) in history::Tab::ALL.iter().enumerate() {
                let title = if narrow && *tab != h.tab {
                    format!("{}", i + 1)
                } else {
                    format!("{} {}", i + 1, tab.title())
                };
                let end = x + title.chars().count() as u16;
                if column >= x && column < end {
                    // A tab's number is its key (numbers are not actions).
                    let digit = KeyCode::Char(char::from(b'1' + i as u8));
                    return act(app, KeyEvent::from(digit), None, now);
                }
                x = end + 1;
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}
